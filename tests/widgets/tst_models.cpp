// The item models behind the panels, each with a QAbstractItemModelTester (Fatal) attached:
// LogModel and LogFilterProxy on their own; PushListModel and RequestHistoryModel on real
// Request objects from a Connection to a real tarantool (resources/sandbox.lua); ValueTreeModel
// on nested values.
//
// The live models insert in batches from a single-shot timer: the tests count rowsInserted
// signals and wait on conditions (Boxscope::Test::waitFor), never on fixed sleeps.

#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "common/ValueTreeModel.h"
#include "format/MpFormat.h"
#include "log/LogFilterProxy.h"
#include "log/LogModel.h"
#include "log/LogView.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RequestHistoryModel.h"
#include "sandbox/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QComboBox>
#include <QLabel>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// The string push_n(n, 16) pushes as its i-th push.
MpValue pushNValue(quint64 i)
{
    return S(QStringLiteral("%1xxxxxx").arg(i, 10, 10, QLatin1Char('0')));
}

QString text(const QAbstractItemModel &m, int row, int column, const QModelIndex &parent = {})
{
    return m.index(row, column, parent).data().toString();
}

// The [first, last] ranges of every rowsInserted a spy caught.
QList<QPair<int, int>> insertedRanges(const QSignalSpy &spy)
{
    QList<QPair<int, int>> ranges;
    for (const QList<QVariant> &args : spy)
        ranges << qMakePair(args.at(1).toInt(), args.at(2).toInt());
    return ranges;
}

} // namespace

class tst_Models : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    std::unique_ptr<Connection> m_conn;

    // A request whose pushes arrive after this returns: push_n(n, 16), a burst without yield.
    Request *pushN(int n) { return m_conn->call(QStringLiteral("push_n"), A({ U(uint64_t(n)), U(16) })); }

    static bool finishedDone(Request *r, int ms = 20000)
    {
        return waitFor([r] { return r->isFinished(); }, ms) && r->state() == Request::State::Done;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_conn = std::make_unique<Connection>();
        Uri uri;
        uri.host = m_fx->host();
        uri.port = m_fx->port();
        m_conn->connectToServer(uri);
        QVERIFY2(waitFor([&] { return m_conn->isReady() || m_conn->state() == Connection::State::Disconnected; }, 10000)
                         && m_conn->isReady(),
                 qPrintable(m_conn->lastError().toString()));
    }

    void cleanupTestCase()
    {
        m_conn.reset();
        m_fx.reset();
    }

    // ---- LogModel ------------------------------------------------------------------------

    void logModelBatchesInserts()
    {
        LogModel log;
        Tester tester(&log, kFatal);
        QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&log, &QAbstractItemModel::modelReset);

        for (int i = 0; i < 10000; ++i)
            log.append(LogLevel(i % 4), QStringLiteral("test"), QStringLiteral("line %1").arg(i));
        // Queued, not yet inserted: nothing was signalled per line.
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(log.total(), quint64(10000));

        // The single-shot timer inserts the queue.
        QVERIFY(waitFor([&] { return log.rowCount() == 10000; }, 5000));
        QVERIFY2(inserted.count() >= 1 && inserted.count() <= 3, qPrintable(QString::number(inserted.count())));
        const auto ranges = insertedRanges(inserted);
        QCOMPARE(ranges.first().first, 0);
        QCOMPARE(ranges.last().second, 9999);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(log.dropped(), quint64(0));
        QCOMPARE(text(log, 0, LogModel::MessageColumn), QStringLiteral("line 0"));
        QCOMPARE(text(log, 9999, LogModel::MessageColumn), QStringLiteral("line 9999"));
        QCOMPARE(text(log, 9999, LogModel::LevelColumn), LogModel::levelName(LogLevel::Error));
        QCOMPARE(text(log, 1, LogModel::SourceColumn), QStringLiteral("test"));
        QCOMPARE(log.index(2, 0).data(LogModel::LevelRole).toInt(), 2);

        // A second burst appends at the end, again in one batch.
        inserted.clear();
        for (int i = 0; i < 500; ++i)
            log.append(LogLevel::Info, QStringLiteral("test"), QStringLiteral("more %1").arg(i));
        log.flush();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(insertedRanges(inserted).first(), qMakePair(10000, 10499));
        QCOMPARE(log.rowCount(), 10500);
        log.flush(); // nothing queued: no signal
        QCOMPARE(inserted.count(), 1);
    }

    void logModelCap_data()
    {
        QTest::addColumn<int>("flushEvery"); // 0: one flush at the end
        QTest::newRow("all 250 queued before the flush") << 0;
        QTest::newRow("flushed every 60 lines") << 60;
        QTest::newRow("flushed every line") << 1;
    }

    void logModelCap()
    {
        QFETCH(int, flushEvery);
        LogModel log;
        Tester tester(&log, kFatal);
        QSignalSpy droppedSpy(&log, &LogModel::droppedChanged);
        QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
        log.setCap(100);
        QCOMPARE(log.cap(), 100);
        for (int i = 0; i < 250; ++i) {
            log.append(LogLevel::Info, QStringLiteral("cap"), QStringLiteral("line %1").arg(i));
            if (flushEvery > 0 && (i + 1) % flushEvery == 0)
                log.flush();
        }
        QVERIFY(waitFor([&] { return log.rowCount() == 100 && log.total() == 250; }, 5000));
        log.flush();
        QCOMPARE(log.rowCount(), 100);
        QCOMPARE(log.dropped(), quint64(150));
        QCOMPARE(log.total(), quint64(250));
        // The newest lines are kept.
        QCOMPARE(text(log, 0, LogModel::MessageColumn), QStringLiteral("line 150"));
        QCOMPARE(text(log, 99, LogModel::MessageColumn), QStringLiteral("line 249"));
        if (flushEvery == 0)
            QVERIFY2(inserted.count() <= 2, qPrintable(QString::number(inserted.count())));

        // The view's "N older lines dropped" label hangs on droppedChanged.
        QVERIFY2(!droppedSpy.isEmpty(), "droppedChanged was not emitted");
        if (!droppedSpy.isEmpty())
            QCOMPARE(droppedSpy.last().at(0).toULongLong(), quint64(150));

        // Lowering the cap drops more, at once.
        droppedSpy.clear();
        log.setCap(40);
        QCOMPARE(log.rowCount(), 40);
        QCOMPARE(log.dropped(), quint64(210));
        QCOMPARE(droppedSpy.count(), 1);
        QCOMPARE(droppedSpy.last().at(0).toULongLong(), quint64(210));
        QCOMPARE(text(log, 0, LogModel::MessageColumn), QStringLiteral("line 210"));
    }

    void logViewShowsDroppedLines()
    {
        // What the droppedChanged signal is for: the label in the log dock.
        LogModel log;
        Tester tester(&log, kFatal);
        LogView view(&log);
        log.setCap(100);
        for (int i = 0; i < 250; ++i)
            log.append(LogLevel::Info, QStringLiteral("cap"), QStringLiteral("line %1").arg(i));
        QVERIFY(waitFor([&] { return log.rowCount() == 100; }, 5000));
        QCOMPARE(log.dropped(), quint64(150));
        QVERIFY2(view.droppedLabel()->text().contains(QLatin1String("150")), qPrintable(view.droppedLabel()->text()));
    }

    void logModelClear()
    {
        LogModel log;
        Tester tester(&log, kFatal);
        log.setCap(10);
        for (int i = 0; i < 30; ++i)
            log.append(LogLevel::Warning, QStringLiteral("c"), QStringLiteral("x %1").arg(i));
        log.flush();
        QCOMPARE(log.rowCount(), 10);
        QVERIFY(log.dropped() > 0);
        // Queued lines are cleared too.
        log.append(LogLevel::Info, QStringLiteral("c"), QStringLiteral("queued"));
        QSignalSpy droppedSpy(&log, &LogModel::droppedChanged);
        QSignalSpy resets(&log, &QAbstractItemModel::modelReset);
        log.clear();
        QCOMPARE(resets.count(), 1);
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(log.dropped(), quint64(0));
        QCOMPARE(log.total(), quint64(0));
        QCOMPARE(droppedSpy.count(), 1);
        QCOMPARE(droppedSpy.last().at(0).toULongLong(), quint64(0));
        log.flush();
        QCOMPARE(log.rowCount(), 0);
        // And it works again afterwards.
        log.append(LogLevel::Info, QStringLiteral("c"), QStringLiteral("after"));
        QVERIFY(waitFor([&] { return log.rowCount() == 1; }, 5000));
        QCOMPARE(text(log, 0, LogModel::MessageColumn), QStringLiteral("after"));
    }

    void logModelSave()
    {
        LogModel log;
        Tester tester(&log, kFatal);
        log.append(LogLevel::Debug, QStringLiteral("request"), QStringLiteral("SYNC 1 push #1: 'a'"));
        log.append(LogLevel::Info, QStringLiteral("connection"), QStringLiteral("Connected"));
        log.append(LogLevel::Warning, QStringLiteral("connection"), QStringLiteral("Late response for SYNC 7"));
        log.append(LogLevel::Error, QStringLiteral("request"), QStringLiteral("boom: ünïcödé"));
        log.flush();

        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(log.save(&buffer));
        buffer.close();
        const QStringList lines = QString::fromUtf8(buffer.data()).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 5); // four lines, each ending in \n
        QVERIFY(lines.last().isEmpty());
        const QRegularExpression format(
                QStringLiteral(R"(^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|[+-]\d\d:\d\d)?) )")
                + QStringLiteral(R"((debug|info|warning|error) ([^:]+): (.*)$)"));
        const QStringList levels = { QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                     QStringLiteral("error") };
        for (int i = 0; i < 4; ++i) {
            const QRegularExpressionMatch m = format.match(lines.at(i));
            QVERIFY2(m.hasMatch(), qPrintable(lines.at(i)));
            QCOMPARE(m.captured(2), levels.at(i));
            QCOMPARE(m.captured(3), log.entry(i).source);
            QCOMPARE(m.captured(4), log.entry(i).message);
            QCOMPARE(lines.at(i), LogModel::formatLine(log.entry(i)));
            QVERIFY(QDateTime::fromString(m.captured(1), Qt::ISODateWithMs).isValid());
        }

        // "Writes every line": lines still queued (appended within the last ~16 ms) count too.
        log.append(LogLevel::Info, QStringLiteral("late"), QStringLiteral("not yet flushed"));
        QBuffer second;
        QVERIFY(second.open(QIODevice::WriteOnly));
        QVERIFY(log.save(&second));
        QVERIFY2(second.data().contains("not yet flushed"), second.data().constData());
    }

    // ---- LogFilterProxy ------------------------------------------------------------------

    void logFilterProxy()
    {
        LogModel log;
        Tester sourceTester(&log, kFatal);
        LogFilterProxy proxy;
        proxy.setSourceModel(&log);
        Tester proxyTester(&proxy, kFatal);

        log.append(LogLevel::Debug, QStringLiteral("request"), QStringLiteral("push #1 needle"));
        log.append(LogLevel::Info, QStringLiteral("connection"), QStringLiteral("Connected"));
        log.append(LogLevel::Warning, QStringLiteral("connection"), QStringLiteral("Late response NEEDLE"));
        log.append(LogLevel::Error, QStringLiteral("request"), QStringLiteral("boom"));
        log.append(LogLevel::Info, QStringLiteral("needle-source"), QStringLiteral("by source"));
        log.flush();
        QCOMPARE(proxy.rowCount(), 5);

        auto messages = [&] {
            QStringList out;
            for (int r = 0; r < proxy.rowCount(); ++r)
                out << proxy.index(r, LogModel::MessageColumn).data().toString();
            return out;
        };

        proxy.setMinimumLevel(LogLevel::Warning);
        QCOMPARE(messages(), (QStringList { QStringLiteral("Late response NEEDLE"), QStringLiteral("boom") }));
        proxy.setMinimumLevel(LogLevel::Info);
        QCOMPARE(proxy.rowCount(), 4);

        // Text matches the message or the source, case-insensitively, on top of the level.
        proxy.setText(QStringLiteral("needle"));
        QCOMPARE(messages(), (QStringList { QStringLiteral("Late response NEEDLE"), QStringLiteral("by source") }));
        proxy.setMinimumLevel(LogLevel::Debug);
        QCOMPARE(messages(),
                 (QStringList { QStringLiteral("push #1 needle"), QStringLiteral("Late response NEEDLE"),
                                QStringLiteral("by source") }));

        // New lines pass through the filter live.
        log.append(LogLevel::Error, QStringLiteral("x"), QStringLiteral("another needle"));
        log.append(LogLevel::Error, QStringLiteral("x"), QStringLiteral("hay"));
        QVERIFY(waitFor([&] { return log.rowCount() == 7; }, 5000));
        QCOMPARE(proxy.rowCount(), 4);
        QCOMPARE(messages().last(), QStringLiteral("another needle"));

        proxy.setText(QString());
        QCOMPARE(proxy.rowCount(), 7);
        proxy.setMinimumLevel(LogLevel::Error);
        QCOMPARE(messages(),
                 (QStringList { QStringLiteral("boom"), QStringLiteral("another needle"), QStringLiteral("hay") }));

        // Dropping old source lines over the cap goes through the proxy too.
        log.setCap(3);
        QCOMPARE(log.rowCount(), 3);
        QCOMPARE(messages(), (QStringList { QStringLiteral("another needle"), QStringLiteral("hay") }));
    }

    // Lines about a connection carry its name (a column, the saved line); the view's
    // connection filter lists each name once and shows only that connection's lines.
    void logConnectionColumnAndFilter()
    {
        LogModel log;
        Tester sourceTester(&log, kFatal);
        LogView view(&log);
        QSignalSpy seen(&log, &LogModel::connectionSeen);
        log.append(LogLevel::Info, QStringLiteral("connection"), QStringLiteral("Connected A"), QStringLiteral("a"));
        log.append(LogLevel::Info, QStringLiteral("request"), QStringLiteral("SYNC 1 on B"), QStringLiteral("b"));
        log.append(LogLevel::Info, QStringLiteral("sandbox"), QStringLiteral("Sandbox up"));
        log.append(LogLevel::Info, QStringLiteral("request"), QStringLiteral("SYNC 2 on A"), QStringLiteral("a"));
        log.flush();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(log.index(0, LogModel::ConnectionColumn).data().toString(), QStringLiteral("a"));
        QCOMPARE(log.index(2, LogModel::ConnectionColumn).data().toString(), QString());
        QCOMPARE(log.headerData(LogModel::ConnectionColumn, Qt::Horizontal).toString(), QStringLiteral("Connection"));
        QVERIFY(LogModel::formatLine(log.entry(1)).endsWith(QStringLiteral(" info [b] request: SYNC 1 on B")));
        QVERIFY(LogModel::formatLine(log.entry(2)).endsWith(QStringLiteral(" info sandbox: Sandbox up")));

        QComboBox *filter = view.connectionFilter();
        QCOMPARE(filter->count(), 3);
        QCOMPARE(filter->itemText(0), QStringLiteral("All connections"));
        QCOMPARE(filter->itemData(1).toString(), QStringLiteral("a"));
        QCOMPARE(filter->itemData(2).toString(), QStringLiteral("b"));
        auto messages = [&] {
            QStringList out;
            for (int r = 0; r < view.proxy()->rowCount(); ++r)
                out << view.proxy()->index(r, LogModel::MessageColumn).data().toString();
            return out;
        };
        filter->setCurrentIndex(1);
        QCOMPARE(messages(), (QStringList { QStringLiteral("Connected A"), QStringLiteral("SYNC 2 on A") }));
        log.append(LogLevel::Info, QStringLiteral("request"), QStringLiteral("SYNC 3 on B"), QStringLiteral("b"));
        log.append(LogLevel::Info, QStringLiteral("request"), QStringLiteral("SYNC 4 on A"), QStringLiteral("a"));
        log.flush();
        QCOMPARE(messages().last(), QStringLiteral("SYNC 4 on A"));
        QCOMPARE(messages().size(), 3);
        filter->setCurrentIndex(0);
        QCOMPARE(view.proxy()->rowCount(), 6);

        // Cleared: the names go too, but the one chosen.
        filter->setCurrentIndex(2);
        log.clear();
        QCOMPARE(filter->count(), 2);
        QCOMPARE(filter->currentData().toString(), QStringLiteral("b"));
    }

    // ---- PushListModel -------------------------------------------------------------------

    void pushListFollowsInBatches()
    {
        constexpr int n = 5000;
        PushListModel model;
        Tester tester(&model, kFatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy counts(&model, &PushListModel::countsChanged);

        Request *r = pushN(n);
        model.setRequest(r);
        QCOMPARE(model.request(), r);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(finishedDone(r));
        QCOMPARE(r->pushCount(), quint64(n));
        QVERIFY(waitFor([&] { return model.rowCount() == n; }, 5000));

        // Far fewer inserts than pushes, contiguous, each appended at the end.
        qInfo("PushListModel: %d pushes arrived in %lld rowsInserted batch(es)", n, qlonglong(inserted.count()));
        QVERIFY2(inserted.count() >= 1 && inserted.count() <= n / 50, qPrintable(QString::number(inserted.count())));
        int expectedFirst = 0;
        for (const auto &range : insertedRanges(inserted)) {
            QCOMPARE(range.first, expectedFirst);
            QVERIFY(range.second >= range.first);
            expectedFirst = range.second + 1;
        }
        QCOMPARE(expectedFirst, n);

        QCOMPARE(model.totalPushes(), quint64(n));
        QCOMPARE(model.droppedPushes(), quint64(0));
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.last().at(0).toULongLong(), quint64(n));
        QCOMPARE(counts.last().at(1).toULongLong(), quint64(0));
        for (int row : { 0, 1, 2499, n - 1 }) {
            QCOMPARE(model.pushIndex(row), quint64(row + 1));
            QCOMPARE(text(model, row, PushListModel::IndexColumn), QString::number(row + 1));
            MpValue v;
            QVERIFY(model.pushValue(row, &v));
            QCOMPARE(v, pushNValue(quint64(row + 1)));
            QCOMPARE(text(model, row, PushListModel::PreviewColumn), MpFormat::preview(v, 160));
            QVERIFY2(text(model, row, PushListModel::TimeColumn).startsWith(QLatin1Char('+')),
                     qPrintable(text(model, row, PushListModel::TimeColumn)));
        }
        QCOMPARE(model.pushIndex(n), quint64(0));
        QCOMPARE(model.pushIndex(-1), quint64(0));
        MpValue none;
        QVERIFY(!model.pushValue(n, &none));

        // Switching to another request resets the list to that request's pushes.
        Request *other = m_conn->call(QStringLiteral("progress"), A({ U(3), U(0) }));
        QVERIFY(finishedDone(other));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setRequest(other);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        MpValue v;
        QVERIFY(model.pushValue(2, &v));
        QCOMPARE(v, M({ { S("i"), U(3) }, { S("of"), U(3) } }));
        model.setRequest(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalPushes(), quint64(0));
        delete r;
        delete other;
    }

    void pushListFollowsLive()
    {
        // Pushes spread over ~0.6 s: the list grows while the request runs, a batch per flush.
        constexpr int n = 300;
        PushListModel model;
        Tester tester(&model, kFatal);
        Request *r = m_conn->call(QStringLiteral("progress"), A({ U(n), MpValue::doubleValue(0.002) }));
        model.setRequest(r);
        int insertsWhileRunning = 0, inserts = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, &model, [&] {
            ++inserts;
            if (!r->isFinished())
                ++insertsWhileRunning;
        });
        QVERIFY(finishedDone(r));
        QVERIFY(waitFor([&] { return model.rowCount() == n; }, 5000));
        qInfo("PushListModel: %d pushes over %.0f ms in %d rowsInserted, %d of them while the request ran", n,
              double(r->durationNs()) / 1e6, inserts, insertsWhileRunning);
        QVERIFY(insertsWhileRunning >= 1);
        QVERIFY2(inserts <= n / 3, qPrintable(QString::number(inserts)));
        MpValue v;
        QVERIFY(model.pushValue(n - 1, &v));
        QCOMPARE(v, M({ { S("i"), U(n) }, { S("of"), U(n) } }));
        model.setRequest(nullptr);
        delete r;
    }

    void pushListCap()
    {
        constexpr int n = 5000;
        PushListModel model;
        Tester tester(&model, kFatal);
        model.setCap(1000);
        QCOMPARE(model.cap(), 1000);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        Request *r = pushN(n);
        model.setRequest(r);
        QVERIFY(finishedDone(r));
        QVERIFY(waitFor(
                [&] {
                    return model.totalPushes() == quint64(n) && model.rowCount() + model.droppedPushes() == quint64(n);
                },
                5000));
        model.flush();
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.totalPushes(), quint64(n));
        QCOMPARE(model.droppedPushes(), quint64(4000));
        QVERIFY2(inserted.count() <= n / 50, qPrintable(QString::number(inserted.count())));
        // The newest 1000: 4001..5000.
        QCOMPARE(model.pushIndex(0), quint64(4001));
        QCOMPARE(model.pushIndex(999), quint64(5000));
        QCOMPARE(text(model, 0, PushListModel::IndexColumn), QStringLiteral("4001"));
        QCOMPARE(text(model, 999, PushListModel::IndexColumn), QStringLiteral("5000"));
        for (int row : { 0, 500, 999 }) {
            MpValue v;
            QVERIFY(model.pushValue(row, &v));
            QCOMPARE(v, pushNValue(quint64(4001 + row)));
        }

        // Lowering the cap drops the oldest rows at once.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy counts(&model, &PushListModel::countsChanged);
        model.setCap(10);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.pushIndex(0), quint64(4991));
        QCOMPARE(model.droppedPushes(), quint64(4990));
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.last().at(1).toULongLong(), quint64(4990));
        MpValue v;
        QVERIFY(model.pushValue(9, &v));
        QCOMPARE(v, pushNValue(5000));

        // A request that keeps fewer pushes than the cap: the list shows what it holds and
        // leaves its retention alone.
        PushListModel small;
        Tester smallTester(&small, kFatal);
        small.setCap(300);
        RequestOptions keepFew;
        keepFew.pushRetention = 50;
        Request *few = m_conn->call(QStringLiteral("push_n"), A({ U(1000), U(16) }), keepFew);
        small.setRequest(few);
        QVERIFY(finishedDone(few));
        small.flush();
        QCOMPARE(few->pushRetention(), qint64(50));
        QCOMPARE(small.rowCount(), 50);
        QCOMPARE(small.droppedPushes(), quint64(950));
        QCOMPARE(small.pushIndex(0), quint64(951));
        QVERIFY(small.pushValue(0, &v));
        QCOMPARE(v, pushNValue(951));
        delete r;
        delete few;
    }

    void pushListCountOnly()
    {
        constexpr int n = 2000;
        PushListModel model;
        Tester tester(&model, kFatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy counts(&model, &PushListModel::countsChanged);
        model.setCountOnly(true);
        QVERIFY(model.countOnly());

        Request *r = pushN(n);
        model.setRequest(r);
        QVERIFY(finishedDone(r));
        model.flush();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.totalPushes(), quint64(n));
        QCOMPARE(model.droppedPushes(), quint64(n));
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.last().at(0).toULongLong(), quint64(n));

        // Turning count-only on while rows are shown removes them.
        Request *shown = pushN(100);
        QVERIFY(finishedDone(shown));
        model.setCountOnly(false);
        model.setRequest(shown);
        QCOMPARE(model.rowCount(), 100);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setCountOnly(true);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalPushes(), quint64(100));
        QCOMPARE(model.droppedPushes(), quint64(100));

        // Back to listing: the pushes the request still holds are listed again, as when the
        // request was first shown.
        model.setCountOnly(false);
        QCOMPARE(model.rowCount(), 100);
        delete r;
        delete shown;
    }

    void pushListForgetsDeletedRequest()
    {
        PushListModel model;
        Tester tester(&model, kFatal);
        Request *r = pushN(20);
        model.setRequest(r);
        QVERIFY(finishedDone(r));
        model.flush();
        QCOMPARE(model.rowCount(), 20);
        delete r; // e.g. dropped from the history over its cap
        QVERIFY(!model.request());
        QCOMPARE(model.totalPushes(), quint64(0));
        QCOMPARE(model.rowCount(), 0);
    }

    // ---- RequestHistoryModel -------------------------------------------------------------

    void historyStateText_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("text");
        QTest::newRow("pending") << int(Request::State::Pending) << "pending";
        QTest::newRow("receiving pushes") << int(Request::State::ReceivingPushes) << "receiving pushes";
        QTest::newRow("done") << int(Request::State::Done) << "done";
        QTest::newRow("failed") << int(Request::State::Failed) << "error";
        QTest::newRow("timed out") << int(Request::State::TimedOut) << "timed out";
        QTest::newRow("discarded") << int(Request::State::Discarded) << "discarded";
    }

    void historyStateText()
    {
        QFETCH(int, state);
        QFETCH(QString, text);
        QCOMPARE(RequestHistoryModel::stateText(Request::State(state)), text);
    }

    void historyRowsFollowRequests()
    {
        RequestHistoryModel history;
        Tester tester(&history, kFatal);
        QSignalSpy changed(&history, &QAbstractItemModel::dataChanged);
        auto state = [&](int row) { return text(history, row, RequestHistoryModel::StateColumn); };

        Request *done = m_conn->call(QStringLiteral("echo"), A({ U(1), S("a") }));
        history.addRequest(done, QStringLiteral("1, 'a'"));
        QCOMPARE(history.rowCount(), 1);
        QCOMPARE(history.columnCount(), int(RequestHistoryModel::ColumnCount));
        QCOMPARE(history.request(0), done);
        QCOMPARE(history.rowOf(done), 0);
        QCOMPARE(history.argumentsText(0), QStringLiteral("1, 'a'"));
        QCOMPARE(text(history, 0, RequestHistoryModel::SyncColumn), QString::number(done->sync()));
        QCOMPARE(text(history, 0, RequestHistoryModel::MethodColumn), QStringLiteral("call"));
        QCOMPARE(text(history, 0, RequestHistoryModel::TargetColumn), QStringLiteral("echo"));
        QCOMPARE(state(0), QStringLiteral("pending"));
        QCOMPARE(history.index(0, 0).data(RequestHistoryModel::StateRole).toInt(), int(Request::State::Pending));

        RequestOptions shortTimeout;
        shortTimeout.timeoutMs = 100;
        Request *timedOut = m_conn->call(QStringLiteral("slow"), A({ MpValue::doubleValue(1.0) }), shortTimeout);
        history.addRequest(timedOut);
        Request *failed = m_conn->call(QStringLiteral("fail"), A({ S("boom") }));
        history.addRequest(failed);
        Request *pushing =
                m_conn->call(QStringLiteral("tagged_pushes"), A({ S("h"), U(3), MpValue::doubleValue(0.3) }));
        history.addRequest(pushing);
        QCOMPARE(history.rowCount(), 4);

        QVERIFY(waitFor([&] { return pushing->state() == Request::State::ReceivingPushes; }, 5000));
        QVERIFY(waitFor([&] { return state(3) == QLatin1String("receiving pushes"); }, 5000));
        QVERIFY(waitFor([&] { return done->isFinished() && failed->isFinished() && timedOut->isFinished(); }, 5000));
        // Changes are signalled, coalesced by the model's timer.
        QVERIFY(waitFor(
                [&] {
                    return !changed.isEmpty() && state(0) == QLatin1String("done")
                            && state(1) == QLatin1String("timed out") && state(2) == QLatin1String("error");
                },
                5000));
        history.flush();
        QCOMPARE(state(0), QStringLiteral("done"));
        QCOMPARE(state(1), QStringLiteral("timed out"));
        QCOMPARE(state(2), QStringLiteral("error"));
        QVERIFY2(history.index(2, RequestHistoryModel::StateColumn)
                         .data(Qt::ToolTipRole)
                         .toString()
                         .contains(QLatin1String("boom")),
                 qPrintable(history.index(2, RequestHistoryModel::StateColumn).data(Qt::ToolTipRole).toString()));
        QVERIFY(!text(history, 0, RequestHistoryModel::DurationColumn).isEmpty());
        QCOMPARE(text(history, 0, RequestHistoryModel::PushesColumn), QStringLiteral("0"));
        QCOMPARE(text(history, 0, RequestHistoryModel::FirstPushColumn), QString());

        changed.clear();
        pushing->discard();
        QCOMPARE(state(3), QStringLiteral("discarded"));
        QVERIFY(text(history, 3, RequestHistoryModel::PushesColumn).toInt() >= 1);
        QVERIFY(text(history, 3, RequestHistoryModel::FirstPushColumn).endsWith(QLatin1String(" ms")));
        // The view learns of it from a dataChanged that covers the row (at once: it finished).
        QVERIFY(waitFor(
                [&] {
                    for (const QList<QVariant> &args : changed) {
                        const QModelIndex tl = args.at(0).value<QModelIndex>();
                        const QModelIndex br = args.at(1).value<QModelIndex>();
                        if (tl.row() <= 3 && br.row() >= 3 && tl.column() <= RequestHistoryModel::StateColumn
                            && br.column() >= RequestHistoryModel::StateColumn)
                            return true;
                    }
                    return false;
                },
                5000));
    }

    void historyCoalescesPushUpdates()
    {
        // 5000 pushes mark one row dirty 5000 times; the model signals a handful of dataChanged.
        RequestHistoryModel history;
        Tester tester(&history, kFatal);
        QSignalSpy changed(&history, &QAbstractItemModel::dataChanged);
        Request *r = pushN(5000);
        history.addRequest(r);
        QVERIFY(finishedDone(r));
        QVERIFY(waitFor(
                [&] {
                    return text(history, 0, RequestHistoryModel::StateColumn) == QLatin1String("done")
                            && !changed.isEmpty();
                },
                5000));
        history.flush();
        QCOMPARE(text(history, 0, RequestHistoryModel::PushesColumn), QStringLiteral("5000"));
        qInfo("RequestHistoryModel: 5000 pushes -> %lld dataChanged", qlonglong(changed.count()));
        QVERIFY2(changed.count() <= 100, qPrintable(QString::number(changed.count())));
    }

    void historyRowsOutliveTheirRequests()
    {
        // A request deleted elsewhere (its connection closed) keeps its row's text.
        Connection other;
        Uri uri;
        uri.host = m_fx->host();
        uri.port = m_fx->port();
        other.connectToServer(uri);
        QVERIFY(waitFor([&] { return other.isReady(); }, 10000));
        RequestHistoryModel history;
        Tester tester(&history, kFatal);
        Request *r = other.call(QStringLiteral("echo"), A({ U(5) }));
        history.addRequest(r);
        QVERIFY(finishedDone(r));
        const QString sync = QString::number(r->sync());
        delete r;
        history.flush();
        QVERIFY(!history.request(0));
        QCOMPARE(text(history, 0, RequestHistoryModel::SyncColumn), sync);
        QCOMPARE(text(history, 0, RequestHistoryModel::TargetColumn), QStringLiteral("echo"));
        QCOMPARE(text(history, 0, RequestHistoryModel::StateColumn), QStringLiteral("done"));
        QCOMPARE(text(history, 0, RequestHistoryModel::PushesColumn), QStringLiteral("0"));
    }

    void historyCapDropsOldest()
    {
        RequestHistoryModel history;
        Tester tester(&history, kFatal);
        history.setCap(3);
        QCOMPARE(history.cap(), 3);
        QSignalSpy droppedSpy(&history, &RequestHistoryModel::droppedChanged);
        QList<QPointer<Request>> requests;
        for (int i = 0; i < 5; ++i) {
            Request *r = m_conn->call(QStringLiteral("echo"), A({ U(uint64_t(i)) }));
            requests << r;
            history.addRequest(r, QString::number(i));
        }
        QCOMPARE(history.rowCount(), 3);
        QCOMPARE(history.dropped(), quint64(2));
        QCOMPARE(droppedSpy.count(), 2);
        QCOMPARE(droppedSpy.last().at(0).toULongLong(), quint64(2));
        // The newest three stay, in order.
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(history.request(row), requests.at(row + 2).data());
            QCOMPARE(history.argumentsText(row), QString::number(row + 2));
            QCOMPARE(text(history, row, RequestHistoryModel::SyncColumn),
                     QString::number(requests.at(row + 2)->sync()));
        }
        QCOMPARE(history.rowOf(requests.at(0)), -1);
        // A request dropped while pending is discarded first: whoever waits for it (a console
        // future) learns it is gone.
        for (int i = 0; i < 2; ++i)
            QVERIFY(!requests.at(i) || requests.at(i)->isFinished());
        // The dropped requests are deleted (the model owned them).
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(waitFor([&] { return requests.at(0).isNull() && requests.at(1).isNull(); }, 5000));
        QVERIFY(!requests.at(2).isNull());

        QVERIFY(waitFor([&] { return requests.at(4)->isFinished(); }, 5000));
        history.clear();
        QCOMPARE(history.rowCount(), 0);
        QCOMPARE(history.dropped(), quint64(0));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(waitFor([&] { return requests.at(2).isNull() && requests.at(4).isNull(); }, 5000));
    }

    void historyClearDiscardsPending()
    {
        RequestHistoryModel history;
        Tester tester(&history, kFatal);
        QPointer<Request> slow = m_conn->call(QStringLiteral("slow"), A({ MpValue::doubleValue(0.5) }));
        Request::State seen = Request::State::Pending;
        connect(slow, &Request::finished, this, [&] { seen = slow->state(); });
        history.addRequest(slow);
        history.clear();
        QCOMPARE(seen, Request::State::Discarded);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(waitFor([&] { return slow.isNull(); }, 5000));
        // The late answer is the connection's business, not a crash.
        QVERIFY(waitFor([&] { return m_conn->unexpectedResponseCount() > 0; }, 5000));
        QVERIFY(m_conn->isReady());
    }

    // ---- ValueTreeModel ------------------------------------------------------------------

    void valueTreeNested()
    {
        // An array of maps of arrays.
        const MpValue value = A({
                M({ { S("name"), S("a") }, { S("list"), A({ U(1), U(2), U(3) }) } }),
                M({ { S("name"), S("b") }, { S("list"), A() } }),
                M({ { S("name"), S("c") },
                    { S("list"), A({ A({ U(4) }), S("x") }) },
                    { U(7), MpValue::boolean(true) } }),
        });
        ValueTreeModel model;
        Tester tester(&model, kFatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setValue(value);
        QCOMPARE(resets.count(), 1);

        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(ValueTreeModel::ColumnCount));
        const QModelIndex top = model.index(0, 0);
        QVERIFY(top.isValid());
        QVERIFY(!top.parent().isValid());
        QCOMPARE(text(model, 0, ValueTreeModel::KeyColumn), QStringLiteral("1"));
        QCOMPARE(text(model, 0, ValueTreeModel::TypeColumn), QStringLiteral("array[3]"));
        QCOMPARE(text(model, 0, ValueTreeModel::ValueColumn), MpFormat::preview(value, 200));
        QVERIFY(model.hasChildren(top));
        QCOMPARE(model.rowCount(top), 3);
        QVERIFY(!model.index(3, 0, top).isValid());
        QVERIFY(!model.index(0, ValueTreeModel::ColumnCount, top).isValid());

        for (int i = 0; i < 3; ++i) {
            const QModelIndex item = model.index(i, 0, top);
            QVERIFY(item.isValid());
            QCOMPARE(item.row(), i);
            QCOMPARE(item.parent(), top);
            QCOMPARE(model.index(i, ValueTreeModel::ValueColumn, top).parent(), top);
            QCOMPARE(item.data().toString(), QStringLiteral("[%1]").arg(i + 1));
            QCOMPARE(model.index(i, ValueTreeModel::TypeColumn, top).data().toString(),
                     QStringLiteral("map{%1}").arg(value.at(size_t(i)).size()));
            QCOMPARE(model.rowCount(item), int(value.at(size_t(i)).size()));
            // Map entries: key text is the key.
            const QModelIndex name = model.index(0, 0, item);
            QCOMPARE(name.parent(), item);
            QCOMPARE(name.data().toString(), QStringLiteral("name"));
            QCOMPARE(model.index(0, ValueTreeModel::TypeColumn, item).data().toString(), QStringLiteral("str"));
            QCOMPARE(model.index(0, ValueTreeModel::ValueColumn, item).data().toString(),
                     QString(QLatin1Char(char('a' + i))));
            QVERIFY(!model.hasChildren(name));
            QCOMPARE(model.rowCount(name), 0);
            const QModelIndex list = model.index(1, 0, item);
            QCOMPARE(list.data().toString(), QStringLiteral("list"));
            QCOMPARE(list.parent(), item);
            QCOMPARE(list.parent().parent(), top);
        }

        const QModelIndex list0 = model.index(1, 0, model.index(0, 0, top));
        QCOMPARE(model.index(1, ValueTreeModel::TypeColumn, model.index(0, 0, top)).data().toString(),
                 QStringLiteral("array[3]"));
        QCOMPARE(model.rowCount(list0), 3);
        QCOMPARE(text(model, 2, ValueTreeModel::KeyColumn, list0), QStringLiteral("[3]"));
        QCOMPARE(text(model, 2, ValueTreeModel::TypeColumn, list0), QStringLiteral("uint"));
        QCOMPARE(text(model, 2, ValueTreeModel::ValueColumn, list0), QStringLiteral("3"));
        QCOMPARE(model.index(2, 0, list0).parent(), list0);

        const QModelIndex list1 = model.index(1, 0, model.index(1, 0, top));
        QCOMPARE(model.index(1, ValueTreeModel::TypeColumn, model.index(1, 0, top)).data().toString(),
                 QStringLiteral("array[0]"));
        QVERIFY(!model.hasChildren(list1));
        QCOMPARE(model.rowCount(list1), 0);
        QVERIFY(!model.index(0, 0, list1).isValid());

        const QModelIndex map2 = model.index(2, 0, top);
        const QModelIndex list2 = model.index(1, 0, map2);
        const QModelIndex inner = model.index(0, 0, list2);
        QCOMPARE(text(model, 0, ValueTreeModel::TypeColumn, list2), QStringLiteral("array[1]"));
        QCOMPARE(model.rowCount(inner), 1);
        QCOMPARE(text(model, 0, ValueTreeModel::ValueColumn, inner), QStringLiteral("4"));
        QCOMPARE(model.index(0, 0, inner).parent().parent().parent().parent(), top);
        QCOMPARE(text(model, 1, ValueTreeModel::ValueColumn, list2), QStringLiteral("x"));
        // A non-string map key is shown as its preview.
        QCOMPARE(text(model, 2, ValueTreeModel::KeyColumn, map2), QStringLiteral("7"));
        QCOMPARE(text(model, 2, ValueTreeModel::TypeColumn, map2), QStringLiteral("bool"));
        QCOMPARE(text(model, 2, ValueTreeModel::ValueColumn, map2), QStringLiteral("true"));

        // Other columns have no children.
        QCOMPARE(model.rowCount(model.index(0, ValueTreeModel::TypeColumn)), 0);
        QVERIFY(!model.hasChildren(model.index(0, ValueTreeModel::ValueColumn)));
        QCOMPARE(model.headerData(ValueTreeModel::KeyColumn, Qt::Horizontal).toString(), QStringLiteral("Key"));
    }

    void valueTreeSeveralValuesAndLazyChildren()
    {
        // A result is a list of values: each is a top-level row keyed 1, 2, ...
        ValueTreeModel model;
        Tester tester(&model, kFatal);
        constexpr int big = 20000;
        std::vector<MpValue> items;
        items.reserve(big);
        for (int i = 0; i < big; ++i)
            items.push_back(M({ { S("i"), U(uint64_t(i)) }, { S("tags"), A({ S("t") }) } }));
        const MpValue bigArray = A(std::move(items));
        model.setValues({ U(5), S("five"), bigArray });
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(text(model, 0, ValueTreeModel::KeyColumn), QStringLiteral("1"));
        QCOMPARE(text(model, 1, ValueTreeModel::KeyColumn), QStringLiteral("2"));
        QCOMPARE(text(model, 2, ValueTreeModel::KeyColumn), QStringLiteral("3"));
        QCOMPARE(text(model, 0, ValueTreeModel::TypeColumn), QStringLiteral("uint"));
        QCOMPARE(text(model, 1, ValueTreeModel::ValueColumn), QStringLiteral("five"));
        QCOMPARE(text(model, 2, ValueTreeModel::TypeColumn), QStringLiteral("array[%1]").arg(big));

        // Reset to a new big value, then reach the deepest node of its last item directly,
        // without walking its siblings first: children are built on demand.
        model.setValues({ bigArray });
        const QModelIndex top = model.index(0, 0);
        QCOMPARE(model.rowCount(top), big);
        const QModelIndex last = model.index(big - 1, 0, top);
        QVERIFY(last.isValid());
        QCOMPARE(last.data().toString(), QStringLiteral("[%1]").arg(big));
        const QModelIndex tags = model.index(1, 0, last);
        QCOMPARE(model.rowCount(tags), 1);
        const QModelIndex t = model.index(0, ValueTreeModel::ValueColumn, tags);
        QCOMPARE(t.data().toString(), QStringLiteral("t"));
        QCOMPARE(t.parent(), tags);
        QCOMPARE(tags.parent(), last);
        QCOMPARE(last.parent(), top);
        QCOMPARE(text(model, 0, ValueTreeModel::ValueColumn, last), QString::number(big - 1));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.index(0, 0).isValid());
    }
};

QTEST_MAIN(tst_Models)
#include "tst_models.moc"
