// SignalGuard: SIGTERM, SIGINT and SIGHUP end the process whatever its GUI thread does. Each
// case runs this executable again as a child (BOXSCOPE_SIGNALGUARD_CHILD says what the child's
// main thread does), signals it by PID and watches it end. The last case does the same to the
// real app with its sandbox tarantool and checks that no tarantool is left behind.

#include "SignalGuard.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include <sys/types.h>
#include <unistd.h>

namespace {

const char kChildVar[] = "BOXSCOPE_SIGNALGUARD_CHILD";

// The child: installs the guard, says "ready", then either runs its event loop ("loop") or
// never returns to it ("stuck").
int childMain(int argc, char **argv, const QByteArray &mode)
{
    QCoreApplication app(argc, argv);
    Boxscope::SignalGuard::install(1000);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, [] { std::fputs("quitting\n", stdout); });
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    if (mode == "stuck") {
        for (;;)
            std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    const int status = app.exec();
    std::fputs("cleaned up\n", stdout);
    std::fflush(stdout);
    return status;
}

// Child PIDs of pid (all its threads).
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> out;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(tasks.filePath(task + QStringLiteral("/children")));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &word : f.readAll().split(' ')) {
            bool ok = false;
            const qint64 child = word.trimmed().toLongLong(&ok);
            if (ok)
                out << child;
        }
    }
    return out;
}

bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const int close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) == "Z"; // a zombie has ended
}

} // namespace

class tst_SignalGuard : public QObject
{
    Q_OBJECT

    // Starts the child in mode and waits for its "ready".
    bool startChild(QProcess *p, const QByteArray &mode)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildVar), QString::fromLatin1(mode));
        p->setProcessEnvironment(env);
        p->start(QCoreApplication::applicationFilePath(), {});
        if (!p->waitForStarted(10000))
            return false;
        QElapsedTimer t;
        t.start();
        while (!p->readAllStandardOutput().contains("ready")) {
            if (t.elapsed() > 10000 || p->state() != QProcess::Running)
                return false;
            p->waitForReadyRead(200);
        }
        return true;
    }

private slots:
    // A live event loop: the application quits the normal way (aboutToQuit, code after exec()).
    void quitsThroughTheEventLoop_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }
    void quitsThroughTheEventLoop()
    {
        QFETCH(int, sig);
        QProcess p;
        QVERIFY(startChild(&p, "loop"));
        QElapsedTimer t;
        t.start();
        ::kill(pid_t(p.processId()), sig);
        QVERIFY(p.waitForFinished(5000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + sig);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(out.contains("quitting") && out.contains("cleaned up"), out.constData());
        QVERIFY(p.readAllStandardError().isEmpty());
    }

    // The main thread never returns to its event loop: the guard ends the process after its
    // grace period (1 s here), or at once on a second signal.
    void endsAStuckProcess()
    {
        QProcess p;
        QVERIFY(startChild(&p, "stuck"));
        QElapsedTimer t;
        t.start();
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(5000));
        QVERIFY2(t.elapsed() >= 900 && t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + SIGTERM);
        QVERIFY(!p.readAllStandardOutput().contains("cleaned up"));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("SIGTERM") && err.contains("did not quit in time"), err.constData());
    }
    void secondSignalEndsAtOnce()
    {
        QProcess p;
        QVERIFY(startChild(&p, "stuck"));
        ::kill(pid_t(p.processId()), SIGTERM);
        QTest::qWait(100);
        QElapsedTimer t;
        t.start();
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(5000));
        QVERIFY2(t.elapsed() < 500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(p.exitCode(), 128 + SIGINT);
        QVERIFY(p.readAllStandardError().contains("second signal"));
    }

    // The real app with its sandbox: SIGTERM ends both; SIGKILL too (the sandbox has
    // PR_SET_PDEATHSIG), so no tarantool is ever left behind.
    void appAndSandboxEnd_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGKILL") << int(SIGKILL);
    }
    void appAndSandboxEnd()
    {
        QFETCH(int, sig);
        const QString app = QFileInfo(QStringLiteral(BOXSCOPE_APP_BINARY)).absoluteFilePath();
        QVERIFY2(QFileInfo(app).isExecutable(), qPrintable(app));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir::tempPath() + QStringLiteral("/boxscope-signalguard-test"));
        p.setProcessEnvironment(env);
        p.start(app, { QStringLiteral("--sandbox") });
        QVERIFY(p.waitForStarted(10000));
        qint64 sandbox = 0;
        QElapsedTimer t;
        t.start();
        while (sandbox == 0 && t.elapsed() < 20000) {
            for (qint64 child : childrenOf(p.processId())) {
                QFile comm(QStringLiteral("/proc/%1/comm").arg(child));
                if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("tarantool"))
                    sandbox = child;
            }
            if (sandbox == 0)
                QTest::qWait(100);
        }
        QVERIFY2(sandbox != 0, "the app started no sandbox tarantool");
        QTest::qWait(500); // well past start-up
        t.restart();
        ::kill(pid_t(p.processId()), sig);
        QVERIFY(p.waitForFinished(10000));
        if (sig == SIGTERM) {
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QCOMPARE(p.exitCode(), 128 + SIGTERM);
        }
        QVERIFY2(QTest::qWaitFor([&] { return processGone(sandbox); }, 5000),
                 qPrintable(QStringLiteral("tarantool %1 outlived the app").arg(sandbox)));
        qInfo("app and sandbox ended %lld ms after the signal", (long long)t.elapsed());
    }
};

int main(int argc, char **argv)
{
    const QByteArray mode = qgetenv(kChildVar);
    if (!mode.isEmpty())
        return childMain(argc, argv, mode);
    QCoreApplication app(argc, argv);
    tst_SignalGuard test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signalguard.moc"
