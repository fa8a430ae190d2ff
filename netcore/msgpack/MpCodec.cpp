#include "msgpack/MpCodec.h"

#include <msgpack.hpp>

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace Boxscope::MpCodec {
namespace {

// Builds an MpValue tree from msgpack-c's SAX-style parser. Containers are
// appended to their parent first and filled in place: the parent does not grow
// while a child is open, so the pointers on the stack stay valid.
class TreeBuilder
{
public:
    TreeBuilder(size_t inputSize, int maxDepth, qint64 maxBytes)
        : m_inputSize(inputSize)
        , m_maxDepth(maxDepth)
        , m_maxBytes(maxBytes)
    { }

    MpValue root;
    bool tooDeep = false;
    bool tooBig = false;
    bool incomplete = false;
    bool malformed = false;
    size_t errorOffset = 0;

    bool visit_nil() { return add(MpValue()); }
    bool visit_boolean(bool v) { return add(MpValue::boolean(v)); }
    bool visit_positive_integer(uint64_t v) { return add(MpValue::uinteger(v)); }
    bool visit_negative_integer(int64_t v) { return add(MpValue::integer(v)); }
    bool visit_float32(float v) { return add(MpValue::floating(v)); }
    bool visit_float64(double v) { return add(MpValue::doubleValue(v)); }
    bool visit_str(const char *v, uint32_t size)
    {
        return precharge(size) && add(MpValue::string(QByteArray(v, qsizetype(size))));
    }
    bool visit_bin(const char *v, uint32_t size)
    {
        return precharge(size) && add(MpValue::binary(QByteArray(v, qsizetype(size))));
    }
    bool visit_ext(const char *v, uint32_t size)
    {
        // msgpack-c hands over the type byte followed by the payload.
        if (size < 1 || !precharge(size - 1))
            return false;
        return add(MpValue::ext(int8_t(v[0]), QByteArray(v + 1, qsizetype(size) - 1)));
    }
    bool start_array(uint32_t n)
    {
        if (!open(MpValue::array()))
            return false;
        // Each item takes at least one byte: never reserve more than the input can hold.
        m_stack.back()->items().reserve(std::min<size_t>(n, std::min<size_t>(m_inputSize, 1024)));
        return true;
    }
    bool start_array_item() { return true; }
    bool end_array_item() { return true; }
    bool end_array() { return close(); }
    bool start_map(uint32_t n)
    {
        if (!open(MpValue::map()))
            return false;
        m_stack.back()->items().reserve(std::min<size_t>(size_t(n) * 2, std::min<size_t>(m_inputSize, 1024)));
        return true;
    }
    bool start_map_key() { return true; }
    bool end_map_key() { return true; }
    bool start_map_value() { return true; }
    bool end_map_value() { return true; }
    bool end_map() { return close(); }
    // msgpack-c passes (offset before the bad byte, offset of the bad byte).
    void parse_error(size_t, size_t off)
    {
        malformed = true;
        errorOffset = off;
    }
    void insufficient_bytes(size_t, size_t off)
    {
        incomplete = true;
        errorOffset = off;
    }
    bool referenced() const { return false; }
    void set_referenced(bool) { }

private:
    // Whether bytes more would still fit, before they are copied (add() charges them).
    bool precharge(qint64 bytes)
    {
        if (m_maxBytes < 0 || m_charged + qint64(sizeof(MpValue)) + bytes <= m_maxBytes)
            return true;
        tooBig = true;
        return false;
    }
    // Counts a node and its bytes against maxBytes.
    bool charge(qint64 bytes)
    {
        m_charged += qint64(sizeof(MpValue)) + bytes;
        if (m_maxBytes < 0 || m_charged <= m_maxBytes)
            return true;
        tooBig = true;
        return false;
    }
    bool add(MpValue v)
    {
        if (!charge(v.bytes().size()))
            return false;
        if (m_stack.empty()) {
            root = std::move(v);
            return true;
        }
        m_stack.back()->items().push_back(std::move(v));
        return true;
    }
    bool open(MpValue container)
    {
        if (!charge(0))
            return false;
        if (int(m_stack.size()) >= m_maxDepth) {
            tooDeep = true;
            return false;
        }
        MpValue *slot;
        if (m_stack.empty()) {
            root = std::move(container);
            slot = &root;
        } else {
            auto &items = m_stack.back()->items();
            items.push_back(std::move(container));
            slot = &items.back();
        }
        m_stack.push_back(slot);
        return true;
    }
    bool close()
    {
        m_stack.pop_back();
        return true;
    }

    size_t m_inputSize;
    int m_maxDepth;
    qint64 m_maxBytes;
    qint64 m_charged = 0;
    std::vector<MpValue *> m_stack;
};

} // namespace

DecodeResult decode(const char *data, size_t len, int maxDepth, qint64 maxBytes)
{
    DecodeResult r;
    if (len == 0) {
        r.status = Status::Incomplete;
        r.error = QStringLiteral("no msgpack data");
        return r;
    }
    TreeBuilder builder(len, maxDepth, maxBytes);
    size_t off = 0;
    bool ok = false;
    try {
        ok = msgpack::v2::parse(data, len, off, builder);
    } catch (const std::exception &e) {
        r.status = Status::Malformed;
        r.error = QStringLiteral("malformed msgpack: %1").arg(QString::fromLatin1(e.what()));
        return r;
    }
    if (ok) {
        r.status = Status::Ok;
        r.value = std::move(builder.root);
        r.consumed = off;
        return r;
    }
    if (builder.tooBig) {
        r.status = Status::TooBig;
        r.error = QStringLiteral("decodes to more than %1 bytes in memory").arg(maxBytes);
    } else if (builder.tooDeep) {
        r.status = Status::TooDeep;
        r.error = QStringLiteral("msgpack nesting deeper than %1 levels").arg(maxDepth);
    } else if (builder.malformed) {
        r.status = Status::Malformed;
        r.error = QStringLiteral("malformed msgpack: invalid type byte 0x%1 at offset %2")
                          .arg(builder.errorOffset < len ? QString::number(uchar(data[builder.errorOffset]), 16)
                                                                   .rightJustified(2, QLatin1Char('0'))
                                                         : QStringLiteral("??"))
                          .arg(builder.errorOffset);
    } else {
        r.status = Status::Incomplete;
        r.error = QStringLiteral("truncated msgpack: %1 bytes end inside a value").arg(len);
    }
    return r;
}

DecodeResult decodeExact(const char *data, size_t len, int maxDepth, qint64 maxBytes)
{
    DecodeResult r = decode(data, len, maxDepth, maxBytes);
    if (r.ok() && r.consumed != len) {
        r.status = Status::Malformed;
        r.error = QStringLiteral("malformed msgpack: %1 trailing bytes after the value").arg(len - r.consumed);
        r.value = MpValue();
    }
    return r;
}

namespace {

// The encoder writes msgpack's smallest form for each item, as msgpack-c's packer does, in two
// passes: the exact size first, then the bytes straight into the buffer (no call per item).

size_t uintSize(uint64_t u)
{
    return u < 0x80 ? 1 : u <= 0xff ? 2 : u <= 0xffff ? 3 : u <= 0xffffffffu ? 5 : 9;
}

size_t intSize(int64_t d)
{
    if (d >= 0)
        return uintSize(uint64_t(d));
    return d >= -32 ? 1 : d >= -128 ? 2 : d >= -32768 ? 3 : d >= -(int64_t(1) << 31) ? 5 : 9;
}

size_t strHeadSize(uint32_t l)
{
    return l < 32 ? 1 : l <= 0xff ? 2 : l <= 0xffff ? 3 : 5;
}

size_t binHeadSize(uint32_t l)
{
    return l <= 0xff ? 2 : l <= 0xffff ? 3 : 5;
}

size_t extHeadSize(size_t l)
{
    if (l == 1 || l == 2 || l == 4 || l == 8 || l == 16)
        return 2;
    return l <= 0xff ? 3 : l <= 0xffff ? 4 : 6;
}

size_t containerHeadSize(uint32_t n)
{
    return n < 16 ? 1 : n <= 0xffff ? 3 : 5;
}

size_t encodedSize(const MpValue &v)
{
    switch (v.type()) {
    case MpValue::Type::Nil:
    case MpValue::Type::Bool: return 1;
    case MpValue::Type::Int: return intSize(v.toInt64());
    case MpValue::Type::UInt: return uintSize(v.toUInt64());
    case MpValue::Type::Float: return 5;
    case MpValue::Type::Double: return 9;
    case MpValue::Type::Str: return strHeadSize(uint32_t(v.bytes().size())) + uint32_t(v.bytes().size());
    case MpValue::Type::Bin: return binHeadSize(uint32_t(v.bytes().size())) + uint32_t(v.bytes().size());
    case MpValue::Type::Ext: return extHeadSize(size_t(v.bytes().size())) + uint32_t(v.bytes().size());
    case MpValue::Type::Array:
    case MpValue::Type::Map: {
        size_t n = containerHeadSize(uint32_t(v.type() == MpValue::Type::Map ? v.size() : v.items().size()));
        for (const MpValue &item : v.items())
            n += encodedSize(item);
        return n;
    }
    }
    return 0;
}

char *put16(char *p, uchar tag, uint16_t v)
{
    *p = char(tag);
    qToBigEndian(v, p + 1);
    return p + 3;
}

char *put32(char *p, uchar tag, uint32_t v)
{
    *p = char(tag);
    qToBigEndian(v, p + 1);
    return p + 5;
}

char *put64(char *p, uchar tag, uint64_t v)
{
    *p = char(tag);
    qToBigEndian(v, p + 1);
    return p + 9;
}

char *writeUInt(char *p, uint64_t u)
{
    if (u < 0x80) {
        *p = char(u);
        return p + 1;
    }
    if (u <= 0xff) {
        p[0] = char(0xcc);
        p[1] = char(u);
        return p + 2;
    }
    if (u <= 0xffff)
        return put16(p, 0xcd, uint16_t(u));
    if (u <= 0xffffffffu)
        return put32(p, 0xce, uint32_t(u));
    return put64(p, 0xcf, u);
}

char *writeInt(char *p, int64_t d)
{
    if (d >= 0)
        return writeUInt(p, uint64_t(d));
    if (d >= -32) {
        *p = char(d);
        return p + 1;
    }
    if (d >= -128) {
        p[0] = char(0xd0);
        p[1] = char(d);
        return p + 2;
    }
    if (d >= -32768)
        return put16(p, 0xd1, uint16_t(int16_t(d)));
    if (d >= -(int64_t(1) << 31))
        return put32(p, 0xd2, uint32_t(int32_t(d)));
    return put64(p, 0xd3, uint64_t(d));
}

char *writeBytes(char *p, const QByteArray &bytes)
{
    const uint32_t l = uint32_t(bytes.size());
    if (l)
        std::memcpy(p, bytes.constData(), l);
    return p + l;
}

char *writeStrHead(char *p, uint32_t l)
{
    if (l < 32) {
        *p = char(0xa0 | l);
        return p + 1;
    }
    if (l <= 0xff) {
        p[0] = char(0xd9);
        p[1] = char(l);
        return p + 2;
    }
    if (l <= 0xffff)
        return put16(p, 0xda, uint16_t(l));
    return put32(p, 0xdb, l);
}

char *writeContainerHead(char *p, uint32_t n, uchar fix, uchar tag16, uchar tag32)
{
    if (n < 16) {
        *p = char(fix | n);
        return p + 1;
    }
    if (n <= 0xffff)
        return put16(p, tag16, uint16_t(n));
    return put32(p, tag32, n);
}

// msgpack-c's pack_float/pack_double write an integral value as an integer (and convert 2^64
// to uint64_t on the way, which is undefined). The width and the type are part of the value,
// so floats are always written as MP_FLOAT32 / MP_FLOAT64 here.
char *write(char *p, const MpValue &v)
{
    switch (v.type()) {
    case MpValue::Type::Nil: *p = char(0xc0); return p + 1;
    case MpValue::Type::Bool: *p = char(v.toBool() ? 0xc3 : 0xc2); return p + 1;
    case MpValue::Type::Int: return writeInt(p, v.toInt64());
    case MpValue::Type::UInt: return writeUInt(p, v.toUInt64());
    case MpValue::Type::Float: {
        const float f = float(v.toDouble());
        uint32_t bits;
        std::memcpy(&bits, &f, sizeof bits);
        return put32(p, 0xca, bits);
    }
    case MpValue::Type::Double: {
        const double d = v.toDouble();
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        return put64(p, 0xcb, bits);
    }
    case MpValue::Type::Str: return writeBytes(writeStrHead(p, uint32_t(v.bytes().size())), v.bytes());
    case MpValue::Type::Bin: {
        const uint32_t l = uint32_t(v.bytes().size());
        if (l <= 0xff) {
            p[0] = char(0xc4);
            p[1] = char(l);
            p += 2;
        } else {
            p = l <= 0xffff ? put16(p, 0xc5, uint16_t(l)) : put32(p, 0xc6, l);
        }
        return writeBytes(p, v.bytes());
    }
    case MpValue::Type::Ext: {
        const size_t l = size_t(v.bytes().size());
        switch (l) {
        case 1: *p++ = char(0xd4); break;
        case 2: *p++ = char(0xd5); break;
        case 4: *p++ = char(0xd6); break;
        case 8: *p++ = char(0xd7); break;
        case 16: *p++ = char(0xd8); break;
        default:
            if (l <= 0xff) {
                p[0] = char(0xc7);
                p[1] = char(l);
                p += 2;
            } else if (l <= 0xffff) {
                *p = char(0xc8);
                qToBigEndian(uint16_t(l), p + 1);
                p += 3;
            } else {
                *p = char(0xc9);
                qToBigEndian(uint32_t(l), p + 1);
                p += 5;
            }
        }
        *p++ = char(v.extType());
        return writeBytes(p, v.bytes());
    }
    case MpValue::Type::Array:
        p = writeContainerHead(p, uint32_t(v.items().size()), 0x90, 0xdc, 0xdd);
        for (const MpValue &item : v.items())
            p = write(p, item);
        return p;
    case MpValue::Type::Map:
        p = writeContainerHead(p, uint32_t(v.size()), 0x80, 0xde, 0xdf);
        for (const MpValue &item : v.items())
            p = write(p, item);
        return p;
    }
    return p;
}

// Grows out by n bytes and returns where they start.
char *grow(QByteArray &out, size_t n)
{
    const qsizetype old = out.size();
    out.resize(old + qsizetype(n));
    return out.data() + old;
}

} // namespace

void encodeTo(const MpValue &value, QByteArray &out)
{
    write(grow(out, encodedSize(value)), value);
}

QByteArray encode(const MpValue &value)
{
    QByteArray out;
    encodeTo(value, out);
    return out;
}

void appendUInt(QByteArray &out, uint64_t value)
{
    writeUInt(grow(out, uintSize(value)), value);
}

void appendStr(QByteArray &out, const QByteArray &utf8)
{
    const uint32_t l = uint32_t(utf8.size());
    writeBytes(writeStrHead(grow(out, strHeadSize(l) + l), l), utf8);
}

void appendArrayHeader(QByteArray &out, uint32_t items)
{
    writeContainerHead(grow(out, containerHeadSize(items)), items, 0x90, 0xdc, 0xdd);
}

void appendMapHeader(QByteArray &out, uint32_t entries)
{
    writeContainerHead(grow(out, containerHeadSize(entries)), entries, 0x80, 0xde, 0xdf);
}

} // namespace Boxscope::MpCodec
