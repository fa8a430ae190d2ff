#pragma once

#include <QAbstractTableModel>
#include <QTimer>

namespace Boxscope {

/// A table over a bounded, growing record whose items carry consecutive sequence numbers
/// (1, 2, ...) and lose their oldest ones to a cap: a socket transcript, an IPROTO capture.
///
/// Rows are a window [first, first + rows) of sequence numbers. The source only calls
/// schedule() when it grows; a single-shot timer (16 ms) then brings the window up to date
/// with one remove (items the source dropped) and one insert (new items) — a flood of
/// chunks or frames is one model update per flush, never one per item.
class LiveWindowModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit LiveWindowModel(QObject *parent = nullptr);

    /// The sequence number of a row; 0 when out of range.
    quint64 seqAt(int row) const { return row >= 0 && row < m_rows ? m_first + quint64(row) : 0; }
    /// The row showing seq, -1 when none.
    int rowOfSeq(quint64 seq) const;
    int rowCount(const QModelIndex &parent = {}) const override;

    /// Brings the rows up to date now (the timer does it otherwise; not while paused).
    void flush();
    void schedule();
    /// Drops every row (the source was cleared or replaced).
    void reset();

    /// Paused: the rows stay as they are while the source goes on; resuming brings them up
    /// to date. flushed() is still emitted (the counts move).
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    qint64 pausedAtMs() const { return m_paused ? m_pausedAtMs : 0; }
    /// Items the source produced after the last row while paused.
    quint64 pendingCount() const;
    /// Hides the items produced so far (the source keeps them); restoreRows() shows them
    /// again, until the next hideRows().
    void hideRows();
    void restoreRows();
    bool canRestore() const { return m_hiddenThrough != m_restoreThrough; }
    /// Held items hidden by hideRows().
    quint64 hiddenCount() const;

signals:
    void flushed();
    void pausedChanged(bool paused);

protected:
    /// The newest sequence number the source has produced (0 when none).
    virtual quint64 newestSeq() const = 0;
    /// The oldest sequence number the source still holds (newestSeq() + 1 when none).
    virtual quint64 oldestHeldSeq() const = 0;

private:
    void update(bool evenPaused);
    /// The oldest item shown: held by the source and not hidden.
    quint64 oldestShownSeq() const;

    QTimer m_flushTimer;
    quint64 m_first = 1;
    int m_rows = 0;
    bool m_paused = false;
    qint64 m_pausedAtMs = 0;
    quint64 m_hiddenThrough = 0;  ///< items up to this one are hidden
    quint64 m_restoreThrough = 0; ///< what restoreRows() goes back to
};

} // namespace Boxscope
