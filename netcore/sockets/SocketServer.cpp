#include "sockets/SocketServer.h"

#include "sockets/SocketSession.h"

#include <QFile>
#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace Boxscope {

namespace {
// Accepts per notifier activation before yielding to the event loop.
constexpr int kAcceptsPerActivation = 64;
} // namespace

SocketServer::SocketServer(QObject *parent)
    : QObject(parent)
{ }

SocketServer::~SocketServer()
{
    close();
}

void SocketServer::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void SocketServer::setError(int errnum, const QString &message)
{
    m_lastError = SocketResult::error(errnum, message);
    emit errorOccurred(m_lastError);
}

bool SocketServer::listenTcp(const QString &host, quint16 port, int backlog)
{
    SockaddrStorage addr;
    int err = 0;
    if (!SockaddrStorage::fromHostPort(host, port, &addr, &err)) {
        setError(err, QStringLiteral("not a numeric address: %1").arg(host));
        return false;
    }
    m_unix = false;
    return listenOn(addr, backlog);
}

bool SocketServer::listenUnix(const QString &path, int backlog)
{
    SockaddrStorage addr;
    int err = 0;
    if (!SockaddrStorage::fromUnixPath(path, &addr, &err)) {
        setError(err);
        return false;
    }
    m_unix = true;
    if (!listenOn(addr, backlog))
        return false;
    m_unixPath = path;
    return true;
}

bool SocketServer::listenOn(const SockaddrStorage &addr, int backlog)
{
    if (m_fd >= 0) {
        setError(EISCONN);
        return false;
    }
    m_fd = ::socket(addr.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        setError(errno);
        return false;
    }
    if (addr.family() != AF_UNIX) {
        const int one = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    if (::bind(m_fd, addr.get(), addr.length) != 0 || ::listen(m_fd, backlog) != 0) {
        const int e = errno;
        ::close(m_fd);
        m_fd = -1;
        setError(e);
        return false;
    }
    m_address = SocketAddress::local(m_fd);
    m_lastError = SocketResult();
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SocketServer::onAcceptable);
    setState(State::Listening);
    return true;
}

void SocketServer::onAcceptable()
{
    for (int i = 0; i < kAcceptsPerActivation && m_fd >= 0; ++i) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                setError(errno); // EMFILE and friends: reported, the server keeps listening
            return;
        }
        ++m_accepted;
        auto *session = SocketSession::adopt(
                fd, m_unix ? SocketSession::Kind::UnixAccepted : SocketSession::Kind::TcpAccepted, this);
        m_sessions.append(session);
        emit newSession(session);
    }
}

QList<SocketSession *> SocketServer::sessions() const
{
    QList<SocketSession *> out;
    for (const QPointer<SocketSession> &s : m_sessions) {
        if (s)
            out << s.data();
    }
    return out;
}

void SocketServer::close()
{
    if (m_fd < 0)
        return;
    delete m_notifier;
    m_notifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    if (!m_unixPath.isEmpty()) {
        QFile::remove(m_unixPath);
        m_unixPath.clear();
    }
    setState(State::Closed);
}

QVariant SocketServer::option(SocketOption::Name name)
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

bool SocketServer::setOption(SocketOption::Name name, const QVariant &value)
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

} // namespace Boxscope
