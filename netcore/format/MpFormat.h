#pragma once

#include "msgpack/MpValue.h"

#include <QString>

#include <vector>

namespace Boxscope {

/// Text forms of msgpack values: YAML as Tarantool's console prints it, JSON, Lua literals and a
/// one-line preview.
///
/// All of them walk the value once, append to one buffer, and stop descending below
/// kMaxDepth levels (ext payloads that nest values count as levels too), printing a
/// "nesting too deep" marker there instead. MP_EXT values are decoded with MpExt; a payload
/// that does not decode is shown in the generic ext form of each format.
namespace MpFormat {

constexpr int kMaxDepth = 512;

/// Anchors and aliases of a YAML document whose values share tables, as Tarantool's YAML
/// encoder prints a Lua table met more than once ("&0" where it is printed first, "*0" for
/// every later occurrence, a cycle included). Lua values give them: LuaValue::toMpShared().
///
/// A node is named by its path of child indices from the root, each an index into its
/// parent's MpValue::items(): an array item by its position, a map key by 2 * i and its value
/// by 2 * i + 1. In yamlDocument() the first index picks the value. Marks are sorted by path,
/// which is the order the emitter meets the nodes in. An anchored node is printed with
/// "&<number>" before it; an alias node is printed as "*<number>" alone (its value in the
/// tree is a placeholder and is not printed). Marks whose path names no node are ignored.
struct YamlAnchors
{
    enum class Kind { Anchor, Alias };
    struct Mark
    {
        std::vector<size_t> path;
        Kind kind = Kind::Anchor;
        int number = 0;
    };
    std::vector<Mark> marks;
    /// The nodes printed in flow style ("[1, 'a']", "{'k': 1}"), as Tarantool's YAML encoder
    /// prints tables marked `__serialize = 'seq'` or `'map'` (the msgpack decoder's tables)
    /// and tuples; everything inside a flow node is flow too. Paths as in marks, sorted;
    /// paths of scalars are ignored.
    std::vector<std::vector<size_t>> flow;
    bool isEmpty() const { return marks.empty() && flow.empty(); }
};

/// The value as YAML, byte for byte what Tarantool's `yaml.encode(v)` produces for the
/// equivalent Lua value, without the document markers: yaml.encode(v) is
/// "---" + (" " or "\n") + toYaml(v) + "...\n". The text is written by libyaml's emitter
/// (the system's libyaml, which Debian's tarantool 2.6 links too: indentation, simple and
/// complex keys, 80-column folding, plain / single / double quoted / literal styles and
/// escapes, anchors and tags), configured and fed events as Tarantool 2.6's lua-yaml does,
/// with its string rules: strings Lua would read as numbers and "yes", "no", "true", "false",
/// "null", "~" are quoted, strings that are not printable UTF-8 become `!!binary <base64>`,
/// strings with an empty line use the literal style. The differences, where the Lua value
/// cannot be known from msgpack:
/// - maps keep their wire order (Tarantool prints Lua's hash order);
/// - doubles with an integral value print as integers, as Lua numbers do ("100", not "100.0");
/// - MP_BIN always prints as `!!binary <base64>` (2.6 decodes bin to a Lua string and only
///   tags it when it is not printable; newer versions have a varbinary type that is tagged);
/// - decimal, uuid, datetime and interval print as their tostring() text, an error as its
///   (outermost) message, as Tarantool does; other ext types, and ext payloads that do not
///   decode, print as a locally tagged scalar `!ext:<type> <base64 of the payload>`;
/// - arrays and maps use block style, except the nodes the anchors' `flow` names: those print
///   as libyaml prints flow collections ("[1, 'a', {'k': 2}]", continued on the next line
///   past column 80), with every string in them single-quoted (or double-quoted when it must
///   be), as Tarantool's encoder asks for in flow mode (also for a string it meets while libyaml
///   still holds a flow collection back: "[]: 'v'" where a block map's first key is "[]").
/// When libyaml fails (it cannot allocate), the value prints as the quoted scalar
/// 'YAML emitter error: <libyaml's problem>'.
/// The empty string at the root is the empty text, as yaml.encode('') is "---\n...\n".
/// With anchors, nodes are marked as libyaml does: "&0 []" (empty), "- &0" with the block
/// on the next line, "x: *0", and a root anchor right after "---" ("--- &0\nself: *0\n").
QString toYaml(const MpValue &v, const YamlAnchors *anchors = nullptr);

/// What Tarantool's interactive console prints for `return v1, v2, ...`:
/// "---\n- v1\n- v2\n...\n", and "---\n...\n" when there are no values. The anchors'
/// paths start with the index of the value.
QString yamlDocument(const std::vector<MpValue> &values, const YamlAnchors *anchors = nullptr);

/// One line of JSON. The mapping:
/// - nil → null, bool → true/false, integers exactly (the full int64/uint64 range);
/// - floats in the shortest form that reads back as the same double, always with a '.' or an
///   exponent so they stay floats ("1.0", "0.1", "1e+100"); a float32 is widened to double
///   first, so 0.1f prints "0.10000000149011612"; NaN and infinities, which JSON lacks, print as
///   {"$double":"nan"}, {"$double":"inf"}, {"$double":"-inf"};
/// - a string that is valid UTF-8 → a JSON string (quote, backslash and control characters
///   escaped, \n \r \t \b \f short, others as \u00XX; U+2028/U+2029 escaped too; other
///   non-ASCII kept as UTF-8); a string that is not valid UTF-8 → {"$bin":"<base64>"};
/// - bin → {"$bin":"<base64>"};
/// - array → [..]; a map whose keys are all valid UTF-8 strings → an object, in wire order
///   (distinct keys only); any other map, duplicate keys included → {"$map":[[k,v],...]};
/// - decimal → {"$decimal":"1.25"}, uuid → {"$uuid":"..."}, datetime → {"$datetime":"<ISO>"},
///   interval → {"$interval":"+1 years, 2 months"};
/// - error → {"$error":{"type":..,"code":..,"message":..,"file":..,"line":..,"errno":..,
///   "fields":..,"prev":{...}}}: the outermost error, the rest of the stack nested as "prev";
///   "fields" only when the error has them, "prev" only when there is one;
/// - other ext, or an ext whose payload does not decode → {"$ext":{"type":N,"data":"<base64>"}}.
/// A user map with a "$..." key of its own is not escaped: the wrappers are for reading, not a
/// lossless encoding.
QString toJson(const MpValue &v);

/// s as a quoted JSON string, escaped as toJson does.
QString jsonString(const QString &s);

/// A Lua literal that Lua (5.4, and LuaJIT) reads back:
/// - nil (box.NULL inside tables), true/false, integers in decimal (uint64 above 2^63 reads
///   back as a float: Lua has no unsigned 64-bit integers);
/// - floats in their shortest round-trip form with a '.' or exponent ("1.0", "0.1"), and the
///   expressions 1/0, -1/0, 0/0 for the non-finite ones;
/// - strings in single quotes: \\ \' \n \r \t escaped, other control bytes and bytes that are
///   not part of valid UTF-8 as \xNN, valid UTF-8 kept; bin values as string literals with
///   every byte outside printable ASCII as \xNN;
/// - arrays {1, 2, 3}; maps {x = 1, ['a b'] = 2, [5] = 3}: identifier keys bare unless they are
///   Lua keywords, other keys in brackets;
/// - ext values as the Tarantool calls that make them (they are not read back by a plain Lua
///   parser): decimal.new('1.25'), uuid.fromstr('...'), datetime.parse('<ISO>'),
///   datetime.interval.new({year = 1, month = 2}), box.error.new({type = .., code = ..,
///   reason = ..}) with a --[[N more in the stack]] comment when the error has causes, and for
///   any other ext a comment naming the type before the exact bytes:
///   --[[ext 7]] msgpack.object_from_raw('\xd4\x07\x01').
QString toLua(const MpValue &v);

/// A compact one-line flow preview such as [1, 'a', {x: 1, 'a b': 2}], at most maxChars
/// characters, ending in "…" when cut. It stops walking as soon as the budget is spent, so
/// previewing a 10 MB value costs about as much as previewing its first maxChars characters.
/// Strings are quoted with \n, \t, \\, \' and \xNN escapes, bin shows as bin(<hex>), decimal,
/// uuid and datetime as their text, interval as interval(+1 years), error as error('message'),
/// other ext as ext(7, <hex>); doubles as Tarantool prints them ("%.14g").
QString preview(const MpValue &v, int maxChars = 120);

/// Bytes as text for a person: valid UTF-8 as it is, every byte that is not part of valid
/// UTF-8 as \xNN (a backslash itself stays as it is). For print()'s output in the console.
QString bytesAsText(const QByteArray &bytes);

} // namespace MpFormat
} // namespace Boxscope
