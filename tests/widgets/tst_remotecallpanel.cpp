// The remote-call panel inside the real Boxscope::MainWindow, connected to a real tarantool
// (resources/sandbox.lua), driven the way a person drives it: keys into the form, Ctrl+Enter,
// clicks on buttons and history rows; and, in one test, by accessible names only.
//
// One shared server; a fresh window (and connection) per test. Time bounds are generous on
// purpose; nothing sleeps a fixed time: every wait is on a condition. server_function()'s push
// is due 1000 ms after the call and is checked against >= 900 ms.

#include "MainWindow.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "common/ValueView.h"
#include "format/MpFormat.h"
#include "log/LogModel.h"
#include "remotecall/FanOutPanel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushFilter.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestHistoryModel.h"
#include "sandbox/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

QString describe(const Request *r)
{
    if (!r)
        return QStringLiteral("(no request)");
    return QStringLiteral("SYNC %1 %2 %3: state %4, error %5, result %6")
            .arg(r->sync())
            .arg(r->method(), r->target(), Request::stateName(r->state()), r->error().toString(),
                 MpFormat::toJson(r->result()));
}

// Collapses repeats: pending, pending, done -> pending, done.
QStringList squeezed(const QStringList &samples)
{
    QStringList out;
    for (const QString &s : samples) {
        if (out.isEmpty() || out.last() != s)
            out << s;
    }
    return out;
}

} // namespace

class tst_RemoteCallPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    RemoteCallPanel *panel() const { return m_window->remoteCallPanel(); }
    RequestHistoryModel *history() const { return panel()->history(); }
    QString stateText(int row) const
    {
        return history()->index(row, RequestHistoryModel::StateColumn).data().toString();
    }
    QString historyText(int row, int column) const { return history()->index(row, column).data().toString(); }

    // Puts method, target and arguments into the form by typing them.
    void fill(RequestSpec::Method method, const QString &target, const QString &args)
    {
        RemoteCallPanel *p = panel();
        p->form()->methodBox()->setCurrentIndex(int(method));
        p->form()->targetEdit()->clear();
        QTest::keyClicks(p->form()->targetEdit(), target);
        if (QCompleter *c = p->form()->targetEdit()->completer())
            c->popup()->hide();
        p->form()->argumentsEdit()->clear();
        if (!args.isEmpty())
            QTest::keyClicks(p->form()->argumentsEdit(), args);
    }

    // Presses Ctrl+Enter in the target field; returns what the panel sent (nullptr: nothing).
    Request *pressCtrlEnter(QWidget *where = nullptr)
    {
        RemoteCallPanel *p = panel();
        if (!where)
            where = p->form()->targetEdit();
        Request *sent = nullptr;
        int count = 0;
        const auto c = connect(p, &RemoteCallPanel::requestSent, this, [&](Request *r) {
            sent = r;
            ++count;
        });
        where->setFocus();
        QTest::keyClick(where, Qt::Key_Return, Qt::ControlModifier);
        disconnect(c);
        if (count > 1)
            qWarning("one Ctrl+Enter sent %d requests", count);
        return count == 1 ? sent : nullptr;
    }

    Request *clickSend()
    {
        Request *sent = nullptr;
        const auto c = connect(panel(), &RemoteCallPanel::requestSent, this, [&](Request *r) { sent = r; });
        QTest::mouseClick(panel()->sendButton(), Qt::LeftButton);
        disconnect(c);
        return sent;
    }

    static bool waitFinished(Request *r, int ms = 15000)
    {
        QPointer<Request> guard(r);
        return waitFor([&] { return !guard || guard->isFinished(); }, ms) && guard;
    }

    // Lines of the window's log that contain needle (after a flush).
    QStringList logLines(const QString &needle) const
    {
        LogModel *log = m_window->logModel();
        log->flush();
        QStringList out;
        for (int row = 0; row < log->rowCount(); ++row) {
            if (log->entry(row).message.contains(needle))
                out << log->entry(row).message;
        }
        return out;
    }

    // Clicks a history row the way a person does; false when the row is not on screen.
    bool clickHistoryRow(int row)
    {
        QTableView *view = panel()->historyView();
        const QModelIndex idx = history()->index(row, RequestHistoryModel::TargetColumn);
        view->scrollTo(idx);
        const QRect rect = view->visualRect(idx);
        if (!rect.isValid() || !view->viewport()->rect().contains(rect.center()))
            return false;
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        return true;
    }

    template<typename T>
    T *byAccessibleName(const QString &name) const
    {
        QList<T *> found;
        // The remote-call panel's (the fan-out panel, on a tab of its own, has a request form
        // and result views with the same names).
        for (T *w : m_window->findChildren<T *>()) {
            if (w->accessibleName() == name && !m_window->fanOutPanel()->isAncestorOf(w))
                found << w;
        }
        return found.size() == 1 ? found.first() : nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // MainWindow keeps its layout in QSettings
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_remotecallpanel"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void init()
    {
        QSettings().remove(QStringLiteral("valueView/view")); // the result view's tab, as at first start
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        Connection *c = m_window->connection();
        m_window->connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()));
        QVERIFY2(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000),
                 qPrintable(c->lastError().toString()));
        RemoteCallPanel *p = panel();
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(p->history(), kFatal));
        // The tester re-walks every row on each rowsInserted / rowsRemoved: over a 100 000-push
        // flood that is quadratic and measures the tester, not the panel (tst_models checks
        // PushListModel under a tester with 5000 pushes).
        if (!QByteArray(QTest::currentTestFunction()).startsWith("hundredThousandPushes"))
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(p->detail()->pushes(), kFatal));
        QVERIFY(p->form()->method() == RequestSpec::Method::Call);
        QVERIFY(!p->sendButton()->isEnabled()); // no target yet
    }

    void cleanup()
    {
        m_testers.clear();
        m_window.reset();
    }

    // ---- server_function: the push before the result --------------------------------------

    void serverFunctionPushThenResult()
    {
        RemoteCallPanel *p = panel();
        // The server's x, which server_function() increments and pushes.
        Request *probe = m_window->connection()->eval(QStringLiteral("return x"), A());
        QVERIFY(waitFinished(probe));
        const uint64_t x0 = probe->result().at(0).toUInt64();
        delete probe;

        QTest::keyClicks(p->form()->targetEdit(), QStringLiteral("server_function"));
        QCOMPARE(p->form()->targetEdit()->text(), QStringLiteral("server_function"));
        QVERIFY(p->sendButton()->isEnabled());

        for (int run = 1; run <= 2; ++run) {
            const uint64_t expected = x0 + uint64_t(run);
            QStringList samples;         // the history row's state text, over time
            QStringList dataChangedOnly; // ... only as dataChanged announced it
            QStringList events;
            qint64 pushAtMs = -1, doneAtMs = -1, rowsAtMs = -1;
            bool rowsBeforeFinish = false;
            // Whatever the panel showed at the moment of the push.
            int rowsAtPush = -1;
            MpValue valueAtPush;
            bool finishedAtPush = true;
            QString resultAtPush, yamlAtPush, stateAtPush;

            QElapsedTimer clock;
            int row = -1;
            QPointer<Request> r;
            QObject scope; // ends every connection below with this iteration
            connect(history(), &QAbstractItemModel::dataChanged, &scope,
                    [&](const QModelIndex &tl, const QModelIndex &br) {
                        if (row >= tl.row() && row <= br.row() && tl.column() <= RequestHistoryModel::StateColumn
                            && br.column() >= RequestHistoryModel::StateColumn) {
                            samples << stateText(row);
                            dataChangedOnly << stateText(row);
                        }
                    });
            connect(p->detail()->pushes(), &QAbstractItemModel::rowsInserted, &scope, [&] {
                if (rowsAtMs < 0) {
                    rowsAtMs = clock.elapsed();
                    rowsBeforeFinish = r && !r->isFinished();
                }
            });

            clock.start();
            if (run == 1) {
                r = pressCtrlEnter();
            } else {
                // The second run: the Re-run button on the selected (first) request.
                QCOMPARE(p->currentRequest(), history()->request(0));
                const auto c = connect(p, &RemoteCallPanel::requestSent, &scope, [&](Request *sent) { r = sent; });
                QTest::mouseClick(p->rerunButton(), Qt::LeftButton);
                disconnect(c);
            }
            QVERIFY2(r, "nothing was sent");
            QCOMPARE(history()->rowCount(), run);
            row = history()->rowOf(r);
            QCOMPARE(row, run - 1);
            QCOMPARE(historyText(row, RequestHistoryModel::MethodColumn), QStringLiteral("call"));
            QCOMPARE(historyText(row, RequestHistoryModel::TargetColumn), QStringLiteral("server_function"));
            samples << stateText(row);
            QCOMPARE(samples.first(), QStringLiteral("pending"));
            QCOMPARE(p->currentRequest(), r.data());
            QCOMPARE(p->detail()->pushes()->request(), r.data());
            QCOMPARE(p->detail()->pushes()->rowCount(), 0);
            QVERIFY2(p->detail()->resultView()->title().contains(QLatin1String("waiting for the result")),
                     qPrintable(p->detail()->resultView()->title()));

            // Connected after the panel's own handlers: this sees what they made of the push.
            connect(r, &Request::pushReceived, &scope, [&](const MpValue &, quint64) {
                pushAtMs = clock.elapsed();
                events << QStringLiteral("push");
                finishedAtPush = r->isFinished();
                stateAtPush = stateText(row);
                samples << stateAtPush;
                if (run == 1) {
                    // The list would show it on its next ~16 ms flush; show it now.
                    p->detail()->pushes()->flush();
                    rowsAtPush = p->detail()->pushes()->rowCount();
                    if (rowsAtPush == 1)
                        p->detail()->pushes()->pushValue(0, &valueAtPush);
                }
                resultAtPush = p->detail()->resultView()->title();
                yamlAtPush = p->detail()->resultView()->yamlEdit()->toPlainText();
            });
            connect(r, &Request::finished, &scope, [&] {
                doneAtMs = clock.elapsed();
                events << QStringLiteral("finished");
            });

            QVERIFY2(waitFinished(r, 10000), qPrintable(describe(r)));
            QVERIFY2(r->state() == Request::State::Done, qPrintable(describe(r)));
            QCOMPARE(events, (QStringList { QStringLiteral("push"), QStringLiteral("finished") }));
            QVERIFY2(pushAtMs >= 900, qPrintable(QString::number(pushAtMs)));
            QVERIFY2(pushAtMs < 5000, qPrintable(QString::number(pushAtMs)));
            QVERIFY(doneAtMs >= pushAtMs);
            QVERIFY(!finishedAtPush);
            QCOMPARE(stateAtPush, QStringLiteral("receiving pushes"));
            QVERIFY2(resultAtPush.contains(QLatin1String("waiting for the result")), qPrintable(resultAtPush));
            QVERIFY2(yamlAtPush.contains(QLatin1String("waiting")), qPrintable(yamlAtPush));
            if (run == 1) {
                QCOMPARE(rowsAtPush, 1);
                QCOMPARE(valueAtPush, U(expected));
            }

            // The result arrives; the list holds the one push.
            QVERIFY(waitFor([&] { return p->detail()->resultView()->title().contains(QLatin1String("result in")); },
                            5000));
            // ... and a dataChanged tells the view.
            QVERIFY(waitFor(
                    [&] { return !dataChangedOnly.isEmpty() && dataChangedOnly.last() == QLatin1String("done"); },
                    5000));
            samples << stateText(row); // the final check
            QCOMPARE(squeezed(samples),
                     (QStringList { QStringLiteral("pending"), QStringLiteral("receiving pushes"),
                                    QStringLiteral("done") }));
            QCOMPARE(dataChangedOnly.last(), QStringLiteral("done"));
            QCOMPARE(p->detail()->pushes()->rowCount(), 1);
            MpValue v;
            QVERIFY(p->detail()->pushes()->pushValue(0, &v));
            QCOMPARE(v, U(expected));
            QCOMPARE(p->detail()->pushes()->index(0, PushListModel::PreviewColumn).data().toString(),
                     QString::number(expected));
            QVERIFY2(p->detail()->pushCountLabel()->text().startsWith(QLatin1String("1 received")),
                     qPrintable(p->detail()->pushCountLabel()->text()));
            QVERIFY(!p->detail()->resultView()->showsError());
            // server_function() returns nothing: an empty result list.
            QCOMPARE(p->detail()->resultView()->treeModel()->rowCount(), 0);
            QCOMPARE(historyText(row, RequestHistoryModel::PushesColumn), QStringLiteral("1"));
            const QString firstPush = historyText(row, RequestHistoryModel::FirstPushColumn);
            QVERIFY2(firstPush.endsWith(QLatin1String(" ms")) && firstPush.chopped(3).toDouble() >= 900,
                     qPrintable(firstPush));
            QVERIFY(r->firstPushNs() >= 900 * 1000000LL);
            qInfo("run %d: push at %lld ms, result at %lld ms; state via dataChanged only: %s; the list's "
                  "own flush inserted the row at %lld ms, %s the request finished",
                  run, pushAtMs, doneAtMs, qPrintable(squeezed(dataChangedOnly).join(QLatin1String(" -> "))), rowsAtMs,
                  run == 1 ? "(forced at the push)" : (rowsBeforeFinish ? "before" : "after"));
        }
        QCOMPARE(history()->rowCount(), 2);
    }

    // ---- several requests in flight --------------------------------------------------------

    void threeAsyncRequests()
    {
        RemoteCallPanel *p = panel();
        QVERIFY(p->form()->asyncBox()->isChecked());
        // The rows' state text over time: at insertion, on every dataChanged that covers the
        // state column, and at each push and finish signal of the row's request (read from
        // the model's data() then). dataChangedOnly keeps what dataChanged alone announced.
        QHash<int, QStringList> samples, dataChangedOnly;
        QStringList order; // "push a", "finished a", ... in signal order
        QObject scope;
        connect(history(), &QAbstractItemModel::rowsInserted, &scope, [&](const QModelIndex &, int first, int last) {
            for (int row = first; row <= last; ++row)
                samples[row] << stateText(row);
        });
        connect(history(), &QAbstractItemModel::dataChanged, &scope, [&](const QModelIndex &tl, const QModelIndex &br) {
            if (tl.column() <= RequestHistoryModel::StateColumn && br.column() >= RequestHistoryModel::StateColumn) {
                for (int row = tl.row(); row <= br.row(); ++row) {
                    samples[row] << stateText(row);
                    dataChangedOnly[row] << stateText(row);
                }
            }
        });

        const QStringList tags = { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
        QList<QPointer<Request>> requests;
        for (const QString &tag : tags) {
            fill(RequestSpec::Method::Call, QStringLiteral("tagged_pushes"), QStringLiteral("'%1', 5, 0.05").arg(tag));
            QVERIFY(p->sendButton()->isEnabled());
            Request *r = pressCtrlEnter(p->form()->argumentsEdit());
            QVERIFY(r);
            const int row = history()->rowOf(r);
            QCOMPARE(row, requests.size());
            connect(r, &Request::pushReceived, &scope, [&, row, tag](const MpValue &, quint64 index) {
                samples[row] << stateText(row);
                if (index == 1)
                    order << QStringLiteral("first push ") + tag;
            });
            connect(r, &Request::finished, &scope, [&, row, tag] {
                samples[row] << stateText(row);
                order << QStringLiteral("finished ") + tag;
            });
            requests << r;
        }
        QCOMPARE(history()->rowCount(), 3);
        QVERIFY(waitFor(
                [&] {
                    return std::all_of(requests.begin(), requests.end(),
                                       [](const QPointer<Request> &r) { return r && r->isFinished(); });
                },
                15000));
        // All three were in flight at once: every first push came before any result.
        QCOMPARE(order.size(), 6);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(order.at(i).startsWith(QLatin1String("first push")), qPrintable(order.join(QLatin1String(", "))));
        QVERIFY(waitFor(
                [&] {
                    for (int row = 0; row < 3; ++row) {
                        if (stateText(row) != QLatin1String("done") || dataChangedOnly.value(row).isEmpty()
                            || dataChangedOnly.value(row).last() != QLatin1String("done"))
                            return false;
                    }
                    return true;
                },
                5000));

        int rowsWithReceivingViaDataChanged = 0;
        for (int row = 0; row < 3; ++row) {
            Request *r = requests.at(row);
            QVERIFY2(r->state() == Request::State::Done, qPrintable(describe(r)));
            QCOMPARE(history()->request(row), r);
            QCOMPARE(historyText(row, RequestHistoryModel::PushesColumn), QStringLiteral("5"));
            samples[row] << stateText(row); // the final check
            QCOMPARE(squeezed(samples.value(row)),
                     (QStringList { QStringLiteral("pending"), QStringLiteral("receiving pushes"),
                                    QStringLiteral("done") }));
            if (dataChangedOnly.value(row).contains(QLatin1String("receiving pushes")))
                ++rowsWithReceivingViaDataChanged;
        }
        // Each request receives pushes for ~250 ms, several of the model's 50 ms coalescing
        // periods: dataChanged normally announces that state too (not asserted: a loaded
        // machine may stall the event loop that long).
        qInfo("rows whose dataChanged showed \"receiving pushes\": %d of 3; signal order: %s",
              rowsWithReceivingViaDataChanged, qPrintable(order.join(QLatin1String(", "))));

        // Selecting each row shows exactly its own pushes and result.
        for (int row : { 0, 2, 1 }) {
            QVERIFY(clickHistoryRow(row));
            Request *r = requests.at(row);
            QCOMPARE(p->currentRequest(), r);
            QCOMPARE(p->historyView()->selectionModel()->currentIndex().row(), row);
            QCOMPARE(p->detail()->pushes()->request(), r);
            QCOMPARE(p->detail()->pushes()->rowCount(), 5);
            QCOMPARE(p->detail()->pushes()->droppedPushes(), quint64(0));
            const QByteArray tag = tags.at(row).toUtf8();
            for (int i = 0; i < 5; ++i) {
                MpValue v;
                QVERIFY(p->detail()->pushes()->pushValue(i, &v));
                QCOMPARE(v, A({ S(tag.constData()), U(uint64_t(i + 1)) }));
                QCOMPARE(p->detail()->pushes()->pushIndex(i), quint64(i + 1));
            }
            QVERIFY(!p->detail()->resultView()->showsError());
            QCOMPARE(p->detail()->resultView()->jsonText(), MpFormat::toJson(S(tag.constData())));
            QVERIFY2(p->detail()->resultView()->title().contains(QStringLiteral("SYNC %1").arg(r->sync())),
                     qPrintable(p->detail()->resultView()->title()));
            QVERIFY2(p->detail()->pushCountLabel()->text().startsWith(QLatin1String("5 received")),
                     qPrintable(p->detail()->pushCountLabel()->text()));

            // Selecting a push shows it in the detail view.
            const QModelIndex pushIdx = p->detail()->pushFilter()->mapFromSource(
                    p->detail()->pushes()->index(3, PushListModel::PreviewColumn));
            p->detail()->pushView()->scrollTo(pushIdx);
            QTest::mouseClick(p->detail()->pushView()->viewport(), Qt::LeftButton, Qt::NoModifier,
                              p->detail()->pushView()->visualRect(pushIdx).center());
            QCOMPARE(p->detail()->pushDetail()->title(), QStringLiteral("Push #4"));
            QCOMPARE(p->detail()->pushDetail()->jsonText(), MpFormat::toJson(A({ S(tag.constData()), U(4) })));
        }
    }

    // ---- errors ----------------------------------------------------------------------------

    void serverError_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("args");
        QTest::addColumn<uint>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("location"); // a pattern for the top stack entry's file:line
        QTest::newRow("no such function") << "no_such_function"
                                          << "" << 33u << "Procedure 'no_such_function' is not defined"
                                          << R"(\.c:\d+$)";
        QTest::newRow("fail('boom')") << "fail"
                                      << "'boom'" << 42u << "boom"
                                      << R"(\S+:\d+$)";
    }

    void serverError()
    {
        QFETCH(QString, function);
        QFETCH(QString, args);
        QFETCH(uint, code);
        QFETCH(QString, message);
        QFETCH(QString, location);
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, function, args);
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QCOMPARE(r->state(), Request::State::Failed);
        QVERIFY(waitFor([&] { return stateText(0) == QLatin1String("error"); }, 5000));

        ValueView *result = p->detail()->resultView();
        QVERIFY(result->showsError());
        const QString label = result->errorLabel()->text();
        QVERIFY2(label.contains(QStringLiteral("code %1").arg(code)), qPrintable(label));
        QVERIFY2(label.contains(message.toHtmlEscaped()), qPrintable(label));
        QVERIFY2(result->title().contains(QLatin1String("error")), qPrintable(result->title()));
        QTreeWidget *stack = result->errorStack();
        QVERIFY(stack->topLevelItemCount() >= 1);
        // Columns by their header, not their position.
        auto column = [stack](const char *header) {
            for (int c = 0; c < stack->columnCount(); ++c) {
                if (stack->headerItem()->text(c) == QLatin1String(header))
                    return c;
            }
            return -1;
        };
        const int typeColumn = column("Type"), codeColumn = column("Code"), messageColumn = column("Message"),
                  locationColumn = column("Location");
        QVERIFY(typeColumn >= 0 && codeColumn >= 0 && messageColumn >= 0 && locationColumn >= 0);
        QTreeWidgetItem *top = stack->topLevelItem(0);
        QCOMPARE(top->text(typeColumn), QStringLiteral("ClientError"));
        QCOMPARE(top->text(codeColumn), QString::number(code));
        QCOMPARE(top->text(messageColumn), message);
        QVERIFY2(QRegularExpression(location).match(top->text(locationColumn)).hasMatch(),
                 qPrintable(top->text(locationColumn)));
        qInfo("%s: %s; stack top: %s %s at %s", qPrintable(function), qPrintable(label),
              qPrintable(top->text(typeColumn)), qPrintable(top->text(codeColumn)),
              qPrintable(top->text(locationColumn)));
        // The log has the error too.
        QVERIFY(!logLines(message).isEmpty());
    }

    // The error panel: the text at the top of the page (no gap above it, stack or not), the
    // stack's columns as wide as their texts, the message taking the rest and whole in its
    // tooltip. A ClientError raised by box.error in the sandbox's Lua file has a long file:line.
    void errorPanelLayout()
    {
        RemoteCallPanel *p = panel();
        ValueView *result = p->detail()->resultView();
        QLabel *label = result->errorLabel();
        QTreeWidget *stack = result->errorStack();
        auto labelAtTop = [label](const char *what) {
            const int needed = label->heightForWidth(label->width());
            qInfo("%s: error text at y %d, %d px tall for %d px of text, page %d px", what, label->y(), label->height(),
                  needed, label->parentWidget()->height());
            QVERIFY2(label->y() <= 4, qPrintable(QString::number(label->y())));
            QVERIFY2(label->height() <= needed + 4,
                     qPrintable(QStringLiteral("%1 > %2").arg(label->height()).arg(needed)));
            QVERIFY(label->alignment() & Qt::AlignTop);
        };

        // A client-side error has no stack: the text stays at the top, no gap above it.
        fill(RequestSpec::Method::Call, QStringLiteral("slow"), QStringLiteral("{0.5}"));
        p->form()->timeoutBox()->setValue(0.05);
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QCOMPARE(r->state(), Request::State::TimedOut);
        QVERIFY(result->showsError());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!stack->isVisible());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        labelAtTop("without a stack");
        if (QTest::currentTestFailed())
            return;

        p->form()->timeoutBox()->setValue(0);
        fill(RequestSpec::Method::Call, QStringLiteral("fail"), QStringLiteral("'a failure raised by box.error'"));
        r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QCOMPARE(r->state(), Request::State::Failed);
        QVERIFY(result->showsError());
        QVERIFY(stack->isVisible() && stack->topLevelItemCount() >= 1);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        labelAtTop("with a stack");
        if (QTest::currentTestFailed())
            return;
        QTreeWidgetItem *top = stack->topLevelItem(0);
        constexpr int kLocation = 2, kMessage = 4;
        QCOMPARE(stack->headerItem()->text(kLocation), QStringLiteral("Location"));
        const QString location = top->text(kLocation);
        QVERIFY2(QRegularExpression(QStringLiteral(R"(sandbox\.lua:\d+$)")).match(location).hasMatch(),
                 qPrintable(location));
        const QFontMetrics fm(top->font(kLocation));
        const int width = stack->header()->sectionSize(kLocation);
        qInfo("Location %s: %d px of text, section %d px", qPrintable(location), fm.horizontalAdvance(location), width);
        QVERIFY2(width >= fm.horizontalAdvance(location), qPrintable(QString::number(width)));
        for (int column = 0; column < kMessage; ++column) {
            for (int i = 0; i < stack->topLevelItemCount(); ++i)
                QVERIFY(stack->header()->sectionSize(column)
                        >= fm.horizontalAdvance(stack->topLevelItem(i)->text(column)));
        }
        // The message takes what is left, up to the view's right edge, and is whole in its tooltip.
        const int right = stack->header()->sectionViewportPosition(kMessage) + stack->header()->sectionSize(kMessage);
        QVERIFY2(right >= stack->viewport()->width() - 1,
                 qPrintable(QStringLiteral("%1 of %2").arg(right).arg(stack->viewport()->width())));
        QCOMPARE(top->toolTip(kMessage), QStringLiteral("a failure raised by box.error"));
        QCOMPARE(top->toolTip(kLocation), location);
        // The stack fills the page below the text.
        QVERIFY2(stack->geometry().bottom() >= stack->parentWidget()->height() - 2,
                 qPrintable(QStringLiteral("%1 of %2")
                                    .arg(stack->geometry().bottom())
                                    .arg(stack->parentWidget()->height())));
    }

    void timeoutAndLateResponse()
    {
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, QStringLiteral("slow"), QStringLiteral("{3}"));
        p->form()->timeoutBox()->setValue(0.3);
        QElapsedTimer clock;
        clock.start();
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QCOMPARE(r->timeoutMs(), qint64(300));
        const quint64 sync = r->sync();
        QVERIFY2(waitFinished(r, 5000), qPrintable(describe(r)));
        const qint64 timedOutAt = clock.elapsed();
        QCOMPARE(r->state(), Request::State::TimedOut);
        QVERIFY2(timedOutAt >= 250 && timedOutAt < 2500, qPrintable(QString::number(timedOutAt)));
        QVERIFY(waitFor([&] { return stateText(0) == QLatin1String("timed out"); }, 5000));
        QVERIFY(p->detail()->resultView()->showsError());
        QVERIFY2(p->detail()->resultView()->title().contains(QLatin1String("timed out")),
                 qPrintable(p->detail()->resultView()->title()));
        QVERIFY(!p->discardButton()->isEnabled());

        // slow(3) answers about 3 s after the call: the log says so.
        const QString late = QStringLiteral("Late response for SYNC %1").arg(sync);
        QVERIFY2(waitFor([&] { return !logLines(late).isEmpty(); }, 10000), qPrintable(late));
        QVERIFY(clock.elapsed() >= 2500);
        QVERIFY(m_window->connection()->unexpectedResponseCount() >= 1);
        QVERIFY(m_window->connection()->isReady());
        // The request stays timed out.
        QCOMPARE(stateText(0), QStringLiteral("timed out"));
    }

    // The Timeout field holds for every request sent while it is set: it is marked (bold, a
    // "Reset timeout" button), the history says which requests had one, and a timeout is
    // named in the line beside Send.
    void timeoutIsVisibleWhileSet()
    {
        RemoteCallPanel *p = panel();
        QDoubleSpinBox *timeout = p->form()->timeoutBox();
        QToolButton *reset = p->form()->timeoutResetButton();
        QVERIFY(reset);
        QCOMPARE(reset->accessibleName(), QStringLiteral("Reset timeout"));
        QVERIFY(reset->isHidden());
        QVERIFY(!timeout->font().bold());

        timeout->setFocus();
        timeout->selectAll();
        QTest::keyClicks(timeout, QStringLiteral("0.5"));
        QTest::keyClick(timeout, Qt::Key_Tab);
        QCOMPARE(timeout->value(), 0.5);
        QVERIFY(!reset->isHidden());
        QVERIFY(reset->isVisible());
        QVERIFY(timeout->font().bold());

        fill(RequestSpec::Method::Call, QStringLiteral("slow"), QStringLiteral("{3}"));
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r, 5000), qPrintable(describe(r)));
        QCOMPARE(r->state(), Request::State::TimedOut);
        const int row = history()->rowOf(r);
        auto tip = [&](int row, int column) { return history()->index(row, column).data(Qt::ToolTipRole).toString(); };
        QCOMPARE(stateText(row), QStringLiteral("timed out"));
        QVERIFY2(tip(row, RequestHistoryModel::StateColumn).startsWith(QLatin1String("timed out after 0.50 s")),
                 qPrintable(tip(row, RequestHistoryModel::StateColumn)));
        QVERIFY2(tip(row, RequestHistoryModel::TargetColumn).contains(QLatin1String("timeout 0.50 s")),
                 qPrintable(tip(row, RequestHistoryModel::TargetColumn)));
        QVERIFY2(tip(row, RequestHistoryModel::DurationColumn).contains(QLatin1String("timeout 0.50 s")),
                 qPrintable(tip(row, RequestHistoryModel::DurationColumn)));
        QVERIFY2(p->formError()->text().contains(QStringLiteral("SYNC %1 timed out after 0.50 s").arg(r->sync())),
                 qPrintable(p->formError()->text()));
        QVERIFY(p->formError()->isVisible());

        // The next request keeps the timeout; its row says so, and it takes the line's message.
        fill(RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("1"));
        Request *second = pressCtrlEnter();
        QVERIFY(second);
        QCOMPARE(second->timeoutMs(), qint64(500));
        QVERIFY2(waitFinished(second), qPrintable(describe(second)));
        QCOMPARE(second->state(), Request::State::Done);
        QCOMPARE(p->formError()->text(), QString());
        const int secondRow = history()->rowOf(second);
        QVERIFY(tip(secondRow, RequestHistoryModel::TargetColumn).contains(QLatin1String("timeout 0.50 s")));
        QCOMPARE(tip(secondRow, RequestHistoryModel::StateColumn), QStringLiteral("done\ntimeout 0.50 s"));

        // "×" resets it: no mark, and the next request has no timeout.
        QTest::mouseClick(reset, Qt::LeftButton);
        QCOMPARE(timeout->value(), 0.0);
        QVERIFY(reset->isHidden());
        QVERIFY(!timeout->font().bold());
        Request *third = pressCtrlEnter();
        QVERIFY(third);
        QCOMPARE(third->timeoutMs(), qint64(0));
        QVERIFY2(waitFinished(third), qPrintable(describe(third)));
        QVERIFY(!tip(history()->rowOf(third), RequestHistoryModel::TargetColumn).contains(QLatin1String("timeout")));

        // Re-running the first request brings its timeout back, marked.
        QVERIFY(p->loadIntoForm(r));
        QCOMPARE(timeout->value(), 0.5);
        QVERIFY(!reset->isHidden());
        QVERIFY(timeout->font().bold());
    }

    // During a flood the history row follows at the push count label's cadence, and it shows
    // the final state and count as soon as the request finishes, with the result panel.
    void historyRowFinalAtFinish()
    {
        constexpr quint64 total = 50000;
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, QStringLiteral("progress"), QStringLiteral("50000, 0"));
        // What a view of the history shows: the row's texts when its last dataChanged came.
        QString shownState, shownPushes;
        int historyChanges = 0;
        QObject scope;
        Request *r = nullptr;
        QElapsedTimer clock;
        qint64 finalShownMs = -1; // after the finish; 0 when it was shown before
        bool finished = false;
        connect(history(), &QAbstractItemModel::dataChanged, &scope,
                [&](const QModelIndex &from, const QModelIndex &to) {
                    ++historyChanges;
                    const int row = r ? history()->rowOf(r) : -1;
                    if (row >= from.row() && row <= to.row()) {
                        shownState = stateText(row);
                        shownPushes = historyText(row, RequestHistoryModel::PushesColumn);
                        if (finalShownMs < 0 && shownState == QLatin1String("done"))
                            finalShownMs = finished ? clock.elapsed() : 0;
                    }
                });
        // How far the shown count trails the push count label, each time the label changes.
        quint64 worstLag = 0;
        connect(p->detail()->pushes(), &PushListModel::countsChanged, &scope, [&](quint64 count) {
            const quint64 shown = shownPushes.toULongLong();
            worstLag = std::max(worstLag, count > shown ? count - shown : 0);
        });
        r = pressCtrlEnter();
        QVERIFY(r);
        QString stateAtFinish, pushesAtFinish, resultTitleAtFinish;
        connect(r, &Request::finished, &scope, [&] {
            finished = true;
            clock.start();
            stateAtFinish = shownState;
            pushesAtFinish = shownPushes;
            resultTitleAtFinish = p->detail()->resultView()->title();
        });
        QVERIFY2(waitFinished(r, 120000), qPrintable(describe(r)));
        QCOMPARE(r->pushCount(), total);
        QVERIFY(waitFor([&] { return shownState == QLatin1String("done") && shownPushes == QLatin1String("50000"); },
                        5000));
        const qint64 caughtUpMs = finalShownMs;
        qInfo("%llu pushes: at finish the history showed '%s' with %s pushes (result panel: '%s'); the final row shown "
              "%lld ms "
              "after the finish; the shown count trailed the push count label by up to %llu pushes; %d dataChanged",
              total, qPrintable(stateAtFinish), qPrintable(pushesAtFinish), qPrintable(resultTitleAtFinish), caughtUpMs,
              worstLag, historyChanges);
        QVERIFY2(resultTitleAtFinish.contains(QLatin1String("result in")), qPrintable(resultTitleAtFinish));
        QCOMPARE(stateAtFinish, QStringLiteral("done"));
        QCOMPARE(pushesAtFinish, QStringLiteral("50000"));
        QVERIFY2(historyChanges < 5000, qPrintable(QString::number(historyChanges))); // not one per push
    }

    // ---- a flood of pushes -----------------------------------------------------------------

    void hundredThousandPushes()
    {
        constexpr quint64 total = 100000;
        RemoteCallPanel *p = panel();
        p->detail()->pushes()->setCap(10000);
        fill(RequestSpec::Method::Call, QStringLiteral("push_n"), QStringLiteral("{100000, 16}"));

        int inserts = 0, removes = 0, historyChanges = 0;
        QObject scope;
        connect(p->detail()->pushes(), &QAbstractItemModel::rowsInserted, &scope, [&] { ++inserts; });
        connect(p->detail()->pushes(), &QAbstractItemModel::rowsRemoved, &scope, [&] { ++removes; });
        connect(history(), &QAbstractItemModel::dataChanged, &scope, [&] { ++historyChanges; });
        // The event loop keeps running: a 50 ms timer keeps firing through the flood.
        QElapsedTimer tickClock;
        qint64 lastTick = 0, longestGap = 0;
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(50);
        connect(&ticker, &QTimer::timeout, &scope, [&] {
            const qint64 now = tickClock.elapsed();
            longestGap = std::max(longestGap, now - lastTick);
            lastTick = now;
            ++ticks;
        });

        QElapsedTimer clock;
        clock.start();
        tickClock.start();
        ticker.start();
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r, 120000), qPrintable(describe(r)));
        const qint64 doneMs = clock.elapsed();
        QVERIFY2(r->state() == Request::State::Done, qPrintable(describe(r)));
        QVERIFY(waitFor(
                [&] {
                    return p->detail()->pushes()->totalPushes() == total && p->detail()->pushes()->rowCount() == 10000;
                },
                5000));
        // One more tick after the end, so a stall right at the end counts too.
        const int ticksAtEnd = ticks;
        QVERIFY(waitFor([&] { return ticks > ticksAtEnd; }, 5000));
        ticker.stop();

        QCOMPARE(r->pushCount(), total);
        QCOMPARE(p->detail()->pushes()->rowCount(), 10000);
        QCOMPARE(p->detail()->pushes()->droppedPushes(), quint64(90000));
        QCOMPARE(quint64(p->detail()->pushes()->rowCount()) + p->detail()->pushes()->droppedPushes(), total);
        QCOMPARE(p->detail()->pushes()->pushIndex(0), quint64(90001));
        QCOMPARE(p->detail()->pushes()->pushIndex(9999), total);
        MpValue v;
        QVERIFY(p->detail()->pushes()->pushValue(9999, &v));
        QCOMPARE(v, S("0000100000xxxxxx"));
        const QString label = p->detail()->pushCountLabel()->text();
        const QLocale l;
        QVERIFY2(label.startsWith(QStringLiteral("%1 received, %2 kept, %3 dropped")
                                          .arg(l.toString(100000), l.toString(10000), l.toString(90000))),
                 qPrintable(label));
        QVERIFY(waitFor([&] { return p->detail()->resultView()->title().contains(QLatin1String("result in")); }, 5000));
        QCOMPARE(p->detail()->resultView()->jsonText(), QStringLiteral("100000"));
        QCOMPARE(p->detail()->resultView()->treeModel()->index(0, 2).data().toString(), QStringLiteral("100000"));
        QVERIFY(waitFor([&] { return historyText(0, RequestHistoryModel::PushesColumn) == QLatin1String("100000"); },
                        5000));
        QCOMPARE(stateText(0), QStringLiteral("done"));

        qInfo("100000 pushes in %lld ms: %d rowsInserted and %d rowsRemoved on the push list, %d dataChanged on "
              "the history, %d ticks of a 50 ms timer, longest gap between ticks %lld ms",
              doneMs, inserts, removes, historyChanges, ticks, longestGap);
        QVERIFY2(inserts >= 1 && inserts < 2000, qPrintable(QString::number(inserts)));
        QVERIFY2(longestGap < 2000, qPrintable(QString::number(longestGap)));
    }

    void hundredThousandPushesDefaultCap()
    {
        // With the default cap every one of them is listed.
        constexpr int total = 100000;
        RemoteCallPanel *p = panel();
        QCOMPARE(p->detail()->pushes()->cap(), 100000);
        fill(RequestSpec::Method::Call, QStringLiteral("push_n"), QStringLiteral("100000, 16"));
        int inserts = 0;
        QObject scope;
        connect(p->detail()->pushes(), &QAbstractItemModel::rowsInserted, &scope, [&] { ++inserts; });
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r, 120000), qPrintable(describe(r)));
        QVERIFY(waitFor([&] { return p->detail()->pushes()->rowCount() == total; }, 5000));
        QCOMPARE(p->detail()->pushes()->droppedPushes(), quint64(0));
        QCOMPARE(p->detail()->pushes()->pushIndex(0), quint64(1));
        QVERIFY2(p->detail()->pushCountLabel()->text()
                         == QStringLiteral("%1 received, %1 kept, 0 dropped").arg(QLocale().toString(100000)),
                 qPrintable(p->detail()->pushCountLabel()->text()));
        QCOMPARE(p->detail()->resultView()->jsonText(), QStringLiteral("100000"));
        qInfo("default cap: %d rowsInserted for %d pushes", inserts, total);
        QVERIFY2(inserts < 2000, qPrintable(QString::number(inserts)));
        // The view followed the newest push.
        QScrollBar *sb = p->detail()->pushView()->verticalScrollBar();
        QVERIFY(waitFor([&] { return sb->value() == sb->maximum(); }, 5000));
    }

    // Past the memory budget the oldest pushes live in the spill file: the count says how much,
    // and the list shows them as they came.
    void pushesInTheSpillFileAreListed()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        PushStore::setSpillFrom(256 * 1024);
        const auto restore = qScopeGuard([] {
            PushStore::setSpillFrom(PushStore::kDefaultSpillFrom);
            qunsetenv("XDG_CACHE_HOME");
        });
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, QStringLiteral("push_n"), QStringLiteral("20000, 1024"));
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r, 60000), qPrintable(describe(r)));
        QVERIFY(waitFor([&] { return p->detail()->pushes()->rowCount() == 20000; }, 5000));
        QVERIFY(r->pushes().spilledBytes() > 16 * 1024 * 1024);
        QVERIFY(waitFor([&] { return p->detail()->pushCountLabel()->text().contains(QLatin1String("on disk")); },
                        5000));
        const QString label = p->detail()->pushCountLabel()->text();
        const QString mib = QLocale().toString(double(r->pushes().spilledBytes()) / (1024 * 1024), 'f', 1);
        QVERIFY2(label.contains(QStringLiteral(", %1 MiB on disk").arg(mib)), qPrintable(label));
        const QByteArray filler(1024 - 10, 'x');
        for (int row : { 0, 1, 9999, 19999 }) {
            MpValue v;
            QVERIFY(p->detail()->pushes()->pushValue(row, &v));
            QCOMPARE(v, MpValue::string(QByteArray::number(row + 1).rightJustified(10, '0') + filler));
        }
        // The preview column reads the first push back from the file too.
        const QModelIndex first = p->detail()->pushes()->index(0, PushListModel::PreviewColumn);
        QVERIFY2(first.data().toString().contains(QLatin1String("0000000001xxx")), qPrintable(first.data().toString()));
    }

    // ---- the form --------------------------------------------------------------------------

    void syntaxErrorBlocksSending()
    {
        RemoteCallPanel *p = panel();
        int sentToServer = 0;
        QObject scope;
        connect(m_window->connection(), &Connection::requestSent, &scope, [&](Request *r) {
            if (!r->spec().internal) // the app's own: the bar's ping, the _vfunc read
                ++sentToServer;
        });
        fill(RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("{1, 2"));
        LuaArgumentEdit *args = p->form()->argumentsEdit();
        QCOMPARE(args->toPlainText(), QStringLiteral("{1, 2"));
        QVERIFY(!args->isValid());
        QCOMPARE(args->errorLine(), 1);
        QCOMPARE(args->errorColumn(), 6);
        const QString status = args->statusLabel()->text();
        QVERIFY2(status.contains(QLatin1String("line 1")) && status.contains(QLatin1String("column")),
                 qPrintable(status));
        QVERIFY(args->statusLabel()->isVisible());
        QVERIFY(!p->sendButton()->isEnabled());
        QVERIFY2(p->formError()->text().contains(QLatin1String("line 1")), qPrintable(p->formError()->text()));
        QVERIFY(!args->accessibleDescription().isEmpty());

        const int rowsBefore = history()->rowCount();
        const int pendingBefore = m_window->connection()->pendingCount();
        QCOMPARE(pressCtrlEnter(args), nullptr);
        QCOMPARE(pressCtrlEnter(p->form()->targetEdit()), nullptr);
        QTest::mouseClick(p->sendButton(), Qt::LeftButton); // disabled: nothing
        QCOMPARE(p->send(), nullptr);
        QCoreApplication::processEvents();
        QCOMPARE(history()->rowCount(), rowsBefore);
        // Nothing new in flight (the app's own requests — the schema's _vfunc read, the bar's
        // ping — may end meanwhile).
        QVERIFY(m_window->connection()->pendingCount() <= pendingBefore);
        QCOMPARE(sentToServer, 0);

        // Closing the table makes it valid; now Ctrl+Enter sends.
        QTextCursor end = args->textCursor();
        end.movePosition(QTextCursor::End);
        args->setTextCursor(end);
        QTest::keyClicks(args, QStringLiteral("}"));
        QVERIFY(args->isValid());
        QCOMPARE(args->statusLabel()->text(), QString());
        QVERIFY(p->sendButton()->isEnabled());
        QCOMPARE(p->formError()->text(), QString());
        Request *r = pressCtrlEnter(args);
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QCOMPARE(r->result(), A({ U(1), U(2) }));
        QCOMPARE(history()->rowCount(), rowsBefore + 1);
        QCOMPARE(sentToServer, 1);
        QVERIFY(waitFor(
                [&] {
                    return p->detail()->resultView()->jsonText() == MpFormat::toJson(A({ U(1), U(2) }));
                },
                5000));
    }

    // Texts carry over only between methods that mean the same by them: a function name never
    // lands in Space, an insert's tuple never in a select's Key; going back brings them back.
    void formTextsStayWithTheirKind()
    {
        RequestForm *form = panel()->form();
        auto method = [form](RequestSpec::Method m) { form->methodBox()->setCurrentIndex(int(m)); };
        auto texts = [form] {
            return form->targetEdit()->text() + QLatin1Char('|') + form->argumentsEdit()->toPlainText();
        };
        fill(RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("1, 2"));
        method(RequestSpec::Method::Select);
        QCOMPARE(texts(), QStringLiteral("|"));
        form->targetEdit()->setText(QStringLiteral("demo"));
        form->argumentsEdit()->setPlainText(QStringLiteral("{1}"));
        method(RequestSpec::Method::Insert); // same space, another kind of argument
        QCOMPARE(texts(), QStringLiteral("demo|"));
        form->argumentsEdit()->setPlainText(QStringLiteral("{9, 'x', 90}"));
        method(RequestSpec::Method::Delete); // a key again
        QCOMPARE(texts(), QStringLiteral("demo|{1}"));
        method(RequestSpec::Method::Eval); // an expression is no function name; arguments are shared
        QCOMPARE(texts(), QStringLiteral("|1, 2"));
        method(RequestSpec::Method::Call);
        QCOMPARE(texts(), QStringLiteral("echo|1, 2"));
        method(RequestSpec::Method::Replace);
        QCOMPARE(texts(), QStringLiteral("demo|{9, 'x', 90}"));
    }

    // A double click on a history row puts its request back into the form (nothing is sent).
    void historyRowLoadsTheForm()
    {
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("7, 'x'"));
        Request *r = pressCtrlEnter();
        QVERIFY(r && waitFinished(r));
        const int rows = p->history()->rowCount();
        fill(RequestSpec::Method::Select, QStringLiteral("demo"), QStringLiteral("{1}"));
        QTableView *view = p->historyView();
        const int row = p->history()->rowOf(r);
        QVERIFY(row >= 0);
        const QRect cell = view->visualRect(p->history()->index(row, RequestHistoryModel::TargetColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(p->form()->method(), RequestSpec::Method::Call);
        QCOMPARE(p->form()->targetEdit()->text(), QStringLiteral("echo"));
        QCOMPARE(p->form()->argumentsEdit()->toPlainText(), QStringLiteral("7, 'x'"));
        QCOMPARE(p->history()->rowCount(), rows); // nothing sent

        // A request made elsewhere (no form texts): from its spec.
        RequestSpec spec;
        spec.method = RequestSpec::Method::Call;
        spec.function = QStringLiteral("echo");
        spec.arguments = MpValue::array({ MpValue::integer(5), MpValue::string("y") });
        Request *other = m_window->connection()->submit(spec);
        p->adoptRequest(other, QStringLiteral("from elsewhere"));
        QVERIFY(waitFinished(other));
        QVERIFY(p->loadIntoForm(other));
        QCOMPARE(p->form()->argumentsEdit()->toPlainText(), QStringLiteral("5, 'y'"));
    }

    // Another space (or server) without the index named in the field: the stale name is not
    // kept ("No index 'by_name' is defined in space …"), the primary index is chosen; an index
    // id the space has stays.
    void staleIndexNameIsReplaced()
    {
        RemoteCallPanel *p = panel();
        p->form()->setMethod(RequestSpec::Method::Select);
        fill(RequestSpec::Method::Select, QStringLiteral("demo"), QStringLiteral("{}"));
        QComboBox *index = p->form()->indexBox();
        index->setCurrentIndex(index->findText(QStringLiteral("by_name")));
        QCOMPARE(index->currentText(), QStringLiteral("by_name"));
        p->form()->targetEdit()->setText(QStringLiteral("_vspace"));
        QCOMPARE(index->currentText(), QStringLiteral("primary"));
        index->setEditText(QStringLiteral("2"));
        p->form()->targetEdit()->setText(QStringLiteral("_vindex"));
        QCOMPARE(index->currentText(), QStringLiteral("2"));
        index->setEditText(QStringLiteral("7"));
        p->form()->targetEdit()->setText(QStringLiteral("demo"));
        QCOMPARE(index->currentText(), QStringLiteral("primary"));
        Request *r = clickSend();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QVERIFY2(r->state() == Request::State::Done, qPrintable(describe(r)));
    }

    void selectByNameAndRerun()
    {
        RemoteCallPanel *p = panel();
        p->form()->setMethod(RequestSpec::Method::Select);
        QCOMPARE(p->form()->method(), RequestSpec::Method::Select);
        QVERIFY(p->form()->indexBox()->isVisible());
        fill(RequestSpec::Method::Select, QStringLiteral("demo"), QStringLiteral("{3}"));
        QCOMPARE(p->form()->targetEdit()->text(), QStringLiteral("demo"));
        // The schema knows demo's indexes.
        QVERIFY(p->form()->indexBox()->findText(QStringLiteral("primary")) >= 0);
        QVERIFY(p->form()->indexBox()->findText(QStringLiteral("by_name")) >= 0);

        Request *r = clickSend();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QVERIFY2(r->state() == Request::State::Done, qPrintable(describe(r)));
        const MpValue tuple = A({ U(3), S("item3"), U(30) });
        QCOMPARE(r->result(), A({ tuple }));
        QVERIFY(!p->detail()->resultView()->showsError());
        QCOMPARE(p->detail()->resultView()->jsonText(), MpFormat::toJson(tuple));
        QAbstractItemModel *tree = p->detail()->resultView()->treeModel();
        QCOMPARE(tree->rowCount(), 1);
        const QModelIndex t = tree->index(0, 0);
        QCOMPARE(tree->index(0, 1).data().toString(), QStringLiteral("array[3]"));
        QCOMPARE(tree->rowCount(t), 3);
        QCOMPARE(tree->index(1, 2, t).data().toString(), QStringLiteral("item3"));
        QCOMPARE(tree->index(2, 2, t).data().toString(), QStringLiteral("30"));
        QCOMPARE(historyText(0, RequestHistoryModel::MethodColumn), QStringLiteral("select"));
        QCOMPARE(historyText(0, RequestHistoryModel::TargetColumn), QStringLiteral("demo"));

        // Re-run from a changed form: the past request's form comes back.
        fill(RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("'other'"));
        QVERIFY(clickHistoryRow(0));
        QCOMPARE(p->currentRequest(), r);
        Request *again = nullptr;
        QObject scope;
        connect(p, &RemoteCallPanel::requestSent, &scope, [&](Request *s) { again = s; });
        QTest::mouseClick(p->rerunButton(), Qt::LeftButton);
        QVERIFY(again);
        QVERIFY(again != r);
        QCOMPARE(history()->rowCount(), 2);
        QCOMPARE(historyText(1, RequestHistoryModel::MethodColumn), QStringLiteral("select"));
        QCOMPARE(historyText(1, RequestHistoryModel::TargetColumn), QStringLiteral("demo"));
        QCOMPARE(history()->argumentsText(1), QStringLiteral("{3}"));
        QCOMPARE(p->form()->method(), RequestSpec::Method::Select);
        QCOMPARE(p->form()->targetEdit()->text(), QStringLiteral("demo"));
        QVERIFY2(waitFinished(again), qPrintable(describe(again)));
        QCOMPARE(again->result(), A({ tuple }));
        QCOMPARE(p->currentRequest(), again);
        QCOMPARE(p->detail()->resultView()->jsonText(), MpFormat::toJson(tuple));
    }

    void discardPending()
    {
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, QStringLiteral("slow"), QStringLiteral("{2}"));
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QCOMPARE(r->state(), Request::State::Pending);
        QVERIFY(p->discardButton()->isEnabled());
        QTest::mouseClick(p->discardButton(), Qt::LeftButton);
        QCOMPARE(r->state(), Request::State::Discarded);
        QVERIFY(waitFor([&] { return stateText(0) == QLatin1String("discarded"); }, 5000));
        QVERIFY(!p->discardButton()->isEnabled());
        QVERIFY(p->detail()->resultView()->showsError());
        QVERIFY2(p->detail()->resultView()->title().contains(QLatin1String("discarded")),
                 qPrintable(p->detail()->resultView()->title()));
        QVERIFY(!logLines(QStringLiteral("SYNC %1 discarded").arg(r->sync())).isEmpty());
        // The connection goes on; the late answer is logged when it comes.
        fill(RequestSpec::Method::Call, QStringLiteral("echo"), QStringLiteral("'after'"));
        Request *next = pressCtrlEnter();
        QVERIFY(next);
        QVERIFY2(waitFinished(next), qPrintable(describe(next)));
        QCOMPARE(next->result(), A({ S("after") }));
        QCOMPARE(stateText(0), QStringLiteral("discarded"));
    }

    // The whole history: exported as JSON lines (a "request" line each, then its pushes and
    // its result or error), then cleared.
    void historyExportAndClear()
    {
        RemoteCallPanel *p = panel();
        QVERIFY(p->clearHistoryButton() && p->exportHistoryButton());
        QCOMPARE(p->clearHistoryButton()->accessibleName(), QStringLiteral("Clear the request history"));
        QCOMPARE(p->exportHistoryButton()->accessibleName(), QStringLiteral("Export the whole history as JSON lines"));
        QTest::mouseClick(p->clearHistoryButton(), Qt::LeftButton);
        QCOMPARE(p->history()->rowCount(), 0);
        fill(RequestSpec::Method::Call, QStringLiteral("progress"), QStringLiteral("2, 0"));
        Request *first = pressCtrlEnter();
        QVERIFY(first && waitFinished(first));
        fill(RequestSpec::Method::Call, QStringLiteral("fail"), QStringLiteral("'nope'"));
        Request *second = pressCtrlEnter();
        QVERIFY(second && waitFinished(second));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QString error;
        QVERIFY2(p->exportHistory(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QJsonObject> lines;
        for (const QByteArray &line : f.readAll().trimmed().split('\n'))
            lines << QJsonDocument::fromJson(line).object();
        QStringList events;
        for (const QJsonObject &o : lines)
            events << o.value(QLatin1String("event")).toString();
        QCOMPARE(events,
                 QStringList({ QStringLiteral("request"), QStringLiteral("push"), QStringLiteral("push"),
                               QStringLiteral("result"), QStringLiteral("request"), QStringLiteral("error") }));
        QCOMPARE(lines.at(0).value(QLatin1String("method")).toString(), QStringLiteral("call"));
        QCOMPARE(lines.at(0).value(QLatin1String("target")).toString(), QStringLiteral("progress"));
        QCOMPARE(lines.at(0).value(QLatin1String("arguments")).toString(), QStringLiteral("2, 0"));
        QCOMPARE(lines.at(0).value(QLatin1String("sync")).toInteger(), qint64(first->sync()));
        QCOMPARE(lines.at(4).value(QLatin1String("target")).toString(), QStringLiteral("fail"));
        QCOMPARE(lines.at(5).value(QLatin1String("message")).toString(), QStringLiteral("nope"));

        QTest::mouseClick(p->clearHistoryButton(), Qt::LeftButton);
        QCOMPARE(p->history()->rowCount(), 0);
        QVERIFY(p->exportHistory(path));
        QFile g(path);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QVERIFY(g.readAll().isEmpty());
    }

    void exportJsonLines()
    {
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Call, QStringLiteral("progress"), QStringLiteral("3, 0"));
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QCOMPARE(r->pushCount(), uint64_t(3));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("request.jsonl"));
        QString error;
        QVERIFY2(p->exportJsonLines(r, path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), 5); // 3 pushes, the result, the empty rest after the last \n
        QVERIFY(lines.last().isEmpty());
        QList<QJsonObject> objects;
        for (int i = 0; i < 4; ++i) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &pe);
            QVERIFY2(pe.error == QJsonParseError::NoError && doc.isObject(),
                     qPrintable(pe.errorString() + QLatin1String(": ") + QString::fromUtf8(lines.at(i))));
            objects << doc.object();
        }
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(objects.at(i).value(QLatin1String("event")).toString(), QStringLiteral("push"));
            QCOMPARE(objects.at(i).value(QLatin1String("index")).toInt(), i + 1);
            QVERIFY(objects.at(i).value(QLatin1String("elapsed_ms")).isDouble());
            const QJsonObject value = objects.at(i).value(QLatin1String("value")).toObject();
            QCOMPARE(value.value(QLatin1String("i")).toInt(), i + 1);
            QCOMPARE(value.value(QLatin1String("of")).toInt(), 3);
        }
        QCOMPARE(objects.at(3).value(QLatin1String("event")).toString(), QStringLiteral("result"));
        QCOMPARE(objects.at(3).value(QLatin1String("value")).toArray(), QJsonArray({ 3 }));
        QVERIFY(objects.at(3).value(QLatin1String("elapsed_ms")).toDouble()
                >= objects.at(2).value(QLatin1String("elapsed_ms")).toDouble());

        // An error ends in an error line.
        fill(RequestSpec::Method::Call, QStringLiteral("fail"), QStringLiteral("'bad \"quote\"'"));
        Request *failed = pressCtrlEnter();
        QVERIFY(failed);
        QVERIFY(waitFinished(failed));
        QVERIFY(p->exportJsonLines(failed, path));
        QFile g(path);
        QVERIFY(g.open(QIODevice::ReadOnly));
        const QList<QByteArray> errLines = g.readAll().trimmed().split('\n');
        QCOMPARE(errLines.size(), 1);
        const QJsonObject e = QJsonDocument::fromJson(errLines.first()).object();
        QCOMPARE(e.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(e.value(QLatin1String("code")).toInt(), 42);
        QCOMPARE(e.value(QLatin1String("message")).toString(), QStringLiteral("bad \"quote\""));

        // A path that cannot be written: false and a message, no crash.
        QVERIFY(!p->exportJsonLines(r, dir.filePath(QStringLiteral("no/such/dir/x.jsonl")), &error));
        QVERIFY(!error.isEmpty());
    }

    // Re-run after many requests (the texts kept per request grow their table meanwhile): the
    // form gets the texts back and the new request is listed with them.
    void rerunAfterManyRequests()
    {
        RemoteCallPanel *p = panel();
        fill(RequestSpec::Method::Eval, QStringLiteral("return ..."), QStringLiteral("1, 'x'"));
        std::vector<Request *> sent;
        for (int i = 0; i < 70; ++i)
            sent.push_back(p->send());
        QVERIFY(sent.back());
        QVERIFY(waitFinished(sent.back()));
        Request *again = p->rerun(sent.front());
        QVERIFY(again);
        QVERIFY(waitFinished(again));
        QCOMPARE(again->result(), A({ U(1), S("x") }));
        const int row = history()->rowOf(again);
        QVERIFY(row >= 0);
        QCOMPARE(history()->argumentsText(row), QStringLiteral("1, 'x'"));
        QCOMPARE(p->form()->argumentsEdit()->toPlainText(), QStringLiteral("1, 'x'"));
    }

    // The panel's export and boxscope-cli write one request's events through one writer: the
    // same request gives the same lines, elapsed_ms aside.
    void exportMatchesCli_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("args");
        QTest::newRow("pushes then a result") << int(RequestSpec::Method::Call) << "progress"
                                              << "3, 0";
        QTest::newRow("a server error with its stack") << int(RequestSpec::Method::Call) << "fail"
                                                       << "'bad \"quote\"'";
        QTest::newRow("eval") << int(RequestSpec::Method::Eval) << "return ..."
                              << "1, 'a', {x = 2}";
        QTest::newRow("select") << int(RequestSpec::Method::Select) << "demo"
                                << "1";
        QTest::newRow("no such space") << int(RequestSpec::Method::Select) << "nope"
                                       << "1";
    }

    void exportMatchesCli()
    {
        QFETCH(int, method);
        QFETCH(QString, target);
        QFETCH(QString, args);
        auto withoutTimes = [](const QByteArray &text) {
            QList<QJsonObject> out;
            for (const QByteArray &line : text.trimmed().split('\n')) {
                QJsonObject o = QJsonDocument::fromJson(line).object();
                o.remove(QLatin1String("elapsed_ms"));
                out << o;
            }
            return out;
        };

        fill(RequestSpec::Method(method), target, args);
        Request *r = pressCtrlEnter();
        QVERIFY(r);
        QVERIFY2(waitFinished(r), qPrintable(describe(r)));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("request.jsonl"));
        QVERIFY(panel()->exportJsonLines(r, path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> exported = withoutTimes(f.readAll());

        QProcess cli;
        const QString method_ = RequestSpec::methodName(RequestSpec::Method(method));
        cli.start(Test::cliPath(),
                  { QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()), method_, target, args });
        QVERIFY(cli.waitForFinished(20000));
        const QList<QJsonObject> printed = withoutTimes(cli.readAllStandardOutput());

        QVERIFY(!exported.isEmpty());
        QCOMPARE(printed.size(), exported.size());
        for (int i = 0; i < exported.size(); ++i) {
            QVERIFY2(printed.at(i) == exported.at(i),
                     qPrintable(QStringLiteral("line %1:\n  cli:    %2\n  export: %3")
                                        .arg(i)
                                        .arg(QString::fromUtf8(
                                                     QJsonDocument(printed.at(i)).toJson(QJsonDocument::Compact)),
                                             QString::fromUtf8(
                                                     QJsonDocument(exported.at(i)).toJson(QJsonDocument::Compact)))));
        }
    }

    // ---- accessibility ---------------------------------------------------------------------

    void everyControlHasAnAccessibleName()
    {
        // Qt-internal parts that are not the application's to name (they are reached through
        // their named owner): the line edit inside a combo or spin box, the popup list of a
        // combo box, header views, the tab bar's scroll buttons, the dock widget's float and
        // close buttons, a table's corner button, the tool bar's extension button, a line
        // edit's clear button.
        auto internal = [](QWidget *w, QString *why) -> bool {
            QWidget *parent = w->parentWidget();
            const QByteArray cls = w->metaObject()->className();
            if (qobject_cast<QLineEdit *>(w)
                && (qobject_cast<QComboBox *>(parent) || qobject_cast<QAbstractSpinBox *>(parent))) {
                *why = QStringLiteral("editor inside a %1").arg(QLatin1String(parent->metaObject()->className()));
                return true;
            }
            for (QWidget *a = parent; a; a = a->parentWidget()) {
                if (qobject_cast<QComboBox *>(a) || a->inherits("QComboBoxPrivateContainer")) {
                    *why = QStringLiteral("combo box popup part");
                    return true;
                }
            }
            if (qobject_cast<QHeaderView *>(w)) {
                *why = QStringLiteral("header view");
                return true;
            }
            if (qobject_cast<QTabBar *>(parent)) {
                *why = QStringLiteral("tab bar scroll button");
                return true;
            }
            if (cls == "QDockWidgetTitleButton") {
                *why = QStringLiteral("dock widget title button");
                return true;
            }
            if (cls == "QTableCornerButton") {
                *why = QStringLiteral("table corner button");
                return true;
            }
            if (cls == "QToolBarExtension") {
                *why = QStringLiteral("tool bar extension button");
                return true;
            }
            if (cls == "QLineEditIconButton") {
                *why = QStringLiteral("line edit clear button");
                return true;
            }
            return false;
        };

        QStringList missing;
        QMap<QString, int> excluded;
        int checked = 0;
        for (QWidget *w : m_window->findChildren<QWidget *>()) {
            const bool interactive = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                    || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QComboBox *>(w)
                    || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QAbstractItemView *>(w)
                    || qobject_cast<QTabWidget *>(w);
            if (!interactive)
                continue;
            QString why;
            if (internal(w, &why)) {
                ++excluded[QStringLiteral("%1 (%2)").arg(why, QLatin1String(w->metaObject()->className()))];
                continue;
            }
            ++checked;
            if (w->accessibleName().trimmed().isEmpty()) {
                QString path;
                for (QObject *o = w; o && o != m_window.get(); o = o->parent())
                    path.prepend(QStringLiteral("/%1(%2)").arg(QLatin1String(o->metaObject()->className()),
                                                               o->objectName()));
                missing << path;
            }
        }
        QStringList ex;
        for (auto it = excluded.cbegin(); it != excluded.cend(); ++it)
            ex << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
        qInfo("checked %d interactive widgets; excluded: %s", checked, qPrintable(ex.join(QLatin1String(", "))));
        QVERIFY(checked >= 30);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QLatin1String("without an accessible name:\n") + missing.join(QLatin1Char('\n'))));
    }

    void requestByAccessibleNamesOnly()
    {
        auto *method = byAccessibleName<QComboBox>(QStringLiteral("Method"));
        auto *target = byAccessibleName<QLineEdit>(QStringLiteral("Target"));
        auto *args = byAccessibleName<QPlainTextEdit>(QStringLiteral("Arguments"));
        auto *send = byAccessibleName<QAbstractButton>(QStringLiteral("Send request"));
        auto *pushList = byAccessibleName<QAbstractItemView>(QStringLiteral("Push list"));
        auto *resultTree = byAccessibleName<QAbstractItemView>(QStringLiteral("Result tree"));
        auto *resultYaml = byAccessibleName<QPlainTextEdit>(QStringLiteral("Result YAML"));
        auto *resultTabs = byAccessibleName<QTabWidget>(QStringLiteral("Result views"));
        auto *history = byAccessibleName<QAbstractItemView>(QStringLiteral("Request history"));
        auto *count = byAccessibleName<QLabel>(QStringLiteral("Push count"));
        for (QWidget *w : std::initializer_list<QWidget *> { method, target, args, send, pushList, resultTree,
                                                             resultYaml, resultTabs, history, count })
            QVERIFY2(w, "a widget was not found (exactly once) by its accessible name");

        QCOMPARE(method->currentText(), QStringLiteral("call"));
        QTest::keyClicks(target, QStringLiteral("progress"));
        QTest::keyClicks(args, QStringLiteral("3, 0"));
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QCOMPARE(history->model()->rowCount(), 1);

        QAbstractItemModel *pushes = pushList->model();
        QVERIFY(waitFor([&] { return pushes->rowCount() == 3; }, 10000));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(pushes->index(i, 0).data().toString(), QString::number(i + 1));
            QCOMPARE(pushes->index(i, PushListModel::PreviewColumn).data().toString(),
                     MpFormat::preview(M({ { S("i"), U(uint64_t(i + 1)) }, { S("of"), U(3) } }), 160));
        }
        QVERIFY2(count->text().startsWith(QLatin1String("3 received")), qPrintable(count->text()));
        // The tree holds a model while its tab is the one shown.
        resultTabs->setCurrentWidget(resultTree);
        QAbstractItemModel *tree = resultTree->model();
        QVERIFY(tree);
        QVERIFY(waitFor([&] { return tree->rowCount() == 1; }, 10000));
        QCOMPARE(tree->index(0, 2).data().toString(), QStringLiteral("3"));
        QVERIFY(waitFor(
                [&] {
                    return history->model()->index(0, RequestHistoryModel::StateColumn).data().toString()
                            == QLatin1String("done");
                },
                5000));

        // The YAML tab is built when it is shown.
        resultTabs->setCurrentWidget(resultYaml);
        QCOMPARE(resultYaml->toPlainText(), QStringLiteral("---\n- 3\n...\n"));
    }
};

QTEST_MAIN(tst_RemoteCallPanel)
#include "tst_remotecallpanel.moc"
