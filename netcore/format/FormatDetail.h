// Helpers the MpFormat writers share: UTF-8 checks, number printing, ext payloads as values.
#pragma once

#include "format/MpFormat.h"
#include "msgpack/MpExt.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string>

namespace Boxscope::MpFormat::detail {

using Bytes = QByteArray;
// Output is built in a std::string: appending a char to it is much cheaper than to a QByteArray.
using Out = std::string;

inline constexpr const char *kHexLower = "0123456789abcdef";
inline constexpr const char *kHexUpper = "0123456789ABCDEF";
inline constexpr const char *kTooDeep = "nesting too deep";

// Length of the strictly valid UTF-8 sequence at p (no overlongs, no surrogates, at most
// U+10FFFF), 0 when there is none.
int utf8SequenceLength(const uchar *p, const uchar *end, char32_t *cp = nullptr);

bool isValidUtf8(const Bytes &s);

void appendNumber(Out &out, uint64_t v);
void appendNumber(Out &out, int64_t v);
void appendInteger(Out &out, const MpValue &v);

// printf("%.14g") without the C locale: Tarantool's fpconv_g_fmt with the default
// encode_number_precision.
void appendG14(Out &out, double d);

// How Tarantool prints a Lua number (luaL_tofield, then the YAML emitter): integral values in
// [-2^63, 2^64) as integers, everything else with %.14g.
void appendLuaNumber(Out &out, double d);

// The shortest text that reads back as the same double, kept recognisable as a float.
void appendShortestDouble(Out &out, double d);

// Letters, digits and '_', not starting with a digit: a Lua name or a keyword (Lua literals and
// previews print such map keys bare).
bool isIdentifierLike(const Bytes &s);

// The ext payload as a value, when it is one of the types that carry text.
struct ExtView
{
    enum Kind { Text, ErrorKind, Generic } kind = Generic;
    QString text; // decimal, uuid, datetime, interval text
    MpExt::Type type = MpExt::Decimal;
    ErrorStack errors; // ErrorKind
    MpExt::IntervalValue interval;
};

ExtView viewExt(const MpValue &v, int depth);

} // namespace Boxscope::MpFormat::detail
