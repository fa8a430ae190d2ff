#include "replicaset/ReplicaSetPanel.h"

#include "client/ReplicaSetMonitor.h"
#include "common/Tables.h"
#include "common/Theme.h"
#include "replicaset/LagSparklineDelegate.h"
#include "replicaset/ReplicaSetModel.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Boxscope {

ReplicaSetPanel::ReplicaSetPanel(QWidget *parent)
    : QWidget(parent)
    , m_monitor(new ReplicaSetMonitor(this))
    , m_model(new ReplicaSetModel(m_monitor, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *seedLabel = new QLabel(tr("Seed URI:"), this);
    m_seed = new QLineEdit(this);
    m_seed->setAccessibleName(tr("Seed URI"));
    m_seed->setPlaceholderText(tr("host:port of any instance"));
    seedLabel->setBuddy(m_seed);
    m_discover = new QPushButton(tr("Discover"), this);
    m_discover->setAccessibleName(tr("Discover the replica set"));
    m_discover->setToolTip(tr("Connect to the seed, read box.info.replication and follow every instance it names"));
    auto *intervalLabel = new QLabel(tr("Refresh every:"), this);
    m_interval = new QDoubleSpinBox(this);
    m_interval->setAccessibleName(tr("Refresh interval"));
    m_interval->setRange(0.2, 3600);
    m_interval->setDecimals(1);
    m_interval->setSingleStep(0.5);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(ReplicaSetMonitor::kDefaultIntervalMs / 1000.0);
    intervalLabel->setBuddy(m_interval);
    m_openAll = new QPushButton(tr("Open all as connections"), this);
    m_openAll->setAccessibleName(tr("Open all instances as connections"));
    m_openAll->setEnabled(false);
    bar->addWidget(seedLabel);
    bar->addWidget(m_seed, 1);
    bar->addWidget(m_discover);
    bar->addWidget(intervalLabel);
    bar->addWidget(m_interval);
    bar->addWidget(m_openAll);
    layout->addLayout(bar);

    m_table = makeTable(m_model, this, tr("Replica set instances"));
    m_table->setItemDelegateForColumn(ReplicaSetModel::LagChart, new LagSparklineDelegate(m_table));
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(ReplicaSetModel::Problem, QHeaderView::Stretch);
    m_table->setColumnWidth(ReplicaSetModel::LagChart, 100);
    fitColumnToTexts(m_table, ReplicaSetModel::Uri, { QStringLiteral("255.255.255.255:65535") });
    fitColumnToTexts(m_table, ReplicaSetModel::Vclock, { QStringLiteral("{1: 1234567, 2: 1234}") });
    // The short columns as wide as what they hold, so the table fits 1366 px with room for
    // the error column.
    fitColumnToTexts(m_table, ReplicaSetModel::Instance, { QStringLiteral("99") });
    fitColumnToTexts(m_table, ReplicaSetModel::Role, { tr("rw"), tr("ro") });
    fitColumnToTexts(m_table, ReplicaSetModel::Status, { tr("not answering"), QStringLiteral("running") });
    fitColumnToTexts(m_table, ReplicaSetModel::Upstream, { QStringLiteral("follow"), QStringLiteral("disconnected") });
    fitColumnToTexts(m_table, ReplicaSetModel::Downstream, { QStringLiteral("follow"), QStringLiteral("stopped") });
    fitColumnToTexts(m_table, ReplicaSetModel::Lag, { QStringLiteral("000.000 s") });
    fitColumnToTexts(m_table, ReplicaSetModel::Idle, { QStringLiteral("000.000 s") });
    fitColumnToTexts(m_table, ReplicaSetModel::Election, { QStringLiteral("candidate") });
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Replica set status"));
    layout->addWidget(m_status);

    connect(m_discover, &QPushButton::clicked, this, &ReplicaSetPanel::discover);
    connect(m_seed, &QLineEdit::returnPressed, this, &ReplicaSetPanel::discover);
    connect(m_interval, &QDoubleSpinBox::valueChanged, this,
            [this](double s) { m_monitor->setIntervalMs(int(s * 1000 + 0.5)); });
    connect(m_openAll, &QPushButton::clicked, this, &ReplicaSetPanel::openAll);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            addOpenButton(row);
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ReplicaSetPanel::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReplicaSetPanel::updateStatus);
    updateStatus();
}

ReplicaSetPanel::~ReplicaSetPanel() = default;

void ReplicaSetPanel::setSeed(const QString &uri, const QString &user, const QString &password)
{
    m_seed->setText(uri);
    m_user = user;
    m_password = password;
}

QString ReplicaSetPanel::seed() const
{
    return m_seed->text().trimmed();
}

void ReplicaSetPanel::discover()
{
    m_monitor->setCredentials(m_user, m_password);
    if (!m_monitor->start(seed())) {
        m_status->setText(tr("Cannot use the seed: %1").arg(m_monitor->error()));
        m_status->setAccessibleDescription(m_status->text());
        Theme::setTextColor(m_status, Theme::Color::Error);
        return;
    }
    updateStatus();
}

void ReplicaSetPanel::openAll()
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        emit openRequested(m_model->index(row, 0).data(ReplicaSetModel::UriRole).toString());
}

void ReplicaSetPanel::addOpenButton(int row)
{
    const QString uri = m_model->index(row, 0).data(ReplicaSetModel::UriRole).toString();
    auto *open = new QPushButton(tr("Open"), m_table);
    open->setAccessibleName(tr("Open %1 as a connection").arg(uri));
    open->setToolTip(open->accessibleName());
    connect(open, &QPushButton::clicked, this, [this, uri] { emit openRequested(uri); });
    m_table->setIndexWidget(m_model->index(row, ReplicaSetModel::Open), open);
}

QString ReplicaSetPanel::statusText() const
{
    return m_status->text();
}

void ReplicaSetPanel::updateStatus()
{
    const int n = m_monitor->count();
    m_openAll->setEnabled(n > 0);
    int down = 0;
    for (int i = 0; i < n; ++i)
        down += m_monitor->instance(i).isDown();
    QString text;
    if (!m_monitor->isRunning() && n == 0)
        text = tr("Enter the URI of any instance and press Discover.");
    else
        text = tr("Instances: %1, down: %2; refreshed every %3 s")
                       .arg(n)
                       .arg(down)
                       .arg(QLocale().toString(m_monitor->intervalMs() / 1000.0, 'g', 4));
    Theme::setTextColor(m_status, down > 0 ? std::optional(Theme::Color::Warning) : std::nullopt);
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
}

} // namespace Boxscope
