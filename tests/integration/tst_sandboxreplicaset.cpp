// The local sandbox replica set (SandboxReplicaSet, sandbox.lua's replication mode): three real
// tarantool instances on free loopback ports, one master and two read-only replicas that got
// the master's demo data through replication, each following the others; stopped by PID.
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "sandbox/SandboxReplicaSet.h"
#include "sandbox/SandboxServer.h"

#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_SandboxReplicaSet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed"); }

    void startsAMasterAndTwoReplicas()
    {
        SandboxReplicaSet set;
        QVERIFY2(set.startAndWait(SandboxServer::findSandboxScript(), 30000), qPrintable(set.errorString()));
        QCOMPARE(set.count(), 3);
        QCOMPARE(set.uris().size(), 3);
        QCOMPARE(set.uris().removeDuplicates(), 0);
        QList<qint64> pids;
        for (int i = 0; i < set.count(); ++i) {
            QVERIFY(set.instance(i)->isRunning());
            QCOMPARE(set.instance(i)->uri(), set.uris()[i]);
            pids << set.instance(i)->pid();
        }

        for (int i = 0; i < set.count(); ++i) {
            Connection c;
            Uri uri;
            QVERIFY(Uri::parse(set.uris()[i], &uri, nullptr));
            c.connectToServer(uri);
            QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
            // Replicas catch up asynchronously: wait for the demo rows and both upstreams following.
            Request *r = nullptr;
            QVERIFY(waitFor(
                    [&] {
                        if (r && r->isFinished() && r->result().size() == 3 && r->result().at(1).toInt64() == 10
                            && r->result().at(2).toInt64() == 2)
                            return true;
                        if (!r || r->isFinished())
                            r = c.eval(QStringLiteral("local n = box.space.demo and box.space.demo:count() or 0 "
                                                      "local follows = 0 "
                                                      "for _, p in pairs(box.info.replication) do "
                                                      "  if p.upstream and p.upstream.status == 'follow' then "
                                                      "    follows = follows + 1 end end "
                                                      "return box.info.ro, n, follows"),
                                       A({}));
                        return false;
                    },
                    15000));
            QCOMPARE(r->result().at(0).toBool(), i > 0); // the master first, then the replicas
            QCOMPARE(r->result().at(2).toInt64(), 2);    // follows both other instances
            if (i > 0) {
                Request *w = c.eval(QStringLiteral("box.space.demo:replace{99, 'x'}"), A({}));
                QVERIFY(w->waitForFinished(5000));
                QCOMPARE(w->state(), Request::State::Failed);
                QVERIFY2(w->error().message.contains(QLatin1String("read-only")), qPrintable(w->error().message));
            }
        }

        set.stop();
        QVERIFY(!set.isRunning());
        for (qint64 pid : pids)
            QVERIFY2(!QFileInfo::exists(QStringLiteral("/proc/%1/cmdline").arg(pid))
                             || QFile(QStringLiteral("/proc/%1/cmdline").arg(pid)).size() == 0,
                     "an instance outlived stop()");
    }
};

QTEST_GUILESS_MAIN(tst_SandboxReplicaSet)
#include "tst_sandboxreplicaset.moc"
