#pragma once

#include "msgpack/MpValue.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Boxscope {

/// A msgpack value as a tree: key (array index or map key), type, value. Children are
/// built lazily on first access, so a 100 000-tuple select opens instantly.
class ValueTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, TypeColumn, ValueColumn, ColumnCount };

    explicit ValueTreeModel(QObject *parent = nullptr);
    ~ValueTreeModel() override;

    /// Shows values (a request's result is a list of values: each is a top-level row).
    void setValues(std::vector<MpValue> values);
    const std::vector<MpValue> &values() const { return m_values; }
    void setValue(const MpValue &value);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

private:
    struct Node
    {
        const MpValue *value = nullptr;
        const MpValue *key = nullptr; ///< map key, or nullptr for array items / top-level rows
        Node *parent = nullptr;
        int row = 0;
        bool expanded = false;
        std::vector<std::unique_ptr<Node>> children;
    };
    Node *nodeOf(const QModelIndex &index) const;
    void expand(Node *node) const;
    static QString typeText(const MpValue &v);
    static QString valueText(const MpValue &v);

    std::vector<MpValue> m_values; // owned copy the nodes point into
    std::unique_ptr<Node> m_root;
};

} // namespace Boxscope
