#pragma once

#include "iproto/FrameDecoder.h"

#include <QString>

namespace Boxscope::Iproto {

/// What makes a response frame one the protocol does not allow, empty when it is well formed:
/// no REQUEST_TYPE or one that is not an unsigned 32-bit integer, a SYNC that is not an
/// unsigned integer, a body that is not a map, an error whose message (ERROR_24) is not a
/// string. Connection ends the connection with a protocol error for such a frame.
QString responseProblem(const Frame &frame);

} // namespace Boxscope::Iproto
