// Inputs the fuzz targets in tests/fuzz/ found to break netcore, kept as unit tests.

#include "iproto/FrameDecoder.h"
#include "iproto/Greeting.h"
#include "lua/LuaLiteral.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <QTest>

#include <cmath>

using namespace Boxscope;

Q_DECLARE_METATYPE(Boxscope::MpValue)

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    void floatsEncodeAsFloats_data();
    void floatsEncodeAsFloats();
    void doubleOfTwoToThe64RoundTrips();
    void greetingVersionCannotOverflow_data();
    void greetingVersionCannotOverflow();
    void tableKeysHaveOneOrder();
    void rawFrameWithARepeatedKeyIsLeftToNext();
};

// takeRaw read a header that names REQUEST_TYPE twice ({0: 64, 0: 1, 1: 5}) with the last
// value winning, where next() (and the request path) reads the first: the two paths disagreed
// on the frame's code. A repeated key now leaves the frame to next().
void TestFuzzRegressions::rawFrameWithARepeatedKeyIsLeftToNext()
{
    const QByteArray stream = QByteArray::fromHex("cc18830040ce0000000001cf000000000000000105ce0000005080");
    FrameDecoder d;
    d.feed(stream);
    RawFrame raw;
    QVERIFY(!d.takeRaw(&raw, [](uint64_t) { return true; }));
    QCOMPARE(d.streamOffset(), uint64_t(0)); // nothing consumed
    Frame f;
    QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
    QCOMPARE(f.header.find(uint64_t(0))->toUInt64(), uint64_t(64));
    // The same header without the repeat is taken raw.
    FrameDecoder e;
    e.feed(QByteArray::fromHex("cc0e82004001cf000000000000000580"));
    QVERIFY(e.takeRaw(&raw, [](uint64_t sync) { return sync == 5; }));
    QCOMPARE(raw.code, uint32_t(64));
    QCOMPARE(raw.sync, uint64_t(5));
    QCOMPARE(raw.bodySize, size_t(1));
    QCOMPARE(e.pending(), size_t(0));
}

// Encoding went through msgpack-c's pack_double / pack_float, which write an integral value as
// an integer (2.0 → 2, changing the value's type) and convert 2^64 to uint64_t on the way
// (undefined behaviour; UBSan: "1.84467e+19 is outside the range of representable values").
void TestFuzzRegressions::floatsEncodeAsFloats_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("double 2^64") << MpValue::doubleValue(18446744073709551616.0)
                                 << QByteArray::fromHex("cb43f0000000000000");
    QTest::newRow("double -2^63") << MpValue::doubleValue(-9223372036854775808.0)
                                  << QByteArray::fromHex("cbc3e0000000000000");
    QTest::newRow("double 2.0") << MpValue::doubleValue(2.0) << QByteArray::fromHex("cb4000000000000000");
    QTest::newRow("double 0.0") << MpValue::doubleValue(0.0) << QByteArray::fromHex("cb0000000000000000");
    QTest::newRow("double -0.0") << MpValue::doubleValue(-0.0) << QByteArray::fromHex("cb8000000000000000");
    QTest::newRow("double 1.5") << MpValue::doubleValue(1.5) << QByteArray::fromHex("cb3ff8000000000000");
    QTest::newRow("double inf") << MpValue::doubleValue(INFINITY) << QByteArray::fromHex("cb7ff0000000000000");
    QTest::newRow("float 2^64") << MpValue::floating(18446744073709551616.0f) << QByteArray::fromHex("ca5f800000");
    QTest::newRow("float 3.0") << MpValue::floating(3.0f) << QByteArray::fromHex("ca40400000");
    QTest::newRow("float 1.5") << MpValue::floating(1.5f) << QByteArray::fromHex("ca3fc00000");
}

void TestFuzzRegressions::floatsEncodeAsFloats()
{
    QFETCH(MpValue, value);
    QFETCH(QByteArray, wire);
    QCOMPARE(MpCodec::encode(value).toHex(), wire.toHex());
    const MpCodec::DecodeResult back = MpCodec::decodeExact(wire.constData(), size_t(wire.size()));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.value.type(), value.type());
    QVERIFY(back.value == value);
}

// The fuzzer's input: a frame whose body holds the double 2^64 (a Lua number 2^64 stored in a
// tuple reads back like this); the frame decodes, and re-encoding its body keeps the double.
void TestFuzzRegressions::doubleOfTwoToThe64RoundTrips()
{
    const QByteArray body = QByteArray::fromHex("9203cb43f0000000000000");
    const QByteArray header = QByteArray::fromHex("820000011b");
    FrameDecoder decoder;
    decoder.feed(QByteArray(1, char(header.size() + body.size())) + header + body);
    Frame frame;
    QCOMPARE(decoder.next(&frame), FrameDecoder::Result::Frame);
    QCOMPARE(MpCodec::encode(frame.body).toHex(), body.toHex());
    QCOMPARE(frame.body.at(1).type(), MpValue::Type::Double);
}

// A greeting is whatever the peer sends: "Tarantool 2147483647.0 (Binary)" made versionId()
// overflow an int (UBSan: "signed integer overflow: 2147483647 * 10000").
void TestFuzzRegressions::greetingVersionCannotOverflow_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<int>("major");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("patch");
    QTest::newRow("int max") << QByteArray("2147483647.0") << 0 << 0 << 0;
    QTest::newRow("huge minor") << QByteArray("2.4294967296.1") << 0 << 0 << 0;
    QTest::newRow("six digits") << QByteArray("100000.1.1") << 0 << 0 << 0;
    QTest::newRow("huge patch") << QByteArray("2.6.1234567") << 2 << 6 << 0;
    QTest::newRow("five digits") << QByteArray("99999.99999.99999") << 99999 << 99999 << 99999;
    QTest::newRow("real") << QByteArray("2.11.1-0-g96877bd35") << 2 << 11 << 1;
}

void TestFuzzRegressions::greetingVersionCannotOverflow()
{
    QFETCH(QByteArray, version);
    QFETCH(int, major);
    QFETCH(int, minor);
    QFETCH(int, patch);
    const QByteArray line1 = ("Tarantool " + version + " (Binary)").leftJustified(63, ' ') + '\n';
    const QByteArray line2 = QByteArray("a0SNaDquEP34QzEvGQ0614dteQ7wOxGqzoW7Y19kqAs=").leftJustified(63, ' ') + '\n';
    Greeting g;
    QString error;
    QVERIFY2(Greeting::parse(line1 + line2, &g, &error), qPrintable(error));
    QCOMPARE(g.versionString, QString::fromLatin1(version));
    QCOMPARE(g.major, major);
    QCOMPARE(g.minor, minor);
    QCOMPARE(g.patch, patch);
    QCOMPARE(qint64(g.versionId()), qint64(major) * 10000 + qint64(minor) * 100 + patch);
}

// Tables as map keys kept Lua's iteration order, which follows the tables' addresses: parse()
// and parseValues() of the same literal encoded its map differently ("parse and parseValues
// disagree"). They are ordered by their msgpack bytes now.
void TestFuzzRegressions::tableKeysHaveOneOrder()
{
    QString literal = QStringLiteral("{");
    for (int i = 40; i >= 1; --i)
        literal += QStringLiteral("[{%1}] = %1, ").arg(i);
    literal += QStringLiteral("[{x = 1}] = 'map', [{}] = 'empty', a = 'string key', [1.5] = 'number key', "
                              "[{41}] = 'b', [{41}] = 'a'}"); // equal table keys: ordered by value
    const LuaLiteral::ParseResult one = LuaLiteral::parse(literal);
    QVERIFY2(one.ok, qPrintable(one.error));
    const QByteArray wire = MpCodec::encode(one.value);
    for (int run = 0; run < 20; ++run) {
        const LuaLiteral::ParseResult again = run % 2 ? LuaLiteral::parse(literal) : LuaLiteral::parseValues(literal);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(MpCodec::encode(again.value), wire);
    }
    // Numbers, then strings, then the table keys by their bytes: {x = 1} (0x81...) < {} (0x90) < {1} ... {40}.
    const MpValue &m = one.value;
    QVERIFY(m.isMap());
    QCOMPARE(m.size(), size_t(46));
    QCOMPARE(m.mapKey(0).toDouble(), 1.5);
    QCOMPARE(m.mapKey(1).toQString(), QStringLiteral("a"));
    QCOMPARE(MpCodec::encode(m.mapKey(2)), QByteArray::fromHex("81a17801"));
    QCOMPARE(MpCodec::encode(m.mapKey(3)), QByteArray::fromHex("90"));
    for (int i = 1; i <= 40; ++i)
        QCOMPARE(m.mapValue(size_t(3 + i)).toInt64(), int64_t(i));
    QCOMPARE(m.mapValue(44).toQString(), QStringLiteral("a"));
    QCOMPARE(m.mapValue(45).toQString(), QStringLiteral("b"));
}

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
