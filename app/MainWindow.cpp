#include "MainWindow.h"

#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "connection/ConnectionBar.h"
#include "console/LuaConsolePanel.h"
#include "inspector/SocketInspectorPanel.h"
#include "log/LogModel.h"
#include "log/LogRouter.h"
#include "log/LogView.h"
#include "lua/LuaNetBox.h"
#include "remotecall/RemoteCallPanel.h"
#include "sandbox/SandboxServer.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsPanel.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include <utility>

namespace Boxscope {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new Connection(this))
{
    setWindowTitle(tr("Boxscope"));
    setObjectName(QStringLiteral("MainWindow"));
    // First start: 1440x900, or the screen's free area when it is smaller (1366x768).
    QSize size(1440, 900);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size);

    m_connectionBar = new ConnectionBar(m_connection, this);
    auto *bar = addToolBar(tr("Connection"));
    bar->setObjectName(QStringLiteral("ConnectionToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_connectionBar);

    m_logModel = new LogModel(this);
    m_logRouter = new LogRouter(m_logModel, this); // netcore's boxscope.* categories into the log view
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
    m_tabs->addTab(m_vitals = new VitalsPanel(m_connection, this), tr("Server vitals"));
    connect(m_iprotoView, &IprotoView::syncActivated, this, [this](quint64 sync) {
        if (m_remoteCall->showRequestBySync(sync))
            m_tabs->setCurrentWidget(m_remoteCall);
        else
            log(LogLevel::Warning,
                tr("SYNC %1 is no request in the history (an internal request: auth, schema, ping)").arg(sync));
    });
    setCentralWidget(m_tabs);
    // Named for View's remembered hidden panels.
    m_remoteCall->setObjectName(QStringLiteral("RemoteCallPanel"));
    m_luaConsole->setObjectName(QStringLiteral("LuaConsolePanel"));
    m_vitals->setObjectName(QStringLiteral("VitalsPanel"));

    m_logView = new LogView(m_logModel, this);
    auto *dock = new QDockWidget(tr("Log"), this);
    dock->setObjectName(QStringLiteral("LogDock"));
    dock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    // First start: a few lines of log, the rest for requests and pushes (the splitter and the
    // dock keep what the person makes of them).
    resizeDocks({ dock }, { 5 * fontMetrics().height() + 70 }, Qt::Vertical);
    m_logDock = dock;

    connect(m_connectionBar, &ConnectionBar::logMessage, this, &MainWindow::log);
    connect(m_connection, &Connection::unexpectedResponse, this,
            [this](quint64 sync, quint32 code, Connection::UnexpectedKind kind) {
                log(LogLevel::Warning,
                    (kind == Connection::UnexpectedKind::Late ? tr("Late response for SYNC %1 (code 0x%2)")
                                                              : tr("Response with unknown SYNC %1 (code 0x%2)"))
                            .arg(sync)
                            .arg(code, 0, 16));
            });
    statusBar()->showMessage(tr("Disconnected"));
    connect(m_connection, &Connection::stateChanged, this,
            [this](Connection::State s) { statusBar()->showMessage(ConnectionBar::stateText(s)); });
    connect(m_connection, &Connection::reconnectScheduled, this, [this](int attempt, int delayMs) {
        statusBar()->showMessage(tr("waiting to reconnect (attempt %1 in %2 s)").arg(attempt).arg(delayMs / 1000.0));
    });
    // Disconnect while waiting to reconnect changes no state; a failure says why.
    connect(m_connection, &Connection::disconnected, this, [this](const Error &error) {
        if (m_connection->isReconnectScheduled())
            return;
        statusBar()->showMessage(error.isNull() ? tr("Disconnected") : tr("Disconnected: %1").arg(error.message));
    });

    menuBar()->setAccessibleName(tr("Menu bar"));
    // The overflow button a narrow window shows for menus that do not fit.
    if (auto *more = menuBar()->findChild<QToolButton *>(QStringLiteral("qt_menubar_ext_button")))
        more->setAccessibleName(tr("More menus"));
    createMenus(); // File, Edit, View, Connection (MainMenus.cpp)
    // The local sandbox tarantool: started with --sandbox or from here; restarted on the same
    // port when it died (or to get its demo data back).
    QMenu *sandboxMenu = menuBar()->addMenu(tr("&Sandbox"));
    sandboxMenu->setAccessibleName(tr("Sandbox menu"));
    m_startSandbox = sandboxMenu->addAction(tr("&Start sandbox"), this, &MainWindow::startSandbox);
    m_startSandbox->setToolTip(tr("Start a local tarantool with demo data and connect to it"));
    m_restartSandbox = sandboxMenu->addAction(tr("&Restart sandbox"), this, &MainWindow::restartSandbox);
    m_restartSandbox->setToolTip(tr("Start the sandbox again on the same port and connect to it"));
    m_stopSandbox = sandboxMenu->addAction(tr("Sto&p sandbox"), this, &MainWindow::stopSandbox);
    updateSandboxActions();
    createHelpMenu();
    createToolBar();

    restoreLayout();
}

MainWindow::~MainWindow()
{
    delete m_logRouter; // no message may reach the model while it goes
}

void MainWindow::log(LogLevel level, const QString &text)
{
    m_logModel->append(level, tr("connection"), text);
}

void MainWindow::ensureSandbox()
{
    if (m_sandbox)
        return;
    m_sandbox = new SandboxServer(this);
    connect(m_sandbox, &SandboxServer::ready, this, [this](const QString &host, quint16 port) {
        m_sandboxPid = m_sandbox->pid();
        log(LogLevel::Info,
            tr("Sandbox tarantool (PID %1) listens on %2:%3, work dir %4")
                    .arg(m_sandboxPid)
                    .arg(host)
                    .arg(port)
                    .arg(m_sandbox->workDir()));
        updateSandboxActions();
        const QString address = QStringLiteral("%1:%2").arg(host).arg(port);
        switch (std::exchange(m_sandboxTakeover, SandboxTakeover::None)) {
        case SandboxTakeover::AsGuest:
            // The sandbox is a fresh server: another server's login means nothing there.
            m_connectionBar->setUser(QString());
            m_connectionBar->setPassword(QString());
            connectTo(address);
            break;
        case SandboxTakeover::KeepLogin: connectTo(address); break;
        case SandboxTakeover::None:
            log(LogLevel::Info,
                tr("The window stays connected to %1; connect to the sandbox at %2 from the connection bar")
                        .arg(m_connection->uri().displayString(), address));
            break;
        }
    });
    connect(m_sandbox, &SandboxServer::failed, this, [this](const QString &message) {
        log(LogLevel::Error, tr("Sandbox failed: %1").arg(message));
        updateSandboxActions();
    });
    connect(m_sandbox, &SandboxServer::exited, this, [this](const QString &how) {
        log(LogLevel::Error,
            tr("Sandbox tarantool (PID %1) %2; Sandbox > Restart sandbox starts it again on port %3")
                    .arg(m_sandboxPid)
                    .arg(how)
                    .arg(m_sandbox->port()));
        updateSandboxActions();
    });
}

void MainWindow::startSandbox()
{
    ensureSandbox();
    if (m_sandbox->isRunning()) {
        log(LogLevel::Warning, tr("The sandbox is already running (PID %1)").arg(m_sandbox->pid()));
        return;
    }
    const QString script = SandboxServer::findSandboxScript();
    if (script.isEmpty()) {
        log(LogLevel::Error, tr("Sandbox script sandbox.lua not found next to the program"));
        return;
    }
    log(LogLevel::Info, tr("Starting the sandbox: tarantool %1").arg(script));
    m_sandboxTakeover = SandboxTakeover::AsGuest;
    m_sandbox->start(script);
    updateSandboxActions();
}

void MainWindow::restartSandbox()
{
    if (!m_sandbox || m_sandbox->scriptPath().isEmpty()) {
        startSandbox();
        return;
    }
    log(LogLevel::Info, tr("Restarting the sandbox on port %1").arg(m_sandbox->port()));
    // Back to the sandbox if that is where the window was (or it was nowhere); a window
    // connected to another server stays there.
    const bool elsewhere =
            m_connection->state() != Connection::State::Disconnected || m_connection->isReconnectScheduled();
    m_sandboxTakeover = connectedToSandbox() ? SandboxTakeover::KeepLogin
            : elsewhere                      ? SandboxTakeover::None
                                             : SandboxTakeover::AsGuest;
    m_sandbox->restart();
    updateSandboxActions();
}

bool MainWindow::connectedToSandbox() const
{
    const Uri &uri = m_connection->uri();
    return m_sandbox && !uri.isUnix() && uri.port == m_sandbox->port() && uri.host == m_sandbox->host();
}

void MainWindow::stopSandbox()
{
    if (!m_sandbox || !m_sandbox->isRunning())
        return;
    log(LogLevel::Info, tr("Stopping the sandbox (PID %1)").arg(m_sandbox->pid()));
    m_sandbox->stop();
    updateSandboxActions();
}

void MainWindow::updateSandboxActions()
{
    const bool running = m_sandbox && m_sandbox->isRunning();
    const bool started = m_sandbox && !m_sandbox->scriptPath().isEmpty();
    m_startSandbox->setEnabled(!running);
    m_restartSandbox->setEnabled(started);
    m_stopSandbox->setEnabled(running);
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
    if (m_remoteCall->splitter()->restoreState(settings.value(QStringLiteral("remoteCall/splitter")).toByteArray()))
        m_remoteCall->keepRestoredSizes();
    const QStringList hidden = settings.value(QStringLiteral("view/hiddenPanels")).toStringList();
    for (QWidget *panel : std::as_const(m_panels))
        if (hidden.contains(panel->objectName()))
            setPanelVisible(panel, false);
    setTheme(Theme::modeFromKey(settings.value(QStringLiteral("view/theme")).toString()));
    setZoomStep(settings.value(QStringLiteral("view/zoom"), 0).toInt());
    // The connection bar's Reconnect toggle follows the connection's setting.
    m_connection->setReconnectAfter(settings.value(QStringLiteral("connection/reconnectAfter"), 0.0).toDouble());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("remoteCall/splitter"), m_remoteCall->splitter()->saveState());
    QStringList hidden;
    for (QWidget *panel : std::as_const(m_panels))
        if (!m_tabs->isTabVisible(m_tabs->indexOf(panel)))
            hidden << panel->objectName();
    settings.setValue(QStringLiteral("view/hiddenPanels"), hidden);
    settings.setValue(QStringLiteral("connection/reconnectAfter"), m_connection->reconnectAfter());
}

} // namespace Boxscope
