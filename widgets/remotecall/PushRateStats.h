#pragma once

#include <QtGlobal>

#include <array>
#include <deque>
#include <vector>

namespace Boxscope {

/// A request's push rate and the gaps between its pushes, kept as counts whatever the number
/// of pushes: pushes per 100 ms since the request was sent (the last hour of them, older bins
/// dropped from the front), and a histogram of the gaps between consecutive pushes in decade
/// bins: < 0.1 ms, 0.1–1 ms, 1–10 ms, 10–100 ms, 0.1–1 s, ≥ 1 s.
class PushRateStats
{
public:
    static constexpr qint64 BinNs = 100'000'000; ///< 100 ms
    static constexpr int MaxBins = 36'000;       ///< one hour of bins
    static constexpr int GapBins = 6;

    void clear();
    /// A push received elapsedNs after the request was sent (in arrival order).
    void addPush(qint64 elapsedNs);

    quint64 total() const { return m_total; }
    /// The first kept bin's index (bin i covers [i·BinNs, (i+1)·BinNs)).
    qint64 firstBin() const { return m_firstBin; }
    const std::deque<quint32> &bins() const { return m_bins; }
    /// The kept counts summed into bins of `factor` base bins, from firstBin() rounded down to
    /// a multiple of factor; *firstOut is that first bin's start in base bins.
    std::vector<quint64> binsOf(int factor, qint64 *firstOut = nullptr) const;

    const std::array<quint64, GapBins> &gaps() const { return m_gaps; }
    static int gapBin(qint64 gapNs);
    quint64 gapCount() const { return m_total > 0 ? m_total - 1 : 0; }

private:
    std::deque<quint32> m_bins;
    qint64 m_firstBin = 0;
    std::array<quint64, GapBins> m_gaps {};
    quint64 m_total = 0;
    qint64 m_lastNs = -1;
};

} // namespace Boxscope
