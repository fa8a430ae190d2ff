#include "remotecall/PushRateStats.h"

#include <algorithm>

namespace Boxscope {

void PushRateStats::clear()
{
    *this = PushRateStats();
}

int PushRateStats::gapBin(qint64 gapNs)
{
    int bin = 0;
    for (qint64 bound = 100'000; bin < GapBins - 1 && gapNs >= bound; bound *= 10)
        ++bin;
    return bin;
}

void PushRateStats::addPush(qint64 elapsedNs)
{
    elapsedNs = std::max<qint64>(elapsedNs, 0);
    if (m_lastNs >= 0)
        ++m_gaps[size_t(gapBin(elapsedNs - m_lastNs))];
    m_lastNs = elapsedNs;
    ++m_total;
    const qint64 bin = elapsedNs / BinNs;
    if (bin < m_firstBin) // older than what is kept
        return;
    while (m_firstBin + qint64(m_bins.size()) <= bin)
        m_bins.push_back(0);
    ++m_bins[size_t(bin - m_firstBin)];
    while (m_bins.size() > size_t(MaxBins)) {
        m_bins.pop_front();
        ++m_firstBin;
    }
}

std::vector<quint64> PushRateStats::binsOf(int factor, qint64 *firstOut) const
{
    factor = std::max(factor, 1);
    const qint64 first = m_firstBin / factor * factor;
    if (firstOut)
        *firstOut = first;
    std::vector<quint64> out;
    if (m_bins.empty())
        return out;
    out.resize(size_t((m_firstBin + qint64(m_bins.size()) - 1 - first) / factor + 1));
    for (size_t i = 0; i < m_bins.size(); ++i)
        out[size_t((m_firstBin + qint64(i) - first) / factor)] += m_bins[i];
    return out;
}

} // namespace Boxscope
