#pragma once

#include "client/Request.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

namespace Boxscope {

/// The live push list of one request: index, time since the request was sent, a one-line
/// preview. It reads the request's own push buffer (no copy) and follows it in batches: a
/// flood of pushes becomes one rowsInserted per ~16 ms flush, never one per push. At most
/// cap() rows are shown, and only pushes the request still holds (its push retention is the
/// request's business, set when it is made); older pushes are dropped from the list and
/// counted. In count-only
/// mode it shows no rows at all, only the counts move.
class PushListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IndexColumn, TimeColumn, PreviewColumn, ColumnCount };

    explicit PushListModel(QObject *parent = nullptr);

    void setRequest(Request *request);
    Request *request() const { return m_request; }

    void setCap(int rows);
    int cap() const { return m_cap; }
    void setCountOnly(bool on);
    bool countOnly() const { return m_countOnly; }

    /// Pushes the request received so far (shown, dropped or not yet flushed).
    quint64 totalPushes() const;
    /// Pushes not in the list because of the cap (or count-only mode).
    quint64 droppedPushes() const;
    /// 1-based push index of a row; 0 when out of range.
    quint64 pushIndex(int row) const { return row >= 0 && row < m_rows ? m_first + quint64(row) : 0; }
    /// The full value of a row's push, when the request still holds it.
    bool pushValue(int row, MpValue *out) const;

    /// Paused: the rows stay as they are while pushes keep coming (the counts still move);
    /// resuming brings them up to date. A request shown while paused is listed once.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    /// Brings the rows up to date now (the timer does it otherwise; not while paused).
    void flush();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// After each flush: the counts shown beside the list.
    void countsChanged(quint64 total, quint64 dropped);

private:
    const Push *pushAt(int row) const;
    void schedule();
    void update(bool evenPaused);

    QPointer<Request> m_request;
    QTimer m_flushTimer;
    int m_cap = 100000;
    bool m_countOnly = false;
    bool m_paused = false;
    quint64 m_first = 1; ///< push index of row 0
    int m_rows = 0;
};

} // namespace Boxscope
