#include "MainWindow.h"

#include "Connection.h"
#include "ConnectionBar.h"
#include "IprotoCapture.h"
#include "IprotoView.h"
#include "LogModel.h"
#include "LogView.h"
#include "LuaNetBox.h"
#include "LuaConsolePanel.h"
#include "RemoteCallPanel.h"
#include "SandboxServer.h"
#include "SocketInspectorPanel.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

namespace Boxscope {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new Connection(this))
{
    setWindowTitle(tr("Boxscope"));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1200, 760);

    m_connectionBar = new ConnectionBar(m_connection, this);
    auto *bar = addToolBar(tr("Connection"));
    bar->setObjectName(QStringLiteral("ConnectionToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_connectionBar);

    m_logModel = new LogModel(this);
    m_remoteCall = new RemoteCallPanel(m_connection, m_logModel, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Panels"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_remoteCall, tr("Remote call"));
    m_luaConsole = new LuaConsolePanel(this);
    m_luaConsole->setCurrentConnection(m_connection);
    // Requests and pushes of console scripts appear in the history and the log too.
    m_luaConsole->runtime()->setHandsOverRequests(true);
    connect(m_luaConsole->runtime(), &LuaNetBox::requestStarted, m_remoteCall,
            [this](Request *r) { m_remoteCall->adoptRequest(r, tr("Lua console")); });
    m_tabs->addTab(m_luaConsole, tr("Lua console"));
    m_sockets = new SocketInspectorPanel(m_logModel, this);
    m_tabs->addTab(m_sockets, tr("Sockets"));
    // The remote-call connection's traffic, frame by frame, from its first byte.
    m_capture = new IprotoCapture(this);
    m_capture->attach(m_connection);
    m_iprotoView = new IprotoView(m_capture, this);
    m_tabs->addTab(m_iprotoView, tr("IPROTO traffic"));
    connect(m_iprotoView, &IprotoView::syncActivated, this, [this](quint64 sync) {
        if (m_remoteCall->showRequestBySync(sync))
            m_tabs->setCurrentWidget(m_remoteCall);
        else
            log(2, tr("SYNC %1 is no request in the history (an internal request: auth, schema, ping)").arg(sync));
    });
    setCentralWidget(m_tabs);

    m_logView = new LogView(m_logModel, this);
    auto *dock = new QDockWidget(tr("Log"), this);
    dock->setObjectName(QStringLiteral("LogDock"));
    dock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);

    connect(m_connectionBar, &ConnectionBar::logMessage, this, &MainWindow::log);
    connect(m_connection, &Connection::unexpectedResponse, this,
            [this](quint64 sync, quint32 code, Connection::UnexpectedKind kind) {
                log(2, (kind == Connection::UnexpectedKind::Late ? tr("Late response for SYNC %1 (code 0x%2)")
                                                                : tr("Response with unknown SYNC %1 (code 0x%2)"))
                           .arg(sync)
                           .arg(code, 0, 16));
            });
    statusBar()->showMessage(tr("Disconnected"));
    connect(m_connection, &Connection::stateChanged, this, [this](Connection::State s) {
        statusBar()->showMessage(Connection::stateName(s));
    });
    connect(m_connection, &Connection::reconnectScheduled, this, [this](int attempt, int delayMs) {
        statusBar()->showMessage(tr("waiting to reconnect (attempt %1 in %2 s)").arg(attempt).arg(delayMs / 1000.0));
    });
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::log(int level, const QString &text)
{
    m_logModel->append(level, tr("connection"), text);
}

void MainWindow::startSandbox()
{
    if (!m_sandbox) {
        m_sandbox = new SandboxServer(this);
        connect(m_sandbox, &SandboxServer::ready, this, [this](const QString &host, quint16 port) {
            log(1, tr("Sandbox tarantool (PID %1) listens on %2:%3, work dir %4")
                       .arg(m_sandbox->pid())
                       .arg(host)
                       .arg(port)
                       .arg(m_sandbox->workDir()));
            connectTo(QStringLiteral("%1:%2").arg(host).arg(port));
        });
        connect(m_sandbox, &SandboxServer::failed, this, [this](const QString &message) {
            log(3, tr("Sandbox failed: %1").arg(message));
        });
    }
    const QString script = SandboxServer::findSandboxScript();
    if (script.isEmpty()) {
        log(3, tr("Sandbox script sandbox.lua not found next to the program"));
        return;
    }
    log(1, tr("Starting the sandbox: tarantool %1").arg(script));
    m_sandbox->start(script);
}

void MainWindow::connectTo(const QString &uri, const QString &user, const QString &password)
{
    m_connectionBar->setUri(uri);
    if (!user.isEmpty())
        m_connectionBar->setUser(user);
    if (!password.isEmpty())
        m_connectionBar->setPassword(password);
    m_connectionBar->connectNow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_connection->disconnectFromServer();
    if (m_sandbox)
        m_sandbox->stop();
    event->accept();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_remoteCall->splitter()->restoreState(settings.value(QStringLiteral("remoteCall/splitter")).toByteArray());
    // The connection bar's Reconnect toggle follows the connection's setting.
    m_connection->setReconnectAfter(settings.value(QStringLiteral("connection/reconnectAfter"), 0.0).toDouble());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("remoteCall/splitter"), m_remoteCall->splitter()->saveState());
    settings.setValue(QStringLiteral("connection/reconnectAfter"), m_connection->reconnectAfter());
}

} // namespace Boxscope
