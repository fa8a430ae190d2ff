#include "common/ValueTreeModel.h"

#include "format/MpFormat.h"
#include "msgpack/MpExt.h"

namespace Boxscope {

ValueTreeModel::ValueTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->expanded = true;
}

ValueTreeModel::~ValueTreeModel() = default;

void ValueTreeModel::setValues(std::vector<MpValue> values)
{
    beginResetModel();
    m_values = std::move(values);
    m_root = std::make_unique<Node>();
    m_root->expanded = true;
    for (size_t i = 0; i < m_values.size(); ++i) {
        auto n = std::make_unique<Node>();
        n->value = &m_values[i];
        n->parent = m_root.get();
        n->row = int(i);
        m_root->children.push_back(std::move(n));
    }
    endResetModel();
}

void ValueTreeModel::setValue(const MpValue &value)
{
    setValues({ value });
}

void ValueTreeModel::clear()
{
    setValues({});
}

void ValueTreeModel::expand(Node *node) const
{
    if (node->expanded)
        return;
    node->expanded = true;
    const MpValue &v = *node->value;
    if (v.isArray()) {
        node->children.reserve(v.size());
        for (size_t i = 0; i < v.size(); ++i) {
            auto n = std::make_unique<Node>();
            n->value = &v.at(i);
            n->parent = node;
            n->row = int(i);
            node->children.push_back(std::move(n));
        }
    } else if (v.isMap()) {
        node->children.reserve(v.size());
        for (size_t i = 0; i < v.size(); ++i) {
            auto n = std::make_unique<Node>();
            n->key = &v.mapKey(i);
            n->value = &v.mapValue(i);
            n->parent = node;
            n->row = int(i);
            node->children.push_back(std::move(n));
        }
    }
}

ValueTreeModel::Node *ValueTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ValueTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    Node *p = nodeOf(parent);
    expand(p);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
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
        return int(n->children.size());
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
