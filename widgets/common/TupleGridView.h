#pragma once

#include "msgpack/MpValue.h"

#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QTableView;
class QToolButton;

namespace Boxscope {

class TupleGridModel;

/// A TupleGridModel in a table with page controls (first, previous, "rows 1–1000 of 100 000",
/// next, last), sorting by a click on a column's header (ascending, descending, then the
/// server's order again), Ctrl+C for the selected cells as tab-separated text and a context
/// menu that copies the selected rows as JSON, YAML or a Lua literal.
class TupleGridView : public QWidget
{
    Q_OBJECT
public:
    explicit TupleGridView(const QString &accessibleName, QWidget *parent = nullptr);

    TupleGridModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *pageLabel() const { return m_pageLabel; }
    QToolButton *firstPageButton() const { return m_first; }
    QToolButton *previousPageButton() const { return m_previous; }
    QToolButton *nextPageButton() const { return m_next; }
    QToolButton *lastPageButton() const { return m_last; }

    /// Column widths from the rows on screen (QTableView measures only those), at most 400 px.
    void fitColumns();

    /// The selected cells as lines of tab-separated text (rows in the order shown, a
    /// cell's tabs and line breaks escaped as \t, \n, \r).
    QString selectedCellsText() const;
    enum class RowFormat { Json, Yaml, Lua };
    /// The rows that hold a selected cell, as one array of tuples.
    QString selectedRowsText(RowFormat format) const;

private:
    void updatePageBar();
    void onHeaderClicked(int section);
    std::vector<int> selectedRows() const;

    TupleGridModel *m_model;
    QTableView *m_table;
    QLabel *m_pageLabel;
    QLabel *m_note;
    QToolButton *m_first;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_last;
};

} // namespace Boxscope
