#include "sockets/SocketTranscript.h"

namespace Boxscope {

SocketTranscript::SocketTranscript(qsizetype maxChunks, qsizetype maxBytes)
    : m_maxChunks(qMax<qsizetype>(1, maxChunks))
    , m_maxBytes(qMax<qsizetype>(1, maxBytes))
{ }

void SocketTranscript::setLimits(qsizetype maxChunks, qsizetype maxBytes)
{
    m_maxChunks = qMax<qsizetype>(1, maxChunks);
    m_maxBytes = qMax<qsizetype>(1, maxBytes);
    trim();
}

const SocketChunk &SocketTranscript::append(SocketChunk::Direction direction, const QByteArray &data,
                                            const SocketAddress &peer, qint64 timestampMs)
{
    SocketChunk c;
    c.seq = m_nextSeq++;
    c.direction = direction;
    c.timestampMs = timestampMs ? timestampMs : QDateTime::currentMSecsSinceEpoch();
    c.data = data;
    c.peer = peer;
    (direction == SocketChunk::Direction::Received ? m_totalReceived : m_totalSent) += quint64(data.size());
    m_bytes += data.size();
    m_chunks.push_back(std::move(c));
    trim();
    return m_chunks.back();
}

// The newest chunk always stays, even when it alone exceeds maxBytes.
void SocketTranscript::trim()
{
    while (m_chunks.size() > 1 && (qsizetype(m_chunks.size()) > m_maxChunks || m_bytes > m_maxBytes)) {
        m_bytes -= m_chunks.front().size();
        m_droppedBytes += quint64(m_chunks.front().size());
        ++m_dropped;
        m_chunks.pop_front();
    }
}

void SocketTranscript::clear()
{
    // A user's clear is not a loss: the dropped counters stay as they are.
    m_chunks.clear();
    m_bytes = 0;
}

} // namespace Boxscope
