// Timeouts everywhere: connect, greeting, auth and each request end with a timeout error
// (net.box's code 78) — nothing waits forever. Against the SCRIPTED HOSTILE SERVER (and a
// black-hole port), only because a real tarantool always answers: a silent peer, an AUTH
// that is never answered and a request that is never answered cannot be had from it.
#include "HostileServer.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "iproto/Iproto.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Boxscope;
using namespace Boxscope::Test;
using Fault = HostileServer::Fault;

class tst_Timeouts : public QObject
{
    Q_OBJECT

private slots:
    void connectTimeout()
    {
        // The SYN is dropped (the accept queue is full): connect() neither succeeds nor fails.
        BlackholeListener hole;
        QVERIFY(hole.isValid());
        Connection c;
        QSignalSpy disconnected(&c, &Connection::disconnected);
        ConnectOptions o;
        o.connectTimeoutMs = 300;
        c.connectToServer(hole.uri(), o);
        Request *r = c.ping();
        QVERIFY(r->waitForFinished(10000));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(r->error().kind, Error::Kind::Timeout);
        QCOMPARE(r->error().code, uint32_t(78));
        QCOMPARE(r->error().message, QStringLiteral("Timeout exceeded: no connection within 300 ms"));
        QCOMPARE(c.state(), Connection::State::Disconnected);
        QCOMPARE(disconnected.count(), 1);
    }

    void greetingTimeout()
    {
        HostileServer server(Fault::Silent);
        QVERIFY(server.listen());
        Connection c;
        ConnectOptions o;
        o.greetingTimeoutMs = 300;
        c.connectToServer(server.uri(), o);
        Request *r = c.ping();
        QVERIFY(r->waitForFinished(10000));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(r->error().code, uint32_t(78));
        QCOMPARE(r->error().message,
                 QStringLiteral("Timeout exceeded: no greeting within 300 ms (the peer accepted "
                                "and sent nothing; Tarantool greets at once, so this may be a "
                                "service that waits for the client, such as HTTP)"));
        QCOMPARE(c.state(), Connection::State::Disconnected);
        QCOMPARE(server.connectionCount(), 1);
    }

    void authTimeout()
    {
        HostileServer server(Fault::AuthNeverAnswered);
        QVERIFY(server.listen());
        Connection c;
        QList<Connection::State> states;
        connect(&c, &Connection::stateChanged, this, [&](Connection::State s) { states << s; });
        ConnectOptions o;
        o.user = QStringLiteral("someone");
        o.password = QStringLiteral("pw");
        o.authTimeoutMs = 300;
        c.connectToServer(server.uri(), o);
        Request *r = c.ping();
        QVERIFY(r->waitForFinished(10000));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(r->error().code, uint32_t(78));
        QCOMPARE(r->error().message, QStringLiteral("Timeout exceeded: no auth response within 300 ms"));
        QVERIFY(server.requestTypes().contains(uint32_t(Iproto::AUTH)));
        QVERIFY(states.contains(Connection::State::Auth));
        QCOMPARE(c.state(), Connection::State::Disconnected);
    }

    void requestTimeout()
    {
        HostileServer server(Fault::RequestNeverAnswered);
        QVERIFY(server.listen());
        Connection c;
        c.connectToServer(server.uri());
        QVERIFY(waitFor([&] { return c.isReady(); }));
        RequestOptions ro;
        ro.timeoutMs = 300;
        Request *r = c.call(QStringLiteral("f"), A(), ro);
        QVERIFY(r->waitForFinished(10000));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(r->error().kind, Error::Kind::Timeout);
        QCOMPARE(r->error().code, uint32_t(78));
        QCOMPARE(r->error().message, QStringLiteral("Timeout exceeded"));
        // Only the request ends; the connection still works.
        QVERIFY(c.isReady());
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
    }

    void schemaNeverAnswered()
    {
        // The server authenticates and answers pings but never the schema SELECTs: a by-name
        // request waits for the schema only within its own timeout and says why it timed out;
        // requests by id are not held back.
        HostileServer server(Fault::SchemaNeverAnswered);
        QVERIFY(server.listen());
        Connection c;
        c.connectToServer(server.uri());
        QVERIFY(waitFor([&] { return c.isReady(); }));
        QVERIFY(!c.schema().isLoaded());
        RequestOptions ro;
        ro.timeoutMs = 300;
        Request *byName = c.select(QStringLiteral("demo"), A({ U(1) }), {}, ro);
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
        QVERIFY(byName->waitForFinished(10000));
        QCOMPARE(byName->state(), Request::State::TimedOut);
        QCOMPARE(byName->error().code, uint32_t(78));
        QCOMPARE(byName->error().message, QStringLiteral("Timeout exceeded: the schema is still loading"));
        QVERIFY(c.isReady());
    }

    void requestTimeoutDuringHandshake()
    {
        // The request's own deadline ends it while the connection still waits for a greeting
        // (with a longer handshake timeout); the error says what it was waiting for.
        HostileServer server(Fault::Silent);
        QVERIFY(server.listen());
        Connection c;
        ConnectOptions o;
        o.greetingTimeoutMs = 60000;
        c.connectToServer(server.uri(), o);
        RequestOptions ro;
        ro.timeoutMs = 300;
        Request *r = c.call(QStringLiteral("f"), A(), ro);
        QVERIFY(r->waitForFinished(10000));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(r->error().code, uint32_t(78));
        QCOMPARE(r->error().message, QStringLiteral("Timeout exceeded: no greeting yet"));
        QCOMPARE(c.state(), Connection::State::Greeting);
        c.disconnectFromServer();
    }
};

QTEST_GUILESS_MAIN(tst_Timeouts)
#include "tst_timeouts.moc"
