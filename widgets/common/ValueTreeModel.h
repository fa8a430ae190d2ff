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
    void setValue(const MpValue &value);
    /// Shows a shared value without copying it: its items as the top-level rows (itemsAsRows,
    /// data an array) or data itself as the one row. The model keeps its share.
    void setShared(std::shared_ptr<const MpValue> data, bool itemsAsRows);
    void clear();

    /// The top-level values.
    size_t valueCount() const;
    const MpValue &valueAt(size_t i) const;
    /// The top-level values as a list (a copy when data is shown as one row).
    std::vector<MpValue> valuesCopy() const;
    /// The shared value and whether its items are the rows (for formatting it whole).
    const std::shared_ptr<const MpValue> &data() const { return m_data; }
    bool itemsAsRows() const { return m_itemsAsRows; }

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
        std::vector<std::unique_ptr<Node>> children; ///< slots, filled on first access
    };
    Node *nodeOf(const QModelIndex &index) const;
    void expand(Node *node) const;
    Node *child(Node *node, int row) const;
    static QString typeText(const MpValue &v);
    static QString valueText(const MpValue &v);

    std::shared_ptr<const MpValue> m_data; // the nodes point into it
    bool m_itemsAsRows = true;
    std::unique_ptr<Node> m_root;
};

} // namespace Boxscope
