#pragma once

#include <QWidget>

#include <deque>

namespace Boxscope {

/// The last Capacity ping round-trip times as a line the size of a word (fixed size, so
/// nothing beside it moves), the newest on the right; the tooltip and the accessible
/// description give their count, minimum, median and maximum.
class PingSparkline : public QWidget
{
    Q_OBJECT
public:
    static constexpr int Capacity = 60;

    explicit PingSparkline(QWidget *parent = nullptr);

    /// One round-trip time, in milliseconds.
    void addSample(double ms);
    void clear();
    const std::deque<double> &samples() const { return m_samples; }
    QString summary() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateSummary();

    std::deque<double> m_samples;
};

} // namespace Boxscope
