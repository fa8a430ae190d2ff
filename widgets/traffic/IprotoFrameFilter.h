#pragma once

#include <QSortFilterProxyModel>

namespace Boxscope {

/// Filters frames by direction, SYNC and type.
class IprotoFrameFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    /// 0 both, 1 sent only, 2 received only.
    void setDirection(int direction);
    /// Empty: any SYNC.
    void setSync(const QString &sync);
    /// Case-insensitive part of the type name ("chunk", "call", "error").
    void setType(const QString &type);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_direction = 0;
    bool m_hasSync = false;
    quint64 m_sync = 0;
    QString m_type;
};

} // namespace Boxscope
