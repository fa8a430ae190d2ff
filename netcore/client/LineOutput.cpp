#include "client/LineOutput.h"

#include <QAbstractEventDispatcher>

#include <cerrno>

#include <poll.h>
#include <unistd.h>

namespace Boxscope {

LineOutput::LineOutput(int fd, qsizetype capacity)
    : m_fd(fd)
    , m_capacity(qMax<qsizetype>(1, capacity))
{
    m_buffer.reserve(m_capacity);
    // aboutToBlock: the loop has handled what was ready and is about to wait for more.
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance())
        m_idle = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, dispatcher, [this] {
            if (!m_buffer.isEmpty())
                flush();
        });
}

LineOutput::~LineOutput()
{
    QObject::disconnect(m_idle);
    flush();
}

void LineOutput::writeLine(const QByteArray &line)
{
    if (m_failed)
        return;
    m_buffer.append(line);
    m_buffer.append('\n');
    if (m_buffer.size() >= m_capacity)
        flush();
}

bool LineOutput::flush()
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    qsizetype at = 0;
    while (at < size && !m_failed) {
        ++m_writeCalls;
        const ssize_t n = ::write(m_fd, data + at, size_t(size - at));
        if (n > 0) {
            at += n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p { m_fd, POLLOUT, 0 }; // a non-blocking descriptor: wait as a blocking one would
            ::poll(&p, 1, -1);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            m_failed = true;
        }
    }
    m_buffer.resize(0); // keeps the capacity
    return !m_failed;
}

} // namespace Boxscope
