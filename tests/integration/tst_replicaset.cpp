// The replica-set fixture (three real tarantool instances replicating in a full mesh) and the
// ReplicaSetMonitor over it: what box.info and box.info.replication say about every instance,
// an instance killed by its PID shown down with the time and the error, and back when it is
// started again on the same port and data.
#include "ReplicaSetFixture.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/ReplicaSetMonitor.h"
#include "client/Request.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QtTest>

#include <memory>

#include <signal.h>

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

    void init() { restartKilled(); }

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

    // Seeded with a replica, the monitor finds all three: the master rw, two replicas ro,
    // every upstream following, the same vclock everywhere, a lag history.
    void monitorDiscoversTheSet()
    {
        QVERIFY2(m_set.waitSynced(10000), qPrintable(m_set.errorString()));
        ReplicaSetMonitor monitor;
        monitor.setIntervalMs(300);
        QElapsedTimer t;
        t.start();
        QVERIFY(monitor.start(QStringLiteral("boxscope:secret@") + m_set.uri(1)));
        QVERIFY2(waitFor([&] { return answered(monitor) == 3 && rowsFollowing(monitor) == 3; }, 8000),
                 qPrintable(describe(monitor)));
        qInfo("three instances discovered and answering in %lld ms", t.elapsed());
        // A relay shows in box.info.replication a little after its replica follows: every
        // instance's two downstreams are there by a later refresh.
        QVERIFY2(waitFor(
                         [&] {
                             for (int i = 0; i < monitor.count(); ++i) {
                                 if (monitor.instance(i).downstreams.size() != 2)
                                     return false;
                             }
                             return true;
                         },
                         8000),
                 qPrintable(describe(monitor)));
        QCOMPARE(monitor.count(), 3);
        QSet<quint32> ids;
        QSet<QString> vclocks;
        for (int i = 0; i < ReplicaSetFixture::kSize; ++i) {
            const int row = monitor.indexOf(m_set.uri(i));
            QVERIFY2(row >= 0, qPrintable(m_set.uri(i) + QStringLiteral(" not found: ") + describe(monitor)));
            const ReplicaSetInstance &in = monitor.instance(row);
            QCOMPARE(in.ro, i != ReplicaSetFixture::kMaster);
            QCOMPARE(in.status, QStringLiteral("running"));
            QCOMPARE(in.health, ReplicaSetInstance::Health::Up);
            QCOMPARE(in.upstreams.size(), 2);
            QCOMPARE(in.downstreams.size(), 2);
            QCOMPARE(in.upstreamSummary(), QStringLiteral("follow"));
            QCOMPARE(in.downstreamSummary(), QStringLiteral("follow"));
            QVERIFY(in.lag() >= 0 && in.lag() < 5);
            QVERIFY(in.idle() >= 0);
            QCOMPARE(in.uuid.size(), 36);
            QVERIFY(!in.uri.contains(QLatin1Char('@'))); // never the login
            QVERIFY(in.vclock.startsWith(QStringLiteral("{1: ")));
            QVERIFY(!in.lagHistory.empty());
            ids << in.id;
            vclocks << in.vclock;
        }
        QCOMPARE(ids.size(), 3);
        QCOMPARE(vclocks.size(), 1);
        // The history is bounded.
        QCOMPARE(ReplicaSetMonitor::kLagHistory, size_t(300));
    }

    // A replica killed by its PID is down within a second or two, with the time and the
    // Connection's error; its peers' upstreams from it stop following; restarted on the same
    // port and data, it is up again and everything follows.
    void monitorShowsAKilledReplicaDownThenBack()
    {
        QVERIFY2(m_set.waitSynced(10000), qPrintable(m_set.errorString()));
        ReplicaSetMonitor monitor;
        monitor.setIntervalMs(300);
        QVERIFY(monitor.start(m_set.uri(0)));
        QVERIFY2(waitFor([&] { return answered(monitor) == 3 && rowsFollowing(monitor) == 3; }, 8000),
                 qPrintable(describe(monitor)));
        const int row = monitor.indexOf(m_set.uri(2));
        QVERIFY(row >= 0);
        const QDateTime before = QDateTime::currentDateTime();
        QElapsedTimer t;
        t.start();
        m_set.kill(2);
        QVERIFY2(waitFor([&] { return monitor.instance(row).health == ReplicaSetInstance::Health::Down; }, 3000),
                 qPrintable(describe(monitor)));
        qInfo("killed replica shown down after %lld ms: %s", t.elapsed(), qPrintable(monitor.instance(row).lastError));
        const ReplicaSetInstance &down = monitor.instance(row);
        QVERIFY(!down.lastError.isEmpty());
        QVERIFY(down.healthSince >= before.addMSecs(-1) && down.healthSince <= QDateTime::currentDateTime());
        QVERIFY(down.lastErrorAt >= before.addMSecs(-1));
        // The master's upstream from it says so, with its URI.
        const int master = monitor.indexOf(m_set.uri(0));
        QVERIFY2(waitFor([&] { return monitor.instance(master).upstreamSummary().contains(m_set.uri(2)); }, 5000),
                 qPrintable(monitor.instance(master).upstreamSummary()));
        // Attempts that are refused keep it down, since the same time.
        const QDateTime since = down.healthSince;
        const int sent = monitor.refreshesSent();
        waitFor([] { return false; }, 700);
        QCOMPARE(monitor.instance(row).health, ReplicaSetInstance::Health::Down);
        QCOMPARE(monitor.instance(row).healthSince, since);
        QVERIFY(monitor.refreshesSent() > sent); // the others are still asked

        t.restart();
        QVERIFY2(m_set.restart(2), qPrintable(m_set.errorString()));
        QVERIFY2(waitFor([&] { return monitor.instance(row).health == ReplicaSetInstance::Health::Up; }, 5000),
                 qPrintable(describe(monitor)));
        qInfo("restarted replica shown up after %lld ms", t.elapsed());
        QVERIFY2(waitFor([&] { return rowsFollowing(monitor) == 3; }, 10000), qPrintable(describe(monitor)));
        QVERIFY(monitor.instance(row).healthSince >= since);
        QCOMPARE(monitor.count(), 3);
    }

    // A process that stops answering (SIGSTOP) is "not answering" after the refresh's
    // deadline, and up again once it goes on.
    void monitorMarksAFrozenInstanceNotAnswering()
    {
        QVERIFY2(m_set.waitSynced(10000), qPrintable(m_set.errorString()));
        ReplicaSetMonitor monitor;
        monitor.setIntervalMs(300);
        QCOMPARE(monitor.answerTimeoutMs(), 500);
        QVERIFY(monitor.start(m_set.uri(0)));
        QVERIFY2(waitFor([&] { return answered(monitor) == 3; }, 8000), qPrintable(describe(monitor)));
        const int row = monitor.indexOf(m_set.uri(1));
        const qint64 pid = m_set.pid(1);
        QVERIFY(pid > 0);
        ::kill(pid_t(pid), SIGSTOP);
        const bool frozen =
                waitFor([&] { return monitor.instance(row).health == ReplicaSetInstance::Health::NotAnswering; }, 3000);
        const QString error = monitor.instance(row).lastError;
        ::kill(pid_t(pid), SIGCONT);
        QVERIFY2(frozen, qPrintable(describe(monitor)));
        QCOMPARE(error, QStringLiteral("no answer within 0.5 s"));
        QVERIFY2(waitFor([&] { return monitor.instance(row).health == ReplicaSetInstance::Health::Up; }, 5000),
                 qPrintable(describe(monitor)));
    }

    // The interval decides how often every instance is asked, from the moment it is set.
    void monitorIntervalTakesEffect()
    {
        ReplicaSetMonitor monitor;
        QCOMPARE(monitor.intervalMs(), 2000);
        QVERIFY(monitor.start(m_set.uri(0)));
        QVERIFY2(waitFor([&] { return answered(monitor) == 3; }, 8000), qPrintable(describe(monitor)));
        int from = monitor.refreshesSent();
        waitFor([] { return false; }, 1000);
        const int slow = monitor.refreshesSent() - from; // at most one round in a second
        monitor.setIntervalMs(200);
        QCOMPARE(monitor.intervalMs(), 200);
        from = monitor.refreshesSent();
        waitFor([] { return false; }, 1000);
        const int fast = monitor.refreshesSent() - from;
        qInfo("refreshes in one second: %d at 2 s, %d at 200 ms", slow, fast);
        QVERIFY2(slow <= 3, qPrintable(QString::number(slow)));
        QVERIFY2(fast >= 3 * 3, qPrintable(QString::number(fast)));
    }

    // A seed that cannot be parsed is refused with a reason; one that does not listen is one
    // instance, down, with the Connection's error.
    void monitorBadSeeds()
    {
        ReplicaSetMonitor monitor;
        QVERIFY(!monitor.start(QStringLiteral("host:notaport")));
        QVERIFY(!monitor.error().isEmpty());
        QVERIFY(monitor.start(QStringLiteral("127.0.0.1:1")));
        QCOMPARE(monitor.count(), 1);
        QVERIFY(waitFor([&] { return monitor.instance(0).health == ReplicaSetInstance::Health::Down; }, 3000));
        QVERIFY2(monitor.instance(0).lastError.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
                 qPrintable(monitor.instance(0).lastError));
    }

private:
    // An instance a failed test left killed is started again, so one failure stays one.
    void restartKilled()
    {
        for (int i = 0; i < ReplicaSetFixture::kSize; ++i)
            if (!m_set.server(i).isRunning())
                QVERIFY2(m_set.restart(i), qPrintable(m_set.errorString()));
    }

    static int answered(const ReplicaSetMonitor &m)
    {
        int n = 0;
        for (int i = 0; i < m.count(); ++i)
            n += m.instance(i).answered && m.instance(i).health == ReplicaSetInstance::Health::Up;
        return n;
    }
    static int rowsFollowing(const ReplicaSetMonitor &m)
    {
        int n = 0;
        for (int i = 0; i < m.count(); ++i)
            n += m.instance(i).health == ReplicaSetInstance::Health::Up
                    && m.instance(i).upstreamSummary() == QLatin1String("follow");
        return n;
    }
    static QString describe(const ReplicaSetMonitor &m)
    {
        QStringList rows;
        for (int i = 0; i < m.count(); ++i) {
            const ReplicaSetInstance &in = m.instance(i);
            rows << QStringLiteral("%1 id %2 ro %3 health %4 up [%5] down [%6] error [%7]")
                            .arg(in.uri)
                            .arg(in.id)
                            .arg(in.ro)
                            .arg(int(in.health))
                            .arg(in.upstreamSummary(), in.downstreamSummary(), in.lastError);
        }
        return rows.join(QStringLiteral(" | "));
    }

    ReplicaSetFixture m_set;
};

QTEST_GUILESS_MAIN(tst_ReplicaSet)
#include "tst_replicaset.moc"
