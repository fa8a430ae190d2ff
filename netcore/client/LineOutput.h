#pragma once

#include <QByteArray>
#include <QMetaObject>
#include <QString>

namespace Boxscope {

/// Lines for a file descriptor (boxscope-cli's stdout), written in large blocks rather than
/// one write(2) per line. A line goes into a buffer, which is written out
///   - when it holds `capacity` bytes,
///   - when the thread's event loop is about to wait for events (what was ready has been
///     handled, so a push that arrives alone is out at once rather than at exit),
///   - on flush() and on destruction.
/// A write blocks until the reader takes the bytes (a deadline that must hold while nobody
/// reads needs a watchdog of its own). A write that fails (a closed descriptor) ends the
/// output: the rest is dropped and failed() says so; a reader that went away raises SIGPIPE as
/// for any write. Not thread-safe: the thread that made it writes.
class LineOutput
{
public:
    static constexpr qsizetype kDefaultCapacity = 64 * 1024;

    explicit LineOutput(int fd, qsizetype capacity = kDefaultCapacity);
    ~LineOutput();
    LineOutput(const LineOutput &) = delete;
    LineOutput &operator=(const LineOutput &) = delete;

    /// The line and a '\n'.
    void writeLine(const QByteArray &line);
    void writeLine(const QString &line) { writeLine(line.toUtf8()); }
    /// Writes out what is buffered; false when the output has failed.
    bool flush();

    bool failed() const { return m_failed; }
    /// Bytes waiting in the buffer.
    qsizetype pending() const { return m_buffer.size(); }
    /// write(2) calls made so far.
    quint64 writeCalls() const { return m_writeCalls; }

private:
    int m_fd;
    qsizetype m_capacity;
    QByteArray m_buffer;
    bool m_failed = false;
    quint64 m_writeCalls = 0;
    QMetaObject::Connection m_idle;
};

} // namespace Boxscope
