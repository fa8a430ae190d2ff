// boxscope-cli never echoes a password: not on stdout, not on stderr, whether it is given as
// --user/--password or inside the URI, whether the login works, is refused, the URI does
// not parse, nobody listens or the peer is hostile; and it is hidden from the process's
// command line (what ps shows) while the CLI runs. Against a REAL tarantool (user
// boxscope/secret from resources/sandbox.lua) wherever one can produce the case; the
// SCRIPTED HOSTILE SERVER only for an AUTH that is never answered and a wrong greeting.
#include "CliProcess.h"
#include "HostileServer.h"
#include "TarantoolFixture.h"
#include "sandbox/SandboxServer.h"

#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;
using Fault = HostileServer::Fault;

namespace {
// Distinctive, so that a hit is the password and nothing else.
const QString kGood = QStringLiteral("secret");
const QString kWrong = QStringLiteral("wrongpass-Zq9");

QString closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("127.0.0.1:%1").arg(port);
}
} // namespace

#define CHECK_NO_PASSWORD(run, password) \
    do { \
        QVERIFY2(!(run).out.contains((password).toUtf8()), qPrintable((run).describe())); \
        QVERIFY2(!(run).err.contains((password).toUtf8()), qPrintable((run).describe())); \
    } while (0)

class tst_CliSecrets : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    QString m_addr;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "BOXSCOPE_CLI is not set (run through ctest)");
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_addr = m_fx->uri();
    }

    void cleanupTestCase() { m_fx.reset(); }

    void realServer_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected"); // in stdout
        const QString eval = QStringLiteral("return box.session.user()");
        const QString refused = QStringLiteral("Incorrect password supplied for user 'boxscope'");
        const QStringList opts = { QStringLiteral("--user"), QStringLiteral("boxscope"), QStringLiteral("--password") };
        const QString closed = closedPort();
        QTest::newRow("--password, right") << (opts + QStringList { kGood, m_addr, QStringLiteral("eval"), eval })
                                           << kGood << 0 << QStringLiteral("\"value\":[\"boxscope\"]");
        QTest::newRow("--password, wrong")
                << (opts + QStringList { kWrong, m_addr, QStringLiteral("eval"), eval }) << kWrong << 3 << refused;
        QTest::newRow("URI, right") << QStringList { QStringLiteral("boxscope:") + kGood + QLatin1Char('@') + m_addr,
                                                     QStringLiteral("eval"), eval }
                                    << kGood << 0 << QStringLiteral("\"value\":[\"boxscope\"]");
        QTest::newRow("URI, wrong") << QStringList { QStringLiteral("boxscope:") + kWrong + QLatin1Char('@') + m_addr,
                                                     QStringLiteral("ping") }
                                    << kWrong << 3 << refused;
        QTest::newRow("URI, bad port") << QStringList {
            QStringLiteral("boxscope:") + kGood + QStringLiteral("@127.0.0.1:99999"), QStringLiteral("ping")
        } << kGood << 2 << QString();
        QTest::newRow("URI, nobody listens")
                << QStringList { QStringLiteral("boxscope:") + kGood + QLatin1Char('@') + closed,
                                 QStringLiteral("ping") }
                << kGood << 3 << QStringLiteral("Connection refused");
        QTest::newRow("--password, nobody listens") << (opts + QStringList { kGood, closed, QStringLiteral("ping") })
                                                    << kGood << 3 << QStringLiteral("Connection refused");
        // Typos: the password is in what the message would quote.
        QTest::newRow("a URI where the command should be")
                << QStringList { m_addr, QStringLiteral("boxscope:") + kGood + QStringLiteral("@127.0.0.1:99999") }
                << kGood << 2 << QString();
        QTest::newRow("a URI given to script")
                << QStringList { QStringLiteral("script"),
                                 QStringLiteral("boxscope:") + kGood + QStringLiteral("@127.0.0.1:99999") }
                << kGood << 2 << QString();
        QTest::newRow("--password= misspelt")
                << QStringList { QStringLiteral("--pasword=") + kGood, m_addr, QStringLiteral("ping") } << kGood << 2
                << QString();
        QTest::newRow("URI list, one refused")
                << QStringList { QStringLiteral("boxscope:%1@%2,boxscope:%1@%3").arg(kGood, m_addr, closed),
                                 QStringLiteral("eval"), eval }
                << kGood << 3 << QStringLiteral("\"value\":[\"boxscope\"]");
        QTest::newRow("server error")
                << (opts + QStringList { kGood, m_addr, QStringLiteral("call"), QStringLiteral("no_such_function") })
                << kGood << 1 << QStringLiteral("Procedure 'no_such_function' is not defined");
    }

    void realServer()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, password);
        QFETCH(int, status);
        QFETCH(QString, expected);
        const CliResult r = runCliProcess(args);
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QVERIFY2(r.exitCode == status, qPrintable(r.describe()));
        if (!expected.isEmpty())
            QVERIFY2(r.out.contains(expected.toUtf8()), qPrintable(r.describe()));
        if (status == 2 && args.join(QLatin1Char(' ')).contains(QLatin1String("@127.0.0.1:99999")))
            QVERIFY2(r.err.contains("boxscope:***@127.0.0.1:99999"), qPrintable(r.describe()));
        CHECK_NO_PASSWORD(r, password);
    }

    void hostileServer_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<bool>("inUri");
        QTest::newRow("auth never answered, --password") << int(Fault::AuthNeverAnswered) << false;
        QTest::newRow("auth never answered, URI") << int(Fault::AuthNeverAnswered) << true;
        QTest::newRow("wrong greeting, URI") << int(Fault::WrongGreeting) << true;
        QTest::newRow("malformed header, --password") << int(Fault::MalformedHeader) << false;
    }

    void hostileServer()
    {
        QFETCH(int, fault);
        QFETCH(bool, inUri);
        HostileServer server { Fault(fault) };
        QVERIFY(server.listen());
        QStringList args = { QStringLiteral("--timeout"), QStringLiteral("1") };
        if (inUri)
            args << QStringLiteral("boxscope:") + kGood + QLatin1Char('@') + server.address();
        else
            args << QStringLiteral("--user") << QStringLiteral("boxscope") << QStringLiteral("--password") << kGood
                 << server.address();
        args << QStringLiteral("call") << QStringLiteral("f");
        const CliResult r = runCliProcess(args);
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("\"event\":\"error\""), qPrintable(r.describe()));
        CHECK_NO_PASSWORD(r, kGood);
    }

    void hiddenFromTheProcessList_data()
    {
        QTest::addColumn<int>("form");
        QTest::newRow("--password P") << 0;
        QTest::newRow("URI") << 1;
        QTest::newRow("--password=P after the command") << 2;
        QTest::newRow("URI list") << 3;
    }

    void hiddenFromTheProcessList()
    {
        // While the CLI waits (a peer that never greets), its command line as ps shows it.
        QFETCH(int, form);
        const bool inUri = form == 1;
        HostileServer server(Fault::Silent);
        QVERIFY(server.listen());
        HostileServer second(Fault::Silent);
        QVERIFY(second.listen());
        QStringList args = { QStringLiteral("--timeout"), QStringLiteral("30") };
        if (form == 3)
            args << QStringLiteral("boxscope:%1@%2,boxscope:%1@%3").arg(kGood, server.address(), second.address());
        else if (inUri)
            args << QStringLiteral("boxscope:") + kGood + QLatin1Char('@') + server.address();
        else if (form == 0)
            args << QStringLiteral("--user") << QStringLiteral("boxscope") << QStringLiteral("--password") << kGood
                 << server.address();
        else
            args << server.address();
        args << QStringLiteral("ping");
        if (form == 2)
            args << QStringLiteral("--user=boxscope") << QStringLiteral("--password=") + kGood;
        QProcess p;
        p.start(cliPath(), args);
        QVERIFY(p.waitForStarted(5000));
        // Connected: the CLI has read its arguments long before.
        QVERIFY(waitFor([&] { return server.connectionCount() == 1; }, 10000));
        if (form == 3)
            QVERIFY(waitFor([&] { return second.connectionCount() == 1; }, 10000));
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(p.processId()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        const QByteArray shown = cmdline.readAll();
        p.kill(); // this child only
        p.waitForFinished(5000);
        QVERIFY2(shown.contains(server.address().toUtf8()), shown.constData());
        QVERIFY2(!shown.contains(kGood.toUtf8()), shown.constData());
        // Masked with a fixed "***": nothing tells the password's length.
        const QByteArray hidden = form == 1 ? QByteArray("boxscope:***@")
                : form == 0                 ? QByteArray("--password *** ")
                : form == 3
                ? QStringLiteral("boxscope:***@%1,boxscope:***@%2").arg(server.address(), second.address()).toUtf8()
                : QByteArray("--password=***");
        QVERIFY2(shown.contains(hidden), shown.constData());
        QVERIFY2(!shown.contains("****"), shown.constData());
        QVERIFY2(shown.startsWith(QFileInfo(cliPath()).filePath().toUtf8()) || shown.contains("boxscope-cli"),
                 shown.constData());
    }
};

QTEST_GUILESS_MAIN(tst_CliSecrets)
#include "tst_clisecrets.moc"
