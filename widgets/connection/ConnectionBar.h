#pragma once

#include "client/Connection.h"
#include "common/Theme.h"
#include "logging/Log.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Boxscope {

class PingSparkline;

/// URI, user, password, connect/disconnect, automatic reconnection (on/off and the interval,
/// the Connection's reconnect_after), the connection state, the server's version and
/// instance from the greeting, and the round-trip time of a periodic ping (the last ones as a
/// small chart). Every connection
/// event goes to the log (logMessage); passwords never do.
class ConnectionBar : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionBar(Connection *connection, QWidget *parent = nullptr);

    void setUri(const QString &uri);
    void setUser(const QString &user);
    void setPassword(const QString &password);
    QString uriText() const;
    QString userText() const;
    /// Connects with what the fields hold.
    void connectNow();
    /// The state as the bar and the status bar say it (translated).
    static QString stateText(Connection::State state);
    /// Puts the focus into the URI field, its text selected (File > New connection).
    void focusUri();
    /// Pings the server now; the round-trip time shows beside the state.
    void ping();

    QLabel *stateLabel() const { return m_state; }
    QLabel *serverLabel() const { return m_server; }
    QLabel *rttLabel() const { return m_rtt; }
    /// The last round-trip times as a small chart beside the label.
    PingSparkline *rttChart() const { return m_rttChart; }
    QPushButton *connectButton() const { return m_connectButton; }
    QCheckBox *reconnectCheckBox() const { return m_reconnect; }
    QDoubleSpinBox *reconnectIntervalBox() const { return m_reconnectInterval; }

signals:
    /// A one-line message for the log (connection events, errors).
    void logMessage(Boxscope::LogLevel level, const QString &text);
    /// A ping's round-trip time in milliseconds; negative when the ping failed.
    void pingMeasured(double ms);

protected:
    void changeEvent(QEvent *event) override;

private:
    /// The state label: a dot in color, then text.
    void showState(Theme::Color color, const QString &text);
    Theme::Color m_stateColor = Theme::Color::Muted;
    QString m_stateText;
    /// A failure's reason shown in the bar is cut to this many characters (the tooltip and the
    /// accessible description have it whole).
    void onStateChanged(Connection::State state);
    void onDisconnected(const Error &error);
    void applyReconnect();
    void showReconnectSetting(double seconds);
    void updateButton();
    QString userName() const;

    QPointer<Connection> m_connection;
    QLineEdit *m_uri;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_connectButton;
    QCheckBox *m_reconnect;
    QDoubleSpinBox *m_reconnectInterval;
    bool m_wasReady = false;
    QLabel *m_state;
    QLabel *m_server;
    QLabel *m_rtt;
    PingSparkline *m_rttChart;
    QTimer *m_pingTimer;
};

} // namespace Boxscope
