#include "client/FanOut.h"

#include "client/Connection.h"
#include "client/JsonLines.h"
#include "format/MpFormat.h"

#include <QIODevice>
#include <QMetaObject>

namespace Boxscope {

FanOut::FanOut(QObject *parent)
    : QObject(parent)
{ }

FanOut::~FanOut()
{
    // The requests are children: deleting them discards the pending ones, whose finished()
    // must not reach a half-destroyed fan-out.
    for (Instance &in : m_instances) {
        if (in.request)
            in.request->disconnect(this);
    }
}

void FanOut::start(const RequestSpec &spec, const QList<Target> &targets)
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    m_instances.resize(size_t(targets.size()));
    m_remaining = int(targets.size());
    for (int i = 0; i < targets.size(); ++i) {
        Instance &in = m_instances[size_t(i)];
        in.label = targets.at(i).instance;
        Connection *conn = targets.at(i).connection;
        if (!conn) {
            in.missing = Error::connection(QStringLiteral("Connection is not established"));
            // From the event loop, as a connection fails a request it cannot send.
            QMetaObject::invokeMethod(
                    this, [this, i] { finishInstance(i); }, Qt::QueuedConnection);
            continue;
        }
        // A ready connection writes the request inside submit(): listen before it.
        connect(conn, &Connection::requestSent, this, [this, i](Request *sent) {
            Instance &inst = m_instances[size_t(i)];
            if (inst.sentAtNs >= 0 || (sent != inst.request && m_submitting != i))
                return;
            inst.sentAtNs = m_clock.nsecsElapsed();
            if (m_submitting != i)
                emit instanceSent(i);
        });
        m_submitting = i;
        Request *r = conn->submit(spec);
        m_submitting = -1;
        r->setParent(this);
        in.request = r;
        if (in.sentAtNs >= 0)
            emit instanceSent(i); // now that request(i) names it
        connect(r, &Request::pushReceived, this, [this, i](const MpValue &value, quint64 index) {
            note(i);
            emit pushReceived(i, value, index);
        });
        connect(r, &Request::finished, this, [this, i] { finishInstance(i); });
        connect(r, &QObject::destroyed, this, [this, i] { finishInstance(i); });
    }
    if (targets.isEmpty()) {
        QMetaObject::invokeMethod(
                this, [this] { emit finished(); }, Qt::QueuedConnection);
    }
}

void FanOut::note(int instance)
{
    if (!m_events.empty() && m_events.back().instance == quint32(instance) && m_events.back().count < 0xffffffffu) {
        ++m_events.back().count;
        return;
    }
    m_events.push_back(Run { quint32(instance), 1 });
}

void FanOut::finishInstance(int i)
{
    Instance &in = m_instances[size_t(i)];
    if (in.finished)
        return;
    in.finished = true;
    note(i);
    --m_remaining;
    emit instanceFinished(i);
    if (m_remaining == 0)
        emit finished();
}

bool FanOut::isFinished(int i) const
{
    return m_instances.at(size_t(i)).finished;
}

Error FanOut::error(int i) const
{
    const Instance &in = m_instances.at(size_t(i));
    if (!in.finished)
        return {};
    if (!in.request)
        return in.missing.isNull() ? Error::connection(QStringLiteral("The request was discarded")) : in.missing;
    return in.request->state() == Request::State::Done ? Error() : in.request->error();
}

int FanOut::failedCount() const
{
    int n = 0;
    for (int i = 0; i < count(); ++i)
        n += isFinished(i) && !error(i).isNull() ? 1 : 0;
    return n;
}

QString FanOut::withInstance(const QString &line, const QString &instance)
{
    // Every JsonLines line starts with {"event":"<name>" (a name without quotes).
    static const QLatin1String head("{\"event\":\"");
    const qsizetype end = line.startsWith(head) ? line.indexOf(QLatin1Char('"'), head.size()) : -1;
    const QString field = QStringLiteral("\"instance\":") + MpFormat::jsonString(instance);
    if (end < 0)
        return QStringLiteral("{") + field + QStringLiteral(",") + line.mid(1);
    return line.left(end + 1) + QLatin1Char(',') + field + line.mid(end + 1);
}

bool FanOut::writeJsonLines(QIODevice *out, QString *errorText) const
{
    auto write = [&](const QString &line) {
        const QByteArray bytes = line.toUtf8() + '\n';
        if (out->write(bytes) == bytes.size())
            return true;
        if (errorText)
            *errorText = out->errorString();
        return false;
    };
    for (const Instance &in : m_instances) {
        const Request *r = in.request;
        if (r && r->pushCount() > quint64(r->pushes().size())
            && !write(withInstance(JsonLines::dropped(r->pushCount() - quint64(r->pushes().size())), in.label)))
            return false;
    }
    // Each instance's events come in its own order: pushes 1, 2, …, then its outcome.
    std::vector<quint64> seen(m_instances.size(), 0);
    for (const Run &run : m_events) {
        const Instance &in = m_instances[run.instance];
        const Request *r = in.request;
        for (quint32 k = 0; k < run.count; ++k) {
            const quint64 n = ++seen[run.instance];
            if (!r) {
                if (!write(withInstance(JsonLines::error(error(int(run.instance))), in.label)))
                    return false;
                continue;
            }
            if (n <= r->pushCount()) {
                const auto &held = r->pushes();
                if (held.empty() || n < held.indexAt(0))
                    continue; // no longer held: counted in the dropped line
                const Push p = held.at(size_t(n - held.indexAt(0)));
                if (!write(withInstance(JsonLines::push(p.index, p.elapsedNs, p.value), in.label)))
                    return false;
                continue;
            }
            if (!r->isFinished())
                continue;
            const QString line = r->state() == Request::State::Done ? JsonLines::result(r->durationNs(), r->result())
                                                                    : JsonLines::error(r->error());
            if (!write(withInstance(line, in.label)))
                return false;
        }
    }
    return true;
}

} // namespace Boxscope
