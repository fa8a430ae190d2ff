#include "inspector/SocketServerPage.h"

#include "common/Theme.h"
#include "inspector/SocketOptionsEditor.h"
#include "sockets/SocketSession.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <cerrno>

namespace Boxscope {

SocketServerPage::SocketServerPage(SocketServer *server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
{
    m_state = new QLabel(this);
    m_state->setAccessibleName(tr("Server state"));
    m_address = new QLabel(this);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setAccessibleName(tr("Bound address (name)"));
    m_clients = new QListWidget(this);
    Theme::followItemColors(m_clients);
    m_clients->setAccessibleName(tr("Accepted clients"));
    m_options = new SocketOptionsEditor(this);
    m_close = new QPushButton(tr("Stop listening"), this);
    m_close->setAccessibleName(tr("Stop listening"));
    m_close->setToolTip(tr("close() the listening socket; accepted clients stay open"));

    auto *info = new QGridLayout;
    info->addWidget(new QLabel(tr("State:"), this), 0, 0);
    info->addWidget(m_state, 0, 1);
    info->addWidget(new QLabel(tr("name():"), this), 1, 0);
    info->addWidget(m_address, 1, 1);
    info->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(info);
    layout->addWidget(new QLabel(tr("Accepted clients (accept()) — double-click to open:"), this));
    layout->addWidget(m_clients, 1);
    layout->addWidget(new QLabel(tr("Options of the listening socket:"), this));
    layout->addWidget(m_options, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);

    m_options->setSocketObject(server, !server->isUnix(), [](SocketServer *s) { return s->lastError().errnum; });
    connect(m_options, &SocketOptionsEditor::logMessage, this, &SocketServerPage::logMessage);

    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_server)
            m_server->close();
    });
    connect(server, &SocketServer::stateChanged, this, [this](SocketServer::State) {
        refresh();
        emit titleChanged();
    });
    connect(server, &SocketServer::errorOccurred, this, [this](const SocketResult &e) {
        emit logMessage(LogLevel::Error, tr("error %1 %2").arg(e.errnum).arg(e.message));
    });
    connect(server, &SocketServer::newSession, this, [this](SocketSession *s) {
        auto *item =
                new QListWidgetItem(tr("#%1  %2").arg(m_server->acceptedCount()).arg(s->peer().toString()), m_clients);
        item->setData(Qt::UserRole, QVariant::fromValue<QObject *>(s));
        const QString text = item->text();
        connect(s, &SocketSession::stateChanged, m_clients, [item](SocketSession::State st) {
            item->setToolTip(QLatin1String(SocketSession::stateName(st)));
            if (st == SocketSession::State::Closed)
                Theme::setItemColor(item, Theme::Color::Muted);
        });
        connect(s, &SocketSession::eofReached, m_clients, [item, s, text] {
            if (s->state() == SocketSession::State::Closed)
                return;
            item->setText(tr("%1 · peer closed").arg(text));
            item->setToolTip(tr("%1, peer closed (EOF)").arg(QLatin1String(SocketSession::stateName(s->state()))));
        });
        emit logMessage(LogLevel::Info, tr("accepted a client from %1").arg(s->peer().toString()));
        refresh();
    });
    connect(m_clients, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (auto *s = qobject_cast<SocketSession *>(item->data(Qt::UserRole).value<QObject *>()))
            emit sessionActivated(s);
    });
    setAccessibleName(title());
    refresh();
}

QString SocketServerPage::title() const
{
    if (!m_server)
        return tr("Closed server");
    return (m_server->isUnix() ? tr("Unix server %1") : tr("TCP server %1")).arg(m_server->address().toString());
}

void SocketServerPage::refresh()
{
    if (!m_server)
        return;
    QString state;
    switch (m_server->state()) {
    case SocketServer::State::Idle: state = tr("idle"); break;
    case SocketServer::State::Listening: state = tr("listening"); break;
    case SocketServer::State::Closed: state = tr("closed"); break;
    }
    m_state->setText(tr("%1, %n client(s) accepted", nullptr, int(m_server->acceptedCount())).arg(state));
    const SocketAddress a = m_server->address();
    m_address->setText(
            a.isUnix() ? QStringLiteral("%1  %2").arg(a.path, a.family)
                       : QStringLiteral("%1  %2  %3  %4  %5").arg(a.host, a.family, a.type, a.protocol).arg(a.port));
    m_close->setEnabled(m_server->state() == SocketServer::State::Listening);
}

} // namespace Boxscope
