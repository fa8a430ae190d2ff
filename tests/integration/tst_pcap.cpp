// The traffic capture as a file and back: PcapngWriter's output read by Wireshark's tshark
// (segments, bytes, checksums, the stream followed without analysis warnings), and captures
// of real sessions — taken by tcpdump itself, or rewritten from ours with other link types,
// reordered, retransmitted and cut — read by PcapImport into the frames the live capture saw.

#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/PcapImport.h"
#include "client/PcapReader.h"
#include "client/PcapngWriter.h"
#include "client/Request.h"
#include "iproto/Greeting.h"
#include "iproto/Iproto.h"
#include "sandbox/SandboxServer.h"

#include <QBuffer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <csignal>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

using Direction = CapturedFrame::Direction;

// The frames' raw bytes of one direction, concatenated.
QByteArray streamOf(const IprotoCapture &cap, Direction d)
{
    QByteArray out;
    for (const CapturedFrame &f : cap.frames())
        if (f.direction == d)
            out += f.raw;
    return out;
}

QStringList run(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Classic pcap: a file header, then records.
struct PcapFile
{
    bool bigEndian = false;
    bool nano = false;
    quint32 linkType = 1;
    QByteArray bytes;

    void u16(quint16 v)
    {
        char c[2];
        bigEndian ? qToBigEndian(v, c) : qToLittleEndian(v, c);
        bytes.append(c, 2);
    }
    void u32(quint32 v)
    {
        char c[4];
        bigEndian ? qToBigEndian(v, c) : qToLittleEndian(v, c);
        bytes.append(c, 4);
    }
    void header()
    {
        u32(nano ? 0xA1B23C4D : 0xA1B2C3D4);
        u16(2);
        u16(4);
        u32(0);
        u32(0);
        u32(262144);
        u32(linkType);
    }
    void record(qint64 ns, const QByteArray &data)
    {
        u32(quint32(ns / 1000000000));
        u32(quint32(nano ? ns % 1000000000 : ns % 1000000000 / 1000));
        u32(quint32(data.size()));
        u32(quint32(data.size()));
        bytes += data;
    }
};

// The IP packet of an Ethernet frame, wrapped for another link type.
QByteArray relink(const QByteArray &ethernet, quint32 linkType)
{
    const QByteArray ip = ethernet.mid(14);
    switch (linkType) {
    case 0: return QByteArray("\x02\x00\x00\x00", 4) + ip; // AF_INET, little-endian host
    case 108: return QByteArray("\x00\x00\x00\x02", 4) + ip;
    case 101: return ip;
    case 113: // SLL: packet type, ARPHRD, address length, address (8), protocol
        return QByteArray("\x00\x00\x03\x04\x00\x06\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00", 16) + ip;
    }
    return ethernet;
}

} // namespace

class tst_Pcap : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;

    Uri uri() const
    {
        Uri u;
        u.host = m_fx->host();
        u.port = m_fx->port();
        return u;
    }

    // A session with pushes, a big result (split into segments in the file) and an error.
    bool session(IprotoCapture *cap)
    {
        Connection c;
        cap->attach(&c);
        c.connectToServer(uri());
        if (!waitFor([&] { return c.isReady() && c.schema().isLoaded(); }, 10000))
            return false;
        std::vector<Request *> rs;
        rs.push_back(c.call(QStringLiteral("push_n"), MpValue::array({ U(5), U(10) })));
        rs.push_back(c.call(QStringLiteral("progress"), MpValue::array({ U(3), U(0) })));
        rs.push_back(c.eval(QStringLiteral("return string.rep('x', 150000)"), MpValue::array({})));
        rs.push_back(c.call(QStringLiteral("no_such_function"), MpValue::array({})));
        rs.push_back(c.ping());
        for (Request *r : rs)
            if (!r->waitForFinished(10000))
                return false;
        c.disconnectFromServer();
        cap->detach();
        return true;
    }

    // Every frame split, every response and push under a request of its stream.
    static void checkLinked(const IprotoCapture &cap, int *pushes)
    {
        *pushes = 0;
        for (const CapturedFrame &f : cap.frames()) {
            QVERIFY(f.hasSync);
            if (f.direction == Direction::Sent)
                continue;
            const CapturedFrame *req = cap.requestOf(f);
            QVERIFY2(req,
                     qPrintable(QStringLiteral("frame #%1 (%2, SYNC %3) has no request")
                                        .arg(f.seq)
                                        .arg(f.typeName())
                                        .arg(f.sync)));
            QCOMPARE(req->stream, f.stream);
            if (f.isPush()) {
                ++*pushes;
                QCOMPARE(req->code, uint32_t(Iproto::CALL));
            }
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void exportedCaptureIsReadByTshark()
    {
        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        QVERIFY2(!tshark.isEmpty(), "tshark is not installed (scripts/dev deps installs it)");
        IprotoCapture cap;
        QVERIFY(session(&cap));
        QCOMPARE(cap.streams().size(), 1);
        const CaptureEndpoints ends = cap.endpoints(cap.streams().first());
        QCOMPARE(ends.serverPort, quint16(m_fx->port()));
        QVERIFY(ends.clientPort != 0);

        // What the file must hold: the greeting, then each frame in segments of <= 65 495 bytes.
        int segments = 1;
        quint64 bytes = Greeting::kSize;
        int big = 0;
        for (const CapturedFrame &f : cap.frames()) {
            segments += int((f.raw.size() + PcapngWriter::kMaxPayload - 1) / PcapngWriter::kMaxPayload);
            bytes += quint64(f.raw.size());
            big += f.raw.size() > PcapngWriter::kMaxPayload;
        }
        QCOMPARE(big, 1);
        QCOMPARE(bytes, cap.totalBytes(Direction::Sent) + cap.totalBytes(Direction::Received));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.pcapng"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY2(PcapngWriter(quint16(m_fx->port())).write(cap, &file, &error), qPrintable(error));
        file.close();

        int code = 0;
        const QStringList all = run(tshark, { QStringLiteral("-r"), path }, &code);
        QCOMPARE(code, 0);
        QCOMPARE(all.size(), segments + 3); // the handshake's three
        const QStringList lens = run(tshark,
                                     { QStringLiteral("-r"), path, QStringLiteral("-Y"), QStringLiteral("tcp.len>0"),
                                       QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
                                       QStringLiteral("tcp.len") });
        QCOMPARE(lens.size(), segments);
        quint64 sum = 0;
        for (const QString &l : lens)
            sum += l.toULongLong();
        QCOMPARE(sum, bytes);
        // Checksums verified by Wireshark; ports are the connection's; no lost, duplicate or
        // out-of-order segment in its analysis.
        const QStringList checks =
                run(tshark,
                    { QStringLiteral("-r"), path, QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                      QStringLiteral("-o"), QStringLiteral("tcp.check_checksum:TRUE"), QStringLiteral("-T"),
                      QStringLiteral("fields"), QStringLiteral("-e"), QStringLiteral("ip.checksum.status"),
                      QStringLiteral("-e"), QStringLiteral("tcp.checksum.status"), QStringLiteral("-e"),
                      QStringLiteral("tcp.srcport"), QStringLiteral("-e"), QStringLiteral("tcp.analysis.flags"),
                      QStringLiteral("-e"), QStringLiteral("tcp.stream") });
        QCOMPARE(checks.size(), segments + 3);
        for (const QString &line : checks) {
            const QStringList f = line.split(QLatin1Char('\t'));
            QCOMPARE(f.size(), 5);
            QCOMPARE(f[0], QStringLiteral("1")); // good
            QCOMPARE(f[1], QStringLiteral("1"));
            QVERIFY(f[2] == QString::number(ends.clientPort) || f[2] == QString::number(m_fx->port()));
            QVERIFY2(f[3].isEmpty(), qPrintable(line));
            QCOMPARE(f[4], QStringLiteral("0"));
        }

        // And read back by the import: the same frames.
        QVERIFY(file.open(QIODevice::ReadOnly));
        IprotoCapture back;
        const PcapImport::Summary sum2 = PcapImport::read(&file, &back);
        QVERIFY2(sum2.ok, qPrintable(sum2.error));
        QCOMPARE(sum2.format, QStringLiteral("pcapng"));
        QCOMPARE(back.frameCount(), cap.frameCount());
        QCOMPARE(streamOf(back, Direction::Sent), streamOf(cap, Direction::Sent));
        QCOMPARE(streamOf(back, Direction::Received), streamOf(cap, Direction::Received));
        QCOMPARE(back.greeting(), cap.greeting());
        QCOMPARE(back.frames().front().timestampMs, cap.frames().front().timestampMs);
        int pushes = 0;
        checkLinked(back, &pushes);
        QCOMPARE(pushes, 8);
    }

    void rewrittenCapturesImport_data()
    {
        QTest::addColumn<quint32>("linkType");
        QTest::addColumn<bool>("bigEndian");
        QTest::addColumn<bool>("nano");
        QTest::addColumn<QString>("mangle");
        QTest::newRow("ethernet, µs") << 1u << false << false << QString();
        QTest::newRow("null, ns, big-endian") << 0u << true << true << QString();
        QTest::newRow("loop") << 108u << false << false << QString();
        QTest::newRow("raw") << 101u << false << true << QString();
        QTest::newRow("sll") << 113u << false << false << QString();
        QTest::newRow("retransmitted") << 1u << false << false << QStringLiteral("duplicate");
        QTest::newRow("out of order") << 1u << false << false << QStringLiteral("swap");
        QTest::newRow("overlapping") << 1u << false << false << QStringLiteral("overlap");
        QTest::newRow("segment missing") << 1u << false << false << QStringLiteral("drop");
    }

    void rewrittenCapturesImport()
    {
        QFETCH(quint32, linkType);
        QFETCH(bool, bigEndian);
        QFETCH(bool, nano);
        QFETCH(QString, mangle);
        IprotoCapture cap;
        QVERIFY(session(&cap));
        QByteArray pcapng = PcapngWriter().toBytes(cap);
        QBuffer in(&pcapng);
        in.open(QIODevice::ReadOnly);
        PcapReader reader(&in);
        std::vector<PcapReader::Packet> packets;
        PcapReader::Packet p;
        while (reader.next(&p) == PcapReader::Result::Packet)
            packets.push_back(p);
        QCOMPARE(reader.errorString(), QString());
        QVERIFY(packets.size() > 20);

        // Client data segments (Ethernet + IP + TCP = 54 bytes of headers) after the handshake.
        std::vector<size_t> data;
        for (size_t i = 0; i < packets.size(); ++i)
            if (packets[i].data.size() > 54
                && (uchar(packets[i].data[34]) << 8 | uchar(packets[i].data[35])) != m_fx->port())
                data.push_back(i);
        QVERIFY(data.size() >= 6);
        const size_t a = data[3], b = data[4];
        if (mangle == QLatin1String("duplicate")) {
            packets.insert(packets.begin() + qsizetype(b) + 1, packets[a]);
        } else if (mangle == QLatin1String("swap")) {
            std::swap(packets[a], packets[b]);
        } else if (mangle == QLatin1String("overlap")) {
            // The segment again with 3 more bytes of the next one: an overlap to cut.
            PcapReader::Packet merged = packets[a];
            merged.data += packets[b].data.mid(54, 3);
            packets.insert(packets.begin() + qsizetype(a) + 1, merged);
        } else if (mangle == QLatin1String("drop")) {
            packets.erase(packets.begin() + qsizetype(a));
        }
        PcapFile f;
        f.bigEndian = bigEndian;
        f.nano = nano;
        f.linkType = linkType;
        f.header();
        for (const PcapReader::Packet &pk : packets) {
            QByteArray d = pk.data;
            if (mangle == QLatin1String("overlap") && pk.data.size() > 54) {
                // Fix the IPv4 total length for the longer copy (checksums are not checked).
                qToBigEndian(quint16(d.size() - 14), d.data() + 16);
            }
            f.record(pk.timestampNs, relink(d, linkType));
        }

        QBuffer file(&f.bytes);
        file.open(QIODevice::ReadOnly);
        IprotoCapture back;
        QSignalSpy errors(&back, &IprotoCapture::decodeError);
        const PcapImport::Summary s = PcapImport::read(&file, &back);
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(s.format, QStringLiteral("pcap"));
        QCOMPARE(s.streams, quint64(1));
        QCOMPARE(s.skippedPackets, quint64(0));
        QCOMPARE(back.greeting(), cap.greeting());
        QCOMPARE(back.endpoints(1).serverPort, quint16(m_fx->port()));
        QCOMPARE(back.frames().front().timestampMs, cap.frames().front().timestampMs);
        QCOMPARE(streamOf(back, Direction::Received), streamOf(cap, Direction::Received));
        if (mangle == QLatin1String("drop")) {
            QCOMPARE(s.gaps, quint64(1));
            QCOMPARE(errors.count(), 1);
            QVERIFY2(errors.first().at(1).toString().contains(QLatin1String("not captured")),
                     qPrintable(errors.first().at(1).toString()));
            QVERIFY(back.frameCount() < cap.frameCount());
            QVERIFY(s.text().contains(QLatin1String("1 gaps")));
            return;
        }
        QCOMPARE(errors.count(), 0);
        QCOMPARE(s.gaps, quint64(0));
        QCOMPARE(s.retransmissions, quint64(mangle == QLatin1String("duplicate") ? 1 : 0));
        QCOMPARE(s.outOfOrder, quint64(mangle == QLatin1String("swap") ? 1 : 0));
        QCOMPARE(back.frameCount(), cap.frameCount());
        QCOMPARE(streamOf(back, Direction::Sent), streamOf(cap, Direction::Sent));
        int pushes = 0;
        checkLinked(back, &pushes);
        QCOMPARE(pushes, 8);
    }

    void tcpdumpCaptureImports_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("convert");
        QTest::newRow("lo, microseconds") << QStringList { QStringLiteral("-i"), QStringLiteral("lo") } << QString();
        QTest::newRow("lo, nanoseconds") << QStringList { QStringLiteral("-i"), QStringLiteral("lo"),
                                                          QStringLiteral("--time-stamp-precision=nano") }
                                         << QString();
        // Linux cooked capture (LINKTYPE_LINUX_SLL) instead of Ethernet.
        QTest::newRow("any, Linux SLL") << QStringList { QStringLiteral("-i"), QStringLiteral("any"),
                                                         QStringLiteral("-y"), QStringLiteral("LINUX_SLL") }
                                        << QString();
        QTest::newRow("lo, rewritten as pcapng by tshark")
                << QStringList { QStringLiteral("-i"), QStringLiteral("lo") } << QStringLiteral("pcapng");
    }

    void tcpdumpCaptureImports()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, convert);
        if (geteuid() != 0)
            QSKIP("tcpdump needs root to capture on lo: run as root to test importing its files");
        const QString tcpdump = QStandardPaths::findExecutable(
                QStringLiteral("tcpdump"),
                { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin") });
        if (tcpdump.isEmpty())
            QSKIP("tcpdump is not installed (scripts/dev deps installs it)");

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.pcap"));
        QProcess dump;
        dump.setProcessChannelMode(QProcess::SeparateChannels);
        dump.start(tcpdump,
                   options
                           + QStringList { QStringLiteral("-U"), QStringLiteral("-n"), QStringLiteral("-Z"),
                                           QStringLiteral("root"), QStringLiteral("-w"), path,
                                           QStringLiteral("tcp port %1").arg(m_fx->port()) });
        QByteArray err;
        const bool listening = waitFor(
                [&] {
                    err += dump.readAllStandardError();
                    return err.contains("listening on") || dump.state() == QProcess::NotRunning;
                },
                10000);
        if (!listening || dump.state() != QProcess::Running) {
            dump.kill();
            dump.waitForFinished();
            QSKIP(qPrintable(
                    QStringLiteral("tcpdump cannot capture here: %1").arg(QString::fromLocal8Bit(err).trimmed())));
        }

        IprotoCapture live;
        QVERIFY(session(&live));
        const quint64 wanted = live.totalBytes(Direction::Sent) + live.totalBytes(Direction::Received);
        // tcpdump writes each packet as it gets it (-U): wait until the whole session is in the
        // file, then stop it by its PID.
        PcapImport::Summary s;
        IprotoCapture back;
        QVERIFY(waitFor(
                [&] {
                    back.clear();
                    QFile f(path);
                    if (!f.open(QIODevice::ReadOnly))
                        return false;
                    s = PcapImport::read(&f, &back);
                    return back.totalBytes(Direction::Sent) + back.totalBytes(Direction::Received) >= wanted;
                },
                15000));
        ::kill(pid_t(dump.processId()), SIGTERM);
        QVERIFY(dump.waitForFinished(10000));

        QString file = path;
        if (!convert.isEmpty()) {
            const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
            QVERIFY2(!tshark.isEmpty(), "tshark is not installed (scripts/dev deps installs it)");
            file = dir.filePath(QStringLiteral("session.pcapng"));
            int code = -1;
            run(tshark, { QStringLiteral("-r"), path, QStringLiteral("-F"), convert, QStringLiteral("-w"), file },
                &code);
            QCOMPARE(code, 0);
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        back.clear();
        QSignalSpy errors(&back, &IprotoCapture::decodeError);
        s = PcapImport::read(&f, &back);
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(s.format, convert.isEmpty() ? QStringLiteral("pcap") : convert);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(s.gaps, quint64(0));
        QCOMPARE(s.streams, quint64(1));
        QCOMPARE(back.greeting(), live.greeting());
        QCOMPARE(back.frameCount(), live.frameCount());
        QCOMPARE(streamOf(back, Direction::Sent), streamOf(live, Direction::Sent));
        QCOMPARE(streamOf(back, Direction::Received), streamOf(live, Direction::Received));
        QCOMPARE(back.endpoints(1).serverPort, quint16(m_fx->port()));
        QCOMPARE(back.endpoints(1).clientPort, live.endpoints(live.streams().first()).clientPort);
        int pushes = 0;
        checkLinked(back, &pushes);
        QCOMPARE(pushes, 8);
    }

    // A capture that dropped its oldest frames exports with a hole between two frames: the
    // import reports the gap and splits the frames after it again (at the next segment that
    // starts a frame), so a long session's export opens with its newest frames decoded.
    void framesAfterAGapAreDecoded()
    {
        IprotoCapture cap;
        cap.setLimits(6, 1 << 20); // the session's first frames are dropped
        QVERIFY(session(&cap));
        QVERIFY(cap.droppedFrames() > 0);
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY2(PcapngWriter(quint16(m_fx->port())).write(cap, &out, &error), qPrintable(error));
        out.close();
        QBuffer in(&out.buffer());
        QVERIFY(in.open(QIODevice::ReadOnly));
        IprotoCapture back;
        const PcapImport::Summary s = PcapImport::read(&in, &back);
        QVERIFY2(s.ok, qPrintable(s.error));
        QVERIFY(s.gaps >= 1);
        // Every kept frame comes back, decoded, with the same bytes.
        QCOMPARE(back.frameCount(), cap.frameCount());
        for (size_t i = 0; i < cap.frames().size(); ++i) {
            QCOMPARE(back.frames()[i].raw, cap.frames()[i].raw);
            QCOMPARE(back.frames()[i].streamOffset, cap.frames()[i].streamOffset);
            QCOMPARE(back.frames()[i].decodedBody(), cap.frames()[i].decodedBody());
        }
    }

    void limitsStopTheImport()
    {
        IprotoCapture cap;
        QVERIFY(session(&cap));
        QByteArray bytes = PcapngWriter().toBytes(cap);
        QBuffer in(&bytes);
        in.open(QIODevice::ReadOnly);
        IprotoCapture back;
        back.setLimits(4, 1 << 20);
        const PcapImport::Summary s = PcapImport::read(&in, &back);
        QVERIFY(s.ok);
        QCOMPARE(back.frameCount(), qsizetype(4));
        QVERIFY(s.droppedPackets > 0);
        QVERIFY(s.text().contains(QStringLiteral("%1 packets dropped").arg(s.droppedPackets)));
    }

    void malformedFilesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        PcapFile ok;
        ok.header();
        QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty");
        QTest::newRow("not a capture") << QByteArray("GET / HTTP/1.1\r\n")
                                       << QStringLiteral("not a pcap or pcapng file");
        QTest::newRow("cut header") << ok.bytes.left(10) << QStringLiteral("header is cut short");
        PcapFile huge = ok;
        huge.u32(0);
        huge.u32(0);
        huge.u32(0xFFFFFFF0);
        huge.u32(0xFFFFFFF0);
        QTest::newRow("huge record") << huge.bytes << QStringLiteral("claims 4294967280 bytes");
        PcapFile cut = ok;
        cut.record(0, QByteArray(100, 'x'));
        QTest::newRow("cut record") << cut.bytes.left(cut.bytes.size() - 1) << QStringLiteral("is cut short");
        QByteArray ng("\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a\x01\x00\x00\x00", 16);
        QTest::newRow("pcapng cut") << ng << QStringLiteral("is cut short");
        QByteArray badLen = ng + QByteArray(8, '\xff') + QByteArray("\x1c\x00\x00\x00", 4)
                + QByteArray("\x06\x00\x00\x00\x07\x00\x00\x00", 8);
        QTest::newRow("pcapng bad length") << badLen << QStringLiteral("invalid length (7)");
        QByteArray noIface = ng + QByteArray(8, '\xff') + QByteArray("\x1c\x00\x00\x00", 4)
                + QByteArray("\x06\x00\x00\x00\x20\x00\x00\x00", 8) + QByteArray(20, '\0')
                + QByteArray("\x20\x00\x00\x00", 4);
        QTest::newRow("pcapng unknown interface") << noIface << QStringLiteral("names interface 0");
    }

    void malformedFilesAreErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        QBuffer in(&bytes);
        in.open(QIODevice::ReadOnly);
        IprotoCapture back;
        const PcapImport::Summary s = PcapImport::read(&in, &back);
        QVERIFY(!s.ok);
        QVERIFY2(s.error.contains(error), qPrintable(s.error));
        QCOMPARE(back.frameCount(), qsizetype(0));
    }
};

QTEST_GUILESS_MAIN(tst_Pcap)
#include "tst_pcap.moc"
