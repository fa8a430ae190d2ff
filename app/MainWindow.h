#pragma once

#include "logging/Log.h"

#include <QMainWindow>

class QAction;
class QTabWidget;

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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void log(LogLevel level, const QString &text);
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
    SocketInspectorPanel *m_sockets;
    IprotoCapture *m_capture;
    IprotoView *m_iprotoView;
    QTabWidget *m_tabs;
};

} // namespace Boxscope
