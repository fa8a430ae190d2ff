#pragma once

#include "client/FanOut.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTableView;

namespace Boxscope {

class PushListModel;
class ValueView;

/// One instance's column in the fan-out panel: its name, its timing (sent → first push →
/// finished), its live push list (a PushListModel: batched, capped in rows, over the pushes
/// its request still holds) and its result or error in a ValueView, as the result view shows
/// them.
class FanOutColumn : public QWidget
{
    Q_OBJECT
public:
    FanOutColumn(FanOut *fanOut, int instance, QWidget *parent = nullptr);

    QString instance() const;
    QLabel *timingLabel() const { return m_timing; }
    QTableView *pushView() const { return m_pushView; }
    PushListModel *pushes() const { return m_pushes; }
    ValueView *result() const { return m_result; }

    /// Rows the push list shows at most.
    static constexpr int kPushRows = 10000;

private:
    void updateTiming();
    void updateResult();

    QPointer<FanOut> m_fanOut;
    int m_instance;
    QLabel *m_title;
    QLabel *m_timing;
    QLabel *m_pushCount;
    PushListModel *m_pushes;
    QTableView *m_pushView;
    ValueView *m_result;
};

} // namespace Boxscope
