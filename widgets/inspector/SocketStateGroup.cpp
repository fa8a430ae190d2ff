#include "inspector/SocketStateGroup.h"

#include "common/Theme.h"

#include "sockets/SocketResult.h"
#include "sockets/SocketSession.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Boxscope {

namespace {

QString addressText(const SocketAddress &a)
{
    if (!a.isValid())
        return QStringLiteral("—");
    QStringList parts { a.isUnix() ? a.path : a.host, a.family };
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

SocketStateGroup::SocketStateGroup(SocketSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    createWidgets();
    layOut();

    connect(m_wait, &QPushButton::clicked, this, &SocketStateGroup::startWait);
    connect(session, &SocketSession::waitFinished, this, [this](quint64, const QString &what) {
        m_waitResult->setText(what.isEmpty() ? tr("timed out (\"\")") : QStringLiteral("\"%1\"").arg(what));
        emit logMessage(LogLevel::Info, tr("wait → \"%1\"").arg(what));
        emit refreshNeeded();
    });
}

void SocketStateGroup::createWidgets()
{
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
}

void SocketStateGroup::layOut()
{
    auto *info = new QGridLayout(this);
    info->setContentsMargins(0, 0, 0, 0);
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
}

void SocketStateGroup::startWait()
{
    if (!m_session)
        return;
    const auto what = SocketSession::WaitFlags(m_waitWhat->currentData().toInt());
    const double t = m_waitTimeout->value();
    m_waitResult->setText(tr("waiting…"));
    m_session->wait(what, t > 0 ? int(t * 1000) : -1);
}

void SocketStateGroup::refresh()
{
    if (!m_session) {
        m_state->setText(tr("gone"));
        m_wait->setEnabled(false);
        return;
    }
    QString state = QLatin1String(SocketSession::stateName(m_session->state()));
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
    Theme::setTextColor(m_lastError, e.errnum ? std::optional(Theme::Color::Error) : std::nullopt);
    m_readiness->setText(tr("readable: %1, writable: %2, nonblock: %3")
                                 .arg(m_session->isReadable() ? tr("yes") : tr("no"),
                                      m_session->isWritable() ? tr("yes") : tr("no"),
                                      m_session->isNonBlocking() ? tr("yes") : tr("no")));
}

} // namespace Boxscope
