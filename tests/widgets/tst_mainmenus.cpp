// The real Boxscope::MainWindow's menus, toolbar, themes and zoom: every menu action has a
// text, a status tip and its shortcut; Ctrl+Q closes the window, F1 lists the shortcuts; About
// names the Qt, Lua and (connected to a REAL tarantool) the server's versions; Save / Open
// request round-trips the form and refuses bad files with a sentence; Copy result as JSON puts a
// real result on the clipboard; the toolbar sends, re-runs and pauses the push list; the theme
// and the zoom are remembered by the next window; every custom colour keeps a WCAG contrast of
// 4.5 against the views' backgrounds in both themes; a closed log comes back from View.
#include "AboutDialog.h"
#include "MainWindow.h"
#include "ShortcutsDialog.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "common/Theme.h"
#include "common/ValueView.h"
#include "connection/ConnectionBar.h"
#include "format/MpFormat.h"
#include "inspector/SocketInspectorPanel.h"
#include "log/LogModel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestForm.h"
#include "remotecall/RequestHistoryModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG 2's contrast ratio, 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QList<QAction *> menuActions(QMenu *menu)
{
    QList<QAction *> out;
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        if (a->menu())
            out << menuActions(a->menu());
        else
            out << a;
    }
    return out;
}

} // namespace

class tst_MainMenus : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<TarantoolFixture> m_fx;

    static QAction *action(MainWindow &w, const char *name)
    {
        auto *a = w.findChild<QAction *>(QLatin1String(name));
        if (!a)
            qWarning("no action %s", name);
        return a;
    }

    bool connect(MainWindow &w)
    {
        w.connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()));
        Connection *c = w.connection();
        return waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000);
    }

private slots:
    void initTestCase()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainmenus"));
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void cleanup()
    {
        // Each case starts from the system look and the desktop's text size.
        QSettings().clear();
        Theme::apply(Theme::Mode::System);
        MainWindow w;
        w.setZoomStep(0);
        QSettings().clear();
    }

    void menusHaveTheirActionsAndShortcuts()
    {
        MainWindow w;
        QStringList menus;
        for (QAction *top : w.menuBar()->actions()) {
            QVERIFY(top->menu());
            QVERIFY2(!top->menu()->accessibleName().isEmpty(), qPrintable(top->text()));
            menus << top->text().remove(QLatin1Char('&'));
            for (QAction *a : menuActions(top->menu())) {
                QVERIFY2(!a->text().isEmpty(), qPrintable(top->text()));
                // The Sandbox menu's items have a tooltip (Stop none): its behaviour is unchanged.
                if (top->menu()->accessibleName() != QLatin1String("Sandbox menu"))
                    QVERIFY2(!a->statusTip().isEmpty(), qPrintable(a->text()));
            }
        }
        QCOMPARE(menus,
                 QStringList({ QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                               QStringLiteral("Connection"), QStringLiteral("Sandbox"), QStringLiteral("Help") }));

        QCOMPARE(action(w, "actionQuit")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
        QCOMPARE(action(w, "actionShortcuts")->shortcut(), QKeySequence(QKeySequence::HelpContents));
        QCOMPARE(action(w, "actionShortcuts")->shortcut(), QKeySequence(Qt::Key_F1));
        QCOMPARE(action(w, "actionNewConnection")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
        QCOMPARE(action(w, "actionOpenRequest")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
        QCOMPARE(action(w, "actionSaveRequest")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_S));
        QVERIFY(action(w, "actionZoomIn")->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Plus)));
        QCOMPARE(action(w, "actionZoomOut")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Minus));
        QCOMPARE(action(w, "actionZoomReset")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_0));
        for (const char *name :
             { "actionExportHistory", "actionExportRequest", "actionCopy",           "actionCopyYaml",
               "actionCopyJson",      "actionCopyLua",       "actionShowRemoteCall", "actionShowLuaConsole",
               "actionShowSockets",   "actionShowTraffic",   "actionShowLog",        "actionShowToolBar",
               "actionThemeSystem",   "actionThemeLight",    "actionThemeDark",      "actionConnect",
               "actionDisconnect",    "actionReconnect",     "actionPing",           "actionAbout",
               "actionAboutQt" })
            QVERIFY2(action(w, name), name);

        // The toolbar: named, each button named by its action, hidden from View.
        QToolBar *bar = w.mainToolBar();
        QCOMPARE(bar->accessibleName(), QStringLiteral("Main toolbar"));
        QStringList buttons;
        for (QAction *a : bar->actions()) {
            if (a->isSeparator())
                continue;
            QVERIFY(!a->icon().isNull());
            QVERIFY2(!bar->widgetForAction(a)->accessibleName().isEmpty(), qPrintable(a->text()));
            buttons << bar->widgetForAction(a)->accessibleName();
        }
        QCOMPARE(buttons,
                 QStringList({ QStringLiteral("Connect"), QStringLiteral("Disconnect"), QStringLiteral("Send"),
                               QStringLiteral("Re-run"), QStringLiteral("Discard"), QStringLiteral("Pause pushes") }));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(bar->isVisible());
        action(w, "actionShowToolBar")->trigger();
        QVERIFY(!bar->isVisible());
        action(w, "actionShowToolBar")->trigger();
        QVERIFY(bar->isVisible());
    }

    void ctrlQCloses()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(waitFor([&] { return !w.isVisible(); }, 5000));
    }

    void f1ListsTheShortcuts()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_F1);
        ShortcutsDialog *dialog = nullptr;
        QVERIFY(waitFor([&] { return (dialog = w.findChild<ShortcutsDialog *>()) && dialog->isVisible(); }, 5000));
        QStringList rows;
        for (int i = 0; i < dialog->list()->topLevelItemCount(); ++i)
            rows << dialog->list()->topLevelItem(i)->text(0) + QLatin1Char('=')
                            + dialog->list()->topLevelItem(i)->text(1);
        QVERIFY2(rows.contains(QStringLiteral("File › Quit=Ctrl+Q")), qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY2(rows.contains(QStringLiteral("Help › Keyboard shortcuts=F1")),
                 qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY2(rows.contains(QStringLiteral("View › Zoom in=Ctrl++, Ctrl+=")),
                 qPrintable(rows.join(QLatin1Char('\n'))));
        // The remote-call panel's own shortcut (a QShortcut, not an action) is there too.
        QVERIFY2(rows.contains(QStringLiteral("Remote call › Send the request=Ctrl+Return")),
                 qPrintable(rows.join(QLatin1Char('\n'))));
        dialog->close();
    }

    void aboutNamesTheVersions()
    {
        MainWindow w;
        w.show();
        QString text = w.aboutText();
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(QT_VERSION_STR)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Lua 5.4")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("msgpack-c")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("not connected")), qPrintable(text));

        QVERIFY(connect(w));
        const Greeting &g = w.connection()->greeting();
        QVERIFY(!g.versionString.isEmpty());
        action(w, "actionAbout")->trigger();
        AboutDialog *dialog = nullptr;
        QVERIFY(waitFor([&] { return (dialog = w.findChild<AboutDialog *>()) && dialog->isVisible(); }, 5000));
        text = dialog->findChild<QLabel *>(QStringLiteral("aboutText"))->text();
        QVERIFY2(text.contains(QStringLiteral("Tarantool %1").arg(g.versionString)), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("not connected")), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        // Every placeholder filled (a stray "%7" once followed the server's line).
        QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("%[0-9]"))), qPrintable(text));
        dialog->close();
    }

    void saveThenOpenRoundTripsTheForm()
    {
        MainWindow w;
        RequestForm *form = w.remoteCallPanel()->form();
        RequestForm::Texts t;
        t.method = RequestSpec::Method::Select;
        t.target = QStringLiteral("tester");
        t.index = QStringLiteral("primary");
        t.arguments = QStringLiteral("{1, 'a \"quoted\" ü'}");
        t.async = false;
        t.timeout = 2.5;
        t.limit = 7;
        t.offset = 3;
        t.iterator = 5; // GE
        form->setTexts(t);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("request.json"));
        QString error;
        QVERIFY2(w.saveRequest(path, &error), qPrintable(error));

        form->setTexts(RequestForm::Texts());
        QCOMPARE(form->method(), RequestSpec::Method::Call);
        QVERIFY2(w.openRequest(path, &error), qPrintable(error));
        const RequestForm::Texts back = form->texts();
        QCOMPARE(back.method, t.method);
        QCOMPARE(back.target, t.target);
        QCOMPARE(back.index, t.index);
        QCOMPARE(back.arguments, t.arguments);
        QCOMPARE(back.async, t.async);
        QCOMPARE(back.timeout, t.timeout);
        QCOMPARE(back.limit, t.limit);
        QCOMPARE(back.offset, t.offset);
        QCOMPARE(back.iterator, t.iterator);
        QCOMPARE(form->iteratorBox()->currentText(), QStringLiteral("GE"));

        // Bad files: a sentence that names the file and what is wrong; the form stays as it was.
        const auto bad = [&](const char *name, const QByteArray &bytes, const char *why) {
            const QString p = dir.filePath(QLatin1String(name));
            QFile f(p);
            if (!f.open(QIODevice::WriteOnly))
                return false;
            f.write(bytes);
            f.close();
            QString e;
            const bool refused = !w.openRequest(p, &e);
            const bool says = e.contains(p) && e.contains(QLatin1String(why));
            if (!refused || !says)
                qWarning("%s: %s", name, qPrintable(e));
            return refused && says && form->texts().target == t.target;
        };
        QVERIFY(bad("broken.json", "{\"method\": ", "not JSON"));
        QVERIFY(bad("array.json", "[1, 2]", "not an object"));
        QVERIFY(bad("other.json", "{\"method\": \"call\"}", "not a request file"));
        QVERIFY(bad("method.json", "{\"format\": \"boxscope-request\", \"method\": \"frobnicate\"}",
                    "unknown method \"frobnicate\""));
        QVERIFY(bad("limit.json", "{\"format\": \"boxscope-request\", \"method\": \"select\", \"limit\": \"ten\"}",
                    "\"limit\" is not a number"));
        QVERIFY(bad("iterator.json",
                    "{\"format\": \"boxscope-request\", \"method\": \"select\", \"iterator\": \"SIDEWAYS\"}",
                    "unknown iterator \"SIDEWAYS\""));
        QVERIFY(!w.openRequest(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY2(error.startsWith(QStringLiteral("Could not open")), qPrintable(error));
    }

    void copyResultAsJson()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(connect(w));
        RemoteCallPanel *p = w.remoteCallPanel();
        QApplication::clipboard()->setText(QStringLiteral("before"));
        QVERIFY(!w.copyResult(MainWindow::CopyForm::Json)); // nothing selected yet
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));

        p->form()->targetEdit()->setText(QStringLiteral("echo"));
        p->form()->argumentsEdit()->setPlainText(QStringLiteral("{1, 'a', {k = true}}"));
        Request *r = p->send();
        QVERIFY(r);
        QVERIFY(waitFor([r] { return r->isFinished(); }, 5000));
        QVERIFY(waitFor([p] { return !p->detail()->resultView()->jsonText().isEmpty(); }, 5000));
        action(w, "actionCopyJson")->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("[1,\"a\",{\"k\":true}]"));
        // Lua: the returned values as a Lua expression list, each a literal.
        action(w, "actionCopyLua")->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("1, 'a', {k = true}"));
        action(w, "actionCopyYaml")->trigger();
        QCOMPARE(QApplication::clipboard()->text(), MpFormat::yamlDocument(r->result().items()));
    }

    void toolbarSendsRerunsAndPausesThePushList()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QAction *send = action(w, "actionSend");
        QVERIFY(!send->isEnabled()); // not connected
        QVERIFY(connect(w));
        RemoteCallPanel *p = w.remoteCallPanel();
        p->form()->targetEdit()->setText(QStringLiteral("push_n"));
        p->form()->argumentsEdit()->setPlainText(QStringLiteral("{20}"));
        QVERIFY(waitFor([send] { return send->isEnabled(); }, 2000));

        QAction *pause = action(w, "actionPausePushes");
        QVERIFY(pause->isCheckable());
        pause->trigger();
        QVERIFY(pause->isChecked());
        send->trigger();
        QCOMPARE(p->history()->rowCount(), 1);
        Request *r = p->currentRequest();
        QVERIFY(r);
        QVERIFY(waitFor([r] { return r->isFinished(); }, 5000));
        PushListModel *pushes = p->detail()->pushes();
        pushes->flush();
        QCOMPARE(r->pushCount(), quint64(20));
        QCOMPARE(pushes->totalPushes(), quint64(20));
        QCOMPARE(pushes->rowCount(), 0); // paused: the list stays as it was
        QCOMPARE(pushes->droppedPushes(), quint64(0));
        pause->trigger();
        QCOMPARE(pushes->rowCount(), 20);

        QAction *rerun = action(w, "actionRerun");
        QVERIFY(rerun->isEnabled());
        rerun->trigger();
        QCOMPARE(p->history()->rowCount(), 2);
        QVERIFY(p->currentRequest() != r);
        QVERIFY(!action(w, "actionConnect")->isEnabled());
        QVERIFY(action(w, "actionPing")->isEnabled());
        action(w, "actionDisconnect")->trigger();
        QVERIFY(waitFor([&] { return w.connection()->state() == Connection::State::Disconnected; }, 5000));
        QVERIFY(action(w, "actionConnect")->isEnabled());
        QVERIFY(!action(w, "actionDisconnect")->isEnabled());
        QVERIFY(!send->isEnabled());
        action(w, "actionConnect")->trigger();
        QVERIFY(waitFor([&] { return w.connection()->isReady(); }, 5000));
    }

    void themeSwitchIsRemembered()
    {
        QVERIFY(!Theme::isDark());
        {
            MainWindow w;
            w.show();
            QVERIFY(action(w, "actionThemeSystem")->isChecked());
            auto *probe = new QLineEdit(&w);
            Theme::setTextColor(probe, Theme::Color::Error);
            QCOMPARE(probe->palette().color(QPalette::Text), Theme::color(Theme::Color::Error, false));
            action(w, "actionThemeDark")->trigger();
            QVERIFY(Theme::isDark());
            QCOMPARE(QApplication::palette().color(QPalette::Base), Theme::darkPalette().color(QPalette::Base));
            QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
            // Text painted in a colour of its own follows the switch.
            QVERIFY(waitFor(
                    [&] { return probe->palette().color(QPalette::Text) == Theme::color(Theme::Color::Error, true); },
                    2000));
            // So do the views' colours, read from the palette when drawn.
            w.logModel()->append(LogLevel::Error, QStringLiteral("test"), QStringLiteral("an error"));
            w.logModel()->flush();
            const QModelIndex last = w.logModel()->index(w.logModel()->rowCount() - 1, 0);
            QCOMPARE(last.data(Qt::ForegroundRole).value<QBrush>().color(), Theme::color(Theme::Color::Error, true));
        }
        {
            MainWindow w;
            QVERIFY(action(w, "actionThemeDark")->isChecked());
            QVERIFY(Theme::isDark());
            action(w, "actionThemeLight")->trigger();
            QVERIFY(!Theme::isDark());
            QCOMPARE(QApplication::palette().color(QPalette::Base), Theme::lightPalette().color(QPalette::Base));
        }
        MainWindow w;
        QVERIFY(action(w, "actionThemeLight")->isChecked());
        QVERIFY(!action(w, "actionThemeDark")->isChecked());
        action(w, "actionThemeSystem")->trigger();
        QCOMPARE(Theme::mode(), Theme::Mode::System);
    }

    void customColoursAreReadableInBothThemes()
    {
        for (const bool dark : { false, true }) {
            const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
            QCOMPARE(Theme::isDark(palette), dark);
            for (const QPalette::ColorRole background : { QPalette::Base, QPalette::AlternateBase, QPalette::Window }) {
                const QColor bg = palette.color(background);
                for (Theme::Color c : Theme::colors()) {
                    const double ratio = contrast(Theme::color(c, dark), bg);
                    QVERIFY2(ratio >= 4.5,
                             qPrintable(QStringLiteral("%1 %2 on %3: %4")
                                                .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"),
                                                     Theme::colorName(c), bg.name())
                                                .arg(ratio)));
                }
                // The palette's own text too.
                QVERIFY(contrast(palette.color(QPalette::Text), bg) >= 4.5);
            }
            // An erroneous line's mark under the palette's text.
            QVERIFY(contrast(palette.color(QPalette::Text), Theme::errorBackground(dark)) >= 4.5);
        }
    }

    void closedLogComesBackFromView()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QDockWidget *log = w.logDock();
        QVERIFY(log->isVisible());
        log->close();
        QVERIFY(!log->isVisible());
        QAction *show = action(w, "actionShowLog");
        QVERIFY(!show->isChecked());
        show->trigger();
        QVERIFY(log->isVisible());

        // A panel hidden from View stays hidden in the next window.
        QTabWidget *tabs = w.tabs();
        const int sockets = tabs->indexOf(w.socketInspector());
        action(w, "actionShowSockets")->trigger();
        QVERIFY(!tabs->isTabVisible(sockets));
        w.close();
        MainWindow next;
        QVERIFY(!next.tabs()->isTabVisible(sockets));
        QVERIFY(!action(next, "actionShowSockets")->isChecked());
        action(next, "actionShowSockets")->trigger();
        QVERIFY(next.tabs()->isTabVisible(sockets));
        QCOMPARE(next.tabs()->currentIndex(), sockets);
    }

    void zoomScalesTheFont()
    {
        const double base = QApplication::font().pointSizeF();
        QVERIFY(base > 0);
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
            QCOMPARE(w.zoomStep(), 1);
            QVERIFY(QApplication::font().pointSizeF() > base);
            QCoreApplication::processEvents(); // the widgets hear of the font through posted events
            QVERIFY(w.remoteCallPanel()->form()->targetEdit()->font().pointSizeF() > base);
            QVERIFY(w.remoteCallPanel()->form()->argumentsEdit()->font().pointSizeF() > base);
            action(w, "actionZoomIn")->trigger();
            QCOMPARE(QApplication::font().pointSizeF(), base * 1.2);
        }
        {
            MainWindow w; // remembered
            QCOMPARE(w.zoomStep(), 2);
            QCOMPARE(QApplication::font().pointSizeF(), base * 1.2);
            action(w, "actionZoomOut")->trigger();
            action(w, "actionZoomOut")->trigger();
            action(w, "actionZoomOut")->trigger();
            QVERIFY(QApplication::font().pointSizeF() < base);
            action(w, "actionZoomReset")->trigger();
            QCOMPARE(QApplication::font().pointSizeF(), base);
        }
    }
};

QTEST_MAIN(tst_MainMenus)
#include "tst_mainmenus.moc"
