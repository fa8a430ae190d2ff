#pragma once

#include <QByteArray>

#include <cstddef>

namespace Boxscope {

/// LuaJIT's 64-bit integer numerals in Lua 5.4 chunks, by a text pass before Lua compiles them.
///
/// Tarantool's Lua (LuaJIT) reads `18446744073709551615ULL`, `0xffffffffffffffffULL`,
/// `-9223372036854775808LL`: decimal or hex integer digits with the suffix `ULL`, `LL` or
/// `LLU`, in any case. Lua 5.4 has no such numerals, so every one of them outside strings and
/// comments (short strings with their escapes, long strings and long comments `[==[ ]==]`) is
/// replaced by an exact construction on the same line, so that Lua's messages keep the user's
/// line numbers:
///
///   NLL                  the integer with N's 64 bits (wrapping, as LuaJIT's int64_t:
///                        9223372036854775808LL is math.mininteger, 18446744073709551615LL is -1)
///   NULL, N <= 2^63 - 1  the integer N (Lua 5.4 integers are exact there)
///   NULL, N >  2^63 - 1  a call of the global kConstructor: a uint64 value (LuaUint64)
///   -NULL                unary minus folded in, modulo 2^64 as LuaJIT's uint64_t: -1ULL is
///                        18446744073709551615ULL (unless a `^` follows, which binds tighter)
///
/// A numeral with a suffix that does not fit 64 bits (18446744073709551616ULL), a fraction or
/// an exponent (1.5ULL) or another suffix (1UL) is left as it is: Lua reports it as LuaJIT
/// does, "malformed number near '18446744073709551616ULL'".
///
/// Mode::Arguments (the literal parser's typed arguments) also reads a decimal integer
/// numeral without a suffix above 2^63 - 1 and up to 2^64 - 1 (12345678901234567890) as that
/// exact unsigned value, unless a minus sign comes before it; in chunks (Mode::Chunk) such a
/// numeral stays what Lua 5.4 makes of it, a float.
namespace LuaNumerals {

enum class Mode { Chunk, Arguments };

/// The global the rewritten chunks call to make a uint64 value from an integer's 64 bits.
constexpr char kConstructor[] = "__boxscope_uint64";

/// Receives the rewritten text piece by piece.
using Sink = void (*)(void *context, const char *data, size_t size);

/// Rewrites text into sink. Allocates nothing and calls nothing else, so that a Lua C
/// function can feed a luaL_Buffer from it. Returns whether anything was replaced; when
/// nothing was, the sink has received nothing (the text stands as it is). sink may be null.
bool rewrite(const char *text, size_t size, Mode mode, Sink sink, void *context);

/// The rewritten text (text itself, shared, when nothing changes).
QByteArray rewritten(const QByteArray &text, Mode mode = Mode::Chunk);

} // namespace LuaNumerals
} // namespace Boxscope
