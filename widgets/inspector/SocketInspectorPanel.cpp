#include "inspector/SocketInspectorPanel.h"

#include "common/Theme.h"

#include "inspector/AddressLookupPage.h"
#include "inspector/SocketOptionsEditor.h"
#include "inspector/SocketServerPage.h"
#include "inspector/SocketSessionPage.h"
#include "log/LogModel.h"
#include "sockets/SocketServer.h"
#include "sockets/SocketSession.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Boxscope {

namespace {
constexpr int kPageRole = Qt::UserRole + 1;
}

SocketInspectorPanel::SocketInspectorPanel(LogModel *logModel, QWidget *parent)
    : QWidget(parent)
    , m_logModel(logModel)
{
    setObjectName(QStringLiteral("SocketInspectorPanel"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("TCP client (tcp_connect)"), TcpClient);
    m_kind->addItem(tr("TCP server (tcp_server)"), TcpServer);
    m_kind->addItem(tr("UDP (bind)"), Udp);
    m_kind->addItem(tr("Unix client (unix/)"), UnixClient);
    m_kind->addItem(tr("Unix server (unix/)"), UnixServer);
    m_kind->setAccessibleName(tr("New session kind"));
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"), this);
    m_host->setAccessibleName(tr("Host"));
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(3301);
    m_port->setAccessibleName(tr("Port"));
    m_port->setToolTip(tr("0: any free port (servers and UDP)"));
    m_path = new QLineEdit(this);
    m_path->setPlaceholderText(tr("/path/to/socket"));
    m_path->setAccessibleName(tr("Unix socket path"));
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setValue(5);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("no timeout"));
    m_timeout->setAccessibleName(tr("Connect timeout"));
    m_open = new QPushButton(tr("Open"), this);
    m_open->setAccessibleName(tr("Open session"));
    m_open->setDefault(true);
    m_formError = new QLabel(this);
    m_formError->setWordWrap(true);
    Theme::setTextColor(m_formError, Theme::Color::Error);
    m_formError->setAccessibleName(tr("Open error"));
    m_formError->hide();

    auto *form = new QGridLayout;
    form->addWidget(m_kind, 0, 0, 1, 4);
    form->addWidget(new QLabel(tr("host"), this), 1, 0);
    form->addWidget(m_host, 1, 1);
    form->addWidget(new QLabel(tr("port"), this), 1, 2);
    form->addWidget(m_port, 1, 3);
    form->addWidget(new QLabel(tr("path"), this), 2, 0);
    form->addWidget(m_path, 2, 1, 1, 3);
    form->addWidget(new QLabel(tr("timeout"), this), 3, 0);
    form->addWidget(m_timeout, 3, 1);
    form->addWidget(m_open, 3, 3);
    form->setColumnStretch(1, 1);

    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({ tr("Session"), tr("State") });
    m_tree->setAccessibleName(tr("Socket sessions"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_remove = new QPushButton(tr("Close and remove"), this);
    m_remove->setAccessibleName(tr("Close and remove the selected session"));

    auto *left = new QWidget(this);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addLayout(form);
    ll->addWidget(m_formError);
    ll->addWidget(m_tree, 1);
    ll->addWidget(m_remove);

    m_stack = new QStackedWidget(this);
    m_stack->setAccessibleName(tr("Selected session"));
    m_lookup = new AddressLookupPage(this);
    connect(m_lookup, &AddressLookupPage::logMessage, this,
            [this](LogLevel level, const QString &text) { log(level, tr("getaddrinfo"), text); });
    m_lookupItem = addPage(m_lookup, tr("Address lookup (getaddrinfo)"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_stack);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({ 330, 900 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &SocketInspectorPanel::updateForm);
    connect(m_open, &QPushButton::clicked, this, &SocketInspectorPanel::openFromForm);
    connect(m_remove, &QPushButton::clicked, this, &SocketInspectorPanel::removeCurrent);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        if (auto *page = static_cast<QWidget *>(item->data(0, kPageRole).value<void *>()))
            m_stack->setCurrentWidget(page);
        m_remove->setEnabled(item != m_lookupItem);
    });
    updateForm();
    m_tree->setCurrentItem(m_lookupItem);
}

SocketInspectorPanel::~SocketInspectorPanel()
{
    // Pages go before the sessions they show.
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
        it.key()->disconnect(this);
}

void SocketInspectorPanel::updateForm()
{
    const auto kind = Kind(m_kind->currentData().toInt());
    const bool unix = kind == UnixClient || kind == UnixServer;
    m_host->setEnabled(!unix);
    m_port->setEnabled(!unix);
    m_path->setEnabled(unix);
    m_timeout->setEnabled(kind == TcpClient || kind == UnixClient);
    if ((kind == TcpServer || kind == Udp) && m_port->value() == 3301)
        m_port->setValue(0);
}

void SocketInspectorPanel::log(LogLevel level, const QString &source, const QString &text)
{
    if (m_logModel)
        m_logModel->append(level, source, text);
}

void SocketInspectorPanel::showError(const QString &text)
{
    m_formError->setText(text);
    m_formError->setVisible(!text.isEmpty());
}

QTreeWidgetItem *SocketInspectorPanel::addPage(QWidget *page, const QString &title, QTreeWidgetItem *parent)
{
    m_stack->addWidget(page);
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(0, title);
    item->setToolTip(0, title); // whole in a narrow list
    item->setData(0, kPageRole, QVariant::fromValue<void *>(page));
    if (parent)
        parent->setExpanded(true);
    return item;
}

SocketSessionPage *SocketInspectorPanel::addSession(SocketSession *session, QTreeWidgetItem *parent)
{
    auto *page = new SocketSessionPage(session, this);
    QTreeWidgetItem *item = addPage(page, page->title(), parent);
    m_pages.insert(session, page);
    auto update = [item, page, session] {
        item->setText(0, page->title());
        item->setToolTip(0, page->title());
        QString state = QLatin1String(SocketSession::stateName(session->state()));
        // The socket stays open after the peer's close (as Tarantool's socket does): say it.
        if (session->atEof() && session->state() != SocketSession::State::Closed)
            state += tr(", peer closed");
        item->setText(1, state);
        page->setAccessibleName(page->title());
    };
    update();
    connect(session, &SocketSession::eofReached, this, update);
    const QString source = tr("socket #%1").arg(m_pages.size());
    connect(page, &SocketSessionPage::titleChanged, this, update);
    connect(page, &SocketSessionPage::logMessage, this, [this, page, source](LogLevel level, const QString &text) {
        log(level, source, QStringLiteral("%1: %2").arg(page->title(), text));
    });
    connect(page->options(), &SocketOptionsEditor::logMessage, this,
            [this, page, source](LogLevel level, const QString &text) {
                log(level, source, QStringLiteral("%1: %2").arg(page->title(), text));
            });
    connect(session, &QObject::destroyed, this, [this, session, page] { forget(session, page); });
    return page;
}

SocketSessionPage *SocketInspectorPanel::openTcpClient(const QString &host, quint16 port, int timeoutMs)
{
    auto *s = new SocketSession(this);
    SocketSessionPage *page = addSession(s);
    log(LogLevel::Info, tr("socket"), tr("tcp_connect(%1, %2)").arg(host).arg(port));
    s->tcpConnect(host, port, timeoutMs);
    showPage(page);
    showError(QString());
    return page;
}

SocketSessionPage *SocketInspectorPanel::openUnixClient(const QString &path, int timeoutMs)
{
    auto *s = new SocketSession(this);
    SocketSessionPage *page = addSession(s);
    log(LogLevel::Info, tr("socket"), tr("tcp_connect('unix/', %1)").arg(path));
    s->unixConnect(path, timeoutMs);
    showPage(page);
    showError(QString());
    return page;
}

SocketSessionPage *SocketInspectorPanel::openUdp(const QString &host, quint16 port)
{
    auto *s = new SocketSession(this);
    if (!s->udpBind(host, port)) {
        const QString error = tr("UDP bind %1:%2 failed: %3").arg(host).arg(port).arg(s->lastError().toString());
        delete s;
        showError(error);
        log(LogLevel::Error, tr("socket"), error);
        return nullptr;
    }
    SocketSessionPage *page = addSession(s);
    log(LogLevel::Info, tr("socket"), tr("UDP socket bound to %1").arg(s->name().toString()));
    showPage(page);
    showError(QString());
    return page;
}

SocketServerPage *SocketInspectorPanel::openTcpServer(const QString &host, quint16 port)
{
    auto *server = new SocketServer(this);
    if (!server->listenTcp(host, port)) {
        const QString error =
                tr("tcp_server(%1, %2) failed: %3").arg(host).arg(port).arg(server->lastError().toString());
        delete server;
        showError(error);
        log(LogLevel::Error, tr("socket"), error);
        return nullptr;
    }
    return addServer(server);
}

SocketServerPage *SocketInspectorPanel::openUnixServer(const QString &path)
{
    auto *server = new SocketServer(this);
    if (!server->listenUnix(path)) {
        const QString error = tr("Unix server on %1 failed: %2").arg(path, server->lastError().toString());
        delete server;
        showError(error);
        log(LogLevel::Error, tr("socket"), error);
        return nullptr;
    }
    return addServer(server);
}

SocketServerPage *SocketInspectorPanel::addServer(SocketServer *server)
{
    auto *page = new SocketServerPage(server, this);
    QTreeWidgetItem *item = addPage(page, page->title());
    item->setText(1, tr("listening"));
    m_pages.insert(server, page);
    const QString source = tr("server #%1").arg(m_pages.size());
    connect(page, &SocketServerPage::logMessage, this, [this, page, source](LogLevel level, const QString &text) {
        log(level, source, QStringLiteral("%1: %2").arg(page->title(), text));
    });
    connect(page, &SocketServerPage::titleChanged, this, [item, page, server] {
        item->setText(0, page->title());
        item->setText(1, server->state() == SocketServer::State::Listening ? tr("listening") : tr("closed"));
    });
    connect(page, &SocketServerPage::sessionActivated, this, [this](SocketSession *s) { showPage(pageFor(s)); });
    connect(server, &SocketServer::newSession, this, [this, item](SocketSession *s) { addSession(s, item); });
    connect(server, &QObject::destroyed, this, [this, server, page] { forget(server, page); });
    log(LogLevel::Info, source, tr("listening on %1").arg(server->address().toString()));
    showPage(page);
    showError(QString());
    return page;
}

QWidget *SocketInspectorPanel::openFromForm()
{
    const auto kind = Kind(m_kind->currentData().toInt());
    const QString host = m_host->text().trimmed();
    const quint16 port = quint16(m_port->value());
    const QString path = m_path->text().trimmed();
    const double t = m_timeout->value();
    const int timeoutMs = t > 0 ? int(t * 1000) : -1;
    if ((kind == UnixClient || kind == UnixServer) && path.isEmpty()) {
        showError(tr("A unix socket needs a path"));
        return nullptr;
    }
    if (kind != UnixClient && kind != UnixServer && host.isEmpty()) {
        showError(tr("A host is needed"));
        return nullptr;
    }
    switch (kind) {
    case TcpClient: return openTcpClient(host, port, timeoutMs);
    case TcpServer: return openTcpServer(host, port);
    case Udp: return openUdp(host, port);
    case UnixClient: return openUnixClient(path, timeoutMs);
    case UnixServer: return openUnixServer(path);
    }
    return nullptr;
}

SocketSessionPage *SocketInspectorPanel::pageFor(SocketSession *session) const
{
    return qobject_cast<SocketSessionPage *>(m_pages.value(session));
}

SocketServerPage *SocketInspectorPanel::pageFor(SocketServer *server) const
{
    return qobject_cast<SocketServerPage *>(m_pages.value(server));
}

void SocketInspectorPanel::showPage(QWidget *page)
{
    if (!page)
        return;
    m_stack->setCurrentWidget(page);
    if (QTreeWidgetItem *item = itemFor(page))
        m_tree->setCurrentItem(item);
}

QTreeWidgetItem *SocketInspectorPanel::itemFor(QWidget *page) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, kPageRole).value<void *>() == page)
            return *it;
    }
    return nullptr;
}

void SocketInspectorPanel::forget(QObject *socket, QWidget *page)
{
    m_pages.remove(socket);
    if (QTreeWidgetItem *item = itemFor(page)) {
        // Accepted clients outlive their server's row: move them up before it goes.
        while (item->childCount() > 0)
            m_tree->addTopLevelItem(item->takeChild(0));
        delete item;
    }
    m_stack->removeWidget(page);
    page->hide();
    page->deleteLater();
}

QWidget *SocketInspectorPanel::currentPage() const
{
    return m_stack->currentWidget();
}

int SocketInspectorPanel::sessionCount() const
{
    return int(m_pages.size());
}

void SocketInspectorPanel::removeCurrent()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || item == m_lookupItem)
        return;
    auto *page = static_cast<QWidget *>(item->data(0, kPageRole).value<void *>());
    if (auto *sp = qobject_cast<SocketSessionPage *>(page)) {
        if (SocketSession *s = sp->session()) {
            s->close();
            delete s;
        }
    } else if (auto *srv = qobject_cast<SocketServerPage *>(page)) {
        if (SocketServer *s = srv->server()) {
            s->close();
            delete s;
        }
    }
    m_tree->setCurrentItem(m_lookupItem);
}

} // namespace Boxscope
