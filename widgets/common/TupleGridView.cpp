#include "common/TupleGridView.h"

#include "common/TupleGridModel.h"
#include "format/MpFormat.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace Boxscope {

TupleGridView::TupleGridView(const QString &accessibleName, QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(accessibleName);
    m_model = new TupleGridModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("%1 table").arg(accessibleName));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionsClickable(true);
    m_table->horizontalHeader()->setSortIndicatorShown(false);
    m_table->horizontalHeader()->setDefaultSectionSize(120);

    auto button = [this](const QString &text, const QString &name) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setAccessibleName(name);
        b->setToolTip(name);
        b->setAutoRaise(true);
        return b;
    };
    m_first = button(QStringLiteral("|◀"), tr("First page"));
    m_previous = button(QStringLiteral("◀"), tr("Previous page"));
    m_next = button(QStringLiteral("▶"), tr("Next page"));
    m_last = button(QStringLiteral("▶|"), tr("Last page"));
    m_pageLabel = new QLabel(this);
    m_pageLabel->setAccessibleName(tr("%1 rows shown").arg(accessibleName));
    m_note = new QLabel(this);
    m_note->setAccessibleName(tr("%1 note").arg(accessibleName));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_first);
    bar->addWidget(m_previous);
    bar->addWidget(m_pageLabel);
    bar->addWidget(m_next);
    bar->addWidget(m_last);
    bar->addWidget(m_note, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(bar);

    auto action = [this](const QString &text, auto &&slot) {
        auto *a = new QAction(text, m_table);
        connect(a, &QAction::triggered, this, slot);
        m_table->addAction(a);
        return a;
    };
    QAction *copy = action(tr("Copy"), [this] { QApplication::clipboard()->setText(selectedCellsText()); });
    // Ctrl+C is the window's Edit > Copy, which triggers the focused view's "copySelection"
    // action (two shortcuts on one key would cancel each other).
    copy->setObjectName(QStringLiteral("copySelection"));
    action(tr("Copy rows as JSON"), [this] { QApplication::clipboard()->setText(selectedRowsText(RowFormat::Json)); });
    action(tr("Copy rows as YAML"), [this] { QApplication::clipboard()->setText(selectedRowsText(RowFormat::Yaml)); });
    action(tr("Copy rows as Lua"), [this] { QApplication::clipboard()->setText(selectedRowsText(RowFormat::Lua)); });
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_first, &QToolButton::clicked, this, [this] { m_model->setPage(0); });
    connect(m_previous, &QToolButton::clicked, this, [this] { m_model->setPage(m_model->page() - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { m_model->setPage(m_model->page() + 1); });
    connect(m_last, &QToolButton::clicked, this, [this] { m_model->setPage(m_model->pageCount() - 1); });
    connect(m_model, &TupleGridModel::pageChanged, this, &TupleGridView::updatePageBar);
    connect(m_model, &TupleGridModel::modelReset, this, [this] { m_note->clear(); });
    connect(m_model, &TupleGridModel::sortRefused, this,
            [this] { m_note->setText(tr("Over %L1 rows: not sorted").arg(qulonglong(TupleGridModel::kMaxSortRows))); });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, &TupleGridView::onHeaderClicked);
    updatePageBar();
}

void TupleGridView::updatePageBar()
{
    const size_t total = m_model->totalRows();
    const int rows = m_model->rowCount();
    const QLocale locale;
    if (total == 0)
        m_pageLabel->setText(tr("no rows"));
    else
        m_pageLabel->setText(tr("rows %1–%2 of %3")
                                     .arg(locale.toString(qulonglong(m_model->firstRow() + 1)),
                                          locale.toString(qulonglong(m_model->firstRow() + size_t(rows))),
                                          locale.toString(qulonglong(total))));
    m_pageLabel->setAccessibleDescription(m_pageLabel->text());
    const bool paged = m_model->pageCount() > 1;
    for (QToolButton *b : { m_first, m_previous, m_next, m_last })
        b->setVisible(paged);
    m_first->setEnabled(m_model->page() > 0);
    m_previous->setEnabled(m_model->page() > 0);
    m_next->setEnabled(m_model->page() + 1 < m_model->pageCount());
    m_last->setEnabled(m_model->page() + 1 < m_model->pageCount());
    QHeaderView *header = m_table->horizontalHeader();
    header->setSortIndicatorShown(m_model->sortColumn() >= 0);
    if (m_model->sortColumn() >= 0)
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

void TupleGridView::onHeaderClicked(int section)
{
    // Ascending, descending, then the server's order again.
    if (m_model->sortColumn() != section)
        m_model->sort(section, Qt::AscendingOrder);
    else if (m_model->sortOrder() == Qt::AscendingOrder)
        m_model->sort(section, Qt::DescendingOrder);
    else
        m_model->unsort();
    if (m_model->sortColumn() >= 0 && m_model->lastSortMs() > 0)
        m_note->setText(tr("sorted in %1 ms").arg(m_model->lastSortMs()));
}

void TupleGridView::fitColumns()
{
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), 400));
}

QString TupleGridView::selectedCellsText() const
{
    std::map<int, std::vector<int>> cells; // row -> columns, both in view order
    for (const QModelIndex &i : m_table->selectionModel()->selectedIndexes())
        cells[i.row()].push_back(i.column());
    QStringList lines;
    for (auto &[row, columns] : cells) {
        std::sort(columns.begin(), columns.end());
        QStringList fields;
        for (int column : columns) {
            const MpValue *v = m_model->cell(m_model->index(row, column));
            QString text = v ? TupleGridModel::cellText(*v, 1 << 20) : QString();
            if (v && v->isStr()) {
                text = MpFormat::bytesAsText(v->bytes());
                text.replace(QLatin1Char('\t'), QLatin1String("\\t"));
                text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
                text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
            }
            fields << text;
        }
        lines << fields.join(QLatin1Char('\t'));
    }
    return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

std::vector<int> TupleGridView::selectedRows() const
{
    std::vector<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedIndexes())
        rows.push_back(i.row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

QString TupleGridView::selectedRowsText(RowFormat format) const
{
    std::vector<MpValue> tuples; // copies of the selected rows only
    for (int row : selectedRows()) {
        if (const MpValue *t = m_model->tuple(row))
            tuples.push_back(*t);
    }
    switch (format) {
    case RowFormat::Json: return MpFormat::toJson(MpValue::array(std::move(tuples)));
    case RowFormat::Lua: return MpFormat::toLua(MpValue::array(std::move(tuples)));
    case RowFormat::Yaml: {
        // As the console prints a select: a list of tuples, each in flow style.
        MpFormat::YamlAnchors style;
        for (size_t i = 0; i < tuples.size(); ++i)
            style.flow.push_back({ 0, i });
        return MpFormat::yamlDocument({ MpValue::array(std::move(tuples)) }, &style);
    }
    }
    return {};
}

} // namespace Boxscope
