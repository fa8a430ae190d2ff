#pragma once

#include <cstdint>

struct lua_State;

namespace Boxscope {

/// Unsigned 64-bit integers above INT64_MAX in Lua 5.4, where Tarantool's LuaJIT has uint64_t
/// cdata (`18446744073709551615ULL`).
///
/// Lua 5.4 integers are signed 64-bit and exact up to 2^63 - 1, so a uint64 value stands only
/// for the integers in (2^63 - 1, 2^64 - 1]: a full userdata, its metatable protected
/// (getmetatable() gives "uint64_t", the name errors use: "attempt to concatenate a uint64_t
/// value"). Every value it takes or gives is normalised: a result that fits an integer is
/// that integer, so `v % 2 == 0`, `v - v == 0` and `t[v - (v - 1)]` behave as for any
/// integer (LuaJIT would give 0ULL and 1ULL there, which Lua 5.4's == could never equal to 0).
/// The price: from there on it is Lua's signed integer arithmetic, so `(h + h) - 1` is -1 and
/// `(h - 1) + 2` wraps to a negative integer, where LuaJIT's cdata stays unsigned (h = 2^63).
///
/// - tostring()/print(): `18446744073709551615ULL`, as LuaJIT prints the cdata; the console's
///   YAML and the wire: the unsigned integer (LuaValue).
/// - Equal values are one object (interned in a weak table), so they are == and rawequal, and
///   are the same table key.
/// - Comparisons (<, <=, >, >=) with uint64 values, integers and floats are exact (a float
///   NaN is unordered). `==` with a number is false, as it must be for an integer (no number
///   of Lua 5.4 equals one of these values, except a float such as 2^63, which Lua 5.4 never
///   compares with a userdata: `v == 2^63` is false where LuaJIT says true).
/// - Arithmetic with uint64 values and integers wraps modulo 2^64 as LuaJIT's uint64_t does
///   (integers taken as their 64 bits: v + -1 is v - 1): +, -, *, unary minus, // and %
///   (unsigned; a zero divisor raises as Lua's integer division does: "attempt to perform
///   'n//0'"), and the bitwise operators &, |, ~, <<, >> (Lua's shifts, on the 64 bits). With
///   a float operand, and always for / and ^, the result is a float, as for Lua's integers
///   (LuaJIT converts the float to uint64_t instead).
/// - tonumber(v) is the nearest float; math.type(v) and type(v) say it is no number
///   ("userdata" where LuaJIT says "cdata").
///
/// install() adds what a Standard LuaSandbox has: the constructor global
/// LuaNumerals::kConstructor the rewritten numerals call and tonumber() that converts these
/// values (the sandbox's own load() rewrites the numerals of the chunks it is given as text).
namespace LuaUint64 {

/// The metatable's name and __metatable.
constexpr char kTypeName[] = "uint64_t";

/// Pushes value: an integer up to INT64_MAX, a uint64 value above. May raise (memory).
void push(lua_State *L, uint64_t value);

/// Whether the value at index is a uint64 value; *value receives it. Never raises and
/// allocates nothing.
bool toUInt64(lua_State *L, int index, uint64_t *value);

/// Pushes the constructor: a function of one integer, taken as 64 bits, giving push()'s
/// value for them (so __boxscope_uint64(-1) is 18446744073709551615ULL). May raise.
void pushConstructor(lua_State *L);

/// Sets the global constructor and wraps the global tonumber (when present).
/// May raise (memory): call it in protected mode.
void install(lua_State *L);

} // namespace LuaUint64
} // namespace Boxscope
