// The fan-out panel against three real tarantools (resources/sandbox.lua), each on its own
// Connection, driven as a person drives it: check boxes, keys into the form, a click on Send;
// the columns side by side, the export as JSON lines with "instance".

#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/FanOut.h"
#include "client/Request.h"
#include "common/ValueView.h"
#include "remotecall/FanOutColumn.h"
#include "remotecall/FanOutPanel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RequestForm.h"
#include "sandbox/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>
#include <vector>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

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

} // namespace

class tst_FanOutPanel : public QObject
{
    Q_OBJECT

private:
    Instances m_instances;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::unique_ptr<FanOutPanel> m_panel;

    QList<QPair<QString, Connection *>> instanceList() const
    {
        QList<QPair<QString, Connection *>> list;
        for (const auto &c : m_connections)
            list << qMakePair(c->uri().displayString(), c.get());
        return list;
    }

    void fill(const QString &function, const QString &args)
    {
        RequestForm *form = m_panel->form();
        form->methodBox()->setCurrentIndex(int(RequestSpec::Method::Call));
        form->targetEdit()->clear();
        QTest::keyClicks(form->targetEdit(), function);
        form->argumentsEdit()->clear();
        QTest::keyClicks(form->argumentsEdit(), args);
    }

    // Clicks the check box of an instance's row.
    void clickCheck(int row)
    {
        QListView *view = m_panel->instanceList();
        const QModelIndex idx = view->model()->index(row, 0);
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.rect = view->visualRect(idx);
        option.features |= QStyleOptionViewItem::HasCheckIndicator;
        const QRect box = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, box.center());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // ValueView keeps its tab in QSettings
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        QVERIFY2(m_instances.start(3), qPrintable(m_instances.error));
        for (const QString &uri : m_instances.uris()) {
            Uri u;
            QVERIFY(Uri::parse(uri, &u, nullptr));
            m_connections.push_back(std::make_unique<Connection>());
            m_connections.back()->connectToServer(u);
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

    void init()
    {
        m_panel = std::make_unique<FanOutPanel>();
        m_panel->resize(1200, 800);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup() { m_panel.reset(); }

    void cleanupTestCase()
    {
        m_connections.clear();
        m_instances.servers.clear();
    }

    // All three checked, progress(5, 0.05): a column per instance with its 5 pushes, the
    // result 5 and its timing; the export has 5 pushes and a result per instance.
    void sendToAll()
    {
        QCOMPARE(m_panel->sendProblem(), QStringLiteral("No instances to send to"));
        m_panel->setInstances(instanceList());
        QCOMPARE(m_panel->checkedInstances().size(), 3); // new instances come checked
        fill(QStringLiteral("progress"), QStringLiteral("5, 0.05"));
        QVERIFY2(m_panel->sendProblem().isEmpty(), qPrintable(m_panel->sendProblem()));
        QVERIFY(m_panel->sendButton()->isEnabled());
        QTest::mouseClick(m_panel->sendButton(), Qt::LeftButton);
        FanOut *fan = m_panel->fanOut();
        QVERIFY(fan);
        QCOMPARE(fan->count(), 3);
        QCOMPARE(m_panel->columns().size(), size_t(3));
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (FanOutColumn *c : m_panel->columns())
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                    c->pushes(), QAbstractItemModelTester::FailureReportingMode::Fatal));
        QVERIFY(waitFor([&] { return fan->isFinished(); }, 10000));

        const QStringList uris = m_instances.uris();
        for (size_t i = 0; i < 3; ++i) {
            FanOutColumn *c = m_panel->columns()[i];
            QCOMPARE(c->instance(), uris[int(i)]); // its own column, in the list's order
            QVERIFY(c->isVisible());
            // The list shows what came (after its batched flush).
            QVERIFY(waitFor([&] { return c->pushes()->rowCount() == 5; }, 2000));
            for (int row = 0; row < 5; ++row) {
                MpValue v;
                QVERIFY(c->pushes()->pushValue(row, &v));
                QCOMPARE(v.find("i")->toInt64(), row + 1);
                QCOMPARE(c->pushes()->pushIndex(row), quint64(row + 1));
            }
            QCOMPARE(c->pushes()->request(), fan->request(int(i)));
            QVERIFY(!c->result()->showsError());
            QCOMPARE(c->result()->yamlText(), QStringLiteral("---\n- 5\n...\n"));
            QVERIFY2(c->result()->title().contains(QLatin1String("result in")), qPrintable(c->result()->title()));
            const QString timing = c->timingLabel()->text();
            QVERIFY2(timing.contains(QLatin1String("sent at +")) && timing.contains(QLatin1String("first push"))
                             && timing.contains(QLatin1String("finished")),
                     qPrintable(timing));
            QCOMPARE(c->timingLabel()->accessibleDescription(), timing);
            QCOMPARE(c->pushView()->accessibleName(), QStringLiteral("Pushes from %1").arg(uris[int(i)]));
        }
        // Side by side: left to right in the list's order.
        QVERIFY(m_panel->columns()[0]->mapTo(m_panel.get(), QPoint()).x()
                < m_panel->columns()[1]->mapTo(m_panel.get(), QPoint()).x());
        QVERIFY(m_panel->columns()[1]->mapTo(m_panel.get(), QPoint()).x()
                < m_panel->columns()[2]->mapTo(m_panel.get(), QPoint()).x());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fanout.jsonl"));
        QVERIFY(m_panel->exportButton()->isEnabled());
        QVERIFY(m_panel->exportJsonLines(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::map<QString, int> pushes, results;
        int lines = 0;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            ++lines;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString instance = o.value(QLatin1String("instance")).toString();
            QVERIFY2(uris.contains(instance), line.constData());
            const QString event = o.value(QLatin1String("event")).toString();
            if (event == QLatin1String("push"))
                ++pushes[instance];
            else if (event == QLatin1String("result")) {
                ++results[instance];
                QCOMPARE(o.value(QLatin1String("value")).toArray(), QJsonArray { 5 });
            }
        }
        QCOMPARE(lines, 18);
        for (const QString &uri : uris) {
            QCOMPARE(pushes[uri], 5);
            QCOMPARE(results[uri], 1);
        }
    }

    // An unchecked instance gets nothing: no column, no request on its connection.
    void uncheckedGetsNothing()
    {
        m_panel->setInstances(instanceList());
        clickCheck(1);
        const QStringList uris = m_instances.uris();
        QCOMPARE(m_panel->checkedInstances(), (QStringList { uris[0], uris[2] }));
        fill(QStringLiteral("progress"), QStringLiteral("5, 0.05"));
        Connection *skipped = m_connections[1].get();
        int sentOnSkipped = 0;
        QObject listening; // the counter's lifetime: the connection outlives this test
        connect(skipped, &Connection::requestSent, &listening, [&](Request *r) {
            if (!r->spec().internal)
                ++sentOnSkipped;
        });
        m_panel->form()->targetEdit()->setFocus();
        QTest::keyClick(m_panel->form()->targetEdit(), Qt::Key_Return, Qt::ControlModifier);
        FanOut *fan = m_panel->fanOut();
        QVERIFY(fan);
        QVERIFY(waitFor([&] { return fan->isFinished(); }, 10000));
        QCOMPARE(fan->count(), 2);
        QCOMPARE(m_panel->columns().size(), size_t(2));
        QCOMPARE(m_panel->columns()[0]->instance(), uris[0]);
        QCOMPARE(m_panel->columns()[1]->instance(), uris[2]);
        QCOMPARE(sentOnSkipped, 0);
        QCOMPARE(fan->failedCount(), 0);

        // Listed again (the lead refreshes the list): the check marks stay.
        m_panel->setInstances(instanceList());
        QCOMPARE(m_panel->checkedInstances(), (QStringList { uris[0], uris[2] }));
        // None checked: nothing to send, and Send says why.
        clickCheck(0);
        clickCheck(2);
        QVERIFY(!m_panel->sendButton()->isEnabled());
        QCOMPARE(m_panel->problemLabel()->text(), QStringLiteral("Check at least one instance"));
        QVERIFY(!m_panel->send());
    }

    // An instance whose connection is gone shows its error in its column; the others answer.
    void instanceWithoutConnection()
    {
        QList<QPair<QString, Connection *>> list = instanceList();
        list << qMakePair(QStringLiteral("127.0.0.1:1"), static_cast<Connection *>(nullptr));
        m_panel->setInstances(list);
        fill(QStringLiteral("progress"), QStringLiteral("2, 0.01"));
        QVERIFY(m_panel->send());
        FanOut *fan = m_panel->fanOut();
        QVERIFY(waitFor([&] { return fan->isFinished(); }, 10000));
        QCOMPARE(fan->failedCount(), 1);
        FanOutColumn *last = m_panel->columns().back();
        QVERIFY(last->result()->showsError());
        QVERIFY2(last->result()->errorLabel()->text().contains(QLatin1String("Connection is not established")),
                 qPrintable(last->result()->errorLabel()->text()));
        QCOMPARE(m_panel->columns()[0]->result()->yamlText(), QStringLiteral("---\n- 2\n...\n"));
    }

    // Every interactive part has an accessible name.
    void accessibleNames()
    {
        m_panel->setInstances(instanceList());
        fill(QStringLiteral("progress"), QStringLiteral("1, 0"));
        QVERIFY(m_panel->send());
        QVERIFY(waitFor([&] { return m_panel->fanOut()->isFinished(); }, 10000));
        for (QWidget *w : m_panel->findChildren<QWidget *>()) {
            if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus || qobject_cast<QAbstractScrollArea *>(w->parent()))
                continue;
            if (w->inherits("QScrollBar") || w->inherits("QSplitterHandle") || w->inherits("QTabBar"))
                continue;
            // A spin box's or combo box's own line edit: the box has the name.
            if (qobject_cast<QAbstractSpinBox *>(w->parent()) || qobject_cast<QComboBox *>(w->parent()))
                continue;
            QVERIFY2(!w->accessibleName().isEmpty(),
                     qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(w->metaObject()->className()),
                                                            w->objectName())));
        }
    }
};

QTEST_MAIN(tst_FanOutPanel)
#include "tst_fanoutpanel.moc"
