#include "remotecall/FanOutPanel.h"

#include "client/Connection.h"
#include "client/FanOut.h"
#include "remotecall/FanOutColumn.h"
#include "remotecall/RequestForm.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

// What each instance's request may keep of its pushes: a few columns side by side stay
// within the memory one remote-call request may take.
constexpr qint64 kPushBytesPerInstance = 16 * 1024 * 1024;

} // namespace

FanOutPanel::FanOutPanel(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Fan-out"));
    m_instances = new QStandardItemModel(this);
    m_instanceList = new QListView(this);
    m_instanceList->setModel(m_instances);
    m_instanceList->setAccessibleName(tr("Instances"));
    m_instanceList->setToolTip(tr("The instances the request goes to: check those to send to"));
    m_instanceList->setMaximumWidth(260);

    // No connection of its own: names are typed, not completed from one instance's schema.
    m_form = new RequestForm(nullptr, this);
    m_form->asyncBox()->hide(); // every instance has its own connection: nothing to wait for
    m_send = new QPushButton(tr("Send to selected"), this);
    m_send->setAccessibleName(tr("Send to the selected instances"));
    m_send->setToolTip(tr("Send the request to every checked instance at once (Ctrl+Enter); "
                          "a fan-out still running is discarded"));
    m_export = new QPushButton(tr("Export JSON lines…"), this);
    m_export->setAccessibleName(tr("Export the fan-out as JSON lines"));
    m_export->setToolTip(tr("Every event of every instance, as boxscope-cli prints them, with \"instance\""));
    m_problem = new QLabel(this);
    m_problem->setAccessibleName(tr("Why the request cannot be sent"));
    m_problem->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Fan-out summary"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    auto *top = new QWidget(this);
    auto *formSide = new QVBoxLayout;
    formSide->addWidget(m_form);
    formSide->addLayout(buttons);
    formSide->addWidget(m_problem);
    formSide->addWidget(m_summary);
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_instanceList);
    topLayout->addLayout(formSide, 1);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setAccessibleName(tr("Results by instance"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("FanOutSplitter"));
    split->addWidget(top);
    split->addWidget(m_scroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_send, &QPushButton::clicked, this, &FanOutPanel::send);
    connect(m_export, &QPushButton::clicked, this, [this] { exportJsonLines(); });
    connect(m_form, &RequestForm::changed, this, &FanOutPanel::updateState);
    connect(m_form, &RequestForm::submitRequested, this, &FanOutPanel::send);
    connect(m_instances, &QStandardItemModel::itemChanged, this, &FanOutPanel::updateState);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    shortcut->setWhatsThis(tr("Send to the selected instances"));
    connect(shortcut, &QShortcut::activated, this, &FanOutPanel::send);
    updateState();
}

FanOutPanel::~FanOutPanel() = default;

void FanOutPanel::setInstances(const QList<QPair<QString, Connection *>> &instances)
{
    const QStringList wasChecked = checkedInstances();
    const QStringList wasListed = this->instances();
    m_list.clear();
    {
        const QSignalBlocker block(m_instances);
        m_instances->clear();
        for (const auto &[name, connection] : instances) {
            m_list << Instance { name, connection };
            auto *item = new QStandardItem(name);
            item->setCheckable(true);
            item->setEditable(false);
            item->setCheckState(!wasListed.contains(name) || wasChecked.contains(name) ? Qt::Checked : Qt::Unchecked);
            item->setAccessibleText(name);
            m_instances->appendRow(item);
        }
    }
    m_instanceList->reset();
    updateState();
}

QStringList FanOutPanel::instances() const
{
    QStringList names;
    for (const Instance &in : m_list)
        names << in.name;
    return names;
}

void FanOutPanel::setChecked(const QString &instance, bool checked)
{
    for (int row = 0; row < m_instances->rowCount(); ++row) {
        if (m_instances->item(row)->text() == instance)
            m_instances->item(row)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList FanOutPanel::checkedInstances() const
{
    QStringList names;
    for (int row = 0; row < m_instances->rowCount(); ++row) {
        if (m_instances->item(row)->checkState() == Qt::Checked)
            names << m_instances->item(row)->text();
    }
    return names;
}

QString FanOutPanel::sendProblem() const
{
    if (m_list.isEmpty())
        return tr("No instances to send to");
    if (checkedInstances().isEmpty())
        return tr("Check at least one instance");
    return m_form->problem();
}

void FanOutPanel::updateState()
{
    const QString problem = sendProblem();
    m_send->setEnabled(problem.isEmpty());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_export->setEnabled(m_fanOut != nullptr);
    if (m_fanOut) {
        const int n = m_fanOut->count();
        int done = 0;
        for (int i = 0; i < n; ++i)
            done += m_fanOut->isFinished(i) ? 1 : 0;
        m_summary->setText(
                m_fanOut->isFinished()
                        ? tr("%n instance(s): all finished, %1 failed", nullptr, n).arg(m_fanOut->failedCount())
                        : tr("%n instance(s): %1 finished", nullptr, n).arg(done));
    } else {
        m_summary->clear();
    }
}

bool FanOutPanel::send()
{
    if (!sendProblem().isEmpty())
        return false;
    RequestSpec spec = m_form->spec();
    spec.async = true;
    spec.pushRetentionBytes = kPushBytesPerInstance;
    const QStringList checked = checkedInstances();
    QList<FanOut::Target> targets;
    for (const Instance &in : m_list) {
        if (checked.contains(in.name))
            targets << FanOut::Target { in.name, in.connection };
    }

    // The previous fan-out goes with its columns; its pending requests are discarded.
    delete m_columnSplitter;
    m_columns.clear();
    delete m_fanOut;
    auto *fan = new FanOut(this);
    m_fanOut = fan;
    connect(fan, &FanOut::instanceFinished, this, &FanOutPanel::updateState);
    fan->start(spec, targets);

    m_columnSplitter = new QSplitter(Qt::Horizontal);
    m_columnSplitter->setObjectName(QStringLiteral("FanOutColumns"));
    m_columnSplitter->setChildrenCollapsible(false);
    for (int i = 0; i < fan->count(); ++i) {
        auto *column = new FanOutColumn(fan, i, m_columnSplitter);
        column->setMinimumWidth(220);
        m_columnSplitter->addWidget(column);
        m_columns.push_back(column);
    }
    m_scroll->setWidget(m_columnSplitter);
    updateState();
    emit sent(fan);
    return true;
}

bool FanOutPanel::exportJsonLines(const QString &chosen, QString *error)
{
    if (!m_fanOut)
        return false;
    QString path = chosen;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Export the fan-out"), QStringLiteral("fanout.jsonl"),
                                            tr("JSON lines (*.jsonl *.json);;All files (*)"));
        if (path.isEmpty())
            return false;
    }
    QFile f(path);
    QString failure;
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        failure = f.errorString();
    else if (!m_fanOut->writeJsonLines(&f, &failure) || !f.flush())
        failure = failure.isEmpty() ? f.errorString() : failure;
    if (failure.isEmpty())
        return true;
    if (error)
        *error = failure;
    m_summary->setText(tr("Export failed: %1").arg(failure));
    return false;
}

} // namespace Boxscope
