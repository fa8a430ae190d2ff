#include "log/LogFilterProxy.h"

#include "log/LogModel.h"

namespace Boxscope {

void LogFilterProxy::setMinimumLevel(LogLevel level)
{
    m_minLevel = level;
    invalidateFilter();
}

void LogFilterProxy::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

void LogFilterProxy::setConnection(const QString &connection)
{
    m_connection = connection;
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, LogModel::MessageColumn, sourceParent);
    if (idx.data(LogModel::LevelRole).toInt() < int(m_minLevel))
        return false;
    if (!m_connection.isEmpty()
        && sourceModel()->index(sourceRow, LogModel::ConnectionColumn, sourceParent).data().toString() != m_connection)
        return false;
    if (m_text.isEmpty())
        return true;
    if (idx.data().toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    return sourceModel()
            ->index(sourceRow, LogModel::SourceColumn, sourceParent)
            .data()
            .toString()
            .contains(m_text, Qt::CaseInsensitive);
}

} // namespace Boxscope
