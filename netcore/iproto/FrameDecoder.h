#pragma once

#include "msgpack/MpRawArray.h"
#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>

namespace Boxscope {

/// One IPROTO packet: <size: MP_UINT> <header: map> <body: map>.
struct Frame
{
    MpValue header;
    MpValue body;      ///< nil when the packet has no body
    uint32_t size = 0; ///< header + body bytes (the size prefix's value)
    QByteArray raw;    ///< the whole packet incl. the prefix, only when keepRaw is on
    /// Set when the body was not decoded because its tree would take more than the decoder's
    /// maxDecodedBytes ("frame of N bytes at stream offset X decodes to more than ..."); the
    /// body is nil then. The stream stays in step: the next frame decodes as usual.
    QString bodyError;
    /// Set when the body was left undecoded (its bytes are at least the decoder's
    /// deferBodiesFrom()): bodyBytes holds them and FrameDecoder::decodeBody() decodes them,
    /// on any thread, into body or bodyError.
    bool bodyDeferred = false;
    QByteArray bodyBytes; ///< with keepRaw: a view of raw's tail, valid while raw is kept
    /// Set by FrameDecoder::decodeBodyKeepingData(): the body's DATA array, kept as msgpack
    /// with an index of its items; body then holds every other key.
    std::shared_ptr<const MpRawArray> rawData;
    uint64_t streamOffset = 0; ///< where the frame's size prefix starts in the stream
};

/// A frame taken without building any tree (FrameDecoder::takeRaw): a response header's
/// numbers and the body's bytes, which point into the decoder's buffer.
struct RawFrame
{
    uint32_t code = 0; ///< IPROTO_REQUEST_TYPE: OK, CHUNK, or TYPE_ERROR | errcode
    uint64_t sync = 0;
    uint64_t schemaVersion = 0; ///< 0 when the header has none
    const char *body = nullptr; ///< the body map's msgpack, bodySize bytes (none: 0)
    size_t bodySize = 0;
    uint32_t size = 0; ///< header + body bytes
    uint64_t streamOffset = 0;
};

/// Splits a byte stream into frames, for any split of the stream into reads.
///
/// It never consumes half a frame: a frame is taken only when all of its bytes are
/// buffered. The size prefix is checked against the cap before anything is reserved
/// for it, so a "4 GiB" prefix costs nothing. Any violation (bad prefix, oversize,
/// malformed header or body) puts the decoder into a sticky error state: the stream
/// cannot be resynchronised after it.
class FrameDecoder
{
public:
    enum class Result { Frame, NeedMore, Error };

    static constexpr uint32_t kDefaultMaxFrameSize = 256u * 1024 * 1024;

    explicit FrameDecoder(uint32_t maxFrameSize = kDefaultMaxFrameSize);

    void setMaxFrameSize(uint32_t bytes) { m_maxFrameSize = bytes; }
    uint32_t maxFrameSize() const { return m_maxFrameSize; }
    /// What one frame's decoded body may take in memory (MpValue::footprint(); -1: no cap).
    static constexpr qint64 kDefaultMaxDecodedBytes = qint64(256) * 1024 * 1024;
    /// What a frame's decoded header may take (past it: a fatal "malformed frame header").
    static constexpr qint64 kMaxHeaderBytes = 1024 * 1024;
    void setMaxDecodedBytes(qint64 bytes) { m_maxDecodedBytes = bytes; }
    qint64 maxDecodedBytes() const { return m_maxDecodedBytes; }
    /// Keep each frame's raw bytes in Frame::raw (for the capture view).
    void setKeepRaw(bool keep) { m_keepRaw = keep; }
    /// Bodies of this many bytes or more are not decoded by next() (Frame::bodyDeferred), so
    /// the caller can decode them elsewhere (a 100 000-tuple select takes tens of ms); 0: never.
    void setDeferBodiesFrom(qsizetype bytes) { m_deferBodiesFrom = bytes; }
    qsizetype deferBodiesFrom() const { return m_deferBodiesFrom; }

    /// Decodes a deferred body (Frame::bodyBytes) into body, or bodyError when its tree would
    /// take more than maxDecodedBytes; returns the fatal error of a malformed body (the stream
    /// is then broken, as when next() meets it), or an empty string. Thread-safe.
    static QString decodeBody(Frame *frame, qint64 maxDecodedBytes);
    /// The same, but a DATA array is not decoded: it goes to Frame::rawData, its items indexed
    /// and checked (what decodeBody() would have refused is refused the same way, with the
    /// same words). For answers whose rows are shown a page at a time (a select).
    static QString decodeBodyKeepingData(Frame *frame, qint64 maxDecodedBytes);

    void feed(const char *data, size_t len);
    void feed(const QByteArray &bytes) { feed(bytes.constData(), size_t(bytes.size())); }

    /// Takes the next complete frame into *out.
    Result next(Frame *out);
    /// Takes the next frame as a RawFrame, without decoding it, when it is complete, its
    /// header is a small map of unsigned integers (every response header is) and want(sync)
    /// says so; otherwise returns false and consumes nothing (next() then takes it, and reports
    /// what is wrong with it). out->body stays valid until the next feed(), next() or takeRaw().
    /// Never with keepRaw on. The body is not checked: whoever decodes it does.
    template<typename Want>
    bool takeRaw(RawFrame *out, Want &&want)
    {
        qsizetype total = 0;
        if (m_keepRaw || hasError() || !peekRaw(out, &total) || !want(out->sync))
            return false;
        m_pos += total;
        m_consumedTotal += uint64_t(total);
        return true;
    }

    /// With keepRaw: takes the next frame when it is complete and its header is a small map of
    /// unsigned integers with a type and a SYNC (peekRaw's terms), as `out` and a copy of the
    /// whole packet in `raw`, without decoding anything; otherwise false, nothing consumed, and
    /// next() takes it. What the traffic capture does with every frame.
    bool takeRawKept(RawFrame *out, QByteArray *raw);

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Bytes buffered but not yet returned as frames.
    size_t pending() const { return size_t(m_buffer.size() - m_pos); }
    /// The whole length (prefix included) of a frame that is partly buffered; 0 when no
    /// complete length prefix is buffered (for "closed in the middle of a frame" messages).
    uint64_t partialFrameSize() const;
    /// The whole stream offset of the next unread byte (for error messages).
    uint64_t streamOffset() const { return m_consumedTotal; }
    void reset();

private:
    Result fail(const QString &message);
    bool peekRaw(RawFrame *out, qsizetype *total) const;

    QByteArray m_buffer;
    qsizetype m_pos = 0;
    uint64_t m_consumedTotal = 0;
    uint32_t m_maxFrameSize;
    qint64 m_maxDecodedBytes = kDefaultMaxDecodedBytes;
    bool m_keepRaw = false;
    qsizetype m_deferBodiesFrom = 0;
    QString m_error;
};

} // namespace Boxscope
