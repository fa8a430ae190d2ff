// Exports and imports with the real window on a real tarantool: a request's pushes as JSON
// lines, YAML documents (what Tarantool's console prints) and raw msgpack; the IPROTO view's
// capture as pcapng, a frame as a hex dump and a C array on the clipboard, and a capture file
// imported into a window of its own where "Show the request" finds the pushes' request.

#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/PcapImport.h"
#include "client/Request.h"
#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestForm.h"
#include "sockets/ByteText.h"
#include "traffic/CaptureFileActions.h"
#include "traffic/IprotoFrameModel.h"
#include "traffic/IprotoView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

class tst_CaptureExport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TarantoolFixture> m_fx;

    Request *pushes(MainWindow &w, const QString &function, const QString &args)
    {
        w.connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()), QStringLiteral("boxscope"),
                    QStringLiteral("secret"));
        Connection *c = w.connection();
        if (!waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000))
            return nullptr;
        RemoteCallPanel *panel = w.remoteCallPanel();
        panel->form()->setMethod(RequestSpec::Method::Call);
        panel->form()->targetEdit()->setText(function);
        panel->form()->argumentsEdit()->setPlainText(args);
        Request *r = panel->send();
        if (!r || !waitFor([r] { return r->isFinished(); }))
            return nullptr;
        return r;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void pushesExportAsJsonYamlAndMsgpack()
    {
        MainWindow w;
        Request *r = pushes(w, QStringLiteral("push_n"), QStringLiteral("{3, 4}"));
        QVERIFY(r);
        QCOMPARE(r->pushes().size(), size_t(3));
        RemoteCallPanel *panel = w.remoteCallPanel();
        QVERIFY(panel->exportButton()->accessibleName().contains(QLatin1String("YAML")));
        QTemporaryDir dir;

        QCOMPARE(RemoteCallPanel::pushFormatFor(QStringLiteral("a.yml")), RemoteCallPanel::PushFormat::Yaml);
        QCOMPARE(RemoteCallPanel::pushFormatFor(QStringLiteral("a.mp")), RemoteCallPanel::PushFormat::Msgpack);
        QCOMPARE(RemoteCallPanel::pushFormatFor(QStringLiteral("a"), RemoteCallPanel::pushFormatFilters().at(1)),
                 RemoteCallPanel::PushFormat::Yaml);
        QCOMPARE(RemoteCallPanel::pushFormatFor(QStringLiteral("a.txt")), RemoteCallPanel::PushFormat::JsonLines);

        const QString yaml = dir.filePath(QStringLiteral("p.yaml"));
        QVERIFY(panel->exportPushes(r, yaml, RemoteCallPanel::PushFormat::Yaml));
        QFile y(yaml);
        QVERIFY(y.open(QIODevice::ReadOnly));
        QString expected;
        for (const Push &p : r->pushes())
            expected += MpFormat::yamlDocument({ p.value });
        const QString text = QString::fromUtf8(y.readAll());
        QCOMPARE(text, expected);
        QCOMPARE(text.count(QStringLiteral("---\n")), 3);

        // What Tarantool's console prints for the same value.
        QVERIFY(text.startsWith(QStringLiteral("---\n- ")));

        const QString mp = dir.filePath(QStringLiteral("p.msgpack"));
        QVERIFY(panel->exportPushes(r, mp, RemoteCallPanel::PushFormat::Msgpack));
        QFile m(mp);
        QVERIFY(m.open(QIODevice::ReadOnly));
        const QByteArray bytes = m.readAll();
        size_t at = 0, n = 0;
        while (at < size_t(bytes.size())) {
            const MpCodec::DecodeResult v = MpCodec::decode(bytes.constData() + at, size_t(bytes.size()) - at);
            QVERIFY2(v.ok(), qPrintable(v.error));
            QCOMPARE(MpCodec::encode(v.value), MpCodec::encode(r->pushes()[n].value));
            at += v.consumed;
            ++n;
        }
        QCOMPARE(n, size_t(3));

        const QString jsonl = dir.filePath(QStringLiteral("p.jsonl"));
        QVERIFY(panel->exportPushes(r, jsonl, RemoteCallPanel::PushFormat::JsonLines));
        QFile j(jsonl);
        QVERIFY(j.open(QIODevice::ReadOnly));
        QCOMPARE(j.readAll().count("\"push\""), 3);
    }

    void captureExportCopyAndImport()
    {
        MainWindow w;
        w.show();
        Request *r = pushes(w, QStringLiteral("push_n"), QStringLiteral("{3}"));
        QVERIFY(r);
        const quint64 sync = r->sync();
        IprotoView *view = w.iprotoView();
        IprotoCapture *capture = w.capture();
        QVERIFY(waitFor([&] { return capture->findBySync(CapturedFrame::Direction::Received, sync); }));
        view->frames()->flush();
        CaptureFileActions *files = view->fileActions();
        QVERIFY(!files->exportButton()->accessibleName().isEmpty());
        QVERIFY(!files->importButton()->accessibleName().isEmpty());
        QVERIFY(!files->exportButton()->isHidden());

        // Nothing selected: nothing copied.
        QVERIFY(!files->copyHexDump());
        const CapturedFrame *call = capture->findBySync(CapturedFrame::Direction::Sent, sync);
        QVERIFY(view->selectFrame(call->seq));
        files->copyHexDumpAction()->trigger();
        const QString hex = QGuiApplication::clipboard()->text();
        QCOMPARE(hex, ByteText::hexDump(call->raw, call->raw.size()));
        QVERIFY(hex.startsWith(QStringLiteral("00000000  ce 00 00 00")));
        files->copyCArrayAction()->trigger();
        const QString c = QGuiApplication::clipboard()->text();
        QVERIFY2(c.startsWith(QStringLiteral("static const unsigned char frame_%1[] = {\n    0xce, ").arg(call->seq)),
                 qPrintable(c));
        QVERIFY(c.endsWith(QStringLiteral("\n};\n")));
        QByteArray back;
        const QRegularExpression byte(QStringLiteral("0x([0-9a-f]{2})"));
        for (auto it = byte.globalMatch(c); it.hasNext();)
            back.append(char(it.next().captured(1).toInt(nullptr, 16)));
        QCOMPARE(back, call->raw);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("live.pcapng"));
        QString error;
        QVERIFY2(files->savePcapng(path, &error), qPrintable(error));

        QWidget *window = files->importFile(path, &error);
        QVERIFY2(window, qPrintable(error));
        auto *imported = window->findChild<IprotoView *>();
        QVERIFY(imported);
        QAbstractItemModelTester tester(imported->frames(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        imported->frames()->flush();
        IprotoCapture *offline = imported->frames()->capture();
        QCOMPARE(offline->frameCount(), capture->frameCount());
        QCOMPARE(imported->frames()->rowCount(), int(capture->frameCount()));
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("importSummary"))->text().contains(QLatin1String("pcapng")));
        QVERIFY(imported->greetingLabel()->text().contains(QLatin1String("Tarantool")));
        // A push's "Show the request" selects its CALL in the imported window.
        const CapturedFrame *push = nullptr;
        for (const CapturedFrame &f : offline->frames())
            if (f.isPush() && f.sync == sync)
                push = &f;
        QVERIFY(push);
        QVERIFY(imported->selectFrame(push->seq));
        QVERIFY(imported->goToRequestButton()->isEnabled());
        imported->goToRequestButton()->click();
        QVERIFY(imported->currentFrame());
        QCOMPARE(imported->currentFrame()->typeName(), QStringLiteral("CALL"));
        QCOMPARE(imported->currentFrame()->sync, sync);
        window->close();

        // Not a capture: an error, no window.
        const QString junk = dir.filePath(QStringLiteral("junk.pcap"));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write("hello, this is not a capture");
        j.close();
        QVERIFY(!files->importFile(junk, &error));
        QVERIFY2(error.contains(QLatin1String("not a pcap or pcapng file")), qPrintable(error));
    }
};

QTEST_MAIN(tst_CaptureExport)
#include "tst_captureexport.moc"
