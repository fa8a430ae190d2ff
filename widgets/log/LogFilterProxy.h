#pragma once

#include "logging/Log.h"

#include <QSortFilterProxyModel>

namespace Boxscope {

/// Shows lines at or above a level whose text contains a filter string.
class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(LogLevel level);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogLevel m_minLevel = LogLevel::Debug;
    QString m_text;
};

} // namespace Boxscope
