#include "traffic/IprotoFrameFilter.h"

#include "traffic/IprotoFrameModel.h"

namespace Boxscope {

void IprotoFrameFilter::setDirection(int direction)
{
    m_direction = direction;
    invalidateFilter();
}

void IprotoFrameFilter::setSync(const QString &sync)
{
    m_sync = sync.trimmed().toULongLong(&m_hasSync);
    invalidateFilter();
}

void IprotoFrameFilter::setType(const QString &type)
{
    m_type = type.trimmed();
    invalidateFilter();
}

void IprotoFrameFilter::setCategory(int category)
{
    m_category = category;
    invalidateFilter();
}

void IprotoFrameFilter::setShowOwn(bool show)
{
    if (m_showOwn == show)
        return;
    m_showOwn = show;
    invalidateFilter();
}

bool IprotoFrameFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_showOwn && i.data(IprotoFrameModel::OwnRole).toBool())
        return false;
    if (m_category != 0 && i.data(IprotoFrameModel::CategoryRole).toInt() != m_category)
        return false;
    if (m_direction != 0 && i.data(IprotoFrameModel::DirectionRole).toInt() != m_direction)
        return false;
    if (m_hasSync
        && (!i.data(IprotoFrameModel::HasSyncRole).toBool()
            || i.data(IprotoFrameModel::SyncRole).toULongLong() != m_sync))
        return false;
    if (!m_type.isEmpty()) {
        const QString type =
                sourceModel()->index(sourceRow, IprotoFrameModel::TypeColumn, sourceParent).data().toString();
        if (!type.contains(m_type, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace Boxscope
