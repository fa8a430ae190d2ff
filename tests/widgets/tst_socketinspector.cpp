// The socket inspector and the IPROTO view, driven through their widgets (offscreen).
// Each of the socket module's function groups (setup, sending, receiving, flag setting,
// client/server, teardown, error checking, information, state checking) is reached here;
// peers are real sockets on 127.0.0.1 or unix sockets in a temp dir, and the IPROTO view
// watches the main window's connection to a real tarantool.
#include "MainWindow.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "common/ValueTreeModel.h"
#include "inspector/AddressLookupPage.h"
#include "inspector/SocketInspectorPanel.h"
#include "inspector/SocketOptionsEditor.h"
#include "inspector/SocketReadResults.h"
#include "inspector/SocketReceiveGroup.h"
#include "inspector/SocketSendGroup.h"
#include "inspector/SocketServerPage.h"
#include "inspector/SocketSessionPage.h"
#include "inspector/SocketStateGroup.h"
#include "inspector/SocketTeardownGroup.h"
#include "inspector/SocketTranscriptModel.h"
#include "log/LogModel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "sockets/ByteText.h"
#include "sockets/SocketServer.h"
#include "sockets/SocketSession.h"
#include "traffic/IprotoFrameFilter.h"
#include "traffic/IprotoFrameModel.h"
#include "traffic/IprotoView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using Boxscope::Test::TarantoolFixture;
using Boxscope::Test::waitFor;

namespace {

QString cell(QTableWidget *t, int row, int column)
{
    QTableWidgetItem *item = t->item(row, column);
    return item ? item->text() : QString();
}

bool logHas(LogModel *log, const QString &sourcePrefix, const QString &text)
{
    log->flush();
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogModel::Entry &e = log->entry(row);
        if (e.source.startsWith(sourcePrefix) && e.message.contains(text))
            return true;
    }
    return false;
}

} // namespace

class tst_SocketInspector : public QObject
{
    Q_OBJECT

    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<SocketInspectorPanel> m_panel;

    SocketServerPage *openServerFromForm()
    {
        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::TcpServer));
        m_panel->hostEdit()->setText(QStringLiteral("127.0.0.1"));
        m_panel->portBox()->setValue(0);
        m_panel->openButton()->click();
        return qobject_cast<SocketServerPage *>(m_panel->currentPage());
    }

    SocketSessionPage *openClientFromForm(quint16 port)
    {
        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::TcpClient));
        m_panel->hostEdit()->setText(QStringLiteral("127.0.0.1"));
        m_panel->portBox()->setValue(port);
        m_panel->timeoutBox()->setValue(2);
        m_panel->openButton()->click();
        return qobject_cast<SocketSessionPage *>(m_panel->currentPage());
    }

    /// The server's first accepted client, once there is one.
    SocketSessionPage *acceptedPage(SocketServerPage *server)
    {
        if (!waitFor([server] { return !server->server()->sessions().isEmpty(); }))
            return nullptr;
        return m_panel->pageFor(server->server()->sessions().first());
    }

    void read(SocketSessionPage *page, int expectRows)
    {
        page->receiveGroup()->readButton()->click();
        QVERIFY2(waitFor([&] { return page->receiveGroup()->results()->table()->rowCount() >= expectRows; }),
                 qPrintable(QStringLiteral("%1 rows").arg(page->receiveGroup()->results()->table()->rowCount())));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_socketinspector"));
    }

    void init()
    {
        m_log = std::make_unique<LogModel>();
        m_panel = std::make_unique<SocketInspectorPanel>(m_log.get());
        m_panel->resize(1200, 700);
        m_panel->show();
    }

    void cleanup()
    {
        m_panel.reset();
        m_log.reset();
    }

    // client/server + receiving: tcp_server on port 0; a client sends a file's lines the way
    // socat would; three delimiter reads give the lines, the fourth reports EOF.
    void tcpServerDelimiterReadsThenEof()
    {
        SocketServerPage *server = openServerFromForm();
        QVERIFY(server);
        const quint16 port = server->server()->address().port;
        QVERIFY(port != 0);
        QVERIFY2(server->addressLabel()->text().contains(QString::number(port)),
                 qPrintable(server->addressLabel()->text()));
        QVERIFY(logHas(m_log.get(), QStringLiteral("server"), QStringLiteral("listening on 127.0.0.1:%1").arg(port)));

        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("lines.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("A\nB\nC\n");
        file.close();
        QTcpSocket socat;
        socat.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socat.waitForConnected(3000));
        QVERIFY(file.open(QIODevice::ReadOnly));
        socat.write(file.readAll());
        QVERIFY(waitFor([&] { return socat.bytesToWrite() == 0; }));
        socat.disconnectFromHost();

        SocketSessionPage *page = acceptedPage(server);
        QVERIFY(page);
        QCOMPARE(server->clientList()->count(), 1);
        // The peer closed: the session list says so (the socket itself stays open until closed).
        QTreeWidgetItem *item = nullptr;
        for (QTreeWidgetItemIterator it(m_panel->sessionTree()); *it; ++it) {
            if ((*it)->text(0) == page->title())
                item = *it;
        }
        QVERIFY(item);
        QVERIFY2(waitFor([&] { return item->text(1) == QLatin1String("connected, peer closed"); }),
                 qPrintable(item->text(1)));
        QVERIFY2(server->clientList()->item(0)->text().endsWith(QStringLiteral(" · peer closed")),
                 qPrintable(server->clientList()->item(0)->text()));
        QCOMPARE(m_panel->sessionTree()->topLevelItemCount(), 2); // lookup + server (client below it)
        m_panel->showPage(page);
        QCOMPARE(m_panel->currentPage(), page);
        QTest::keyClicks(page->receiveGroup()->delimiterEdit(), QStringLiteral("\\n"));
        for (int i = 0; i < 3; ++i)
            read(page, i + 1);
        QTableWidget *t = page->receiveGroup()->results()->table();
        const QStringList expected { QStringLiteral("A\\n"), QStringLiteral("B\\n"), QStringLiteral("C\\n") };
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(cell(t, i, SocketReadResults::ResultStatusColumn), QStringLiteral("ok"));
            QCOMPARE(cell(t, i, SocketReadResults::ResultTextColumn), expected.at(i));
            QCOMPARE(cell(t, i, SocketReadResults::ResultSizeColumn), QStringLiteral("2"));
            QCOMPARE(cell(t, i, SocketReadResults::ResultRequestColumn), QStringLiteral("read('\\n')"));
        }
        QCOMPARE(cell(t, 1, SocketReadResults::ResultHexColumn), QStringLiteral("42 0a"));
        read(page, 4);
        QCOMPARE(cell(t, 3, SocketReadResults::ResultStatusColumn), QStringLiteral("eof"));
        QCOMPARE(cell(t, 3, SocketReadResults::ResultSizeColumn), QStringLiteral("0"));
        QVERIFY2(page->stateGroup()->stateLabel()->text().contains(QStringLiteral("EOF")),
                 qPrintable(page->stateGroup()->stateLabel()->text()));
        // The transcript has what arrived on the wire, text and hex side by side.
        page->transcript()->flush();
        QVERIFY(page->transcript()->rowCount() >= 1);
        QCOMPARE(page->transcript()->index(0, SocketTranscriptModel::DirectionColumn).data().toString(),
                 QStringLiteral("received"));
        QVERIFY(page->transcript()
                        ->index(0, SocketTranscriptModel::HexColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("41 0a")));
        // Every socket event reached the log.
        QVERIFY(logHas(m_log.get(), QStringLiteral("server"), QStringLiteral("accepted a client")));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("read('\\n') → ok")));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("EOF")));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("read('\\n') → eof")));
    }

    // sending + receiving: text with escapes, hex, a line ending and a file through the form;
    // a limit read returns exactly N bytes; a delimiter read on a silent peer times out.
    void sendFormsLimitReadAndTimeout()
    {
        SocketServerPage *server = openServerFromForm();
        QVERIFY(server);
        SocketSessionPage *client = openClientFromForm(server->server()->address().port);
        QVERIFY(client);
        QVERIFY(waitFor([client] { return client->session()->state() == SocketSession::State::Connected; }));
        SocketSessionPage *peer = acceptedPage(server);
        QVERIFY(peer);

        client->sendGroup()->sendEdit()->setText(QStringLiteral("hello\\x20world"));
        client->sendGroup()->lineEndingBox()->setCurrentIndex(
                client->sendGroup()->lineEndingBox()->findData(int(ByteText::LineEnding::CRLF)));
        client->sendGroup()->sendButton()->click();
        QVERIFY(client->sendGroup()->sendErrorLabel()->isHidden());
        client->sendGroup()->sendModeBox()->setCurrentIndex(
                client->sendGroup()->sendModeBox()->findData(SocketSendGroup::HexMode));
        client->sendGroup()->lineEndingBox()->setCurrentIndex(0);
        client->sendGroup()->sendEdit()->setText(QStringLiteral("de ad be ef"));
        client->sendGroup()->sendButton()->click();
        // A bad escape or hex text is refused with the reason, nothing sent.
        client->sendGroup()->sendEdit()->setText(QStringLiteral("zz"));
        client->sendGroup()->sendButton()->click();
        QVERIFY(!client->sendGroup()->sendErrorLabel()->isHidden());
        QVERIFY(!client->sendGroup()->sendErrorLabel()->text().isEmpty());
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("payload.bin")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("FILE");
        file.close();
        QVERIFY(client->sendGroup()->sendFile(file.fileName()));
        QVERIFY(waitFor([&] { return peer->session()->bytesAvailable() >= 13 + 4 + 4; }));

        peer->receiveGroup()->limitBox()->setValue(5);
        read(peer, 1);
        QTableWidget *t = peer->receiveGroup()->results()->table();
        QCOMPARE(cell(t, 0, SocketReadResults::ResultTextColumn), QStringLiteral("hello"));
        QCOMPARE(cell(t, 0, SocketReadResults::ResultSizeColumn), QStringLiteral("5"));
        QCOMPARE(cell(t, 0, SocketReadResults::ResultRequestColumn), QStringLiteral("read(5)"));
        peer->receiveGroup()->limitBox()->setValue(8);
        read(peer, 2);
        QCOMPARE(cell(t, 1, SocketReadResults::ResultTextColumn), QStringLiteral(" world\\r\\n"));
        peer->receiveGroup()->limitBox()->setValue(4);
        read(peer, 3);
        QCOMPARE(cell(t, 2, SocketReadResults::ResultHexColumn), QStringLiteral("de ad be ef"));
        read(peer, 4);
        QCOMPARE(cell(t, 3, SocketReadResults::ResultTextColumn), QStringLiteral("FILE"));

        // Silent peer: a read with a timeout ends with that status, errno and message.
        peer->receiveGroup()->limitBox()->setValue(-1);
        peer->receiveGroup()->delimiterEdit()->setText(QStringLiteral("\\n"));
        peer->receiveGroup()->readTimeoutBox()->setValue(0.2);
        read(peer, 5);
        QCOMPARE(cell(t, 4, SocketReadResults::ResultStatusColumn), QStringLiteral("timeout"));
        QCOMPARE(cell(t, 4, SocketReadResults::ResultErrnoColumn), QString::number(ETIMEDOUT));
        QVERIFY(!cell(t, 4, SocketReadResults::ResultMessageColumn).isEmpty());
        QCOMPARE(cell(t, 4, SocketReadResults::ResultRequestColumn), QStringLiteral("read('\\n', 0.2)"));

        // Follow mode lists what arrives without a read.
        peer->receiveGroup()->followBox()->setChecked(true);
        client->sendGroup()->sendModeBox()->setCurrentIndex(0);
        client->sendGroup()->sendEdit()->setText(QStringLiteral("live"));
        client->sendGroup()->sendButton()->click();
        QVERIFY(waitFor([&] { return t->rowCount() >= 6; }));
        QCOMPARE(cell(t, 5, SocketReadResults::ResultRequestColumn), QStringLiteral("follow"));
        QCOMPARE(cell(t, 5, SocketReadResults::ResultTextColumn), QStringLiteral("live"));

        // The client's transcript shows each send as a chunk.
        client->transcript()->flush();
        QCOMPARE(client->transcript()->rowCount(), 4);
        QCOMPARE(client->transcript()->index(1, SocketTranscriptModel::HexColumn).data().toString(),
                 QStringLiteral("de ad be ef"));
        QCOMPARE(client->transcript()->index(0, SocketTranscriptModel::DirectionColumn).data().toString(),
                 QStringLiteral("sent"));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("sent the file")));
    }

    // UDP: two bound sessions; sendto from one, recvfrom on the other shows the sender's port.
    void udpSendtoRecvfrom()
    {
        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::Udp));
        m_panel->portBox()->setValue(0);
        m_panel->openButton()->click();
        auto *a = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        m_panel->openButton()->click();
        auto *b = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        QVERIFY(a && b && a != b);
        const quint16 portA = a->session()->name().port;
        const quint16 portB = b->session()->name().port;
        QVERIFY(portA && portB && portA != portB);
        QVERIFY(a->stateGroup()->nameLabel()->text().contains(QStringLiteral("SOCK_DGRAM")));

        a->sendGroup()->destinationHostEdit()->setText(QStringLiteral("127.0.0.1"));
        a->sendGroup()->destinationPortBox()->setValue(portB);
        a->sendGroup()->sendEdit()->setText(QStringLiteral("ping"));
        a->sendGroup()->sendButton()->click();
        QVERIFY(a->sendGroup()->sendErrorLabel()->isHidden());
        QVERIFY(waitFor([b] { return b->session()->datagramsAvailable() == 1; }));
        b->receiveGroup()->recvFromButton()->click();
        QTableWidget *t = b->receiveGroup()->results()->table();
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(cell(t, 0, SocketReadResults::ResultRequestColumn), QStringLiteral("recvfrom"));
        QCOMPARE(cell(t, 0, SocketReadResults::ResultTextColumn), QStringLiteral("ping"));
        const QString from = cell(t, 0, SocketReadResults::ResultMessageColumn);
        QVERIFY2(from.contains(QStringLiteral("127.0.0.1")) && from.contains(QStringLiteral("AF_INET"))
                         && from.contains(QStringLiteral("port %1").arg(portA)),
                 qPrintable(from));
        b->transcript()->flush();
        QCOMPARE(b->transcript()->index(0, SocketTranscriptModel::PeerColumn).data().toString(),
                 QStringLiteral("127.0.0.1:%1").arg(portA));
        // Nothing more waiting: recvfrom reports it instead of blocking.
        b->receiveGroup()->recvFromButton()->click();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(cell(t, 1, SocketReadResults::ResultStatusColumn), QStringLiteral("error"));
        QCOMPARE(cell(t, 1, SocketReadResults::ResultErrnoColumn), QString::number(EAGAIN));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("datagram of 4 byte")));
    }

    // UDP replies: the first datagram's sender becomes the destination (Enter answers it),
    // "Reply to sender" answers the latest sender whatever the fields hold, and selecting a
    // received datagram in the transcript puts its sender into the fields.
    void udpReplyToSender()
    {
        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::Udp));
        m_panel->portBox()->setValue(0);
        m_panel->openButton()->click();
        auto *a = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        m_panel->openButton()->click();
        auto *b = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        m_panel->openButton()->click();
        auto *c = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        QVERIFY(a && b && c && a != b && b != c);
        const quint16 portA = a->session()->name().port, portB = b->session()->name().port,
                      portC = c->session()->name().port;
        SocketSendGroup *bs = b->sendGroup();
        m_panel->showPage(b);
        QVERIFY(bs->replyButton()->isVisible());
        QVERIFY(!bs->replyButton()->isEnabled()); // nobody to reply to yet
        QCOMPARE(bs->destinationPortBox()->value(), 0);

        auto sendTo = [](SocketSessionPage *from, quint16 port, const QString &text) {
            from->sendGroup()->destinationHostEdit()->setText(QStringLiteral("127.0.0.1"));
            from->sendGroup()->destinationPortBox()->setValue(port);
            from->sendGroup()->sendEdit()->setText(text);
            from->sendGroup()->sendButton()->click();
        };
        sendTo(a, portB, QStringLiteral("ping"));
        QVERIFY(waitFor([b] { return b->session()->datagramsAvailable() == 1; }));
        // The fields hold a's address: Enter in the data field answers a.
        QCOMPARE(bs->destinationHostEdit()->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(bs->destinationPortBox()->value(), int(portA));
        QVERIFY(bs->replyButton()->isEnabled());
        QVERIFY2(bs->replyButton()->toolTip().contains(QStringLiteral("127.0.0.1:%1").arg(portA)),
                 qPrintable(bs->replyButton()->toolTip()));
        bs->sendEdit()->setText(QStringLiteral("pong"));
        QTest::keyClick(bs->sendEdit(), Qt::Key_Return);
        QVERIFY2(bs->sendErrorLabel()->isHidden(), qPrintable(bs->sendErrorLabel()->text()));
        QVERIFY(waitFor([a] { return a->session()->datagramsAvailable() == 1; }));
        SocketChunk d;
        QVERIFY(a->session()->recvFrom(&d));
        QCOMPARE(d.data, QByteArray("pong"));
        QCOMPARE(d.peer.port, portB);

        // c writes next; the fields stay on a (chosen before), Reply answers c in one click.
        sendTo(c, portB, QStringLiteral("hello from c"));
        QVERIFY(waitFor([b] { return b->session()->datagramsAvailable() == 2; }));
        QCOMPARE(bs->destinationPortBox()->value(), int(portA));
        QCOMPARE(bs->lastSender().port, portC);
        bs->sendEdit()->setText(QStringLiteral("hi c"));
        QTest::mouseClick(bs->replyButton(), Qt::LeftButton);
        QVERIFY(waitFor([c] { return c->session()->datagramsAvailable() == 1; }));
        QVERIFY(c->session()->recvFrom(&d));
        QCOMPARE(d.data, QByteArray("hi c"));
        QCOMPARE(d.peer.port, portB);
        QCOMPARE(bs->destinationPortBox()->value(), int(portC));

        // Selecting a's datagram in b's transcript puts a back into the fields.
        b->transcript()->flush();
        int rowOfA = -1;
        for (int row = 0; row < b->transcript()->rowCount(); ++row) {
            const SocketChunk *chunk = b->transcript()->chunkAt(row);
            if (chunk && chunk->direction == SocketChunk::Direction::Received && chunk->peer.port == portA)
                rowOfA = row;
        }
        QVERIFY(rowOfA >= 0);
        QTableView *view = b->transcriptView();
        const QRect rect = view->visualRect(b->transcript()->index(rowOfA, SocketTranscriptModel::TextColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QCOMPARE(bs->destinationPortBox()->value(), int(portA));
        QCOMPARE(bs->destinationHostEdit()->text(), QStringLiteral("127.0.0.1"));
    }

    // The transcript's and the read results' columns show a peer whole at the default size.
    void peerColumnsShowWholeAddresses()
    {
        m_panel->openUdp(QStringLiteral("127.0.0.1"), 0);
        auto *page = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        QVERIFY(page);
        QTableView *view = page->transcriptView();
        const QFontMetrics fm = view->fontMetrics();
        for (const QString &peer : { QStringLiteral("255.255.255.255:65535"),
                                     QStringLiteral("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535"),
                                     QStringLiteral("[8888:8888:8888:8888:8888:8888:8888:8888]:65535"),
                                     QStringLiteral("[2001:db8:85a3:8d3:1319:8a2e:370:7348]:65535") }) {
            const int need = fm.horizontalAdvance(peer);
            QVERIFY2(view->columnWidth(SocketTranscriptModel::PeerColumn) > need,
                     qPrintable(QStringLiteral("%1 px for %2 (%3 px)")
                                        .arg(view->columnWidth(SocketTranscriptModel::PeerColumn))
                                        .arg(peer)
                                        .arg(need)));
        }
        QVERIFY(view->columnWidth(SocketTranscriptModel::TimeColumn)
                > fm.horizontalAdvance(QStringLiteral("23:59:59.999")));
        QVERIFY(view->columnWidth(SocketTranscriptModel::DirectionColumn)
                > fm.horizontalAdvance(SocketTranscriptModel::tr("received")));
        QTableWidget *results = page->receiveGroup()->results()->table();
        const QString from = QStringLiteral("from 255.255.255.255 (AF_INET, port 65535)");
        QVERIFY2(results->columnWidth(SocketReadResults::ResultMessageColumn)
                         > results->fontMetrics().horizontalAdvance(from),
                 qPrintable(QString::number(results->columnWidth(SocketReadResults::ResultMessageColumn))));
    }

    // setup + error checking: tcp_connect to a closed port reports ECONNREFUSED.
    void tcpClientRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        SocketSessionPage *page = openClientFromForm(port);
        QVERIFY(page);
        QVERIFY(waitFor([page] {
            return page->session()->state() == SocketSession::State::Closed || page->session()->errorNumber() != 0;
        }));
        QCOMPARE(page->session()->errorNumber(), ECONNREFUSED);
        QVERIFY2(page->stateGroup()->errorLabel()->text().contains(QStringLiteral("errno %1").arg(ECONNREFUSED))
                         && page->stateGroup()->errorLabel()->text().contains(QStringLiteral("Connection refused")),
                 qPrintable(page->stateGroup()->errorLabel()->text()));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"),
                       QStringLiteral("error %1 Connection refused").arg(ECONNREFUSED)));
    }

    // information: getaddrinfo('localhost') lists the seed's table.
    void getaddrinfoLocalhost()
    {
        AddressLookupPage *lookup = m_panel->lookupPage();
        m_panel->showPage(lookup);
        lookup->hostEdit()->setText(QStringLiteral("localhost"));
        lookup->serviceEdit()->setText(QStringLiteral("3301"));
        QSignalSpy done(lookup, &AddressLookupPage::finished);
        lookup->lookupButton()->click();
        QVERIFY(done.wait(10000));
        QTableWidget *t = lookup->resultsTable();
        QVERIFY2(t->rowCount() >= 1, qPrintable(lookup->statusLabel()->text()));
        QCOMPARE(t->columnCount(), 5);
        bool v4 = false;
        for (int row = 0; row < t->rowCount(); ++row) {
            QCOMPARE(cell(t, row, 4), QStringLiteral("3301"));
            if (cell(t, row, 0) == QLatin1String("127.0.0.1") && cell(t, row, 1) == QLatin1String("AF_INET"))
                v4 = true;
            QVERIFY(cell(t, row, 2).startsWith(QStringLiteral("SOCK_")));
        }
        QVERIFY(v4);
        // A name that cannot resolve is an error with getaddrinfo's message, not a hang.
        lookup->hostEdit()->setText(QStringLiteral("no-such-host.invalid"));
        lookup->lookupButton()->click();
        QVERIFY(done.wait(20000));
        QCOMPARE(t->rowCount(), 0);
        QVERIFY2(lookup->statusLabel()->text().contains(QStringLiteral("failed")),
                 qPrintable(lookup->statusLabel()->text()));
        QVERIFY(logHas(m_log.get(), QStringLiteral("getaddrinfo"), QStringLiteral("failed")));
    }

    // flag setting, information, state checking, teardown on one TCP connection.
    void optionsInformationStateTeardown()
    {
        SocketServerPage *server = openServerFromForm();
        QVERIFY(server);
        // The listening socket's options: tcp_server sets SO_REUSEADDR.
        QCOMPARE(server->options()->displayedValue(SocketOption::ReuseAddr), QStringLiteral("true"));
        QCOMPARE(server->options()->displayedValue(SocketOption::AcceptConn), QStringLiteral("true"));
        const quint16 port = server->server()->address().port;
        SocketSessionPage *client = openClientFromForm(port);
        QVERIFY(waitFor([client] { return client->session()->state() == SocketSession::State::Connected; }));
        SocketSessionPage *peer = acceptedPage(server);
        QVERIFY(peer);

        // name() and peer(): host, family, type, protocol, port.
        QVERIFY(waitFor(
                [client, port] { return client->stateGroup()->peerLabel()->text().endsWith(QString::number(port)); }));
        QCOMPARE(client->stateGroup()->peerLabel()->text(),
                 QStringLiteral("127.0.0.1  AF_INET  SOCK_STREAM  tcp  %1").arg(port));
        QCOMPARE(client->stateGroup()->nameLabel()->text(),
                 QStringLiteral("127.0.0.1  AF_INET  SOCK_STREAM  tcp  %1").arg(client->session()->name().port));

        // setsockopt through the form, read back by getsockopt.
        SocketOptionsEditor *o = client->options();
        QCOMPARE(o->displayedValue(SocketOption::KeepAlive), QStringLiteral("false"));
        o->optionBox()->setCurrentIndex(o->optionBox()->findData(int(SocketOption::KeepAlive)));
        o->valueEdit()->setText(QStringLiteral("true"));
        o->setButton()->click();
        QCOMPARE(o->displayedValue(SocketOption::KeepAlive), QStringLiteral("true"));
        QVERIFY(o->setOption(SocketOption::TcpNoDelay, QStringLiteral("on")));
        QCOMPARE(o->displayedValue(SocketOption::TcpNoDelay), QStringLiteral("true"));
        QVERIFY(o->setOption(SocketOption::Linger, QStringLiteral("on 5")));
        QCOMPARE(o->displayedValue(SocketOption::Linger), QStringLiteral("on, 5 s"));
        QVERIFY(o->setOption(SocketOption::RcvBuf, QStringLiteral("65536")));
        QVERIFY(o->displayedValue(SocketOption::RcvBuf).toInt() >= 65536); // Linux doubles it
        QVERIFY(o->setOption(SocketOption::RcvTimeo, QStringLiteral("1.5")));
        QString error;
        QVERIFY(!o->setOption(SocketOption::KeepAlive, QStringLiteral("maybe"), &error));
        QVERIFY2(error.contains(QStringLiteral("true or false")), qPrintable(error));
        for (SocketOption::Name n : { SocketOption::ReuseAddr, SocketOption::Broadcast, SocketOption::SndBuf,
                                      SocketOption::RcvLowat, SocketOption::SndLowat, SocketOption::SndTimeo })
            QVERIFY2(!o->displayedValue(n).isEmpty(), SocketOption::name(n));
        QCOMPARE(o->displayedValue(SocketOption::Type), QStringLiteral("SOCK_STREAM"));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"),
                       QStringLiteral("setsockopt SO_KEEPALIVE = true, reads back true")));

        // State checking: writable now; wait() for readable times out on silence, then
        // succeeds once data arrives.
        QVERIFY(client->stateGroup()->readinessLabel()->text().contains(QStringLiteral("writable: yes")));
        QVERIFY(client->stateGroup()->readinessLabel()->text().contains(QStringLiteral("nonblock: yes")));
        peer->stateGroup()->waitBox()->setCurrentIndex(
                peer->stateGroup()->waitBox()->findData(int(SocketSession::WaitRead)));
        peer->stateGroup()->waitTimeoutBox()->setValue(0.1);
        peer->stateGroup()->waitButton()->click();
        QVERIFY(waitFor([peer] {
            return peer->stateGroup()->waitResultLabel()->text().contains(QStringLiteral("timed out"));
        }));
        peer->stateGroup()->waitTimeoutBox()->setValue(5);
        peer->stateGroup()->waitButton()->click();
        client->sendGroup()->sendEdit()->setText(QStringLiteral("x"));
        client->sendGroup()->sendButton()->click();
        QVERIFY(waitFor([peer] { return peer->stateGroup()->waitResultLabel()->text() == QLatin1String("\"R\""); }));
        QVERIFY(waitFor([peer] {
            return peer->stateGroup()->readinessLabel()->text().contains(QStringLiteral("readable: yes"));
        }));

        // Teardown: shutdown(write) on the client is EOF for the peer; close() ends the client.
        client->teardownGroup()->shutdownBox()->setCurrentIndex(
                client->teardownGroup()->shutdownBox()->findData(int(SocketSession::ShutdownHow::Write)));
        client->teardownGroup()->shutdownButton()->click();
        read(peer, 1); // "x"
        read(peer, 2);
        QCOMPARE(cell(peer->receiveGroup()->results()->table(), 1, SocketReadResults::ResultStatusColumn),
                 QStringLiteral("eof"));
        client->teardownGroup()->closeButton()->click();
        QCOMPARE(client->session()->state(), SocketSession::State::Closed);
        QVERIFY(client->stateGroup()->stateLabel()->text().startsWith(QStringLiteral("closed")));
        QVERIFY(!client->sendGroup()->sendButton()->isEnabled());
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("shutdown(")));
        QVERIFY(logHas(m_log.get(), QStringLiteral("socket"), QStringLiteral("closed")));

        // Removing a session closes it and takes its page away; the server stops listening.
        const int before = m_panel->sessionCount();
        m_panel->showPage(client);
        m_panel->removeButton()->click();
        QVERIFY(waitFor([&] { return m_panel->sessionCount() == before - 1; }));
        server->closeButton()->click();
        QCOMPARE(server->server()->state(), SocketServer::State::Closed);
    }

    // unix stream sockets as client and server.
    void unixClientAndServer()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("inspector.sock"));
        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::UnixServer));
        m_panel->pathEdit()->setText(path);
        m_panel->openButton()->click();
        auto *server = qobject_cast<SocketServerPage *>(m_panel->currentPage());
        QVERIFY(server);
        QVERIFY(server->addressLabel()->text().contains(path));
        // A second server on the same path is refused with errno (the file is not removed).
        m_panel->openButton()->click();
        QVERIFY(!m_panel->formError()->isHidden());
        QVERIFY2(m_panel->formError()->text().contains(QString::number(EADDRINUSE)),
                 qPrintable(m_panel->formError()->text()));

        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::UnixClient));
        m_panel->openButton()->click();
        auto *client = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        QVERIFY(client);
        QVERIFY(waitFor([client] { return client->session()->state() == SocketSession::State::Connected; }));
        QVERIFY(client->stateGroup()->peerLabel()->text().contains(path));
        QVERIFY(client->stateGroup()->peerLabel()->text().contains(QStringLiteral("AF_UNIX")));
        SocketSessionPage *peer = acceptedPage(server);
        QVERIFY(peer);
        client->sendGroup()->sendEdit()->setText(QStringLiteral("over unix\\n"));
        client->sendGroup()->sendButton()->click();
        peer->receiveGroup()->delimiterEdit()->setText(QStringLiteral("\\n"));
        read(peer, 1);
        QCOMPARE(cell(peer->receiveGroup()->results()->table(), 0, SocketReadResults::ResultTextColumn),
                 QStringLiteral("over unix\\n"));
    }

    // Every interactive widget and live view of every kind of page has an accessible name.
    void accessibleNames()
    {
        SocketServerPage *server = openServerFromForm();
        QVERIFY(server);
        openClientFromForm(server->server()->address().port);
        QVERIFY(acceptedPage(server));
        m_panel->openUdp(QStringLiteral("127.0.0.1"), 0);
        QStringList unnamed;
        const auto widgets = m_panel->findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            const bool interactive = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                    || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                    || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QPlainTextEdit *>(w);
            if (!interactive || qobject_cast<QHeaderView *>(w))
                continue;
            // Parts Qt builds inside a composite widget speak through their owner.
            QWidget *p = w->parentWidget();
            if (qobject_cast<QAbstractSpinBox *>(p) || qobject_cast<QComboBox *>(p) || qobject_cast<QTabBar *>(p)
                || qobject_cast<QAbstractItemView *>(p) || (p && qobject_cast<QAbstractItemView *>(p->parentWidget())))
                continue;
            if (w->accessibleName().isEmpty())
                unnamed << QStringLiteral("%1 %2").arg(QLatin1String(w->metaObject()->className()), w->objectName());
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    // The read-results list is bounded with a visible dropped count.
    void resultsAreBounded()
    {
        m_panel->kindBox()->setCurrentIndex(m_panel->kindBox()->findData(SocketInspectorPanel::Udp));
        m_panel->portBox()->setValue(0);
        m_panel->openButton()->click();
        auto *a = qobject_cast<SocketSessionPage *>(m_panel->currentPage());
        QVERIFY(a);
        a->receiveGroup()->results()->setCap(5);
        for (int i = 0; i < 12; ++i)
            a->receiveGroup()->recvFromButton()->click(); // each: error EAGAIN
        QCOMPARE(a->receiveGroup()->results()->table()->rowCount(), 5);
        QCOMPARE(a->receiveGroup()->results()->dropped(), quint64(7));
        QVERIFY(a->receiveGroup()->results()->droppedLabel()->text().contains(QStringLiteral("7")));
    }
};

/// The IPROTO view in the real main window, connected to a real tarantool.
class tst_IprotoView : public QObject
{
    Q_OBJECT

    std::unique_ptr<TarantoolFixture> m_fx;

private slots:
    void initTestCase()
    {
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
        m_fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(m_fx->start(), qPrintable(m_fx->errorString()));
    }

    void cleanupTestCase() { m_fx.reset(); }

    // A call with pushes is split into frames with the right SYNC and codes (CHUNK for the
    // pushes); a frame's SYNC leads to its request in the history; the AUTH frame carries the
    // scramble, never the password.
    void framesOfACallWithPushes()
    {
        MainWindow w;
        w.show();
        QAbstractItemModelTester tester(w.iprotoView()->frames(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.connectTo(QStringLiteral("%1:%2").arg(m_fx->host()).arg(m_fx->port()), QStringLiteral("boxscope"),
                    QStringLiteral("secret"));
        Connection *c = w.connection();
        QVERIFY2(waitFor([c] { return c->isReady() && c->schema().isLoaded(); }, 10000),
                 qPrintable(c->lastError().toString()));

        RemoteCallPanel *panel = w.remoteCallPanel();
        panel->form()->setMethod(RequestSpec::Method::Call);
        panel->form()->targetEdit()->setText(QStringLiteral("push_n"));
        panel->form()->argumentsEdit()->setPlainText(QStringLiteral("{3}"));
        Request *r = panel->send();
        QVERIFY(r);
        QVERIFY(waitFor([r] { return r->isFinished(); }));
        const quint64 sync = r->sync();

        IprotoView *view = w.iprotoView();
        IprotoCapture *capture = w.capture();
        QVERIFY(waitFor([&] { return capture->findBySync(CapturedFrame::Direction::Received, sync); }));
        view->frames()->flush();
        QVERIFY(view->greetingLabel()->text().contains(QStringLiteral("Tarantool")));

        // Only this request's frames: filter by SYNC.
        view->syncFilterEdit()->setText(QString::number(sync));
        IprotoFrameFilter *f = view->filter();
        QCOMPARE(f->rowCount(), 5); // CALL, 3 × CHUNK, OK
        auto type = [f](int row) { return f->index(row, IprotoFrameModel::TypeColumn).data().toString(); };
        QCOMPARE(type(0), QStringLiteral("CALL"));
        QCOMPARE(f->index(0, IprotoFrameModel::DirectionColumn).data().toString(), QStringLiteral("→ server"));
        for (int row = 1; row <= 3; ++row) {
            QCOMPARE(type(row), QStringLiteral("CHUNK"));
            QCOMPARE(f->index(row, IprotoFrameModel::SyncColumn).data().toString(), QString::number(sync));
            QCOMPARE(f->index(row, IprotoFrameModel::DirectionColumn).data().toString(), QStringLiteral("← server"));
            QVERIFY(f->index(row, IprotoFrameModel::SummaryColumn)
                            .data()
                            .toString()
                            .contains(QStringLiteral("%1").arg(row, 10, 10, QLatin1Char('0'))));
        }
        QCOMPARE(type(4), QStringLiteral("OK"));
        QVERIFY(f->index(0, IprotoFrameModel::SummaryColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("FUNCTION_NAME: 'push_n'")));
        // Type filter.
        view->typeFilterEdit()->setText(QStringLiteral("chunk"));
        QCOMPARE(f->rowCount(), 3);
        view->typeFilterEdit()->clear();

        // A CHUNK frame in detail: header and body trees with key names, raw bytes.
        view->frameView()->selectRow(2);
        const CapturedFrame *frame = view->currentFrame();
        QVERIFY(frame);
        QVERIFY(frame->isPush());
        QCOMPARE(frame->code, 0x80u);
        QCOMPARE(frame->sync, sync);
        ValueTreeModel *header = view->headerModel();
        QStringList keys;
        const QModelIndex top = header->index(0, 0);
        for (int i = 0; i < header->rowCount(top); ++i)
            keys << header->index(i, ValueTreeModel::KeyColumn, top).data().toString();
        QVERIFY2(keys.contains(QStringLiteral("REQUEST_TYPE (0x00)")) && keys.contains(QStringLiteral("SYNC (0x01)")),
                 qPrintable(keys.join(QLatin1Char(','))));
        const QModelIndex bodyTop = view->bodyModel()->index(0, 0);
        QCOMPARE(view->bodyModel()->index(0, ValueTreeModel::KeyColumn, bodyTop).data().toString(),
                 QStringLiteral("DATA (0x30)"));
        QVERIFY(view->rawView()->toPlainText().contains(QStringLiteral("CHUNK")));
        QCOMPARE(frame->raw.size(), qsizetype(frame->size) + 5);

        // An error answer: the MP_ERROR stack by box.error's names, not numbers.
        panel->form()->targetEdit()->setText(QStringLiteral("no_such_function"));
        panel->form()->argumentsEdit()->clear();
        Request *failed = panel->send();
        QVERIFY(failed);
        QVERIFY(waitFor([failed] { return failed->isFinished(); }));
        QVERIFY(waitFor([&] { return capture->findBySync(CapturedFrame::Direction::Received, failed->sync()); }));
        view->frames()->flush();
        view->syncFilterEdit()->setText(QString::number(failed->sync()));
        QCOMPARE(f->rowCount(), 2);
        const QString errorSummary = f->index(1, IprotoFrameModel::SummaryColumn).data().toString();
        QVERIFY2(errorSummary.contains(QLatin1String("ERROR: [{type: 'ClientError'")), qPrintable(errorSummary));
        view->frameView()->selectRow(1);
        const QModelIndex errorBody = view->bodyModel()->index(0, 0);
        QModelIndex stackIndex;
        for (int i = 0; i < view->bodyModel()->rowCount(errorBody); ++i) {
            if (view->bodyModel()->index(i, ValueTreeModel::KeyColumn, errorBody).data().toString()
                == QLatin1String("ERROR (0x52)"))
                stackIndex = view->bodyModel()->index(i, 0, errorBody);
        }
        QVERIFY(stackIndex.isValid());
        const QModelIndex first = view->bodyModel()->index(0, 0, stackIndex);
        QStringList names;
        for (int i = 0; i < view->bodyModel()->rowCount(first); ++i)
            names << view->bodyModel()->index(i, ValueTreeModel::KeyColumn, first).data().toString();
        QCOMPARE(names,
                 QStringList({ QStringLiteral("type"), QStringLiteral("file"), QStringLiteral("line"),
                               QStringLiteral("message"), QStringLiteral("errno"), QStringLiteral("code") }));
        view->syncFilterEdit()->setText(QString::number(sync));
        view->frameView()->selectRow(2);

        // The SYNC leads to the request in the history.
        panel->showRequest(nullptr);
        w.tabs()->setCurrentWidget(view);
        QVERIFY(view->goToRequestButton()->isEnabled());
        view->goToRequestButton()->click();
        QCOMPARE(panel->currentRequest(), r);
        QCOMPARE(w.tabs()->currentWidget(), panel);

        // The AUTH frame (the app's own traffic, shown on request): user name and scramble,
        // never the password.
        view->syncFilterEdit()->clear();
        view->showOwnBox()->setChecked(true);
        const CapturedFrame *auth = nullptr;
        for (const CapturedFrame &cf : capture->frames())
            if (cf.direction == CapturedFrame::Direction::Sent && cf.hasCode && cf.code == 7)
                auth = &cf;
        QVERIFY(auth);
        QVERIFY(view->selectFrame(auth->seq));
        QCOMPARE(view->frameView()->currentIndex().siblingAtColumn(IprotoFrameModel::TypeColumn).data().toString(),
                 QStringLiteral("AUTH"));
        QVERIFY(view->frameView()
                        ->currentIndex()
                        .siblingAtColumn(IprotoFrameModel::SummaryColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("boxscope")));
        for (const CapturedFrame &cf : capture->frames()) {
            QVERIFY(!cf.raw.contains("secret"));
        }
        QVERIFY(!view->rawView()->toPlainText().contains(QStringLiteral("secret")));
        QVERIFY(!IprotoFrameModel::withKeyNames(auth->decodedBody()).isNil());

        // Clear empties the view; new traffic comes in again.
        view->clearButton()->click();
        view->frames()->flush();
        QCOMPARE(view->frames()->rowCount(), 0);
        QVERIFY(c->ping());
        QVERIFY(waitFor([&] {
            view->frames()->flush();
            return view->frames()->rowCount() >= 2;
        }));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int status = 0;
    {
        tst_SocketInspector t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        QStandardPaths::setTestModeEnabled(true);
        tst_IprotoView t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}

#include "tst_socketinspector.moc"
