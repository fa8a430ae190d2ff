#include "inspector/SocketTranscriptModel.h"

#include "common/Theme.h"

#include "sockets/ByteText.h"
#include "sockets/SocketSession.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

namespace Boxscope {

SocketTranscriptModel::SocketTranscriptModel(SocketSession *session, QObject *parent)
    : LiveWindowModel(parent)
    , m_session(session)
{
    if (session) {
        connect(session, &SocketSession::chunkRecorded, this, &LiveWindowModel::schedule);
        connect(session, &QObject::destroyed, this, [this] { reset(); });
    }
    flush();
}

quint64 SocketTranscriptModel::newestSeq() const
{
    if (!m_session || m_session->transcript().chunks().empty())
        return m_session ? m_session->transcript().dropped() : 0;
    return m_session->transcript().chunks().back().seq;
}

quint64 SocketTranscriptModel::oldestHeldSeq() const
{
    if (!m_session || m_session->transcript().chunks().empty())
        return newestSeq() + 1;
    return m_session->transcript().chunks().front().seq;
}

const SocketChunk *SocketTranscriptModel::chunkAt(int row) const
{
    const quint64 seq = seqAt(row);
    if (!m_session || seq == 0)
        return nullptr;
    const auto &chunks = m_session->transcript().chunks();
    if (chunks.empty() || seq < chunks.front().seq || seq > chunks.back().seq)
        return nullptr;
    return &chunks[size_t(seq - chunks.front().seq)];
}

int SocketTranscriptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SocketTranscriptModel::data(const QModelIndex &index, int role) const
{
    const SocketChunk *c = chunkAt(index.row());
    if (!c)
        return {};
    const bool sent = c->direction == SocketChunk::Direction::Sent;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeqColumn: return QString::number(c->seq);
        case DirectionColumn: return sent ? tr("sent") : tr("received");
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(c->timestampMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case SizeColumn: return QString::number(c->data.size());
        case PeerColumn: return c->peer.isValid() ? c->peer.toString() : QString();
        case TextColumn: {
            QString t = ByteText::toEscaped(c->data.left(kCellBytes));
            if (c->data.size() > kCellBytes)
                t += QStringLiteral("…");
            return t;
        }
        case HexColumn: {
            QString t = ByteText::toHex(c->data.left(kCellBytes));
            if (c->data.size() > kCellBytes)
                t += QStringLiteral(" …");
            return t;
        }
        }
    } else if (role == Qt::ForegroundRole && index.column() == DirectionColumn) {
        return QBrush(Theme::color(sent ? Theme::Color::Sent : Theme::Color::Received));
    } else if (role == Qt::FontRole && (index.column() == TextColumn || index.column() == HexColumn)) {
        QFont f(QStringLiteral("monospace"));
        f.setStyleHint(QFont::Monospace);
        return f;
    } else if (role == Qt::TextAlignmentRole && (index.column() == SizeColumn || index.column() == SeqColumn)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant SocketTranscriptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn: return tr("#");
    case DirectionColumn: return tr("Direction");
    case TimeColumn: return tr("Time");
    case SizeColumn: return tr("Size");
    case PeerColumn: return tr("Peer");
    case TextColumn: return tr("Text");
    case HexColumn: return tr("Hex");
    }
    return {};
}

} // namespace Boxscope
