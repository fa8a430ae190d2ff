#pragma once

#include "client/FanOut.h"

#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <vector>

class QLabel;
class QListView;
class QPushButton;
class QScrollArea;
class QSplitter;
class QStandardItemModel;

namespace Boxscope {

class Connection;
class FanOutColumn;
class RequestForm;

/// One request to several instances, side by side: a list of instances with check boxes (set
/// by whoever knows them: the open connections, a replica set), a request form, "Send to
/// selected", and one column per instance sent to (FanOutColumn: its pushes as they come, its
/// timing, its result or error). "Export JSON lines…" writes the fan-out as FanOut does: the
/// CLI's lines plus "instance".
///
/// A new Send replaces the previous fan-out (its pending requests are discarded).
class FanOutPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FanOutPanel(QWidget *parent = nullptr);
    ~FanOutPanel() override;

    /// The instances to choose from, each named (its host:port) with its connection. Those
    /// listed before keep their check mark; new ones come checked.
    void setInstances(const QList<QPair<QString, Connection *>> &instances);
    QStringList instances() const;
    void setChecked(const QString &instance, bool checked);
    QStringList checkedInstances() const;

    /// Empty when Send can go; otherwise why not.
    QString sendProblem() const;
    /// Sends the form's request to every checked instance; false (nothing sent) with
    /// sendProblem() otherwise.
    bool send();
    /// The fan-out as JSON lines into path; with an empty path a save dialog asks for one.
    bool exportJsonLines(const QString &path = QString(), QString *error = nullptr);

    RequestForm *form() const { return m_form; }
    QListView *instanceList() const { return m_instanceList; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *problemLabel() const { return m_problem; }
    /// The current fan-out (null before the first Send).
    FanOut *fanOut() const { return m_fanOut; }
    /// The current fan-out's columns, in the instances' order.
    const std::vector<FanOutColumn *> &columns() const { return m_columns; }

signals:
    /// A fan-out was sent.
    void sent(Boxscope::FanOut *fanOut);

private:
    void updateState();

    struct Instance
    {
        QString name;
        QPointer<Connection> connection;
    };
    QList<Instance> m_list;
    QStandardItemModel *m_instances;
    QListView *m_instanceList;
    RequestForm *m_form;
    QPushButton *m_send;
    QPushButton *m_export;
    QLabel *m_problem;
    QLabel *m_summary;
    QScrollArea *m_scroll;
    QSplitter *m_columnSplitter = nullptr;
    QPointer<FanOut> m_fanOut;
    std::vector<FanOutColumn *> m_columns;
};

} // namespace Boxscope
