#pragma once

#include "sockets/SocketAddress.h"

#include <QByteArray>
#include <QDateTime>

#include <deque>

namespace Boxscope {

/// One chunk of a socket conversation: a recv()/recvfrom() result or a send()/sendto() call.
struct SocketChunk
{
    enum class Direction { Received, Sent };

    quint64 seq = 0; ///< 1, 2, ... over the session's life (dropped ones included)
    Direction direction = Direction::Received;
    qint64 timestampMs = 0; ///< ms since the epoch
    QByteArray data;
    SocketAddress peer; ///< datagrams only: the sender or the destination

    qsizetype size() const { return data.size(); }
};

/// A bounded record of chunks: at most maxChunks chunks and maxBytes bytes; the oldest go first
/// and are counted in dropped().
class SocketTranscript
{
public:
    explicit SocketTranscript(qsizetype maxChunks = 10000, qsizetype maxBytes = 16 * 1024 * 1024);

    void setLimits(qsizetype maxChunks, qsizetype maxBytes);
    qsizetype maxChunks() const { return m_maxChunks; }
    qsizetype maxBytes() const { return m_maxBytes; }

    /// Records a chunk (timestamped now unless timestampMs is given) and returns it.
    const SocketChunk &append(SocketChunk::Direction direction, const QByteArray &data, const SocketAddress &peer = {},
                              qint64 timestampMs = 0);

    const std::deque<SocketChunk> &chunks() const { return m_chunks; }
    qsizetype size() const { return qsizetype(m_chunks.size()); }
    qsizetype bytes() const { return m_bytes; }
    quint64 dropped() const { return m_dropped; }
    quint64 droppedBytes() const { return m_droppedBytes; }
    quint64 totalReceived() const { return m_totalReceived; }
    quint64 totalSent() const { return m_totalSent; }
    void clear();

private:
    void trim();

    std::deque<SocketChunk> m_chunks;
    qsizetype m_maxChunks;
    qsizetype m_maxBytes;
    qsizetype m_bytes = 0;
    quint64 m_nextSeq = 1;
    quint64 m_dropped = 0;
    quint64 m_droppedBytes = 0;
    quint64 m_totalReceived = 0;
    quint64 m_totalSent = 0;
};

} // namespace Boxscope

Q_DECLARE_METATYPE(Boxscope::SocketChunk)
