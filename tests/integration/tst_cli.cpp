// boxscope-cli end to end: the built binary ($BOXSCOPE_CLI) against a real tarantool running
// resources/sandbox.lua. Every stdout line must be one JSON object; exit status 0 result,
// 1 server error, 2 usage error, 3 connection error or timeout.

#include "TarantoolFixture.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;

namespace {

struct CliRun
{
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    QList<QByteArray> lines;        // stdout lines
    std::vector<qint64> lineAtMs;   // when each line reached us, since the start
    std::vector<double> lineAtWall; // when each line reached us, wall-clock seconds
    std::vector<QJsonObject> json;  // each line parsed
    QString jsonError;              // the first line that is not a JSON object
    qint64 elapsedMs = 0;

    QString describe() const
    {
        return QStringLiteral("exit %1, stdout:\n%2stderr:\n%3")
                .arg(exitCode)
                .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

CliRun runCli(const QStringList &args, int timeoutMs = 20000)
{
    CliRun run;
    QProcess p;
    p.setProgram(Test::cliPath());
    p.setArguments(args);
    QElapsedTimer clock;
    QByteArray partial;
    auto take = [&] {
        const QByteArray chunk = p.readAllStandardOutput();
        run.out += chunk;
        partial += chunk;
        int nl;
        while ((nl = partial.indexOf('\n')) >= 0) {
            const QByteArray line = partial.left(nl);
            partial.remove(0, nl + 1);
            run.lines << line;
            run.lineAtMs.push_back(clock.elapsed());
            run.lineAtWall.push_back(
                    std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
            QJsonParseError e;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
            if (e.error != QJsonParseError::NoError || !doc.isObject()) {
                if (run.jsonError.isEmpty())
                    run.jsonError =
                            QStringLiteral("not a JSON object: %1 (%2)").arg(QString::fromUtf8(line), e.errorString());
                run.json.push_back(QJsonObject());
            } else {
                run.json.push_back(doc.object());
            }
        }
    };
    QObject::connect(&p, &QProcess::readyReadStandardOutput, &p, take);
    clock.start();
    p.start();
    if (!p.waitForStarted(5000))
        return run;
    run.finished = Test::waitFor([&] { return p.state() == QProcess::NotRunning; }, timeoutMs);
    run.elapsedMs = clock.elapsed();
    if (!run.finished) {
        p.kill(); // this child only
        p.waitForFinished(3000);
        return run;
    }
    take();
    if (!partial.isEmpty()) {
        run.lines << partial;
        run.jsonError = QStringLiteral("unterminated last line: %1").arg(QString::fromUtf8(partial));
    }
    run.err = p.readAllStandardError();
    run.exitCode = p.exitCode();
    run.exitStatus = p.exitStatus();
    return run;
}

QJsonValue parseJson(const QByteArray &text)
{
    // Wrapped so that scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]");
    return doc.isArray() ? doc.array().at(0) : QJsonValue(QJsonValue::Undefined);
}

QString closedPortAddress()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

// Runs the CLI with its stdout a pipe nobody reads (the pipe fills, writes block) and returns
// how it ended; elapsedMs < 0 when it had to be killed after 15 s.
struct BlockedRun
{
    qint64 elapsedMs = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray err;
};
BlockedRun runWithBlockedStdout(const QStringList &args)
{
    BlockedRun run;
    int fds[2];
    if (::pipe(fds) != 0)
        return run;
    auto closeFds = qScopeGuard([&] {
        ::close(fds[0]);
        ::close(fds[1]);
    });
    QProcess p;
    p.setChildProcessModifier([&fds] { ::dup2(fds[1], STDOUT_FILENO); });
    QElapsedTimer timer;
    timer.start();
    p.start(Test::cliPath(), args);
    if (!p.waitForStarted(5000))
        return run;
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished(5000);
        return run;
    }
    run.elapsedMs = timer.elapsed();
    run.exitStatus = p.exitStatus();
    run.exitCode = p.exitCode();
    run.err = p.readAllStandardError();
    return run;
}

} // namespace

// Runs the CLI and checks it ended normally with the expected status and valid JSON lines.
#define RUN_CLI(var, status, ...) \
    const CliRun var = runCli(__VA_ARGS__); \
    QVERIFY2(var.finished, qPrintable(QStringLiteral("boxscope-cli did not finish: ") + var.describe())); \
    QCOMPARE(var.exitStatus, QProcess::NormalExit); \
    QVERIFY2(var.exitCode == (status), qPrintable(var.describe())); \
    QVERIFY2(var.jsonError.isEmpty(), qPrintable(var.jsonError))

class tst_Cli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    QString m_addr;

    // The one result line of a successful run; its "value".
    static QJsonValue resultValue(const CliRun &run)
    {
        if (run.json.size() != 1 || run.json[0].value(QLatin1String("event")).toString() != QLatin1String("result"))
            return QJsonValue(QJsonValue::Undefined);
        return run.json[0].value(QLatin1String("value"));
    }

private slots:
    void initTestCase()
    {
        const QString cli = Test::cliPath();
        QVERIFY2(!cli.isEmpty(), "BOXSCOPE_CLI is not set (run through ctest)");
        QVERIFY2(QFileInfo(cli).isExecutable(), qPrintable(cli));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_addr = m_fx->uri();
    }

    void cleanupTestCase() { m_fx.reset(); }

    void ping()
    {
        RUN_CLI(r, 0, { m_addr, QStringLiteral("ping") });
        QCOMPARE(r.json.size(), size_t(1));
        QCOMPARE(r.json[0].value(QLatin1String("event")).toString(), QStringLiteral("result"));
        QVERIFY(r.json[0].contains(QLatin1String("value")));
        QVERIFY(r.json[0].value(QLatin1String("elapsed_ms")).isDouble());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    void serverFunctionPushThenResult()
    {
        RUN_CLI(x, 0, { m_addr, QStringLiteral("eval"), QStringLiteral("return x") });
        const QJsonValue xv = resultValue(x);
        QVERIFY(xv.isArray());
        const int x0 = xv.toArray().at(0).toInt(-1);
        QVERIFY(x0 >= 0);

        RUN_CLI(r, 0, { m_addr, QStringLiteral("call"), QStringLiteral("server_function") });
        QCOMPARE(r.json.size(), size_t(2));
        const QJsonObject push = r.json[0];
        const QJsonObject result = r.json[1];
        QCOMPARE(push.value(QLatin1String("event")).toString(), QStringLiteral("push"));
        QCOMPARE(push.value(QLatin1String("index")).toInt(), 1);
        QCOMPARE(push.value(QLatin1String("value")).toInt(-1), x0 + 1);
        const double pushMs = push.value(QLatin1String("elapsed_ms")).toDouble(-1);
        QVERIFY2(pushMs >= 900 && pushMs < 5000, qPrintable(QString::number(pushMs)));
        QCOMPARE(result.value(QLatin1String("event")).toString(), QStringLiteral("result"));
        QCOMPARE(result.value(QLatin1String("value")), QJsonValue(QJsonArray()));
        QVERIFY(result.value(QLatin1String("elapsed_ms")).toDouble() >= pushMs);
        // The push line is literally first in the output.
        QVERIFY(r.lines[0].startsWith("{\"event\":\"push\",\"index\":1,"));
    }

    void pushesArePrintedAsTheyCome()
    {
        // progress(3, 0.4): a push every 400 ms. Each line must reach a reader when it happens,
        // not when the process exits.
        RUN_CLI(r, 0, { m_addr, QStringLiteral("call"), QStringLiteral("progress"), QStringLiteral("{3, 0.4}") });
        QCOMPARE(r.json.size(), size_t(4));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(r.json[size_t(i)].value(QLatin1String("event")).toString(), QStringLiteral("push"));
            QCOMPARE(r.json[size_t(i)].value(QLatin1String("index")).toInt(), i + 1);
            const QJsonObject v = r.json[size_t(i)].value(QLatin1String("value")).toObject();
            QCOMPARE(v.value(QLatin1String("i")).toInt(), i + 1);
            QCOMPARE(v.value(QLatin1String("of")).toInt(), 3);
        }
        QCOMPARE(r.json[3].value(QLatin1String("value")), parseJson("[3]"));
        QVERIFY2(r.lineAtMs[3] - r.lineAtMs[0] >= 500,
                 qPrintable(
                         QStringLiteral("first push at %1 ms, result at %2 ms").arg(r.lineAtMs[0]).arg(r.lineAtMs[3])));
    }

    // stdout is written in large blocks, and whenever the CLI has handled what arrived: a push
    // that comes alone (one every 200 ms, the server's wall clock as its value) reaches the
    // pipe within ~50 ms of being sent, not at the next block or at exit.
    void lonePushesReachThePipeAtOnce()
    {
        RUN_CLI(r, 0,
                { m_addr, QStringLiteral("eval"),
                  QStringLiteral("local fiber, clock = require('fiber'), require('clock') "
                                 "for i = 1, 6 do fiber.sleep(0.2) box.session.push(clock.time()) end return 6") });
        QCOMPARE(r.json.size(), size_t(7));
        std::vector<double> delays;
        for (size_t i = 0; i < 6; ++i) {
            QCOMPARE(r.json[i].value(QLatin1String("event")).toString(), QStringLiteral("push"));
            delays.push_back((r.lineAtWall[i] - r.json[i].value(QLatin1String("value")).toDouble()) * 1000);
        }
        QStringList text;
        for (double d : delays)
            text << QString::number(d, 'f', 1);
        qInfo("push to pipe, ms: %s", qPrintable(text.join(QLatin1String(", "))));
        std::sort(delays.begin(), delays.end());
        QVERIFY2(delays[3] < 50, qPrintable(text.join(QLatin1String(", "))));      // the median
        QVERIFY2(delays.back() < 180, qPrintable(text.join(QLatin1String(", ")))); // before the next push
    }

    void asyncPrintsSentFirst()
    {
        RUN_CLI(r, 0,
                { QStringLiteral("--async"), m_addr, QStringLiteral("call"), QStringLiteral("echo"),
                  QStringLiteral("{1, 'a'}") });
        QCOMPARE(r.json.size(), size_t(2));
        QCOMPARE(r.json[0].value(QLatin1String("event")).toString(), QStringLiteral("sent"));
        QVERIFY(r.json[0].value(QLatin1String("sync")).toInt() > 0);
        QCOMPARE(r.json[1].value(QLatin1String("value")), parseJson("[1, \"a\"]"));
    }

    void unknownFunction()
    {
        RUN_CLI(r, 1, { m_addr, QStringLiteral("call"), QStringLiteral("no_such_function") });
        QCOMPARE(r.json.size(), size_t(1));
        const QJsonObject e = r.json[0];
        QCOMPARE(e.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(e.value(QLatin1String("code")).toInt(), 33);
        QCOMPARE(e.value(QLatin1String("type")).toString(), QStringLiteral("ClientError"));
        QCOMPARE(e.value(QLatin1String("message")).toString(),
                 QStringLiteral("Procedure 'no_such_function' is not defined"));
        QCOMPARE(e.value(QLatin1String("kind")).toString(), QStringLiteral("server"));
        // The MP_ERROR stack by box.error's names, outermost error first.
        const QJsonArray stack = e.value(QLatin1String("stack")).toArray();
        QCOMPARE(stack.size(), 1);
        const QJsonObject top = stack.at(0).toObject();
        QCOMPARE(top.value(QLatin1String("type")).toString(), QStringLiteral("ClientError"));
        QCOMPARE(top.value(QLatin1String("code")).toInt(), 33);
        QCOMPARE(top.value(QLatin1String("message")).toString(),
                 QStringLiteral("Procedure 'no_such_function' is not defined"));
        QVERIFY(top.value(QLatin1String("file")).toString().endsWith(QLatin1String(".c")));
        QVERIFY(top.value(QLatin1String("line")).toInt() > 0);
        QCOMPARE(top.value(QLatin1String("errno")).toInt(), 0);
        QVERIFY(r.err.contains("Procedure 'no_such_function' is not defined"));
    }

    void customError()
    {
        RUN_CLI(r, 1, { m_addr, QStringLiteral("call"), QStringLiteral("fail"), QStringLiteral("'boom'") });
        QCOMPARE(r.json.size(), size_t(1));
        QCOMPARE(r.json[0].value(QLatin1String("code")).toInt(), 42);
        QCOMPARE(r.json[0].value(QLatin1String("message")).toString(), QStringLiteral("boom"));
    }

    void helpAndVersion()
    {
        const CliRun help = runCli({ QStringLiteral("--help") });
        QVERIFY2(help.finished && help.exitCode == 0, qPrintable(help.describe()));
        const QString text = QString::fromUtf8(help.out);
        for (const char *needle : { "URI COMMAND", "--timeout <SECONDS>", "--iterator", "select SPACE [KEY]",
                                    "script [--timeout SECONDS] FILE.lua" })
            QVERIFY2(text.contains(QLatin1String(needle)), needle);
        const CliRun version = runCli({ QStringLiteral("--version") });
        QVERIFY2(version.finished && version.exitCode == 0, qPrintable(version.describe()));
        QVERIFY2(version.out.startsWith("boxscope-cli ") && version.out.trimmed().split(' ').size() == 2,
                 version.out.constData());
    }

    // Options before, between and after the URI and the command; words with a leading minus
    // are arguments (Lua literals), not options.
    void optionsAnywhere()
    {
        RUN_CLI(r, 0,
                { m_addr, QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("eval"),
                  QStringLiteral("return ..."), QStringLiteral("-1, -2.5"), QStringLiteral("--async") });
        QCOMPARE(r.json.size(), size_t(2));
        QCOMPARE(r.json[0].value(QLatin1String("event")).toString(), QStringLiteral("sent"));
        QCOMPARE(r.json[1].value(QLatin1String("value")).toArray(), QJsonArray({ -1, -2.5 }));

        RUN_CLI(s, 0,
                { QStringLiteral("--limit=1"), m_addr, QStringLiteral("select"), QStringLiteral("_vspace"),
                  QStringLiteral("--iterator"), QStringLiteral("GE") });
        QCOMPARE(resultValue(s).toArray().size(), 1);

        // After "--" an option-like word is an argument.
        RUN_CLI(d, 0,
                { m_addr, QStringLiteral("eval"), QStringLiteral("return ..."), QStringLiteral("--"),
                  QStringLiteral("'--async'") });
        QCOMPARE(resultValue(d).toArray(), QJsonArray({ QStringLiteral("--async") }));
    }

    // netcore logs through Qt's logging categories: quiet by default (the ping test checks an
    // empty stderr), on stderr when QT_LOGGING_RULES asks, never on stdout.
    void loggingRules()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("boxscope.client=true"));
        p.setProcessEnvironment(env);
        p.start(Test::cliPath(), { m_addr, QStringLiteral("ping") });
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("boxscope.client: %1 state ready").arg(m_addr)), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("schema version")), qPrintable(err));
        const QList<QByteArray> out = p.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(out.size(), 1);
        QVERIFY(out.first().startsWith("{\"event\":\"result\""));
    }

    // --timeout holds while stdout is a pipe nobody reads and pushes keep coming: the
    // process ends (exit 3, the reason on stderr) instead of waiting in write().
    void deadlineWhileStdoutIsBlocked()
    {
        const BlockedRun run =
                runWithBlockedStdout({ QStringLiteral("--timeout"), QStringLiteral("2"), m_addr, QStringLiteral("call"),
                                       QStringLiteral("push_n"), QStringLiteral("{200000, 1024}") });
        QVERIFY2(run.elapsedMs >= 0, "boxscope-cli stayed blocked past its --timeout");
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("Timeout exceeded"), run.err.constData());
        QVERIFY2(run.elapsedMs < 10000, qPrintable(QString::number(run.elapsedMs)));
    }

    // script --timeout: one deadline for the whole script, whether it waits, loops over many
    // requests, computes, or prints to a pipe nobody reads. What it printed before is kept.
    void scriptTimeout_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("waits") << QByteArray("local c = require('net.box').connect(arg[1])\n"
                                             "print('before')\n"
                                             "c:call('slow', {30})\n"
                                             "print('after')\n");
        QTest::newRow("many requests") << QByteArray("local c = require('net.box').connect(arg[1])\n"
                                                     "print('before')\n"
                                                     "while true do c:ping() end\n");
        QTest::newRow("prints between requests")
                << QByteArray("local c = require('net.box').connect(arg[1])\n"
                              "print('before')\n"
                              "while true do c:call('echo', {string.rep('x', 100)}) print(string.rep('y', 10)) end\n");
    }
    void scriptTimeout()
    {
        QFETCH(QByteArray, code);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("t.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(code);
        f.close();
        const CliRun run = runCli(
                { QStringLiteral("script"), QStringLiteral("--timeout"), QStringLiteral("0.8"), path, m_addr }, 15000);
        QVERIFY2(run.finished, qPrintable(run.describe()));
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("boxscope-cli: Timeout exceeded"), qPrintable(run.describe()));
        QVERIFY2(!run.lines.isEmpty() && run.lines.first() == "before", qPrintable(run.describe()));
        QVERIFY2(run.elapsedMs >= 750 && run.elapsedMs < 5000, qPrintable(QString::number(run.elapsedMs)));
    }
    void scriptTimeoutWhileStdoutIsBlocked()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("flood.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("local c = require('net.box').connect(arg[1])\n"
                "while true do c:ping() print(string.rep('z', 1000)) end\n");
        f.close();
        const BlockedRun run =
                runWithBlockedStdout({ QStringLiteral("script"), QStringLiteral("--timeout=1"), path, m_addr });
        QVERIFY2(run.elapsedMs >= 0, "boxscope-cli script stayed blocked past its --timeout");
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("Timeout exceeded"), run.err.constData());
        QVERIFY2(run.elapsedMs < 6000, qPrintable(QString::number(run.elapsedMs)));
    }
    void scriptTimeoutUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nan") << QStringList { QStringLiteral("--timeout"), QStringLiteral("nan") };
        QTest::newRow("negative") << QStringList { QStringLiteral("--timeout=-1") };
        QTest::newRow("huge") << QStringList { QStringLiteral("--timeout"), QStringLiteral("1e300") };
        QTest::newRow("missing") << QStringList { QStringLiteral("--timeout") };
    }
    void scriptTimeoutUsage()
    {
        QFETCH(QStringList, args);
        const CliRun run =
                runCli(QStringList { QStringLiteral("script") } + args + QStringList { QStringLiteral("x.lua") });
        QVERIFY2(run.finished && run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("--timeout") || run.err.contains("usage"), qPrintable(run.describe()));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        // A closed port: usage errors must be found before connecting (else they would be 3).
        const QString a = closedPortAddress();
        QTest::newRow("no arguments") << QStringList() << "missing URI";
        QTest::newRow("options only") << QStringList { "--user", "u" } << "missing URI";
        QTest::newRow("no command") << QStringList { a } << "missing COMMAND";
        QTest::newRow("unknown command") << QStringList { a, "frob" } << "unknown command 'frob'";
        QTest::newRow("bad Lua literal") << QStringList { a, "call", "echo", "{1," } << "bad arguments literal";
        QTest::newRow("bad key literal") << QStringList { a, "select", "demo", "{1," } << "bad key literal";
        QTest::newRow("argument that expands without limit")
                << QStringList { a, "call", "echo",
                                 "(function() local t={1} for i=1,26 do t={t,t} end return t end)()" }
                << "value expands to more than 64 MiB";
        QTest::newRow("tuple is not a table") << QStringList { a, "insert", "demo", "5" } << "expected a table";
        QTest::newRow("unknown option") << QStringList { "--frob", a, "ping" } << "unknown option '--frob'";
        QTest::newRow("timeout not a number") << QStringList { "--timeout", "abc", a, "ping" } << "--timeout";
        QTest::newRow("timeout zero") << QStringList { "--timeout", "0", a, "ping" } << "--timeout";
        QTest::newRow("timeout nan") << QStringList { "--timeout", "nan", a, "ping" } << "--timeout";
        QTest::newRow("timeout inf") << QStringList { "--timeout", "inf", a, "ping" } << "--timeout";
        QTest::newRow("timeout huge") << QStringList { "--timeout", "1e300", a, "ping" } << "--timeout";
        QTest::newRow("bad port") << QStringList { "localhost:99999", "ping" } << "bad port";
        QTest::newRow("select without space") << QStringList { a, "select" } << "'select' takes";
        QTest::newRow("ping with an argument") << QStringList { a, "ping", "x" } << "'ping' takes";
        QTest::newRow("unknown iterator")
                << QStringList { a, "select", "demo", "--iterator", "SIDEWAYS" } << "unknown iterator";
        QTest::newRow("negative limit") << QStringList { a, "select", "demo", "--limit", "-1" } << "--limit";
        QTest::newRow("limit without value")
                << QStringList { a, "select", "demo", "--limit" } << "--limit needs a value";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        RUN_CLI(r, 2, args, 10000);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(needle), r.err.constData());
        QVERIFY(r.elapsedMs < 5000);
    }

    void unknownSpaceIsAUsageError()
    {
        RUN_CLI(r, 2, { m_addr, QStringLiteral("select"), QStringLiteral("nope") });
        QCOMPARE(r.json.size(), size_t(1));
        QCOMPARE(r.json[0].value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(r.json[0].value(QLatin1String("message")).toString(), QStringLiteral("Space 'nope' does not exist"));
        QCOMPARE(r.json[0].value(QLatin1String("kind")).toString(), QStringLiteral("usage"));
    }

    void requestTimeout()
    {
        RUN_CLI(r, 3,
                { QStringLiteral("--timeout"), QStringLiteral("0.3"), m_addr, QStringLiteral("call"),
                  QStringLiteral("slow"), QStringLiteral("{6}") });
        // Long before slow(6) could answer (which would be >= 6000 ms).
        QVERIFY2(r.elapsedMs < 5000, qPrintable(QString::number(r.elapsedMs)));
        QCOMPARE(r.json.size(), size_t(1));
        QCOMPARE(r.json[0].value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(r.json[0].value(QLatin1String("code")).toInt(), 78);
        QCOMPARE(r.json[0].value(QLatin1String("kind")).toString(), QStringLiteral("timeout"));
    }

    void closedPort()
    {
        const QString addr = closedPortAddress();
        QVERIFY(!addr.isEmpty());
        RUN_CLI(r, 3, { addr, QStringLiteral("ping") });
        QVERIFY(r.elapsedMs < 5000);
        QCOMPARE(r.json.size(), size_t(1));
        QCOMPARE(r.json[0].value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(r.json[0].value(QLatin1String("code")).toInt(), 77);
        QCOMPARE(r.json[0].value(QLatin1String("kind")).toString(), QStringLiteral("connection"));
        QVERIFY2(r.json[0]
                         .value(QLatin1String("message"))
                         .toString()
                         .contains(QLatin1String("refused"), Qt::CaseInsensitive),
                 qPrintable(r.describe()));
    }

    void badPassword_data()
    {
        QTest::addColumn<bool>("inUri");
        QTest::newRow("--user/--password") << false;
        QTest::newRow("user:password@ URI") << true;
    }

    void badPassword()
    {
        QFETCH(bool, inUri);
        const QStringList args = inUri
                ? QStringList { QStringLiteral("boxscope:wrong@") + m_addr, QStringLiteral("ping") }
                : QStringList { QStringLiteral("--user"),
                                QStringLiteral("boxscope"),
                                QStringLiteral("--password"),
                                QStringLiteral("wrong"),
                                m_addr,
                                QStringLiteral("ping") };
        RUN_CLI(r, 3, args);
        QCOMPARE(r.json.size(), size_t(1));
        QCOMPARE(r.json[0].value(QLatin1String("code")).toInt(), 47);
        QCOMPARE(r.json[0].value(QLatin1String("message")).toString(),
                 QStringLiteral("Incorrect password supplied for user 'boxscope'"));
    }

    void goodPassword()
    {
        RUN_CLI(r, 0,
                { QStringLiteral("--user"), QStringLiteral("boxscope"), QStringLiteral("--password"),
                  QStringLiteral("secret"), m_addr, QStringLiteral("eval"),
                  QStringLiteral("return box.session.user()") });
        QCOMPARE(resultValue(r), parseJson("[\"boxscope\"]"));
    }

    void select_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("key table") << QStringList { "demo", "{3}" } << QByteArray("[[3,\"item3\",30]]");
        QTest::newRow("scalar key") << QStringList { "demo", "3" } << QByteArray("[[3,\"item3\",30]]");
        QTest::newRow("space by id") << QStringList { "512", "{3}" } << QByteArray("[[3,\"item3\",30]]");
        QTest::newRow("GE with limit") << QStringList { "demo", "--limit", "2", "--iterator", "GE", "{3}" }
                                       << QByteArray("[[3,\"item3\",30],[4,\"item4\",40]]");
        QTest::newRow("options before the key") << QStringList { "demo", "{3}", "--iterator", "ge", "--limit", "1" }
                                                << QByteArray("[[3,\"item3\",30]]");
        QTest::newRow("LT") << QStringList { "demo", "--iterator", "LT", "{3}" }
                            << QByteArray("[[2,\"item2\",20],[1,\"item1\",10]]");
        QTest::newRow("no key: all, limited")
                << QStringList { "demo", "--limit", "2" } << QByteArray("[[1,\"item1\",10],[2,\"item2\",20]]");
        QTest::newRow("offset") << QStringList { "demo", "--offset", "8" }
                                << QByteArray("[[9,\"item9\",90],[10,\"item10\",100]]");
        QTest::newRow("index by name") << QStringList { "demo", "{'item4'}", "--index", "by_name" }
                                       << QByteArray("[[4,\"item4\",40]]");
        QTest::newRow("index by id") << QStringList { "demo", "'item4'", "--index", "1" }
                                     << QByteArray("[[4,\"item4\",40]]");
        QTest::newRow("no match") << QStringList { "demo", "{999}" } << QByteArray("[]");
    }

    void select()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        RUN_CLI(r, 0, QStringList { m_addr, QStringLiteral("select") } + args);
        QCOMPARE(resultValue(r), parseJson(expected));
    }

    void insertSelectUpdateDelete()
    {
        const QString a = m_addr;
        {
            RUN_CLI(r, 0, { a, "insert", "demo", "{200, 'cli200', {k = 'v'}}" });
            QCOMPARE(resultValue(r), parseJson("[[200,\"cli200\",{\"k\":\"v\"}]]"));
        }
        {
            RUN_CLI(r, 1, { a, "insert", "demo", "{200, 'again', 0}" });
            QCOMPARE(r.json[0].value(QLatin1String("code")).toInt(), 3); // ER_TUPLE_FOUND
        }
        {
            RUN_CLI(r, 0, { a, "select", "demo", "{200}" });
            QCOMPARE(resultValue(r), parseJson("[[200,\"cli200\",{\"k\":\"v\"}]]"));
        }
        {
            RUN_CLI(r, 0, { a, "update", "demo", "{200}", "{{'=', 'value', 7}}" });
            QCOMPARE(resultValue(r), parseJson("[[200,\"cli200\",7]]"));
        }
        {
            RUN_CLI(r, 0, { a, "replace", "demo", "{200, 'cli200r', 8}" });
            QCOMPARE(resultValue(r), parseJson("[[200,\"cli200r\",8]]"));
        }
        {
            RUN_CLI(r, 0, { a, "upsert", "demo", "{200, 'x', 0}", "{{'+', 'value', 1}}" });
            QCOMPARE(resultValue(r), parseJson("[]"));
        }
        {
            RUN_CLI(r, 0, { a, "delete", "demo", "{200}" });
            QCOMPARE(resultValue(r), parseJson("[[200,\"cli200r\",9]]"));
        }
        {
            RUN_CLI(r, 0, { a, "select", "demo", "{200}" });
            QCOMPARE(resultValue(r), parseJson("[]"));
        }
    }

    void evalToJson_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected");  // the "value", compared as JSON
        QTest::addColumn<QByteArray>("exactText"); // must appear verbatim in the line ("" = no check)

        QTest::newRow("map, nil, string, float, uint64 max")
                << QStringList { "return {a=1}, nil, 'x', 1.5, 18446744073709551615ULL" }
                << QByteArray("[{\"a\":1},null,\"x\",1.5,18446744073709551615]")
                << QByteArray("\"value\":[{\"a\":1},null,\"x\",1.5,18446744073709551615]");
        QTest::newRow("int64 min") << QStringList { "return -9223372036854775808LL" }
                                   << QByteArray("[-9223372036854775808]")
                                   << QByteArray("\"value\":[-9223372036854775808]");
        QTest::newRow("2^53 + 1 stays exact")
                << QStringList { "return 9007199254740993ULL" } << QByteArray("[9007199254740993]")
                << QByteArray("\"value\":[9007199254740993]");
        QTest::newRow("nil") << QStringList { "return nil" } << QByteArray("[null]") << QByteArray("\"value\":[null]");
        QTest::newRow("box.NULL") << QStringList { "return box.NULL" } << QByteArray("[null]") << QByteArray();
        QTest::newRow("nothing") << QStringList { "return" } << QByteArray("[]") << QByteArray("\"value\":[]");
        QTest::newRow("empty table") << QStringList { "return {}" } << QByteArray("[[]]") << QByteArray();
        QTest::newRow("booleans") << QStringList { "return true, false" } << QByteArray("[true,false]") << QByteArray();
        QTest::newRow("nested") << QStringList { "return {1, {2, {3, {x = {y = 'z'}}}}}" }
                                << QByteArray("[[1,[2,[3,{\"x\":{\"y\":\"z\"}}]]]]") << QByteArray();
        QTest::newRow("float keeps its point") << QStringList { "return 2.0 ^ 0.5, 1e100" }
                                               << QByteArray("[1.4142135623730951,1e100]") << QByteArray();
        QTest::newRow("UTF-8 and escapes")
                << QStringList { "return 'ü\"\\n'" } << QByteArray("[\"ü\\\"\\n\"]") << QByteArray();
        QTest::newRow("arguments table") << QStringList { "return ...", "{1, 'two', {3}}" }
                                         << QByteArray("[1,\"two\",[3]]") << QByteArray();
        QTest::newRow("arguments list") << QStringList { "return ...", "1, 'a'" } << QByteArray("[1,\"a\"]")
                                        << QByteArray();
        QTest::newRow("arguments map") << QStringList { "return ...", "{k = 'v'}" } << QByteArray("[{\"k\":\"v\"}]")
                                       << QByteArray();
        QTest::newRow("integer keys") << QStringList { "return {[100] = 'x'}" }
                                      << QByteArray("[{\"$map\":[[100,\"x\"]]}]") << QByteArray();
    }

    void evalToJson()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, exactText);
        RUN_CLI(r, 0, QStringList { m_addr, QStringLiteral("eval") } + args);
        const QJsonValue want = parseJson(expected);
        QVERIFY2(!want.isUndefined(), expected.constData());
        QCOMPARE(resultValue(r), want);
        if (!exactText.isEmpty())
            QVERIFY2(r.lines[0].contains(exactText), r.lines[0].constData());
    }

    void luaNumberBeyondInt64IsADouble()
    {
        // Without ULL, 18446744073709551615 is a Lua number: the double 2^64, sent as MP_DOUBLE.
        // It must print as that float, not as an integer.
        RUN_CLI(r, 0, { m_addr, QStringLiteral("eval"), QStringLiteral("return 18446744073709551615") });
        const QJsonValue v = resultValue(r).toArray().at(0);
        QVERIFY(v.isDouble());
        QCOMPARE(v.toDouble(), 18446744073709551616.0);
        QVERIFY2(!r.lines[0].contains("18446744073709551615"), r.lines[0].constData());
        const int at = r.lines[0].indexOf("\"value\":[") + 9;
        const QByteArray number = r.lines[0].mid(at, r.lines[0].indexOf(']', at) - at);
        QVERIFY2(number.contains('.') || number.contains('e'), number.constData());
    }

    void execute()
    {
        {
            RUN_CLI(r, 0, { m_addr, QStringLiteral("execute"), QStringLiteral("select 1 as a") });
            QCOMPARE(resultValue(r),
                     parseJson("{\"metadata\":[{\"name\":\"A\",\"type\":\"integer\"}],\"rows\":[[1]]}"));
        }
        {
            RUN_CLI(r, 0,
                    { m_addr, QStringLiteral("execute"), QStringLiteral("select ? as b, ? as c"),
                      QStringLiteral("{5, 'x'}") });
            QCOMPARE(resultValue(r).toObject().value(QLatin1String("rows")), parseJson("[[5,\"x\"]]"));
        }
        {
            RUN_CLI(r, 1, { m_addr, QStringLiteral("execute"), QStringLiteral("select * from no_such_table") });
            QCOMPARE(r.json[0].value(QLatin1String("kind")).toString(), QStringLiteral("server"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
