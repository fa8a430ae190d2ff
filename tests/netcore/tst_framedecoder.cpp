// FrameDecoder: IPROTO packets out of an arbitrarily split byte stream.
//
// The streams are real 2.6 responses (reference/netbox-baseline.md: CALL push_n(2, 4) with
// SYNC 7 answered by two CHUNKs and an OK, all with fixed-width `ce`/`cf` header ints, and the
// ER_NO_SUCH_PROC error frame) plus frames built with RequestEncoder::frame.

#include "MpBuilders.h"
#include "format/MpFormat.h"
#include "iproto/FrameDecoder.h"
#include "iproto/Iproto.h"
#include "iproto/RequestEncoder.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <QtEndian>
#include <QtTest>

#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

// A response header as 2.6 sends it: {0x00 code: ce u32, 0x01 SYNC: cf u64, 0x05 SCHEMA_VERSION: ce u32}.
QByteArray header26(uint32_t code, uint64_t sync, uint32_t schemaVersion)
{
    QByteArray h;
    h.append(char(0x83));
    h.append(char(0x00));
    h.append(char(0xce));
    char b4[4];
    qToBigEndian<quint32>(code, b4);
    h.append(b4, 4);
    h.append(char(0x01));
    h.append(char(0xcf));
    char b8[8];
    qToBigEndian<quint64>(sync, b8);
    h.append(b8, 8);
    h.append(char(0x05));
    h.append(char(0xce));
    qToBigEndian<quint32>(schemaVersion, b4);
    h.append(b4, 4);
    return h;
}

// `ce` + big-endian uint32 size + payload, as 2.6 frames every packet.
QByteArray ceFrame(const QByteArray &payload)
{
    QByteArray out(5, '\0');
    out[0] = char(0xce);
    qToBigEndian<quint32>(quint32(payload.size()), out.data() + 1);
    return out + payload;
}

// The three frames 2.6.0 answered CALL push_n(2, 4) SYNC 7 with, byte for byte.
const char *kPush1 = "ce00000029 8300ce00000080 01cf0000000000000007 05ce00000050"
                     " 8130dd00000001 aa30303030303030303031";
const char *kPush2 = "ce00000029 8300ce00000080 01cf0000000000000007 05ce00000050"
                     " 8130dd00000001 aa30303030303030303032";
const char *kFinal = "ce0000001f 8300ce00000000 01cf0000000000000007 05ce00000050"
                     " 8130dd00000001 02";

const char *kNoProcMsg = "Procedure 'no_such_function' is not defined";

// 2.6's answer to CALL no_such_function() with SYNC 8: ERROR_24 text plus the MP_ERROR stack,
// whose keys come in the order 00 02 01 03 04 05.
QByteArray noSuchProcFrame()
{
    QByteArray body = hex("82 31 d92b");
    body += kNoProcMsg;
    body += hex("52 81 00 91 86 00 ab");
    body += "ClientError";
    body += hex("02 74 01 b4");
    body += "./src/box/lua/call.c";
    body += hex("03 d92b");
    body += kNoProcMsg;
    body += hex("04 00 05 21");
    return ceFrame(header26(0x8021, 8, 80) + body);
}

struct Expected
{
    MpValue header;
    MpValue body;
    QByteArray raw;
};

MpValue hdr(uint64_t code, uint64_t sync, uint64_t schema)
{
    return M({ { U(0), U(code) }, { U(1), U(sync) }, { U(5), U(schema) } });
}

// push 1, push 2, OK, the error frame, and a request-shaped frame from RequestEncoder with a
// nested body (so frames of different shapes and sizes follow each other).
std::vector<Expected> realStream()
{
    std::vector<Expected> v;
    v.push_back({ hdr(0x80, 7, 80), M({ { U(0x30), A({ S("0000000001") }) } }), hex(kPush1) });
    v.push_back({ hdr(0x80, 7, 80), M({ { U(0x30), A({ S("0000000002") }) } }), hex(kPush2) });
    v.push_back({ hdr(0x00, 7, 80), M({ { U(0x30), A({ U(2) }) } }), hex(kFinal) });
    const MpValue errEntry = M({ { U(0), S("ClientError") },
                                 { U(2), U(116) },
                                 { U(1), S("./src/box/lua/call.c") },
                                 { U(3), S(kNoProcMsg) },
                                 { U(4), U(0) },
                                 { U(5), U(33) } });
    v.push_back({ hdr(0x8021, 8, 80), M({ { U(0x31), S(kNoProcMsg) }, { U(0x52), M({ { U(0), A({ errEntry }) } }) } }),
                  noSuchProcFrame() });
    const MpValue body = RequestEncoder::callBody(
            QStringLiteral("echo"),
            A({ U(1), MpValue::integer(-5), A({ S("x"), M({ { S("k"), MpValue::nil() } }) }) }));
    v.push_back({ M({ { U(0), U(Iproto::CALL) }, { U(1), U(9) }, { U(5), U(81) } }), body,
                  RequestEncoder::frame(Iproto::CALL, 9, body, 81) });
    return v;
}

QByteArray concat(const std::vector<Expected> &frames)
{
    QByteArray all;
    for (const Expected &e : frames)
        all += e.raw;
    return all;
}

// Takes every frame available now.
std::vector<Frame> drain(FrameDecoder &d, FrameDecoder::Result *last = nullptr)
{
    std::vector<Frame> out;
    for (;;) {
        Frame f;
        const FrameDecoder::Result r = d.next(&f);
        if (r != FrameDecoder::Result::Frame) {
            if (last)
                *last = r;
            return out;
        }
        out.push_back(std::move(f));
    }
}

} // namespace

class tst_FrameDecoder : public QObject
{
    Q_OBJECT

private:
    static void checkFrame(const Frame &f, const Expected &e)
    {
        QCOMPARE(f.header, e.header);
        QCOMPARE(f.body, e.body);
        const int prefixLen = e.raw.at(0) == char(0xce) ? 5 : 1;
        QCOMPARE(qsizetype(f.size), e.raw.size() - prefixLen);
        QCOMPARE(f.raw, e.raw);
    }

private slots:
    void handBuiltFramesMatchTheCapture()
    {
        // Guards the fixtures themselves: the error frame assembled above is the captured
        // size, and the 2.6 push frames are 46 and 36 bytes on the wire.
        QCOMPARE(noSuchProcFrame().left(5), hex("ce000000a2"));
        QCOMPARE(hex(kPush1).size(), 46);
        QCOMPARE(hex(kFinal).size(), 36);
    }

    void everySplitPoint()
    {
        const std::vector<Expected> expected = realStream();
        const QByteArray stream = concat(expected);
        // Where each frame ends in the stream.
        std::vector<int> ends;
        int pos = 0;
        for (const Expected &e : expected)
            ends.push_back(pos += int(e.raw.size()));

        for (int split = 0; split <= stream.size(); ++split) {
            FrameDecoder d;
            d.setKeepRaw(true);
            d.feed(stream.left(split));
            FrameDecoder::Result last;
            std::vector<Frame> got = drain(d, &last);
            QCOMPARE(last, FrameDecoder::Result::NeedMore);
            // Exactly the frames wholly inside the first piece; the rest stays buffered.
            size_t complete = 0;
            int consumed = 0;
            while (complete < ends.size() && ends[complete] <= split)
                consumed = ends[complete++];
            QVERIFY2(got.size() == complete,
                     qPrintable(QStringLiteral("split %1: %2 frames, expected %3")
                                        .arg(split)
                                        .arg(got.size())
                                        .arg(complete)));
            QCOMPARE(d.pending(), size_t(split - consumed));
            QCOMPARE(d.streamOffset(), uint64_t(consumed));

            d.feed(stream.mid(split));
            std::vector<Frame> rest = drain(d, &last);
            QCOMPARE(last, FrameDecoder::Result::NeedMore);
            got.insert(got.end(), rest.begin(), rest.end());
            QCOMPARE(got.size(), expected.size());
            for (size_t i = 0; i < got.size(); ++i)
                checkFrame(got[i], expected[i]);
            QCOMPARE(d.pending(), size_t(0));
            QVERIFY(!d.hasError());
        }
    }

    void byteByByte()
    {
        const std::vector<Expected> expected = realStream();
        const QByteArray stream = concat(expected);
        FrameDecoder d;
        d.setKeepRaw(true);
        std::vector<Frame> got;
        int frameStart = 0;
        for (int i = 0; i < stream.size(); ++i) {
            d.feed(stream.constData() + i, 1);
            std::vector<Frame> now = drain(d);
            const bool atEnd =
                    got.size() < expected.size() && i + 1 == frameStart + int(expected[got.size()].raw.size());
            // A frame comes out exactly on its last byte, never earlier, never later.
            QCOMPARE(now.size(), size_t(atEnd ? 1 : 0));
            if (atEnd) {
                frameStart = i + 1;
                checkFrame(now[0], expected[got.size()]);
                got.push_back(std::move(now[0]));
            }
            QCOMPARE(d.pending(), size_t(i + 1 - frameStart));
        }
        QCOMPARE(got.size(), expected.size());
    }

    void manyFramesInOneFeed()
    {
        // A 2.6 server writes a non-yielding push loop as one burst: 5000 CHUNKs and the OK.
        const int n = 5000;
        QByteArray burst;
        for (int i = 1; i <= n; ++i) {
            const QByteArray value = QByteArray::number(i).rightJustified(10, '0') + "xxxxxx";
            QByteArray body = hex("8130dd00000001 b0") + value;
            burst += ceFrame(header26(0x80, 42, 80) + body);
        }
        burst += ceFrame(header26(0, 42, 80) + hex("8130dd00000001 cd1388"));
        FrameDecoder d;
        d.feed(burst);
        FrameDecoder::Result last;
        const std::vector<Frame> got = drain(d, &last);
        QCOMPARE(last, FrameDecoder::Result::NeedMore);
        QCOMPARE(int(got.size()), n + 1);
        for (int i = 0; i < n; ++i) {
            QCOMPARE(got[i].header.find(uint64_t(0))->toUInt64(), uint64_t(0x80));
            QCOMPARE(got[i].header.find(1)->toUInt64(), uint64_t(42));
            const MpValue *data = got[i].body.find(0x30);
            QVERIFY(data && data->isArray() && data->size() == 1);
            QCOMPARE(data->at(0).toQString(), QString::number(i + 1).rightJustified(10, QLatin1Char('0')) + "xxxxxx");
            QVERIFY(got[i].raw.isEmpty()); // keepRaw is off by default
        }
        QCOMPARE(got[n].header.find(uint64_t(0))->toUInt64(), uint64_t(0));
        QCOMPARE(*got[n].body.find(0x30), A({ U(5000) }));
        QCOMPARE(d.pending(), size_t(0));
        QCOMPARE(d.streamOffset(), uint64_t(burst.size()));
    }

    void sizePrefixWidths_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("hasBody");

        // header {0: 0, 1: 5} + body {0x30: [1]}: 9 bytes.
        const QByteArray small = hex("820000 0105 8130 9101");
        QTest::newRow("positive fixint") << hex("09") << small << true;
        QTest::newRow("uint8 cc") << hex("cc09") << small << true;
        QTest::newRow("uint16 cd") << hex("cd0009") << small << true;
        QTest::newRow("uint32 ce") << hex("ce00000009") << small << true;
        QTest::newRow("uint64 cf") << hex("cf0000000000000009") << small << true;
        QTest::newRow("header only, no body") << hex("05") << hex("820000 0105") << false;

        // Sizes that need the width: a 300-byte string body, a 70000-byte one.
        for (int len : { 300, 70000 }) {
            QByteArray body = hex("8130 91");
            body += len < 65536 ? hex("da") + QByteArray(1, char(len >> 8)) + QByteArray(1, char(len & 0xff))
                                : hex("db") + QByteArray(1, 0) + QByteArray(1, char(len >> 16))
                            + QByteArray(1, char((len >> 8) & 0xff)) + QByteArray(1, char(len & 0xff));
            body += QByteArray(len, 'q');
            const QByteArray payload = hex("820000 0105") + body;
            QByteArray prefix;
            if (payload.size() < 65536) {
                prefix = hex("cd") + QByteArray(1, char(payload.size() >> 8))
                        + QByteArray(1, char(payload.size() & 0xff));
            } else {
                prefix = QByteArray(5, '\0');
                prefix[0] = char(0xce);
                qToBigEndian<quint32>(quint32(payload.size()), prefix.data() + 1);
            }
            QTest::newRow(qPrintable(QStringLiteral("%1-byte payload").arg(payload.size())))
                    << prefix << payload << true;
        }
    }

    void sizePrefixWidths()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, payload);
        QFETCH(bool, hasBody);

        FrameDecoder d;
        Frame f;
        // A partial prefix is not an error, just too little.
        for (int i = 1; i < prefix.size(); ++i) {
            FrameDecoder part;
            part.feed(prefix.left(i));
            QCOMPARE(part.next(&f), FrameDecoder::Result::NeedMore);
            QCOMPARE(part.pending(), size_t(i));
        }
        d.feed(prefix + payload + prefix + payload);
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
            QCOMPARE(qsizetype(f.size), payload.size());
            QCOMPARE(f.header, M({ { U(0), U(0) }, { U(1), U(5) } }));
            QCOMPARE(f.body.isNil(), !hasBody);
            if (hasBody)
                QCOMPARE(f.body.find(0x30)->size(), size_t(1));
        }
        QCOMPARE(d.next(&f), FrameDecoder::Result::NeedMore);
        QCOMPARE(d.pending(), size_t(0));
    }

    void oversize_data()
    {
        QTest::addColumn<uint32_t>("cap");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QString>("sizeText");

        QTest::newRow("cap 100, ce 101") << 100u << hex("ce00000065") << QStringLiteral("101");
        QTest::newRow("cap 100, cc 101") << 100u << hex("cc65") << QStringLiteral("101");
        QTest::newRow("cap 100, fixint 101") << 100u << hex("65") << QStringLiteral("101");
        QTest::newRow("default cap, ce 4 GiB") << 0u << hex("ceffffffff") << QStringLiteral("4294967295");
        QTest::newRow("cap 1000, cd 65535") << 1000u << hex("cdffff") << QStringLiteral("65535");
        QTest::newRow("default cap, cf 2^64-1")
                << 0u << hex("cfffffffffffffffff") << QStringLiteral("18446744073709551615");
        QTest::newRow("default cap, cf 2^32 (would wrap to 0 as uint32)")
                << 0u << hex("cf0000000100000000") << QStringLiteral("4294967296");
        QTest::newRow("default cap + 1") << 0u << hex("ce10000001") << QStringLiteral("268435457");
    }

    void oversize()
    {
        QFETCH(uint32_t, cap);
        QFETCH(QByteArray, prefix);
        QFETCH(QString, sizeText);

        FrameDecoder d;
        if (cap)
            d.setMaxFrameSize(cap);
        const uint32_t limit = cap ? cap : FrameDecoder::kDefaultMaxFrameSize;
        QCOMPARE(d.maxFrameSize(), limit);
        // Only the prefix and a few body bytes: the decoder must refuse now, not wait for
        // (or reserve) the announced size.
        d.feed(prefix + hex("8200000105"));
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
        QVERIFY(d.hasError());
        QVERIFY(d.pending() <= size_t(prefix.size() + 5));
        const QString err = d.errorString();
        QVERIFY2(err.contains(sizeText), qPrintable(err));
        QVERIFY2(err.contains(QString::number(limit)), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("limit")), qPrintable(err));
        // Feeding more changes nothing: no buffering towards a frame that will never be read.
        d.feed(QByteArray(4096, 'x'));
        QVERIFY(d.pending() <= size_t(prefix.size() + 5));
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
    }

    void frameExactlyAtTheCap()
    {
        const QByteArray payload = hex("820000 0105 8130 9101"); // 9 bytes
        FrameDecoder d(9);
        d.feed(hex("09") + payload);
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
        d.setMaxFrameSize(8);
        d.feed(hex("09") + payload);
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
    }

    // A body whose tree would take more than maxDecodedBytes is not decoded: the frame comes
    // with its header and bodyError naming it, and the next frame decodes as usual.
    void decodedBytesAreBounded()
    {
        MpValue nils = MpValue::array(std::vector<MpValue>(1000));
        MpValue body = MpValue::map();
        body.insert(MpValue::uinteger(Iproto::DATA), nils);
        const QByteArray big = RequestEncoder::frame(Iproto::OK, 7, body);
        const QByteArray small = RequestEncoder::frame(Iproto::OK, 8, MpValue::map());
        FrameDecoder d;
        d.setMaxDecodedBytes(qint64(sizeof(MpValue)) * 100);
        d.feed(big + small);
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
        QVERIFY(f.body.isNil());
        QCOMPARE(f.header.find(uint64_t(Iproto::SYNC))->toUInt64(), uint64_t(7));
        QVERIFY2(f.bodyError.startsWith(QStringLiteral("frame of %1 bytes at stream offset 0 decodes to more than")
                                                .arg(big.size() - 5)),
                 qPrintable(f.bodyError));
        QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
        QVERIFY(f.bodyError.isEmpty());
        QCOMPARE(f.header.find(uint64_t(Iproto::SYNC))->toUInt64(), uint64_t(8));
        // A header is bounded too, tightly, and a header over it is fatal.
        MpValue hugeHeader = MpValue::map();
        hugeHeader.insert(MpValue::uinteger(Iproto::REQUEST_TYPE), MpValue::array(std::vector<MpValue>(100000)));
        const QByteArray payload = MpCodec::encode(hugeHeader);
        QByteArray prefixed(5, Qt::Uninitialized);
        prefixed[0] = char(0xce);
        qToBigEndian<quint32>(quint32(payload.size()), reinterpret_cast<uchar *>(prefixed.data()) + 1);
        FrameDecoder h;
        h.feed(prefixed + payload);
        QCOMPARE(h.next(&f), FrameDecoder::Result::Error);
        QVERIFY2(h.errorString().contains(QLatin1String("malformed frame header")), qPrintable(h.errorString()));
        // Within the bound it decodes.
        FrameDecoder roomy;
        roomy.feed(big);
        QCOMPARE(roomy.next(&f), FrameDecoder::Result::Frame);
        QVERIFY(f.bodyError.isEmpty());
        QCOMPARE(f.body.find(uint64_t(Iproto::DATA))->size(), size_t(1000));
    }

    void badPrefix_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("needle");

        QTest::newRow("fixmap 0x81") << hex("81 00 00") << QStringLiteral("0x81");
        QTest::newRow("never-used 0xc1") << hex("c1 00") << QStringLiteral("0xc1");
        QTest::newRow("nil 0xc0") << hex("c0") << QStringLiteral("0xc0");
        QTest::newRow("int8 0xd0") << hex("d0 05") << QStringLiteral("0xd0");
        QTest::newRow("negative fixint 0xff") << hex("ff") << QStringLiteral("0xff");
        QTest::newRow("fixstr 0xa3") << hex("a3 616263") << QStringLiteral("0xa3");
        QTest::newRow("float64 0xcb") << hex("cb 4000000000000000") << QStringLiteral("0xcb");
        QTest::newRow("fixarray 0x92") << hex("92 00 00") << QStringLiteral("0x92");
    }

    void badPrefix()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, needle);
        FrameDecoder d;
        d.feed(bytes);
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
        QVERIFY2(d.errorString().contains(needle), qPrintable(d.errorString()));
        QVERIFY2(d.errorString().contains(QLatin1String("prefix")), qPrintable(d.errorString()));
    }

    void badPrefixAfterGoodFramesNamesTheOffset()
    {
        FrameDecoder d;
        d.feed(hex(kPush1) + hex(kFinal) + hex("81"));
        const std::vector<Frame> got = drain(d);
        QCOMPARE(got.size(), size_t(2));
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
        QVERIFY2(d.errorString().contains(QLatin1String("82")), qPrintable(d.errorString())); // 46 + 36
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("needle");

        // The size prefix says the frame is complete; its content is not.
        QTest::newRow("header map truncated inside the frame") << hex("03 83 00 ce") << QStringLiteral("header");
        QTest::newRow("header str length past the frame") << hex("04 82 00 00 a9") << QStringLiteral("header");
        QTest::newRow("header is an array") << hex("03 92 00 01") << QStringLiteral("header");
        QTest::newRow("header is an int") << hex("01 05") << QStringLiteral("header");
        QTest::newRow("header 0xc1") << hex("01 c1") << QStringLiteral("header");
        QTest::newRow("body 0xc1") << hex("06 82 00 00 01 05 c1") << QStringLiteral("body");
        QTest::newRow("body truncated") << hex("08 82 00 00 01 05 81 30 92") << QStringLiteral("body");
        QTest::newRow("body with trailing bytes") << hex("08 82 00 00 01 05 80 00 00") << QStringLiteral("body");
        QTest::newRow("body map 0xc1 inside") << hex("08 82 00 00 01 05 81 30 c1") << QStringLiteral("body");
        QTest::newRow("empty frame") << hex("00") << QStringLiteral("empty");
        // 'H' (0x48) reads as a size of 72; the "header" that follows is the text "TTP/...".
        QTest::newRow("HTTP text instead of IPROTO")
                << QByteArray("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nServer: x\r\n\r\n")
                << QStringLiteral("header");
    }

    void malformed()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, needle);
        FrameDecoder d;
        // A good frame first: the error must come after it, not replace it.
        d.feed(hex(kFinal) + frame);
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
        QVERIFY(d.hasError());
        QVERIFY2(d.errorString().contains(needle), qPrintable(d.errorString()));
        QVERIFY2(d.errorString().contains(QLatin1String("36")), qPrintable(d.errorString())); // its stream offset
    }

    void truncatedStreamNeedsMoreForever()
    {
        const QByteArray whole = hex(kPush1) + hex(kPush2);
        for (int cut = 1; cut < whole.size(); ++cut) {
            if (cut == hex(kPush1).size())
                continue;
            FrameDecoder d;
            d.feed(whole.left(cut));
            const std::vector<Frame> got = drain(d);
            QCOMPARE(got.size(), size_t(cut >= hex(kPush1).size() ? 1 : 0));
            const size_t pending = d.pending();
            Frame f;
            for (int i = 0; i < 50; ++i)
                QCOMPARE(d.next(&f), FrameDecoder::Result::NeedMore);
            QCOMPARE(d.pending(), pending);
            QVERIFY(!d.hasError());
        }
        FrameDecoder empty;
        Frame f;
        QCOMPARE(empty.next(&f), FrameDecoder::Result::NeedMore);
        empty.feed(QByteArray());
        QCOMPARE(empty.next(&f), FrameDecoder::Result::NeedMore);
    }

    void errorIsSticky()
    {
        FrameDecoder d;
        d.feed(hex("81") + hex(kPush1));
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
        const QString first = d.errorString();
        QVERIFY(!first.isEmpty());
        const size_t pending = d.pending();
        // Neither more calls nor valid frames fed afterwards get past the error.
        for (int i = 0; i < 3; ++i) {
            d.feed(hex(kPush2) + hex(kFinal));
            QCOMPARE(d.next(&f), FrameDecoder::Result::Error);
        }
        QCOMPARE(d.errorString(), first);
        QCOMPARE(d.pending(), pending);
        QVERIFY(d.hasError());

        // Only reset() starts a new stream.
        d.reset();
        QVERIFY(!d.hasError());
        QCOMPARE(d.pending(), size_t(0));
        QCOMPARE(d.streamOffset(), uint64_t(0));
        d.feed(hex(kPush2));
        QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
        QCOMPARE(f.body.find(0x30)->at(0).toQString(), QStringLiteral("0000000002"));
    }

    void bufferDoesNotGrowWithConsumedFrames()
    {
        // Feeding frame after frame and reading each one keeps the buffer about one frame big.
        FrameDecoder d;
        const QByteArray push = hex(kPush1);
        Frame f;
        for (int i = 0; i < 20000; ++i) {
            d.feed(push);
            QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
            QCOMPARE(d.pending(), size_t(0));
        }
        QCOMPARE(d.streamOffset(), uint64_t(20000) * uint64_t(push.size()));
    }
};

QTEST_GUILESS_MAIN(tst_FrameDecoder)
#include "tst_framedecoder.moc"
