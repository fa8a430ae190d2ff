#include "client/ReplicaSetMonitor.h"

#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"

#include <algorithm>

namespace Boxscope {

namespace {

// One table per refresh; vclocks as {id, lsn} pairs, so an array/map guess never matters.
const char *kProbe = R"lua(
local function pairs_of(vclock)
    local out = {}
    for id, lsn in pairs(vclock or {}) do table.insert(out, {id, lsn}) end
    return out
end
local r = {id = box.info.id, uuid = box.info.uuid, ro = box.info.ro, status = box.info.status,
           vclock = pairs_of(box.info.vclock), replication = {}}
local ok, e = pcall(function() return box.info.election end)
if ok and type(e) == 'table' then
    r.election = {state = e.state, term = e.term, leader = e.leader, vote = e.vote}
end
for _, p in pairs(box.info.replication) do
    local u, d = p.upstream, p.downstream
    table.insert(r.replication, {id = p.id, uuid = p.uuid, lsn = p.lsn,
        upstream = u and {status = u.status, idle = u.idle, peer = u.peer, lag = u.lag,
                          message = u.message},
        downstream = d and {status = d.status, idle = d.idle, lag = d.lag, message = d.message}})
end
return r
)lua";

QString str(const MpValue &map, const char *key)
{
    const MpValue *v = map.find(key);
    if (!v)
        return {};
    if (v->isStr())
        return v->toQString();
    if (v->isInteger())
        return QString::number(v->toInt64());
    return {};
}

double num(const MpValue &map, const char *key)
{
    const MpValue *v = map.find(key);
    return v && v->isNumber() ? v->toDouble() : -1;
}

QString withoutCredentials(const QString &uri)
{
    Uri u;
    if (!Uri::parse(uri, &u, nullptr))
        return Uri::redacted(uri);
    return u.displayString();
}

ReplicationLink readLink(const MpValue &peer, const MpValue &link, bool upstream)
{
    ReplicationLink l;
    l.peerId = quint32(peer.find("id") ? peer.find("id")->toUInt64() : 0);
    l.peerUuid = str(peer, "uuid");
    if (upstream) {
        const QString p = str(link, "peer");
        l.peer = p.isEmpty() ? QString() : withoutCredentials(p);
    }
    l.status = str(link, "status");
    l.idle = num(link, "idle");
    l.lag = num(link, "lag");
    l.message = str(link, "message");
    return l;
}

QString summary(const QList<ReplicationLink> &links)
{
    if (links.isEmpty())
        return {};
    QStringList problems;
    for (const ReplicationLink &l : links) {
        if (l.status == QLatin1String("follow"))
            continue;
        QString who = l.peer.isEmpty() ? QStringLiteral("id %1").arg(l.peerId) : l.peer;
        QString text = QStringLiteral("%1 (%2)").arg(l.status.isEmpty() ? QStringLiteral("?") : l.status, who);
        if (!l.message.isEmpty())
            text += QStringLiteral(": ") + l.message;
        problems << text;
    }
    return problems.isEmpty() ? QStringLiteral("follow") : problems.join(QStringLiteral("; "));
}

} // namespace

double ReplicaSetInstance::lag() const
{
    double most = -1;
    for (const ReplicationLink &l : upstreams)
        most = std::max(most, l.lag);
    return most;
}

double ReplicaSetInstance::idle() const
{
    double most = -1;
    for (const ReplicationLink &l : upstreams)
        most = std::max(most, l.idle);
    return most;
}

QString ReplicaSetInstance::upstreamSummary() const
{
    return summary(upstreams);
}

QString ReplicaSetInstance::downstreamSummary() const
{
    return summary(downstreams);
}

struct ReplicaSetMonitor::Slot
{
    ReplicaSetInstance info;
    Uri uri;              ///< with the login used
    QString expectedUuid; ///< what the peer that named it said its uuid is
    std::unique_ptr<Connection> connection;
    QPointer<Request> inFlight;
};

ReplicaSetMonitor::ReplicaSetMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ReplicaSetMonitor::refreshNow);
}

ReplicaSetMonitor::~ReplicaSetMonitor()
{
    stop();
}

QString ReplicaSetMonitor::probeExpression()
{
    return QString::fromLatin1(kProbe);
}

void ReplicaSetMonitor::setCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

bool ReplicaSetMonitor::start(const QString &seed)
{
    stop();
    m_slots.clear();
    emit cleared();
    Uri u;
    QString why;
    if (!Uri::parse(seed.trimmed(), &u, &why)) {
        m_error = why;
        return false;
    }
    m_error.clear();
    if (u.user.isEmpty()) {
        u.user = m_user;
        u.password = m_password;
    } else {
        // The seed's own login serves every instance.
        m_user = u.user;
        m_password = u.password;
    }
    addInstance(u.displayString());
    m_timer.start();
    return true;
}

void ReplicaSetMonitor::stop()
{
    m_timer.stop();
    for (auto &slot : m_slots) {
        if (!slot->connection)
            continue;
        // Nothing they say while they go reaches this monitor.
        slot->connection->disconnect(this);
        if (slot->inFlight)
            slot->inFlight->disconnect(this);
        slot->inFlight = nullptr;
        slot->connection.reset();
    }
}

void ReplicaSetMonitor::setIntervalMs(int ms)
{
    m_timer.setInterval(std::clamp(ms, 200, 3600 * 1000));
    if (m_timer.isActive())
        m_timer.start(); // from now, at the new pace
}

int ReplicaSetMonitor::answerTimeoutMs() const
{
    return std::clamp(m_timer.interval(), 500, 5000);
}

const ReplicaSetInstance &ReplicaSetMonitor::instance(int row) const
{
    return m_slots[size_t(row)]->info;
}

int ReplicaSetMonitor::indexOf(const QString &uri) const
{
    for (size_t i = 0; i < m_slots.size(); ++i)
        if (m_slots[i]->info.uri == uri)
            return int(i);
    return -1;
}

int ReplicaSetMonitor::rowOf(const Slot *slot) const
{
    for (size_t i = 0; i < m_slots.size(); ++i)
        if (m_slots[i].get() == slot)
            return int(i);
    return -1;
}

void ReplicaSetMonitor::addInstance(const QString &uri, const QString &uuid)
{
    if (int(m_slots.size()) >= kMaxInstances)
        return;
    auto slot = std::make_unique<Slot>();
    Uri::parse(uri, &slot->uri, nullptr);
    slot->uri.user = m_user;
    slot->uri.password = m_password;
    slot->info.uri = uri;
    slot->info.healthSince = QDateTime::currentDateTime();
    slot->expectedUuid = uuid;
    m_slots.push_back(std::move(slot));
    const int row = int(m_slots.size()) - 1;
    emit instanceAdded(row);
    connectSlot(*m_slots.back());
}

void ReplicaSetMonitor::connectSlot(Slot &slot)
{
    if (!slot.connection) {
        slot.connection = std::make_unique<Connection>();
        Slot *s = &slot;
        connect(slot.connection.get(), &Connection::ready, this, [this, s] {
            const int row = rowOf(s);
            if (row >= 0)
                refresh(row);
        });
        connect(slot.connection.get(), &Connection::disconnected, this, [this, s](const Error &error) {
            const int row = rowOf(s);
            if (row >= 0 && !error.isNull())
                markProblem(row, ReplicaSetInstance::Health::Down, error.message);
        });
    }
    ConnectOptions options;
    options.user = slot.uri.user;
    options.password = slot.uri.password;
    options.loadSchema = false;
    options.connectTimeoutMs = options.greetingTimeoutMs = options.authTimeoutMs = answerTimeoutMs();
    slot.connection->connectToServer(slot.uri, options);
}

void ReplicaSetMonitor::refreshNow()
{
    for (int row = 0; row < count(); ++row)
        refresh(row);
}

void ReplicaSetMonitor::refresh(int row)
{
    Slot &slot = *m_slots[size_t(row)];
    if (!slot.connection)
        return; // stopped
    if (slot.connection->state() == Connection::State::Disconnected) {
        connectSlot(slot); // ready() refreshes it; a failure is a disconnected(error)
        return;
    }
    if (!slot.connection->isReady() || slot.inFlight)
        return; // its handshake or its refresh has its own deadline
    RequestOptions options;
    options.timeoutMs = answerTimeoutMs();
    options.internal = true; // the traffic view sets it apart; no history shows it
    Request *r = slot.connection->eval(probeExpression(), MpValue::array(), options);
    slot.inFlight = r;
    ++m_sent;
    Slot *s = &slot;
    connect(r, &Request::finished, this, [this, s, r] {
        if (s->inFlight == r)
            s->inFlight = nullptr;
        const int at = rowOf(s);
        if (at >= 0)
            handleAnswer(at, r);
        r->deleteLater();
    });
}

void ReplicaSetMonitor::handleAnswer(int row, Request *r)
{
    switch (r->state()) {
    case Request::State::Done:
        if (r->result().size() > 0 && r->result().at(0).isMap()) {
            apply(row, r->result().at(0));
        } else {
            markProblem(row, ReplicaSetInstance::Health::NotAnswering, QStringLiteral("unexpected answer to box.info"));
        }
        break;
    case Request::State::TimedOut:
        markProblem(row, ReplicaSetInstance::Health::NotAnswering,
                    QStringLiteral("no answer within %1 s").arg(answerTimeoutMs() / 1000.0, 0, 'f', 1));
        break;
    case Request::State::Discarded: break;
    default:
        if (r->error().isConnectionLevel())
            markProblem(row, ReplicaSetInstance::Health::Down, r->error().message);
        else // the server refused the eval: it is up, but says nothing
            markProblem(row, ReplicaSetInstance::Health::Up, r->error().message);
        break;
    }
}

void ReplicaSetMonitor::apply(int row, const MpValue &m)
{
    const QDateTime now = QDateTime::currentDateTime();
    {
        ReplicaSetInstance &info = m_slots[size_t(row)]->info;
        info.answered = true;
        info.lastAnswerAt = now;
        info.id = quint32(m.find("id") ? m.find("id")->toUInt64() : 0);
        info.uuid = str(m, "uuid");
        info.ro = m.find("ro") && m.find("ro")->toBool();
        info.status = str(m, "status");
        QStringList vclock;
        if (const MpValue *v = m.find("vclock"); v && v->isArray()) {
            std::vector<std::pair<quint64, quint64>> parts;
            for (size_t i = 0; i < v->size(); ++i)
                if (v->at(i).isArray() && v->at(i).size() == 2)
                    parts.emplace_back(v->at(i).at(0).toUInt64(), v->at(i).at(1).toUInt64());
            std::sort(parts.begin(), parts.end());
            for (const auto &[id, lsn] : parts)
                vclock << QStringLiteral("%1: %2").arg(id).arg(lsn);
        }
        info.vclock = QLatin1Char('{') + vclock.join(QStringLiteral(", ")) + QLatin1Char('}');
        info.election.clear();
        if (const MpValue *e = m.find("election"); e && e->isMap()) {
            info.election = str(*e, "state");
            if (const QString term = str(*e, "term"); !term.isEmpty())
                info.election += QStringLiteral(", term ") + term;
            if (const QString leader = str(*e, "leader"); !leader.isEmpty() && leader != QLatin1String("0"))
                info.election += QStringLiteral(", leader ") + leader;
        }
        info.upstreams.clear();
        info.downstreams.clear();
        if (const MpValue *peers = m.find("replication"); peers && peers->isArray()) {
            for (size_t i = 0; i < peers->size(); ++i) {
                const MpValue &p = peers->at(i);
                if (!p.isMap() || str(p, "uuid") == info.uuid)
                    continue;
                if (const MpValue *u = p.find("upstream"); u && u->isMap())
                    info.upstreams << readLink(p, *u, true);
                if (const MpValue *d = p.find("downstream"); d && d->isMap())
                    info.downstreams << readLink(p, *d, false);
            }
        }
        if (const double lag = info.lag(); lag >= 0) {
            info.lagHistory.push_back({ now.toMSecsSinceEpoch(), lag });
            while (info.lagHistory.size() > kLagHistory)
                info.lagHistory.pop_front();
        }
        setHealth(info, ReplicaSetInstance::Health::Up);
    }
    emit instanceChanged(row);

    // Discovery: every upstream's peer that is not followed yet (by uuid, then by URI).
    const QList<ReplicationLink> ups = m_slots[size_t(row)]->info.upstreams;
    for (const ReplicationLink &l : ups) {
        if (l.peer.isEmpty())
            continue;
        const bool known = std::any_of(m_slots.begin(), m_slots.end(), [&](const std::unique_ptr<Slot> &s) {
            return s->info.uri == l.peer
                    || (!l.peerUuid.isEmpty() && (s->info.uuid == l.peerUuid || s->expectedUuid == l.peerUuid));
        });
        if (!known)
            addInstance(l.peer, l.peerUuid);
    }
}

void ReplicaSetMonitor::setHealth(ReplicaSetInstance &info, ReplicaSetInstance::Health health)
{
    if (info.health == health)
        return;
    info.health = health;
    info.healthSince = QDateTime::currentDateTime();
}

void ReplicaSetMonitor::markProblem(int row, ReplicaSetInstance::Health health, const QString &error)
{
    ReplicaSetInstance &info = m_slots[size_t(row)]->info;
    setHealth(info, health);
    info.lastError = error;
    info.lastErrorAt = QDateTime::currentDateTime();
    emit instanceChanged(row);
}

} // namespace Boxscope
