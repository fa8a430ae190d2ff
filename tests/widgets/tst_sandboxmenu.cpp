// The Sandbox menu of the real Boxscope::MainWindow: "Start sandbox" runs a REAL tarantool
// (resources/sandbox.lua) and connects to it; when that tarantool dies (SIGKILL by its PID, as a
// crash would) the log says how it ended and the connection says "Peer closed"; "Restart
// sandbox" starts it again on the same port and the connection (with reconnect on) comes back
// by itself; "Stop sandbox" stops it without reporting an unexpected exit.
#include "ConnectionWorkspace.h"
#include "MainWindow.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/Uri.h"
#include "log/LogModel.h"
#include "sandbox/SandboxServer.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_SandboxMenu : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;

    static QStringList logMessages(MainWindow &w)
    {
        LogModel *log = w.logModel();
        log->flush();
        QStringList out;
        for (int row = 0; row < log->rowCount(); ++row)
            out << log->entry(row).message;
        return out;
    }

private slots:
    void initTestCase()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sandboxmenu"));
        qputenv("BOXSCOPE_SANDBOX_SCRIPT", QByteArray(BOXSCOPE_SANDBOX_SCRIPT));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
    }

    void menuIsAccessible()
    {
        MainWindow w;
        QMenu *menu = nullptr;
        for (QAction *a : w.menuBar()->actions()) {
            if (a->menu() && a->menu()->accessibleName() == QLatin1String("Sandbox menu"))
                menu = a->menu();
        }
        QVERIFY(menu);
        QCOMPARE(w.menuBar()->accessibleName(), QStringLiteral("Menu bar"));
        QVERIFY(menu->actions().contains(w.startSandboxAction()));
        QVERIFY(menu->actions().contains(w.restartSandboxAction()));
        QVERIFY(menu->actions().contains(w.stopSandboxAction()));
        // Nothing started yet: only Start.
        QVERIFY(w.startSandboxAction()->isEnabled());
        QVERIFY(!w.restartSandboxAction()->isEnabled());
        QVERIFY(!w.stopSandboxAction()->isEnabled());
    }

    void diesThenRestartsOnTheSamePort()
    {
        MainWindow w;
        Connection *c = w.connection();
        c->setReconnectAfter(0.2);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        w.startSandboxAction()->trigger();
        QVERIFY2(waitFor([&] { return c->isReady(); }, 20000), qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        SandboxServer *sandbox = w.sandbox();
        QVERIFY(sandbox && sandbox->isRunning());
        const quint16 port = sandbox->port();
        const qint64 pid = sandbox->pid();
        QVERIFY(port != 0 && pid > 0);
        QCOMPARE(c->uri().port, port);
        QVERIFY(!w.startSandboxAction()->isEnabled());
        QVERIFY(w.restartSandboxAction()->isEnabled());
        QVERIFY(w.stopSandboxAction()->isEnabled());

        // The tarantool dies as a crash would: the log says how, and what to do.
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        const QString died = QStringLiteral("Sandbox tarantool (PID %1) was killed by signal 9; Sandbox > Restart "
                                            "sandbox starts it again on port %2")
                                     .arg(pid)
                                     .arg(port);
        QVERIFY2(waitFor([&] { return logMessages(w).contains(died); }, 10000),
                 qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        QVERIFY(waitFor([&] { return c->isReconnectScheduled() || c->state() != Connection::State::Ready; }));
        QVERIFY(logMessages(w).contains(QStringLiteral("Connection lost: Peer closed")));
        QVERIFY(w.startSandboxAction()->isEnabled());
        QVERIFY(w.restartSandboxAction()->isEnabled());
        QVERIFY(!w.stopSandboxAction()->isEnabled());

        // Restart: the same port, a new process, and the connection is back and works.
        w.restartSandboxAction()->trigger();
        QVERIFY2(waitFor([&] { return sandbox->isRunning() && c->isReady() && c->schema().isLoaded(); }, 20000),
                 qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        QCOMPARE(sandbox->port(), port);
        QVERIFY(sandbox->pid() != pid);
        QCOMPARE(c->uri().port, port);
        Request *r = c->call(QStringLiteral("echo"), A({ S("back") }));
        QVERIFY(r->waitForFinished(5000));
        QCOMPARE(r->result(), A({ S("back") }));
        QVERIFY(logMessages(w).contains(QStringLiteral("Restarting the sandbox on port %1").arg(port)));

        // Stop: no "killed"/"exited" report for an exit that was asked for.
        const int reports = logMessages(w).filter(QStringLiteral("Sandbox tarantool (PID")).size();
        w.stopSandboxAction()->trigger();
        QVERIFY(!sandbox->isRunning());
        QTest::qWait(200);
        QCOMPARE(logMessages(w).filter(QStringLiteral("Sandbox tarantool (PID")).size(), reports);
        QVERIFY(w.startSandboxAction()->isEnabled());
        QVERIFY(!w.stopSandboxAction()->isEnabled());
        c->setReconnectAfter(0);
        c->disconnectFromServer();
    }

    // A window connected to another server with another login: Restart sandbox leaves it
    // there; Start sandbox connects to the sandbox as guest, not with the other server's login.
    void restartLeavesAnotherServerAlone()
    {
        TarantoolFixture other;
        QVERIFY2(other.start(), qPrintable(other.errorString()));
        {
            Connection admin;
            Uri uri;
            QString error;
            QVERIFY(Uri::parse(QStringLiteral("boxscope:secret@%1").arg(other.uri()), &uri, &error));
            admin.connectToServer(uri);
            QVERIFY(waitFor([&] { return admin.isReady(); }));
            // A password the sandbox's boxscope user does not have.
            Request *r = admin.eval(QStringLiteral("box.schema.user.passwd('elsewhere')"), A({}));
            QVERIFY(r->waitForFinished(5000));
            QCOMPARE(r->state(), Request::State::Done);
            admin.disconnectFromServer();
        }

        MainWindow w;
        Connection *c = w.connection();
        w.show();
        w.startSandboxAction()->trigger();
        QVERIFY2(waitFor([&] { return c->isReady(); }, 20000), qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        SandboxServer *sandbox = w.sandbox();

        w.connectTo(other.uri(), QStringLiteral("boxscope"), QStringLiteral("elsewhere"));
        QVERIFY(waitFor([&] { return c->isReady() && c->uri().port == other.port(); }, 10000));
        const qint64 pid = sandbox->pid();
        w.restartSandboxAction()->trigger();
        QVERIFY2(waitFor([&] { return sandbox->isRunning() && sandbox->pid() != pid; }, 20000),
                 qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        QVERIFY(waitFor(
                [&] { return !logMessages(w).filter(QStringLiteral("The window stays connected to")).isEmpty(); },
                10000));
        QTest::qWait(300);
        QVERIFY(c->isReady());
        QCOMPARE(c->uri().port, other.port());
        QCOMPARE(c->user(), QStringLiteral("boxscope"));

        // Start while the current tab is connected elsewhere: the sandbox gets a connection tab
        // of its own, "sandbox", as guest; the first tab stays where it is.
        w.stopSandboxAction()->trigger();
        w.startSandboxAction()->trigger();
        QVERIFY2(waitFor([&] { return w.workspaceCount() == 2 && w.connection()->isReady(); }, 20000),
                 qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        QCOMPARE(w.currentWorkspace()->name(), QStringLiteral("sandbox"));
        Connection *s = w.connection();
        QCOMPARE(s->uri().port, sandbox->port());
        QVERIFY(s->user().isEmpty() || s->user() == QLatin1String("guest"));
        QVERIFY(c->isReady());
        QCOMPARE(c->uri().port, other.port());
        s->disconnectFromServer();
        QVERIFY(logMessages(w).filter(QStringLiteral("Incorrect password")).isEmpty());
        // A stop or a restart asked for is no failure.
        QVERIFY2(logMessages(w).filter(QStringLiteral("Sandbox failed")).isEmpty(),
                 qPrintable(logMessages(w).join(QLatin1Char('\n'))));
        c->disconnectFromServer();
    }
};

QTEST_MAIN(tst_SandboxMenu)
#include "tst_sandboxmenu.moc"
