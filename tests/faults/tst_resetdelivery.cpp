// Every complete frame received before a TCP reset is delivered before the error, against the
// SCRIPTED RESET SERVER (tests/faults/HostileServer.h, ResetServer): a real tarantool cannot
// reset on demand. The server runs on its own thread, so the reset can come while the client
// is blocked (data and reset both queued before it reads), busy with earlier pushes, or
// writing another request (a write that meets the reset fails before the rest is read).
#include "HostileServer.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>
#include <QtTest>

#include <chrono>
#include <thread>

#include <signal.h>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

enum class Client {
    Idle,         ///< runs its event loop
    Blocked,      ///< blocked until the reset is done: data and reset arrive together
    BlockedWrite, ///< blocked as above, then writes a ping before it reads anything
    BusyWriting,  ///< slow at each push, and writes a ping every 2 ms
    PushWrites,   ///< slow at each push, and writes a ping at each push (a schema reload, a
                  ///< request made from a push handler)
};

// Sleeps without running the event loop (the client's thread is blocked) until cond() holds.
bool blockUntil(const std::function<bool()> &cond, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return cond();
}

} // namespace

class tst_ResetDelivery : public QObject
{
    Q_OBJECT

private slots:
    void connection_data()
    {
        QTest::addColumn<int>("client");
        QTest::addColumn<int>("pushes");
        QTest::addColumn<int>("size");
        QTest::newRow("idle, 3 small") << int(Client::Idle) << 3 << 16;
        QTest::newRow("blocked, 3 small") << int(Client::Blocked) << 3 << 16;
        QTest::newRow("blocked, 40 x 1 KiB") << int(Client::Blocked) << 40 << 1024;
        QTest::newRow("blocked then a write, 3 small") << int(Client::BlockedWrite) << 3 << 16;
        QTest::newRow("blocked then a write, 40 x 1 KiB") << int(Client::BlockedWrite) << 40 << 1024;
        QTest::newRow("busy and writing, 400 x 32 KiB") << int(Client::BusyWriting) << 400 << 32 * 1024;
        QTest::newRow("busy, a write per push, 400 x 32 KiB") << int(Client::PushWrites) << 400 << 32 * 1024;
        QTest::newRow("busy, a write per push, 6000 x 1 KiB") << int(Client::PushWrites) << 6000 << 1024;
        QTest::newRow("idle, 400 x 32 KiB") << int(Client::Idle) << 400 << 32 * 1024;
    }

    void connection()
    {
        QFETCH(int, client);
        QFETCH(int, pushes);
        QFETCH(int, size);
        const Client mode = Client(client);
        const auto busy = std::chrono::microseconds(300);
        ResetServer server;
        server.pushes = pushes;
        server.pushSize = size;
        QVERIFY(server.listen());

        Connection conn;
        conn.connectToServer(server.uri());
        RequestOptions ro;
        ro.pushRetention = 0;
        Request *call = conn.call(QStringLiteral("f"), A(), ro);
        int received = 0;
        QString wrong;
        connect(call, &Request::pushReceived, this, [&](const MpValue &v, quint64 index) {
            ++received;
            if (wrong.isEmpty() && (index != quint64(received) || v.bytes() != ResetServer::pushValue(received, size)))
                wrong = QStringLiteral("push %1 is #%2").arg(received).arg(index);
            if (mode == Client::BusyWriting || mode == Client::PushWrites)
                std::this_thread::sleep_for(busy);
            if (mode == Client::PushWrites)
                conn.ping();
        });
        QTimer pinger;
        if (mode == Client::BusyWriting) {
            connect(&pinger, &QTimer::timeout, &conn, [&conn] { conn.ping(); });
            pinger.start(2);
        }
        if (mode == Client::Blocked || mode == Client::BlockedWrite) {
            QVERIFY(waitFor([&] { return server.callSeen.load(); }, 5000));
            QVERIFY(blockUntil([&] { return server.resetDone.load(); }, 5000));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            if (mode == Client::BlockedWrite)
                conn.ping();
        }
        QVERIFY(call->waitForFinished(20000));
        QCOMPARE(server.pushesSent.load(), pushes);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        QCOMPARE(received, pushes);
        QCOMPARE(call->state(), Request::State::Failed);
        QCOMPARE(call->error().message, QStringLiteral("Peer closed"));
    }

    void cli_data()
    {
        QTest::addColumn<bool>("stopped"); // SIGSTOP until the reset is done
        QTest::addColumn<int>("pushes");
        QTest::addColumn<int>("size");
        QTest::newRow("running, 3 small") << false << 3 << 16;
        QTest::newRow("stopped, 3 small") << true << 3 << 16;
        QTest::newRow("stopped, 40 x 1 KiB") << true << 40 << 1024;
        QTest::newRow("running, 400 x 32 KiB") << false << 400 << 32 * 1024;
    }

    void cli()
    {
        QFETCH(bool, stopped);
        QFETCH(int, pushes);
        QFETCH(int, size);
        ResetServer server;
        server.pushes = pushes;
        server.pushSize = size;
        QVERIFY(server.listen());
        QProcess p;
        p.setProgram(cliPath());
        p.setArguments({ QStringLiteral("--timeout"), QStringLiteral("20"), server.address(), QStringLiteral("call"),
                         QStringLiteral("f") });
        QByteArray out;
        connect(&p, &QProcess::readyReadStandardOutput, this, [&] { out += p.readAllStandardOutput(); });
        p.start();
        QVERIFY(p.waitForStarted(5000));
        if (stopped) {
            QVERIFY(waitFor([&] { return server.callSeen.load(); }, 5000));
            ::kill(pid_t(p.processId()), SIGSTOP);
            QVERIFY(waitFor([&] { return server.resetDone.load(); }, 5000));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            ::kill(pid_t(p.processId()), SIGCONT);
        }
        QVERIFY(waitFor([&] { return p.state() == QProcess::NotRunning; }, 30000));
        out += p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        const QList<QByteArray> lines = out.split('\n');
        QCOMPARE(server.pushesSent.load(), pushes);
        QVERIFY2(lines.size() == pushes + 2,
                 qPrintable(QStringLiteral("%1 lines; stderr: %2").arg(lines.size()).arg(QString::fromUtf8(err))));
        for (int i = 0; i < pushes; ++i)
            QVERIFY2(lines[i].startsWith("{\"event\":\"push\",\"index\":" + QByteArray::number(i + 1) + ","),
                     lines[i].left(80).constData());
        QVERIFY2(lines[pushes].contains("\"message\":\"Peer closed\""), lines[pushes].constData());
        QCOMPARE(p.exitCode(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_ResetDelivery)
#include "tst_resetdelivery.moc"
