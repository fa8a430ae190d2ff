#pragma once

#include "sockets/SocketAddress.h"
#include "sockets/SocketResult.h"

#include <QList>
#include <QObject>

namespace Boxscope {

/// socket.getaddrinfo(host, port, {type=, family=, protocol=}) without blocking: each lookup
/// runs getaddrinfo(3) on a short-lived worker thread and reports back on the resolver's
/// thread. The rows are the seed's table: host, family, type, protocol, port.
///
/// Deleting the resolver drops the answers of lookups still running.
class AddressResolver : public QObject
{
    Q_OBJECT
public:
    struct Query
    {
        QString host;
        QString service; ///< a port number or a service name ("http"); may be empty
        int type = 0;    ///< SOCK_STREAM, SOCK_DGRAM or 0 (any)
        int family = 0;  ///< AF_INET, AF_INET6 or 0 (AF_UNSPEC)
        int protocol = 0;
        int flags = 0; ///< AI_PASSIVE, AI_CANONNAME, ...
    };

    explicit AddressResolver(QObject *parent = nullptr);
    ~AddressResolver() override;

    /// Starts a lookup; finished(id, ...) follows, never from inside this call.
    quint64 lookup(const Query &query);
    quint64 lookup(const QString &host, const QString &service, int type = 0)
    {
        return lookup(Query { host, service, type, 0, 0, 0 });
    }
    int pendingCount() const { return m_pending; }

    /// getaddrinfo() itself, blocking: for worker threads and tests only.
    static QList<SocketAddress> resolveBlocking(const Query &query, SocketResult *error);

signals:
    /// error is Ok with errnum 0 on success; otherwise status Error, errnum the EAI_* code
    /// (negative, as getaddrinfo returns it) and gai_strerror's message.
    void finished(quint64 id, const QList<Boxscope::SocketAddress> &rows, const Boxscope::SocketResult &error);

private:
    quint64 m_nextId = 1;
    int m_pending = 0;
};

} // namespace Boxscope

Q_DECLARE_METATYPE(Boxscope::SocketAddress)
