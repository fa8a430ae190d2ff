// A write that fails (the peer reset the connection while the client was not reading) is
// reported from the event loop, never from inside the call that wrote: a request made then
// fails with the connection's error instead of waiting forever in a closed connection, on the
// Request path and on the light path. The peer is a scripted fake server (a QTcpServer that
// sends a greeting, then resets with SO_LINGER 0): a real tarantool does not reset on demand.
#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/RequestSpec.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace Boxscope;

namespace {

QByteArray greeting()
{
    QByteArray l1 = "Tarantool 2.6.0 (Binary) 6e079a5e-15e8-4dba-9363-5bffd4ce554d";
    l1 = l1.leftJustified(63, ' ', true) + '\n';
    QByteArray l2 = QByteArray(32, 'k').toBase64();
    l2 = l2.leftJustified(63, ' ', true) + '\n';
    return l1 + l2;
}

bool waitFor(const std::function<bool()> &cond, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return cond();
}

// A scripted server: greets, then resets the connection when asked.
struct ResettingServer
{
    QTcpServer server;
    QTcpSocket *peer = nullptr;

    ResettingServer()
    {
        server.listen(QHostAddress::LocalHost);
        QObject::connect(&server, &QTcpServer::newConnection, [this] {
            peer = server.nextPendingConnection();
            peer->write(greeting());
            peer->flush();
        });
    }
    Uri uri() const
    {
        Uri u;
        u.host = QStringLiteral("127.0.0.1");
        u.port = server.serverPort();
        return u;
    }
    // RST, and a moment for it to reach the client's kernel (the client's loop does not run).
    void reset()
    {
        const int fd = int(peer->socketDescriptor());
        linger l { 1, 0 };
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
};

} // namespace

class tst_WriteFailure : public QObject
{
    Q_OBJECT

private slots:
    void aRequestAfterAResetFails()
    {
        ResettingServer s;
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        c.connectToServer(s.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }, 5000));
        s.reset();
        QPointer<Request> r = c.ping();
        // Nothing is closed from inside submit(): the request is in flight, the state Ready.
        QVERIFY(!r->isFinished());
        QVERIFY(waitFor([&] { return r && r->isFinished(); }, 3000));
        QCOMPARE(r->state(), Request::State::Failed);
        QCOMPARE(r->error().kind, Error::Kind::Connection);
        QCOMPARE(c.state(), Connection::State::Disconnected);
    }

    void aLightRequestAfterAResetFails()
    {
        ResettingServer s;
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        c.connectToServer(s.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }, 5000));
        int answers = 0;
        Error::Kind kind = Error::Kind::None;
        c.setLightHandler([&](const Connection::LightAnswer &a) {
            ++answers;
            kind = a.error ? a.error->kind : Error::Kind::None;
        });
        s.reset();
        QVERIFY(c.sendLight(RequestSpec::ping(), 1) != 0);
        QVERIFY(c.sendLight(RequestSpec::ping(), 2) != 0); // the handler was not called in between
        QCOMPARE(answers, 0);
        QVERIFY(waitFor([&] { return answers == 2; }, 3000));
        QCOMPARE(kind, Error::Kind::Connection);
        QCOMPARE(c.lightPendingCount(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(tst_WriteFailure)
#include "tst_writefailure.moc"
