// The "Server vitals" tab of the real MainWindow against a REAL tarantool: as guest on the
// sandbox its charts fill with plausible figures (CALL rate after calls, Lua memory, fibers);
// the polls are internal (hidden from the traffic view by default, absent from the history);
// polling stops while the tab is hidden; a busy server gets one poll at a time and "no answer
// for N s"; Pause freezes the charts but not the polling; a time
// hovered shows in every chart; a series keeps at most 300 points; against a tarantool whose
// guest has no rights the tab says which grant it needs.
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/Request.h"
#include "iproto/Iproto.h"
#include "iproto/Uri.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestHistoryModel.h"
#include "traffic/IprotoFrameFilter.h"
#include "traffic/IprotoFrameModel.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsChart.h"
#include "vitals/VitalsPanel.h"

#include <QAction>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

class TestVitals : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<TarantoolFixture> m_fx;

    static bool connect(MainWindow &w, const TarantoolFixture &fx)
    {
        w.connectTo(QStringLiteral("%1:%2").arg(fx.host()).arg(fx.port()));
        Connection *c = w.connection();
        return waitFor([c] { return c->isReady(); }, 10000);
    }

    static double maxOf(const QList<QPointF> &points)
    {
        double m = -1;
        for (const QPointF &p : points)
            m = std::max(m, p.y());
        return m;
    }

private slots:
    void initTestCase()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_vitals"));
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void guestOnSandboxGetsFigures()
    {
        MainWindow w;
        w.show();
        VitalsPanel *v = w.vitalsPanel();
        QVERIFY(v);
        QCOMPARE(w.tabs()->tabText(w.tabs()->indexOf(v)), QStringLiteral("Server vitals"));
        QVERIFY(w.findChild<QAction *>(QStringLiteral("actionShowVitals")));
        QVERIFY(connect(w, *m_fx));
        QVERIFY(!v->isPolling()); // not the current tab
        w.tabs()->setCurrentWidget(v);
        QVERIFY(v->isPolling());
        // Calls between polls: the CALL rate goes above zero.
        Connection *c = w.connection();
        QVERIFY(waitFor(
                [&] {
                    Request *r = c->call(QStringLiteral("tostring"), MpValue::array({ MpValue::integer(1) }));
                    QTest::qWait(100);
                    r->deleteLater();
                    return v->pollCount() >= 3
                            && maxOf(v->chart(QStringLiteral("requests"))->points(QStringLiteral("CALL"))) > 0;
                },
                10000));
        QVERIFY(maxOf(v->chart(QStringLiteral("memory"))->points(QStringLiteral("lua"))) > 0);
        QVERIFY(maxOf(v->chart(QStringLiteral("fibers"))->points(QStringLiteral("fibers"))) >= 1);
        QVERIFY(!v->chart(QStringLiteral("memory"))->points(QStringLiteral("slab arena_used")).isEmpty());
        QVERIFY(!v->chart(QStringLiteral("network"))->points(QStringLiteral("RECEIVED bytes/s")).isEmpty());
        QCOMPARE(v->chart(QStringLiteral("fibers"))->note(), QStringLiteral("fiber.top() is off"));
        QVERIFY2(v->rightsText().isEmpty(), qPrintable(v->rightsText()));
        QVERIFY(v->statusText().startsWith(QStringLiteral("updated at ")));

        // The polls are on the wire as EVALs marked own: the traffic view hides them by
        // default, the history never lists them.
        IprotoFrameModel *frames = w.iprotoView()->frames();
        const auto countEvals = [frames] {
            int evals = 0;
            for (int i = 0; i < frames->rowCount(); ++i) {
                const CapturedFrame *f = frames->frameAt(i);
                if (f && f->direction == CapturedFrame::Direction::Sent && f->hasCode && f->code == Iproto::EVAL) {
                    ++evals;
                    if (!f->own)
                        return -1;
                }
            }
            return evals;
        };
        QVERIFY(waitFor([&] { return countEvals() >= 3 || countEvals() < 0; }, 5000)); // rows come in batches
        QVERIFY(countEvals() >= 3);
        IprotoFrameFilter *filter = w.iprotoView()->filter();
        QVERIFY(!filter->showsOwn());
        for (int i = 0; i < filter->rowCount(); ++i) {
            const CapturedFrame *f = frames->frameAt(filter->mapToSource(filter->index(i, 0)).row());
            QVERIFY(f && !(f->hasCode && f->code == Iproto::EVAL));
        }
        QCOMPARE(w.remoteCallPanel()->history()->rowCount(), 0);

        // Hovering a time shows that time's values in every chart that has figures.
        const QList<QPointF> lua = v->chart(QStringLiteral("memory"))->points(QStringLiteral("lua"));
        const qint64 t = qint64(lua.last().x());
        v->showTime(t);
        const QString hhmmss = QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("HH:mm:ss"));
        for (VitalsChart *chart : v->charts()) {
            if (chart->figures().isEmpty())
                continue;
            QVERIFY2(chart->hoverText().startsWith(hhmmss), qPrintable(chart->objectName()));
        }
        QVERIFY(v->chart(QStringLiteral("memory"))->hoverText().contains(QStringLiteral("lua: ")));
        v->showTime(-1);
        QVERIFY(v->chart(QStringLiteral("memory"))->hoverText().isEmpty());

        // Pause freezes the charts; polling goes on.
        v->setPaused(true);
        QVERIFY(v->statusText().startsWith(QStringLiteral("paused at ")));
        const int shown = v->chart(QStringLiteral("memory"))->shownCount(QStringLiteral("lua"));
        const int polls = v->pollCount();
        QVERIFY(waitFor([&] { return v->pollCount() >= polls + 2; }, 5000));
        QCOMPARE(v->chart(QStringLiteral("memory"))->shownCount(QStringLiteral("lua")), shown);
        QVERIFY(v->chart(QStringLiteral("memory"))->points(QStringLiteral("lua")).size() > shown);
        v->setPaused(false);
        QVERIFY(v->chart(QStringLiteral("memory"))->shownCount(QStringLiteral("lua")) > shown);

        // Hidden: no polls.
        w.tabs()->setCurrentWidget(w.remoteCallPanel());
        QVERIFY(!v->isPolling());
        const int before = v->pollCount();
        QTest::qWait(2500);
        QCOMPARE(v->pollCount(), before);
        // Disconnected: no polls either, even when shown.
        w.tabs()->setCurrentWidget(v);
        QVERIFY(v->isPolling());
        c->disconnectFromServer();
        QVERIFY(waitFor([&] { return !v->isPolling(); }, 3000));
    }

    void slowServerOnePollInFlight()
    {
        MainWindow w;
        w.show();
        QVERIFY(connect(w, *m_fx));
        VitalsPanel *v = w.vitalsPanel();
        w.tabs()->setCurrentWidget(v);
        QVERIFY(waitFor([&] { return v->pollCount() >= 1; }, 5000));
        // Another connection keeps the server's TX thread busy for 3.5 s: polls get no answer.
        Connection blocker;
        Uri uri;
        QVERIFY(Uri::parse(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()), &uri, nullptr));
        blocker.connectToServer(uri);
        QVERIFY(waitFor([&] { return blocker.isReady(); }, 5000));
        Request *busy = blocker.eval(QStringLiteral("local clock = require('clock') local t = clock.monotonic() "
                                                    "while clock.monotonic() - t < 3.5 do end"),
                                     MpValue::array());
        int maxPending = 0;
        bool saidNoAnswer = false;
        QVERIFY(waitFor(
                [&] {
                    maxPending = std::max(maxPending, w.connection()->pendingCount());
                    saidNoAnswer = saidNoAnswer || v->statusText().startsWith(QStringLiteral("no answer for "));
                    return busy->isFinished();
                },
                15000));
        QVERIFY(saidNoAnswer);
        QCOMPARE(maxPending, 1);
        // Then polling goes on.
        const int polls = v->pollCount();
        QVERIFY(waitFor([&] { return v->pollCount() > polls; }, 4000));
        QVERIFY(v->statusText().startsWith(QStringLiteral("updated at ")));
    }

    void seriesAreBounded()
    {
        VitalsChart chart(QStringLiteral("test"));
        for (int i = 0; i < 1000; ++i)
            chart.append(QStringLiteral("x"), 1000LL * i, i);
        QCOMPARE(chart.points(QStringLiteral("x")).size(), VitalsChart::kMaxPoints);
        QCOMPARE(chart.points(QStringLiteral("x")).first().y(), 700.0);
    }

    void guestWithoutRightsIsTold()
    {
        TarantoolFixture fx(Boxscope::Test::testScript(QStringLiteral("vitals_noguest.lua")));
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        MainWindow w;
        w.show();
        QVERIFY(connect(w, fx));
        VitalsPanel *v = w.vitalsPanel();
        w.tabs()->setCurrentWidget(v);
        QVERIFY(waitFor([&] { return !v->rightsText().isEmpty(); }, 5000));
        QVERIFY2(v->rightsText().contains(
                         QStringLiteral("box.stat and box.info need 'execute' on 'universe' (or eval): grant with "
                                        "box.schema.user.grant('guest', 'execute', 'universe')")),
                 qPrintable(v->rightsText()));
        QVERIFY2(v->rightsText().contains(QStringLiteral("denied")), qPrintable(v->rightsText()));
        QCOMPARE(v->pollCount(), 0);
        QVERIFY(v->chart(QStringLiteral("memory"))->figures().isEmpty());
    }
};

QTEST_MAIN(TestVitals)
#include "tst_vitals.moc"
