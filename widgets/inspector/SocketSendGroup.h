#pragma once

#include "logging/Log.h"
#include "sockets/SocketAddress.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Boxscope {

class SocketSession;

/// The socket module's sending of one session: text with escapes (\n, \r\n, \xNN) or hex
/// bytes, an optional line ending, send() — or, for UDP, sendto(host, port, data) — and a
/// file's contents sent whole. A refused text or a failed call is shown below the form.
/// For UDP the destination starts as the sender of the first datagram received (while no port
/// was chosen), and "Reply to sender" sends the form's data to the latest sender.
class SocketSendGroup : public QWidget
{
    Q_OBJECT
public:
    enum SendMode { TextMode, HexMode };

    explicit SocketSendGroup(SocketSession *session, QWidget *parent = nullptr);

    /// Sends what the form holds (text/hex + line ending; sendto for UDP). false with the error
    /// shown when the text or destination is invalid or the call fails.
    bool sendFromForm();
    /// Sends a file's contents (the socat example the other way round).
    bool sendFile(const QString &path);
    /// Shows text in the error line below the form (also for the receiving form's errors).
    void showError(const QString &text);
    /// Enables sending while the session is open.
    void refresh();
    /// Puts a datagram peer's host and port into the destination fields (UDP).
    void setDestination(const SocketAddress &peer);
    /// sendto() of the form's data to the sender of the latest datagram received; false (with
    /// the error shown) when none came yet or the send fails.
    bool replyToSender();
    /// The sender of the latest datagram received (invalid before the first).
    SocketAddress lastSender() const { return m_lastSender; }

    QLineEdit *sendEdit() const { return m_sendText; }
    QComboBox *sendModeBox() const { return m_sendMode; }
    QComboBox *lineEndingBox() const { return m_lineEnding; }
    QLineEdit *destinationHostEdit() const { return m_destHost; }
    QSpinBox *destinationPortBox() const { return m_destPort; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *replyButton() const { return m_reply; }
    QPushButton *sendFileButton() const { return m_sendFile; }
    QLabel *sendErrorLabel() const { return m_sendError; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    /// A send failed: the session's state may have changed (the page refreshes every group).
    void refreshNeeded();

private:
    void createWidgets(bool udp);
    void layOut(bool udp);
    void chooseFileToSend();

    QPointer<SocketSession> m_session;
    QLineEdit *m_sendText;
    QComboBox *m_sendMode;
    QComboBox *m_lineEnding;
    QLineEdit *m_destHost;
    QSpinBox *m_destPort;
    QPushButton *m_send;
    QPushButton *m_reply;
    QPushButton *m_sendFile;
    QLabel *m_sendError;
    SocketAddress m_lastSender;
};

} // namespace Boxscope
