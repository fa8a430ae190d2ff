#include "log/LogView.h"

#include "log/LogFilterProxy.h"
#include "log/LogModel.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace Boxscope {

LogView::LogView(LogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setAccessibleName(tr("Log view"));
    m_proxy = new LogFilterProxy(this);
    m_proxy->setSourceModel(model);

    m_level = new QComboBox(this);
    m_level->setAccessibleName(tr("Log level filter"));
    m_level->addItem(tr("All levels"), int(LogLevel::Debug));
    m_level->addItem(tr("Info and above"), int(LogLevel::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogLevel::Warning));
    m_level->addItem(tr("Errors only"), int(LogLevel::Error));

    m_connection = new QComboBox(this);
    m_connection->setAccessibleName(tr("Log connection filter"));
    m_connection->setToolTip(tr("Show only the lines about one connection"));
    m_connection->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_connection->addItem(tr("All connections"), QString());

    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter text"));
    m_text->setAccessibleName(tr("Log text filter"));
    m_text->setClearButtonEnabled(true);

    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setAccessibleName(tr("Clear the log"));
    m_save = new QPushButton(tr("Save…"), this);
    m_save->setAccessibleName(tr("Save the log to a file"));
    m_dropped = new QLabel(this);
    m_dropped->setAccessibleName(tr("Dropped log lines"));

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Log lines"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(LogModel::TimeColumn, 100);
    m_view->setColumnWidth(LogModel::LevelColumn, 70);
    m_view->setColumnWidth(LogModel::ConnectionColumn, 110);
    m_view->setColumnWidth(LogModel::SourceColumn, 110);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_level);
    bar->addWidget(m_connection);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_dropped);
    bar->addWidget(m_clear);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view);

    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setMinimumLevel(LogLevel(m_level->currentData().toInt())); });
    connect(m_connection, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setConnection(m_connection->currentData().toString()); });
    connect(m_model, &LogModel::connectionSeen, this, [this](const QString &name) {
        if (m_connection->findData(name) < 0)
            m_connection->addItem(name, name);
    });
    // Cleared: the names go with the lines (the chosen one stays while it is chosen).
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        for (int i = m_connection->count() - 1; i > 0; --i)
            if (i != m_connection->currentIndex())
                m_connection->removeItem(i);
    });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &LogFilterProxy::setText);
    connect(m_clear, &QPushButton::clicked, m_model, &LogModel::clear);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the log"), QStringLiteral("boxscope.log"));
        if (!path.isEmpty())
            saveTo(path);
    });
    connect(m_model, &LogModel::droppedChanged, this, &LogView::updateDropped);
    // Follow the newest line unless the person scrolled up.
    QScrollBar *sb = m_view->verticalScrollBar();
    connect(sb, &QScrollBar::valueChanged, this, [this, sb](int v) { m_follow = v >= sb->maximum(); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            m_view->scrollToBottom();
    });
    updateDropped();
}

bool LogView::saveTo(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text) || !m_model->save(&f)) {
        if (error)
            *error = f.errorString();
        m_model->append(LogLevel::Error, tr("log"), tr("Cannot save the log to %1: %2").arg(path, f.errorString()));
        return false;
    }
    m_model->append(LogLevel::Info, tr("log"), tr("Log saved to %1").arg(path));
    return true;
}

void LogView::updateDropped()
{
    const quint64 n = m_model->dropped();
    m_dropped->setText(n ? tr("%n older line(s) dropped", nullptr, int(qMin<quint64>(n, INT_MAX))) : QString());
    m_dropped->setVisible(n > 0);
}

} // namespace Boxscope
