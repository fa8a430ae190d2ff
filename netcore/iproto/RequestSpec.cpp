#include "iproto/RequestSpec.h"

#include "iproto/RequestEncoder.h"
#include "msgpack/MpCodec.h"

namespace Boxscope {

ObjectRef::ObjectRef(const QString &text)
{
    bool ok = false;
    const uint v = text.toUInt(&ok);
    if (ok) {
        id = v;
    } else {
        byName = true;
        name = text;
    }
}

RequestSpec RequestSpec::ping()
{
    return RequestSpec();
}

RequestSpec RequestSpec::call(const QString &function, const MpValue &arguments)
{
    RequestSpec s;
    s.method = Method::Call;
    s.function = function;
    s.arguments = arguments;
    return s;
}

RequestSpec RequestSpec::eval(const QString &expression, const MpValue &arguments)
{
    RequestSpec s;
    s.method = Method::Eval;
    s.expression = expression;
    s.arguments = arguments;
    return s;
}

RequestSpec RequestSpec::select(const ObjectRef &space, const MpValue &key, const ObjectRef &index, uint32_t iterator,
                                uint32_t offset, uint32_t limit)
{
    RequestSpec s;
    s.method = Method::Select;
    s.space = space;
    s.key = key;
    s.index = index;
    s.iterator = iterator;
    s.offset = offset;
    s.limit = limit;
    return s;
}

RequestSpec RequestSpec::insert(const ObjectRef &space, const MpValue &tuple)
{
    RequestSpec s;
    s.method = Method::Insert;
    s.space = space;
    s.tuple = tuple;
    return s;
}

RequestSpec RequestSpec::replace(const ObjectRef &space, const MpValue &tuple)
{
    RequestSpec s = insert(space, tuple);
    s.method = Method::Replace;
    return s;
}

RequestSpec RequestSpec::update(const ObjectRef &space, const MpValue &key, const MpValue &ops, const ObjectRef &index)
{
    RequestSpec s;
    s.method = Method::Update;
    s.space = space;
    s.key = key;
    s.ops = ops;
    s.index = index;
    return s;
}

RequestSpec RequestSpec::upsert(const ObjectRef &space, const MpValue &tuple, const MpValue &ops)
{
    RequestSpec s;
    s.method = Method::Upsert;
    s.space = space;
    s.tuple = tuple;
    s.ops = ops;
    return s;
}

RequestSpec RequestSpec::remove(const ObjectRef &space, const MpValue &key, const ObjectRef &index)
{
    RequestSpec s;
    s.method = Method::Delete;
    s.space = space;
    s.key = key;
    s.index = index;
    return s;
}

RequestSpec RequestSpec::execute(const QString &sql, const MpValue &binds)
{
    RequestSpec s;
    s.method = Method::Execute;
    s.sql = sql;
    s.binds = binds;
    return s;
}

namespace {

struct MethodInfo
{
    const char *name;
    uint32_t type;
    bool space;
    bool index;
    bool ops;
};

// In the order of RequestSpec::Method.
constexpr MethodInfo kMethods[RequestSpec::kMethodCount] = {
    { "call", Iproto::CALL, false, false, false },       { "eval", Iproto::EVAL, false, false, false },
    { "select", Iproto::SELECT, true, true, false },     { "insert", Iproto::INSERT, true, false, false },
    { "replace", Iproto::REPLACE, true, false, false },  { "update", Iproto::UPDATE, true, true, true },
    { "upsert", Iproto::UPSERT, true, false, true },     { "delete", Iproto::DELETE, true, true, false },
    { "execute", Iproto::EXECUTE, false, false, false }, { "ping", Iproto::PING, false, false, false },
};

const MethodInfo &info(RequestSpec::Method m)
{
    return kMethods[int(m)];
}

} // namespace

QString RequestSpec::methodName(Method m)
{
    return QLatin1String(info(m).name);
}

bool RequestSpec::methodFromName(QStringView name, Method *out)
{
    for (int i = 0; i < kMethodCount; ++i) {
        if (name == QLatin1String(kMethods[i].name)) {
            *out = Method(i);
            return true;
        }
    }
    return false;
}

bool RequestSpec::usesSpace(Method m)
{
    return info(m).space;
}

bool RequestSpec::usesIndex(Method m)
{
    return info(m).index;
}

bool RequestSpec::usesOps(Method m)
{
    return info(m).ops;
}

bool RequestSpec::needsSchema() const
{
    return usesSpace(method) && (space.byName || (usesIndex(method) && index.byName));
}

uint32_t RequestSpec::requestType() const
{
    return info(method).type;
}

QString RequestSpec::target() const
{
    switch (method) {
    case Method::Call: return function;
    case Method::Eval: return expression;
    case Method::Execute: return sql;
    case Method::Ping: return QString();
    default: return space.toString();
    }
}

MpValue RequestSpec::payload() const
{
    switch (method) {
    case Method::Call:
    case Method::Eval: return arguments;
    case Method::Execute: return binds;
    case Method::Select:
    case Method::Delete: return key;
    case Method::Insert:
    case Method::Replace: return tuple;
    case Method::Update: return MpValue::array({ key, ops });
    case Method::Upsert: return MpValue::array({ tuple, ops });
    case Method::Ping: return MpValue();
    }
    return MpValue();
}

MpValue RequestSpec::body(uint32_t spaceId, uint32_t indexId) const
{
    switch (method) {
    case Method::Call: return RequestEncoder::callBody(function, arguments);
    case Method::Eval: return RequestEncoder::evalBody(expression, arguments);
    case Method::Select: return RequestEncoder::selectBody(spaceId, indexId, key, iterator, offset, limit);
    case Method::Insert:
    case Method::Replace: return RequestEncoder::tupleBody(spaceId, tuple);
    case Method::Update: return RequestEncoder::updateBody(spaceId, indexId, key, ops);
    case Method::Upsert: return RequestEncoder::upsertBody(spaceId, tuple, ops);
    case Method::Delete: return RequestEncoder::deleteBody(spaceId, indexId, key);
    case Method::Execute: return RequestEncoder::executeBody(sql, binds);
    case Method::Ping: return RequestEncoder::pingBody();
    }
    return RequestEncoder::pingBody();
}

namespace {

// Key and value pairs of a body, written as RequestEncoder's body builders lay them out.
struct BodyWriter
{
    QByteArray &out;
    void number(uint32_t key, uint64_t value)
    {
        MpCodec::appendUInt(out, key);
        MpCodec::appendUInt(out, value);
    }
    void str(uint32_t key, const QString &text)
    {
        MpCodec::appendUInt(out, key);
        MpCodec::appendStr(out, text.toUtf8());
    }
    void value(uint32_t key, const MpValue &v)
    {
        MpCodec::appendUInt(out, key);
        MpCodec::encodeTo(v, out);
    }
    // The builders send an empty array in place of anything that is not an array.
    void array(uint32_t key, const MpValue &v)
    {
        MpCodec::appendUInt(out, key);
        if (v.isArray())
            MpCodec::encodeTo(v, out);
        else
            MpCodec::appendArrayHeader(out, 0);
    }
};

} // namespace

QByteArray RequestSpec::frame(uint64_t sync, uint32_t spaceId, uint32_t indexId, uint64_t schemaVersion) const
{
    QByteArray out;
    out.reserve(64);
    appendFrame(out, sync, spaceId, indexId, schemaVersion);
    return out;
}

void RequestSpec::appendFrame(QByteArray &out, uint64_t sync, uint32_t spaceId, uint32_t indexId,
                              uint64_t schemaVersion) const
{
    // The same bytes as RequestEncoder::frame(requestType(), sync, body(...)), written without
    // building the body's tree.
    using namespace Iproto;
    const qsizetype start = out.size();
    RequestEncoder::beginFrame(out, requestType(), sync, schemaVersion);
    BodyWriter w { out };
    switch (method) {
    case Method::Call:
        MpCodec::appendMapHeader(out, 2);
        w.str(FUNCTION_NAME, function);
        w.array(TUPLE, arguments);
        break;
    case Method::Eval:
        MpCodec::appendMapHeader(out, 2);
        w.str(EXPR, expression);
        w.array(TUPLE, arguments);
        break;
    case Method::Select:
        MpCodec::appendMapHeader(out, 6);
        w.number(SPACE_ID, spaceId);
        w.number(INDEX_ID, indexId);
        w.number(LIMIT, limit);
        w.number(OFFSET, offset);
        w.number(ITERATOR, iterator);
        w.array(KEY, key);
        break;
    case Method::Insert:
    case Method::Replace:
        MpCodec::appendMapHeader(out, 2);
        w.number(SPACE_ID, spaceId);
        w.value(TUPLE, tuple);
        break;
    case Method::Update:
        MpCodec::appendMapHeader(out, 5);
        w.number(SPACE_ID, spaceId);
        w.number(INDEX_ID, indexId);
        w.value(KEY, key);
        w.value(TUPLE, ops);
        w.number(INDEX_BASE, 1);
        break;
    case Method::Upsert:
        MpCodec::appendMapHeader(out, 4);
        w.number(SPACE_ID, spaceId);
        w.value(TUPLE, tuple);
        w.value(OPS, ops);
        w.number(INDEX_BASE, 1);
        break;
    case Method::Delete:
        MpCodec::appendMapHeader(out, 3);
        w.number(SPACE_ID, spaceId);
        w.number(INDEX_ID, indexId);
        w.value(KEY, key);
        break;
    case Method::Execute:
        MpCodec::appendMapHeader(out, 3);
        w.str(SQL_TEXT, sql);
        w.array(SQL_BIND, binds);
        MpCodec::appendUInt(out, OPTIONS);
        MpCodec::appendArrayHeader(out, 0);
        break;
    case Method::Ping: MpCodec::appendMapHeader(out, 0); break;
    }
    RequestEncoder::endFrame(out, start);
}

} // namespace Boxscope
