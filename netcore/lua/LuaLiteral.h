#pragma once

#include "msgpack/MpValue.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace Boxscope {

/// Lua expressions typed by the user (call arguments, keys, tuples) turned into
/// msgpack values: `{1, 'a', {x = 1}, box.NULL}`.
///
/// The text is compiled as `return <text>` in text mode and run in a
/// per-thread LuaSandbox that opens no library at all, with an environment
/// holding only `box = {NULL = <msgpack nil>}`: `os.exit(1)`, `print('x')` or
/// `require('ffi')` fail as calls on missing globals, and strings have no
/// methods. Functions can still be written inside a literal, so runs are bound
/// by kInstructionBudget and kMemoryLimit. Values convert as LuaValue::toMp
/// documents (integral floats are integers, as in Tarantool; tables with keys
/// other than exactly 1..n are maps).
///
/// Integers are exact over the whole msgpack range: LuaJIT's numerals
/// `18446744073709551615ULL`, `0xffffffffffffffffULL`, `-9223372036854775808LL`
/// are read as in Tarantool (LuaNumerals), and so is a decimal integer without a
/// suffix from 2^63 to 2^64 - 1 (`12345678901234567890` is that unsigned integer,
/// where Lua, and LuaJIT, would round it to a float), unless a minus sign comes
/// before it. A suffixed numeral out of range (`18446744073709551616ULL`) is an
/// error, "malformed number near '18446744073709551616ULL'"; an unsuffixed one
/// above 2^64 - 1 stays a float.
///
/// Thread-agnostic (one sandbox per calling thread, created on first use) and
/// cheap enough to run on every keystroke: tens of microseconds for small input.
namespace LuaLiteral {

/// A literal may spend this many VM instructions (tens of milliseconds).
constexpr uint64_t kInstructionBudget = 5'000'000;
constexpr size_t kMemoryLimit = size_t(64) * 1024 * 1024;

struct ParseResult
{
    bool ok = false;
    MpValue value;               ///< parse(): the value; parseValues(): the first value (nil if none)
    std::vector<MpValue> values; ///< every value, in order
    /// "line 2, column 7: unexpected symbol near '='" (or "line 2: ..." when the
    /// column is unknown, or just the text when there is no position).
    QString error;
    /// 1-based position of the error in the user's text; 0 when unknown.
    /// Columns count UTF-16 code units (QString indices) + 1, like an editor.
    int line = 0;
    int column = 0;
};

/// Exactly one value; none or several is an error.
ParseResult parse(const QString &text);
/// Zero or more comma-separated values: `1, 'a', {x = 1}` gives three.
ParseResult parseValues(const QString &text);

} // namespace LuaLiteral
} // namespace Boxscope
