#pragma once

#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace Boxscope {

/// Builds IPROTO request frames:
///
///   +------------+----------------------------------+--------------------+
///   | size: ce + | header: {0x00 REQUEST_TYPE: t,   | body: {key: value, |
///   | uint32 BE  |          0x01 SYNC: s,           |        ...}        |
///   |            |          [0x05 SCHEMA_VERSION]}  |                    |
///   +------------+----------------------------------+--------------------+
///
/// Bodies are built separately (a request keeps its body and re-frames it with a new
/// SYNC or schema version when it is resent).
namespace RequestEncoder {

/// A whole frame. schemaVersion 0 leaves the key out.
QByteArray frame(uint32_t type, uint64_t sync, const MpValue &body, uint64_t schemaVersion = 0);
/// The same in steps, for a body written straight into out: beginFrame() appends the size
/// prefix's placeholder and the header, endFrame() patches the size in once the body follows.
void beginFrame(QByteArray &out, uint32_t type, uint64_t sync, uint64_t schemaVersion = 0);
void endFrame(QByteArray &out);
/// endFrame() for a frame that begins at `start` in out (frames appended one after another).
void endFrame(QByteArray &out, qsizetype start);

MpValue pingBody();
MpValue callBody(const QString &function, const MpValue &args);
MpValue evalBody(const QString &expression, const MpValue &args);
MpValue selectBody(uint32_t spaceId, uint32_t indexId, const MpValue &key, uint32_t iterator, uint32_t offset,
                   uint32_t limit);
/// INSERT and REPLACE.
MpValue tupleBody(uint32_t spaceId, const MpValue &tuple);
MpValue updateBody(uint32_t spaceId, uint32_t indexId, const MpValue &key, const MpValue &ops);
MpValue upsertBody(uint32_t spaceId, const MpValue &tuple, const MpValue &ops);
MpValue deleteBody(uint32_t spaceId, uint32_t indexId, const MpValue &key);
MpValue executeBody(const QString &sql, const MpValue &binds);
MpValue authBody(const QString &user, const QByteArray &scramble);
MpValue idBody(uint32_t version, const MpValue &features);

} // namespace RequestEncoder
} // namespace Boxscope
