// Several connections open at once in the real Boxscope::MainWindow, against two REAL
// tarantools: a connection tab each (ConnectionWorkspace), each tab's requests in its own
// history and its log lines carrying its name (the log's connection filter shows one's only);
// closing a tab closes its connection; the session (the open tabs, never a password) comes
// back in a new window and connects; a Lua console's net_box.connect() gets a tab of its own
// that lists the requests made on it and goes when the script closes the connection.
#include "ConnectionWorkspace.h"
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "connection/ConnectionBar.h"
#include "connection/ConnectionProfile.h"
#include "console/LuaConsolePanel.h"
#include "log/LogFilterProxy.h"
#include "log/LogModel.h"
#include "log/LogView.h"
#include "lua/LuaNetBox.h"
#include "remotecall/FanOutPanel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestHistoryModel.h"
#include "replicaset/ReplicaSetPanel.h"
#include "sandbox/SandboxServer.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsPanel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDirIterator>
#include <QInputDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_Workspaces : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<TarantoolFixture> m_a;
    std::unique_ptr<TarantoolFixture> m_b;
    std::unique_ptr<MainWindow> m_window;

    static ConnectionProfile profile(const QString &name, const TarantoolFixture &fx)
    {
        ConnectionProfile p;
        p.name = name;
        p.uri = QStringLiteral("%1:%2").arg(fx.host()).arg(fx.port());
        return p;
    }

    static bool waitReady(ConnectionWorkspace *w)
    {
        return waitFor([w] { return w->connection() && w->connection()->isReady(); }, 10000);
    }

    // Sends "return <what>" as an eval from the workspace's form; the request, finished.
    static Request *sendEval(ConnectionWorkspace *w, const QString &code)
    {
        RemoteCallPanel *p = w->remoteCallPanel();
        p->form()->methodBox()->setCurrentIndex(int(RequestSpec::Method::Eval));
        p->form()->targetEdit()->clear();
        QTest::keyClicks(p->form()->targetEdit(), code);
        if (QCompleter *c = p->form()->targetEdit()->completer())
            c->popup()->hide();
        p->form()->argumentsEdit()->clear();
        Request *r = p->send();
        if (!r)
            return nullptr;
        QPointer<Request> guard(r);
        if (!waitFor([&] { return !guard || guard->isFinished(); }, 10000) || !guard)
            return nullptr;
        return r;
    }

    static QStringList historyTargets(ConnectionWorkspace *w)
    {
        QStringList out;
        RequestHistoryModel *h = w->remoteCallPanel()->history();
        for (int row = 0; row < h->rowCount(); ++row)
            out << h->request(row)->target();
        return out;
    }

    // Log lines (connection, message) containing needle.
    QList<std::pair<QString, QString>> logLines(const QString &needle) const
    {
        LogModel *log = m_window->logModel();
        log->flush();
        QList<std::pair<QString, QString>> out;
        for (int row = 0; row < log->rowCount(); ++row)
            if (log->entry(row).message.contains(needle))
                out.append({ log->entry(row).connection, log->entry(row).message });
        return out;
    }

    // Two tabs, "alpha" on server A and "beta" on server B, both connected.
    void openTwo()
    {
        ConnectionWorkspace *alpha = m_window->openWorkspace(profile(QStringLiteral("alpha"), *m_a), true);
        ConnectionWorkspace *beta = m_window->openWorkspace(profile(QStringLiteral("beta"), *m_b), true);
        QVERIFY(waitReady(alpha));
        QVERIFY(waitReady(beta));
    }

private slots:
    void initTestCase()
    {
        // Settings in a private directory: the saved session is this test's own.
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workspaces"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_a = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_a->start(), qPrintable(m_a->errorString()));
        m_b = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_b->start(), qPrintable(m_b->errorString()));
        QVERIFY(m_a->port() != m_b->port());
    }

    void cleanupTestCase()
    {
        m_a.reset();
        m_b.reset();
    }

    void init()
    {
        QSettings().clear();
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void oneTabAtFirst()
    {
        MainWindow &w = *m_window;
        QCOMPARE(w.workspaceCount(), 1);
        QCOMPARE(w.connectionTabs()->count(), 1);
        QCOMPARE(w.currentWorkspace(), w.workspace(0));
        QCOMPARE(w.connection(), w.workspace(0)->connection());
        QCOMPARE(w.connectionTabs()->accessibleName(), QStringLiteral("Connection tabs"));
        QVERIFY(!w.connectionTabs()->accessibleDescription().isEmpty());
        QCOMPARE(w.newConnectionButton()->accessibleName(), QStringLiteral("New connection tab"));
        // The row of tabs shows when there is more than one.
        QVERIFY(!w.connectionTabs()->isVisible());
        w.openWorkspace(ConnectionProfile());
        QVERIFY(w.connectionTabs()->isVisible());
        QVERIFY(w.newConnectionButton()->isVisible());
        w.closeWorkspace(1);
        QVERIFY(!w.connectionTabs()->isVisible());
        // The panel tabs: the first the current tab's remote-call panel, the replica set and
        // the fan-out last.
        QCOMPARE(w.tabs()->count(), 7);
        QCOMPARE(w.tabs()->widget(5), static_cast<QWidget *>(w.replicaSetPanel()));
        QCOMPARE(w.tabs()->widget(6), static_cast<QWidget *>(w.fanOutPanel()));
        QCOMPARE(w.tabs()->widget(0), w.remoteCallPanel());
        // Closing the last tab leaves an empty one.
        ConnectionWorkspace *first = w.currentWorkspace();
        w.closeWorkspace(0);
        QCOMPARE(w.workspaceCount(), 1);
        QVERIFY(w.currentWorkspace() != first);
        QCOMPARE(w.tabs()->widget(0), w.remoteCallPanel());
    }

    // Two servers, a tab each: each tab's request in its own history only, its log lines
    // under its name, the filter showing one's only; the panel tabs follow the current tab.
    void twoServersTwoHistories()
    {
        MainWindow &w = *m_window;
        openTwo();
        QCOMPARE(w.workspaceCount(), 3); // the empty first tab and the two
        ConnectionWorkspace *alpha = w.workspace(1);
        ConnectionWorkspace *beta = w.workspace(2);
        QCOMPARE(alpha->name(), QStringLiteral("alpha"));
        QCOMPARE(w.currentWorkspace(), beta);
        QVERIFY(alpha->connection() != beta->connection());
        QCOMPARE(alpha->connection()->uri().port, m_a->port());
        QCOMPARE(beta->connection()->uri().port, m_b->port());

        // The window's accessors and the panel tabs follow the current tab.
        w.setCurrentWorkspace(1);
        QCOMPARE(w.currentWorkspace(), alpha);
        QCOMPARE(w.connection(), alpha->connection());
        QCOMPARE(w.remoteCallPanel(), alpha->remoteCallPanel());
        QCOMPARE(w.tabs()->indexOf(alpha->remoteCallPanel()), 0);
        QCOMPARE(w.tabs()->indexOf(beta->remoteCallPanel()), -1);
        QCOMPARE(w.tabs()->indexOf(alpha->vitalsPanel()), 4);
        QCOMPARE(w.tabs()->indexOf(alpha->iprotoView()), 3);
        QCOMPARE(w.connectionBar(), alpha->connectionBar());
        QVERIFY(alpha->connectionBar()->isVisible());
        QVERIFY(!beta->connectionBar()->isVisible());
        QVERIFY(!beta->remoteCallPanel()->isVisible());

        Request *ra = sendEval(alpha, QStringLiteral("return 'from alpha'"));
        QVERIFY(ra);
        QCOMPARE(ra->connection(), alpha->connection());
        w.setCurrentWorkspace(2);
        QCOMPARE(w.remoteCallPanel(), beta->remoteCallPanel());
        Request *rb = sendEval(beta, QStringLiteral("return 'from beta'"));
        QVERIFY(rb);
        QCOMPARE(rb->connection(), beta->connection());

        QCOMPARE(historyTargets(alpha), QStringList { QStringLiteral("return 'from alpha'") });
        QCOMPARE(historyTargets(beta), QStringList { QStringLiteral("return 'from beta'") });
        QCOMPARE(historyTargets(w.workspace(0)), QStringList());

        // The log: each request's lines name their tab.
        const auto alphaLines = logLines(QStringLiteral("from alpha"));
        const auto betaLines = logLines(QStringLiteral("from beta"));
        QVERIFY(!alphaLines.isEmpty());
        QVERIFY(!betaLines.isEmpty());
        for (const auto &[connection, message] : alphaLines)
            QCOMPARE(connection, QStringLiteral("alpha"));
        for (const auto &[connection, message] : betaLines)
            QCOMPARE(connection, QStringLiteral("beta"));
        // The connection bar's lines too.
        const auto connected = logLines(QStringLiteral("Connected to"));
        QCOMPARE(connected.size(), 2);
        QCOMPARE(connected.at(0).first, QStringLiteral("alpha"));
        QCOMPARE(connected.at(1).first, QStringLiteral("beta"));

        // The log's connection filter: "All connections", then one per name; beta's only.
        QComboBox *filter = w.logView()->connectionFilter();
        QCOMPARE(filter->accessibleName(), QStringLiteral("Log connection filter"));
        QVERIFY(filter->findData(QStringLiteral("alpha")) > 0);
        QVERIFY(filter->findData(QStringLiteral("beta")) > 0);
        filter->setCurrentIndex(filter->findData(QStringLiteral("beta")));
        LogFilterProxy *proxy = w.logView()->proxy();
        QVERIFY(proxy->rowCount() > 0);
        bool sawBetaRequest = false;
        for (int row = 0; row < proxy->rowCount(); ++row) {
            QCOMPARE(proxy->index(row, LogModel::ConnectionColumn).data().toString(), QStringLiteral("beta"));
            sawBetaRequest |= proxy->index(row, LogModel::MessageColumn).data().toString().contains("from beta");
        }
        QVERIFY(sawBetaRequest);
        filter->setCurrentIndex(0);
        QVERIFY(proxy->rowCount() > 2 * betaLines.size());
    }

    // The tab says at a glance: colour tag, state dot, name, the ping's round trip; the tooltip
    // has the URI, user, version and state.
    void tabAtAGlance()
    {
        MainWindow &w = *m_window;
        ConnectionProfile p = profile(QStringLiteral("tagged"), *m_a);
        p.colour = QColor(Qt::red);
        ConnectionWorkspace *ws = w.openWorkspace(p, true);
        QVERIFY(waitReady(ws));
        const int index = w.indexOfWorkspace(ws);
        QTabBar *tabs = w.connectionTabs();
        QVERIFY(waitFor([&] { return tabs->tabText(index).contains(QStringLiteral(" ms")); }, 5000));
        QVERIFY2(tabs->tabText(index).startsWith(QStringLiteral("● tagged · ")), qPrintable(tabs->tabText(index)));
        QVERIFY(ws->lastRttMs() >= 0);
        QVERIFY(!tabs->tabIcon(index).isNull());
        QCOMPARE(tabs->tabIcon(index).pixmap(12, 12).toImage().pixelColor(6, 6), QColor(Qt::red));
        const QString tip = tabs->tabToolTip(index);
        QVERIFY2(tip.contains(p.uri), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("guest")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Tarantool 2.")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("ready")), qPrintable(tip));
        QVERIFY(tabs->accessibleTabName(index).contains(QStringLiteral("ready")));

        // Throttled: a burst of pings changes the text at most once per interval.
        int changes = 0;
        QString last = tabs->tabText(index);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 20; ++i)
            ws->connectionBar()->ping();
        while (clock.elapsed() < 3 * ConnectionWorkspace::kSummaryIntervalMs) {
            QTest::qWait(5);
            if (tabs->tabText(index) != last) {
                ++changes;
                last = tabs->tabText(index);
            }
        }
        QVERIFY2(changes <= 3, qPrintable(QString::number(changes)));

        ws->disconnectFromServer();
        QVERIFY(waitFor([&] { return tabs->tabText(index).startsWith(QStringLiteral("○ tagged")); }, 5000));
        QVERIFY(!tabs->tabText(index).contains(QStringLiteral(" ms")));
    }

    void closingATabClosesItsConnection()
    {
        MainWindow &w = *m_window;
        openTwo();
        ConnectionWorkspace *alpha = w.workspace(1);
        ConnectionWorkspace *beta = w.workspace(2);
        QPointer<Connection> alphaConnection = alpha->connection();
        QPointer<ConnectionWorkspace> alphaGuard = alpha;
        QSignalSpy disconnected(alphaConnection.data(), &Connection::disconnected);
        w.closeWorkspace(1);
        QCOMPARE(disconnected.size(), 1);
        QVERIFY(!alphaConnection);
        QVERIFY(!alphaGuard);
        QCOMPARE(w.workspaceCount(), 2);
        QCOMPARE(w.connectionTabs()->count(), 2);
        QCOMPARE(w.currentWorkspace(), beta);
        QVERIFY(beta->connection()->isReady());

        // Moved, a tab keeps its workspace (and the current one stays current).
        ConnectionWorkspace *extra = w.openWorkspace(profile(QStringLiteral("extra"), *m_a));
        QCOMPARE(w.workspaceCount(), 3);
        w.connectionTabs()->moveTab(2, 0);
        QCOMPARE(w.workspace(0), extra);
        QCOMPARE(w.currentWorkspace(), extra);
        QCOMPARE(w.remoteCallPanel(), extra->remoteCallPanel());
        QVERIFY(w.connectionTabs()->tabText(0).contains(QStringLiteral("extra")));
        w.connectionTabs()->moveTab(1, 2);
        QCOMPARE(w.currentWorkspace(), extra);
        QVERIFY(w.connectionTabs()->tabText(2).contains(QStringLiteral("beta")) == (w.workspace(2) == beta));
        w.closeWorkspace(0);
        QCOMPARE(w.currentWorkspace(), w.workspace(0));
        w.setCurrentWorkspace(w.indexOfWorkspace(beta));

        // Ctrl+W closes the current one.
        auto *close = w.findChild<QAction *>(QStringLiteral("actionCloseConnection"));
        QVERIFY(close);
        QCOMPARE(close->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_W));
        QPointer<Connection> betaConnection = beta->connection();
        close->trigger();
        QVERIFY(!betaConnection);
        QCOMPARE(w.workspaceCount(), 1);

        // Ctrl+N opens a tab.
        auto *open = w.findChild<QAction *>(QStringLiteral("actionNewConnection"));
        open->trigger();
        QCOMPARE(w.workspaceCount(), 2);
        QCOMPARE(w.currentWorkspace(), w.workspace(1));
    }

    // Closed, the window saves its tabs (no password); a new window reopens and connects them.
    void sessionComesBack()
    {
        openTwo();
        ConnectionProfile withUser = profile(QStringLiteral("gamma"), *m_a);
        withUser.user = QStringLiteral("boxscope");
        withUser.colour = QColor(0x11, 0x22, 0x33);
        int asked = 0;
        m_window->setPasswordProvider([&asked](const ConnectionProfile &p, auto done) {
            ++asked;
            QCOMPARE(p.user, QStringLiteral("boxscope"));
            done(QStringLiteral("secret"));
        });
        ConnectionWorkspace *gamma = m_window->openWorkspace(withUser, true);
        QCOMPARE(asked, 1);
        QVERIFY(waitReady(gamma));
        m_window->setCurrentWorkspace(1); // alpha
        m_window->close();
        m_window.reset();

        // No password in any settings file.
        QDirIterator it(m_home->path(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            QVERIFY2(!f.readAll().contains("secret"), qPrintable(f.fileName()));
        }
        QVERIFY(files > 0);

        m_window = std::make_unique<MainWindow>();
        asked = 0;
        m_window->setPasswordProvider([&asked](const ConnectionProfile &, auto done) {
            ++asked;
            done(QStringLiteral("secret"));
        });
        m_window->show();
        QVERIFY(m_window->restoreSession());
        MainWindow &w = *m_window;
        QCOMPARE(w.workspaceCount(), 3); // the empty tab gave way
        QCOMPARE(w.workspace(0)->name(), QStringLiteral("alpha"));
        QCOMPARE(w.workspace(1)->name(), QStringLiteral("beta"));
        QCOMPARE(w.workspace(2)->name(), QStringLiteral("gamma"));
        QCOMPARE(w.workspace(0)->profile().uri, profile(QString(), *m_a).uri);
        QCOMPARE(w.workspace(1)->profile().uri, profile(QString(), *m_b).uri);
        QCOMPARE(w.workspace(2)->profile().user, QStringLiteral("boxscope"));
        QCOMPARE(w.workspace(2)->profile().colour, QColor(0x11, 0x22, 0x33));
        QCOMPARE(w.currentWorkspace(), w.workspace(0));
        QCOMPARE(asked, 1);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(waitReady(w.workspace(i)), qPrintable(w.workspace(i)->name()));
        QCOMPARE(w.workspace(0)->connection()->uri().port, m_a->port());
        QCOMPARE(w.workspace(1)->connection()->uri().port, m_b->port());

        // A password refused (cancelled): that tab stays disconnected.
        m_window->close();
        m_window = std::make_unique<MainWindow>();
        m_window->setPasswordProvider([](const ConnectionProfile &, auto done) { done(std::nullopt); });
        QVERIFY(m_window->restoreSession());
        QCOMPARE(m_window->workspaceCount(), 3);
        QVERIFY(waitReady(m_window->workspace(1)));
        QCOMPARE(m_window->workspace(2)->connection()->state(), Connection::State::Disconnected);
    }

    // Sandbox > Restart takes back every tab that was on the sandbox, not only the current one;
    // a tab on another server stays there.
    void sandboxRestartReconnectsItsTabs()
    {
        MainWindow &w = *m_window;
        ConnectionWorkspace *first = w.currentWorkspace();
        w.startSandboxAction()->trigger();
        QVERIFY(waitFor([&] { return first->connection()->isReady(); }, 20000));
        SandboxServer *sandbox = w.sandbox();
        ConnectionWorkspace *alpha = w.openWorkspace(profile(QStringLiteral("alpha"), *m_a), true);
        QVERIFY(waitReady(alpha));
        QCOMPARE(w.currentWorkspace(), alpha);
        const qint64 pid = sandbox->pid();
        w.restartSandboxAction()->trigger();
        QVERIFY(waitFor([&] { return sandbox->isRunning() && sandbox->pid() != pid; }, 20000));
        QVERIFY(waitFor(
                [&] { return first->connection()->isReady() && first->connection()->uri().port == sandbox->port(); },
                20000));
        QVERIFY(alpha->connection()->isReady());
        QCOMPARE(alpha->connection()->uri().port, m_a->port());
        w.stopSandbox();
    }

    // Without a provider of its own the window asks with a dialog: the password hidden as it
    // is typed; OK connects, Cancel does not.
    void defaultProviderAsks()
    {
        MainWindow &w = *m_window;
        ConnectionProfile p = profile(QStringLiteral("asked"), *m_a);
        p.user = QStringLiteral("boxscope");
        ConnectionWorkspace *ws = w.openWorkspace(p, true);
        QInputDialog *dialog = nullptr;
        QVERIFY(waitFor([&] { return (dialog = w.findChild<QInputDialog *>()) && dialog->isVisible(); }, 5000));
        QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
        QVERIFY(dialog->labelText().contains(QStringLiteral("boxscope")));
        dialog->setTextValue(QStringLiteral("secret"));
        dialog->accept();
        QVERIFY(waitReady(ws));
        QCOMPARE(ws->connection()->user(), QStringLiteral("boxscope"));

        ConnectionWorkspace *other = w.openWorkspace(p, true);
        QVERIFY(waitFor(
                [&] {
                    const auto dialogs = w.findChildren<QInputDialog *>();
                    dialog = dialogs.isEmpty() ? nullptr : dialogs.last();
                    return dialog && dialog->isVisible();
                },
                5000));
        dialog->reject();
        QTest::qWait(200);
        QCOMPARE(other->connection()->state(), Connection::State::Disconnected);
        QVERIFY(!logLines(QStringLiteral("no password given")).isEmpty());
    }

    // box_scope.current() follows the current tab; a console net_box.connect() opens a tab
    // of its own, and its requests land in that tab's history.
    void consoleConnectionsGetTabs()
    {
        MainWindow &w = *m_window;
        openTwo();
        LuaConsolePanel *console = w.luaConsolePanel();
        auto run = [&](const QString &code) {
            QSignalSpy done(console->runtime(), &LuaNetBox::finished);
            console->inputEdit()->setPlainText(code);
            if (!console->runInput())
                return false;
            return done.wait(10000) && done.first().first().toBool();
        };
        auto lastOutput = [&] { return console->outputView()->toPlainText(); };

        w.setCurrentWorkspace(1); // alpha, server A
        QVERIFY(run(QStringLiteral("return box_scope.current().port")));
        QVERIFY2(lastOutput().contains(QString::number(m_a->port())), qPrintable(lastOutput()));
        w.setCurrentWorkspace(2); // beta, server B
        QVERIFY(run(QStringLiteral("return box_scope.current().port")));
        QVERIFY2(lastOutput().endsWith(QStringLiteral("- '%1'\n...\n").arg(m_b->port()))
                         || lastOutput().contains(QStringLiteral("'%1'\n...").arg(m_b->port())),
                 qPrintable(lastOutput()));

        // A request on box_scope.current() lands in beta's history.
        QVERIFY(run(QStringLiteral("return box_scope.current():eval('return \"on current\"')")));
        QCOMPARE(historyTargets(w.workspace(2)), QStringList { QStringLiteral("return \"on current\"") });
        QCOMPARE(historyTargets(w.workspace(1)), QStringList());

        const QString uriA = QStringLiteral("%1:%2").arg(m_a->host()).arg(m_a->port());
        QVERIFY(run(QStringLiteral("c = require('net.box').connect('%1') return c:ping()").arg(uriA)));
        QCOMPARE(w.workspaceCount(), 4);
        ConnectionWorkspace *own = w.workspace(3);
        QVERIFY(own->isExternal());
        QCOMPARE(own->name(), QStringLiteral("console: %1").arg(uriA));
        QCOMPARE(w.currentWorkspace(), w.workspace(2)); // the console's tab does not take over
        QVERIFY(run(QStringLiteral("return c:eval('return \"on console\"')")));
        // Its ping and its eval, in its own history.
        QCOMPARE(own->remoteCallPanel()->history()->rowCount(), 2);
        QCOMPARE(own->remoteCallPanel()->history()->request(0)->method(), QStringLiteral("ping"));
        QCOMPARE(historyTargets(own).last(), QStringLiteral("return \"on console\""));
        QCOMPARE(historyTargets(w.workspace(2)), QStringList { QStringLiteral("return \"on current\"") });
        const auto lines = logLines(QStringLiteral("on console"));
        QVERIFY(!lines.isEmpty());
        for (const auto &[connection, message] : lines)
            QCOMPARE(connection, own->name());

        // The tab shows the console's connection: its traffic, its state.
        w.setCurrentWorkspace(3);
        QCOMPARE(w.connection(), own->connection());
        QVERIFY(own->connection()->isReady());

        // The script closes it: the tab goes (the connection stays the console's).
        QPointer<ConnectionWorkspace> guard = own;
        QPointer<Connection> connection = own->connection();
        QVERIFY(run(QStringLiteral("c:close() return true")));
        QVERIFY(waitFor([&] { return !guard; }, 2000));
        QCOMPARE(w.workspaceCount(), 3);
        QVERIFY(connection); // the runtime's, not the tab's, to delete
    }
};

QTEST_MAIN(tst_Workspaces)
#include "tst_workspaces.moc"
