#pragma once

#include "common/Theme.h"
#include "logging/Log.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QActionGroup;
class QTabWidget;
class QToolBar;

namespace Boxscope {

class Connection;
class IprotoCapture;
class IprotoView;
class SocketInspectorPanel;
class ConnectionBar;
class SandboxServer;
class LogModel;
class LogRouter;
class LogView;
class LuaConsolePanel;
class RemoteCallPanel;
class VitalsPanel;

/// Docks the panels around one connection; owns nothing but their wiring.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Connection *connection() const { return m_connection; }
    ConnectionBar *connectionBar() const { return m_connectionBar; }
    RemoteCallPanel *remoteCallPanel() const { return m_remoteCall; }
    LuaConsolePanel *luaConsolePanel() const { return m_luaConsole; }
    SocketInspectorPanel *socketInspector() const { return m_sockets; }
    IprotoView *iprotoView() const { return m_iprotoView; }
    VitalsPanel *vitalsPanel() const { return m_vitals; }
    IprotoCapture *capture() const { return m_capture; }
    QTabWidget *tabs() const { return m_tabs; }
    LogModel *logModel() const { return m_logModel; }
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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void log(LogLevel level, const QString &text);
    // MainMenus.cpp
    void createMenus();
    void createHelpMenu();
    void createToolBar();
    void updateConnectionActions();
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

    Connection *m_connection;
    ConnectionBar *m_connectionBar;
    SandboxServer *m_sandbox = nullptr;
    qint64 m_sandboxPid = 0;
    // What the sandbox's next "ready" does with the window's connection.
    enum class SandboxTakeover { None, AsGuest, KeepLogin };
    SandboxTakeover m_sandboxTakeover = SandboxTakeover::AsGuest;
    bool connectedToSandbox() const;
    QAction *m_startSandbox = nullptr;
    QAction *m_restartSandbox = nullptr;
    QAction *m_stopSandbox = nullptr;
    LogModel *m_logModel;
    LogRouter *m_logRouter; ///< goes before the model (~MainWindow)
    LogView *m_logView;
    RemoteCallPanel *m_remoteCall;
    LuaConsolePanel *m_luaConsole;
    VitalsPanel *m_vitals = nullptr;
    SocketInspectorPanel *m_sockets;
    IprotoCapture *m_capture;
    IprotoView *m_iprotoView;
    QTabWidget *m_tabs;
    QDockWidget *m_logDock = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_pingAction = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QList<QWidget *> m_panels; ///< the tabs, in their order, shown or not
    int m_zoomStep = 0;
};

} // namespace Boxscope
