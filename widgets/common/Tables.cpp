#include "common/Tables.h"

#include <QHeaderView>
#include <QTableView>

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

} // namespace Boxscope
