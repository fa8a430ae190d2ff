#pragma once

#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace Boxscope {

/// msgpack bytes <-> MpValue.
///
/// Decoding treats its input as untrusted: it never reads past the end, never
/// reserves more elements than the remaining bytes could hold, bounds nesting
/// depth, and reports every violation as a status with a message instead of
/// throwing or aborting.
namespace MpCodec {

enum class Status { Ok, Incomplete, Malformed, TooDeep, TooBig };

struct DecodeResult
{
    Status status = Status::Malformed;
    MpValue value;
    size_t consumed = 0; ///< bytes the value occupies (only when Ok)
    QString error;       ///< human readable, empty when Ok
    bool ok() const { return status == Status::Ok; }
};

constexpr int kDefaultMaxDepth = 256;

/// Decodes one value from the start of [data, data + len). Trailing bytes are
/// left alone (consumed says where the value ends). maxBytes (-1: none) bounds what the tree
/// takes as MpValue::footprint() counts it — a node costs sizeof(MpValue) where the wire may
/// spend one byte —: past it decoding stops with TooBig.
DecodeResult decode(const char *data, size_t len, int maxDepth = kDefaultMaxDepth, qint64 maxBytes = -1);
inline DecodeResult decode(const QByteArray &bytes, int maxDepth = kDefaultMaxDepth)
{
    return decode(bytes.constData(), size_t(bytes.size()), maxDepth);
}
/// Walks one value as decode() does — every check, every limit, the same status and error —
/// without building anything: value stays nil. *footprint (when given) gets what decode()'s
/// tree would take (MpValue::footprint()'s count). A few ms for a 2 MB select body.
DecodeResult scan(const char *data, size_t len, int maxDepth = kDefaultMaxDepth, qint64 maxBytes = -1,
                  qint64 *footprint = nullptr);
/// Decodes exactly one value that must fill the whole buffer.
DecodeResult decodeExact(const char *data, size_t len, int maxDepth = kDefaultMaxDepth, qint64 maxBytes = -1);

/// Encodes a value in msgpack's smallest form for each item.
QByteArray encode(const MpValue &value);
/// Appends the encoding of value to out.
void encodeTo(const MpValue &value, QByteArray &out);

/// Single items in the same smallest forms, for writers that encode without building a tree.
void appendUInt(QByteArray &out, uint64_t value);
void appendStr(QByteArray &out, const QByteArray &utf8);
void appendArrayHeader(QByteArray &out, uint32_t items);
void appendMapHeader(QByteArray &out, uint32_t entries);

} // namespace MpCodec
} // namespace Boxscope
