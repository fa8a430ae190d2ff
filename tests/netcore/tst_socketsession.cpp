// Socket sessions with the socket module's semantics, on 127.0.0.1 and unix sockets in a
// temp dir. Everything is asynchronous: the tests wait on conditions, never for a fixed time.

#include "TarantoolFixture.h"
#include "sockets/AddressResolver.h"
#include "sockets/ByteText.h"
#include "sockets/SocketServer.h"
#include "sockets/SocketSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>

#include <unistd.h>

#include <cerrno>
#include <map>
#include <memory>

using namespace Boxscope;
using Boxscope::Test::waitFor;

namespace {

// Collects a session's read results by id.
struct Reads
{
    explicit Reads(SocketSession *s)
    {
        QObject::connect(s, &SocketSession::readFinished, s, [this](const SocketResult &r) { results[r.id] = r; });
    }
    bool has(quint64 id) const { return results.count(id) != 0; }
    // Waits for read `id` and returns it (a "not finished" error result when it never came).
    SocketResult wait(quint64 id, int ms = 5000)
    {
        if (!waitFor([&] { return has(id); }, ms))
            return SocketResult::error(-1, QStringLiteral("read %1 never finished").arg(id));
        return results[id];
    }
    std::map<quint64, SocketResult> results;
};

// A TCP server on 127.0.0.1:0 and one client connected to it; accepted is the server side.
struct TcpPair
{
    SocketServer server;
    SocketSession client;
    SocketSession *accepted = nullptr;

    bool open()
    {
        if (!server.listenTcp(QStringLiteral("127.0.0.1"), 0))
            return false;
        QObject::connect(&server, &SocketServer::newSession, &server, [this](SocketSession *s) { accepted = s; });
        client.tcpConnect(QStringLiteral("127.0.0.1"), server.address().port, 5000);
        return waitFor([&] { return accepted && client.state() == SocketSession::State::Connected; });
    }
};

} // namespace

class tst_SocketSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<SocketResult>();
        qRegisterMetaType<SocketChunk>();
        qRegisterMetaType<SocketAddress>();
    }

    // ---- TCP server and client ---------------------------------------------------------

    void serverPortZeroDelimiterReadsThenEof()
    {
        SocketServer server;
        QVERIFY2(server.listenTcp(QStringLiteral("127.0.0.1"), 0), qPrintable(server.lastError().toString()));
        QCOMPARE(server.state(), SocketServer::State::Listening);
        const SocketAddress bound = server.address();
        QCOMPARE(bound.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(bound.family, QStringLiteral("AF_INET"));
        QCOMPARE(bound.type, QStringLiteral("SOCK_STREAM"));
        QCOMPARE(bound.protocol, QStringLiteral("tcp"));
        QVERIFY(bound.port != 0);

        SocketSession *accepted = nullptr;
        connect(&server, &SocketServer::newSession, this, [&](SocketSession *s) { accepted = s; });

        // The client sends a file's lines and closes, as `socat FILE:lines TCP:127.0.0.1:port`.
        SocketSession client;
        QSignalSpy connectedSpy(&client, &SocketSession::connected);
        client.tcpConnect(QStringLiteral("127.0.0.1"), bound.port, 5000);
        QVERIFY(waitFor([&] { return connectedSpy.count() == 1 && accepted; }));
        QCOMPARE(client.peer().port, bound.port);
        QCOMPARE(accepted->kind(), SocketSession::Kind::TcpAccepted);
        QCOMPARE(accepted->peer().port, client.name().port);
        QCOMPARE(server.sessions().size(), 1);

        QCOMPARE(client.send("A\nB\nC\n"), qint64(6));
        QVERIFY(client.shutdown(SocketSession::ShutdownHow::Write));
        QVERIFY(client.close());
        QVERIFY(!client.close()); // already closed: false, as sock:close()
        QCOMPARE(client.errorNumber(), EBADF);

        Reads reads(accepted);
        const quint64 r1 = accepted->read(QByteArray("\n"), 5000);
        const quint64 r2 = accepted->read(QByteArray("\n"), 5000);
        const quint64 r3 = accepted->read(QByteArray("\n"), 5000);
        const quint64 r4 = accepted->read(QByteArray("\n"), 5000);
        QCOMPARE(reads.wait(r1).data, QByteArray("A\n"));
        QCOMPARE(reads.wait(r1).status, SocketResult::Status::Ok);
        QCOMPARE(reads.wait(r2).data, QByteArray("B\n"));
        QCOMPARE(reads.wait(r3).data, QByteArray("C\n"));
        const SocketResult eof = reads.wait(r4);
        QCOMPARE(eof.status, SocketResult::Status::Eof);
        QCOMPARE(eof.data, QByteArray());
        QVERIFY(accepted->atEof());

        // The transcript saw the bytes arrive (possibly in one chunk) with time and direction.
        const SocketTranscript &t = accepted->transcript();
        QVERIFY(t.size() >= 1);
        QCOMPARE(t.totalReceived(), quint64(6));
        QCOMPARE(t.chunks().front().direction, SocketChunk::Direction::Received);
        QVERIFY(t.chunks().front().timestampMs > 0);
        QCOMPARE(client.transcript().totalSent(), quint64(6));
        QCOMPARE(client.transcript().chunks().front().direction, SocketChunk::Direction::Sent);
    }

    void limitReadReturnsExactlyN()
    {
        TcpPair p;
        QVERIFY(p.open());
        Reads reads(p.accepted);
        QCOMPARE(p.client.send("0123456789"), qint64(10));
        const quint64 a = p.accepted->read(4, 5000);
        const quint64 b = p.accepted->read(4, 5000);
        // limit and delimiter: the delimiter wins when it ends within the limit...
        const quint64 c = p.accepted->read(SocketSession::ReadSpec { 5, "9", 5000 });
        QCOMPARE(reads.wait(a).data, QByteArray("0123"));
        QCOMPARE(reads.wait(b).data, QByteArray("4567"));
        QCOMPARE(reads.wait(c).data, QByteArray("89"));
        // ...and the limit when the delimiter is further.
        p.client.send("abcdef;");
        const quint64 d = p.accepted->read(SocketSession::ReadSpec { 3, ";", 5000 });
        QCOMPARE(reads.wait(d).data, QByteArray("abc"));
        const quint64 e = p.accepted->read(SocketSession::ReadSpec { 10, ";", 5000 });
        QCOMPARE(reads.wait(e).data, QByteArray("def;"));
        // read(0) is "" at once.
        const quint64 z = p.accepted->read(0);
        QCOMPARE(reads.wait(z).status, SocketResult::Status::Ok);
        QCOMPARE(reads.wait(z).data, QByteArray());
        // Both directions: the server answers, the client reads by limit.
        Reads clientReads(&p.client);
        QCOMPARE(p.accepted->send("pong"), qint64(4));
        QCOMPARE(clientReads.wait(p.client.read(4, 5000)).data, QByteArray("pong"));
    }

    void readTimesOutOnSilentPeer()
    {
        TcpPair p;
        QVERIFY(p.open());
        Reads reads(p.accepted);
        p.client.send("par");
        QElapsedTimer clock;
        clock.start();
        const quint64 id = p.accepted->read(QByteArray("\n"), 150);
        const SocketResult r = reads.wait(id);
        QCOMPARE(r.status, SocketResult::Status::Timeout);
        QCOMPARE(r.errnum, ETIMEDOUT);
        QCOMPARE(r.message, SocketResult::errnoMessage(ETIMEDOUT));
        QVERIFY(clock.elapsed() >= 140);
        // What arrived stays buffered for the next read.
        QCOMPARE(p.accepted->bytesAvailable(), qsizetype(3));
        p.client.send("tial\n");
        QCOMPARE(reads.wait(p.accepted->read(QByteArray("\n"), 5000)).data, QByteArray("partial\n"));
    }

    void followModeEmitsEveryChunk()
    {
        TcpPair p;
        QVERIFY(p.open());
        QByteArray followed;
        connect(p.accepted, &SocketSession::followData, this, [&](const QByteArray &d) { followed += d; });
        int recorded = 0;
        connect(p.accepted, &SocketSession::chunkRecorded, this, [&](const SocketChunk &) { ++recorded; });
        p.accepted->setFollow(true);
        p.client.send("one ");
        QVERIFY(waitFor([&] { return followed == "one "; }));
        p.client.send("two");
        QVERIFY(waitFor([&] { return followed == "one two"; }));
        QVERIFY(recorded >= 2);
        QCOMPARE(p.accepted->bytesAvailable(), qsizetype(0));
    }

    void waitReadableWritable()
    {
        TcpPair p;
        QVERIFY(p.open());
        SocketSession *srv = p.accepted;
        std::map<quint64, QString> waits;
        connect(srv, &SocketSession::waitFinished, this, [&](quint64 id, const QString &what) { waits[id] = what; });
        QVERIFY(srv->isNonBlocking());
        // Nothing to read yet: readable(0.1) times out with "".
        const quint64 r1 = srv->wait(SocketSession::WaitRead, 100);
        QVERIFY(!waits.count(r1)); // never from inside the call
        QVERIFY(waitFor([&] { return waits.count(r1); }));
        QCOMPARE(waits[r1], QString());
        // writable() is at once.
        const quint64 w1 = srv->wait(SocketSession::WaitWrite, 5000);
        QVERIFY(waitFor([&] { return waits.count(w1); }));
        QCOMPARE(waits[w1], QStringLiteral("W"));
        // wait() without a deadline ends when data arrives; the data stays for read().
        const quint64 r2 = srv->wait(SocketSession::WaitRead);
        QCoreApplication::processEvents();
        QVERIFY(!waits.count(r2));
        p.client.send("x");
        QVERIFY(waitFor([&] { return waits.count(r2); }));
        QCOMPARE(waits[r2], QStringLiteral("R"));
        const quint64 rw = srv->wait(SocketSession::WaitRead | SocketSession::WaitWrite, 5000);
        QVERIFY(waitFor([&] { return waits.count(rw); }));
        QCOMPARE(waits[rw], QStringLiteral("RW"));
        QCOMPARE(srv->bytesAvailable(), qsizetype(1));
        QCOMPARE(srv->pendingWaits(), 0);

        // shutdown(WRITE): the peer reads EOF, this side still reads.
        Reads clientReads(&p.client);
        Reads srvReads(srv);
        QVERIFY(srv->shutdown(SocketSession::ShutdownHow::Write));
        QCOMPARE(clientReads.wait(p.client.read(10, 5000)).status, SocketResult::Status::Eof);
        p.client.send("yz");
        QCOMPARE(srvReads.wait(srv->read(3, 5000)).data, QByteArray("xyz"));
        QCOMPARE(srv->send("late"), qint64(-1));
        QCOMPARE(srv->errorNumber(), EPIPE);
        // A later successful send is not reported as failed by that old error.
        QCOMPARE(p.client.send("ok"), qint64(2));

        // A wait on a closed socket ends with "".
        const quint64 last = srv->wait(SocketSession::WaitRead, 5000);
        srv->close();
        QVERIFY(waitFor([&] { return waits.count(last); }));
        QCOMPARE(waits[last], QString());
    }

    void tcpConnectRefused()
    {
        // A port that was just free: bind, learn the port, close.
        quint16 port = 0;
        {
            SocketServer probe;
            QVERIFY(probe.listenTcp(QStringLiteral("127.0.0.1"), 0));
            port = probe.address().port;
        }
        SocketSession s;
        QSignalSpy errors(&s, &SocketSession::errorOccurred);
        s.tcpConnect(QStringLiteral("127.0.0.1"), port, 5000);
        QCOMPARE(errors.count(), 0); // never from inside the call
        QVERIFY(waitFor([&] { return errors.count() == 1; }));
        const auto err = errors.at(0).at(0).value<SocketResult>();
        QCOMPARE(err.status, SocketResult::Status::Error);
        QCOMPARE(err.errnum, ECONNREFUSED);
        QCOMPARE(err.errnum, 111);
        QCOMPARE(err.message, QStringLiteral("Connection refused"));
        QCOMPARE(s.errorNumber(), ECONNREFUSED);
        QCOMPARE(s.state(), SocketSession::State::Unconnected);
        // A read on the failed session is an error, not a hang.
        Reads reads(&s);
        QCOMPARE(reads.wait(s.read(1, 5000)).status, SocketResult::Status::Error);
    }

    void tcpConnectTimesOut()
    {
        // A listener that never accepts, with the smallest backlog: once its queue is full
        // the kernel drops further SYNs, so a connect hangs until our timeout.
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        auto closeFd = qScopeGuard([fd] { ::close(fd); });
        SockaddrStorage addr;
        QVERIFY(SockaddrStorage::fromHostPort(QStringLiteral("127.0.0.1"), 0, &addr, nullptr));
        QVERIFY(::bind(fd, addr.get(), addr.length) == 0);
        QVERIFY(::listen(fd, 0) == 0);
        const quint16 port = SocketAddress::local(fd).port;

        std::vector<std::unique_ptr<SocketSession>> sessions;
        bool timedOut = false;
        for (int i = 0; i < 8 && !timedOut; ++i) {
            auto s = std::make_unique<SocketSession>();
            SocketSession *raw = s.get();
            s->tcpConnect(QStringLiteral("127.0.0.1"), port, 300);
            QVERIFY(waitFor([&] { return raw->state() != SocketSession::State::Connecting; }, 10000));
            if (raw->state() == SocketSession::State::Unconnected) {
                QCOMPARE(raw->errorNumber(), ETIMEDOUT);
                QCOMPARE(raw->errorString(), QStringLiteral("Connection timed out"));
                timedOut = true;
            }
            sessions.push_back(std::move(s));
        }
        if (!timedOut)
            QSKIP("the kernel accepted every connection (no SYN drop on a full backlog here)");
    }

    void backPressureKeepsEveryByte()
    {
        TcpPair p;
        QVERIFY(p.open());
        p.accepted->setMaxReadBuffer(64 * 1024);
        p.accepted->transcript().setLimits(100, 1024 * 1024);
        QByteArray payload(4 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char((i * 131) >> 3);
        QCOMPARE(p.client.send(payload), qint64(payload.size()));
        // The reader pauses while its buffer is full; reads of 100 000 bytes drain it in order.
        QByteArray got;
        Reads reads(p.accepted);
        while (got.size() < payload.size()) {
            const qint64 want = qMin<qint64>(100000, payload.size() - got.size());
            const SocketResult r = reads.wait(p.accepted->read(want, 10000), 15000);
            QVERIFY2(r.isOk(),
                     qPrintable(r.toString()
                                + QStringLiteral(" after %1 bytes, buffered %2, client queue %3")
                                          .arg(got.size())
                                          .arg(p.accepted->bytesAvailable())
                                          .arg(p.client.bytesToWrite())));
            QVERIFY(p.accepted->bytesAvailable() <= 100000 + 64 * 1024); // the cap, or a read's limit, plus one recv
            got += r.data;
        }
        QCOMPARE(got.size(), payload.size());
        QVERIFY(got == payload);
        QVERIFY(waitFor([&] { return p.client.bytesToWrite() == 0; }));
        // The transcript is bounded and counts what it dropped.
        const SocketTranscript &t = p.accepted->transcript();
        QCOMPARE(t.totalReceived(), quint64(payload.size()));
        QVERIFY(t.size() <= 100 && t.bytes() <= 1024 * 1024);
        QVERIFY(t.dropped() > 0);
    }

    void sendOnClosedOrUnconnected()
    {
        SocketSession s;
        QCOMPARE(s.send("x"), qint64(-1));
        QCOMPARE(s.errorNumber(), ENOTCONN);
        QVERIFY(!s.option(SocketOption::KeepAlive).isValid());
        QCOMPARE(s.errorNumber(), EBADF);
    }

    // ---- UDP ---------------------------------------------------------------------------

    void udpSendToShowsSenderPort()
    {
        SocketSession a, b;
        QVERIFY2(a.udpBind(QStringLiteral("127.0.0.1"), 0), qPrintable(a.lastError().toString()));
        QVERIFY2(b.udpBind(QStringLiteral("127.0.0.1"), 0), qPrintable(b.lastError().toString()));
        QCOMPARE(a.state(), SocketSession::State::Bound);
        const SocketAddress an = a.name(), bn = b.name();
        QVERIFY(an.port != 0 && bn.port != 0 && an.port != bn.port);
        QCOMPARE(an.type, QStringLiteral("SOCK_DGRAM"));
        QCOMPARE(an.protocol, QStringLiteral("udp"));

        QSignalSpy received(&b, &SocketSession::datagramReceived);
        QCOMPARE(a.sendTo(QStringLiteral("127.0.0.1"), bn.port, "X"), qint64(1));
        QCOMPARE(a.sendTo(QStringLiteral("127.0.0.1"), bn.port, "datagram two"), qint64(12));
        QVERIFY(waitFor([&] { return b.datagramsAvailable() == 2; }));
        QCOMPARE(received.count(), 2);
        SocketChunk d;
        QVERIFY(b.recvFrom(&d));
        QCOMPARE(d.data, QByteArray("X"));
        QCOMPARE(d.peer.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(d.peer.family, QStringLiteral("AF_INET"));
        QCOMPARE(d.peer.port, an.port);
        QVERIFY(b.recvFrom(&d));
        QCOMPARE(d.data, QByteArray("datagram two"));
        QVERIFY(!b.recvFrom(&d));
        QCOMPARE(a.transcript().chunks().back().peer.port, bn.port);

        // An unbound session gets a port from the kernel on its first sendto.
        SocketSession c;
        QCOMPARE(c.sendTo(QStringLiteral("127.0.0.1"), bn.port, "from c"), qint64(6));
        QVERIFY(c.name().port != 0);
        QVERIFY(waitFor([&] { return b.datagramsAvailable() == 1; }));
        QVERIFY(b.recvFrom(&d));
        QCOMPARE(d.peer.port, c.name().port);
        // Reads on UDP point to recvfrom.
        Reads reads(&b);
        QCOMPARE(reads.wait(b.read(1, 1000)).errnum, EOPNOTSUPP);
        // Names are not looked up by sendto (that would block).
        QCOMPARE(c.sendTo(QStringLiteral("no.such.host.invalid"), 9, "x"), qint64(-1));
        QCOMPARE(c.errorNumber(), EINVAL);
    }

    // ---- unix stream sockets -----------------------------------------------------------

    void unixStreamClientAndServer()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("s.sock"));
        SocketServer server;
        QVERIFY2(server.listenUnix(path, 16), qPrintable(server.lastError().toString()));
        QCOMPARE(server.address().family, QStringLiteral("AF_UNIX"));
        QCOMPARE(server.address().host, QStringLiteral("unix/"));
        QCOMPARE(server.address().path, path);
        QVERIFY(QFile::exists(path));
        // A second server on the same path: EADDRINUSE, the file stays.
        SocketServer twice;
        QVERIFY(!twice.listenUnix(path));
        QCOMPARE(twice.lastError().errnum, EADDRINUSE);

        QList<SocketSession *> accepted;
        connect(&server, &SocketServer::newSession, this, [&](SocketSession *s) { accepted << s; });
        SocketSession c1, c2;
        c1.unixConnect(path, 5000);
        c2.unixConnect(path, 5000);
        QVERIFY(waitFor([&] {
            return accepted.size() == 2 && c1.state() == SocketSession::State::Connected
                    && c2.state() == SocketSession::State::Connected;
        }));
        QCOMPARE(accepted.at(0)->kind(), SocketSession::Kind::UnixAccepted);
        QCOMPARE(c1.peer().path, path);
        QCOMPARE(c1.peer().family, QStringLiteral("AF_UNIX"));

        // Each accepted client has its own conversation.
        c1.send("one\n");
        c2.send("two\n");
        QByteArray got1, got2;
        Reads r1(accepted.at(0)), r2(accepted.at(1));
        got1 = r1.wait(accepted.at(0)->read(QByteArray("\n"), 5000)).data;
        got2 = r2.wait(accepted.at(1)->read(QByteArray("\n"), 5000)).data;
        QCOMPARE(QSet<QByteArray>({ got1, got2 }), QSet<QByteArray>({ "one\n", "two\n" }));
        SocketSession *toC1 = got1 == "one\n" ? accepted.at(0) : accepted.at(1);
        Reads c1Reads(&c1);
        toC1->send("hi c1");
        QCOMPARE(c1Reads.wait(c1.read(5, 5000)).data, QByteArray("hi c1"));
        // The server closes one client: that client reads EOF.
        QVERIFY(toC1->close());
        QCOMPARE(c1Reads.wait(c1.read(QByteArray("\n"), 5000)).status, SocketResult::Status::Eof);

        server.close();
        QVERIFY(!QFile::exists(path));
        SocketSession late;
        QSignalSpy errors(&late, &SocketSession::errorOccurred);
        late.unixConnect(path, 5000);
        QVERIFY(waitFor([&] { return errors.count() == 1; }));
        QCOMPARE(late.errorNumber(), ENOENT);
    }

    // ---- options and information --------------------------------------------------------

    void optionsSetAndReadBack()
    {
        TcpPair p;
        QVERIFY(p.open());
        SocketSession &s = p.client;
        QVERIFY(s.setOption(SocketOption::KeepAlive, true));
        QCOMPARE(s.option(SocketOption::KeepAlive), QVariant(true));
        QVERIFY(s.setOption(SocketOption::KeepAlive, false));
        QCOMPARE(s.option(SocketOption::KeepAlive), QVariant(false));
        QVERIFY(s.setOption(SocketOption::ReuseAddr, true));
        QCOMPARE(s.option(SocketOption::ReuseAddr), QVariant(true));
        QVERIFY(s.setOption(SocketOption::TcpNoDelay, true));
        QCOMPARE(s.option(SocketOption::TcpNoDelay), QVariant(true));
        // Linux doubles buffer sizes for its bookkeeping.
        QVERIFY(s.setOption(SocketOption::RcvBuf, 65536));
        QVERIFY(s.option(SocketOption::RcvBuf).toInt() >= 65536);
        QVERIFY(s.setOption(SocketOption::SndBuf, 65536));
        QVERIFY(s.option(SocketOption::SndBuf).toInt() >= 65536);
        QVERIFY(s.setOption(SocketOption::RcvLowat, 4));
        QCOMPARE(s.option(SocketOption::RcvLowat), QVariant(4));
        QCOMPARE(s.option(SocketOption::SndLowat), QVariant(1)); // Linux: read only, always 1
        QVERIFY(s.setOption(SocketOption::RcvTimeo, 1.5));
        QCOMPARE(s.option(SocketOption::RcvTimeo).toDouble(), 1.5);
        // The kernel keeps timeouts in jiffies: 0.25 s may read back as 0.252.
        QVERIFY(s.setOption(SocketOption::SndTimeo, 0.25));
        QVERIFY(qAbs(s.option(SocketOption::SndTimeo).toDouble() - 0.25) < 0.02);
        QVERIFY(s.setLinger(true, 5));
        QCOMPARE(s.option(SocketOption::Linger), QVariant(QVariantList { true, 5 }));
        QCOMPARE(SocketOption::toDisplay(SocketOption::Linger, s.option(SocketOption::Linger)),
                 QStringLiteral("on, 5 s"));
        QVERIFY(s.setLinger(false));
        QCOMPARE(s.option(SocketOption::Linger).toList().at(0), QVariant(false));
        QCOMPARE(s.option(SocketOption::Type), QVariant(QStringLiteral("SOCK_STREAM")));
        QCOMPARE(s.option(SocketOption::Domain), QVariant(QStringLiteral("AF_INET")));
        QCOMPARE(s.option(SocketOption::Protocol), QVariant(QStringLiteral("tcp")));
        QCOMPARE(s.option(SocketOption::Error), QVariant(0));
        QCOMPARE(p.server.option(SocketOption::AcceptConn), QVariant(true));
        QCOMPARE(p.server.option(SocketOption::ReuseAddr), QVariant(true)); // as tcp_server
        // Read-only options and bad values are refused with errno.
        QVERIFY(!s.setOption(SocketOption::Type, 1));
        QCOMPARE(s.errorNumber(), ENOPROTOOPT);
        QVERIFY(!s.setOption(SocketOption::RcvTimeo, -1));
        QCOMPARE(s.errorNumber(), EINVAL);

        // UDP: SO_BROADCAST.
        SocketSession u;
        QVERIFY(u.udpBind(QStringLiteral("127.0.0.1"), 0));
        QVERIFY(u.setOption(SocketOption::Broadcast, true));
        QCOMPARE(u.option(SocketOption::Broadcast), QVariant(true));

        // Every listed option reads on a TCP socket; names round-trip.
        for (SocketOption::Name n : SocketOption::all()) {
            SocketOption::Name back;
            QVERIFY(SocketOption::fromName(QLatin1String(SocketOption::name(n)), &back));
            QCOMPARE(back, n);
            QVERIFY2(s.option(n).isValid(), SocketOption::name(n));
        }

        // name() and peer() as the seed's table.
        const SocketAddress name = s.name(), peer = s.peer();
        QCOMPARE(name.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(name.family, QStringLiteral("AF_INET"));
        QCOMPARE(name.type, QStringLiteral("SOCK_STREAM"));
        QCOMPARE(name.protocol, QStringLiteral("tcp"));
        QCOMPARE(peer.port, p.server.address().port);
        QCOMPARE(p.accepted->peer().port, name.port);
    }

    void getaddrinfoLocalhost()
    {
        AddressResolver resolver;
        QList<SocketAddress> rows;
        SocketResult error = SocketResult::error(-1);
        quint64 doneId = 0;
        connect(&resolver, &AddressResolver::finished, this,
                [&](quint64 id, const QList<SocketAddress> &r, const SocketResult &e) {
                    doneId = id;
                    rows = r;
                    error = e;
                });
        const quint64 id = resolver.lookup(QStringLiteral("localhost"), QStringLiteral("3301"), SOCK_STREAM);
        QCOMPARE(doneId, quint64(0)); // never from inside the call
        QVERIFY(waitFor([&] { return doneId == id; }, 10000));
        QVERIFY2(error.isOk() && error.errnum == 0, qPrintable(error.toString()));
        QVERIFY(!rows.isEmpty());
        bool ipv4 = false;
        for (const SocketAddress &a : rows) {
            QCOMPARE(a.type, QStringLiteral("SOCK_STREAM"));
            QCOMPARE(a.protocol, QStringLiteral("tcp"));
            QCOMPARE(a.port, quint16(3301));
            if (a.host == QLatin1String("127.0.0.1") && a.family == QLatin1String("AF_INET"))
                ipv4 = true;
        }
        QVERIFY(ipv4);

        // Any type: both stream and datagram rows, by service name too.
        const quint64 id2 = resolver.lookup(QStringLiteral("127.0.0.1"), QStringLiteral("53"));
        QVERIFY(waitFor([&] { return doneId == id2; }, 10000));
        QStringList types;
        for (const SocketAddress &a : rows)
            types << a.type;
        QVERIFY(types.contains(QStringLiteral("SOCK_STREAM")));
        QVERIFY(types.contains(QStringLiteral("SOCK_DGRAM")));

        // A bad service is an error with gai_strerror's message.
        const quint64 id3 =
                resolver.lookup(QStringLiteral("127.0.0.1"), QStringLiteral("no-such-service-xyz"), SOCK_STREAM);
        QVERIFY(waitFor([&] { return doneId == id3; }, 10000));
        QCOMPARE(error.status, SocketResult::Status::Error);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(rows.isEmpty());
    }

    void connectByHostName()
    {
        SocketServer server;
        QVERIFY(server.listenTcp(QStringLiteral("127.0.0.1"), 0));
        SocketSession s;
        QSignalSpy connected(&s, &SocketSession::connected);
        s.tcpConnect(QStringLiteral("localhost"), server.address().port, 5000);
        QVERIFY(waitFor([&] { return connected.count() == 1; }, 10000));
        QCOMPARE(s.peer().port, server.address().port);
    }

    void transcriptIsBounded()
    {
        SocketTranscript t(3, 1000);
        for (int i = 0; i < 5; ++i)
            t.append(SocketChunk::Direction::Received, QByteArray(10, char('a' + i)));
        QCOMPARE(t.size(), qsizetype(3));
        QCOMPARE(t.dropped(), quint64(2));
        QCOMPARE(t.chunks().front().seq, quint64(3));
        QCOMPARE(t.totalReceived(), quint64(50));
        t.setLimits(100, 15);
        QCOMPARE(t.size(), qsizetype(1));
        QCOMPARE(t.dropped(), quint64(4));
        QCOMPARE(t.bytes(), qsizetype(10));
    }

    // ---- escapes and hex ----------------------------------------------------------------

    void escapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral("hello") << QByteArray("hello") << true;
        QTest::newRow("lf") << QStringLiteral("A\\nB\\n") << QByteArray("A\nB\n") << true;
        QTest::newRow("crlf") << QStringLiteral("HEAD / HTTP/1.0\\r\\n\\r\\n") << QByteArray("HEAD / HTTP/1.0\r\n\r\n")
                              << true;
        QTest::newRow("hex") << QStringLiteral("\\x00\\xfF\\x41") << QByteArray("\x00\xff\x41", 3) << true;
        QTest::newRow("backslash") << QStringLiteral("a\\\\n") << QByteArray("a\\n") << true;
        QTest::newRow("tab zero") << QStringLiteral("\\t\\0") << QByteArray("\t\0", 2) << true;
        QTest::newRow("utf8") << QStringLiteral("п\\n") << QByteArray("\xd0\xbf\n") << true;
        QTest::newRow("bad escape") << QStringLiteral("\\q") << QByteArray() << false;
        QTest::newRow("short hex") << QStringLiteral("\\x4") << QByteArray() << false;
        QTest::newRow("non-hex") << QStringLiteral("\\xzz") << QByteArray() << false;
        QTest::newRow("lone backslash") << QStringLiteral("abc\\") << QByteArray() << false;
    }

    void escapes()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, ok);
        bool isOk = !ok;
        QString error;
        QCOMPARE(ByteText::fromEscaped(text, &isOk, &error), bytes);
        QCOMPARE(isOk, ok);
        QCOMPARE(error.isEmpty(), ok);
        if (ok)
            QCOMPARE(ByteText::fromEscaped(ByteText::toEscaped(bytes)), bytes);
    }

    void hex_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("ok");
        QTest::newRow("spaced") << QStringLiteral("de ad be ef") << QByteArray("\xde\xad\xbe\xef") << true;
        QTest::newRow("packed") << QStringLiteral("deadbeef") << QByteArray("\xde\xad\xbe\xef") << true;
        QTest::newRow("upper colons") << QStringLiteral("DE:AD:BE:EF") << QByteArray("\xde\xad\xbe\xef") << true;
        QTest::newRow("0x") << QStringLiteral("0x01 0x02") << QByteArray("\x01\x02") << true;
        QTest::newRow("newlines") << QStringLiteral("00\n01\t02") << QByteArray("\x00\x01\x02", 3) << true;
        QTest::newRow("empty") << QString() << QByteArray() << true;
        QTest::newRow("odd") << QStringLiteral("abc") << QByteArray() << false;
        QTest::newRow("split byte") << QStringLiteral("a b") << QByteArray() << false;
        QTest::newRow("not hex") << QStringLiteral("zz") << QByteArray() << false;
    }

    void hex()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, ok);
        bool isOk = !ok;
        QCOMPARE(ByteText::fromHex(text, &isOk), bytes);
        QCOMPARE(isOk, ok);
        if (ok)
            QCOMPARE(ByteText::fromHex(ByteText::toHex(bytes)), bytes);
    }

    void hexDump()
    {
        const QString dump = ByteText::hexDump(QByteArray("ABC\n", 4));
        QCOMPARE(dump,
                 QStringLiteral("00000000  41 42 43 0a") + QString(16 * 3 - 1 - 11, QLatin1Char(' '))
                         + QStringLiteral("  ABC.\n"));
    }
};

QTEST_GUILESS_MAIN(tst_SocketSession)
#include "tst_socketsession.moc"
