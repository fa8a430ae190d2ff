#pragma once

#include "common/Theme.h"
#include "logging/Log.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QDockWidget;
class QActionGroup;
class QStackedWidget;
class QTabBar;
class QTabWidget;
class QToolBar;
class QToolButton;

namespace Boxscope {

class Connection;
class IprotoCapture;
class IprotoView;
class SocketInspectorPanel;
class ConnectionBar;
class ConnectionWorkspace;
class ConnectionProfileStore;
class FanOutPanel;
class PasswordVault;
class ReplicaSetPanel;
class SandboxReplicaSet;
struct ConnectionProfile;
class SandboxServer;
class LogModel;
class LogRouter;
class LogView;
class LuaConsolePanel;
class RemoteCallPanel;
class VitalsPanel;

/// Docks the panels around its connections: a row of connection tabs (one
/// ConnectionWorkspace each), the panel tabs showing the current one's remote-call, traffic
/// and vitals panels (the Lua console and the socket inspector are shared) and the shared log.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The current connection tab's parts.
    Connection *connection() const;
    ConnectionBar *connectionBar() const;
    RemoteCallPanel *remoteCallPanel() const;
    IprotoView *iprotoView() const;
    VitalsPanel *vitalsPanel() const;
    IprotoCapture *capture() const;
    LuaConsolePanel *luaConsolePanel() const { return m_luaConsole; }
    SocketInspectorPanel *socketInspector() const { return m_sockets; }
    QTabWidget *tabs() const { return m_tabs; }

    /// The connection tabs, in their order; there is always at least one.
    int workspaceCount() const { return int(m_workspaces.size()); }
    ConnectionWorkspace *workspace(int index) const;
    int indexOfWorkspace(const ConnectionWorkspace *workspace) const;
    ConnectionWorkspace *currentWorkspace() const { return m_current; }
    void setCurrentWorkspace(int index);
    /// A new connection tab for profile, made current; connected when connectNow (a profile with
    /// a user asks the password provider first).
    ConnectionWorkspace *openWorkspace(const ConnectionProfile &profile, bool connectNow = false);
    /// Closes a connection tab: its connection is closed and deleted (a console's is only
    /// closed). The last tab is replaced by an empty one.
    void closeWorkspace(int index);
    /// The row of connection tabs above the connection bar, shown when there are two or more.
    QTabBar *connectionTabs() const { return m_connectionTabs; }
    QToolButton *newConnectionButton() const { return m_newConnectionButton; }

    /// Asks for the password of profile's user when a tab connects (a restored session's
    /// tabs); the callback gets it, or nothing to not connect. The default asks with a dialog.
    using PasswordProvider =
            std::function<void(const ConnectionProfile &, std::function<void(std::optional<QString>)>)>;
    void setPasswordProvider(PasswordProvider provider);
    /// Reopens the connection tabs saved when the window last closed (session/tabs in
    /// QSettings) and connects them; false when none were saved.
    bool restoreSession();
    /// Writes the open tabs (never a password) and the current one to QSettings (closeEvent does).
    void saveSession() const;
    LogModel *logModel() const { return m_logModel; }
    ReplicaSetPanel *replicaSetPanel() const { return m_replicaSet; }
    FanOutPanel *fanOutPanel() const { return m_fanOut; }
    ConnectionProfileStore *profileStore() const { return m_profileStore; }
    /// The keychain, made on first use (a window that never needs a stored password never
    /// talks to the Secret Service).
    PasswordVault *passwordVault();
    /// Connection > Connections…: the saved connections (non-modal; Open opens a tab).
    void showConnectionsDialog();
    /// A tab for this URI (switches to one that is there already), connected as user.
    ConnectionWorkspace *openInstance(const QString &uri, const QString &user = QString());
    /// Sandbox > Start replica set: a master and two replicas on loopback, a tab for each, the
    /// replica set panel following them.
    void startSandboxReplicaSet();
    void stopSandboxReplicaSet();
    SandboxReplicaSet *sandboxReplicaSet() const { return m_sandboxSet; }
    LogView *logView() const { return m_logView; }

    /// Starts the bundled sandbox tarantool and connects to it when it listens.
    void startSandbox();
    /// Starts it again on the same port (after it died or to get fresh data) and reconnects.
    void restartSandbox();
    void stopSandbox();
    SandboxServer *sandbox() const { return m_sandbox; }
    QAction *startSandboxAction() const { return m_startSandbox; }
    QAction *restartSandboxAction() const { return m_restartSandbox; }
    QAction *stopSandboxAction() const { return m_stopSandbox; }
    /// Connects to uri (credentials inside the URI or in user/password).
    void connectTo(const QString &uri, const QString &user = QString(), const QString &password = QString());

    /// The remote-call form's request as a JSON file (RequestFile); false and *error (a
    /// sentence naming the file) when it cannot be written or read.
    bool saveRequest(const QString &path, QString *error = nullptr);
    bool openRequest(const QString &path, QString *error = nullptr);
    /// Edit > Copy result as …: the selected push when the push list (or its value) has the
    /// focus, otherwise the selected request's result, onto the clipboard. False (and the
    /// reason in the status bar) when there is none.
    enum class CopyForm { Yaml, Json, Lua };
    bool copyResult(CopyForm form);
    /// View > Zoom: the application font's size in steps of 10 % (0: as the system gives it),
    /// remembered.
    void setZoomStep(int step);
    int zoomStep() const { return m_zoomStep; }
    static constexpr int kMinZoomStep = -5;
    static constexpr int kMaxZoomStep = 10;
    /// View > Theme, remembered.
    void setTheme(Theme::Mode mode);

    QToolBar *mainToolBar() const { return m_toolBar; }
    QDockWidget *logDock() const { return m_logDock; }
    /// The About and Keyboard shortcuts dialogs' texts, as they show them.
    QString aboutText() const;

signals:
    void currentWorkspaceChanged(Boxscope::ConnectionWorkspace *workspace);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// A line about the current connection.
    void log(LogLevel level, const QString &text);
    /// A line about no connection in particular (the sandbox).
    void logWindow(LogLevel level, const QString &text);
    ConnectionWorkspace *addWorkspace(const ConnectionProfile &profile, Connection *external);
    void activate(ConnectionWorkspace *workspace);
    void bindCurrent();
    void updateTab(ConnectionWorkspace *workspace);
    void connectWorkspace(ConnectionWorkspace *workspace);
    ConnectionWorkspace *workspaceFor(const Connection *connection) const;
    void createConnectionTabs();
    void updateTabRow();
    void updateFanOutInstances();
    void askPassword(const ConnectionProfile &profile, std::function<void(std::optional<QString>)> done);
    // MainMenus.cpp
    void createMenus();
    void createHelpMenu();
    void createToolBar();
    void updateConnectionActions();
    void bindCurrentActions();
    void showShortcuts();
    void showAbout();
    void setPanelVisible(QWidget *panel, bool visible);
    void exportHistoryAs();
    void exportRequestAs();
    void openRequestFrom();
    void saveRequestAs();
    void copyFocused();
    void restoreLayout();
    void ensureSandbox();
    void updateSandboxActions();
    void saveLayout();

    QList<ConnectionWorkspace *> m_workspaces; ///< in the tabs' order
    ConnectionWorkspace *m_current = nullptr;
    QList<QMetaObject::Connection> m_currentLinks; ///< the window's parts wired to the current tab
    QTabBar *m_connectionTabs = nullptr;
    QToolBar *m_tabRow = nullptr; ///< the connection tabs' row
    QToolButton *m_newConnectionButton = nullptr;
    QStackedWidget *m_barStack = nullptr;
    QWidget *m_parking = nullptr; ///< holds the other tabs' panels, hidden
    PasswordProvider m_passwordProvider;
    ConnectionProfileStore *m_profileStore = nullptr;
    PasswordVault *m_vault = nullptr;
    ReplicaSetPanel *m_replicaSet = nullptr;
    FanOutPanel *m_fanOut = nullptr;
    QList<QPair<QString, Connection *>> m_fanOutListed; ///< what the fan-out panel was last given
    SandboxReplicaSet *m_sandboxSet = nullptr;
    QAction *m_startReplicaSet = nullptr;
    QAction *m_stopReplicaSet = nullptr;
    bool m_switching = false;
    SandboxServer *m_sandbox = nullptr;
    qint64 m_sandboxPid = 0;
    // What the sandbox's next "ready" does with the window's connection.
    enum class SandboxTakeover { None, AsGuest, KeepLogin };
    SandboxTakeover m_sandboxTakeover = SandboxTakeover::AsGuest;
    /// The connection's address is the sandbox's (it may be down now).
    bool connectedToSandbox(const Connection *connection) const;
    QList<QPointer<ConnectionWorkspace>> m_sandboxTabs; ///< reconnected after a restart
    QAction *m_startSandbox = nullptr;
    QAction *m_restartSandbox = nullptr;
    QAction *m_stopSandbox = nullptr;
    LogModel *m_logModel;
    LogRouter *m_logRouter; ///< goes before the model (~MainWindow)
    LogView *m_logView;
    LuaConsolePanel *m_luaConsole;
    SocketInspectorPanel *m_sockets;
    QTabWidget *m_tabs;
    QDockWidget *m_logDock = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_pingAction = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QList<QWidget *> m_panels; ///< the panel tabs (the current connection's), in their order
    int m_zoomStep = 0;
};

} // namespace Boxscope
