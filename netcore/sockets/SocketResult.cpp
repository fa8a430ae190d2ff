#include "sockets/SocketResult.h"

#include <cerrno>
#include <cstring>

namespace Boxscope {

const char *SocketResult::statusName(Status s)
{
    switch (s) {
    case Status::Ok: return "ok";
    case Status::Eof: return "eof";
    case Status::Timeout: return "timeout";
    case Status::Error: return "error";
    }
    return "?";
}

QString SocketResult::toString() const
{
    if (errnum == 0 && message.isEmpty())
        return QLatin1String(statusName(status));
    return QStringLiteral("%1 %2 %3").arg(QLatin1String(statusName(status))).arg(errnum).arg(message);
}

SocketResult SocketResult::ok(const QByteArray &data)
{
    SocketResult r;
    r.data = data;
    return r;
}

SocketResult SocketResult::eof(const QByteArray &remainder)
{
    SocketResult r;
    r.status = Status::Eof;
    r.data = remainder;
    return r;
}

SocketResult SocketResult::timeout()
{
    SocketResult r;
    r.status = Status::Timeout;
    r.errnum = ETIMEDOUT;
    r.message = errnoMessage(ETIMEDOUT);
    return r;
}

SocketResult SocketResult::error(int errnum, const QString &message)
{
    SocketResult r;
    r.status = Status::Error;
    r.errnum = errnum;
    r.message = message.isEmpty() ? errnoMessage(errnum) : message;
    return r;
}

QString SocketResult::errnoMessage(int errnum)
{
    char buf[256] = {};
    // GNU strerror_r returns the message (maybe not in buf).
    const char *msg = strerror_r(errnum, buf, sizeof buf);
    return QString::fromLocal8Bit(msg);
}

} // namespace Boxscope
