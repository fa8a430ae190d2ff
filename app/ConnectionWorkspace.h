#pragma once

#include "connection/ConnectionProfile.h"
#include "logging/Log.h"

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Boxscope {

class Connection;
class ConnectionBar;
class IprotoCapture;
class IprotoView;
class LogModel;
class RemoteCallPanel;
class VitalsPanel;

/// One connection tab of the main window: a Connection (its own, or a Lua console's it only
/// wraps) with the widgets that show it — its ConnectionBar, RemoteCallPanel (its own
/// history), IprotoCapture and IprotoView, VitalsPanel — and the ConnectionProfile it was
/// opened for (name, colour tag). MainWindow places the current workspace's widgets in its
/// panel tabs and keeps the others' hidden. Everything it writes to the shared log carries its
/// name.
class ConnectionWorkspace : public QObject
{
    Q_OBJECT
public:
    /// external: a connection someone else owns (a console's net_box.connect()); null: one of
    /// its own, deleted with it.
    ConnectionWorkspace(const ConnectionProfile &profile, LogModel *logModel, Connection *external = nullptr,
                        QObject *parent = nullptr);
    ~ConnectionWorkspace() override;

    const ConnectionProfile &profile() const { return m_profile; }
    /// The profile as it stands now: the URI and user it connects to (never a password).
    ConnectionProfile currentProfile() const;
    /// What the tab, the history and the log call it: the profile's name, else the address.
    QString name() const;
    /// A console's connection, wrapped (not owned).
    bool isExternal() const { return m_external; }
    /// A tab for a server that lives only as long as the window (a sandbox replica set's
    /// instance): it is not part of the saved session.
    void setTransient(bool on) { m_transient = on; }
    bool isTransient() const { return m_transient; }

    Connection *connection() const;
    ConnectionBar *connectionBar() const;
    RemoteCallPanel *remoteCallPanel() const;
    IprotoCapture *capture() const { return m_capture; }
    IprotoView *iprotoView() const;
    VitalsPanel *vitalsPanel() const;

    /// Connects to the profile's URI as its user, with this password (empty: none).
    void connectToProfile(const QString &password = QString());
    /// Closes the connection (for good: no reconnecting).
    void disconnectFromServer();
    /// A line in the shared log, about this connection.
    void log(LogLevel level, const QString &text);

    /// The last ping's round-trip time in ms; negative when there is none (or it failed).
    double lastRttMs() const { return m_rttMs; }
    /// "● name · 0.4 ms": the state as a dot, the name, the last ping.
    QString tabText() const;
    /// URI, user, server version, state.
    QString tabToolTip() const;
    /// The colour tag as a small square; null when the profile has none.
    QIcon tabIcon() const;

    /// The tab's text and tooltip change at most this often (pings and states come in bursts).
    static constexpr int kSummaryIntervalMs = 250;

signals:
    /// The tab's text, tooltip or icon changed (throttled: kSummaryIntervalMs).
    void summaryChanged();
    /// The wrapped connection was closed or deleted by its owner: the tab goes.
    void externalConnectionGone();

private:
    void scheduleSummary();

    ConnectionProfile m_profile;
    LogModel *m_log;
    QPointer<Connection> m_connection;
    bool m_external = false;
    QPointer<ConnectionBar> m_bar;
    QPointer<RemoteCallPanel> m_remoteCall;
    IprotoCapture *m_capture = nullptr;
    QPointer<IprotoView> m_iprotoView;
    QPointer<VitalsPanel> m_vitals;
    double m_rttMs = -1;
    QTimer m_summaryTimer;
    bool m_transient = false;
};

} // namespace Boxscope
