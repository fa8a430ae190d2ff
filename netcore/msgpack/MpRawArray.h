#pragma once

#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace Boxscope {

/// An msgpack array kept as its bytes, with where each item starts: one item is decoded when
/// it is asked for, the whole tree only when someone needs it. A large result costs its bytes
/// plus 4 bytes an item — a 100 000-tuple select of three fields: 1.9 MB and 0.4 MB, where its
/// MpValue tree takes about 30 MB and a few hundred thousand allocations.
///
/// index() checks every item as MpCodec::decode() would (types, lengths, depth, the tree's
/// footprint against a cap), so decoding an item of an indexed array cannot fail. The bytes
/// are shared (QByteArray), never copied; the array is immutable once made.
class MpRawArray
{
public:
    MpRawArray() = default;

    /// Indexes the array whose encoding starts at `offset` in `buffer` and takes at most `len`
    /// bytes (trailing bytes are left; consumed() says where it ends). `depth` levels are
    /// already open around it (its items may nest maxDepth - depth - 1 more); maxFootprint
    /// (-1: none) bounds what its tree would take. On failure returns the status and *error
    /// says what, in MpCodec::decode()'s words; *out is left empty.
    static MpCodec::Status index(const QByteArray &buffer, qsizetype offset, qsizetype len, MpRawArray *out,
                                 QString *error, qint64 maxFootprint = -1, int depth = 0,
                                 int maxDepth = MpCodec::kDefaultMaxDepth);

    size_t size() const { return m_offsets.empty() ? 0 : m_offsets.size() - 1; }
    bool isEmpty() const { return size() == 0; }
    /// Item i's msgpack.
    const char *itemData(size_t i) const { return m_buffer.constData() + m_offsets[i]; }
    size_t itemSize(size_t i) const { return m_offsets[i + 1] - m_offsets[i]; }
    /// Item i, decoded.
    MpValue item(size_t i) const;
    /// Item i's number of elements when it is an array (read from its header alone), else -1.
    qint64 itemArraySize(size_t i) const;
    /// Field `field` of item i when the item is an array (a tuple), decoded alone: nil when the
    /// item is no array or is shorter; *present says which.
    MpValue field(size_t i, size_t field, bool *present = nullptr) const;
    /// The whole array as a tree (what MpCodec::decode() of its bytes gives).
    MpValue decodeAll() const;
    /// The array's own encoding (header and items).
    QByteArray encoded() const;
    /// Bytes of the encoding (header and items).
    qsizetype consumed() const { return m_consumed; }
    /// What decodeAll()'s tree takes (MpValue::footprint()).
    qint64 treeFootprint() const { return m_treeFootprint; }
    /// What this holds: the items' bytes and the offsets.
    qint64 heldBytes() const;

private:
    QByteArray m_buffer;
    std::vector<uint32_t> m_offsets; ///< into m_buffer; size() + 1 of them, the last one the end
    qsizetype m_begin = 0;           ///< where the header starts in m_buffer
    qsizetype m_consumed = 0;
    qint64 m_treeFootprint = 0;
};

} // namespace Boxscope
