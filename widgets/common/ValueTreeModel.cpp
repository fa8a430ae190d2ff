#include "common/ValueTreeModel.h"

#include "format/MpFormat.h"
#include "msgpack/MpExt.h"

namespace Boxscope {

ValueTreeModel::ValueTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_data(std::make_shared<const MpValue>(MpValue::array()))
    , m_root(std::make_unique<Node>())
{ }

ValueTreeModel::~ValueTreeModel() = default;

void ValueTreeModel::setValues(std::vector<MpValue> values)
{
    setShared(std::make_shared<const MpValue>(MpValue::array(std::move(values))), true);
}

void ValueTreeModel::setValue(const MpValue &value)
{
    setValues({ value });
}

void ValueTreeModel::setShared(std::shared_ptr<const MpValue> data, bool itemsAsRows)
{
    beginResetModel();
    m_data = data ? std::move(data) : std::make_shared<const MpValue>(MpValue::array());
    m_itemsAsRows = itemsAsRows && m_data->isArray();
    // The top-level nodes are made on first access (expand), like every other level.
    m_root = std::make_unique<Node>();
    endResetModel();
}

void ValueTreeModel::clear()
{
    setShared(nullptr, true);
}

size_t ValueTreeModel::valueCount() const
{
    return m_itemsAsRows ? m_data->size() : 1;
}

const MpValue &ValueTreeModel::valueAt(size_t i) const
{
    return m_itemsAsRows ? m_data->at(i) : *m_data;
}

std::vector<MpValue> ValueTreeModel::valuesCopy() const
{
    return m_itemsAsRows ? m_data->items() : std::vector<MpValue> { *m_data };
}

void ValueTreeModel::expand(Node *node) const
{
    // Only the slots: a node is made when index() first asks for it, so a 100 000-tuple
    // result costs one pointer per row until rows are looked at.
    if (node->expanded)
        return;
    node->expanded = true;
    if (node == m_root.get())
        node->children.resize(valueCount());
    else if (node->value->isArray() || node->value->isMap())
        node->children.resize(node->value->size());
}

ValueTreeModel::Node *ValueTreeModel::child(Node *node, int row) const
{
    expand(node);
    if (row < 0 || size_t(row) >= node->children.size())
        return nullptr;
    std::unique_ptr<Node> &slot = node->children[size_t(row)];
    if (!slot) {
        slot = std::make_unique<Node>();
        slot->parent = node;
        slot->row = row;
        if (node == m_root.get()) {
            slot->value = &valueAt(size_t(row));
        } else if (node->value->isMap()) {
            slot->key = &node->value->mapKey(size_t(row));
            slot->value = &node->value->mapValue(size_t(row));
        } else {
            slot->value = &node->value->at(size_t(row));
        }
    }
    return slot.get();
}

ValueTreeModel::Node *ValueTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ValueTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    Node *n = child(nodeOf(parent), row);
    return n ? createIndex(row, column, n) : QModelIndex();
}

QModelIndex ValueTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *n = nodeOf(child);
    Node *p = n->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int ValueTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    Node *n = nodeOf(parent);
    if (n == m_root.get())
        return int(valueCount());
    const MpValue &v = *n->value;
    return (v.isArray() || v.isMap()) ? int(v.size()) : 0;
}

bool ValueTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

int ValueTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString ValueTreeModel::typeText(const MpValue &v)
{
    if (v.isExt())
        return MpExt::typeName(v.extType());
    if (v.isArray())
        return tr("array[%1]").arg(v.size());
    if (v.isMap())
        return tr("map{%1}").arg(v.size());
    return QLatin1String(MpValue::typeName(v.type()));
}

QString ValueTreeModel::valueText(const MpValue &v)
{
    if (v.isStr())
        return v.toQString();
    return MpFormat::preview(v, 200);
}

QVariant ValueTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Node *n = nodeOf(index);
    switch (index.column()) {
    case KeyColumn:
        if (n->key)
            return n->key->isStr() ? n->key->toQString() : MpFormat::preview(*n->key, 80);
        return n->parent == m_root.get() ? QString::number(n->row + 1) : QStringLiteral("[%1]").arg(n->row + 1);
    case TypeColumn: return typeText(*n->value);
    case ValueColumn: return role == Qt::ToolTipRole ? MpFormat::preview(*n->value, 2000) : valueText(*n->value);
    }
    return {};
}

QVariant ValueTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
    }
    return {};
}

} // namespace Boxscope
