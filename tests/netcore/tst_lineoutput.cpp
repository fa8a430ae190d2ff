// LineOutput: lines for a descriptor in large writes — at the capacity, when the event loop is
// about to wait, on flush() and on destruction; a failed write ends the output quietly.
#include "client/LineOutput.h"

#include <QEventLoop>
#include <QTimer>
#include <QtTest>

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

using namespace Boxscope;

namespace {

// A pipe whose read end never blocks.
struct Pipe
{
    int fds[2] = { -1, -1 };
    Pipe()
    {
        if (::pipe(fds) == 0)
            ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    }
    ~Pipe()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    QByteArray drain() const
    {
        QByteArray all;
        char buf[65536];
        ssize_t n;
        while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
            all.append(buf, n);
        return all;
    }
};

} // namespace

class tst_LineOutput : public QObject
{
    Q_OBJECT

private slots:
    void buffersUntilCapacity()
    {
        Pipe pipe;
        LineOutput out(pipe.fds[1], 1024);
        const QByteArray line(99, 'x'); // 100 bytes with its newline
        for (int i = 0; i < 10; ++i)
            out.writeLine(line);
        QCOMPARE(out.writeCalls(), quint64(0));
        QCOMPARE(pipe.drain(), QByteArray());
        out.writeLine(line); // 1 100 bytes: over the capacity, written in one call
        QCOMPARE(out.writeCalls(), quint64(1));
        QCOMPARE(pipe.drain(), QByteArray(line + '\n').repeated(11));
        QCOMPARE(out.pending(), qsizetype(0));
    }

    void flushedWhenTheEventLoopWaits()
    {
        Pipe pipe;
        LineOutput out(pipe.fds[1]);
        int lines = 0;
        QTimer producer; // three lines per tick, as a burst of pushes handled together
        connect(&producer, &QTimer::timeout, this, [&] {
            for (int i = 0; i < 3; ++i)
                out.writeLine(QStringLiteral("line %1").arg(++lines));
        });
        producer.start(20);
        // The reader looks between ticks, from the same (waiting) event loop.
        QByteArray seen;
        QTimer reader;
        connect(&reader, &QTimer::timeout, this, [&] { seen += pipe.drain(); });
        reader.start(5);
        QEventLoop loop;
        QTimer::singleShot(200, &loop, [&] {
            producer.stop();
            QTimer::singleShot(30, &loop, &QEventLoop::quit);
        });
        loop.exec();
        seen += pipe.drain();
        QVERIFY(lines >= 9);
        // Every line is out without flush(), one write per burst, not one per line.
        QCOMPARE(seen.count('\n'), qsizetype(lines));
        QVERIFY(seen.startsWith("line 1\nline 2\nline 3\n"));
        QVERIFY2(out.writeCalls() <= quint64(lines / 3), qPrintable(QString::number(out.writeCalls())));
        QCOMPARE(out.pending(), qsizetype(0));
    }

    void flushedOnDestruction()
    {
        Pipe pipe;
        {
            LineOutput out(pipe.fds[1]);
            out.writeLine(QByteArrayLiteral("last"));
        }
        QCOMPARE(pipe.drain(), QByteArrayLiteral("last\n"));
    }

    void failedWriteEndsTheOutput()
    {
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        ::close(fds[1]);
        ::close(fds[0]);
        LineOutput out(fds[1]); // a closed descriptor: EBADF
        out.writeLine(QByteArrayLiteral("lost"));
        QVERIFY(!out.flush());
        QVERIFY(out.failed());
        out.writeLine(QByteArrayLiteral("also lost"));
        QCOMPARE(out.pending(), qsizetype(0));
    }
};

QTEST_GUILESS_MAIN(tst_LineOutput)
#include "tst_lineoutput.moc"
