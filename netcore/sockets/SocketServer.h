#pragma once

#include "sockets/SocketAddress.h"
#include "sockets/SocketOption.h"
#include "sockets/SocketResult.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QSocketNotifier;

namespace Boxscope {

class SocketSession;

/// socket.tcp_server(host, port) and its unix counterpart: a listening socket whose
/// accepted clients each become a SocketSession (a child of the server) with its own
/// conversation.
///
///   Idle -> Listening -> Closed
///
/// Port 0 binds a free port: address() tells which. A unix server removes its socket file
/// when it closes (tarantool does the same).
class SocketServer : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Listening, Closed };
    Q_ENUM(State)

    explicit SocketServer(QObject *parent = nullptr);
    ~SocketServer() override;

    /// Binds (SO_REUSEADDR on, as tarantool's tcp_server) and listens. host is numeric
    /// ("127.0.0.1", "::1", "0" for any). false with lastError() on failure (EADDRINUSE ...).
    bool listenTcp(const QString &host, quint16 port, int backlog = 128);
    /// listen on unix/:path. An existing file at path is an error (EADDRINUSE), never removed.
    bool listenUnix(const QString &path, int backlog = 128);
    /// Stops listening; accepted sessions stay open.
    void close();

    State state() const { return m_state; }
    bool isUnix() const { return m_unix; }
    /// The bound address (the real port when asked for 0).
    SocketAddress address() const { return m_address; }
    const SocketResult &lastError() const { return m_lastError; }
    /// Sessions accepted so far and not yet destroyed.
    QList<SocketSession *> sessions() const;
    quint64 acceptedCount() const { return m_accepted; }
    int socketDescriptor() const { return m_fd; }

    QVariant option(SocketOption::Name name);
    bool setOption(SocketOption::Name name, const QVariant &value);

signals:
    void stateChanged(Boxscope::SocketServer::State state);
    /// A client connected; the session is a child of the server.
    void newSession(Boxscope::SocketSession *session);
    void errorOccurred(const Boxscope::SocketResult &error);

private:
    bool listenOn(const SockaddrStorage &addr, int backlog);
    void setError(int errnum, const QString &message = QString());
    void onAcceptable();
    void setState(State s);

    State m_state = State::Idle;
    int m_fd = -1;
    bool m_unix = false;
    QString m_unixPath;
    QSocketNotifier *m_notifier = nullptr;
    SocketAddress m_address;
    SocketResult m_lastError;
    QList<QPointer<SocketSession>> m_sessions;
    quint64 m_accepted = 0;
};

} // namespace Boxscope
