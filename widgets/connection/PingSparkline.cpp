#include "connection/PingSparkline.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <vector>

namespace Boxscope {

PingSparkline::PingSparkline(QWidget *parent)
    : QWidget(parent)
{
    setFixedSize(80, 22);
    setAccessibleName(tr("Ping round-trip time chart"));
    updateSummary();
}

void PingSparkline::addSample(double ms)
{
    m_samples.push_back(ms);
    while (m_samples.size() > size_t(Capacity))
        m_samples.pop_front();
    updateSummary();
    update();
}

void PingSparkline::clear()
{
    m_samples.clear();
    updateSummary();
    update();
}

QString PingSparkline::summary() const
{
    if (m_samples.empty())
        return tr("No pings yet");
    std::vector<double> sorted(m_samples.begin(), m_samples.end());
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    const QLocale locale;
    return tr("Last %n ping(s): min %1 ms, median %2 ms, max %3 ms", nullptr, int(n))
            .arg(locale.toString(sorted.front(), 'f', 2), locale.toString(median, 'f', 2),
                 locale.toString(sorted.back(), 'f', 2));
}

void PingSparkline::updateSummary()
{
    const QString text = summary();
    setToolTip(text);
    setAccessibleDescription(text);
}

void PingSparkline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawLine(QPointF(0.5, height() - 0.5), QPointF(width() - 0.5, height() - 0.5));
    if (m_samples.empty())
        return;
    const auto [lo, hi] = std::minmax_element(m_samples.begin(), m_samples.end());
    const double range = std::max(*hi - *lo, 1e-9);
    const QRectF area = QRectF(rect()).adjusted(1.5, 2.5, -1.5, -2.5);
    // Spread over at least a fifth of the capacity, so the first few samples are not a dot.
    const double step = area.width() / double(std::max<size_t>(m_samples.size(), Capacity / 5) - 1);
    // Right-aligned: the newest sample at the right edge.
    const double x0 = area.right() - step * double(m_samples.size() - 1);
    QPainterPath path;
    for (size_t i = 0; i < m_samples.size(); ++i) {
        const double y = m_samples.size() == 1 || *hi == *lo
                ? area.center().y()
                : area.bottom() - (m_samples[i] - *lo) / range * area.height();
        const QPointF pt(x0 + step * double(i), y);
        if (i == 0)
            path.moveTo(pt);
        else
            path.lineTo(pt);
    }
    p.setPen(QPen(palette().color(QPalette::Highlight), 1.2));
    p.drawPath(path);
    p.setBrush(palette().color(QPalette::Highlight));
    p.drawEllipse(path.currentPosition(), 1.8, 1.8);
}

} // namespace Boxscope
