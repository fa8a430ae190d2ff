#include "inspector/SocketSessionPage.h"

#include "common/Fonts.h"
#include "common/Tables.h"
#include "inspector/SocketOptionsEditor.h"
#include "inspector/SocketReadResults.h"
#include "inspector/SocketReceiveGroup.h"
#include "inspector/SocketSendGroup.h"
#include "inspector/SocketStateGroup.h"
#include "inspector/SocketTeardownGroup.h"
#include "inspector/SocketTranscriptModel.h"
#include "sockets/ByteText.h"
#include "sockets/SocketResult.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <type_traits>

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

} // namespace

SocketSessionPage::SocketSessionPage(SocketSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_transcriptModel(new SocketTranscriptModel(session, this))
{
    // Created in the order a person tabs through them.
    m_stateGroup = new SocketStateGroup(session, this);
    m_sendGroup = new SocketSendGroup(session, this);
    m_receiveGroup = new SocketReceiveGroup(session, this);
    QWidget *transcript = createTranscript(session->kind() == SocketSession::Kind::Udp);
    QWidget *conversation = createConversation(transcript);
    m_options = new SocketOptionsEditor(this);
    attachOptions();
    auto *tabs = new QTabWidget(this);
    tabs->setAccessibleName(tr("Session sections"));
    tabs->addTab(conversation, tr("Conversation"));
    tabs->addTab(m_options, tr("Options"));
    m_teardownGroup = new SocketTeardownGroup(session, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stateGroup);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_teardownGroup);

    connectGroups();
    connectSession(session);
    setAccessibleName(title());
    refreshInfo();
    updateTranscriptCount();
}

SocketSessionPage::~SocketSessionPage() = default;

QWidget *SocketSessionPage::createTranscript(bool udp)
{
    m_transcriptView = new QTableView(this);
    m_transcriptView->setModel(m_transcriptModel);
    m_transcriptView->verticalHeader()->hide();
    m_transcriptView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_transcriptView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_transcriptView->horizontalHeader()->setStretchLastSection(true);
    m_transcriptView->verticalHeader()->setDefaultSectionSize(m_transcriptView->fontMetrics().height() + 6);
    m_transcriptView->setAccessibleName(tr("Transcript: every chunk sent and received"));
    m_transcriptView->setWordWrap(false);
    // Columns as wide as the longest texts they hold: a peer is shown whole.
    fitColumnToTexts(m_transcriptView, SocketTranscriptModel::SeqColumn, { QStringLiteral("999999") });
    fitColumnToTexts(m_transcriptView, SocketTranscriptModel::DirectionColumn,
                     { SocketTranscriptModel::tr("sent"), SocketTranscriptModel::tr("received") });
    fitColumnToTexts(m_transcriptView, SocketTranscriptModel::TimeColumn, { QStringLiteral("00:00:00.000") });
    fitColumnToTexts(m_transcriptView, SocketTranscriptModel::SizeColumn, { QStringLiteral("9999999") });
    fitColumnToTexts(m_transcriptView, SocketTranscriptModel::PeerColumn,
                     { QStringLiteral("255.255.255.255:65535"),
                       QStringLiteral("[0000:0000:0000:0000:0000:0000:0000:0000]:65535"),
                       QStringLiteral("[dddd:dddd:dddd:dddd:dddd:dddd:dddd:dddd]:65535") });
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
    return transcriptBox;
}

QWidget *SocketSessionPage::createConversation(QWidget *transcript)
{
    // The transcript, the selected chunk and the read results one above the other, below the
    // sending and receiving forms.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(transcript);
    split->addWidget(m_dump);
    split->addWidget(m_receiveGroup->results());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 3);

    auto *conversation = new QWidget(this);
    auto *cl = new QVBoxLayout(conversation);
    cl->addWidget(m_sendGroup);
    cl->addWidget(m_receiveGroup);
    cl->addWidget(split, 1);
    return conversation;
}

void SocketSessionPage::connectGroups()
{
    // Each group logs through the page and asks it to refresh every group when the session's
    // state may have changed.
    auto forward = [this](auto *group) {
        using Group = std::remove_pointer_t<decltype(group)>;
        connect(group, &Group::logMessage, this, &SocketSessionPage::logMessage);
        connect(group, &Group::refreshNeeded, this, &SocketSessionPage::refreshInfo);
    };
    forward(m_stateGroup);
    forward(m_sendGroup);
    forward(m_receiveGroup);
    forward(m_teardownGroup);
    // A bad delimiter is shown where a bad text to send is.
    connect(m_receiveGroup, &SocketReceiveGroup::formError, m_sendGroup, &SocketSendGroup::showError);

    // readable()/writable() change with traffic: refreshed at most every 100 ms.
    m_infoTimer.setSingleShot(true);
    m_infoTimer.setInterval(100);
    connect(&m_infoTimer, &QTimer::timeout, this, &SocketSessionPage::refreshInfo);
    connect(m_transcriptModel, &LiveWindowModel::flushed, this, [this] {
        updateTranscriptCount();
        if (!m_infoTimer.isActive())
            m_infoTimer.start();
    });
    connect(m_transcriptView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SocketSessionPage::showChunk);
}

void SocketSessionPage::connectSession(SocketSession *session)
{
    connect(session, &SocketSession::stateChanged, this, [this](SocketSession::State s) {
        emit logMessage(LogLevel::Info, tr("state %1").arg(QLatin1String(SocketSession::stateName(s))));
        refreshInfo();
        emit titleChanged();
    });
    connect(session, &SocketSession::connected, this, [this] {
        emit logMessage(
                LogLevel::Info,
                tr("connected: name %1, peer %2").arg(m_session->name().toString(), m_session->peer().toString()));
        attachOptions(); // the kind (TCP or unix) is known now
    });
    connect(session, &SocketSession::errorOccurred, this, [this](const SocketResult &e) {
        emit logMessage(LogLevel::Error, tr("error %1 %2").arg(e.errnum).arg(e.message));
        refreshInfo();
    });
    connect(session, &SocketSession::closed, this, [this] {
        emit logMessage(LogLevel::Info, tr("closed"));
        refreshInfo();
        emit titleChanged();
    });
    connect(session, &QObject::destroyed, this, [this] { refreshInfo(); });
}

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
    m_stateGroup->refresh();
    m_sendGroup->refresh();
    m_receiveGroup->refresh();
    m_teardownGroup->refresh();
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
    // A received datagram's sender becomes the destination: Send answers it.
    if (c->direction == SocketChunk::Direction::Received && c->peer.isValid())
        m_sendGroup->setDestination(c->peer);
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
