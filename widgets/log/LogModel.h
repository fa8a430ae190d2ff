#pragma once

#include "logging/Log.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QTimer>

#include <deque>

class QIODevice;

namespace Boxscope {

/// The shared log: every connection event, request, push, result and error, with a
/// timestamp, a level, the connection it concerns (its name; empty for what concerns none) and
/// a source. Appends are queued and inserted in batches (one
/// beginInsertRows per flush, never one per line); past the cap the oldest lines are
/// dropped and counted.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, ConnectionColumn, SourceColumn, MessageColumn, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1 };

    struct Entry
    {
        qint64 msecs = 0; ///< since the epoch; formatted only when shown (no time-zone lookup per line)
        LogLevel level = LogLevel::Info;
        QString source;
        QString message;
        QString connection; ///< the connection's name; empty: none in particular
    };

    explicit LogModel(QObject *parent = nullptr);

    void append(LogLevel level, const QString &source, const QString &message);
    /// A line about one connection, named as its tab is.
    void append(LogLevel level, const QString &source, const QString &message, const QString &connection);
    /// Inserts what is queued now (the timer does it otherwise).
    void flush();
    void clear();

    /// The colour tag shown beside a connection's name (a saved connection's; invalid: none).
    void setConnectionColour(const QString &connection, const QColor &colour);
    QColor connectionColour(const QString &connection) const { return m_colours.value(connection); }

    void setCap(int rows);
    int cap() const { return m_cap; }
    /// Lines dropped since the last clear (over the cap).
    quint64 dropped() const { return m_dropped; }
    /// Every line appended since the last clear, shown or dropped or queued.
    quint64 total() const { return m_total; }
    const Entry &entry(int row) const { return m_entries[size_t(row)]; }

    /// Writes every line as "time level source: message" ("time level [connection] source:
    /// message" for a line about a connection).
    bool save(QIODevice *device) const;
    static QString levelName(LogLevel level);
    static QString formatLine(const Entry &e);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void droppedChanged(quint64 dropped);
    /// A line named a connection no line named before (since the last clear).
    void connectionSeen(const QString &connection);

private:
    std::deque<Entry> m_entries;
    std::deque<Entry> m_queue;
    QTimer m_flushTimer;
    int m_cap = 50000;
    quint64 m_dropped = 0;
    quint64 m_droppedSignalled = 0;
    quint64 m_total = 0;
    QHash<QString, QColor> m_colours;
    QStringList m_connections; ///< names seen, in order of their first line
};

} // namespace Boxscope
