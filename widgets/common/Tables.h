#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace Boxscope {

/// A read-only table of rows: whole-row single selection, no row header, no word wrap,
/// compact rows, the last column stretched; named for accessibility.
QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &accessibleName);

} // namespace Boxscope
