// PushStore: kept pushes as their msgpack in growing blocks, read back decoded or in place;
// the oldest dropped block by block; indexes, times and byte counts as the request sees them.
#include "MpBuilders.h"
#include "client/PushStore.h"
#include "msgpack/MpCodec.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <map>

#include <fcntl.h>
#include <unistd.h>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

void append(PushStore &store, const MpValue &v, uint64_t index, qint64 ns = 0)
{
    const QByteArray bytes = MpCodec::encode(v);
    QCOMPARE(store.append(bytes.constData(), size_t(bytes.size()), index, ns), PushStore::kEntryBytes + bytes.size());
}

// The process's open descriptors whose files lie in `dir`: descriptor -> target.
std::map<int, QString> descriptorsIn(const QString &dir)
{
    std::map<int, QString> found;
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System);
    for (const QString &fd : fds) {
        char target[4096];
        const ssize_t n = ::readlink(QFile::encodeName(QStringLiteral("/proc/self/fd/") + fd).constData(), target,
                                     sizeof target - 1);
        if (n > 0 && QString::fromLocal8Bit(target, int(n)).startsWith(dir + QLatin1Char('/')))
            found[fd.toInt()] = QString::fromLocal8Bit(target, int(n));
    }
    return found;
}

QByteArray numbered(int i)
{
    return QByteArray::number(i).leftJustified(1000, '.');
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

    // Past the budget, the oldest blocks go to a file with no name, and come back a block at a
    // time, in any order; dropping them gives the space back; nothing is left after.
    void pastItsBudgetTheOldestGoToAFile()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        const qint64 budget = 256 * 1024;
        PushStore::setSpillFrom(budget);
        const auto restore = qScopeGuard([] {
            PushStore::setSpillFrom(PushStore::kDefaultSpillFrom);
            qunsetenv("XDG_CACHE_HOME");
        });
        const QString dir = cache.path() + QStringLiteral("/boxscope");

        PushStore store;
        const int n = 8000; // ~8 MB of pushes
        qint64 total = 0;
        for (int i = 1; i <= n; ++i) {
            append(store, MpValue::string(numbered(i)), uint64_t(i), i);
            total += 1003; // str16 header + 1000 bytes
            // The budget counts the pushes' bytes, checked as a block is added: the block being
            // filled comes on top.
            QVERIFY2(store.memoryUsedBytes() <= budget + 2 * 1024 * 1024,
                     qPrintable(QString::number(store.memoryUsedBytes())));
            QVERIFY2(store.memoryBytes() <= budget + 3 * 1024 * 1024, qPrintable(QString::number(store.memoryBytes())));
        }
        QVERIFY(store.spilledBytes() > 5 * 1024 * 1024);
        QVERIFY(store.spilledBytes() < total);
        // The file has no name in its directory; the process holds it open.
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
        const std::map<int, QString> open = descriptorsIn(dir);
        QCOMPARE(open.size(), size_t(1));
        QVERIFY2(open.begin()->second.endsWith(QStringLiteral("(deleted)")), qPrintable(open.begin()->second));

        // Every push back, forwards then backwards (a block is read back at a time).
        for (int i = 0; i < n; ++i) {
            QByteArrayView text;
            QVERIFY(store.stringAt(size_t(i), &text));
            QCOMPARE(text.toByteArray(), numbered(i + 1));
        }
        for (int i = n - 1; i >= 0; i -= 7) {
            const Push p = store.at(size_t(i));
            QCOMPARE(p.value, MpValue::string(numbered(i + 1)));
            QCOMPARE(p.index, uint64_t(i + 1));
            QCOMPARE(p.elapsedNs, qint64(i + 1));
        }
        // Two pushes of different blocks read one after the other: each as it was.
        QCOMPARE(store.at(0).value.bytes(), numbered(1));
        QCOMPARE(store.at(size_t(n) - 1).value.bytes(), numbered(n));
        QCOMPARE(store.at(1).value.bytes(), numbered(2));

        const qint64 spilled = store.spilledBytes();
        for (int i = 0; i < n / 2; ++i)
            store.popFront();
        QVERIFY(store.spilledBytes() < spilled);
        QCOMPARE(store.front().value.bytes(), numbered(n / 2 + 1));
        QCOMPARE(store.at(100).value.bytes(), numbered(n / 2 + 101));
        // More after the drop: the file goes on.
        append(store, S("late"), 0);
        QCOMPARE(store.back().value, S("late"));
        QCOMPARE(store.back().index, uint64_t(n + 1));

        store.clear();
        QCOMPARE(store.spilledBytes(), qint64(0));
        QCOMPARE(store.memoryBytes(), qint64(0));
        QVERIFY(descriptorsIn(dir).empty());
    }

    // A store that keeps the newest 3 MB of a 40 MB flood (a byte cap): the file does not grow
    // with the flood, dropped blocks' places are used again.
    void theFileReusesDroppedBlocks()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        PushStore::setSpillFrom(256 * 1024);
        const auto restore = qScopeGuard([] {
            PushStore::setSpillFrom(PushStore::kDefaultSpillFrom);
            qunsetenv("XDG_CACHE_HOME");
        });
        PushStore store;
        for (int i = 1; i <= 40000; ++i) {
            append(store, MpValue::string(numbered(i)), uint64_t(i));
            while (store.size() > 3000)
                store.popFront();
        }
        QVERIFY(store.spilledBytes() > 0);
        const std::map<int, QString> open = descriptorsIn(cache.path() + QStringLiteral("/boxscope"));
        QCOMPARE(open.size(), size_t(1));
        // The file's size, through the descriptor (it has no name).
        const qint64 fileSize = QFileInfo(QStringLiteral("/proc/self/fd/%1").arg(open.begin()->first)).size();
        QVERIFY2(fileSize > 0 && fileSize <= 8 * 1024 * 1024, qPrintable(QString::number(fileSize)));
        for (size_t i = 0; i < store.size(); ++i)
            QCOMPARE(store.at(i).value.bytes(), numbered(int(40000 - 3000 + 1 + i)));
    }

    // The file cannot be read back (here: its descriptor made write-only behind the store's
    // back): data() is nullptr, at() nil, and the store says so; nothing crashes.
    void aFileThatCannotBeReadBackIsSaidSo()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        PushStore::setSpillFrom(64 * 1024);
        const auto restore = qScopeGuard([] {
            PushStore::setSpillFrom(PushStore::kDefaultSpillFrom);
            qunsetenv("XDG_CACHE_HOME");
        });
        PushStore store;
        for (int i = 1; i <= 3000; ++i)
            append(store, MpValue::string(numbered(i)), uint64_t(i));
        QVERIFY(store.spilledBytes() > 0);
        QVERIFY(!store.hadReadError());
        const std::map<int, QString> open = descriptorsIn(cache.path() + QStringLiteral("/boxscope"));
        QCOMPARE(open.size(), size_t(1));
        const int spillFd = open.begin()->first;
        const int writeOnly = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        QVERIFY(writeOnly >= 0);
        QVERIFY(::dup2(writeOnly, spillFd) == spillFd);
        ::close(writeOnly);
        QCOMPARE(store.data(0), nullptr);
        QVERIFY(store.at(0).value.isNil());
        QByteArrayView text;
        QVERIFY(!store.stringAt(1, &text));
        QVERIFY(store.hadReadError());
        // The newest pushes are still in memory.
        QCOMPARE(store.back().value.bytes(), numbered(3000));
    }

    // Nowhere to write the file: the blocks stay in memory and read back as ever.
    void withoutAFileBlocksStayInMemory()
    {
        qputenv("XDG_CACHE_HOME", "/dev/null/cache");
        qputenv("TMPDIR", "/dev/null/tmp");
        PushStore::setSpillFrom(64 * 1024);
        const auto restore = qScopeGuard([] {
            PushStore::setSpillFrom(PushStore::kDefaultSpillFrom);
            qunsetenv("XDG_CACHE_HOME");
            qunsetenv("TMPDIR");
        });
        PushStore store;
        for (int i = 1; i <= 1000; ++i)
            append(store, MpValue::string(numbered(i)), uint64_t(i));
        QCOMPARE(store.spilledBytes(), qint64(0));
        QVERIFY(store.memoryBytes() >= 1000 * 1003);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(store.at(size_t(i)).value.bytes(), numbered(i + 1));
    }

    // A budget below zero: never a file.
    void aNegativeBudgetNeverSpills()
    {
        PushStore::setSpillFrom(-1);
        const auto restore = qScopeGuard([] { PushStore::setSpillFrom(PushStore::kDefaultSpillFrom); });
        PushStore store;
        for (int i = 1; i <= 3000; ++i)
            append(store, MpValue::string(numbered(i)), uint64_t(i));
        QCOMPARE(store.spilledBytes(), qint64(0));
        QCOMPARE(store.at(2999).value.bytes(), numbered(3000));
    }
};

QTEST_APPLESS_MAIN(tst_PushStore)
#include "tst_pushstore.moc"
