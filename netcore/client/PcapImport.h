#pragma once

#include <QString>
#include <QStringList>

class QIODevice;

namespace Boxscope {

class IprotoCapture;

/// Reads a pcap or pcapng file of Tarantool traffic (tcpdump -i lo -w f.pcap port 3301,
/// Wireshark, PcapngWriter) into an IprotoCapture, offline.
///
///   PcapReader ─► link layer (Ethernet ± VLAN, Linux SLL/SLL2, NULL/LOOP, RAW, IPv4/IPv6)
///              ─► IPv4/IPv6 ─► TCP segment ─► per connection and direction, reassembled by
///                 sequence number ─► IprotoCapture::feedStream(stream, direction, bytes)
///
/// Each TCP connection is a stream (1, 2, ... in order of first appearance; a new SYN on the
/// same addresses and ports starts another). The client is the side that sent the SYN; without
/// a SYN, the side whose bytes start a greeting is the server, else the lower port. Segments
/// are put in order by sequence number: retransmissions and overlaps are cut away,
/// out-of-order ones held (up to kMaxHeldBytes per direction) until the hole fills; a hole
/// that never fills (a segment the capture missed) is a gap: the direction stops being split
/// (IprotoCapture::noteGap), reported, never a crash. IP fragments are not reassembled
/// (counted as skipped).
///
/// Bounded: once the capture holds its maxFrames frames or maxBytes bytes, reading stops and
/// the packets left are counted as dropped.
class PcapImport
{
public:
    static constexpr qsizetype kMaxHeldBytes = 8 * 1024 * 1024;

    struct Summary
    {
        bool ok = false;
        QString error;  ///< why the file could not be read (to its end)
        QString format; ///< "pcap", "pcapng"
        quint64 packets = 0;
        quint64 tcpSegments = 0;    ///< TCP segments with payload
        quint64 skippedPackets = 0; ///< not TCP over IP, IP fragments, unknown link types
        quint64 streams = 0;
        quint64 retransmissions = 0;
        quint64 outOfOrder = 0;
        quint64 gaps = 0;
        quint64 gapBytes = 0;
        quint64 droppedPackets = 0; ///< not read: the capture was full
        QStringList problems;       ///< gaps and such, at most 100 lines

        /// One line for the view: "123 packets, 2 TCP streams, ...".
        QString text() const;
    };

    /// Reads every packet of device into capture (which it does not clear). A file that is
    /// malformed part way keeps what was read before the problem: ok is false, error says why.
    static Summary read(QIODevice *device, IprotoCapture *capture);
};

} // namespace Boxscope
