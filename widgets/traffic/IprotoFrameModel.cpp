#include "traffic/IprotoFrameModel.h"

#include "common/Theme.h"

#include "msgpack/MpExt.h"

#include "common/Fonts.h"
#include "format/MpFormat.h"
#include "iproto/Iproto.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace Boxscope {

namespace {

/// "FUNCTION_NAME: 'push_n', TUPLE: [3]" — the body in one line, keys by name.
QString summary(const MpValue &body)
{
    if (body.isNil())
        return QString();
    if (!body.isMap())
        return MpFormat::preview(body, 160);
    QStringList parts;
    for (size_t i = 0; i < body.size() && i < 8; ++i) {
        const MpValue &k = body.mapKey(i);
        const char *name = k.isInteger() && k.toUInt64() <= 0xff ? Iproto::keyName(uint32_t(k.toUInt64())) : nullptr;
        const bool error = k.isInteger() && k.toUInt64() == Iproto::ERROR;
        parts << QStringLiteral("%1: %2").arg(
                name ? QLatin1String(name) : MpFormat::preview(k, 20),
                MpFormat::preview(error ? namedErrorStack(body.mapValue(i)) : body.mapValue(i), 100));
    }
    return parts.join(QStringLiteral(", "));
}

// The summary column: the body decoded now from the frame's raw bytes (a painted row, a
// search), except a large one, which is decoded only when the frame is selected.
QString preview(const CapturedFrame &f)
{
    if (f.bodySize() >= CapturedFrame::kDeferBodyBytes)
        return IprotoFrameModel::tr("body of %1 bytes (select the frame to decode it)").arg(f.bodySize());
    return summary(f.decodedBody());
}

} // namespace

IprotoFrameModel::IprotoFrameModel(IprotoCapture *capture, QObject *parent)
    : LiveWindowModel(parent)
    , m_capture(capture)
{
    connect(capture, &IprotoCapture::frameCaptured, this, &LiveWindowModel::schedule);
    connect(capture, &IprotoCapture::cleared, this, &LiveWindowModel::reset);
    flush();
}

quint64 IprotoFrameModel::newestSeq() const
{
    return m_capture ? m_capture->totalFrames() : 0;
}

quint64 IprotoFrameModel::oldestHeldSeq() const
{
    if (!m_capture || m_capture->frames().empty())
        return newestSeq() + 1;
    return m_capture->frames().front().seq;
}

const CapturedFrame *IprotoFrameModel::frameAt(int row) const
{
    return m_capture ? m_capture->frameBySeq(seqAt(row)) : nullptr;
}

MpValue IprotoFrameModel::withKeyNames(const MpValue &map)
{
    if (!map.isMap())
        return map;
    std::vector<std::pair<MpValue, MpValue>> entries;
    entries.reserve(map.size());
    for (size_t i = 0; i < map.size(); ++i) {
        const MpValue &k = map.mapKey(i);
        const char *name = k.isInteger() && k.toUInt64() <= 0xff ? Iproto::keyName(uint32_t(k.toUInt64())) : nullptr;
        // The MP_ERROR stack (body key ERROR) with its fields by name, as box.error names them.
        const bool error = k.isInteger() && k.toUInt64() == Iproto::ERROR;
        entries.emplace_back(
                name ? MpValue::string(
                        QStringLiteral("%1 (0x%2)").arg(QLatin1String(name)).arg(k.toUInt64(), 2, 16, QLatin1Char('0')))
                     : k,
                error ? namedErrorStack(map.mapValue(i)) : map.mapValue(i));
    }
    return MpValue::map(std::move(entries));
}

IprotoFrameModel::Category IprotoFrameModel::categoryOf(const CapturedFrame &f)
{
    if (f.direction == CapturedFrame::Direction::Sent)
        return Category::Request;
    if (f.isError())
        return Category::Error;
    if (f.isPush())
        return Category::Push;
    if (f.isEvent())
        return Category::Event;
    return Category::Response;
}

LiveStream::Totals IprotoFrameModel::totals() const
{
    Totals t;
    if (!m_capture)
        return t;
    // Frames Clear took out of the capture itself (clearFrames) count as dropped too.
    t.received = m_capture->totalFrames();
    t.kept = quint64(m_capture->frameCount());
    t.dropped = t.received - t.kept;
    t.cleared = hiddenCount();
    t.pending = pendingCount();
    return t;
}

bool IprotoFrameModel::timeAt(int row, qint64 *ns) const
{
    const CapturedFrame *f = frameAt(row);
    if (!f)
        return false;
    *ns = f->timeNs;
    return true;
}

bool IprotoFrameModel::rowMatches(int row, const StreamNeedle &needle) const
{
    const CapturedFrame *f = frameAt(row);
    if (!f)
        return false;
    // The one-line summary (bounded), then the type: never the whole body's YAML.
    return needle.matches(preview(*f), &f->raw) || f->typeName().contains(needle.text, Qt::CaseInsensitive);
}

int IprotoFrameModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IprotoFrameModel::data(const QModelIndex &index, int role) const
{
    if (role == KeyRole)
        return seqAt(index.row()); // also for a frame no longer held (its row stays while paused)
    const CapturedFrame *f = frameAt(index.row());
    if (!f)
        return {};
    const bool sent = f->direction == CapturedFrame::Direction::Sent;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn: return QString::number(f->seq);
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(f->timestampMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case DeltaColumn: {
            const CapturedFrame *previous = m_capture->frameBySeq(f->seq - 1);
            if (!previous)
                return QString();
            return QLocale().toString(double(f->timeNs - previous->timeNs) / 1e6, 'f', 1);
        }
        case DirectionColumn: return sent ? tr("→ server") : tr("← server");
        case SizeColumn: return QString::number(f->raw.size());
        case SyncColumn: return f->hasSync ? QString::number(f->sync) : QString();
        case TypeColumn: return f->typeName();
        case SummaryColumn: return preview(*f);
        }
        break;
    case Qt::ForegroundRole:
        if (f->isError())
            return QBrush(Theme::color(Theme::Color::Error));
        if (index.column() == DirectionColumn || index.column() == TypeColumn)
            return QBrush(Theme::color(sent                  ? Theme::Color::Sent
                                               : f->isPush() ? Theme::Color::Push
                                                             : Theme::Color::Received));
        break;
    case Qt::FontRole:
        if (index.column() == SummaryColumn)
            return monospaceFont();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == SizeColumn || index.column() == SyncColumn
            || index.column() == DeltaColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case DirectionRole: return sent ? 1 : 2;
    case SyncRole: return f->sync;
    case HasSyncRole: return f->hasSync;
    case OwnRole: return f->own;
    case CategoryRole: return int(categoryOf(*f));
    }
    return {};
}

QVariant IprotoFrameModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case DeltaColumn: return tr("Δt, ms");
    case DirectionColumn: return tr("Direction");
    case SizeColumn: return tr("Size");
    case SyncColumn: return tr("SYNC");
    case TypeColumn: return tr("Type");
    case SummaryColumn: return tr("Body");
    }
    return {};
}

} // namespace Boxscope
