#include "remotecall/PushRateChart.h"

#include "client/Request.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace Boxscope {

namespace {

QChart *makeChart()
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

QChartView *makeView(QChart *chart, const QString &name, QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(name);
    view->setMinimumSize(120, 80);
    return view;
}

} // namespace

PushRateChart::PushRateChart(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Push rate and gaps"));
    // Category labels are rich text: no "<".
    m_gapNames =
            QStringList { tr("0–0.1 ms"), tr("0.1–1 ms"), tr("1–10 ms"), tr("10–100 ms"), tr("0.1–1 s"), tr("≥ 1 s") };
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Push rate summary"));
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    QChart *rateChart = makeChart();
    m_rate = new QLineSeries(rateChart);
    m_rate->setName(tr("Pushes per second"));
    rateChart->addSeries(m_rate);
    m_rateX = new QValueAxis(rateChart);
    m_rateX->setTitleText(tr("s since sent"));
    m_rateX->setLabelFormat(QStringLiteral("%g"));
    m_rateY = new QValueAxis(rateChart);
    m_rateY->setTitleText(tr("pushes/s"));
    m_rateY->setLabelFormat(QStringLiteral("%g"));
    rateChart->addAxis(m_rateX, Qt::AlignBottom);
    rateChart->addAxis(m_rateY, Qt::AlignLeft);
    m_rate->attachAxis(m_rateX);
    m_rate->attachAxis(m_rateY);
    m_rateView = makeView(rateChart, tr("Pushes per second"), this);

    QChart *gapChart = makeChart();
    // Horizontal bars: the bins' names fit beside them in a narrow pane.
    auto *bars = new QHorizontalBarSeries(gapChart);
    m_gapSet = new QBarSet(tr("Gaps"));
    for (int i = 0; i < PushRateStats::GapBins; ++i)
        *m_gapSet << 0;
    bars->append(m_gapSet);
    gapChart->addSeries(bars);
    auto *gapX = new QBarCategoryAxis(gapChart);
    gapX->append(m_gapNames);
    m_gapY = new QValueAxis(gapChart);
    m_gapY->setLabelFormat(QStringLiteral("%g"));
    m_gapY->setTitleText(tr("gaps between pushes"));
    gapChart->addAxis(gapX, Qt::AlignLeft);
    gapChart->addAxis(m_gapY, Qt::AlignBottom);
    bars->attachAxis(gapX);
    bars->attachAxis(m_gapY);
    m_gapView = makeView(gapChart, tr("Gaps between pushes"), this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    // One chart at a time: each gets the pane's whole height.
    m_views = new QTabWidget(this);
    m_views->setAccessibleName(tr("Push charts"));
    m_views->setDocumentMode(true);
    m_views->setTabPosition(QTabWidget::South);
    m_views->addTab(m_rateView, tr("Rate"));
    m_views->addTab(m_gapView, tr("Gaps"));
    layout->addWidget(m_views, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        refresh();
        if (!m_dirty && (!m_request || m_request->isFinished()))
            m_timer->stop();
    });
    applyPalette();
    setRequest(nullptr);
}

void PushRateChart::setRequest(Request *request)
{
    if (m_request)
        m_request->disconnect(this);
    m_request = request;
    m_stats.clear();
    if (request) {
        const PushStore &held = request->pushes();
        for (size_t i = 0; i < held.size(); ++i)
            m_stats.addPush(held.elapsedNsAt(i));
        connect(request, &Request::pushesReceived, this, [this](quint64 first, quint64 last) {
            // Each push's own time where it is kept; now for those not kept.
            const PushStore &kept = m_request->pushes();
            const quint64 firstKept = kept.empty() ? last + 1 : kept.indexAt(0);
            for (quint64 index = first; index <= last; ++index)
                m_stats.addPush(index >= firstKept ? kept.elapsedNsAt(size_t(index - firstKept))
                                                   : m_request->elapsedNs());
            m_dirty = true;
        });
        if (!request->isFinished())
            m_timer->start();
    }
    m_dirty = true;
    refresh();
}

void PushRateChart::refresh()
{
    if (m_dirty && isVisible())
        redraw();
}

void PushRateChart::redraw()
{
    m_dirty = false;
    ++m_redraws;
    // Bins of 100 ms, or 1, 2, 5 × 10^k of them, so that at most MaxPoints show.
    const qint64 spanBins = m_stats.firstBin() + qint64(m_stats.bins().size());
    int factor = 1;
    for (int step = 1, decade = 1; spanBins > qint64(factor) * MaxPoints; ++step) {
        if (step % 3 == 0)
            decade *= 10;
        factor = decade * (step % 3 == 0 ? 1 : step % 3 == 1 ? 2 : 5);
    }
    qint64 first = 0;
    const std::vector<quint64> counts = m_stats.binsOf(factor, &first);
    const double width = double(factor) * double(PushRateStats::BinNs) / 1e9;
    QList<QPointF> points;
    points.reserve(int(counts.size()) * 2);
    double peak = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        const double x0 = double(first + qint64(i) * factor) * double(PushRateStats::BinNs) / 1e9;
        const double rate = double(counts[i]) / width;
        peak = std::max(peak, rate);
        points << QPointF(x0, rate) << QPointF(x0 + width, rate);
    }
    m_rate->replace(points);
    const double end = points.isEmpty() ? 1.0 : points.constLast().x();
    m_rateX->setRange(points.isEmpty() ? 0.0 : points.constFirst().x(), std::max(end, 1.0));
    m_rateY->setRange(0, std::max(peak * 1.1, 1.0));
    m_rateY->applyNiceNumbers();

    quint64 tallest = 0;
    for (int i = 0; i < PushRateStats::GapBins; ++i) {
        m_gapSet->replace(i, double(m_stats.gaps()[size_t(i)]));
        tallest = std::max(tallest, m_stats.gaps()[size_t(i)]);
    }
    m_gapY->setRange(0, std::max(double(tallest) * 1.1, 1.0));
    m_gapY->applyNiceNumbers();

    QString text;
    if (!m_request) {
        text = tr("No request selected");
    } else {
        const QLocale locale;
        text = tr("%1 pushes, peak %2/s (bins of %3 s)")
                       .arg(locale.toString(qulonglong(m_stats.total())), locale.toString(peak, 'g', 6),
                            locale.toString(width, 'g', 3));
        if (m_request->pushCount() > m_stats.total())
            text += tr("; %1 received before this view counted")
                            .arg(locale.toString(qulonglong(m_request->pushCount() - m_stats.total())));
    }
    m_summary->setText(text);
    m_summary->setToolTip(text);
    m_rateView->setAccessibleDescription(text);
    QStringList gaps;
    for (int i = 0; i < PushRateStats::GapBins; ++i)
        gaps << QStringLiteral("%1: %2").arg(m_gapNames.at(i), QString::number(m_stats.gaps()[size_t(i)]));
    m_gapView->setAccessibleDescription(gaps.join(QStringLiteral(", ")));
}

void PushRateChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void PushRateChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void PushRateChart::applyPalette()
{
    // Small labels: the charts share a narrow pane with the selected push.
    const QBrush text = palette().text();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.75);
    for (QChart *chart : { m_rateView->chart(), m_gapView->chart() }) {
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsBrush(text);
            axis->setTitleBrush(text);
            axis->setLabelsFont(small);
            axis->setTitleFont(small);
        }
    }
    m_rate->setColor(palette().highlight().color());
    m_gapSet->setColor(palette().highlight().color());
}

} // namespace Boxscope
