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

struct QByteArrayWriter
{
    QByteArray *out;
    void write(const char *buf, size_t len) { out->append(buf, qsizetype(len)); }
};

// msgpack-c's pack_float/pack_double write an integral value as an integer (and convert 2^64
// to uint64_t on the way, which is undefined). The width and the type are part of the value,
// so floats are always written as MP_FLOAT32 / MP_FLOAT64 here.
template<typename Bits, typename F>
void appendFloat(QByteArray &out, char tag, F value)
{
    static_assert(sizeof(Bits) == sizeof(F));
    Bits bits;
    std::memcpy(&bits, &value, sizeof bits);
    char buf[1 + sizeof bits];
    buf[0] = tag;
    qToBigEndian(bits, buf + 1);
    out.append(buf, qsizetype(sizeof buf));
}

void pack(msgpack::packer<QByteArrayWriter> &pk, QByteArray &out, const MpValue &v)
{
    switch (v.type()) {
    case MpValue::Type::Nil: pk.pack_nil(); break;
    case MpValue::Type::Bool: v.toBool() ? pk.pack_true() : pk.pack_false(); break;
    case MpValue::Type::Int: pk.pack_int64(v.toInt64()); break;
    case MpValue::Type::UInt: pk.pack_uint64(v.toUInt64()); break;
    case MpValue::Type::Float: appendFloat<uint32_t>(out, char(0xca), float(v.toDouble())); break;
    case MpValue::Type::Double: appendFloat<uint64_t>(out, char(0xcb), v.toDouble()); break;
    case MpValue::Type::Str:
        pk.pack_str(uint32_t(v.bytes().size()));
        pk.pack_str_body(v.bytes().constData(), uint32_t(v.bytes().size()));
        break;
    case MpValue::Type::Bin:
        pk.pack_bin(uint32_t(v.bytes().size()));
        pk.pack_bin_body(v.bytes().constData(), uint32_t(v.bytes().size()));
        break;
    case MpValue::Type::Ext:
        pk.pack_ext(size_t(v.bytes().size()), v.extType());
        pk.pack_ext_body(v.bytes().constData(), uint32_t(v.bytes().size()));
        break;
    case MpValue::Type::Array:
        pk.pack_array(uint32_t(v.items().size()));
        for (const MpValue &item : v.items())
            pack(pk, out, item);
        break;
    case MpValue::Type::Map:
        pk.pack_map(uint32_t(v.size()));
        for (const MpValue &item : v.items())
            pack(pk, out, item);
        break;
    }
}

} // namespace

void encodeTo(const MpValue &value, QByteArray &out)
{
    QByteArrayWriter w { &out };
    msgpack::packer<QByteArrayWriter> pk(w);
    pack(pk, out, value);
}

QByteArray encode(const MpValue &value)
{
    QByteArray out;
    encodeTo(value, out);
    return out;
}

} // namespace Boxscope::MpCodec
