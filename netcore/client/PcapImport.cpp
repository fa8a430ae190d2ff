#include "client/PcapImport.h"

#include "client/IprotoCapture.h"
#include "client/PcapReader.h"
#include "iproto/Greeting.h"

#include <QtEndian>

#include <map>
#include <memory>

namespace Boxscope {

namespace {

using Direction = CapturedFrame::Direction;

enum : quint8 { SYN = 0x02, ACK = 0x10 };

struct Segment
{
    QByteArray src, dst; // address bytes (4 or 16)
    quint16 sport = 0, dport = 0;
    quint32 seq = 0;
    quint8 flags = 0;
    QByteArray payload;
};

quint16 be16(const uchar *p)
{
    return quint16(p[0] << 8 | p[1]);
}

quint32 be32(const uchar *p)
{
    return qFromBigEndian<quint32>(p);
}

bool parseTcp(const uchar *p, qsizetype size, Segment *s)
{
    if (size < 20)
        return false;
    const int off = (p[12] >> 4) * 4;
    if (off < 20 || off > size)
        return false;
    s->sport = be16(p);
    s->dport = be16(p + 2);
    s->seq = be32(p + 4);
    s->flags = p[13];
    s->payload = QByteArray(reinterpret_cast<const char *>(p + off), size - off);
    return true;
}

// IPv4 or IPv6 from its first byte; false for anything else, fragments included.
bool parseIp(const uchar *p, qsizetype size, Segment *s)
{
    if (size < 1)
        return false;
    const int version = p[0] >> 4;
    if (version == 4) {
        if (size < 20)
            return false;
        const int ihl = (p[0] & 0x0F) * 4;
        const int total = be16(p + 2);
        if (ihl < 20 || total < ihl || ihl > size)
            return false;
        if ((be16(p + 6) & 0x3FFF) != 0) // more fragments, or a fragment offset
            return false;
        if (p[9] != 6)
            return false;
        s->src = QByteArray(reinterpret_cast<const char *>(p + 12), 4);
        s->dst = QByteArray(reinterpret_cast<const char *>(p + 16), 4);
        // The IP length, not the frame's: Ethernet pads short packets. A capture cut by its
        // snap length gives fewer bytes than total.
        return parseTcp(p + ihl, qMin<qsizetype>(total, size) - ihl, s);
    }
    if (version == 6) {
        if (size < 40)
            return false;
        const qsizetype payloadEnd = qMin<qsizetype>(40 + be16(p + 4), size);
        int next = p[6];
        qsizetype at = 40;
        // Hop-by-hop, routing, destination options: skipped; a fragment header: not read.
        for (int hops = 0; hops < 8 && (next == 0 || next == 43 || next == 60); ++hops) {
            if (at + 8 > payloadEnd)
                return false;
            next = p[at];
            at += (qsizetype(p[at + 1]) + 1) * 8;
        }
        if (next != 6 || at > payloadEnd)
            return false;
        s->src = QByteArray(reinterpret_cast<const char *>(p + 8), 16);
        s->dst = QByteArray(reinterpret_cast<const char *>(p + 24), 16);
        return parseTcp(p + at, payloadEnd - at, s);
    }
    return false;
}

bool parseEtherType(quint16 type, const uchar *p, qsizetype size, Segment *s)
{
    if (type == 0x0800 || type == 0x86DD)
        return parseIp(p, size, s);
    return false;
}

// LINKTYPE_* values (https://www.tcpdump.org/linktypes.html).
bool parsePacket(const PcapReader::Packet &packet, Segment *s)
{
    const auto *p = reinterpret_cast<const uchar *>(packet.data.constData());
    const qsizetype n = packet.data.size();
    switch (packet.linkType) {
    case 1: { // Ethernet, with 802.1Q tags
        qsizetype at = 12;
        for (int tags = 0; tags < 4; ++tags) {
            if (at + 2 > n)
                return false;
            const quint16 type = be16(p + at);
            if (type == 0x8100 || type == 0x88A8) {
                at += 4;
                continue;
            }
            return parseEtherType(type, p + at + 2, n - at - 2, s);
        }
        return false;
    }
    case 113: // Linux cooked (SLL): the protocol at 14
        return n >= 16 && parseEtherType(be16(p + 14), p + 16, n - 16, s);
    case 276: // Linux cooked v2 (SLL2): the protocol at 0
        return n >= 20 && parseEtherType(be16(p), p + 20, n - 20, s);
    case 0:   // BSD loopback: the address family in the capturing host's byte order
    case 108: // OpenBSD loopback: in network byte order
        return n >= 4 && parseIp(p + 4, n - 4, s);
    case 12:  // raw IP (some systems' value)
    case 14:  // raw IP (OpenBSD)
    case 101: // raw IP
    case 228: // IPv4
    case 229: // IPv6
        return parseIp(p, n, s);
    }
    return false;
}

// One direction of a connection: bytes put in order by sequence number.
struct Side
{
    bool started = false;
    quint32 base = 0;                   // sequence number of stream offset 0
    quint64 next = 0;                   // the offset of the next byte to deliver
    std::map<quint64, QByteArray> held; // out-of-order segments by offset
    qsizetype heldBytes = 0;
    bool synSeen = false;
};

struct Conn
{
    quint32 stream = 0;
    QByteArray end[2]; // address + port of each side; end[0] < end[1]
    quint16 port[2] = { 0, 0 };
    int server = -1; // which side is the server, -1 while unknown
    Side sides[2];
};

class Importer
{
public:
    Importer(IprotoCapture *capture, PcapImport::Summary *summary)
        : m_capture(capture)
        , m_sum(summary)
    { }

    void segment(const Segment &s, qint64 timestampMs)
    {
        m_lastMs = timestampMs;
        QByteArray a = s.src, b = s.dst;
        a.append(char(s.sport >> 8)).append(char(s.sport));
        b.append(char(s.dport >> 8)).append(char(s.dport));
        const bool swapped = b < a;
        const QByteArray key = swapped ? b + a : a + b;
        const int sender = swapped ? 1 : 0;
        std::unique_ptr<Conn> &slot = m_conns[key];
        // A SYN on a connection that carried data already: the ports were used again.
        if (slot && (s.flags & SYN) && !(s.flags & ACK) && slot->sides[sender].started
            && (slot->sides[sender].next > 0 || !slot->sides[sender].held.empty())) {
            finish(*slot);
            slot.reset();
        }
        if (!slot) {
            slot = std::make_unique<Conn>();
            slot->stream = ++m_streams;
            slot->end[0] = swapped ? b : a;
            slot->end[1] = swapped ? a : b;
            slot->port[sender] = s.sport;
            slot->port[1 - sender] = s.dport;
            ++m_sum->streams;
        }
        Conn &c = *slot;
        Side &side = c.sides[sender];
        if ((s.flags & SYN) && !side.synSeen && side.next == 0 && side.held.empty()) {
            side.started = true;
            side.synSeen = true;
            side.base = s.seq + 1;
            side.next = 0;
            if (c.server < 0)
                setServer(c, (s.flags & ACK) ? sender : 1 - sender);
        }
        if (s.payload.isEmpty())
            return;
        ++m_sum->tcpSegments;
        if (!side.started) {
            side.started = true;
            side.base = s.seq;
        }
        // The segment's offset, unwrapped around the next expected one.
        const qint64 delta = qint32(s.seq - quint32(side.base + side.next));
        qint64 at = qint64(side.next) + delta;
        QByteArray bytes = s.payload;
        if (at < 0) { // before the first byte seen: a capture that began mid-stream
            if (at + bytes.size() <= 0) {
                ++m_sum->retransmissions;
                return;
            }
            bytes.remove(0, -at);
            at = 0;
        }
        if (quint64(at) + quint64(bytes.size()) <= side.next) {
            ++m_sum->retransmissions;
            return;
        }
        if (quint64(at) > side.next) {
            ++m_sum->outOfOrder;
            QByteArray &h = side.held[quint64(at)];
            if (h.size() < bytes.size()) {
                side.heldBytes += bytes.size() - h.size();
                h = bytes;
            }
            if (side.heldBytes > PcapImport::kMaxHeldBytes)
                skipGap(c, sender, timestampMs);
            return;
        }
        if (quint64(at) < side.next)
            bytes.remove(0, qsizetype(side.next - quint64(at)));
        deliver(c, sender, bytes, timestampMs);
        drainHeld(c, sender, timestampMs);
    }

    void finishAll()
    {
        for (auto &[key, conn] : m_conns)
            if (conn)
                finish(*conn);
    }

private:
    void setServer(Conn &c, int server)
    {
        c.server = server;
        CaptureEndpoints e;
        const auto address = [](const QByteArray &end) {
            const QByteArray a = end.left(end.size() - 2);
            if (a.size() == 4)
                return QHostAddress(qFromBigEndian<quint32>(a.constData()));
            Q_IPV6ADDR v6;
            memcpy(v6.c, a.constData(), 16);
            return QHostAddress(v6);
        };
        e.server = address(c.end[server]);
        e.serverPort = c.port[server];
        e.client = address(c.end[1 - server]);
        e.clientPort = c.port[1 - server];
        m_capture->setEndpoints(c.stream, e);
    }

    void deliver(Conn &c, int sender, const QByteArray &bytes, qint64 timestampMs)
    {
        Side &side = c.sides[sender];
        QString why;
        const bool greeting = side.next == 0 && Greeting::isPlausibleStart(bytes.left(Greeting::kSize), &why);
        if (c.server < 0) // no SYN seen: a greeting says who the server is, else the lower port
            setServer(c, greeting ? sender : (c.port[0] < c.port[1] ? 0 : 1));
        const Direction d = sender == c.server ? Direction::Received : Direction::Sent;
        if (d == Direction::Received && side.next == 0 && !greeting)
            m_capture->skipGreeting(c.stream);
        side.next += quint64(bytes.size());
        m_capture->feedStream(c.stream, d, bytes, qMax<qint64>(1, timestampMs));
    }

    void drainHeld(Conn &c, int sender, qint64 timestampMs)
    {
        Side &side = c.sides[sender];
        while (!side.held.empty() && side.held.begin()->first <= side.next) {
            auto it = side.held.begin();
            QByteArray bytes = std::move(it->second);
            const quint64 at = it->first;
            side.heldBytes -= bytes.size();
            side.held.erase(it);
            if (at + quint64(bytes.size()) <= side.next)
                continue;
            bytes.remove(0, qsizetype(side.next - at));
            deliver(c, sender, bytes, timestampMs);
        }
    }

    // The hole before the first held segment will not fill: report it and go on after it.
    void skipGap(Conn &c, int sender, qint64 timestampMs)
    {
        Side &side = c.sides[sender];
        if (side.held.empty())
            return;
        const quint64 missing = side.held.begin()->first - side.next;
        ++m_sum->gaps;
        m_sum->gapBytes += missing;
        if (m_sum->problems.size() < 100)
            m_sum->problems << QStringLiteral("stream %1, %2: %3 bytes not captured at offset %4")
                                       .arg(c.stream)
                                       .arg(c.server == sender ? QStringLiteral("server → client")
                                                               : QStringLiteral("client → server"))
                                       .arg(missing)
                                       .arg(side.next);
        if (c.server >= 0)
            m_capture->noteGap(c.stream, c.server == sender ? Direction::Received : Direction::Sent, missing);
        side.next += missing;
        drainHeld(c, sender, timestampMs);
    }

    void finish(Conn &c)
    {
        for (int sender = 0; sender < 2; ++sender)
            while (!c.sides[sender].held.empty())
                skipGap(c, sender, m_lastMs);
    }

    IprotoCapture *m_capture;
    PcapImport::Summary *m_sum;
    std::map<QByteArray, std::unique_ptr<Conn>> m_conns;
    quint32 m_streams = 0;
    qint64 m_lastMs = 0;
};

} // namespace

QString PcapImport::Summary::text() const
{
    QString t = QStringLiteral("%1: %2 packets, %3 TCP segments with data, %4 TCP streams")
                        .arg(format.isEmpty() ? QStringLiteral("capture") : format)
                        .arg(packets)
                        .arg(tcpSegments)
                        .arg(streams);
    if (skippedPackets)
        t += QStringLiteral(", %1 other packets skipped").arg(skippedPackets);
    if (retransmissions)
        t += QStringLiteral(", %1 retransmissions").arg(retransmissions);
    if (outOfOrder)
        t += QStringLiteral(", %1 out of order").arg(outOfOrder);
    if (gaps)
        t += QStringLiteral(", %1 gaps (%2 bytes not captured)").arg(gaps).arg(gapBytes);
    if (droppedPackets)
        t += QStringLiteral(", %1 packets dropped (over the capture's limits)").arg(droppedPackets);
    return t;
}

PcapImport::Summary PcapImport::read(QIODevice *device, IprotoCapture *capture)
{
    Summary sum;
    PcapReader reader(device);
    Importer importer(capture, &sum);
    PcapReader::Packet packet;
    bool full = false;
    for (;;) {
        const PcapReader::Result r = reader.next(&packet);
        if (sum.format.isEmpty() && reader.format() != PcapReader::Format::Unknown)
            sum.format =
                    reader.format() == PcapReader::Format::Pcap ? QStringLiteral("pcap") : QStringLiteral("pcapng");
        if (r == PcapReader::Result::End)
            break;
        if (r == PcapReader::Result::Error) {
            sum.error = reader.errorString();
            break;
        }
        if (full) {
            ++sum.droppedPackets;
            continue;
        }
        ++sum.packets;
        Segment s;
        if (!parsePacket(packet, &s)) {
            ++sum.skippedPackets;
            continue;
        }
        importer.segment(s, packet.timestampNs / 1000000);
        full = capture->droppedFrames() > 0 || capture->frameCount() >= capture->maxFrames()
                || capture->bytes() >= capture->maxBytes();
    }
    importer.finishAll();
    sum.ok = sum.error.isEmpty();
    return sum;
}

} // namespace Boxscope
