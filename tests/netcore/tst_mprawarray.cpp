// Rows kept as msgpack (MpRawArray, MpCodec::scan, FrameDecoder::decodeBodyKeepingData): the
// same values, the same refusals and the same words as decoding the tree, without the tree.
#include "MpBuilders.h"
#include "iproto/FrameDecoder.h"
#include "iproto/Iproto.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpRawArray.h"

#include <QTest>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

MpValue tuples(int n)
{
    std::vector<MpValue> rows;
    for (int i = 1; i <= n; ++i)
        rows.push_back(A({ U(uint64_t(i)), S(QStringLiteral("name%1").arg(i)), MpValue::integer(-i), MpValue() }));
    return MpValue::array(std::move(rows));
}

// Every kind of item, nested, plus a scalar that is not a tuple.
MpValue mixed()
{
    return A({ A({ U(1), S("one"), MpValue::doubleValue(1.5), MpValue::boolean(true) }),
               A({ MpValue::map({ { S("k"), A({ U(2), MpValue::binary(QByteArray("\x00\x01", 2)) }) } }) }),
               MpValue::ext(1, QByteArray::fromHex("02125c")), S("a scalar row"), A() });
}

Frame deferredFrame(const MpValue &body)
{
    Frame f;
    f.bodyDeferred = true;
    f.bodyBytes = MpCodec::encode(body);
    f.size = uint32_t(f.bodyBytes.size());
    f.streamOffset = 77;
    return f;
}

} // namespace

class tst_MpRawArray : public QObject
{
    Q_OBJECT
private slots:
    void scanAgreesWithDecode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("depth");
        QTest::addColumn<qint64>("cap");
        const QByteArray good = MpCodec::encode(mixed());
        QTest::newRow("well formed") << good << MpCodec::kDefaultMaxDepth << qint64(-1);
        QTest::newRow("truncated") << good.left(good.size() - 3) << MpCodec::kDefaultMaxDepth << qint64(-1);
        QTest::newRow("trailing bytes") << good + QByteArray("\x01\x02", 2) << MpCodec::kDefaultMaxDepth << qint64(-1);
        QTest::newRow("bad type byte") << QByteArray("\x92\x01\xc1", 3) << MpCodec::kDefaultMaxDepth << qint64(-1);
        QTest::newRow("too deep") << good << 2 << qint64(-1);
        QTest::newRow("too big") << good << MpCodec::kDefaultMaxDepth << qint64(300);
        QTest::newRow("empty") << QByteArray() << MpCodec::kDefaultMaxDepth << qint64(-1);
    }
    void scanAgreesWithDecode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, depth);
        QFETCH(qint64, cap);
        qint64 footprint = -1;
        const MpCodec::DecodeResult s = MpCodec::scan(bytes.constData(), size_t(bytes.size()), depth, cap, &footprint);
        const MpCodec::DecodeResult d = MpCodec::decode(bytes.constData(), size_t(bytes.size()), depth, cap);
        QCOMPARE(int(s.status), int(d.status));
        QCOMPARE(s.error, d.error);
        QVERIFY(s.value.isNil());
        if (d.ok()) {
            QCOMPARE(s.consumed, d.consumed);
            QCOMPARE(footprint, d.value.footprint());
        }
    }

    void itemsAreTheDecodedItems()
    {
        const MpValue value = mixed();
        const QByteArray prefix("xyz");
        const QByteArray buffer = prefix + MpCodec::encode(value) + QByteArray("\xc0", 1);
        MpRawArray raw;
        QString error;
        QCOMPARE(int(MpRawArray::index(buffer, prefix.size(), buffer.size() - prefix.size(), &raw, &error)),
                 int(MpCodec::Status::Ok));
        QVERIFY(error.isEmpty());
        QCOMPARE(raw.size(), value.size());
        QCOMPARE(raw.consumed(), qsizetype(buffer.size() - prefix.size() - 1));
        for (size_t i = 0; i < value.size(); ++i)
            QCOMPARE(raw.item(i), value.at(i));
        QCOMPARE(raw.decodeAll(), value);
        QCOMPARE(raw.encoded(), MpCodec::encode(value));
        QCOMPARE(raw.treeFootprint(), value.footprint());
        QCOMPARE(raw.itemArraySize(0), qint64(4));
        QCOMPARE(raw.itemArraySize(2), qint64(-1));
        QCOMPARE(raw.itemArraySize(4), qint64(0));
        bool present = false;
        QCOMPARE(raw.field(0, 2, &present), MpValue::doubleValue(1.5));
        QVERIFY(present);
        QCOMPARE(raw.field(1, 0, &present), value.at(1).at(0));
        QVERIFY(present);
        QCOMPARE(raw.field(0, 4, &present), MpValue());
        QVERIFY(!present);
        QCOMPARE(raw.field(3, 0, &present), MpValue());
        QVERIFY(!present);
    }

    void largeArraysUseTheLongHeaders()
    {
        for (int n : { 15, 16, 65535, 65536 }) {
            const MpValue value = tuples(n);
            const QByteArray bytes = MpCodec::encode(value);
            MpRawArray raw;
            QCOMPARE(int(MpRawArray::index(bytes, 0, bytes.size(), &raw, nullptr)), int(MpCodec::Status::Ok));
            QCOMPARE(raw.size(), size_t(n));
            QCOMPARE(raw.item(size_t(n) - 1), value.at(size_t(n) - 1));
            QCOMPARE(raw.treeFootprint(), value.footprint());
            // What it holds is the bytes and an offset a row, far under the tree.
            QVERIFY(raw.heldBytes() <= bytes.size() + 4 * (n + 1));
        }
    }

    void refusesWhatDecodeRefuses_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("depth");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<int>("status");
        const QByteArray good = MpCodec::encode(mixed());
        QTest::newRow("not an array") << MpCodec::encode(S("x")) << 256 << qint64(-1)
                                      << int(MpCodec::Status::Malformed);
        QTest::newRow("truncated item") << good.left(good.size() - 2) << 256 << qint64(-1)
                                        << int(MpCodec::Status::Incomplete);
        QTest::newRow("more items than bytes")
                << QByteArray("\xdd\x7f\xff\xff\xff\x01", 6) << 256 << qint64(-1) << int(MpCodec::Status::Incomplete);
        QTest::newRow("bad type byte in an item")
                << QByteArray("\x92\x01\xc1", 3) << 256 << qint64(-1) << int(MpCodec::Status::Malformed);
        QTest::newRow("items too deep") << good << 2 << qint64(-1) << int(MpCodec::Status::TooDeep);
        QTest::newRow("tree too big") << good << 256 << qint64(400) << int(MpCodec::Status::TooBig);
    }
    void refusesWhatDecodeRefuses()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, depth);
        QFETCH(qint64, cap);
        QFETCH(int, status);
        MpRawArray raw;
        QString error;
        QCOMPARE(int(MpRawArray::index(bytes, 0, bytes.size(), &raw, &error, cap, 0, depth)), status);
        QVERIFY(!error.isEmpty());
        QCOMPARE(raw.size(), size_t(0));
        // decode() refuses the same bytes under the same limits.
        QVERIFY(!MpCodec::decode(bytes.constData(), size_t(bytes.size()), depth, cap).ok()
                || !MpCodec::decode(bytes.constData(), size_t(bytes.size()), depth, cap).value.isArray());
    }

    void bodyKeepsDataAsRowsAndTheRestAsATree()
    {
        const MpValue rows = tuples(1000);
        const MpValue body = MpValue::map({ { U(Iproto::DATA), rows }, { U(Iproto::SQL_INFO), A({ U(7) }) } });
        Frame f = deferredFrame(body);
        QCOMPARE(FrameDecoder::decodeBodyKeepingData(&f, -1), QString());
        QVERIFY(!f.bodyDeferred);
        QVERIFY(f.bodyBytes.isEmpty());
        QVERIFY(f.bodyError.isEmpty());
        QVERIFY(f.rawData);
        QCOMPARE(f.rawData->decodeAll(), rows);
        QCOMPARE(f.body, MpValue::map({ { U(Iproto::SQL_INFO), A({ U(7) }) } }));
    }

    // What the tree path refuses, or leaves as bodyError, comes out the same way and in the
    // same words; a body without an array DATA is simply decoded.
    void bodyFallsBackToTheTree_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<bool>("raw");
        const QByteArray good = MpCodec::encode(MpValue::map({ { U(Iproto::DATA), tuples(50) } }));
        QTest::newRow("rows") << good << qint64(-1) << true;
        QTest::newRow("rows over the cap") << good << qint64(2000) << false;
        QTest::newRow("truncated rows") << good.left(good.size() - 1) << qint64(-1) << false;
        QTest::newRow("trailing bytes") << good + QByteArray(1, '\x01') << qint64(-1) << false;
        QTest::newRow("DATA not an array")
                << MpCodec::encode(MpValue::map({ { U(Iproto::DATA), S("x") } })) << qint64(-1) << false;
        QTest::newRow("two DATA keys") << QByteArray("\x82\x30\x91\x01\x30\x91\x02", 7) << qint64(-1) << false;
        QTest::newRow("no DATA") << MpCodec::encode(MpValue::map({ { U(Iproto::ERROR_24), S("e") } })) << qint64(-1)
                                 << false;
        QTest::newRow("not a map") << MpCodec::encode(A({ U(1) })) << qint64(-1) << false;
        QTest::newRow("bad byte after the rows") << QByteArray("\x82\x30\x91\x01\x31\xc1", 6) << qint64(-1) << false;
    }
    void bodyFallsBackToTheTree()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, cap);
        QFETCH(bool, raw);
        Frame kept;
        kept.bodyDeferred = true;
        kept.bodyBytes = bytes;
        kept.streamOffset = 5;
        Frame tree = kept;
        const QString keptFatal = FrameDecoder::decodeBodyKeepingData(&kept, cap);
        const QString treeFatal = FrameDecoder::decodeBody(&tree, cap);
        QCOMPARE(keptFatal, treeFatal);
        QCOMPARE(kept.bodyError, tree.bodyError);
        QCOMPARE(bool(kept.rawData), raw);
        if (raw) {
            MpValue whole = kept.body;
            whole.insert(U(Iproto::DATA), kept.rawData->decodeAll());
            QCOMPARE(MpCodec::encode(whole), MpCodec::encode(tree.body));
        } else {
            QCOMPARE(kept.body, tree.body);
        }
    }
};

QTEST_APPLESS_MAIN(tst_MpRawArray)
#include "tst_mprawarray.moc"
