// Runs the built boxscope-cli ($BOXSCOPE_CLI) while this process keeps its event loop going
// (so a HostileServer in the test keeps talking), and splits its stdout into JSON lines.
#pragma once

#include "TarantoolFixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <vector>

namespace Boxscope::Test {

struct CliResult
{
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    std::vector<QJsonObject> json; ///< each stdout line
    QString jsonError;             ///< the first line that is not a JSON object

    QString describe() const
    {
        return QStringLiteral("exit %1, stdout (%2 bytes):\n%3\nstderr:\n%4")
                .arg(exitCode)
                .arg(out.size())
                .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err));
    }
    /// Lines of one event ("push", "result", "error").
    std::vector<QJsonObject> events(const QString &name) const
    {
        std::vector<QJsonObject> v;
        for (const QJsonObject &o : json)
            if (o.value(QLatin1String("event")).toString() == name)
                v.push_back(o);
        return v;
    }
    QStringList stderrLines() const { return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

inline CliResult runCliProcess(const QStringList &args, int limitMs = 30000)
{
    CliResult run;
    QProcess p;
    p.setProgram(cliPath());
    p.setArguments(args);
    QByteArray partial;
    auto take = [&] {
        const QByteArray chunk = p.readAllStandardOutput();
        run.out += chunk;
        partial += chunk;
        qsizetype from = 0, nl;
        while ((nl = partial.indexOf('\n', from)) >= 0) {
            const QByteArray line = partial.mid(from, nl - from);
            from = nl + 1;
            QJsonParseError e;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
            if (e.error != QJsonParseError::NoError || !doc.isObject()) {
                if (run.jsonError.isEmpty())
                    run.jsonError = QStringLiteral("not a JSON object: %1").arg(QString::fromUtf8(line.left(200)));
                run.json.push_back(QJsonObject());
            } else {
                run.json.push_back(doc.object());
            }
        }
        partial.remove(0, from);
    };
    QObject::connect(&p, &QProcess::readyReadStandardOutput, &p, take);
    p.start();
    if (!p.waitForStarted(5000))
        return run;
    run.finished = waitFor([&] { return p.state() == QProcess::NotRunning; }, limitMs);
    if (!run.finished) {
        p.kill(); // this child only
        p.waitForFinished(3000);
        return run;
    }
    take();
    if (!partial.isEmpty() && run.jsonError.isEmpty())
        run.jsonError = QStringLiteral("unterminated last line: %1").arg(QString::fromUtf8(partial.left(200)));
    run.err = p.readAllStandardError();
    run.exitCode = p.exitCode();
    run.exitStatus = p.exitStatus();
    return run;
}

} // namespace Boxscope::Test
