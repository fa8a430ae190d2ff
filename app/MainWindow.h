#pragma once

#include <QMainWindow>

class QPlainTextEdit;

namespace Boxscope {

class Connection;
class ConnectionBar;
class SandboxServer;
class LogView;

/// Docks the panels around one connection; owns nothing but their wiring.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Connection *connection() const { return m_connection; }
    ConnectionBar *connectionBar() const { return m_connectionBar; }

    /// Starts the bundled sandbox tarantool and connects to it when it listens.
    void startSandbox();
    /// Connects to uri (credentials inside the URI or in user/password).
    void connectTo(const QString &uri, const QString &user = QString(), const QString &password = QString());

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void log(int level, const QString &text);
    void restoreLayout();
    void saveLayout();

    Connection *m_connection;
    ConnectionBar *m_connectionBar;
    SandboxServer *m_sandbox = nullptr;
    QPlainTextEdit *m_log;
};

} // namespace Boxscope
