#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace Boxscope {

/// A real `tarantool` process on a loopback port, in its own temporary directory.
///
/// The script must print "BOXSCOPE_LISTEN <host:port>" on stdout when it listens
/// (resources/sandbox.lua does). Used by `boxscope --sandbox`, the test fixture
/// and the benchmarks. The process is stopped by its PID when this object stops
/// or is destroyed.
class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    void setTarantoolBinary(const QString &path) { m_binary = path; }
    /// Listen address; "127.0.0.1:0" (the default) picks a free port.
    void setListen(const QString &listen) { m_listen = listen; }
    /// Reuse a work directory (e.g. to restart on the same data); default: a new temp dir.
    void setWorkDir(const QString &dir) { m_fixedWorkDir = dir; }
    /// As one instance of a local replica set: every instance's "host:port" (this one's
    /// included); a read-only one is a replica. Takes effect at the next start().
    void setReplication(const QStringList &uris, bool readOnly)
    {
        m_replication = uris;
        m_readOnly = readOnly;
    }

    /// Starts the process; ready() or failed() follows.
    void start(const QString &scriptPath);
    /// Starts and waits (running an event loop) until ready or timeout. For tests and the CLI.
    bool startAndWait(const QString &scriptPath, int timeoutMs = 15000);

    bool isRunning() const;
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    /// "host:port", or "unix/:/path" for a unix socket (host() is then that string, port() 0).
    QString uri() const;
    qint64 pid() const;
    QString workDir() const;
    QString errorString() const { return m_error; }
    /// The server's own log (tarantool.log in the work dir).
    QString serverLog() const;

    /// Stops it (if running) and starts the same script again on the same address (port), so a
    /// connection with reconnect on finds it again.
    void restart();
    /// The script of the last start(), empty before.
    QString scriptPath() const { return m_script; }

    /// SIGTERM by PID, then SIGKILL after a grace period; waits for the exit.
    void stop(int graceMs = 3000);
    /// SIGKILL at once: a server that dies mid-call.
    void kill();

    /// Locates the tarantool binary ($BOXSCOPE_TARANTOOL, then PATH).
    static QString findTarantool();
    /// The bundled demo script, looked up next to the executable and in the source tree.
    static QString findSandboxScript();

signals:
    void ready(const QString &host, quint16 port);
    void failed(const QString &message);
    void finished(int exitCode);
    /// The process ended by itself after it was ready (not by stop() or kill()): how it ended,
    /// e.g. "exited with code 1" or "was killed by signal 9".
    void exited(const QString &how);

private:
    void onStdout();
    void fail(const QString &message);

    QString m_binary;
    QString m_listen = QStringLiteral("127.0.0.1:0");
    QString m_fixedWorkDir;
    QStringList m_replication;
    bool m_readOnly = false;
    QString m_script;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QProcess *m_process = nullptr;
    QByteArray m_stdout;
    QString m_host;
    quint16 m_port = 0;
    QString m_error;
    bool m_ready = false;
    bool m_stopping = false; // stop() or kill(): not an exit to report
};

} // namespace Boxscope
