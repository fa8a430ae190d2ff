// YAML scalars: Tarantool 2.6's string rules (lua-yaml's dump_node()), values as scalars.
#include "format/YamlScalar.h"

#include <QChar>

namespace Boxscope::MpFormat::detail::yaml {
namespace {

// LuaJIT's lj_strscan_scan() with STRSCAN_OPT_TONUM, reduced to "is it a number?": this is
// lua_isnumber() on a string, which Tarantool uses to quote strings like '123' or 'inf'.
bool luaIsNumber(const Bytes &s)
{
    const auto *p = reinterpret_cast<const uchar *>(s.constData());
    const uchar *const pe = p + s.size();
    // LuaJIT reads its NUL-terminated copy; past the end there is a 0.
    auto at = [pe](const uchar *q) -> uchar { return q < pe ? *q : 0; };
    auto isDigit = [](uchar c) { return c >= '0' && c <= '9'; };
    auto isXDigit = [](uchar c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); };
    auto isSpace = [](uchar c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    auto casecmp = [](uchar c, char k) { return (c | 0x20) == uchar(k); };

    if (!isDigit(at(p))) {
        while (isSpace(at(p)))
            ++p;
        if (at(p) == '+' || at(p) == '-')
            ++p;
        if (at(p) >= 'A') { // "inf", "infinity" or "nan"
            if (casecmp(at(p), 'i') && casecmp(at(p + 1), 'n') && casecmp(at(p + 2), 'f')) {
                p += 3;
                if (casecmp(at(p), 'i') && casecmp(at(p + 1), 'n') && casecmp(at(p + 2), 'i') && casecmp(at(p + 3), 't')
                    && casecmp(at(p + 4), 'y'))
                    p += 5;
            } else if (casecmp(at(p), 'n') && casecmp(at(p + 1), 'a') && casecmp(at(p + 2), 'n')) {
                p += 3;
            }
            while (isSpace(at(p)))
                ++p;
            return !(at(p) || p < pe);
        }
    }

    int base = 10;
    bool hasDigit = false;
    uint32_t dig = 0;
    const uchar *dp = nullptr;
    if (at(p) <= '0') {
        if (at(p) == '0') {
            if (casecmp(at(p + 1), 'x'))
                base = 16, p += 2;
            else if (casecmp(at(p + 1), 'b'))
                base = 2, p += 2;
        }
        for (;; ++p) {
            if (at(p) == '0') {
                hasDigit = true;
            } else if (at(p) == '.') {
                if (dp)
                    return false;
                dp = p;
            } else {
                break;
            }
        }
    }
    const uchar *sp = p;
    for (;; ++p) {
        if (base == 16 ? isXDigit(at(p)) : isDigit(at(p))) {
            ++dig;
        } else if (at(p) == '.') {
            if (dp)
                return false;
            dp = p;
        } else {
            break;
        }
    }
    if (!hasDigit && dig == 0)
        return false;
    // Digits after the point, not counting trailing zeros (only the binary form cares).
    int64_t ex = 0;
    if (dp && dig) {
        ex = dp - (p - 1);
        const uchar *q = p - 1;
        while (ex < 0 && *q-- == '0')
            ++ex, --dig;
    }
    if (base >= 10 && casecmp(at(p), base == 16 ? 'p' : 'e')) {
        ++p;
        if (at(p) == '+' || at(p) == '-')
            ++p;
        if (!isDigit(at(p)))
            return false;
        while (isDigit(at(p)))
            ++p;
    }
    if (at(p)) {
        // Suffixes (i, u, l, ll, ull) are only accepted with options lua_isnumber() does not
        // pass; after the number only spaces may follow.
        while (isSpace(at(p)))
            ++p;
        if (at(p))
            return false;
    }
    if (p < pe)
        return false;
    // strscan_bin(): no fraction, at most 64 digits, and only 0 and 1.
    if (base == 2) {
        if (ex != 0 || dig > 64)
            return false;
        for (uint32_t i = 0; i < dig; ++i)
            if ((sp[i] & ~1) != '0')
                return false;
    }
    return true;
}

// Tarantool 2.6's utf8_check_printable(): valid UTF-8 whose characters libyaml can print
// unescaped, or that ICU's u_isprint() accepts (here: Qt's Unicode tables).
bool tarantoolPrintable(const Bytes &s)
{
    const auto *p = reinterpret_cast<const uchar *>(s.constData());
    const uchar *end = p + s.size();
    while (p < end) {
        const uchar b0 = *p;
        if (b0 < 0x80) {
            ++p;
            continue;
        }
        // Tarantool's own decoder: rejects overlongs, not surrogates or values > U+10FFFF.
        int width = (b0 & 0xe0) == 0xc0 ? 2 : (b0 & 0xf0) == 0xe0 ? 3 : (b0 & 0xf8) == 0xf0 ? 4 : 0;
        if (width == 0 || end - p < width)
            return false;
        char32_t v = b0 & (width == 2 ? 0x1f : width == 3 ? 0x0f : 0x07);
        for (int k = 1; k < width; ++k) {
            if ((p[k] & 0xc0) != 0x80)
                return false;
            v = (v << 6) | (p[k] & 0x3f);
        }
        if ((width == 2 && v < 0x80) || (width == 3 && v < 0x800) || (width == 4 && v < 0x10000))
            return false;
        const uchar b1 = width > 1 ? p[1] : 0;
        const uchar b2 = width > 2 ? p[2] : 0;
        const bool yamlPrintable = (b0 == 0xc2 && b1 >= 0xa0) || (b0 > 0xc2 && b0 < 0xed) || (b0 == 0xed && b1 < 0xa0)
                || b0 == 0xee
                || (b0 == 0xef && !(b1 == 0xbb && b2 == 0xbf) && !(b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)));
        bool icuPrintable = false;
        if (!yamlPrintable && v <= 0x10ffff) {
            switch (QChar::category(v)) {
            case QChar::Other_Control:
            case QChar::Other_Format:
            case QChar::Other_Surrogate:
            case QChar::Other_PrivateUse:
            case QChar::Other_NotAssigned: break;
            default: icuPrintable = true;
            }
        }
        if (!yamlPrintable && !icuPrintable)
            return false;
        p += width;
    }
    return true;
}

Scalar plainScalar(Bytes text)
{
    Scalar s;
    s.text = std::move(text);
    return s;
}

Scalar binaryScalar(const Bytes &bytes)
{
    Scalar s;
    s.text = bytes.toBase64();
    s.tag = kBinaryTag;
    s.style = Style::Plain;
    return s;
}

} // namespace

Scalar stringScalar(const Bytes &bytes)
{
    Scalar s;
    const bool special = bytes.size() <= 5
            && (bytes == "yes" || bytes == "no" || bytes == "true" || bytes == "false" || bytes == "null"
                || bytes == "~");
    if (special || luaIsNumber(bytes)) {
        s.text = bytes;
        s.style = Style::Single;
        return s;
    }
    if (!tarantoolPrintable(bytes))
        return binaryScalar(bytes);
    s.text = bytes;
    s.isString = true;
    // strstr(): the search stops at an embedded NUL.
    const qsizetype nul = bytes.indexOf('\0');
    const qsizetype dbl = bytes.indexOf("\n\n");
    if (dbl >= 0 && (nul < 0 || dbl < nul))
        s.style = Style::Literal;
    return s;
}

Scalar scalarFor(const MpValue &v, int depth)
{
    Out text;
    switch (v.type()) {
    case MpValue::Type::Nil: return plainScalar("null");
    case MpValue::Type::Bool: return plainScalar(v.toBool() ? "true" : "false");
    case MpValue::Type::Int:
    case MpValue::Type::UInt: appendInteger(text, v); return plainScalar(Bytes(text.data(), qsizetype(text.size())));
    case MpValue::Type::Float:
    case MpValue::Type::Double:
        appendLuaNumber(text, v.toDouble());
        return plainScalar(Bytes(text.data(), qsizetype(text.size())));
    case MpValue::Type::Str: return stringScalar(v.bytes());
    case MpValue::Type::Bin: return binaryScalar(v.bytes());
    case MpValue::Type::Ext: {
        const ExtView view = viewExt(v, depth);
        if (view.kind == ExtView::Text)
            return plainScalar(view.text.toUtf8());
        if (view.kind == ExtView::ErrorKind)
            return stringScalar(view.errors.entries.front().message.toUtf8());
        Scalar s = binaryScalar(v.bytes());
        s.tag = "!ext:" + QByteArray::number(v.extType());
        return s;
    }
    case MpValue::Type::Array:
    case MpValue::Type::Map: break;
    }
    return stringScalar(kTooDeep);
}

} // namespace Boxscope::MpFormat::detail::yaml
