#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

class QAbstractItemModel;

namespace Boxscope {

/// What a stream search looks for: text in a row's one-line preview (case-insensitive) or,
/// when the query reads as hex bytes ("82 00 01", "a1b2"), those bytes in the row's msgpack.
struct StreamNeedle
{
    QString text;
    QByteArray bytes;

    static StreamNeedle fromQuery(const QString &query);
    bool isEmpty() const { return text.isEmpty(); }
    /// Whether preview contains the text or raw contains the bytes (raw may be null when the
    /// row has no bytes at hand: then only the text counts).
    bool matches(const QString &preview, const QByteArray *raw) const;
};

/// A live list of a stream (pushes, frames) as StreamBar drives it: a display that pauses
/// while collecting goes on, rows cleared from view and restored, exact totals, the time of
/// each row and a search over the rows' previews and bytes. Rows are the source model's; a
/// row's key is its number in the stream (#N), which stays when older rows go.
class LiveStream
{
public:
    /// The key (quint64) for any column: sorting by it gives the stream's order.
    static constexpr int KeyRole = Qt::UserRole + 100;

    /// received = kept + dropped: what the stream brought, what is still held, what went to
    /// a cap; cleared: held rows Clear hides; pending: rows not listed yet while paused.
    struct Totals
    {
        quint64 received = 0;
        quint64 kept = 0;
        quint64 dropped = 0;
        quint64 cleared = 0;
        quint64 pending = 0;
    };

    virtual ~LiveStream() = default;

    virtual QAbstractItemModel *streamModel() = 0;
    virtual void setPaused(bool paused) = 0;
    virtual bool isPaused() const = 0;
    /// When the display was paused (ms since the epoch), 0 when it is not.
    virtual qint64 pausedAtMs() const = 0;
    /// Hides every row received so far; Restore brings them back until the next Clear.
    virtual void clearRows() = 0;
    virtual void restoreRows() = 0;
    virtual bool canRestore() const = 0;
    virtual Totals totals() const = 0;

    /// The key of a row of streamModel(), 0 when out of range; the row of a key, -1 when none.
    virtual quint64 keyAt(int row) const = 0;
    virtual int rowOfKey(quint64 key) const = 0;
    /// A monotonic time of the row in ns; false when the row is no longer held.
    virtual bool timeAt(int row, qint64 *ns) const = 0;
    virtual bool rowMatches(int row, const StreamNeedle &needle) const = 0;
};

} // namespace Boxscope
