// Connection against a real tarantool (Debian's 2.6) running resources/sandbox.lua.
//
// One shared server for most tests; tests that kill the server or need another listen
// address start their own. Time bounds are generous on purpose: the push of
// server_function() is due 1000 ms after the call and is checked against >= 900 ms.

#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "format/MpFormat.h"
#include "sandbox/SandboxServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

MpValue row(uint64_t id, const char *name, const MpValue &value)
{
    return A({ U(id), S(name), value });
}

Uri uriOf(TarantoolFixture &fx)
{
    Uri u;
    u.host = fx.host();
    u.port = fx.port();
    return u;
}

QString describe(const Request *r)
{
    return QStringLiteral("%1 %2: state %3, error %4 (%5), result %6")
            .arg(r->method(), r->target(), Request::stateName(r->state()), r->error().toString(),
                 QLatin1String(Error::kindName(r->error().kind)), MpFormat::toJson(r->result()));
}

// Waits for the request and checks it succeeded.
#define WAIT_DONE(r, ms) \
    do { \
        QVERIFY2((r)->waitForFinished(ms), qPrintable(QStringLiteral("not finished: ") + describe(r))); \
        QVERIFY2((r)->state() == Request::State::Done, qPrintable(describe(r))); \
    } while (0)

#define WAIT_FAILED(r, ms) \
    do { \
        QVERIFY2((r)->waitForFinished(ms), qPrintable(QStringLiteral("not finished: ") + describe(r))); \
        QVERIFY2((r)->state() != Request::State::Done, qPrintable(describe(r))); \
    } while (0)

} // namespace

class tst_Connection : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    Uri m_uri;

    // A connection to uri that has become Ready (and, with loadSchema, loaded the schema).
    std::unique_ptr<Connection> connectReady(const Uri &uri, const ConnectOptions &opts = {})
    {
        auto c = std::make_unique<Connection>();
        c->connectToServer(uri, opts);
        const bool ready =
                waitFor([&] { return c->isReady() || c->state() == Connection::State::Disconnected; }, 10000);
        if (!ready || !c->isReady()) {
            qWarning("connection to %s failed: %s", qPrintable(uri.displayString()),
                     qPrintable(c->lastError().toString()));
            return nullptr;
        }
        if (opts.loadSchema && !waitFor([&] { return c->schema().isLoaded(); }, 10000))
            return nullptr;
        return c;
    }
    std::unique_ptr<Connection> connectReady(const ConnectOptions &opts = {}) { return connectReady(m_uri, opts); }

    // The server's global x that server_function() increments.
    static uint64_t serverX(Connection &c)
    {
        Request *r = c.eval(QStringLiteral("return x"), A());
        if (!r->waitForFinished(5000) || r->state() != Request::State::Done || r->result().size() != 1)
            return ~uint64_t(0);
        return r->result().at(0).toUInt64();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_uri = uriOf(*m_fx);
    }

    void cleanupTestCase() { m_fx.reset(); }

    // Bodies decoded on a pool thread (here every one: decodeAsideFrom = 1; in the app those of
    // 128 KiB and more) arrive as those decoded inline do: the schema loads, pipelined
    // requests get their pushes in order and then their results, a 2 MiB result is whole.
    void bodiesDecodedAside()
    {
        ConnectOptions o;
        o.decodeAsideFrom = 1;
        auto c = connectReady(o);
        QVERIFY(c);
        QVERIFY(c->schema().space(QStringLiteral("demo")));

        std::vector<Request *> calls;
        std::vector<std::vector<uint64_t>> seen(40);
        for (int i = 0; i < 40; ++i) {
            Request *r = c->call(QStringLiteral("progress"), A({ U(5), U(0) }));
            connect(r, &Request::pushReceived, this, [&seen, i, r](const MpValue &v, quint64) {
                QVERIFY(!r->isFinished());
                seen[size_t(i)].push_back(v.find("i") ? v.find("i")->toUInt64() : 0);
            });
            calls.push_back(r);
        }
        Request *big = c->eval(QStringLiteral("return string.rep('b', 2 * 1024 * 1024)"), A());
        for (Request *r : calls) {
            QVERIFY(r->waitForFinished(10000));
            QCOMPARE(r->state(), Request::State::Done);
            QCOMPARE(r->result(), A({ U(5) }));
        }
        for (const auto &v : seen)
            QCOMPARE(v, std::vector<uint64_t>({ 1, 2, 3, 4, 5 }));
        QVERIFY(big->waitForFinished(10000));
        QCOMPARE(big->state(), Request::State::Done);
        QCOMPARE(big->result(), A({ MpValue::string(QByteArray(2 * 1024 * 1024, 'b')) }));

        // The default: only large bodies go aside, and a connection deleted while one is being
        // decoded waits for it (ASan would see the job write into a dead connection).
        auto d = connectReady();
        QVERIFY(d);
        for (int i = 0; i < 4; ++i)
            d->eval(QStringLiteral("return string.rep('c', 8 * 1024 * 1024)"), A());
        waitFor([&] { return d->pendingCount() < 4; }, 10000); // the first may be decoding now
        d.reset();
    }

    // ---- connecting ----------------------------------------------------------------------

    void connectStatesInOrder()
    {
        Connection c;
        QList<Connection::State> states;
        connect(&c, &Connection::stateChanged, this, [&](Connection::State s) { states << s; });
        int greetings = 0;
        Greeting greeting;
        connect(&c, &Connection::greetingReceived, this, [&](const Greeting &g) {
            ++greetings;
            greeting = g;
            // The greeting comes before Ready.
            QCOMPARE(c.state(), Connection::State::Greeting);
        });
        int readies = 0;
        connect(&c, &Connection::ready, this, [&] { ++readies; });
        quint64 schemaVersion = 0;
        connect(&c, &Connection::schemaLoaded, this, [&](quint64 v) { schemaVersion = v; });

        QCOMPARE(c.state(), Connection::State::Disconnected);
        c.connectToServer(m_uri);
        QCOMPARE(c.state(), Connection::State::Connecting);
        // A request made before Ready waits for it.
        Request *early = c.call(QStringLiteral("echo"), A({ U(1), S("early") }));
        QCOMPARE(early->state(), Request::State::Pending);

        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        const QList<Connection::State> expected = { Connection::State::Connecting, Connection::State::Greeting,
                                                    Connection::State::Ready };
        QCOMPARE(states, expected);
        QCOMPARE(readies, 1);
        QCOMPARE(greetings, 1);
        QCOMPARE(greeting.product, QStringLiteral("Tarantool"));
        QVERIFY2(greeting.versionString.startsWith(QLatin1String("2.")), qPrintable(greeting.versionString));
        QVERIFY(greeting.isBinary());
        QCOMPARE(greeting.instanceUuid.size(), 36);
        QCOMPARE(greeting.salt.size(), 32);
        QCOMPARE(c.greeting().instanceUuid, greeting.instanceUuid);
        QVERIFY(c.lastError().isNull());

        WAIT_DONE(early, 5000);
        QCOMPARE(early->result(), A({ U(1), S("early") }));

        QVERIFY(waitFor([&] { return c.schema().isLoaded(); }, 5000));
        QVERIFY(schemaVersion > 0);
        QCOMPARE(c.schema().version(), uint64_t(schemaVersion));
        const Schema::Space *demo = c.schema().space(QStringLiteral("demo"));
        QVERIFY(demo);
        QVERIFY(demo->id >= 512);
        QCOMPARE(c.schema().space(demo->id)->name, QStringLiteral("demo"));
        QCOMPARE(c.schema().indexId(demo->id, QStringLiteral("primary")), int64_t(0));
        QCOMPARE(c.schema().indexId(demo->id, QStringLiteral("by_name")), int64_t(1));
        QCOMPARE(c.schema().indexId(demo->id, QStringLiteral("nope")), int64_t(-1));
        // 2.6 gets no IPROTO_ID, so nothing unexpected came back and no features are known.
        QVERIFY(c.serverFeatures().isNil() || c.serverFeatures().size() == 0);
        QCOMPARE(c.unexpectedResponseCount(), uint64_t(0));

        Request *who = c.eval(QStringLiteral("return box.session.user()"), A());
        WAIT_DONE(who, 5000);
        QCOMPARE(who->result(), A({ S("guest") }));

        int disconnects = 0;
        Error why;
        connect(&c, &Connection::disconnected, this, [&](const Error &e) {
            ++disconnects;
            why = e;
        });
        states.clear();
        c.disconnectFromServer();
        QCOMPARE(states, (QList<Connection::State> { Connection::State::Closing, Connection::State::Disconnected }));
        QCOMPARE(disconnects, 1);
        QVERIFY(why.isNull()); // a requested close is no error
    }

    void ping()
    {
        auto c = connectReady();
        QVERIFY(c);
        Request *r = c->ping();
        QCOMPARE(r->state(), Request::State::Pending);
        QCOMPARE(r->method(), QStringLiteral("ping"));
        WAIT_DONE(r, 5000);
        QVERIFY(r->error().isNull());
        QVERIFY(r->responseBody().isMap());
        QCOMPARE(r->responseBody().size(), size_t(0)); // PING answers an empty body map
        QCOMPARE(r->pushCount(), uint64_t(0));
        QVERIFY(r->durationNs() > 0);
        QVERIFY(r->sync() > 0);
        // SYNCs are distinct per request.
        Request *r2 = c->ping();
        QVERIFY(r2->sync() != r->sync());
        WAIT_DONE(r2, 5000);
    }

    // A connection's children are its requests only. A socket among them (made before the
    // requests) made deleting the oldest request move the whole child list: O(requests in
    // flight) per request when requests are deleted as they finish.
    void requestsAreTheOnlyChildren()
    {
        auto c = connectReady();
        QVERIFY(c);
        std::vector<Request *> requests;
        for (int i = 0; i < 3; ++i)
            requests.push_back(c->ping());
        for (Request *r : requests)
            WAIT_DONE(r, 5000);
        const QObjectList children = c->children();
        QCOMPARE(children.size(), qsizetype(requests.size()));
        for (QObject *o : children)
            QVERIFY2(qobject_cast<Request *>(o), o->metaObject()->className());
    }

    // ---- pushes --------------------------------------------------------------------------

    void serverFunctionSync()
    {
        // The box.session.push() example: x = x + 1; fiber.sleep(1); box.session.push(x).
        auto c = connectReady();
        QVERIFY(c);
        const uint64_t x0 = serverX(*c);
        QVERIFY(x0 != ~uint64_t(0));

        for (uint64_t call = 1; call <= 2; ++call) {
            QElapsedTimer clock;
            Request *r = c->call(QStringLiteral("server_function"), A());
            clock.start();
            QCOMPARE(r->state(), Request::State::Pending);

            QStringList events;
            QList<Request::State> states;
            qint64 pushAtMs = -1, doneAtMs = -1;
            MpValue pushed;
            quint64 pushIndex = 0;
            connect(r, &Request::stateChanged, this, [&](Request::State s) { states << s; });
            connect(r, &Request::pushReceived, this, [&](const MpValue &v, quint64 index) {
                events << QStringLiteral("push");
                pushAtMs = clock.elapsed();
                pushed = v;
                pushIndex = index;
            });
            connect(r, &Request::finished, this, [&] {
                events << QStringLiteral("finished");
                doneAtMs = clock.elapsed();
            });

            QVERIFY(r->waitForFinished(10000));
            QCOMPARE(events, (QStringList { QStringLiteral("push"), QStringLiteral("finished") }));
            QCOMPARE(states, (QList<Request::State> { Request::State::ReceivingPushes, Request::State::Done }));
            QVERIFY2(pushAtMs >= 900, qPrintable(QString::number(pushAtMs)));
            QVERIFY2(pushAtMs < 5000, qPrintable(QString::number(pushAtMs)));
            QVERIFY(doneAtMs >= pushAtMs);
            QVERIFY2(r->firstPushNs() >= 900 * 1000000LL, qPrintable(QString::number(r->firstPushNs())));
            QVERIFY(r->durationNs() >= r->firstPushNs());
            // x increments with every call: 1 then 2 on a fresh server.
            QCOMPARE(pushed, U(x0 + call));
            QCOMPARE(pushIndex, quint64(1));
            QCOMPARE(r->pushCount(), uint64_t(1));
            QCOMPARE(r->pushes().size(), size_t(1));
            QCOMPARE(r->pushes().front().value, U(x0 + call));
            QCOMPARE(r->pushes().front().index, uint64_t(1));
            QVERIFY(r->pushes().front().elapsedNs >= 900 * 1000000LL);
            // server_function returns nothing: DATA is an empty array.
            QCOMPARE(r->result(), A());
            QVERIFY(r->error().isNull());
        }
    }

    void serverFunctionAsync()
    {
        // The seed's "situation 2": the call returns at once with nothing; the push is read
        // while the request is still pending, then the result.
        auto c = connectReady();
        QVERIFY(c);
        const uint64_t x0 = serverX(*c);
        QVERIFY(x0 != ~uint64_t(0));

        QElapsedTimer clock;
        clock.start();
        Request *r = c->call(QStringLiteral("server_function"), A());
        QVERIFY(clock.elapsed() < 500); // no pause
        QVERIFY(r->pushes().empty());
        QVERIFY(!r->isFinished());

        std::vector<MpValue> live;
        bool finishedAtPush = true;
        Request::State stateAtPush = Request::State::Pending;
        connect(r, &Request::pushReceived, this, [&](const MpValue &v, quint64) {
            live.push_back(v);
            finishedAtPush = r->isFinished();
            stateAtPush = r->state();
        });
        // Nothing yet half a second in (the server sleeps a second first).
        QTest::qWait(300);
        QVERIFY(live.empty());
        QCOMPARE(r->state(), Request::State::Pending);

        QVERIFY(waitFor([&] { return !live.empty(); }, 5000));
        QVERIFY(clock.elapsed() >= 900);
        QVERIFY(!finishedAtPush);
        QCOMPARE(stateAtPush, Request::State::ReceivingPushes);
        QCOMPARE(live.front(), U(x0 + 1));

        WAIT_DONE(r, 5000);
        QCOMPARE(live.size(), size_t(1));
        QCOMPARE(r->result(), A());
        // Pull style afterwards, like future:pairs() after wait_result().
        QCOMPARE(r->pushes().size(), size_t(1));
        QCOMPARE(r->pushes().front().value, U(x0 + 1));
    }

    void manyPushes_data()
    {
        QTest::addColumn<qint64>("retention");
        QTest::addColumn<int>("kept");
        QTest::newRow("keep all") << qint64(-1) << 10000;
        QTest::newRow("keep last 100") << qint64(100) << 100;
        QTest::newRow("keep none") << qint64(0) << 0;
    }

    void manyPushes()
    {
        QFETCH(qint64, retention);
        QFETCH(int, kept);
        const int n = 10000;
        auto c = connectReady();
        QVERIFY(c);
        RequestOptions opts;
        opts.pushRetention = retention;
        Request *r = c->call(QStringLiteral("push_n"), A({ U(n), U(16) }), opts);

        // Every push is signalled in order, whatever is kept.
        quint64 expected = 1;
        QString firstProblem;
        connect(r, &Request::pushReceived, this, [&](const MpValue &v, quint64 index) {
            const QString want =
                    QString::number(expected).rightJustified(10, QLatin1Char('0')) + QStringLiteral("xxxxxx");
            if (firstProblem.isEmpty() && (index != expected || !v.isStr() || v.toQString() != want))
                firstProblem =
                        QStringLiteral("push %1: index %2, value %3").arg(expected).arg(index).arg(MpFormat::toJson(v));
            ++expected;
        });
        WAIT_DONE(r, 30000);
        QVERIFY2(firstProblem.isEmpty(), qPrintable(firstProblem));
        QCOMPARE(expected, quint64(n + 1));
        QCOMPARE(r->pushCount(), uint64_t(n));
        QCOMPARE(r->result(), A({ U(n) }));
        QCOMPARE(int(r->pushes().size()), kept);
        QCOMPARE(r->droppedPushes(), uint64_t(n - kept));
        // The kept ones are the newest, in order, with their 10-digit counter.
        int i = n - kept + 1;
        for (const Push &p : r->pushes()) {
            QCOMPARE(p.index, uint64_t(i));
            QCOMPARE(p.value.toQString(),
                     QString::number(i).rightJustified(10, QLatin1Char('0')) + QStringLiteral("xxxxxx"));
            ++i;
        }
    }

    // A request larger than the kernel takes at once: the kernel gets what it takes straight
    // away, the socket's own buffer the rest, and the frames after it keep their order.
    void largeRequestGoesOutWhole()
    {
        auto c = connectReady();
        QVERIFY(c);
        const QByteArray big(24 * 1024 * 1024, 'b');
        Request *first = c->call(QStringLiteral("echo"), A({ MpValue::string(big) }));
        std::vector<Request *> after;
        for (int i = 0; i < 50; ++i)
            after.push_back(c->call(QStringLiteral("echo"), A({ U(uint64_t(i)) })));
        WAIT_DONE(first, 60000);
        QCOMPARE(first->result().size(), size_t(1));
        QCOMPARE(first->result().at(0).bytes().size(), big.size());
        QVERIFY(first->result().at(0).bytes() == big);
        for (int i = 0; i < 50; ++i) {
            WAIT_DONE(after[size_t(i)], 10000);
            QCOMPARE(after[size_t(i)]->result(), A({ U(uint64_t(i)) }));
            QVERIFY(after[size_t(i)]->durationNs() >= 0);
        }
    }

    // Pushes are kept as received (their msgpack, taken from the stream without a tree): every
    // kind of value reads back as pushReceived gave it, a 3 MiB one included, in order.
    void pushesKeptAsReceived()
    {
        auto c = connectReady();
        QVERIFY(c);
        Request *r = c->eval(QStringLiteral(R"(
            local decimal = require('decimal')
            for _, v in ipairs({true, -5, 18446744073709551615ULL, 1.5, 'x', string.rep('y', 70000),
                                string.rep('z', 3 * 1024 * 1024), {1, {a = 2}}, {k = 'v'},
                                decimal.new('1.25'), box.NULL}) do
                box.session.push(v)
            end
            return 'done')"),
                             A());
        std::vector<MpValue> signalled;
        connect(r, &Request::pushReceived, this, [&signalled](const MpValue &v, quint64) { signalled.push_back(v); });
        WAIT_DONE(r, 30000);
        QCOMPARE(r->result(), A({ S("done") }));
        QCOMPARE(r->pushCount(), uint64_t(11));
        QCOMPARE(signalled.size(), size_t(11));
        QCOMPARE(r->pushes().size(), size_t(11));
        qint64 bytes = 0;
        for (const Push &p : r->pushes()) {
            QCOMPARE(p.value, signalled[p.index - 1]);
            bytes += p.bytes;
        }
        QCOMPARE(r->heldPushBytes(), bytes);
        QCOMPARE(r->pushes().at(1).value, MpValue::integer(-5));
        QCOMPARE(r->pushes().at(6).value.bytes().size(), qsizetype(3 * 1024 * 1024));
        QCOMPARE(r->pushes().at(8).value, MpValue::map({ { S("k"), S("v") } }));
        QVERIFY(r->pushes().at(9).value.isExt());
        QVERIFY(r->pushes().at(10).value.isNil());
    }

    // A request that keeps more than the memory budget: the oldest pushes go to the spill
    // file, and every one reads back as it came, in order.
    void pushesPastTheBudgetGoToAFile()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        PushStore::setSpillFrom(512 * 1024);
        const auto restore = qScopeGuard([] {
            PushStore::setSpillFrom(PushStore::kDefaultSpillFrom);
            qunsetenv("XDG_CACHE_HOME");
        });
        auto c = connectReady();
        QVERIFY(c);
        constexpr int n = 20000; // 20 000 pushes of 1 KiB: 20 MiB
        RequestOptions keepAll;
        keepAll.pushRetention = -1;
        keepAll.pushRetentionBytes = -1;
        c->setPushRetentionBytesTotal(-1);
        Request *r = c->call(QStringLiteral("push_n"), A({ U(n), U(1024) }), keepAll);
        WAIT_DONE(r, 60000);
        QCOMPARE(r->result(), A({ U(n) }));
        const PushStore &kept = r->pushes();
        QCOMPARE(kept.size(), size_t(n));
        QVERIFY2(kept.spilledBytes() > 16 * 1024 * 1024, qPrintable(QString::number(kept.spilledBytes())));
        QVERIFY(kept.memoryBytes() <= 2 * 1024 * 1024);
        const QByteArray filler(1024 - 10, 'x');
        for (size_t i = 0; i < kept.size(); ++i) {
            QByteArrayView text;
            QVERIFY(kept.stringAt(i, &text));
            QCOMPARE(text.toByteArray(), QByteArray::number(qulonglong(i + 1)).rightJustified(10, '0') + filler);
            QCOMPARE(kept.indexAt(i), uint64_t(i + 1));
        }
        QCOMPARE(kept.back().value.bytes().left(10), QByteArray("0000020000"));
    }

    // Pushes are kept by bytes too: per request, and by the connection's default (64 MiB).
    void pushesKeptByBytes()
    {
        auto c = connectReady();
        QVERIFY(c);
        QCOMPARE(c->defaultPushRetentionBytes(), Connection::kDefaultPushRetentionBytes);
        constexpr int n = 1200; // 1200 pushes of 64 KiB: 75 MiB
        RequestOptions oneMiB;
        oneMiB.pushRetentionBytes = 1024 * 1024;
        Request *small = c->call(QStringLiteral("push_n"), A({ U(n), U(65536) }), oneMiB);
        Request *byDefault = c->call(QStringLiteral("push_n"), A({ U(n), U(65536) }));
        WAIT_DONE(small, 60000);
        WAIT_DONE(byDefault, 60000);
        for (Request *r : { small, byDefault }) {
            const qint64 cap = r == small ? 1024 * 1024 : Connection::kDefaultPushRetentionBytes;
            QCOMPARE(r->pushCount(), uint64_t(n));
            QVERIFY2(r->heldPushBytes() <= cap, qPrintable(QString::number(r->heldPushBytes())));
            qint64 sum = 0;
            for (const Push &p : r->pushes())
                sum += p.bytes;
            QCOMPARE(sum, r->heldPushBytes());
            QVERIFY(!r->pushes().empty());
            QCOMPARE(r->droppedPushes() + r->pushes().size(), uint64_t(n));
            QVERIFY(r->droppedPushes() > 0);
            QCOMPARE(r->pushes().back().index, uint64_t(n)); // the newest are kept
            // Within one push of the cap: the oldest went only as far as needed.
            QVERIFY(r->heldPushBytes() + r->pushes().back().bytes > cap);
        }
        QVERIFY(small->pushes().size() < 20);
    }

    // All of a connection's requests together keep at most the connection's total; past it the
    // earliest holding request's oldest pushes go first.
    void pushesKeptByBytesPerConnection()
    {
        auto c = connectReady();
        QVERIFY(c);
        QCOMPARE(c->pushRetentionBytesTotal(), Connection::kDefaultPushRetentionBytesTotal);
        const qint64 cap = 2 * 1024 * 1024;
        c->setPushRetentionBytesTotal(cap);
        Request *first = c->call(QStringLiteral("push_n"), A({ U(40), U(65536) })); // 2.5 MiB
        WAIT_DONE(first, 30000);
        QVERIFY(c->heldPushBytes() <= cap);
        QCOMPARE(c->heldPushBytes(), first->heldPushBytes());
        QVERIFY(first->droppedPushes() > 0);
        Request *second = c->call(QStringLiteral("push_n"), A({ U(20), U(65536) })); // 1.25 MiB
        WAIT_DONE(second, 30000);
        QVERIFY2(c->heldPushBytes() <= cap, qPrintable(QString::number(c->heldPushBytes())));
        QCOMPARE(c->heldPushBytes(), first->heldPushBytes() + second->heldPushBytes());
        // The second request's pushes are the newest: they stay, the first's went to make room.
        QCOMPARE(second->pushes().size(), size_t(20));
        QCOMPARE(second->droppedPushes(), uint64_t(0));
        QCOMPARE(first->droppedPushes() + first->pushes().size(), uint64_t(40));
        QVERIFY(first->pushes().empty() || first->pushes().back().index == 40);
        // A request that goes gives its bytes back.
        delete first;
        QCOMPARE(c->heldPushBytes(), second->heldPushBytes());
        delete second;
        QCOMPARE(c->heldPushBytes(), qint64(0));
    }

    void concurrentTaggedPushes()
    {
        auto c = connectReady();
        QVERIFY(c);
        const int n = 15;
        const char *tags[] = { "a", "b", "c" };
        std::vector<Request *> requests;
        std::vector<QString> arrival; // tags in global arrival order
        std::vector<std::vector<MpValue>> perRequest(3);
        for (int t = 0; t < 3; ++t) {
            Request *r = c->call(QStringLiteral("tagged_pushes"), A({ S(tags[t]), U(n), D(0.01) }));
            connect(r, &Request::pushReceived, this, [&, t](const MpValue &v, quint64) {
                perRequest[size_t(t)].push_back(v);
                arrival.push_back(v.isArray() && v.size() == 2 ? v.at(0).toQString() : QStringLiteral("?"));
            });
            requests.push_back(r);
        }
        for (Request *r : requests)
            WAIT_DONE(r, 10000);
        for (int t = 0; t < 3; ++t) {
            // Exactly its own tags, 1..n in order.
            QCOMPARE(int(perRequest[size_t(t)].size()), n);
            for (int i = 0; i < n; ++i)
                QCOMPARE(perRequest[size_t(t)][size_t(i)], A({ S(tags[t]), U(i + 1) }));
            QCOMPARE(requests[size_t(t)]->result(), A({ S(tags[t]) }));
            QCOMPARE(requests[size_t(t)]->pushCount(), uint64_t(n));
        }
        // They really ran at the same time: pushes of the three calls interleaved.
        const auto firstB = std::find(arrival.begin(), arrival.end(), QStringLiteral("b"));
        const auto lastA = std::find(arrival.rbegin(), arrival.rend(), QStringLiteral("a"));
        QVERIFY(firstB != arrival.end() && lastA != arrival.rend());
        QVERIFY2(firstB - arrival.begin() < arrival.rend() - lastA - 1, "pushes did not interleave");
    }

    // ---- server errors -------------------------------------------------------------------

    void serverErrors_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("arg");
        QTest::addColumn<uint>("code");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("file"); // the end of the stack's FILE

        QTest::newRow("unknown function") << "call"
                                          << "no_such_function"
                                          << "" << 33u << "ClientError"
                                          << "Procedure 'no_such_function' is not defined"
                                          << "call.c";
        QTest::newRow("fail('boom')") << "call"
                                      << "fail"
                                      << "boom" << 42u << "ClientError"
                                      << "boom"
                                      << "sandbox.lua";
        QTest::newRow("box.error in eval") << "eval"
                                           << "box.error{code = 42, reason = 'custom'}"
                                           << "" << 42u << "ClientError"
                                           << "custom"
                                           << "eval";
        QTest::newRow("Lua error in eval") << "eval"
                                           << "error('lua boom')"
                                           << "" << 32u << "LuajitError"
                                           << "eval:1: lua boom"
                                           << ".c";
    }

    void serverErrors()
    {
        QFETCH(QString, method);
        QFETCH(QString, target);
        QFETCH(QString, arg);
        QFETCH(uint, code);
        QFETCH(QString, type);
        QFETCH(QString, message);
        QFETCH(QString, file);

        auto c = connectReady();
        QVERIFY(c);
        const MpValue args = arg.isEmpty() ? A() : A({ MpValue::string(arg) });
        Request *r = method == QLatin1String("call") ? c->call(target, args) : c->eval(target, args);
        WAIT_FAILED(r, 5000);
        QCOMPARE(r->state(), Request::State::Failed);
        const Error &e = r->error();
        QCOMPARE(e.kind, Error::Kind::Server);
        QVERIFY(!e.isConnectionLevel());
        QCOMPARE(e.code, uint32_t(code));
        QCOMPARE(e.message, message);
        QCOMPARE(e.type, type);
        QVERIFY(r->result().isNil() || r->result().size() == 0);

        // The MP_ERROR stack as the server sent it.
        QVERIFY2(e.stack.isMap(), qPrintable(MpFormat::toJson(e.stack)));
        const MpValue *entries = e.stack.find(uint64_t(0));
        QVERIFY(entries && entries->isArray() && entries->size() >= 1);
        const MpValue &top = entries->at(0);
        QCOMPARE(*top.find(uint64_t(0)), MpValue::string(type));
        QCOMPARE(*top.find(uint64_t(3)), MpValue::string(message));
        QCOMPARE(*top.find(uint64_t(5)), U(code));
        QVERIFY(top.find(uint64_t(1)) && top.find(uint64_t(1))->toQString().endsWith(file));
        QVERIFY(top.find(uint64_t(2)) && top.find(uint64_t(2))->isInteger());

        // An error answers one request; the connection carries on.
        QVERIFY(c->isReady());
        Request *p = c->ping();
        WAIT_DONE(p, 5000);
    }

    // ---- auth ----------------------------------------------------------------------------

    void goodPassword_data()
    {
        QTest::addColumn<bool>("inUri");
        QTest::newRow("options") << false;
        QTest::newRow("user:password@ in the URI") << true;
    }

    void goodPassword()
    {
        QFETCH(bool, inUri);
        Connection c;
        QList<Connection::State> states;
        connect(&c, &Connection::stateChanged, this, [&](Connection::State s) { states << s; });
        ConnectOptions opts;
        Uri uri = m_uri;
        if (inUri) {
            uri.user = QStringLiteral("boxscope");
            uri.password = QStringLiteral("secret");
            opts.user = QStringLiteral("someone"); // the URI wins
            opts.password = QStringLiteral("wrong");
        } else {
            opts.user = QStringLiteral("boxscope");
            opts.password = QStringLiteral("secret");
        }
        c.connectToServer(uri, opts);
        QVERIFY(waitFor([&] { return c.isReady() || c.state() == Connection::State::Disconnected; }, 10000));
        QVERIFY2(c.isReady(), qPrintable(c.lastError().toString()));
        QCOMPARE(states,
                 (QList<Connection::State> { Connection::State::Connecting, Connection::State::Greeting,
                                             Connection::State::Auth, Connection::State::Ready }));
        Request *who = c.eval(QStringLiteral("return box.session.user()"), A());
        WAIT_DONE(who, 5000);
        QCOMPARE(who->result(), A({ S("boxscope") }));
    }

    void badCredentials_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<uint>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong password") << "boxscope"
                                        << "wrong" << 47u << "Incorrect password supplied for user 'boxscope'";
        QTest::newRow("empty password") << "boxscope"
                                        << "" << 47u << "Incorrect password supplied for user 'boxscope'";
        QTest::newRow("unknown user") << "nobody"
                                      << "x" << 45u << "User 'nobody' is not found";
    }

    void badCredentials()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(uint, code);
        QFETCH(QString, message);

        Connection c;
        QList<Connection::State> states;
        connect(&c, &Connection::stateChanged, this, [&](Connection::State s) { states << s; });
        int disconnects = 0;
        Error why;
        connect(&c, &Connection::disconnected, this, [&](const Error &e) {
            ++disconnects;
            why = e;
        });
        ConnectOptions opts;
        opts.user = user;
        opts.password = password;
        c.connectToServer(m_uri, opts);
        Request *early = c.ping(); // waits for Ready, which never comes
        QVERIFY(waitFor([&] { return disconnects > 0; }, 10000));
        QCOMPARE(disconnects, 1);
        QCOMPARE(states,
                 (QList<Connection::State> { Connection::State::Connecting, Connection::State::Greeting,
                                             Connection::State::Auth, Connection::State::Closing,
                                             Connection::State::Disconnected }));
        QCOMPARE(c.state(), Connection::State::Disconnected);
        QCOMPARE(why.code, uint32_t(code));
        QCOMPARE(why.message, message);
        QVERIFY(why.isConnectionLevel());
        QCOMPARE(c.lastError().code, uint32_t(code));
        QCOMPARE(c.lastError().message, message);

        QVERIFY(early->waitForFinished(2000));
        QCOMPARE(early->state(), Request::State::Failed);
        QVERIFY(early->error().isConnectionLevel());
        QVERIFY2(early->error().message.contains(message), qPrintable(early->error().toString()));
    }

    // ---- timeouts, discard, late responses -----------------------------------------------

    void requestTimeoutThenLateResponse()
    {
        auto c = connectReady();
        QVERIFY(c);
        const uint64_t unexpectedBefore = c->unexpectedResponseCount();
        struct Unexpected
        {
            quint64 sync;
            quint32 code;
            Connection::UnexpectedKind kind;
            qint64 atMs;
        };
        std::vector<Unexpected> unexpected;
        QElapsedTimer clock;
        connect(c.get(), &Connection::unexpectedResponse, this,
                [&](quint64 sync, quint32 code, Connection::UnexpectedKind kind) {
                    unexpected.push_back({ sync, code, kind, clock.elapsed() });
                });

        RequestOptions opts;
        opts.timeoutMs = 200;
        clock.start();
        Request *r = c->call(QStringLiteral("slow"), A({ U(2) }), opts);
        QCOMPARE(r->timeoutMs(), qint64(200));
        QList<Request::State> states;
        connect(r, &Request::stateChanged, this, [&](Request::State s) { states << s; });
        QVERIFY(r->waitForFinished(5000));
        const qint64 timedOutAt = clock.elapsed();
        QVERIFY2(timedOutAt >= 150 && timedOutAt < 1500, qPrintable(QString::number(timedOutAt)));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(states, QList<Request::State> { Request::State::TimedOut });
        QCOMPARE(r->error().kind, Error::Kind::Timeout);
        QCOMPARE(r->error().code, uint32_t(78));
        QVERIFY(r->error().isConnectionLevel());
        QVERIFY(unexpected.empty());

        // The server still answers, ~2 s after the call: reported once, as late.
        QVERIFY(waitFor([&] { return !unexpected.empty(); }, 6000));
        QCOMPARE(unexpected.size(), size_t(1));
        QCOMPARE(unexpected[0].sync, quint64(r->sync()));
        QCOMPARE(unexpected[0].code, quint32(0)); // OK
        QCOMPARE(unexpected[0].kind, Connection::UnexpectedKind::Late);
        QVERIFY2(unexpected[0].atMs >= 1500, qPrintable(QString::number(unexpected[0].atMs)));
        QCOMPARE(c->unexpectedResponseCount(), unexpectedBefore + 1);
        // The timed-out request is not revived by it.
        QCOMPARE(r->state(), Request::State::TimedOut);
        QVERIFY(r->result().isNil());

        // The connection still works.
        QVERIFY(c->isReady());
        Request *p = c->ping();
        WAIT_DONE(p, 5000);
        QCOMPARE(unexpected.size(), size_t(1));
    }

    void timeoutDoesNotHitFastRequests()
    {
        auto c = connectReady();
        QVERIFY(c);
        RequestOptions opts;
        opts.timeoutMs = 2000;
        Request *r = c->call(QStringLiteral("slow"), A({ D(0.1) }), opts);
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ D(0.1) }));
        // The deadline of a finished request fires nothing later.
        QTest::qWait(100);
        QCOMPARE(r->state(), Request::State::Done);
    }

    void discardedThenLateResponse_data()
    {
        QTest::addColumn<bool>("deleteIt");
        QTest::newRow("discard()") << false;
        QTest::newRow("delete the handle") << true;
    }

    void discardedThenLateResponse()
    {
        QFETCH(bool, deleteIt);
        auto c = connectReady();
        QVERIFY(c);
        std::vector<std::pair<quint64, Connection::UnexpectedKind>> unexpected;
        connect(c.get(), &Connection::unexpectedResponse, this,
                [&](quint64 sync, quint32, Connection::UnexpectedKind kind) {
                    unexpected.push_back({ sync, kind });
                });
        const uint64_t before = c->unexpectedResponseCount();

        Request *r = c->call(QStringLiteral("slow"), A({ D(0.7) }));
        const uint64_t sync = r->sync();
        QTest::qWait(100); // sent, and the server is sleeping
        QCOMPARE(r->state(), Request::State::Pending);
        if (deleteIt) {
            delete r;
        } else {
            int finishes = 0;
            QList<Request::State> states;
            connect(r, &Request::finished, this, [&] { ++finishes; });
            connect(r, &Request::stateChanged, this, [&](Request::State s) { states << s; });
            r->discard();
            // At once, not on the next event loop turn.
            QCOMPARE(r->state(), Request::State::Discarded);
            QCOMPARE(finishes, 1);
            QCOMPARE(states, QList<Request::State> { Request::State::Discarded });
            QCOMPARE(r->error().kind, Error::Kind::Discarded);
            QVERIFY(!r->error().message.isEmpty());
            r->discard(); // again: nothing happens
            QCOMPARE(finishes, 1);
        }
        QCOMPARE(c->pendingCount(), 0);

        QVERIFY(waitFor([&] { return !unexpected.empty(); }, 5000));
        QCOMPARE(unexpected.size(), size_t(1));
        QCOMPARE(unexpected[0].first, quint64(sync));
        QCOMPARE(unexpected[0].second, Connection::UnexpectedKind::Late);
        QCOMPARE(c->unexpectedResponseCount(), before + 1);
        if (!deleteIt) {
            QCOMPARE(r->state(), Request::State::Discarded);
            QVERIFY(r->result().isNil());
        }
        Request *p = c->ping();
        WAIT_DONE(p, 5000);
    }

    // ---- losing the server ---------------------------------------------------------------

    void serverKilledMidCall()
    {
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        auto c = connectReady(uriOf(fx));
        QVERIFY(c);
        Error why;
        int disconnects = 0;
        connect(c.get(), &Connection::disconnected, this, [&](const Error &e) {
            ++disconnects;
            why = e;
        });

        RequestOptions keepAll;
        keepAll.pushRetention = -1;
        Request *pushing = c->call(QStringLiteral("progress"), A({ U(1000), D(0.02) }), keepAll);
        Request *sleeping = c->call(QStringLiteral("slow"), A({ U(30) }));
        Request *evaling = c->eval(QStringLiteral("require('fiber').sleep(30)"), A());
        const std::vector<Request *> all = { pushing, sleeping, evaling };
        QVERIFY(waitFor([&] { return pushing->pushCount() >= 3; }, 10000));
        QCOMPARE(c->pendingCount(), 3);

        QElapsedTimer clock;
        std::vector<qint64> failedAt(3, -1);
        for (size_t i = 0; i < all.size(); ++i)
            connect(all[i], &Request::finished, this, [&, i] { failedAt[i] = clock.elapsed(); });
        clock.start();
        fx.kill();
        QVERIFY(waitFor([&] { return pushing->isFinished() && sleeping->isFinished() && evaling->isFinished(); },
                        5000));

        for (size_t i = 0; i < all.size(); ++i) {
            QVERIFY2(failedAt[i] >= 0 && failedAt[i] < 1000, qPrintable(QString::number(failedAt[i])));
            QCOMPARE(all[i]->state(), Request::State::Failed);
            QCOMPARE(all[i]->error().kind, Error::Kind::Connection);
            QCOMPARE(all[i]->error().code, uint32_t(77));
        }
        // Pushes that came before the kill stay with the request, complete and in order.
        const uint64_t got = pushing->pushCount();
        QVERIFY(got >= 3 && got < 1000);
        QCOMPARE(pushing->pushes().size(), size_t(got));
        uint64_t i = 1;
        for (const Push &p : pushing->pushes()) {
            QCOMPARE(p.index, i);
            QVERIFY(p.value.find("i"));
            QCOMPARE(p.value.find("i")->toUInt64(), i);
            QCOMPARE(p.value.find("of")->toUInt64(), uint64_t(1000));
            ++i;
        }

        QCOMPARE(c->state(), Connection::State::Disconnected);
        QCOMPARE(disconnects, 1);
        QCOMPARE(why.kind, Error::Kind::Connection);
        QCOMPARE(c->lastError().kind, Error::Kind::Connection);
        QCOMPARE(c->pendingCount(), 0);

        // A request on the dead connection fails too, after the caller could connect to it.
        Request *after = c->ping();
        QCOMPARE(after->state(), Request::State::Pending);
        QVERIFY(after->waitForFinished(2000));
        QCOMPARE(after->state(), Request::State::Failed);
        QCOMPARE(after->error().kind, Error::Kind::Connection);
    }

    void disconnectFailsPendingAtOnce()
    {
        auto c = connectReady();
        QVERIFY(c);
        Request *a = c->call(QStringLiteral("slow"), A({ U(5) }));
        Request *b = c->call(QStringLiteral("tagged_pushes"), A({ S("d"), U(100), D(0.01) }));
        QVERIFY(waitFor([&] { return b->pushCount() >= 2; }, 5000));
        Error why(Error::connection(QStringLiteral("not emitted")));
        connect(c.get(), &Connection::disconnected, this, [&](const Error &e) { why = e; });
        c->disconnectFromServer();
        // Synchronously: no event loop turn needed.
        QCOMPARE(a->state(), Request::State::Failed);
        QCOMPARE(b->state(), Request::State::Failed);
        QCOMPARE(a->error().kind, Error::Kind::Connection);
        QCOMPARE(b->error().kind, Error::Kind::Connection);
        QVERIFY(b->pushes().size() >= 2);
        QVERIFY(why.isNull());
        QCOMPARE(c->state(), Connection::State::Disconnected);
        QCOMPARE(c->pendingCount(), 0);
    }

    void connectionRefused()
    {
        // A port that was free a moment ago.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();

        Connection c;
        QList<Connection::State> states;
        connect(&c, &Connection::stateChanged, this, [&](Connection::State s) { states << s; });
        Error why;
        int disconnects = 0;
        connect(&c, &Connection::disconnected, this, [&](const Error &e) {
            ++disconnects;
            why = e;
        });
        Uri uri;
        uri.host = QStringLiteral("127.0.0.1");
        uri.port = port;
        QElapsedTimer clock;
        clock.start();
        c.connectToServer(uri);
        Request *r = c.ping();
        QVERIFY(waitFor([&] { return disconnects > 0; }, 5000));
        QVERIFY(clock.elapsed() < 3000);
        QCOMPARE(why.kind, Error::Kind::Connection);
        QVERIFY2(why.message.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(why.message));
        QCOMPARE(c.lastError().kind, Error::Kind::Connection);
        QCOMPARE(states,
                 (QList<Connection::State> { Connection::State::Connecting, Connection::State::Closing,
                                             Connection::State::Disconnected }));
        QVERIFY(r->waitForFinished(1000));
        QCOMPARE(r->state(), Request::State::Failed);
        QCOMPARE(r->error().kind, Error::Kind::Connection);
    }

    // ---- data requests by name -----------------------------------------------------------

    void crudBySpaceName()
    {
        auto c = connectReady();
        QVERIFY(c);
        const ObjectRef demo(QStringLiteral("demo"));
        QVERIFY(demo.byName);

        Request *r = c->select(demo, A({ U(3) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->target(), QStringLiteral("demo"));
        QCOMPARE(r->result(), A({ row(3, "item3", U(30)) }));

        SelectOptions byName;
        byName.index = ObjectRef(QStringLiteral("by_name"));
        r = c->select(demo, A({ S("item4") }), byName);
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(4, "item4", U(40)) }));

        SelectOptions ge;
        ge.iterator = Iproto::GE;
        ge.limit = 2;
        r = c->select(demo, A({ U(8) }), ge);
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(8, "item8", U(80)), row(9, "item9", U(90)) }));

        SelectOptions allFrom8;
        allFrom8.iterator = Iproto::ALL;
        allFrom8.offset = 8;
        r = c->select(demo, A(), allFrom8);
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(9, "item9", U(90)), row(10, "item10", U(100)) }));

        // Ids work as well as names.
        const uint32_t demoId = c->schema().space(QStringLiteral("demo"))->id;
        r = c->select(ObjectRef(demoId), A({ U(1) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(1, "item1", U(10)) }));

        const MpValue mapValue = M({ { S("a"), U(1) } });
        r = c->insert(demo, row(100, "x100", mapValue));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(100, "x100", mapValue) }));

        r = c->insert(demo, row(100, "again", U(0)));
        WAIT_FAILED(r, 5000);
        QCOMPARE(r->error().kind, Error::Kind::Server);
        QCOMPARE(r->error().code, uint32_t(3)); // ER_TUPLE_FOUND
        QCOMPARE(r->error().message, QStringLiteral("Duplicate key exists in unique index 'primary' in space 'demo'"));

        r = c->replace(demo, row(100, "y100", S("v")));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(100, "y100", S("v")) }));

        r = c->update(demo, A({ U(100) }), A({ A({ S("="), S("value"), S("upd") }) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(100, "y100", S("upd")) }));

        // upsert on an existing key applies the operations (and returns nothing)...
        r = c->upsert(demo, row(100, "ignored", U(0)), A({ A({ S("="), S("value"), S("ups") }) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A());
        // ...and on a new key inserts the tuple.
        r = c->upsert(demo, row(101, "u101", U(5)), A({ A({ S("="), S("value"), S("never") }) }));
        WAIT_DONE(r, 5000);
        r = c->select(demo, A({ U(100) }), ge);
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(100, "y100", S("ups")), row(101, "u101", U(5)) }));

        r = c->remove(demo, A({ U(100) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(100, "y100", S("ups")) }));
        r = c->remove(demo, A({ U(101) }), ObjectRef(QStringLiteral("primary")));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(101, "u101", U(5)) }));
        r = c->select(demo, A({ U(100) }), ge);
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A());
    }

    void updateFieldNumbersAreOneBased()
    {
        // Field numbers in update/upsert operations count from 1, as in Lua and net.box
        // (net.box sends IPROTO_INDEX_BASE = 1). Without INDEX_BASE the server counts from 0:
        // {'=', 3, v} then appends a 4th field instead of setting `value`.
        auto c = connectReady();
        QVERIFY(c);
        const ObjectRef demo(QStringLiteral("demo"));
        Request *r = c->replace(demo, row(150, "item150", U(1500)));
        WAIT_DONE(r, 5000);
        r = c->update(demo, A({ U(150) }), A({ A({ S("="), U(3), U(555) }) }));
        WAIT_DONE(r, 5000);
        const MpValue updated = r->result();
        r = c->upsert(demo, row(150, "x", U(0)), A({ A({ S("+"), U(3), U(1) }) }));
        WAIT_DONE(r, 5000);
        r = c->select(demo, A({ U(150) }));
        WAIT_DONE(r, 5000);
        const MpValue afterUpsert = r->result();
        r = c->remove(demo, A({ U(150) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(updated, A({ row(150, "item150", U(555)) }));
        QCOMPARE(afterUpsert, A({ row(150, "item150", U(556)) }));
    }

    void unknownNames_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("message");
        QTest::newRow("select from an unknown space") << "select nope"
                                                      << "Space 'nope' does not exist";
        QTest::newRow("insert into an unknown space") << "insert nope"
                                                      << "Space 'nope' does not exist";
        QTest::newRow("delete from an unknown space") << "delete nope"
                                                      << "Space 'nope' does not exist";
        QTest::newRow("unknown index") << "select demo.nope"
                                       << "No index 'nope' is defined in space 'demo'";
    }

    void unknownNames()
    {
        QFETCH(QString, op);
        QFETCH(QString, message);
        auto c = connectReady();
        QVERIFY(c);
        int sent = 0;
        connect(c.get(), &Connection::requestSent, this, [&](Request *) { ++sent; });
        Request *r = nullptr;
        if (op == QLatin1String("select nope"))
            r = c->select(ObjectRef(QStringLiteral("nope")), A({ U(1) }));
        else if (op == QLatin1String("insert nope"))
            r = c->insert(ObjectRef(QStringLiteral("nope")), A({ U(1) }));
        else if (op == QLatin1String("delete nope"))
            r = c->remove(ObjectRef(QStringLiteral("nope")), A({ U(1) }));
        else {
            SelectOptions s;
            s.index = ObjectRef(QStringLiteral("nope"));
            r = c->select(ObjectRef(QStringLiteral("demo")), A({ U(1) }), s);
        }
        WAIT_FAILED(r, 5000);
        QCOMPARE(r->state(), Request::State::Failed);
        QCOMPARE(r->error().kind, Error::Kind::Usage);
        QCOMPARE(r->error().message, message);
        QCOMPARE(sent, 0); // nothing went to the server
        QVERIFY(c->isReady());
    }

    void schemaReloadAfterOwnDdl()
    {
        // A space created on this connection can be used by name right after: the eval's
        // response carries the new schema version.
        auto c = connectReady();
        QVERIFY(c);
        const uint64_t before = c->schema().version();
        QVERIFY(!c->schema().space(QStringLiteral("fresh_own")));
        // guest may not create spaces; admin may.
        Request *ddl = c->eval(QStringLiteral("return box.session.su('admin', function() "
                                              "local s = box.schema.space.create('fresh_own') "
                                              "s:create_index('pk') s:insert{1, 'one'} return s.id end)"),
                               A());
        WAIT_DONE(ddl, 5000);
        Request *r = c->select(ObjectRef(QStringLiteral("fresh_own")), A({ U(1) }));
        QVERIFY(r->waitForFinished(5000));
        QVERIFY2(r->state() == Request::State::Done, qPrintable(describe(r)));
        if (r->state() == Request::State::Done)
            QCOMPARE(r->result(), A({ A({ U(1), S("one") }) }));

        // Once the reload is in, the name resolves.
        QVERIFY(waitFor([&] { return c->schema().space(QStringLiteral("fresh_own")) != nullptr; }, 5000));
        QVERIFY(c->schema().version() > before);
        r = c->select(ObjectRef(QStringLiteral("fresh_own")), A({ U(1) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ A({ U(1), S("one") }) }));
    }

    void schemaReloadAfterDdlElsewhere()
    {
        // Another session changes the schema. This connection's next by-name request carries a
        // stale SCHEMA_VERSION; the server answers ER_WRONG_SCHEMA_VERSION (109) and the
        // connection reloads and resends by itself.
        auto c = connectReady();
        QVERIFY(c);
        const uint64_t before = c->schema().version();
        int reloads = 0;
        connect(c.get(), &Connection::schemaLoaded, this, [&](quint64) { ++reloads; });

        auto other = connectReady();
        QVERIFY(other);
        Request *ddl = other->eval(QStringLiteral("box.session.su('admin', function() "
                                                  "local s = box.schema.space.create('fresh_other') "
                                                  "s:create_index('pk') s:insert{7, 'seven'} end)"),
                                   A());
        WAIT_DONE(ddl, 5000);

        Request *r = c->select(ObjectRef(QStringLiteral("demo")), A({ U(2) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ row(2, "item2", U(20)) }));
        QVERIFY(reloads >= 1);
        QVERIFY(c->schema().version() > before);

        r = c->select(ObjectRef(QStringLiteral("fresh_other")), A({ U(7) }));
        WAIT_DONE(r, 5000);
        QCOMPARE(r->result(), A({ A({ U(7), S("seven") }) }));
        QCOMPARE(c->unexpectedResponseCount(), uint64_t(0));
    }

    void execute()
    {
        auto c = connectReady();
        QVERIFY(c);
        Request *r = c->execute(QStringLiteral("select 1 as a"), A());
        WAIT_DONE(r, 5000);
        const MpValue &res = r->result();
        QVERIFY2(res.isMap(), qPrintable(MpFormat::toJson(res)));
        QVERIFY(res.find("metadata"));
        QCOMPARE(*res.find("metadata"), A({ M({ { S("name"), S("A") }, { S("type"), S("integer") } }) }));
        QVERIFY(res.find("rows"));
        QCOMPARE(*res.find("rows"), A({ A({ U(1) }) }));

        r = c->execute(QStringLiteral("select ? as b, ? as c"), A({ U(5), S("x") }));
        WAIT_DONE(r, 5000);
        QCOMPARE(*r->result().find("rows"), A({ A({ U(5), S("x") }) }));

        r = c->execute(QStringLiteral("insert into \"demo\" values (300, 'sql300', null)"), A());
        WAIT_DONE(r, 5000);
        QVERIFY(r->result().find("row_count"));
        QCOMPARE(*r->result().find("row_count"), U(1));
        QVERIFY(!r->result().find("metadata"));
        r = c->remove(ObjectRef(QStringLiteral("demo")), A({ U(300) }));
        WAIT_DONE(r, 5000);

        r = c->execute(QStringLiteral("select * from no_such_table"), A());
        WAIT_FAILED(r, 5000);
        QCOMPARE(r->error().kind, Error::Kind::Server);
        QVERIFY2(r->error().message.contains(QLatin1String("NO_SUCH_TABLE"), Qt::CaseInsensitive),
                 qPrintable(r->error().message));
    }

    // ---- unix sockets --------------------------------------------------------------------

    void unixSocket()
    {
        // sandbox.lua listening on a unix socket, started directly: the fixture cannot be used
        // for that (see unixSocketViaFixture).
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.path() + QStringLiteral("/t.sock");
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BOXSCOPE_LISTEN"), QStringLiteral("unix/:") + path);
        env.insert(QStringLiteral("BOXSCOPE_WORK_DIR"), dir.path());
        server.setProcessEnvironment(env);
        server.setWorkingDirectory(dir.path());
        server.start(SandboxServer::findTarantool(), { Test::sandboxScript() });
        QVERIFY2(server.waitForStarted(5000), qPrintable(server.errorString()));
        auto stopServer = qScopeGuard([&] {
            if (server.state() != QProcess::NotRunning) {
                server.terminate(); // SIGTERM to this process only
                if (!server.waitForFinished(3000)) {
                    server.kill();
                    server.waitForFinished(3000);
                }
            }
        });
        QByteArray out;
        QVERIFY(waitFor(
                [&] {
                    out += server.readAllStandardOutput();
                    return out.contains("BOXSCOPE_LISTEN ") && out.contains('\n') && QFileInfo::exists(path);
                },
                15000));

        for (const QString &text :
             { QStringLiteral("unix/:") + path, QStringLiteral("boxscope:secret@unix/:") + path }) {
            Uri uri;
            QString error;
            QVERIFY2(Uri::parse(text, &uri, &error), qPrintable(error));
            QVERIFY(uri.isUnix());
            auto c = connectReady(uri);
            QVERIFY2(c, qPrintable(text));
            QCOMPARE(c->greeting().protocol, QStringLiteral("Binary"));
            Request *p = c->ping();
            WAIT_DONE(p, 5000);
            Request *who = c->eval(QStringLiteral("return box.session.user()"), A());
            WAIT_DONE(who, 5000);
            QCOMPARE(who->result(), A({ S(uri.user.isEmpty() ? "guest" : "boxscope") }));
            Request *s = c->select(ObjectRef(QStringLiteral("demo")), A({ U(5) }));
            WAIT_DONE(s, 5000);
            QCOMPARE(s->result(), A({ row(5, "item5", U(50)) }));
        }

        // A relative path is relative to the current directory, as in net.box (not /tmp).
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        auto restoreCwd = qScopeGuard([&] { QDir::setCurrent(cwd); });
        Uri relative;
        QVERIFY(Uri::parse(QStringLiteral("unix/:t.sock"), &relative, nullptr));
        auto r = connectReady(relative);
        QVERIFY(r);
        Request *p = r->ping();
        WAIT_DONE(p, 5000);

        // A missing socket fails as net.box says, with nothing stray from Qt.
        static QStringList stray;
        stray.clear();
        const QtMessageHandler previous =
                qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) { stray << m; });
        Uri missing;
        QVERIFY(Uri::parse(QStringLiteral("unix/:missing.sock"), &missing, nullptr));
        Connection m;
        m.connectToServer(missing);
        const bool down = waitFor([&] { return !m.lastError().isNull(); }, 5000);
        qInstallMessageHandler(previous);
        QVERIFY(down);
        QCOMPARE(m.lastError().message, QStringLiteral("No such file or directory"));
        QVERIFY2(stray.isEmpty(), qPrintable(stray.join(QLatin1Char('\n'))));
    }

    void unixSocketViaFixture()
    {
        // TarantoolFixture / SandboxServer with a unix listen address (2.6 reports
        // box.info.listen as "unix/:(socket)" for it).
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.path() + QStringLiteral("/f.sock");
        TarantoolFixture fx;
        const bool started = fx.start(QStringLiteral("unix/:") + path);
        QVERIFY2(started, qPrintable(fx.errorString()));
        Uri uri;
        QVERIFY(Uri::parse(QStringLiteral("unix/:") + path, &uri, nullptr));
        auto c = connectReady(uri);
        QVERIFY(c);
        Request *p = c->ping();
        WAIT_DONE(p, 5000);
    }
};

QTEST_GUILESS_MAIN(tst_Connection)
#include "tst_connection.moc"
