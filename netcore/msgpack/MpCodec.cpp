#include "msgpack/MpCodec.h"

#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace Boxscope::MpCodec {

// Builds an MpValue tree straight from the bytes, without recursion: containers are appended
// to their parent first and filled in place (the parent does not grow while a child is open,
// so the pointers on the stack stay valid). It visits items in the order msgpack-c's SAX
// parser does, so every limit trips at the same item: a string's bytes must all be there
// before it counts; a container counts, then checks the depth, when its header is read.
class TreeBuilder
{
public:
    /// dry: only walks the value (every check and count as when building), keeps no node.
    TreeBuilder(const char *data, size_t len, int maxDepth, qint64 maxBytes, bool dry = false)
        : m_begin(reinterpret_cast<const uchar *>(data))
        , m_p(m_begin)
        , m_end(m_begin + len)
        , m_inputSize(len)
        , m_maxDepth(maxDepth)
        , m_maxBytes(maxBytes)
        , m_dry(dry)
    { }

    MpValue root;
    bool tooDeep = false;
    bool tooBig = false;
    bool incomplete = false;
    bool malformed = false;
    size_t errorOffset = 0;
    size_t consumed() const { return size_t(m_p - m_begin); }
    qint64 charged() const { return m_charged; }

    // One whole value from the start; false when a limit or the bytes stopped it.
    bool parse()
    {
        for (;;) {
            if (m_p >= m_end)
                return fail(incomplete);
            const uchar tag = *m_p;
            MpValue *node = nullptr;
            uint64_t items = 0; // a container's items (keys and values for a map)
            if (tag <= 0x7f) {
                node = add(1, 0, MpValue::Type::UInt);
                if (node)
                    node->m_scalar.u = tag;
            } else if (tag >= 0xe0) {
                node = add(1, 0, MpValue::Type::Int);
                if (node)
                    node->m_scalar.i = int8_t(tag);
            } else if (tag <= 0x8f) {
                items = uint64_t(tag & 0x0f) * 2;
                node = open(1, MpValue::Type::Map, items);
            } else if (tag <= 0x9f) {
                items = tag & 0x0f;
                node = open(1, MpValue::Type::Array, items);
            } else if (tag <= 0xbf) {
                node = bytes(1, tag & 0x1f, MpValue::Type::Str);
            } else {
                switch (tag) {
                case 0xc0: node = add(1, 0, MpValue::Type::Nil); break;
                case 0xc1: errorOffset = consumed(); return fail(malformed);
                case 0xc2:
                case 0xc3:
                    node = add(1, 0, MpValue::Type::Bool);
                    if (node)
                        node->m_scalar.b = tag == 0xc3;
                    break;
                case 0xc4:
                case 0xc5:
                case 0xc6: {
                    const int w = 1 << (tag - 0xc4);
                    if (!have(1 + w))
                        return fail(incomplete);
                    node = bytes(1 + w, length(w), MpValue::Type::Bin);
                    break;
                }
                case 0xc7:
                case 0xc8:
                case 0xc9: {
                    const int w = 1 << (tag - 0xc7);
                    if (!have(2 + w))
                        return fail(incomplete);
                    node = ext(2 + w, length(w));
                    break;
                }
                case 0xca: {
                    if (!have(5))
                        return fail(incomplete);
                    const uint32_t bits = qFromBigEndian<quint32>(m_p + 1);
                    float f;
                    std::memcpy(&f, &bits, sizeof f);
                    node = add(5, 0, MpValue::Type::Float);
                    if (node)
                        node->m_scalar.d = double(f);
                    break;
                }
                case 0xcb: {
                    if (!have(9))
                        return fail(incomplete);
                    const uint64_t bits = qFromBigEndian<quint64>(m_p + 1);
                    node = add(9, 0, MpValue::Type::Double);
                    if (node)
                        std::memcpy(&node->m_scalar.d, &bits, sizeof bits);
                    break;
                }
                case 0xcc:
                case 0xcd:
                case 0xce:
                case 0xcf: {
                    const int w = 1 << (tag - 0xcc);
                    if (!have(1 + w))
                        return fail(incomplete);
                    const uint64_t u = unsignedAt(w);
                    node = add(1 + w, 0, MpValue::Type::UInt);
                    if (node)
                        node->m_scalar.u = u;
                    break;
                }
                case 0xd0:
                case 0xd1:
                case 0xd2:
                case 0xd3: {
                    const int w = 1 << (tag - 0xd0);
                    if (!have(1 + w))
                        return fail(incomplete);
                    const int64_t i = signedAt(w);
                    node = add(1 + w, 0, i < 0 ? MpValue::Type::Int : MpValue::Type::UInt);
                    if (node && i < 0)
                        node->m_scalar.i = i;
                    else if (node)
                        node->m_scalar.u = uint64_t(i);
                    break;
                }
                case 0xd4:
                case 0xd5:
                case 0xd6:
                case 0xd7:
                case 0xd8:
                    if (!have(2))
                        return fail(incomplete);
                    node = ext(2, uint32_t(1) << (tag - 0xd4));
                    break;
                case 0xd9:
                case 0xda:
                case 0xdb: {
                    const int w = 1 << (tag - 0xd9);
                    if (!have(1 + w))
                        return fail(incomplete);
                    node = bytes(1 + w, length(w), MpValue::Type::Str);
                    break;
                }
                case 0xdc:
                case 0xdd: {
                    const int w = tag == 0xdc ? 2 : 4;
                    if (!have(1 + w))
                        return fail(incomplete);
                    items = length(w);
                    node = open(1 + w, MpValue::Type::Array, items);
                    break;
                }
                case 0xde:
                case 0xdf: {
                    const int w = tag == 0xde ? 2 : 4;
                    if (!have(1 + w))
                        return fail(incomplete);
                    items = uint64_t(length(w)) * 2;
                    node = open(1 + w, MpValue::Type::Map, items);
                    break;
                }
                }
            }
            if (!node)
                return false; // a limit or missing bytes (the flag says which)
            if (items > 0) {
                m_stack.push_back(Level { node, items });
                continue;
            }
            // A value is complete: so are the containers it was the last item of.
            while (!m_stack.empty() && --m_stack.back().remaining == 0)
                m_stack.pop_back();
            if (m_stack.empty())
                return true;
        }
    }

private:
    struct Level
    {
        MpValue *node;
        uint64_t remaining;
    };

    bool fail(bool &flag)
    {
        flag = true;
        return false;
    }
    bool have(size_t n) const { return size_t(m_end - m_p) >= n; }
    uint32_t length(int width) const { return uint32_t(unsignedAt(width)); }
    uint64_t unsignedAt(int width) const
    {
        switch (width) {
        case 1: return m_p[1];
        case 2: return qFromBigEndian<quint16>(m_p + 1);
        case 4: return qFromBigEndian<quint32>(m_p + 1);
        default: return qFromBigEndian<quint64>(m_p + 1);
        }
    }
    int64_t signedAt(int width) const
    {
        switch (width) {
        case 1: return int8_t(m_p[1]);
        case 2: return qFromBigEndian<qint16>(m_p + 1);
        case 4: return qFromBigEndian<qint32>(m_p + 1);
        default: return qFromBigEndian<qint64>(m_p + 1);
        }
    }
    // Counts a node and its bytes against maxBytes, before anything is copied.
    bool charge(qint64 bytes)
    {
        if (m_maxBytes >= 0 && m_charged + qint64(sizeof(MpValue)) + bytes > m_maxBytes) {
            tooBig = true;
            return false;
        }
        m_charged += qint64(sizeof(MpValue)) + bytes;
        return true;
    }
    // A new node of this type where the next value goes; consumes `size` bytes.
    MpValue *place(size_t size, MpValue::Type type)
    {
        MpValue *slot;
        if (m_dry) {
            slot = &root; // a scratch node: scalars land here and nothing is kept
        } else if (m_stack.empty()) {
            slot = &root;
        } else {
            auto &items = m_stack.back().node->m_items;
            items.emplace_back();
            slot = &items.back();
        }
        slot->m_type = type;
        m_p += size;
        return slot;
    }
    MpValue *add(size_t size, qint64 bytes, MpValue::Type type) { return charge(bytes) ? place(size, type) : nullptr; }
    // A string or binary of n bytes after a head of `head` bytes.
    MpValue *bytes(size_t head, uint32_t n, MpValue::Type type)
    {
        if (!have(head + size_t(n))) {
            incomplete = true;
            return nullptr;
        }
        const char *data = reinterpret_cast<const char *>(m_p + head);
        MpValue *node = add(head + n, n, type);
        if (node && !m_dry)
            node->m_bytes = QByteArray(data, qsizetype(n));
        return node;
    }
    // An ext: the type byte is the last byte of the head, n payload bytes follow.
    MpValue *ext(size_t head, uint32_t n)
    {
        if (!have(head + size_t(n))) {
            incomplete = true;
            return nullptr;
        }
        const int8_t type = int8_t(m_p[head - 1]);
        const char *data = reinterpret_cast<const char *>(m_p + head);
        MpValue *node = add(head + n, n, MpValue::Type::Ext);
        if (node && !m_dry) {
            node->m_extType = type;
            node->m_bytes = QByteArray(data, qsizetype(n));
        }
        return node;
    }
    MpValue *open(size_t head, MpValue::Type type, uint64_t items)
    {
        if (!charge(0))
            return nullptr;
        if (int(m_stack.size()) >= m_maxDepth) {
            tooDeep = true;
            return nullptr;
        }
        MpValue *node = place(head, type);
        if (m_dry)
            return node;
        // Each item takes at least one byte: never reserve more than the input can hold.
        node->m_items.reserve(size_t(std::min<uint64_t>(items, std::min<size_t>(m_inputSize, 1024))));
        return node;
    }

    const uchar *m_begin;
    const uchar *m_p;
    const uchar *m_end;
    size_t m_inputSize;
    int m_maxDepth;
    qint64 m_maxBytes;
    qint64 m_charged = 0;
    bool m_dry = false;
    QVarLengthArray<Level, 32> m_stack;
};

namespace {

DecodeResult run(const char *data, size_t len, int maxDepth, qint64 maxBytes, bool dry, qint64 *footprint)
{
    DecodeResult r;
    if (len == 0) {
        r.status = Status::Incomplete;
        r.error = QStringLiteral("no msgpack data");
        return r;
    }
    TreeBuilder builder(data, len, maxDepth, maxBytes, dry);
    bool ok = false;
    try {
        ok = builder.parse();
    } catch (const std::exception &e) {
        r.status = Status::Malformed;
        r.error = QStringLiteral("malformed msgpack: %1").arg(QString::fromLatin1(e.what()));
        return r;
    }
    if (ok) {
        r.status = Status::Ok;
        if (!dry)
            r.value = std::move(builder.root);
        r.consumed = builder.consumed();
        if (footprint)
            *footprint = builder.charged();
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

} // namespace

DecodeResult decode(const char *data, size_t len, int maxDepth, qint64 maxBytes)
{
    return run(data, len, maxDepth, maxBytes, false, nullptr);
}

DecodeResult scan(const char *data, size_t len, int maxDepth, qint64 maxBytes, qint64 *footprint)
{
    return run(data, len, maxDepth, maxBytes, true, footprint);
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
