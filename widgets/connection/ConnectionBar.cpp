#include "connection/ConnectionBar.h"

#include "common/Theme.h"
#include "connection/PingSparkline.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace Boxscope {

namespace {

// A label that gives way on a narrow window: it shows as much of its text as fits, with an
// ellipsis, and the whole text as its tooltip and accessible description.
class ElidedLabel : public QLabel
{
public:
    using QLabel::QLabel;
    void setFullText(const QString &text, const QString &detail = QString())
    {
        m_full = text;
        const QString whole = detail.isEmpty() ? text : text + QLatin1Char('\n') + detail;
        setToolTip(whole);
        setAccessibleDescription(whole);
        updateGeometry();
        elide();
    }
    QSize sizeHint() const override
    {
        // Not the text's width: a new text must not move the rest of the bar.
        return { fontMetrics().horizontalAdvance(QLatin1Char('m')) * 14, QLabel::sizeHint().height() };
    }
    QSize minimumSizeHint() const override { return { fontMetrics().horizontalAdvance(QLatin1Char('m')) * 4, 0 }; }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        elide();
    }

private:
    void elide()
    {
        const QString shown = fontMetrics().elidedText(m_full, Qt::ElideRight, contentsRect().width());
        if (shown != text())
            setText(shown);
    }
    QString m_full;
};

} // namespace

ConnectionBar::ConnectionBar(Connection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
{
    setAccessibleName(tr("Connection bar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);

    m_uri = new QLineEdit(this);
    m_uri->setPlaceholderText(tr("host:port or unix/:path"));
    m_uri->setAccessibleName(tr("Server URI"));
    m_uri->setToolTip(tr("host:port, user:password@host:port or unix/:/path/to.sock"));
    m_uri->setMinimumWidth(150);

    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("guest"));
    m_user->setAccessibleName(tr("User"));
    m_user->setMaximumWidth(120);

    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setMaximumWidth(120);

    m_connectButton = new QPushButton(tr("Disconnect"), this);
    m_connectButton->setAccessibleName(tr("Connect or disconnect"));
    m_connectButton->setMinimumWidth(m_connectButton->sizeHint().width());
    m_connectButton->setText(tr("Connect"));
    m_connectButton->setMinimumWidth(std::max(m_connectButton->minimumWidth(), m_connectButton->sizeHint().width()));

    m_reconnect = new QCheckBox(tr("Reconnect"), this);
    m_reconnect->setAccessibleName(tr("Reconnect automatically"));
    m_reconnect->setToolTip(tr("When the connection is lost, try again every few seconds until it is back"));
    m_reconnectInterval = new QDoubleSpinBox(this);
    m_reconnectInterval->setAccessibleName(tr("Reconnect interval"));
    m_reconnectInterval->setToolTip(tr("Seconds between reconnect attempts"));
    m_reconnectInterval->setRange(0.1, 3600);
    m_reconnectInterval->setDecimals(1);
    m_reconnectInterval->setSingleStep(1);
    m_reconnectInterval->setSuffix(tr(" s"));
    m_reconnectInterval->setValue(2.0);
    showReconnectSetting(connection->reconnectAfter());

    m_state = new QLabel(this);
    m_state->setAccessibleName(tr("Connection state"));
    // One width whatever the state says, so nothing in the bar moves as it changes.
    int stateWidth = 0;
    for (const QString &name : { tr("disconnected"), tr("connecting"), tr("greeting"), tr("authenticating"),
                                 tr("ready"), tr("closing"), tr("waiting to reconnect"), tr("bad URI") })
        stateWidth = std::max(stateWidth, fontMetrics().horizontalAdvance(name));
    m_state->setFixedWidth(fontMetrics().horizontalAdvance(QStringLiteral("● ")) + stateWidth + 8);
    m_server = new ElidedLabel(this);
    m_server->setAccessibleName(tr("Server version or failure reason"));
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const int inputWidth = fontMetrics().horizontalAdvance(QLatin1Char('m')) * 7;
    m_user->setMinimumWidth(inputWidth);
    m_password->setMinimumWidth(inputWidth);
    m_rtt = new QLabel(this);
    m_rtt->setAccessibleName(tr("Ping round-trip time"));
    m_rtt->setFixedWidth(std::max(fontMetrics().horizontalAdvance(tr("ping %1 ms").arg(9999.99, 0, 'f', 2)),
                                  fontMetrics().horizontalAdvance(tr("ping failed")))
                         + 8);

    layout->addWidget(new QLabel(tr("URI:"), this));
    layout->addWidget(m_uri, 1);
    layout->addWidget(new QLabel(tr("User:"), this));
    layout->addWidget(m_user);
    layout->addWidget(new QLabel(tr("Password:"), this));
    layout->addWidget(m_password);
    layout->addWidget(m_connectButton);
    layout->addWidget(m_reconnect);
    layout->addWidget(m_reconnectInterval);
    layout->addSpacing(12);
    layout->addWidget(m_state);
    layout->addWidget(m_server, 1);
    layout->addWidget(m_rtt);
    m_rttChart = new PingSparkline(this);
    layout->addWidget(m_rttChart);

    m_pingTimer = new QTimer(this);
    m_pingTimer->setInterval(10000);
    connect(m_pingTimer, &QTimer::timeout, this, &ConnectionBar::ping);

    connect(m_connectButton, &QPushButton::clicked, this, [this] {
        if (!m_connection)
            return;
        // Disconnect also stops a pending reconnect.
        if (m_connection->state() == Connection::State::Disconnected && !m_connection->isReconnectScheduled())
            connectNow();
        else
            m_connection->disconnectFromServer();
    });
    connect(m_reconnect, &QCheckBox::toggled, this, &ConnectionBar::applyReconnect);
    connect(m_reconnectInterval, &QDoubleSpinBox::valueChanged, this, [this] {
        if (m_reconnect->isChecked())
            applyReconnect();
    });
    connect(connection, &Connection::reconnectAfterChanged, this, &ConnectionBar::showReconnectSetting);
    connect(connection, &Connection::reconnectScheduled, this, [this](int attempt, int delayMs) {
        emit logMessage(
                LogLevel::Warning,
                tr("Reconnecting in %1 s (attempt %2)").arg(QLocale().toString(delayMs / 1000.0, 'g', 4)).arg(attempt));
        const QString name = tr("waiting to reconnect");
        showState(Theme::Color::Pending, name);
        m_state->setAccessibleDescription(name);
        updateButton();
    });
    connect(connection, &Connection::reconnecting, this, [this](int attempt) {
        emit logMessage(
                LogLevel::Info,
                tr("Reconnect attempt %1: connecting to %2").arg(attempt).arg(m_connection->uri().displayString()));
    });
    connect(connection, &Connection::reconnected, this, [this](int attempts) {
        emit logMessage(LogLevel::Info,
                        tr("Reconnected to %1 as %2 (attempt %3)")
                                .arg(m_connection->uri().displayString(), userName())
                                .arg(attempts));
    });
    // Enter in any of the three fields connects with what they say now (again, when connected).
    for (QLineEdit *field : { m_uri, m_user, m_password })
        connect(field, &QLineEdit::returnPressed, this, &ConnectionBar::connectNow);
    connect(connection, &Connection::stateChanged, this, &ConnectionBar::onStateChanged);
    connect(connection, &Connection::disconnected, this, &ConnectionBar::onDisconnected);
    connect(connection, &Connection::greetingReceived, this, [this](const Greeting &g) {
        // The version in the bar; the instance in the tooltip (and the log).
        static_cast<ElidedLabel *>(m_server)->setFullText(tr("%1 %2").arg(g.product, g.versionString),
                                                          tr("instance %1").arg(g.instanceUuid));
        emit logMessage(
                LogLevel::Info,
                tr("Greeting: %1 %2 (%3), instance %4").arg(g.product, g.versionString, g.protocol, g.instanceUuid));
    });
    connect(connection, &Connection::ready, this, [this] {
        // A reconnect says so itself (reconnected).
        if (m_connection->reconnectAttempt() == 0) {
            m_rttChart->clear(); // a new connection: its own times
            emit logMessage(LogLevel::Info,
                            tr("Connected to %1 as %2").arg(m_connection->uri().displayString(), userName()));
        }
        ping();
        m_pingTimer->start();
    });
    onStateChanged(connection->state());
}

void ConnectionBar::setUri(const QString &uri)
{
    m_uri->setText(uri);
}
void ConnectionBar::setUser(const QString &user)
{
    m_user->setText(user);
}
void ConnectionBar::setPassword(const QString &password)
{
    m_password->setText(password);
}
void ConnectionBar::focusUri()
{
    m_uri->setFocus(Qt::ShortcutFocusReason);
    m_uri->selectAll();
}

QString ConnectionBar::uriText() const
{
    return m_uri->text();
}
QString ConnectionBar::userText() const
{
    return m_user->text();
}

QString ConnectionBar::userName() const
{
    // Credentials in the URI win over the fields, as in Connection.
    if (m_connection && !m_connection->uri().user.isEmpty())
        return m_connection->uri().user;
    return m_user->text().isEmpty() ? QStringLiteral("guest") : m_user->text();
}

void ConnectionBar::applyReconnect()
{
    if (m_connection)
        m_connection->setReconnectAfter(m_reconnect->isChecked() ? m_reconnectInterval->value() : 0.0);
}

void ConnectionBar::showReconnectSetting(double seconds)
{
    const QSignalBlocker blockCheck(m_reconnect);
    const QSignalBlocker blockSpin(m_reconnectInterval);
    m_reconnect->setChecked(seconds > 0);
    if (seconds > 0)
        m_reconnectInterval->setValue(seconds);
}

QString ConnectionBar::stateText(Connection::State state)
{
    switch (state) {
    case Connection::State::Disconnected: return tr("disconnected");
    case Connection::State::Connecting: return tr("connecting");
    case Connection::State::Greeting: return tr("greeting");
    case Connection::State::Auth: return tr("authenticating");
    case Connection::State::Ready: return tr("ready");
    case Connection::State::Closing: return tr("closing");
    }
    return QString();
}

void ConnectionBar::connectNow()
{
    if (!m_connection)
        return;
    Uri uri;
    QString error;
    if (!Uri::parse(m_uri->text(), &uri, &error)) {
        Uri ignored;
        Uri::parse(Uri::redacted(m_uri->text()), &ignored, &error);
        m_state->setText(tr("bad URI"));
        m_state->setToolTip(error);
        emit logMessage(LogLevel::Error, tr("Cannot connect: %1").arg(error));
        return;
    }
    ConnectOptions options;
    options.user = m_user->text();
    options.password = m_password->text();
    emit logMessage(LogLevel::Info, tr("Connecting to %1").arg(uri.displayString()));
    m_connection->connectToServer(uri, options);
}

void ConnectionBar::onStateChanged(Connection::State state)
{
    const QString name = stateText(state);
    showState(state == Connection::State::Ready ? Theme::Color::Success
                      : state == Connection::State::Disconnected || state == Connection::State::Closing
                      ? Theme::Color::Muted
                      : Theme::Color::Pending,
              name);
    m_state->setAccessibleDescription(name);
    m_state->setToolTip(QString());
    if (state == Connection::State::Ready)
        m_wasReady = true;
    if (state != Connection::State::Ready) {
        m_pingTimer->stop();
        m_rtt->clear();
    }
    if (state == Connection::State::Disconnected) {
        static_cast<ElidedLabel *>(m_server)->setFullText(QString());
    }
    updateButton();
}

void ConnectionBar::onDisconnected(const Error &error)
{
    const bool wasReady = m_wasReady;
    m_wasReady = false;
    updateButton();
    // What the bar says now: a Disconnect while waiting to reconnect changes no state, and a
    // failure says why right here (a wrong password, a refused connection), not only in the log.
    if (!m_connection->isReconnectScheduled()) {
        onStateChanged(m_connection->state());
        if (!error.isNull() && m_connection->state() == Connection::State::Disconnected) {
            showState(Theme::Color::Error, tr("disconnected"));
            m_state->setAccessibleDescription(tr("disconnected: %1").arg(error.message));
            // The reason where the server's version stood, elided to fit, whole in its tooltip.
            static_cast<ElidedLabel *>(m_server)->setFullText(error.message);
        }
    }
    if (error.isNull()) {
        emit logMessage(LogLevel::Info, tr("Disconnected"));
        return;
    }
    m_state->setToolTip(error.message);
    if (wasReady)
        emit logMessage(LogLevel::Error, tr("Connection lost: %1").arg(error.message));
    else
        emit logMessage(LogLevel::Error, tr("Connection failed: %1").arg(error.message));
}

void ConnectionBar::showState(Theme::Color color, const QString &text)
{
    m_stateColor = color;
    m_stateText = text;
    m_state->setText(
            QStringLiteral("<span style='color:%1'>●</span> %2").arg(Theme::color(color).name(), text.toHtmlEscaped()));
}

void ConnectionBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The state's dot takes the new palette's colour.
    if (event->type() == QEvent::PaletteChange && !m_stateText.isEmpty())
        showState(m_stateColor, m_stateText);
}

void ConnectionBar::ping()
{
    if (!m_connection || !m_connection->isReady())
        return;
    RequestOptions options;
    options.timeoutMs = 5000;
    options.internal = true; // the traffic view sets it apart from the person's requests
    Request *r = m_connection->ping(options);
    connect(r, &Request::finished, this, [this, r] {
        if (r->state() == Request::State::Done) {
            m_rtt->setText(tr("ping %1 ms").arg(double(r->durationNs()) / 1e6, 0, 'f', 2));
            m_rttChart->addSample(double(r->durationNs()) / 1e6);
            emit pingMeasured(double(r->durationNs()) / 1e6);
        } else {
            m_rtt->setText(tr("ping failed"));
            emit pingMeasured(-1);
        }
        r->deleteLater();
    });
}

void ConnectionBar::updateButton()
{
    const bool idle = !m_connection
            || (m_connection->state() == Connection::State::Disconnected && !m_connection->isReconnectScheduled());
    m_connectButton->setText(idle ? tr("Connect") : tr("Disconnect"));
}

} // namespace Boxscope
