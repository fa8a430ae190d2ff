#include "remotecall/PushListModel.h"

#include "client/Request.h"
#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"

#include <QDateTime>
#include <QLocale>

namespace Boxscope {

PushListModel::PushListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(16);
    connect(&m_flushTimer, &QTimer::timeout, this, &PushListModel::flush);
}

void PushListModel::setRequest(Request *request)
{
    if (m_request == request)
        return;
    if (m_request)
        m_request->disconnect(this);
    beginResetModel();
    m_request = request;
    m_rows = 0;
    m_first = 1;
    m_hiddenThrough = m_restoreThrough = 0;
    endResetModel();
    if (request) {
        connect(request, &Request::pushesReceived, this, &PushListModel::schedule);
        connect(request, &Request::finished, this, &PushListModel::flush);
        connect(request, &QObject::destroyed, this, [this] {
            // The QPointer is already null here: reset directly.
            beginResetModel();
            m_rows = 0;
            m_first = 1;
            endResetModel();
            emit countsChanged(0, 0);
        });
    }
    update(true);
}

void PushListModel::setCap(int rows)
{
    const int old = m_cap;
    m_cap = std::max(1, rows);
    if (m_cap > old && m_rows > 0) {
        // Older pushes may be listed again: the window grows backwards, list it anew.
        beginResetModel();
        m_rows = 0;
        m_first = 1;
        endResetModel();
    }
    update(true);
}

void PushListModel::setCountOnly(bool on)
{
    if (m_countOnly == on)
        return;
    m_countOnly = on;
    if (on && m_rows > 0) {
        beginRemoveRows({}, 0, m_rows - 1);
        m_first += quint64(m_rows);
        m_rows = 0;
        endRemoveRows();
    }
    if (!on)
        m_first = 1; // list again what the request still holds
    update(true);
}

quint64 PushListModel::totalPushes() const
{
    return m_request ? m_request->pushCount() : 0;
}

void PushListModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pausedAtMs = paused ? QDateTime::currentMSecsSinceEpoch() : 0;
    flush();
    emit pausedChanged(paused);
}

void PushListModel::clearRows()
{
    m_restoreThrough = m_hiddenThrough;
    m_hiddenThrough = totalPushes();
    update(true);
}

void PushListModel::restoreRows()
{
    if (!canRestore())
        return;
    m_hiddenThrough = m_restoreThrough;
    // The rows come back before the first one shown: list them again.
    beginResetModel();
    m_rows = 0;
    m_first = 1;
    endResetModel();
    update(true);
}

quint64 PushListModel::firstListable() const
{
    const quint64 total = totalPushes();
    quint64 first = total >= quint64(m_cap) ? total - quint64(m_cap) + 1 : 1;
    if (m_request) {
        const quint64 held = quint64(m_request->pushes().size());
        first = std::max(first, total - held + 1);
    }
    return first;
}

LiveStream::Totals PushListModel::totals() const
{
    Totals t;
    t.received = totalPushes();
    if (m_countOnly) {
        t.dropped = t.received;
        return t;
    }
    t.kept = t.received + 1 - firstListable();
    t.dropped = t.received - t.kept;
    const quint64 first = firstListable();
    t.cleared = m_hiddenThrough >= first ? std::min(m_hiddenThrough, t.received) - first + 1 : 0;
    const quint64 next = m_first + quint64(m_rows);
    t.pending = m_paused && t.received + 1 > next ? t.received + 1 - next : 0;
    return t;
}

int PushListModel::rowOfKey(quint64 key) const
{
    if (key < m_first || key >= m_first + quint64(m_rows))
        return -1;
    return int(key - m_first);
}

bool PushListModel::timeAt(int row, qint64 *ns) const
{
    size_t position = 0;
    if (row < 0 || row >= m_rows || !heldPosition(m_first + quint64(row), &position))
        return false;
    *ns = m_request->pushes().elapsedNsAt(position);
    return true;
}

bool PushListModel::rowMatches(int row, const StreamNeedle &needle) const
{
    const std::optional<Push> p = pushAt(row);
    if (!p)
        return false;
    // The one-line preview (bounded); the msgpack bytes only for a hex query.
    if (needle.bytes.isEmpty())
        return needle.matches(MpFormat::preview(p->value, 160), nullptr);
    const QByteArray raw = MpCodec::encode(p->value);
    return needle.matches(MpFormat::preview(p->value, 160), &raw);
}

quint64 PushListModel::droppedPushes() const
{
    const quint64 total = totalPushes();
    // Paused, the pushes after the rows are not dropped, only not listed yet.
    if (m_paused && !m_countOnly)
        return std::min(total, m_first - 1);
    return total > quint64(m_rows) ? total - quint64(m_rows) : 0;
}

void PushListModel::schedule()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void PushListModel::flush()
{
    update(false);
}

void PushListModel::update(bool evenPaused)
{
    m_flushTimer.stop();
    const quint64 total = totalPushes();
    if (m_paused && !evenPaused) {
        emit countsChanged(total, droppedPushes());
        return;
    }
    if (m_countOnly) {
        m_first = total + 1;
        emit countsChanged(total, droppedPushes());
        return;
    }
    const quint64 shownEnd = m_first + quint64(m_rows); // one past the last shown index
    // The window we want: the newest min(cap, total) pushes that the request still holds,
    // those Clear hid aside.
    const quint64 wantFirst = std::max(firstListable(), m_hiddenThrough + 1);
    if (wantFirst > m_first && m_rows > 0) {
        const int remove = int(std::min<quint64>(wantFirst - m_first, quint64(m_rows)));
        beginRemoveRows({}, 0, remove - 1);
        m_first += quint64(remove);
        m_rows -= remove;
        endRemoveRows();
    }
    if (m_rows == 0)
        m_first = std::max(m_first, wantFirst);
    const quint64 from = std::max(shownEnd, m_first + quint64(m_rows));
    if (total + 1 > from) {
        const int add = int(total + 1 - from);
        beginInsertRows({}, m_rows, m_rows + add - 1);
        m_rows += add;
        endInsertRows();
    }
    emit countsChanged(total, droppedPushes());
}

std::optional<Push> PushListModel::pushAt(int row) const
{
    size_t position = 0;
    if (row < 0 || row >= m_rows || !heldPosition(m_first + quint64(row), &position))
        return std::nullopt;
    return m_request->pushes().at(position);
}

bool PushListModel::heldPosition(quint64 index, size_t *position) const
{
    if (!m_request || index == 0)
        return false;
    const PushStore &pushes = m_request->pushes();
    if (pushes.empty())
        return false;
    const quint64 firstHeld = pushes.indexAt(0);
    if (index < firstHeld || index - firstHeld >= pushes.size())
        return false;
    *position = size_t(index - firstHeld);
    return true;
}

bool PushListModel::pushValue(int row, MpValue *out) const
{
    std::optional<Push> p = pushAt(row);
    if (!p)
        return false;
    *out = std::move(p->value);
    return true;
}

int PushListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int PushListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PushListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == KeyRole)
        return m_first + quint64(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == PreviewColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const quint64 key = m_first + quint64(index.row());
    size_t position = 0;
    const bool held = heldPosition(key, &position);
    switch (index.column()) {
    case IndexColumn: return QString::number(key);
    case TimeColumn:
        return held ? QStringLiteral("+%1 ms").arg(double(m_request->pushes().elapsedNsAt(position)) / 1e6, 0, 'f', 1)
                    : QString();
    case DeltaColumn: {
        // Since the previous push; the first one's since the request was sent.
        if (!held)
            return QString();
        if (key > 1 && position == 0)
            return QString(); // the previous one is no longer held
        const PushStore &pushes = m_request->pushes();
        const qint64 previous = position > 0 ? pushes.elapsedNsAt(position - 1) : 0;
        return QLocale().toString(double(pushes.elapsedNsAt(position) - previous) / 1e6, 'f', 1);
    }
    case PreviewColumn: {
        if (!held)
            return tr("(no longer held)");
        const char *msgpack = m_request->pushes().data(position);
        if (!msgpack)
            return tr("(could not be read back from the spill file)");
        const MpValue value = MpCodec::decode(msgpack, m_request->pushes().dataSize(position)).value;
        return role == Qt::ToolTipRole ? MpFormat::preview(value, 2000) : MpFormat::preview(value, 160);
    }
    }
    return {};
}

QVariant PushListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case DeltaColumn: return tr("Δt, ms");
    case PreviewColumn: return tr("Value");
    }
    return {};
}

} // namespace Boxscope
