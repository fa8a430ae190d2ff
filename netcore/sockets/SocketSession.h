#pragma once

#include "sockets/SocketAddress.h"
#include "sockets/SocketOption.h"
#include "sockets/SocketResult.h"
#include "sockets/SocketTranscript.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <deque>

class QSocketNotifier;
class QHostInfo;

namespace Boxscope {

/// One socket of the socket inspector, with the socket module's semantics: a TCP or unix
/// stream client (tcp_connect), a connection accepted by a SocketServer, or a UDP socket
/// (bind, sendto, recvfrom).
///
/// A non-blocking POSIX socket on the owning thread's event loop (QSocketNotifier), so errno
/// values and options are exactly the kernel's. Nothing here blocks: connecting, reading with
/// a timeout and host name lookups complete later through signals.
///
///   Unconnected -> [Resolving ->] Connecting -> Connected -> Closed     (stream clients)
///   Connected -> Closed                                                (accepted)
///   Unconnected -> Bound -> Closed                                     (UDP)
///
/// Received bytes go into a read-ahead buffer (bounded: reading from the kernel pauses while it
/// is full) that read() requests consume in order. In follow mode whatever no read request
/// wants is handed out as it arrives (followData). Every chunk sent or received is recorded in
/// a bounded transcript.
class SocketSession : public QObject
{
    Q_OBJECT
public:
    enum class Kind { None, TcpClient, TcpAccepted, Udp, UnixClient, UnixAccepted };
    Q_ENUM(Kind)
    enum class State { Unconnected, Resolving, Connecting, Connected, Bound, Closed };
    Q_ENUM(State)
    enum class ShutdownHow { Read, Write, Both };
    Q_ENUM(ShutdownHow)

    /// sock:read(limit), read(delimiter), read({limit=, delimiter=}), with a timeout.
    /// limit < 0: none; limit 0 completes at once with "". Neither limit nor delimiter: whatever
    /// is buffered (at least one byte), like recv(). timeoutMs < 0: none.
    struct ReadSpec
    {
        qint64 limit = -1;
        QByteArray delimiter;
        int timeoutMs = -1;
    };

    explicit SocketSession(QObject *parent = nullptr);
    ~SocketSession() override;

    // ---- setup -----------------------------------------------------------------------------
    /// socket.tcp_connect(host, port, timeout). A host name is looked up first (QHostInfo).
    /// Success: connected(); failure: errorOccurred() with errno, e.g. ECONNREFUSED 111
    /// "Connection refused" or ETIMEDOUT 110 "Connection timed out" after timeoutMs.
    void tcpConnect(const QString &host, quint16 port, int timeoutMs = -1);
    /// tcp_connect('unix/', path).
    void unixConnect(const QString &path, int timeoutMs = -1);
    /// A UDP socket bound to host:port (port 0: any; name() tells which). false on failure
    /// (lastError()).
    bool udpBind(const QString &host, quint16 port);
    /// Takes over a connected stream socket (a SocketServer's accepted client).
    static SocketSession *adopt(int fd, Kind kind, QObject *parent = nullptr);

    // ---- sending ---------------------------------------------------------------------------
    /// send()/write(): queues all of data (written as the socket allows); the number of bytes
    /// taken, or -1 (lastError()).
    qint64 send(const QByteArray &data);
    /// sendto(host, port, data) on a UDP socket (created unbound on first use). host is
    /// numeric. The number of bytes sent, or -1.
    qint64 sendTo(const QString &host, quint16 port, const QByteArray &data);

    // ---- receiving -------------------------------------------------------------------------
    /// Queues a read; readFinished() reports it (never from inside this call). Returns its id.
    quint64 read(const ReadSpec &spec);
    quint64 read(qint64 limit, int timeoutMs = -1) { return read(ReadSpec { limit, {}, timeoutMs }); }
    quint64 read(const QByteArray &delimiter, int timeoutMs = -1)
    {
        return read(ReadSpec { -1, delimiter, timeoutMs });
    }
    /// Pending read requests.
    int pendingReads() const { return int(m_reads.size()); }
    /// Completes every pending read with a timeout now.
    void cancelReads();
    void setFollow(bool on);
    bool isFollowing() const { return m_follow; }
    /// Bytes received but not yet read.
    qsizetype bytesAvailable() const { return m_readBuffer.size(); }
    QByteArray peekBuffer() const { return m_readBuffer; }
    /// Reading from the kernel pauses while this much is buffered, unless a pending read needs
    /// more (its limit, or up to 256 MiB while it looks for a delimiter).
    void setMaxReadBuffer(qsizetype bytes) { m_maxReadBuffer = qMax<qsizetype>(1, bytes); }
    /// recvfrom(): the oldest datagram not yet taken (data + sender); false when none.
    bool recvFrom(SocketChunk *out);
    qsizetype datagramsAvailable() const { return qsizetype(m_datagrams.size()); }
    quint64 datagramsDropped() const { return m_datagramsDropped; }

    // ---- flags -----------------------------------------------------------------------------
    QVariant option(SocketOption::Name name);
    bool setOption(SocketOption::Name name, const QVariant &value);
    /// sock:linger(active[, seconds]).
    bool setLinger(bool active, int seconds = 0)
    {
        return setOption(SocketOption::Linger, QVariantList { active, seconds });
    }

    // ---- teardown --------------------------------------------------------------------------
    /// shutdown(how); for Write, after what is queued has been written.
    bool shutdown(ShutdownHow how);
    /// close(): false when already closed. Pending reads fail with EBADF.
    bool close();

    // ---- error checking / information / state ----------------------------------------------
    /// sock:errno() / sock:error(): the last error (Status::Ok with errnum 0 when none).
    const SocketResult &lastError() const { return m_lastError; }
    int errorNumber() const { return m_lastError.errnum; }
    QString errorString() const { return m_lastError.message; }
    SocketAddress name() const;
    SocketAddress peer() const;
    int socketDescriptor() const { return m_fd; }
    Kind kind() const { return m_kind; }
    State state() const { return m_state; }
    static const char *kindName(Kind k);
    static const char *stateName(State s);
    /// The peer closed its writing end (the read buffer may still hold data).
    bool atEof() const { return m_eof; }
    /// readable(): something to read now (buffered data, EOF or an error).
    bool isReadable() const { return !m_readBuffer.isEmpty() || m_eof || m_readError || !m_datagrams.empty(); }
    /// writable(): connected/bound with nothing queued.
    bool isWritable() const
    {
        return m_fd >= 0 && (m_state == State::Connected || m_state == State::Bound) && m_writeBuffer.isEmpty();
    }
    qsizetype bytesToWrite() const { return m_writeBuffer.size(); }
    /// sock:nonblock(): always true, the session never blocks its thread.
    bool isNonBlocking() const;

    /// sock:wait() / readable() / writable(), without blocking: waitFinished(id, what) follows
    /// (never from inside this call) with "R", "W", "RW" or "" when timeoutMs passed first.
    /// Readable means a read would not wait (buffered data, EOF or an error); writable means
    /// connected (or bound) with nothing queued and room in the kernel's buffer.
    enum WaitFlag { WaitRead = 1, WaitWrite = 2 };
    Q_DECLARE_FLAGS(WaitFlags, WaitFlag)
    Q_FLAG(WaitFlags)
    quint64 wait(WaitFlags what, int timeoutMs = -1);
    int pendingWaits() const { return int(m_waits.size()); }
    /// Where the session was asked to connect ("127.0.0.1:3301", "unix/:/tmp/s").
    QString target() const { return m_target; }

    const SocketTranscript &transcript() const { return m_transcript; }
    SocketTranscript &transcript() { return m_transcript; }

signals:
    void stateChanged(Boxscope::SocketSession::State state);
    void connected();
    /// Connect failure, send/receive error (status Error: errno + message).
    void errorOccurred(const Boxscope::SocketResult &error);
    void readFinished(const Boxscope::SocketResult &result);
    void followData(const QByteArray &data);
    void datagramReceived(const Boxscope::SocketChunk &datagram);
    /// Every chunk recorded in the transcript, sent or received.
    void chunkRecorded(const Boxscope::SocketChunk &chunk);
    void eofReached();
    void closed();
    /// A wait() ended: "R", "W", "RW", or "" on timeout (or when the socket closed).
    void waitFinished(quint64 id, const QString &what);

private:
    struct PendingRead
    {
        quint64 id = 0;
        ReadSpec spec;
        QDeadlineTimer deadline;
    };

    struct PendingWait
    {
        quint64 id = 0;
        WaitFlags what;
        QDeadlineTimer deadline;
    };

    void setState(State s);
    QString readiness(WaitFlags what) const;
    void serviceWaits(bool timedOut);
    void startConnect(const SockaddrStorage &addr, int type);
    void finishConnect();
    void failConnect(int errnum, const QString &message = QString());
    void setError(int errnum, const QString &message = QString());
    void attachNotifiers();
    void onReadable();
    void onWritable();
    void readStream();
    void readDatagrams();
    bool flushWrites();
    void scheduleService();
    void serviceReads();
    void armReadTimer();
    qsizetype readCap() const;
    void onReadTimer();
    void complete(SocketResult result);
    void closeFd();
    bool ensureUdpSocket(int family);

    Kind m_kind = Kind::None;
    State m_state = State::Unconnected;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QString m_target;
    QTimer m_connectTimer;
    int m_lookupId = -1;

    QByteArray m_readBuffer;
    qsizetype m_maxReadBuffer = 16 * 1024 * 1024;
    bool m_readPaused = false;
    bool m_eof = false;
    bool m_readError = false;
    std::deque<PendingRead> m_reads;
    quint64 m_nextReadId = 1;
    bool m_serviceScheduled = false;
    bool m_follow = false;
    QTimer m_readTimer;

    std::deque<PendingWait> m_waits;
    quint64 m_nextWaitId = 1;
    QTimer m_waitTimer;

    QByteArray m_writeBuffer;
    qsizetype m_maxWriteBuffer = 64 * 1024 * 1024;
    bool m_shutdownWritePending = false;

    std::deque<SocketChunk> m_datagrams;
    qsizetype m_maxDatagrams = 4096;
    quint64 m_datagramsDropped = 0;

    SocketResult m_lastError;
    SocketTranscript m_transcript;
};

} // namespace Boxscope

Q_DECLARE_OPERATORS_FOR_FLAGS(Boxscope::SocketSession::WaitFlags)
