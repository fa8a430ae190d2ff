// boxscope-cli with several URIs (HOST:PORT,HOST:PORT,…): the same request to each instance
// at once, one JSON line per event with "instance", lines as the events arrive, exit status
// the worst of the instances'. Three real tarantools running resources/sandbox.lua.

#include "TarantoolFixture.h"
#include "sandbox/SandboxServer.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>

#include <map>
#include <memory>
#include <vector>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;

namespace {

// The instances: three independent servers. A replica set's fixture would give its
// instances' URIs the same way.
struct Instances
{
    std::vector<std::unique_ptr<TarantoolFixture>> servers;
    QString error;

    bool start(int n)
    {
        for (int i = 0; i < n; ++i) {
            servers.push_back(std::make_unique<TarantoolFixture>());
            if (!servers.back()->start()) {
                error = servers.back()->errorString();
                return false;
            }
        }
        return true;
    }
    QStringList uris() const
    {
        QStringList list;
        for (const auto &s : servers)
            list << s->uri();
        return list;
    }
};

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    std::vector<QJsonObject> json;
    QString jsonError;

    QString describe() const
    {
        return QStringLiteral("exit %1, stdout:\n%2stderr:\n%3")
                .arg(exitCode)
                .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
    // Lines of an instance, by event.
    std::vector<QJsonObject> of(const QString &instance, const QString &event) const
    {
        std::vector<QJsonObject> v;
        for (const QJsonObject &o : json)
            if (o.value(QLatin1String("instance")).toString() == instance
                && o.value(QLatin1String("event")).toString() == event)
                v.push_back(o);
        return v;
    }
};

Run runCli(const QStringList &args)
{
    Run run;
    QProcess p;
    p.start(Test::cliPath(), args);
    if (!p.waitForStarted(5000))
        return run;
    run.finished = p.waitForFinished(30000);
    if (!run.finished) {
        p.kill(); // this child only
        p.waitForFinished(3000);
        return run;
    }
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    run.exitCode = p.exitCode();
    for (const QByteArray &line : run.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject() && run.jsonError.isEmpty())
            run.jsonError = QStringLiteral("not a JSON object: ") + QString::fromUtf8(line);
        run.json.push_back(doc.object());
    }
    if (!run.out.isEmpty() && !run.out.endsWith('\n'))
        run.jsonError = QStringLiteral("unterminated last line");
    return run;
}

QString closedPortAddress()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

} // namespace

#define RUN_CLI(var, status, ...) \
    const Run var = runCli(__VA_ARGS__); \
    QVERIFY2(var.finished, qPrintable(QStringLiteral("boxscope-cli did not finish: ") + var.describe())); \
    QVERIFY2(var.exitCode == (status), qPrintable(var.describe())); \
    QVERIFY2(var.jsonError.isEmpty(), qPrintable(var.jsonError + QLatin1Char('\n') + var.describe()))

class tst_CliFanOut : public QObject
{
    Q_OBJECT

private:
    Instances m_instances;
    QStringList m_uris;

    // Five pushes 1…5 and the result [5] for instance.
    static void checkProgress(const Run &r, const QString &instance)
    {
        const std::vector<QJsonObject> pushes = r.of(instance, QStringLiteral("push"));
        QCOMPARE(pushes.size(), size_t(5));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(pushes[size_t(i)].value(QLatin1String("index")).toInt(), i + 1);
            QCOMPARE(pushes[size_t(i)].value(QLatin1String("value")).toObject().value(QLatin1String("i")).toInt(),
                     i + 1);
        }
        const std::vector<QJsonObject> results = r.of(instance, QStringLiteral("result"));
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].value(QLatin1String("value")).toArray(), QJsonArray { 5 });
        QVERIFY(results[0].value(QLatin1String("elapsed_ms")).toDouble() >= 245);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(Test::cliPath()).isExecutable(), "BOXSCOPE_CLI is not set (run through ctest)");
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        QVERIFY2(m_instances.start(3), qPrintable(m_instances.error));
        m_uris = m_instances.uris();
    }

    void cleanupTestCase() { m_instances.servers.clear(); }

    void progressOnThree()
    {
        RUN_CLI(r, 0,
                { m_uris.join(QLatin1Char(',')), QStringLiteral("call"), QStringLiteral("progress"),
                  QStringLiteral("{5, 0.05}") });
        QCOMPARE(r.json.size(), size_t(18));
        for (const QJsonObject &o : r.json) {
            QVERIFY2(m_uris.contains(o.value(QLatin1String("instance")).toString()), qPrintable(r.describe()));
            // The line is the one-URI CLI's, "instance" right after its event.
            QVERIFY(r.out.contains(QByteArray("{\"event\":\"") + o.value(QLatin1String("event")).toString().toUtf8()
                                   + "\",\"instance\":\""));
        }
        for (const QString &uri : m_uris)
            checkProgress(r, uri);
        // As the events arrive, interleaved: before the first result (250 ms after the send),
        // pushes of every instance (the first comes 50 ms after the send).
        std::map<QString, int> before;
        for (const QJsonObject &o : r.json) {
            if (o.value(QLatin1String("event")).toString() == QLatin1String("result"))
                break;
            ++before[o.value(QLatin1String("instance")).toString()];
        }
        QVERIFY2(before.size() == 3, qPrintable(r.describe()));
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    // One instance down: its error line (and a stderr line naming it) and exit status 3; the
    // others still answer in full.
    void oneInstanceDown()
    {
        const QString closed = closedPortAddress();
        QVERIFY(!closed.isEmpty());
        const QStringList list = { m_uris[0], closed, m_uris[2] };
        RUN_CLI(r, 3,
                { list.join(QLatin1Char(',')), QStringLiteral("call"), QStringLiteral("progress"),
                  QStringLiteral("{5, 0.05}") });
        checkProgress(r, m_uris[0]);
        checkProgress(r, m_uris[2]);
        const std::vector<QJsonObject> errors = r.of(closed, QStringLiteral("error"));
        QCOMPARE(errors.size(), size_t(1));
        QCOMPARE(errors[0].value(QLatin1String("kind")).toString(), QStringLiteral("connection"));
        QVERIFY2(errors[0]
                         .value(QLatin1String("message"))
                         .toString()
                         .contains(QLatin1String("refused"), Qt::CaseInsensitive),
                 qPrintable(r.describe()));
        QCOMPARE(r.json.size(), size_t(13));
        QVERIFY2(r.err.startsWith(QStringLiteral("boxscope-cli: %1: ").arg(closed).toUtf8()), r.err.constData());
    }

    // A server error everywhere: exit 1, one error line per instance.
    void serverErrorEverywhere()
    {
        RUN_CLI(r, 1, { m_uris.join(QLatin1Char(',')), QStringLiteral("call"), QStringLiteral("no_such_function") });
        QCOMPARE(r.json.size(), size_t(3));
        for (const QString &uri : m_uris) {
            const std::vector<QJsonObject> errors = r.of(uri, QStringLiteral("error"));
            QCOMPARE(errors.size(), size_t(1));
            QCOMPARE(errors[0].value(QLatin1String("code")).toInt(), 33);
        }
    }

    // --timeout holds for every instance: a slow call times out on each.
    void timeoutPerInstance()
    {
        QElapsedTimer clock;
        clock.start();
        RUN_CLI(r, 3,
                { QStringLiteral("--timeout"), QStringLiteral("0.3"), m_uris.join(QLatin1Char(',')),
                  QStringLiteral("call"), QStringLiteral("progress"), QStringLiteral("{5, 0.2}") });
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        for (const QString &uri : m_uris) {
            QVERIFY(r.of(uri, QStringLiteral("push")).size() < 5); // one, unless the machine is very busy
            const std::vector<QJsonObject> errors = r.of(uri, QStringLiteral("error"));
            QCOMPARE(errors.size(), size_t(1));
            QCOMPARE(errors[0].value(QLatin1String("kind")).toString(), QStringLiteral("timeout"));
        }
    }

    void asyncSentPerInstance()
    {
        RUN_CLI(r, 0,
                { QStringLiteral("--async"), m_uris.join(QLatin1Char(',')), QStringLiteral("call"),
                  QStringLiteral("echo"), QStringLiteral("{1}") });
        QCOMPARE(r.json.size(), size_t(6));
        for (const QString &uri : m_uris) {
            QCOMPARE(r.of(uri, QStringLiteral("sent")).size(), size_t(1));
            QCOMPARE(r.of(uri, QStringLiteral("result")).size(), size_t(1));
        }
    }

    // Credentials are the instances' own business: the instance names carry no user or password.
    void credentialsNeverPrinted()
    {
        QStringList list;
        for (const QString &uri : m_uris)
            list << QStringLiteral("boxscope:secret@") + uri;
        RUN_CLI(r, 0,
                { list.join(QLatin1Char(',')), QStringLiteral("eval"), QStringLiteral("return box.session.user()") });
        QCOMPARE(r.json.size(), size_t(3));
        for (const QString &uri : m_uris) {
            const std::vector<QJsonObject> results = r.of(uri, QStringLiteral("result"));
            QCOMPARE(results.size(), size_t(1));
            QCOMPARE(results[0].value(QLatin1String("value")).toArray(), QJsonArray { QStringLiteral("boxscope") });
        }
        QVERIFY(!r.out.contains("secret"));
        QVERIFY(!r.err.contains("secret"));
    }

    void usage()
    {
        RUN_CLI(twice, 2, { m_uris[0] + QLatin1Char(',') + m_uris[0], QStringLiteral("ping") });
        QVERIFY2(twice.err.contains("is listed twice"), twice.err.constData());
        RUN_CLI(bad, 2, { m_uris[0] + QStringLiteral(",u:secret@127.0.0.1:99999"), QStringLiteral("ping") });
        QVERIFY2(!bad.err.contains("secret"), bad.err.constData());
        QVERIFY2(bad.err.contains("bad port '99999' in URI 'u:***@127.0.0.1:99999'"), bad.err.constData());
        const Run help = runCli({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("URI,URI[,...] COMMAND"));
    }
};

QTEST_GUILESS_MAIN(tst_CliFanOut)
#include "tst_clifanout.moc"
