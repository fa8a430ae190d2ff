// Automatic reconnection (Connection::setReconnectAfter, net.box's reconnect_after) against a
// REAL tarantool that is stopped by its PID in the middle of a slow call and started again
// on the same port: the pending call fails with net.box's error, requests made while the
// server is down fail at once, the connection retries every interval, comes back by itself
// (auth and schema again) and new requests work. The signals tell the whole story.
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "lua/LuaNetBox.h"
#include "sandbox/SandboxServer.h"

#include <QtTest>

#include <memory>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

// A loopback port held by a socket that is bound but never listens: a connect to it is
// refused (RST), and no other process can bind it meanwhile (no SO_REUSEADDR here), so a
// server started by a test running beside this one cannot take it while it should be dead.
class RefusingPort
{
public:
    RefusingPort()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            return;
        m_port = ntohs(a.sin_port);
    }
    ~RefusingPort() { release(); }
    quint16 port() const { return m_port; }
    /// Frees the port for the server that is to take it.
    void release()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

// Every step the connection reports, as one line each.
class Story : public QObject
{
public:
    QStringList lines;

    explicit Story(Connection *c)
    {
        connect(c, &Connection::stateChanged, this,
                [this](Connection::State s) { lines << QStringLiteral("state ") + Connection::stateName(s); });
        connect(c, &Connection::ready, this, [this] { lines << QStringLiteral("ready"); });
        connect(c, &Connection::schemaLoaded, this, [this] { lines << QStringLiteral("schema"); });
        connect(c, &Connection::disconnected, this, [this](const Error &e) {
            lines << (e.isNull() ? QStringLiteral("disconnected")
                                 : QStringLiteral("disconnected: %1 (%2)").arg(e.message).arg(e.code));
        });
        connect(c, &Connection::reconnectScheduled, this,
                [this](int attempt, int ms) { lines << QStringLiteral("retry #%1 in %2 ms").arg(attempt).arg(ms); });
        connect(c, &Connection::reconnecting, this,
                [this](int attempt) { lines << QStringLiteral("reconnecting #%1").arg(attempt); });
        connect(c, &Connection::reconnected, this,
                [this](int attempt) { lines << QStringLiteral("reconnected on #%1").arg(attempt); });
    }
    int indexOf(const QString &line, int from = 0) const { return lines.indexOf(line, from); }
};

QString describe(const Request *r)
{
    return QStringLiteral("%1: %2").arg(Request::stateName(r->state()), r->error().toString());
}

} // namespace

class tst_Reconnect : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed"); }

    void offByDefault()
    {
        Connection c;
        QCOMPARE(c.reconnectAfter(), 0.0);
        QVERIFY(!c.isReconnectScheduled());
        QSignalSpy changed(&c, &Connection::reconnectAfterChanged);
        c.setReconnectAfter(1.5);
        QCOMPARE(c.reconnectAfter(), 1.5);
        c.setReconnectAfter(1.5); // no change, no signal
        c.setReconnectAfter(0);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).toDouble(), 1.5);
        QCOMPARE(changed.at(1).at(0).toDouble(), 0.0);
    }

    void serverRestartedOnTheSamePort()
    {
        auto first = std::make_unique<TarantoolFixture>();
        QVERIFY2(first->start(), qPrintable(first->errorString()));
        const quint16 port = first->port();
        const QString listen = QStringLiteral("127.0.0.1:%1").arg(port);

        Connection c;
        c.setReconnectAfter(0.3);
        Story story(&c);
        Uri uri;
        QVERIFY(Uri::parse(first->uri(), &uri, nullptr));
        ConnectOptions o;
        o.user = QStringLiteral("boxscope");
        o.password = QStringLiteral("secret");
        c.connectToServer(uri, o);
        QVERIFY(waitFor([&] { return c.isReady() && c.schema().isLoaded(); }, 10000));
        const QStringList connectStory = {
            QStringLiteral("state connecting"), QStringLiteral("state greeting"), QStringLiteral("state auth"),
            QStringLiteral("state ready"),      QStringLiteral("ready"),          QStringLiteral("schema")
        };
        QCOMPARE(story.lines, connectStory);

        Request *ok = c.call(QStringLiteral("echo"), A({ S("first") }));
        QVERIFY(ok->waitForFinished(5000));
        QCOMPARE(ok->result(), A({ S("first") }));

        // The server goes away (SIGTERM by PID) while a slow call is pending.
        Request *slow = c.call(QStringLiteral("slow"), A({ U(30) }));
        QVERIFY(waitFor([&] { return c.pendingCount() == 1 && slow->state() == Request::State::Pending; }));
        story.lines.clear();
        first->stop();
        QVERIFY(slow->waitForFinished(10000));
        QCOMPARE(slow->state(), Request::State::Failed);
        QCOMPARE(slow->error().kind, Error::Kind::Connection);
        QCOMPARE(slow->error().code, uint32_t(77));
        QCOMPARE(slow->error().message, QStringLiteral("Peer closed"));
        QVERIFY(c.isReconnectScheduled());
        QCOMPARE(c.state(), Connection::State::Disconnected);

        // While it is down: a request fails at once, with the reason.
        Request *meanwhile = c.ping();
        QVERIFY(meanwhile->waitForFinished(5000));
        QCOMPARE(meanwhile->state(), Request::State::Failed);
        QCOMPARE(meanwhile->error().code, uint32_t(77));
        QVERIFY(!meanwhile->error().message.isEmpty());

        // At least one attempt finds nobody listening.
        QVERIFY2(waitFor([&] { return story.lines.filter(QStringLiteral("Connection refused")).size() >= 1; }, 10000),
                 qPrintable(story.lines.join(QLatin1Char('\n'))));

        // A new tarantool on the same port: the connection comes back by itself.
        auto second = std::make_unique<TarantoolFixture>();
        QVERIFY2(second->start(listen), qPrintable(second->errorString()));
        QCOMPARE(second->port(), port);
        QVERIFY2(waitFor(
                         [&] {
                             return c.isReady() && c.schema().isLoaded()
                                     && story.lines.contains(QStringLiteral("schema"));
                         },
                         20000),
                 qPrintable(story.lines.join(QLatin1Char('\n'))));
        QVERIFY(!c.isReconnectScheduled());
        QCOMPARE(c.reconnectAttempt(), 0);
        QVERIFY(c.lastError().isNull());

        // New requests work: authenticated again, the schema read again (a space by name).
        Request *who = c.eval(QStringLiteral("return box.session.user()"), A());
        QVERIFY2(who->waitForFinished(5000), qPrintable(describe(who)));
        QCOMPARE(who->result(), A({ S("boxscope") }));
        Request *byName = c.select(QStringLiteral("demo"), A({ U(3) }));
        QVERIFY2(byName->waitForFinished(5000), qPrintable(describe(byName)));
        QCOMPARE(byName->state(), Request::State::Done);
        QCOMPARE(byName->result().size(), size_t(1));

        // The whole story: lost, then "retry in 300 ms" / "reconnecting" per attempt, every
        // failed attempt saying why, then the attempt that works.
        const QStringList &s = story.lines;
        const QString text = s.join(QLatin1Char('\n'));
        QVERIFY2(s.size() > 8, qPrintable(text));
        QCOMPARE(s.mid(0, 4),
                 (QStringList { QStringLiteral("state closing"), QStringLiteral("state disconnected"),
                                QStringLiteral("disconnected: Peer closed (77)"),
                                QStringLiteral("retry #1 in 300 ms") }));
        int i = 4;
        int attempt = 1;
        bool refused = false;
        for (;; ++attempt) {
            QVERIFY2(i < s.size() && s.at(i) == QStringLiteral("reconnecting #%1").arg(attempt), qPrintable(text));
            QVERIFY2(s.at(i + 1) == QLatin1String("state connecting"), qPrintable(text));
            int failed = -1;
            for (int k = i; k < s.size() && failed < 0; ++k)
                failed = s.at(k).startsWith(QLatin1String("disconnected: ")) ? k : -1;
            const int readyAt = s.indexOf(QStringLiteral("ready"), i);
            if (failed >= 0 && (readyAt < 0 || failed < readyAt)) {
                refused = refused || s.at(failed).contains(QLatin1String("Connection refused"));
                QVERIFY2(s.at(failed - 1) == QLatin1String("state disconnected"), qPrintable(text));
                QVERIFY2(s.value(failed + 1) == QStringLiteral("retry #%1 in 300 ms").arg(attempt + 1),
                         qPrintable(text));
                i = failed + 2;
                continue;
            }
            QVERIFY2(readyAt >= 0, qPrintable(text));
            QCOMPARE(s.mid(readyAt - 3, 6),
                     (QStringList { QStringLiteral("state greeting"), QStringLiteral("state auth"),
                                    QStringLiteral("state ready"), QStringLiteral("ready"),
                                    QStringLiteral("reconnected on #%1").arg(attempt), QStringLiteral("schema") }));
            QCOMPARE(readyAt - 3, i + 2);
            break;
        }
        QVERIFY(refused);
        QVERIFY2(attempt >= 2, qPrintable(text));

        // A requested close ends reconnecting: nothing is retried after it.
        c.disconnectFromServer();
        QVERIFY(!c.isReconnectScheduled());
        second->stop();
        QVERIFY(!c.isReconnectScheduled());
        QCOMPARE(c.state(), Connection::State::Disconnected);
    }

    void disconnectStopsRetrying()
    {
        // A server that is gone for good: retries go on until disconnectFromServer().
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        Connection c;
        c.setReconnectAfter(0.2);
        Uri uri;
        QVERIFY(Uri::parse(fx.uri(), &uri, nullptr));
        c.connectToServer(uri);
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        QSignalSpy attempts(&c, &Connection::reconnecting);
        QSignalSpy disconnected(&c, &Connection::disconnected);
        fx.stop();
        QVERIFY(waitFor([&] { return attempts.count() >= 2; }, 10000));
        QVERIFY(c.isReconnectScheduled() || c.state() != Connection::State::Disconnected);
        c.disconnectFromServer();
        QVERIFY(!c.isReconnectScheduled());
        QCOMPARE(c.state(), Connection::State::Disconnected);
        QCOMPARE(disconnected.last().at(0).value<Error>().isNull(), true); // a requested close
        const int seen = attempts.count();
        // Three intervals later: no attempt was made after the close.
        QTest::qWait(600);
        QCOMPARE(attempts.count(), seen);
        QVERIFY(!c.isReconnectScheduled());
    }
    // A refused login ends the retries (the same credentials would be refused again), unless
    // asked to go on as net.box does.
    void loginFailureStopsRetrying()
    {
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        Uri uri;
        QVERIFY(Uri::parse(fx.uri(), &uri, nullptr));
        for (const bool goOn : { false, true }) {
            Connection c;
            c.setReconnectAfter(0.1);
            QSignalSpy attempts(&c, &Connection::reconnecting);
            ConnectOptions options;
            options.user = QStringLiteral("boxscope");
            options.password = QStringLiteral("wrong");
            options.reconnectAfterAuthFailure = goOn;
            c.connectToServer(uri, options);
            QVERIFY(waitFor([&] { return !c.lastError().isNull(); }, 10000));
            QCOMPARE(c.lastError().message, QStringLiteral("Incorrect password supplied for user 'boxscope'"));
            if (goOn) {
                QVERIFY(waitFor([&] { return attempts.count() >= 2; }, 10000));
                c.disconnectFromServer();
            } else {
                QTest::qWait(500); // five intervals
                QCOMPARE(attempts.count(), 0);
                QVERIFY(!c.isReconnectScheduled());
                QCOMPARE(c.state(), Connection::State::Disconnected);
            }
        }
    }

    // The console's net.box.connect(uri, {reconnect_after = N}), as net.box 2.6 does it: while
    // the server is down the state is 'error_reconnect' with the reason, a sync request waits
    // for the connection within its timeout and then fails with that reason, a future fails at
    // once; when a tarantool starts on the port, a waiting request goes through.
    void luaReconnectAfter()
    {
        RefusingPort hold;
        const quint16 port = hold.port();
        QVERIFY(port != 0);
        QStringList lines;
        LuaNetBox rt;
        rt.setOutput([&lines](const QString &line) { lines.append(line); });
        rt.setArguments(QStringLiteral("test"), { QString::number(port) });
        bool done = false;
        connect(&rt, &LuaNetBox::finished, this, [&] { done = true; });
        QVERIFY(rt.start(R"(
            local c = require('net.box').connect('127.0.0.1:' .. arg[1], {reconnect_after = 0.1,
                wait_connected = false, user = 'boxscope', password = 'secret'})
            while c.state ~= 'error_reconnect' do c:wait_connected(0.05) end
            print(c.state, c.error, c:is_connected())
            print(c:wait_connected(0.2), c.state)
            print(c:ping({timeout = 0.2}))
            local ok, e = pcall(c.eval, c, 'return 1', {}, {timeout = 0.3})
            print(ok, e.code, tostring(e))
            ok, e = pcall(c.eval, c, 'return 1', {}, {is_async = true})
            print(ok, e.code, tostring(e))
            print('waiting')
            print(c:eval('return box.session.user()', {}, {timeout = 30}))
            print(c.state, c.error, c:is_connected())
            c:close()
            print(c.state, c.error))"));
        std::unique_ptr<TarantoolFixture> server;
        QVERIFY2(waitFor([&] { return lines.contains(QStringLiteral("waiting")) || done; }, 15000),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY2(!done, qPrintable(rt.lastOutcome().error));
        QTest::qWait(300); // the request waits through a few refused attempts first
        hold.release();
        server = std::make_unique<TarantoolFixture>();
        QVERIFY2(server->start(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(server->errorString()));
        QVERIFY2(waitFor([&] { return done; }, 30000), qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY2(rt.lastOutcome().ok, qPrintable(rt.lastOutcome().error));
        QCOMPARE(lines,
                 (QStringList { QStringLiteral("error_reconnect\tConnection refused\tfalse"),
                                QStringLiteral("false\terror_reconnect"), QStringLiteral("false"),
                                QStringLiteral("false\t77\tConnection refused"),
                                QStringLiteral("false\t77\tConnection refused"), QStringLiteral("waiting"),
                                QStringLiteral("boxscope"), QStringLiteral("active\tnil\ttrue"),
                                QStringLiteral("closed\tConnection closed") }));
    }
};

QTEST_GUILESS_MAIN(tst_Reconnect)
#include "tst_reconnect.moc"
