#pragma once

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace Boxscope {

class Connection;
class MpValue;
class Request;
class VitalsChart;

/// The "Server vitals" tab: one internal eval a second (never two at once, each with a 2 s
/// timeout) that returns box.stat(), box.stat.net(), box.info.memory(), box.slab.info(), the
/// fiber count, fiber.top() and the replication lags in one table, each part under its own
/// pcall; shown as charts stacked on one time axis (the last five minutes, at most 300 points a
/// series). Polls only while the tab is visible and the connection ready. Pause freezes the
/// charts, not the polling; hovering a time shows the values at that time in every chart.
class VitalsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 1000;
    static constexpr int kTimeoutMs = 2000;
    static constexpr qint64 kWindowMs = 300 * 1000;

    explicit VitalsPanel(Connection *connection, QWidget *parent = nullptr);

    /// The Lua the poll evaluates.
    static QString pollExpression();

    bool isPolling() const;
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    /// Polls answered so far.
    int pollCount() const { return m_polls; }
    QString statusText() const;
    /// The message about rights or refused figures ("" when all answered).
    QString rightsText() const;
    QList<VitalsChart *> charts() const { return m_charts; }
    VitalsChart *chart(const QString &group) const { return m_byGroup.value(group); }
    /// Shows the values at timeMs in every chart (what hovering does); negative hides them.
    void showTime(qint64 timeMs);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updatePolling();
    void poll();
    void handleAnswer(Request *r);
    void addSample(const MpValue &data, qint64 nowMs);
    void refreshCharts();
    void setStatus(const QString &text);

    QPointer<Connection> m_connection;
    QTimer *m_timer;
    QLabel *m_status;
    QLabel *m_rights;
    QPushButton *m_pause;
    QList<VitalsChart *> m_charts;
    QHash<QString, VitalsChart *> m_byGroup;
    QPointer<Request> m_inFlight;
    qint64 m_sentMs = 0;
    int m_polls = 0;
    bool m_paused = false;
    bool m_visible = false;
    QDateTime m_pausedAt;
    qint64 m_lastMs = 0;                 ///< the previous sample's time (0: none)
    QHash<QString, double> m_lastTotals; ///< counters of the previous sample, for rates
};

} // namespace Boxscope
