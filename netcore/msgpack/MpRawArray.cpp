#include "msgpack/MpRawArray.h"

#include <QtEndian>

#include <algorithm>
#include <limits>

namespace Boxscope {

namespace {

// An array header at p (len bytes): its item count and its own length; false when p holds
// no array header (or only part of one).
bool arrayHeader(const uchar *p, size_t len, uint64_t *count, size_t *head)
{
    if (len >= 1 && p[0] >= 0x90 && p[0] <= 0x9f) {
        *count = p[0] & 0x0f;
        *head = 1;
    } else if (len >= 3 && p[0] == 0xdc) {
        *count = qFromBigEndian<quint16>(p + 1);
        *head = 3;
    } else if (len >= 5 && p[0] == 0xdd) {
        *count = qFromBigEndian<quint32>(p + 1);
        *head = 5;
    } else {
        return false;
    }
    return true;
}

} // namespace

MpCodec::Status MpRawArray::index(const QByteArray &buffer, qsizetype offset, qsizetype len, MpRawArray *out,
                                  QString *error, qint64 maxFootprint, int depth, int maxDepth)
{
    *out = MpRawArray();
    auto failWith = [&](MpCodec::Status status, const QString &message) {
        if (error)
            *error = message;
        return status;
    };
    if (offset < 0 || len < 0 || offset > buffer.size() || len > buffer.size() - offset)
        return failWith(MpCodec::Status::Malformed, QStringLiteral("array outside its buffer"));
    if (buffer.size() > qsizetype(std::numeric_limits<uint32_t>::max()))
        return failWith(MpCodec::Status::TooBig, QStringLiteral("buffer over 4 GiB"));
    const auto *p = reinterpret_cast<const uchar *>(buffer.constData() + offset);
    if (len == 0)
        return failWith(MpCodec::Status::Incomplete, QStringLiteral("no msgpack data"));
    uint64_t count = 0;
    size_t headBytes = 0;
    if (!arrayHeader(p, size_t(len), &count, &headBytes)) {
        if (p[0] == 0xdc || p[0] == 0xdd)
            return failWith(MpCodec::Status::Incomplete,
                            QStringLiteral("truncated msgpack: %1 bytes end inside a value").arg(len));
        return failWith(MpCodec::Status::Malformed, QStringLiteral("not an array"));
    }
    const qsizetype head = qsizetype(headBytes);
    // The array's own node, then its items against what is left of the cap.
    qint64 footprint = qint64(sizeof(MpValue));
    if (maxFootprint >= 0 && footprint > maxFootprint)
        return failWith(MpCodec::Status::TooBig,
                        QStringLiteral("decodes to more than %1 bytes in memory").arg(maxFootprint));
    if (depth + 1 > maxDepth)
        return failWith(MpCodec::Status::TooDeep,
                        QStringLiteral("msgpack nesting deeper than %1 levels").arg(maxDepth));
    // Each item takes at least one byte: never reserve more than the input can hold.
    if (count > uint64_t(len - head))
        return failWith(MpCodec::Status::Incomplete,
                        QStringLiteral("truncated msgpack: %1 bytes end inside a value").arg(len));
    MpRawArray a;
    // The count is the sender's word: reserve for a bounded part, grow for the rest.
    a.m_offsets.reserve(size_t(std::min<uint64_t>(count, 65536)) + 1);
    qsizetype pos = offset + head;
    const qsizetype end = offset + len;
    const int itemDepth = maxDepth - depth - 1;
    for (uint64_t i = 0; i < count; ++i) {
        qint64 itemFootprint = 0;
        const MpCodec::DecodeResult r = MpCodec::scan(buffer.constData() + pos, size_t(end - pos), itemDepth,
                                                      maxFootprint < 0 ? -1 : maxFootprint - footprint, &itemFootprint);
        if (!r.ok())
            return failWith(r.status, r.error);
        a.m_offsets.push_back(uint32_t(pos));
        pos += qsizetype(r.consumed);
        footprint += itemFootprint;
    }
    a.m_offsets.push_back(uint32_t(pos));
    a.m_buffer = buffer;
    a.m_begin = offset;
    a.m_consumed = pos - offset;
    a.m_treeFootprint = footprint;
    *out = std::move(a);
    return MpCodec::Status::Ok;
}

MpValue MpRawArray::item(size_t i) const
{
    return MpCodec::decode(itemData(i), itemSize(i)).value;
}

qint64 MpRawArray::itemArraySize(size_t i) const
{
    uint64_t count = 0;
    size_t head = 0;
    return arrayHeader(reinterpret_cast<const uchar *>(itemData(i)), itemSize(i), &count, &head) ? qint64(count) : -1;
}

MpValue MpRawArray::field(size_t i, size_t field, bool *present) const
{
    if (present)
        *present = false;
    const size_t len = itemSize(i);
    uint64_t count = 0;
    size_t head = 0;
    if (!arrayHeader(reinterpret_cast<const uchar *>(itemData(i)), len, &count, &head))
        return MpValue();
    if (field >= count)
        return MpValue();
    size_t pos = head;
    for (size_t f = 0; f < field; ++f)
        pos += MpCodec::scan(itemData(i) + pos, len - pos).consumed;
    if (present)
        *present = true;
    return MpCodec::decode(itemData(i) + pos, len - pos).value;
}

MpValue MpRawArray::decodeAll() const
{
    if (m_offsets.empty())
        return MpValue::array();
    return MpCodec::decode(m_buffer.constData() + m_begin, size_t(m_consumed)).value;
}

QByteArray MpRawArray::encoded() const
{
    if (m_offsets.empty())
        return QByteArray(1, char(0x90));
    return m_buffer.mid(m_begin, m_consumed);
}

qint64 MpRawArray::heldBytes() const
{
    return qint64(m_consumed) + qint64(m_offsets.capacity() * sizeof(uint32_t));
}

} // namespace Boxscope
