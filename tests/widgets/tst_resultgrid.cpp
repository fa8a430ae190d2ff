// Results as a grid in the real MainWindow against a real tarantool: a select's tuples under
// the space's field names, typed cells, numeric sorting by a header click, copying, a
// 100 000-tuple result shown one page at a time; and the form's space and function lists.
//
// One shared server, filled once in initTestCase (spaces grid_types, grid_sort, big and the
// persistent function grid_fn); a fresh window (and connection) per test.

#include "MainWindow.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "common/TupleGridModel.h"
#include "common/TupleGridView.h"
#include "common/ValueView.h"
#include "iproto/Uri.h"
#include "msgpack/MpExt.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestForm.h"
#include "sandbox/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

const char kFill[] = R"lua(
return box.session.su('admin', function()
local decimal = require('decimal')
local uuid = require('uuid')
local t = box.schema.space.create('grid_types', {format = {{'id', 'unsigned'}, {'name', 'string'}}})
t:create_index('pk')
t:insert{1, 'alpha', box.NULL, 2.5, true, decimal.new('1.25'),
         uuid.fromstr('6e079a5e-15e8-4dba-9363-5bffd4ce554d'), {1, 2, {a = 1}}}
t:insert{2, 'beta'}
t:insert{3, 'line one\nline two', -7}
local s = box.schema.space.create('grid_sort', {format = {{'id', 'unsigned'}, {'score', 'number'}}})
s:create_index('pk')
for i, v in ipairs({9, 10, 100, 2, -3, 1.5, 20}) do s:insert{i, v} end
local b = box.schema.space.create('big', {format = {{'id', 'unsigned'}, {'name', 'string'},
                                               {'score', 'number'}}})
b:create_index('pk')
box.begin()
for i = 1, 100000 do b:insert{i, 'name' .. i, (i * 7919) % 100003 / 2} end
box.commit()
box.schema.func.create('grid_fn', {body = 'function() return 1 end'})
function grid_table() return {{1, 'a'}, {2, 'b', true}} end
return b:count()
end)
)lua";

} // namespace

class tst_ResultGrid : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;
    std::unique_ptr<MainWindow> m_window;

    RemoteCallPanel *panel() const { return m_window->remoteCallPanel(); }
    ValueView *result() const { return panel()->detail()->resultView(); }
    TupleGridView *grid() const { return result()->grid(); }
    TupleGridModel *gridModel() const { return grid()->model(); }

    // Types method, target and arguments into the form, sends with Ctrl+Enter and waits.
    Request *send(RequestSpec::Method method, const QString &target, const QString &args = QString())
    {
        RequestForm *f = panel()->form();
        f->methodBox()->setCurrentIndex(int(method));
        f->targetEdit()->clear();
        QTest::keyClicks(f->targetEdit(), target);
        if (QCompleter *c = f->targetEdit()->completer())
            c->popup()->hide();
        f->argumentsEdit()->clear();
        if (!args.isEmpty())
            QTest::keyClicks(f->argumentsEdit(), args);
        Request *sent = nullptr;
        const auto c = connect(panel(), &RemoteCallPanel::requestSent, this, [&](Request *r) { sent = r; });
        f->targetEdit()->setFocus();
        QTest::keyClick(f->targetEdit(), Qt::Key_Return, Qt::ControlModifier);
        disconnect(c);
        if (!sent)
            return nullptr;
        QPointer<Request> guard(sent);
        if (!waitFor([&] { return !guard || guard->isFinished(); }, 30000) || !guard)
            return nullptr;
        return sent;
    }

    QString cellText(int row, int column) const { return gridModel()->index(row, column).data().toString(); }
    QString header(int column) const { return gridModel()->headerData(column, Qt::Horizontal).toString(); }
    QStringList columnTexts(int column) const
    {
        QStringList out;
        for (int row = 0; row < gridModel()->rowCount(); ++row)
            out << cellText(row, column);
        return out;
    }

    void clickHeader(int column)
    {
        QHeaderView *h = grid()->table()->horizontalHeader();
        const QPoint at(h->sectionViewportPosition(column) + h->sectionSize(column) / 2, h->height() / 2);
        QTest::mouseClick(h->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // MainWindow and the result view use QSettings
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_resultgrid"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        Connection c;
        Uri uri;
        QVERIFY(Uri::parse(m_fx->uri(), &uri, nullptr));
        c.connectToServer(uri);
        QVERIFY(waitFor([&] { return c.isReady(); }, 10000));
        Request *fill = c.eval(QString::fromUtf8(kFill), A());
        QVERIFY(waitFor([&] { return fill->isFinished(); }, 120000));
        QVERIFY2(fill->state() == Request::State::Done, qPrintable(fill->error().toString()));
        QCOMPARE(fill->result().at(0).toUInt64(), 100000u);
    }

    void cleanupTestCase() { m_fx.reset(); }

    void init()
    {
        QSettings().remove(QStringLiteral("valueView/view")); // the grid is the first choice
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        Connection *c = m_window->connection();
        m_window->connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()));
        QVERIFY2(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000),
                 qPrintable(c->lastError().toString()));
    }

    void cleanup() { m_window.reset(); }

    void selectShowsFieldNamesAndTypedCells()
    {
        QAbstractItemModelTester tester(gridModel(), kFatal);
        Request *r = send(RequestSpec::Method::Select, QStringLiteral("grid_types"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(result()->views()->currentWidget(), grid());
        QVERIFY(result()->views()->isTabVisible(result()->views()->indexOf(grid())));
        // The format names two fields; the widest tuple has eight: #3 to #8 after them.
        QCOMPARE(gridModel()->columnCount(), 8);
        QCOMPARE(header(0), QStringLiteral("id"));
        QCOMPARE(header(1), QStringLiteral("name"));
        QCOMPARE(header(2), QStringLiteral("#3"));
        QCOMPARE(header(7), QStringLiteral("#8"));
        QCOMPARE(gridModel()->rowCount(), 3);
        QCOMPARE(cellText(0, 0), QStringLiteral("1"));
        QCOMPARE(cellText(0, 1), QStringLiteral("alpha"));
        QCOMPARE(cellText(0, 2), QStringLiteral("null"));
        QVERIFY(gridModel()->index(0, 2).data(Qt::ForegroundRole).isValid()); // greyed
        QCOMPARE(cellText(0, 3), QStringLiteral("2.5"));
        QCOMPARE(cellText(0, 4), QStringLiteral("true"));
        QCOMPARE(cellText(0, 5), QStringLiteral("1.25")); // decimal
        QCOMPARE(cellText(0, 6), QStringLiteral("6e079a5e-15e8-4dba-9363-5bffd4ce554d"));
        QCOMPARE(cellText(0, 7), QStringLiteral("[1, 2, {a: 1}]"));
        // A shorter tuple has no cell there (not a null); a line break shows as ↵.
        QCOMPARE(cellText(1, 2), QString());
        QVERIFY(!gridModel()->index(1, 2).data(Qt::ForegroundRole).isValid());
        QCOMPARE(cellText(2, 1), QStringLiteral("line one↵line two"));
        QCOMPARE(cellText(2, 2), QStringLiteral("-7"));
        const auto alignment = [&](int row, int column) {
            return Qt::Alignment(gridModel()->index(row, column).data(Qt::TextAlignmentRole).toInt())
                    & Qt::AlignHorizontal_Mask;
        };
        QCOMPARE(alignment(0, 0), Qt::AlignRight);
        QCOMPARE(alignment(0, 5), Qt::AlignRight); // a decimal is a number
        QCOMPARE(alignment(0, 1), Qt::AlignLeft);
        // The tree and the YAML are still there, over the same result.
        QCOMPARE(result()->treeModel()->rowCount(), 3);
        QVERIFY(!result()->tree()->model()); // laid out only when its tab is chosen
        QVERIFY(result()->yamlText().contains(QLatin1String("alpha")));
        QVERIFY(!grid()->firstPageButton()->isVisible()); // one page: no page buttons
    }

    void typedCellsOfEveryKind()
    {
        // Values a 2.6 server cannot make from Lua: bin, uint64 above INT64_MAX, interval,
        // datetime, error.
        const MpValue tuple =
                A({ MpValue::binary(QByteArray("\x01\xff", 2)), MpValue::uinteger(18446744073709551615ull),
                    MpValue::ext(MpExt::Datetime, QByteArray("\x00\x00\x00\x00\x00\x00\x00\x00", 8)),
                    MpValue::ext(MpExt::Interval, QByteArray("\x01\x00\x01", 3)), MpValue::map({ { S("k"), U(1) } }),
                    MpValue::boolean(false) });
        auto holder = std::make_shared<const MpValue>(A({ tuple }));
        TupleGridModel model;
        QAbstractItemModelTester tester(&model, kFatal);
        model.setRows(holder, holder.get(), {});
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("bin(01ff)"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("18446744073709551615"));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("1970-01-01T00:00:00Z"));
        QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("interval(+1 years)"));
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("{k: 1}"));
        QCOMPARE(model.index(0, 5).data().toString(), QStringLiteral("false"));
    }

    void sortingByAHeaderIsNumeric()
    {
        Request *r = send(RequestSpec::Method::Select, QStringLiteral("grid_sort"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(header(1), QStringLiteral("score"));
        const QStringList serverOrder = { "9", "10", "100", "2", "-3", "1.5", "20" };
        QCOMPARE(columnTexts(1), serverOrder);
        clickHeader(1);
        QCOMPARE(gridModel()->sortColumn(), 1);
        QCOMPARE(columnTexts(1), QStringList({ "-3", "1.5", "2", "9", "10", "20", "100" }));
        // The row header still says where the row was in the result.
        QCOMPARE(gridModel()->headerData(0, Qt::Vertical).toString(), QStringLiteral("5"));
        clickHeader(1);
        QCOMPARE(columnTexts(1), QStringList({ "100", "20", "10", "9", "2", "1.5", "-3" }));
        clickHeader(1);
        QCOMPARE(gridModel()->sortColumn(), -1);
        QCOMPARE(columnTexts(1), serverOrder);
    }

    void copySelectedCellsAndRows()
    {
        Request *r = send(RequestSpec::Method::Select, QStringLiteral("grid_sort"));
        QVERIFY(r && r->state() == Request::State::Done);
        QTableView *table = grid()->table();
        table->selectionModel()->select(QItemSelection(gridModel()->index(0, 0), gridModel()->index(1, 1)),
                                        QItemSelectionModel::ClearAndSelect);
        QVERIFY(table->isVisible());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        table->setFocus();
        QApplication::clipboard()->setText(QStringLiteral("probe"));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("probe"));
        QCOMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("1\t9\n2\t10\n"));

        QAction *asJson = nullptr;
        for (QAction *a : table->actions()) {
            if (a->text() == QLatin1String("Copy rows as JSON"))
                asJson = a;
        }
        QVERIFY(asJson);
        QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);
        asJson->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("[[1,9],[2,10]]"));
        QCOMPARE(grid()->selectedRowsText(TupleGridView::RowFormat::Yaml),
                 QStringLiteral("---\n- - [1, 9]\n  - [2, 10]\n...\n"));
        QCOMPARE(grid()->selectedRowsText(TupleGridView::RowFormat::Lua), QStringLiteral("{{1, 9}, {2, 10}}"));
    }

    void hundredThousandTuplesOnePageAtATime()
    {
        Request *r = send(RequestSpec::Method::Select, QStringLiteral("big"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(r->result().size(), size_t(100000));
        QVERIFY(waitFor([&] { return result()->title().contains(QLatin1String("result in")); }, 10000));

        // Bounded: one page of rows; the tree made no node per row.
        QCOMPARE(gridModel()->totalRows(), size_t(100000));
        QCOMPARE(gridModel()->rowCount(), TupleGridModel::kDefaultPageSize);
        QCOMPARE(gridModel()->pageCount(), 100);
        QCOMPARE(cellText(0, 0), QStringLiteral("1"));
        QVERIFY(grid()->lastPageButton()->isVisible());
        QVERIFY2(grid()->pageLabel()->text().contains(QStringLiteral("1–1")), qPrintable(grid()->pageLabel()->text()));

        // The last page is one click away.
        QTest::mouseClick(grid()->lastPageButton(), Qt::LeftButton);
        QCOMPARE(gridModel()->page(), 99);
        QCOMPARE(gridModel()->rowCount(), 1000);
        QCOMPARE(cellText(999, 0), QStringLiteral("100000"));
        QCOMPARE(cellText(999, 1), QStringLiteral("name100000"));
        QVERIFY(!grid()->nextPageButton()->isEnabled());
        QTest::mouseClick(grid()->previousPageButton(), Qt::LeftButton);
        QCOMPARE(cellText(0, 0), QStringLiteral("98001"));

        // Sorting the whole result by a number column: an index vector, bounded in time.
        clickHeader(2);
        QCOMPARE(gridModel()->sortColumn(), 2);
        QCOMPARE(gridModel()->page(), 0);
        const qint64 sortMs = gridModel()->lastSortMs();
        qInfo("sorting 100000 tuples by a number column took %lld ms", sortMs);
        QVERIFY2(sortMs < 10000, qPrintable(QString::number(sortMs)));
        double previous = -1;
        for (int row = 0; row < gridModel()->rowCount(); ++row) {
            const double v = gridModel()->cell(gridModel()->index(row, 2))->toDouble();
            QVERIFY(v >= previous);
            previous = v;
        }
        QTest::mouseClick(grid()->lastPageButton(), Qt::LeftButton);
        QVERIFY(gridModel()->cell(gridModel()->index(gridModel()->rowCount() - 1, 2))->toDouble() >= previous);

        // How long showing the result keeps the GUI thread: showRequest and the paint after it.
        QList<qint64> times;
        for (int run = 0; run < 5; ++run) {
            panel()->detail()->showRequest(nullptr);
            QCoreApplication::processEvents();
            QElapsedTimer t;
            t.start();
            panel()->detail()->showRequest(r);
            QCoreApplication::processEvents();
            times << t.nsecsElapsed() / 1000;
        }
        std::sort(times.begin(), times.end());
        qInfo("showing a 100000-tuple select blocked the GUI thread: median %.1f ms (fastest %.1f, slowest %.1f)",
              double(times.at(2)) / 1000, double(times.first()) / 1000, double(times.last()) / 1000);
        QVERIFY2(times.at(2) < 2000000, "showing a 100 000-tuple result took over 2 s");
    }

    // A large select's rows stay msgpack (Request::rawResult()): the grid decodes the page it
    // shows and a sort the one column; the tree, the YAML and the copies get the whole value
    // when first asked for, the same values the tree path gives.
    void largeSelectKeepsItsRowsAsMsgpack()
    {
        Request *r = send(RequestSpec::Method::Select, QStringLiteral("big"));
        QVERIFY(r && r->state() == Request::State::Done);
        const std::shared_ptr<const MpRawArray> raw = r->rawResult();
        QVERIFY(raw);
        QCOMPARE(raw->size(), size_t(100000));
        QCOMPARE(r->resultCount(), size_t(100000));
        QCOMPARE(raw->item(41), A({ U(42), S("name42"), D(double((42 * 7919) % 100003) / 2) }));
        QVERIFY(waitFor([&] { return result()->title().contains(QLatin1String("result in")); }, 10000));
        QCOMPARE(gridModel()->totalRows(), size_t(100000));
        QCOMPARE(header(1), QStringLiteral("name"));
        QCOMPARE(cellText(41, 1), QStringLiteral("name42"));
        QCOMPARE(*gridModel()->tuple(41), raw->item(41));

        // Sorted by the score column, descending: the page is decoded in that order.
        clickHeader(2);
        clickHeader(2);
        QCOMPARE(gridModel()->sortOrder(), Qt::DescendingOrder);
        double previous = 1e300;
        for (int row = 0; row < gridModel()->rowCount(); ++row) {
            const MpValue *v = gridModel()->cell(gridModel()->index(row, 2));
            QVERIFY(v && v->toDouble() <= previous);
            previous = v->toDouble();
        }
        QCOMPARE(*gridModel()->tuple(0), raw->item(gridModel()->resultRow(0)));

        // The tree tab: every row, the same values as the request's tree.
        result()->views()->setCurrentWidget(result()->tree());
        QCOMPARE(result()->treeModel()->rowCount(), 100000);
        QCOMPARE(result()->tree()->model(), result()->treeModel());
        const QString yaml = result()->yamlText();
        QVERIFY2(yaml.startsWith(QStringLiteral("---\n- - 1\n  - name1\n")), qPrintable(yaml.left(80)));
        QCOMPARE(r->result().size(), size_t(100000));
        QCOMPARE(r->result().at(99999), raw->item(99999));

        // A small select is a tree as before.
        Request *small = send(RequestSpec::Method::Select, QStringLiteral("grid_sort"));
        QVERIFY(small && small->state() == Request::State::Done);
        QVERIFY(!small->rawResult());
        QCOMPARE(small->resultCount(), size_t(7));
    }

    void tableOfArraysFromACall()
    {
        Request *r = send(RequestSpec::Method::Call, QStringLiteral("grid_table"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(result()->views()->currentWidget(), grid());
        QCOMPARE(gridModel()->rowCount(), 2);
        QCOMPARE(gridModel()->columnCount(), 3);
        QCOMPARE(header(0), QStringLiteral("#1"));
        QCOMPARE(cellText(1, 2), QStringLiteral("true"));
    }

    void sqlRowsNamedByMetadata()
    {
        Request *r = send(RequestSpec::Method::Execute, QStringLiteral("SELECT \"id\", \"score\" FROM \"grid_sort\""));
        QVERIFY2(r && r->state() == Request::State::Done, r ? qPrintable(r->error().toString()) : "not sent");
        QCOMPARE(header(0), QStringLiteral("id"));
        QCOMPARE(header(1), QStringLiteral("score"));
        QCOMPARE(gridModel()->rowCount(), 7);
    }

    void nonTabularShowsAsBeforeAndTheChoiceIsKept()
    {
        QTabWidget *views = result()->views();
        Request *r = send(RequestSpec::Method::Eval, QStringLiteral("return 1, {a = 2}"));
        QVERIFY(r && r->state() == Request::State::Done);
        QVERIFY(!views->isTabVisible(views->indexOf(grid())));
        QCOMPARE(views->currentWidget(), result()->tree());

        r = send(RequestSpec::Method::Select, QStringLiteral("grid_sort"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(views->currentWidget(), grid());
        views->setCurrentWidget(result()->yamlEdit()); // as a click on the tab does
        QCOMPARE(QSettings().value(QStringLiteral("valueView/view")).toString(), QStringLiteral("yaml"));
        r = send(RequestSpec::Method::Select, QStringLiteral("grid_types"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(views->currentWidget(), result()->yamlEdit());
        QVERIFY(result()->yamlEdit()->toPlainText().contains(QLatin1String("alpha")));
        views->setCurrentWidget(grid());
        r = send(RequestSpec::Method::Select, QStringLiteral("grid_sort"));
        QVERIFY(r && r->state() == Request::State::Done);
        QCOMPARE(views->currentWidget(), grid());
    }

    void userSpacesBeforeSystemSpaces()
    {
        RequestForm *f = panel()->form();
        f->methodBox()->setCurrentIndex(int(RequestSpec::Method::Select));
        QCOMPARE(f->targetEdit()->completer(), f->spaceCompleter());
        QStandardItemModel *list = f->spaceList();
        int demo = -1, big = -1, label = -1, space = -1, vspace = -1;
        for (int row = 0; row < list->rowCount(); ++row) {
            const QString name = list->item(row)->data(Qt::UserRole).toString();
            if (name == QLatin1String("demo"))
                demo = row;
            else if (name == QLatin1String("big"))
                big = row;
            else if (name == QLatin1String("_space"))
                space = row;
            else if (name == QLatin1String("_vspace"))
                vspace = row;
            else if (name.isEmpty())
                label = row;
        }
        QVERIFY(demo >= 0 && big >= 0 && label >= 0 && space >= 0 && vspace >= 0);
        QVERIFY(big < demo); // by name within the group
        QVERIFY(demo < label);
        QVERIFY(label < space && space < vspace);
        QVERIFY(!(list->item(label)->flags() & Qt::ItemIsSelectable));
        // Typing filters by name; the label, whose completion text is empty, is not offered.
        QTest::keyClicks(f->targetEdit(), QStringLiteral("spa"));
        QCompleter *c = f->spaceCompleter();
        QVERIFY(c->completionCount() >= 2);
        for (int i = 0; c->setCurrentRow(i); ++i)
            QVERIFY(c->currentCompletion().contains(QLatin1String("spa")));
        c->popup()->hide();
    }

    void functionNamesAreCompleted()
    {
        RequestForm *f = panel()->form();
        QCOMPARE(f->methodBox()->currentIndex(), int(RequestSpec::Method::Call));
        QCOMPARE(f->targetEdit()->completer(), f->functionCompleter());
        QVERIFY(waitFor([&] { return f->functionList()->stringList().contains(QLatin1String("grid_fn")); }, 5000));
        const QStringList names = f->functionList()->stringList();
        QVERIFY(!names.contains(QLatin1String("TRIM"))); // SQL's built-ins are not callable
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        QVERIFY(!names.contains(QLatin1String("server_function")));
        QTest::keyClicks(f->targetEdit(), QStringLiteral("grid_f"));
        QCOMPARE(f->functionCompleter()->currentCompletion(), QStringLiteral("grid_fn"));
        f->functionCompleter()->popup()->hide();

        // A global Lua function is in no system space: once called, it is offered too.
        Request *r = send(RequestSpec::Method::Call, QStringLiteral("grid_table"));
        QVERIFY(r && r->state() == Request::State::Done);
        QVERIFY(f->functionList()->stringList().contains(QLatin1String("grid_table")));
    }

    void gridWidgetsHaveAccessibleNames()
    {
        for (QWidget *w : std::initializer_list<QWidget *> { grid(), grid()->table(), grid()->pageLabel(),
                                                             grid()->firstPageButton(), grid()->previousPageButton(),
                                                             grid()->nextPageButton(), grid()->lastPageButton() })
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
        QCOMPARE(grid()->table()->accessibleName(), QStringLiteral("Result grid table"));
    }
};

QTEST_MAIN(tst_ResultGrid)
#include "tst_resultgrid.moc"
