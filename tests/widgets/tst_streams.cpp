// The push list and the IPROTO traffic view as live streams, in the real main window against
// a real tarantool: Pause freezes the display while collecting goes on (and the toolbar's
// Pause follows the panel's), exact totals with group separators, search over previews and
// bytes with next/previous, filters, the Δt column and the time between two rows, newest
// first, Clear and Restore, the selected push as JSON and hex; the app's own traffic (auth,
// schema reads, the bar's ping, the function list) is hidden from the traffic view by default.

#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/Request.h"
#include "common/StreamBar.h"
#include "common/ValueView.h"
#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/PushFilter.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestForm.h"
#include "sockets/ByteText.h"
#include "traffic/IprotoFrameFilter.h"
#include "traffic/IprotoFrameModel.h"
#include "traffic/IprotoView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_Streams : public QObject
{
    Q_OBJECT

    std::unique_ptr<TarantoolFixture> m_fx;
    std::unique_ptr<MainWindow> m_w;

    Request *send(const QString &function, const QString &args)
    {
        RemoteCallPanel *panel = m_w->remoteCallPanel();
        panel->form()->setMethod(RequestSpec::Method::Call);
        panel->form()->targetEdit()->setText(function);
        panel->form()->argumentsEdit()->setPlainText(args);
        Request *r = panel->send();
        return r;
    }

    static QString preview(const Push &p) { return MpFormat::preview(p.value, 160); }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "20,000"
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        m_w->connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()), QStringLiteral("boxscope"),
                       QStringLiteral("secret"));
        Connection *c = m_w->connection();
        QVERIFY2(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000),
                 qPrintable(c->lastError().toString()));
    }

    void cleanupTestCase()
    {
        m_w.reset();
        m_fx.reset();
    }

    // The app's own requests — auth, schema reads, the connection bar's ping, the function
    // list — and their answers are not in the traffic view unless asked for.
    void ownTrafficApart()
    {
        IprotoView *view = m_w->iprotoView();
        IprotoCapture *capture = m_w->capture();
        QAbstractItemModelTester tester(view->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        Request *mine = send(QStringLiteral("progress"), QStringLiteral("3, 0"));
        QVERIFY(waitFor([mine] { return mine->isFinished(); }, 10000));
        QVERIFY(waitFor([&] { return capture->findBySync(CapturedFrame::Direction::Received, mine->sync()); }));
        view->frames()->flush();

        QVERIFY(!view->showOwnBox()->isChecked());
        IprotoFrameFilter *f = view->filter();
        const auto typesShown = [f] {
            QStringList types;
            for (int row = 0; row < f->rowCount(); ++row)
                types << f->index(row, IprotoFrameModel::TypeColumn).data().toString();
            return types;
        };
        const auto syncsShown = [f] {
            QSet<quint64> syncs;
            for (int row = 0; row < f->rowCount(); ++row)
                syncs << f->index(row, 0).data(IprotoFrameModel::SyncRole).toULongLong();
            return syncs;
        };
        int own = 0;
        bool sawPing = false;
        bool sawAuth = false;
        bool sawVfunc = false;
        for (const CapturedFrame &cf : capture->frames()) {
            if (!cf.own)
                continue;
            ++own;
            sawPing |= cf.direction == CapturedFrame::Direction::Sent && cf.code == Iproto::PING;
            sawAuth |= cf.direction == CapturedFrame::Direction::Sent && cf.code == Iproto::AUTH;
            if (cf.direction == CapturedFrame::Direction::Sent && cf.code == Iproto::SELECT) {
                const MpValue body = cf.decodedBody();
                const MpValue *space = body.find(uint64_t(Iproto::SPACE_ID));
                sawVfunc |= space && space->toUInt64() == Iproto::VFUNC_ID;
            }
        }
        QVERIFY2(sawPing && sawAuth && sawVfunc,
                 qPrintable(QStringLiteral("ping %1 auth %2 _vfunc %3").arg(sawPing).arg(sawAuth).arg(sawVfunc)));
        QVERIFY(!typesShown().contains(QStringLiteral("AUTH")));
        QVERIFY(!typesShown().contains(QStringLiteral("PING")));
        QVERIFY(!typesShown().contains(QStringLiteral("SELECT")));
        QVERIFY(syncsShown().contains(mine->sync()));
        for (const CapturedFrame &cf : capture->frames())
            QVERIFY(!cf.own || !syncsShown().contains(cf.sync)); // their answers too
        QCOMPARE(f->rowCount(), view->frames()->rowCount() - own);

        view->showOwnBox()->setChecked(true);
        QCOMPARE(f->rowCount(), view->frames()->rowCount());
        QVERIFY(typesShown().contains(QStringLiteral("AUTH")));
        QVERIFY(typesShown().contains(QStringLiteral("PING")));
        view->showOwnBox()->setChecked(false);

        // A ping the person sends from the form is theirs.
        Request *ping = m_w->connection()->ping();
        QVERIFY(waitFor([ping] { return ping->isFinished(); }));
        QVERIFY(waitFor([&] {
            view->frames()->flush();
            return syncsShown().contains(ping->sync());
        }));
    }

    // 20 000 pushes arrive while the list is paused: the rows stay, the bar says how many are
    // new, the toolbar's Pause shows the same state; Resume lists them all and shows the newest.
    void pauseWhileAFloodArrives()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        PushListModel *pushes = d->pushes();
        QAbstractItemModelTester tester(pushes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(d->pushFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        StreamBar *bar = d->pushBar();
        auto *toolbarPause = m_w->findChild<QAction *>(QStringLiteral("actionPausePushes"));
        QVERIFY(toolbarPause);

        bar->pauseButton()->click();
        QVERIFY(pushes->isPaused());
        QVERIFY(toolbarPause->isChecked()); // the toolbar follows the panel
        Request *r = send(QStringLiteral("progress"), QStringLiteral("20000, 0"));
        QVERIFY(r);
        QVERIFY(waitFor([r] { return r->isFinished(); }, 60000));
        QCOMPARE(r->pushCount(), quint64(20000));
        pushes->flush();
        const int shown = pushes->rowCount();
        QVERIFY2(shown < 20000, qPrintable(QString::number(shown)));
        QVERIFY(bar->pausedLabel()->isVisibleTo(m_w.get()));
        const QString pausedAt =
                QDateTime::fromMSecsSinceEpoch(pushes->pausedAtMs()).toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(bar->pausedLabel()->text(),
                 QStringLiteral("paused at %1 — %2 new").arg(pausedAt, QLocale().toString(20000 - shown)));
        QCOMPARE(pushes->totals().pending, quint64(20000 - shown));

        // The toolbar's Pause resumes the panel's list; the panel's button follows.
        toolbarPause->trigger();
        QVERIFY(!pushes->isPaused());
        QVERIFY(!bar->pauseButton()->isChecked());
        QVERIFY(!bar->pausedLabel()->isVisibleTo(m_w.get()));
        QCOMPARE(pushes->rowCount(), 20000);
        QCOMPARE(pushes->pushIndex(19999), quint64(20000));
        bar->pauseButton()->click();
        bar->pauseButton()->click(); // Resume from the panel jumps to the newest
        QVERIFY(!toolbarPause->isChecked());
        QScrollBar *sb = d->pushView()->verticalScrollBar();
        QVERIFY(waitFor([sb] { return sb->value() == sb->maximum(); }));
    }

    // "20,000 received, 20,000 kept, 0 dropped"; under a cap of 1 000 rows the rest dropped.
    void totalsAreExact()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        PushListModel *pushes = d->pushes();
        pushes->flush();
        QCOMPARE(d->pushCountLabel()->text(), QStringLiteral("20,000 received, 20,000 kept, 0 dropped"));
        pushes->setCap(1000);
        QCOMPARE(pushes->rowCount(), 1000);
        QCOMPARE(d->pushCountLabel()->text(), QStringLiteral("20,000 received, 1,000 kept, 19,000 dropped"));
        pushes->setCap(100000);
        QCOMPARE(pushes->rowCount(), 20000);
        QCOMPARE(d->pushCountLabel()->text(), QStringLiteral("20,000 received, 20,000 kept, 0 dropped"));
    }

    // Δt: each push's time since the previous one; two rows selected: the time between them.
    void timeBetweenRows()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        PushListModel *pushes = d->pushes();
        Request *r = pushes->request();
        QVERIFY(r);
        const auto &held = r->pushes();
        const QLocale l;
        for (int row : { 0, 1, 500, 19999 }) {
            const qint64 previous = row == 0 ? 0 : held[size_t(row - 1)].elapsedNs;
            QCOMPARE(pushes->index(row, PushListModel::DeltaColumn).data().toString(),
                     l.toString(double(held[size_t(row)].elapsedNs - previous) / 1e6, 'f', 1));
        }
        QTableView *view = d->pushView();
        view->clearSelection();
        view->selectionModel()->select(d->pushFilter()->index(39, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(d->pushFilter()->index(11, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(d->pushBar()->deltaLabel()->isVisibleTo(m_w.get()));
        QCOMPARE(d->pushBar()->deltaLabel()->text(),
                 QStringLiteral("Δ between #12 and #40: %1 ms")
                         .arg(l.toString(double(held[39].elapsedNs - held[11].elapsedNs) / 1e6, 'f', 1)));
        view->clearSelection();
        QVERIFY(!d->pushBar()->deltaLabel()->isVisibleTo(m_w.get()));
    }

    // The search runs 150 ms after the typing stops, over the one-line previews (and the
    // msgpack bytes for a hex query); next/previous walk the matches, wrapping around.
    void searchAndFilterThePushes()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        Request *r = d->pushes()->request();
        StreamBar *bar = d->pushBar();
        int expected = 0;
        quint64 firstMatch = 0;
        quint64 lastMatch = 0;
        for (const Push &p : r->pushes()) {
            if (preview(p).contains(QLatin1String("1234"))) {
                ++expected;
                if (!firstMatch)
                    firstMatch = p.index;
                lastMatch = p.index;
            }
        }
        QVERIFY(expected > 1);
        bar->searchEdit()->setText(QStringLiteral("1234"));
        QVERIFY(bar->matches().empty()); // debounced
        QVERIFY2(waitFor([&] { return int(bar->matches().size()) == expected; }, 2000),
                 qPrintable(QStringLiteral("%1 of %2").arg(bar->matches().size()).arg(expected)));
        QCOMPARE(bar->matchLabel()->text(), QStringLiteral("%1 matches").arg(expected));
        d->pushView()->setCurrentIndex(QModelIndex());
        bar->nextMatch();
        QCOMPARE(d->pushView()->currentIndex().data(LiveStream::KeyRole).toULongLong(), firstMatch);
        QCOMPARE(bar->matchLabel()->text(), QStringLiteral("1 of %1").arg(expected));
        QVERIFY(d->pushDetail()->title().contains(QStringLiteral("#%1").arg(firstMatch)));
        bar->previousMatch(); // wraps to the last
        QCOMPARE(d->pushView()->currentIndex().data(LiveStream::KeyRole).toULongLong(), lastMatch);
        QCOMPARE(bar->matchLabel()->text(), QStringLiteral("%1 of %1").arg(expected));

        // Hex: the bytes of the key "i" (a1 69) are in every push's msgpack, not in a preview.
        bar->searchEdit()->setText(QStringLiteral("a1 69"));
        bar->searchNow();
        QCOMPARE(bar->matches().size(), size_t(20000));
        bar->searchEdit()->clear();
        bar->searchNow();
        QVERIFY(bar->matches().empty());
        QVERIFY(!bar->matchLabel()->isVisibleTo(m_w.get()));

        // Filter by the value's text.
        int filtered = 0;
        for (const Push &p : r->pushes())
            filtered += preview(p).contains(QLatin1String("i: 199")) ? 1 : 0;
        d->pushFilterEdit()->setText(QStringLiteral("i: 199"));
        QVERIFY(waitFor([&] { return d->pushFilter()->rowCount() == filtered; }, 2000));
        QVERIFY(filtered > 0 && filtered < 20000);
        d->pushFilterEdit()->clear();
        QVERIFY(waitFor([&] { return d->pushFilter()->rowCount() == 20000; }, 2000));
    }

    // Newest first; Clear hides the rows, Restore brings them back until the next Clear.
    void newestFirstClearAndRestore()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        PushListModel *pushes = d->pushes();
        StreamBar *bar = d->pushBar();
        bar->newestFirstBox()->setChecked(true);
        QCOMPARE(d->pushFilter()->index(0, 0).data(LiveStream::KeyRole).toULongLong(), quint64(20000));
        QCOMPARE(d->pushFilter()->index(19999, 0).data(LiveStream::KeyRole).toULongLong(), quint64(1));
        bar->newestFirstBox()->setChecked(false);
        QCOMPARE(d->pushFilter()->index(0, 0).data(LiveStream::KeyRole).toULongLong(), quint64(1));

        QVERIFY(!bar->restoreButton()->isEnabled());
        bar->clearButton()->click();
        QCOMPARE(pushes->rowCount(), 0);
        QCOMPARE(d->pushCountLabel()->text(),
                 QStringLiteral("20,000 received, 20,000 kept, 0 dropped, 20,000 cleared"));
        QVERIFY(bar->restoreButton()->isEnabled());
        bar->restoreButton()->click();
        QCOMPARE(pushes->rowCount(), 20000);
        QCOMPARE(pushes->pushIndex(0), quint64(1));
        QVERIFY(!bar->restoreButton()->isEnabled());
        QCOMPARE(d->pushCountLabel()->text(), QStringLiteral("20,000 received, 20,000 kept, 0 dropped"));

        // Cleared twice: Restore brings back only what the last Clear hid.
        bar->clearButton()->click();
        Request *r = send(QStringLiteral("progress"), QStringLiteral("30, 0"));
        QVERIFY(waitFor([r] { return r->isFinished(); }, 10000));
        // The panel shows the new request: its own list, nothing cleared.
        pushes->flush();
        QCOMPARE(pushes->rowCount(), 30);
        bar->clearButton()->click();
        QCOMPARE(pushes->rowCount(), 0);
        bar->restoreButton()->click();
        QCOMPARE(pushes->rowCount(), 30);
    }

    // The selected push as JSON and as a hex dump of its msgpack.
    void pushAsJsonAndHex()
    {
        RequestDetail *d = m_w->remoteCallPanel()->detail();
        d->pushView()->setCurrentIndex(d->pushFilter()->index(4, 0));
        ValueView *v = d->pushDetail();
        MpValue value;
        QVERIFY(d->pushes()->pushValue(4, &value));
        v->views()->setCurrentWidget(v->jsonEdit());
        QCOMPARE(v->jsonEdit()->toPlainText(), MpFormat::toJson(value));
        v->views()->setCurrentWidget(v->hexEdit());
        const QByteArray bytes = MpCodec::encode(value);
        QVERIFY2(v->hexEdit()->toPlainText().endsWith(ByteText::hexDump(bytes)),
                 qPrintable(v->hexEdit()->toPlainText()));
        QVERIFY(v->hexEdit()->toPlainText().contains(QStringLiteral("00000000  82 a1 69")));
        v->views()->setCurrentWidget(v->tree());
    }

    // The traffic view: exact totals, category and direction filters, search, Δt, pause,
    // newest first, Clear and Restore over a flood of frames.
    void trafficStream()
    {
        IprotoView *view = m_w->iprotoView();
        IprotoCapture *capture = m_w->capture();
        IprotoFrameModel *frames = view->frames();
        IprotoFrameFilter *f = view->filter();
        StreamBar *bar = view->streamBar();
        capture->setLimits(5000, 64 * 1024 * 1024);

        bar->pauseButton()->click();
        QVERIFY(frames->isPaused());
        const int shown = frames->rowCount();
        Request *r = send(QStringLiteral("progress"), QStringLiteral("6000, 0"));
        QVERIFY(waitFor([r] { return r->isFinished(); }, 60000));
        QVERIFY(waitFor([&] { return capture->findBySync(CapturedFrame::Direction::Received, r->sync()); }));
        frames->flush();
        QCOMPARE(frames->rowCount(), shown);
        const LiveStream::Totals t = frames->totals();
        QCOMPARE(t.received, capture->totalFrames());
        QCOMPARE(t.kept, quint64(5000));
        QCOMPARE(t.dropped, capture->totalFrames() - 5000);
        const QLocale l;
        QVERIFY2(view->countsLabel()->text().startsWith(QStringLiteral("Frames: %1 received, 5,000 kept, %2 dropped")
                                                                .arg(l.toString(t.received), l.toString(t.dropped))),
                 qPrintable(view->countsLabel()->text()));
        QVERIFY(bar->pausedLabel()->text().endsWith(QStringLiteral("— %1 new").arg(l.toString(t.pending))));
        bar->pauseButton()->click();
        QCOMPARE(frames->rowCount(), 5000);
        QCOMPARE(frames->seqAt(4999), capture->totalFrames());

        // Pushes of that request only: the category filter and the SYNC.
        view->syncFilterEdit()->setText(QString::number(r->sync()));
        view->categoryBox()->setCurrentIndex(view->categoryBox()->findData(int(IprotoFrameModel::Category::Push)));
        QCOMPARE(f->rowCount(), 4999); // the newest 5 000 frames: 4 999 pushes and the OK
        view->categoryBox()->setCurrentIndex(view->categoryBox()->findData(int(IprotoFrameModel::Category::Response)));
        QCOMPARE(f->rowCount(), 1);
        view->categoryBox()->setCurrentIndex(0);
        view->directionBox()->setCurrentIndex(1);
        QCOMPARE(f->rowCount(), 0); // the CALL went out before the newest 5 000
        view->directionBox()->setCurrentIndex(0);
        QCOMPARE(f->rowCount(), 5000);

        // Δt between frames.
        const CapturedFrame *a = capture->frameBySeq(frames->seqAt(100));
        const CapturedFrame *b = capture->frameBySeq(frames->seqAt(101));
        QCOMPARE(frames->index(101, IprotoFrameModel::DeltaColumn).data().toString(),
                 l.toString(double(b->timeNs - a->timeNs) / 1e6, 'f', 1));

        // Search: a push's counter in the summaries, and hex bytes in the frames.
        bar->searchEdit()->setText(QStringLiteral("i: 5999,"));
        bar->searchNow();
        QCOMPARE(bar->matches().size(), size_t(1));
        bar->nextMatch();
        QCOMPARE(view->currentFrame()->seq, bar->matches().front());
        QVERIFY(view->currentFrame()->isPush());
        QCOMPARE(bar->matchLabel()->text(), QStringLiteral("1 of 1"));
        view->detailTabs()->setCurrentWidget(view->jsonView());
        QVERIFY2(view->jsonView()->toPlainText().contains(QStringLiteral("\"i\":5999")),
                 qPrintable(view->jsonView()->toPlainText()));
        view->detailTabs()->setCurrentWidget(view->yamlView());
        QVERIFY(view->yamlView()->toPlainText().contains(QStringLiteral("i: 5999")));
        bar->searchEdit()->setText(QStringLiteral("cd 17 6f")); // 5999 as a msgpack uint16
        bar->searchNow();
        QCOMPARE(bar->matches().size(), size_t(1));
        bar->searchEdit()->clear();
        bar->searchNow();

        // Newest first, Clear, Restore.
        bar->newestFirstBox()->setChecked(true);
        QCOMPARE(f->index(0, 0).data(LiveStream::KeyRole).toULongLong(), capture->totalFrames());
        bar->newestFirstBox()->setChecked(false);
        bar->clearButton()->click();
        QCOMPARE(f->rowCount(), 0);
        QVERIFY(view->countsLabel()->text().contains(QStringLiteral(", 5,000 cleared")));
        bar->restoreButton()->click();
        QCOMPARE(f->rowCount(), 5000);
        view->syncFilterEdit()->clear();
        capture->setLimits(20000, 32 * 1024 * 1024);
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    tst_Streams t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_streams.moc"
