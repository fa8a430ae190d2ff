#include "sockets/SocketSession.h"

#include "logging/Log.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QSocketNotifier>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace Boxscope {

namespace {

constexpr qsizetype kReadChunk = 64 * 1024;
// Reads per notifier activation before yielding to the event loop (a flood cannot starve it).
constexpr int kReadsPerActivation = 16;
constexpr qsizetype kMaxDatagram = 65536;

} // namespace

SocketSession::SocketSession(QObject *parent)
    : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { failConnect(ETIMEDOUT); });
    m_readTimer.setSingleShot(true);
    connect(&m_readTimer, &QTimer::timeout, this, &SocketSession::onReadTimer);
    m_waitTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, [this] { serviceWaits(true); });
}

SocketSession::~SocketSession()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    closeFd();
}

const char *SocketSession::kindName(Kind k)
{
    switch (k) {
    case Kind::None: return "none";
    case Kind::TcpClient: return "tcp client";
    case Kind::TcpAccepted: return "tcp accepted";
    case Kind::Udp: return "udp";
    case Kind::UnixClient: return "unix client";
    case Kind::UnixAccepted: return "unix accepted";
    }
    return "?";
}

const char *SocketSession::stateName(State s)
{
    switch (s) {
    case State::Unconnected: return "unconnected";
    case State::Resolving: return "resolving";
    case State::Connecting: return "connecting";
    case State::Connected: return "connected";
    case State::Bound: return "bound";
    case State::Closed: return "closed";
    }
    return "?";
}

void SocketSession::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    qCDebug(lcSockets).noquote() << "session" << this << "state" << stateName(s);
    emit stateChanged(s);
}

void SocketSession::setError(int errnum, const QString &message)
{
    m_lastError = SocketResult::error(errnum, message);
    emit errorOccurred(m_lastError);
}

// ---- setup ---------------------------------------------------------------------------------

void SocketSession::tcpConnect(const QString &host, quint16 port, int timeoutMs)
{
    if (m_fd >= 0 || m_state == State::Resolving) {
        QMetaObject::invokeMethod(
                this, [this] { setError(EISCONN); }, Qt::QueuedConnection);
        return;
    }
    m_kind = Kind::TcpClient;
    m_target = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                               : QStringLiteral("%1:%2").arg(host).arg(port);
    m_lastError = SocketResult();
    if (timeoutMs >= 0)
        m_connectTimer.start(timeoutMs);
    SockaddrStorage addr;
    if (SockaddrStorage::fromHostPort(host, port, &addr, nullptr)) {
        startConnect(addr, SOCK_STREAM);
        return;
    }
    // A name: looked up off the event loop's thread by QHostInfo.
    setState(State::Resolving);
    m_lookupId = QHostInfo::lookupHost(host, this, [this, port](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_state != State::Resolving)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            failConnect(EHOSTUNREACH, QStringLiteral("Host name lookup failed: %1").arg(info.errorString()));
            return;
        }
        // Prefer IPv4, as tarantool's getaddrinfo order usually does for localhost.
        QHostAddress chosen = info.addresses().first();
        for (const QHostAddress &a : info.addresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                chosen = a;
                break;
            }
        }
        SockaddrStorage resolved;
        SockaddrStorage::fromHostPort(chosen.toString(), port, &resolved, nullptr);
        startConnect(resolved, SOCK_STREAM);
    });
}

void SocketSession::unixConnect(const QString &path, int timeoutMs)
{
    if (m_fd >= 0 || m_state == State::Resolving) {
        QMetaObject::invokeMethod(
                this, [this] { setError(EISCONN); }, Qt::QueuedConnection);
        return;
    }
    m_kind = Kind::UnixClient;
    m_target = QStringLiteral("unix/:") + path;
    m_lastError = SocketResult();
    SockaddrStorage addr;
    int err = 0;
    if (!SockaddrStorage::fromUnixPath(path, &addr, &err)) {
        QMetaObject::invokeMethod(
                this, [this, err] { failConnect(err); }, Qt::QueuedConnection);
        return;
    }
    if (timeoutMs >= 0)
        m_connectTimer.start(timeoutMs);
    startConnect(addr, SOCK_STREAM);
}

void SocketSession::startConnect(const SockaddrStorage &addr, int type)
{
    setState(State::Connecting);
    m_fd = ::socket(addr.family(), type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        const int err = errno;
        QMetaObject::invokeMethod(
                this, [this, err] { failConnect(err); }, Qt::QueuedConnection);
        return;
    }
    int rc;
    do {
        rc = ::connect(m_fd, addr.get(), addr.length);
    } while (rc != 0 && errno == EINTR);
    if (rc == 0) {
        QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_state == State::Connecting)
                        finishConnect();
                },
                Qt::QueuedConnection);
        return;
    }
    const int err = errno;
    if (err == EINPROGRESS || (err == EAGAIN && addr.family() == AF_UNIX)) {
        // Writable when the handshake ends; SO_ERROR says how (EAGAIN on a unix socket means
        // a full backlog: tarantool waits as well).
        m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &SocketSession::onWritable);
        return;
    }
    // Reported later, never from inside the call: the caller connects its slots after it.
    QMetaObject::invokeMethod(
            this, [this, err] { failConnect(err); }, Qt::QueuedConnection);
}

void SocketSession::finishConnect()
{
    m_connectTimer.stop();
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    attachNotifiers();
    setState(State::Connected);
    emit connected();
    serviceWaits(false);
}

void SocketSession::failConnect(int errnum, const QString &message)
{
    if (m_state != State::Connecting && m_state != State::Resolving)
        return;
    m_connectTimer.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    closeFd();
    setState(State::Unconnected);
    setError(errnum, message);
    serviceWaits(true);
}

SocketSession *SocketSession::adopt(int fd, Kind kind, QObject *parent)
{
    auto *s = new SocketSession(parent);
    s->m_fd = fd;
    s->m_kind = kind;
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    s->m_target = s->peer().toString();
    s->attachNotifiers();
    s->m_state = State::Connected;
    return s;
}

bool SocketSession::udpBind(const QString &host, quint16 port)
{
    SockaddrStorage addr;
    int err = 0;
    if (!SockaddrStorage::fromHostPort(host, port, &addr, &err)) {
        setError(err, QStringLiteral("not a numeric address: %1").arg(host));
        return false;
    }
    if (m_fd >= 0) {
        setError(EINVAL);
        return false;
    }
    if (!ensureUdpSocket(addr.family()))
        return false;
    if (::bind(m_fd, addr.get(), addr.length) != 0) {
        const int e = errno;
        closeFd();
        setState(State::Unconnected);
        setError(e);
        return false;
    }
    m_target = name().toString();
    return true;
}

bool SocketSession::ensureUdpSocket(int family)
{
    if (m_fd >= 0)
        return true;
    m_kind = Kind::Udp;
    m_fd = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        setError(errno);
        return false;
    }
    m_lastError = SocketResult();
    attachNotifiers();
    setState(State::Bound);
    return true;
}

void SocketSession::attachNotifiers()
{
    delete m_readNotifier;
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &SocketSession::onReadable);
    m_readPaused = false;
}

// ---- sending -------------------------------------------------------------------------------

qint64 SocketSession::send(const QByteArray &data)
{
    if (m_fd < 0 || m_state != State::Connected || m_kind == Kind::Udp) {
        setError(m_fd < 0 ? (m_state == State::Closed ? EBADF : ENOTCONN) : ENOTCONN);
        return -1;
    }
    if (m_shutdownWritePending) {
        setError(EPIPE);
        return -1;
    }
    if (m_writeBuffer.size() + data.size() > m_maxWriteBuffer) {
        setError(ENOBUFS);
        return -1;
    }
    const SocketChunk &chunk = m_transcript.append(SocketChunk::Direction::Sent, data);
    emit chunkRecorded(chunk);
    m_writeBuffer.append(data);
    return flushWrites() ? data.size() : -1;
}

// Writes what the kernel takes; false after a write error (already reported).
bool SocketSession::flushWrites()
{
    while (!m_writeBuffer.isEmpty() && m_fd >= 0) {
        const ssize_t n = ::send(m_fd, m_writeBuffer.constData(), size_t(m_writeBuffer.size()), MSG_NOSIGNAL);
        if (n > 0) {
            m_writeBuffer.remove(0, qsizetype(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!m_writeNotifier) {
                m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
                connect(m_writeNotifier, &QSocketNotifier::activated, this, &SocketSession::onWritable);
            }
            m_writeNotifier->setEnabled(true);
            return true;
        }
        const int e = n < 0 ? errno : EPIPE;
        m_writeBuffer.clear();
        setError(e);
        return false;
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_waits.empty() && m_fd >= 0);
    if (m_writeBuffer.isEmpty() && m_shutdownWritePending && m_fd >= 0) {
        m_shutdownWritePending = false;
        if (::shutdown(m_fd, SHUT_WR) != 0) {
            setError(errno);
            return false;
        }
    }
    return true;
}

void SocketSession::onWritable()
{
    if (m_state == State::Connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
            err = errno;
        if (err == 0)
            finishConnect();
        else
            failConnect(err);
        return;
    }
    flushWrites();
    serviceWaits(false);
}

qint64 SocketSession::sendTo(const QString &host, quint16 port, const QByteArray &data)
{
    if (m_kind != Kind::Udp && m_kind != Kind::None) {
        setError(EISCONN);
        return -1;
    }
    SockaddrStorage addr;
    int err = 0;
    if (!SockaddrStorage::fromHostPort(host, port, &addr, &err)) {
        setError(err, QStringLiteral("not a numeric address: %1").arg(host));
        return -1;
    }
    if (!ensureUdpSocket(addr.family()))
        return -1;
    ssize_t n;
    do {
        n = ::sendto(m_fd, data.constData(), size_t(data.size()), MSG_NOSIGNAL | MSG_DONTWAIT, addr.get(), addr.length);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        setError(errno);
        return -1;
    }
    const SocketChunk &chunk = m_transcript.append(SocketChunk::Direction::Sent, data.left(qsizetype(n)),
                                                   SocketAddress::fromSockaddr(addr.get(), addr.length, SOCK_DGRAM));
    emit chunkRecorded(chunk);
    return qint64(n);
}

// ---- receiving -----------------------------------------------------------------------------

void SocketSession::onReadable()
{
    if (m_fd < 0)
        return;
    if (m_kind == Kind::Udp)
        readDatagrams();
    else
        readStream();
}

void SocketSession::readStream()
{
    QByteArray buf(kReadChunk, Qt::Uninitialized);
    for (int i = 0; i < kReadsPerActivation && m_fd >= 0; ++i) {
        if (m_readBuffer.size() >= readCap()) {
            // Back-pressure: the kernel keeps the rest until reads consume the buffer.
            m_readPaused = true;
            m_readNotifier->setEnabled(false);
            break;
        }
        const ssize_t n = ::recv(m_fd, buf.data(), size_t(buf.size()), 0);
        if (n > 0) {
            const QByteArray chunk = buf.left(qsizetype(n));
            m_readBuffer.append(chunk);
            const SocketChunk &rec = m_transcript.append(SocketChunk::Direction::Received, chunk);
            emit chunkRecorded(rec);
            continue;
        }
        if (n == 0) {
            m_eof = true;
            m_readNotifier->setEnabled(false);
            emit eofReached();
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        m_readError = true;
        m_readNotifier->setEnabled(false);
        setError(errno);
        break;
    }
    serviceReads();
    serviceWaits(false);
}

void SocketSession::readDatagrams()
{
    QByteArray buf(kMaxDatagram, Qt::Uninitialized);
    for (int i = 0; i < kReadsPerActivation * 4 && m_fd >= 0; ++i) {
        sockaddr_storage from {};
        socklen_t fromLen = sizeof from;
        const ssize_t n =
                ::recvfrom(m_fd, buf.data(), size_t(buf.size()), 0, reinterpret_cast<sockaddr *>(&from), &fromLen);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                setError(errno); // e.g. ECONNREFUSED from an earlier sendto's ICMP answer
            break;
        }
        const SocketAddress sender =
                SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&from), fromLen, SOCK_DGRAM);
        const SocketChunk &rec = m_transcript.append(SocketChunk::Direction::Received, buf.left(qsizetype(n)), sender);
        m_datagrams.push_back(rec);
        while (qsizetype(m_datagrams.size()) > m_maxDatagrams) {
            m_datagrams.pop_front();
            ++m_datagramsDropped;
        }
        emit chunkRecorded(rec);
        emit datagramReceived(rec);
    }
    serviceWaits(false);
}

bool SocketSession::recvFrom(SocketChunk *out)
{
    if (m_datagrams.empty())
        return false;
    *out = std::move(m_datagrams.front());
    m_datagrams.pop_front();
    return true;
}

quint64 SocketSession::read(const ReadSpec &spec)
{
    PendingRead r;
    r.id = m_nextReadId++;
    r.spec = spec;
    r.deadline = spec.timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(spec.timeoutMs);
    m_reads.push_back(r);
    scheduleService();
    return r.id;
}

void SocketSession::scheduleService()
{
    if (m_serviceScheduled)
        return;
    m_serviceScheduled = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_serviceScheduled = false;
                serviceReads();
            },
            Qt::QueuedConnection);
}

void SocketSession::complete(SocketResult result)
{
    result.id = m_reads.front().id;
    m_reads.pop_front();
    emit readFinished(result);
}

// Reads complete in order. For the front one:
//   delimiter found (ending within limit) -> up to and incl. the delimiter
//   limit bytes buffered                  -> limit bytes
//   EOF                                   -> the remainder, status eof ("" when none)
//   error / closed                        -> status error, errno
// otherwise it waits for more bytes or its deadline.
void SocketSession::serviceReads()
{
    while (!m_reads.empty()) {
        const ReadSpec &spec = m_reads.front().spec;
        if (m_kind == Kind::Udp) {
            complete(SocketResult::error(EOPNOTSUPP, QStringLiteral("read() on a UDP socket: use recvfrom()")));
            continue;
        }
        qsizetype end = -1;
        if (spec.limit == 0) {
            end = 0;
        } else {
            if (!spec.delimiter.isEmpty()) {
                const qsizetype at = m_readBuffer.indexOf(spec.delimiter);
                if (at >= 0 && (spec.limit < 0 || at + spec.delimiter.size() <= spec.limit))
                    end = at + spec.delimiter.size();
            }
            if (end < 0 && spec.limit > 0 && m_readBuffer.size() >= spec.limit)
                end = qsizetype(spec.limit);
            if (end < 0 && spec.limit < 0 && spec.delimiter.isEmpty() && !m_readBuffer.isEmpty())
                end = m_readBuffer.size();
        }
        if (end >= 0) {
            const QByteArray data = m_readBuffer.left(end);
            m_readBuffer.remove(0, end);
            complete(SocketResult::ok(data));
            continue;
        }
        if (m_eof) {
            const QByteArray rest = m_readBuffer;
            m_readBuffer.clear();
            complete(SocketResult::eof(rest));
            continue;
        }
        if (m_readError) {
            complete(SocketResult::error(m_lastError.errnum, m_lastError.message));
            continue;
        }
        if (m_fd < 0 || m_state != State::Connected) {
            complete(SocketResult::error(m_state == State::Closed ? EBADF : ENOTCONN));
            continue;
        }
        if (m_reads.front().deadline.hasExpired()) {
            complete(SocketResult::timeout());
            continue;
        }
        break;
    }
    if (m_reads.empty() && m_follow && !m_readBuffer.isEmpty()) {
        const QByteArray data = m_readBuffer;
        m_readBuffer.clear();
        emit followData(data);
    }
    if (m_readPaused && m_readBuffer.size() < readCap() && m_readNotifier && !m_eof && !m_readError) {
        m_readPaused = false;
        m_readNotifier->setEnabled(true);
    }
    armReadTimer();
}

// The buffer may grow past the cap for a read that cannot complete otherwise, else a read
// with a large limit would wait for bytes the paused reader never takes.
qsizetype SocketSession::readCap() const
{
    constexpr qsizetype kHardCap = 256 * 1024 * 1024;
    if (m_reads.empty())
        return m_maxReadBuffer;
    const ReadSpec &front = m_reads.front().spec;
    if (front.limit > 0)
        return qMax(m_maxReadBuffer, qsizetype(qMin<qint64>(front.limit, kHardCap)));
    if (!front.delimiter.isEmpty())
        return qMax(m_maxReadBuffer, kHardCap);
    return m_maxReadBuffer;
}

void SocketSession::armReadTimer()
{
    qint64 soonest = -1;
    for (const PendingRead &r : m_reads) {
        if (r.deadline.isForever())
            continue;
        const qint64 left = r.deadline.remainingTime();
        if (soonest < 0 || left < soonest)
            soonest = left;
    }
    if (soonest < 0)
        m_readTimer.stop();
    else
        m_readTimer.start(int(qMin<qint64>(soonest, INT_MAX)));
}

// Any expired read times out, not only the front one; the data stays buffered for later reads.
void SocketSession::onReadTimer()
{
    std::deque<PendingRead> keep;
    std::vector<SocketResult> expired;
    for (PendingRead &r : m_reads) {
        if (!r.deadline.isForever() && r.deadline.hasExpired()) {
            SocketResult t = SocketResult::timeout();
            t.id = r.id;
            expired.push_back(t);
        } else {
            keep.push_back(std::move(r));
        }
    }
    m_reads = std::move(keep);
    for (const SocketResult &t : expired)
        emit readFinished(t);
    serviceReads();
}

void SocketSession::cancelReads()
{
    std::deque<PendingRead> reads;
    reads.swap(m_reads);
    for (const PendingRead &r : reads) {
        SocketResult t = SocketResult::timeout();
        t.id = r.id;
        emit readFinished(t);
    }
    m_readTimer.stop();
}

void SocketSession::setFollow(bool on)
{
    m_follow = on;
    if (on)
        scheduleService();
}

// ---- flags ---------------------------------------------------------------------------------

QVariant SocketSession::option(SocketOption::Name name)
{
    if (m_fd < 0) {
        m_lastError = SocketResult::error(EBADF);
        return {};
    }
    int err = 0;
    const QVariant v = SocketOption::get(m_fd, name, &err);
    if (err)
        m_lastError = SocketResult::error(err);
    return v;
}

bool SocketSession::setOption(SocketOption::Name name, const QVariant &value)
{
    if (m_fd < 0) {
        setError(EBADF);
        return false;
    }
    int err = 0;
    if (!SocketOption::set(m_fd, name, value, &err)) {
        setError(err);
        return false;
    }
    return true;
}

// ---- teardown ------------------------------------------------------------------------------

bool SocketSession::shutdown(ShutdownHow how)
{
    if (m_fd < 0) {
        setError(EBADF);
        return false;
    }
    if (how == ShutdownHow::Write && !m_writeBuffer.isEmpty()) {
        m_shutdownWritePending = true;
        return true;
    }
    const int h = how == ShutdownHow::Read ? SHUT_RD : how == ShutdownHow::Write ? SHUT_WR : SHUT_RDWR;
    if (::shutdown(m_fd, h) != 0) {
        setError(errno);
        return false;
    }
    return true;
}

bool SocketSession::close()
{
    if (m_fd < 0 && m_state != State::Resolving && m_state != State::Connecting) {
        m_lastError = SocketResult::error(EBADF);
        return false;
    }
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_connectTimer.stop();
    closeFd();
    setState(State::Closed);
    serviceReads(); // pending reads: EOF remainder if the peer had closed, else EBADF
    serviceWaits(true);
    emit closed();
    return true;
}

void SocketSession::closeFd()
{
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_writeBuffer.clear();
}

// ---- state checking ------------------------------------------------------------------------

bool SocketSession::isNonBlocking() const
{
    return m_fd < 0 || (::fcntl(m_fd, F_GETFL) & O_NONBLOCK);
}

QString SocketSession::readiness(WaitFlags what) const
{
    QString r;
    if ((what & WaitRead) && isReadable())
        r += QLatin1Char('R');
    if ((what & WaitWrite) && isWritable()) {
        // Room in the kernel's send buffer, asked without waiting.
        pollfd p { m_fd, POLLOUT, 0 };
        if (::poll(&p, 1, 0) == 1 && (p.revents & POLLOUT))
            r += QLatin1Char('W');
    }
    return r;
}

quint64 SocketSession::wait(WaitFlags what, int timeoutMs)
{
    PendingWait w;
    w.id = m_nextWaitId++;
    w.what = what;
    w.deadline = timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs);
    m_waits.push_back(w);
    // Writability comes from the kernel: watch it while someone waits for it.
    if ((what & WaitWrite) && m_fd >= 0 && m_state != State::Connecting) {
        if (!m_writeNotifier) {
            m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
            connect(m_writeNotifier, &QSocketNotifier::activated, this, &SocketSession::onWritable);
        }
        m_writeNotifier->setEnabled(true);
    }
    QMetaObject::invokeMethod(
            this, [this] { serviceWaits(false); }, Qt::QueuedConnection);
    return w.id;
}

// Completes the waits that are ready (or expired, or all of them once timedOut and the socket
// is gone), then re-arms the timer for the soonest deadline left.
void SocketSession::serviceWaits(bool timedOut)
{
    if (m_waits.empty())
        return;
    std::deque<PendingWait> keep;
    std::vector<std::pair<quint64, QString>> done;
    for (PendingWait &w : m_waits) {
        const QString r = m_fd >= 0 ? readiness(w.what) : QString();
        if (!r.isEmpty() || w.deadline.hasExpired() || (timedOut && m_fd < 0))
            done.emplace_back(w.id, r);
        else
            keep.push_back(std::move(w));
    }
    m_waits = std::move(keep);
    qint64 soonest = -1;
    bool wantWrite = false;
    for (const PendingWait &w : m_waits) {
        wantWrite = wantWrite || (w.what & WaitWrite);
        if (!w.deadline.isForever()) {
            const qint64 left = w.deadline.remainingTime();
            soonest = soonest < 0 ? left : qMin(soonest, left);
        }
    }
    if (soonest < 0)
        m_waitTimer.stop();
    else
        m_waitTimer.start(int(qMin<qint64>(soonest, INT_MAX)));
    if (m_writeNotifier && m_state != State::Connecting)
        m_writeNotifier->setEnabled(wantWrite || !m_writeBuffer.isEmpty());
    for (const auto &[id, what] : done)
        emit waitFinished(id, what);
}

// ---- information ---------------------------------------------------------------------------

SocketAddress SocketSession::name() const
{
    return m_fd >= 0 ? SocketAddress::local(m_fd) : SocketAddress();
}

SocketAddress SocketSession::peer() const
{
    return m_fd >= 0 ? SocketAddress::remote(m_fd) : SocketAddress();
}

} // namespace Boxscope
