// The shared helpers of the MpFormat writers (declared in FormatDetail.h).
#include "format/FormatDetail.h"

#include <charconv>
#include <cmath>

namespace Boxscope::MpFormat::detail {

int utf8SequenceLength(const uchar *p, const uchar *end, char32_t *cp)
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
    default: break;
    }
    if (view.kind != ExtView::Generic)
        view.type = MpExt::Type(v.extType());
    return view;
}

} // namespace Boxscope::MpFormat::detail
