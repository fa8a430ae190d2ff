#include "client/Request.h"

#include "client/Connection.h"
#include "msgpack/MpCodec.h"

#include <QEventLoop>
#include <QMetaMethod>
#include <QTimer>

#include <algorithm>
#include <chrono>

namespace Boxscope {

Request::Request(Connection *connection, uint64_t sync, RequestSpec spec)
    : QObject(connection)
    , m_connection(connection)
    , m_sync(sync)
    , m_spec(std::move(spec))
{
    static const auto noResult = std::make_shared<const MpValue>();
    m_result = noResult;
    m_startNs = monotonicNs();
}

qint64 Request::monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

Connection *Request::connection() const
{
    return m_connection;
}

Request::~Request()
{
    accountPushBytes(-m_heldBytes);
    if (!isFinished() && m_connection)
        m_connection->forgetRequest(this, true);
}

void Request::accountPushBytes(qint64 delta)
{
    m_heldBytes += delta;
    if (m_connection)
        m_connection->m_heldPushBytes += delta;
}

void Request::dropOldestPush()
{
    accountPushBytes(-m_pushes.bytesAt(0));
    m_pushes.popFront();
    ++m_droppedPushes;
}

QString Request::stateName(State s)
{
    switch (s) {
    case State::Pending: return QStringLiteral("pending");
    case State::ReceivingPushes: return QStringLiteral("receiving pushes");
    case State::Done: return QStringLiteral("done");
    case State::Failed: return QStringLiteral("error");
    case State::TimedOut: return QStringLiteral("timed out");
    case State::Discarded: return QStringLiteral("discarded");
    }
    return {};
}

void Request::setPushRetention(qint64 count)
{
    m_retention = count;
    trimPushes();
}

void Request::setPushRetentionBytes(qint64 bytes)
{
    m_retentionBytes = bytes;
    trimPushes();
}

void Request::trimPushes()
{
    while (!m_pushes.empty()
           && ((m_retention >= 0 && qint64(m_pushes.size()) > m_retention)
               || (m_retentionBytes >= 0 && m_heldBytes > m_retentionBytes))) {
        dropOldestPush();
    }
}

void Request::markSent()
{
    m_sent = true;
    m_startNs = monotonicNs();
}

void Request::addPush(MpValue value)
{
    if (isFinished())
        return;
    const qint64 ns = elapsedNs();
    ++m_pushCount;
    if (m_firstPushNs < 0)
        m_firstPushNs = ns;
    if (m_retention != 0 && m_retentionBytes != 0) {
        const QByteArray bytes = MpCodec::encode(value);
        keepPush(bytes.constData(), size_t(bytes.size()), ns);
    } else {
        ++m_droppedPushes;
    }
    if (m_state == State::Pending)
        setState(State::ReceivingPushes);
    notePushForBatch();
    emit pushReceived(value, m_pushCount);
}

void Request::addRawPush(const char *msgpack, size_t size, qint64 readAtNs)
{
    if (isFinished())
        return;
    const qint64 ns = readAtNs > 0 ? std::max<qint64>(0, readAtNs - m_startNs) : elapsedNs();
    ++m_pushCount;
    if (m_firstPushNs < 0)
        m_firstPushNs = ns;
    // Decoded before any signal: a slot that spins an event loop can feed the decoder, and
    // msgpack points into its buffer.
    static const QMetaMethod signal = QMetaMethod::fromSignal(&Request::pushReceived);
    MpValue value;
    const bool wanted = isSignalConnected(signal);
    if (wanted)
        value = MpCodec::decode(msgpack, size).value;
    if (m_retention != 0 && m_retentionBytes != 0)
        keepPush(msgpack, size, ns);
    else
        ++m_droppedPushes;
    if (m_state == State::Pending)
        setState(State::ReceivingPushes);
    notePushForBatch();
    if (wanted)
        emit pushReceived(value, m_pushCount);
}

void Request::notePushForBatch()
{
    if (m_unannouncedFrom != 0)
        return;
    m_unannouncedFrom = m_pushCount;
    if (m_connection)
        m_connection->m_pushBatch.push_back(this);
    else
        QMetaObject::invokeMethod(this, &Request::announcePushes, Qt::QueuedConnection);
}

void Request::announcePushes()
{
    if (m_unannouncedFrom == 0)
        return;
    const quint64 first = m_unannouncedFrom;
    m_unannouncedFrom = 0;
    emit pushesReceived(first, m_pushCount);
}

void Request::keepPush(const char *msgpack, size_t size, qint64 ns)
{
    if (!m_pushHolder && m_connection) { // one entry per request in the connection's list
        m_connection->m_pushHolders.push_back(this);
        m_pushHolder = true;
    }
    accountPushBytes(m_pushes.append(msgpack, size, m_pushCount, ns));
    trimPushes();
    if (m_connection)
        m_connection->trimHeldPushes();
}

void Request::complete(MpValue body, MpValue data)
{
    if (isFinished())
        return;
    announcePushes(); // the pushes before the end
    m_durationNs = elapsedNs();
    m_body = std::move(body);
    m_result = std::make_shared<const MpValue>(std::move(data));
    setState(State::Done);
    emit finished();
}

void Request::complete(MpValue body, std::shared_ptr<const MpRawArray> data)
{
    if (isFinished())
        return;
    announcePushes(); // the pushes before the end
    m_durationNs = elapsedNs();
    m_body = std::move(body);
    m_rawResult = std::move(data);
    m_result.reset();
    setState(State::Done);
    emit finished();
}

std::shared_ptr<const MpValue> Request::sharedResult() const
{
    if (!m_result)
        m_result = std::make_shared<const MpValue>(m_rawResult ? m_rawResult->decodeAll() : MpValue());
    return m_result;
}

void Request::fail(const Error &error, State state)
{
    if (isFinished())
        return;
    announcePushes(); // the pushes before the end
    m_durationNs = elapsedNs();
    m_error = error;
    setState(state);
    emit finished();
}

void Request::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void Request::discard()
{
    if (isFinished())
        return;
    if (m_connection)
        m_connection->forgetRequest(this, true);
    fail(Error::discarded(), State::Discarded);
}

bool Request::waitForFinished(int timeoutMs)
{
    if (isFinished())
        return true;
    QEventLoop loop;
    connect(this, &Request::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    if (timeoutMs >= 0) {
        timer.setSingleShot(true);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
    }
    loop.exec();
    return isFinished();
}

} // namespace Boxscope
