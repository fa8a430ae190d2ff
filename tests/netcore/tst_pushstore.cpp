// PushStore: kept pushes as their msgpack in growing blocks, read back decoded or in place;
// the oldest dropped block by block; indexes, times and byte counts as the request sees them.
#include "MpBuilders.h"
#include "client/PushStore.h"
#include "msgpack/MpCodec.h"

#include <QTest>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

void append(PushStore &store, const MpValue &v, uint64_t index, qint64 ns = 0)
{
    const QByteArray bytes = MpCodec::encode(v);
    QCOMPARE(store.append(bytes.constData(), size_t(bytes.size()), index, ns), PushStore::kEntryBytes + bytes.size());
}

} // namespace

class tst_PushStore : public QObject
{
    Q_OBJECT
private slots:
    void valuesComeBackDecoded()
    {
        const std::vector<MpValue> values = {
            MpValue(),
            MpValue::boolean(true),
            MpValue::integer(-5),
            MpValue::uinteger(~uint64_t(0)),
            MpValue::doubleValue(1.5),
            S("x"),
            MpValue::binary(QByteArray("\x00\x01", 2)),
            A({ U(1), MpValue::map({ { S("a"), U(2) } }) }),
            MpValue::ext(1, QByteArray::fromHex("02125c")),
        };
        PushStore store;
        for (size_t i = 0; i < values.size(); ++i)
            append(store, values[i], 7 + i, qint64(i) * 1000);
        QCOMPARE(store.size(), values.size());
        size_t i = 0;
        for (const Push &p : store) {
            QCOMPARE(p.value, values[i]);
            QCOMPARE(p.index, uint64_t(7 + i));
            QCOMPARE(p.elapsedNs, qint64(i) * 1000);
            QCOMPARE(p.bytes, PushStore::kEntryBytes + MpCodec::encode(values[i]).size());
            QCOMPARE(store.at(i).value, values[i]);
            ++i;
        }
        QCOMPARE(i, values.size());
        QCOMPARE(store.front().index, uint64_t(7));
        QCOMPARE(store.back().value, values.back());
    }

    void stringsAreReadInPlace_data()
    {
        QTest::addColumn<int>("length");
        for (int n : { 0, 31, 32, 255, 256, 65535, 65536 })
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void stringsAreReadInPlace()
    {
        QFETCH(int, length);
        PushStore store;
        const QByteArray text(length, 'q');
        append(store, MpValue::string(text), 1);
        append(store, U(5), 2);
        QByteArrayView view;
        QVERIFY(store.stringAt(0, &view));
        QCOMPARE(view.size(), qsizetype(length));
        QCOMPARE(QByteArray(view.data(), view.size()), text);
        QVERIFY(view.data() > store.data(0) && view.data() <= store.data(0) + 5); // no copy
        QVERIFY(!store.stringAt(1, &view));
    }

    // Thousands of pushes fill blocks of growing sizes; dropping the oldest frees whole blocks
    // and leaves the rest readable; a push larger than any block gets one of its own.
    void blocksGrowAndGoOldestFirst()
    {
        PushStore store;
        const int n = 5000; // ~5 MB: blocks of 64 KiB, 128 KiB, ... 2 MiB
        for (int i = 1; i <= n; ++i)
            append(store, MpValue::string(QByteArray::number(i).leftJustified(1000, '.')), uint64_t(i), i);
        const QByteArray huge(3 * 1024 * 1024, 'h');
        append(store, MpValue::string(huge), uint64_t(n + 1));
        QCOMPARE(store.size(), size_t(n + 1));
        QCOMPARE(store.at(0).value.bytes().left(2), QByteArray("1."));
        QCOMPARE(store.at(size_t(n) - 1).value.bytes().left(5), QByteArray("5000."));
        QCOMPARE(store.back().value.bytes(), huge);
        for (int i = 0; i < n - 10; ++i)
            store.popFront();
        QCOMPARE(store.size(), size_t(11));
        QCOMPARE(store.front().index, uint64_t(n - 9));
        QCOMPARE(store.front().value.bytes().left(5), QByteArray("4991."));
        QCOMPARE(store.elapsedNsAt(0), qint64(n - 9));
        QCOMPARE(store.back().value.bytes(), huge);
        while (!store.empty())
            store.popFront();
        QCOMPARE(store.size(), size_t(0));
        // Empty, it starts again at the index it is given.
        append(store, S("again"), 42);
        QCOMPARE(store.front().index, uint64_t(42));
        QCOMPARE(store.front().value, S("again"));
        store.clear();
        QVERIFY(store.empty());
    }
};

QTEST_APPLESS_MAIN(tst_PushStore)
#include "tst_pushstore.moc"
