#include "remotecall/RequestHistoryModel.h"

#include "common/Theme.h"

#include <QBrush>
#include <QColor>

namespace Boxscope {

RequestHistoryModel::RequestHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // The push list's cadence: the row's count keeps up with the push count label.
    m_timer.setSingleShot(true);
    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &RequestHistoryModel::flush);
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &RequestHistoryModel::tick);
}

void RequestHistoryModel::tick()
{
    bool pending = false;
    // Pending requests are the newest rows; stop at the first long run of finished ones.
    int finishedRun = 0;
    for (int row = int(m_rows.size()) - 1; row >= 0 && finishedRun < 64; --row) {
        Request *r = m_rows[size_t(row)].request;
        if (r && !r->isFinished()) {
            m_dirty.insert(r);
            pending = true;
            finishedRun = 0;
        } else {
            ++finishedRun;
        }
    }
    if (pending)
        flush();
    else
        m_tick.stop();
}

RequestHistoryModel::~RequestHistoryModel()
{
    for (Row &r : m_rows) {
        if (r.request) {
            r.request->disconnect(this);
            delete r.request.data();
        }
    }
}

void RequestHistoryModel::addRequest(Request *request, const QString &argumentsText)
{
    if (int(m_rows.size()) >= m_cap) {
        const int remove = int(m_rows.size()) - m_cap + 1;
        beginRemoveRows({}, 0, remove - 1);
        for (int i = 0; i < remove; ++i) {
            Row &r = m_rows.front();
            if (r.request) {
                r.request->disconnect(this);
                m_dirty.remove(r.request);
                if (!r.request->isFinished())
                    r.request->discard(); // whoever waits for it learns it is gone
                r.request->deleteLater();
            }
            m_rows.pop_front();
        }
        endRemoveRows();
        m_dropped += quint64(remove);
        emit droppedChanged(m_dropped);
    }
    request->setParent(this);
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back(Row { request, argumentsText, snapshotOf(request) });
    endInsertRows();
    connect(request, &Request::stateChanged, this, [this, request] { markDirty(request); });
    connect(request, &Request::pushesReceived, this, [this, request] { markDirty(request); });
    connect(request, &Request::finished, this, [this, request] {
        const int r = rowOf(request);
        if (r >= 0)
            m_rows[size_t(r)].snapshot = snapshotOf(request);
        // The final state and count at once, before the result panel shows the result (one
        // signal per request, not per push).
        m_dirty.insert(request);
        flush();
    });
    connect(request, &QObject::destroyed, this, [this, request] { m_dirty.remove(request); });
    if (!m_tick.isActive())
        m_tick.start();
}

void RequestHistoryModel::markDirty(Request *request)
{
    m_dirty.insert(request);
    if (!m_timer.isActive())
        m_timer.start();
}

void RequestHistoryModel::flush()
{
    m_timer.stop();
    if (m_dirty.isEmpty() || m_rows.empty())
        return;
    int first = INT_MAX, last = -1;
    // Dirty requests are almost always the newest rows: scan from the end.
    int found = 0;
    for (int row = int(m_rows.size()) - 1; row >= 0 && found < m_dirty.size(); --row) {
        if (m_dirty.contains(m_rows[size_t(row)].request.data())) {
            first = std::min(first, row);
            last = std::max(last, row);
            ++found;
        }
    }
    m_dirty.clear();
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

Request *RequestHistoryModel::request(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].request.data() : nullptr;
}

int RequestHistoryModel::rowOf(const Request *request) const
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows[size_t(row)].request == request)
            return row;
    }
    return -1;
}

QString RequestHistoryModel::argumentsText(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].argumentsText : QString();
}

void RequestHistoryModel::setCap(int rows)
{
    m_cap = std::max(1, rows);
}

void RequestHistoryModel::clear()
{
    beginResetModel();
    for (Row &r : m_rows) {
        if (r.request) {
            r.request->disconnect(this);
            if (!r.request->isFinished())
                r.request->discard();
            r.request->deleteLater();
        }
    }
    m_rows.clear();
    m_dirty.clear();
    m_dropped = 0;
    endResetModel();
    emit droppedChanged(0);
}

int RequestHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestHistoryModel::stateText(Request::State state)
{
    switch (state) {
    case Request::State::Pending: return tr("pending");
    case Request::State::ReceivingPushes: return tr("receiving pushes");
    case Request::State::Done: return tr("done");
    case Request::State::Failed: return tr("error");
    case Request::State::TimedOut: return tr("timed out");
    case Request::State::Discarded: return tr("discarded");
    }
    return {};
}

static QString msText(qint64 ns)
{
    if (ns < 0)
        return QString();
    return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', ns < 10000000 ? 2 : 1);
}

QStringList RequestHistoryModel::snapshotOf(const Request *r) const
{
    QStringList s;
    for (int c = 0; c < ColumnCount; ++c)
        s << textOf(r, c, Qt::DisplayRole);
    return s;
}

void RequestHistoryModel::setTagColour(const QColor &colour)
{
    m_tagColour = colour;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0), { Qt::DecorationRole });
}

QVariant RequestHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DecorationRole)
        return index.column() == 0 && m_tagColour.isValid() ? QVariant(m_tagColour) : QVariant();
    const Row &row = m_rows[size_t(index.row())];
    const Request *r = row.request;
    if (!r) {
        if (role == Qt::DisplayRole && index.column() < row.snapshot.size())
            return row.snapshot.at(index.column());
        if (role == Qt::ForegroundRole)
            return QBrush(Theme::color(Theme::Color::Muted));
        return {};
    }
    if (role == StateRole)
        return int(r->state());
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        switch (r->state()) {
        case Request::State::Failed:
        case Request::State::TimedOut: return QBrush(Theme::color(Theme::Color::Error));
        case Request::State::Done: return QBrush(Theme::color(Theme::Color::Success));
        case Request::State::Discarded: return QBrush(Theme::color(Theme::Color::Muted));
        default: return QBrush(Theme::color(Theme::Color::Pending));
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == PushesColumn || index.column() == FirstPushColumn || index.column() == DurationColumn
            || index.column() == SyncColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return textOf(r, index.column(), role);
}

QString RequestHistoryModel::secondsText(qint64 ms)
{
    return tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', 2));
}

QString RequestHistoryModel::textOf(const Request *r, int column, int role) const
{
    const bool tip = role == Qt::ToolTipRole;
    // Sent with a timeout (the form's Timeout holds for every request until reset): the
    // tooltips of the target, state and duration say it.
    const QString timeoutNote =
            tip && r->timeoutMs() > 0 ? tr("timeout %1").arg(secondsText(r->timeoutMs())) : QString();
    const auto withNote = [&](const QString &text) {
        return timeoutNote.isEmpty() ? text : text + QLatin1Char('\n') + timeoutNote;
    };
    // Refused or failed before its frame went out: no SYNC on the wire, no time taken.
    const bool neverSent = r->isFinished() && !r->wasSent();
    switch (column) {
    case SyncColumn:
        if (neverSent)
            return tip ? tr("not sent") : QStringLiteral("—");
        return QString::number(r->sync());
    case MethodColumn: return r->method();
    case TargetColumn: return withNote(r->target());
    case StateColumn: {
        if (!tip)
            return stateText(r->state());
        QString s = r->state() == Request::State::TimedOut && r->timeoutMs() > 0
                ? tr("timed out after %1").arg(secondsText(r->timeoutMs()))
                : stateText(r->state());
        if (!r->error().isNull())
            s += QStringLiteral(": ") + r->error().message;
        return r->state() == Request::State::TimedOut ? s : withNote(s);
    }
    case PushesColumn: return QString::number(r->pushCount());
    case FirstPushColumn: return msText(r->firstPushNs());
    case DurationColumn:
        if (neverSent)
            return tip ? tr("not sent") : QStringLiteral("—");
        return withNote(r->isFinished() ? msText(r->durationNs()) : msText(r->elapsedNs()));
    }
    return {};
}

QVariant RequestHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SyncColumn: return tr("SYNC");
    case MethodColumn: return tr("Method");
    case TargetColumn: return tr("Target");
    case StateColumn: return tr("State");
    case PushesColumn: return tr("Pushes");
    case FirstPushColumn: return tr("First push");
    case DurationColumn: return tr("Duration");
    }
    return {};
}

} // namespace Boxscope
