#include "common/Tables.h"

#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace Boxscope {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &accessibleName)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 4);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

void fitColumnToTexts(QTableView *view, int column, std::initializer_list<QString> texts)
{
    QHeaderView *header = view->horizontalHeader();
    const QString title = view->model()->headerData(column, Qt::Horizontal).toString();
    int w = header->fontMetrics().horizontalAdvance(title);
    for (const QString &t : texts)
        w = std::max(w, view->fontMetrics().horizontalAdvance(t));
    view->setColumnWidth(column, w + 16);
}

} // namespace Boxscope
