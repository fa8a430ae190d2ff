#pragma once

#include "client/Request.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <deque>

namespace Boxscope {

/// One row per request: method, target, state, push count, time to first push, duration; a
/// request sent with a timeout says so in the tooltips of its target, state and duration.
/// Rows update live, coalesced: a request that receives 10^5 pushes marks its row dirty and
/// one dataChanged per ~16 ms (the push list's cadence) covers all dirty rows; a request that
/// finishes is shown finished at once. The model owns the requests it lists: it
/// adopts each (it becomes the request's QObject parent) and deletes it when its row is
/// dropped over the cap or cleared.
class RequestHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SyncColumn,
        MethodColumn,
        TargetColumn,
        StateColumn,
        PushesColumn,
        FirstPushColumn,
        DurationColumn,
        ColumnCount
    };
    enum Role { StateRole = Qt::UserRole + 1 };

    explicit RequestHistoryModel(QObject *parent = nullptr);
    /// The connection's colour tag, shown at the start of every row (invalid: none).
    void setTagColour(const QColor &colour);
    QColor tagColour() const { return m_tagColour; }
    ~RequestHistoryModel() override;

    /// Adds a row at the end; the model adopts the request (see Request on ownership).
    void addRequest(Request *request, const QString &argumentsText = QString());
    Request *request(int row) const;
    int rowOf(const Request *request) const;
    /// The arguments as the person typed them (for re-running).
    QString argumentsText(int row) const;

    void setCap(int rows);
    int cap() const { return m_cap; }
    quint64 dropped() const { return m_dropped; }
    void clear();
    /// Emits the pending dataChanged now.
    void flush();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(Request::State state);
    /// "0.50 s": a request's timeout as the history and the panel name it.
    static QString secondsText(qint64 ms);

signals:
    void droppedChanged(quint64 dropped);

private:
    struct Row
    {
        QPointer<Request> request;
        QString argumentsText;
        /// The columns' text as last seen, shown if the request object is ever gone before
        /// its row (the model owns it, so only when the model itself deletes it).
        QStringList snapshot;
    };
    QStringList snapshotOf(const Request *r) const;
    QString textOf(const Request *r, int column, int role) const;
    void markDirty(Request *request);
    void tick();

    std::deque<Row> m_rows;
    QSet<Request *> m_dirty;
    QTimer m_timer;
    QTimer m_tick; ///< keeps the duration of pending rows moving
    int m_cap = 5000;
    quint64 m_dropped = 0;
    QColor m_tagColour;
};

} // namespace Boxscope
