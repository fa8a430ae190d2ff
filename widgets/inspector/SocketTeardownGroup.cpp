#include "inspector/SocketTeardownGroup.h"

#include "sockets/SocketResult.h"
#include "sockets/SocketSession.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>

namespace Boxscope {

SocketTeardownGroup::SocketTeardownGroup(SocketSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    m_shutdownHow = new QComboBox(this);
    m_shutdownHow->addItem(tr("write (SHUT_WR)"), int(SocketSession::ShutdownHow::Write));
    m_shutdownHow->addItem(tr("read (SHUT_RD)"), int(SocketSession::ShutdownHow::Read));
    m_shutdownHow->addItem(tr("both (SHUT_RDWR)"), int(SocketSession::ShutdownHow::Both));
    m_shutdownHow->setAccessibleName(tr("Shut down which side"));
    m_shutdown = new QPushButton(tr("Shutdown"), this);
    m_shutdown->setAccessibleName(tr("Shutdown"));
    m_close = new QPushButton(tr("Close"), this);
    m_close->setAccessibleName(tr("Close the socket"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch(1);
    if (session->kind() == SocketSession::Kind::Udp) {
        m_shutdownHow->hide();
        m_shutdown->hide();
    } else {
        layout->addWidget(m_shutdownHow);
        layout->addWidget(m_shutdown);
    }
    layout->addWidget(m_close);

    connect(m_shutdown, &QPushButton::clicked, this, &SocketTeardownGroup::shutdownFromForm);
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->close();
    });
}

void SocketTeardownGroup::shutdownFromForm()
{
    if (!m_session)
        return;
    const auto how = SocketSession::ShutdownHow(m_shutdownHow->currentData().toInt());
    const bool ok = m_session->shutdown(how);
    emit logMessage(ok ? LogLevel::Info : LogLevel::Error,
                    ok ? tr("shutdown(%1)").arg(m_shutdownHow->currentText())
                       : tr("shutdown failed: %1").arg(m_session->lastError().toString()));
    emit refreshNeeded();
}

void SocketTeardownGroup::refresh()
{
    const SocketSession::State s = m_session ? m_session->state() : SocketSession::State::Closed;
    m_shutdown->setEnabled(m_session && s == SocketSession::State::Connected);
    m_close->setEnabled(m_session && s != SocketSession::State::Closed);
}

} // namespace Boxscope
