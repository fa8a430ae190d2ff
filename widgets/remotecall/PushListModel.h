#pragma once

#include "client/Request.h"
#include "common/LiveStream.h"

#include <QAbstractTableModel>

#include <QPointer>
#include <QTimer>
#include <optional>

namespace Boxscope {

/// The live push list of one request: index, time since the request was sent, a one-line
/// preview. It reads the request's own push buffer (no copy) and follows it in batches: a
/// flood of pushes becomes one rowsInserted per ~16 ms flush, never one per push. At most
/// cap() rows are shown, and only pushes the request still holds (its push retention is the
/// request's business, set when it is made); older pushes are dropped from the list and
/// counted. In count-only
/// mode it shows no rows at all, only the counts move. As a LiveStream, StreamBar pauses,
/// clears, searches and counts it.
class PushListModel : public QAbstractTableModel, public LiveStream
{
    Q_OBJECT
public:
    enum Column { IndexColumn, TimeColumn, DeltaColumn, PreviewColumn, ColumnCount };

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
    void setPaused(bool paused) override;
    bool isPaused() const override { return m_paused; }
    qint64 pausedAtMs() const override { return m_paused ? m_pausedAtMs : 0; }

    // LiveStream
    QAbstractItemModel *streamModel() override { return this; }
    /// Hides the pushes received so far from the list (the request keeps them).
    void clearRows() override;
    void restoreRows() override;
    bool canRestore() const override { return m_hiddenThrough != m_restoreThrough; }
    /// received: the request's pushes; kept: those the list can show (the request holds them
    /// and they are within the cap); dropped: the rest.
    Totals totals() const override;
    quint64 keyAt(int row) const override { return pushIndex(row); }
    int rowOfKey(quint64 key) const override;
    bool timeAt(int row, qint64 *ns) const override;
    bool rowMatches(int row, const StreamNeedle &needle) const override;

    /// Brings the rows up to date now (the timer does it otherwise; not while paused).
    void flush();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// After each flush: the counts shown beside the list.
    void countsChanged(quint64 total, quint64 dropped);
    void pausedChanged(bool paused);

private:
    /// The push shown in a row, decoded; nothing when it is no longer held.
    std::optional<Push> pushAt(int row) const;
    /// Where push `index` is in the request's kept pushes; false when it is no longer held.
    bool heldPosition(quint64 index, size_t *position) const;
    /// The first push the list may show: within the cap and still held (hidden ones aside).
    quint64 firstListable() const;
    void schedule();
    void update(bool evenPaused);

    QPointer<Request> m_request;
    QTimer m_flushTimer;
    int m_cap = 100000;
    bool m_countOnly = false;
    bool m_paused = false;
    qint64 m_pausedAtMs = 0;
    quint64 m_hiddenThrough = 0;  ///< pushes up to this index are hidden (Clear)
    quint64 m_restoreThrough = 0; ///< what Restore goes back to
    quint64 m_first = 1;          ///< push index of row 0
    int m_rows = 0;
};

} // namespace Boxscope
