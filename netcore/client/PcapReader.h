#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

class QIODevice;

namespace Boxscope {

/// Reads packets from a classic pcap file (microsecond or nanosecond magic, either byte
/// order) or a pcapng file (sections of either byte order, any number of interfaces with their
/// link types and timestamp resolutions; Enhanced, Simple and obsolete Packet Blocks; other
/// blocks skipped), one packet at a time from a sequential device.
///
/// Wire input: every length is checked before anything is read for it (a record over
/// kMaxRecord bytes is an error); a malformed file ends with Result::Error and a message
/// saying what and where, a cut one (the last record incomplete) with Error too. Never more
/// than one record is held.
class PcapReader
{
public:
    static constexpr quint32 kMaxRecord = 16 * 1024 * 1024;

    enum class Result { Packet, End, Error };
    enum class Format { Unknown, Pcap, Pcapng };

    struct Packet
    {
        qint64 timestampNs = 0; ///< since the epoch
        quint32 linkType = 0;   ///< LINKTYPE_* of its interface
        quint32 originalLength = 0;
        QByteArray data; ///< the captured bytes (maybe fewer than originalLength)
    };

    explicit PcapReader(QIODevice *device);

    /// The next packet, End at the end of the file, or Error (sticky; errorString()).
    Result next(Packet *packet);

    Format format() const { return m_format; }
    QString errorString() const { return m_error; }
    /// Bytes of the file read so far.
    quint64 offset() const { return m_offset; }

private:
    struct Interface
    {
        quint32 linkType = 0;
        qint64 unitsPerSecond = 1000000;
    };

    Result fail(const QString &message);
    bool readExact(char *into, qint64 size);
    bool readBytes(QByteArray *into, qint64 size);
    quint16 u16(const char *p) const;
    quint32 u32(const char *p) const;
    bool start();
    Result nextPcap(Packet *packet);
    Result nextPcapng(Packet *packet);
    bool readSectionHeader(const QByteArray &body);
    bool readInterface(const QByteArray &body);

    QIODevice *m_device;
    Format m_format = Format::Unknown;
    bool m_started = false;
    bool m_bigEndian = false;
    bool m_nanoseconds = false;
    quint32 m_linkType = 0; // pcap's one link type
    std::vector<Interface> m_interfaces;
    QString m_error;
    quint64 m_offset = 0;
};

} // namespace Boxscope
