#include "log/LogModel.h"

#include "common/Theme.h"

#include <QBrush>
#include <QColor>
#include <QIODevice>

namespace Boxscope {

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(16);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flush);
}

void LogModel::append(LogLevel level, const QString &source, const QString &message)
{
    append(level, source, message, QString());
}

void LogModel::append(LogLevel level, const QString &source, const QString &message, const QString &connection)
{
    if (!connection.isEmpty() && !m_connections.contains(connection)) {
        m_connections << connection;
        emit connectionSeen(connection);
    }
    m_queue.push_back(Entry { QDateTime::currentMSecsSinceEpoch(), level, source, message, connection });
    ++m_total;
    // A flood queues faster than it can be shown: keep only what the cap would keep.
    while (int(m_queue.size()) > m_cap) {
        m_queue.pop_front();
        ++m_dropped;
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::flush()
{
    m_flushTimer.stop();
    if (m_queue.empty()) {
        if (m_dropped != m_droppedSignalled) {
            m_droppedSignalled = m_dropped;
            emit droppedChanged(m_dropped);
        }
        return;
    }
    const int incoming = int(m_queue.size());
    const int overflow = int(m_entries.size()) + incoming - m_cap;
    if (overflow > 0) {
        const int remove = std::min(overflow, int(m_entries.size()));
        if (remove > 0) {
            beginRemoveRows({}, 0, remove - 1);
            m_entries.erase(m_entries.begin(), m_entries.begin() + remove);
            endRemoveRows();
            m_dropped += quint64(remove);
        }
    }
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (Entry &e : m_queue)
        m_entries.push_back(std::move(e));
    m_queue.clear();
    endInsertRows();
    // Lines trimmed while still queued count too (append() already added them).
    if (m_dropped != m_droppedSignalled) {
        m_droppedSignalled = m_dropped;
        emit droppedChanged(m_dropped);
    }
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_queue.clear();
    m_dropped = 0;
    m_droppedSignalled = 0;
    m_total = 0;
    m_connections.clear();
    endResetModel();
    emit droppedChanged(0);
}

void LogModel::setCap(int rows)
{
    m_cap = std::max(1, rows);
    flush();
    const int overflow = int(m_entries.size()) - m_cap;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + overflow);
        endRemoveRows();
        m_dropped += quint64(overflow);
        m_droppedSignalled = m_dropped;
        emit droppedChanged(m_dropped);
    }
}

QString LogModel::levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return tr("debug");
    case LogLevel::Info: return tr("info");
    case LogLevel::Warning: return tr("warning");
    case LogLevel::Error: return tr("error");
    }
    return QString::number(int(level));
}

QString LogModel::formatLine(const Entry &e)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(e.msecs).toString(Qt::ISODateWithMs);
    if (!e.connection.isEmpty())
        return QStringLiteral("%1 %2 [%3] %4: %5").arg(time, levelName(e.level), e.connection, e.source, e.message);
    return QStringLiteral("%1 %2 %3: %4").arg(time, levelName(e.level), e.source, e.message);
}

bool LogModel::save(QIODevice *device) const
{
    // Shown lines, then those still queued for the next flush.
    for (const auto *list : { &m_entries, &m_queue }) {
        for (const Entry &e : *list) {
            const QByteArray line = formatLine(e).toUtf8() + '\n';
            if (device->write(line) != line.size())
                return false;
        }
    }
    return true;
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void LogModel::setConnectionColour(const QString &connection, const QColor &colour)
{
    if (colour.isValid())
        m_colours.insert(connection, colour);
    else
        m_colours.remove(connection);
    if (!m_entries.empty())
        emit dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, ConnectionColumn), { Qt::DecorationRole });
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    if (role == LevelRole)
        return int(e.level);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(e.msecs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn: return levelName(e.level);
        case ConnectionColumn: return e.connection;
        case SourceColumn: return e.source;
        case MessageColumn: return e.message;
        }
    }
    if (role == Qt::DecorationRole && index.column() == ConnectionColumn && !m_colours.isEmpty()) {
        const QColor colour = m_colours.value(e.connection);
        return colour.isValid() ? QVariant(colour) : QVariant();
    }
    if (role == Qt::ForegroundRole) {
        if (e.level == LogLevel::Error)
            return QBrush(Theme::color(Theme::Color::Error));
        if (e.level == LogLevel::Warning)
            return QBrush(Theme::color(Theme::Color::Warning));
        if (e.level == LogLevel::Debug)
            return QBrush(Theme::color(Theme::Color::Muted));
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case LevelColumn: return tr("Level");
    case ConnectionColumn: return tr("Connection");
    case SourceColumn: return tr("Source");
    case MessageColumn: return tr("Message");
    }
    return {};
}

} // namespace Boxscope
