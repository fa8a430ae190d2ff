// Connection against a SCRIPTED FAKE SERVER: a QTcpServer in this test that speaks
// IPROTO from a script. Used only for what the local tarantool 2.6 cannot produce: a 2.10+
// greeting with the IPROTO_ID exchange, a silent or non-IPROTO peer, a malformed frame,
// a response with a SYNC nobody sent, and a push after the final result.
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "iproto/FrameDecoder.h"
#include "iproto/Iproto.h"
#include "iproto/RequestEncoder.h"
#include "msgpack/MpCodec.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <functional>

using namespace Boxscope;
using Boxscope::Test::waitFor;

namespace {

QByteArray greeting(const QByteArray &version, const QByteArray &protocol = "Binary")
{
    QByteArray line1 = "Tarantool " + version + " (" + protocol + ") 6e079a5e-15e8-4dba-9363-5bffd4ce554d";
    line1 = line1.leftJustified(63, ' ', true) + '\n';
    QByteArray line2 = QByteArray(32, 'k').toBase64();
    line2 = line2.leftJustified(63, ' ', true) + '\n';
    return line1 + line2;
}

MpValue dataBody(const MpValue &data)
{
    MpValue b = MpValue::map();
    b.insert(MpValue::uinteger(Iproto::DATA), data);
    return b;
}

MpValue errorBody(const QString &message)
{
    MpValue b = MpValue::map();
    b.insert(MpValue::uinteger(Iproto::ERROR_24), MpValue::string(message));
    return b;
}

// One scripted peer: reads the client's frames and hands each to the script.
class ScriptedServer : public QObject
{
public:
    std::function<void(QTcpSocket *)> onConnect;
    std::function<void(QTcpSocket *, const Frame &)> onFrame;
    QList<uint32_t> requestTypes;

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    Uri uri() const
    {
        Uri u;
        u.host = QStringLiteral("127.0.0.1");
        u.port = port();
        return u;
    }

    ScriptedServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            auto decoder = std::make_shared<FrameDecoder>();
            connect(s, &QTcpSocket::readyRead, this, [this, s, decoder] {
                decoder->feed(s->readAll());
                Frame f;
                while (decoder->next(&f) == FrameDecoder::Result::Frame) {
                    requestTypes << uint32_t(f.header.find(uint64_t(Iproto::REQUEST_TYPE))->toUInt64());
                    if (onFrame)
                        onFrame(s, f);
                }
            });
            if (onConnect)
                onConnect(s);
        });
    }

    static uint64_t syncOf(const Frame &f) { return f.header.find(uint64_t(Iproto::SYNC))->toUInt64(); }
    static uint32_t typeOf(const Frame &f)
    {
        return uint32_t(f.header.find(uint64_t(Iproto::REQUEST_TYPE))->toUInt64());
    }
    static void reply(QTcpSocket *s, uint32_t code, uint64_t sync, const MpValue &body)
    {
        s->write(RequestEncoder::frame(code, sync, body));
    }

private:
    QTcpServer m_server;
};

} // namespace

class tst_ScriptedServer : public QObject
{
    Q_OBJECT

private slots:
    void idExchangeOn210()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.onConnect = [](QTcpSocket *s) { s->write(greeting("2.10.0")); };
        server.onFrame = [](QTcpSocket *s, const Frame &f) {
            const uint64_t sync = ScriptedServer::syncOf(f);
            if (ScriptedServer::typeOf(f) == Iproto::ID) {
                MpValue b = MpValue::map();
                b.insert(MpValue::uinteger(Iproto::VERSION), MpValue::uinteger(3));
                b.insert(MpValue::uinteger(Iproto::FEATURES),
                         MpValue::array({ MpValue::uinteger(0), MpValue::uinteger(1) }));
                ScriptedServer::reply(s, Iproto::OK, sync, b);
            } else {
                ScriptedServer::reply(s, Iproto::OK, sync, dataBody(MpValue::array()));
            }
        };
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        c.connectToServer(server.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }));
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
        QVERIFY(!server.requestTypes.isEmpty());
        QCOMPARE(server.requestTypes.first(), uint32_t(Iproto::ID)); // ID goes first
        QCOMPARE(c.serverProtocolVersion(), uint64_t(3));
        QCOMPARE(c.serverFeatures().size(), size_t(2));
        QCOMPARE(c.greeting().versionString, QStringLiteral("2.10.0"));
    }

    void idUnknownIsQuiet()
    {
        // A server that announces 2.10 but answers ID with ER_UNKNOWN_REQUEST_TYPE (as 2.6 does).
        ScriptedServer server;
        QVERIFY(server.listen());
        server.onConnect = [](QTcpSocket *s) { s->write(greeting("2.10.0")); };
        server.onFrame = [](QTcpSocket *s, const Frame &f) {
            const uint64_t sync = ScriptedServer::syncOf(f);
            if (ScriptedServer::typeOf(f) == Iproto::ID)
                ScriptedServer::reply(s, 0x8000 | Iproto::ER_UNKNOWN_REQUEST_TYPE, sync,
                                      errorBody("Unknown request type 73"));
            else
                ScriptedServer::reply(s, Iproto::OK, sync, MpValue::map());
        };
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        QSignalSpy unexpected(&c, &Connection::unexpectedResponse);
        c.connectToServer(server.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }));
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
        QVERIFY(c.serverFeatures().isNil());
        QCOMPARE(unexpected.count(), 0);
        QVERIFY(c.lastError().isNull());
    }

    void noIdFor26()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.onConnect = [](QTcpSocket *s) { s->write(greeting("2.6.0")); };
        server.onFrame = [](QTcpSocket *s, const Frame &f) {
            ScriptedServer::reply(s, Iproto::OK, ScriptedServer::syncOf(f), MpValue::map());
        };
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        c.connectToServer(server.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }));
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(5000));
        QVERIFY(!server.requestTypes.contains(uint32_t(Iproto::ID)));
    }

    void greetingTimeout()
    {
        ScriptedServer server; // accepts and says nothing
        QVERIFY(server.listen());
        Connection c;
        ConnectOptions o;
        o.greetingTimeoutMs = 300;
        Request *r = nullptr;
        c.connectToServer(server.uri(), o);
        r = c.call(QStringLiteral("f"), MpValue::array());
        QVERIFY(r->waitForFinished(5000));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QCOMPARE(c.lastError().kind, Error::Kind::Timeout);
        QVERIFY2(c.lastError().message.contains(QLatin1String("greeting")), qPrintable(c.lastError().message));
        QCOMPARE(c.state(), Connection::State::Disconnected);
    }

    void notIproto_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        // As a 2.6 console port sends it (captured).
        const QByteArray console = QByteArray("Tarantool 2.6.0 (Lua console)").leftJustified(63, ' ') + '\n'
                + QByteArray("type 'help' for interactive help").leftJustified(63, ' ') + '\n';
        QTest::newRow("lua console") << console << QStringLiteral("not an IPROTO port");
        QTest::newRow("http")
                << QByteArray("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").leftJustified(128, ' ')
                << QStringLiteral("not a Tarantool greeting");
    }

    void notIproto()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        ScriptedServer server;
        QVERIFY(server.listen());
        server.onConnect = [bytes](QTcpSocket *s) { s->write(bytes); };
        Connection c;
        c.connectToServer(server.uri());
        Request *r = c.ping();
        QVERIFY(r->waitForFinished(5000));
        QCOMPARE(r->state(), Request::State::Failed);
        QCOMPARE(r->error().kind, Error::Kind::Connection);
        QVERIFY2(r->error().message.contains(expected), qPrintable(r->error().message));
    }

    void malformedFrameFailsPendingKeepsPushes()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.onConnect = [](QTcpSocket *s) { s->write(greeting("2.6.0")); };
        server.onFrame = [](QTcpSocket *s, const Frame &f) {
            const uint64_t sync = ScriptedServer::syncOf(f);
            ScriptedServer::reply(s, Iproto::CHUNK, sync, dataBody(MpValue::array({ MpValue::uinteger(7) })));
            // A frame whose header is not msgpack: the stream cannot be trusted after it.
            s->write(QByteArray::fromHex("ce00000003c1c1c1"));
        };
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        c.connectToServer(server.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }));
        Request *r = c.call(QStringLiteral("f"), MpValue::array());
        Request *other = c.call(QStringLiteral("g"), MpValue::array());
        QVERIFY(r->waitForFinished(5000));
        QVERIFY(other->waitForFinished(5000));
        QCOMPARE(r->state(), Request::State::Failed);
        QCOMPARE(r->error().kind, Error::Kind::Protocol);
        QVERIFY2(r->error().message.contains(QLatin1String("malformed frame header")), qPrintable(r->error().message));
        QCOMPARE(r->pushCount(), uint64_t(1)); // the push that came first is kept
        QCOMPARE(r->pushes().front().value, MpValue::uinteger(7));
        QCOMPARE(other->error().kind, Error::Kind::Protocol);
        QCOMPARE(c.state(), Connection::State::Disconnected);
    }

    void unknownSyncAndPushAfterResult()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.onConnect = [](QTcpSocket *s) { s->write(greeting("2.6.0")); };
        server.onFrame = [](QTcpSocket *s, const Frame &f) {
            const uint64_t sync = ScriptedServer::syncOf(f);
            ScriptedServer::reply(s, Iproto::OK, 999999, dataBody(MpValue::array())); // nobody sent 999999
            ScriptedServer::reply(s, Iproto::OK, sync, dataBody(MpValue::array({ MpValue::uinteger(1) })));
            ScriptedServer::reply(s, Iproto::CHUNK, sync, dataBody(MpValue::array({ MpValue::uinteger(2) })));
        };
        Connection c;
        ConnectOptions o;
        o.loadSchema = false;
        QSignalSpy unexpected(&c, &Connection::unexpectedResponse);
        c.connectToServer(server.uri(), o);
        QVERIFY(waitFor([&] { return c.isReady(); }));
        Request *r = c.call(QStringLiteral("f"), MpValue::array());
        QVERIFY(r->waitForFinished(5000));
        QCOMPARE(r->state(), Request::State::Done);
        QCOMPARE(r->result(), MpValue::array({ MpValue::uinteger(1) }));
        QVERIFY(waitFor([&] { return unexpected.count() >= 2; }));
        QCOMPARE(unexpected.at(0).at(0).toULongLong(), 999999ull);
        QCOMPARE(unexpected.at(0).at(2).value<Connection::UnexpectedKind>(), Connection::UnexpectedKind::Unknown);
        QCOMPARE(unexpected.at(1).at(0).toULongLong(), r->sync());
        QCOMPARE(unexpected.at(1).at(1).toUInt(), uint(Iproto::CHUNK));
        QCOMPARE(c.unexpectedResponseCount(), uint64_t(2));
        QCOMPARE(r->pushCount(), uint64_t(0)); // a push after the result is not the request's
        QVERIFY(c.isReady());                  // neither is fatal
        Request *p = c.ping();
        QVERIFY(p->waitForFinished(5000));
        QCOMPARE(p->state(), Request::State::Done);
    }
};

QTEST_GUILESS_MAIN(tst_ScriptedServer)
#include "tst_scriptedserver.moc"
