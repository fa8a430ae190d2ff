// The real MainWindow's first-start layout on a 1366x768 screen (a maximized window there is
// about 1366x704 on a desktop with a top bar): the push list and the history each show at
// least 12 rows; the history's columns, the state "receiving pushes" and the server version
// are shown whole.
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "connection/ConnectionBar.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestHistoryModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_DefaultLayout : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;

    static int visibleRows(QTableView *view)
    {
        return view->viewport()->height() / view->verticalHeader()->defaultSectionSize();
    }

    static bool fitsWidth()
    {
        MainWindow w;
        w.resize(1366, 704);
        w.show();
        QCoreApplication::processEvents();
        const int needed = w.minimumSizeHint().width();
        if (needed > 1366 || w.width() > 1366)
            qWarning("the window needs %d px (is %d)", needed, w.width());
        return needed <= 1366 && w.width() <= 1366;
    }

private slots:
    void initTestCase()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home->path());
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_defaultlayout"));
    }

    // The window fits a 1366-pixel-wide screen in English and in Russian (whose texts are
    // longer): no panel, bar or hidden tab asks for more.
    void fitsTheWidthInEveryLanguage()
    {
        QCOMPARE(fitsWidth(), true);
        const QString qm = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/translations");
        QTranslator boxscope;
        QVERIFY2(boxscope.load(QStringLiteral("boxscope_ru"), qm), qPrintable(qm));
        QCoreApplication::installTranslator(&boxscope);
        QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
        const bool fits = fitsWidth();
        QCoreApplication::removeTranslator(&boxscope);
        QLocale::setDefault(QLocale::c());
        QVERIFY(fits);
    }

    void smallScreenShowsTwelveRows()
    {
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        MainWindow w; // nothing saved: the first-start layout
        w.resize(1366, 704);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.connectTo(fx.uri());
        QVERIFY(waitFor([&] { return w.connection()->isReady(); }, 10000));
        QCoreApplication::processEvents();

        QTableView *history = w.remoteCallPanel()->historyView();
        QTableView *pushes = w.remoteCallPanel()->detail()->pushView();
        QVERIFY2(visibleRows(history) >= 12, qPrintable(QString::number(visibleRows(history))));
        QVERIFY2(visibleRows(pushes) >= 12, qPrintable(QString::number(visibleRows(pushes))));

        // Every history column inside the view, none narrower than its header or its widest
        // usual text.
        QHeaderView *header = history->horizontalHeader();
        const QFontMetrics fm = history->fontMetrics();
        for (int c = 0; c < RequestHistoryModel::ColumnCount; ++c) {
            const QString title = history->model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(header->sectionViewportPosition(c) + header->sectionSize(c) <= history->viewport()->width(),
                     qPrintable(title));
            QVERIFY2(header->sectionSize(c) >= header->fontMetrics().horizontalAdvance(title) + 8, qPrintable(title));
        }
        QVERIFY(header->sectionSize(RequestHistoryModel::StateColumn)
                >= fm.horizontalAdvance(RequestHistoryModel::stateText(Request::State::ReceivingPushes)) + 8);
        QVERIFY(header->sectionSize(RequestHistoryModel::DurationColumn)
                >= fm.horizontalAdvance(QStringLiteral("99999.9 ms")) + 8);

        QLabel *server = nullptr;
        for (QLabel *l : w.findChildren<QLabel *>())
            if (l->accessibleName() == QLatin1String("Server version or failure reason"))
                server = l;
        QVERIFY(server);
        QVERIFY2(server->text().startsWith(QLatin1String("Tarantool 2.")) && !server->text().endsWith(QChar(0x2026)),
                 qPrintable(server->text()));
        w.close();
    }
};

QTEST_MAIN(tst_DefaultLayout)
#include "tst_defaultlayout.moc"
