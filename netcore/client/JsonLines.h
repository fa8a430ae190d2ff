#pragma once

#include "iproto/Error.h"
#include "msgpack/MpValue.h"

#include <QString>

class QIODevice;

namespace Boxscope {

class Request;

/// A request's life as JSON lines, one event per line: what boxscope-cli prints while the
/// request runs and what the remote-call panel exports afterwards, byte for byte the same
/// events with the same keys (values by MpFormat::toJson; times in milliseconds with three
/// decimals):
///
///   {"event":"sent","sync":7}                                      (the CLI's --async only)
///   {"event":"dropped","count":N}     pushes the request no longer held (export only; the
///                                     CLI prints every push as it comes and keeps none)
///   {"event":"push","index":1,"elapsed_ms":0.412,"value":...}     one per push, in order
///   {"event":"result","elapsed_ms":1.250,"value":[...]}           or
///   {"event":"error","code":32,"type":"ClientError","message":"...","kind":"server"
///    [,"stack":{...}]}
namespace JsonLines {

QString sent(quint64 sync);
QString dropped(quint64 count);
QString push(quint64 index, qint64 elapsedNs, const MpValue &value);
QString result(qint64 elapsedNs, const MpValue &value);
QString error(const Error &error);

/// Every held push of a finished or pending request, then its result or error (nothing when
/// it is still pending), each line ending in '\n'. False with *errorText when a write fails.
bool writeRequest(const Request &request, QIODevice *out, QString *errorText = nullptr);

} // namespace JsonLines
} // namespace Boxscope
