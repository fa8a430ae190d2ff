#include "sockets/SocketOption.h"

#include "sockets/SocketAddress.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cmath>

namespace Boxscope {

namespace {

struct Entry
{
    SocketOption::Name option;
    const char *name;
    int level;
    int optname;
    SocketOption::Kind kind;
    bool readOnly;
};

const Entry kEntries[] = {
    { SocketOption::KeepAlive, "SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, SocketOption::Kind::Flag, false },
    { SocketOption::ReuseAddr, "SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, SocketOption::Kind::Flag, false },
    { SocketOption::Broadcast, "SO_BROADCAST", SOL_SOCKET, SO_BROADCAST, SocketOption::Kind::Flag, false },
    { SocketOption::RcvBuf, "SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, SocketOption::Kind::Int, false },
    { SocketOption::SndBuf, "SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, SocketOption::Kind::Int, false },
    { SocketOption::RcvLowat, "SO_RCVLOWAT", SOL_SOCKET, SO_RCVLOWAT, SocketOption::Kind::Int, false },
    { SocketOption::SndLowat, "SO_SNDLOWAT", SOL_SOCKET, SO_SNDLOWAT, SocketOption::Kind::Int, false },
    { SocketOption::RcvTimeo, "SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, SocketOption::Kind::Seconds, false },
    { SocketOption::SndTimeo, "SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, SocketOption::Kind::Seconds, false },
    { SocketOption::Linger, "SO_LINGER", SOL_SOCKET, SO_LINGER, SocketOption::Kind::Linger, false },
    { SocketOption::TcpNoDelay, "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, SocketOption::Kind::Flag, false },
    { SocketOption::DontRoute, "SO_DONTROUTE", SOL_SOCKET, SO_DONTROUTE, SocketOption::Kind::Flag, false },
    { SocketOption::OobInline, "SO_OOBINLINE", SOL_SOCKET, SO_OOBINLINE, SocketOption::Kind::Flag, false },
    { SocketOption::Priority, "SO_PRIORITY", SOL_SOCKET, SO_PRIORITY, SocketOption::Kind::Int, false },
    { SocketOption::Debug, "SO_DEBUG", SOL_SOCKET, SO_DEBUG, SocketOption::Kind::Flag, false },
    { SocketOption::Timestamp, "SO_TIMESTAMP", SOL_SOCKET, SO_TIMESTAMP, SocketOption::Kind::Flag, false },
    { SocketOption::AcceptConn, "SO_ACCEPTCONN", SOL_SOCKET, SO_ACCEPTCONN, SocketOption::Kind::Flag, true },
    { SocketOption::Error, "SO_ERROR", SOL_SOCKET, SO_ERROR, SocketOption::Kind::Int, true },
    { SocketOption::Type, "SO_TYPE", SOL_SOCKET, SO_TYPE, SocketOption::Kind::Name, true },
    { SocketOption::Domain, "SO_DOMAIN", SOL_SOCKET, SO_DOMAIN, SocketOption::Kind::Name, true },
    { SocketOption::Protocol, "SO_PROTOCOL", SOL_SOCKET, SO_PROTOCOL, SocketOption::Kind::Name, true },
};

const Entry *entryOf(SocketOption::Name option)
{
    for (const Entry &e : kEntries) {
        if (e.option == option)
            return &e;
    }
    return nullptr;
}

} // namespace

QList<SocketOption::Name> SocketOption::all()
{
    QList<Name> names;
    for (const Entry &e : kEntries)
        names << e.option;
    return names;
}

const char *SocketOption::name(Name option)
{
    const Entry *e = entryOf(option);
    return e ? e->name : "?";
}

bool SocketOption::fromName(const QString &text, Name *out)
{
    const QString t = text.trimmed().toUpper();
    for (const Entry &e : kEntries) {
        if (t == QLatin1String(e.name)) {
            *out = e.option;
            return true;
        }
    }
    return false;
}

SocketOption::Kind SocketOption::kind(Name option)
{
    const Entry *e = entryOf(option);
    return e ? e->kind : Kind::Int;
}

bool SocketOption::isReadOnly(Name option)
{
    const Entry *e = entryOf(option);
    return !e || e->readOnly;
}

QVariant SocketOption::get(int fd, Name option, int *err)
{
    const Entry *e = entryOf(option);
    if (err)
        *err = 0;
    if (!e) {
        if (err)
            *err = ENOPROTOOPT;
        return {};
    }
    auto fail = [err] {
        if (err)
            *err = errno;
        return QVariant();
    };
    switch (e->kind) {
    case Kind::Seconds: {
        timeval tv {};
        socklen_t len = sizeof tv;
        if (::getsockopt(fd, e->level, e->optname, &tv, &len) != 0)
            return fail();
        return QVariant(double(tv.tv_sec) + double(tv.tv_usec) / 1e6);
    }
    case Kind::Linger: {
        linger l {};
        socklen_t len = sizeof l;
        if (::getsockopt(fd, e->level, e->optname, &l, &len) != 0)
            return fail();
        return QVariantList { bool(l.l_onoff), int(l.l_linger) };
    }
    default: {
        int v = 0;
        socklen_t len = sizeof v;
        if (::getsockopt(fd, e->level, e->optname, &v, &len) != 0)
            return fail();
        if (e->kind == Kind::Flag)
            return QVariant(v != 0);
        if (e->kind == Kind::Name) {
            if (option == Type)
                return SocketAddress::typeName(v);
            if (option == Domain)
                return SocketAddress::familyName(v);
            return SocketAddress::protocolName(v);
        }
        return QVariant(v);
    }
    }
}

bool SocketOption::set(int fd, Name option, const QVariant &value, int *err)
{
    const Entry *e = entryOf(option);
    if (err)
        *err = 0;
    auto fail = [err](int code) {
        if (err)
            *err = code;
        return false;
    };
    if (!e)
        return fail(ENOPROTOOPT);
    if (e->readOnly)
        return fail(ENOPROTOOPT);
    int rc = 0;
    switch (e->kind) {
    case Kind::Seconds: {
        bool ok = false;
        const double s = value.toDouble(&ok);
        if (!ok || s < 0 || !std::isfinite(s))
            return fail(EINVAL);
        timeval tv {};
        tv.tv_sec = time_t(s);
        tv.tv_usec = suseconds_t(std::llround((s - double(tv.tv_sec)) * 1e6));
        if (tv.tv_usec >= 1000000) {
            ++tv.tv_sec;
            tv.tv_usec -= 1000000;
        }
        rc = ::setsockopt(fd, e->level, e->optname, &tv, sizeof tv);
        break;
    }
    case Kind::Linger: {
        linger l {};
        if (value.typeId() == QMetaType::QVariantList) {
            const QVariantList list = value.toList();
            if (list.isEmpty() || list.size() > 2)
                return fail(EINVAL);
            l.l_onoff = list.at(0).toBool() ? 1 : 0;
            l.l_linger = list.size() > 1 ? list.at(1).toInt() : 0;
        } else if (value.canConvert<bool>()) {
            l.l_onoff = value.toBool() ? 1 : 0;
        } else {
            return fail(EINVAL);
        }
        rc = ::setsockopt(fd, e->level, e->optname, &l, sizeof l);
        break;
    }
    default: {
        bool ok = true;
        int v = 0;
        if (value.typeId() == QMetaType::Bool)
            v = value.toBool() ? 1 : 0;
        else
            v = value.toInt(&ok);
        if (!ok)
            return fail(EINVAL);
        rc = ::setsockopt(fd, e->level, e->optname, &v, sizeof v);
        break;
    }
    }
    if (rc != 0)
        return fail(errno);
    return true;
}

QString SocketOption::toDisplay(Name option, const QVariant &value)
{
    if (!value.isValid())
        return QString();
    switch (kind(option)) {
    case Kind::Flag: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Seconds: return QString::number(value.toDouble());
    case Kind::Linger: {
        const QVariantList l = value.toList();
        if (l.size() != 2)
            return QString();
        return l.at(0).toBool() ? QStringLiteral("on, %1 s").arg(l.at(1).toInt()) : QStringLiteral("off");
    }
    default: return value.toString();
    }
}

} // namespace Boxscope
