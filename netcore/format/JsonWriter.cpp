// The JSON writer: toJson() and jsonString().
#include "format/MpFormat.h"

#include "format/FormatDetail.h"

#include <QByteArrayView>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace Boxscope::MpFormat {

using namespace detail;

namespace {

void jsonEscape(Out &out, const char *data, qsizetype size)
{
    out += '"';
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *end = p + size;
    const uchar *run = p; // unescaped bytes are copied in runs
    auto flush = [&](const uchar *upTo) { out.append(reinterpret_cast<const char *>(run), upTo - run); };
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
        // An object only when its keys are distinct UTF-8 strings: JSON parsers keep one of
        // duplicate keys, so duplicates take the $map form that keeps them all.
        bool object = true;
        for (size_t i = 0; i < v.size() && object; ++i)
            object = v.mapKey(i).isStr() && isValidUtf8(v.mapKey(i).bytes());
        if (object && v.size() > 1) {
            std::vector<QByteArrayView> keys;
            keys.reserve(v.size());
            for (size_t i = 0; i < v.size(); ++i)
                keys.emplace_back(v.mapKey(i).bytes());
            std::sort(keys.begin(), keys.end());
            object = std::adjacent_find(keys.begin(), keys.end()) == keys.end();
        }
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
                    : view.type == MpExt::Uuid            ? "$uuid"
                    : view.type == MpExt::Datetime        ? "$datetime"
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

} // namespace

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

} // namespace Boxscope::MpFormat
