// YAML scalars: libyaml's character classes and scalar analysis, values as scalars.
#pragma once

#include "format/FormatDetail.h"

#include <cstring>

namespace Boxscope::MpFormat::detail::yaml {

enum class Style { Any, Plain, Single, Double, Literal };

struct Scalar
{
    Bytes text;
    const char *tagHandle = nullptr; // "!!" or "!"
    Bytes tagSuffix;
    Style style = Style::Any;
    bool isString = false; // a Lua string: single-quoted in flow context
    qsizetype tagLength() const { return tagHandle ? qsizetype(std::strlen(tagHandle)) + tagSuffix.size() : 0; }
};

struct Analysis
{
    bool multiline = false;
    bool flowPlainAllowed = true;
    bool blockPlainAllowed = true;
    bool singleQuotedAllowed = true;
    bool blockAllowed = true;
};

// --- character classes, libyaml's macros on [p, end) with a NUL past the end

inline uchar at(const uchar *p, const uchar *end, int k = 0) { return p + k < end ? p[k] : 0; }
inline int width(uchar b)
{
    return (b & 0x80) == 0 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
}
inline bool isBreak(const uchar *p, const uchar *end)
{
    const uchar b0 = at(p, end);
    return b0 == '\r' || b0 == '\n' || (b0 == 0xc2 && at(p, end, 1) == 0x85)
           || (b0 == 0xe2 && at(p, end, 1) == 0x80 && (at(p, end, 2) == 0xa8 || at(p, end, 2) == 0xa9));
}
inline bool isBlankZ(const uchar *p, const uchar *end)
{
    const uchar b0 = at(p, end);
    return b0 == ' ' || b0 == '\t' || b0 == 0 || isBreak(p, end);
}
// The libyaml Tarantool 2.6 ships: without the u_isprint() fallback newer ones have, so
// characters outside the BMP are escaped in double quotes.
inline bool isPrintable(const uchar *p, const uchar *end)
{
    const uchar b0 = at(p, end), b1 = at(p, end, 1), b2 = at(p, end, 2);
    return b0 == 0x0a || (b0 >= 0x20 && b0 <= 0x7e) || (b0 == 0xc2 && b1 >= 0xa0)
           || (b0 > 0xc2 && b0 < 0xed) || (b0 == 0xed && b1 < 0xa0) || b0 == 0xee
           || (b0 == 0xef && !(b1 == 0xbb && b2 == 0xbf) && !(b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)));
}
inline bool isBom(const uchar *p, const uchar *end)
{
    return at(p, end) == 0xef && at(p, end, 1) == 0xbb && at(p, end, 2) == 0xbf;
}

// lua-yaml's dump_node() for a Lua string (Tarantool 2.6): strings Lua reads as numbers and
// the YAML 1.1 words 2.6 quotes (observed on 2.6.0: exactly these, case-sensitive; "Yes",
// "on", "Null" stay plain) are single-quoted so they read back as strings; text that is not
// printable UTF-8 goes m_out as base64; text with an empty line asks for the literal style.
Scalar stringScalar(const Bytes &bytes);

// A value other than an array or a map as the scalar the encoder emits (for a collection, the
// kTooDeep string).
Scalar scalarFor(const MpValue &v, int depth);

// libyaml's yaml_emitter_analyze_scalar().
Analysis analyze(const Bytes &value);

// Whether a scalar key can be written "key: value": one line, at most 128 characters with its tag.
bool isSimpleKey(const Scalar &s, const Analysis &a);

} // namespace Boxscope::MpFormat::detail::yaml
