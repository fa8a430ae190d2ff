#include "replicaset/ReplicaSetModel.h"

#include "client/ReplicaSetMonitor.h"
#include "common/Theme.h"

#include <QLocale>

namespace Boxscope {

namespace {

QString seconds(double s)
{
    if (s < 0)
        return {};
    return ReplicaSetModel::tr("%1 s").arg(QLocale().toString(s, 'f', s < 10 ? 3 : 1));
}

QString clock(const QDateTime &t)
{
    return QLocale().toString(t.time(), QStringLiteral("HH:mm:ss"));
}

} // namespace

ReplicaSetModel::ReplicaSetModel(ReplicaSetMonitor *monitor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_monitor(monitor)
{
    connect(monitor, &ReplicaSetMonitor::cleared, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
    connect(monitor, &ReplicaSetMonitor::instanceAdded, this, [this](int) {
        const int to = m_monitor->count();
        if (to <= m_rows)
            return;
        beginInsertRows({}, m_rows, to - 1);
        m_rows = to;
        endInsertRows();
    });
    connect(monitor, &ReplicaSetMonitor::instanceChanged, this, [this](int row) {
        if (row < m_rows)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
}

int ReplicaSetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ReplicaSetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReplicaSetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Instance: return tr("Instance");
    case Uri: return tr("URI");
    case Role: return tr("Role");
    case Status: return tr("Status");
    case Upstream: return tr("Upstream");
    case Downstream: return tr("Downstream");
    case Lag: return tr("Lag");
    case Idle: return tr("Idle");
    case LagChart: return tr("Lag chart");
    case Vclock: return tr("Vclock");
    case Election: return tr("Election");
    case Problem: return tr("Error / down since");
    case Open: return tr("Open");
    }
    return {};
}

QVariant ReplicaSetModel::data(const QModelIndex &index, int role) const
{
    if (!m_monitor || !index.isValid() || index.row() >= m_rows || index.row() >= m_monitor->count())
        return {};
    const ReplicaSetInstance &in = m_monitor->instance(index.row());
    using Health = ReplicaSetInstance::Health;
    if (role == UriRole)
        return in.uri;
    if (role == LagHistoryRole) {
        QList<double> lags;
        lags.reserve(qsizetype(in.lagHistory.size()));
        for (const LagSample &s : in.lagHistory)
            lags << s.lag;
        return QVariant::fromValue(lags);
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Status || index.column() == Problem) {
            if (in.health == Health::Down)
                return Theme::color(Theme::Color::Error);
            if (in.health == Health::NotAnswering)
                return Theme::color(Theme::Color::Warning);
            if (index.column() == Problem && !in.lastError.isEmpty())
                return Theme::color(Theme::Color::Muted);
        }
        if ((index.column() == Upstream && in.answered && in.upstreamSummary() != QLatin1String("follow")
             && !in.upstreams.isEmpty())
            || (index.column() == Downstream && in.answered && in.downstreamSummary() != QLatin1String("follow")
                && !in.downstreams.isEmpty()))
            return Theme::color(Theme::Color::Warning);
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Upstream: {
            QStringList lines;
            for (const ReplicationLink &l : in.upstreams)
                lines << tr("from %1 (id %2): %3, lag %4, idle %5%6")
                                 .arg(l.peer, QString::number(l.peerId), l.status, seconds(l.lag), seconds(l.idle),
                                      l.message.isEmpty() ? QString() : QStringLiteral(" — ") + l.message);
            return lines.join(QLatin1Char('\n'));
        }
        case Downstream: {
            QStringList lines;
            for (const ReplicationLink &l : in.downstreams)
                lines << tr("to id %1: %2, idle %3%4")
                                 .arg(QString::number(l.peerId), l.status, seconds(l.idle),
                                      l.message.isEmpty() ? QString() : QStringLiteral(" — ") + l.message);
            return lines.join(QLatin1Char('\n'));
        }
        case Problem:
            if (!in.lastError.isEmpty())
                return tr("Last error at %1: %2").arg(QLocale().toString(in.lastErrorAt), in.lastError);
            return {};
        case Instance: return in.uuid;
        case LagChart:
            return tr("The largest upstream lag at each refresh (the last %n)", nullptr, int(in.lagHistory.size()));
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Instance: return in.id ? QString::number(in.id) : QString();
    case Uri: return in.uri;
    case Role: return in.answered ? (in.ro ? tr("ro") : tr("rw")) : QString();
    case Status:
        switch (in.health) {
        case Health::Connecting: return tr("connecting");
        case Health::Down: return tr("down");
        case Health::NotAnswering: return tr("not answering");
        case Health::Up: return in.status;
        }
        return {};
    // A down instance's last figures would look healthy: shown as unknown until it answers.
    case Upstream: return in.health == Health::Down ? QStringLiteral("—") : in.upstreamSummary();
    case Downstream: return in.health == Health::Down ? QStringLiteral("—") : in.downstreamSummary();
    case Lag: return in.health == Health::Down ? QStringLiteral("—") : seconds(in.lag());
    case Idle: return in.health == Health::Down ? QStringLiteral("—") : seconds(in.idle());
    case LagChart: return role == Qt::AccessibleTextRole ? seconds(in.lag()) : QString();
    case Vclock: return in.answered ? in.vclock : QString();
    case Election: return in.election;
    case Problem:
        if (in.health == Health::Down)
            return tr("down since %1: %2").arg(clock(in.healthSince), in.lastError);
        if (in.health == Health::NotAnswering)
            return tr("no answer since %1: %2").arg(clock(in.healthSince), in.lastError);
        return {};
    case Open: return {};
    }
    return {};
}

} // namespace Boxscope
