#include "sockets/AddressResolver.h"

#include <QThread>

#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>

namespace Boxscope {

AddressResolver::AddressResolver(QObject *parent)
    : QObject(parent)
{ }

AddressResolver::~AddressResolver() = default;

QList<SocketAddress> AddressResolver::resolveBlocking(const Query &query, SocketResult *error)
{
    addrinfo hints {};
    hints.ai_family = query.family;
    hints.ai_socktype = query.type;
    hints.ai_protocol = query.protocol;
    hints.ai_flags = query.flags;
    const QByteArray host = query.host.toUtf8();
    const QByteArray service = query.service.toUtf8();
    addrinfo *res = nullptr;
    const int rc = ::getaddrinfo(host.isEmpty() ? nullptr : host.constData(),
                                 service.isEmpty() ? nullptr : service.constData(), &hints, &res);
    QList<SocketAddress> rows;
    if (rc != 0) {
        if (error) {
            *error = rc == EAI_SYSTEM ? SocketResult::error(errno)
                                      : SocketResult::error(rc, QString::fromLocal8Bit(gai_strerror(rc)));
        }
        return rows;
    }
    for (addrinfo *ai = res; ai; ai = ai->ai_next)
        rows << SocketAddress::fromSockaddr(ai->ai_addr, ai->ai_addrlen, ai->ai_socktype, ai->ai_protocol);
    freeaddrinfo(res);
    if (error)
        *error = SocketResult();
    return rows;
}

quint64 AddressResolver::lookup(const Query &query)
{
    const quint64 id = m_nextId++;
    struct Outcome
    {
        QList<SocketAddress> rows;
        SocketResult error;
    };
    auto outcome = std::make_shared<Outcome>();
    // The worker writes outcome before it finishes; finished() is delivered (queued) on this
    // object's thread after that, so no locking is needed. The thread deletes itself.
    QThread *worker = QThread::create([query, outcome] { outcome->rows = resolveBlocking(query, &outcome->error); });
    worker->setObjectName(QStringLiteral("getaddrinfo"));
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(
            worker, &QThread::finished, this,
            [this, id, outcome] {
                --m_pending;
                emit finished(id, outcome->rows, outcome->error);
            },
            Qt::QueuedConnection);
    ++m_pending;
    worker->start();
    return id;
}

} // namespace Boxscope
