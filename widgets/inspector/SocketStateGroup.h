#pragma once

#include "logging/Log.h"
#include <QPointer>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace Boxscope {

class SocketSession;

/// The socket module's information, error checking and state checking of one session, at
/// the top of its page: the state, name() and peer() (host, family, type, protocol, port),
/// sock:error(), readable() / writable() / nonblock(), and wait() for readable, writable or
/// either with a timeout.
class SocketStateGroup : public QWidget
{
    Q_OBJECT
public:
    explicit SocketStateGroup(SocketSession *session, QWidget *parent = nullptr);

    /// Shows the session as it is now ("gone" once it is deleted).
    void refresh();

    QLabel *stateLabel() const { return m_state; }
    QLabel *nameLabel() const { return m_name; }
    QLabel *peerLabel() const { return m_peer; }
    QLabel *errorLabel() const { return m_lastError; }
    QLabel *readinessLabel() const { return m_readiness; }
    QComboBox *waitBox() const { return m_waitWhat; }
    QDoubleSpinBox *waitTimeoutBox() const { return m_waitTimeout; }
    QPushButton *waitButton() const { return m_wait; }
    QLabel *waitResultLabel() const { return m_waitResult; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    /// A wait finished: the session's state may have changed (the page refreshes every group).
    void refreshNeeded();

private:
    void createWidgets();
    void layOut();
    void startWait();

    QPointer<SocketSession> m_session;
    QLabel *m_state;
    QLabel *m_name;
    QLabel *m_peer;
    QLabel *m_lastError;
    QLabel *m_readiness;
    QComboBox *m_waitWhat;
    QDoubleSpinBox *m_waitTimeout;
    QPushButton *m_wait;
    QLabel *m_waitResult;
};

} // namespace Boxscope
