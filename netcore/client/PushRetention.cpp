// The connection-wide cap on kept pushes (Request keeps its own per-request caps): past it the
// oldest kept pushes go, the earliest holding requests' first.
#include "client/Connection.h"
#include "client/Request.h"

namespace Boxscope {

void Connection::setPushRetentionBytesTotal(qint64 bytes)
{
    m_pushBytesTotalCap = bytes;
    trimHeldPushes();
}

void Connection::trimHeldPushes()
{
    auto popEmptyFront = [this] {
        while (!m_pushHolders.empty() && (!m_pushHolders.front() || m_pushHolders.front()->m_pushes.empty())) {
            if (Request *r = m_pushHolders.front())
                r->m_pushHolder = false;
            m_pushHolders.pop_front();
        }
    };
    while (m_pushBytesTotalCap >= 0 && m_heldPushBytes > m_pushBytesTotalCap) {
        popEmptyFront();
        if (m_pushHolders.empty())
            break;
        m_pushHolders.front()->dropOldestPush();
    }
    popEmptyFront();
}

} // namespace Boxscope
