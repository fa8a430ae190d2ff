// The one-line preview: preview().
#include "format/MpFormat.h"

#include "format/FormatDetail.h"

#include <QChar>

#include <algorithm>

namespace Boxscope::MpFormat {

using namespace detail;

namespace {

class Previewer
{
public:
    explicit Previewer(int limit)
        : m_limit(limit)
    { }

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
            case '\\':
                m_out += QLatin1String("\\\\");
                ++p;
                continue;
            case '\'':
                m_out += QLatin1String("\\'");
                ++p;
                continue;
            case '\n':
                m_out += QLatin1String("\\n");
                ++p;
                continue;
            case '\r':
                m_out += QLatin1String("\\r");
                ++p;
                continue;
            case '\t':
                m_out += QLatin1String("\\t");
                ++p;
                continue;
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
                if (cat != QChar::Other_Control && cat != QChar::Other_Format && cat != QChar::Separator_Line
                    && cat != QChar::Separator_Paragraph) {
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

QString bytesAsText(const QByteArray &bytes)
{
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const uchar *end = p + bytes.size();
    QString out;
    while (p < end) {
        const int n = utf8SequenceLength(p, end);
        if (n > 0) {
            out += QString::fromUtf8(reinterpret_cast<const char *>(p), n);
            p += n;
        } else {
            out += QStringLiteral("\\x%1").arg(*p, 2, 16, QLatin1Char('0'));
            ++p;
        }
    }
    return out;
}

} // namespace Boxscope::MpFormat
