// Connection's shorthands: call(), select() and the rest, each a RequestSpec for submit().
#include "client/Connection.h"

namespace Boxscope {

RequestSpec Connection::withOptions(RequestSpec spec, const RequestOptions &opts)
{
    spec.timeoutMs = opts.timeoutMs;
    spec.pushRetention = opts.pushRetention;
    spec.pushRetentionBytes = opts.pushRetentionBytes;
    spec.internal = opts.internal;
    return spec;
}

Request *Connection::ping(const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::ping(), opts));
}

Request *Connection::call(const QString &function, const MpValue &args, const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::call(function, args), opts));
}

Request *Connection::eval(const QString &expression, const MpValue &args, const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::eval(expression, args), opts));
}

Request *Connection::select(const ObjectRef &space, const MpValue &key, const SelectOptions &s,
                            const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::select(space, key, s.index, s.iterator, s.offset, s.limit), opts));
}

Request *Connection::insert(const ObjectRef &space, const MpValue &tuple, const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::insert(space, tuple), opts));
}

Request *Connection::replace(const ObjectRef &space, const MpValue &tuple, const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::replace(space, tuple), opts));
}

Request *Connection::update(const ObjectRef &space, const MpValue &key, const MpValue &ops, const ObjectRef &index,
                            const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::update(space, key, ops, index), opts));
}

Request *Connection::upsert(const ObjectRef &space, const MpValue &tuple, const MpValue &ops,
                            const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::upsert(space, tuple, ops), opts));
}

Request *Connection::remove(const ObjectRef &space, const MpValue &key, const ObjectRef &index,
                            const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::remove(space, key, index), opts));
}

Request *Connection::execute(const QString &sql, const MpValue &binds, const RequestOptions &opts)
{
    return submit(withOptions(RequestSpec::execute(sql, binds), opts));
}

} // namespace Boxscope
