// boxscope-cli (the built binary, $BOXSCOPE_CLI) against the SCRIPTED HOSTILE SERVER — only
// for faults a real tarantool cannot produce. For every scenario the CLI ends by itself
// within its --timeout: exit status 3 for a connection-level fault (0 where the connection
// recovers: a stray SYNC, a push after the result), the reason as one line on stderr and as
// an "error" JSON event, and every push received before the fault printed before it.
#include "CliProcess.h"
#include "HostileServer.h"
#include "TarantoolFixture.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;
using Fault = HostileServer::Fault;

namespace {
constexpr int kBlackhole = -1; // not a HostileServer scenario: a port whose SYN is dropped
}

class tst_CliFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString cli = cliPath();
        QVERIFY2(!cli.isEmpty(), "BOXSCOPE_CLI is not set (run through ctest)");
        QVERIFY2(QFileInfo(cli).isExecutable(), qPrintable(cli));
    }

    void scenario_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QStringList>("options"); // before the URI
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason"); // the start of the error message ("" = no error)
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("pushes"); // "before-1" ... printed first

        const QStringList t = { QStringLiteral("--timeout"), QStringLiteral("2") };
        auto row = [&](const char *name, int fault, int status, const QString &reason, const char *kind, int pushes,
                       QStringList options = {}) {
            QTest::newRow(name) << fault << (t + options) << status << reason << QString::fromLatin1(kind) << pushes;
        };
        row("wrong greeting", int(Fault::WrongGreeting), 3,
            QStringLiteral("not a Tarantool greeting: \"SSH-2.0-OpenSSH_9.2p1 Debian-2\" (an SSH server answered)"),
            "connection", 0);
        row("short greeting", int(Fault::ShortGreeting), 3,
            QStringLiteral("Peer closed after a short greeting: 60 of 128 bytes"), "connection", 0);
        row("HTTP service", int(Fault::HttpService), 3,
            QStringLiteral("not a Tarantool greeting: \"HTTP/1.1 400 Bad Request\" (an HTTP server answered)"),
            "connection", 0);
        row("malformed header", int(Fault::MalformedHeader), 3,
            QStringLiteral("malformed frame header at stream offset "), "protocol", 2);
        row("malformed body", int(Fault::MalformedBody), 3, QStringLiteral("malformed frame body at stream offset "),
            "protocol", 2);
        row("truncated frame, close", int(Fault::TruncatedFrame), 3,
            QStringLiteral("Peer closed in the middle of a frame: "), "connection", 2);
        row("length ce ff ff ff ff", int(Fault::HugeLength32), 3,
            QStringLiteral("frame of 4294967295 bytes exceeds the 268435456-byte limit"), "protocol", 2);
        row("length cf ff .. ff", int(Fault::HugeLength64), 3,
            QStringLiteral("frame of 18446744073709551615 bytes exceeds the 268435456-byte limit"), "protocol", 2);
        // Responses the protocol does not allow: a precise protocol error, never a null result.
        row("negative type", int(Fault::NegativeType), 3,
            QStringLiteral(
                    "malformed response (a frame of 13 bytes): REQUEST_TYPE is -1, not an unsigned 32-bit integer"),
            "protocol", 2);
        row("type not an integer", int(Fault::TypeNotInteger), 3,
            QStringLiteral("malformed response (a frame of 15 bytes): REQUEST_TYPE is 'OK', not an unsigned 32-bit "
                           "integer"),
            "protocol", 2);
        row("body not a map", int(Fault::BodyNotMap), 3,
            QStringLiteral("malformed response (a frame of 11 bytes): the body is ['done'], not a map"), "protocol", 2);
        row("error message not a string", int(Fault::ErrorMessageNotString), 3,
            QStringLiteral("malformed response (a frame of 10 bytes): the error message is 42, not a string"),
            "protocol", 2);
        row("unknown SYNC", int(Fault::UnknownSync), 0, QString(), "", 2);
        row("push after result", int(Fault::PushAfterResult), 0, QString(), "", 2);
        row("slow greeting", int(Fault::SlowGreeting), 3, QStringLiteral("Timeout exceeded: no greeting"), "timeout",
            0);
        row("slow response", int(Fault::SlowResponse), 3, QStringLiteral("Timeout exceeded"), "timeout", 2);
        // Every complete frame received before a reset is delivered first, then the error.
        row("reset after a push", int(Fault::ResetAfterPush), 3, QStringLiteral("Peer closed"), "connection", 3);
        row("reset mid-frame", int(Fault::ResetMidFrame), 3, QStringLiteral("Peer closed in the middle of a frame: "),
            "connection", 2);
        row("silent peer", int(Fault::Silent), 3, QStringLiteral("Timeout exceeded: no greeting"), "timeout", 0);
        // Below a millisecond is a millisecond, never "no deadline" (the last --timeout wins).
        row("silent peer, --timeout 0.0005", int(Fault::Silent), 3, QStringLiteral("Timeout exceeded"), "timeout", 0,
            { QStringLiteral("--timeout"), QStringLiteral("0.0005") });
        row("auth never answered", int(Fault::AuthNeverAnswered), 3,
            QStringLiteral("Timeout exceeded: no auth response"), "timeout", 0,
            { QStringLiteral("--user"), QStringLiteral("someone"), QStringLiteral("--password"),
              QStringLiteral("pw") });
        row("request never answered", int(Fault::RequestNeverAnswered), 3, QStringLiteral("Timeout exceeded"),
            "timeout", 0);
        row("connect black hole", kBlackhole, 3, QStringLiteral("Timeout exceeded: no connection"), "timeout", 0);
    }

    void scenario()
    {
        QFETCH(int, fault);
        QFETCH(QStringList, options);
        QFETCH(int, status);
        QFETCH(QString, reason);
        QFETCH(QString, kind);
        QFETCH(int, pushes);

        std::unique_ptr<HostileServer> server;
        std::unique_ptr<BlackholeListener> hole;
        QString address;
        if (fault == kBlackhole) {
            hole = std::make_unique<BlackholeListener>();
            QVERIFY(hole->isValid());
            address = QStringLiteral("127.0.0.1:%1").arg(hole->port());
        } else {
            server = std::make_unique<HostileServer>(Fault(fault));
            server->dribbleIntervalMs = 500; // a dribbled greeting or result takes far longer than --timeout
            QVERIFY(server->listen());
            address = server->address();
        }
        const CliResult r =
                runCliProcess(options + QStringList { address, QStringLiteral("call"), QStringLiteral("f") });
        QVERIFY2(r.finished, qPrintable(QStringLiteral("boxscope-cli did not end: ") + r.describe()));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == status, qPrintable(r.describe()));
        QVERIFY2(r.jsonError.isEmpty(), qPrintable(r.jsonError));

        // The pushes that came before the fault, printed first and in order.
        QVERIFY2(r.json.size() >= size_t(pushes + 1), qPrintable(r.describe()));
        for (int i = 0; i < pushes; ++i) {
            const QJsonObject &p = r.json[size_t(i)];
            QCOMPARE(p.value(QLatin1String("event")).toString(), QStringLiteral("push"));
            QCOMPARE(p.value(QLatin1String("index")).toInt(), i + 1);
            QCOMPARE(p.value(QLatin1String("value")).toString(), QStringLiteral("before-%1").arg(i + 1));
        }
        QCOMPARE(r.json.size(), size_t(pushes + 1));
        const QJsonObject last = r.json.back();

        if (status == 0) {
            QCOMPARE(last.value(QLatin1String("event")).toString(), QStringLiteral("result"));
            QCOMPARE(last.value(QLatin1String("value")).toArray(), QJsonArray({ QStringLiteral("done") }));
            if (fault == int(Fault::UnknownSync))
                QVERIFY2(r.err.contains("unknown response with SYNC 999999 (code 0x0) ignored"), r.err.constData());
            return;
        }
        // One error event and one line on stderr, saying the same.
        QCOMPARE(last.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        const QString message = last.value(QLatin1String("message")).toString();
        qInfo("exit %d: %s", r.exitCode, qPrintable(message));
        QVERIFY2(message.startsWith(reason), qPrintable(message));
        QCOMPARE(last.value(QLatin1String("kind")).toString(), kind);
        QCOMPARE(last.value(QLatin1String("code")).toInt(), kind == QLatin1String("timeout") ? 78 : 77);
        QCOMPARE(r.stderrLines(), QStringList { QStringLiteral("boxscope-cli: ") + message });
    }

    void flood()
    {
        // An endless flood of pushes for the call: the CLI prints every one as it comes and
        // still ends at its --timeout (its timers run in the middle of the flood).
        HostileServer server(Fault::Flood);
        server.pushesBefore = 0;
        server.floodCount = 0;
        QVERIFY(server.listen());
        const CliResult r = runCliProcess({ QStringLiteral("--timeout"), QStringLiteral("1.5"), server.address(),
                                            QStringLiteral("call"), QStringLiteral("f") });
        QVERIFY2(r.finished, qPrintable(QStringLiteral("boxscope-cli did not end: ") + r.describe()));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(r.jsonError.isEmpty(), qPrintable(r.jsonError));
        QVERIFY2(r.json.size() >= 2, qPrintable(r.describe()));
        // Every push line is there, numbered 1, 2, 3, ... with the value the server sent.
        const size_t pushes = r.json.size() - 1;
        for (size_t i = 0; i < pushes; ++i) {
            const QJsonObject &p = r.json[i];
            if (p.value(QLatin1String("event")).toString() != QLatin1String("push")
                || p.value(QLatin1String("index")).toInteger() != qint64(i + 1)
                || p.value(QLatin1String("value")).toInteger() != qint64(i + 1))
                QFAIL(qPrintable(QStringLiteral("line %1 is not push #%1: %2")
                                         .arg(i + 1)
                                         .arg(QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Compact)))));
        }
        qInfo("%zu pushes printed before the timeout (%llu written)", pushes, server.floodWritten());
        QVERIFY(server.floodWritten() >= pushes);
        const QJsonObject last = r.json.back();
        QCOMPARE(last.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(last.value(QLatin1String("message")).toString(), QStringLiteral("Timeout exceeded"));
        QCOMPARE(last.value(QLatin1String("code")).toInt(), 78);
        QCOMPARE(r.stderrLines(), QStringList { QStringLiteral("boxscope-cli: Timeout exceeded") });
    }
};

QTEST_GUILESS_MAIN(tst_CliFaults)
#include "tst_clifaults.moc"
