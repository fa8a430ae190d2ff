// boxscope-screenshots: regenerates the README's screenshots from the real app.
// It starts the sandbox, drives the remote-call panel like a person would, and grabs the
// window at the moments the README shows. Run it through scripts/screenshots.
#include "ConnectionWorkspace.h"
#include "MainWindow.h"

#include "client/Connection.h"
#include "common/StreamBar.h"
#include "common/Theme.h"
#include "console/LuaConsolePanel.h"
#include "inspector/SocketInspectorPanel.h"
#include "inspector/SocketReadResults.h"
#include "inspector/SocketReceiveGroup.h"
#include "inspector/SocketSendGroup.h"
#include "inspector/SocketServerPage.h"
#include "inspector/SocketSessionPage.h"
#include "log/LogModel.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"
#include "remotecall/FanOutPanel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushListModel.h"
#include "remotecall/PushRateChart.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestForm.h"
#include "replicaset/ReplicaSetModel.h"
#include "replicaset/ReplicaSetPanel.h"
#include "sandbox/SandboxReplicaSet.h"
#include "sockets/SocketServer.h"
#include "sockets/SocketSession.h"
#include "traffic/CaptureFileActions.h"
#include "traffic/IprotoFrameModel.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>

#include <QApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>

#include <cstdio>
#include <functional>

using namespace Boxscope;

static bool waitUntil(const std::function<bool()> &cond, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!cond() && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return cond();
}

static void pause(int ms)
{
    waitUntil([] { return false; }, ms);
}

static bool shoot(MainWindow &w, const QString &dir, const char *name)
{
    QApplication::processEvents();
    const QString path = QDir(dir).filePath(QLatin1String(name));
    const bool ok = w.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("boxscope-screenshots"));
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(dir);
    // A fresh layout and look every run: no settings of an earlier run (or of the app) apply.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    MainWindow w;
    w.resize(1280, 800);
    w.show();
    w.startSandbox();
    if (!waitUntil([&] { return w.connection()->isReady() && w.connection()->schema().isLoaded(); }, 20000)) {
        std::fprintf(stderr, "the sandbox did not come up\n");
        return 1;
    }
    RemoteCallPanel *panel = w.remoteCallPanel();

    // 1. Pushes streaming in while the result is still awaited.
    panel->form()->setMethod(RequestSpec::Method::Call);
    panel->form()->targetEdit()->setText(QStringLiteral("progress"));
    panel->form()->argumentsEdit()->setPlainText(QStringLiteral("{40, 0.1}"));
    Request *r = panel->send();
    if (!r)
        return 1;
    waitUntil([&] { return r->pushCount() >= 14; }, 10000);
    panel->detail()->pushes()->flush();
    pause(100);
    bool ok = shoot(w, dir, "pushes-streaming.png");
    waitUntil([&] { return r->isFinished(); }, 10000);

    // 2. The documentation's server_function: the push, then the result.
    panel->form()->targetEdit()->setText(QStringLiteral("server_function"));
    panel->form()->argumentsEdit()->clear();
    r = panel->send();
    waitUntil([&] { return r && r->isFinished(); }, 10000);
    pause(200);
    ok = shoot(w, dir, "server-function.png") && ok;

    // 3. A server error with its MP_ERROR stack.
    panel->form()->targetEdit()->setText(QStringLiteral("no_such_function"));
    r = panel->send();
    waitUntil([&] { return r && r->isFinished(); }, 10000);
    pause(200);
    ok = shoot(w, dir, "error.png") && ok;

    // 4. The argument editor refusing a broken literal.
    panel->form()->targetEdit()->setText(QStringLiteral("echo"));
    panel->form()->argumentsEdit()->setPlainText(QStringLiteral("{1, 2"));
    pause(200);
    ok = shoot(w, dir, "bad-literal.png") && ok;

    // 5. The Lua console: the seed's client lines, as a person would paste them.
    if (auto *tabs = w.findChild<QTabWidget *>()) {
        LuaConsolePanel *console = w.luaConsolePanel();
        tabs->setCurrentWidget(console);
        const QString port = QString::number(w.connection()->uri().port);
        const QStringList lines = {
            QStringLiteral("net_box = require('net.box')"),
            QStringLiteral("conn = net_box.connect(%1)").arg(port),
            QStringLiteral("messages_from_server = {}"),
            QStringLiteral("conn:call('server_function', {}, {is_async = false, on_push = table.insert, "
                           "on_push_ctx = messages_from_server})"),
            QStringLiteral("messages_from_server"),
            QStringLiteral("future = conn:call('server_function', {}, {is_async = true})"),
            QStringLiteral("future:wait_result(1000)"),
        };
        for (const QString &line : lines) {
            console->inputEdit()->setPlainText(line);
            console->runInput();
            waitUntil([&] { return !console->isRunning(); }, 10000);
        }
        pause(200);
        ok = shoot(w, dir, "lua-console.png") && ok;

        // A runaway chunk (no instruction budget): the window stays live, Stop ends it.
        const uint64_t budget = console->runtime()->sandbox().instructionBudget();
        console->runtime()->sandbox().setInstructionBudget(0);
        console->inputEdit()->setPlainText(
                QStringLiteral("return string.rep('a', 2000):find(string.rep('.-', 8) .. 'b')"));
        console->runInput();
        pause(700);
        ok = shoot(w, dir, "lua-console-running.png") && ok;
        console->stop();
        waitUntil([&] { return !console->isRunning(); }, 5000);
        console->runtime()->sandbox().setInstructionBudget(budget);
        pause(200);
        ok = shoot(w, dir, "lua-console-stopped.png") && ok;
    }

    // 6. The socket inspector: a TCP server on port 0, a client sending three lines (as socat
    //    would send a file), read back by delimiter, then EOF.
    {
        SocketInspectorPanel *sockets = w.socketInspector();
        w.tabs()->setCurrentWidget(sockets);
        SocketServerPage *serverPage = sockets->openTcpServer(QStringLiteral("127.0.0.1"), 0);
        SocketSessionPage *client = serverPage
                ? sockets->openTcpClient(QStringLiteral("127.0.0.1"), serverPage->server()->address().port, 2000)
                : nullptr;
        if (client
            && waitUntil(
                    [&] {
                        return client->session()->state() == SocketSession::State::Connected
                                && serverPage->server()->sessions().size() == 1;
                    },
                    5000)) {
            client->sendGroup()->sendEdit()->setText(QStringLiteral("A\\nB\\nC\\n"));
            client->sendGroup()->sendFromForm();
            client->session()->shutdown(SocketSession::ShutdownHow::Write);
            SocketSessionPage *accepted = sockets->pageFor(serverPage->server()->sessions().first());
            sockets->showPage(accepted);
            accepted->receiveGroup()->delimiterEdit()->setText(QStringLiteral("\\n"));
            accepted->receiveGroup()->readTimeoutBox()->setValue(1);
            for (int i = 0; i < 4; ++i) {
                accepted->receiveGroup()->readFromForm();
                waitUntil([&] { return accepted->receiveGroup()->results()->table()->rowCount() > i; }, 3000);
            }
            accepted->sendGroup()->sendEdit()->setText(QStringLiteral("thanks\\r\\n"));
            accepted->sendGroup()->sendFromForm();
            pause(300);
            ok = shoot(w, dir, "socket-inspector.png") && ok;
        } else {
            std::fprintf(stderr, "socket inspector: the loopback conversation did not start\n");
            ok = false;
        }
    }

    // 7. The IPROTO view: a call with pushes, frame by frame, a CHUNK selected.
    {
        w.tabs()->setCurrentWidget(panel);
        panel->form()->targetEdit()->setText(QStringLiteral("push_n"));
        panel->form()->argumentsEdit()->setPlainText(QStringLiteral("{3}"));
        r = panel->send();
        waitUntil([&] { return r && r->isFinished(); }, 10000);
        IprotoView *view = w.iprotoView();
        w.tabs()->setCurrentWidget(view);
        view->typeFilterEdit()->clear();
        view->frames()->flush();
        quint64 chunkSeq = 0;
        for (const CapturedFrame &f : w.capture()->frames())
            if (f.isPush() && f.hasSync && r && f.sync == r->sync())
                chunkSeq = f.seq;
        view->followBox()->setChecked(false);
        if (chunkSeq)
            view->selectFrame(chunkSeq);
        pause(300);
        ok = shoot(w, dir, "iproto-view.png") && ok;
    }

    // 9. A flood paused with a search: push_n(50000, 16) pauses at its start; the list keeps
    //    what it showed, the bar counts what came since, the search finds "0000000007".
    {
        w.tabs()->setCurrentWidget(panel);
        panel->form()->setMethod(RequestSpec::Method::Call);
        panel->form()->targetEdit()->setText(QStringLiteral("push_n"));
        panel->form()->argumentsEdit()->setPlainText(QStringLiteral("{50000, 16}"));
        r = panel->send();
        StreamBar *bar = panel->detail()->pushBar();
        waitUntil([&] { return r && r->pushCount() >= 200; }, 10000);
        panel->detail()->pushes()->flush();
        bar->pauseButton()->click();
        waitUntil([&] { return r && r->isFinished(); }, 20000);
        bar->searchEdit()->setText(QStringLiteral("0000000007"));
        pause(400);
        ok = shoot(w, dir, "paused-search.png") && ok;
        bar->searchEdit()->clear();
        bar->pauseButton()->click();
        pause(200);
    }

    // 10. An imported capture: this session's traffic written as pcapng and opened again, as a
    //     tcpdump or Wireshark file would be.
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("session.pcapng"));
        IprotoView *view = w.iprotoView();
        QString error;
        if (view->fileActions()->savePcapng(file, &error)) {
            if (QWidget *imported = view->fileActions()->importFile(file, &error)) {
                imported->resize(1280, 800);
                imported->show();
                pause(500);
                const QString path = QDir(dir).filePath(QStringLiteral("imported-capture.png"));
                const bool saved = imported->grab().save(path);
                std::printf("%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
                ok = saved && ok;
                imported->close();
            } else {
                std::fprintf(stderr, "import failed: %s\n", qPrintable(error));
                ok = false;
            }
        } else {
            std::fprintf(stderr, "pcapng export failed: %s\n", qPrintable(error));
            ok = false;
        }
    }

    // 11. A request's push rate: progress(40, 0.05), then the Chart tab beside the pushes.
    {
        w.tabs()->setCurrentWidget(panel);
        panel->form()->setMethod(RequestSpec::Method::Call);
        panel->form()->targetEdit()->setText(QStringLiteral("progress"));
        panel->form()->argumentsEdit()->setPlainText(QStringLiteral("{40, 0.05}"));
        r = panel->send();
        waitUntil([&] { return r && r->isFinished(); }, 10000);
        QWidget *chart = panel->detail()->pushChart();
        for (QWidget *p = chart->parentWidget(); p; p = p->parentWidget()) {
            if (auto *tabs = qobject_cast<QTabWidget *>(p)) {
                tabs->setCurrentWidget(chart);
                break;
            }
        }
        pause(600);
        ok = shoot(w, dir, "push-chart.png") && ok;
    }

    // 12. The server vitals tab after a few seconds of polling, a time under the cursor.
    {
        VitalsPanel *vitals = w.vitalsPanel();
        w.tabs()->setCurrentWidget(vitals);
        for (int i = 0; i < 30; ++i)
            w.connection()->call(QStringLiteral("echo"), MpValue::array({ MpValue::uinteger(uint64_t(i)) }));
        waitUntil([&] { return vitals->pollCount() >= 5; }, 15000);
        vitals->showTime(QDateTime::currentMSecsSinceEpoch() - 2500);
        pause(300);
        ok = shoot(w, dir, "vitals.png") && ok;
        vitals->showTime(-1);
        w.tabs()->setCurrentWidget(panel);
    }

    // 8. The light and the dark theme (View > Theme) at a laptop's 1366×768: the history's
    //    states, the log's levels and the result in each theme's own colours.
    {
        w.tabs()->setCurrentWidget(panel);
        panel->form()->targetEdit()->setText(QStringLiteral("server_function"));
        panel->form()->argumentsEdit()->clear();
        r = panel->send();
        waitUntil([&] { return r && r->isFinished(); }, 10000);
        w.resize(1366, 768);
        Theme::apply(Theme::Mode::Light);
        pause(300);
        ok = shoot(w, dir, "main-light.png") && ok;
        Theme::apply(Theme::Mode::Dark);
        pause(300);
        ok = shoot(w, dir, "main-dark.png") && ok;
        Theme::apply(Theme::Mode::System);
    }

    // 9. Many servers: a local replica set (Sandbox > Start a replica set), its table, and one
    //    request fanned out to the three instances, their pushes side by side.
    {
        w.resize(1366, 768);
        w.startSandboxReplicaSet();
        SandboxReplicaSet *set = nullptr;
        const bool up = waitUntil(
                [&] {
                    set = w.sandboxReplicaSet();
                    if (!set || w.workspaceCount() < 4)
                        return false;
                    ReplicaSetModel *model = w.replicaSetPanel()->model();
                    int follow = 0;
                    for (int row = 0; row < model->rowCount(); ++row)
                        follow += model->index(row, ReplicaSetModel::Upstream)
                                          .data()
                                          .toString()
                                          .contains(QLatin1String("follow"))
                                ? 1
                                : 0;
                    return model->rowCount() == 3 && follow >= 2;
                },
                30000);
        if (!up) {
            std::fprintf(stderr, "the sandbox replica set did not come up\n");
            ok = false;
        } else {
            w.tabs()->setCurrentWidget(w.replicaSetPanel());
            pause(2500); // a few refreshes: lag and idle figures
            ok = shoot(w, dir, "replica-set.png") && ok;

            FanOutPanel *fan = w.fanOutPanel();
            w.tabs()->setCurrentWidget(fan);
            // The three instances (the sandbox's own tab is left out).
            const QStringList wanted = set->uris();
            QList<QPair<QString, Connection *>> instances;
            for (int i = 0; i < w.workspaceCount(); ++i) {
                ConnectionWorkspace *ws = w.workspace(i);
                if (wanted.contains(ws->profile().uri))
                    instances << qMakePair(ws->name(), ws->connection());
            }
            fan->setInstances(instances);
            fan->form()->setMethod(RequestSpec::Method::Call);
            fan->form()->targetEdit()->setText(QStringLiteral("progress"));
            fan->form()->argumentsEdit()->setPlainText(QStringLiteral("{8, 0.05}"));
            if (fan->send()) {
                waitUntil([&] { return fan->fanOut()->isFinished(); }, 10000);
                pause(300);
                ok = shoot(w, dir, "fan-out.png") && ok;
            } else {
                std::fprintf(stderr, "the fan-out did not send: %s\n", qPrintable(fan->sendProblem()));
                ok = false;
            }
            w.stopSandboxReplicaSet();
        }
    }

    w.close();
    return ok ? 0 : 1;
}
