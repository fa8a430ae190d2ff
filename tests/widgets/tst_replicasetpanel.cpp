// The replica-set panel driven through its real widgets (offscreen) over a real three-instance
// replica set: Discover fills the table (master rw, two replicas ro, every upstream following),
// a replica killed by its PID is shown down with the time and the error and up again after its
// restart, the interval box sets the pace, and Open / Open all ask for the instances' URIs.
#include "ReplicaSetFixture.h"
#include "TarantoolFixture.h"
#include "client/ReplicaSetMonitor.h"
#include "replicaset/ReplicaSetModel.h"
#include "replicaset/ReplicaSetPanel.h"
#include "sandbox/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_ReplicaSetPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        QVERIFY2(m_set.start(), qPrintable(m_set.errorString()));
        QVERIFY2(m_set.waitSynced(10000), qPrintable(m_set.errorString()));
    }

    void init()
    {
        restartKilled();
        m_panel = std::make_unique<ReplicaSetPanel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->resize(1300, 300);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_tester.reset();
        m_panel.reset();
    }

    // Discover from a replica's URI: three rows, the master rw, the replicas ro, all following.
    void discoverShowsTheSet()
    {
        auto *seed = m_panel->findChild<QLineEdit *>();
        QVERIFY(seed);
        QCOMPARE(seed->accessibleName(), QStringLiteral("Seed URI"));
        m_panel->setSeed(m_set.uri(1), QStringLiteral("boxscope"), QStringLiteral("secret"));
        QCOMPARE(seed->text(), m_set.uri(1));
        setInterval(0.3);
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(button(QStringLiteral("Discover the replica set")), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return following() == 3; }, 8000), qPrintable(describe()));
        qInfo("table shows three following instances after %lld ms", t.elapsed());
        QAbstractItemModel *m = m_panel->model();
        QCOMPARE(m->rowCount(), 3);
        for (int i = 0; i < ReplicaSetFixture::kSize; ++i) {
            const int row = rowOf(m_set.uri(i));
            QVERIFY2(row >= 0, qPrintable(describe()));
            QCOMPARE(text(row, ReplicaSetModel::Role),
                     i == ReplicaSetFixture::kMaster ? QStringLiteral("rw") : QStringLiteral("ro"));
            QCOMPARE(text(row, ReplicaSetModel::Status), QStringLiteral("running"));
            QCOMPARE(text(row, ReplicaSetModel::Upstream), QStringLiteral("follow"));
            QCOMPARE(text(row, ReplicaSetModel::Downstream), QStringLiteral("follow"));
            QVERIFY(text(row, ReplicaSetModel::Lag).endsWith(QStringLiteral(" s")));
            QVERIFY(text(row, ReplicaSetModel::Vclock).startsWith(QStringLiteral("{1: ")));
            QVERIFY(!text(row, ReplicaSetModel::Instance).isEmpty());
            QVERIFY(text(row, ReplicaSetModel::Problem).isEmpty());
            QVERIFY(!m->index(row, 0).data(ReplicaSetModel::LagHistoryRole).value<QList<double>>().isEmpty());
            auto *open =
                    qobject_cast<QPushButton *>(m_panel->table()->indexWidget(m->index(row, ReplicaSetModel::Open)));
            QVERIFY(open);
            QCOMPARE(open->accessibleName(), QStringLiteral("Open %1 as a connection").arg(m_set.uri(i)));
        }
        QVERIFY2(m_panel->statusText().startsWith(QStringLiteral("Instances: 3, down: 0;")),
                 qPrintable(m_panel->statusText()));
        QCOMPARE(m_panel->table()->accessibleName(), QStringLiteral("Replica set instances"));
        QVERIFY(!m_panel->grab().isNull()); // the lag chart delegate paints
    }

    // A replica killed by its PID: its row says down, since when and why, within a deadline;
    // restarted on the same port and data, it is running and following again.
    void killedReplicaShownDownThenBack()
    {
        discoverFrom(m_set.uri(0));
        const int row = rowOf(m_set.uri(2));
        QVERIFY(row >= 0);
        QElapsedTimer t;
        t.start();
        m_set.kill(2);
        QVERIFY2(QTest::qWaitFor([&] { return text(row, ReplicaSetModel::Status) == QLatin1String("down"); }, 3000),
                 qPrintable(describe()));
        qInfo("row shows down after %lld ms: %s", t.elapsed(), qPrintable(text(row, ReplicaSetModel::Problem)));
        const QString problem = text(row, ReplicaSetModel::Problem);
        QVERIFY2(QRegularExpression(QStringLiteral("^down since \\d\\d:\\d\\d:\\d\\d: .+")).match(problem).hasMatch(),
                 qPrintable(problem));
        QVERIFY2(m_panel->statusText().startsWith(QStringLiteral("Instances: 3, down: 1;")),
                 qPrintable(m_panel->statusText()));
        const int master = rowOf(m_set.uri(0));
        QVERIFY2(QTest::qWaitFor([&] { return text(master, ReplicaSetModel::Upstream).contains(m_set.uri(2)); }, 5000),
                 qPrintable(describe()));

        t.restart();
        QVERIFY2(m_set.restart(2), qPrintable(m_set.errorString()));
        QVERIFY2(QTest::qWaitFor([&] { return following() == 3; }, 10000), qPrintable(describe()));
        qInfo("all three following again %lld ms after the restart", t.elapsed());
        QVERIFY(text(row, ReplicaSetModel::Problem).isEmpty());
        QVERIFY(!m_panel->model()->index(row, ReplicaSetModel::Problem).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(m_panel->model()->rowCount(), 3);
    }

    // The interval box sets how often the instances are asked, from the moment it changes.
    void intervalChangeTakesEffect()
    {
        discoverFrom(m_set.uri(0));
        setInterval(2.0);
        ReplicaSetMonitor *monitor = m_panel->monitor();
        QTest::qWait(100);
        int from = monitor->refreshesSent();
        QTest::qWait(1000);
        const int slow = monitor->refreshesSent() - from;
        setInterval(0.2);
        QCOMPARE(monitor->intervalMs(), 200);
        from = monitor->refreshesSent();
        QTest::qWait(1000);
        const int fast = monitor->refreshesSent() - from;
        qInfo("refreshes in one second: %d at 2 s, %d at 0.2 s", slow, fast);
        QVERIFY2(slow <= 3, qPrintable(QString::number(slow)));
        QVERIFY2(fast >= 9, qPrintable(QString::number(fast)));
        QVERIFY2(m_panel->statusText().endsWith(QStringLiteral("refreshed every 0.2 s")),
                 qPrintable(m_panel->statusText()));
    }

    // A row's Open asks for its URI; Open all for every instance's.
    void openRequestsUris()
    {
        discoverFrom(m_set.uri(0));
        QSignalSpy spy(m_panel.get(), &ReplicaSetPanel::openRequested);
        const int row = rowOf(m_set.uri(1));
        auto *open = qobject_cast<QPushButton *>(
                m_panel->table()->indexWidget(m_panel->model()->index(row, ReplicaSetModel::Open)));
        QVERIFY(open);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), m_set.uri(1));
        spy.clear();
        QTest::mouseClick(button(QStringLiteral("Open all instances as connections")), Qt::LeftButton);
        QStringList uris;
        for (const auto &args : spy)
            uris << args.at(0).toString();
        uris.sort();
        QStringList expected = m_set.uris();
        expected.sort();
        QCOMPARE(uris, expected);
    }

    // A seed that cannot be parsed says why under the table.
    void badSeedIsExplained()
    {
        m_panel->setSeed(QStringLiteral("host:notaport"));
        QTest::mouseClick(button(QStringLiteral("Discover the replica set")), Qt::LeftButton);
        QVERIFY2(m_panel->statusText().startsWith(QStringLiteral("Cannot use the seed: ")),
                 qPrintable(m_panel->statusText()));
        QCOMPARE(m_panel->model()->rowCount(), 0);
    }

private:
    // An instance a failed test left killed is started again, so one failure stays one.
    void restartKilled()
    {
        for (int i = 0; i < ReplicaSetFixture::kSize; ++i)
            if (!m_set.server(i).isRunning())
                QVERIFY2(m_set.restart(i), qPrintable(m_set.errorString()));
    }

    QPushButton *button(const QString &accessibleName) const
    {
        for (QPushButton *b : m_panel->findChildren<QPushButton *>())
            if (b->accessibleName() == accessibleName)
                return b;
        return nullptr;
    }
    void setInterval(double s)
    {
        auto *box = m_panel->findChild<QDoubleSpinBox *>();
        QVERIFY(box);
        QCOMPARE(box->accessibleName(), QStringLiteral("Refresh interval"));
        box->setValue(s);
    }
    void discoverFrom(const QString &uri)
    {
        setInterval(0.3);
        m_panel->setSeed(uri);
        QTest::mouseClick(button(QStringLiteral("Discover the replica set")), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return following() == 3; }, 10000), qPrintable(describe()));
    }
    QString text(int row, int column) const { return m_panel->model()->index(row, column).data().toString(); }
    int rowOf(const QString &uri) const
    {
        for (int row = 0; row < m_panel->model()->rowCount(); ++row)
            if (text(row, ReplicaSetModel::Uri) == uri)
                return row;
        return -1;
    }
    int following() const
    {
        int n = 0;
        for (int row = 0; row < m_panel->model()->rowCount(); ++row)
            n += text(row, ReplicaSetModel::Status) == QLatin1String("running")
                    && text(row, ReplicaSetModel::Upstream) == QLatin1String("follow");
        return n;
    }
    QString describe() const
    {
        QStringList rows;
        for (int row = 0; row < m_panel->model()->rowCount(); ++row) {
            QStringList cells;
            for (int c = 0; c < ReplicaSetModel::ColumnCount; ++c)
                cells << text(row, c);
            rows << cells.join(QStringLiteral(" / "));
        }
        return rows.join(QStringLiteral(" | "));
    }

    ReplicaSetFixture m_set;
    std::unique_ptr<ReplicaSetPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(tst_ReplicaSetPanel)
#include "tst_replicasetpanel.moc"
