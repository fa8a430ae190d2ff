#pragma once

#include "logging/Log.h"
#include <QPointer>
#include <QWidget>

class QComboBox;
class QPushButton;

namespace Boxscope {

class SocketSession;

/// The socket module's teardown of one session, at the bottom of its page: shutdown(how) of a
/// stream socket's write side, read side or both, and close().
class SocketTeardownGroup : public QWidget
{
    Q_OBJECT
public:
    explicit SocketTeardownGroup(SocketSession *session, QWidget *parent = nullptr);

    /// Enables shutdown while connected, close while open.
    void refresh();

    QComboBox *shutdownBox() const { return m_shutdownHow; }
    QPushButton *shutdownButton() const { return m_shutdown; }
    QPushButton *closeButton() const { return m_close; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    /// A shutdown was done: the session's state changed (the page refreshes every group).
    void refreshNeeded();

private:
    void shutdownFromForm();

    QPointer<SocketSession> m_session;
    QComboBox *m_shutdownHow;
    QPushButton *m_shutdown;
    QPushButton *m_close;
};

} // namespace Boxscope
