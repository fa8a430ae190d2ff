// One log path: netcore logs through QLoggingCategory (boxscope.client, boxscope.lua, ...) and
// the real Boxscope::MainWindow routes those categories into its log view, beside the panels'
// own lines, with the same level scale; other categories are left to Qt. The rules are Qt's
// (QLoggingCategory::setFilterRules, QT_LOGGING_RULES): what they turn off never arrives.
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "log/LogModel.h"
#include "log/LogRouter.h"
#include "logging/Log.h"
#include "sandbox/SandboxServer.h"

#include <QLoggingCategory>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <thread>

using namespace Boxscope;
using namespace Boxscope::Test;

Q_LOGGING_CATEGORY(lcOther, "other.category", QtDebugMsg)

class tst_LogRouting : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<TarantoolFixture> m_fx;

    // Rows of the window's log as "source|level|message".
    static QStringList rows(MainWindow &w)
    {
        LogModel *log = w.logModel();
        log->flush();
        QStringList out;
        for (int row = 0; row < log->rowCount(); ++row) {
            const LogModel::Entry &e = log->entry(row);
            out << QStringLiteral("%1|%2|%3").arg(e.source, logLevelName(e.level), e.message);
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_logrouting"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanup() { QLoggingCategory::setFilterRules(QString()); }

    void netcoreReachesTheLogView()
    {
        LogRouter::enableInfo();
        MainWindow w;
        w.connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()));
        Connection *c = w.connection();
        QVERIFY(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000));
        // Connection's own line (boxscope.client, info) beside the connection bar's.
        QVERIFY2(waitFor([&] {
                     return !rows(w).filter(QRegularExpression(
                                                    QStringLiteral("^client\\|info\\|.*schema version \\d+ loaded")))
                                     .isEmpty();
                 }),
                 qPrintable(rows(w).join(QLatin1Char('\n'))));
        QVERIFY(!rows(w).filter(QRegularExpression(QStringLiteral("^connection\\|info\\|Connected to "))).isEmpty());
        // Debug is off unless asked for.
        QVERIFY(rows(w).filter(QRegularExpression(QStringLiteral("^client\\|debug\\|"))).isEmpty());

        // Levels map onto the one scale; another thread's line arrives too; other categories
        // are not the log view's.
        qCWarning(lcSockets) << "a warning from sockets";
        std::thread([] { qCInfo(lcLua) << "from another thread"; }).join();
        qCWarning(lcOther) << "not for the log view";
        QVERIFY(waitFor([&] { return !rows(w).filter(QStringLiteral("lua|info|from another thread")).isEmpty(); }));
        QVERIFY(rows(w).contains(QStringLiteral("sockets|warning|a warning from sockets")));
        QVERIFY(rows(w).filter(QStringLiteral("not for the log view")).isEmpty());
    }

    void rulesDecide()
    {
        // Debug on for the client only; info off for lua.
        QLoggingCategory::setFilterRules(QStringLiteral("boxscope.client.debug=true\nboxscope.lua.info=false"));
        MainWindow w;
        w.connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()));
        Connection *c = w.connection();
        QVERIFY(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000));
        QVERIFY2(waitFor([&] {
                     return !rows(w).filter(QRegularExpression(QStringLiteral("^client\\|debug\\|.* state ready$")))
                                     .isEmpty();
                 }),
                 qPrintable(rows(w).join(QLatin1Char('\n'))));
        qCInfo(lcLua) << "switched off";
        QTest::qWait(50);
        QVERIFY(rows(w).filter(QStringLiteral("switched off")).isEmpty());
    }

    // Two windows at once: the newest gets the lines, other categories still reach Qt's
    // handler (no recursion), and when the newest goes the first one gets them again.
    void twoWindows()
    {
        LogRouter::enableInfo();
        MainWindow first;
        {
            MainWindow second;
            qCWarning(lcOther) << "not for any log view";
            qCInfo(lcClient) << "to the second";
            QVERIFY(waitFor([&] { return rows(second).contains(QStringLiteral("client|info|to the second")); }));
            QVERIFY(rows(first).filter(QStringLiteral("to the second")).isEmpty());
        }
        qCWarning(lcOther) << "still not for any log view";
        qCInfo(lcClient) << "to the first";
        QVERIFY(waitFor([&] { return rows(first).contains(QStringLiteral("client|info|to the first")); }));
    }

    void routerGoesWithItsWindow()
    {
        LogRouter::enableInfo();
        {
            MainWindow w;
        }
        // No window, no router: the message goes to Qt's handler and nothing breaks.
        qCInfo(lcClient) << "after the window";
        MainWindow w;
        qCInfo(lcClient) << "to the new window";
        QVERIFY(waitFor([&] { return rows(w).contains(QStringLiteral("client|info|to the new window")); }));
        QVERIFY(rows(w).filter(QStringLiteral("after the window")).isEmpty());
    }
};

QTEST_MAIN(tst_LogRouting)
#include "tst_logrouting.moc"
