#include "client/PcapngWriter.h"

#include "client/Connection.h"
#include "iproto/Greeting.h"

#include <QBuffer>
#include <QIODevice>
#include <QtEndian>

#include <map>
#include <vector>

namespace Boxscope {

namespace {

void put16(QByteArray &b, quint16 v)
{
    char c[2];
    qToLittleEndian(v, c);
    b.append(c, 2);
}

void put32(QByteArray &b, quint32 v)
{
    char c[4];
    qToLittleEndian(v, c);
    b.append(c, 4);
}

void put16be(QByteArray &b, quint16 v)
{
    char c[2];
    qToBigEndian(v, c);
    b.append(c, 2);
}

void put32be(QByteArray &b, quint32 v)
{
    char c[4];
    qToBigEndian(v, c);
    b.append(c, 4);
}

void pad4(QByteArray &b)
{
    while (b.size() % 4)
        b.append('\0');
}

// A pcapng option: code, length, value padded to 32 bits.
void option(QByteArray &b, quint16 code, const QByteArray &value)
{
    put16(b, code);
    put16(b, quint16(value.size()));
    b.append(value);
    pad4(b);
}

// A block: type, total length, body, total length again.
QByteArray block(quint32 type, const QByteArray &body)
{
    QByteArray b;
    put32(b, type);
    put32(b, quint32(12 + body.size()));
    b.append(body);
    put32(b, quint32(12 + body.size()));
    return b;
}

QByteArray sectionHeader()
{
    QByteArray body;
    put32(body, 0x1A2B3C4D); // byte-order magic
    put16(body, 1);
    put16(body, 0);
    put32(body, 0xFFFFFFFF); // section length: not given
    put32(body, 0xFFFFFFFF);
    option(body, 4, QByteArrayLiteral("Boxscope")); // shb_userappl
    option(body, 0, {});
    return block(0x0A0D0D0A, body);
}

QByteArray interfaceDescription()
{
    QByteArray body;
    put16(body, 1); // LINKTYPE_ETHERNET
    put16(body, 0);
    put32(body, 262144);                            // snaplen
    option(body, 2, QByteArrayLiteral("boxscope")); // if_name
    option(body, 9, QByteArray(1, '\x06'));         // if_tsresol: microseconds
    option(body, 0, {});
    return block(1, body);
}

quint32 ipv4(const QHostAddress &a)
{
    bool ok = false;
    const quint32 v = a.toIPv4Address(&ok);
    return ok ? v : 0x7F000001;
}

// The TCP segments of one stream, written as they come.
struct TcpFlow
{
    quint32 addr[2]; // [0] client, [1] server
    quint16 port[2];
    quint32 isn[2];
    quint64 next[2] = { 0, 0 }; // the end of what each side sent, relative to its ISN + 1
    quint16 ipId[2] = { 1, 1 };
};

enum : quint8 { SYN = 0x02, PSH = 0x08, ACK = 0x10 };

} // namespace

quint16 PcapngWriter::internetChecksum(const char *data, qsizetype size, quint32 sum)
{
    const auto *p = reinterpret_cast<const uchar *>(data);
    quint64 s = sum;
    qsizetype i = 0;
    for (; i + 1 < size; i += 2)
        s += quint32(p[i]) << 8 | p[i + 1];
    if (i < size)
        s += quint32(p[i]) << 8;
    while (s >> 16)
        s = (s & 0xFFFF) + (s >> 16);
    return quint16(~s & 0xFFFF);
}

namespace {

// One Enhanced Packet Block: Ethernet II, IPv4, TCP around payload, sent by side (0 client, 1
// server) at sequence offset `at` of its stream.
QByteArray segment(TcpFlow &f, int side, quint8 flags, quint64 at, const char *payload, int size, qint64 timeUs)
{
    const int other = 1 - side;
    QByteArray pkt;
    pkt.reserve(54 + size);
    // Ethernet: made-up MAC addresses, 02:00:00:00:00:01 the client's, ...:02 the server's.
    const char macClient[6] = { 2, 0, 0, 0, 0, 1 };
    const char macServer[6] = { 2, 0, 0, 0, 0, 2 };
    pkt.append(side == 0 ? macServer : macClient, 6);
    pkt.append(side == 0 ? macClient : macServer, 6);
    put16be(pkt, 0x0800);
    // IPv4, 20 bytes, don't fragment.
    const int ipStart = int(pkt.size());
    pkt.append(char(0x45));
    pkt.append('\0');
    put16be(pkt, quint16(20 + 20 + size));
    put16be(pkt, f.ipId[side]++);
    put16be(pkt, 0x4000);
    pkt.append(char(64));
    pkt.append(char(6));
    put16be(pkt, 0);
    put32be(pkt, f.addr[side]);
    put32be(pkt, f.addr[other]);
    qToBigEndian(PcapngWriter::internetChecksum(pkt.constData() + ipStart, 20), pkt.data() + ipStart + 10);
    // TCP, 20 bytes.
    const int tcpStart = int(pkt.size());
    put16be(pkt, f.port[side]);
    put16be(pkt, f.port[other]);
    put32be(pkt, (flags & SYN) ? f.isn[side] : quint32(f.isn[side] + 1 + at));
    put32be(pkt, (flags & ACK) ? quint32(f.isn[other] + 1 + f.next[other]) : 0);
    pkt.append(char(5 << 4));
    pkt.append(char(flags));
    put16be(pkt, 65535);
    put16be(pkt, 0);
    put16be(pkt, 0);
    pkt.append(payload, size);
    // The checksum covers a pseudo-header: addresses, protocol, TCP length.
    QByteArray pseudo;
    put32be(pseudo, f.addr[side]);
    put32be(pseudo, f.addr[other]);
    put16be(pseudo, 6);
    put16be(pseudo, quint16(20 + size));
    quint32 sum = 0;
    for (int i = 0; i < pseudo.size(); i += 2)
        sum += quint32(uchar(pseudo[i])) << 8 | uchar(pseudo[i + 1]);
    qToBigEndian(PcapngWriter::internetChecksum(pkt.constData() + tcpStart, 20 + size, sum),
                 pkt.data() + tcpStart + 16);

    QByteArray body;
    put32(body, 0); // interface
    put32(body, quint32(quint64(timeUs) >> 32));
    put32(body, quint32(quint64(timeUs)));
    put32(body, quint32(pkt.size()));
    put32(body, quint32(pkt.size()));
    body.append(pkt);
    pad4(body);
    return block(6, body);
}

} // namespace

QByteArray PcapngWriter::toBytes(const IprotoCapture &capture) const
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    write(capture, &buffer);
    return out;
}

bool PcapngWriter::write(const IprotoCapture &capture, QIODevice *out, QString *error) const
{
    QByteArray chunk = sectionHeader() + interfaceDescription();
    const auto flushChunk = [&](bool force) {
        if (!force && chunk.size() < 1024 * 1024)
            return true;
        const bool ok = out->write(chunk) == chunk.size();
        chunk.clear();
        return ok;
    };

    quint16 serverPort = m_fallbackPort;
    if (Connection *c = capture.connection(); c && c->uri().port)
        serverPort = quint16(c->uri().port);
    std::map<quint32, TcpFlow> flows;
    // Starts a stream: the handshake at time `us`, then the greeting when the stream had one.
    const auto flowOf = [&](quint32 stream, qint64 us) -> TcpFlow & {
        auto it = flows.find(stream);
        if (it != flows.end())
            return it->second;
        TcpFlow &f = flows[stream];
        const CaptureEndpoints e = capture.endpoints(stream);
        f.addr[0] = e.client.isNull() ? 0x7F000001 : ipv4(e.client);
        f.addr[1] = e.server.isNull() ? 0x7F000001 : ipv4(e.server);
        f.port[0] = e.clientPort ? e.clientPort : quint16(40000 + stream % 20000);
        f.port[1] = e.serverPort ? e.serverPort : serverPort;
        f.isn[0] = 0x10000000u * (stream % 8) + 1000;
        f.isn[1] = 0x90000000u + 0x01000000u * (stream % 8) + 5000;
        const QByteArray greeting = capture.greeting(stream);
        const qint64 g = capture.greetingTimeMs(stream) * 1000;
        const qint64 t = greeting.size() == Greeting::kSize && g && g < us ? g : us;
        chunk += segment(f, 0, SYN, 0, nullptr, 0, t);
        chunk += segment(f, 1, SYN | ACK, 0, nullptr, 0, t);
        chunk += segment(f, 0, ACK, 0, nullptr, 0, t);
        if (greeting.size() == Greeting::kSize) {
            chunk += segment(f, 1, PSH | ACK, 0, greeting.constData(), int(greeting.size()), t);
            f.next[1] = quint64(greeting.size());
        }
        return f;
    };

    for (const CapturedFrame &frame : capture.frames()) {
        const qint64 us = frame.timestampMs * 1000;
        TcpFlow &f = flowOf(frame.stream, us);
        const int side = frame.direction == CapturedFrame::Direction::Sent ? 0 : 1;
        for (qsizetype done = 0; done < frame.raw.size();) {
            const int n = int(qMin<qsizetype>(kMaxPayload, frame.raw.size() - done));
            const quint64 at = frame.streamOffset + quint64(done);
            f.next[side] = qMax(f.next[side], at + quint64(n));
            chunk += segment(f, side, PSH | ACK, at, frame.raw.constData() + done, n, us);
            done += n;
            if (!flushChunk(false))
                break;
        }
    }
    // Streams with a greeting but no frame kept.
    for (const quint32 stream : capture.streams()) {
        if (!flows.count(stream) && capture.greeting(stream).size() == Greeting::kSize)
            flowOf(stream, capture.greetingTimeMs(stream) * 1000);
    }
    if (!flushChunk(true)) {
        if (error)
            *error = out->errorString();
        return false;
    }
    return true;
}

} // namespace Boxscope
