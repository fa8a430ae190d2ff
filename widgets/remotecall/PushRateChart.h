#pragma once

#include "remotecall/PushRateStats.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QBarSet;
class QChartView;
class QLabel;
class QLineSeries;
class QTabWidget;
class QTimer;
class QValueAxis;

namespace Boxscope {

class Request;

/// One request's pushes per second over time (x: seconds since it was sent, bins of 100 ms
/// or wider so that at most MaxPoints show) and a histogram of the gaps between consecutive
/// pushes (PushRateStats' decade bins), live while it runs. The pushes are counted as they
/// come (PushRateStats); the charts are redrawn from the counts at most every RefreshMs, and
/// only while shown, so a flood of pushes costs a counter increment each.
class PushRateChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RefreshMs = 200;
    static constexpr int MaxPoints = 300;

    explicit PushRateChart(QWidget *parent = nullptr);

    /// Counts request's pushes (those it kept so far, then each as it comes); nullptr: none.
    void setRequest(Request *request);

    const PushRateStats &stats() const { return m_stats; }
    QLineSeries *rateSeries() const { return m_rate; }
    QBarSet *gapSet() const { return m_gapSet; }
    QChartView *rateView() const { return m_rateView; }
    QChartView *gapView() const { return m_gapView; }
    /// The two charts, one shown at a time.
    QTabWidget *views() const { return m_views; }
    QLabel *summaryLabel() const { return m_summary; }
    /// How many times the charts' data were replaced.
    int redrawCount() const { return m_redraws; }
    /// Redraws now if counts changed since the last redraw.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void redraw();
    void applyPalette();

    QPointer<Request> m_request;
    PushRateStats m_stats;
    bool m_dirty = false;
    int m_redraws = 0;
    QTimer *m_timer;
    QChartView *m_rateView;
    QChartView *m_gapView;
    QTabWidget *m_views;
    QLineSeries *m_rate;
    QValueAxis *m_rateX;
    QValueAxis *m_rateY;
    QBarSet *m_gapSet;
    QValueAxis *m_gapY;
    QLabel *m_summary;
    QStringList m_gapNames;
};

} // namespace Boxscope
