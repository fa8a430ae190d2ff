#include "iproto/Response.h"

#include "format/MpFormat.h"
#include "iproto/Iproto.h"

namespace Boxscope::Iproto {

namespace {

bool isUnsigned(const MpValue &v)
{
    bool ok = false;
    v.toUInt64(&ok);
    return v.isInteger() && ok;
}

} // namespace

QString responseProblem(const Frame &frame)
{
    const MpValue *type = frame.header.find(uint64_t(REQUEST_TYPE));
    if (!type)
        return QStringLiteral("the header has no REQUEST_TYPE");
    if (!isUnsigned(*type) || type->toUInt64() > 0xffffffffu)
        return QStringLiteral("REQUEST_TYPE is %1, not an unsigned 32-bit integer").arg(MpFormat::preview(*type, 60));
    if (const MpValue *sync = frame.header.find(uint64_t(SYNC)); sync && !isUnsigned(*sync))
        return QStringLiteral("SYNC is %1, not an unsigned integer").arg(MpFormat::preview(*sync, 60));
    if (!frame.body.isNil() && !frame.body.isMap())
        return QStringLiteral("the body is %1, not a map").arg(MpFormat::preview(frame.body, 60));
    if (type->toUInt64() & TYPE_ERROR) {
        if (const MpValue *message = frame.body.find(uint64_t(ERROR_24)); message && !message->isStr())
            return QStringLiteral("the error message is %1, not a string").arg(MpFormat::preview(*message, 60));
    }
    return QString();
}

} // namespace Boxscope::Iproto
