// IprotoCapture on a real Connection to tarantool (resources/sandbox.lua): both directions
// split into frames, pushes as CHUNK, the greeting kept apart; and the same bytes fed again
// at arbitrary chunk boundaries give the same frames.

#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/Request.h"
#include "iproto/Iproto.h"
#include "msgpack/MpCodec.h"
#include "sandbox/SandboxServer.h"

#include <QRandomGenerator>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

// Frames of one direction with this SYNC, in order.
std::vector<const CapturedFrame *> framesOf(const IprotoCapture &cap, CapturedFrame::Direction d, quint64 sync)
{
    std::vector<const CapturedFrame *> out;
    for (const CapturedFrame &f : cap.frames()) {
        if (f.direction == d && f.hasSync && f.sync == sync)
            out.push_back(&f);
    }
    return out;
}

} // namespace

class tst_IprotoCapture : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        qRegisterMetaType<CapturedFrame>();
    }

    void cleanupTestCase() { m_fx.reset(); }

    void pushesSplitIntoChunkFramesThenOk()
    {
        Connection c;
        IprotoCapture cap;
        cap.attach(&c);
        // The raw streams as the tap delivers them, for the re-split below.
        QByteArray sent, received;
        connect(&c, &Connection::bytesSent, this, [&](const QByteArray &b) { sent += b; });
        connect(&c, &Connection::bytesReceived, this, [&](const QByteArray &b) { received += b; });
        QByteArray greeting;
        connect(&cap, &IprotoCapture::greetingCaptured, this, [&](const QByteArray &g) { greeting = g; });

        Uri uri;
        uri.host = m_fx->host();
        uri.port = m_fx->port();
        c.connectToServer(uri);
        QVERIFY(waitFor([&] { return c.isReady() && c.schema().isLoaded(); }, 10000));

        Request *pushN = c.call(QStringLiteral("push_n"), MpValue::array({ U(3), U(8) }));
        Request *progress = c.call(QStringLiteral("progress"), MpValue::array({ U(2), U(0) }));
        QVERIFY(pushN->waitForFinished(10000));
        QVERIFY(progress->waitForFinished(10000));
        QCOMPARE(pushN->state(), Request::State::Done);
        QCOMPARE(progress->state(), Request::State::Done);
        QVERIFY(waitFor(
                [&] { return cap.totalBytes(CapturedFrame::Direction::Received) == quint64(received.size()); }));

        // The greeting is not a frame.
        QCOMPARE(greeting.size(), 128);
        QCOMPARE(cap.greeting(), greeting);
        QVERIFY(greeting.startsWith("Tarantool "));
        QVERIFY(cap.errorString(CapturedFrame::Direction::Sent).isEmpty());
        QVERIFY(cap.errorString(CapturedFrame::Direction::Received).isEmpty());

        // client -> server: one CALL per request, with its SYNC and function name.
        const auto req = framesOf(cap, CapturedFrame::Direction::Sent, pushN->sync());
        QCOMPARE(req.size(), size_t(1));
        QVERIFY(req[0]->hasCode);
        QCOMPARE(req[0]->code, uint32_t(Iproto::CALL));
        QCOMPARE(req[0]->typeName(), QStringLiteral("CALL"));
        QCOMPARE(req[0]->decodedBody().find(uint64_t(Iproto::FUNCTION_NAME))->toQString(), QStringLiteral("push_n"));
        QCOMPARE(req[0]->decodedBody().find(uint64_t(Iproto::TUPLE))->size(), size_t(2));
        QVERIFY(req[0]->raw.size() > qsizetype(req[0]->size)); // the size prefix is in raw
        QCOMPARE(cap.findBySync(CapturedFrame::Direction::Sent, progress->sync())->code, uint32_t(Iproto::CALL));

        // server -> client: three CHUNKs (0x80) with one string each, then OK with the result.
        const auto resp = framesOf(cap, CapturedFrame::Direction::Received, pushN->sync());
        QCOMPARE(resp.size(), size_t(4));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(resp[i]->code, uint32_t(0x80));
            QCOMPARE(resp[i]->typeName(), QStringLiteral("CHUNK"));
            QVERIFY(resp[i]->isPush());
            const MpValue body = resp[i]->decodedBody();
            const MpValue *data = body.find(uint64_t(Iproto::DATA));
            QVERIFY(data);
            QCOMPARE(data->at(0).bytes(), QByteArray("000000000") + QByteArray::number(i + 1));
        }
        QCOMPARE(resp[3]->code, uint32_t(Iproto::OK));
        QCOMPARE(resp[3]->typeName(), QStringLiteral("OK"));
        QCOMPARE(resp[3]->decodedBody().find(uint64_t(Iproto::DATA))->at(0).toUInt64(), uint64_t(3));
        QVERIFY(resp[0]->seq < resp[3]->seq);
        QVERIFY(resp[3]->timestampMs >= req[0]->timestampMs);

        const auto prog = framesOf(cap, CapturedFrame::Direction::Received, progress->sync());
        QCOMPARE(prog.size(), size_t(3));
        QCOMPARE(prog[0]->typeName(), QStringLiteral("CHUNK"));
        QCOMPARE(prog[1]->typeName(), QStringLiteral("CHUNK"));
        QCOMPARE(prog[2]->typeName(), QStringLiteral("OK"));
        QCOMPARE(prog[1]->decodedBody().find(uint64_t(Iproto::DATA))->at(0).find("i")->toUInt64(), uint64_t(2));

        // Every byte is in a frame: the frames' raw bytes are the streams.
        QByteArray sentFrames, receivedFrames;
        for (const CapturedFrame &f : cap.frames())
            (f.direction == CapturedFrame::Direction::Sent ? sentFrames : receivedFrames) += f.raw;
        QCOMPARE(sentFrames, sent);
        QCOMPARE(greeting + receivedFrames, received);
        QCOMPARE(cap.droppedFrames(), quint64(0));

        // The same streams fed again, cut at arbitrary places and interleaved, give the same frames.
        for (int round = 0; round < 3; ++round) {
            IprotoCapture replay;
            QRandomGenerator rng(quint32(42 + round));
            qsizetype s = 0, r = 0;
            while (s < sent.size() || r < received.size()) {
                const bool pickSent = r >= received.size() || (s < sent.size() && rng.bounded(2) == 0);
                const qsizetype n = round == 0 ? 1 : qsizetype(rng.bounded(1, 40));
                if (pickSent) {
                    replay.feed(CapturedFrame::Direction::Sent, sent.mid(s, n));
                    s += qMin(n, sent.size() - s);
                } else {
                    replay.feed(CapturedFrame::Direction::Received, received.mid(r, n));
                    r += qMin(n, received.size() - r);
                }
            }
            QCOMPARE(replay.greeting(), greeting);
            QCOMPARE(replay.frameCount(), cap.frameCount());
            for (const CapturedFrame::Direction d :
                 { CapturedFrame::Direction::Sent, CapturedFrame::Direction::Received }) {
                std::vector<const CapturedFrame *> a, b;
                for (const CapturedFrame &f : cap.frames())
                    if (f.direction == d)
                        a.push_back(&f);
                for (const CapturedFrame &f : replay.frames())
                    if (f.direction == d)
                        b.push_back(&f);
                QCOMPARE(a.size(), b.size());
                for (size_t i = 0; i < a.size(); ++i) {
                    QCOMPARE(b[i]->raw, a[i]->raw);
                    QCOMPARE(b[i]->sync, a[i]->sync);
                    QCOMPARE(b[i]->code, a[i]->code);
                    QCOMPARE(b[i]->streamOffset, a[i]->streamOffset);
                    QVERIFY(b[i]->decodedHeader() == a[i]->decodedHeader());
                    QVERIFY(b[i]->decodedBody() == a[i]->decodedBody());
                }
            }
        }
    }

    // Bodies are kept raw and decoded only when looked at (the capture runs on the GUI thread:
    // a flood of pushes or a 100 000-tuple select would be decoded twice there).
    void largeBodiesDecodedWhenLookedAt()
    {
        Connection c;
        IprotoCapture cap;
        cap.attach(&c);
        Uri uri;
        uri.host = m_fx->host();
        uri.port = m_fx->port();
        ConnectOptions opts;
        opts.loadSchema = false;
        c.connectToServer(uri, opts);
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        Request *r = c.eval(QStringLiteral("return string.rep('z', 100000), 7"), A());
        QVERIFY(r->waitForFinished(10000));
        QVERIFY(waitFor([&] { return cap.findBySync(CapturedFrame::Direction::Received, r->sync()); }));
        const CapturedFrame *f = cap.findBySync(CapturedFrame::Direction::Received, r->sync());
        QVERIFY(f->bodyDeferred);
        QVERIFY(f->body.isNil());
        // The header too was read from the bytes, not decoded: it is when asked for.
        QVERIFY(f->header.isNil());
        const MpValue header = f->decodedHeader();
        QCOMPARE(header.find(uint64_t(Iproto::SYNC))->toUInt64(), r->sync());
        QCOMPARE(header.find(uint64_t(Iproto::REQUEST_TYPE))->toUInt64(), uint64_t(0));
        QVERIFY(header.find(uint64_t(Iproto::SCHEMA_VERSION)));
        QString error;
        const MpValue body = f->decodedBody(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const MpValue *data = body.find(uint64_t(Iproto::DATA));
        QVERIFY(data);
        QCOMPARE(*data, r->result());
        // A small one too: kept raw, decoded when asked for.
        const CapturedFrame *sent = cap.findBySync(CapturedFrame::Direction::Sent, r->sync());
        QVERIFY(sent && sent->bodyDeferred && sent->body.isNil());
        QCOMPARE(sent->decodedBody().find(uint64_t(Iproto::EXPR))->toQString(),
                 QStringLiteral("return string.rep('z', 100000), 7"));
    }

    void boundedWithDroppedCount()
    {
        Connection c;
        IprotoCapture cap;
        cap.setLimits(10, 1 << 20);
        cap.attach(&c);
        Uri uri;
        uri.host = m_fx->host();
        uri.port = m_fx->port();
        ConnectOptions opts;
        opts.loadSchema = false;
        c.connectToServer(uri, opts);
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        Request *r = c.call(QStringLiteral("push_n"), MpValue::array({ U(50), U(16) }));
        QVERIFY(r->waitForFinished(10000));
        QVERIFY(waitFor([&] { return cap.totalFrames() >= 52; }));
        QCOMPARE(cap.frameCount(), qsizetype(10));
        QCOMPARE(cap.droppedFrames(), cap.totalFrames() - 10);
        // The newest are kept: the last one is the OK.
        QCOMPARE(cap.frames().back().typeName(), QStringLiteral("OK"));
        QCOMPARE(cap.frames().back().sync, r->sync());

        // A reconnect starts the streams over: the new greeting is skipped too.
        c.disconnectFromServer();
        QVERIFY(waitFor([&] { return c.state() == Connection::State::Disconnected; }));
        c.connectToServer(uri, opts);
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(10000));
        QVERIFY(waitFor([&] { return cap.findBySync(CapturedFrame::Direction::Received, p->sync()); }));
        QCOMPARE(cap.findBySync(CapturedFrame::Direction::Received, p->sync())->typeName(), QStringLiteral("OK"));
        QCOMPARE(cap.findBySync(CapturedFrame::Direction::Sent, p->sync())->typeName(), QStringLiteral("PING"));
        QVERIFY(cap.errorString(CapturedFrame::Direction::Received).isEmpty());
    }

    // A header the byte reader does not take (a key that is not an integer, a value that is not
    // an unsigned one, a key twice) is decoded as the frame passes, with the same type and SYNC
    // the byte reader would give; the frames around it are read from their bytes.
    void unusualHeadersAreDecodedAsTheyPass()
    {
        auto frame = [](const MpValue &header, const MpValue &body) {
            const QByteArray h = MpCodec::encode(header);
            const QByteArray b = body.isNil() ? QByteArray() : MpCodec::encode(body);
            QByteArray out("\xce", 1);
            const quint32 size = quint32(h.size() + b.size());
            for (int shift = 24; shift >= 0; shift -= 8)
                out.append(char((size >> shift) & 0xff));
            return out + h + b;
        };
        const MpValue body = MpValue::map({ { U(Iproto::DATA), A({ S("v") }) } });
        QByteArray stream;
        stream += frame(MpValue::map({ { U(Iproto::REQUEST_TYPE), U(0) }, { U(Iproto::SYNC), U(1) } }), body);
        stream += frame(
                MpValue::map({ { U(Iproto::REQUEST_TYPE), U(0) }, { U(Iproto::SYNC), U(2) }, { S("trace"), S("x") } }),
                body);
        stream += frame(
                MpValue::map(
                        { { U(Iproto::REQUEST_TYPE), U(0x80) }, { U(Iproto::SYNC), U(3) }, { U(Iproto::SYNC), U(4) } }),
                body);
        stream += frame(MpValue::map({ { U(Iproto::REQUEST_TYPE), U(0) }, { U(Iproto::SYNC), U(5) } }), MpValue());
        IprotoCapture cap;
        cap.skipGreeting(cap.currentStream());
        cap.feed(CapturedFrame::Direction::Received, stream);
        QCOMPARE(cap.frameCount(), qsizetype(4));
        const auto &frames = cap.frames();
        QVERIFY(frames[0].header.isNil());  // read from its bytes
        QVERIFY(!frames[1].header.isNil()); // a string key: decoded
        QVERIFY(!frames[2].header.isNil()); // SYNC twice: decoded, the first one counts
        QVERIFY(frames[3].header.isNil());
        const uint64_t syncs[] = { 1, 2, 3, 5 };
        for (size_t i = 0; i < 4; ++i) {
            QVERIFY(frames[i].hasSync && frames[i].hasCode);
            QCOMPARE(frames[i].sync, syncs[i]);
            QCOMPARE(frames[i].decodedHeader().find(uint64_t(Iproto::SYNC))->toUInt64(), syncs[i]);
            QCOMPARE(frames[i].decodedBody(), i == 3 ? MpValue() : body);
        }
        QCOMPARE(frames[2].code, uint32_t(0x80));
        QVERIFY(frames[2].isPush());
        QCOMPARE(frames[1].decodedHeader().find("trace")->toQString(), QStringLiteral("x"));
        QCOMPARE(frames[3].bodySize(), qsizetype(0));
        QVERIFY(!frames[3].bodyDeferred);
    }

    void garbageIsASingleStickyError()
    {
        IprotoCapture cap;
        QSignalSpy errors(&cap, &IprotoCapture::decodeError);
        cap.feed(CapturedFrame::Direction::Sent, QByteArray("\xc1\xc1\xc1", 3));
        cap.feed(CapturedFrame::Direction::Sent, QByteArray("more"));
        QCOMPARE(errors.count(), 1);
        QVERIFY(!cap.errorString(CapturedFrame::Direction::Sent).isEmpty());
        QCOMPARE(cap.frameCount(), qsizetype(0));
        QCOMPARE(cap.totalBytes(CapturedFrame::Direction::Sent), quint64(7));
        cap.restartStreams();
        QVERIFY(cap.errorString(CapturedFrame::Direction::Sent).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_IprotoCapture)
#include "tst_iprotocapture.moc"
