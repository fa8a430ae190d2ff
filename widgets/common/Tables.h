#pragma once

#include <QString>

#include <initializer_list>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace Boxscope {

/// A read-only table of rows: whole-row single selection, no row header, no word wrap,
/// compact rows, the last column stretched; named for accessibility.
QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &accessibleName);

/// Makes a column as wide as its header and the widest of texts (the longest it usually
/// holds) in the view's font, with the cell's margins.
void fitColumnToTexts(QTableView *view, int column, std::initializer_list<QString> texts);

} // namespace Boxscope
