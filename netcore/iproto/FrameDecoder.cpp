#include "iproto/FrameDecoder.h"

#include "iproto/Iproto.h"
#include "msgpack/MpCodec.h"

#include <QtEndian>

#include <algorithm>
#include <cstdint>
#include <new>

namespace Boxscope {

namespace {

// A frame's body into frame->body (or bodyError when too big to decode); the fatal error of a
// malformed body, or an empty string.
QString decodeBodyBytes(Frame *frame, const char *data, size_t size, qint64 maxDecodedBytes)
{
    MpCodec::DecodeResult body = MpCodec::decodeExact(data, size, MpCodec::kDefaultMaxDepth, maxDecodedBytes);
    if (body.status == MpCodec::Status::TooBig) {
        frame->bodyError = QStringLiteral("frame of %1 bytes at stream offset %2 decodes to more than %3 MiB")
                                   .arg(frame->size)
                                   .arg(frame->streamOffset)
                                   .arg(double(maxDecodedBytes) / (1024 * 1024));
        return QString();
    }
    if (!body.ok())
        return QStringLiteral("malformed frame body at stream offset %1: %2").arg(frame->streamOffset).arg(body.error);
    frame->body = std::move(body.value);
    return QString();
}

} // namespace

FrameDecoder::FrameDecoder(uint32_t maxFrameSize)
    : m_maxFrameSize(maxFrameSize)
{ }

void FrameDecoder::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_consumedTotal = 0;
    m_error.clear();
}

void FrameDecoder::feed(const char *data, size_t len)
{
    if (hasError() || len == 0)
        return;
    // Drop what was consumed before growing: keeps the buffer at about one frame plus a read.
    if (m_pos > 0 && (m_pos >= m_buffer.size() || m_pos > 65536)) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(data, qsizetype(len));
}

uint64_t FrameDecoder::partialFrameSize() const
{
    const qsizetype avail = m_buffer.size() - m_pos;
    if (avail <= 0)
        return 0;
    const auto *p = reinterpret_cast<const uchar *>(m_buffer.constData() + m_pos);
    switch (p[0]) {
    case 0xcc: return avail >= 2 ? 2 + uint64_t(p[1]) : 0;
    case 0xcd: return avail >= 3 ? 3 + uint64_t(qFromBigEndian<quint16>(p + 1)) : 0;
    case 0xce: return avail >= 5 ? 5 + uint64_t(qFromBigEndian<quint32>(p + 1)) : 0;
    case 0xcf: return avail >= 9 ? 9 + std::min<quint64>(qFromBigEndian<quint64>(p + 1), UINT64_MAX - 9) : 0;
    default: return p[0] <= 0x7f ? 1 + uint64_t(p[0]) : 0;
    }
}

FrameDecoder::Result FrameDecoder::fail(const QString &message)
{
    m_error = message;
    return Result::Error;
}

FrameDecoder::Result FrameDecoder::next(Frame *out)
{
    if (hasError())
        return Result::Error;
    const qsizetype avail = m_buffer.size() - m_pos;
    if (avail <= 0)
        return Result::NeedMore;
    const auto *p = reinterpret_cast<const uchar *>(m_buffer.constData() + m_pos);

    // The size prefix: any MP_UINT width (2.6 always sends ce + uint32).
    uint64_t size = 0;
    int prefixLen = 0;
    const uchar tag = p[0];
    if (tag <= 0x7f) {
        size = tag;
        prefixLen = 1;
    } else if (tag == 0xcc) {
        prefixLen = 2;
    } else if (tag == 0xcd) {
        prefixLen = 3;
    } else if (tag == 0xce) {
        prefixLen = 5;
    } else if (tag == 0xcf) {
        prefixLen = 9;
    } else {
        return fail(QStringLiteral("bad frame length prefix: byte 0x%1 at stream offset %2 is not an unsigned integer")
                            .arg(QString::number(tag, 16).rightJustified(2, QLatin1Char('0')))
                            .arg(m_consumedTotal));
    }
    if (avail < prefixLen)
        return Result::NeedMore;
    switch (tag) {
    case 0xcc: size = p[1]; break;
    case 0xcd: size = qFromBigEndian<quint16>(p + 1); break;
    case 0xce: size = qFromBigEndian<quint32>(p + 1); break;
    case 0xcf: size = qFromBigEndian<quint64>(p + 1); break;
    default: break;
    }
    if (size > m_maxFrameSize)
        return fail(QStringLiteral("frame of %1 bytes exceeds the %2-byte limit (stream offset %3)")
                            .arg(size)
                            .arg(m_maxFrameSize)
                            .arg(m_consumedTotal));
    if (size == 0)
        return fail(QStringLiteral("empty frame at stream offset %1").arg(m_consumedTotal));
    if (uint64_t(avail) < prefixLen + size)
        return Result::NeedMore;

    const char *start = m_buffer.constData() + m_pos + prefixLen;
    // A header is a few keys: its tree may take 1 MiB at most (a hostile 256 MiB header of
    // nils would otherwise take 16 GiB).
    MpCodec::DecodeResult header = MpCodec::decode(start, size_t(size), MpCodec::kDefaultMaxDepth, kMaxHeaderBytes);
    if (!header.ok())
        return fail(QStringLiteral("malformed frame header at stream offset %1: %2")
                            .arg(m_consumedTotal)
                            .arg(header.error));
    if (!header.value.isMap())
        return fail(QStringLiteral("malformed frame header at stream offset %1: a %2, not a map")
                            .arg(m_consumedTotal)
                            .arg(QLatin1String(MpValue::typeName(header.value.type()))));
    Frame f;
    f.size = uint32_t(size);
    f.streamOffset = m_consumedTotal;
    f.header = std::move(header.value);
    if (header.consumed < size) {
        const size_t bodySize = size_t(size) - header.consumed;
        if (m_deferBodiesFrom > 0 && bodySize >= size_t(m_deferBodiesFrom)) {
            f.bodyDeferred = true;
            // With the raw packet kept, the body is its tail (below): no second copy.
            if (!m_keepRaw)
                f.bodyBytes = QByteArray(start + header.consumed, qsizetype(bodySize));
        } else {
            const QString fatal = decodeBodyBytes(&f, start + header.consumed, bodySize, m_maxDecodedBytes);
            if (!fatal.isEmpty())
                return fail(fatal);
        }
    }
    const qsizetype total = qsizetype(prefixLen + size);
    if (m_keepRaw) {
        f.raw = m_buffer.mid(m_pos, total);
        if (f.bodyDeferred) { // a view of raw's tail: valid while the frame keeps raw
            const qsizetype bodyAt = prefixLen + qsizetype(header.consumed);
            f.bodyBytes = QByteArray::fromRawData(f.raw.constData() + bodyAt, total - bodyAt);
        }
    }
    m_pos += total;
    m_consumedTotal += uint64_t(total);
    *out = std::move(f);
    return Result::Frame;
}

namespace {

// An MP_UINT at p (fixint or cc/cd/ce/cf) within end; its length, 0 when it is not one.
int readUInt(const uchar *p, const uchar *end, uint64_t *value)
{
    if (p >= end)
        return 0;
    const uchar tag = p[0];
    if (tag <= 0x7f) {
        *value = tag;
        return 1;
    }
    const int len = tag == 0xcc ? 2 : tag == 0xcd ? 3 : tag == 0xce ? 5 : tag == 0xcf ? 9 : 0;
    if (len == 0 || end - p < len)
        return 0;
    switch (tag) {
    case 0xcc: *value = p[1]; break;
    case 0xcd: *value = qFromBigEndian<quint16>(p + 1); break;
    case 0xce: *value = qFromBigEndian<quint32>(p + 1); break;
    default: *value = qFromBigEndian<quint64>(p + 1); break;
    }
    return len;
}

} // namespace

bool FrameDecoder::takeRawKept(RawFrame *out, QByteArray *raw)
{
    qsizetype total = 0;
    if (!m_keepRaw || hasError() || !peekRaw(out, &total))
        return false;
    *raw = m_buffer.mid(m_pos, total);
    out->body = nullptr; // it pointed into the buffer; raw's tail is the body
    m_pos += total;
    m_consumedTotal += uint64_t(total);
    return true;
}

bool FrameDecoder::peekRaw(RawFrame *out, qsizetype *total) const
{
    const auto *p = reinterpret_cast<const uchar *>(m_buffer.constData() + m_pos);
    const auto *end = reinterpret_cast<const uchar *>(m_buffer.constData() + m_buffer.size());
    uint64_t size = 0;
    const int prefixLen = readUInt(p, end, &size);
    if (prefixLen == 0 || size == 0 || size > m_maxFrameSize || uint64_t(end - p - prefixLen) < size)
        return false;
    const uchar *h = p + prefixLen;
    const uchar *frameEnd = h + size;
    if ((h[0] & 0xf0) != 0x80) // a fixmap: a response header has two or three keys
        return false;
    const int entries = h[0] & 0x0f;
    const uchar *q = h + 1;
    RawFrame f;
    bool haveCode = false;
    bool haveSync = false;
    bool haveSchemaVersion = false;
    for (int i = 0; i < entries; ++i) {
        uint64_t key = 0;
        uint64_t value = 0;
        const int kl = readUInt(q, frameEnd, &key);
        if (kl == 0)
            return false;
        q += kl;
        const int vl = readUInt(q, frameEnd, &value);
        if (vl == 0)
            return false;
        q += vl;
        // A key given twice is left to next(), which reads the first of them.
        if (key == Iproto::REQUEST_TYPE) {
            if (value > 0xffffffffu || haveCode)
                return false;
            f.code = uint32_t(value);
            haveCode = true;
        } else if (key == Iproto::SYNC) {
            if (haveSync)
                return false;
            f.sync = value;
            haveSync = true;
        } else if (key == Iproto::SCHEMA_VERSION) {
            if (haveSchemaVersion)
                return false;
            f.schemaVersion = value;
            haveSchemaVersion = true;
        }
    }
    if (!haveCode || !haveSync)
        return false;
    f.body = reinterpret_cast<const char *>(q);
    f.bodySize = size_t(frameEnd - q);
    f.size = uint32_t(size);
    f.streamOffset = m_consumedTotal;
    *out = f;
    *total = qsizetype(prefixLen + size);
    return true;
}

QString FrameDecoder::decodeBody(Frame *frame, qint64 maxDecodedBytes)
{
    if (!frame->bodyDeferred)
        return QString();
    const QByteArray bytes = std::move(frame->bodyBytes);
    frame->bodyBytes = QByteArray();
    frame->bodyDeferred = false;
    return decodeBodyBytes(frame, bytes.constData(), size_t(bytes.size()), maxDecodedBytes);
}

QString FrameDecoder::decodeBodyKeepingData(Frame *frame, qint64 maxDecodedBytes)
{
    if (!frame->bodyDeferred)
        return QString();
    // A view of raw's tail (keepRaw) is copied: the rows outlive the frame.
    const QByteArray bytes =
            frame->raw.isEmpty() ? frame->bodyBytes : QByteArray(frame->bodyBytes.constData(), frame->bodyBytes.size());
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype size = bytes.size();
    // The map's header; anything unusual takes the tree path, which words every error.
    uint64_t entries = 0;
    qsizetype pos = 0;
    if (size >= 1 && p[0] >= 0x80 && p[0] <= 0x8f) {
        entries = p[0] & 0x0f;
        pos = 1;
    } else if (size >= 3 && p[0] == 0xde) {
        entries = qFromBigEndian<quint16>(p + 1);
        pos = 3;
    } else if (size >= 5 && p[0] == 0xdf) {
        entries = qFromBigEndian<quint32>(p + 1);
        pos = 5;
    } else {
        return decodeBody(frame, maxDecodedBytes);
    }
    const qint64 cap = maxDecodedBytes;
    qint64 footprint = qint64(sizeof(MpValue)); // the map's node, counted as decode() does
    MpValue body = MpValue::map();
    std::shared_ptr<MpRawArray> data;
    bool fallBack = entries > uint64_t(size - pos) / 2;
    for (uint64_t e = 0; e < entries && !fallBack; ++e) {
        const int nested = MpCodec::kDefaultMaxDepth - 1;
        MpCodec::DecodeResult key =
                MpCodec::decode(bytes.constData() + pos, size_t(size - pos), nested, cap < 0 ? -1 : cap - footprint);
        if (!key.ok()) {
            fallBack = true;
            break;
        }
        pos += qsizetype(key.consumed);
        footprint += key.value.footprint();
        if (pos < size && key.value.isInteger() && key.value.toUInt64() == Iproto::DATA && !data
            && ((p[pos] >= 0x90 && p[pos] <= 0x9f) || p[pos] == 0xdc || p[pos] == 0xdd)) {
            auto rows = std::make_shared<MpRawArray>();
            MpCodec::Status status = MpCodec::Status::TooBig;
            try { // the offsets grow with the items: out of memory, the tree path words it
                status = MpRawArray::index(bytes, pos, size - pos, rows.get(), nullptr, cap < 0 ? -1 : cap - footprint,
                                           1);
            } catch (const std::bad_alloc &) {
                status = MpCodec::Status::TooBig;
            }
            if (status != MpCodec::Status::Ok) {
                fallBack = true;
                break;
            }
            pos += rows->consumed();
            footprint += rows->treeFootprint();
            data = std::move(rows);
            continue;
        }
        if (key.value.isInteger() && key.value.toUInt64() == Iproto::DATA)
            fallBack = true; // a second DATA, or one that is no array: as the tree has it
        MpCodec::DecodeResult value =
                MpCodec::decode(bytes.constData() + pos, size_t(size - pos), nested, cap < 0 ? -1 : cap - footprint);
        if (fallBack || !value.ok()) {
            fallBack = true;
            break;
        }
        pos += qsizetype(value.consumed);
        footprint += value.value.footprint();
        body.insert(std::move(key.value), std::move(value.value));
    }
    if (fallBack || pos != size || !data)
        return decodeBody(frame, maxDecodedBytes);
    frame->body = std::move(body);
    frame->rawData = std::move(data); // shares the bytes
    frame->bodyBytes = QByteArray();
    frame->bodyDeferred = false;
    return QString();
}

} // namespace Boxscope
