#include "common/TupleGridModel.h"

#include "format/MpFormat.h"
#include "msgpack/MpExt.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFont>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace Boxscope {

namespace {

// What a cell sorts as: missing fields first, then null, booleans, numbers (by value, decimals
// included), strings (by their bytes: UTF-8 sorts by code point), bin, and everything else by
// its preview text.
struct SortKey
{
    enum Class : uint8_t { Missing, Nil, Bool, Number, Str, Bin, Other };
    Class cls = Missing;
    const MpValue *value = nullptr;
    double decimal = 0; ///< a decimal's value
    QString text;       ///< Other's preview
};

SortKey keyOf(const MpValue *v)
{
    SortKey k;
    k.value = v;
    if (!v)
        return k;
    switch (v->type()) {
    case MpValue::Type::Nil: k.cls = SortKey::Nil; break;
    case MpValue::Type::Bool: k.cls = SortKey::Bool; break;
    case MpValue::Type::Int:
    case MpValue::Type::UInt:
    case MpValue::Type::Float:
    case MpValue::Type::Double: k.cls = SortKey::Number; break;
    case MpValue::Type::Str: k.cls = SortKey::Str; break;
    case MpValue::Type::Bin: k.cls = SortKey::Bin; break;
    default:
        if (v->isExt() && v->extType() == MpExt::Decimal) {
            QString text;
            bool ok = MpExt::decodeDecimal(v->bytes(), &text);
            if (ok)
                k.decimal = text.toDouble(&ok);
            if (ok) {
                k.cls = SortKey::Number;
                break;
            }
        }
        k.cls = SortKey::Other;
        k.text = MpFormat::preview(*v, TupleGridModel::kCellChars);
        break;
    }
    return k;
}

double numberOf(const SortKey &k)
{
    return k.value->isExt() ? k.decimal : k.value->toDouble();
}

template<typename T>
int threeWay(T a, T b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Integers exactly (the whole int64 and uint64 ranges), anything else as doubles, NaN last.
int compareNumbers(const SortKey &a, const SortKey &b)
{
    const MpValue &x = *a.value, &y = *b.value;
    if (x.isInteger() && y.isInteger()) {
        bool okX = false, okY = false;
        const int64_t sx = x.toInt64(&okX), sy = y.toInt64(&okY);
        if (okX && okY)
            return threeWay(sx, sy);
        // At least one is above INT64_MAX, so non-negative; a negative one is the smaller.
        if (okX && sx < 0)
            return -1;
        if (okY && sy < 0)
            return 1;
        return threeWay(x.toUInt64(), y.toUInt64());
    }
    const double dx = numberOf(a), dy = numberOf(b);
    if (std::isnan(dx) || std::isnan(dy))
        return threeWay(std::isnan(dx), std::isnan(dy));
    return threeWay(dx, dy);
}

int compareKeys(const SortKey &a, const SortKey &b)
{
    if (a.cls != b.cls)
        return threeWay(a.cls, b.cls);
    switch (a.cls) {
    case SortKey::Missing:
    case SortKey::Nil: return 0;
    case SortKey::Bool: return threeWay(a.value->toBool(), b.value->toBool());
    case SortKey::Number: return compareNumbers(a, b);
    case SortKey::Str:
    case SortKey::Bin: return threeWay(a.value->bytes().compare(b.value->bytes()), 0);
    case SortKey::Other: return threeWay(a.text.compare(b.text), 0);
    }
    return 0;
}

} // namespace

TupleGridModel::TupleGridModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TupleGridModel::setRows(std::shared_ptr<const MpValue> holder, const MpValue *rows, const QStringList &fieldNames)
{
    beginResetModel();
    m_raw.reset();
    m_holder = std::move(holder);
    m_rows = rows && rows->isArray() ? rows : nullptr;
    // The widest tuple decides the columns: one pass over the sizes, nothing read inside.
    size_t widest = size_t(fieldNames.size());
    if (m_rows) {
        for (const MpValue &t : m_rows->items())
            widest = std::max(widest, t.isArray() ? t.size() : size_t(1));
    }
    resetRows(fieldNames, widest);
    endResetModel();
    emit pageChanged();
}

void TupleGridModel::setRawRows(std::shared_ptr<const MpRawArray> rows, const QStringList &fieldNames)
{
    beginResetModel();
    m_holder.reset();
    m_rows = nullptr;
    m_raw = std::move(rows);
    // The widest tuple: each row's array header, nothing decoded.
    size_t widest = size_t(fieldNames.size());
    if (m_raw) {
        for (size_t i = 0; i < m_raw->size(); ++i) {
            const qint64 n = m_raw->itemArraySize(i);
            widest = std::max(widest, n < 0 ? size_t(1) : size_t(n));
        }
    }
    resetRows(fieldNames, widest);
    endResetModel();
    emit pageChanged();
}

void TupleGridModel::resetRows(const QStringList &fieldNames, size_t widest)
{
    m_fieldNames = fieldNames;
    m_order.clear();
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    m_page = 0;
    m_columns = int(std::min<size_t>(widest, 100000));
    decodePage();
}

void TupleGridModel::decodePage()
{
    m_pageRows.clear();
    if (!m_raw)
        return;
    const int rows = rowCount();
    m_pageRows.reserve(size_t(rows));
    for (int row = 0; row < rows; ++row)
        m_pageRows.push_back(m_raw->item(resultRow(row)));
}

void TupleGridModel::clear()
{
    setRows(nullptr, nullptr, {});
}

void TupleGridModel::setPageSize(int rows)
{
    beginResetModel();
    m_pageSize = std::max(1, rows);
    m_page = 0;
    decodePage();
    endResetModel();
    emit pageChanged();
}

int TupleGridModel::pageCount() const
{
    const size_t total = totalRows();
    return total == 0 ? 1 : int((total + size_t(m_pageSize) - 1) / size_t(m_pageSize));
}

void TupleGridModel::setPage(int page)
{
    page = std::clamp(page, 0, pageCount() - 1);
    if (page == m_page)
        return;
    beginResetModel();
    m_page = page;
    decodePage();
    endResetModel();
    emit pageChanged();
}

size_t TupleGridModel::orderAt(size_t position) const
{
    return m_order.empty() ? position : m_order[position];
}

size_t TupleGridModel::resultRow(int row) const
{
    return orderAt(firstRow() + size_t(row));
}

const MpValue *TupleGridModel::tuple(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    if (m_raw)
        return size_t(row) < m_pageRows.size() ? &m_pageRows[size_t(row)] : nullptr;
    return m_rows ? &m_rows->at(resultRow(row)) : nullptr;
}

const MpValue *TupleGridModel::cell(const QModelIndex &index) const
{
    const MpValue *t = index.isValid() ? tuple(index.row()) : nullptr;
    if (!t)
        return nullptr;
    const size_t column = size_t(index.column());
    if (!t->isArray()) // not a tuple: the value itself in the first column
        return column == 0 ? t : nullptr;
    return column < t->size() ? &t->at(column) : nullptr;
}

int TupleGridModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    const size_t total = totalRows(), first = firstRow();
    return first >= total ? 0 : int(std::min(total - first, size_t(m_pageSize)));
}

int TupleGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

bool TupleGridModel::isNumeric(const MpValue &v)
{
    return v.isNumber() || (v.isExt() && v.extType() == MpExt::Decimal);
}

QString TupleGridModel::cellText(const MpValue &v, int maxChars)
{
    QString text;
    switch (v.type()) {
    case MpValue::Type::Nil: return QStringLiteral("null");
    case MpValue::Type::Str:
        text = MpFormat::bytesAsText(v.bytes().left(maxChars * 4));
        if (text.size() > maxChars) {
            text.truncate(maxChars - 1);
            text += QChar(0x2026);
        }
        text.replace(QLatin1Char('\n'), QChar(0x21B5));
        text.replace(QLatin1Char('\r'), QChar(0x21B5));
        text.replace(QLatin1Char('\t'), QLatin1Char(' '));
        return text;
    default: return MpFormat::preview(v, maxChars);
    }
}

QVariant TupleGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= m_columns)
        return {};
    const MpValue *v = cell(index);
    switch (role) {
    case Qt::DisplayRole: return v ? cellText(*v, kCellChars) : QString();
    case Qt::ToolTipRole:
        if (!v)
            return tr("no such field in this tuple");
        return QStringLiteral("%1: %2").arg(v->isExt() ? MpExt::typeName(v->extType())
                                                       : QString::fromLatin1(MpValue::typeName(v->type())),
                                            v->isStr() ? cellText(*v, 2000) : MpFormat::preview(*v, 2000));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
                Qt::Alignment((v && isNumeric(*v) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (v && v->isNil())
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (v && v->isNil()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    }
    return {};
}

QVariant TupleGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        // The row's position in the result as the server sent it, 1-based.
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return QString::number(resultRow(section) + 1);
        return {};
    }
    if (section < 0 || section >= m_columns)
        return {};
    const bool named = section < m_fieldNames.size() && !m_fieldNames.at(section).isEmpty();
    switch (role) {
    case Qt::DisplayRole: return named ? m_fieldNames.at(section) : QStringLiteral("#%1").arg(section + 1);
    case Qt::ToolTipRole: return tr("Field %1").arg(section + 1);
    }
    return {};
}

void TupleGridModel::sort(int column, Qt::SortOrder order)
{
    if ((!m_rows && !m_raw) || column < 0 || column >= m_columns)
        return;
    if (totalRows() > kMaxSortRows) {
        emit sortRefused();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    const size_t total = totalRows();
    std::vector<SortKey> keys;
    keys.reserve(total);
    std::vector<MpValue> cells; // raw rows: the column's cells, decoded for the sort only
    if (m_raw) {
        cells.resize(total);
        for (size_t i = 0; i < total; ++i) {
            bool present = false;
            if (m_raw->itemArraySize(i) < 0) {
                present = column == 0;
                if (present)
                    cells[i] = m_raw->item(i);
            } else {
                cells[i] = m_raw->field(i, size_t(column), &present);
            }
            keys.push_back(keyOf(present ? &cells[i] : nullptr));
        }
    } else {
        for (const MpValue &t : m_rows->items()) {
            const MpValue *v = t.isArray() ? (size_t(column) < t.size() ? &t.at(size_t(column)) : nullptr)
                                           : (column == 0 ? &t : nullptr);
            keys.push_back(keyOf(v));
        }
    }
    std::vector<uint32_t> rows(total);
    for (size_t i = 0; i < total; ++i)
        rows[i] = uint32_t(i);
    // Stable: equal cells keep the server's order, in both directions.
    const bool ascending = order == Qt::AscendingOrder;
    std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
        const int c = compareKeys(keys[a], keys[b]);
        return ascending ? c < 0 : c > 0;
    });
    beginResetModel();
    m_order = std::move(rows);
    m_sortColumn = column;
    m_sortOrder = order;
    m_page = 0;
    decodePage();
    endResetModel();
    m_lastSortMs = clock.elapsed();
    emit pageChanged();
}

void TupleGridModel::unsort()
{
    beginResetModel();
    m_order.clear();
    m_sortColumn = -1;
    m_page = 0;
    decodePage();
    endResetModel();
    emit pageChanged();
}

} // namespace Boxscope
