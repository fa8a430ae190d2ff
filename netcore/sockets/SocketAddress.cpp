#include "sockets/SocketAddress.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

namespace Boxscope {

QString SocketAddress::toString() const
{
    if (isUnix())
        return QStringLiteral("unix/:") + path;
    if (family == QLatin1String("AF_INET6"))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

QString SocketAddress::familyName(int family)
{
    switch (family) {
    case AF_INET: return QStringLiteral("AF_INET");
    case AF_INET6: return QStringLiteral("AF_INET6");
    case AF_UNIX: return QStringLiteral("AF_UNIX");
    case AF_UNSPEC: return QStringLiteral("AF_UNSPEC");
    default: return QStringLiteral("AF_%1").arg(family);
    }
}

QString SocketAddress::typeName(int type)
{
    switch (type) {
    case SOCK_STREAM: return QStringLiteral("SOCK_STREAM");
    case SOCK_DGRAM: return QStringLiteral("SOCK_DGRAM");
    case SOCK_RAW: return QStringLiteral("SOCK_RAW");
    case SOCK_SEQPACKET: return QStringLiteral("SOCK_SEQPACKET");
    case 0: return QString();
    default: return QStringLiteral("SOCK_%1").arg(type);
    }
}

QString SocketAddress::protocolName(int protocol)
{
    switch (protocol) {
    case IPPROTO_TCP: return QStringLiteral("tcp");
    case IPPROTO_UDP: return QStringLiteral("udp");
    case 0: return QString();
    default: return QString::number(protocol);
    }
}

SocketAddress SocketAddress::fromSockaddr(const sockaddr *sa, socklen_t len, int type, int protocol)
{
    SocketAddress a;
    if (!sa || len < socklen_t(sizeof(sa_family_t)))
        return a;
    a.family = familyName(sa->sa_family);
    a.type = typeName(type);
    char buf[INET6_ADDRSTRLEN] = {};
    switch (sa->sa_family) {
    case AF_INET: {
        const auto *in = reinterpret_cast<const sockaddr_in *>(sa);
        inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
        a.host = QString::fromLatin1(buf);
        a.port = ntohs(in->sin_port);
        a.protocol = protocolName(protocol ? protocol
                                           : (type == SOCK_DGRAM            ? IPPROTO_UDP
                                                      : type == SOCK_STREAM ? IPPROTO_TCP
                                                                            : 0));
        break;
    }
    case AF_INET6: {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(sa);
        inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
        a.host = QString::fromLatin1(buf);
        a.port = ntohs(in6->sin6_port);
        a.protocol = protocolName(protocol ? protocol
                                           : (type == SOCK_DGRAM            ? IPPROTO_UDP
                                                      : type == SOCK_STREAM ? IPPROTO_TCP
                                                                            : 0));
        break;
    }
    case AF_UNIX: {
        const auto *un = reinterpret_cast<const sockaddr_un *>(sa);
        a.host = QStringLiteral("unix/");
        const size_t max = len > offsetof(sockaddr_un, sun_path) ? len - offsetof(sockaddr_un, sun_path) : 0;
        a.path = QString::fromLocal8Bit(un->sun_path, int(strnlen(un->sun_path, qMin(max, sizeof un->sun_path))));
        break;
    }
    default: break;
    }
    return a;
}

static SocketAddress nameOf(int fd, bool peer, int *err)
{
    sockaddr_storage ss {};
    socklen_t len = sizeof ss;
    const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len)
                        : ::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len);
    if (rc != 0) {
        if (err)
            *err = errno;
        return {};
    }
    int type = 0, protocol = 0;
    socklen_t ol = sizeof type;
    ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &ol);
    ol = sizeof protocol;
    ::getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &ol);
    if (err)
        *err = 0;
    return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), len, type, protocol);
}

SocketAddress SocketAddress::local(int fd, int *err)
{
    return nameOf(fd, false, err);
}

SocketAddress SocketAddress::remote(int fd, int *err)
{
    return nameOf(fd, true, err);
}

bool SockaddrStorage::fromHostPort(const QString &host, quint16 port, SockaddrStorage *out, int *err)
{
    *out = SockaddrStorage();
    QString h = host.trimmed();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h.isEmpty() || h == QLatin1String("0") || h == QLatin1String("*"))
        h = QStringLiteral("0.0.0.0");
    else if (h == QLatin1String("localhost"))
        h = QStringLiteral("127.0.0.1");
    const QByteArray latin = h.toLatin1();
    auto *in = reinterpret_cast<sockaddr_in *>(&out->storage);
    if (inet_pton(AF_INET, latin.constData(), &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        out->length = sizeof(sockaddr_in);
        return true;
    }
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(&out->storage);
    if (inet_pton(AF_INET6, latin.constData(), &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        out->length = sizeof(sockaddr_in6);
        return true;
    }
    if (err)
        *err = EINVAL;
    return false;
}

bool SockaddrStorage::fromUnixPath(const QString &path, SockaddrStorage *out, int *err)
{
    *out = SockaddrStorage();
    const QByteArray p = path.toLocal8Bit();
    auto *un = reinterpret_cast<sockaddr_un *>(&out->storage);
    if (p.isEmpty() || size_t(p.size()) >= sizeof un->sun_path) {
        if (err)
            *err = p.isEmpty() ? EINVAL : ENAMETOOLONG;
        return false;
    }
    un->sun_family = AF_UNIX;
    memcpy(un->sun_path, p.constData(), size_t(p.size()));
    out->length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(p.size()) + 1);
    return true;
}

} // namespace Boxscope
