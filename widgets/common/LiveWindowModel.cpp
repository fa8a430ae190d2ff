#include "common/LiveWindowModel.h"

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
    beginResetModel();
    m_rows = 0;
    m_first = oldestHeldSeq();
    endResetModel();
    flush();
}

void LiveWindowModel::flush()
{
    m_flushTimer.stop();
    const quint64 newest = newestSeq();
    const quint64 oldest = oldestHeldSeq();
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
