#pragma once

#include "client/IprotoCapture.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace Boxscope {

/// Writes an IprotoCapture as a pcapng file Wireshark reads as TCP conversations.
///
///   Section Header Block | Interface Description Block (LINKTYPE_ETHERNET, µs) |
///   Enhanced Packet Block per segment, with the frame's capture time
///
/// Each captured stream becomes one TCP connection between its endpoints (the Connection's
/// local and peer address; 127.0.0.1 and fallbackServerPort when not known): SYN, SYN-ACK,
/// ACK, then the greeting as the server's first payload and every kept frame's bytes, with
/// sequence numbers taken from the frames' stream offsets (frames the capture dropped show as
/// missing segments) and acknowledgements that follow the other direction. A frame over
/// kMaxPayload bytes is split into several segments. Ethernet II / IPv4 (header checksum) /
/// TCP (checksum over the pseudo-header); IPv6 endpoints are written as 127.0.0.1.
class PcapngWriter
{
public:
    /// The largest TCP payload of one segment: a 65 535-byte IPv4 packet less its headers.
    static constexpr int kMaxPayload = 65495;

    explicit PcapngWriter(quint16 fallbackServerPort = 3301)
        : m_fallbackPort(fallbackServerPort)
    { }

    /// Writes the whole file; false with *error set when the device fails.
    bool write(const IprotoCapture &capture, QIODevice *out, QString *error = nullptr) const;
    /// The file as bytes.
    QByteArray toBytes(const IprotoCapture &capture) const;

    /// The Internet checksum (RFC 1071) of bytes, with an initial partial sum.
    static quint16 internetChecksum(const char *data, qsizetype size, quint32 sum = 0);

private:
    quint16 m_fallbackPort;
};

} // namespace Boxscope
