#pragma once

#include <QObject>
#include <QStringList>

#include <vector>

namespace Boxscope {

class SandboxServer;

/// A local replica set of sandbox instances (resources/sandbox.lua in its replication mode):
/// one master and replicas, each a real `tarantool` on its own free loopback port and in its
/// own temporary directory, connected to each other as guest. The master creates the demo data
/// and the replicas get it through replication. Stopped by PID with this object.
class SandboxReplicaSet : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultInstances = 3;

    explicit SandboxReplicaSet(QObject *parent = nullptr);
    ~SandboxReplicaSet() override;

    /// Picks the ports and starts every instance; ready() once all listen (the replicas have
    /// joined), failed() if one does not start.
    void start(const QString &scriptPath, int instances = kDefaultInstances);
    /// Starts and waits (running an event loop) until ready, failed or the deadline.
    bool startAndWait(const QString &scriptPath, int timeoutMs = 30000, int instances = kDefaultInstances);
    void stop();

    bool isRunning() const;
    /// Every instance's "host:port", the master first.
    QStringList uris() const { return m_uris; }
    int count() const { return int(m_servers.size()); }
    SandboxServer *instance(int i) const { return m_servers[size_t(i)]; }
    QString errorString() const { return m_error; }

signals:
    void ready(const QStringList &uris);
    void failed(const QString &message);

private:
    std::vector<SandboxServer *> m_servers;
    QStringList m_uris;
    QString m_error;
    int m_ready = 0;
    bool m_failed = false;
};

} // namespace Boxscope
