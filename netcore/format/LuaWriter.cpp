// The Lua-literal writer: toLua().
#include "format/MpFormat.h"

#include "format/FormatDetail.h"
#include "msgpack/MpCodec.h"

#include <cmath>

namespace Boxscope::MpFormat {

using namespace detail;

namespace {

bool isLuaKeyword(const Bytes &s)
{
    static const char *const keywords[] = { "and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
                                            "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
                                            "repeat",   "return", "then", "true", "until",  "while" };
    for (const char *k : keywords)
        if (s == k)
            return true;
    return false;
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
        case '\\':
            out += "\\\\";
            ++p;
            continue;
        case '\'':
            out += "\\'";
            ++p;
            continue;
        case '\n':
            out += "\\n";
            ++p;
            continue;
        case '\r':
            out += "\\r";
            ++p;
            continue;
        case '\t':
            out += "\\t";
            ++p;
            continue;
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

} // namespace

QString toLua(const MpValue &v)
{
    LuaWriter w;
    w.value(v, 0, false);
    return QString::fromUtf8(w.output().data(), qsizetype(w.output().size()));
}

} // namespace Boxscope::MpFormat
