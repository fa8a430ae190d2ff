#pragma once

#include "sandbox/SandboxServer.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <array>
#include <memory>

namespace Boxscope::Test {

/// Three real tarantool instances replicating in a full mesh on free 127.0.0.1 ports, each in
/// its own directory of one temp dir (tests/scripts/replicaset.lua): instance 0 the master
/// (rw), 1 and 2 replicas (read_only = true), every box.cfg with replication = all three URIs.
/// Guest may replicate, read, write and execute; user "boxscope" / "secret" too. Global
/// functions progress(n, delay) (n pushes, delay seconds before each, returns n) and echo(...).
/// Every instance is stopped by its PID when the fixture is destroyed (a failed test
/// included); the kernel and the script's parent watch end them if this process dies.
class ReplicaSetFixture
{
public:
    static constexpr int kSize = 3;
    static constexpr int kMaster = 0;

    ReplicaSetFixture();
    ~ReplicaSetFixture();

    /// Starts the three at once and waits until each has bootstrapped or joined (box.cfg
    /// returned); false (with errorString()) when it cannot within timeoutMs.
    bool start(int timeoutMs = 20000);
    void stop();
    /// Until every replica's upstream to the master says "follow" and every instance's vclock
    /// is the master's; false at the deadline (errorString() says what was still missing).
    bool waitSynced(int timeoutMs = 10000);
    /// SIGKILL by PID: the instance dies at once, its data stays.
    void kill(int i);
    /// Starts instance i again on the same port with the same data directory and waits until
    /// it has joined again.
    bool restart(int i, int timeoutMs = 15000);

    SandboxServer &server(int i) { return *m_servers[size_t(i)]; }
    quint16 port(int i) const { return m_ports[size_t(i)]; }
    /// "127.0.0.1:port" (no credentials).
    QString uri(int i) const;
    QStringList uris() const;
    qint64 pid(int i) const { return m_servers[size_t(i)]->pid(); }
    QString errorString() const { return m_error; }

private:
    bool startOnce(int timeoutMs);
    bool pickPorts();
    QString writeScript(int i);

    QTemporaryDir m_dir;
    std::array<std::unique_ptr<SandboxServer>, kSize> m_servers;
    std::array<quint16, kSize> m_ports {};
    QString m_error;
};

/// tests/scripts/replicaset.lua in the source tree.
QString replicaSetScript();

} // namespace Boxscope::Test
