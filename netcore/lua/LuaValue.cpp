#include "lua/LuaValue.h"

#include "format/MpFormat.h"
#include "lua/LuaUint64.h"
#include "msgpack/MpCodec.h"

#include <lua.hpp>

#include <QByteArray>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Boxscope::LuaValue {
namespace {

// The registry slot of the msgpack.ext metatable is keyed by this address:
// lua_rawgetp never allocates, unlike a lookup by name, so toMp can check for
// it without any chance of raising.
const char kExtMetatableKey = 0;
// A metatable marked by markPrintedByValue() has `true` under this address.
const char kByValueKey = 0;
// The metatables push() gives arrays and maps, as Tarantool's msgpack decoder does.
const char kSeqMetatableKey = 0;
const char kMapMetatableKey = 0;

// An ext userdata block: this header, then `size` payload bytes. Plain data:
// Lua frees the block without a finalizer.
struct ExtHeader
{
    size_t size;
    int8_t type;
};

const char *extPayload(const ExtHeader *ext)
{
    return reinterpret_cast<const char *>(ext + 1);
}

// ---- msgpack -> Lua -------------------------------------------------------
// Everything in this part runs under lua_pcall (see push()) and may be left by
// longjmp: no C++ object with a destructor lives in these frames.

int extIndex(lua_State *L)
{
    const auto *ext = static_cast<const ExtHeader *>(lua_touserdata(L, 1));
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : nullptr;
    if (key && std::strcmp(key, "type") == 0)
        lua_pushinteger(L, ext->type);
    else if (key && std::strcmp(key, "data") == 0)
        lua_pushlstring(L, extPayload(ext), ext->size);
    else
        lua_pushnil(L);
    return 1;
}

int extLength(lua_State *L)
{
    const auto *ext = static_cast<const ExtHeader *>(lua_touserdata(L, 1));
    lua_pushinteger(L, lua_Integer(ext->size));
    return 1;
}

int extToString(lua_State *L)
{
    const auto *ext = static_cast<const ExtHeader *>(lua_touserdata(L, 1));
    lua_pushfstring(L, "msgpack.ext(%d, %I bytes)", int(ext->type), lua_Integer(ext->size));
    return 1;
}

void pushExtMetatable(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kExtMetatableKey) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 5);
    lua_pushcfunction(L, extIndex);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, extLength);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, extToString);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "msgpack.ext");
    lua_setfield(L, -2, "__name");
    // getmetatable() returns this string instead of the table, so scripts
    // cannot change how every ext value behaves.
    lua_pushliteral(L, "msgpack.ext");
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kExtMetatableKey);
}

void pushExt(lua_State *L, const MpValue &value)
{
    const QByteArray &payload = value.bytes();
    const size_t size = size_t(payload.size());
    auto *ext = static_cast<ExtHeader *>(lua_newuserdatauv(L, sizeof(ExtHeader) + size, 0));
    ext->size = size;
    ext->type = value.extType();
    std::memcpy(ext + 1, payload.constData(), size);
    pushExtMetatable(L);
    lua_setmetatable(L, -2);
}

// {__serialize = kind}, one per kind and state, shared by every decoded table.
void pushSerializeMetatable(lua_State *L, const char *key, const char *kind)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, kind);
    lua_setfield(L, -2, "__serialize");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

int tableSizeHint(size_t n)
{
    return int(std::min<size_t>(n, size_t(std::numeric_limits<int>::max())));
}

void pushValue(lua_State *L, const MpValue &value, int depth, bool nested)
{
    if (depth > MpCodec::kDefaultMaxDepth)
        luaL_error(L, "msgpack value nesting too deep");
    luaL_checkstack(L, 3, "msgpack value nesting too deep");
    switch (value.type()) {
    case MpValue::Type::Nil:
        if (nested)
            pushNull(L);
        else
            lua_pushnil(L);
        break;
    case MpValue::Type::Bool: lua_pushboolean(L, value.toBool()); break;
    case MpValue::Type::Int: lua_pushinteger(L, lua_Integer(value.toInt64())); break;
    case MpValue::Type::UInt: LuaUint64::push(L, value.toUInt64()); break;
    case MpValue::Type::Float:
    case MpValue::Type::Double: lua_pushnumber(L, value.toDouble()); break;
    case MpValue::Type::Str:
    case MpValue::Type::Bin: lua_pushlstring(L, value.bytes().constData(), size_t(value.bytes().size())); break;
    case MpValue::Type::Array:
        lua_createtable(L, tableSizeHint(value.size()), 0);
        pushSerializeMetatable(L, &kSeqMetatableKey, "seq");
        lua_setmetatable(L, -2);
        for (size_t i = 0; i < value.size(); ++i) {
            pushValue(L, value.at(i), depth + 1, true);
            lua_rawseti(L, -2, lua_Integer(i) + 1);
        }
        break;
    case MpValue::Type::Map:
        lua_createtable(L, 0, tableSizeHint(value.size()));
        pushSerializeMetatable(L, &kMapMetatableKey, "map");
        lua_setmetatable(L, -2);
        for (size_t i = 0; i < value.size(); ++i) {
            const MpValue &key = value.mapKey(i);
            if (key.isFloat() && std::isnan(key.toDouble()))
                luaL_error(L, "cannot use NaN as a table key");
            pushValue(L, key, depth + 1, true);
            pushValue(L, value.mapValue(i), depth + 1, true);
            lua_rawset(L, -3);
        }
        break;
    case MpValue::Type::Ext: pushExt(L, value); break;
    }
}

int pushTrampoline(lua_State *L)
{
    const auto *value = static_cast<const MpValue *>(lua_touserdata(L, 1));
    lua_pop(L, 1);
    pushValue(L, *value, 0, false);
    return 1;
}

// ---- Lua -> msgpack -------------------------------------------------------
// Runs unprotected and builds C++ objects, so it only calls Lua functions that
// cannot raise: lua_type, lua_to*, lua_isinteger on values of the right type
// (lua_tolstring only on strings: on a number it would convert in place and
// allocate), lua_next with the key it returned, lua_rawgetp, lua_getmetatable,
// lua_rawequal, lua_rawlen, push of nil/copies, lua_settop, lua_checkstack, which
// reports failure instead of raising, and LuaUint64::toUInt64, made of those.

// Tarantool's rule for Lua numbers (lua/utils.c, luaL_tofield), which makes
// `2.0` and `2^53` integers on the wire.
MpValue fromLuaFloat(double d)
{
    double integral = 0;
    if (std::isfinite(d) && std::modf(d, &integral) != 0.0)
        return MpValue::doubleValue(d);
    if (d >= 0 && d < 18446744073709551616.0) // 2^64; -0.0 lands here too, as in Tarantool
        return MpValue::uinteger(uint64_t(d));
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return MpValue::integer(int64_t(d));
    return MpValue::doubleValue(d); // inf, nan, out of the integer range
}

int keyRank(const MpValue &key)
{
    if (key.isNumber())
        return 0;
    if (key.isStr())
        return 1;
    if (key.isBool())
        return 2;
    if (key.isNil())
        return 3;
    return 4;
}

bool keyLess(const MpValue &a, const MpValue &b)
{
    const int ra = keyRank(a);
    const int rb = keyRank(b);
    if (ra != rb)
        return ra < rb;
    switch (ra) {
    case 0:
        if (a.isInteger() && b.isInteger()) {
            if (a.type() != b.type())
                return a.type() == MpValue::Type::Int; // negative before non-negative
            return a.type() == MpValue::Type::Int ? a.toInt64() < b.toInt64() : a.toUInt64() < b.toUInt64();
        }
        return a.toDouble() < b.toDouble();
    case 1: return a.bytes() < b.bytes();
    case 2: return !a.toBool() && b.toBool();
    default:
        // Tables as keys: by their msgpack bytes. Lua iterates them in an order that depends on
        // their addresses, so the same literal would otherwise encode differently run to run.
        return MpCodec::encode(a) < MpCodec::encode(b);
    }
}

bool isIdentifier(const QByteArray &s)
{
    if (s.isEmpty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

// How a key reads in an error path: ".name", "[3]", "[\"two words\"]".
QString pathSegment(const MpValue &key)
{
    if (key.isStr()) {
        if (isIdentifier(key.bytes()))
            return QLatin1Char('.') + key.toQString();
        QString text = key.toQString();
        if (text.size() > 32)
            text = text.left(32) + QStringLiteral("...");
        return QStringLiteral("[\"%1\"]").arg(text);
    }
    if (key.type() == MpValue::Type::Int)
        return QStringLiteral("[%1]").arg(key.toInt64());
    if (key.type() == MpValue::Type::UInt)
        return QStringLiteral("[%1]").arg(key.toUInt64());
    if (key.isFloat())
        return QStringLiteral("[%1]").arg(key.toDouble(), 0, 'g', 17);
    if (key.isBool())
        return key.toBool() ? QStringLiteral("[true]") : QStringLiteral("[false]");
    return QStringLiteral("[?]");
}

// A table's metatable's __serialize, as Tarantool's YAML encoder reads it: "seq" and "map"
// print in flow style, "sequence"/"array" and "mapping" in block style; for printing, the map
// kinds make a map of any table, the empty one and 1..n included.
enum class Serialize { None, Seq, Sequence, Map, Mapping };

bool isMapKind(Serialize s)
{
    return s == Serialize::Map || s == Serialize::Mapping;
}

// A table's place in its parent's MpValue::items() and the table there (shared mode).
struct TableRef
{
    size_t index;
    int table;
};

// One table in shared mode: its items, with a nil placeholder for every table in it.
struct TableNode
{
    MpValue value;
    std::vector<TableRef> refs;    // sorted by index
    std::vector<size_t> flowItems; // items that are flow tables converted by value
    bool flow = false;             // printed in flow style
    int references = 0;            // how often a table refers to it (a root counts as one)
};

// Tables met while converting in shared mode need this many nested C calls at most; the
// depth that counts (kMaxDepth) is the one of the tree as printed, checked afterwards.
constexpr int kMaxSharedDiscoveryDepth = 4 * kMaxDepth;

class Encoder
{
public:
    // Plain mode (toMp): every table is converted where it is met; a cycle is an error.
    // Shared mode (toMpShared): each table is converted once into nodes(); where a table
    // is met, the value is a nil placeholder and *ref is the table's node.
    explicit Encoder(lua_State *L, bool shared = false)
        : m_L(L)
        , m_shared(shared)
        , m_printing(shared)
    { }

    std::vector<TableNode> &nodes() { return m_nodes; }

    // *flow (when given) tells whether a table converted by value prints in flow style.
    bool encode(int index, int depth, MpValue *out, int *ref = nullptr, bool *flow = nullptr)
    {
        if (!charge(qint64(sizeof(MpValue))))
            return false;
        switch (lua_type(m_L, index)) {
        case LUA_TNIL: *out = MpValue(); return true;
        case LUA_TBOOLEAN: *out = MpValue::boolean(lua_toboolean(m_L, index) != 0); return true;
        case LUA_TNUMBER:
            if (lua_isinteger(m_L, index))
                *out = MpValue::integer(int64_t(lua_tointeger(m_L, index)));
            else
                *out = fromLuaFloat(double(lua_tonumber(m_L, index)));
            return true;
        case LUA_TSTRING: {
            size_t length = 0;
            const char *text = lua_tolstring(m_L, index, &length);
            if (!charge(qint64(length)))
                return false;
            *out = MpValue::string(QByteArray(text, qsizetype(length)));
            return true;
        }
        case LUA_TTABLE:
            if (m_shared && printedByValue(index))
                return encodeByValue(index, depth, out, flow);
            if (m_shared)
                return encodeShared(index, depth, out, ref);
            return encodeTable(index, depth, out, nullptr);
        case LUA_TLIGHTUSERDATA:
            if (lua_touserdata(m_L, index) == nullptr) { // box.NULL
                *out = MpValue();
                return true;
            }
            return fail(QStringLiteral("cannot encode a light userdata value"));
        case LUA_TUSERDATA: {
            uint64_t unsignedValue = 0;
            if (LuaUint64::toUInt64(m_L, index, &unsignedValue)) {
                *out = MpValue::uinteger(unsignedValue);
                return true;
            }
            if (encodeExt(index, out))
                return !m_overBudget;
            return fail(QStringLiteral("cannot encode a userdata value"));
        }
        case LUA_TFUNCTION: return fail(QStringLiteral("cannot encode a function value"));
        case LUA_TTHREAD: return fail(QStringLiteral("cannot encode a thread value"));
        default: return fail(QStringLiteral("cannot encode a value of an unknown type"));
        }
    }

    QString message() const
    {
        if (m_where.isEmpty())
            return m_error;
        const QString where = m_where.startsWith(QLatin1Char('.')) ? m_where.mid(1) : m_where;
        return m_error + QStringLiteral(" at ") + where;
    }

private:
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    // Counts bytes the conversion produces against kMaxValueBytes.
    bool charge(qint64 bytes)
    {
        m_charged += bytes;
        if (m_charged <= kMaxValueBytes)
            return true;
        m_overBudget = true;
        return fail(QStringLiteral("value expands to more than %1 MiB").arg(kMaxValueBytes / (1024 * 1024)));
    }

    bool encodeExt(int index, MpValue *out)
    {
        if (!lua_checkstack(m_L, 2) || !lua_getmetatable(m_L, index))
            return false;
        lua_rawgetp(m_L, LUA_REGISTRYINDEX, &kExtMetatableKey);
        const bool isExt = lua_rawequal(m_L, -1, -2) != 0;
        lua_pop(m_L, 2);
        const size_t blockSize = size_t(lua_rawlen(m_L, index));
        if (!isExt || blockSize < sizeof(ExtHeader))
            return false;
        const auto *ext = static_cast<const ExtHeader *>(lua_touserdata(m_L, index));
        if (ext->size != blockSize - sizeof(ExtHeader))
            return false;
        if (!charge(qint64(ext->size)))
            return true; // an ext, but over the budget: encode() sees m_overBudget
        *out = MpValue::ext(ext->type, QByteArray(extPayload(ext), qsizetype(ext->size)));
        return true;
    }

    bool printedByValue(int index)
    {
        if (!lua_checkstack(m_L, 2) || !lua_getmetatable(m_L, index))
            return false;
        const bool marked = lua_rawgetp(m_L, -1, &kByValueKey) == LUA_TBOOLEAN && lua_toboolean(m_L, -1);
        lua_pop(m_L, 2);
        return marked;
    }

    // The metatable's __serialize, read without anything that could raise: the metatable is
    // walked with lua_next and only string keys and values are looked at.
    Serialize serializeOf(int index)
    {
        if (!lua_checkstack(m_L, 3) || !lua_getmetatable(m_L, index))
            return Serialize::None;
        Serialize kind = Serialize::None;
        const int mt = lua_gettop(m_L);
        lua_pushnil(m_L);
        while (lua_next(m_L, mt) != 0) {
            if (lua_type(m_L, -2) == LUA_TSTRING && lua_type(m_L, -1) == LUA_TSTRING) {
                size_t keyLength = 0, length = 0;
                const char *key = lua_tolstring(m_L, -2, &keyLength);
                if (keyLength == 11 && std::memcmp(key, "__serialize", 11) == 0) {
                    const char *text = lua_tolstring(m_L, -1, &length);
                    const QByteArray value(text, qsizetype(length));
                    if (value == "seq")
                        kind = Serialize::Seq;
                    else if (value == "sequence" || value == "array")
                        kind = Serialize::Sequence;
                    else if (value == "map")
                        kind = Serialize::Map;
                    else if (value == "mapping")
                        kind = Serialize::Mapping;
                    lua_pop(m_L, 2);
                    break;
                }
            }
            lua_pop(m_L, 1);
        }
        lua_settop(m_L, mt - 1);
        return kind;
    }

    // Shared mode, a table that stands for a value (a tuple): converted as toMp does, where
    // it is met, every time.
    bool encodeByValue(int index, int depth, MpValue *out, bool *flow)
    {
        m_shared = false;
        const bool ok = encodeTable(index, depth, out, nullptr, nullptr, flow);
        m_shared = true;
        return ok;
    }

    bool encodeShared(int index, int depth, MpValue *out, int *ref)
    {
        const void *identity = lua_topointer(m_L, index);
        const auto found = m_ids.find(identity);
        *out = MpValue();
        if (found != m_ids.end()) {
            ++m_nodes[size_t(found->second)].references;
            *ref = found->second;
            return true;
        }
        if (depth >= kMaxSharedDiscoveryDepth)
            return fail(QStringLiteral("table nesting too deep (limit is %1)").arg(kMaxDepth));
        const int id = int(m_nodes.size());
        m_ids.emplace(identity, id);
        m_nodes.emplace_back();
        m_nodes.back().references = 1;
        MpValue value;
        std::vector<TableRef> refs;
        std::vector<size_t> flowItems;
        bool flow = false;
        if (!encodeTable(index, depth, &value, &refs, &flowItems, &flow))
            return false;
        TableNode &node = m_nodes[size_t(id)]; // m_nodes may have grown meanwhile
        node.value = std::move(value);
        node.refs = std::move(refs);
        node.flowItems = std::move(flowItems);
        node.flow = flow;
        *ref = id;
        return true;
    }

    // refs is null in plain mode; in shared mode it receives the table's own table refs and
    // flowItems the items that are flow tables converted by value. *flow: whether the table
    // prints in flow style.
    bool encodeTable(int index, int depth, MpValue *out, std::vector<TableRef> *refs,
                     std::vector<size_t> *flowItems = nullptr, bool *flow = nullptr)
    {
        if (!m_shared && depth >= kMaxDepth)
            return fail(QStringLiteral("table nesting too deep (limit is %1)").arg(kMaxDepth));
        const void *identity = lua_topointer(m_L, index);
        if (!m_shared && std::find(m_path.begin(), m_path.end(), identity) != m_path.end())
            return fail(QStringLiteral("table contains a reference cycle"));
        if (!lua_checkstack(m_L, 3))
            return fail(QStringLiteral("table nesting too deep for the Lua stack"));

        struct Entry
        {
            MpValue key;
            MpValue value;
            lua_Integer position; // the key when it is a positive integer, else 0
            int keyRef = -1;      // shared mode: the tables in key and value
            int valueRef = -1;
            bool keyFlow = false; // shared mode: a flow table by value in key and value
            bool valueFlow = false;
        };
        const Serialize serialize = serializeOf(index);
        std::vector<Entry> entries;
        lua_Integer maxPosition = 0;
        bool positionsOnly = true;

        const int top = lua_gettop(m_L);
        const int keyIndex = top + 1;
        const int valueIndex = top + 2;
        m_path.push_back(identity);
        lua_pushnil(m_L);
        while (lua_next(m_L, index) != 0) {
            Entry entry;
            entry.position = lua_isinteger(m_L, keyIndex) ? lua_tointeger(m_L, keyIndex) : 0;
            if (entry.position < 1) {
                entry.position = 0;
                positionsOnly = false;
            }
            maxPosition = std::max(maxPosition, entry.position);
            if (!encode(keyIndex, depth + 1, &entry.key, &entry.keyRef, &entry.keyFlow)) {
                m_path.pop_back();
                lua_settop(m_L, top);
                return false;
            }
            if (!encode(valueIndex, depth + 1, &entry.value, &entry.valueRef, &entry.valueFlow)) {
                m_where.prepend(pathSegment(entry.key));
                m_path.pop_back();
                lua_settop(m_L, top);
                return false;
            }
            entries.push_back(std::move(entry));
            lua_pop(m_L, 1);
        }
        m_path.pop_back();

        // Distinct positive integer keys whose maximum is their count are 1..n.
        if (positionsOnly && size_t(maxPosition) == entries.size() && !(m_printing && isMapKind(serialize))) {
            std::vector<MpValue> items(entries.size());
            for (Entry &entry : entries) {
                const size_t at = size_t(entry.position - 1);
                items[at] = std::move(entry.value);
                if (entry.valueRef >= 0)
                    refs->push_back({ at, entry.valueRef });
                if (entry.valueFlow && flowItems)
                    flowItems->push_back(at);
            }
            if (refs)
                std::sort(refs->begin(), refs->end(),
                          [](const TableRef &a, const TableRef &b) { return a.index < b.index; });
            if (flowItems)
                std::sort(flowItems->begin(), flowItems->end());
            if (flow)
                *flow = serialize == Serialize::Seq;
            *out = MpValue::array(std::move(items));
            return true;
        }
        // A table key is a placeholder in shared mode: it sorts where a converted table would.
        std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
            if (a.keyRef >= 0 || b.keyRef >= 0)
                return (a.keyRef >= 0 ? 4 : keyRank(a.key)) < (b.keyRef >= 0 ? 4 : keyRank(b.key));
            if (keyLess(a.key, b.key) || keyLess(b.key, a.key))
                return keyLess(a.key, b.key);
            // Equal table keys ({1} twice): by value, for one order run to run.
            return keyRank(a.key) == 4 && MpCodec::encode(a.value) < MpCodec::encode(b.value);
        });
        MpValue map = MpValue::map();
        map.items().reserve(entries.size() * 2);
        for (size_t i = 0; i < entries.size(); ++i) {
            Entry &entry = entries[i];
            if (entry.keyRef >= 0)
                refs->push_back({ 2 * i, entry.keyRef });
            if (entry.valueRef >= 0)
                refs->push_back({ 2 * i + 1, entry.valueRef });
            if (entry.keyFlow && flowItems)
                flowItems->push_back(2 * i);
            if (entry.valueFlow && flowItems)
                flowItems->push_back(2 * i + 1);
            map.insert(std::move(entry.key), std::move(entry.value));
        }
        if (flow)
            *flow = serialize == Serialize::Map;
        *out = std::move(map);
        return true;
    }

    lua_State *m_L;
    bool m_shared;
    bool m_printing;                  // toMpShared: __serialize's map kinds make maps (toMp ignores metatables)
    std::vector<const void *> m_path; // tables being encoded, outermost first
    std::unordered_map<const void *, int> m_ids; // shared mode: table -> node
    std::vector<TableNode> m_nodes;
    QString m_error;
    QString m_where;
    qint64 m_charged = 0;
    bool m_overBudget = false;
};

// Shared mode, second step: the tree as the YAML emitter walks it (array items in order, map
// keys before their values). A table is expanded where it is met first and anchored there
// when more than one reference leads to it; every later meeting is an alias.
class SharedTree
{
public:
    SharedTree(std::vector<TableNode> &nodes, MpFormat::YamlAnchors *anchors)
        : m_nodes(nodes)
        , m_anchors(anchors)
        , m_numbers(nodes.size(), -1)
        , m_met(nodes.size(), false)
    { }

    // Puts table `table`, met at m_path and depth, into *slot.
    bool place(int table, int depth, MpValue *slot)
    {
        const size_t t = size_t(table);
        if (m_met[t]) {
            m_anchors->marks.push_back({ m_path, MpFormat::YamlAnchors::Kind::Alias, m_numbers[t] });
            return true;
        }
        m_met[t] = true;
        if (m_nodes[t].references > 1) {
            m_numbers[t] = m_nextNumber++;
            m_anchors->marks.push_back({ m_path, MpFormat::YamlAnchors::Kind::Anchor, m_numbers[t] });
        }
        if (m_nodes[t].flow)
            m_anchors->flow.push_back(m_path);
        for (size_t item : m_nodes[t].flowItems) {
            m_path.push_back(item);
            m_anchors->flow.push_back(m_path);
            m_path.pop_back();
        }
        if (depth >= kMaxDepth)
            return false;
        MpValue value = std::move(m_nodes[t].value);
        for (const TableRef &ref : m_nodes[t].refs) {
            m_path.push_back(ref.index);
            const bool ok = place(ref.table, depth + 1, &value.items()[ref.index]);
            m_path.pop_back();
            if (!ok)
                return false;
        }
        *slot = std::move(value);
        return true;
    }

    std::vector<size_t> &path() { return m_path; }

private:
    std::vector<TableNode> &m_nodes;
    MpFormat::YamlAnchors *m_anchors;
    std::vector<int> m_numbers; // anchor numbers, in the order the anchors are printed
    std::vector<bool> m_met;
    std::vector<size_t> m_path;
    int m_nextNumber = 0;
};

} // namespace

bool push(lua_State *L, const MpValue &value, QString *error)
{
    if (!lua_checkstack(L, 2)) {
        if (error)
            *error = QStringLiteral("Lua stack overflow");
        return false;
    }
    lua_pushcfunction(L, pushTrampoline);
    lua_pushlightuserdata(L, const_cast<MpValue *>(&value));
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        if (error) {
            size_t length = 0;
            const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &length) : nullptr;
            *error = text ? QString::fromUtf8(text, qsizetype(length)) : QStringLiteral("cannot convert the value");
        }
        lua_pop(L, 1);
        return false;
    }
    return true;
}

bool toMp(lua_State *L, int index, MpValue *out, QString *error)
{
    Encoder encoder(L);
    MpValue value;
    if (!encoder.encode(lua_absindex(L, index), 0, &value)) {
        if (error)
            *error = encoder.message();
        return false;
    }
    if (out)
        *out = std::move(value);
    return true;
}

bool toMpShared(lua_State *L, int index, int count, std::vector<MpValue> *out, MpFormat::YamlAnchors *anchors,
                QString *error)
{
    const int first = lua_absindex(L, index);
    Encoder encoder(L, true);
    std::vector<MpValue> values(size_t(std::max(count, 0)));
    std::vector<int> roots(values.size(), -1);
    MpFormat::YamlAnchors marks;
    for (size_t i = 0; i < values.size(); ++i) {
        bool flow = false;
        if (!encoder.encode(first + int(i), 0, &values[i], &roots[i], &flow)) {
            if (error)
                *error = encoder.message();
            return false;
        }
        if (flow)
            marks.flow.push_back({ i });
    }
    SharedTree tree(encoder.nodes(), &marks);
    for (size_t i = 0; i < values.size(); ++i) {
        if (roots[i] < 0)
            continue;
        tree.path().assign(1, i);
        if (!tree.place(roots[i], 0, &values[i])) {
            if (error)
                *error = QStringLiteral("table nesting too deep (limit is %1)").arg(kMaxDepth);
            return false;
        }
    }
    std::sort(marks.flow.begin(), marks.flow.end());
    if (out)
        *out = std::move(values);
    if (anchors)
        *anchors = std::move(marks);
    return true;
}

void markPrintedByValue(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    lua_pushboolean(L, 1);
    lua_rawsetp(L, index, &kByValueKey);
}

void pushNull(lua_State *L)
{
    lua_pushlightuserdata(L, nullptr);
}

bool isNull(lua_State *L, int index)
{
    return lua_type(L, index) == LUA_TLIGHTUSERDATA && lua_touserdata(L, index) == nullptr;
}

} // namespace Boxscope::LuaValue
