// The Lua console tab inside the real Boxscope::MainWindow, connected to a real tarantool
// (resources/sandbox.lua), driven by keys: text typed into "Lua input", Enter, Shift+Enter,
// Up/Down. The seed's client lines (box.session.push) are pasted one by one.
//
// One shared server; a fresh window per test. Nothing sleeps a fixed time: every wait is on a
// condition with a generous limit.

#include "ConnectionWorkspace.h"
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "console/LuaConsolePanel.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"
#include "sandbox/SandboxServer.h"

#include "client/Request.h"
#include "log/LogModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestHistoryModel.h"
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

class tst_LuaConsole : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    std::unique_ptr<MainWindow> m_window;

    LuaConsolePanel *panel() const { return m_window->luaConsolePanel(); }
    QPlainTextEdit *input() const { return panel()->inputEdit(); }
    QString output() const { return panel()->outputView()->toPlainText(); }

    template<typename T>
    T *byAccessibleName(const QString &name) const
    {
        QList<T *> found;
        for (T *w : m_window->findChildren<T *>()) {
            if (w->accessibleName() == name)
                found << w;
        }
        return found.size() == 1 ? found.first() : nullptr;
    }

    // Types text into the input and presses Enter; waits for the run to end when one started.
    // Returns the output the run added (empty when nothing ran).
    QString enter(const QString &text, int timeoutMs = 15000)
    {
        const QString before = output();
        input()->setFocus();
        QTest::keyClicks(input(), text);
        QTest::keyClick(input(), Qt::Key_Return);
        if (!waitFor([this] { return !panel()->isRunning(); }, timeoutMs))
            return QStringLiteral("(still running)");
        const QString after = output();
        return after.startsWith(before) ? after.mid(before.size()) : after;
    }

    bool hasRedLine(const QString &needle) const
    {
        for (QTextBlock b = panel()->outputView()->document()->firstBlock(); b.isValid(); b = b.next()) {
            if (!b.text().contains(needle))
                continue;
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QColor c = it.fragment().charFormat().foreground().color();
                if (it.fragment().charFormat().hasProperty(QTextFormat::ForegroundBrush) && c.red() > 100
                    && c.green() < 80 && c.blue() < 80)
                    return true;
            }
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the console keeps its history in QSettings
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_luaconsole"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        Connection *c = m_window->connection();
        m_window->connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()));
        QVERIFY2(waitFor([c] { return c->isReady(); }, 10000), qPrintable(c->lastError().toString()));
        auto *tabs = m_window->findChild<QTabWidget *>();
        QVERIFY(tabs);
        const int index = tabs->indexOf(panel());
        QVERIFY(index >= 0);
        QCOMPARE(tabs->tabText(index), QStringLiteral("Lua console"));
        tabs->setCurrentIndex(index);
        QVERIFY(panel()->runtime()->isValid());
    }

    void cleanup() { m_window.reset(); }

    void accessibleNames()
    {
        QCOMPARE(byAccessibleName<QPlainTextEdit>(QStringLiteral("Lua input")), input());
        QCOMPARE(byAccessibleName<QPlainTextEdit>(QStringLiteral("Lua output")), panel()->outputView());
        QVERIFY(panel()->outputView()->isReadOnly());
        QVERIFY(panel()->outputView()->maximumBlockCount() > 0);
        QCOMPARE(byAccessibleName<QPushButton>(QStringLiteral("Stop the running chunk")), panel()->stopButton());
        QVERIFY(!panel()->stopButton()->isEnabled());
    }

    void expressionPrintsYaml()
    {
        const QString out = enter(QStringLiteral("1 + 1"));
        QVERIFY2(out.contains(QLatin1String("tarantool> 1 + 1\n")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("---\n- 2\n...")), qPrintable(out));
        QVERIFY(input()->toPlainText().isEmpty());

        const QString two = enter(QStringLiteral("1, 'a', box.NULL"));
        QVERIFY2(two.contains(QLatin1String("---\n- 1\n- a\n- null\n...")), qPrintable(two));
        // A statement returns nothing: an empty document.
        const QString stmt = enter(QStringLiteral("x = 5"));
        QVERIFY2(stmt.contains(QLatin1String("tarantool> x = 5\n---\n...")), qPrintable(stmt));
        QVERIFY2(enter(QStringLiteral("x")).contains(QLatin1String("---\n- 5\n...")), qPrintable(output()));
    }

    // LuaJIT's integer numerals and uint64 values, printed as Tarantool 2.6's console prints
    // them (its output for the same input, verbatim).
    void uint64Values()
    {
        QString out = enter(QStringLiteral("18446744073709551615ULL"));
        QVERIFY2(out.endsWith(QLatin1String("---\n- 18446744073709551615\n...\n")), qPrintable(out));
        out = enter(QStringLiteral("{18446744073709551615ULL, 1}"));
        QVERIFY2(out.endsWith(QLatin1String("---\n- - 18446744073709551615\n  - 1\n...\n")), qPrintable(out));
        out = enter(QStringLiteral("9223372036854775808ULL, -1LL"));
        QVERIFY2(out.endsWith(QLatin1String("---\n- 9223372036854775808\n- -1\n...\n")), qPrintable(out));
        out = enter(QStringLiteral("{a = 18446744073709551615ULL}"));
        QVERIFY2(out.endsWith(QLatin1String("---\n- a: 18446744073709551615\n...\n")), qPrintable(out));
        out = enter(QStringLiteral("print(18446744073709551615ULL)"));
        QVERIFY2(out.endsWith(QLatin1String("\n18446744073709551615ULL\n---\n...\n")), qPrintable(out));
        out = enter(QStringLiteral("box_scope.current():eval('return 18446744073709551615ULL')"));
        QVERIFY2(out.endsWith(QLatin1String("---\n- 18446744073709551615\n...\n")), qPrintable(out));
    }

    void printLines()
    {
        const QString out = enter(QStringLiteral("print('hi') print('there')"));
        QVERIFY2(out.contains(QLatin1String("hi\nthere\n---\n...")), qPrintable(out));
    }

    void incompleteChunkInsertsNewline()
    {
        const QString before = output();
        input()->setFocus();
        QTest::keyClicks(input(), QStringLiteral("function f()"));
        QTest::keyClick(input(), Qt::Key_Return);
        QVERIFY(!panel()->isRunning());
        QCOMPARE(output(), before);
        QCOMPARE(input()->toPlainText(), QStringLiteral("function f()\n"));
        // Shift+Enter always inserts a newline, even in a complete chunk.
        QTest::keyClicks(input(), QStringLiteral("return 42"));
        QTest::keyClick(input(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(input()->toPlainText(), QStringLiteral("function f()\nreturn 42\n"));
        QCOMPARE(output(), before);
        // Completing the chunk runs it; the echo continues with the console's prompt.
        const QString out = enter(QStringLiteral("end"));
        QVERIFY2(out.contains(QLatin1String("tarantool> function f()\n         > return 42\n         > end\n---\n...")),
                 qPrintable(out));
        QVERIFY2(enter(QStringLiteral("f()")).contains(QLatin1String("---\n- 42\n...")), qPrintable(output()));
    }

    // Pasted lines run statement by statement, as Tarantool's console reads them: every
    // expression prints, nothing is swallowed, an error does not stop the rest, and a tail
    // that does not complete a statement stays in the input.
    void pastedLinesRunOneStatementAtATime()
    {
        auto paste = [this](const QString &text) {
            const QString before = output();
            input()->setPlainText(text);
            input()->setFocus();
            QTest::keyClick(input(), Qt::Key_End, Qt::ControlModifier);
            QTest::keyClick(input(), Qt::Key_Return);
            waitFor([this] { return !panel()->isRunning(); }, 15000);
            const QString after = output();
            return after.startsWith(before) ? after.mid(before.size()) : after;
        };
        QString out = paste(QStringLiteral("x = 1\nx"));
        QVERIFY2(out.contains(QLatin1String("tarantool> x = 1\n---\n...\n\ntarantool> x\n---\n- 1\n...")),
                 qPrintable(out));
        out = paste(QStringLiteral("a = 1\nb = 2\nerror('mid')\na + b"));
        QVERIFY2(out.contains(QLatin1String("mid")) && out.contains(QLatin1String("tarantool> a + b\n---\n- 3\n...")),
                 qPrintable(out));
        out = paste(QStringLiteral("function f()\n  return 5\nend\nf()"));
        QVERIFY2(
                out.contains(QLatin1String("tarantool> function f()\n         >   return 5\n         > end\n---\n...")),
                qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("tarantool> f()\n---\n- 5\n...")), qPrintable(out));
        out = paste(QStringLiteral("y = 2\nfunction g()\n  return y"));
        QVERIFY2(out.contains(QLatin1String("tarantool> y = 2\n---\n...")), qPrintable(out));
        QCOMPARE(input()->toPlainText(), QStringLiteral("function g()\n  return y\n"));
        QVERIFY2(enter(QStringLiteral("end")).contains(QLatin1String("---\n...")), qPrintable(output()));
        QVERIFY2(enter(QStringLiteral("g()")).contains(QLatin1String("- 2")), qPrintable(output()));
    }

    void errorsInRed()
    {
        const QString runtime = enter(QStringLiteral("error('boom')"));
        QVERIFY2(runtime.contains(QLatin1String("- error:")) && runtime.contains(QLatin1String("boom")),
                 qPrintable(runtime));
        QVERIFY(hasRedLine(QStringLiteral("boom")));

        const QString syntax = enter(QStringLiteral("x = = 1"));
        QVERIFY2(syntax.contains(QLatin1String("- error:")) && syntax.contains(QLatin1String("unexpected symbol")),
                 qPrintable(syntax));
        QVERIFY(hasRedLine(QStringLiteral("unexpected symbol")));
        // The next command works.
        QVERIFY2(enter(QStringLiteral("2 * 21")).contains(QLatin1String("---\n- 42\n...")), qPrintable(output()));
        QVERIFY(!hasRedLine(QStringLiteral("- 42")));
    }

    void seedSyncCallWithOnPush()
    {
        const QString uri = QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port());
        QVERIFY2(!output().contains(QLatin1String("error")), qPrintable(output()));
        enter(QStringLiteral("net_box = require('net.box')"));
        enter(QStringLiteral("conn = net_box.connect('%1')").arg(uri));
        enter(QStringLiteral("messages_from_server = {}"));
        QVERIFY2(!output().contains(QLatin1String("error")), qPrintable(output()));

        // The sync call waits about a second for the push; the GUI keeps running meanwhile.
        int ticks = 0;
        QTimer timer;
        timer.setInterval(20);
        connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
        timer.start();
        input()->setFocus();
        QTest::keyClicks(input(),
                         QStringLiteral("conn:call('server_function', {}, {is_async = false, on_push = table.insert, "
                                        "on_push_ctx = messages_from_server})"));
        QTest::keyClick(input(), Qt::Key_Return);
        QVERIFY(panel()->isRunning());
        QVERIFY(panel()->stopButton()->isEnabled());
        QVERIFY(input()->isReadOnly());
        QVERIFY(waitFor([&] { return ticks >= 5; }, 5000));
        QVERIFY(panel()->isRunning()); // still waiting for the push while the timer ticked
        // Enter while the chunk runs does nothing.
        QTest::keyClick(input(), Qt::Key_Return);
        QVERIFY(waitFor([this] { return !panel()->isRunning(); }, 15000));
        timer.stop();
        QVERIFY(!input()->isReadOnly());

        const QString out = enter(QStringLiteral("messages_from_server"));
        QVERIFY2(out.contains(QLatin1String("tarantool> messages_from_server\n---\n- - 1\n...")), qPrintable(output()));
    }

    // A table met twice prints once with an anchor, then as an alias; a cycle is no error.
    void sharedTablesAsAnchors()
    {
        const QString out = enter(QStringLiteral("t = {}; return {t, t}"));
        QVERIFY2(out.contains(QLatin1String("tarantool> t = {}; return {t, t}\n---\n- - &0 []\n  - *0\n...")),
                 qPrintable(out));
        QVERIFY(!hasRedLine(QStringLiteral("&0")));
        enter(QStringLiteral("c = {} c.self = c"));
        const QString cycle = enter(QStringLiteral("c"));
        QVERIFY2(cycle.contains(QLatin1String("tarantool> c\n---\n- &0\n  self: *0\n...")), qPrintable(cycle));
    }

    // Server results print in flow style, as decoded msgpack does in Tarantool's console.
    void serverResultsInFlowStyle()
    {
        const QString uri = QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port());
        enter(QStringLiteral("flow_conn = require('net.box').connect('%1')").arg(uri));
        const QString call = enter(QStringLiteral("flow_conn:call('echo', {{1, 'a', {x = 1}}})"));
        QVERIFY2(call.contains(QLatin1String("---\n- [1, 'a', {'x': 1}]\n...")), qPrintable(call));
        const QString rows = enter(QStringLiteral("flow_conn.space.demo:select(1)"));
        QVERIFY2(rows.contains(QLatin1String("---\n- - [1, 'item1', 10]\n...")), qPrintable(rows));
        enter(QStringLiteral("flow_conn:close()"));
    }

    void currentConnectionAndStop()
    {
        QVERIFY2(enter(QStringLiteral("box_scope.current():ping()")).contains(QLatin1String("---\n- true\n...")),
                 qPrintable(output()));
        input()->setFocus();
        QTest::keyClicks(input(), QStringLiteral("box_scope.current():call('slow', {30})"));
        QTest::keyClick(input(), Qt::Key_Return);
        QVERIFY(panel()->isRunning());
        QTest::mouseClick(panel()->stopButton(), Qt::LeftButton);
        QVERIFY(waitFor([this] { return !panel()->isRunning(); }, 5000));
        QVERIFY2(output().contains(QLatin1String("aborted")), qPrintable(output()));
        QVERIFY2(enter(QStringLiteral("'after'")).contains(QLatin1String("---\n- after\n...")), qPrintable(output()));
    }

    // A chunk that never ends (no instruction budget) runs off the GUI thread: the window keeps
    // its event loop turning while it runs, and Stop ends it at once, whatever it is doing.
    void runawayChunkKeepsWindowLiveAndStops_data()
    {
        QTest::addColumn<QString>("chunk");
        QTest::newRow("loop") << QStringLiteral("while true do end");
        QTest::newRow("allocating") << QStringLiteral("local t = {} while true do t[#t % 100 + 1] = {} end");
        QTest::newRow("pcall swallows") << QStringLiteral("while true do pcall(function() while true do end end) end");
        QTest::newRow("print flood") << QStringLiteral("while true do print(('x'):rep(100)) end");
        QTest::newRow("backtracking find")
                << QStringLiteral("return string.rep('a', 2000):find(string.rep('.-', 8) .. 'b')");
        QTest::newRow("sort") << QStringLiteral(
                "local t = {} for i = 1, 1e6 do t[i] = (i * 7919) % 1e6 end "
                "while true do table.sort(t, function(a, b) return a > b end) table.sort(t) end");
        QTest::newRow("coroutines") << QStringLiteral(
                "while true do local co = coroutine.wrap(function() while true do end end) pcall(co) end");
    }
    void runawayChunkKeepsWindowLiveAndStops()
    {
        QFETCH(QString, chunk);
        panel()->runtime()->sandbox().setInstructionBudget(0);
        input()->setFocus();
        QTest::keyClicks(input(), chunk);
        QTest::keyClick(input(), Qt::Key_Return);
        QVERIFY(panel()->isRunning());

        // The event loop's longest gap over half a second of the runaway.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, maxGap = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] {
            maxGap = std::max(maxGap, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start(5);
        QTest::qWait(500);
        tick.stop();
        QVERIFY(panel()->isRunning());
        QVERIFY(panel()->stopButton()->isEnabled());

        QElapsedTimer stopping;
        stopping.start();
        QTest::mouseClick(panel()->stopButton(), Qt::LeftButton);
        QVERIFY(waitFor([this] { return !panel()->isRunning(); }, 5000));
        const qint64 stopMs = stopping.elapsed();
        qInfo("%s: longest event-loop gap %lld ms while running; stopped in %lld ms", qPrintable(chunk),
              (long long)maxGap, (long long)stopMs);
        // Typically 11-20 ms and 2-9 ms; the bounds leave room for a loaded 2-core CI under
        // ASan (the runaway holds one core). A chunk on the GUI thread would never let the
        // half-second wait above end at all.
        QVERIFY2(maxGap < 300, qPrintable(QString::number(maxGap)));
        QVERIFY2(stopMs < 300, qPrintable(QString::number(stopMs)));
        QVERIFY2(output().endsWith(QLatin1String("- error: aborted\n...\n")), qPrintable(output().right(200)));
        panel()->runtime()->sandbox().setInstructionBudget(LuaSandbox::kDefaultInstructionBudget);
        QVERIFY2(enter(QStringLiteral("'after'")).contains(QLatin1String("---\n- after\n...")), qPrintable(output()));
    }

    void scriptRequestsInHistoryAndLog()
    {
        RemoteCallPanel *calls = m_window->remoteCallPanel();
        RequestHistoryModel *history = calls->history();
        const int before = history->rowCount();
        QVERIFY2(
                enter(QStringLiteral("box_scope.current():call('progress', {3, 0.01})")).contains(QLatin1String("- 3")),
                qPrintable(output()));
        QVERIFY(waitFor([&] { return history->rowCount() == before + 1; }, 5000));
        Request *r = history->request(before);
        QVERIFY(r);
        QCOMPARE(r->method(), QStringLiteral("call"));
        QCOMPARE(r->target(), QStringLiteral("progress"));
        QCOMPARE(r->state(), Request::State::Done);
        QCOMPARE(r->pushCount(), quint64(3));
        QCOMPARE(r->pushes().size(), size_t(3)); // kept for the push list
        history->flush();
        QCOMPARE(history->index(before, RequestHistoryModel::PushesColumn).data().toString(), QStringLiteral("3"));
        LogModel *log = m_window->logModel();
        log->flush();
        bool sent = false, push = false, done = false;
        for (int i = 0; i < log->rowCount(); ++i) {
            const QString m = log->entry(i).message;
            sent |= m.contains(QLatin1String("progress (from Lua console)"));
            push |= m.contains(QStringLiteral("SYNC %1 push #3").arg(r->sync()));
            done |= m.contains(QStringLiteral("SYNC %1 done").arg(r->sync()));
        }
        QVERIFY(sent);
        QVERIFY(push);
        QVERIFY(done);
        // The request outlives the chunk: the history owns it.
        QVERIFY(enter(QStringLiteral("1")).contains(QLatin1String("- 1")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(history->request(before));
    }

    // A space the script names (conn.space.demo) is listed by that name, not by its id.
    void scriptSpacesListedByName()
    {
        RequestHistoryModel *history = m_window->remoteCallPanel()->history();
        const int before = history->rowCount();
        QVERIFY2(enter(QStringLiteral("box_scope.current().space.demo:select(1)")).contains(QLatin1String("item1")),
                 qPrintable(output()));
        QVERIFY(waitFor([&] { return history->rowCount() == before + 1; }, 5000));
        history->flush();
        Request *r = history->request(before);
        QVERIFY(r);
        QCOMPARE(r->target(), QStringLiteral("demo"));
        QVERIFY(!r->spec().space.byName); // sent by id, as net.box does
        QCOMPARE(history->index(before, RequestHistoryModel::TargetColumn).data().toString(), QStringLiteral("demo"));
    }

    void scriptConnectionRequestsStayListed()
    {
        // A connection the script opens itself gets a connection tab of its own: its requests
        // are listed in that tab's history (not the current tab's), and the tab goes when the
        // script closes the connection.
        RequestHistoryModel *current = m_window->remoteCallPanel()->history();
        const int before = current->rowCount();
        const int tabs = m_window->workspaceCount();
        QVERIFY(enter(QStringLiteral("c = require('net.box').connect('%1')").arg(m_fx->uri()))
                        .contains(QLatin1String("---")));
        QCOMPARE(m_window->workspaceCount(), tabs + 1);
        QPointer<ConnectionWorkspace> own = m_window->workspace(tabs);
        QVERIFY(own->isExternal());
        RequestHistoryModel *history = own->remoteCallPanel()->history();
        QVERIFY2(enter(QStringLiteral("c:call('echo', {7})")).contains(QLatin1String("- 7")), qPrintable(output()));
        QVERIFY(waitFor([&] { return history->rowCount() == 1; }, 5000));
        history->flush();
        QCOMPARE(history->index(0, RequestHistoryModel::MethodColumn).data().toString(), QStringLiteral("call"));
        QCOMPARE(history->index(0, RequestHistoryModel::TargetColumn).data().toString(), QStringLiteral("echo"));
        QCOMPARE(history->index(0, RequestHistoryModel::StateColumn).data().toString(), QStringLiteral("done"));
        current->flush();
        QCOMPARE(current->rowCount(), before);
        enter(QStringLiteral("c:close()"));
        QVERIFY(waitFor([&] { return !own; }, 5000));
        QCOMPARE(m_window->workspaceCount(), tabs);
    }

    // Secrets a line spells out never reach the saved history; the file is owner-only.
    void historyKeepsNoSecrets()
    {
        enter(QStringLiteral("nb = require('net.box') c = nb.connect('alice:s3cr3t@127.0.0.1:1', "
                             "{user = 'bob', password = \"x2y'z\", wait_connected = false}) return 1"));
        const QString kept = panel()->history().last();
        QVERIFY2(kept.contains(QLatin1String("'alice:***@127.0.0.1:1'")), qPrintable(kept));
        QVERIFY2(kept.contains(QLatin1String("password = \"***\"")), qPrintable(kept));
        QVERIFY2(!kept.contains(QLatin1String("s3cr3t")) && !kept.contains(QLatin1String("x2y")), qPrintable(kept));
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("alice:***@"));
        QVERIFY(!saved.contains("s3cr3t") && !saved.contains("x2y"));
        QCOMPARE(file.permissions()
                         & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                            | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    // print()'s bytes that are not UTF-8 show escaped; UTF-8 shows as text.
    void printShowsBytesEscaped()
    {
        const QString out = enter(QStringLiteral("print('a\\255b', '\\209\\142')")); // the second: 'ю' in UTF-8
        QVERIFY2(out.contains(QStringLiteral("a\\xffb\tю")), qPrintable(out));
    }

    void historyUpDown()
    {
        enter(QStringLiteral("10 + 1"));
        enter(QStringLiteral("20 + 2"));
        QCOMPARE(panel()->history().last(), QStringLiteral("20 + 2"));
        input()->setFocus();
        QTest::keyClicks(input(), QStringLiteral("draft"));
        QTest::keyClick(input(), Qt::Key_Up);
        QCOMPARE(input()->toPlainText(), QStringLiteral("20 + 2"));
        QTest::keyClick(input(), Qt::Key_Up);
        QCOMPARE(input()->toPlainText(), QStringLiteral("10 + 1"));
        QTest::keyClick(input(), Qt::Key_Down);
        QCOMPARE(input()->toPlainText(), QStringLiteral("20 + 2"));
        QTest::keyClick(input(), Qt::Key_Down);
        QCOMPARE(input()->toPlainText(), QStringLiteral("draft"));

        // Persisted: a new window recalls it.
        m_window.reset();
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QCOMPARE(panel()->history().last(), QStringLiteral("20 + 2"));
        QVERIFY(panel()->history().size() <= LuaConsolePanel::kHistoryCap);
        input()->setFocus();
        QTest::keyClick(input(), Qt::Key_Up);
        QCOMPARE(input()->toPlainText(), QStringLiteral("20 + 2"));
    }
};

QTEST_MAIN(tst_LuaConsole)
#include "tst_luaconsole.moc"
