#pragma once

#include <QSortFilterProxyModel>

namespace Boxscope {

/// Shows lines at or above a level whose text contains a filter string.
class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(int level);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minLevel = 0;
    QString m_text;
};

} // namespace Boxscope
