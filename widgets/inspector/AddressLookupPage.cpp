#include "inspector/AddressLookupPage.h"

#include "common/Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <netdb.h>
#include <sys/socket.h>

namespace Boxscope {

AddressLookupPage::AddressLookupPage(QWidget *parent)
    : QWidget(parent)
    , m_resolver(new AddressResolver(this))
{
    m_host = new QLineEdit(QStringLiteral("localhost"), this);
    m_host->setAccessibleName(tr("Host to look up"));
    m_service = new QLineEdit(this);
    m_service->setPlaceholderText(tr("port or service, e.g. 3301 or http"));
    m_service->setAccessibleName(tr("Port or service"));
    m_type = new QComboBox(this);
    m_type->addItem(tr("any type"), 0);
    m_type->addItem(QStringLiteral("SOCK_STREAM"), int(SOCK_STREAM));
    m_type->addItem(QStringLiteral("SOCK_DGRAM"), int(SOCK_DGRAM));
    m_type->setAccessibleName(tr("Socket type"));
    m_family = new QComboBox(this);
    m_family->addItem(tr("any family"), int(AF_UNSPEC));
    m_family->addItem(QStringLiteral("AF_INET"), int(AF_INET));
    m_family->addItem(QStringLiteral("AF_INET6"), int(AF_INET6));
    m_family->setAccessibleName(tr("Address family"));
    m_lookup = new QPushButton(tr("getaddrinfo"), this);
    m_lookup->setAccessibleName(tr("Look up addresses"));
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Lookup status"));
    m_results = new QTableWidget(0, 5, this);
    m_results->setHorizontalHeaderLabels({ tr("host"), tr("family"), tr("type"), tr("protocol"), tr("port") });
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setAccessibleName(tr("Addresses found"));

    auto *form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("host"), this));
    form->addWidget(m_host, 2);
    form->addWidget(new QLabel(tr("port"), this));
    form->addWidget(m_service, 1);
    form->addWidget(m_type);
    form->addWidget(m_family);
    form->addWidget(m_lookup);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("socket.getaddrinfo(host, port, {type=, family=})"), this));
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);

    connect(m_lookup, &QPushButton::clicked, this, &AddressLookupPage::lookup);
    connect(m_host, &QLineEdit::returnPressed, this, &AddressLookupPage::lookup);
    connect(m_resolver, &AddressResolver::finished, this,
            [this](quint64 id, const QList<SocketAddress> &rows, const SocketResult &error) {
                if (id != m_current)
                    return; // an older lookup answered late
                m_lookup->setEnabled(true);
                m_results->setRowCount(0);
                const QString query = m_host->text().trimmed();
                if (error.status != SocketResult::Status::Ok) {
                    m_status->setText(
                            tr("getaddrinfo(%1) failed: %2 %3").arg(query).arg(error.errnum).arg(error.message));
                    Theme::setTextColor(m_status, Theme::Color::Error);
                    emit logMessage(LogLevel::Error, m_status->text());
                    emit finished();
                    return;
                }
                for (const SocketAddress &a : rows) {
                    const int row = m_results->rowCount();
                    m_results->insertRow(row);
                    const QStringList cells { a.host, a.family, a.type, a.protocol, QString::number(a.port) };
                    for (int c = 0; c < cells.size(); ++c)
                        m_results->setItem(row, c, new QTableWidgetItem(cells.at(c)));
                }
                m_results->resizeColumnsToContents();
                Theme::setTextColor(m_status, std::nullopt);
                m_status->setText(tr("getaddrinfo(%1): %n address(es)", nullptr, int(rows.size())).arg(query));
                emit logMessage(LogLevel::Info, m_status->text());
                emit finished();
            });
    setAccessibleName(tr("Address lookup"));
}

quint64 AddressLookupPage::lookup()
{
    AddressResolver::Query q;
    q.host = m_host->text().trimmed();
    q.service = m_service->text().trimmed();
    q.type = m_type->currentData().toInt();
    q.family = m_family->currentData().toInt();
    Theme::setTextColor(m_status, std::nullopt);
    m_status->setText(tr("looking up %1…").arg(q.host));
    m_lookup->setEnabled(false);
    m_current = m_resolver->lookup(q);
    return m_current;
}

} // namespace Boxscope
