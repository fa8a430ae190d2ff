// The window with a replica set, against REAL tarantools: Sandbox > Start a replica set starts
// a master and two replicas (SandboxReplicaSet), opens a tab for each with its colour tag,
// and the Replica set panel follows all three (the master rw, the replicas ro); the Fan-out
// panel lists the three tabs and a progress(5, 0.05) sent to all shows 5 pushes in each
// instance's own column; a read-only saved connection refuses a write from the remote-call
// form with no frame on the wire; Connection > Saved connections… opens a tab for a profile.
#include "ConnectionWorkspace.h"
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/FanOut.h"
#include "client/IprotoCapture.h"
#include "client/ReplicaSetMonitor.h"
#include "connection/ConnectionProfileStore.h"
#include "connection/ConnectionsDialog.h"
#include "iproto/Iproto.h"
#include "log/LogModel.h"
#include "remotecall/FanOutColumn.h"
#include "remotecall/FanOutPanel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestForm.h"
#include "remotecall/RequestHistoryModel.h"
#include "replicaset/ReplicaSetModel.h"
#include "replicaset/ReplicaSetPanel.h"
#include "sandbox/SandboxReplicaSet.h"
#include "sandbox/SandboxServer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_ReplicaSetWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;

    static void fill(RequestForm *form, RequestSpec::Method method, const QString &target, const QString &args)
    {
        form->methodBox()->setCurrentIndex(int(method));
        form->targetEdit()->clear();
        QTest::keyClicks(form->targetEdit(), target);
        form->argumentsEdit()->clear();
        QTest::keyClicks(form->argumentsEdit(), args);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_replicasetwindow"));
    }

    void sandboxReplicaSetSideBySide()
    {
        MainWindow w;
        w.resize(1366, 768);
        w.show();
        auto *start = w.findChild<QAction *>(QStringLiteral("actionStartReplicaSet"));
        QVERIFY(start);
        start->trigger();
        QVERIFY(waitFor([&] { return w.workspaceCount() == 3; }, 30000));
        // The unused first tab made way: master, replica, replica, each with its colour tag.
        const QStringList uris = w.sandboxReplicaSet()->uris();
        QCOMPARE(uris.size(), 3);
        for (int i = 0; i < 3; ++i) {
            ConnectionWorkspace *ws = w.workspace(i);
            QCOMPARE(ws->profile().uri, uris[i]);
            QVERIFY(ws->profile().colour.isValid());
            QVERIFY(!w.connectionTabs()->tabIcon(i).isNull());
            QVERIFY(waitFor([&] { return ws->connection()->isReady(); }, 10000));
        }
        QVERIFY(w.workspace(0)->name().startsWith(QLatin1String("master")));
        QVERIFY(w.workspace(1)->name().startsWith(QLatin1String("replica")));

        // Each tab's colour tag is beside its history rows and its log lines too.
        ConnectionWorkspace *master = w.workspace(0);
        const QColor tag = master->profile().colour;
        fill(master->remoteCallPanel()->form(), RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("1"));
        Request *echo = master->remoteCallPanel()->send();
        QVERIFY(echo);
        QVERIFY(waitFor([&] { return echo->isFinished(); }, 5000));
        RequestHistoryModel *history = master->remoteCallPanel()->history();
        QVERIFY(history->rowCount() >= 1);
        QCOMPARE(history->index(0, 0).data(Qt::DecorationRole).value<QColor>(), tag);
        QVERIFY(!w.workspace(1)->remoteCallPanel()->history()->tagColour().isValid()
                || w.workspace(1)->remoteCallPanel()->history()->tagColour() != tag);
        LogModel *log = w.logModel();
        log->flush();
        int tagged = 0;
        for (int row = 0; row < log->rowCount(); ++row) {
            if (log->entry(row).connection != master->name())
                continue;
            QCOMPARE(log->index(row, LogModel::ConnectionColumn).data(Qt::DecorationRole).value<QColor>(), tag);
            ++tagged;
        }
        QVERIFY(tagged > 0);

        // The Replica set panel follows all three from the master.
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.replicaSetPanel()));
        ReplicaSetModel *model = w.replicaSetPanel()->model();
        auto roles = [&] {
            QStringList out;
            for (int row = 0; row < model->rowCount(); ++row)
                out << model->index(row, ReplicaSetModel::Role).data().toString();
            out.sort();
            return out;
        };
        QVERIFY2(waitFor(
                         [&] {
                             return roles() == QStringList({ "ro", "ro", "rw" });
                         },
                         15000),
                 qPrintable(roles().join(QLatin1Char(','))));

        // Fan-out: the three tabs listed, progress(5, 0.05) to all, five pushes in each column.
        FanOutPanel *fan = w.fanOutPanel();
        w.tabs()->setCurrentWidget(fan);
        QCOMPARE(fan->checkedInstances().size(), 3);
        fill(fan->form(), RequestSpec::Method::Call, QStringLiteral("progress"), QStringLiteral("5, 0.05"));
        QVERIFY2(fan->sendProblem().isEmpty(), qPrintable(fan->sendProblem()));
        QTest::mouseClick(fan->sendButton(), Qt::LeftButton);
        QVERIFY(fan->fanOut());
        QVERIFY(waitFor([&] { return fan->fanOut()->isFinished(); }, 10000));
        QCOMPARE(fan->fanOut()->failedCount(), 0);
        QCOMPARE(fan->columns().size(), size_t(3));
        QStringList columnInstances;
        for (FanOutColumn *c : fan->columns()) {
            c->pushes()->flush();
            QCOMPARE(c->pushes()->rowCount(), 5);
            columnInstances << c->instance();
        }
        QCOMPARE(columnInstances,
                 QStringList({ w.workspace(0)->name(), w.workspace(1)->name(), w.workspace(2)->name() }));

        // Stop: the instances go (by PID), the tabs say so.
        w.findChild<QAction *>(QStringLiteral("actionStopReplicaSet"))->trigger();
        QVERIFY(!w.sandboxReplicaSet()->isRunning());
        QVERIFY(waitFor([&] { return !w.workspace(1)->connection()->isReady(); }, 10000));
    }

    void readOnlyProfileRefusesWritesWithoutAFrame()
    {
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        MainWindow w;
        w.show();
        ConnectionProfile p;
        p.name = QStringLiteral("production");
        p.uri = QStringLiteral("%1:%2").arg(fx.host()).arg(fx.port());
        p.readOnly = true;
        ConnectionWorkspace *ws = w.openWorkspace(p, true);
        QVERIFY(waitFor([&] { return ws->connection()->isReady() && ws->connection()->schema().isLoaded(); }, 10000));
        QVERIFY(ws->connection()->isReadOnly());
        // Frames the app sent for the person (its own — pings, completion lists — aside).
        auto sentByUser = [ws] {
            int n = 0;
            for (const CapturedFrame &f : ws->capture()->frames())
                n += f.direction == CapturedFrame::Direction::Sent && !f.own ? 1 : 0;
            return n;
        };
        const int framesBefore = sentByUser();
        RemoteCallPanel *panel = ws->remoteCallPanel();
        fill(panel->form(), RequestSpec::Method::Insert, QStringLiteral("demo"), QStringLiteral("{500, 'nope'}"));
        Request *r = panel->send();
        QVERIFY(r);
        QVERIFY(waitFor([&] { return r->isFinished(); }, 5000));
        QCOMPARE(r->state(), Request::State::Failed);
        QCOMPARE(r->error().message, Connection::kReadOnlyRefusal);
        QTest::qWait(100);
        QCOMPARE(sentByUser(), framesBefore); // nothing went out
        for (const CapturedFrame &f : ws->capture()->frames())
            QVERIFY(f.code != Iproto::INSERT);
        // A select goes out as usual.
        fill(panel->form(), RequestSpec::Method::Select, QStringLiteral("demo"), QStringLiteral("{500}"));
        r = panel->send();
        QVERIFY(r);
        QVERIFY(waitFor([&] { return r->isFinished(); }, 5000));
        QCOMPARE(r->state(), Request::State::Done);
        QCOMPARE(r->result().size(), size_t(0));
        QVERIFY(sentByUser() > framesBefore);
    }

    void savedConnectionOpensATab()
    {
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        MainWindow w;
        w.show();
        ConnectionProfile p;
        p.name = QStringLiteral("staging");
        p.uri = QStringLiteral("%1:%2").arg(fx.host()).arg(fx.port());
        p.colour = QColor(Qt::darkCyan);
        const ConnectionProfile saved = w.profileStore()->add(p);
        QVERIFY(!saved.id.isEmpty());
        w.findChild<QAction *>(QStringLiteral("actionConnections"))->trigger();
        auto *dialog = w.findChild<ConnectionsDialog *>();
        QVERIFY(dialog);
        dialog->selectProfile(saved.id);
        // Read-only ticked in the editor, not saved: Open opens what the editor shows.
        QCheckBox *readOnly = nullptr;
        for (auto *b : dialog->findChildren<QCheckBox *>())
            if (b->accessibleName() == QLatin1String("Read-only connection"))
                readOnly = b;
        QVERIFY(readOnly);
        QVERIFY(!readOnly->isChecked());
        readOnly->setChecked(true);
        QPushButton *open = nullptr;
        for (auto *b : dialog->findChildren<QPushButton *>())
            if (b->accessibleName() == QLatin1String("Open the connection"))
                open = b;
        QVERIFY(open);
        const int before = w.workspaceCount();
        QTest::mouseClick(open, Qt::LeftButton);
        QVERIFY(waitFor([&] { return w.workspaceCount() == before + 1; }, 5000));
        ConnectionWorkspace *ws = w.currentWorkspace();
        QCOMPARE(ws->name(), QStringLiteral("staging"));
        QCOMPARE(ws->profile().id, saved.id);
        QVERIFY(ws->profile().readOnly);
        QVERIFY(ws->connection()->isReadOnly());
        QVERIFY(w.connectionTabs()->tabText(w.indexOfWorkspace(ws)).contains(QLatin1String("read-only")));
        QVERIFY(waitFor([&] { return ws->connection()->isReady(); }, 10000));
    }
};

QTEST_MAIN(tst_ReplicaSetWindow)
#include "tst_replicasetwindow.moc"
