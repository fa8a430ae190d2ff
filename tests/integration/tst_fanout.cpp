// FanOut: one request to three real tarantools (resources/sandbox.lua), each on its own
// Connection: pushes and outcome per instance, timing, the deadline, a missing or refused
// instance, and the export as JSON lines with an "instance" field.

#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/FanOut.h"
#include "client/JsonLines.h"
#include "format/MpFormat.h"
#include "sandbox/SandboxServer.h"

#include <QBuffer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

// The instances a fan-out is sent to: three independent servers (no replication needed).
// A replica set's fixture would give its instances' URIs the same way.
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

Uri parsed(const QString &text)
{
    Uri u;
    Uri::parse(text, &u, nullptr);
    return u;
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

std::vector<QJsonObject> jsonLines(const QByteArray &text)
{
    std::vector<QJsonObject> out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        out.push_back(doc.isObject() ? doc.object() : QJsonObject { { QStringLiteral("bad"), QString(line) } });
    }
    return out;
}

} // namespace

class tst_FanOut : public QObject
{
    Q_OBJECT

private:
    Instances m_instances;
    std::vector<std::unique_ptr<Connection>> m_connections;

    QList<FanOut::Target> targets() const
    {
        QList<FanOut::Target> list;
        for (const auto &c : m_connections)
            list << FanOut::Target { c->uri().displayString(), c.get() };
        return list;
    }

    static RequestSpec progress(int n, double delay, int timeoutMs = 10000)
    {
        RequestSpec spec;
        spec.method = RequestSpec::Method::Call;
        spec.function = QStringLiteral("progress");
        spec.arguments = MpValue::array({ MpValue::integer(n), MpValue::doubleValue(delay) });
        spec.timeoutMs = timeoutMs;
        return spec;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        QVERIFY2(m_instances.start(3), qPrintable(m_instances.error));
        for (const QString &uri : m_instances.uris()) {
            m_connections.push_back(std::make_unique<Connection>());
            m_connections.back()->connectToServer(parsed(uri));
        }
        QVERIFY(waitFor(
                [&] {
                    for (const auto &c : m_connections)
                        if (!c->isReady())
                            return false;
                    return true;
                },
                10000));
    }

    void cleanupTestCase()
    {
        m_connections.clear();
        m_instances.servers.clear();
    }

    // progress(5, 0.05) everywhere: five pushes and the result 5 per instance, each with its
    // own timing; finished() once, after the last instance.
    void pushesAndResultPerInstance()
    {
        FanOut fan;
        std::vector<std::vector<quint64>> pushes(3);
        QList<int> finishedOrder;
        int finishedSignals = 0;
        connect(&fan, &FanOut::pushReceived, this, [&](int i, const MpValue &value, quint64 index) {
            QCOMPARE(value.find("of")->toInt64(), 5);
            pushes[size_t(i)].push_back(index);
        });
        connect(&fan, &FanOut::instanceFinished, this, [&](int i) { finishedOrder << i; });
        connect(&fan, &FanOut::finished, this, [&] { ++finishedSignals; });
        fan.start(progress(5, 0.05), targets());
        QCOMPARE(fan.count(), 3);
        QVERIFY(waitFor([&] { return fan.isFinished(); }, 10000));
        QCOMPARE(finishedSignals, 1);
        QCOMPARE(finishedOrder.size(), 3);
        QCOMPARE(fan.failedCount(), 0);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(fan.instance(i), m_connections[size_t(i)]->uri().displayString());
            QCOMPARE(pushes[size_t(i)], (std::vector<quint64> { 1, 2, 3, 4, 5 }));
            Request *r = fan.request(i);
            QVERIFY(r);
            QCOMPARE(r->state(), Request::State::Done);
            QCOMPARE(MpFormat::toJson(r->result()), QStringLiteral("[5]"));
            QVERIFY(fan.error(i).isNull());
            QVERIFY(fan.sentAtNs(i) >= 0);
            QVERIFY(fan.sentAtNs(i) < fan.elapsedNs());
            // Five pushes 50 ms apart: the first after ≥ 50 ms, the result after ≥ 250 ms.
            QVERIFY2(r->firstPushNs() >= 45'000'000, qPrintable(QString::number(r->firstPushNs())));
            QVERIFY2(r->durationNs() >= 245'000'000, qPrintable(QString::number(r->durationNs())));
            QVERIFY(r->durationNs() >= r->firstPushNs());
        }
    }

    // The export: every event as the single-request JSON lines plus "instance", in the order
    // they arrived; per instance the same lines JsonLines::writeRequest writes.
    void exportAsJsonLines()
    {
        FanOut fan;
        QStringList arrival;
        connect(&fan, &FanOut::pushReceived, this,
                [&](int i, const MpValue &, quint64 index) { arrival << fan.instance(i) + QString::number(index); });
        connect(&fan, &FanOut::instanceFinished, this,
                [&](int i) { arrival << fan.instance(i) + QStringLiteral("end"); });
        fan.start(progress(5, 0.05), targets());
        QVERIFY(waitFor([&] { return fan.isFinished(); }, 10000));

        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(fan.writeJsonLines(&buffer));
        const std::vector<QJsonObject> lines = jsonLines(buffer.data());
        QCOMPARE(lines.size(), size_t(18));
        QStringList order;
        for (const QJsonObject &o : lines) {
            const QString event = o.value(QLatin1String("event")).toString();
            const QString instance = o.value(QLatin1String("instance")).toString();
            order << instance
                            + (event == QLatin1String("push") ? QString::number(o.value(QLatin1String("index")).toInt())
                                                              : QStringLiteral("end"));
        }
        QCOMPARE(order, arrival);

        for (int i = 0; i < 3; ++i) {
            const QString label = fan.instance(i);
            int pushes = 0, results = 0;
            for (const QJsonObject &o : lines) {
                if (o.value(QLatin1String("instance")).toString() != label)
                    continue;
                const QString event = o.value(QLatin1String("event")).toString();
                if (event == QLatin1String("push")) {
                    ++pushes;
                    QCOMPARE(o.value(QLatin1String("index")).toInt(), pushes);
                } else if (event == QLatin1String("result")) {
                    ++results;
                    QCOMPARE(o.value(QLatin1String("value")).toVariant().toList(), QVariantList { 5 });
                }
            }
            QCOMPARE(pushes, 5);
            QCOMPARE(results, 1);

            // Without "instance", the lines are the one request's own.
            QBuffer own;
            own.open(QIODevice::WriteOnly);
            QVERIFY(JsonLines::writeRequest(*fan.request(i), &own));
            QStringList mine;
            for (const QByteArray &line : buffer.data().split('\n')) {
                const QString withField = QString::fromUtf8(line);
                const QString field = QStringLiteral(",\"instance\":\"%1\"").arg(label);
                if (withField.contains(field))
                    mine << QString(withField).remove(field);
            }
            QCOMPARE(mine, QString::fromUtf8(own.data()).split(QLatin1Char('\n'), Qt::SkipEmptyParts));
        }
    }

    void instanceFieldFollowsTheEvent()
    {
        QCOMPARE(FanOut::withInstance(JsonLines::dropped(3), QStringLiteral("h:1")),
                 QStringLiteral("{\"event\":\"dropped\",\"instance\":\"h:1\",\"count\":3}"));
        QCOMPARE(FanOut::withInstance(JsonLines::push(2, 1500000, MpValue::integer(7)), QStringLiteral("a\"b")),
                 QStringLiteral(
                         "{\"event\":\"push\",\"instance\":\"a\\\"b\",\"index\":2,\"elapsed_ms\":1.500,\"value\":7}"));
    }

    // One instance refuses connections and one has no connection: each gets its error line,
    // the others still answer.
    void failedInstancesAndTheOthers()
    {
        const QString closed = closedPortAddress();
        QVERIFY(!closed.isEmpty());
        Connection refused;
        refused.connectToServer(parsed(closed));
        QList<FanOut::Target> list = targets();
        list.insert(1, FanOut::Target { closed, &refused });
        list << FanOut::Target { QStringLiteral("nowhere:1"), nullptr };
        FanOut fan;
        fan.start(progress(2, 0.01), list);
        QVERIFY(waitFor([&] { return fan.isFinished(); }, 10000));
        QCOMPARE(fan.failedCount(), 2);
        QCOMPARE(fan.error(1).kind, Error::Kind::Connection);
        QCOMPARE(fan.error(4).kind, Error::Kind::Connection);
        QVERIFY(!fan.request(4));
        for (int i : { 0, 2, 3 }) {
            QVERIFY(fan.error(i).isNull());
            QCOMPARE(fan.request(i)->pushCount(), quint64(2));
        }
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(fan.writeJsonLines(&buffer));
        int errors = 0;
        for (const QJsonObject &o : jsonLines(buffer.data())) {
            if (o.value(QLatin1String("event")).toString() != QLatin1String("error"))
                continue;
            ++errors;
            QVERIFY(o.value(QLatin1String("instance")).toString() == closed
                    || o.value(QLatin1String("instance")).toString() == QLatin1String("nowhere:1"));
            QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("connection"));
        }
        QCOMPARE(errors, 2);
    }

    // Every request carries the spec's timeout: a slow function times out on each instance.
    void deadlinePerInstance()
    {
        FanOut fan;
        QElapsedTimer clock;
        clock.start();
        fan.start(progress(5, 0.2, 300), targets());
        QVERIFY(waitFor([&] { return fan.isFinished(); }, 5000));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(fan.failedCount(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(fan.request(i)->state(), Request::State::TimedOut);
            QCOMPARE(fan.error(i).kind, Error::Kind::Timeout);
            QVERIFY(fan.request(i)->pushCount() < 5); // one, unless the machine is very busy
        }
    }

    // Deleting the fan-out discards what is still pending.
    void deletingDiscards()
    {
        auto fan = std::make_unique<FanOut>();
        fan->start(progress(5, 0.2), targets());
        QPointer<Request> r = fan->request(0);
        QVERIFY(waitFor([&] { return fan->sentAtNs(0) >= 0; }, 5000));
        fan.reset();
        QVERIFY(!r);
    }
};

QTEST_GUILESS_MAIN(tst_FanOut)
#include "tst_fanout.moc"
