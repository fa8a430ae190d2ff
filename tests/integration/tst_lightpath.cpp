// The light pipelined path (Connection::sendLight) against a REAL tarantool: answers reach the
// one handler with their cookies and raw bodies, pushes before the final answer, server errors
// decoded, timeouts and a closed connection failing every light request in SYNC order, light
// requests and Requests interleaved on one connection, and what is refused before anything is
// written.
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "msgpack/MpCodec.h"
#include "sandbox/SandboxServer.h"

#include <QtTest>

#include <map>
#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

struct Seen
{
    uint64_t cookie = 0;
    uint64_t sync = 0;
    bool push = false;
    MpValue body;
    QString error;
    Error::Kind kind = Error::Kind::None;
};

// Records every answer the handler gets, bodies decoded.
struct Recorder
{
    std::vector<Seen> answers;

    void attach(Connection &c)
    {
        c.setLightHandler([this](const Connection::LightAnswer &a) {
            Seen s;
            s.cookie = a.cookie;
            s.sync = a.sync;
            s.push = a.push;
            if (a.body) {
                MpCodec::DecodeResult d = MpCodec::decode(a.body, a.bodySize);
                if (d.ok())
                    s.body = std::move(d.value);
            }
            if (a.error) {
                s.error = a.error->message;
                s.kind = a.error->kind;
            }
            answers.push_back(std::move(s));
        });
    }
    int finals() const
    {
        int n = 0;
        for (const Seen &s : answers)
            n += s.push ? 0 : 1;
        return n;
    }
};

Uri uriOf(TarantoolFixture &fx)
{
    Uri u;
    u.host = fx.host();
    u.port = fx.port();
    return u;
}

const MpValue &data(const MpValue &body)
{
    static const MpValue nil;
    const MpValue *d = body.isMap() ? body.find(uint64_t(0x30)) : nullptr;
    return d ? *d : nil;
}

} // namespace

class tst_LightPath : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    Uri m_uri;

    std::unique_ptr<Connection> connectReady()
    {
        auto c = std::make_unique<Connection>();
        c->connectToServer(m_uri);
        if (!waitFor([&] { return c->isReady() && c->schema().isLoaded(); }, 10000))
            return nullptr;
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_uri = uriOf(*m_fx);
    }

    void refusedBeforeReadyAndWithoutAHandler()
    {
        Connection c;
        QString error;
        QCOMPARE(c.sendLight(RequestSpec::call(QStringLiteral("echo"), A({ U(1) })), 1, &error), uint64_t(0));
        QVERIFY2(error.contains(QLatin1String("not ready")), qPrintable(error));
        c.connectToServer(m_uri);
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        error.clear();
        QCOMPARE(c.sendLight(RequestSpec::call(QStringLiteral("echo"), A({ U(1) })), 1, &error), uint64_t(0));
        QVERIFY2(error.contains(QLatin1String("handler")), qPrintable(error));
        QCOMPARE(c.lightPendingCount(), size_t(0));
    }

    void aReadOnlyConnectionRefusesLightWrites()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        c->setReadOnly(true);
        QString error;
        QCOMPARE(c->sendLight(RequestSpec::insert(ObjectRef(QStringLiteral("demo")), A({ U(900), S("x") })), 1, &error),
                 uint64_t(0));
        QCOMPARE(error, Connection::kReadOnlyRefusal);
        QVERIFY(c->sendLight(RequestSpec::select(ObjectRef(QStringLiteral("demo")), A({ U(900) })), 2) != 0);
        QVERIFY(waitFor([&] { return rec.finals() == 1; }, 5000));
        QCOMPARE(rec.answers[0].cookie, uint64_t(2));
        QCOMPARE(data(rec.answers[0].body), A()); // nothing was inserted
    }

    void manyInFlightEachAnsweredWithItsCookie()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        const int n = 2000;
        std::map<uint64_t, uint64_t> cookieBySync;
        for (int i = 0; i < n; ++i) {
            const uint64_t sync =
                    c->sendLight(RequestSpec::call(QStringLiteral("echo"), A({ U(uint64_t(i)), S("x") })), uint64_t(i));
            QVERIFY(sync != 0);
            cookieBySync[sync] = uint64_t(i);
        }
        QCOMPARE(c->lightPendingCount(), size_t(n));
        QVERIFY(waitFor([&] { return rec.finals() == n; }, 10000));
        QCOMPARE(c->lightPendingCount(), size_t(0));
        for (const Seen &s : rec.answers) {
            QVERIFY(!s.push);
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QCOMPARE(s.cookie, cookieBySync.at(s.sync));
            QCOMPARE(data(s.body), A({ U(s.cookie), S("x") }));
        }
        QCOMPARE(c->unexpectedResponseCount(), uint64_t(0));
    }

    void pushesComeBeforeTheFinalAnswer()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        QVERIFY(c->sendLight(RequestSpec::call(QStringLiteral("progress"), A({ U(3), U(0) })), 7) != 0);
        QVERIFY(waitFor([&] { return rec.finals() == 1; }, 10000));
        QCOMPARE(int(rec.answers.size()), 4);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(rec.answers[size_t(i)].push);
            QCOMPARE(rec.answers[size_t(i)].cookie, uint64_t(7));
            QCOMPARE(data(rec.answers[size_t(i)].body),
                     A({ M({ { S("i"), U(uint64_t(i + 1)) }, { S("of"), U(3) } }) }));
        }
        QVERIFY(!rec.answers[3].push);
        QCOMPARE(data(rec.answers[3].body), A({ U(3) }));
    }

    void serverErrorsAreDecoded()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        QVERIFY(c->sendLight(RequestSpec::call(QStringLiteral("fail"), A({ S("light failure") })), 1) != 0);
        QVERIFY(c->sendLight(RequestSpec::call(QStringLiteral("no_such_function"), A()), 2) != 0);
        QVERIFY(waitFor([&] { return rec.finals() == 2; }, 10000));
        QCOMPARE(rec.answers[0].kind, Error::Kind::Server);
        QCOMPARE(rec.answers[0].error, QStringLiteral("light failure"));
        QCOMPARE(rec.answers[1].kind, Error::Kind::Server);
        QVERIFY2(rec.answers[1].error.contains(QLatin1String("no_such_function")), qPrintable(rec.answers[1].error));
    }

    void aTimeoutFailsItAndTheLateAnswerIsCounted()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        RequestSpec spec = RequestSpec::call(QStringLiteral("slow"), A({ D(0.5) }));
        spec.timeoutMs = 100;
        QElapsedTimer t;
        t.start();
        const uint64_t sync = c->sendLight(spec, 5);
        QVERIFY(sync != 0);
        QVERIFY(waitFor([&] { return rec.finals() == 1; }, 5000));
        QVERIFY2(t.elapsed() >= 90 && t.elapsed() < 450, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(rec.answers[0].kind, Error::Kind::Timeout);
        QCOMPARE(rec.answers[0].sync, sync);
        QCOMPARE(c->lightPendingCount(), size_t(0));
        QSignalSpy late(c.get(), &Connection::unexpectedResponse);
        QVERIFY(late.wait(3000));
        QCOMPARE(late.at(0).at(0).toULongLong(), quint64(sync));
        QCOMPARE(late.at(0).at(2).value<Connection::UnexpectedKind>(), Connection::UnexpectedKind::Late);
        QCOMPARE(rec.finals(), 1); // no second answer for it
    }

    void aClosedConnectionFailsEveryOneInSyncOrder()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        std::vector<uint64_t> syncs;
        for (int i = 0; i < 3; ++i)
            syncs.push_back(c->sendLight(RequestSpec::call(QStringLiteral("slow"), A({ D(2) })), uint64_t(10 + i)));
        QTest::qWait(50); // sent
        c->disconnectFromServer();
        QCOMPARE(rec.finals(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rec.answers[size_t(i)].sync, syncs[size_t(i)]);
            QCOMPARE(rec.answers[size_t(i)].cookie, uint64_t(10 + i));
            QCOMPARE(rec.answers[size_t(i)].kind, Error::Kind::Connection);
        }
        QCOMPARE(c->lightPendingCount(), size_t(0));
    }

    void lightAndRequestsShareTheConnection()
    {
        auto c = connectReady();
        QVERIFY(c);
        Recorder rec;
        rec.attach(*c);
        std::vector<Request *> requests;
        for (int i = 0; i < 50; ++i) {
            QVERIFY(c->sendLight(RequestSpec::call(QStringLiteral("echo"), A({ U(uint64_t(i)) })), uint64_t(i)) != 0);
            requests.push_back(c->call(QStringLiteral("echo"), A({ S("r"), U(uint64_t(i)) })));
        }
        // A space by name, resolved from the loaded schema.
        RequestSpec select = RequestSpec::select(ObjectRef(QStringLiteral("demo")), A({ U(3) }));
        QVERIFY(c->sendLight(select, 100) != 0);
        QVERIFY(waitFor([&] { return rec.finals() == 51; }, 10000));
        for (int i = 0; i < 50; ++i) {
            QVERIFY(requests[size_t(i)]->waitForFinished(5000));
            QCOMPARE(requests[size_t(i)]->result(), A({ S("r"), U(uint64_t(i)) }));
        }
        for (const Seen &s : rec.answers) {
            if (s.cookie == 100)
                QCOMPARE(data(s.body), A({ A({ U(3), S("item3"), U(30) }) }));
            else
                QCOMPARE(data(s.body), A({ U(s.cookie) }));
        }
        QString error;
        QCOMPARE(c->sendLight(RequestSpec::select(ObjectRef(QStringLiteral("nope")), A()), 1, &error), uint64_t(0));
        QVERIFY2(error.contains(QLatin1String("nope")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_LightPath)
#include "tst_lightpath.moc"
