// The net.box-compatible Lua runtime (LuaNetBox, `boxscope-cli script`) against a real
// tarantool running resources/sandbox.lua.
//
// Differential: every tests/scripts/netbox/*.lua is run both by `tarantool SCRIPT PORT` (the
// real net.box 2.6 is the oracle) and by `boxscope-cli script SCRIPT PORT`, with the server's
// state reset before each run; the printed lines must be identical. In-process tests cover
// what a differential run cannot: the event loop keeps running while a script waits, the
// instruction budget is per resume slice, and sandbox escapes end with a clear error after
// which the next chunk runs normally.

#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "format/MpFormat.h"
#include "iproto/Uri.h"
#include "lua/LuaLiteral.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"
#include "sandbox/SandboxServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>
#include <QtTest>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;

namespace {

struct ProcessRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1, stdout:\n%2stderr:\n%3")
                .arg(exitCode)
                .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

ProcessRun runProcess(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    ProcessRun run;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(5000))
        return run;
    run.finished = Test::waitFor([&] { return p.state() == QProcess::NotRunning; }, timeoutMs);
    if (!run.finished) {
        p.kill(); // this child only
        p.waitForFinished(3000);
    }
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    run.exitCode = p.exitCode();
    return run;
}

QString netboxScripts()
{
    return Test::testScript(QStringLiteral("netbox"));
}

// Runs a chunk in rt and waits for it to finish.
bool runChunk(LuaNetBox &rt, const QByteArray &code, int timeoutMs = 20000)
{
    bool done = false;
    const QMetaObject::Connection c = QObject::connect(&rt, &LuaNetBox::finished, [&] { done = true; });
    if (!rt.start(code))
        return false;
    Test::waitFor([&] { return done; }, timeoutMs);
    QObject::disconnect(c);
    return done;
}

} // namespace

class tst_LuaNetBox : public QObject
{
    Q_OBJECT

public:
    /// threaded: every runtime runs its Lua state on a worker thread (the console's mode).
    explicit tst_LuaNetBox(bool threaded)
        : m_threaded(threaded)
    { }

private:
    const bool m_threaded;
    std::unique_ptr<TarantoolFixture> m_fx;
    QString m_tarantool;
    QString m_port;
    Connection *m_admin = nullptr;

    // Puts the server back as sandbox.lua leaves it: x = 0, demo holds rows 1..10.
    bool resetServer()
    {
        Request *r = m_admin->eval(QStringLiteral("x = 0 box.space.demo:truncate() "
                                                  "for i = 1, 10 do box.space.demo:insert{i, 'item' .. i, i * 10} end"),
                                   MpValue::array());
        const bool ok = r->waitForFinished(10000) && r->state() == Request::State::Done;
        r->deleteLater();
        return ok;
    }

    LuaNetBox *newRuntime(QStringList *lines)
    {
        auto *rt = new LuaNetBox(this);
        rt->setThreaded(m_threaded);
        rt->setOutput([lines](const QString &line) { lines->append(line); });
        rt->setArguments(QStringLiteral("test"), { m_port });
        return rt;
    }

private slots:
    void initTestCase()
    {
        const QString cli = Test::cliPath();
        QVERIFY2(!cli.isEmpty(), "BOXSCOPE_CLI is not set (run through ctest)");
        QVERIFY2(QFileInfo(cli).isExecutable(), qPrintable(cli));
        m_tarantool = SandboxServer::findTarantool();
        QVERIFY2(!m_tarantool.isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        QCOMPARE(m_fx->host(), QStringLiteral("127.0.0.1")); // the scripts build 127.0.0.1:PORT URIs
        m_port = QString::number(m_fx->port());
        m_admin = new Connection(this);
        Uri uri;
        QVERIFY(Uri::parse(m_fx->uri(), &uri, nullptr));
        m_admin->connectToServer(uri);
        QVERIFY(Test::waitFor([&] { return m_admin->isReady(); }, 10000));
    }

    void cleanupTestCase()
    {
        delete m_admin;
        m_admin = nullptr;
        m_fx.reset();
    }

    void differential_data()
    {
        QTest::addColumn<QString>("script");
        const QFileInfoList files =
                QDir(netboxScripts()).entryInfoList({ QStringLiteral("*.lua") }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QFileInfo &f : files)
            QTest::newRow(qPrintable(f.fileName())) << f.absoluteFilePath();
    }

    // The same script, run by tarantool and by boxscope-cli, prints the same lines.
    void differential()
    {
        QFETCH(QString, script);
        QVERIFY(resetServer());
        const ProcessRun oracle = runProcess(m_tarantool, { script, m_port });
        QVERIFY2(oracle.finished && oracle.exitCode == 0, qPrintable(oracle.describe()));
        QVERIFY(resetServer());
        const ProcessRun ours = runProcess(Test::cliPath(), { QStringLiteral("script"), script, m_port });
        QVERIFY2(ours.finished && ours.exitCode == 0, qPrintable(ours.describe()));
        QVERIFY2(!oracle.out.isEmpty(), "the oracle printed nothing");
        const QList<QByteArray> expected = oracle.out.split('\n');
        const QList<QByteArray> actual = ours.out.split('\n');
        for (int i = 0; i < std::min(expected.size(), actual.size()); ++i)
            QVERIFY2(expected.at(i) == actual.at(i),
                     qPrintable(QStringLiteral("line %1: tarantool printed\n  %2\nboxscope-cli printed\n  %3")
                                        .arg(i + 1)
                                        .arg(QString::fromUtf8(expected.at(i)), QString::fromUtf8(actual.at(i)))));
        QCOMPARE(actual.size(), expected.size());
    }

    // The seed's first checks, spelled out: the sync call fills messages_from_server with {1}.
    void seedOnPushContext()
    {
        QVERIFY(resetServer());
        const ProcessRun ours = runProcess(
                Test::cliPath(), { QStringLiteral("script"), netboxScripts() + QStringLiteral("/seed.lua"), m_port });
        QVERIFY2(ours.finished && ours.exitCode == 0, qPrintable(ours.describe()));
        const QList<QByteArray> lines = ours.out.trimmed().split('\n');
        QCOMPARE(lines.value(0), QByteArray("{1}"));
        QCOMPARE(lines.value(1), QByteArray("{2, {}}"));
        QCOMPARE(lines.value(2), QByteArray("{2, {}, 2, {}}"));
    }

    // The seed's last `messages`, as the console prints it: the final response that both
    // pairs() loops inserted is one table, printed with an anchor and then an alias.
    void seedConsoleMessagesAnchored()
    {
        QVERIFY(resetServer());
        const ProcessRun ours =
                runProcess(Test::cliPath(),
                           { QStringLiteral("script"), netboxScripts() + QStringLiteral("/seed_console.lua"), m_port });
        QVERIFY2(ours.finished && ours.exitCode == 0, qPrintable(ours.describe()));
        QCOMPARE(ours.out, QByteArray("{1}\n{2, {}}\n---\n- - 2\n  - &0 []\n  - 2\n  - *0\n...\n"));
    }

    // Tuples are cdata in Tarantool, never anchored: one tuple returned twice prints twice,
    // in flow style. A table the script shares is anchored.
    void tuplesPrintedByValue()
    {
        QVERIFY(resetServer());
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        QVERIFY(runChunk(*rt,
                         "local c = require('net.box').connect(arg[1]) local t = c.space.demo:get(1) c:close() "
                         "local shared = {t} return t, t, shared, shared"));
        const LuaNetBox::Outcome &outcome = rt->lastOutcome();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(
                MpFormat::yamlDocument(outcome.values, &outcome.anchors),
                QStringLiteral("---\n- [1, 'item1', 10]\n- [1, 'item1', 10]\n- &0\n  - [1, 'item1', 10]\n- *0\n...\n"));
    }

    // A select large enough to be kept as msgpack by the connection (Request::rawResult())
    // reaches the script whole, decoded on the script's side: the same tuples a call returns.
    void largeSelectReachesTheScriptWhole()
    {
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        QVERIFY(runChunk(*rt, R"(
            local c = require('net.box').connect(arg[1])
            c:eval([[box.session.su('admin', function()
                if box.space.lua_big then return end
                local s = box.schema.space.create('lua_big')
                s:create_index('pk')
                box.begin() for i = 1, 20000 do s:insert{i, 'row' .. i} end box.commit()
            end)]])
            c:close()
            c = require('net.box').connect(arg[1])
            local t = c.space.lua_big:select({}, {limit = 20000})
            local u = c:call('box.space.lua_big:select')
            local same = #t == #u
            for i = 1, #t do same = same and t[i][1] == u[i][1] and t[i][2] == u[i][2] end
            print(#t, t[1][2], t[20000][1], t[20000][2], same)
            c:close())",
                         60000));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines, QStringList({ QStringLiteral("20000\trow1\t20000\trow20000\ttrue") }));
    }

    // conn.host and conn.port as net.box gives them (strings); box_scope.current() has them
    // too, and box_scope.uri is the window's connection's address (no credentials).
    void hostAndPort()
    {
        Connection window;
        Uri u;
        QString error;
        QVERIFY(Uri::parse(QStringLiteral("boxscope:secret@127.0.0.1:%1").arg(m_port), &u, &error));
        window.connectToServer(u);
        QVERIFY(Test::waitFor([&] { return window.isReady(); }, 10000));
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        rt->setCurrentConnection(&window);
        QVERIFY(runChunk(*rt, R"(
            local c = require('net.box').connect('127.0.0.1:' .. arg[1])
            print(type(c.host), c.host, type(c.port), c.port == arg[1])
            c:close()
            local w = box_scope.current()
            print(w.host, w.port == arg[1], box_scope.uri == '127.0.0.1:' .. arg[1]))"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines,
                 QStringList({ QStringLiteral("string\t127.0.0.1\tstring\ttrue"),
                               QStringLiteral("127.0.0.1\ttrue\ttrue") }));
        rt.reset();
        window.disconnectFromServer();
    }

    // pairs(0.1) on a slow function: box.NULL and a timeout error, then the loop ends.
    void pairsTimeoutYieldsNullAndError()
    {
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        QVERIFY(runChunk(*rt, R"(
            local conn = require('net.box').connect(arg[1])
            local f = conn:call('slow', {0.5}, {is_async = true})
            for i, m in f:pairs(0.1) do print(i == box.NULL, m.code, m.type, tostring(m)) end
            print(f:wait_result()[1])
            conn:close())"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines,
                 QStringList({ QStringLiteral("true\t78\tClientError\tTimeout exceeded"), QStringLiteral("0.5") }));
    }

    // Extensions beyond net.box 2.6 (which refuses on_push with is_async and ignores
    // timeout there): documented in the README.
    void extensions()
    {
        QVERIFY(resetServer());
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        QVERIFY(runChunk(*rt, R"(
            local conn = require('net.box').connect(arg[1])
            local seen = {}
            local f = conn:call('progress', {3, 0.01}, {is_async = true, on_push = table.insert, on_push_ctx = seen})
            print(f:wait_result()[1], #seen, seen[3].i)
            local n = 0
            for i, m in f:pairs() do n = n + 1 end
            print(n)
            f = conn:call('slow', {1}, {is_async = true, timeout = 0.1})
            local r, e = f:wait_result()
            print(r, e.code, tostring(e))
            print(conn:select('demo', 2)[1][2], conn:insert('demo', {50, 'fifty'})[2])
            print(conn:update('demo', 50, {{'=', 2, 'FIFTY'}})[2], conn:delete('demo', 50)[2])
            print(pcall(conn.select, conn, 'no_such_space'))
            conn:close())"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines,
                 QStringList({ QStringLiteral("3\t3\t3"), QStringLiteral("4"),
                               QStringLiteral("nil\t78\tTimeout exceeded"), QStringLiteral("item2\tfifty"),
                               QStringLiteral("FIFTY\tFIFTY"),
                               QStringLiteral("false\tSpace 'no_such_space' does not exist") }));
    }

    // Evaluates code on the server with the admin connection; the result's first value.
    MpValue adminEval(const QString &code, const MpValue &args = MpValue::array())
    {
        Request *r = m_admin->eval(code, args);
        const bool ok = r->waitForFinished(10000) && r->state() == Request::State::Done;
        const MpValue result = ok ? r->result() : MpValue();
        r->deleteLater();
        return result;
    }

    // 2^64 - 1 from a server function into a script, printed, computed with, and written back
    // with box.space.demo:replace: the server reads the same uint64_t (Tarantool's own
    // tostring()), and the console prints it as Tarantool's console does.
    void uint64RoundTrip()
    {
        QVERIFY(resetServer());
        QCOMPARE(adminEval(QStringLiteral("function uint64_max() return 18446744073709551615ULL end")),
                 MpValue::array());
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        QVERIFY(runChunk(*rt, R"(
            local conn = require('net.box').connect(arg[1])
            local v = conn:call('uint64_max')
            print(v)
            print(tostring(v), v == 18446744073709551615ULL, v - 1, v + 1, v > 2^63, tonumber(v))
            conn.space.demo:replace{11, 'uint64', v}
            conn.space.demo:replace{12, 'uint64', v - 1, {v}}
            conn:close()
            return v, {v, 1})"));
        const LuaNetBox::Outcome &outcome = rt->lastOutcome();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(lines,
                 QStringList({ QStringLiteral("18446744073709551615ULL"),
                               QStringLiteral("18446744073709551615ULL\ttrue\t18446744073709551614ULL\t0\t"
                                              "true\t1.844674407371e+19") }));
        QCOMPARE(MpFormat::yamlDocument(outcome.values, &outcome.anchors),
                 QStringLiteral("---\n- 18446744073709551615\n- - 18446744073709551615\n  - 1\n...\n"));
        const MpValue stored = adminEval(QStringLiteral(
                "local a, b = box.space.demo:get(11), box.space.demo:get(12) "
                "return {tostring(a[3]), a[3] == 18446744073709551615ULL, tostring(b[3]), tostring(b[4][1])}"));
        QCOMPARE(stored,
                 MpValue::array({ MpValue::array({ MpValue::string("18446744073709551615ULL"), MpValue::boolean(true),
                                                   MpValue::string("18446744073709551614ULL"),
                                                   MpValue::string("18446744073709551615ULL") }) }));
    }

    // Typed arguments (LuaLiteral) reach the server as the integers they spell.
    void uint64LiteralsToTheWire()
    {
        const LuaLiteral::ParseResult parsed = LuaLiteral::parseValues(
                QStringLiteral("18446744073709551615ULL, 0xffffffffffffffffULL, -1ULL, 9223372036854775808ULL, "
                               "-9223372036854775808LL, 12345678901234567890, {id = 18446744073709551614ULL}"));
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        const MpValue seen = adminEval(QStringLiteral("local r = {} for i = 1, select('#', ...) do "
                                                      "local v = select(i, ...) "
                                                      "r[i] = tostring(type(v) == 'table' and v.id or v) end "
                                                      "return r"),
                                       MpValue::array(parsed.values));
        const char *expected[] = { "18446744073709551615ULL", "18446744073709551615ULL", "18446744073709551615ULL",
                                   "9223372036854775808ULL",  "-9223372036854775808LL",  "12345678901234567890ULL",
                                   "18446744073709551614ULL" };
        QCOMPARE(seen.size(), size_t(1));
        QCOMPARE(seen.at(0).size(), std::size(expected));
        for (size_t i = 0; i < std::size(expected); ++i)
            QCOMPARE(seen.at(0).at(i).toQString(), QString::fromLatin1(expected[i]));
    }

    // box_scope.current() wraps a connection the host owns (the main window's).
    void currentConnection()
    {
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        rt->setCurrentConnection(m_admin);
        QVERIFY(runChunk(*rt, "local c = box_scope.current() print(c.state, c:call('echo', {7}))"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines, QStringList({ QStringLiteral("active\t7") }));
        QVERIFY(runChunk(*rt, "box_scope.current():close()"));
        QVERIFY(m_admin->isReady()); // close() does not close a connection the host owns
    }

    // A waiting script yields to the event loop: timers keep firing while it waits.
    void waitingKeepsTheEventLoopRunning()
    {
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(20);
        bool done = false;
        connect(rt.get(), &LuaNetBox::finished, this, [&] { done = true; });
        QVERIFY(rt->start("local c = require('net.box').connect(arg[1]) print(c:call('slow', {0.4})) c:close()"));
        QVERIFY(rt->isRunning()); // start() returned while the script waits
        QVERIFY(Test::waitFor([&] { return done; }, 10000));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines, QStringList({ QStringLiteral("0.4") }));
        QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
    }

    // The budget is per resume slice: a script doing its work between waits is not charged
    // for the total, but one slice that runs away is stopped.
    void budgetIsPerSlice()
    {
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        rt->sandbox().setInstructionBudget(300000);
        QVERIFY(runChunk(*rt, R"(
            local conn = require('net.box').connect(arg[1])
            local n = 0
            for round = 1, 5 do
                for i = 1, 50000 do n = n + 1 end
                conn:ping()
            end
            print(n)
            conn:close())"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines, QStringList({ QStringLiteral("250000") }));
        QVERIFY(runChunk(*rt, "local n = 0 for i = 1, 1e9 do n = n + 1 end"));
        QVERIFY(!rt->lastOutcome().ok);
        QVERIFY2(rt->lastOutcome().error.contains(QLatin1String("instruction budget exhausted")),
                 qPrintable(rt->lastOutcome().error));
    }

    void sandboxEscapes_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<QString>("error");
        QTest::newRow("os.execute") << QByteArray("os.execute('touch /tmp/boxscope-escaped')")
                                    << QStringLiteral("global 'os'");
        QTest::newRow("io.open") << QByteArray("io.open('/etc/passwd')") << QStringLiteral("global 'io'");
        QTest::newRow("require ffi") << QByteArray("local ffi = require('ffi')")
                                     << QStringLiteral("module 'ffi' is not available");
        QTest::newRow("bytecode") << QByteArray("assert(load(string.dump(function() return 1 end)))()")
                                  << QStringLiteral("binary chunk");
        QTest::newRow("infinite loop") << QByteArray("while true do end")
                                       << QStringLiteral("instruction budget exhausted");
        QTest::newRow("loop in pcall") << QByteArray("pcall(function() while true do end end) print('escaped')")
                                       << QStringLiteral("instruction budget exhausted");
        QTest::newRow("huge string") << QByteArray("local s = string.rep('x', 2^40)")
                                     << QStringLiteral("resulting string too large");
        QTest::newRow("memory bomb") << QByteArray(
                "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 4096) .. i end")
                                     << QStringLiteral("not enough memory");
        QTest::newRow("top-level yield") << QByteArray("coroutine.yield(1)") << QStringLiteral("yield");
        QTest::newRow("wait in a coroutine")
                // The connect may be ready before its first look (the connection runs beside the
                // script), but a slow call always waits.
                << QByteArray("coroutine.wrap(function() require('net.box').connect(arg[1]):call('slow', {0.3}) "
                              "end)()")
                << QStringLiteral("net.box cannot wait inside a coroutine");
    }

    // Each escape ends with a clear error, and the same runtime then runs the next chunk.
    void sandboxEscapes()
    {
        QFETCH(QByteArray, code);
        QFETCH(QString, error);
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        QVERIFY(runChunk(*rt, code));
        QVERIFY(!rt->lastOutcome().ok);
        QVERIFY2(rt->lastOutcome().error.contains(error), qPrintable(rt->lastOutcome().error));
        QVERIFY2(lines.isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(runChunk(*rt,
                         "local c = require('net.box').connect(arg[1]) print(c:call('echo', {'next'})) c:close()"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
        QCOMPARE(lines, QStringList({ QStringLiteral("next") }));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/boxscope-escaped")));
    }

    // An interrupt the chunk's last call swallows (load returns nil, "aborted") still ends the
    // run as aborted, on either thread.
    void interruptCaughtByTheLastCall()
    {
        QStringList lines;
        std::unique_ptr<LuaNetBox> rt(newRuntime(&lines));
        rt->sandbox().setInstructionBudget(0);
        std::thread interrupter([&rt] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            rt->sandbox().requestInterrupt();
        });
        const bool finished = runChunk(*rt, "return load('local t = ' .. string.rep('a or ', 4000000) .. 'a')");
        interrupter.join();
        QVERIFY(finished);
        QVERIFY(!rt->lastOutcome().ok);
        QCOMPARE(rt->lastOutcome().error, QStringLiteral("aborted"));
        rt->sandbox().setInstructionBudget(LuaSandbox::kDefaultInstructionBudget);
        QVERIFY(runChunk(*rt, "return 1"));
        QVERIFY2(rt->lastOutcome().ok, qPrintable(rt->lastOutcome().error));
    }

    // Values a chunk returns come back for the console's YAML; the CLI prints them that way.
    void returnedValuesAsYaml()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("ret.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("local c = require('net.box').connect(box_scope.uri)\n"
                "local r = {c:call('echo', {1, 'a', box.NULL})}\nc:close()\nreturn r, box_scope.uri == arg[1]\n");
        f.close();
        const ProcessRun run = runProcess(Test::cliPath(), { QStringLiteral("script"), path, m_port });
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("---\n- - 1\n  - a\n  - null\n- true\n...\n"));
    }

    // A script's call arguments and its return values are converted under one byte budget: a
    // value that expands without limit ends in a clear error, at once, never in an abort.
    void valuesThatExpandAreRefused_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("call arguments") << QByteArray(
                "local c = require('net.box').connect(arg[1])\n"
                "local t = {1} for i = 1, 26 do t = {t, t} end\nreturn c:call('echo', {t})\n");
        QTest::newRow("return values") << QByteArray(
                "local s = string.rep('x', 16 * 2^20)\nreturn {s, s, s, s, s, s}\n");
    }

    void valuesThatExpandAreRefused()
    {
        QFETCH(QByteArray, code);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("expand.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(code);
        f.close();
        QElapsedTimer timer;
        timer.start();
        const ProcessRun run = runProcess(Test::cliPath(), { QStringLiteral("script"), path, m_port });
        QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("value expands to more than 64 MiB"), qPrintable(run.describe()));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    // Pushes a future has not read are kept up to a byte cap; past it the future fails with a
    // clear error instead of growing.
    void unreadPushesAreCapped()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("unread.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // 75 MiB of pushes arrive while the script waits for something else.
        f.write("local c = require('net.box').connect(arg[1])\n"
                "local f = c:call('push_n', {1200, 65536}, {is_async = true})\n"
                "c:call('slow', {3})\n"
                "local r, err = f:wait_result(10)\n"
                "print(r == nil, tostring(err))\n");
        f.close();
        const ProcessRun run = runProcess(Test::cliPath(), { QStringLiteral("script"), path, m_port });
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.out.startsWith("true\tPushes not read yet exceed 16 MiB"), qPrintable(run.describe()));
    }

    // print() writes its bytes as they are, valid UTF-8 or not.
    void printKeepsBytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("bytes.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("print('a\\255b', '\\0', 'ю')\n");
        f.close();
        const ProcessRun run = runProcess(Test::cliPath(), { QStringLiteral("script"), path });
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.out,
                 QByteArray("a\xff"
                            "b\t\0\t\xd1\x8e\n",
                            9));
    }

    // print() lines are buffered, and out as soon as the script waits: "before" reaches the
    // pipe while the script waits for a 0.6 s call, not at exit.
    void printReachesThePipeWhenTheScriptWaits()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("wait.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("print('before')\nlocal c = require('net.box').connect(arg[1])\nc:call('slow', {0.6})\n"
                "print('after')\n");
        f.close();
        QProcess p;
        QElapsedTimer clock;
        QByteArray out;
        qint64 beforeAt = -1;
        connect(&p, &QProcess::readyReadStandardOutput, this, [&] {
            out += p.readAllStandardOutput();
            if (beforeAt < 0 && out.contains("before\n"))
                beforeAt = clock.elapsed();
        });
        clock.start();
        p.start(Test::cliPath(), { QStringLiteral("script"), path, m_port });
        QVERIFY(p.waitForStarted(5000));
        QVERIFY(Test::waitFor([&] { return p.state() == QProcess::NotRunning; }, 20000));
        const qint64 endAt = clock.elapsed();
        out += p.readAllStandardOutput();
        QCOMPARE(out, QByteArray("before\nafter\n"));
        QVERIFY2(beforeAt >= 0 && endAt - beforeAt >= 400,
                 qPrintable(QStringLiteral("'before' at %1 ms, exit at %2 ms").arg(beforeAt).arg(endAt)));
    }

    // An uncaught error: its text on stderr, exit status 1; usage errors exit 2.
    void cliExitStatus()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("fail.lua"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("print('before')\nlocal c = require('net.box').connect(arg[1])\nc:call('fail', {'uncaught'})\n");
        f.close();
        const ProcessRun run = runProcess(Test::cliPath(), { QStringLiteral("script"), path, m_port });
        QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
        QCOMPARE(run.out, QByteArray("before\n"));
        QVERIFY2(run.err.contains("uncaught"), qPrintable(run.describe()));

        const ProcessRun usage = runProcess(Test::cliPath(), { QStringLiteral("script") });
        QVERIFY2(usage.finished && usage.exitCode == 2, qPrintable(usage.describe()));
        const ProcessRun missing =
                runProcess(Test::cliPath(), { QStringLiteral("script"), dir.filePath(QStringLiteral("none.lua")) });
        QVERIFY2(missing.finished && missing.exitCode == 2, qPrintable(missing.describe()));
        const ProcessRun syntax = runProcess(
                Test::cliPath(), { QStringLiteral("script"), netboxScripts() + QStringLiteral("/../netbox") });
        QVERIFY2(syntax.finished && syntax.exitCode != 0, qPrintable(syntax.describe()));
    }
};

// Every case twice: the Lua state on the caller's thread (boxscope-cli script), then on a
// worker thread of its own (the console).
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    for (const bool threaded : { false, true }) {
        tst_LuaNetBox test(threaded);
        std::fprintf(stderr, "# LuaNetBox %s\n", threaded ? "threaded" : "on the caller's thread");
        status |= QTest::qExec(&test, argc, argv);
    }
    return status;
}
#include "tst_luanetbox.moc"
