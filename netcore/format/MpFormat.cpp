#include "format/MpFormat.h"

#include "msgpack/MpCodec.h"
#include "msgpack/MpExt.h"

#include <QChar>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace Boxscope::MpFormat {
namespace {

// ---------------------------------------------------------------------------------------------
// Shared helpers

using Bytes = QByteArray;
// Output is built in a std::string: appending a char to it is much cheaper than to a QByteArray.
using Out = std::string;

const char *const kHexLower = "0123456789abcdef";
const char *const kHexUpper = "0123456789ABCDEF";
const char *const kTooDeep = "nesting too deep";

// Length of the strictly valid UTF-8 sequence at p (no overlongs, no surrogates, at most
// U+10FFFF), 0 when there is none.
int utf8SequenceLength(const uchar *p, const uchar *end, char32_t *cp = nullptr)
{
    const uchar b0 = *p;
    int n;
    char32_t v;
    char32_t min;
    if (b0 < 0x80) {
        if (cp)
            *cp = b0;
        return 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
        n = 2, v = b0 & 0x1f, min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        n = 3, v = b0 & 0x0f, min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        n = 4, v = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (end - p < n)
        return 0;
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    if (cp)
        *cp = v;
    return n;
}

bool isValidUtf8(const Bytes &s)
{
    const auto *p = reinterpret_cast<const uchar *>(s.constData());
    const uchar *end = p + s.size();
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const int n = utf8SequenceLength(p, end);
        if (n == 0)
            return false;
        p += n;
    }
    return true;
}

void appendNumber(Out &out, uint64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out.append(buf, r.ptr - buf);
}

void appendNumber(Out &out, int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out.append(buf, r.ptr - buf);
}

void appendInteger(Out &out, const MpValue &v)
{
    if (v.type() == MpValue::Type::UInt)
        appendNumber(out, v.toUInt64());
    else
        appendNumber(out, v.toInt64());
}

// printf("%.14g") without the C locale: Tarantool's fpconv_g_fmt with the default
// encode_number_precision.
void appendG14(Out &out, double d)
{
    if (std::isnan(d)) {
        out += std::signbit(d) ? "-nan" : "nan";
        return;
    }
    if (std::isinf(d)) {
        out += d < 0 ? "-inf" : "inf";
        return;
    }
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::general, 14);
    out.append(buf, r.ptr - buf);
}

// How Tarantool prints a Lua number (luaL_tofield, then the YAML emitter): integral values in
// [-2^63, 2^64) as integers, everything else with %.14g.
void appendLuaNumber(Out &out, double d)
{
    if (std::isfinite(d) && std::trunc(d) == d) {
        if (d >= 0 && d < 18446744073709551616.0) {
            appendNumber(out, uint64_t(d));
            return;
        }
        if (d >= -9223372036854775808.0 && d < 0) {
            appendNumber(out, int64_t(d));
            return;
        }
    }
    appendG14(out, d);
}

// The shortest text that reads back as the same double, kept recognisable as a float.
void appendShortestDouble(Out &out, double d)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof(buf), d);
    const size_t start = out.size();
    out.append(buf, r.ptr - buf);
    bool plainInteger = true;
    for (size_t i = start; i < out.size(); ++i) {
        const char c = out[i];
        if (!(c == '-' || (c >= '0' && c <= '9')))
            plainInteger = false;
    }
    if (plainInteger)
        out += ".0";
}

// The ext payload as a value, when it is one of the types that carry text.
struct ExtView
{
    enum Kind { Text, ErrorKind, Generic } kind = Generic;
    QString text;        // decimal, uuid, datetime, interval text
    MpExt::Type type = MpExt::Decimal;
    ErrorStack errors;   // ErrorKind
    MpExt::IntervalValue interval;
};

ExtView viewExt(const MpValue &v, int depth)
{
    ExtView view;
    const QByteArray &payload = v.bytes();
    switch (v.extType()) {
    case MpExt::Decimal:
        if (MpExt::decodeDecimal(payload, &view.text))
            view.kind = ExtView::Text;
        break;
    case MpExt::Uuid:
        if (MpExt::decodeUuid(payload, &view.text))
            view.kind = ExtView::Text;
        break;
    case MpExt::Datetime: {
        MpExt::DatetimeValue dt;
        if (MpExt::decodeDatetime(payload, &dt)) {
            view.text = MpExt::datetimeToString(dt);
            view.kind = ExtView::Text;
        }
        break;
    }
    case MpExt::Interval:
        if (MpExt::decodeInterval(payload, &view.interval)) {
            view.text = MpExt::intervalToString(view.interval);
            view.kind = ExtView::Text;
        }
        break;
    case MpExt::Error: {
        // The payload nests values: it uses up part of the depth budget.
        const int budget = kMaxDepth - depth;
        bool ok = false;
        if (budget > 1)
            view.errors = MpExt::decodeError(payload, &ok, nullptr, budget);
        if (ok)
            view.kind = ExtView::ErrorKind;
        break;
    }
    default:
        break;
    }
    if (view.kind != ExtView::Generic)
        view.type = MpExt::Type(v.extType());
    return view;
}

// ---------------------------------------------------------------------------------------------
// YAML: an emulation of libyaml's emitter as Tarantool configures it (indent 2, width 80,
// unicode on, "\n" breaks), driven the way Tarantool's lua-yaml feeds it events.

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
                if (casecmp(at(p), 'i') && casecmp(at(p + 1), 'n') && casecmp(at(p + 2), 'i')
                    && casecmp(at(p + 3), 't') && casecmp(at(p + 4), 'y'))
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
        const bool yamlPrintable = (b0 == 0xc2 && b1 >= 0xa0) || (b0 > 0xc2 && b0 < 0xed)
                                   || (b0 == 0xed && b1 < 0xa0) || b0 == 0xee
                                   || (b0 == 0xef && !(b1 == 0xbb && b2 == 0xbf)
                                       && !(b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)));
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

class YamlEmitter
{
public:
    explicit YamlEmitter(const YamlAnchors *anchors = nullptr)
        : m_anchors(anchors && !anchors->isEmpty() ? anchors : nullptr)
    {
    }

    const Out &output() const { return m_out; }

    void document(const MpValue &root)
    {
        writeIndent();
        writeIndicator("---", true, false, false);
        emitNode(root, 0, false, false);
        endDocument();
    }

    // A document whose root is the sequence of values, without copying them into an array.
    void sequenceDocument(const std::vector<MpValue> &values)
    {
        writeIndent();
        writeIndicator("---", true, false, false);
        emitSequence(values.data(), values.size(), 0, false);
        endDocument();
    }

private:
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

    static constexpr int kBestIndent = 2;
    static constexpr int kBestWidth = 80;

    // libyaml's emitter state.
    Out m_out;
    int m_column = 0;
    bool m_whitespace = true;
    bool m_indention = true;
    int m_indent = -1;

    // Anchors: the path of the node being emitted (kept only when there are marks) and the
    // first mark not yet met. Nodes are met in pre-order, the order of the sorted marks.
    using Mark = YamlAnchors::Mark;
    const YamlAnchors *m_anchors = nullptr;
    std::vector<size_t> m_path;
    size_t m_nextMark = 0;
    size_t m_nextFlow = 0;
    int m_flowLevel = 0; // libyaml's flow_level: > 0 inside a flow collection

    void enterChild(size_t index)
    {
        if (m_anchors)
            m_path.push_back(index);
    }
    void leaveChild()
    {
        if (m_anchors)
            m_path.pop_back();
    }
    // The mark of the node at m_path; each node asks once, in emission order.
    const Mark *takeMark()
    {
        if (!m_anchors)
            return nullptr;
        const std::vector<Mark> &marks = m_anchors->marks;
        while (m_nextMark < marks.size() && marks[m_nextMark].path < m_path)
            ++m_nextMark;
        if (m_nextMark < marks.size() && marks[m_nextMark].path == m_path)
            return &marks[m_nextMark++];
        return nullptr;
    }
    // Whether the collection at m_path starts a flow node; each collection asks once, in
    // emission order, unless it is inside a flow node already.
    bool takeFlow()
    {
        if (!m_anchors)
            return false;
        const std::vector<std::vector<size_t>> &flow = m_anchors->flow;
        while (m_nextFlow < flow.size() && flow[m_nextFlow] < m_path)
            ++m_nextFlow;
        if (m_nextFlow < flow.size() && flow[m_nextFlow] == m_path) {
            ++m_nextFlow;
            return true;
        }
        return false;
    }
    // yaml_emitter_process_anchor(): "&N" or "*N" after a space unless at a line start.
    void writeMark(const Mark &mark)
    {
        writeIndicator(mark.kind == YamlAnchors::Kind::Alias ? "*" : "&", true, false, false);
        char buf[16];
        const auto r = std::to_chars(buf, buf + sizeof(buf), mark.number);
        for (const char *c = buf; c < r.ptr; ++c)
            put(*c);
        m_whitespace = false;
        m_indention = false;
    }

    void endDocument()
    {
        writeIndent();
        writeIndicator("...", true, false, false);
        writeIndent();
    }

    // --- character classes, libyaml's macros on [p, end) with a NUL past the end

    static uchar at(const uchar *p, const uchar *end, int k = 0) { return p + k < end ? p[k] : 0; }
    static int width(uchar b)
    {
        return (b & 0x80) == 0 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
    }
    static bool isBreak(const uchar *p, const uchar *end)
    {
        const uchar b0 = at(p, end);
        return b0 == '\r' || b0 == '\n' || (b0 == 0xc2 && at(p, end, 1) == 0x85)
               || (b0 == 0xe2 && at(p, end, 1) == 0x80 && (at(p, end, 2) == 0xa8 || at(p, end, 2) == 0xa9));
    }
    static bool isBlankZ(const uchar *p, const uchar *end)
    {
        const uchar b0 = at(p, end);
        return b0 == ' ' || b0 == '\t' || b0 == 0 || isBreak(p, end);
    }
    // The libyaml Tarantool 2.6 ships: without the u_isprint() fallback newer ones have, so
    // characters outside the BMP are escaped in double quotes.
    static bool isPrintable(const uchar *p, const uchar *end)
    {
        const uchar b0 = at(p, end), b1 = at(p, end, 1), b2 = at(p, end, 2);
        return b0 == 0x0a || (b0 >= 0x20 && b0 <= 0x7e) || (b0 == 0xc2 && b1 >= 0xa0)
               || (b0 > 0xc2 && b0 < 0xed) || (b0 == 0xed && b1 < 0xa0) || b0 == 0xee
               || (b0 == 0xef && !(b1 == 0xbb && b2 == 0xbf) && !(b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)));
    }
    static bool isBom(const uchar *p, const uchar *end)
    {
        return at(p, end) == 0xef && at(p, end, 1) == 0xbb && at(p, end, 2) == 0xbf;
    }

    // --- output primitives (PUT, PUT_BREAK, WRITE, WRITE_BREAK)

    void put(char c)
    {
        m_out += c;
        ++m_column;
    }
    void putBreak()
    {
        m_out += '\n';
        m_column = 0;
    }
    // Copies one character, returns the pointer past it.
    const uchar *write(const uchar *p, const uchar *end)
    {
        const int n = std::min<qsizetype>(width(*p), end - p);
        m_out.append(reinterpret_cast<const char *>(p), n);
        ++m_column;
        return p + n;
    }
    const uchar *writeBreak(const uchar *p, const uchar *end)
    {
        if (*p == '\n') {
            putBreak();
            return p + 1;
        }
        const int n = std::min<qsizetype>(width(*p), end - p);
        m_out.append(reinterpret_cast<const char *>(p), n);
        m_column = 0;
        return p + n;
    }

    void writeIndent()
    {
        const int indent = m_indent >= 0 ? m_indent : 0;
        if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace))
            putBreak();
        while (m_column < indent)
            put(' ');
        m_whitespace = true;
        m_indention = true;
    }

    void writeIndicator(const char *indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !m_whitespace)
            put(' ');
        for (const char *c = indicator; *c; ++c)
            put(*c);
        m_whitespace = isWhitespace;
        m_indention = m_indention && isIndention;
    }

    // --- scalars

    static Scalar plainScalar(Bytes text)
    {
        Scalar s;
        s.text = std::move(text);
        return s;
    }

    static Scalar binaryScalar(const Bytes &bytes)
    {
        Scalar s;
        s.text = bytes.toBase64();
        s.tagHandle = "!!";
        s.tagSuffix = "binary";
        s.style = Style::Plain;
        return s;
    }

    // lua-yaml's dump_node() for a Lua string (Tarantool 2.6): strings Lua reads as numbers and
    // the YAML 1.1 words 2.6 quotes (observed on 2.6.0: exactly these, case-sensitive; "Yes",
    // "on", "Null" stay plain) are single-quoted so they read back as strings; text that is not
    // printable UTF-8 goes m_out as base64; text with an empty line asks for the literal style.
    static Scalar stringScalar(const Bytes &bytes)
    {
        Scalar s;
        const bool special = bytes.size() <= 5
                             && (bytes == "yes" || bytes == "no" || bytes == "true" || bytes == "false"
                                 || bytes == "null" || bytes == "~");
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

    static Scalar scalarFor(const MpValue &v, int depth)
    {
        Out text;
        switch (v.type()) {
        case MpValue::Type::Nil: return plainScalar("null");
        case MpValue::Type::Bool: return plainScalar(v.toBool() ? "true" : "false");
        case MpValue::Type::Int:
        case MpValue::Type::UInt:
            appendInteger(text, v);
            return plainScalar(Bytes(text.data(), qsizetype(text.size())));
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
            s.tagHandle = "!";
            s.tagSuffix = "ext:" + QByteArray::number(v.extType());
            return s;
        }
        case MpValue::Type::Array:
        case MpValue::Type::Map: break;
        }
        return stringScalar(kTooDeep);
    }

    // libyaml's yaml_emitter_analyze_scalar().
    static Analysis analyze(const Bytes &value)
    {
        Analysis a;
        const auto *start = reinterpret_cast<const uchar *>(value.constData());
        const uchar *end = start + value.size();
        if (start == end) {
            a.flowPlainAllowed = false;
            a.blockAllowed = false;
            return a;
        }
        bool flowIndicators = false, blockIndicators = false;
        bool lineBreaks = false, specialCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;

        if ((at(start, end) == '-' && at(start, end, 1) == '-' && at(start, end, 2) == '-')
            || (at(start, end) == '.' && at(start, end, 1) == '.' && at(start, end, 2) == '.'))
            flowIndicators = blockIndicators = true;

        bool precededByWhitespace = true;
        bool followedByWhitespace = isBlankZ(start + width(*start), end);
        const uchar *p = start;
        while (p < end) {
            const uchar c = *p;
            if (p == start) {
                if (c && std::strchr("#,[]{}&*!|>'\"%@`", c))
                    flowIndicators = blockIndicators = true;
                if (c == '?' || c == ':') {
                    flowIndicators = true;
                    if (followedByWhitespace)
                        blockIndicators = true;
                }
                if (c == '-' && followedByWhitespace)
                    flowIndicators = blockIndicators = true;
            } else {
                if (c && std::strchr(",?[]{}", c))
                    flowIndicators = true;
                if (c == ':') {
                    flowIndicators = true;
                    if (followedByWhitespace)
                        blockIndicators = true;
                }
                if (c == '#' && precededByWhitespace)
                    flowIndicators = blockIndicators = true;
            }
            if (!isPrintable(p, end))
                specialCharacters = true;
            const bool brk = isBreak(p, end);
            if (brk)
                lineBreaks = true;
            const int w = width(c);
            if (c == ' ') {
                if (p == start)
                    leadingSpace = true;
                if (p + w >= end)
                    trailingSpace = true;
                if (previousBreak)
                    breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            } else if (brk) {
                if (p == start)
                    leadingBreak = true;
                if (p + w >= end)
                    trailingBreak = true;
                if (previousSpace)
                    spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlankZ(p, end);
            p += w;
            if (p < end)
                followedByWhitespace = isBlankZ(p + width(*p), end);
        }
        a.multiline = lineBreaks;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
            a.flowPlainAllowed = a.blockPlainAllowed = false;
        if (trailingSpace)
            a.blockAllowed = false;
        if (breakSpace)
            a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
        if (spaceBreak || specialCharacters)
            a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
        if (lineBreaks)
            a.flowPlainAllowed = a.blockPlainAllowed = false;
        if (flowIndicators)
            a.flowPlainAllowed = false;
        if (blockIndicators)
            a.blockPlainAllowed = false;
        return a;
    }

    static bool isSimpleKey(const Scalar &s, const Analysis &a)
    {
        return !a.multiline && s.tagLength() + s.text.size() <= 128;
    }

    void emitScalar(const Scalar &s, const Analysis &a, bool simpleKey)
    {
        // Tarantool's encoder asks for single quotes for every string in flow mode.
        const bool flow = m_flowLevel > 0;
        Style style = s.style;
        if (flow && s.isString && (style == Style::Any || style == Style::Literal))
            style = Style::Single;
        // yaml_emitter_select_scalar_style().
        if (style == Style::Any)
            style = Style::Plain;
        if (simpleKey && a.multiline)
            style = Style::Double;
        if (style == Style::Plain) {
            if ((flow ? !a.flowPlainAllowed : !a.blockPlainAllowed) || (s.text.isEmpty() && (flow || simpleKey)))
                style = Style::Single;
        }
        if (style == Style::Single && !a.singleQuotedAllowed)
            style = Style::Double;
        if (style == Style::Literal && (!a.blockAllowed || flow || simpleKey))
            style = Style::Double;

        if (s.tagHandle) {
            if (!m_whitespace)
                put(' ');
            for (const char *c = s.tagHandle; *c; ++c)
                put(*c);
            for (char c : s.tagSuffix)
                put(c);
            m_whitespace = false;
            m_indention = false;
        }

        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? kBestIndent : m_indent + kBestIndent;
        const auto *start = reinterpret_cast<const uchar *>(s.text.constData());
        const uchar *end = start + s.text.size();
        switch (style) {
        case Style::Any:
        case Style::Plain: writePlain(start, end, !simpleKey); break;
        case Style::Single: writeSingleQuoted(start, end, !simpleKey); break;
        case Style::Double: writeDoubleQuoted(start, end, !simpleKey); break;
        case Style::Literal: writeLiteral(start, end); break;
        }
        m_indent = savedIndent;
    }

    void writePlain(const uchar *start, const uchar *end, bool allowBreaks)
    {
        // Empty values get no trailing space in block mode.
        if (!m_whitespace && start != end)
            put(' ');
        bool spaces = false, breaks = false;
        const uchar *p = start;
        while (p < end) {
            if (*p == ' ') {
                if (allowBreaks && !spaces && m_column > kBestWidth && at(p + 1, end) != ' ') {
                    writeIndent();
                    ++p;
                } else {
                    p = write(p, end);
                }
                spaces = true;
            } else if (isBreak(p, end)) {
                if (!breaks && *p == '\n')
                    putBreak();
                p = writeBreak(p, end);
                m_indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                p = write(p, end);
                m_indention = false;
                spaces = false;
                breaks = false;
            }
        }
        m_whitespace = false;
        m_indention = false;
    }

    void writeSingleQuoted(const uchar *start, const uchar *end, bool allowBreaks)
    {
        writeIndicator("'", true, false, false);
        bool spaces = false, breaks = false;
        const uchar *p = start;
        while (p < end) {
            if (*p == ' ') {
                if (allowBreaks && !spaces && m_column > kBestWidth && p != start && p != end - 1
                    && at(p + 1, end) != ' ') {
                    writeIndent();
                    ++p;
                } else {
                    p = write(p, end);
                }
                spaces = true;
            } else if (isBreak(p, end)) {
                if (!breaks && *p == '\n')
                    putBreak();
                p = writeBreak(p, end);
                m_indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                if (*p == '\'')
                    put('\'');
                p = write(p, end);
                m_indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if (breaks)
            writeIndent();
        writeIndicator("'", false, false, false);
        m_whitespace = false;
        m_indention = false;
    }

    void writeDoubleQuoted(const uchar *start, const uchar *end, bool allowBreaks)
    {
        writeIndicator("\"", true, false, false);
        bool spaces = false;
        const uchar *p = start;
        while (p < end) {
            if (!isPrintable(p, end) || isBom(p, end) || isBreak(p, end) || *p == '"' || *p == '\\') {
                const uchar b0 = *p;
                const int w = std::min<qsizetype>(width(b0), end - p);
                char32_t value = w == 1 ? b0 : b0 & (w == 2 ? 0x1f : w == 3 ? 0x0f : 0x07);
                for (int k = 1; k < w; ++k)
                    value = (value << 6) | (p[k] & 0x3f);
                p += w;
                put('\\');
                switch (value) {
                case 0x00: put('0'); break;
                case 0x07: put('a'); break;
                case 0x08: put('b'); break;
                case 0x09: put('t'); break;
                case 0x0a: put('n'); break;
                case 0x0b: put('v'); break;
                case 0x0c: put('f'); break;
                case 0x0d: put('r'); break;
                case 0x1b: put('e'); break;
                case 0x22: put('"'); break;
                case 0x5c: put('\\'); break;
                case 0x85: put('N'); break;
                case 0xa0: put('_'); break;
                case 0x2028: put('L'); break;
                case 0x2029: put('P'); break;
                default: {
                    int digits;
                    if (value <= 0xff) {
                        put('x');
                        digits = 2;
                    } else if (value <= 0xffff) {
                        put('u');
                        digits = 4;
                    } else {
                        put('U');
                        digits = 8;
                    }
                    for (int k = (digits - 1) * 4; k >= 0; k -= 4)
                        put(kHexUpper[(value >> k) & 0x0f]);
                }
                }
                spaces = false;
            } else if (*p == ' ') {
                if (allowBreaks && !spaces && m_column > kBestWidth && p != start && p != end - 1) {
                    writeIndent();
                    if (at(p + 1, end) == ' ')
                        put('\\');
                    ++p;
                } else {
                    p = write(p, end);
                }
                spaces = true;
            } else {
                p = write(p, end);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        m_whitespace = false;
        m_indention = false;
    }

    void writeLiteral(const uchar *start, const uchar *end)
    {
        writeIndicator("|", true, false, false);
        // Block scalar hints: an indentation indicator when the text starts with a space or a
        // break, "-" to strip when it does not end in a break, "+" to keep several.
        if (start < end && (*start == ' ' || isBreak(start, end)))
            writeIndicator("2", false, false, false);
        const char *chomp = nullptr;
        if (start == end) {
            chomp = "-";
        } else {
            const uchar *q = end;
            do
                --q;
            while (q > start && (*q & 0xc0) == 0x80);
            if (!isBreak(q, end)) {
                chomp = "-";
            } else if (q == start) {
                chomp = "+";
            } else {
                do
                    --q;
                while (q > start && (*q & 0xc0) == 0x80);
                if (isBreak(q, end))
                    chomp = "+";
            }
        }
        if (chomp)
            writeIndicator(chomp, false, false, false);
        putBreak();
        m_indention = true;
        m_whitespace = true;
        bool breaks = true;
        const uchar *p = start;
        while (p < end) {
            if (isBreak(p, end)) {
                p = writeBreak(p, end);
                m_indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                p = write(p, end);
                m_indention = false;
                breaks = false;
            }
        }
    }

    // --- nodes

    void emitNode(const MpValue &v, int depth, bool mappingContext, bool simpleKey)
    {
        emitMarkedNode(v, depth, mappingContext, simpleKey, takeMark());
    }

    void emitMarkedNode(const MpValue &v, int depth, bool mappingContext, bool simpleKey, const Mark *mark)
    {
        if (mark) {
            writeMark(*mark);
            if (mark->kind == YamlAnchors::Kind::Alias) {
                // yaml_emitter_emit_alias(): a simple key "*0 : value".
                if (simpleKey)
                    put(' ');
                return;
            }
        }
        const bool container = depth < kMaxDepth && (v.isArray() || v.isMap());
        if (container && (m_flowLevel > 0 || takeFlow())) {
            if (v.isArray())
                emitFlowSequence(v, depth);
            else
                emitFlowMapping(v, depth);
        } else if (container && v.isArray())
            emitSequence(v.items().data(), v.items().size(), depth, mappingContext);
        else if (container)
            emitMapping(v, depth);
        else {
            const Scalar s = depth < kMaxDepth ? scalarFor(v, depth) : stringScalar(kTooDeep);
            emitScalar(s, analyze(s.text), simpleKey);
        }
    }

    // yaml_emitter_emit_flow_sequence_item(): "[", items after ", ", a new line (at the
    // collection's indentation) before an item that would start past best_width, "]".
    void emitFlowSequence(const MpValue &v, int depth)
    {
        writeIndicator("[", true, true, false);
        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? kBestIndent : m_indent + kBestIndent;
        ++m_flowLevel;
        for (size_t i = 0; i < v.size(); ++i) {
            if (i > 0)
                writeIndicator(",", false, false, false);
            if (m_column > kBestWidth)
                writeIndent();
            enterChild(i);
            emitNode(v.at(i), depth + 1, false, false);
            leaveChild();
        }
        --m_flowLevel;
        m_indent = savedIndent;
        writeIndicator("]", false, false, false);
    }

    // yaml_emitter_emit_flow_mapping_key() / _value(): "{'k': v, ...}"; a key that is not
    // simple is written "? key : value".
    // A mapping key of a node at depth, with its anchor or alias mark taken.
    struct MapKey
    {
        const Mark *mark = nullptr;
        bool alias = false;
        bool container = false;
        bool simple = false;
        Scalar scalar;
        Analysis analysis;
    };

    // yaml_emitter_check_simple_key(): aliases, short one-line scalars and empty collections
    // (an anchor is never long enough to matter) are simple keys; others take "? ".
    MapKey mapKey(const MpValue &key, int depth)
    {
        MapKey k;
        k.mark = takeMark();
        k.alias = k.mark && k.mark->kind == YamlAnchors::Kind::Alias;
        k.container = !k.alias && depth + 1 < kMaxDepth && (key.isArray() || key.isMap());
        if (k.alias) {
            k.simple = true;
        } else if (k.container) {
            k.simple = key.size() == 0;
        } else {
            k.scalar = depth + 1 < kMaxDepth ? scalarFor(key, depth + 1) : stringScalar(kTooDeep);
            k.analysis = analyze(k.scalar.text);
            k.simple = isSimpleKey(k.scalar, k.analysis);
        }
        return k;
    }

    void emitMapKey(const MpValue &key, int depth, const MapKey &k, bool simpleKey)
    {
        if (k.container || k.alias) {
            emitMarkedNode(key, depth + 1, true, simpleKey, k.mark);
        } else {
            if (k.mark)
                writeMark(*k.mark);
            emitScalar(k.scalar, k.analysis, simpleKey);
        }
    }

    void emitFlowMapping(const MpValue &v, int depth)
    {
        writeIndicator("{", true, true, false);
        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? kBestIndent : m_indent + kBestIndent;
        ++m_flowLevel;
        for (size_t i = 0; i < v.size(); ++i) {
            const MpValue &key = v.mapKey(i);
            if (i > 0)
                writeIndicator(",", false, false, false);
            if (m_column > kBestWidth)
                writeIndent();
            enterChild(2 * i);
            const MapKey k = mapKey(key, depth);
            if (!k.simple)
                writeIndicator("?", true, false, false);
            emitMapKey(key, depth, k, k.simple);
            leaveChild();
            if (k.simple) {
                writeIndicator(":", false, false, false);
            } else {
                if (m_column > kBestWidth)
                    writeIndent();
                writeIndicator(":", true, false, false);
            }
            enterChild(2 * i + 1);
            emitNode(v.mapValue(i), depth + 1, true, false);
            leaveChild();
        }
        --m_flowLevel;
        m_indent = savedIndent;
        writeIndicator("}", false, false, false);
    }

    void emitEmptyFlow(const char *open, const char *close)
    {
        writeIndicator(open, true, true, false);
        writeIndicator(close, false, false, false);
    }

    void emitSequence(const MpValue *items, size_t count, int depth, bool mappingContext)
    {
        if (count == 0) {
            emitEmptyFlow("[", "]");
            return;
        }
        const int savedIndent = m_indent;
        // Sequences that are mapping values are not indented ("a:\n- 1").
        const bool indentless = mappingContext && !m_indention;
        if (m_indent < 0)
            m_indent = 0;
        else if (!indentless)
            m_indent += kBestIndent;
        for (size_t i = 0; i < count; ++i) {
            writeIndent();
            writeIndicator("-", true, false, true);
            enterChild(i);
            emitNode(items[i], depth + 1, false, false);
            leaveChild();
        }
        m_indent = savedIndent;
    }

    void emitMapping(const MpValue &v, int depth)
    {
        if (v.size() == 0) {
            emitEmptyFlow("{", "}");
            return;
        }
        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? 0 : m_indent + kBestIndent;
        for (size_t i = 0; i < v.size(); ++i) {
            const MpValue &key = v.mapKey(i);
            const MpValue &value = v.mapValue(i);
            writeIndent();
            enterChild(2 * i);
            const MapKey k = mapKey(key, depth);
            if (k.simple) {
                emitMapKey(key, depth, k, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                emitMapKey(key, depth, k, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            leaveChild();
            enterChild(2 * i + 1);
            emitNode(value, depth + 1, true, false);
            leaveChild();
        }
        m_indent = savedIndent;
    }
};

// ---------------------------------------------------------------------------------------------
// JSON

void jsonEscape(Out &out, const char *data, qsizetype size)
{
    out += '"';
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *end = p + size;
    const uchar *run = p; // unescaped bytes are copied in runs
    auto flush = [&](const uchar *upTo) {
        out.append(reinterpret_cast<const char *>(run), upTo - run);
    };
    while (p < end) {
        const uchar c = *p;
        const char *esc = nullptr;
        char buf[8];
        int skip = 1;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                esc = buf;
            } else if (c == 0xe2 && end - p >= 3 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
                // Valid JSON, but not valid JavaScript source.
                esc = p[2] == 0xa8 ? "\\u2028" : "\\u2029";
                skip = 3;
            }
        }
        if (esc) {
            flush(p);
            out += esc;
            p += skip;
            run = p;
        } else {
            ++p;
        }
    }
    flush(p);
    out += '"';
}

class JsonWriter
{
public:
    const Out &output() const { return m_out; }

    void value(const MpValue &v, int depth)
    {
        if (depth >= kMaxDepth) {
            m_out += "{\"$truncated\":\"";
            m_out += kTooDeep;
            m_out += "\"}";
            return;
        }
        switch (v.type()) {
        case MpValue::Type::Nil: m_out += "null"; break;
        case MpValue::Type::Bool: m_out += v.toBool() ? "true" : "false"; break;
        case MpValue::Type::Int:
        case MpValue::Type::UInt: appendInteger(m_out, v); break;
        case MpValue::Type::Float:
        case MpValue::Type::Double: {
            const double d = v.toDouble();
            if (std::isnan(d))
                m_out += "{\"$double\":\"nan\"}";
            else if (std::isinf(d))
                m_out += d < 0 ? "{\"$double\":\"-inf\"}" : "{\"$double\":\"inf\"}";
            else
                appendShortestDouble(m_out, d);
            break;
        }
        case MpValue::Type::Str:
            if (isValidUtf8(v.bytes()))
                jsonEscape(m_out, v.bytes().constData(), v.bytes().size());
            else
                wrapped("$bin", v.bytes().toBase64());
            break;
        case MpValue::Type::Bin: wrapped("$bin", v.bytes().toBase64()); break;
        case MpValue::Type::Array: {
            m_out += '[';
            bool first = true;
            for (const MpValue &item : v.items()) {
                if (!first)
                    m_out += ',';
                first = false;
                value(item, depth + 1);
            }
            m_out += ']';
            break;
        }
        case MpValue::Type::Map: map(v, depth); break;
        case MpValue::Type::Ext: ext(v, depth); break;
        }
    }

private:
    Out m_out;
    void wrapped(const char *key, const Bytes &text)
    {
        m_out += "{\"";
        m_out += key;
        m_out += "\":";
        jsonEscape(m_out, text.constData(), text.size());
        m_out += '}';
    }

    void map(const MpValue &v, int depth)
    {
        bool object = true;
        for (size_t i = 0; i < v.size() && object; ++i)
            object = v.mapKey(i).isStr() && isValidUtf8(v.mapKey(i).bytes());
        if (object) {
            m_out += '{';
            for (size_t i = 0; i < v.size(); ++i) {
                if (i)
                    m_out += ',';
                const Bytes &k = v.mapKey(i).bytes();
                jsonEscape(m_out, k.constData(), k.size());
                m_out += ':';
                value(v.mapValue(i), depth + 1);
            }
            m_out += '}';
            return;
        }
        m_out += "{\"$map\":[";
        for (size_t i = 0; i < v.size(); ++i) {
            if (i)
                m_out += ',';
            m_out += '[';
            value(v.mapKey(i), depth + 1);
            m_out += ',';
            value(v.mapValue(i), depth + 1);
            m_out += ']';
        }
        m_out += "]}";
    }

    void ext(const MpValue &v, int depth)
    {
        const ExtView view = viewExt(v, depth);
        if (view.kind == ExtView::Text) {
            const char *key = view.type == MpExt::Decimal ? "$decimal"
                            : view.type == MpExt::Uuid ? "$uuid"
                            : view.type == MpExt::Datetime ? "$datetime"
                                                           : "$interval";
            wrapped(key, view.text.toUtf8());
            return;
        }
        if (view.kind == ExtView::ErrorKind) {
            // The outermost error, its causes nested as "prev"; a loop rather than recursion
            // so a long stack cannot run the C++ stack down.
            m_out += "{\"$error\":";
            const auto &entries = view.errors.entries;
            for (size_t i = 0; i < entries.size(); ++i) {
                const ErrorEntry &e = entries[i];
                if (i)
                    m_out += ",\"prev\":";
                m_out += "{\"type\":";
                const Bytes type = e.type.toUtf8();
                jsonEscape(m_out, type.constData(), type.size());
                m_out += ",\"code\":";
                appendNumber(m_out, uint64_t(e.code));
                m_out += ",\"message\":";
                const Bytes message = e.message.toUtf8();
                jsonEscape(m_out, message.constData(), message.size());
                m_out += ",\"file\":";
                const Bytes file = e.file.toUtf8();
                jsonEscape(m_out, file.constData(), file.size());
                m_out += ",\"line\":";
                appendNumber(m_out, e.line);
                m_out += ",\"errno\":";
                appendNumber(m_out, e.errnoValue);
                if (!e.fields.isNil()) {
                    m_out += ",\"fields\":";
                    value(e.fields, depth + 2);
                }
            }
            for (size_t i = 0; i < entries.size(); ++i)
                m_out += '}';
            m_out += '}';
            return;
        }
        m_out += "{\"$ext\":{\"type\":";
        appendNumber(m_out, int64_t(v.extType()));
        m_out += ",\"data\":";
        const Bytes data = v.bytes().toBase64();
        jsonEscape(m_out, data.constData(), data.size());
        m_out += "}}";
    }
};

// ---------------------------------------------------------------------------------------------
// Lua

bool isLuaKeyword(const Bytes &s)
{
    static const char *const keywords[] = {"and", "break", "do", "else", "elseif", "end", "false",
                                           "for", "function", "goto", "if", "in", "local", "nil",
                                           "not", "or", "repeat", "return", "then", "true", "until",
                                           "while"};
    for (const char *k : keywords)
        if (s == k)
            return true;
    return false;
}

bool isIdentifierLike(const Bytes &s)
{
    if (s.isEmpty())
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool isLuaIdentifier(const Bytes &s)
{
    return isIdentifierLike(s) && !isLuaKeyword(s);
}

// A single-quoted Lua string. keepUtf8: valid UTF-8 sequences stay as they are; otherwise
// every byte outside printable ASCII is escaped.
void appendLuaString(Out &out, const Bytes &s, bool keepUtf8)
{
    out += '\'';
    const auto *p = reinterpret_cast<const uchar *>(s.constData());
    const uchar *end = p + s.size();
    while (p < end) {
        const uchar c = *p;
        switch (c) {
        case '\\': out += "\\\\"; ++p; continue;
        case '\'': out += "\\'"; ++p; continue;
        case '\n': out += "\\n"; ++p; continue;
        case '\r': out += "\\r"; ++p; continue;
        case '\t': out += "\\t"; ++p; continue;
        default: break;
        }
        if (c >= 0x20 && c < 0x7f) {
            out += char(c);
            ++p;
            continue;
        }
        const int n = (keepUtf8 && c >= 0x80) ? utf8SequenceLength(p, end) : 0;
        if (n > 0) {
            out.append(reinterpret_cast<const char *>(p), n);
            p += n;
            continue;
        }
        out += "\\x";
        out += kHexUpper[c >> 4];
        out += kHexUpper[c & 0x0f];
        ++p;
    }
    out += '\'';
}

class LuaWriter
{
public:
    const Out &output() const { return m_out; }

    void value(const MpValue &v, int depth, bool inTable)
    {
        if (depth >= kMaxDepth) {
            m_out += "nil --[[";
            m_out += kTooDeep;
            m_out += "]]";
            return;
        }
        switch (v.type()) {
        case MpValue::Type::Nil: m_out += inTable ? "box.NULL" : "nil"; break;
        case MpValue::Type::Bool: m_out += v.toBool() ? "true" : "false"; break;
        case MpValue::Type::Int:
        case MpValue::Type::UInt: appendInteger(m_out, v); break;
        case MpValue::Type::Float:
        case MpValue::Type::Double: {
            const double d = v.toDouble();
            if (std::isnan(d))
                m_out += "0/0";
            else if (std::isinf(d))
                m_out += d < 0 ? "-1/0" : "1/0";
            else
                appendShortestDouble(m_out, d);
            break;
        }
        case MpValue::Type::Str: appendLuaString(m_out, v.bytes(), true); break;
        case MpValue::Type::Bin: appendLuaString(m_out, v.bytes(), false); break;
        case MpValue::Type::Array: {
            m_out += '{';
            bool first = true;
            for (const MpValue &item : v.items()) {
                if (!first)
                    m_out += ", ";
                first = false;
                value(item, depth + 1, true);
            }
            m_out += '}';
            break;
        }
        case MpValue::Type::Map: {
            m_out += '{';
            for (size_t i = 0; i < v.size(); ++i) {
                if (i)
                    m_out += ", ";
                const MpValue &k = v.mapKey(i);
                if (k.isStr() && isLuaIdentifier(k.bytes())) {
                    m_out.append(k.bytes().constData(), size_t(k.bytes().size()));
                } else {
                    m_out += '[';
                    value(k, depth + 1, true);
                    m_out += ']';
                }
                m_out += " = ";
                value(v.mapValue(i), depth + 1, true);
            }
            m_out += '}';
            break;
        }
        case MpValue::Type::Ext: ext(v, depth); break;
        }
    }

private:
    Out m_out;
    void ext(const MpValue &v, int depth)
    {
        const ExtView view = viewExt(v, depth);
        if (view.kind == ExtView::Text) {
            switch (view.type) {
            case MpExt::Decimal: m_out += "decimal.new("; break;
            case MpExt::Uuid: m_out += "uuid.fromstr("; break;
            case MpExt::Datetime: m_out += "datetime.parse("; break;
            default: interval(view.interval); return;
            }
            appendLuaString(m_out, view.text.toUtf8(), true);
            m_out += ')';
            return;
        }
        if (view.kind == ExtView::ErrorKind) {
            const ErrorEntry &e = view.errors.entries.front();
            m_out += "box.error.new({type = ";
            appendLuaString(m_out, e.type.toUtf8(), true);
            m_out += ", code = ";
            appendNumber(m_out, uint64_t(e.code));
            m_out += ", reason = ";
            appendLuaString(m_out, e.message.toUtf8(), true);
            m_out += "})";
            if (view.errors.entries.size() > 1) {
                m_out += " --[[";
                appendNumber(m_out, uint64_t(view.errors.entries.size() - 1));
                m_out += " more in the stack]]";
            }
            return;
        }
        // The exact msgpack bytes, which Tarantool 2.10+ turns back into the value.
        m_out += "--[[ext ";
        appendNumber(m_out, int64_t(v.extType()));
        m_out += "]] msgpack.object_from_raw(";
        appendLuaString(m_out, MpCodec::encode(v), false);
        m_out += ')';
    }

    void interval(const MpExt::IntervalValue &iv)
    {
        m_out += "datetime.interval.new({";
        bool first = true;
        auto field = [&](const char *name, int64_t value) {
            if (value == 0)
                return;
            if (!first)
                m_out += ", ";
            first = false;
            m_out += name;
            m_out += " = ";
            appendNumber(m_out, value);
        };
        field("year", iv.year);
        field("month", iv.month);
        field("week", iv.week);
        field("day", iv.day);
        field("hour", iv.hour);
        field("min", iv.min);
        field("sec", iv.sec);
        field("nsec", iv.nsec);
        // Lua's default is 'none'; on the wire an absent adjust means 'excess'.
        if (iv.adjust != MpExt::IntervalValue::Adjust::None) {
            if (!first)
                m_out += ", ";
            m_out += iv.adjust == MpExt::IntervalValue::Adjust::Last ? "adjust = 'last'" : "adjust = 'excess'";
        }
        m_out += "})";
    }
};

// ---------------------------------------------------------------------------------------------
// Preview

class Previewer
{
public:
    explicit Previewer(int limit)
        : m_limit(limit)
    {
    }

    QString &output() { return m_out; }

    bool full() const { return m_out.size() > m_limit; }

    void value(const MpValue &v, int depth)
    {
        if (full())
            return;
        if (depth >= kMaxDepth) {
            m_out += QChar(0x2026);
            return;
        }
        switch (v.type()) {
        case MpValue::Type::Nil: m_out += QLatin1String("null"); break;
        case MpValue::Type::Bool: m_out += QLatin1String(v.toBool() ? "true" : "false"); break;
        case MpValue::Type::Int:
        case MpValue::Type::UInt:
        case MpValue::Type::Float:
        case MpValue::Type::Double: {
            Out b;
            if (v.isInteger())
                appendInteger(b, v);
            else
                appendLuaNumber(b, v.toDouble());
            m_out += QLatin1String(b.data(), qsizetype(b.size()));
            break;
        }
        case MpValue::Type::Str: quoted(v.bytes()); break;
        case MpValue::Type::Bin:
            m_out += QLatin1String("bin(");
            hex(v.bytes());
            m_out += QLatin1Char(')');
            break;
        case MpValue::Type::Array: {
            m_out += QLatin1Char('[');
            bool first = true;
            for (const MpValue &item : v.items()) {
                if (full())
                    return;
                if (!first)
                    m_out += QLatin1String(", ");
                first = false;
                value(item, depth + 1);
            }
            m_out += QLatin1Char(']');
            break;
        }
        case MpValue::Type::Map: {
            m_out += QLatin1Char('{');
            for (size_t i = 0; i < v.size(); ++i) {
                if (full())
                    return;
                if (i)
                    m_out += QLatin1String(", ");
                const MpValue &k = v.mapKey(i);
                if (k.isStr() && isIdentifierLike(k.bytes()))
                    m_out += QLatin1String(k.bytes());
                else
                    value(k, depth + 1);
                m_out += QLatin1String(": ");
                value(v.mapValue(i), depth + 1);
            }
            m_out += QLatin1Char('}');
            break;
        }
        case MpValue::Type::Ext: {
            const ExtView view = viewExt(v, depth);
            if (view.kind == ExtView::Text) {
                if (view.type == MpExt::Interval)
                    m_out += QLatin1String("interval(") + view.text + QLatin1Char(')');
                else
                    m_out += view.text;
            } else if (view.kind == ExtView::ErrorKind) {
                m_out += QLatin1String("error(");
                quoted(view.errors.entries.front().message.toUtf8());
                m_out += QLatin1Char(')');
            } else {
                m_out += QLatin1String("ext(") + QString::number(v.extType()) + QLatin1String(", ");
                hex(v.bytes());
                m_out += QLatin1Char(')');
            }
            break;
        }
        }
    }

private:
    QString m_out;
    int m_limit;

    qsizetype room() const { return m_limit - m_out.size() + 1; }

    void hex(const Bytes &b)
    {
        // Only as many bytes as can still be seen.
        const qsizetype n = std::min<qsizetype>(b.size(), room() / 2 + 1);
        for (qsizetype i = 0; i < n; ++i) {
            m_out += QLatin1Char(kHexLower[uchar(b[i]) >> 4]);
            m_out += QLatin1Char(kHexLower[uchar(b[i]) & 0x0f]);
        }
    }

    void quoted(const Bytes &s)
    {
        m_out += QLatin1Char('\'');
        const auto *p = reinterpret_cast<const uchar *>(s.constData());
        const uchar *end = p + s.size();
        while (p < end && !full()) {
            const uchar c = *p;
            switch (c) {
            case '\\': m_out += QLatin1String("\\\\"); ++p; continue;
            case '\'': m_out += QLatin1String("\\'"); ++p; continue;
            case '\n': m_out += QLatin1String("\\n"); ++p; continue;
            case '\r': m_out += QLatin1String("\\r"); ++p; continue;
            case '\t': m_out += QLatin1String("\\t"); ++p; continue;
            default: break;
            }
            if (c >= 0x20 && c < 0x7f) {
                m_out += QLatin1Char(char(c));
                ++p;
                continue;
            }
            char32_t cp = 0;
            const int n = c >= 0x80 ? utf8SequenceLength(p, end, &cp) : 0;
            if (n > 0) {
                const QChar::Category cat = QChar::category(cp);
                if (cat != QChar::Other_Control && cat != QChar::Other_Format
                    && cat != QChar::Separator_Line && cat != QChar::Separator_Paragraph) {
                    if (QChar::requiresSurrogates(cp)) {
                        m_out += QChar(QChar::highSurrogate(cp));
                        m_out += QChar(QChar::lowSurrogate(cp));
                    } else {
                        m_out += QChar(char16_t(cp));
                    }
                    p += n;
                    continue;
                }
            }
            m_out += QLatin1String("\\x");
            m_out += QLatin1Char(kHexLower[c >> 4]);
            m_out += QLatin1Char(kHexLower[c & 0x0f]);
            ++p;
        }
        if (!full())
            m_out += QLatin1Char('\'');
    }
};

} // namespace

QString toYaml(const MpValue &v, const YamlAnchors *anchors)
{
    YamlEmitter e(anchors);
    e.document(v);
    // "---" then " " (scalar) or "\n" (block collection), and "...\n" at the end.
    const Out &doc = e.output();
    const qsizetype size = qsizetype(doc.size());
    const qsizetype from = size > 3 && (doc[3] == ' ' || doc[3] == '\n') ? 4 : 3;
    const qsizetype to = size - 4;
    return QString::fromUtf8(doc.data() + from, std::max<qsizetype>(0, to - from));
}

QString yamlDocument(const std::vector<MpValue> &values, const YamlAnchors *anchors)
{
    if (values.empty())
        return QStringLiteral("---\n...\n");
    YamlEmitter e(anchors);
    e.sequenceDocument(values);
    return QString::fromUtf8(e.output().data(), qsizetype(e.output().size()));
}

QString toJson(const MpValue &v)
{
    JsonWriter w;
    w.value(v, 0);
    return QString::fromUtf8(w.output().data(), qsizetype(w.output().size()));
}

QString jsonString(const QString &s)
{
    const Bytes utf8 = s.toUtf8();
    Out out;
    out.reserve(utf8.size() + 2);
    jsonEscape(out, utf8.constData(), utf8.size());
    return QString::fromUtf8(out.data(), qsizetype(out.size()));
}

QString toLua(const MpValue &v)
{
    LuaWriter w;
    w.value(v, 0, false);
    return QString::fromUtf8(w.output().data(), qsizetype(w.output().size()));
}

QString preview(const MpValue &v, int maxChars)
{
    const int limit = std::max(1, maxChars);
    Previewer p(limit);
    p.value(v, 0);
    QString s = std::move(p.output());
    if (s.size() <= limit)
        return s;
    qsizetype cut = limit - 1;
    if (cut > 0 && s.at(cut - 1).isHighSurrogate())
        --cut;
    s.truncate(cut);
    s += QChar(0x2026);
    return s;
}

} // namespace Boxscope::MpFormat
