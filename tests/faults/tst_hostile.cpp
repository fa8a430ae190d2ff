// Connection against the SCRIPTED HOSTILE SERVER (tests/faults/HostileServer) — only for
// faults a real tarantool cannot produce. One test per scenario. Each checks the specific
// error the affected requests fail with, what becomes of the connection (closed, or still
// ready), that every push received before the fault is kept, and that nothing crashes.
#include "HostileServer.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "iproto/Iproto.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;
using Fault = HostileServer::Fault;

namespace {

// Every push a request signalled, in order (independent of its retention).
struct PushLog
{
    std::vector<MpValue> values;
    std::vector<quint64> indices;
    void attach(Request *r)
    {
        QObject::connect(r, &Request::pushReceived, r, [this](const MpValue &v, quint64 i) {
            values.push_back(v);
            indices.push_back(i);
        });
    }
};

std::vector<MpValue> kept(const Request *r)
{
    std::vector<MpValue> out;
    for (const Push &p : r->pushes())
        out.push_back(p.value);
    return out;
}

const std::vector<MpValue> kBefore = { S("before-1"), S("before-2") };

QString describe(const Request *r)
{
    return QStringLiteral("state %1, error kind %2: %3")
            .arg(Request::stateName(r->state()), QLatin1String(Error::kindName(r->error().kind)),
                 r->error().toString());
}

} // namespace

class tst_Hostile : public QObject
{
    Q_OBJECT

private:
    // Connects to the server and makes the call the fault follows (plus a second one that
    // is pending when the fault comes).
    struct Session
    {
        std::unique_ptr<Connection> conn;
        Request *call = nullptr;
        Request *other = nullptr;
        PushLog pushes;
        std::unique_ptr<QSignalSpy> disconnected;
        std::unique_ptr<QSignalSpy> unexpected;
    };

    static std::unique_ptr<Session> start(HostileServer &server, const ConnectOptions &options = {},
                                          const RequestOptions &ropts = {}, bool second = true)
    {
        auto s = std::make_unique<Session>();
        s->conn = std::make_unique<Connection>();
        s->disconnected = std::make_unique<QSignalSpy>(s->conn.get(), &Connection::disconnected);
        s->unexpected = std::make_unique<QSignalSpy>(s->conn.get(), &Connection::unexpectedResponse);
        ConnectOptions o = options;
        QFETCH_GLOBAL(int, decodeAsideFrom);
        o.decodeAsideFrom = decodeAsideFrom;
        s->conn->connectToServer(server.uri(), o);
        s->call = s->conn->call(QStringLiteral("f"), A(), ropts);
        s->pushes.attach(s->call);
        if (second)
            s->other = s->conn->call(QStringLiteral("g"), A());
        return s;
    }

    // The connection ended once, with exactly this error, and every request failed with it.
    static void checkClosedWith(Session &s, const Error &e)
    {
        QVERIFY(waitFor([&] { return s.conn->state() == Connection::State::Disconnected; }));
        QCOMPARE(s.disconnected->count(), 1);
        const Error reported = s.disconnected->at(0).at(0).value<Error>();
        QCOMPARE(reported.message, e.message);
        QCOMPARE(s.conn->lastError().message, e.message);
        QCOMPARE(s.conn->pendingCount(), 0);
        if (s.other) {
            QVERIFY(s.other->waitForFinished(5000));
            QCOMPARE(s.other->error().message, e.message);
            QCOMPARE(s.other->error().code, e.code);
        }
        // And a request made afterwards fails at once, saying why.
        Request *late = s.conn->ping();
        QVERIFY(late->waitForFinished(5000));
        QCOMPARE(late->state(), Request::State::Failed);
        QCOMPARE(late->error().code, uint32_t(Iproto::ER_NO_CONNECTION));
        QCOMPARE(late->error().message, e.message);
    }

private slots:
    // Every fault twice: bodies decoded as they come, and every body decoded on a pool thread
    // (ConnectOptions::decodeAsideFrom = 1): same order, same errors.
    void initTestCase_data()
    {
        QTest::addColumn<int>("decodeAsideFrom");
        QTest::newRow("inline") << 0;
        QTest::newRow("aside") << 1;
    }

    // A response whose decoded tree would pass maxDecodedBytes fails its request with a
    // protocol error naming the frame; what came before is kept and the connection goes on.
    void decodedBytesAreBounded()
    {
        HostileServer server(Fault::HugeDecode);
        QVERIFY(server.listen());
        ConnectOptions o;
        o.maxDecodedBytes = 1024 * 1024; // 200 000 nils take ~10 MiB as a tree
        auto s = start(server, o);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Failed);
        QCOMPARE(s->call->error().kind, Error::Kind::Protocol);
        QVERIFY2(s->call->error().message.contains(QLatin1String("decodes to more than 1 MiB")),
                 qPrintable(describe(s->call)));
        QVERIFY2(s->call->error().message.startsWith(QLatin1String("frame of ")), qPrintable(describe(s->call)));
        QCOMPARE(kept(s->call), kBefore);
        QVERIFY(s->conn->isReady());
        QCOMPARE(s->disconnected->count(), 0);
        QVERIFY(s->other->waitForFinished(5000));
        QCOMPARE(s->other->state(), Request::State::Done);
        QCOMPARE(s->other->result(), A({ S("again") }));
    }

    void wrongGreeting()
    {
        HostileServer server(Fault::WrongGreeting);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Failed);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Connection);
        QCOMPARE(e.code, uint32_t(77));
        QCOMPARE(e.message,
                 QStringLiteral(
                         "not a Tarantool greeting: \"SSH-2.0-OpenSSH_9.2p1 Debian-2\" (an SSH server answered)"));
        checkClosedWith(*s, e);
    }

    void shortGreeting()
    {
        HostileServer server(Fault::ShortGreeting);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Failed);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Connection);
        QCOMPARE(e.code, uint32_t(77));
        QCOMPARE(e.message, QStringLiteral("Peer closed after a short greeting: 60 of 128 bytes"));
        checkClosedWith(*s, e);
    }

    void httpService()
    {
        HostileServer server(Fault::HttpService);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Connection);
        QCOMPARE(e.code, uint32_t(77));
        QCOMPARE(e.message,
                 QStringLiteral("not a Tarantool greeting: \"HTTP/1.1 400 Bad Request\" (an HTTP server answered)"));
        checkClosedWith(*s, e);
    }

    void malformedHeader()
    {
        HostileServer server(Fault::MalformedHeader);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Failed);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Protocol);
        QCOMPARE(e.type, QStringLiteral("ProtocolError"));
        QCOMPARE(e.code, uint32_t(77));
        QVERIFY2(e.message.startsWith(QLatin1String("malformed frame header at stream offset ")),
                 qPrintable(e.message));
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        checkClosedWith(*s, e);
    }

    void malformedBody()
    {
        HostileServer server(Fault::MalformedBody);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Protocol);
        QCOMPARE(e.code, uint32_t(77));
        QVERIFY2(e.message.startsWith(QLatin1String("malformed frame body at stream offset ")), qPrintable(e.message));
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        checkClosedWith(*s, e);
    }

    void truncatedFrameThenClose()
    {
        HostileServer server(Fault::TruncatedFrame);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Failed);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Connection);
        QCOMPARE(e.code, uint32_t(77));
        // The server sent the first half of the result frame.
        const QByteArray whole = HostileServer::okFrame(s->call->sync(), A({ S("done") }));
        QCOMPARE(e.message,
                 QStringLiteral("Peer closed in the middle of a frame: %1 of %2 bytes received")
                         .arg(whole.size() / 2)
                         .arg(whole.size()));
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        checkClosedWith(*s, e);
    }

    void hugeLengthPrefix_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("message");
        QTest::newRow("ce ff ff ff ff") << int(Fault::HugeLength32)
                                        << QStringLiteral("frame of 4294967295 bytes exceeds the 268435456-byte limit");
        QTest::newRow("cf ff .. ff") << int(Fault::HugeLength64)
                                     << QStringLiteral(
                                                "frame of 18446744073709551615 bytes exceeds the 268435456-byte limit");
    }

    void hugeLengthPrefix()
    {
        QFETCH(int, fault);
        QFETCH(QString, message);
        HostileServer server { Fault(fault) };
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Protocol);
        QCOMPARE(e.code, uint32_t(77));
        QVERIFY2(e.message.startsWith(message), qPrintable(e.message));
        QVERIFY2(e.message.contains(QLatin1String("(stream offset ")), qPrintable(e.message));
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        checkClosedWith(*s, e);
    }

    void unknownSync()
    {
        HostileServer server(Fault::UnknownSync);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QVERIFY2(s->call->state() == Request::State::Done, qPrintable(describe(s->call)));
        QCOMPARE(s->call->result(), A({ S("done") }));
        QCOMPARE(kept(s->call), kBefore);
        QVERIFY(s->other->waitForFinished(5000));
        QCOMPARE(s->other->state(), Request::State::Done);
        // Reported, counted, not fatal.
        QCOMPARE(s->unexpected->count(), 1);
        QCOMPARE(s->unexpected->at(0).at(0).toULongLong(), 999999ull);
        QCOMPARE(s->unexpected->at(0).at(1).toUInt(), uint(Iproto::OK));
        QCOMPARE(s->unexpected->at(0).at(2).value<Connection::UnexpectedKind>(), Connection::UnexpectedKind::Unknown);
        QCOMPARE(s->conn->unexpectedResponseCount(), uint64_t(1));
        QVERIFY(s->conn->isReady());
        QCOMPARE(s->disconnected->count(), 0);
        Request *p = s->conn->ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
    }

    void pushAfterResult()
    {
        HostileServer server(Fault::PushAfterResult);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Done);
        QCOMPARE(s->call->result(), A({ S("done") }));
        QVERIFY(waitFor([&] { return s->unexpected->count() >= 1; }));
        // The push after the result is not the request's; it is reported as late for its SYNC.
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        QCOMPARE(s->call->pushCount(), uint64_t(2));
        QCOMPARE(s->unexpected->count(), 1);
        QCOMPARE(s->unexpected->at(0).at(0).toULongLong(), quint64(s->call->sync()));
        QCOMPARE(s->unexpected->at(0).at(1).toUInt(), uint(Iproto::CHUNK));
        QCOMPARE(s->unexpected->at(0).at(2).value<Connection::UnexpectedKind>(), Connection::UnexpectedKind::Late);
        QVERIFY(s->conn->isReady());
        QVERIFY(s->other->waitForFinished(5000));
        QCOMPARE(s->other->state(), Request::State::Done);
    }

    void slowLorisGreeting()
    {
        HostileServer server(Fault::SlowGreeting);
        server.dribbleIntervalMs = 50; // 128 bytes take >= 6.4 s; the timeout is 300 ms
        QVERIFY(server.listen());
        ConnectOptions o;
        o.greetingTimeoutMs = 300;
        auto s = start(server, o);
        QVERIFY(s->call->waitForFinished(10000));
        QCOMPARE(s->call->state(), Request::State::TimedOut);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Timeout);
        QCOMPARE(e.code, uint32_t(78));
        QVERIFY2(e.message.startsWith(QLatin1String("Timeout exceeded: no greeting within 300 ms")),
                 qPrintable(e.message));
        QVERIFY2(e.message.endsWith(QLatin1String(" of 128 bytes received)")), qPrintable(e.message));
        QVERIFY(waitFor([&] { return s->conn->state() == Connection::State::Disconnected; }));
        QCOMPARE(s->disconnected->count(), 1);
        QCOMPARE(s->other->error().message, e.message);
    }

    void slowLorisResponse()
    {
        HostileServer server(Fault::SlowResponse);
        server.dribbleIntervalMs = 50; // the result (18 bytes) takes >= 0.9 s; the timeout is 300 ms
        QVERIFY(server.listen());
        RequestOptions ro;
        ro.timeoutMs = 300;
        auto s = start(server, {}, ro, false);
        QVERIFY(s->call->waitForFinished(10000));
        QCOMPARE(s->call->state(), Request::State::TimedOut);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Timeout);
        QCOMPARE(e.code, uint32_t(78));
        QCOMPARE(e.message, QStringLiteral("Timeout exceeded"));
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        // The connection stays; the dribbled result arrives later as a late response.
        QVERIFY(s->conn->isReady());
        QVERIFY(waitFor([&] { return s->unexpected->count() >= 1; }, 20000));
        QCOMPARE(s->unexpected->at(0).at(0).toULongLong(), quint64(s->call->sync()));
        QCOMPARE(s->unexpected->at(0).at(2).value<Connection::UnexpectedKind>(), Connection::UnexpectedKind::Late);
        QCOMPARE(s->call->state(), Request::State::TimedOut);
        QVERIFY(s->conn->isReady());
        Request *p = s->conn->ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
        QCOMPARE(s->disconnected->count(), 0);
    }

    void resetMidFrame()
    {
        HostileServer server(Fault::ResetMidFrame);
        QVERIFY(server.listen());
        auto s = start(server);
        QVERIFY(s->call->waitForFinished(5000));
        QCOMPARE(s->call->state(), Request::State::Failed);
        const Error &e = s->call->error();
        QCOMPARE(e.kind, Error::Kind::Connection);
        QCOMPARE(e.code, uint32_t(77));
        // Sockets report a reset as a close; the half frame before it is still read.
        const QByteArray whole = HostileServer::okFrame(s->call->sync(), A({ S("done") }));
        QCOMPARE(e.message,
                 QStringLiteral("Peer closed in the middle of a frame: %1 of %2 bytes received")
                         .arg(whole.size() / 2)
                         .arg(whole.size()));
        QCOMPARE(s->pushes.values, kBefore);
        QCOMPARE(kept(s->call), kBefore);
        checkClosedWith(*s, e);
    }

    void flood()
    {
        // 300 000 pushes for one request, written as fast as the socket takes them (bodies of
        // 30 bytes: decoded inline; one pool round trip each would only measure the pool).
        QFETCH_GLOBAL(int, decodeAsideFrom);
        if (decodeAsideFrom == 1)
            QSKIP("tiny bodies are decoded inline; the pool path is covered by the other faults");
        const int total = 300000;
        const qint64 cap = 1000;
        HostileServer server(Fault::Flood);
        server.pushesBefore = 0;
        server.floodCount = total;
        QVERIFY(server.listen());
        RequestOptions ro;
        ro.pushRetention = cap;
        auto s = start(server, {}, ro, false);

        // A timer that must keep running while the pushes pour in.
        int ticksDuringFlood = 0;
        QTimer ticker;
        ticker.setInterval(1);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const uint64_t n = s->call->pushCount();
            if (n > 0 && n < uint64_t(total) && !s->call->isFinished())
                ++ticksDuringFlood;
        });
        ticker.start();
        // Counted, not kept: the log attached to the signal would hold them all.
        quint64 signalled = 0, lastIndex = 0;
        bool inOrder = true;
        s->call->disconnect();
        connect(s->call, &Request::pushReceived, this, [&](const MpValue &v, quint64 i) {
            ++signalled;
            inOrder = inOrder && i == lastIndex + 1 && v == U(i);
            lastIndex = i;
        });
        QVERIFY(s->call->waitForFinished(120000));
        ticker.stop();
        QVERIFY2(s->call->state() == Request::State::Done, qPrintable(describe(s->call)));
        QCOMPARE(s->call->result(), A({ U(total) }));
        QCOMPARE(signalled, quint64(total));
        QVERIFY(inOrder);
        // Memory stays bounded: only the newest `cap` pushes are kept, the rest counted.
        QCOMPARE(s->call->pushCount(), uint64_t(total));
        QCOMPARE(qint64(s->call->pushes().size()), cap);
        QCOMPARE(s->call->droppedPushes(), uint64_t(total - cap));
        QCOMPARE(s->call->pushes().front().index, uint64_t(total - cap + 1));
        QCOMPARE(s->call->pushes().back().value, U(total));
        qInfo("%d timer ticks while %d pushes came in", ticksDuringFlood, total);
        // The event loop kept running timers in the middle of the flood.
        QVERIFY2(ticksDuringFlood >= 2, qPrintable(QString::number(ticksDuringFlood)));
        QVERIFY(s->conn->isReady());
        Request *p = s->conn->ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
    }
};

QTEST_GUILESS_MAIN(tst_Hostile)
#include "tst_hostile.moc"
