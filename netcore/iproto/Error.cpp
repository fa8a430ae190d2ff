#include "iproto/Error.h"

#include "iproto/Iproto.h"

namespace Boxscope {

QString Error::toString() const
{
    if (isNull())
        return {};
    return QStringLiteral("%1 (%2): %3").arg(type).arg(code).arg(message);
}

const char *Error::kindName(Kind k)
{
    switch (k) {
    case Kind::None: return "none";
    case Kind::Server: return "server";
    case Kind::Connection: return "connection";
    case Kind::Timeout: return "timeout";
    case Kind::Protocol: return "protocol";
    case Kind::Discarded: return "discarded";
    case Kind::Usage: return "usage";
    }
    return "?";
}

Error Error::server(uint32_t code, const QString &message, const MpValue &stack)
{
    Error e;
    e.kind = Kind::Server;
    e.code = code;
    e.message = message;
    e.stack = stack;
    e.type = QStringLiteral("ClientError");
    // The outermost entry of the MP_ERROR stack names the error's type.
    if (const MpValue *entries = stack.find(uint64_t(0)); entries && entries->isArray() && entries->size() > 0) {
        const MpValue &top = entries->at(0);
        if (const MpValue *t = top.find(uint64_t(0)); t && t->isStr())
            e.type = t->toQString();
        // box.error.new{type = 'MyError'} travels as a CustomError whose fields name it; its
        // type is that name, as net.box's error.type says (base_type: CustomError).
        if (const MpValue *fields = top.find(uint64_t(6)); fields && fields->isMap()) {
            if (const MpValue *custom = fields->find("custom_type"); custom && custom->isStr())
                e.type = custom->toQString();
        }
        if (e.message.isEmpty()) {
            if (const MpValue *m = top.find(uint64_t(3)); m && m->isStr())
                e.message = m->toQString();
        }
    }
    return e;
}

Error Error::connection(const QString &message)
{
    Error e;
    e.kind = Kind::Connection;
    e.code = Iproto::ER_NO_CONNECTION;
    e.type = QStringLiteral("ClientError");
    e.message = message;
    return e;
}

Error Error::timeout(const QString &message)
{
    Error e;
    e.kind = Kind::Timeout;
    e.code = Iproto::ER_TIMEOUT;
    e.type = QStringLiteral("ClientError");
    e.message = message;
    return e;
}

Error Error::protocol(const QString &message)
{
    Error e;
    e.kind = Kind::Protocol;
    e.code = Iproto::ER_NO_CONNECTION;
    e.type = QStringLiteral("ProtocolError");
    e.message = message;
    return e;
}

Error Error::discarded()
{
    Error e;
    e.kind = Kind::Discarded;
    e.code = 0;
    e.type = QStringLiteral("ClientError");
    e.message = QStringLiteral("Response is discarded");
    return e;
}

Error Error::usage(const QString &message)
{
    Error e;
    e.kind = Kind::Usage;
    e.code = 0;
    e.type = QStringLiteral("UsageError");
    e.message = message;
    return e;
}

} // namespace Boxscope
