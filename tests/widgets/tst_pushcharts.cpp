// Charts in the real main window against a real tarantool: a request's pushes per second and
// the gaps between its pushes (the Chart tab beside the selected push), counted as they come
// and redrawn at most every PushRateChart::RefreshMs, and the ping round-trip times as a small
// chart in the connection bar.

#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "connection/ConnectionBar.h"
#include "connection/PingSparkline.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushRateChart.h"
#include "remotecall/PushRateStats.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestForm.h"

#include <QBarSet>
#include <QChartView>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QTabWidget>
#include <QtTest>

#include <map>
#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_PushCharts : public QObject
{
    Q_OBJECT

    std::unique_ptr<TarantoolFixture> m_fx;
    std::unique_ptr<MainWindow> m_w;

    Request *send(const QString &function, const QString &args)
    {
        RemoteCallPanel *panel = m_w->remoteCallPanel();
        panel->form()->setMethod(RequestSpec::Method::Call);
        panel->form()->targetEdit()->setText(function);
        panel->form()->argumentsEdit()->setPlainText(args);
        return panel->send();
    }

    PushRateChart *showChart()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        d->pushTabs()->setCurrentWidget(d->pushChart());
        return d->pushChart();
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_w = std::make_unique<MainWindow>();
        m_w->resize(1366, 768);
        m_w->show();
        m_w->connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()), QStringLiteral("boxscope"),
                       QStringLiteral("secret"));
        Connection *c = m_w->connection();
        QVERIFY2(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000),
                 qPrintable(c->lastError().toString()));
    }

    void cleanupTestCase()
    {
        m_w.reset();
        m_fx.reset();
    }

    // The gap bins are decades from 0.1 ms.
    void gapBins()
    {
        QCOMPARE(PushRateStats::gapBin(0), 0);
        QCOMPARE(PushRateStats::gapBin(99'999), 0);
        QCOMPARE(PushRateStats::gapBin(100'000), 1);
        QCOMPARE(PushRateStats::gapBin(9'999'999), 2);
        QCOMPARE(PushRateStats::gapBin(20'000'000), 3);
        QCOMPARE(PushRateStats::gapBin(999'999'999), 4);
        QCOMPARE(PushRateStats::gapBin(1'000'000'000), 5);
        QCOMPARE(PushRateStats::gapBin(3600'000'000'000), 5);
    }

    // 40 pushes 20 ms apart: the per-second counts and the drawn rates are those of the pushes'
    // receive times; 39 gaps, most between 10 and 100 ms.
    void pushesOfARequest()
    {
        PushRateChart *chart = showChart();
        QVERIFY(!chart->accessibleName().isEmpty());
        QVERIFY(!chart->rateView()->accessibleName().isEmpty());
        QVERIFY(!chart->gapView()->accessibleName().isEmpty());
        Request *r = send(QStringLiteral("progress"), QStringLiteral("40, 0.02"));
        QVERIFY(r);
        QVERIFY(waitFor([r] { return r->isFinished(); }, 10000));
        QCOMPARE(r->pushCount(), quint64(40));
        QCOMPARE(r->pushes().size(), size_t(40));
        QTRY_VERIFY_WITH_TIMEOUT(chart->stats().total() == 40 && chart->summaryLabel()->text().startsWith("40 pushes"),
                                 2000);

        // Per second and per 100 ms, bin by bin, as the pushes' own receive times say.
        for (const int factor : { 10, 1 }) {
            std::map<qint64, quint64> expected;
            for (const Push &p : r->pushes())
                ++expected[p.elapsedNs / (PushRateStats::BinNs * factor)];
            qint64 first = -1;
            const std::vector<quint64> bins = chart->stats().binsOf(factor, &first);
            QCOMPARE(first, qint64(0));
            quint64 sum = 0;
            for (size_t i = 0; i < bins.size(); ++i) {
                QCOMPARE(bins[i], expected.count(qint64(i)) ? expected[qint64(i)] : 0);
                sum += bins[i];
            }
            QCOMPARE(sum, quint64(40));
        }
        // The drawn steps: rate × width is the bin's count; they start at the send.
        const QList<QPointF> points = chart->rateSeries()->points();
        QVERIFY(!points.isEmpty());
        QCOMPARE(points.first().x(), 0.0);
        double drawn = 0;
        for (int i = 0; i + 1 < points.size(); i += 2) {
            QCOMPARE(points[i].y(), points[i + 1].y());
            const double width = points[i + 1].x() - points[i].x();
            const qint64 from = qRound64(points[i].x() * 1e9), to = qRound64(points[i + 1].x() * 1e9);
            quint64 inBin = 0;
            for (const Push &p : r->pushes())
                inBin += p.elapsedNs >= from && p.elapsedNs < to;
            QCOMPARE(qRound64(points[i].y() * width), qint64(inBin));
            drawn += points[i].y() * width;
        }
        QCOMPARE(qRound64(drawn), qint64(40));

        // The gaps: 39, in the bins of the receive times' differences, most in 10–100 ms.
        std::array<quint64, PushRateStats::GapBins> gaps {};
        for (size_t i = 1; i < r->pushes().size(); ++i)
            ++gaps[size_t(PushRateStats::gapBin(r->pushes()[i].elapsedNs - r->pushes()[i - 1].elapsedNs))];
        QCOMPARE(chart->stats().gapCount(), quint64(39));
        double bars = 0;
        for (int i = 0; i < PushRateStats::GapBins; ++i) {
            QCOMPARE(chart->stats().gaps()[size_t(i)], gaps[size_t(i)]);
            QCOMPARE(chart->gapSet()->at(i), double(gaps[size_t(i)]));
            bars += chart->gapSet()->at(i);
        }
        QCOMPARE(bars, 39.0);
        QVERIFY2(chart->gapSet()->at(3) > 20, qPrintable(QString::number(chart->gapSet()->at(3))));

        // Selecting another request and back again counts the kept pushes anew.
        m_w->remoteCallPanel()->detail()->showRequest(nullptr);
        QCOMPARE(chart->stats().total(), quint64(0));
        m_w->remoteCallPanel()->detail()->showRequest(r);
        QCOMPARE(chart->stats().total(), quint64(40));
        QCOMPARE(chart->gapSet()->at(3), double(gaps[3]));
    }

    // A flood of 100 000 pushes: every push counted, the charts redrawn at most every
    // RefreshMs (and at the selection), the window stays responsive.
    void floodRedrawsBounded()
    {
        PushRateChart *chart = showChart();
        QElapsedTimer clock;
        clock.start();
        Request *r = send(QStringLiteral("push_n"), QStringLiteral("100000, 16"));
        QVERIFY(r);
        const int before = chart->redrawCount();
        QVERIFY(waitFor([r] { return r->isFinished(); }, 60000));
        QTRY_COMPARE_WITH_TIMEOUT(chart->stats().total(), quint64(100000), 2000);
        QTest::qWait(2 * PushRateChart::RefreshMs);
        const qint64 ms = clock.elapsed();
        const int redraws = chart->redrawCount() - before;
        qInfo("100000 pushes in %lld ms: %d redraws", ms, redraws);
        QVERIFY(redraws >= 1);
        QVERIFY2(redraws <= ms / PushRateChart::RefreshMs + 3, qPrintable(QString::number(redraws)));
        QVERIFY(chart->summaryLabel()->text().startsWith(QStringLiteral("100,000 pushes")));
        quint64 sum = 0;
        for (quint64 n : chart->stats().binsOf(1))
            sum += n;
        QCOMPARE(sum, quint64(100000));
        QVERIFY(chart->rateSeries()->count() <= 2 * PushRateChart::MaxPoints);
    }

    // Each ping adds a point to the bar's chart; the tooltip has min, median and max.
    void pingChart()
    {
        ConnectionBar *bar = m_w->connectionBar();
        PingSparkline *spark = bar->rttChart();
        QVERIFY(spark);
        QVERIFY(!spark->accessibleName().isEmpty());
        QCOMPARE(spark->size(), QSize(80, 22));
        const size_t before = spark->samples().size();
        QVERIFY(before >= 1); // the ping at connect
        const QPoint at = spark->mapTo(m_w.get(), QPoint(0, 0));
        for (int i = 1; i <= 3; ++i) {
            bar->ping();
            QTRY_COMPARE_WITH_TIMEOUT(spark->samples().size(), before + size_t(i), 5000);
            QCOMPARE(bar->rttLabel()->text(), QStringLiteral("ping %1 ms").arg(spark->samples().back(), 0, 'f', 2));
        }
        QCOMPARE(spark->mapTo(m_w.get(), QPoint(0, 0)), at);
        QVERIFY2(spark->toolTip().contains(QStringLiteral("min "))
                         && spark->toolTip().contains(QStringLiteral("median "))
                         && spark->toolTip().contains(QStringLiteral("max ")),
                 qPrintable(spark->toolTip()));
        QCOMPARE(spark->accessibleDescription(), spark->toolTip());
        for (int i = 0; i < PingSparkline::Capacity + 5; ++i)
            spark->addSample(1.0 + i);
        QCOMPARE(spark->samples().size(), size_t(PingSparkline::Capacity));
        QCOMPARE(spark->samples().back(), 1.0 + PingSparkline::Capacity + 4);
    }
};

QTEST_MAIN(tst_PushCharts)
#include "tst_pushcharts.moc"
