#include "ReplicaSetFixture.h"

#include "TarantoolFixture.h"

#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QTcpServer>

#include <algorithm>

namespace Boxscope::Test {

namespace {

// The vclock as "id:lsn,…" sorted (component 0, local writes, left out), the status of the
// upstream from `peer` (nil where there is none), and box.info.ro.
const char *kSyncProbe = R"lua(
local peer = ...
local parts = {}
for id, lsn in pairs(box.info.vclock) do
    if id ~= 0 then table.insert(parts, id .. ':' .. lsn) end
end
table.sort(parts)
local status
for _, r in pairs(box.info.replication) do
    if peer ~= nil and r.upstream ~= nil and r.upstream.peer == peer then status = r.upstream.status end
end
return table.concat(parts, ','), status
)lua";

} // namespace

ReplicaSetFixture::ReplicaSetFixture()
    : m_dir(QDir::tempPath() + QStringLiteral("/boxscope-replicaset-XXXXXX"))
{
    for (auto &s : m_servers)
        s = std::make_unique<SandboxServer>();
}

ReplicaSetFixture::~ReplicaSetFixture()
{
    stop();
}

QString ReplicaSetFixture::uri(int i) const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_ports[size_t(i)]);
}

QStringList ReplicaSetFixture::uris() const
{
    QStringList out;
    for (int i = 0; i < kSize; ++i)
        out << uri(i);
    return out;
}

bool ReplicaSetFixture::pickPorts()
{
    // All three listeners open at once, so the ports differ; closed before tarantool binds.
    std::array<std::unique_ptr<QTcpServer>, kSize> probes;
    for (int i = 0; i < kSize; ++i) {
        probes[size_t(i)] = std::make_unique<QTcpServer>();
        if (!probes[size_t(i)]->listen(QHostAddress::LocalHost, 0)) {
            m_error = QStringLiteral("no free port: ") + probes[size_t(i)]->errorString();
            return false;
        }
        m_ports[size_t(i)] = probes[size_t(i)]->serverPort();
    }
    return true;
}

QString ReplicaSetFixture::writeScript(int i)
{
    const QString dir = m_dir.path() + QStringLiteral("/instance%1").arg(i);
    QDir().mkpath(dir);
    m_servers[size_t(i)]->setWorkDir(dir);
    m_servers[size_t(i)]->setListen(uri(i));
    QStringList quoted;
    for (const QString &u : uris())
        quoted << QLatin1Char('\'') + u + QLatin1Char('\'');
    const bool master = i == kMaster;
    // The master bootstraps alone (quorum 0); a replica needs the master to join.
    const QString text =
            QStringLiteral("REPLICASET = {replication = {%1}, read_only = %2, quorum = %3}\n"
                           "dofile('%4')\n")
                    .arg(quoted.join(QStringLiteral(", ")), master ? QStringLiteral("false") : QStringLiteral("true"),
                         master ? QStringLiteral("0") : QStringLiteral("1"), replicaSetScript());
    const QString path = dir + QStringLiteral("/instance.lua");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(text.toUtf8());
    return path;
}

bool ReplicaSetFixture::start(int timeoutMs)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: ") + m_dir.errorString();
        return false;
    }
    // A port picked free may be taken by someone else before tarantool binds it: try again.
    QDeadlineTimer deadline(timeoutMs);
    for (int attempt = 0; attempt < 3 && !deadline.hasExpired(); ++attempt) {
        if (startOnce(int(deadline.remainingTime())))
            return true;
        stop();
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
    }
    return false;
}

bool ReplicaSetFixture::startOnce(int timeoutMs)
{
    if (!pickPorts())
        return false;
    QDeadlineTimer deadline(timeoutMs);
    // All three at once: a bootstrapping master waits (replication_connect_timeout) for the
    // peers it can reach; the replicas join it as soon as it has bootstrapped.
    int failed = -1;
    for (int i = 0; i < kSize; ++i) {
        const QString script = writeScript(i);
        QObject::connect(m_servers[size_t(i)].get(), &SandboxServer::failed, m_servers[size_t(i)].get(),
                         [&failed, i] { failed = i; });
        m_servers[size_t(i)]->start(script);
    }
    const auto joined = [this] {
        for (int i = 0; i < kSize; ++i)
            if (m_servers[size_t(i)]->port() == 0 || !m_servers[size_t(i)]->isRunning())
                return false;
        return true;
    };
    const bool ok = waitFor([&] { return failed >= 0 || joined(); }, int(deadline.remainingTime()));
    for (int i = 0; i < kSize; ++i)
        QObject::disconnect(m_servers[size_t(i)].get(), &SandboxServer::failed, nullptr, nullptr);
    if (failed >= 0) {
        m_error = QStringLiteral("instance %1: ").arg(failed) + m_servers[size_t(failed)]->errorString();
        return false;
    }
    if (!ok || !joined()) {
        m_error = QStringLiteral("the instances did not start and join within %1 ms").arg(timeoutMs);
        return false;
    }
    return true;
}

void ReplicaSetFixture::stop()
{
    // Replicas first: the master going first would only make them log reconnect attempts.
    for (int i = kSize - 1; i >= 0; --i)
        m_servers[size_t(i)]->stop();
}

void ReplicaSetFixture::kill(int i)
{
    m_servers[size_t(i)]->kill();
}

bool ReplicaSetFixture::restart(int i, int timeoutMs)
{
    SandboxServer &s = *m_servers[size_t(i)];
    s.stop();
    s.setListen(uri(i));
    if (!s.startAndWait(s.scriptPath().isEmpty() ? writeScript(i) : s.scriptPath(), timeoutMs)) {
        m_error = QStringLiteral("instance %1: ").arg(i) + s.errorString();
        return false;
    }
    return true;
}

bool ReplicaSetFixture::waitSynced(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    std::array<std::unique_ptr<Connection>, kSize> conns;
    for (int i = 0; i < kSize; ++i) {
        Uri u;
        Uri::parse(uri(i), &u, nullptr);
        conns[size_t(i)] = std::make_unique<Connection>();
        ConnectOptions options;
        options.loadSchema = false;
        conns[size_t(i)]->connectToServer(u, options);
    }
    QString missing = QStringLiteral("no answer yet");
    while (!deadline.hasExpired()) {
        std::array<Request *, kSize> probes {};
        for (int i = 0; i < kSize; ++i) {
            RequestOptions options;
            options.timeoutMs = int(std::clamp<qint64>(deadline.remainingTime(), 1, 2000));
            const MpValue peer = i == kMaster ? MpValue::nil() : MpValue::string(uri(kMaster));
            probes[size_t(i)] =
                    conns[size_t(i)]->eval(QString::fromLatin1(kSyncProbe), MpValue::array({ peer }), options);
        }
        waitFor(
                [&] {
                    for (Request *r : probes)
                        if (!r->isFinished())
                            return false;
                    return true;
                },
                int(std::max<qint64>(1, deadline.remainingTime())));
        bool synced = true;
        QString masterVclock;
        for (int i = 0; i < kSize && synced; ++i) {
            Request *r = probes[size_t(i)];
            if (r->state() != Request::State::Done || r->result().size() < 2) {
                missing = QStringLiteral("instance %1 did not answer: %2").arg(i).arg(r->error().message);
                synced = false;
                break;
            }
            const QString vclock = r->result().at(0).toQString();
            if (i == kMaster) {
                masterVclock = vclock;
                continue;
            }
            const QString status = r->result().at(1).toQString();
            if (status != QLatin1String("follow")) {
                missing = QStringLiteral("instance %1's upstream to the master is '%2'").arg(i).arg(status);
                synced = false;
            } else if (vclock != masterVclock) {
                missing = QStringLiteral("instance %1's vclock {%2} is not the master's {%3}")
                                  .arg(i)
                                  .arg(vclock, masterVclock);
                synced = false;
            }
        }
        for (Request *r : probes)
            delete r;
        if (synced)
            return true;
        waitFor([] { return false; }, int(std::clamp<qint64>(deadline.remainingTime(), 0, 50)));
    }
    m_error = QStringLiteral("not synced within %1 ms: ").arg(timeoutMs) + missing;
    return false;
}

QString replicaSetScript()
{
    return testScript(QStringLiteral("replicaset.lua"));
}

} // namespace Boxscope::Test
