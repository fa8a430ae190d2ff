#pragma once

#include "logging/Log.h"
#include "sockets/SocketServer.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Boxscope {

class SocketOptionsEditor;
class SocketSession;

/// A listening socket (tcp_server, or its unix counterpart): the bound address (the real port
/// when asked for 0), its options, and the clients it accepted. Each accepted client is a
/// session of its own in the inspector (listed under the server).
class SocketServerPage : public QWidget
{
    Q_OBJECT
public:
    explicit SocketServerPage(SocketServer *server, QWidget *parent = nullptr);

    SocketServer *server() const { return m_server; }
    QString title() const;

    QLabel *stateLabel() const { return m_state; }
    QLabel *addressLabel() const { return m_address; }
    QListWidget *clientList() const { return m_clients; }
    SocketOptionsEditor *options() const { return m_options; }
    QPushButton *closeButton() const { return m_close; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    void titleChanged();
    /// A client row was activated: show its session.
    void sessionActivated(Boxscope::SocketSession *session);

private:
    void refresh();

    QPointer<SocketServer> m_server;
    QLabel *m_state;
    QLabel *m_address;
    QListWidget *m_clients;
    SocketOptionsEditor *m_options;
    QPushButton *m_close;
};

} // namespace Boxscope
