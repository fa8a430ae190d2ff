#include "remotecall/PushFilter.h"

#include "remotecall/PushListModel.h"

namespace Boxscope {

void PushFilter::setText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateFilter();
}

bool PushFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    return sourceModel()
            ->index(sourceRow, PushListModel::PreviewColumn, sourceParent)
            .data()
            .toString()
            .contains(m_text, Qt::CaseInsensitive);
}

} // namespace Boxscope
