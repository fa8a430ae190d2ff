#pragma once

#include "msgpack/MpValue.h"

#include <QString>

#include <vector>

struct lua_State;

namespace Boxscope {

namespace MpFormat {
struct YamlAnchors;
}

/// Conversions between MpValue and Lua 5.4 values.
///
/// msgpack -> Lua (push):
///   nil          nil at the top level; box.NULL inside arrays and maps, so that
///                sequences keep their length and map entries are not lost
///   bool         boolean
///   int, uint    integer; a uint above INT64_MAX, which no Lua 5.4 integer holds,
///                a uint64 value (LuaUint64: prints 18446744073709551615ULL, as
///                Tarantool's uint64_t cdata)
///   float, double float
///   str, bin     string (the str/bin distinction is lost)
///   array        sequence table 1..n with metatable {__serialize = 'seq'}
///   map          table with metatable {__serialize = 'map'} (a nil key becomes
///                box.NULL; a NaN key is an error). The two metatables are
///                shared by all decoded tables, as Tarantool's msgpack decoder
///                does; they make the console print them in flow style.
///   ext          a "msgpack.ext" full userdata with fields `type` (integer)
///                and `data` (string), `#ext` the payload size and tostring()
///                "msgpack.ext(type, N bytes)". A userdata and not a table, so
///                that toMp gives back the same MP_EXT instead of an array.
///
/// Lua -> msgpack (toMp), mirroring Tarantool's msgpack.encode where the two
/// Luas agree:
///   nil, box.NULL nil
///   boolean      bool
///   integer      int (uint when >= 0)
///   float        as Tarantool (LuaJIT has only floats): a non-integral or
///                non-finite number is a double; an integral one is an integer
///                when it fits [-2^63, 2^64) (so 2.0 -> 2, 2^53 -> 9007199254740992,
///                -0.0 -> 0), otherwise a double (2^64, 1e300)
///   string       str
///   table        empty or keys exactly 1..n -> array; anything else -> map.
///                Unlike Tarantool, a sequence with holes ({1, nil, 3}) is a map
///                {1: 1, 3: 3} rather than an array padded with nils: Lua cannot
///                tell which nils were meant, box.NULL says it. Map entries are
///                sorted (numbers, then strings, then booleans, then the rest)
///                because Lua's iteration order changes from state to state.
///                Metatables are ignored.
///   msgpack.ext  ext
///   uint64 value uint (LuaUint64), exactly
///   function, userdata, thread -> error "cannot encode a function value"...
///   Nesting deeper than kMaxDepth tables -> "table nesting too deep"; a table
///   containing itself -> "table contains a reference cycle" (a table shared
///   by two branches is fine and is encoded twice).
///   A value whose conversion would take more than kMaxValueBytes (every node
///   and every byte of every string it produces, a shared table or string
///   counted each time it is met) -> "value expands to more than 64 MiB": a
///   60-character literal that doubles a table 26 times stops there, at once.
///
/// For printing (toMpShared), tables keep their identity as Tarantool's YAML
/// encoder sees it: a table met more than once is printed in full where the
/// emitter meets it first, with an anchor, and as an alias everywhere else,
/// cycles included. Its metatable's __serialize counts as in Tarantool's YAML
/// encoder: 'seq' and 'map' print in flow style (and everything inside them),
/// 'sequence', 'array' and 'mapping' in block style, and 'map' / 'mapping'
/// make a map even of an empty or 1..n table.
namespace LuaValue {

/// Tables nested deeper than this do not encode (Tarantool's encode_max_depth).
constexpr int kMaxDepth = 128;

/// What one conversion (toMp, toMpShared: arguments, return values, printing) may produce,
/// in bytes: the nodes (sizeof(MpValue) each) and the strings' and ext payloads' bytes.
constexpr qint64 kMaxValueBytes = 64 * 1024 * 1024;

/// Pushes value onto L's stack. Runs in protected mode and never raises: on
/// failure (memory limit, NaN map key, nesting) pushes nothing, returns false
/// and describes the failure in *error.
bool push(lua_State *L, const MpValue &value, QString *error = nullptr);

/// Converts the value at index. Does not raise and leaves the stack as it was.
/// On failure returns false and says why in *error, with the path of the
/// offending value ("cannot encode a function value at x[2]").
bool toMp(lua_State *L, int index, MpValue *out, QString *error = nullptr);

/// Converts the count values from index on for one YAML document, as the console
/// prints `return v1, v2, ...` (MpFormat::yamlDocument(*out, anchors)): like toMp,
/// except that tables keep their identity. A table that more than one reference
/// leads to (from any table, or twice among the values) gets an anchor where the
/// YAML emitter meets it first and an alias wherever it is met again, so shared
/// tables print once and cycles are no error. In *out an alias is a nil
/// placeholder. Anchors are numbered from 0 in the order they are printed; map
/// entries are in toMp's sorted order, which the numbering follows. kMaxDepth
/// bounds the tree as printed. anchors->flow receives the flow-style nodes
/// (see above). Tables whose metatable is marked by
/// markPrintedByValue() have no identity here: they are converted where they are
/// met, as toMp does. Does not raise and leaves the stack as it was.
bool toMpShared(lua_State *L, int index, int count, std::vector<MpValue> *out, MpFormat::YamlAnchors *anchors,
                QString *error = nullptr);

/// Marks the metatable at index: tables with it stand for values that Tarantool
/// has as cdata (tuples, errors), which its YAML encoder never anchors, so
/// toMpShared() prints them in full every time. May raise (memory).
void markPrintedByValue(lua_State *L, int index);

/// Pushes box.NULL: a NULL light userdata, recognisable without any lookup.
void pushNull(lua_State *L);
bool isNull(lua_State *L, int index);

} // namespace LuaValue
} // namespace Boxscope
