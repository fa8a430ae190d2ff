#pragma once

#include "iproto/Iproto.h"
#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace Boxscope {

/// A space or index named by id or by name (resolved through the schema).
struct ObjectRef
{
    ObjectRef() = default;
    ObjectRef(uint32_t id)
        : id(id)
    { }
    ObjectRef(int id)
        : id(uint32_t(id))
    { }
    /// A string of digits is an id; anything else a name.
    ObjectRef(const QString &text);
    ObjectRef(const char *text)
        : ObjectRef(QString::fromUtf8(text))
    { }

    bool byName = false;
    uint32_t id = 0;
    /// The name (byName), or for a reference by id the object's name when known: shown, never
    /// sent (the id is).
    QString name;
    QString toString() const { return byName || !name.isEmpty() ? name : QString::number(id); }
    bool operator==(const ObjectRef &o) const { return byName == o.byName && id == o.id && name == o.name; }
};

/// One request, any of the ten, as a value: what the remote-call form, boxscope-cli's command
/// line, the console's net.box layer and Re-run each produce, what Connection::submit() takes,
/// and what a Request keeps. It encodes itself (body(), frame()): the method → IPROTO mapping
/// exists here only.
///
///   method    | uses                                        | IPROTO body keys
///   ----------+---------------------------------------------+-------------------------------
///   Call      | function, arguments                         | FUNCTION_NAME, TUPLE
///   Eval      | expression, arguments                       | EXPR, TUPLE
///   Select    | space, index, key, iterator, offset, limit  | SPACE_ID, INDEX_ID, KEY, ...
///   Insert    | space, tuple                                | SPACE_ID, TUPLE
///   Replace   | space, tuple                                | SPACE_ID, TUPLE
///   Update    | space, index, key, ops                      | SPACE_ID, INDEX_ID, KEY, TUPLE
///   Upsert    | space, tuple, ops                           | SPACE_ID, TUPLE, OPS
///   Delete    | space, index, key                           | SPACE_ID, INDEX_ID, KEY
///   Execute   | sql, binds                                  | SQL_TEXT, SQL_BIND
///   Ping      | —                                           | (none)
///
/// A space or index given by name is resolved by the connection (schema()); the body is
/// encoded with the resolved ids. Fields a method does not use are ignored.
struct RequestSpec
{
    enum class Method { Call, Eval, Select, Insert, Replace, Update, Upsert, Delete, Execute, Ping };
    static constexpr int kMethodCount = 10;

    Method method = Method::Ping;
    QString function;   ///< call
    QString expression; ///< eval
    QString sql;        ///< execute
    ObjectRef space;
    ObjectRef index = ObjectRef(0u);
    MpValue arguments = MpValue::array(); ///< call and eval: the argument list
    MpValue binds = MpValue::array();     ///< execute
    MpValue key = MpValue::array();       ///< select, update, delete
    MpValue tuple = MpValue::array();     ///< insert, replace, upsert
    MpValue ops = MpValue::array();       ///< update, upsert
    uint32_t iterator = Iproto::EQ;
    uint32_t offset = 0;
    uint32_t limit = 0xffffffffu; ///< no limit
    int timeoutMs = 0;            ///< 0: none
    /// The caller does not wait for the result before making the next request (the panel's
    /// Async box, net.box's is_async). Encoding and the connection ignore it.
    bool async = false;
    /// The application's own request (a ping timer, a completion list), not one a person
    /// made: the connection remembers its SYNC (Connection::isOwnSync) so a traffic view can
    /// set it apart. Encoding ignores it.
    bool internal = false;
    qint64 pushRetention = -2; ///< pushes the Request keeps: -2 the connection's default, -1 all
    /// Bytes of pushes the Request keeps (MpValue::footprint()): -2 the connection's default,
    /// -1 no byte cap. The oldest go first, counted as dropped, as with pushRetention.
    qint64 pushRetentionBytes = -2;

    static RequestSpec ping();
    static RequestSpec call(const QString &function, const MpValue &arguments = MpValue::array());
    static RequestSpec eval(const QString &expression, const MpValue &arguments = MpValue::array());
    static RequestSpec select(const ObjectRef &space, const MpValue &key = MpValue::array(),
                              const ObjectRef &index = ObjectRef(0u), uint32_t iterator = Iproto::EQ,
                              uint32_t offset = 0, uint32_t limit = 0xffffffffu);
    static RequestSpec insert(const ObjectRef &space, const MpValue &tuple);
    static RequestSpec replace(const ObjectRef &space, const MpValue &tuple);
    static RequestSpec update(const ObjectRef &space, const MpValue &key, const MpValue &ops,
                              const ObjectRef &index = ObjectRef(0u));
    static RequestSpec upsert(const ObjectRef &space, const MpValue &tuple, const MpValue &ops);
    static RequestSpec remove(const ObjectRef &space, const MpValue &key, const ObjectRef &index = ObjectRef(0u));
    static RequestSpec execute(const QString &sql, const MpValue &binds = MpValue::array());

    /// "call", "eval", "select", ..., "ping": net.box's and the CLI's names.
    static QString methodName(Method m);
    /// The method named so (as methodName() gives it); false when none is.
    static bool methodFromName(QStringView name, Method *out);

    /// What the method uses (the table above).
    static bool usesSpace(Method m);
    static bool usesIndex(Method m);
    static bool usesOps(Method m);
    /// The space or an index is given by name: the schema must resolve it before encoding.
    bool needsSchema() const;

    /// The IPROTO request type (Iproto::CALL, ...).
    uint32_t requestType() const;
    /// What the request is aimed at, as the history shows it: the function, the expression,
    /// the SQL or the space; empty for ping.
    QString target() const;
    /// The values it carries, as the history shows them: call/eval arguments, the key, the
    /// tuple, [key, ops] for update, [tuple, ops] for upsert, the binds; nil for ping.
    MpValue payload() const;

    /// The request body, with the space and the index as these ids (the connection passes the
    /// ids the schema resolved; for refs given as ids, space.id and index.id).
    MpValue body(uint32_t spaceId, uint32_t indexId) const;
    /// The whole frame with this SYNC (size prefix, header, body); schemaVersion 0 leaves the
    /// key out.
    QByteArray frame(uint64_t sync, uint32_t spaceId, uint32_t indexId, uint64_t schemaVersion = 0) const;
    /// The same frame appended to out (several frames in one buffer, no allocation of their own).
    void appendFrame(QByteArray &out, uint64_t sync, uint32_t spaceId, uint32_t indexId,
                     uint64_t schemaVersion = 0) const;
};

} // namespace Boxscope
