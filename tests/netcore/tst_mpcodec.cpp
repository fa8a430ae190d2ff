#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <msgpack.hpp>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <cstring>
#include <limits>

#include <sys/resource.h>

using namespace Boxscope;

Q_DECLARE_METATYPE(Boxscope::MpValue)

namespace {

MpValue strOf(int n, char c = 'x')
{
    return MpValue::string(QByteArray(n, c));
}

MpValue arrayOf(int n)
{
    std::vector<MpValue> items(size_t(n), MpValue::uinteger(1));
    return MpValue::array(std::move(items));
}

MpValue mapOf(int n)
{
    std::vector<std::pair<MpValue, MpValue>> entries;
    entries.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        entries.emplace_back(MpValue::uinteger(uint64_t(i)), MpValue());
    return MpValue::map(std::move(entries));
}

// A value with several levels and every kind of item, for the truncation sweep.
MpValue multiLevel()
{
    return MpValue::map({
            { MpValue::string("key"),
              MpValue::array(
                      { MpValue::uinteger(1), MpValue::string("str"), MpValue::integer(-70000),
                        MpValue::map({ { MpValue::string("nested"), MpValue::binary(QByteArray("\x00\x01\x02", 3)) } }),
                        MpValue::doubleValue(2.5), MpValue::floating(1.5f), MpValue::boolean(true), MpValue() }) },
            { MpValue::uinteger(300), MpValue::uinteger(std::numeric_limits<uint64_t>::max()) },
            { MpValue::integer(-1), MpValue::ext(1, QByteArray::fromHex("02125c")) },
            { MpValue::string(strOf(40).bytes()), MpValue::ext(7, QByteArray(20, 'e')) },
    });
}

// msgpack-c's packer, as the reference for the smallest forms (floats keep their width).
struct Sink
{
    QByteArray *out;
    void write(const char *buf, size_t len) { out->append(buf, qsizetype(len)); }
};

void referencePack(msgpack::packer<Sink> &pk, QByteArray &out, const MpValue &v)
{
    switch (v.type()) {
    case MpValue::Type::Nil: pk.pack_nil(); break;
    case MpValue::Type::Bool: v.toBool() ? pk.pack_true() : pk.pack_false(); break;
    case MpValue::Type::Int: pk.pack_int64(v.toInt64()); break;
    case MpValue::Type::UInt: pk.pack_uint64(v.toUInt64()); break;
    case MpValue::Type::Float: {
        const float f = float(v.toDouble());
        uint32_t bits;
        std::memcpy(&bits, &f, sizeof bits);
        char buf[5] = { char(0xca) };
        qToBigEndian(bits, buf + 1);
        out.append(buf, 5);
        break;
    }
    case MpValue::Type::Double: {
        const double d = v.toDouble();
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        char buf[9] = { char(0xcb) };
        qToBigEndian(bits, buf + 1);
        out.append(buf, 9);
        break;
    }
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
            referencePack(pk, out, item);
        break;
    case MpValue::Type::Map:
        pk.pack_map(uint32_t(v.size()));
        for (const MpValue &item : v.items())
            referencePack(pk, out, item);
        break;
    }
}

QByteArray referenceEncode(const MpValue &v)
{
    QByteArray out;
    Sink sink { &out };
    msgpack::packer<Sink> pk(sink);
    referencePack(pk, out, v);
    return out;
}

// Integers and lengths around every width boundary.
uint64_t boundaryNumber(QRandomGenerator &rng)
{
    static const uint64_t edges[] = {
        0, 15, 16, 31, 32, 127, 128, 255, 256, 65535, 65536, 0xffffffffull, 0x100000000ull
    };
    const uint64_t e = edges[rng.bounded(int(std::size(edges)))];
    const int delta = int(rng.bounded(3)) - 1;
    return e == 0 && delta < 0 ? 0 : e + uint64_t(int64_t(delta));
}

MpValue randomValue(QRandomGenerator &rng, int depth)
{
    const int kind = int(rng.bounded(depth > 3 ? 9 : 12));
    switch (kind) {
    case 0: return MpValue();
    case 1: return MpValue::boolean(rng.bounded(2) == 1);
    case 2: return MpValue::uinteger(rng.bounded(2) ? boundaryNumber(rng) : rng.generate64());
    case 3: {
        const uint64_t m = boundaryNumber(rng);
        return MpValue::integer(rng.bounded(2) ? -int64_t(m) - 1 : int64_t(rng.generate64() | (1ull << 63)));
    }
    case 4: return MpValue::floating(float(rng.generateDouble() * 1000));
    case 5: return MpValue::doubleValue(rng.generateDouble() * 1e6);
    case 6: return strOf(int(std::min<uint64_t>(boundaryNumber(rng), 70000)));
    case 7: return MpValue::binary(QByteArray(int(std::min<uint64_t>(boundaryNumber(rng), 70000)), 'b'));
    case 8: {
        static const int extSizes[] = { 0, 1, 2, 3, 4, 8, 16, 17, 255, 256, 65535, 65536 };
        return MpValue::ext(int8_t(rng.bounded(256) - 128), QByteArray(extSizes[rng.bounded(12)], 'e'));
    }
    case 9:
    case 10: {
        const int n = rng.bounded(4) == 0 ? int(std::min<uint64_t>(boundaryNumber(rng), 70000)) : rng.bounded(5);
        std::vector<MpValue> items;
        for (int i = 0; i < n; ++i)
            items.push_back(n > 20 ? MpValue::uinteger(uint64_t(i)) : randomValue(rng, depth + 1));
        return MpValue::array(std::move(items));
    }
    default: {
        const int n = rng.bounded(4) == 0 ? int(std::min<uint64_t>(boundaryNumber(rng), 70000)) : rng.bounded(5);
        std::vector<std::pair<MpValue, MpValue>> entries;
        for (int i = 0; i < n; ++i)
            entries.emplace_back(MpValue::uinteger(uint64_t(i)), n > 20 ? MpValue() : randomValue(rng, depth + 1));
        return MpValue::map(std::move(entries));
    }
    }
}

// The decoder as it was built on msgpack-c's SAX parser, as the reference for the tree,
// the consumed bytes, the status and the message.
// Builds an MpValue tree from msgpack-c's SAX-style parser. Containers are
// appended to their parent first and filled in place: the parent does not grow
// while a child is open, so the pointers on the stack stay valid.
class ReferenceBuilder
{
public:
    ReferenceBuilder(size_t inputSize, int maxDepth, qint64 maxBytes)
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

MpCodec::DecodeResult referenceDecode(const char *data, size_t len, int maxDepth, qint64 maxBytes)
{
    MpCodec::DecodeResult r;
    if (len == 0) {
        r.status = MpCodec::Status::Incomplete;
        r.error = QStringLiteral("no msgpack data");
        return r;
    }
    ReferenceBuilder builder(len, maxDepth, maxBytes);
    size_t off = 0;
    bool ok = false;
    try {
        ok = msgpack::v2::parse(data, len, off, builder);
    } catch (const std::exception &e) {
        r.status = MpCodec::Status::Malformed;
        r.error = QStringLiteral("malformed msgpack: %1").arg(QString::fromLatin1(e.what()));
        return r;
    }
    if (ok) {
        r.status = MpCodec::Status::Ok;
        r.value = std::move(builder.root);
        r.consumed = off;
        return r;
    }
    if (builder.tooBig) {
        r.status = MpCodec::Status::TooBig;
        r.error = QStringLiteral("decodes to more than %1 bytes in memory").arg(maxBytes);
    } else if (builder.tooDeep) {
        r.status = MpCodec::Status::TooDeep;
        r.error = QStringLiteral("msgpack nesting deeper than %1 levels").arg(maxDepth);
    } else if (builder.malformed) {
        r.status = MpCodec::Status::Malformed;
        r.error = QStringLiteral("malformed msgpack: invalid type byte 0x%1 at offset %2")
                          .arg(builder.errorOffset < len ? QString::number(uchar(data[builder.errorOffset]), 16)
                                                                   .rightJustified(2, QLatin1Char('0'))
                                                         : QStringLiteral("??"))
                          .arg(builder.errorOffset);
    } else {
        r.status = MpCodec::Status::Incomplete;
        r.error = QStringLiteral("truncated msgpack: %1 bytes end inside a value").arg(len);
    }
    return r;
}

} // namespace

class TestMpCodec : public QObject
{
    Q_OBJECT

private slots:
    void smallestEncoding_data();
    void smallestEncoding();
    void encodingMatchesMsgpackC();
    void decodingMatchesMsgpackC();
    void appendItems();
    void fixedWidthDecoding_data();
    void fixedWidthDecoding();
    void everyTruncationIsIncomplete();
    void emptyInputIsIncomplete();
    void malformedByte_data();
    void malformedByte();
    void depthLimit();
    void depthBomb();
    void hugeDeclaredLengths_data();
    void hugeDeclaredLengths();
    void trailingBytes();
    void mapKeyOrderPreserved();
    void findByIntAndStringKey();
    void equality();
};

// Each row: a value, the header bytes its smallest encoding starts with, and the total size.
void TestMpCodec::smallestEncoding_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("size");

    QTest::newRow("nil") << MpValue() << QByteArray::fromHex("c0") << 1;
    QTest::newRow("false") << MpValue::boolean(false) << QByteArray::fromHex("c2") << 1;
    QTest::newRow("true") << MpValue::boolean(true) << QByteArray::fromHex("c3") << 1;

    QTest::newRow("fixint 0") << MpValue::uinteger(0) << QByteArray::fromHex("00") << 1;
    QTest::newRow("fixint 127") << MpValue::uinteger(127) << QByteArray::fromHex("7f") << 1;
    QTest::newRow("uint8 128") << MpValue::uinteger(128) << QByteArray::fromHex("cc80") << 2;
    QTest::newRow("uint8 255") << MpValue::uinteger(255) << QByteArray::fromHex("ccff") << 2;
    QTest::newRow("uint16 256") << MpValue::uinteger(256) << QByteArray::fromHex("cd0100") << 3;
    QTest::newRow("uint16 65535") << MpValue::uinteger(65535) << QByteArray::fromHex("cdffff") << 3;
    QTest::newRow("uint32 65536") << MpValue::uinteger(65536) << QByteArray::fromHex("ce00010000") << 5;
    QTest::newRow("uint32 max") << MpValue::uinteger(0xffffffffu) << QByteArray::fromHex("ceffffffff") << 5;
    QTest::newRow("uint64 2^32") << MpValue::uinteger(0x100000000ull) << QByteArray::fromHex("cf0000000100000000") << 9;
    QTest::newRow("uint64 max") << MpValue::uinteger(std::numeric_limits<uint64_t>::max())
                                << QByteArray::fromHex("cfffffffffffffffff") << 9;
    QTest::newRow("integer() of a positive is uint") << MpValue::integer(5) << QByteArray::fromHex("05") << 1;

    QTest::newRow("negative fixint -1") << MpValue::integer(-1) << QByteArray::fromHex("ff") << 1;
    QTest::newRow("negative fixint -32") << MpValue::integer(-32) << QByteArray::fromHex("e0") << 1;
    QTest::newRow("int8 -33") << MpValue::integer(-33) << QByteArray::fromHex("d0df") << 2;
    QTest::newRow("int8 -128") << MpValue::integer(-128) << QByteArray::fromHex("d080") << 2;
    QTest::newRow("int16 -129") << MpValue::integer(-129) << QByteArray::fromHex("d1ff7f") << 3;
    QTest::newRow("int16 -32768") << MpValue::integer(-32768) << QByteArray::fromHex("d18000") << 3;
    QTest::newRow("int32 -32769") << MpValue::integer(-32769) << QByteArray::fromHex("d2ffff7fff") << 5;
    QTest::newRow("int32 min") << MpValue::integer(std::numeric_limits<int32_t>::min())
                               << QByteArray::fromHex("d280000000") << 5;
    QTest::newRow("int64 -2^31-1") << MpValue::integer(int64_t(std::numeric_limits<int32_t>::min()) - 1)
                                   << QByteArray::fromHex("d3ffffffff7fffffff") << 9;
    QTest::newRow("int64 min") << MpValue::integer(std::numeric_limits<int64_t>::min())
                               << QByteArray::fromHex("d38000000000000000") << 9;

    QTest::newRow("float32") << MpValue::floating(1.5f) << QByteArray::fromHex("ca3fc00000") << 5;
    QTest::newRow("float64") << MpValue::doubleValue(1.5) << QByteArray::fromHex("cb3ff8000000000000") << 9;

    QTest::newRow("fixstr empty") << MpValue::string("") << QByteArray::fromHex("a0") << 1;
    QTest::newRow("fixstr 31") << strOf(31) << QByteArray::fromHex("bf78") << 32;
    QTest::newRow("str8 32") << strOf(32) << QByteArray::fromHex("d92078") << 34;
    QTest::newRow("str8 255") << strOf(255) << QByteArray::fromHex("d9ff78") << 257;
    QTest::newRow("str16 256") << strOf(256) << QByteArray::fromHex("da010078") << 259;
    QTest::newRow("str16 65535") << strOf(65535) << QByteArray::fromHex("daffff78") << 65538;
    QTest::newRow("str32 65536") << strOf(65536) << QByteArray::fromHex("db0001000078") << 65541;

    QTest::newRow("bin8 empty") << MpValue::binary(QByteArray()) << QByteArray::fromHex("c400") << 2;
    QTest::newRow("bin8 255") << MpValue::binary(QByteArray(255, 'b')) << QByteArray::fromHex("c4ff62") << 257;
    QTest::newRow("bin16 256") << MpValue::binary(QByteArray(256, 'b')) << QByteArray::fromHex("c5010062") << 259;
    QTest::newRow("bin32 65536") << MpValue::binary(QByteArray(65536, 'b')) << QByteArray::fromHex("c60001000062")
                                 << 65541;

    QTest::newRow("fixarray empty") << MpValue::array() << QByteArray::fromHex("90") << 1;
    QTest::newRow("fixarray 15") << arrayOf(15) << QByteArray::fromHex("9f01") << 16;
    QTest::newRow("array16 16") << arrayOf(16) << QByteArray::fromHex("dc001001") << 19;
    QTest::newRow("array16 65535") << arrayOf(65535) << QByteArray::fromHex("dcffff01") << 65538;
    QTest::newRow("array32 65536") << arrayOf(65536) << QByteArray::fromHex("dd0001000001") << 65541;

    QTest::newRow("fixmap empty") << MpValue::map() << QByteArray::fromHex("80") << 1;
    QTest::newRow("fixmap 15") << mapOf(15) << QByteArray::fromHex("8f00c0") << 31;
    QTest::newRow("map16 16") << mapOf(16) << QByteArray::fromHex("de001000c0") << 35;
    // Keys 0..127 take 1 byte, 128..255 two, 256..65535 three.
    QTest::newRow("map32 65536") << mapOf(65536) << QByteArray::fromHex("df0001000000c0")
                                 << 5 + 65536 + (128 + 128 * 2 + (65536 - 256) * 3);

    QTest::newRow("fixext1") << MpValue::ext(1, "\x01") << QByteArray::fromHex("d40101") << 3;
    QTest::newRow("fixext2") << MpValue::ext(2, "ab") << QByteArray::fromHex("d50261") << 4;
    QTest::newRow("fixext4") << MpValue::ext(3, "abcd") << QByteArray::fromHex("d60361") << 6;
    QTest::newRow("fixext8") << MpValue::ext(4, QByteArray(8, 'x')) << QByteArray::fromHex("d70478") << 10;
    QTest::newRow("fixext16") << MpValue::ext(2, QByteArray(16, 'u')) << QByteArray::fromHex("d80275") << 18;
    QTest::newRow("ext8 empty") << MpValue::ext(5, QByteArray()) << QByteArray::fromHex("c70005") << 3;
    QTest::newRow("ext8 3") << MpValue::ext(1, "abc") << QByteArray::fromHex("c7030161") << 6;
    QTest::newRow("ext8 negative type") << MpValue::ext(-1, "abc") << QByteArray::fromHex("c703ff61") << 6;
    QTest::newRow("ext8 255") << MpValue::ext(6, QByteArray(255, 'i')) << QByteArray::fromHex("c7ff0669") << 258;
    QTest::newRow("ext16 256") << MpValue::ext(6, QByteArray(256, 'i')) << QByteArray::fromHex("c801000669") << 260;
    QTest::newRow("ext32 65536") << MpValue::ext(6, QByteArray(65536, 'i')) << QByteArray::fromHex("c9000100000669")
                                 << 65542;

    QTest::newRow("nested") << MpValue::array({ MpValue::map({ { MpValue::string("a"), MpValue::array() } }) })
                            << QByteArray::fromHex("9181a16190") << 5;
}

void TestMpCodec::smallestEncoding()
{
    QFETCH(MpValue, value);
    QFETCH(QByteArray, head);
    QFETCH(int, size);

    const QByteArray bytes = MpCodec::encode(value);
    QCOMPARE(bytes.left(head.size()).toHex(), head.toHex());
    QCOMPARE(bytes.size(), size);

    const MpCodec::DecodeResult r = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.consumed, size_t(bytes.size()));
    QVERIFY(r.value == value);
    QCOMPARE(r.value.type(), value.type());
    // Re-encoding what was decoded gives the same bytes.
    QCOMPARE(MpCodec::encode(r.value), bytes);
}

// The encoder writes the bytes msgpack-c's packer writes, for every kind and width.
void TestMpCodec::encodingMatchesMsgpackC()
{
    QRandomGenerator rng(20240611);
    for (int i = 0; i < 400; ++i) {
        const MpValue v = randomValue(rng, 0);
        const QByteArray expected = referenceEncode(v);
        QByteArray got = MpCodec::encode(v);
        QVERIFY2(got == expected, qPrintable(QStringLiteral("value %1").arg(i)));
        // Appending keeps what was there.
        got = "prefix";
        MpCodec::encodeTo(v, got);
        QCOMPARE(got, QByteArray("prefix") + expected);
    }
}

// The decoder gives what msgpack-c's parser gave: the same tree, bytes consumed, status and
// message, for valid input, truncated and corrupted input, and under small depth and byte caps.
void TestMpCodec::decodingMatchesMsgpackC()
{
    QRandomGenerator rng(4242);
    static const uchar interesting[] = { 0xc1, 0xdc, 0xdd, 0xde, 0xdf, 0xdb, 0xc6, 0xc9, 0x9f, 0x8f, 0xff, 0x00, 0xd8 };
    int compared = 0;
    for (int i = 0; i < 1500; ++i) {
        QByteArray bytes = MpCodec::encode(randomValue(rng, 0));
        if (bytes.size() > 4096)
            bytes.truncate(4096 + int(rng.bounded(64)));
        switch (rng.bounded(4)) {
        case 0: break;
        case 1: bytes.truncate(int(rng.bounded(int(bytes.size()) + 1))); break;
        case 2:
            for (int k = 0; k < 3; ++k) {
                const int at = int(rng.bounded(int(bytes.size())));
                bytes[at] = char(rng.bounded(2) ? interesting[rng.bounded(int(std::size(interesting)))]
                                                : uchar(rng.bounded(256)));
            }
            break;
        default: bytes += QByteArray(int(rng.bounded(3)), '\x91') + char(rng.bounded(256)); break;
        }
        if (bytes.isEmpty())
            continue;
        const int depth = rng.bounded(3) == 0 ? int(rng.bounded(4)) : MpCodec::kDefaultMaxDepth;
        const qint64 cap = rng.bounded(3) == 0 ? qint64(rng.bounded(4096)) : -1;
        const MpCodec::DecodeResult want = referenceDecode(bytes.constData(), size_t(bytes.size()), depth, cap);
        const MpCodec::DecodeResult got = MpCodec::decode(bytes.constData(), size_t(bytes.size()), depth, cap);
        const QByteArray what = QByteArray("input ") + bytes.left(64).toHex() + " depth " + QByteArray::number(depth)
                + " cap " + QByteArray::number(cap);
        QVERIFY2(got.status == want.status, what.constData());
        QVERIFY2(got.error == want.error,
                 qPrintable(QString::fromUtf8(what) + QStringLiteral(": ") + got.error + QStringLiteral(" / ")
                            + want.error));
        QVERIFY2(got.consumed == want.consumed, what.constData());
        QVERIFY2(got.value == want.value, what.constData());
        QVERIFY2(MpCodec::encode(got.value) == MpCodec::encode(want.value), what.constData());
        ++compared;
    }
    QVERIFY(compared > 1000);
}

void TestMpCodec::appendItems()
{
    QRandomGenerator rng(7);
    for (int i = 0; i < 200; ++i) {
        const uint64_t n = rng.bounded(2) ? boundaryNumber(rng) : rng.generate64();
        QByteArray out = "x";
        MpCodec::appendUInt(out, n);
        QCOMPARE(out, QByteArray("x") + referenceEncode(MpValue::uinteger(n)));

        const QByteArray text(int(std::min<uint64_t>(boundaryNumber(rng), 70000)), 's');
        out.clear();
        MpCodec::appendStr(out, text);
        QCOMPARE(out, referenceEncode(MpValue::string(text)));

        const uint32_t items = uint32_t(boundaryNumber(rng));
        Sink sink { &out };
        msgpack::packer<Sink> pk(sink);
        out.clear();
        MpCodec::appendArrayHeader(out, items);
        QByteArray expected;
        sink.out = &expected;
        pk.pack_array(items);
        QCOMPARE(out, expected);
        out.clear();
        expected.clear();
        MpCodec::appendMapHeader(out, items);
        pk.pack_map(items);
        QCOMPARE(out, expected);
    }
}

void TestMpCodec::fixedWidthDecoding_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<MpValue>("expected");

    // A 2.6 server sends response codes as uint32 and SYNCs as uint64 whatever their value.
    QTest::newRow("uint32 code 0x80") << QByteArray::fromHex("ce00000080") << MpValue::uinteger(0x80);
    QTest::newRow("uint32 error code") << QByteArray::fromHex("ce00008021") << MpValue::uinteger(0x8021);
    QTest::newRow("uint64 sync 7") << QByteArray::fromHex("cf0000000000000007") << MpValue::uinteger(7);
    QTest::newRow("uint8 1") << QByteArray::fromHex("cc01") << MpValue::uinteger(1);
    QTest::newRow("uint16 1") << QByteArray::fromHex("cd0001") << MpValue::uinteger(1);
    QTest::newRow("int8 positive") << QByteArray::fromHex("d005") << MpValue::uinteger(5);
    QTest::newRow("int16 -1") << QByteArray::fromHex("d1ffff") << MpValue::integer(-1);
    QTest::newRow("int32 -1") << QByteArray::fromHex("d2ffffffff") << MpValue::integer(-1);
    QTest::newRow("int64 positive") << QByteArray::fromHex("d30000000000000100") << MpValue::uinteger(256);
    QTest::newRow("str8 short") << QByteArray::fromHex("d90161") << MpValue::string("a");
    QTest::newRow("str32 short") << QByteArray::fromHex("db0000000161") << MpValue::string("a");
    QTest::newRow("array32 one") << QByteArray::fromHex("dd0000000101") << MpValue::array({ MpValue::uinteger(1) });
    QTest::newRow("map16 one") << QByteArray::fromHex("de00010102")
                               << MpValue::map({ { MpValue::uinteger(1), MpValue::uinteger(2) } });
    QTest::newRow("ext32 short") << QByteArray::fromHex("c9000000010161") << MpValue::ext(1, "a");
}

void TestMpCodec::fixedWidthDecoding()
{
    QFETCH(QByteArray, bytes);
    QFETCH(MpValue, expected);

    const MpCodec::DecodeResult r = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.value == expected);
    QCOMPARE(r.value.type(), expected.type());
}

void TestMpCodec::everyTruncationIsIncomplete()
{
    const QByteArray bytes = MpCodec::encode(multiLevel());
    QVERIFY(bytes.size() > 100);
    for (qsizetype n = 0; n < bytes.size(); ++n) {
        // A copy of exactly n bytes, so a read past the end is caught by sanitizers.
        const QByteArray prefix = bytes.left(n);
        const MpCodec::DecodeResult r = MpCodec::decode(prefix.constData(), size_t(prefix.size()));
        QVERIFY2(r.status == MpCodec::Status::Incomplete,
                 qPrintable(
                         QStringLiteral("prefix of %1 bytes: status %2 (%3)").arg(n).arg(int(r.status)).arg(r.error)));
        QVERIFY(!r.error.isEmpty());
    }
    const MpCodec::DecodeResult full = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    QVERIFY(full.ok());
    QVERIFY(full.value == multiLevel());
}

void TestMpCodec::emptyInputIsIncomplete()
{
    const MpCodec::DecodeResult r = MpCodec::decode(QByteArray());
    QCOMPARE(r.status, MpCodec::Status::Incomplete);
}

void TestMpCodec::malformedByte_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("offset");

    QTest::newRow("alone") << QByteArray::fromHex("c1") << 0;
    QTest::newRow("in an array") << QByteArray::fromHex("9201c1") << 2;
    QTest::newRow("as a map key") << QByteArray::fromHex("82a161c0c1c0") << 4;
    QTest::newRow("after a string") << QByteArray::fromHex("92a3616263c1") << 5;
}

void TestMpCodec::malformedByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, offset);

    const MpCodec::DecodeResult r = MpCodec::decode(bytes);
    QCOMPARE(r.status, MpCodec::Status::Malformed);
    QVERIFY2(r.error.contains(QStringLiteral("0xc1")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("offset %1").arg(offset)), qPrintable(r.error));
}

void TestMpCodec::depthLimit()
{
    // kDefaultMaxDepth containers nest fine, one more is refused.
    QByteArray ok(MpCodec::kDefaultMaxDepth, '\x91');
    ok += '\xc0';
    QVERIFY(MpCodec::decodeExact(ok.constData(), size_t(ok.size())).ok());

    QByteArray deep(MpCodec::kDefaultMaxDepth + 1, '\x91');
    deep += '\xc0';
    QCOMPARE(MpCodec::decode(deep).status, MpCodec::Status::TooDeep);
    QCOMPARE(MpCodec::decode(deep, 1000).status, MpCodec::Status::Ok);
}

void TestMpCodec::depthBomb()
{
    const QByteArray bomb(10000, '\x91');
    const MpCodec::DecodeResult r = MpCodec::decode(bomb);
    QCOMPARE(r.status, MpCodec::Status::TooDeep);
    QVERIFY(r.error.contains(QStringLiteral("256")));
}

static long peakRssKiB()
{
    struct rusage ru
    { };
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

void TestMpCodec::hugeDeclaredLengths_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");

    const int incomplete = int(MpCodec::Status::Incomplete);
    QTest::newRow("array32 of 4G items") << QByteArray::fromHex("ddffffffff") << incomplete;
    QTest::newRow("array32 of 4G nils, 1M present")
            << QByteArray::fromHex("ddffffffff") + QByteArray(1 << 20, '\xc0') << incomplete;
    QTest::newRow("map32 of 4G pairs") << QByteArray::fromHex("dfffffffff") << incomplete;
    QTest::newRow("str32 of 4 GB") << QByteArray::fromHex("dbffffffff") << incomplete;
    QTest::newRow("str32 of 4 GB, 1 MB present")
            << QByteArray::fromHex("dbffffffff") + QByteArray(1 << 20, 'x') << incomplete;
    QTest::newRow("bin32 of 4 GB") << QByteArray::fromHex("c6ffffffff") << incomplete;
    QTest::newRow("ext32 of 4 GB") << QByteArray::fromHex("c9ffffffff01") << incomplete;
    QTest::newRow("nested huge arrays") << QByteArray::fromHex("ddffffffffddffffffffddffffffff") << incomplete;
}

void TestMpCodec::hugeDeclaredLengths()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);

    const long peakBefore = peakRssKiB();
    const MpCodec::DecodeResult r = MpCodec::decode(bytes);
    const long grew = peakRssKiB() - peakBefore;
    QCOMPARE(int(r.status), status);
    QVERIFY(!r.error.isEmpty());
    // Nothing is reserved for the announced size, only for what the input holds: the peak
    // resident size grows by tens of MiB at most (1 MiB of input), never by gigabytes.
    QVERIFY2(grew < 128 * 1024, qPrintable(QStringLiteral("peak RSS grew by %1 KiB").arg(grew)));
}

void TestMpCodec::trailingBytes()
{
    const QByteArray bytes = QByteArray::fromHex("92010203");
    const MpCodec::DecodeResult loose = MpCodec::decode(bytes);
    QVERIFY(loose.ok());
    QCOMPARE(loose.consumed, size_t(3));

    const MpCodec::DecodeResult exact = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    QCOMPARE(exact.status, MpCodec::Status::Malformed);
    QVERIFY(exact.error.contains(QStringLiteral("trailing")));
    QVERIFY(exact.value.isNil());
}

void TestMpCodec::mapKeyOrderPreserved()
{
    const QByteArray bytes = QByteArray::fromHex("83a16301a16102a16203");
    const MpCodec::DecodeResult r = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    QVERIFY(r.ok());
    QCOMPARE(r.value.size(), size_t(3));
    QCOMPARE(r.value.mapKey(0).toQString(), QStringLiteral("c"));
    QCOMPARE(r.value.mapKey(1).toQString(), QStringLiteral("a"));
    QCOMPARE(r.value.mapKey(2).toQString(), QStringLiteral("b"));
    QCOMPARE(MpCodec::encode(r.value), bytes);
}

void TestMpCodec::findByIntAndStringKey()
{
    // {0x00: 'a', 'x': 2, 0x31 as a fixed-width uint32: 3, -1: 4}
    const QByteArray bytes = QByteArray::fromHex("8400a161a17802ce0000003103ff04");
    const MpCodec::DecodeResult r = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    QVERIFY(r.ok());
    const MpValue &m = r.value;

    QVERIFY(m.find(uint64_t(0)));
    QCOMPARE(m.find(uint64_t(0))->toQString(), QStringLiteral("a"));
    QVERIFY(m.find("x"));
    QCOMPARE(m.find("x")->toUInt64(), uint64_t(2));
    QVERIFY(m.find(uint64_t(0x31)));
    QCOMPARE(m.find(uint64_t(0x31))->toUInt64(), uint64_t(3));
    QVERIFY(!m.find(uint64_t(5)));
    QVERIFY(!m.find("y"));
    QVERIFY(!m.find(""));
    // A negative key is not found through an unsigned lookup.
    QVERIFY(!m.find(std::numeric_limits<uint64_t>::max()));
    QVERIFY(!MpValue::array({ MpValue::uinteger(0) }).find(uint64_t(0)));
    QVERIFY(!MpValue::string("x").find("x"));
}

void TestMpCodec::equality()
{
    QVERIFY(MpValue::integer(5) == MpValue::uinteger(5));
    QVERIFY(MpValue::integer(-5) != MpValue::uinteger(5));
    QVERIFY(MpValue::string("a") != MpValue::binary("a"));
    QVERIFY(MpValue::doubleValue(std::nan("")) == MpValue::doubleValue(std::nan("")));
    QVERIFY(MpValue::floating(1.5f) != MpValue::doubleValue(1.5)); // the width is part of the value
    QVERIFY(MpValue::ext(1, "a") != MpValue::ext(2, "a"));
}

QTEST_APPLESS_MAIN(TestMpCodec)
#include "tst_mpcodec.moc"
