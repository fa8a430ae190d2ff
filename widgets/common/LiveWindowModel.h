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

    /// Brings the rows up to date now (the timer does it otherwise).
    void flush();
    void schedule();
    /// Drops every row (the source was cleared or replaced).
    void reset();

signals:
    void flushed();

protected:
    /// The newest sequence number the source has produced (0 when none).
    virtual quint64 newestSeq() const = 0;
    /// The oldest sequence number the source still holds (newestSeq() + 1 when none).
    virtual quint64 oldestHeldSeq() const = 0;

private:
    QTimer m_flushTimer;
    quint64 m_first = 1;
    int m_rows = 0;
};

} // namespace Boxscope
