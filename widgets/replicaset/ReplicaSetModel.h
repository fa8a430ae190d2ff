#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace Boxscope {

class ReplicaSetMonitor;

/// The instances a ReplicaSetMonitor follows, one row each, in the order they were found.
/// Rows only grow until the monitor starts again (a reset); a refresh changes its row.
class ReplicaSetModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Instance,
        Uri,
        Role,
        Status,
        Upstream,
        Downstream,
        Lag,
        Idle,
        LagChart,
        Vclock,
        Election,
        Problem,
        Open,
        ColumnCount
    };
    Q_ENUM(Column)
    /// The lag history of the row (QList<double>, seconds, oldest first) in any column.
    static constexpr int LagHistoryRole = Qt::UserRole + 1;
    /// The instance's URI (host:port) in any column.
    static constexpr int UriRole = Qt::UserRole + 2;

    explicit ReplicaSetModel(ReplicaSetMonitor *monitor, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<ReplicaSetMonitor> m_monitor;
    int m_rows = 0; ///< the rows announced so far (the monitor adds first, then says so)
};

} // namespace Boxscope
