#include "MainWindow.h"

#include "ConnectionWorkspace.h"

#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "connection/ConnectionBar.h"
#include "connection/ConnectionProfile.h"
#include "connection/ConnectionProfileStore.h"
#include "connection/ConnectionsDialog.h"
#include "connection/PasswordVault.h"
#include "connection/ReadOnlyGuard.h"
#include "console/LuaConsolePanel.h"
#include "inspector/SocketInspectorPanel.h"
#include "log/LogModel.h"
#include "log/LogRouter.h"
#include "log/LogView.h"
#include "lua/LuaNetBox.h"
#include "remotecall/FanOutPanel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestHistoryModel.h"
#include "replicaset/ReplicaSetPanel.h"
#include "sandbox/SandboxReplicaSet.h"
#include "sandbox/SandboxServer.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsPanel.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include <memory>
#include <utility>

namespace Boxscope {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Boxscope"));
    setObjectName(QStringLiteral("MainWindow"));
    // First start: 1440x900, or the screen's free area when it is smaller (1366x768).
    QSize size(1440, 900);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size);

    m_logModel = new LogModel(this);
    m_logRouter = new LogRouter(m_logModel, this); // netcore's boxscope.* categories into the log view
    m_parking = new QWidget(this);
    m_parking->hide();
    m_profileStore = new ConnectionProfileStore(this);
    // A saved connection's password comes from the keychain; otherwise (or when the keychain
    // has none, or none answers) it is asked for, and kept nowhere.
    m_passwordProvider = [this](const ConnectionProfile &profile, std::function<void(std::optional<QString>)> done) {
        if (profile.id.isEmpty()) {
            askPassword(profile, std::move(done));
            return;
        }
        QPointer<MainWindow> self(this);
        passwordVault()->read(profile.id, [self, profile, done](const PasswordVault::Result &result) {
            if (!self)
                return;
            if (result.status == PasswordVault::Result::Ok)
                done(result.password);
            else
                self->askPassword(profile, done);
        });
    };

    // The first connection tab: its bar and panels are where the window's used to be.
    m_barStack = new QStackedWidget(this);
    m_barStack->setAccessibleName(tr("Connection bars"));
    ConnectionWorkspace *first = addWorkspace(ConnectionProfile(), nullptr);
    m_current = first;
    m_barStack->setCurrentWidget(first->connectionBar());
    createConnectionTabs();
    addToolBarBreak(Qt::TopToolBarArea);
    auto *bar = addToolBar(tr("Connection"));
    bar->setObjectName(QStringLiteral("ConnectionToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_barStack);

    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Panels"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(first->remoteCallPanel(), tr("Remote call"));
    m_luaConsole = new LuaConsolePanel(this);
    m_luaConsole->setCurrentConnection(first->connection());
    // Requests and pushes of console scripts appear in the history of the tab of the
    // connection they were made on (the current one's for box_scope.current()), and in the log.
    m_luaConsole->runtime()->setHandsOverRequests(true);
    connect(m_luaConsole->runtime(), &LuaNetBox::requestStarted, this, [this](Request *r) {
        ConnectionWorkspace *w = workspaceFor(r->connection());
        (w ? w : m_current)->remoteCallPanel()->adoptRequest(r, tr("Lua console"));
    });
    // A script's own net_box.connect() gets a tab of its own, until the script closes it.
    connect(m_luaConsole->runtime(), &LuaNetBox::connectionOpened, this, [this](Connection *c) {
        ConnectionProfile profile;
        profile.uri = c->uri().displayString();
        profile.user = c->uri().user;
        profile.name = tr("console: %1").arg(profile.uri);
        ConnectionWorkspace *w = addWorkspace(profile, c);
        w->log(LogLevel::Info, tr("The Lua console opened a connection to %1").arg(profile.uri));
    });
    connect(m_luaConsole->runtime(), &LuaNetBox::connectionClosed, this, [this](Connection *c) {
        if (ConnectionWorkspace *w = workspaceFor(c); w && w->isExternal())
            closeWorkspace(indexOfWorkspace(w));
    });
    m_tabs->addTab(m_luaConsole, tr("Lua console"));
    m_sockets = new SocketInspectorPanel(m_logModel, this);
    m_tabs->addTab(m_sockets, tr("Sockets"));
    m_tabs->addTab(first->iprotoView(), tr("IPROTO traffic"));
    m_tabs->addTab(first->vitalsPanel(), tr("Server vitals"));
    // The replica set of the current tab's server, and one request to several servers.
    m_replicaSet = new ReplicaSetPanel(this);
    m_replicaSet->setObjectName(QStringLiteral("ReplicaSetPanel"));
    m_tabs->addTab(m_replicaSet, tr("Replica set"));
    connect(m_replicaSet, &ReplicaSetPanel::openRequested, this,
            [this](const QString &uri) { openInstance(uri, m_replicaSet->user()); });
    m_fanOut = new FanOutPanel(this);
    m_fanOut->setObjectName(QStringLiteral("FanOutPanel"));
    m_tabs->addTab(m_fanOut, tr("Fan-out"));
    updateFanOutInstances();
    setCentralWidget(m_tabs);
    // Named for View's remembered hidden panels.
    m_luaConsole->setObjectName(QStringLiteral("LuaConsolePanel"));

    m_logView = new LogView(m_logModel, this);
    auto *dock = new QDockWidget(tr("Log"), this);
    dock->setObjectName(QStringLiteral("LogDock"));
    dock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    // First start: a few lines of log, the rest for requests and pushes (the splitter and the
    // dock keep what the person makes of them).
    resizeDocks({ dock }, { 5 * fontMetrics().height() + 70 }, Qt::Vertical);
    m_logDock = dock;

    statusBar()->showMessage(tr("Disconnected"));

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
    sandboxMenu->addSeparator();
    m_startReplicaSet = sandboxMenu->addAction(tr("Start a replica &set"), this, &MainWindow::startSandboxReplicaSet);
    m_startReplicaSet->setObjectName(QStringLiteral("actionStartReplicaSet"));
    m_startReplicaSet->setToolTip(tr("Start a local master and two replicas, open a tab for each and follow them "
                                     "in the Replica set panel"));
    m_stopReplicaSet = sandboxMenu->addAction(tr("Stop the replica set"), this, &MainWindow::stopSandboxReplicaSet);
    m_stopReplicaSet->setObjectName(QStringLiteral("actionStopReplicaSet"));
    m_stopReplicaSet->setEnabled(false);
    updateSandboxActions();
    createHelpMenu();
    createToolBar();
    bindCurrent();

    restoreLayout();
    updateTabRow();
}

MainWindow::~MainWindow()
{
    delete m_logRouter; // no message may reach the model while it goes
    // The tabs go while the window still stands (their parts point at its log and panels).
    for (const QMetaObject::Connection &link : std::as_const(m_currentLinks))
        disconnect(link);
    m_connectionTabs->blockSignals(true);
    m_current = nullptr;
    qDeleteAll(std::exchange(m_workspaces, {}));
}

Connection *MainWindow::connection() const
{
    return m_current ? m_current->connection() : nullptr;
}
ConnectionBar *MainWindow::connectionBar() const
{
    return m_current ? m_current->connectionBar() : nullptr;
}
RemoteCallPanel *MainWindow::remoteCallPanel() const
{
    return m_current ? m_current->remoteCallPanel() : nullptr;
}
IprotoView *MainWindow::iprotoView() const
{
    return m_current ? m_current->iprotoView() : nullptr;
}
VitalsPanel *MainWindow::vitalsPanel() const
{
    return m_current ? m_current->vitalsPanel() : nullptr;
}
IprotoCapture *MainWindow::capture() const
{
    return m_current ? m_current->capture() : nullptr;
}

ConnectionWorkspace *MainWindow::workspace(int index) const
{
    return index >= 0 && index < m_workspaces.size() ? m_workspaces.at(index) : nullptr;
}

int MainWindow::indexOfWorkspace(const ConnectionWorkspace *workspace) const
{
    return int(m_workspaces.indexOf(const_cast<ConnectionWorkspace *>(workspace)));
}

ConnectionWorkspace *MainWindow::workspaceFor(const Connection *connection) const
{
    if (!connection)
        return nullptr;
    for (ConnectionWorkspace *w : m_workspaces)
        if (w->connection() == connection)
            return w;
    return nullptr;
}

void MainWindow::createConnectionTabs()
{
    // A row of its own above the connection bar: one tab per connection, "+" for another. Shown
    // when there is more than one (a single connection keeps the first-start layout's height).
    auto *row = addToolBar(tr("Connections"));
    m_tabRow = row;
    row->toggleViewAction()->setVisible(false);
    row->setObjectName(QStringLiteral("ConnectionTabsToolBar"));
    row->setAccessibleName(tr("Connections"));
    row->setMovable(false);
    row->setFloatable(false);
    m_connectionTabs = new QTabBar(this);
    m_connectionTabs->setAccessibleName(tr("Connection tabs"));
    m_connectionTabs->setAccessibleDescription(
            tr("One tab per connection: the panels show the current one's; Ctrl+N opens another, Ctrl+W closes it"));
    m_connectionTabs->setDocumentMode(true);
    m_connectionTabs->setTabsClosable(true);
    m_connectionTabs->setMovable(true);
    m_connectionTabs->setExpanding(false);
    m_connectionTabs->setElideMode(Qt::ElideRight);
    m_connectionTabs->setUsesScrollButtons(true);
    m_connectionTabs->setIconSize(QSize(12, 12));
    m_connectionTabs->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    row->addWidget(m_connectionTabs);
    m_newConnectionButton = new QToolButton(this);
    m_newConnectionButton->setObjectName(QStringLiteral("newConnectionButton"));
    m_newConnectionButton->setText(QStringLiteral("+"));
    m_newConnectionButton->setToolTip(tr("New connection tab (Ctrl+N)"));
    m_newConnectionButton->setAccessibleName(tr("New connection tab"));
    m_newConnectionButton->setAccessibleDescription(tr("Opens a connection tab and puts the focus into its URI"));
    m_newConnectionButton->setAutoRaise(true);
    row->addWidget(m_newConnectionButton);
    auto *rest = new QWidget(row); // "+" right after the last tab
    rest->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    row->addWidget(rest);
    connect(m_newConnectionButton, &QToolButton::clicked, this, [this] {
        openWorkspace(ConnectionProfile());
        connectionBar()->focusUri();
    });

    for (ConnectionWorkspace *w : std::as_const(m_workspaces)) {
        const int index = m_connectionTabs->addTab(QString());
        Q_UNUSED(index);
        updateTab(w);
    }
    connect(m_connectionTabs, &QTabBar::currentChanged, this, [this](int index) {
        if (ConnectionWorkspace *w = workspace(index))
            activate(w);
    });
    connect(m_connectionTabs, &QTabBar::tabCloseRequested, this, &MainWindow::closeWorkspace);
    connect(m_connectionTabs, &QTabBar::tabMoved, this, [this](int from, int to) {
        m_workspaces.move(from, to);
        // Whichever signal came first, the current tab's workspace is the current one.
        if (ConnectionWorkspace *w = workspace(m_connectionTabs->currentIndex()))
            activate(w);
    });
}

ConnectionWorkspace *MainWindow::addWorkspace(const ConnectionProfile &profile, Connection *external)
{
    auto *w = new ConnectionWorkspace(profile, m_logModel, external, this);
    // Its panels wait, hidden, until its tab is the current one.
    w->remoteCallPanel()->setParent(m_parking);
    w->iprotoView()->setParent(m_parking);
    w->vitalsPanel()->setParent(m_parking);
    m_barStack->addWidget(w->connectionBar());
    if (m_current) {
        // A new tab starts as the current one is laid out, and reconnects as it does.
        if (w->remoteCallPanel()->splitter()->restoreState(m_current->remoteCallPanel()->splitter()->saveState()))
            w->remoteCallPanel()->keepRestoredSizes();
        if (!external)
            w->connection()->setReconnectAfter(m_current->connection()->reconnectAfter());
    }
    m_workspaces << w;
    updateFanOutInstances();
    connect(w->iprotoView(), &IprotoView::syncActivated, this, [this, w](quint64 sync) {
        if (w->remoteCallPanel()->showRequestBySync(sync))
            m_tabs->setCurrentWidget(w->remoteCallPanel());
        else
            w->log(LogLevel::Warning,
                   tr("SYNC %1 is no request in the history (an internal request: auth, schema, ping)").arg(sync));
    });
    connect(w, &ConnectionWorkspace::summaryChanged, this, [this, w] {
        updateTab(w);
        updateFanOutInstances(); // its name or address may have changed
    });
    // The colour tag beside its history rows and its log lines, as on its tab.
    if (profile.colour.isValid()) {
        w->remoteCallPanel()->history()->setTagColour(profile.colour);
        m_logModel->setConnectionColour(w->name(), profile.colour);
    }
    if (profile.readOnly && !external)
        new ReadOnlyGuard(w->connection(), this); // the connection's child
    // The replica set panel starts from the first server the window connects to.
    connect(w->connection(), &Connection::ready, this, [this, w] {
        if (m_replicaSet && w == m_current && m_replicaSet->seed().isEmpty())
            m_replicaSet->setSeed(w->connection()->uri().displayString(), w->connection()->user());
    });
    QPointer<ConnectionWorkspace> guard(w);
    connect(w, &ConnectionWorkspace::externalConnectionGone, this, [this, guard] {
        // Not from inside the connection's destruction.
        QMetaObject::invokeMethod(
                this,
                [this, guard] {
                    if (guard)
                        closeWorkspace(indexOfWorkspace(guard));
                },
                Qt::QueuedConnection);
    });
    if (m_connectionTabs) {
        m_connectionTabs->addTab(QString());
        updateTab(w);
        updateTabRow();
    }
    return w;
}

ConnectionWorkspace *MainWindow::openWorkspace(const ConnectionProfile &profile, bool connectNow)
{
    ConnectionWorkspace *w = addWorkspace(profile, nullptr);
    w->log(LogLevel::Info, tr("Opened a connection tab"));
    setCurrentWorkspace(indexOfWorkspace(w));
    if (connectNow)
        connectWorkspace(w);
    return w;
}

void MainWindow::connectWorkspace(ConnectionWorkspace *w)
{
    if (w->profile().user.isEmpty()) {
        w->connectToProfile();
        return;
    }
    QPointer<ConnectionWorkspace> guard(w);
    m_passwordProvider(w->profile(), [guard](std::optional<QString> password) {
        if (!guard)
            return;
        if (password)
            guard->connectToProfile(*password);
        else
            guard->log(LogLevel::Info, tr("Not connecting: no password given for %1").arg(guard->profile().user));
    });
}

void MainWindow::setPasswordProvider(PasswordProvider provider)
{
    m_passwordProvider = std::move(provider);
}

void MainWindow::setCurrentWorkspace(int index)
{
    if (index < 0 || index >= m_workspaces.size())
        return;
    if (m_connectionTabs->currentIndex() != index)
        m_connectionTabs->setCurrentIndex(index); // currentChanged activates it
    else
        activate(m_workspaces.at(index));
}

void MainWindow::activate(ConnectionWorkspace *w)
{
    if (w == m_current || m_switching)
        return;
    ConnectionWorkspace *old = m_current;
    m_current = w;
    // The panel tabs show the new tab's panels where the old one's were.
    const int shown = m_tabs->currentIndex();
    m_tabs->setUpdatesEnabled(false);
    const std::pair<QWidget *, QWidget *> swaps[] = {
        { old->remoteCallPanel(), w->remoteCallPanel() },
        { old->iprotoView(), w->iprotoView() },
        { old->vitalsPanel(), w->vitalsPanel() },
    };
    for (const auto &[from, to] : swaps) {
        const int index = m_tabs->indexOf(from);
        if (index < 0)
            continue;
        const QString text = m_tabs->tabText(index);
        const bool visible = m_tabs->isTabVisible(index);
        m_tabs->removeTab(index);
        from->setParent(m_parking);
        m_tabs->insertTab(index, to, text);
        m_tabs->setTabVisible(index, visible);
        const int panel = int(m_panels.indexOf(from));
        if (panel >= 0)
            m_panels[panel] = to;
    }
    m_tabs->setCurrentIndex(shown);
    m_tabs->setUpdatesEnabled(true);
    m_barStack->setCurrentWidget(w->connectionBar());
    // box_scope.current() in the console is the current tab's connection.
    m_luaConsole->setCurrentConnection(w->connection());
    bindCurrent();
    emit currentWorkspaceChanged(w);
}

void MainWindow::closeWorkspace(int index)
{
    ConnectionWorkspace *w = workspace(index);
    if (!w)
        return;
    if (m_workspaces.size() == 1) // always a tab: an empty one takes its place
        addWorkspace(ConnectionProfile(), nullptr);
    if (w == m_current)
        setCurrentWorkspace(index + 1 < m_workspaces.size() ? index + 1 : index - 1);
    m_switching = true;
    m_workspaces.removeAt(index);
    m_connectionTabs->removeTab(index);
    m_switching = false;
    m_barStack->removeWidget(w->connectionBar());
    m_logModel->append(LogLevel::Info, tr("connection"), tr("Closed the connection tab"), w->name());
    w->disconnectFromServer();
    delete w;
    updateTabRow();
    updateFanOutInstances();
}

void MainWindow::updateTabRow()
{
    m_tabRow->setVisible(m_workspaces.size() > 1);
}

void MainWindow::updateTab(ConnectionWorkspace *w)
{
    const int index = indexOfWorkspace(w);
    if (!m_connectionTabs || index < 0 || index >= m_connectionTabs->count())
        return;
    m_connectionTabs->setTabText(index, w->tabText());
    m_connectionTabs->setTabToolTip(index, w->tabToolTip());
    m_connectionTabs->setTabIcon(index, w->tabIcon());
    // A screen reader reads the tooltip's lines, not the dot.
    m_connectionTabs->setAccessibleTabName(index, w->tabToolTip().replace(QLatin1Char('\n'), QStringLiteral(", ")));
    if (QWidget *close = m_connectionTabs->tabButton(index, QTabBar::RightSide)) {
        close->setAccessibleName(tr("Close the connection tab %1").arg(w->name()));
        close->setToolTip(tr("Close this connection tab (Ctrl+W)"));
    }
}

void MainWindow::bindCurrent()
{
    for (const QMetaObject::Connection &link : std::as_const(m_currentLinks))
        disconnect(link);
    m_currentLinks.clear();
    Connection *c = connection();
    m_currentLinks << connect(c, &Connection::stateChanged, this,
                              [this](Connection::State s) { statusBar()->showMessage(ConnectionBar::stateText(s)); });
    m_currentLinks << connect(c, &Connection::reconnectScheduled, this, [this](int attempt, int delayMs) {
        statusBar()->showMessage(tr("waiting to reconnect (attempt %1 in %2 s)").arg(attempt).arg(delayMs / 1000.0));
    });
    // Disconnect while waiting to reconnect changes no state; a failure says why.
    m_currentLinks << connect(c, &Connection::disconnected, this, [this](const Error &error) {
        if (connection()->isReconnectScheduled())
            return;
        statusBar()->showMessage(error.isNull() ? tr("Disconnected") : tr("Disconnected: %1").arg(error.message));
    });
    if (m_current != m_workspaces.value(0) || c->state() != Connection::State::Disconnected)
        statusBar()->showMessage(ConnectionBar::stateText(c->state()));
    bindCurrentActions(); // MainMenus.cpp
}

void MainWindow::log(LogLevel level, const QString &text)
{
    m_current->log(level, text);
}

void MainWindow::logWindow(LogLevel level, const QString &text)
{
    m_logModel->append(level, tr("sandbox"), text);
}

void MainWindow::ensureSandbox()
{
    if (m_sandbox)
        return;
    m_sandbox = new SandboxServer(this);
    connect(m_sandbox, &SandboxServer::ready, this, [this](const QString &host, quint16 port) {
        m_sandboxPid = m_sandbox->pid();
        logWindow(LogLevel::Info,
                  tr("Sandbox tarantool (PID %1) listens on %2:%3, work dir %4")
                          .arg(m_sandboxPid)
                          .arg(host)
                          .arg(port)
                          .arg(m_sandbox->workDir()));
        updateSandboxActions();
        const QString address = QStringLiteral("%1:%2").arg(host).arg(port);
        switch (std::exchange(m_sandboxTakeover, SandboxTakeover::None)) {
        case SandboxTakeover::AsGuest:
            if (connection()->state() != Connection::State::Disconnected || connection()->isReconnectScheduled()) {
                // The current tab is busy elsewhere: the sandbox gets a tab of its own.
                ConnectionProfile profile;
                profile.name = tr("sandbox");
                profile.uri = address;
                openWorkspace(profile, true);
                break;
            }
            // The sandbox is a fresh server: another server's login means nothing there.
            connectionBar()->setUser(QString());
            connectionBar()->setPassword(QString());
            connectTo(address);
            break;
        case SandboxTakeover::KeepLogin:
            // Every tab that was on the sandbox goes back to it, with its login.
            for (const QPointer<ConnectionWorkspace> &w : std::exchange(m_sandboxTabs, {})) {
                if (!w)
                    continue;
                w->connectionBar()->setUri(address);
                w->connectionBar()->connectNow();
            }
            break;
        case SandboxTakeover::None:
            log(LogLevel::Info,
                tr("The window stays connected to %1; connect to the sandbox at %2 from the connection bar")
                        .arg(connection()->uri().displayString(), address));
            break;
        }
    });
    connect(m_sandbox, &SandboxServer::failed, this, [this](const QString &message) {
        logWindow(LogLevel::Error, tr("Sandbox failed: %1").arg(message));
        updateSandboxActions();
    });
    connect(m_sandbox, &SandboxServer::exited, this, [this](const QString &how) {
        logWindow(LogLevel::Error,
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
        logWindow(LogLevel::Warning, tr("The sandbox is already running (PID %1)").arg(m_sandbox->pid()));
        return;
    }
    const QString script = SandboxServer::findSandboxScript();
    if (script.isEmpty()) {
        logWindow(LogLevel::Error, tr("Sandbox script sandbox.lua not found next to the program"));
        return;
    }
    logWindow(LogLevel::Info, tr("Starting the sandbox: tarantool %1").arg(script));
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
    logWindow(LogLevel::Info, tr("Restarting the sandbox on port %1").arg(m_sandbox->port()));
    // Back to the sandbox for every tab that was on it; else the current tab when it was
    // nowhere; a tab connected to another server stays there.
    const bool elsewhere =
            connection()->state() != Connection::State::Disconnected || connection()->isReconnectScheduled();
    m_sandboxTabs.clear();
    for (ConnectionWorkspace *w : std::as_const(m_workspaces))
        if (connectedToSandbox(w->connection()))
            m_sandboxTabs << w;
    m_sandboxTakeover = !m_sandboxTabs.isEmpty() ? SandboxTakeover::KeepLogin
            : elsewhere                          ? SandboxTakeover::None
                                                 : SandboxTakeover::AsGuest;
    m_sandbox->restart();
    updateSandboxActions();
}

bool MainWindow::connectedToSandbox(const Connection *connection) const
{
    const Uri &uri = connection->uri();
    return m_sandbox && !uri.isUnix() && uri.port == m_sandbox->port() && uri.host == m_sandbox->host();
}

void MainWindow::stopSandbox()
{
    if (!m_sandbox || !m_sandbox->isRunning())
        return;
    logWindow(LogLevel::Info, tr("Stopping the sandbox (PID %1)").arg(m_sandbox->pid()));
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
    ConnectionBar *bar = connectionBar();
    bar->setUri(uri);
    if (!user.isEmpty())
        bar->setUser(user);
    if (!password.isEmpty())
        bar->setPassword(password);
    bar->connectNow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    saveSession();
    for (ConnectionWorkspace *w : std::as_const(m_workspaces))
        w->disconnectFromServer();
    if (m_sandbox)
        m_sandbox->stop();
    event->accept();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (remoteCallPanel()->splitter()->restoreState(
                settings.value(QStringLiteral("remoteCall/splitter")).toByteArray()))
        remoteCallPanel()->keepRestoredSizes();
    const QStringList hidden = settings.value(QStringLiteral("view/hiddenPanels")).toStringList();
    for (QWidget *panel : std::as_const(m_panels))
        if (hidden.contains(panel->objectName()))
            setPanelVisible(panel, false);
    setTheme(Theme::modeFromKey(settings.value(QStringLiteral("view/theme")).toString()));
    setZoomStep(settings.value(QStringLiteral("view/zoom"), 0).toInt());
    // The connection bar's Reconnect toggle follows the connection's setting.
    connection()->setReconnectAfter(settings.value(QStringLiteral("connection/reconnectAfter"), 0.0).toDouble());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("remoteCall/splitter"), remoteCallPanel()->splitter()->saveState());
    QStringList hidden;
    for (QWidget *panel : std::as_const(m_panels))
        if (!m_tabs->isTabVisible(m_tabs->indexOf(panel)))
            hidden << panel->objectName();
    settings.setValue(QStringLiteral("view/hiddenPanels"), hidden);
    settings.setValue(QStringLiteral("connection/reconnectAfter"), connection()->reconnectAfter());
}

void MainWindow::saveSession() const
{
    QSettings settings;
    settings.beginWriteArray(QStringLiteral("session/tabs"));
    int row = 0;
    int current = 0;
    for (ConnectionWorkspace *w : m_workspaces) {
        if (w->isExternal() || w->isTransient()) // a console's, a sandbox replica set's
            continue;
        const ConnectionProfile p = w->currentProfile();
        if (p.uri.isEmpty() && p.name.isEmpty())
            continue;
        if (w == m_current)
            current = row;
        settings.setArrayIndex(row++);
        // What the profile holds, never a password.
        settings.setValue(QStringLiteral("id"), p.id);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("uri"), p.uri);
        settings.setValue(QStringLiteral("user"), p.user);
        settings.setValue(QStringLiteral("colour"), p.colour.isValid() ? p.colour.name(QColor::HexArgb) : QString());
        settings.setValue(QStringLiteral("readOnly"), p.readOnly);
    }
    settings.endArray();
    settings.setValue(QStringLiteral("session/current"), current);
}

bool MainWindow::restoreSession()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(QStringLiteral("session/tabs"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.id = settings.value(QStringLiteral("id")).toString();
        p.name = settings.value(QStringLiteral("name")).toString();
        p.uri = settings.value(QStringLiteral("uri")).toString();
        p.user = settings.value(QStringLiteral("user")).toString();
        const QString colour = settings.value(QStringLiteral("colour")).toString();
        if (!colour.isEmpty())
            p.colour = QColor(colour);
        p.readOnly = settings.value(QStringLiteral("readOnly"), false).toBool();
        if (!p.uri.isEmpty())
            profiles << p;
    }
    settings.endArray();
    if (profiles.isEmpty())
        return false;
    const int current = settings.value(QStringLiteral("session/current"), 0).toInt();
    // The empty first tab makes room for the restored ones.
    ConnectionWorkspace *blank = m_workspaces.size() == 1 && m_current->currentProfile().uri.isEmpty()
                    && connection()->state() == Connection::State::Disconnected
            ? m_current
            : nullptr;
    QList<ConnectionWorkspace *> opened;
    for (const ConnectionProfile &p : std::as_const(profiles))
        opened << openWorkspace(p);
    if (blank)
        closeWorkspace(indexOfWorkspace(blank));
    setCurrentWorkspace(indexOfWorkspace(opened.value(current, opened.first())));
    for (ConnectionWorkspace *w : std::as_const(opened))
        connectWorkspace(w);
    return true;
}

void MainWindow::askPassword(const ConnectionProfile &profile, std::function<void(std::optional<QString>)> done)
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Password"));
    dialog->setLabelText(tr("Password of %1 for %2:").arg(profile.user, profile.displayName()));
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setAccessibleName(tr("Password dialog"));
    auto answered = std::make_shared<bool>(false);
    connect(dialog, &QInputDialog::textValueSelected, this, [done, answered](const QString &password) {
        *answered = true;
        done(password);
    });
    connect(dialog, &QDialog::finished, this, [done, answered](int) {
        if (!*answered)
            done(std::nullopt);
    });
    dialog->open();
}

PasswordVault *MainWindow::passwordVault()
{
    if (!m_vault) {
        m_vault = new PasswordVault(this);
        connect(m_vault, &PasswordVault::logMessage, this, &MainWindow::log);
    }
    return m_vault;
}

void MainWindow::showConnectionsDialog()
{
    auto *dialog = new ConnectionsDialog(m_profileStore, passwordVault(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionsDialog::openRequested, this,
            [this](const ConnectionProfile &profile) { openWorkspace(profile, true); });
    dialog->show();
}

ConnectionWorkspace *MainWindow::openInstance(const QString &uri, const QString &user)
{
    for (ConnectionWorkspace *w : std::as_const(m_workspaces)) {
        if (w->connection()->uri().displayString() == uri || w->profile().uri == uri) {
            setCurrentWorkspace(indexOfWorkspace(w));
            return w;
        }
    }
    ConnectionProfile profile;
    profile.uri = uri;
    profile.user = user;
    return openWorkspace(profile, true);
}

void MainWindow::updateFanOutInstances()
{
    if (!m_fanOut)
        return;
    QList<QPair<QString, Connection *>> instances;
    for (ConnectionWorkspace *w : std::as_const(m_workspaces)) {
        if (!w->connection()->uri().host.isEmpty() || w->connection()->uri().isUnix())
            instances << qMakePair(w->name(), w->connection());
    }
    // Called on every tab summary (pings, every 250 ms): the panel is rebuilt only when the
    // list itself changed.
    if (instances == m_fanOutListed)
        return;
    m_fanOutListed = instances;
    m_fanOut->setInstances(instances);
}

void MainWindow::startSandboxReplicaSet()
{
    const QString script = SandboxServer::findSandboxScript();
    if (script.isEmpty()) {
        log(LogLevel::Error, tr("Sandbox script sandbox.lua not found next to the program"));
        return;
    }
    if (m_sandboxSet && m_sandboxSet->isRunning()) {
        log(LogLevel::Warning, tr("The sandbox replica set is already running"));
        return;
    }
    if (!m_sandboxSet) {
        m_sandboxSet = new SandboxReplicaSet(this);
        connect(m_sandboxSet, &SandboxReplicaSet::ready, this, [this](const QStringList &uris) {
            log(LogLevel::Info,
                tr("Sandbox replica set: the master listens on %1, replicas on %2")
                        .arg(uris.value(0), QStringList(uris.mid(1)).join(QStringLiteral(", "))));
            // An unused first tab makes way for the instances' tabs.
            ConnectionWorkspace *unused = nullptr;
            if (m_workspaces.size() == 1 && m_current->connection()->state() == Connection::State::Disconnected
                && !m_current->connection()->isReconnectScheduled() && m_current->profile().uri.isEmpty())
                unused = m_current;
            static const QColor tags[] = { QColor(0xd9, 0x8c, 0x1f), QColor(0x2a, 0x9d, 0x8f),
                                           QColor(0x7b, 0x5e, 0xa7) };
            for (int i = 0; i < uris.size(); ++i) {
                ConnectionProfile profile;
                profile.uri = uris[i];
                profile.name = i == 0 ? tr("master %1").arg(uris[i]) : tr("replica %1").arg(uris[i]);
                profile.colour = tags[i % 3];
                openWorkspace(profile, true)->setTransient(true);
            }
            // The master's tab in front (the others are there in the row).
            for (int i = 0; i < m_workspaces.size(); ++i)
                if (m_workspaces.at(i)->profile().uri == uris.value(0))
                    setCurrentWorkspace(i);
            if (unused)
                closeWorkspace(indexOfWorkspace(unused));
            m_replicaSet->setSeed(uris.value(0));
            m_replicaSet->discover();
            m_tabs->setCurrentWidget(m_replicaSet);
            m_startReplicaSet->setEnabled(false);
            m_stopReplicaSet->setEnabled(true);
        });
        connect(m_sandboxSet, &SandboxReplicaSet::failed, this, [this](const QString &message) {
            log(LogLevel::Error, tr("Sandbox replica set failed: %1").arg(message));
            m_sandboxSet->stop();
            m_startReplicaSet->setEnabled(true);
            m_stopReplicaSet->setEnabled(false);
        });
    }
    log(LogLevel::Info, tr("Starting a sandbox replica set: a master and two replicas (tarantool %1)").arg(script));
    m_startReplicaSet->setEnabled(false);
    m_sandboxSet->start(script);
}

void MainWindow::stopSandboxReplicaSet()
{
    if (!m_sandboxSet)
        return;
    log(LogLevel::Info, tr("Stopping the sandbox replica set"));
    m_sandboxSet->stop();
    m_startReplicaSet->setEnabled(true);
    m_stopReplicaSet->setEnabled(false);
}

} // namespace Boxscope
