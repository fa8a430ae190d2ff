#pragma once

#include <QPointer>
#include <QSplitter>
#include <QStringList>

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;

class QTabWidget;
class QTableView;

namespace Boxscope {

class MpValue;
class PushFilter;
class PushListModel;
class PushRateChart;
class Request;
class StreamBar;
class ValueView;

/// Beside the history: one request's live push list with its counts (and a count-only switch
/// for floods), the selected push or the push charts (PushRateChart), and the final result or
/// error as it arrives.
class RequestDetail : public QSplitter
{
    Q_OBJECT
public:
    explicit RequestDetail(QWidget *parent = nullptr);

    /// Shows request (nullptr: nothing); follows its pushes and its end.
    void showRequest(Request *request);
    Request *request() const { return m_request; }

    QTableView *pushView() const { return m_pushView; }
    PushListModel *pushes() const { return m_pushes; }
    /// What the push list shows: pushes filtered by value text, in the order chosen.
    PushFilter *pushFilter() const { return m_pushFilter; }
    QLineEdit *pushFilterEdit() const { return m_pushFilterEdit; }
    StreamBar *pushBar() const { return m_pushBar; }
    QLabel *pushCountLabel() const { return m_pushCount; }
    QCheckBox *countOnlyBox() const { return m_countOnly; }
    ValueView *pushDetail() const { return m_pushDetail; }
    /// The request's pushes per second and gaps between pushes, in a tab beside the selected push.
    PushRateChart *pushChart() const { return m_pushChart; }
    QTabWidget *pushTabs() const { return m_pushTabs; }
    ValueView *resultView() const { return m_result; }

    /// The tuples of a result the grid shows (nullptr: none) and their columns' names: a space
    /// request's tuples (named by the space's format), a call's or eval's one table of arrays,
    /// an SQL statement's rows (named by its metadata).
    static const MpValue *tableRows(const Request &request, const MpValue &data, QStringList *fieldNames);
    /// The field names of the request's space (its format), empty when it has none.
    static QStringList spaceFieldNames(const Request &request);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateResult();
    void updatePushCount(quint64 total, quint64 dropped);
    void onPushSelection();
    void setUpPushStream(QWidget *pushPane);

    QPointer<Request> m_request;
    PushListModel *m_pushes;
    PushFilter *m_pushFilter;
    QLineEdit *m_pushFilterEdit = nullptr;
    StreamBar *m_pushBar = nullptr;
    QHBoxLayout *m_pushStatus = nullptr;
    QTableView *m_pushView;
    QSplitter *m_pushSplitter;
    bool m_sized = false;
    QLabel *m_pushCount;
    QCheckBox *m_countOnly;
    ValueView *m_pushDetail;
    PushRateChart *m_pushChart;
    QTabWidget *m_pushTabs;
    ValueView *m_result;
    bool m_followPushes = true;
};

} // namespace Boxscope
