#include "inspector/SocketSessionPage.h"

#include "common/Fonts.h"
#include "sockets/ByteText.h"
#include "inspector/SocketOptionsEditor.h"
#include "inspector/SocketTranscriptModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

QString kindText(SocketSession::Kind k)
{
    switch (k) {
    case SocketSession::Kind::TcpClient: return SocketSessionPage::tr("TCP client");
    case SocketSession::Kind::TcpAccepted: return SocketSessionPage::tr("TCP accepted");
    case SocketSession::Kind::Udp: return SocketSessionPage::tr("UDP");
    case SocketSession::Kind::UnixClient: return SocketSessionPage::tr("Unix client");
    case SocketSession::Kind::UnixAccepted: return SocketSessionPage::tr("Unix accepted");
    case SocketSession::Kind::None: break;
    }
    return SocketSessionPage::tr("Socket");
}

QString addressText(const SocketAddress &a)
{
    if (!a.isValid())
        return QStringLiteral("—");
    QStringList parts{a.isUnix() ? a.path : a.host, a.family};
    if (!a.type.isEmpty())
        parts << a.type;
    if (!a.protocol.isEmpty())
        parts << a.protocol;
    if (!a.isUnix())
        parts << QString::number(a.port);
    // The socket module's table: host, family, type, protocol, port.
    return parts.join(QStringLiteral("  "));
}

QLabel *selectableLabel(QWidget *parent, const QString &accessibleName)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAccessibleName(accessibleName);
    return l;
}

} // namespace

SocketSessionPage::SocketSessionPage(SocketSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_transcriptModel(new SocketTranscriptModel(session, this))
{
    const bool udp = session->kind() == SocketSession::Kind::Udp;

    // ---- information, error checking, state checking ------------------------------------------
    m_state = selectableLabel(this, tr("Session state"));
    m_name = selectableLabel(this, tr("Local address (name)"));
    m_peer = selectableLabel(this, tr("Peer address (peer)"));
    m_lastError = selectableLabel(this, tr("Last error (errno)"));
    m_readiness = selectableLabel(this, tr("Readiness"));
    m_waitWhat = new QComboBox(this);
    m_waitWhat->addItem(tr("readable"), int(SocketSession::WaitRead));
    m_waitWhat->addItem(tr("writable"), int(SocketSession::WaitWrite));
    m_waitWhat->addItem(tr("either (wait)"), int(SocketSession::WaitRead | SocketSession::WaitWrite));
    m_waitWhat->setAccessibleName(tr("Wait for"));
    m_waitTimeout = new QDoubleSpinBox(this);
    m_waitTimeout->setRange(0, 86400);
    m_waitTimeout->setDecimals(3);
    m_waitTimeout->setValue(1);
    m_waitTimeout->setSuffix(tr(" s"));
    m_waitTimeout->setSpecialValueText(tr("no timeout"));
    m_waitTimeout->setAccessibleName(tr("Wait timeout"));
    m_wait = new QPushButton(tr("Wait"), this);
    m_wait->setAccessibleName(tr("Wait"));
    m_wait->setToolTip(tr("sock:readable() / writable() / wait(): without blocking, reports when the socket is ready"));
    m_waitResult = selectableLabel(this, tr("Wait result"));

    auto *info = new QGridLayout;
    auto addInfo = [info, this](int row, const QString &label, QWidget *w) {
        auto *l = new QLabel(label, this);
        l->setBuddy(w);
        info->addWidget(l, row, 0);
        info->addWidget(w, row, 1, 1, 4);
    };
    addInfo(0, tr("State:"), m_state);
    addInfo(1, tr("name():"), m_name);
    addInfo(2, tr("peer():"), m_peer);
    addInfo(3, tr("error():"), m_lastError);
    info->addWidget(new QLabel(tr("Ready:"), this), 4, 0);
    info->addWidget(m_readiness, 4, 1);
    info->addWidget(m_waitWhat, 4, 2);
    info->addWidget(m_waitTimeout, 4, 3);
    auto *waitRow = new QHBoxLayout;
    waitRow->addWidget(m_wait);
    waitRow->addWidget(m_waitResult, 1);
    info->addLayout(waitRow, 4, 4);
    info->setColumnStretch(1, 1);
    info->setColumnStretch(4, 1);

    // ---- sending ------------------------------------------------------------------------------
    m_sendText = new QLineEdit(this);
    m_sendText->setPlaceholderText(tr("Text with escapes (\\n, \\r\\n, \\xNN) or hex bytes"));
    m_sendText->setAccessibleName(tr("Data to send"));
    m_sendText->setFont(monospaceFont());
    m_sendMode = new QComboBox(this);
    m_sendMode->addItem(tr("Text"), TextMode);
    m_sendMode->addItem(tr("Hex"), HexMode);
    m_sendMode->setAccessibleName(tr("Send as"));
    m_lineEnding = new QComboBox(this);
    m_lineEnding->addItem(tr("no line ending"), int(ByteText::LineEnding::None));
    m_lineEnding->addItem(QStringLiteral("\\n"), int(ByteText::LineEnding::LF));
    m_lineEnding->addItem(QStringLiteral("\\r\\n"), int(ByteText::LineEnding::CRLF));
    m_lineEnding->addItem(QStringLiteral("\\r"), int(ByteText::LineEnding::CR));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_destHost = new QLineEdit(QStringLiteral("127.0.0.1"), this);
    m_destHost->setAccessibleName(tr("Destination host"));
    m_destHost->setPlaceholderText(tr("host"));
    m_destPort = new QSpinBox(this);
    m_destPort->setRange(0, 65535);
    m_destPort->setAccessibleName(tr("Destination port"));
    m_send = new QPushButton(udp ? tr("sendto") : tr("Send"), this);
    m_send->setAccessibleName(tr("Send"));
    m_sendFile = new QPushButton(tr("Send file…"), this);
    m_sendFile->setAccessibleName(tr("Send a file"));
    m_sendError = new QLabel(this);
    m_sendError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_sendError->setAccessibleName(tr("Send error"));
    m_sendError->hide();
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_sendMode);
    sendRow->addWidget(m_sendText, 1);
    sendRow->addWidget(m_lineEnding);
    if (udp) {
        sendRow->addWidget(new QLabel(tr("to"), this));
        sendRow->addWidget(m_destHost);
        sendRow->addWidget(m_destPort);
    } else {
        m_destHost->hide();
        m_destPort->hide();
    }
    sendRow->addWidget(m_send);
    sendRow->addWidget(m_sendFile);

    // ---- receiving ----------------------------------------------------------------------------
    m_limit = new QSpinBox(this);
    m_limit->setRange(-1, 256 * 1024 * 1024);
    m_limit->setValue(-1);
    m_limit->setSpecialValueText(tr("no limit"));
    m_limit->setAccessibleName(tr("Read limit"));
    m_limit->setToolTip(tr("read(limit): at most this many bytes"));
    m_delimiter = new QLineEdit(this);
    m_delimiter->setPlaceholderText(tr("delimiter, e.g. \\n"));
    m_delimiter->setAccessibleName(tr("Read delimiter"));
    m_delimiter->setFont(monospaceFont());
    m_readTimeout = new QDoubleSpinBox(this);
    m_readTimeout->setRange(0, 86400);
    m_readTimeout->setDecimals(3);
    m_readTimeout->setSuffix(tr(" s"));
    m_readTimeout->setSpecialValueText(tr("no timeout"));
    m_readTimeout->setAccessibleName(tr("Read timeout"));
    m_read = new QPushButton(tr("Read"), this);
    m_read->setAccessibleName(tr("Read"));
    m_cancelReads = new QPushButton(tr("Cancel reads"), this);
    m_cancelReads->setAccessibleName(tr("Cancel pending reads"));
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setAccessibleName(tr("Follow: show everything as it arrives"));
    m_recvFrom = new QPushButton(tr("recvfrom"), this);
    m_recvFrom->setAccessibleName(tr("Receive a datagram"));
    auto *readRow = new QHBoxLayout;
    if (udp) {
        m_limit->hide();
        m_delimiter->hide();
        m_readTimeout->hide();
        m_read->hide();
        m_cancelReads->hide();
        readRow->addWidget(m_recvFrom);
    } else {
        m_recvFrom->hide();
        readRow->addWidget(new QLabel(tr("limit"), this));
        readRow->addWidget(m_limit);
        readRow->addWidget(new QLabel(tr("delimiter"), this));
        readRow->addWidget(m_delimiter, 1);
        readRow->addWidget(new QLabel(tr("timeout"), this));
        readRow->addWidget(m_readTimeout);
        readRow->addWidget(m_read);
        readRow->addWidget(m_cancelReads);
    }
    readRow->addWidget(m_follow);
    if (udp)
        readRow->addStretch(1);

    m_results = new QTableWidget(0, ResultColumnCount, this);
    m_results->setHorizontalHeaderLabels({tr("#"), tr("Request"), tr("Status"), tr("Errno"), tr("Message"),
                                          tr("Size"), tr("Text"), tr("Hex")});
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setAccessibleName(tr("Read results"));
    m_results->setWordWrap(false);
    m_results->verticalHeader()->setDefaultSectionSize(m_results->fontMetrics().height() + 6);
    m_results->setColumnWidth(ResultSeqColumn, 40);
    m_results->setColumnWidth(ResultRequestColumn, 190);
    m_results->setColumnWidth(ResultStatusColumn, 60);
    m_results->setColumnWidth(ResultErrnoColumn, 50);
    m_resultsDropped = new QLabel(this);
    m_resultsDropped->setAccessibleName(tr("Read results dropped"));

    m_transcriptView = new QTableView(this);
    m_transcriptView->setModel(m_transcriptModel);
    m_transcriptView->verticalHeader()->hide();
    m_transcriptView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_transcriptView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_transcriptView->horizontalHeader()->setStretchLastSection(true);
    m_transcriptView->verticalHeader()->setDefaultSectionSize(m_transcriptView->fontMetrics().height() + 6);
    m_transcriptView->setAccessibleName(tr("Transcript: every chunk sent and received"));
    m_transcriptView->setWordWrap(false);
    m_transcriptView->setColumnWidth(SocketTranscriptModel::SeqColumn, 40);
    m_transcriptView->setColumnWidth(SocketTranscriptModel::DirectionColumn, 70);
    m_transcriptView->setColumnWidth(SocketTranscriptModel::SizeColumn, 60);
    if (!udp)
        m_transcriptView->hideColumn(SocketTranscriptModel::PeerColumn);
    m_transcriptCount = new QLabel(this);
    m_transcriptCount->setAccessibleName(tr("Transcript counts"));
    m_dump = new QPlainTextEdit(this);
    m_dump->setReadOnly(true);
    m_dump->setFont(monospaceFont());
    m_dump->setAccessibleName(tr("Selected chunk as hex dump"));
    m_dump->setPlaceholderText(tr("Select a chunk to see all of its bytes"));

    auto *transcriptBox = new QWidget(this);
    auto *tl = new QVBoxLayout(transcriptBox);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_transcriptView, 1);
    tl->addWidget(m_transcriptCount);
    auto *resultsBox = new QWidget(this);
    auto *rl = new QVBoxLayout(resultsBox);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_results, 1);
    rl->addWidget(m_resultsDropped);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(transcriptBox);
    split->addWidget(m_dump);
    split->addWidget(resultsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 3);

    auto *conversation = new QWidget(this);
    auto *cl = new QVBoxLayout(conversation);
    cl->addLayout(sendRow);
    cl->addWidget(m_sendError);
    cl->addLayout(readRow);
    cl->addWidget(split, 1);

    // ---- flag setting -------------------------------------------------------------------------
    m_options = new SocketOptionsEditor(this);
    attachOptions();
    auto *tabs = new QTabWidget(this);
    tabs->setAccessibleName(tr("Session sections"));
    tabs->addTab(conversation, tr("Conversation"));
    tabs->addTab(m_options, tr("Options"));

    // ---- teardown -----------------------------------------------------------------------------
    m_shutdownHow = new QComboBox(this);
    m_shutdownHow->addItem(tr("write (SHUT_WR)"), int(SocketSession::ShutdownHow::Write));
    m_shutdownHow->addItem(tr("read (SHUT_RD)"), int(SocketSession::ShutdownHow::Read));
    m_shutdownHow->addItem(tr("both (SHUT_RDWR)"), int(SocketSession::ShutdownHow::Both));
    m_shutdownHow->setAccessibleName(tr("Shut down which side"));
    m_shutdown = new QPushButton(tr("Shutdown"), this);
    m_shutdown->setAccessibleName(tr("Shutdown"));
    m_close = new QPushButton(tr("Close"), this);
    m_close->setAccessibleName(tr("Close the socket"));
    auto *teardown = new QHBoxLayout;
    teardown->addStretch(1);
    if (udp) {
        m_shutdownHow->hide();
        m_shutdown->hide();
    } else {
        teardown->addWidget(m_shutdownHow);
        teardown->addWidget(m_shutdown);
    }
    teardown->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(info);
    layout->addWidget(tabs, 1);
    layout->addLayout(teardown);

    // ---- behaviour ----------------------------------------------------------------------------
    m_followTimer.setSingleShot(true);
    m_followTimer.setInterval(16);
    connect(&m_followTimer, &QTimer::timeout, this, &SocketSessionPage::flushFollow);
    // readable()/writable() change with traffic: refreshed at most every 100 ms.
    m_infoTimer.setSingleShot(true);
    m_infoTimer.setInterval(100);
    connect(&m_infoTimer, &QTimer::timeout, this, &SocketSessionPage::refreshInfo);
    connect(m_transcriptModel, &LiveWindowModel::flushed, this, [this] {
        updateTranscriptCount();
        if (!m_infoTimer.isActive())
            m_infoTimer.start();
    });

    connect(m_send, &QPushButton::clicked, this, &SocketSessionPage::sendFromForm);
    connect(m_sendText, &QLineEdit::returnPressed, this, &SocketSessionPage::sendFromForm);
    connect(m_sendFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send a file"));
        if (!path.isEmpty())
            sendFile(path);
    });
    connect(m_read, &QPushButton::clicked, this, &SocketSessionPage::readFromForm);
    connect(m_cancelReads, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->cancelReads();
    });
    connect(m_recvFrom, &QPushButton::clicked, this, [this] {
        if (!receiveDatagram())
            addResult(QStringLiteral("recvfrom"), SocketResult::error(EAGAIN));
    });
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_session)
            return;
        m_session->setFollow(on);
        emit logMessage(1, on ? tr("follow on") : tr("follow off"));
        if (on && m_session->kind() == SocketSession::Kind::Udp)
            while (receiveDatagram()) { }
    });
    connect(m_wait, &QPushButton::clicked, this, [this] {
        if (!m_session)
            return;
        const auto what = SocketSession::WaitFlags(m_waitWhat->currentData().toInt());
        const double t = m_waitTimeout->value();
        m_waitResult->setText(tr("waiting…"));
        m_session->wait(what, t > 0 ? int(t * 1000) : -1);
    });
    connect(m_shutdown, &QPushButton::clicked, this, [this] {
        if (!m_session)
            return;
        const auto how = SocketSession::ShutdownHow(m_shutdownHow->currentData().toInt());
        const bool ok = m_session->shutdown(how);
        emit logMessage(ok ? 1 : 3, ok ? tr("shutdown(%1)").arg(m_shutdownHow->currentText())
                                       : tr("shutdown failed: %1").arg(m_session->lastError().toString()));
        refreshInfo();
    });
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->close();
    });
    connect(m_transcriptView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SocketSessionPage::showChunk);

    connect(session, &SocketSession::stateChanged, this, [this](SocketSession::State s) {
        emit logMessage(1, tr("state %1").arg(QLatin1String(SocketSession::stateName(s))));
        refreshInfo();
        emit titleChanged();
    });
    connect(session, &SocketSession::connected, this, [this] {
        emit logMessage(1, tr("connected: name %1, peer %2")
                               .arg(m_session->name().toString(), m_session->peer().toString()));
        attachOptions(); // the kind (TCP or unix) is known now
    });
    connect(session, &SocketSession::errorOccurred, this, [this](const SocketResult &e) {
        emit logMessage(3, tr("error %1 %2").arg(e.errnum).arg(e.message));
        refreshInfo();
    });
    connect(session, &SocketSession::readFinished, this, [this](const SocketResult &r) {
        const QString request = m_readLabels.take(r.id);
        addResult(request, r);
        emit logMessage(r.status == SocketResult::Status::Error ? 3 : r.status == SocketResult::Status::Ok ? 1 : 2,
                        tr("%1 → %2, %n byte(s)", nullptr, int(r.data.size())).arg(request, r.toString()));
    });
    connect(session, &SocketSession::followData, this, [this](const QByteArray &data) {
        m_followPending += data;
        if (!m_followTimer.isActive())
            m_followTimer.start();
    });
    connect(session, &SocketSession::datagramReceived, this, [this](const SocketChunk &d) {
        emit logMessage(1, tr("datagram of %n byte(s) from %1", nullptr, int(d.data.size())).arg(d.peer.toString()));
        if (m_follow->isChecked())
            while (receiveDatagram()) { }
    });
    connect(session, &SocketSession::eofReached, this, [this] {
        emit logMessage(2, tr("peer closed its side (EOF)"));
        flushFollow();
        if (m_follow->isChecked())
            addResult(tr("follow"), SocketResult::eof());
        refreshInfo();
    });
    connect(session, &SocketSession::closed, this, [this] {
        emit logMessage(1, tr("closed"));
        refreshInfo();
        emit titleChanged();
    });
    connect(session, &SocketSession::waitFinished, this, [this](quint64, const QString &what) {
        m_waitResult->setText(what.isEmpty() ? tr("timed out (\"\")") : QStringLiteral("\"%1\"").arg(what));
        emit logMessage(1, tr("wait → \"%1\"").arg(what));
        refreshInfo();
    });
    connect(session, &QObject::destroyed, this, [this] { refreshInfo(); });

    setAccessibleName(title());
    refreshInfo();
    updateTranscriptCount();
}

SocketSessionPage::~SocketSessionPage() = default;

void SocketSessionPage::attachOptions()
{
    const SocketSession::Kind kind = m_session ? m_session->kind() : SocketSession::Kind::None;
    const bool tcp = kind == SocketSession::Kind::TcpClient || kind == SocketSession::Kind::TcpAccepted;
    m_options->setSocketObject(m_session.data(), tcp, [](SocketSession *s) { return s->errorNumber(); });
}

QString SocketSessionPage::title() const
{
    if (!m_session)
        return tr("Closed socket");
    QString where = m_session->target();
    if (where.isEmpty()) {
        const SocketAddress peer = m_session->peer();
        const SocketAddress name = m_session->name();
        where = peer.isValid() ? peer.toString() : name.toString();
    }
    return QStringLiteral("%1 %2").arg(kindText(m_session->kind()), where).trimmed();
}

void SocketSessionPage::refreshInfo()
{
    if (!m_session) {
        m_state->setText(tr("gone"));
        for (QWidget *w : {static_cast<QWidget *>(m_send), static_cast<QWidget *>(m_read),
                           static_cast<QWidget *>(m_close), static_cast<QWidget *>(m_shutdown),
                           static_cast<QWidget *>(m_wait), static_cast<QWidget *>(m_sendFile)})
            w->setEnabled(false);
        return;
    }
    const SocketSession::State s = m_session->state();
    QString state = QLatin1String(SocketSession::stateName(s));
    if (m_session->atEof())
        state += tr(", peer closed (EOF)");
    if (m_session->bytesAvailable() > 0)
        state += tr(", %n byte(s) buffered", nullptr, int(m_session->bytesAvailable()));
    if (m_session->datagramsAvailable() > 0)
        state += tr(", %n datagram(s) waiting", nullptr, int(m_session->datagramsAvailable()));
    if (m_session->pendingReads() > 0)
        state += tr(", %n read(s) pending", nullptr, m_session->pendingReads());
    m_state->setText(state);
    m_name->setText(addressText(m_session->name()));
    m_peer->setText(addressText(m_session->peer()));
    const SocketResult &e = m_session->lastError();
    m_lastError->setText(e.errnum == 0 && e.status == SocketResult::Status::Ok
                             ? tr("none (errno 0)")
                             : tr("errno %1: %2").arg(e.errnum).arg(e.message));
    m_lastError->setStyleSheet(e.errnum ? QStringLiteral("color: #b00020") : QString());
    m_readiness->setText(tr("readable: %1, writable: %2, nonblock: %3")
                             .arg(m_session->isReadable() ? tr("yes") : tr("no"),
                                  m_session->isWritable() ? tr("yes") : tr("no"),
                                  m_session->isNonBlocking() ? tr("yes") : tr("no")));
    const bool open = s != SocketSession::State::Closed;
    m_send->setEnabled(open);
    m_sendFile->setEnabled(open);
    m_read->setEnabled(open || m_session->bytesAvailable() > 0);
    m_shutdown->setEnabled(s == SocketSession::State::Connected);
    m_close->setEnabled(open);
}

bool SocketSessionPage::sendFromForm()
{
    if (!m_session)
        return false;
    bool ok = true;
    QString error;
    QByteArray data = m_sendMode->currentData().toInt() == HexMode
        ? ByteText::fromHex(m_sendText->text(), &ok, &error)
        : ByteText::fromEscaped(m_sendText->text(), &ok, &error);
    if (!ok) {
        m_sendError->setText(error);
        m_sendError->show();
        return false;
    }
    data += ByteText::lineEnding(ByteText::LineEnding(m_lineEnding->currentData().toInt()));
    qint64 n;
    QString what;
    if (m_session->kind() == SocketSession::Kind::Udp) {
        n = m_session->sendTo(m_destHost->text().trimmed(), quint16(m_destPort->value()), data);
        what = tr("sendto %1:%2").arg(m_destHost->text().trimmed()).arg(m_destPort->value());
    } else {
        n = m_session->send(data);
        what = tr("send");
    }
    if (n < 0) {
        error = tr("%1 failed: %2").arg(what, m_session->lastError().toString());
        m_sendError->setText(error);
        m_sendError->show();
        emit logMessage(3, error);
        refreshInfo();
        return false;
    }
    m_sendError->hide();
    emit logMessage(1, tr("%1: %n byte(s)", nullptr, int(n)).arg(what));
    return true;
}

bool SocketSessionPage::sendFile(const QString &path)
{
    if (!m_session)
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        const QString error = tr("Cannot read %1: %2").arg(path, f.errorString());
        m_sendError->setText(error);
        m_sendError->show();
        emit logMessage(3, error);
        return false;
    }
    const QByteArray data = f.readAll();
    const qint64 n = m_session->kind() == SocketSession::Kind::Udp
        ? m_session->sendTo(m_destHost->text().trimmed(), quint16(m_destPort->value()), data)
        : m_session->send(data);
    if (n < 0) {
        const QString error = tr("Sending %1 failed: %2").arg(QFileInfo(path).fileName(), m_session->lastError().toString());
        m_sendError->setText(error);
        m_sendError->show();
        emit logMessage(3, error);
        return false;
    }
    m_sendError->hide();
    emit logMessage(1, tr("sent the file %1: %n byte(s)", nullptr, int(n)).arg(path));
    return true;
}

QString SocketSessionPage::describeRead(const SocketSession::ReadSpec &spec) const
{
    // As the call would be written: read(5), read('\n'), read({limit = 5, delimiter = '\n'}).
    const QString delimiter = QStringLiteral("'%1'").arg(ByteText::toEscaped(spec.delimiter));
    QString args;
    if (spec.limit >= 0 && !spec.delimiter.isEmpty())
        args = QStringLiteral("{limit = %1, delimiter = %2}").arg(spec.limit).arg(delimiter);
    else if (spec.limit >= 0)
        args = QString::number(spec.limit);
    else if (!spec.delimiter.isEmpty())
        args = delimiter;
    if (spec.timeoutMs >= 0)
        args += (args.isEmpty() ? QString() : QStringLiteral(", ")) + QString::number(spec.timeoutMs / 1000.0);
    return QStringLiteral("read(%1)").arg(args);
}

quint64 SocketSessionPage::readFromForm()
{
    if (!m_session)
        return 0;
    bool ok = true;
    QString error;
    SocketSession::ReadSpec spec;
    spec.limit = m_limit->value();
    spec.delimiter = ByteText::fromEscaped(m_delimiter->text(), &ok, &error);
    if (!ok) {
        m_sendError->setText(tr("Delimiter: %1").arg(error));
        m_sendError->show();
        return 0;
    }
    const double t = m_readTimeout->value();
    spec.timeoutMs = t > 0 ? int(t * 1000) : -1;
    const quint64 id = m_session->read(spec);
    m_readLabels.insert(id, describeRead(spec));
    refreshInfo();
    return id;
}

bool SocketSessionPage::receiveDatagram()
{
    if (!m_session)
        return false;
    SocketChunk d;
    if (!m_session->recvFrom(&d))
        return false;
    addResult(QStringLiteral("recvfrom"), SocketResult::ok(d.data),
              tr("from %1 (%2, port %3)").arg(d.peer.host, d.peer.family).arg(d.peer.port));
    return true;
}

void SocketSessionPage::flushFollow()
{
    m_followTimer.stop();
    if (m_followPending.isEmpty())
        return;
    addResult(tr("follow"), SocketResult::ok(m_followPending));
    m_followPending.clear();
}

void SocketSessionPage::setResultCap(int rows)
{
    m_resultCap = qMax(1, rows);
}

void SocketSessionPage::addResult(const QString &request, const SocketResult &r, const QString &extra)
{
    if (m_results->rowCount() >= m_resultCap) {
        const int remove = m_results->rowCount() - m_resultCap + 1;
        for (int i = 0; i < remove; ++i)
            m_results->removeRow(0);
        m_droppedResults += quint64(remove);
        m_resultsDropped->setText(tr("%n older result(s) dropped", nullptr, int(m_droppedResults)));
    }
    const int row = m_results->rowCount();
    m_results->insertRow(row);
    auto cell = [&](int column, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        if (column >= ResultTextColumn)
            item->setFont(monospaceFont());
        m_results->setItem(row, column, item);
    };
    constexpr int kShown = 4096;
    cell(ResultSeqColumn, QString::number(++m_resultSeq));
    cell(ResultRequestColumn, request);
    cell(ResultStatusColumn, QLatin1String(SocketResult::statusName(r.status)));
    cell(ResultErrnoColumn, r.errnum ? QString::number(r.errnum) : QString());
    cell(ResultMessageColumn, extra.isEmpty() ? r.message : (r.message.isEmpty() ? extra : r.message + QLatin1Char(' ') + extra));
    cell(ResultSizeColumn, QString::number(r.data.size()));
    cell(ResultTextColumn, ByteText::toEscaped(r.data.left(kShown)) + (r.data.size() > kShown ? QStringLiteral("…") : QString()));
    cell(ResultHexColumn, ByteText::toHex(r.data.left(kShown)) + (r.data.size() > kShown ? QStringLiteral(" …") : QString()));
    if (r.status == SocketResult::Status::Error) {
        for (int c = 0; c < ResultColumnCount; ++c)
            m_results->item(row, c)->setForeground(QColor(0xb0, 0x00, 0x20));
    }
    m_results->scrollToBottom();
    refreshInfo();
}

void SocketSessionPage::showChunk()
{
    const int row = m_transcriptView->currentIndex().row();
    const SocketChunk *c = m_transcriptModel->chunkAt(row);
    if (!c) {
        m_dump->clear();
        return;
    }
    QString head = tr("#%1 %2, %n byte(s)", nullptr, int(c->data.size()))
                       .arg(c->seq)
                       .arg(c->direction == SocketChunk::Direction::Sent ? tr("sent") : tr("received"));
    if (c->peer.isValid())
        head += QStringLiteral(", ") + c->peer.toString();
    m_dump->setPlainText(head + QLatin1Char('\n') + ByteText::hexDump(c->data, 64 * 1024));
}

void SocketSessionPage::updateTranscriptCount()
{
    if (!m_session)
        return;
    const SocketTranscript &t = m_session->transcript();
    QString text = tr("%n chunk(s) shown", nullptr, int(t.size()))
        + tr("; %1 bytes received, %2 bytes sent").arg(t.totalReceived()).arg(t.totalSent());
    if (t.dropped() > 0)
        text += tr("; %n older chunk(s) dropped", nullptr, int(t.dropped()));
    m_transcriptCount->setText(text);
}

} // namespace Boxscope
