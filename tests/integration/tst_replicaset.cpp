// The replica-set fixture: three real tarantool instances replicating in a full mesh.
#include "ReplicaSetFixture.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

std::unique_ptr<Connection> connectTo(const QString &uri)
{
    Uri u;
    Uri::parse(uri, &u, nullptr);
    auto c = std::make_unique<Connection>();
    c->connectToServer(u);
    return c;
}

// eval on a fresh connection, waiting at most 5 s; the result, or a string saying why not.
MpValue evalOn(const QString &uri, const QString &expr, const MpValue &args = MpValue::array())
{
    auto c = connectTo(uri);
    RequestOptions options;
    options.timeoutMs = 5000;
    Request *r = c->eval(expr, args, options);
    if (!r->waitForFinished(6000) || r->state() != Request::State::Done)
        return MpValue::string(QStringLiteral("failed: ") + r->error().message);
    return r->result();
}

} // namespace

class tst_ReplicaSet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        QElapsedTimer t;
        t.start();
        QVERIFY2(m_set.start(), qPrintable(m_set.errorString()));
        QVERIFY2(m_set.waitSynced(10000), qPrintable(m_set.errorString()));
        qInfo("three instances started and synced in %lld ms", t.elapsed());
    }

    // The fixture: one rw master, two read-only replicas on three ports, each following.
    void fixtureRolesAndFunctions()
    {
        QCOMPARE(m_set.uris().size(), 3);
        for (int i = 0; i < ReplicaSetFixture::kSize; ++i) {
            QVERIFY(m_set.pid(i) > 0);
            const MpValue ro =
                    evalOn(m_set.uri(i), QStringLiteral("return box.info.ro, box.cfg.read_only, #box.cfg.replication"));
            QCOMPARE(ro.size(), size_t(3));
            QCOMPARE(ro.at(0).toBool(), i != ReplicaSetFixture::kMaster);
            QCOMPARE(ro.at(1).toBool(), i != ReplicaSetFixture::kMaster);
            QCOMPARE(ro.at(2).toInt64(), 3);
        }
        // progress(n, delay) pushes n times and returns n, on a replica too.
        auto c = connectTo(m_set.uri(1));
        RequestOptions options;
        options.timeoutMs = 5000;
        Request *r = c->call(QStringLiteral("progress"),
                             MpValue::array({ MpValue::integer(3), MpValue::doubleValue(0.01) }), options);
        QVERIFY(r->waitForFinished(6000));
        QCOMPARE(r->state(), Request::State::Done);
        QCOMPARE(r->pushCount(), uint64_t(3));
        QCOMPARE(r->result().at(0).toInt64(), 3);
        const MpValue echoed = evalOn(m_set.uri(2), QStringLiteral("return echo(...)"),
                                      MpValue::array({ MpValue::string("a"), MpValue::integer(7) }));
        QCOMPARE(echoed, MpValue::array({ MpValue::string("a"), MpValue::integer(7) }));
    }

    // A write on the master reaches both replicas; waitSynced sees it.
    void fixtureWritesReachReplicas()
    {
        const MpValue put = evalOn(m_set.uri(0), QStringLiteral("return box.space.demo:replace{1, 'x'}[1]"));
        QCOMPARE(put.at(0).toInt64(), 1);
        QVERIFY2(m_set.waitSynced(5000), qPrintable(m_set.errorString()));
        for (int i = 1; i < ReplicaSetFixture::kSize; ++i)
            QCOMPARE(evalOn(m_set.uri(i), QStringLiteral("return box.space.demo:get(1)[2]")).at(0).toQString(),
                     QStringLiteral("x"));
        // A replica refuses writes.
        QVERIFY(evalOn(m_set.uri(1), QStringLiteral("return box.space.demo:replace{2}"))
                        .toQString()
                        .contains(QStringLiteral("read-only")));
    }

    // kill() ends the process by PID; restart() brings it back on the same port and data.
    void fixtureKillAndRestart()
    {
        const qint64 pid = m_set.pid(2);
        m_set.kill(2);
        QVERIFY(!m_set.server(2).isRunning());
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1/status").arg(pid)) || m_set.pid(2) == 0);
        QVERIFY(!m_set.waitSynced(500));
        evalOn(m_set.uri(0), QStringLiteral("return box.space.demo:replace{3, 'while down'}"));
        QElapsedTimer t;
        t.start();
        QVERIFY2(m_set.restart(2), qPrintable(m_set.errorString()));
        QCOMPARE(m_set.server(2).port(), m_set.port(2));
        QVERIFY2(m_set.waitSynced(10000), qPrintable(m_set.errorString()));
        qInfo("restarted and synced in %lld ms", t.elapsed());
        QCOMPARE(evalOn(m_set.uri(2), QStringLiteral("return box.space.demo:get(3)[2]")).at(0).toQString(),
                 QStringLiteral("while down"));
    }

private:
    ReplicaSetFixture m_set;
};

QTEST_GUILESS_MAIN(tst_ReplicaSet)
#include "tst_replicaset.moc"
