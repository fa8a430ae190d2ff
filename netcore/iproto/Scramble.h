#pragma once

#include <QByteArray>

namespace Boxscope {

/// chap-sha1: scramble = sha1(password) XOR sha1(salt[0:20] + sha1(sha1(password))).
/// The password itself never leaves this function.
QByteArray chapSha1Scramble(const QByteArray &password, const QByteArray &salt);

} // namespace Boxscope
