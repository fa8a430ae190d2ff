#pragma once

#include <QString>

#include <sys/socket.h>

namespace Boxscope {

/// One row of the socket module's address tables: what name(), peer(), recvfrom()'s sender
/// and getaddrinfo() report. Unix sockets use host "unix/" and the path, as tarantool does.
struct SocketAddress
{
    QString host;     ///< "127.0.0.1", "::1", "unix/"
    QString family;   ///< "AF_INET", "AF_INET6", "AF_UNIX"
    QString type;     ///< "SOCK_STREAM", "SOCK_DGRAM" (empty when unknown)
    QString protocol; ///< "tcp", "udp" (empty for unix sockets)
    quint16 port = 0;
    QString path; ///< unix sockets only

    bool isValid() const { return !family.isEmpty(); }
    bool isUnix() const { return family == QLatin1String("AF_UNIX"); }
    /// "127.0.0.1:3301", "[::1]:3301", "unix/:/tmp/x.sock"
    QString toString() const;

    /// From a sockaddr; type and protocol are the socket's SO_TYPE / SO_PROTOCOL values.
    static SocketAddress fromSockaddr(const sockaddr *sa, socklen_t len, int type = 0, int protocol = 0);
    /// getsockname() / getpeername() of fd; invalid (with *err set) on failure.
    static SocketAddress local(int fd, int *err = nullptr);
    static SocketAddress remote(int fd, int *err = nullptr);

    static QString familyName(int family);
    static QString typeName(int type);
    static QString protocolName(int protocol);
};

/// A numeric IPv4/IPv6 address (or "unix/" + path) turned into a sockaddr. Host names are not
/// resolved here (that would block): use AddressResolver. "0" / "" / "*" mean any IPv4
/// address; "localhost" means 127.0.0.1.
struct SockaddrStorage
{
    sockaddr_storage storage {};
    socklen_t length = 0;

    int family() const { return storage.ss_family; }
    const sockaddr *get() const { return reinterpret_cast<const sockaddr *>(&storage); }

    /// false with *err = EINVAL when host is not numeric (or the unix path too long).
    static bool fromHostPort(const QString &host, quint16 port, SockaddrStorage *out, int *err);
    static bool fromUnixPath(const QString &path, SockaddrStorage *out, int *err);
};

} // namespace Boxscope
