#pragma once

#include <QChartView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <deque>

class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace Boxscope {

/// One group of the vitals tab (requests, network, memory, ...): a line chart over a time axis
/// (x: ms since the epoch) with one series per figure, created when the figure first appears,
/// each keeping at most kMaxPoints points. A vertical line and a label show the values at a
/// hovered time; hovering emits hovered() so the panel can show the same time in every chart.
class VitalsChart : public QChartView
{
    Q_OBJECT
public:
    static constexpr int kMaxPoints = 300;

    VitalsChart(const QString &title, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    /// Adds a point to the figure's series (the display changes on refresh()).
    void append(const QString &figure, qint64 timeMs, double value);
    /// Shows the kept points over [fromMs, toMs].
    void refresh(qint64 fromMs, qint64 toMs);
    /// Draws the vertical line at timeMs and labels it with each figure's value there (the point
    /// nearest in time); a negative time hides both.
    void showTime(qint64 timeMs);
    /// What the hover label says now (empty when hidden).
    QString hoverText() const;
    QStringList figures() const { return m_order; }
    /// The kept points of a figure, oldest first.
    QList<QPointF> points(const QString &figure) const;
    /// How many of them the chart shows now (fewer while paused).
    int shownCount(const QString &figure) const;
    /// Shown over the plot when the group has no figures (why not).
    void setNote(const QString &text);
    QString note() const { return m_noteText; }

signals:
    void hovered(qint64 timeMs);
    void left();

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Series
    {
        QLineSeries *line = nullptr;
        std::deque<QPointF> points;
    };
    QString m_title;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    QHash<QString, Series> m_series;
    QStringList m_order;
    QGraphicsLineItem *m_cursor;
    QGraphicsSimpleTextItem *m_label;
    QGraphicsSimpleTextItem *m_note;
    QString m_noteText;
    qint64 m_cursorMs = -1;
};

} // namespace Boxscope
