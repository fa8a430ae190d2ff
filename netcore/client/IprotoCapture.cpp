#include "client/IprotoCapture.h"

#include "client/Connection.h"
#include "iproto/Greeting.h"
#include "iproto/Iproto.h"

#include <QDateTime>

namespace Boxscope {

QString CapturedFrame::typeName() const
{
    if (!hasCode)
        return QStringLiteral("?");
    if (direction == Direction::Received && (code & Iproto::TYPE_ERROR))
        return QStringLiteral("ERROR %1").arg(code & ~uint32_t(Iproto::TYPE_ERROR));
    if (const char *name = Iproto::requestTypeName(code))
        return QLatin1String(name);
    return QString::number(code);
}

MpValue CapturedFrame::decodedBody(QString *error) const
{
    if (!bodyDeferred)
        return body;
    Frame f;
    f.size = size;
    f.streamOffset = streamOffset;
    f.bodyDeferred = true;
    f.bodyBytes = raw.mid(bodyOffset);
    QString fatal = FrameDecoder::decodeBody(&f, FrameDecoder::kDefaultMaxDecodedBytes);
    if (fatal.isEmpty())
        fatal = f.bodyError;
    if (error)
        *error = fatal;
    return f.body;
}

IprotoCapture::IprotoCapture(QObject *parent)
    : QObject(parent)
{
    for (Stream &s : m_streams) {
        s.decoder.setKeepRaw(true);
        s.decoder.setDeferBodiesFrom(CapturedFrame::kDeferBodyBytes);
    }
    m_clock.start();
}

IprotoCapture::~IprotoCapture()
{
    detach();
}

void IprotoCapture::attach(Connection *c)
{
    detach();
    m_connection = c;
    if (!c)
        return;
    c->setTrafficTap(true);
    m_links << connect(c, &Connection::bytesSent, this, [this](const QByteArray &b) { feed(Direction::Sent, b); });
    m_links << connect(c, &Connection::bytesReceived, this,
                       [this](const QByteArray &b) { feed(Direction::Received, b); });
    m_links << connect(c, &Connection::stateChanged, this, [this](Connection::State s) {
        if (s == Connection::State::Connecting)
            restartStreams();
    });
}

void IprotoCapture::detach()
{
    for (const QMetaObject::Connection &link : std::as_const(m_links))
        disconnect(link);
    m_links.clear();
    m_connection = nullptr;
}

void IprotoCapture::restartStreams()
{
    for (Stream &s : m_streams) {
        s.decoder.reset();
        s.failed = false;
    }
    m_greeting.clear();
    m_greetingDone = false;
}

void IprotoCapture::clear()
{
    restartStreams();
    for (Stream &s : m_streams)
        s.total = 0;
    m_frames.clear();
    m_bytes = 0;
    m_droppedFrames = 0;
    m_nextSeq = 1;
    emit cleared();
}

void IprotoCapture::clearFrames()
{
    m_frames.clear();
    m_bytes = 0;
    emit cleared();
}

void IprotoCapture::setLimits(qsizetype maxFrames, qsizetype maxBytes)
{
    m_maxFrames = qMax<qsizetype>(1, maxFrames);
    m_maxBytes = qMax<qsizetype>(1, maxBytes);
    trim();
}

void IprotoCapture::setMaxFrameSize(uint32_t bytes)
{
    for (Stream &s : m_streams)
        s.decoder.setMaxFrameSize(bytes);
}

void IprotoCapture::feed(Direction direction, const QByteArray &bytes, qint64 timestampMs)
{
    if (bytes.isEmpty())
        return;
    const qint64 timeNs = timestampMs ? timestampMs * 1000000 : m_clock.nsecsElapsed();
    if (!timestampMs)
        timestampMs = QDateTime::currentMSecsSinceEpoch();
    Stream &s = m_streams[index(direction)];
    s.total += quint64(bytes.size());
    qsizetype offset = 0;
    if (direction == Direction::Received && !m_greetingDone) {
        const qsizetype need = Greeting::kSize - m_greeting.size();
        m_greeting.append(bytes.left(need));
        offset = qMin(need, bytes.size());
        if (m_greeting.size() < Greeting::kSize)
            return;
        m_greetingDone = true;
        emit greetingCaptured(m_greeting);
    }
    if (s.failed || offset >= bytes.size())
        return;
    s.decoder.feed(bytes.constData() + offset, size_t(bytes.size() - offset));
    for (;;) {
        const uint64_t at = s.decoder.streamOffset();
        Frame f;
        const FrameDecoder::Result r = s.decoder.next(&f);
        if (r == FrameDecoder::Result::NeedMore)
            break;
        if (r == FrameDecoder::Result::Error) {
            s.failed = true;
            emit decodeError(direction, s.decoder.errorString());
            break;
        }
        CapturedFrame c;
        c.direction = direction;
        c.timestampMs = timestampMs;
        c.timeNs = timeNs;
        c.streamOffset = at + (direction == Direction::Received ? uint64_t(Greeting::kSize) : 0);
        c.size = f.size;
        c.header = std::move(f.header);
        c.body = std::move(f.body);
        c.raw = std::move(f.raw);
        if (f.bodyDeferred) {
            c.bodyDeferred = true;
            c.bodyOffset = c.raw.size() - f.bodyBytes.size();
        }
        if (const MpValue *sync = c.header.find(uint64_t(Iproto::SYNC))) {
            c.sync = sync->toUInt64(&c.hasSync);
        }
        c.own = c.hasSync && m_connection && m_connection->isOwnSync(c.sync);
        if (const MpValue *code = c.header.find(uint64_t(Iproto::REQUEST_TYPE))) {
            bool ok = false;
            const uint64_t v = code->toUInt64(&ok);
            c.hasCode = ok && v <= 0xffffffffu;
            c.code = uint32_t(v);
        }
        store(std::move(c));
    }
}

void IprotoCapture::store(CapturedFrame frame)
{
    frame.seq = m_nextSeq++;
    m_bytes += frame.raw.size();
    m_frames.push_back(std::move(frame));
    trim();
    emit frameCaptured(m_frames.back());
}

// The newest frame always stays, even when it alone exceeds maxBytes.
void IprotoCapture::trim()
{
    while (m_frames.size() > 1 && (qsizetype(m_frames.size()) > m_maxFrames || m_bytes > m_maxBytes)) {
        m_bytes -= m_frames.front().raw.size();
        m_frames.pop_front();
        ++m_droppedFrames;
    }
}

Connection *IprotoCapture::connection() const
{
    return m_connection;
}

const CapturedFrame *IprotoCapture::frameBySeq(quint64 seq) const
{
    if (seq == 0 || m_frames.empty() || seq < m_frames.front().seq || seq > m_frames.back().seq)
        return nullptr;
    const CapturedFrame &f = m_frames[size_t(seq - m_frames.front().seq)];
    return f.seq == seq ? &f : nullptr;
}

const CapturedFrame *IprotoCapture::findBySync(Direction d, quint64 sync) const
{
    for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
        if (it->direction == d && it->hasSync && it->sync == sync)
            return &*it;
    }
    return nullptr;
}

} // namespace Boxscope
