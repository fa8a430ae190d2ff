// A read-only connection against a real tarantool: writes are refused before anything is
// written (the capture of the connection's traffic has no such frame, the space no tuple),
// reads go through, and eval/call ask the guard once per session.
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/Request.h"
#include "connection/ReadOnlyGuard.h"
#include "remotecall/RequestHistoryModel.h"

#include <QApplication>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_ReadOnly : public QObject
{
    Q_OBJECT

    std::unique_ptr<TarantoolFixture> m_fx;

    Uri uri() const
    {
        Uri u;
        u.host = m_fx->host();
        u.port = m_fx->port();
        return u;
    }

    // Requests of the client's that reached the wire with this IPROTO type.
    static int sentOfType(const IprotoCapture &cap, uint32_t type)
    {
        int n = 0;
        for (const CapturedFrame &f : cap.frames())
            n += f.direction == CapturedFrame::Direction::Sent && f.hasCode && f.code == type;
        return n;
    }

private slots:
    void initTestCase()
    {
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void readSql_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("read");
        QTest::newRow("select") << "SELECT 1" << true;
        QTest::newRow("lower case, spaces") << "  \n\tselect * from demo" << true;
        QTest::newRow("comments first") << "-- a note\n/* select? */ VALUES (1)" << true;
        QTest::newRow("parenthesised") << "(SELECT 1)" << true;
        QTest::newRow("explain") << "EXPLAIN INSERT INTO t VALUES (1)" << true;
        QTest::newRow("pragma") << "PRAGMA table_info(demo)" << true;
        QTest::newRow("with select") << "WITH t(x) AS (SELECT 1) SELECT x FROM t" << true;
        QTest::newRow("with insert") << "WITH t(x) AS (SELECT 1) INSERT INTO d SELECT x FROM t" << false;
        QTest::newRow("with delete") << "WITH RECURSIVE t AS (VALUES (1)) DELETE FROM d" << false;
        QTest::newRow("insert") << "INSERT INTO demo VALUES (1, 'a', 1)" << false;
        QTest::newRow("update") << "update demo set value = 1" << false;
        QTest::newRow("delete") << "DELETE FROM demo" << false;
        QTest::newRow("replace") << "REPLACE INTO demo VALUES (1)" << false;
        QTest::newRow("create") << "CREATE TABLE t (id INT PRIMARY KEY)" << false;
        QTest::newRow("drop") << "DROP TABLE demo" << false;
        QTest::newRow("keyword in a comment only") << "/* SELECT */ DELETE FROM demo" << false;
        QTest::newRow("string first") << "'SELECT'" << false;
        QTest::newRow("empty") << "  -- nothing" << false;
    }

    void readSql()
    {
        QFETCH(QString, sql);
        QFETCH(bool, read);
        QCOMPARE(Connection::isReadSql(sql), read);
    }

    void writesAreRefusedWithoutAFrame()
    {
        Connection c;
        IprotoCapture cap;
        cap.attach(&c);
        c.setReadOnly(true);
        QVERIFY(c.isReadOnly());
        c.connectToServer(uri());
        QVERIFY(waitFor([&] { return c.isReady() && c.schema().isLoaded(); }, 10000));

        const ObjectRef demo(QStringLiteral("demo"));
        const MpValue tuple = A({ U(700), S("ro"), U(1) });
        struct Write
        {
            const char *name;
            Request *request;
            uint32_t type;
        };
        const Write writes[] = {
            { "insert", c.insert(demo, tuple), Iproto::INSERT },
            { "replace", c.replace(demo, tuple), Iproto::REPLACE },
            { "update", c.update(demo, A({ U(1) }), A({ A({ S("="), S("value"), U(0) }) })), Iproto::UPDATE },
            { "upsert", c.upsert(demo, tuple, A({ A({ S("="), S("value"), U(0) }) })), Iproto::UPSERT },
            { "delete", c.remove(demo, A({ U(1) })), Iproto::DELETE },
            { "execute", c.execute(QStringLiteral("INSERT INTO \"demo\" VALUES (701, 'sql', 1)"), A()),
              Iproto::EXECUTE },
        };
        RequestHistoryModel history;
        for (const Write &w : writes) {
            QVERIFY2(w.request->waitForFinished(5000), w.name);
            QCOMPARE(w.request->state(), Request::State::Failed);
            QCOMPARE(w.request->error().kind, Error::Kind::Usage);
            QCOMPARE(w.request->error().message, QStringLiteral("refused: the connection is read-only"));
            QVERIFY(!w.request->wasSent());
            history.addRequest(w.request);
        }
        // In the history a refused write has no SYNC and no duration: it never went out.
        for (int row = 0; row < history.rowCount(); ++row) {
            QCOMPARE(history.index(row, RequestHistoryModel::SyncColumn).data().toString(), QStringLiteral("—"));
            QCOMPARE(history.index(row, RequestHistoryModel::SyncColumn).data(Qt::ToolTipRole).toString(),
                     QStringLiteral("not sent"));
            QCOMPARE(history.index(row, RequestHistoryModel::DurationColumn).data().toString(), QStringLiteral("—"));
        }

        // Reads go through: select, and SQL that only reads.
        Request *select = c.select(demo, A({ U(1) }));
        QVERIFY(select->waitForFinished(5000));
        QCOMPARE(select->state(), Request::State::Done);
        QCOMPARE(select->result().size(), size_t(1));
        Request *sql = c.execute(QStringLiteral("SELECT COUNT(*) FROM \"demo\" WHERE \"id\" >= 700"), A());
        QVERIFY(sql->waitForFinished(5000));
        QVERIFY2(sql->state() == Request::State::Done, qPrintable(sql->error().message));
        Request *ping = c.ping();
        QVERIFY(ping->waitForFinished(5000));
        QVERIFY(waitFor([&] { return sentOfType(cap, Iproto::PING) == 1; }));
        QVERIFY(ping->wasSent() && select->wasSent());
        history.addRequest(ping);
        QCOMPARE(history.index(history.rowCount() - 1, RequestHistoryModel::SyncColumn).data().toString(),
                 QString::number(ping->sync()));

        // Not one write reached the wire; one SELECT and one EXECUTE (the read) did.
        for (const Write &w : writes)
            QCOMPARE(sentOfType(cap, w.type), w.type == Iproto::EXECUTE ? 1 : 0);
        QVERIFY(sentOfType(cap, Iproto::SELECT) >= 1);

        // And the server has none of it.
        Connection plain;
        plain.connectToServer(uri());
        QVERIFY(waitFor([&] { return plain.isReady() && plain.schema().isLoaded(); }, 10000));
        SelectOptions ge;
        ge.iterator = Iproto::GE;
        Request *check = plain.select(demo, A({ U(700) }), ge);
        QVERIFY(check->waitForFinished(5000));
        QCOMPARE(check->result(), A());
        Request *one = plain.select(demo, A({ U(1) }));
        QVERIFY(one->waitForFinished(5000));
        QCOMPARE(one->result(), A({ A({ U(1), S("item1"), U(10) }) }));

        // Off again, the connection writes.
        c.setReadOnly(false);
        Request *insert = c.insert(demo, tuple);
        QVERIFY(insert->waitForFinished(5000));
        QVERIFY2(insert->state() == Request::State::Done, qPrintable(insert->error().message));
        Request *cleanup = c.remove(demo, A({ U(700) }));
        QVERIFY(cleanup->waitForFinished(5000));
    }

    void evalAsksOncePerSession()
    {
        Connection c;
        IprotoCapture cap;
        cap.attach(&c);
        ReadOnlyGuard guard(&c, nullptr);
        QVERIFY(c.isReadOnly());
        int asked = 0;
        bool allow = true;
        guard.setAsk([&](const RequestSpec &) {
            ++asked;
            return allow;
        });
        c.connectToServer(uri());
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));

        Request *first = c.eval(QStringLiteral("return 1 + 1"), A());
        QVERIFY(first->waitForFinished(5000));
        QCOMPARE(first->state(), Request::State::Done);
        QCOMPARE(first->result(), A({ U(2) }));
        QCOMPARE(asked, 1);
        Request *second = c.call(QStringLiteral("box.info"), A());
        QVERIFY(second->waitForFinished(5000));
        QCOMPARE(second->state(), Request::State::Done);
        QCOMPARE(asked, 1); // the answer holds for the session
        QCOMPARE(guard.answer(), std::optional<bool>(true));

        // A new session asks again; "no" refuses eval and call without a frame.
        c.disconnectFromServer();
        QVERIFY(waitFor([&] { return c.state() == Connection::State::Disconnected; }));
        QCOMPARE(guard.answer(), std::optional<bool>());
        allow = false;
        c.connectToServer(uri());
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        const int evalsBefore = sentOfType(cap, Iproto::EVAL);
        const int callsBefore = sentOfType(cap, Iproto::CALL);
        Request *refused = c.eval(QStringLiteral("box.space.demo:insert{702, 'x', 1}"), A());
        QVERIFY(refused->waitForFinished(5000));
        QCOMPARE(refused->state(), Request::State::Failed);
        QCOMPARE(refused->error().message, QStringLiteral("refused: the connection is read-only"));
        Request *refusedCall = c.call(QStringLiteral("box.info"), A());
        QVERIFY(refusedCall->waitForFinished(5000));
        QCOMPARE(refusedCall->state(), Request::State::Failed);
        QCOMPARE(asked, 2);
        Request *ping = c.ping();
        QVERIFY(ping->waitForFinished(5000));
        QVERIFY(waitFor([&] { return cap.findBySync(CapturedFrame::Direction::Sent, ping->sync()) != nullptr; }));
        QCOMPARE(sentOfType(cap, Iproto::EVAL), evalsBefore);
        QCOMPARE(sentOfType(cap, Iproto::CALL), callsBefore);
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    tst_ReadOnly test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_readonly.moc"
