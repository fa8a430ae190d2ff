#pragma once

#include <QList>
#include <QString>
#include <QVariant>

namespace Boxscope {

/// The socket options of the socket module's setsockopt()/getsockopt() list that Linux
/// supports, read and written on a file descriptor.
///
/// Values are QVariants: flags as bool (SO_KEEPALIVE ...), sizes as int (SO_RCVBUF ...),
/// SO_RCVTIMEO / SO_SNDTIMEO as double seconds (kept in jiffies: 0.25 may read back as
/// 0.252), SO_LINGER as a QVariantList {bool active, int seconds} (tarantool's
/// sock:linger()), SO_TYPE / SO_DOMAIN / SO_PROTOCOL as their names.
/// Linux doubles SO_RCVBUF / SO_SNDBUF on set; the value read back is the kernel's.
class SocketOption
{
public:
    enum Name {
        KeepAlive,
        ReuseAddr,
        Broadcast,
        RcvBuf,
        SndBuf,
        RcvLowat,
        SndLowat,
        RcvTimeo,
        SndTimeo,
        Linger,
        TcpNoDelay,
        DontRoute,
        OobInline,
        Priority,
        Debug,
        Timestamp,
        // read only
        AcceptConn,
        Error,
        Type,
        Domain,
        Protocol,
    };
    enum class Kind { Flag, Int, Seconds, Linger, Name };

    static QList<Name> all();
    /// "SO_KEEPALIVE", "TCP_NODELAY", ...
    static const char *name(Name option);
    static bool fromName(const QString &text, Name *out);
    static Kind kind(Name option);
    static bool isReadOnly(Name option);
    /// TCP_NODELAY: stream sockets of AF_INET/AF_INET6 only.
    static bool isTcpOnly(Name option) { return option == TcpNoDelay; }

    /// getsockopt(); an invalid QVariant with *err = errno on failure.
    static QVariant get(int fd, Name option, int *err = nullptr);
    /// setsockopt(); false with *err = errno (EINVAL for a value of the wrong kind) on failure.
    static bool set(int fd, Name option, const QVariant &value, int *err = nullptr);
    /// A value as the panel shows it: "true", "212992", "1.5", "on, 5 s", "SOCK_STREAM".
    static QString toDisplay(Name option, const QVariant &value);
};

} // namespace Boxscope
