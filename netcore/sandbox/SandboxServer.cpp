#include "sandbox/SandboxServer.h"

#include "logging/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>

namespace Boxscope {

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent)
{ }

SandboxServer::~SandboxServer()
{
    // Whoever listens may be half destroyed already (a window tearing down its children):
    // stopping says nothing.
    disconnect();
    stop(2000);
}

QString SandboxServer::uri() const
{
    if (m_host.startsWith(QLatin1String("unix/:")))
        return m_host;
    return m_host + QLatin1Char(':') + QString::number(m_port);
}

QString SandboxServer::findTarantool()
{
    const QString env = qEnvironmentVariable("BOXSCOPE_TARANTOOL");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::findExecutable(QStringLiteral("tarantool"));
}

QString SandboxServer::findSandboxScript()
{
    const QString env = qEnvironmentVariable("BOXSCOPE_SANDBOX_SCRIPT");
    if (!env.isEmpty() && QFileInfo::exists(env))
        return env;
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        appDir + QStringLiteral("/sandbox.lua"),
        appDir + QStringLiteral("/../share/boxscope/sandbox.lua"),
        appDir + QStringLiteral("/../resources/sandbox.lua"),
        appDir + QStringLiteral("/../../resources/sandbox.lua"),
    };
    for (const QString &c : candidates) {
        if (QFileInfo::exists(c))
            return QFileInfo(c).canonicalFilePath();
    }
    return {};
}

void SandboxServer::start(const QString &scriptPath)
{
    if (m_process && m_process->state() == QProcess::NotRunning) { // it ended by itself
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (m_process) {
        fail(tr("The sandbox is already running"));
        return;
    }
    m_script = scriptPath;
    m_ready = false;
    m_error.clear();
    m_stdout.clear();
    const QString binary = m_binary.isEmpty() ? findTarantool() : m_binary;
    if (binary.isEmpty()) {
        fail(tr("The tarantool binary was not found (install the Debian package 'tarantool')"));
        return;
    }
    if (!QFileInfo::exists(scriptPath)) {
        fail(tr("The sandbox script %1 does not exist").arg(scriptPath));
        return;
    }
    QString dir = m_fixedWorkDir;
    if (dir.isEmpty()) {
        if (!m_tempDir) {
            m_tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/boxscope-sandbox-XXXXXX"));
            if (!m_tempDir->isValid()) {
                fail(tr("Cannot create a temporary directory: %1").arg(m_tempDir->errorString()));
                m_tempDir.reset();
                return;
            }
        }
        dir = m_tempDir->path();
    }
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BOXSCOPE_LISTEN"), m_listen);
    env.insert(QStringLiteral("BOXSCOPE_WORK_DIR"), dir);
    env.insert(QStringLiteral("BOXSCOPE_PARENT_PID"), QString::number(QCoreApplication::applicationPid()));
    env.remove(QStringLiteral("BOXSCOPE_REPLICATION"));
    env.remove(QStringLiteral("BOXSCOPE_READ_ONLY"));
    if (!m_replication.isEmpty()) {
        env.insert(QStringLiteral("BOXSCOPE_REPLICATION"), m_replication.join(QLatin1Char(',')));
        env.insert(QStringLiteral("BOXSCOPE_READ_ONLY"), m_readOnly ? QStringLiteral("1") : QStringLiteral("0"));
    }
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(dir);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // However this process ends (a forced exit, SIGKILL), the kernel ends the sandbox too.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &SandboxServer::onStdout);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(tr("tarantool failed to start: %1").arg(m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (m_stopping) {
            // Asked for (stop, restart): nothing to report.
        } else if (m_ready) {
            emit exited(status == QProcess::CrashExit ? tr("was killed by signal %1").arg(code)
                                                      : tr("exited with code %1").arg(code));
        } else {
            const QString err = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
            fail(tr("tarantool exited with code %1 before listening%2")
                         .arg(code)
                         .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err.right(400)));
        }
        qCDebug(lcSandbox).noquote() << "tarantool exited:" << (status == QProcess::CrashExit ? "signal" : "code")
                                     << code;
        m_ready = false;
        emit finished(code);
    });
    qCDebug(lcSandbox).noquote() << "starting" << binary << scriptPath;
    m_process->start(binary, { scriptPath });
}

bool SandboxServer::startAndWait(const QString &scriptPath, int timeoutMs)
{
    QEventLoop loop;
    bool ok = false;
    auto c1 = connect(this, &SandboxServer::ready, &loop, [&] {
        ok = true;
        loop.quit();
    });
    auto c2 = connect(this, &SandboxServer::failed, &loop, [&] { loop.quit(); });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        if (m_error.isEmpty())
            m_error = tr("tarantool did not report its listen address within %1 ms").arg(timeoutMs);
        loop.quit();
    });
    start(scriptPath);
    if (!m_ready && m_process && m_error.isEmpty())
        loop.exec();
    disconnect(c1);
    disconnect(c2);
    return ok || m_ready;
}

void SandboxServer::onStdout()
{
    m_stdout += m_process->readAllStandardOutput();
    if (m_ready)
        return;
    const int at = m_stdout.indexOf("BOXSCOPE_LISTEN ");
    if (at < 0)
        return;
    const int eol = m_stdout.indexOf('\n', at);
    if (eol < 0)
        return;
    const QString addr = QString::fromUtf8(m_stdout.mid(at + 16, eol - at - 16)).trimmed();
    if (m_listen.startsWith(QLatin1String("unix/:"))) {
        // 2.6 reports "unix/:(socket)": the path is the one we asked for.
        m_host = m_listen;
        m_port = 0;
        m_ready = true;
        emit ready(m_host, m_port);
        return;
    }
    const int colon = addr.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? addr.mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535) {
        fail(tr("tarantool reported an unexpected listen address: %1").arg(addr));
        return;
    }
    m_host = addr.left(colon);
    m_port = quint16(port);
    m_ready = true;
    qCDebug(lcSandbox).noquote() << "tarantool PID" << pid() << "listens on" << m_host << m_port;
    emit ready(m_host, m_port);
}

void SandboxServer::fail(const QString &message)
{
    qCDebug(lcSandbox).noquote() << message;
    m_error = message;
    emit failed(message);
}

bool SandboxServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 SandboxServer::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString SandboxServer::workDir() const
{
    if (!m_fixedWorkDir.isEmpty())
        return m_fixedWorkDir;
    return m_tempDir ? m_tempDir->path() : QString();
}

QString SandboxServer::serverLog() const
{
    QFile f(workDir() + QStringLiteral("/tarantool.log"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void SandboxServer::stop(int graceMs)
{
    if (!m_process)
        return;
    m_stopping = true;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process->processId()), SIGTERM);
        if (!m_process->waitForFinished(graceMs)) {
            m_process->kill();
            m_process->waitForFinished(graceMs);
        }
    }
    m_process->disconnect(this);
    delete m_process;
    m_process = nullptr;
    m_ready = false;
    m_stopping = false;
}

void SandboxServer::restart()
{
    if (m_script.isEmpty())
        return;
    stop();
    // The same port: a connection that reconnects finds it there.
    if (m_port != 0)
        m_listen = QStringLiteral("%1:%2").arg(m_host).arg(m_port);
    start(m_script);
}

void SandboxServer::kill()
{
    if (!m_process)
        return;
    m_stopping = true;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process->processId()), SIGKILL);
        m_process->waitForFinished(3000);
    }
    m_process->disconnect(this);
    delete m_process;
    m_process = nullptr;
    m_ready = false;
    m_stopping = false;
}

} // namespace Boxscope
