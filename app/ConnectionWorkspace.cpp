#include "ConnectionWorkspace.h"

#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "connection/ConnectionBar.h"
#include "log/LogModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestLogger.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsPanel.h"

#include <QPainter>
#include <QPixmap>

namespace Boxscope {

ConnectionWorkspace::ConnectionWorkspace(const ConnectionProfile &profile, LogModel *logModel, Connection *external,
                                         QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_log(logModel)
    , m_connection(external ? external : new Connection(this))
    , m_external(external != nullptr)
{
    Connection *c = m_connection;
    // The widgets have no parent yet: the window places them (a panel tab, the bar's stack).
    m_bar = new ConnectionBar(c);
    m_bar->setUri(profile.uri);
    m_bar->setUser(profile.user);
    m_remoteCall = new RemoteCallPanel(c, logModel);
    m_remoteCall->setObjectName(QStringLiteral("RemoteCallPanel"));
    m_remoteCall->logger()->setConnectionName(name());
    // The connection's traffic, frame by frame, from its first byte.
    m_capture = new IprotoCapture(this);
    m_capture->attach(c);
    m_iprotoView = new IprotoView(m_capture);
    m_vitals = new VitalsPanel(c);
    m_vitals->setObjectName(QStringLiteral("VitalsPanel"));

    connect(m_bar, &ConnectionBar::logMessage, this, &ConnectionWorkspace::log);
    connect(c, &Connection::unexpectedResponse, this,
            [this](quint64 sync, quint32 code, Connection::UnexpectedKind kind) {
                log(LogLevel::Warning,
                    (kind == Connection::UnexpectedKind::Late ? tr("Late response for SYNC %1 (code 0x%2)")
                                                              : tr("Response with unknown SYNC %1 (code 0x%2)"))
                            .arg(sync)
                            .arg(code, 0, 16));
            });

    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(kSummaryIntervalMs);
    connect(&m_summaryTimer, &QTimer::timeout, this, [this] {
        // A profile without a name is called by its address, which the bar may have changed.
        m_remoteCall->logger()->setConnectionName(name());
        emit summaryChanged();
    });
    connect(m_bar, &ConnectionBar::pingMeasured, this, [this](double ms) {
        m_rttMs = ms;
        scheduleSummary();
    });
    connect(c, &Connection::stateChanged, this, [this](Connection::State s) {
        // Named at once: the first request's lines already carry the address it connects to.
        m_remoteCall->logger()->setConnectionName(name());
        if (s != Connection::State::Ready)
            m_rttMs = -1;
        scheduleSummary();
    });
    connect(c, &Connection::greetingReceived, this, &ConnectionWorkspace::scheduleSummary);
    connect(c, &Connection::reconnectScheduled, this, &ConnectionWorkspace::scheduleSummary);
    if (m_external) {
        // Closed by the script or deleted with the console's runtime: the tab goes with it.
        connect(c, &QObject::destroyed, this, &ConnectionWorkspace::externalConnectionGone);
    }
}

ConnectionWorkspace::~ConnectionWorkspace()
{
    // The widgets first (they point at the connection), then the capture and the connection.
    delete m_bar;
    delete m_remoteCall;
    delete m_iprotoView;
    delete m_vitals;
    delete m_capture;
    if (m_external) {
        if (m_connection)
            m_connection->disconnect(this);
    } else {
        delete m_connection;
    }
}

Connection *ConnectionWorkspace::connection() const
{
    return m_connection;
}
ConnectionBar *ConnectionWorkspace::connectionBar() const
{
    return m_bar;
}
RemoteCallPanel *ConnectionWorkspace::remoteCallPanel() const
{
    return m_remoteCall;
}
IprotoView *ConnectionWorkspace::iprotoView() const
{
    return m_iprotoView;
}
VitalsPanel *ConnectionWorkspace::vitalsPanel() const
{
    return m_vitals;
}

QString ConnectionWorkspace::name() const
{
    if (!m_profile.name.isEmpty())
        return m_profile.name;
    if (m_connection && (m_connection->uri().port != 0 || m_connection->uri().isUnix()))
        return m_connection->uri().displayString();
    if (!m_profile.uri.isEmpty())
        return m_profile.uri;
    return tr("New connection");
}

ConnectionProfile ConnectionWorkspace::currentProfile() const
{
    ConnectionProfile p = m_profile;
    // Where the connection went last (no credentials), else what the bar says.
    if (m_connection && (m_connection->uri().port != 0 || m_connection->uri().isUnix())) {
        p.uri = m_connection->uri().displayString();
        if (!m_connection->uri().user.isEmpty())
            p.user = m_connection->uri().user;
        else if (m_bar)
            p.user = m_bar->userText();
    } else if (m_bar) {
        Uri uri;
        if (Uri::parse(m_bar->uriText(), &uri, nullptr)) {
            p.uri = uri.displayString();
            p.user = uri.user.isEmpty() ? m_bar->userText() : uri.user;
        }
    }
    return p;
}

void ConnectionWorkspace::connectToProfile(const QString &password)
{
    m_bar->setUri(m_profile.uri);
    m_bar->setUser(m_profile.user);
    m_bar->setPassword(password);
    m_bar->connectNow();
}

void ConnectionWorkspace::disconnectFromServer()
{
    if (m_connection)
        m_connection->disconnectFromServer();
}

void ConnectionWorkspace::log(LogLevel level, const QString &text)
{
    m_log->append(level, tr("connection"), text, name());
}

void ConnectionWorkspace::scheduleSummary()
{
    if (!m_summaryTimer.isActive())
        m_summaryTimer.start();
}

QString ConnectionWorkspace::tabText() const
{
    const Connection::State state = m_connection ? m_connection->state() : Connection::State::Disconnected;
    // ● ready, ◐ on its way (connecting, greeting, auth, or waiting to reconnect), ○ not connected.
    const bool onItsWay = state != Connection::State::Ready && state != Connection::State::Disconnected;
    const QString dot = state == Connection::State::Ready                        ? QStringLiteral("●")
            : onItsWay || (m_connection && m_connection->isReconnectScheduled()) ? QStringLiteral("◐")
                                                                                 : QStringLiteral("○");
    QString text = dot + QLatin1Char(' ') + name();
    if (m_profile.readOnly)
        text += QStringLiteral(" · ") + tr("read-only");
    if (state == Connection::State::Ready && m_rttMs >= 0)
        text += QStringLiteral(" · ") + tr("%1 ms").arg(m_rttMs, 0, 'f', m_rttMs < 10 ? 1 : 0);
    return text;
}

QString ConnectionWorkspace::tabToolTip() const
{
    const ConnectionProfile p = currentProfile();
    QStringList lines;
    lines << name();
    if (m_external)
        lines << tr("Opened by the Lua console");
    lines << tr("URI: %1").arg(p.uri.isEmpty() ? tr("none") : p.uri);
    lines << tr("User: %1").arg(p.user.isEmpty() ? tr("guest") : p.user);
    if (m_connection && m_connection->state() != Connection::State::Disconnected
        && !m_connection->greeting().versionString.isEmpty())
        lines << tr("Server: %1 %2").arg(m_connection->greeting().product, m_connection->greeting().versionString);
    const Connection::State state = m_connection ? m_connection->state() : Connection::State::Disconnected;
    lines << tr("State: %1").arg(ConnectionBar::stateText(state));
    if (state == Connection::State::Ready && m_rttMs >= 0)
        lines << tr("Ping: %1 ms").arg(m_rttMs, 0, 'f', 2);
    if (p.readOnly)
        lines << tr("Read-only");
    return lines.join(QLatin1Char('\n'));
}

QIcon ConnectionWorkspace::tabIcon() const
{
    if (!m_profile.colour.isValid())
        return QIcon();
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(QPen(m_profile.colour.darker(150), 1));
    painter.setBrush(m_profile.colour);
    painter.drawRect(QRectF(0.5, 0.5, 11, 11));
    return QIcon(pixmap);
}

} // namespace Boxscope
