#include "lua/LuaUint64.h"

#include "lua/LuaNumerals.h"

#include <lua.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace Boxscope::LuaUint64 {
namespace {

// Every function here may be left by longjmp (Lua errors): no C++ object with a destructor
// lives in these frames.

// Registry slots, keyed by address (lua_rawgetp neither allocates nor raises).
const char kMetatableKey = 0;
const char kInternKey = 0; // value bits (as a Lua integer) -> the one userdata, weak values

constexpr uint64_t kInt64Max = uint64_t(INT64_MAX);
constexpr double kTwo63 = 9223372036854775808.0;
constexpr double kTwo64 = 18446744073709551616.0;

enum class Kind { Unsigned, Integer, Float, Other };

struct Operand
{
    Kind kind = Kind::Other;
    uint64_t bits = 0; // Unsigned and Integer: the 64 bits
    double number = 0; // the numeric value as a float
};

Operand operand(lua_State *L, int index)
{
    Operand o;
    uint64_t value = 0;
    if (toUInt64(L, index, &value)) {
        o.kind = Kind::Unsigned;
        o.bits = value;
        o.number = double(value);
    } else if (lua_type(L, index) == LUA_TNUMBER && lua_isinteger(L, index)) {
        const lua_Integer n = lua_tointeger(L, index);
        o.kind = Kind::Integer;
        o.bits = uint64_t(n);
        o.number = double(n);
    } else if (lua_type(L, index) == LUA_TNUMBER) {
        o.kind = Kind::Float;
        o.number = double(lua_tonumber(L, index));
    }
    return o;
}

const char *typeName(lua_State *L, int index)
{
    uint64_t value = 0;
    return toUInt64(L, index, &value) ? kTypeName : luaL_typename(L, index);
}

bool isNegative(const Operand &o)
{
    return o.kind == Kind::Integer && int64_t(o.bits) < 0;
}

// Exact order of two numbers, at least one of them a uint64 value: -1, 0, 1, or 2 when
// unordered (NaN).
int compareIntegers(const Operand &a, const Operand &b)
{
    if (isNegative(a) != isNegative(b))
        return isNegative(a) ? -1 : 1;
    if (isNegative(a))
        return int64_t(a.bits) < int64_t(b.bits) ? -1 : int64_t(a.bits) > int64_t(b.bits) ? 1 : 0;
    return a.bits < b.bits ? -1 : a.bits > b.bits ? 1 : 0;
}

int compareWithFloat(const Operand &a, double d)
{
    if (std::isnan(d))
        return 2;
    if (d >= kTwo64)
        return -1;
    if (d < -kTwo63)
        return 1;
    if (!isNegative(a)) {
        if (d < 0)
            return 1;
        const uint64_t t = uint64_t(d); // d truncated, exact as a double
        if (a.bits != t)
            return a.bits < t ? -1 : 1;
        return d > double(t) ? -1 : 0;
    }
    if (d >= 0)
        return -1;
    const int64_t t = int64_t(d);
    const int64_t i = int64_t(a.bits);
    if (i != t)
        return i < t ? -1 : 1;
    return d < double(t) ? 1 : 0;
}

int compare(const Operand &a, const Operand &b)
{
    if (a.kind == Kind::Float) {
        const int r = compareWithFloat(b, a.number);
        return r == 2 ? 2 : -r;
    }
    if (b.kind == Kind::Float)
        return compareWithFloat(a, b.number);
    return compareIntegers(a, b);
}

int order(lua_State *L, bool orEqual)
{
    const Operand a = operand(L, 1);
    const Operand b = operand(L, 2);
    if (a.kind == Kind::Other || b.kind == Kind::Other) {
        const char *first = typeName(L, 1);
        const char *second = typeName(L, 2);
        if (std::strcmp(first, second) == 0)
            return luaL_error(L, "attempt to compare two %s values", first);
        return luaL_error(L, "attempt to compare %s with %s", first, second);
    }
    const int r = compare(a, b);
    lua_pushboolean(L, r == -1 || (orEqual && r == 0));
    return 1;
}

int lessThan(lua_State *L)
{
    return order(L, false);
}

int lessEqual(lua_State *L)
{
    return order(L, true);
}

int equal(lua_State *L)
{
    uint64_t a = 0, b = 0;
    lua_pushboolean(L, toUInt64(L, 1, &a) && toUInt64(L, 2, &b) && a == b);
    return 1;
}

int toString(lua_State *L)
{
    uint64_t value = 0;
    toUInt64(L, 1, &value);
    char text[32];
    std::snprintf(text, sizeof text, "%lluULL", static_cast<unsigned long long>(value));
    lua_pushstring(L, text);
    return 1;
}

// Lua's shift (lvm.c luaV_shiftl): a negative count shifts the other way, 64 or more gives 0.
uint64_t shiftLeft(uint64_t x, int64_t count)
{
    if (count <= -64 || count >= 64)
        return 0;
    return count >= 0 ? x << count : x >> -count;
}

bool isBitwise(int op)
{
    return op == LUA_OPBAND || op == LUA_OPBOR || op == LUA_OPBXOR || op == LUA_OPSHL || op == LUA_OPSHR
            || op == LUA_OPBNOT;
}

// A float operand of a bitwise operator: its integer value, as Lua requires.
uint64_t bitsOf(lua_State *L, const Operand &o)
{
    if (o.kind != Kind::Float)
        return o.bits;
    const double d = o.number;
    if (!(d >= -kTwo63 && d < kTwo63) || std::floor(d) != d)
        luaL_error(L, "number has no integer representation");
    return uint64_t(int64_t(d));
}

int arith(lua_State *L, int op)
{
    const bool unary = op == LUA_OPUNM || op == LUA_OPBNOT;
    const Operand a = operand(L, 1);
    const Operand b = unary ? a : operand(L, 2);
    if (a.kind == Kind::Other || b.kind == Kind::Other) {
        const int bad = a.kind == Kind::Other ? 1 : 2;
        return luaL_error(L, "attempt to perform %s on a %s value", isBitwise(op) ? "bitwise operation" : "arithmetic",
                          typeName(L, bad));
    }
    if (isBitwise(op)) {
        const uint64_t x = bitsOf(L, a);
        const uint64_t y = bitsOf(L, b);
        uint64_t r = 0;
        switch (op) {
        case LUA_OPBAND: r = x & y; break;
        case LUA_OPBOR: r = x | y; break;
        case LUA_OPBXOR: r = x ^ y; break;
        case LUA_OPSHL: r = shiftLeft(x, int64_t(y)); break;
        case LUA_OPSHR: r = shiftLeft(x, int64_t(0 - y)); break;
        default: r = ~x; break; // LUA_OPBNOT
        }
        push(L, r);
        return 1;
    }
    if (op == LUA_OPDIV || op == LUA_OPPOW || a.kind == Kind::Float || b.kind == Kind::Float) {
        // A float result, by Lua's own float arithmetic.
        lua_pushnumber(L, lua_Number(a.number));
        if (!unary)
            lua_pushnumber(L, lua_Number(b.number));
        lua_arith(L, op);
        return 1;
    }
    uint64_t r = 0;
    switch (op) {
    case LUA_OPADD: r = a.bits + b.bits; break;
    case LUA_OPSUB: r = a.bits - b.bits; break;
    case LUA_OPMUL: r = a.bits * b.bits; break;
    case LUA_OPUNM: r = 0 - a.bits; break;
    case LUA_OPIDIV:
        if (b.bits == 0)
            return luaL_error(L, "attempt to perform 'n//0'");
        r = a.bits / b.bits;
        break;
    case LUA_OPMOD:
        if (b.bits == 0)
            return luaL_error(L, "attempt to perform 'n%%0'");
        r = a.bits % b.bits;
        break;
    default: return luaL_error(L, "unsupported operation");
    }
    push(L, r);
    return 1;
}

template<int Op>
int arithmetic(lua_State *L)
{
    return arith(L, Op);
}

void pushMetatable(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kMetatableKey) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    static const luaL_Reg methods[] = {
        { "__tostring", toString },
        { "__eq", equal },
        { "__lt", lessThan },
        { "__le", lessEqual },
        { "__add", arithmetic<LUA_OPADD> },
        { "__sub", arithmetic<LUA_OPSUB> },
        { "__mul", arithmetic<LUA_OPMUL> },
        { "__div", arithmetic<LUA_OPDIV> },
        { "__mod", arithmetic<LUA_OPMOD> },
        { "__pow", arithmetic<LUA_OPPOW> },
        { "__unm", arithmetic<LUA_OPUNM> },
        { "__idiv", arithmetic<LUA_OPIDIV> },
        { "__band", arithmetic<LUA_OPBAND> },
        { "__bor", arithmetic<LUA_OPBOR> },
        { "__bxor", arithmetic<LUA_OPBXOR> },
        { "__shl", arithmetic<LUA_OPSHL> },
        { "__shr", arithmetic<LUA_OPSHR> },
        { "__bnot", arithmetic<LUA_OPBNOT> },
        { nullptr, nullptr },
    };
    lua_createtable(L, 0, 20);
    luaL_setfuncs(L, methods, 0);
    lua_pushstring(L, kTypeName);
    lua_setfield(L, -2, "__name");
    // getmetatable() gives this string: scripts cannot change how every value behaves.
    lua_pushstring(L, kTypeName);
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kMetatableKey);
}

void pushInternTable(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kInternKey) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kInternKey);
}

int construct(lua_State *L)
{
    push(L, uint64_t(luaL_checkinteger(L, 1)));
    return 1;
}

// tonumber(v) for a uint64 value: the nearest float (Lua's own tonumber has no metamethod).
int convertingTonumber(lua_State *L)
{
    uint64_t value = 0;
    if (lua_isnoneornil(L, 2) && toUInt64(L, 1, &value)) {
        lua_pushnumber(L, lua_Number(value));
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

void wrapGlobal(lua_State *L, const char *name, lua_CFunction wrapper)
{
    if (lua_getglobal(L, name) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        return;
    }
    lua_pushcclosure(L, wrapper, 1);
    lua_setglobal(L, name);
}

} // namespace

void push(lua_State *L, uint64_t value)
{
    if (value <= kInt64Max) {
        lua_pushinteger(L, lua_Integer(value));
        return;
    }
    luaL_checkstack(L, 4, "uint64 value");
    pushInternTable(L);
    if (lua_rawgeti(L, -1, lua_Integer(value)) == LUA_TUSERDATA) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    void *block = lua_newuserdatauv(L, sizeof(uint64_t), 0);
    std::memcpy(block, &value, sizeof value);
    pushMetatable(L);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, lua_Integer(value));
    lua_remove(L, -2);
}

bool toUInt64(lua_State *L, int index, uint64_t *value)
{
    if (lua_type(L, index) != LUA_TUSERDATA || !lua_checkstack(L, 2))
        return false;
    index = lua_absindex(L, index);
    if (!lua_getmetatable(L, index))
        return false;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kMetatableKey);
    const bool ours = lua_rawequal(L, -1, -2) != 0;
    lua_pop(L, 2);
    if (!ours || lua_rawlen(L, index) != sizeof(uint64_t))
        return false;
    std::memcpy(value, lua_touserdata(L, index), sizeof(uint64_t));
    return true;
}

void pushConstructor(lua_State *L)
{
    lua_pushcfunction(L, construct);
}

void install(lua_State *L)
{
    pushConstructor(L);
    lua_setglobal(L, LuaNumerals::kConstructor);
    wrapGlobal(L, "tonumber", convertingTonumber);
}

} // namespace Boxscope::LuaUint64
