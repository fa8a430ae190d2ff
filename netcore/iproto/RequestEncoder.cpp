#include "iproto/RequestEncoder.h"

#include "iproto/Iproto.h"
#include "msgpack/MpCodec.h"

#include <QtEndian>

namespace Boxscope::RequestEncoder {

using namespace Iproto;

static MpValue k(uint32_t key)
{
    return MpValue::uinteger(key);
}

void beginFrame(QByteArray &out, uint32_t type, uint64_t sync, uint64_t schemaVersion)
{
    out.append(char(0xce));
    out.append(4, '\0'); // endFrame() patches the size in
    MpCodec::appendMapHeader(out, schemaVersion ? 3 : 2);
    MpCodec::appendUInt(out, REQUEST_TYPE);
    MpCodec::appendUInt(out, type);
    MpCodec::appendUInt(out, SYNC);
    MpCodec::appendUInt(out, sync);
    if (schemaVersion) {
        MpCodec::appendUInt(out, SCHEMA_VERSION);
        MpCodec::appendUInt(out, schemaVersion);
    }
}

void endFrame(QByteArray &out)
{
    endFrame(out, 0);
}

void endFrame(QByteArray &out, qsizetype start)
{
    qToBigEndian<quint32>(quint32(out.size() - start - 5), out.data() + start + 1);
}

QByteArray frame(uint32_t type, uint64_t sync, const MpValue &body, uint64_t schemaVersion)
{
    QByteArray out;
    out.reserve(64);
    beginFrame(out, type, sync, schemaVersion);
    MpCodec::encodeTo(body, out);
    endFrame(out);
    return out;
}

MpValue pingBody()
{
    return MpValue::map();
}

MpValue callBody(const QString &function, const MpValue &args)
{
    MpValue b = MpValue::map();
    b.insert(k(FUNCTION_NAME), MpValue::string(function));
    b.insert(k(TUPLE), args.isArray() ? args : MpValue::array());
    return b;
}

MpValue evalBody(const QString &expression, const MpValue &args)
{
    MpValue b = MpValue::map();
    b.insert(k(EXPR), MpValue::string(expression));
    b.insert(k(TUPLE), args.isArray() ? args : MpValue::array());
    return b;
}

MpValue selectBody(uint32_t spaceId, uint32_t indexId, const MpValue &key, uint32_t iterator, uint32_t offset,
                   uint32_t limit)
{
    MpValue b = MpValue::map();
    b.insert(k(SPACE_ID), MpValue::uinteger(spaceId));
    b.insert(k(INDEX_ID), MpValue::uinteger(indexId));
    b.insert(k(LIMIT), MpValue::uinteger(limit));
    b.insert(k(OFFSET), MpValue::uinteger(offset));
    b.insert(k(ITERATOR), MpValue::uinteger(iterator));
    b.insert(k(KEY), key.isArray() ? key : MpValue::array());
    return b;
}

MpValue tupleBody(uint32_t spaceId, const MpValue &tuple)
{
    MpValue b = MpValue::map();
    b.insert(k(SPACE_ID), MpValue::uinteger(spaceId));
    b.insert(k(TUPLE), tuple);
    return b;
}

MpValue updateBody(uint32_t spaceId, uint32_t indexId, const MpValue &key, const MpValue &ops)
{
    MpValue b = MpValue::map();
    b.insert(k(SPACE_ID), MpValue::uinteger(spaceId));
    b.insert(k(INDEX_ID), MpValue::uinteger(indexId));
    b.insert(k(KEY), key);
    b.insert(k(TUPLE), ops);
    b.insert(k(INDEX_BASE), MpValue::uinteger(1)); // field numbers in ops count from 1, as in Lua
    return b;
}

MpValue upsertBody(uint32_t spaceId, const MpValue &tuple, const MpValue &ops)
{
    MpValue b = MpValue::map();
    b.insert(k(SPACE_ID), MpValue::uinteger(spaceId));
    b.insert(k(TUPLE), tuple);
    b.insert(k(OPS), ops);
    b.insert(k(INDEX_BASE), MpValue::uinteger(1));
    return b;
}

MpValue deleteBody(uint32_t spaceId, uint32_t indexId, const MpValue &key)
{
    MpValue b = MpValue::map();
    b.insert(k(SPACE_ID), MpValue::uinteger(spaceId));
    b.insert(k(INDEX_ID), MpValue::uinteger(indexId));
    b.insert(k(KEY), key);
    return b;
}

MpValue executeBody(const QString &sql, const MpValue &binds)
{
    MpValue b = MpValue::map();
    b.insert(k(SQL_TEXT), MpValue::string(sql));
    b.insert(k(SQL_BIND), binds.isArray() ? binds : MpValue::array());
    b.insert(k(OPTIONS), MpValue::array());
    return b;
}

MpValue authBody(const QString &user, const QByteArray &scramble)
{
    MpValue b = MpValue::map();
    b.insert(k(USER_NAME), MpValue::string(user));
    // 2.6 accepts the 20-byte scramble as MP_STR, as net.box sends it.
    b.insert(k(TUPLE), MpValue::array({ MpValue::string("chap-sha1"), MpValue::string(scramble) }));
    return b;
}

MpValue idBody(uint32_t version, const MpValue &features)
{
    MpValue b = MpValue::map();
    b.insert(k(VERSION), MpValue::uinteger(version));
    b.insert(k(FEATURES), features.isArray() ? features : MpValue::array());
    return b;
}

} // namespace Boxscope::RequestEncoder
