#include "client/PcapReader.h"

#include <QIODevice>
#include <QtEndian>

namespace Boxscope {

namespace {

constexpr quint32 kPcapMicro = 0xA1B2C3D4;
constexpr quint32 kPcapNano = 0xA1B23C4D;
constexpr quint32 kBlockSection = 0x0A0D0D0A;
constexpr quint32 kBlockInterface = 1;
constexpr quint32 kBlockPacketObsolete = 2;
constexpr quint32 kBlockSimplePacket = 3;
constexpr quint32 kBlockEnhancedPacket = 6;
constexpr quint32 kByteOrderMagic = 0x1A2B3C4D;

} // namespace

PcapReader::PcapReader(QIODevice *device)
    : m_device(device)
{ }

PcapReader::Result PcapReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return Result::Error;
}

bool PcapReader::readExact(char *into, qint64 size)
{
    qint64 got = 0;
    while (got < size) {
        const qint64 n = m_device->read(into + got, size - got);
        if (n <= 0) {
            if (n == 0 && m_device->waitForReadyRead(0))
                continue;
            break;
        }
        got += n;
    }
    m_offset += quint64(got);
    return got == size;
}

bool PcapReader::readBytes(QByteArray *into, qint64 size)
{
    into->resize(size);
    return readExact(into->data(), size);
}

quint16 PcapReader::u16(const char *p) const
{
    return m_bigEndian ? qFromBigEndian<quint16>(p) : qFromLittleEndian<quint16>(p);
}

quint32 PcapReader::u32(const char *p) const
{
    return m_bigEndian ? qFromBigEndian<quint32>(p) : qFromLittleEndian<quint32>(p);
}

// Reads the file header (pcap) or notes the format (pcapng: the first block is read by
// nextPcapng like any other).
bool PcapReader::start()
{
    m_started = true;
    char magic[4];
    if (!readExact(magic, 4)) {
        fail(m_offset == 0 ? QStringLiteral("the file is empty")
                           : QStringLiteral("the file is too short for a capture"));
        return false;
    }
    const quint32 le = qFromLittleEndian<quint32>(magic);
    const quint32 be = qFromBigEndian<quint32>(magic);
    if (le == kBlockSection) {
        m_format = Format::Pcapng;
        return true;
    }
    if (le == kPcapMicro || le == kPcapNano) {
        m_bigEndian = false;
        m_nanoseconds = le == kPcapNano;
    } else if (be == kPcapMicro || be == kPcapNano) {
        m_bigEndian = true;
        m_nanoseconds = be == kPcapNano;
    } else {
        fail(QStringLiteral("not a pcap or pcapng file (magic number %1)").arg(be, 8, 16, QLatin1Char('0')));
        return false;
    }
    m_format = Format::Pcap;
    char header[20]; // version, thiszone, sigfigs, snaplen, network
    if (!readExact(header, 20)) {
        fail(QStringLiteral("the pcap file header is cut short"));
        return false;
    }
    m_linkType = u32(header + 16) & 0x0FFFFFFF; // the upper bits carry FCS information
    return true;
}

PcapReader::Result PcapReader::next(Packet *packet)
{
    if (!m_error.isEmpty())
        return Result::Error;
    if (!m_started && !start())
        return Result::Error;
    return m_format == Format::Pcap ? nextPcap(packet) : nextPcapng(packet);
}

PcapReader::Result PcapReader::nextPcap(Packet *packet)
{
    const quint64 at = m_offset;
    char rec[16]; // ts_sec, ts_frac, incl_len, orig_len
    const qint64 got = m_device->read(rec, 16);
    if (got <= 0 && m_device->atEnd())
        return Result::End;
    m_offset += quint64(qMax<qint64>(got, 0));
    if (got != 16 && !(got > 0 && readExact(rec + got, 16 - got)))
        return fail(QStringLiteral("a packet record at offset %1 is cut short").arg(at));
    const quint32 caplen = u32(rec + 8);
    if (caplen > kMaxRecord)
        return fail(QStringLiteral("a packet record at offset %1 claims %2 bytes").arg(at).arg(caplen));
    packet->linkType = m_linkType;
    packet->originalLength = u32(rec + 12);
    packet->timestampNs = qint64(u32(rec)) * 1000000000 + qint64(u32(rec + 4)) * (m_nanoseconds ? 1 : 1000);
    if (!readBytes(&packet->data, caplen))
        return fail(QStringLiteral("the packet at offset %1 is cut short: %2 bytes announced").arg(at).arg(caplen));
    return Result::Packet;
}

bool PcapReader::readSectionHeader(const QByteArray &body)
{
    if (body.size() < 16) {
        fail(QStringLiteral("a section header block is too short"));
        return false;
    }
    const quint16 major = u16(body.constData() + 4);
    if (major != 1) {
        fail(QStringLiteral("pcapng version %1 is not supported").arg(major));
        return false;
    }
    m_interfaces.clear(); // interfaces are numbered per section
    return true;
}

bool PcapReader::readInterface(const QByteArray &body)
{
    if (body.size() < 8) {
        fail(QStringLiteral("an interface description block is too short"));
        return false;
    }
    if (m_interfaces.size() >= 65536) {
        fail(QStringLiteral("more than 65536 interfaces"));
        return false;
    }
    Interface i;
    i.linkType = u16(body.constData());
    // Options: code, length, value padded to 4 bytes.
    qsizetype p = 8;
    while (p + 4 <= body.size()) {
        const quint16 code = u16(body.constData() + p);
        const quint16 len = u16(body.constData() + p + 2);
        p += 4;
        if (code == 0 || p + len > body.size())
            break;
        if (code == 9 && len >= 1) { // if_tsresol
            const quint8 v = quint8(body[p]);
            const int exp = v & 0x7F;
            qint64 units = 1;
            const bool binary = v & 0x80;
            if ((binary && exp > 62) || (!binary && exp > 18)) {
                fail(QStringLiteral("an interface's timestamp resolution (%1) is out of range").arg(v));
                return false;
            }
            for (int k = 0; k < exp; ++k)
                units *= binary ? 2 : 10;
            i.unitsPerSecond = units;
        }
        p += (len + 3) & ~3;
    }
    m_interfaces.push_back(i);
    return true;
}

PcapReader::Result PcapReader::nextPcapng(Packet *packet)
{
    for (;;) {
        const quint64 at = m_offset;
        char head[8];
        quint32 type = 0;
        if (at == 4) { // the first block's type was read as the magic
            type = kBlockSection;
            if (!readExact(head + 4, 4))
                return fail(QStringLiteral("the section header block is cut short"));
        } else {
            const qint64 got = m_device->read(head, 8);
            if (got <= 0 && m_device->atEnd())
                return Result::End;
            m_offset += quint64(qMax<qint64>(got, 0));
            if (got != 8 && !(got > 0 && readExact(head + got, 8 - got)))
                return fail(QStringLiteral("a block at offset %1 is cut short").arg(at));
            type = u32(head);
        }
        if (type == kBlockSection) {
            // Its byte-order magic decides how to read it, its own length included.
            char magic[4];
            if (!readExact(magic, 4))
                return fail(QStringLiteral("the section header block at offset %1 is cut short").arg(at));
            if (qFromLittleEndian<quint32>(magic) == kByteOrderMagic)
                m_bigEndian = false;
            else if (qFromBigEndian<quint32>(magic) == kByteOrderMagic)
                m_bigEndian = true;
            else
                return fail(QStringLiteral("the section header block at offset %1 has no byte-order magic").arg(at));
        }
        const quint32 length = u32(head + 4);
        const quint32 consumed = type == kBlockSection ? 12 : 8;
        if (length < 12 || length % 4 || length > kMaxRecord)
            return fail(QStringLiteral("a block at offset %1 has an invalid length (%2)").arg(at).arg(length));
        QByteArray body;
        if (!readBytes(&body, qint64(length) - consumed))
            return fail(QStringLiteral("a block at offset %1 is cut short: %2 bytes announced").arg(at).arg(length));
        body.chop(4); // the trailing length
        if (type == kBlockSection) {
            body.prepend(QByteArray(4, '\0')); // keep the offsets of the specification
            if (!readSectionHeader(body))
                return Result::Error;
            continue;
        }
        if (type == kBlockInterface) {
            if (!readInterface(body))
                return Result::Error;
            continue;
        }
        if (type == kBlockEnhancedPacket || type == kBlockPacketObsolete) {
            if (body.size() < 20)
                return fail(QStringLiteral("a packet block at offset %1 is too short").arg(at));
            const quint32 iface = type == kBlockEnhancedPacket ? u32(body.constData()) : u16(body.constData());
            if (iface >= m_interfaces.size())
                return fail(QStringLiteral("a packet block at offset %1 names interface %2, which is not described")
                                    .arg(at)
                                    .arg(iface));
            const Interface &i = m_interfaces[iface];
            const quint64 ts = quint64(u32(body.constData() + 4)) << 32 | u32(body.constData() + 8);
            const quint32 caplen = u32(body.constData() + 12);
            if (caplen > quint32(body.size() - 20))
                return fail(QStringLiteral("a packet block at offset %1 holds fewer bytes than it claims (%2)")
                                    .arg(at)
                                    .arg(caplen));
            packet->linkType = i.linkType;
            packet->originalLength = u32(body.constData() + 16);
            // Seconds bounded to year ~2255, so nanoseconds fit in 64 bits whatever the file says.
            const qint64 secs = qint64(qMin<quint64>(ts / quint64(i.unitsPerSecond), 9000000000ull));
            const qint64 frac = qint64(ts % quint64(i.unitsPerSecond));
            packet->timestampNs = secs * 1000000000 + qint64(double(frac) * 1e9 / double(i.unitsPerSecond));
            packet->data = body.mid(20, caplen);
            return Result::Packet;
        }
        if (type == kBlockSimplePacket) {
            if (body.size() < 4 || m_interfaces.empty())
                return fail(QStringLiteral("a simple packet block at offset %1 is malformed").arg(at));
            packet->linkType = m_interfaces[0].linkType;
            packet->originalLength = u32(body.constData());
            packet->timestampNs = 0;
            packet->data = body.mid(4, qMin<qsizetype>(packet->originalLength, body.size() - 4));
            return Result::Packet;
        }
        // Name resolution, statistics, custom blocks: nothing for us.
    }
}

} // namespace Boxscope
