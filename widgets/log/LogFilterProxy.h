#pragma once

#include "logging/Log.h"

#include <QSortFilterProxyModel>

namespace Boxscope {

/// Shows lines at or above a level whose text contains a filter string (and, when one is set,
/// that name a connection).
class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(LogLevel level);
    void setText(const QString &text);
    /// Only lines about this connection (by name); empty: every line.
    void setConnection(const QString &connection);
    QString connection() const { return m_connection; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogLevel m_minLevel = LogLevel::Debug;
    QString m_text;
    QString m_connection;
};

} // namespace Boxscope
