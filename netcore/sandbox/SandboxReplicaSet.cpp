#include "sandbox/SandboxReplicaSet.h"

#include "sandbox/SandboxServer.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Boxscope {

namespace {

/// Free loopback ports, held open together so they differ, then released for the instances.
QList<quint16> freePorts(int n)
{
    QList<quint16> ports;
    std::vector<int> fds;
    for (int i = 0; i < n; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            break;
        fds.push_back(fd);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
            || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
            break;
        ports << ntohs(addr.sin_port);
    }
    for (int fd : fds)
        ::close(fd);
    return ports;
}

} // namespace

SandboxReplicaSet::SandboxReplicaSet(QObject *parent)
    : QObject(parent)
{ }

SandboxReplicaSet::~SandboxReplicaSet()
{
    stop();
}

void SandboxReplicaSet::start(const QString &scriptPath, int instances)
{
    stop();
    qDeleteAll(m_servers);
    m_servers.clear();
    m_uris.clear();
    m_error.clear();
    m_ready = 0;
    m_failed = false;
    const QList<quint16> ports = freePorts(instances);
    if (ports.size() != instances) {
        m_failed = true;
        m_error = tr("No free loopback ports for %1 instances").arg(instances);
        emit failed(m_error);
        return;
    }
    for (quint16 port : ports)
        m_uris << QStringLiteral("127.0.0.1:%1").arg(port);
    for (int i = 0; i < instances; ++i) {
        auto *server = new SandboxServer(this);
        server->setListen(m_uris[i]);
        server->setReplication(m_uris, i > 0);
        m_servers.push_back(server);
        connect(server, &SandboxServer::ready, this, [this] {
            if (!m_failed && ++m_ready == count())
                emit ready(m_uris);
        });
        connect(server, &SandboxServer::failed, this, [this, i](const QString &message) {
            if (m_failed)
                return;
            m_failed = true;
            m_error = tr("Instance %1 (%2): %3").arg(i + 1).arg(m_uris.value(i), message);
            emit failed(m_error);
        });
    }
    // All at once: each one's box.cfg waits for the others to bootstrap the set.
    for (SandboxServer *server : m_servers)
        server->start(scriptPath);
}

bool SandboxReplicaSet::startAndWait(const QString &scriptPath, int timeoutMs, int instances)
{
    QEventLoop loop;
    bool ok = false;
    const auto onReady = connect(this, &SandboxReplicaSet::ready, &loop, [&] {
        ok = true;
        loop.quit();
    });
    const auto onFailed = connect(this, &SandboxReplicaSet::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    start(scriptPath, instances);
    if (!m_failed && m_ready < count())
        loop.exec();
    disconnect(onReady);
    disconnect(onFailed);
    if (!ok && m_error.isEmpty())
        m_error = tr("The replica set did not start within %1 s").arg(timeoutMs / 1000.0);
    return ok;
}

void SandboxReplicaSet::stop()
{
    for (SandboxServer *server : m_servers)
        server->stop();
}

bool SandboxReplicaSet::isRunning() const
{
    for (SandboxServer *server : m_servers)
        if (server->isRunning())
            return true;
    return false;
}

} // namespace Boxscope
