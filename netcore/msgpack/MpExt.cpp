#include "msgpack/MpExt.h"

#include "msgpack/MpCodec.h"

#include <cstring>
#include <limits>

namespace Boxscope {
namespace {

// Error map keys (MP_ERROR layout, src/box/mp_error.cc).
enum : uint64_t { kStack = 0x00 };
enum : uint64_t {
    kType = 0x00,
    kFile = 0x01,
    kLine = 0x02,
    kMessage = 0x03,
    kErrno = 0x04,
    kCode = 0x05,
    kFields = 0x06
};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Reads one msgpack integer of any width from [p, end) and advances p past it. A uint64 above
// INT64_MAX sets *overflow (the caller rejects it: no field here can hold one).
bool readMpInt(const uchar *&p, const uchar *end, int64_t *value, bool *overflow)
{
    *overflow = false;
    if (p >= end)
        return false;
    const uchar tag = *p++;
    auto need = [&](int n) { return end - p >= n; };
    auto be = [&](int n) {
        uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v = (v << 8) | p[i];
        p += n;
        return v;
    };
    if (tag <= 0x7f) {
        *value = tag;
        return true;
    }
    if (tag >= 0xe0) {
        *value = int8_t(tag);
        return true;
    }
    static const int widths[] = { 1, 2, 4, 8 };
    if (tag >= 0xcc && tag <= 0xcf) { // uint 8..64
        const int n = widths[tag - 0xcc];
        if (!need(n))
            return false;
        const uint64_t u = be(n);
        if (u > uint64_t(std::numeric_limits<int64_t>::max()))
            *overflow = true;
        *value = int64_t(u);
        return true;
    }
    if (tag >= 0xd0 && tag <= 0xd3) { // int 8..64
        const int n = widths[tag - 0xd0];
        if (!need(n))
            return false;
        const uint64_t u = be(n);
        // Sign-extend from n bytes.
        const int shift = 64 - 8 * n;
        *value = int64_t(u << shift) >> shift;
        return true;
    }
    --p;
    return false;
}

const char *const kHex = "0123456789abcdef";

// Proleptic Gregorian civil date from days since 1970-01-01 (H. Hinnant's algorithm), the
// calendar c-dt (Tarantool's datetime backend) uses.
void civilFromDays(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = int(doy - (153 * mp + 2) / 5 + 1);
    *m = int(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

int64_t daysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t floorDiv(int64_t a, int64_t b)
{
    const int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Tarantool's supported range: -5879610-06-22 .. 5879611-07-11 (local time).
const int64_t kMinLocalSeconds = daysFromCivil(-5879610, 6, 22) * 86400;
const int64_t kMaxLocalSeconds = (daysFromCivil(5879611, 7, 11) + 1) * 86400 - 1;

void appendPadded(QString &out, int64_t v, int width)
{
    QString digits = QString::number(v < 0 ? -v : v);
    if (v < 0) {
        out += QLatin1Char('-');
        --width; // printf's %04d counts the sign in the width
    }
    for (qsizetype i = digits.size(); i < width; ++i)
        out += QLatin1Char('0');
    out += digits;
}

QString signedNumber(int64_t v, bool withSign)
{
    return (withSign && v >= 0 ? QStringLiteral("+") : QString()) + QString::number(v);
}

} // namespace

ErrorStack decodeErrorStack(const MpValue &map, bool *ok)
{
    ErrorStack result;
    bool good = false;
    auto done = [&](bool g) {
        if (ok)
            *ok = g;
        if (!g)
            result.entries.clear();
        return result;
    };
    if (!map.isMap())
        return done(false);
    const MpValue *stack = map.find(uint64_t(kStack));
    if (!stack || !stack->isArray() || stack->size() == 0)
        return done(false);
    result.entries.reserve(stack->size());
    for (const MpValue &e : stack->items()) {
        if (!e.isMap())
            return done(false);
        ErrorEntry entry;
        for (size_t i = 0; i < e.size(); ++i) {
            bool keyOk = false;
            const uint64_t key = e.mapKey(i).toUInt64(&keyOk);
            if (!keyOk)
                continue; // not ours: tolerate
            const MpValue &v = e.mapValue(i);
            bool numOk = true;
            switch (key) {
            case kType:
            case kFile:
            case kMessage:
                if (!v.isStr())
                    return done(false);
                (key == kType ? entry.type : key == kFile ? entry.file : entry.message) = v.toQString();
                break;
            case kLine: entry.line = v.toUInt64(&numOk); break;
            case kErrno: entry.errnoValue = v.toInt64(&numOk); break;
            case kCode: {
                const uint64_t code = v.toUInt64(&numOk);
                numOk = numOk && code <= std::numeric_limits<uint32_t>::max();
                entry.code = uint32_t(code);
                break;
            }
            case kFields:
                if (!v.isMap() && !v.isNil())
                    return done(false);
                entry.fields = v;
                break;
            default: break;
            }
            if (!numOk)
                return done(false);
        }
        result.entries.push_back(std::move(entry));
    }
    good = true;
    return done(good);
}

MpValue namedErrorStack(const MpValue &map)
{
    bool ok = false;
    const ErrorStack stack = decodeErrorStack(map, &ok);
    if (!ok)
        return map;
    std::vector<MpValue> entries;
    entries.reserve(stack.entries.size());
    for (const ErrorEntry &e : stack.entries) {
        std::vector<std::pair<MpValue, MpValue>> fields;
        fields.emplace_back(MpValue::string("type"), MpValue::string(e.type));
        fields.emplace_back(MpValue::string("file"), MpValue::string(e.file));
        fields.emplace_back(MpValue::string("line"), MpValue::uinteger(e.line));
        fields.emplace_back(MpValue::string("message"), MpValue::string(e.message));
        fields.emplace_back(MpValue::string("errno"), MpValue::integer(e.errnoValue));
        fields.emplace_back(MpValue::string("code"), MpValue::uinteger(e.code));
        if (!e.fields.isNil())
            fields.emplace_back(MpValue::string("fields"), e.fields);
        entries.push_back(MpValue::map(std::move(fields)));
    }
    return MpValue::array(std::move(entries));
}

namespace MpExt {

bool decodeDecimal(const QByteArray &payload, QString *text, QString *error)
{
    const auto *p = reinterpret_cast<const uchar *>(payload.constData());
    const uchar *end = p + payload.size();
    int64_t scale = 0;
    bool overflow = false;
    if (!readMpInt(p, end, &scale, &overflow))
        return fail(error, QStringLiteral("invalid decimal ext: no MP_INT scale"));
    // Tarantool accepts a decimal exponent (-scale) in [-38, 37]: more digits after the point
    // than its 38-digit precision, or exponents past it, are refused by the server too.
    if (overflow || scale < -37 || scale > 38)
        return fail(error,
                    QStringLiteral("invalid decimal ext: scale %1 out of range")
                            .arg(overflow ? QStringLiteral("(huge)") : QString::number(scale)));
    if (p == end)
        return fail(error, QStringLiteral("invalid decimal ext: no digits"));

    // Packed BCD: two nibbles per byte, the last nibble is the sign.
    QByteArray digits;
    const qsizetype nibbles = (end - p) * 2;
    bool negative = false;
    for (qsizetype i = 0; i < nibbles; ++i) {
        const uchar b = p[i / 2];
        const int nib = (i % 2 == 0) ? b >> 4 : b & 0x0f;
        if (i == nibbles - 1) {
            if (nib < 0x0a)
                return fail(error, QStringLiteral("invalid decimal ext: sign nibble missing"));
            negative = (nib == 0x0b || nib == 0x0d);
            break;
        }
        if (nib > 9)
            return fail(error,
                        QStringLiteral("invalid decimal ext: bad digit nibble 0x%1").arg(QString::number(nib, 16)));
        if (digits.isEmpty() && nib == 0)
            continue; // leading zeros (and the pad nibble)
        digits += char('0' + nib);
        if (digits.size() > 38)
            return fail(error, QStringLiteral("invalid decimal ext: more than 38 digits"));
    }
    if (digits.isEmpty())
        digits = "0";

    QByteArray s;
    if (negative)
        s += '-';
    if (scale <= 0) {
        s += digits;
        s += QByteArray(qsizetype(-scale), '0');
    } else {
        const qsizetype frac = qsizetype(scale);
        if (digits.size() <= frac)
            digits.prepend(QByteArray(frac - digits.size() + 1, '0'));
        s += digits.left(digits.size() - frac);
        s += '.';
        s += digits.right(frac);
    }
    if (text)
        *text = QString::fromLatin1(s);
    return true;
}

bool decodeUuid(const QByteArray &payload, QString *text, QString *error)
{
    if (payload.size() != 16)
        return fail(error, QStringLiteral("invalid uuid ext: %1 bytes, expected 16").arg(payload.size()));
    QByteArray s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s += '-';
        const uchar b = uchar(payload[i]);
        s += kHex[b >> 4];
        s += kHex[b & 0x0f];
    }
    if (text)
        *text = QString::fromLatin1(s);
    return true;
}

bool decodeDatetime(const QByteArray &payload, DatetimeValue *out, QString *error)
{
    if (payload.size() != 8 && payload.size() != 16)
        return fail(error, QStringLiteral("invalid datetime ext: %1 bytes, expected 8 or 16").arg(payload.size()));
    const auto *p = reinterpret_cast<const uchar *>(payload.constData());
    auto le = [&](int off, int n) {
        uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | p[off + i];
        return v;
    };
    DatetimeValue dt;
    dt.seconds = int64_t(le(0, 8));
    if (payload.size() == 16) {
        dt.nsec = int32_t(uint32_t(le(8, 4)));
        dt.tzoffset = int16_t(uint16_t(le(12, 2)));
        dt.tzindex = int16_t(uint16_t(le(14, 2)));
    }
    if (dt.nsec < 0 || dt.nsec > 999999999)
        return fail(error, QStringLiteral("invalid datetime ext: nsec %1 out of range").arg(dt.nsec));
    if (dt.tzoffset < -12 * 60 || dt.tzoffset > 14 * 60)
        return fail(error, QStringLiteral("invalid datetime ext: tzoffset %1 out of range").arg(dt.tzoffset));
    if (dt.tzindex < 0)
        return fail(error, QStringLiteral("invalid datetime ext: tzindex %1 out of range").arg(dt.tzindex));
    // Range-check before adding the offset so the sum cannot overflow.
    if (dt.seconds < kMinLocalSeconds - 86400 || dt.seconds > kMaxLocalSeconds + 86400
        || dt.seconds + dt.tzoffset * 60 < kMinLocalSeconds || dt.seconds + dt.tzoffset * 60 > kMaxLocalSeconds)
        return fail(error, QStringLiteral("invalid datetime ext: seconds %1 out of range").arg(dt.seconds));
    if (out)
        *out = dt;
    return true;
}

QString datetimeToString(const DatetimeValue &dt)
{
    // Local time is what Tarantool prints, followed by the offset it was taken at.
    const int64_t local = dt.seconds + int64_t(dt.tzoffset) * 60;
    const int64_t days = floorDiv(local, 86400);
    const int64_t secOfDay = local - days * 86400;
    int64_t year = 0;
    int month = 0, day = 0;
    civilFromDays(days, &year, &month, &day);

    QString s;
    s.reserve(40);
    appendPadded(s, year, 4);
    s += QLatin1Char('-');
    appendPadded(s, month, 2);
    s += QLatin1Char('-');
    appendPadded(s, day, 2);
    s += QLatin1Char('T');
    appendPadded(s, secOfDay / 3600, 2);
    s += QLatin1Char(':');
    appendPadded(s, secOfDay / 60 % 60, 2);
    s += QLatin1Char(':');
    appendPadded(s, secOfDay % 60, 2);
    if (dt.nsec != 0) {
        s += QLatin1Char('.');
        if (dt.nsec % 1000000 == 0)
            appendPadded(s, dt.nsec / 1000000, 3);
        else if (dt.nsec % 1000 == 0)
            appendPadded(s, dt.nsec / 1000, 6);
        else
            appendPadded(s, dt.nsec, 9);
    }
    if (dt.tzoffset == 0) {
        s += QLatin1Char('Z');
    } else {
        const int off = dt.tzoffset < 0 ? -dt.tzoffset : dt.tzoffset;
        s += QLatin1Char(dt.tzoffset < 0 ? '-' : '+');
        appendPadded(s, off / 60, 2);
        appendPadded(s, off % 60, 2);
    }
    return s;
}

bool decodeInterval(const QByteArray &payload, IntervalValue *out, QString *error)
{
    const auto *p = reinterpret_cast<const uchar *>(payload.constData());
    const uchar *end = p + payload.size();
    if (p == end)
        return fail(error, QStringLiteral("invalid interval ext: empty"));
    const int count = *p++;
    IntervalValue iv;
    for (int i = 0; i < count; ++i) {
        // The field id is a raw byte (Tarantool reads it with mp_load_u8), which is also the
        // positive fixint encoding of the small ids 0..8.
        if (p >= end)
            return fail(error,
                        QStringLiteral("invalid interval ext: %1 fields announced, %2 present").arg(count).arg(i));
        const int field = *p++;
        int64_t v = 0;
        bool overflow = false;
        if (!readMpInt(p, end, &v, &overflow))
            return fail(error, QStringLiteral("invalid interval ext: field %1 has no MP_INT value").arg(field));
        if (overflow || v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max())
            return fail(error, QStringLiteral("invalid interval ext: field %1 does not fit int32").arg(field));
        switch (field) {
        case 0: iv.year = v; break;
        case 1: iv.month = v; break;
        case 2: iv.week = v; break;
        case 3: iv.day = v; break;
        case 4: iv.hour = v; break;
        case 5: iv.min = v; break;
        case 6: iv.sec = v; break;
        case 7: iv.nsec = v; break;
        case 8:
            if (v < 0 || v > 2)
                return fail(error, QStringLiteral("invalid interval ext: adjust %1 out of range").arg(v));
            iv.adjust = IntervalValue::Adjust(v);
            break;
        default: return fail(error, QStringLiteral("invalid interval ext: unknown field %1").arg(field));
        }
    }
    if (p != end)
        return fail(error, QStringLiteral("invalid interval ext: %1 trailing bytes").arg(end - p));
    if (out)
        *out = iv;
    return true;
}

QString intervalToString(const IntervalValue &iv)
{
    // Mirrors interval_to_string() of Tarantool 2.11+/3.x (src/lib/core/datetime.c).
    QString s;
    bool needSign = true;
    auto part = [&](int64_t v, const char *unit) {
        if (v == 0)
            return;
        if (!s.isEmpty())
            s += QStringLiteral(", ");
        s += signedNumber(v, needSign);
        s += QLatin1Char(' ');
        s += QLatin1String(unit);
        needSign = false;
    };
    part(iv.year, "years");
    part(iv.month, "months");
    part(iv.week, "weeks");
    part(iv.day, "days");
    part(iv.hour, "hours");
    part(iv.min, "minutes");
    int64_t sec = iv.sec;
    int64_t nsec = iv.nsec;
    if (sec == 0 && nsec == 0)
        return s.isEmpty() ? QStringLiteral("0 seconds") : s;
    if (!s.isEmpty())
        s += QStringLiteral(", ");
    // denormalize_interval_nsec(): give nsec the sign of sec and keep |nsec| < 1e9.
    const int64_t kNs = 1000000000;
    if (nsec != 0 && !((sec == 0 || (sec < 0) == (nsec < 0)) && (nsec < 0 ? -nsec : nsec) < kNs)) {
        sec += floorDiv(nsec, kNs);
        nsec -= floorDiv(nsec, kNs) * kNs;
        if (sec < 0) {
            ++sec;
            nsec -= kNs;
        }
    }
    const bool negative = sec < 0 || (sec == 0 && nsec < 0);
    s += negative ? QStringLiteral("-") : needSign ? QStringLiteral("+") : QString();
    s += QString::number(sec < 0 ? -sec : sec);
    if (nsec != 0) {
        s += QLatin1Char('.');
        appendPadded(s, nsec < 0 ? -nsec : nsec, 9);
    }
    s += QStringLiteral(" seconds");
    return s;
}

ErrorStack decodeError(const QByteArray &payload, bool *ok, QString *error, int maxDepth)
{
    const MpCodec::DecodeResult r =
            MpCodec::decodeExact(payload.constData(), size_t(payload.size()), maxDepth < 1 ? 1 : maxDepth);
    if (!r.ok()) {
        if (ok)
            *ok = false;
        if (error)
            *error = QStringLiteral("invalid error ext: %1").arg(r.error);
        return {};
    }
    bool good = false;
    ErrorStack stack = decodeErrorStack(r.value, &good);
    if (!good && error)
        *error = QStringLiteral("invalid error ext: not an MP_ERROR map");
    if (ok)
        *ok = good;
    return stack;
}

bool toText(const MpValue &ext, QString *text, QString *error)
{
    if (!ext.isExt())
        return fail(error, QStringLiteral("not an ext value"));
    switch (ext.extType()) {
    case Decimal: return decodeDecimal(ext.bytes(), text, error);
    case Uuid: return decodeUuid(ext.bytes(), text, error);
    case Datetime: {
        DatetimeValue dt;
        if (!decodeDatetime(ext.bytes(), &dt, error))
            return false;
        if (text)
            *text = datetimeToString(dt);
        return true;
    }
    case Interval: {
        IntervalValue iv;
        if (!decodeInterval(ext.bytes(), &iv, error))
            return false;
        if (text)
            *text = intervalToString(iv);
        return true;
    }
    case Error: {
        bool ok = false;
        const ErrorStack stack = decodeError(ext.bytes(), &ok, error);
        if (!ok)
            return false;
        if (text)
            *text = stack.entries.front().message;
        return true;
    }
    default: return fail(error, QStringLiteral("unknown ext type %1").arg(ext.extType()));
    }
}

QString typeName(int8_t type)
{
    switch (type) {
    case Decimal: return QStringLiteral("decimal");
    case Uuid: return QStringLiteral("uuid");
    case Error: return QStringLiteral("error");
    case Datetime: return QStringLiteral("datetime");
    case Interval: return QStringLiteral("interval");
    default: return QStringLiteral("ext %1").arg(type);
    }
}

} // namespace MpExt
} // namespace Boxscope
