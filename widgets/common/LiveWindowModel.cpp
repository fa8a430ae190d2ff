#include "common/LiveWindowModel.h"

#include <QDateTime>

#include <algorithm>

namespace Boxscope {

LiveWindowModel::LiveWindowModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(16);
    connect(&m_flushTimer, &QTimer::timeout, this, &LiveWindowModel::flush);
}

int LiveWindowModel::rowOfSeq(quint64 seq) const
{
    if (seq < m_first || seq >= m_first + quint64(m_rows))
        return -1;
    return int(seq - m_first);
}

int LiveWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

void LiveWindowModel::schedule()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LiveWindowModel::reset()
{
    m_flushTimer.stop();
    if (newestSeq() < m_hiddenThrough)
        m_hiddenThrough = m_restoreThrough = 0; // the source started over
    beginResetModel();
    m_rows = 0;
    m_first = oldestShownSeq();
    endResetModel();
    update(true);
}

quint64 LiveWindowModel::oldestShownSeq() const
{
    return std::max(oldestHeldSeq(), m_hiddenThrough + 1);
}

void LiveWindowModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pausedAtMs = paused ? QDateTime::currentMSecsSinceEpoch() : 0;
    update(true);
    emit pausedChanged(paused);
}

quint64 LiveWindowModel::pendingCount() const
{
    const quint64 next = m_first + quint64(m_rows);
    const quint64 newest = newestSeq();
    return newest + 1 > next ? newest + 1 - next : 0;
}

void LiveWindowModel::hideRows()
{
    m_restoreThrough = m_hiddenThrough;
    m_hiddenThrough = newestSeq();
    update(true);
}

void LiveWindowModel::restoreRows()
{
    if (!canRestore())
        return;
    m_hiddenThrough = m_restoreThrough;
    reset(); // the rows come back before the first one shown: list them again
}

quint64 LiveWindowModel::hiddenCount() const
{
    const quint64 oldest = oldestHeldSeq();
    return m_hiddenThrough >= oldest ? m_hiddenThrough - oldest + 1 : 0;
}

void LiveWindowModel::flush()
{
    update(false);
}

void LiveWindowModel::update(bool evenPaused)
{
    m_flushTimer.stop();
    if (m_paused && !evenPaused) {
        emit flushed();
        return;
    }
    const quint64 newest = newestSeq();
    if (newest < m_hiddenThrough)
        m_hiddenThrough = m_restoreThrough = 0; // the source started over
    const quint64 oldest = oldestShownSeq();
    if (newest + 1 < m_first + quint64(m_rows)) {
        // The source went back (cleared): start over.
        beginResetModel();
        m_rows = 0;
        m_first = oldest;
        endResetModel();
    }
    if (oldest > m_first && m_rows > 0) {
        const int remove = int(std::min<quint64>(oldest - m_first, quint64(m_rows)));
        beginRemoveRows({}, 0, remove - 1);
        m_first += quint64(remove);
        m_rows -= remove;
        endRemoveRows();
    }
    if (m_rows == 0)
        m_first = std::max(m_first, oldest);
    const quint64 next = m_first + quint64(m_rows);
    if (newest + 1 > next) {
        const int add = int(newest + 1 - next);
        beginInsertRows({}, m_rows, m_rows + add - 1);
        m_rows += add;
        endInsertRows();
    }
    emit flushed();
}

} // namespace Boxscope
