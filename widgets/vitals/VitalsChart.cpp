#include "vitals/VitalsChart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace Boxscope {

VitalsChart::VitalsChart(const QString &title, QWidget *parent)
    : QChartView(new QChart, parent) // not setChart() later: it would release, not delete, a default one
    , m_title(title)
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis)
{
    setAccessibleName(title);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setMinimumHeight(180);
    QChart *c = chart();
    c->setTitle(title);
    c->legend()->setAlignment(Qt::AlignRight);
    c->setMargins(QMargins(4, 2, 4, 2));
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(6);
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    m_y->setRange(0, 1);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    m_cursor = new QGraphicsLineItem(c);
    m_cursor->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
    m_cursor->setZValue(10);
    m_cursor->hide();
    m_label = new QGraphicsSimpleTextItem(c);
    m_label->setBrush(palette().color(QPalette::WindowText));
    m_label->setZValue(11);
    m_label->hide();
    m_note = new QGraphicsSimpleTextItem(c);
    m_note->setBrush(palette().color(QPalette::WindowText));
    m_note->hide();
}

void VitalsChart::append(const QString &figure, qint64 timeMs, double value)
{
    if (!std::isfinite(value))
        return;
    auto it = m_series.find(figure);
    if (it == m_series.end()) {
        Series s;
        s.line = new QLineSeries;
        s.line->setName(figure);
        chart()->addSeries(s.line);
        s.line->attachAxis(m_x);
        s.line->attachAxis(m_y);
        it = m_series.insert(figure, s);
        m_order << figure;
    }
    it->points.emplace_back(double(timeMs), value);
    while (it->points.size() > size_t(kMaxPoints))
        it->points.pop_front();
}

void VitalsChart::refresh(qint64 fromMs, qint64 toMs)
{
    double top = 0;
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        QList<QPointF> shown;
        shown.reserve(int(it->points.size()));
        for (const QPointF &p : it->points) {
            if (p.x() < double(fromMs))
                continue;
            shown << p;
            top = std::max(top, p.y());
        }
        it->line->replace(shown);
    }
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    m_y->setRange(0, top > 0 ? top * 1.1 : 1);
    showTime(m_cursorMs);
}

QList<QPointF> VitalsChart::points(const QString &figure) const
{
    const auto it = m_series.constFind(figure);
    return it == m_series.cend() ? QList<QPointF>() : QList<QPointF>(it->points.begin(), it->points.end());
}

int VitalsChart::shownCount(const QString &figure) const
{
    const auto it = m_series.constFind(figure);
    return it == m_series.cend() ? 0 : int(it->line->count());
}

void VitalsChart::showTime(qint64 timeMs)
{
    m_cursorMs = timeMs;
    if (timeMs < 0 || m_series.isEmpty()) {
        m_cursor->hide();
        m_label->hide();
        m_label->setText(QString());
        return;
    }
    const QRectF plot = chart()->plotArea();
    const double x = chart()->mapToPosition(QPointF(double(timeMs), 0)).x();
    m_cursor->setLine(x, plot.top(), x, plot.bottom());
    m_cursor->setVisible(x >= plot.left() && x <= plot.right());
    QStringList values;
    QStringList lines { QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm:ss")) };
    for (const QString &figure : m_order) {
        const auto &points = m_series[figure].points;
        const QPointF *best = nullptr;
        double bestDistance = std::numeric_limits<double>::max();
        for (const QPointF &p : points) {
            const double d = std::abs(p.x() - double(timeMs));
            if (d < bestDistance) {
                bestDistance = d;
                best = &p;
            }
        }
        if (best && bestDistance <= 1500)
            values << QStringLiteral("%1: %2").arg(figure, QString::number(best->y(), 'g', 6));
    }
    // Three figures a line, so a group of many stays inside the plot.
    for (int i = 0; i < values.size(); i += 3)
        lines << values.mid(i, 3).join(QStringLiteral("   "));
    m_label->setText(lines.join(QLatin1Char('\n')));
    const QRectF box = m_label->boundingRect();
    m_label->setPos(x + 6 + box.width() > plot.right() ? x - 6 - box.width() : x + 6, plot.top() + 2);
    m_label->show();
}

QString VitalsChart::hoverText() const
{
    return m_label->isVisible() ? m_label->text() : QString();
}

void VitalsChart::setNote(const QString &text)
{
    m_noteText = text;
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    const QRectF plot = chart()->plotArea();
    m_note->setPos(plot.left() + 8, plot.top() + 8);
}

void VitalsChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    if (chart()->plotArea().contains(chartPos))
        emit hovered(qint64(chart()->mapToValue(chartPos).x()));
    else
        emit left();
}

void VitalsChart::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    emit left();
}

void VitalsChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    setNote(m_noteText);
    showTime(m_cursorMs);
}

} // namespace Boxscope
