#include "lua/ScriptRunner.h"

#include "client/LineOutput.h"
#include "format/MpFormat.h"
#include "iproto/Uri.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include <unistd.h>

namespace Boxscope {

namespace {

void writeLine(FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

ScriptRunner::Deadline::Deadline(int ms, int graceMs)
    : m_ms(ms)
    , m_thread([this, ms, graceMs] {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_done; }))
            return;
        m_expired = true;
        if (m_sandbox)
            m_sandbox->requestInterrupt();
        if (m_cv.wait_for(lock, std::chrono::milliseconds(graceMs), [this] { return m_done; }))
            return;
        static const char message[] = "boxscope-cli: Timeout exceeded (the script did not stop in time)\n";
        [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof message - 1);
        ::_exit(ExitTimeout);
    })
{ }

ScriptRunner::Deadline::~Deadline()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_done = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void ScriptRunner::Deadline::attach(LuaSandbox *sandbox)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sandbox = sandbox;
    if (sandbox && m_expired)
        sandbox->requestInterrupt();
}

int ScriptRunner::runCli(const QStringList &argsIn)
{
    static const char usage[] = "boxscope-cli: usage: boxscope-cli script [--timeout SECONDS] FILE.lua [URI]\n";
    QStringList args = argsIn;
    int timeoutMs = 0;
    if (!args.isEmpty() && (args.first() == QLatin1String("--timeout") || args.first().startsWith("--timeout="))) {
        QString value;
        if (args.first().startsWith(QLatin1String("--timeout="))) {
            value = args.takeFirst().mid(10);
        } else if (args.size() >= 2) {
            args.removeFirst();
            value = args.takeFirst();
        }
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        // As for requests: NaN fails both comparisons; below a millisecond is a millisecond.
        if (!ok || !(seconds > 0 && seconds <= 1e6)) {
            std::fputs("boxscope-cli: --timeout takes a number of seconds from 0.001 to 1000000\n", stderr);
            return ExitUsage;
        }
        timeoutMs = std::max(1, int(std::lround(seconds * 1000)));
    }
    if (args.isEmpty() || args.size() > 2 || args.first().startsWith(QLatin1String("--"))) {
        std::fputs(usage, stderr);
        return ExitUsage;
    }
    std::unique_ptr<Deadline> deadline;
    if (timeoutMs > 0)
        deadline = std::make_unique<Deadline>(timeoutMs);
    // print() lines go out in large writes, when 64 KiB are buffered and whenever the event
    // loop has handled what was ready (a line printed before a wait is out at once); an stderr
    // line flushes stdout first, so the two keep their order.
    LineOutput out(STDOUT_FILENO);
    const int status = runFile(
            args.first(), args.mid(1), [&out](const QByteArray &l) { out.writeLine(l); },
            [&out](const QByteArray &l) {
                out.flush();
                writeLine(stderr, l);
            },
            deadline.get());
    out.flush(); // still within the deadline's grace: a pipe nobody reads cannot hold the CLI
    return status;
}

int ScriptRunner::runFile(const QString &path, const QStringList &scriptArgs, const Sink &out, const Sink &err,
                          Deadline *deadline)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("boxscope-cli: cannot open %1: %2").arg(Uri::redacted(path), file.errorString()).toUtf8());
        return ExitUsage;
    }
    QByteArray code = file.readAll();
    if (code.startsWith('#')) // a shebang line, as lua and tarantool skip it
        code.replace(0, code.indexOf('\n') < 0 ? code.size() : code.indexOf('\n'), "--");

    LuaNetBox runtime;
    if (!runtime.isValid()) {
        err(QStringLiteral("boxscope-cli: %1").arg(runtime.setupError()).toUtf8());
        return ExitError;
    }
    runtime.setOutput(out);
    runtime.setArguments(path, scriptArgs);
    if (!scriptArgs.isEmpty())
        runtime.setScopeUri(scriptArgs.first());

    QEventLoop loop;
    bool done = false;
    QObject::connect(&runtime, &LuaNetBox::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    // The deadline interrupts a running chunk from its thread; a waiting one is aborted here.
    QTimer overall;
    bool timedOut = false;
    if (deadline) {
        deadline->attach(&runtime.sandbox());
        overall.setSingleShot(true);
        overall.setTimerType(Qt::PreciseTimer);
        QObject::connect(&overall, &QTimer::timeout, &runtime, [&runtime, &timedOut] {
            timedOut = true;
            runtime.abort();
        });
        overall.start(deadline->milliseconds());
    }
    runtime.start(code, QStringLiteral("@") + path);
    if (!done)
        loop.exec();
    if (deadline)
        deadline->attach(nullptr);

    const LuaNetBox::Outcome &outcome = runtime.lastOutcome();
    if (deadline && (timedOut || deadline->expired()) && !outcome.ok) {
        err(QByteArrayLiteral("boxscope-cli: Timeout exceeded"));
        return ExitTimeout;
    }
    if (!outcome.ok) {
        err(outcome.error.toUtf8());
        return ExitError;
    }
    if (!outcome.values.empty()) {
        QString yaml = MpFormat::yamlDocument(outcome.values, &outcome.anchors);
        if (yaml.endsWith(QLatin1Char('\n')))
            yaml.chop(1);
        out(yaml.toUtf8());
    }
    return ExitOk;
}

} // namespace Boxscope
