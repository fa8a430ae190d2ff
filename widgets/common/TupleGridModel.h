#pragma once

#include "msgpack/MpRawArray.h"
#include "msgpack/MpValue.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace Boxscope {

/// An array of tuples (a select's result, a call's table of arrays, SQL rows) as a table, one
/// page at a time. It reads the shared result in place: no row is copied, a cell's text is made
/// in data() when a view asks for it, and a page is a window [page * pageSize, + pageSize) over
/// the row order (the server's, or the sorted one).
///
/// Columns: the given field names (a space's format), then #N for fields beyond them (1-based,
/// as Lua numbers a tuple's fields), as many as the widest tuple has. Sorting sorts a vector of
/// row numbers by one column, numbers by value (not text), over the whole result; results of
/// more than kMaxSortRows rows are not sorted (sortRefused()).
class TupleGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 1000;
    /// Sorting 100 000 rows takes about 0.35 s in a Debug build; above this the result is not sorted.
    static constexpr size_t kMaxSortRows = 500000;
    /// A cell's text in the grid stops here (the tooltip and the copy have more).
    static constexpr int kCellChars = 200;

    explicit TupleGridModel(QObject *parent = nullptr);

    /// Shows rows (an array inside *holder, or holder itself), keeping a share of holder.
    void setRows(std::shared_ptr<const MpValue> holder, const MpValue *rows, const QStringList &fieldNames);
    /// Shows rows kept as msgpack (a large select's Request::rawResult()): only the page shown
    /// is decoded, and a sort decodes the one column it sorts by.
    void setRawRows(std::shared_ptr<const MpRawArray> rows, const QStringList &fieldNames);
    void clear();

    size_t totalRows() const { return m_raw ? m_raw->size() : m_rows ? m_rows->size() : 0; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);
    int page() const { return m_page; }
    int pageCount() const;
    void setPage(int page);
    /// The position in the (sorted) order of the page's first row.
    size_t firstRow() const { return size_t(m_page) * size_t(m_pageSize); }

    /// The tuple shown in a row of the page, and its position in the result (0-based).
    const MpValue *tuple(int row) const;
    size_t resultRow(int row) const;
    /// The value in a cell, nullptr where the tuple has no such field.
    const MpValue *cell(const QModelIndex &index) const;

    /// -1: the server's order.
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// Back to the server's order.
    void unsort();
    /// How long the last sort took (ms).
    qint64 lastSortMs() const { return m_lastSortMs; }

    /// A value as one line of a cell: strings as their text (line breaks as ↵), null as "null",
    /// numbers, bin, ext values (decimal, uuid, datetime, interval, error) and nested arrays and
    /// maps as MpFormat::preview shows them, at most maxChars characters.
    static QString cellText(const MpValue &v, int maxChars);
    /// Whether a value is shown as a number (right-aligned, sorted by value).
    static bool isNumeric(const MpValue &v);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void pageChanged();
    /// sort() was asked for a result over kMaxSortRows rows.
    void sortRefused();

private:
    size_t orderAt(size_t position) const;
    void resetRows(const QStringList &fieldNames, size_t widest);
    void decodePage(); // m_pageRows for the raw rows of the current page

    std::shared_ptr<const MpRawArray> m_raw;
    std::vector<MpValue> m_pageRows; ///< the raw rows' current page, decoded
    std::shared_ptr<const MpValue> m_holder;
    const MpValue *m_rows = nullptr;
    QStringList m_fieldNames;
    int m_columns = 0;
    int m_pageSize = kDefaultPageSize;
    int m_page = 0;
    std::vector<uint32_t> m_order; ///< row numbers in sorted order; empty: the server's order
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_lastSortMs = 0;
};

} // namespace Boxscope
