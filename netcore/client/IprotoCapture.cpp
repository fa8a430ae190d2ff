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

MpValue CapturedFrame::decodedHeader() const
{
    if (!header.isNil() || raw.size() < qsizetype(size))
        return header;
    const qsizetype prefix = raw.size() - qsizetype(size);
    const qsizetype length = qsizetype(size) - bodySize();
    return MpCodec::decode(raw.constData() + prefix, size_t(length)).value;
}

IprotoCapture::Link::Link()
{
    for (Stream &s : dirs) {
        s.decoder.setKeepRaw(true);
        s.decoder.setDeferBodiesFrom(1); // every body: decoded when looked at
    }
}

IprotoCapture::IprotoCapture(QObject *parent)
    : QObject(parent)
{
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
    m_links << connect(c, &Connection::stateChanged, this, [this, c](Connection::State s) {
        if (s == Connection::State::Connecting)
            restartStreams();
        else if (s == Connection::State::Greeting && !c->peerAddress().isNull())
            setEndpoints(m_current, { c->localAddress(), c->localPort(), c->peerAddress(), c->peerPort() });
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
    // A stream that saw no byte yet is reused (attach() before connecting, then Connecting).
    auto it = m_tcp.find(m_current);
    if (it == m_tcp.end())
        return;
    Link &old = it->second;
    if (old.dirs[0].total == 0 && old.dirs[1].total == 0 && old.endpoints.serverPort == 0)
        return;
    for (Stream &s : old.dirs)
        s.decoder.reset(); // its buffers: the stream is over
    m_current = m_tcp.rbegin()->first + 1;
    m_greeting.clear();
}

void IprotoCapture::clear()
{
    m_tcp.clear();
    m_current = 1;
    m_greeting.clear();
    m_total[0] = m_total[1] = 0;
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
    m_maxFrameSize = bytes;
    for (auto &[number, l] : m_tcp)
        for (Stream &s : l.dirs)
            s.decoder.setMaxFrameSize(bytes);
}

IprotoCapture::Link &IprotoCapture::link(quint32 stream)
{
    auto it = m_tcp.find(stream);
    if (it != m_tcp.end())
        return it->second;
    Link &l = m_tcp[stream];
    if (m_maxFrameSize)
        for (Stream &s : l.dirs)
            s.decoder.setMaxFrameSize(m_maxFrameSize);
    return l;
}

QList<quint32> IprotoCapture::streams() const
{
    QList<quint32> out;
    for (const auto &[number, l] : m_tcp)
        out << number;
    return out;
}

void IprotoCapture::setEndpoints(quint32 stream, const CaptureEndpoints &endpoints)
{
    link(stream).endpoints = endpoints;
}

CaptureEndpoints IprotoCapture::endpoints(quint32 stream) const
{
    auto it = m_tcp.find(stream);
    return it == m_tcp.end() ? CaptureEndpoints() : it->second.endpoints;
}

QByteArray IprotoCapture::greeting(quint32 stream) const
{
    auto it = m_tcp.find(stream);
    return it == m_tcp.end() ? QByteArray() : it->second.greeting;
}

qint64 IprotoCapture::greetingTimeMs(quint32 stream) const
{
    auto it = m_tcp.find(stream);
    return it == m_tcp.end() ? 0 : it->second.greetingTimeMs;
}

quint64 IprotoCapture::streamBytes(quint32 stream, Direction d) const
{
    auto it = m_tcp.find(stream);
    return it == m_tcp.end() ? 0 : it->second.dirs[index(d)].total;
}

QString IprotoCapture::errorString(Direction d) const
{
    auto it = m_tcp.find(m_current);
    if (it == m_tcp.end())
        return QString();
    const Stream &s = it->second.dirs[index(d)];
    return s.failed && !s.gap.isEmpty() ? s.gap : s.decoder.errorString();
}

void IprotoCapture::skipGreeting(quint32 stream)
{
    Link &l = link(stream);
    if (l.dirs[index(Direction::Received)].total == 0)
        l.greetingDone = true;
}

void IprotoCapture::noteGap(quint32 stream, Direction direction, quint64 missingBytes)
{
    Stream &s = link(stream).dirs[index(direction)];
    if (s.failed)
        return;
    // The frame in progress is lost; splitting starts again at the next chunk (a TCP segment)
    // that begins with a frame — Tarantool writes whole frames, and an exported capture whose
    // oldest frames were dropped has its gap exactly between two frames.
    s.gap = QStringLiteral("stream %1: %2 bytes not captured at offset %3").arg(stream).arg(missingBytes).arg(s.total);
    s.total += missingBytes; // offsets stay those of the stream
    s.resync = true;
    s.decoder.reset();
    emit decodeError(direction, s.gap);
}

namespace {

// Whether bytes may begin an IPROTO frame: an MP_UINT size prefix, then a map (the header).
bool looksLikeFrameStart(const char *data, qsizetype size)
{
    if (size < 2)
        return false;
    const auto b = [data](qsizetype i) { return uchar(data[i]); };
    qsizetype prefix = 0;
    if (b(0) < 0x80)
        prefix = 1;
    else if (b(0) == 0xcc)
        prefix = 2;
    else if (b(0) == 0xcd)
        prefix = 3;
    else if (b(0) == 0xce)
        prefix = 5;
    else
        return false;
    if (size <= prefix)
        return false;
    const uchar h = b(prefix);
    return (h >= 0x80 && h <= 0x8f) || h == 0xde || h == 0xdf;
}

} // namespace

void IprotoCapture::feed(Direction direction, const QByteArray &bytes, qint64 timestampMs)
{
    feedStream(m_current, direction, bytes, timestampMs);
}

void IprotoCapture::feedStream(quint32 stream, Direction direction, const QByteArray &bytes, qint64 timestampMs)
{
    if (bytes.isEmpty())
        return;
    const qint64 timeNs = timestampMs ? timestampMs * 1000000 : m_clock.nsecsElapsed();
    if (!timestampMs)
        timestampMs = QDateTime::currentMSecsSinceEpoch();
    Link &l = link(stream);
    Stream &s = l.dirs[index(direction)];
    const quint64 before = s.total;
    s.total += quint64(bytes.size());
    m_total[index(direction)] += quint64(bytes.size());
    qsizetype offset = 0;
    if (direction == Direction::Received && !l.greetingDone) {
        const qsizetype need = Greeting::kSize - l.greeting.size();
        l.greeting.append(bytes.left(need));
        offset = qMin(need, bytes.size());
        if (l.greeting.size() < Greeting::kSize)
            return;
        l.greetingDone = true;
        l.hasGreeting = true;
        l.greetingTimeMs = timestampMs;
        m_greeting = l.greeting;
        emit greetingCaptured(m_greeting);
    }
    if (s.failed || offset >= bytes.size())
        return;
    if (s.resync) {
        if (!looksLikeFrameStart(bytes.constData() + offset, bytes.size() - offset))
            return; // the rest of a frame whose start is missing
        s.resync = false;
        s.decoder.reset();
    }
    // The decoder counts from the first byte it was given: the greeting, when there was one,
    // came before it.
    const uint64_t base = before + uint64_t(offset) - s.decoder.streamOffset() - s.decoder.pending();
    s.decoder.feed(bytes.constData() + offset, size_t(bytes.size() - offset));
    for (;;) {
        const uint64_t at = s.decoder.streamOffset();
        CapturedFrame c;
        RawFrame taken;
        // Nearly every frame's header is a few unsigned integers: taken as bytes, nothing
        // decoded (a flood passes here frame by frame on the GUI thread).
        if (s.decoder.takeRawKept(&taken, &c.raw)) {
            c.size = taken.size;
            c.hasSync = true;
            c.sync = taken.sync;
            c.hasCode = true;
            c.code = taken.code;
            if (taken.bodySize > 0) {
                c.bodyDeferred = true;
                c.bodyOffset = c.raw.size() - qsizetype(taken.bodySize);
            }
        } else {
            Frame f;
            const FrameDecoder::Result r = s.decoder.next(&f);
            if (r == FrameDecoder::Result::NeedMore)
                break;
            if (r == FrameDecoder::Result::Error) {
                s.failed = true;
                emit decodeError(direction,
                                 m_tcp.size() > 1
                                         ? QStringLiteral("stream %1: %2").arg(stream).arg(s.decoder.errorString())
                                         : s.decoder.errorString());
                break;
            }
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
            if (const MpValue *code = c.header.find(uint64_t(Iproto::REQUEST_TYPE))) {
                bool ok = false;
                const uint64_t v = code->toUInt64(&ok);
                c.hasCode = ok && v <= 0xffffffffu;
                c.code = uint32_t(v);
            }
        }
        c.stream = stream;
        c.direction = direction;
        c.timestampMs = timestampMs;
        c.timeNs = timeNs;
        c.streamOffset = base + at;
        c.own = c.hasSync && m_connection && m_connection->isOwnSync(c.sync);
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

const CapturedFrame *IprotoCapture::requestOf(const CapturedFrame &frame) const
{
    if (!frame.hasSync || frame.direction != Direction::Received)
        return nullptr;
    for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
        if (it->seq < frame.seq && it->stream == frame.stream && it->direction == Direction::Sent && it->hasSync
            && it->sync == frame.sync)
            return &*it;
    }
    return nullptr;
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
