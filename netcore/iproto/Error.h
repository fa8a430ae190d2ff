#pragma once

#include "msgpack/MpValue.h"

#include <QString>

#include <cstdint>

namespace Boxscope {

/// Why a request or a connection failed. Server errors carry the code, type and
/// message the server sent (and the raw MP_ERROR stack when present); client-side
/// failures use net.box's codes: ER_NO_CONNECTION (77) for a lost or absent
/// connection, ER_TIMEOUT (78) for timeouts.
struct Error
{
    enum class Kind {
        None,
        Server,     ///< the server answered with an error
        Connection, ///< no connection, connection lost, refused, bad greeting
        Timeout,    ///< connect, greeting, auth or request timeout
        Protocol,   ///< the server broke the protocol (malformed or oversized frame)
        Discarded,  ///< the caller discarded the request
        Usage,      ///< the request could not be built (unknown space, bad arguments)
    };

    Kind kind = Kind::None;
    uint32_t code = 0;
    QString type; ///< "ClientError", "LuajitError", ... as the server names it
    QString message;
    MpValue stack; ///< the IPROTO_ERROR (0x52) map, nil when absent

    bool isNull() const { return kind == Kind::None; }
    /// Connection-level (exit status 3 in the CLI) as opposed to a server or usage error.
    bool isConnectionLevel() const
    {
        return kind == Kind::Connection || kind == Kind::Timeout || kind == Kind::Protocol;
    }
    QString toString() const;
    static const char *kindName(Kind k);

    static Error server(uint32_t code, const QString &message, const MpValue &stack = {});
    static Error connection(const QString &message);
    static Error timeout(const QString &message = QStringLiteral("Timeout exceeded"));
    static Error protocol(const QString &message);
    static Error discarded();
    static Error usage(const QString &message);
};

} // namespace Boxscope
