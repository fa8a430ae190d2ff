#pragma once

#include "iproto/FrameDecoder.h"
#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>
#include <map>

namespace Boxscope {

class Connection;

/// One IPROTO packet seen on the wire, in either direction.
struct CapturedFrame
{
    /// Sent: client -> server; Received: server -> client.
    enum class Direction { Received, Sent };

    quint64 seq = 0; ///< 1, 2, ... over both directions (dropped ones included)
    /// The TCP connection it travelled on: 1, 2, ... (a live connection's reconnects and an
    /// imported file's streams each get the next number).
    quint32 stream = 1;
    Direction direction = Direction::Sent;
    qint64 timestampMs = 0; ///< when the bytes that completed the frame were seen
    /// The same moment on a monotonic clock in ns (intervals between frames); from
    /// timestampMs for frames fed with a timestamp of their own.
    qint64 timeNs = 0;
    quint64 streamOffset = 0; ///< offset of the frame's size prefix in its direction's stream
    uint32_t size = 0;        ///< the size prefix's value: header + body bytes
    /// Nil when it was not decoded as the frame passed (a header of a few unsigned integers,
    /// i.e. nearly every frame: type, SYNC and the rest were read from the bytes): read it with
    /// decodedHeader().
    MpValue header;
    /// Nil when the packet has no body, and when bodyDeferred: read it with decodedBody().
    MpValue body;
    QByteArray raw; ///< the whole packet, prefix included
    /// A captured frame's body is not decoded as it passes (a flood would decode every push a
    /// second time on the GUI thread): decodedBody() decodes it from raw (at bodyOffset) when
    /// it is looked at — a row painted, a frame selected, a search.
    bool bodyDeferred = false;
    qsizetype bodyOffset = 0;
    qsizetype bodySize() const { return bodyDeferred ? raw.size() - bodyOffset : 0; }
    bool hasSync = false;
    quint64 sync = 0;
    bool hasCode = false;
    uint32_t code = 0; ///< REQUEST_TYPE: the request type, or the response code
    /// The connection's own traffic (auth, IPROTO_ID, schema reads, requests marked internal),
    /// known by the SYNC (Connection::isOwnSync): requests and their answers alike.
    bool own = false;

    /// "CALL", "PING" for requests; "OK", "CHUNK", "ERROR 32" for responses; the number when
    /// unknown.
    QString typeName() const;
    /// The body, decoded now from raw when it was deferred (error: a message, body nil).
    MpValue decodedBody(QString *error = nullptr) const;
    /// The header: `header`, or decoded now from raw.
    MpValue decodedHeader() const;
    /// Bodies of at least this many bytes are decoded only when the frame is selected (not for
    /// a one-line preview).
    static constexpr qsizetype kDeferBodyBytes = 64 * 1024;
    bool isPush() const { return direction == Direction::Received && hasCode && code == 0x80; }
    bool isError() const { return direction == Direction::Received && hasCode && (code & 0x8000); }
    bool isEvent() const { return direction == Direction::Received && hasCode && code == 0x4c; }
};

/// The two ends of a captured TCP connection; a null address or port 0 when not known.
struct CaptureEndpoints
{
    QHostAddress client;
    quint16 clientPort = 0;
    QHostAddress server;
    quint16 serverPort = 0;
};

/// A bounded record of a Connection's IPROTO traffic, split into frames per direction.
///
///   client -> server:  <frame> <frame> ...                 (frames from the first byte)
///   server -> client:  <greeting: 128 bytes> <frame> ...   (the greeting is kept apart)
///
/// attach() turns on the connection's traffic tap; each direction has its own FrameDecoder
/// (keepRaw), so chunk boundaries do not matter. A new connect (state Connecting) starts both
/// directions over. Decoding errors are sticky per direction (the stream cannot be resynced):
/// decodeError() once, later bytes of that direction are counted but not split.
///
/// At most maxFrames frames and maxBytes raw bytes are kept; the oldest go first and are
/// counted in droppedFrames().
///
/// Frames carry the number of the TCP connection (stream) they travelled on. A live capture
/// starts a new stream on each connect; an imported file (PcapImport) feeds many streams with
/// feedStream(). Each stream has its own pair of decoders, greeting and endpoints.
class IprotoCapture : public QObject
{
    Q_OBJECT
public:
    using Direction = CapturedFrame::Direction;

    explicit IprotoCapture(QObject *parent = nullptr);
    ~IprotoCapture() override;

    /// Captures c's traffic from now on (call before connecting to see the greeting).
    void attach(Connection *c);
    void detach();
    Connection *connection() const;

    /// Feeds bytes seen in one direction (what attach() does per chunk; tests and replays).
    void feed(Direction direction, const QByteArray &bytes, qint64 timestampMs = 0);
    /// Feeds bytes of one stream (an imported file's TCP connection), starting it when new.
    void feedStream(quint32 stream, Direction direction, const QByteArray &bytes, qint64 timestampMs);
    /// Bytes of a stream's direction that were never seen (a capture that missed segments):
    /// the direction cannot be split any more, as after a decoding error.
    void noteGap(quint32 stream, Direction direction, quint64 missingBytes);
    /// Marks a stream's server bytes as not starting with a greeting (a capture that began
    /// after the connection was made).
    void skipGreeting(quint32 stream);
    /// Forgets the streams' positions: the next server bytes start with a greeting again, on
    /// a new stream number. Captured frames stay.
    void restartStreams();
    /// Drops every captured frame; the streams go on where they are (a live connection keeps
    /// being split correctly) and sequence numbers continue.
    void clearFrames();
    /// Drops every captured frame and restarts the streams (counters too).
    void clear();

    void setLimits(qsizetype maxFrames, qsizetype maxBytes);
    qsizetype maxFrames() const { return m_maxFrames; }
    qsizetype maxBytes() const { return m_maxBytes; }
    /// The largest frame a direction accepts before it stops (FrameDecoder's cap).
    void setMaxFrameSize(uint32_t bytes);

    const std::deque<CapturedFrame> &frames() const { return m_frames; }
    qsizetype frameCount() const { return qsizetype(m_frames.size()); }
    qsizetype bytes() const { return m_bytes; }
    quint64 droppedFrames() const { return m_droppedFrames; }
    quint64 totalFrames() const { return m_nextSeq - 1; }
    quint64 totalBytes(Direction d) const { return m_total[index(d)]; }
    /// The last greeting seen (128 bytes once complete).
    QByteArray greeting() const { return m_greeting; }
    /// The sticky decoding error of a direction of the current stream, empty when none.
    QString errorString(Direction d) const;

    /// The stream live bytes go to (feed()).
    quint32 currentStream() const { return m_current; }
    /// The streams seen, in order of their numbers.
    QList<quint32> streams() const;
    void setEndpoints(quint32 stream, const CaptureEndpoints &endpoints);
    CaptureEndpoints endpoints(quint32 stream) const;
    /// A stream's greeting (128 bytes once complete, empty when none) and when it completed.
    QByteArray greeting(quint32 stream) const;
    qint64 greetingTimeMs(quint32 stream) const;
    /// How many bytes of a stream's direction were seen (frames, greeting and the rest).
    quint64 streamBytes(quint32 stream, Direction d) const;
    /// The request a response or push answers: the newest kept client frame of the same
    /// stream with its SYNC, seen before it; nullptr when none is kept.
    const CapturedFrame *requestOf(const CapturedFrame &frame) const;
    /// The newest captured frame of a direction with this SYNC, nullptr when none is kept.
    const CapturedFrame *findBySync(Direction d, quint64 sync) const;
    /// The kept frame with this sequence number, nullptr when it was dropped or never seen.
    const CapturedFrame *frameBySeq(quint64 seq) const;

signals:
    void frameCaptured(const Boxscope::CapturedFrame &frame);
    void greetingCaptured(const QByteArray &greeting);
    void decodeError(Boxscope::CapturedFrame::Direction direction, const QString &message);
    void cleared();

private:
    struct Stream
    {
        FrameDecoder decoder;
        quint64 total = 0;
        bool failed = false;
        QString gap;         // the last bytes missing (a file's gap)
        bool resync = false; // after a gap: frames start again at a chunk that starts one
    };
    // One TCP connection: a decoder per direction, its greeting and ends.
    struct Link
    {
        Link();
        Stream dirs[2];
        QByteArray greeting;
        bool greetingDone = false;
        bool hasGreeting = false; // the server's bytes began with one
        qint64 greetingTimeMs = 0;
        CaptureEndpoints endpoints;
    };
    static int index(Direction d) { return d == Direction::Sent ? 0 : 1; }
    Link &link(quint32 stream);
    void store(CapturedFrame frame);
    void trim();

    QPointer<Connection> m_connection;
    QList<QMetaObject::Connection> m_links;
    QElapsedTimer m_clock; ///< CapturedFrame::timeNs
    std::map<quint32, Link> m_tcp;
    quint32 m_current = 1;
    uint32_t m_maxFrameSize = 0; // 0: FrameDecoder's default
    quint64 m_total[2] = { 0, 0 };
    QByteArray m_greeting;
    std::deque<CapturedFrame> m_frames;
    qsizetype m_maxFrames = 20000;
    qsizetype m_maxBytes = 32 * 1024 * 1024;
    qsizetype m_bytes = 0;
    quint64 m_nextSeq = 1;
    quint64 m_droppedFrames = 0;
};

} // namespace Boxscope

Q_DECLARE_METATYPE(Boxscope::CapturedFrame)
