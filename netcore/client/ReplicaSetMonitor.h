#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace Boxscope {

class Connection;
class MpValue;
class Request;

/// One replication link as an instance's box.info.replication shows it: the upstream it
/// receives from a peer, or the downstream it feeds a peer.
struct ReplicationLink
{
    quint32 peerId = 0;
    QString peerUuid;
    QString peer;     ///< upstream.peer without credentials (empty for a downstream)
    QString status;   ///< "follow", "sync", "disconnected", "stopped", …
    double idle = -1; ///< seconds; negative: not reported
    double lag = -1;  ///< seconds; negative: not reported
    QString message;
};

/// One lag figure of an instance's history.
struct LagSample
{
    qint64 atMs = 0; ///< epoch milliseconds
    double lag = 0;  ///< seconds: the largest of the instance's upstream lags
};

/// What the monitor knows about one instance of the replica set.
struct ReplicaSetInstance
{
    enum class Health { Connecting, Up, NotAnswering, Down };

    QString uri; ///< host:port, never credentials
    quint32 id = 0;
    QString uuid;
    bool answered = false; ///< the figures below came from at least one answer
    bool ro = false;
    QString status;   ///< box.info.status ("running", "orphan", …)
    QString vclock;   ///< "{1: 12, 2: 3}"
    QString election; ///< box.info.election: "leader, term 3, leader 1"; empty before 2.6
    QList<ReplicationLink> upstreams;
    QList<ReplicationLink> downstreams;

    Health health = Health::Connecting;
    QDateTime healthSince; ///< when it last changed health
    QString lastError;     ///< the connection's error, or the refresh that got no answer
    QDateTime lastErrorAt;
    QDateTime lastAnswerAt;
    /// At most ReplicaSetMonitor::kLagHistory samples (16 bytes each), the oldest dropped.
    std::deque<LagSample> lagHistory;

    bool isDown() const { return health == Health::Down || health == Health::NotAnswering; }
    /// The largest upstream lag and idle (negative: none reported).
    double lag() const;
    double idle() const;
    /// "follow" when every link follows; otherwise each link that does not, with its peer
    /// ("disconnected (127.0.0.1:3302): connection refused"); "" when there is none.
    QString upstreamSummary() const;
    QString downstreamSummary() const;
};

/// Watches a replica set from one seed URI: connects to the seed, reads box.info and
/// box.info.replication, discovers the other instances from the upstreams' peer URIs (without
/// their credentials; the monitor's own are used everywhere) and keeps a Connection to each.
/// Every interval (default 2 s) each instance gets one internal eval with a deadline of the
/// interval (0.5–5 s): an instance whose connection is lost or refused is Down with the
/// Connection's error and since when, one that does not answer in time is NotAnswering, and it
/// is Up again when it answers. Never two refreshes of an instance in flight.
class ReplicaSetMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 2000;
    /// Lag samples kept per instance: 300 × 16 bytes (ten minutes at the default interval).
    static constexpr size_t kLagHistory = 300;
    /// At most this many instances are followed (a replica set has at most 32).
    static constexpr int kMaxInstances = 32;

    explicit ReplicaSetMonitor(QObject *parent = nullptr);
    ~ReplicaSetMonitor() override;

    /// The login every connection uses unless the seed URI has its own.
    void setCredentials(const QString &user, const QString &password);
    /// Forgets every instance and starts again from seed (a URI as net.box takes it).
    /// False with error() when the URI cannot be parsed.
    bool start(const QString &seed);
    /// Closes every connection; the instances stay as last seen.
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    QString error() const { return m_error; }

    void setIntervalMs(int ms);
    int intervalMs() const { return m_timer.interval(); }
    /// How long one refresh may wait for its answer.
    int answerTimeoutMs() const;
    /// Sends a refresh to every instance now (the timer goes on).
    void refreshNow();

    int count() const { return int(m_slots.size()); }
    const ReplicaSetInstance &instance(int row) const;
    /// The row of the instance with this URI (host:port), -1 when none.
    int indexOf(const QString &uri) const;
    /// Refreshes sent so far (all instances).
    int refreshesSent() const { return m_sent; }
    /// The Lua the refresh evaluates.
    static QString probeExpression();

signals:
    void instanceAdded(int row);
    void instanceChanged(int row);
    /// Forgotten: start() again.
    void cleared();

private:
    struct Slot;
    void addInstance(const QString &uri, const QString &uuid = QString());
    void connectSlot(Slot &slot);
    void refresh(int row);
    void handleAnswer(int row, Request *r);
    void apply(int row, const MpValue &info);
    void markProblem(int row, ReplicaSetInstance::Health health, const QString &error);
    void setHealth(ReplicaSetInstance &info, ReplicaSetInstance::Health health);
    int rowOf(const Slot *slot) const;

    std::vector<std::unique_ptr<Slot>> m_slots;
    QTimer m_timer;
    QString m_user;
    QString m_password;
    QString m_error;
    int m_sent = 0;
};

} // namespace Boxscope
