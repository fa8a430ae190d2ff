#include "lua/ScriptRunner.h"

#include "client/LineOutput.h"
#include "format/MpFormat.h"
#include "iproto/Uri.h"
#include "lua/LuaNetBox.h"

#include <QEventLoop>
#include <QFile>

#include <cstdio>

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

int ScriptRunner::runCli(const QStringList &args)
{
    if (args.isEmpty() || args.size() > 2 || args.first().startsWith(QLatin1String("--"))) {
        std::fputs("boxscope-cli: usage: boxscope-cli script FILE.lua [URI]\n", stderr);
        return ExitUsage;
    }
    // print() lines go out in large writes, when 64 KiB are buffered and whenever the event
    // loop has handled what was ready (a line printed before a wait is out at once); an stderr
    // line flushes stdout first, so the two keep their order.
    LineOutput out(STDOUT_FILENO);
    const int status = runFile(
            args.first(), args.mid(1), [&out](const QByteArray &l) { out.writeLine(l); },
            [&out](const QByteArray &l) {
                out.flush();
                writeLine(stderr, l);
            });
    out.flush();
    return status;
}

int ScriptRunner::runFile(const QString &path, const QStringList &scriptArgs, const Sink &out, const Sink &err)
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
    runtime.start(code, QStringLiteral("@") + path);
    if (!done)
        loop.exec();

    const LuaNetBox::Outcome &outcome = runtime.lastOutcome();
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
