#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace Boxscope {

/// The outcome of a socket call as the socket module reports it: the data, then a status
/// ("eof", "timeout", "error"), errno and its message.
///
///   read('\n') on "A\nB"  -> Ok   "A\n"
///   read('\n') again       -> Eof  "B"   (the remainder; "" once nothing is left)
///   read(5, 0.1), silence  -> Timeout, ETIMEDOUT 110 "Connection timed out"; data stays buffered
///   tcp_connect to a closed port -> Error, ECONNREFUSED 111 "Connection refused"
struct SocketResult
{
    enum class Status { Ok, Eof, Timeout, Error };

    quint64 id = 0; ///< the read request's id (reads only)
    Status status = Status::Ok;
    QByteArray data;
    int errnum = 0;
    QString message;

    bool isOk() const { return status == Status::Ok; }
    /// "ok", "eof", "timeout", "error"
    static const char *statusName(Status s);
    /// "eof", or "error 111 Connection refused", or "timeout 110 Connection timed out".
    QString toString() const;

    static SocketResult ok(const QByteArray &data = {});
    static SocketResult eof(const QByteArray &remainder = {});
    static SocketResult timeout();
    static SocketResult error(int errnum, const QString &message = QString());
    /// strerror(errnum), thread-safe.
    static QString errnoMessage(int errnum);
};

} // namespace Boxscope

Q_DECLARE_METATYPE(Boxscope::SocketResult)
