#pragma once

#include "iproto/Error.h"
#include "msgpack/MpRawArray.h"
#include "msgpack/MpValue.h"

#include <QWidget>

#include <memory>
#include <vector>

class QAbstractItemModel;
class QLabel;
class QPlainTextEdit;
class QToolButton;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QTreeWidget;

namespace Boxscope {

class TupleGridView;
class ValueTreeModel;

/// Shows one value (a push) or a list of values (a result) as a tree, as YAML, as JSON and as
/// a hex dump of its msgpack, and an array of tuples also as a grid (Grid / Tree / YAML /
/// JSON / Hex tabs, the text ones made only when looked at; the tab chosen last is chosen
/// again for the next value that has it, also after a restart), with copy as YAML / JSON /
/// Lua literal; or an error: code, type, message and the MP_ERROR stack with file:line.
class ValueView : public QWidget
{
    Q_OBJECT
public:
    explicit ValueView(const QString &accessibleName, QWidget *parent = nullptr);

    /// Takes the values (the tree model holds the one copy).
    void setValues(const QString &title, std::vector<MpValue> values);
    /// Shows a shared value without copying it: its items as the list of values
    /// (itemsAsValues, data an array) or data as one value. With rows (data itself or an array
    /// inside it whose items are tuples) also as a grid whose columns are named fieldNames,
    /// then #N.
    void setShared(const QString &title, std::shared_ptr<const MpValue> data, bool itemsAsValues,
                   const MpValue *rows = nullptr, const QStringList &fieldNames = {});
    /// Shows rows kept as msgpack (a large select's result) in the grid, decoding only the page
    /// shown; the tree, YAML, JSON, hex and copies decode the whole array (as the list of
    /// values) the first time one of them is needed.
    void setRawRows(const QString &title, std::shared_ptr<const MpRawArray> rows, const QStringList &fieldNames = {});
    void setError(const QString &title, const Error &error);
    void setMessage(const QString &title, const QString &message);
    void clear();

    QString title() const;
    /// The YAML text as shown (the console form: ---, - ..., ...).
    QString yamlText() const;
    QString jsonText() const;
    QString luaText() const;
    bool showsError() const;
    QLabel *errorLabel() const { return m_errorText; }
    QTreeWidget *errorStack() const { return m_stack; }
    /// The tree view; it has the model only while its tab is current (treeModel() always).
    QTreeView *tree() const { return m_tree; }
    QAbstractItemModel *treeModel() const;
    /// The grid (its tab is shown only for values that have rows).
    TupleGridView *grid() const { return m_grid; }
    QTabWidget *views() const { return m_tabs; }
    QPlainTextEdit *yamlEdit() const { return m_yaml; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QPlainTextEdit *hexEdit() const { return m_hex; }
    /// The msgpack bytes as a hex dump (offset, 16 bytes, ASCII): the value encoded (a list
    /// of values as one array).
    QString hexText() const;

    /// YAML beyond this many characters is cut (the tree still holds everything).
    static constexpr int kYamlLimit = 2 * 1024 * 1024;

private:
    void updateYaml();
    void updateJsonAndHex();
    void showValues(const QString &title);
    void choosePreferredTab();
    void attachTree();
    void ensureTree() const; // gives the tree model a pending tree (setRawRows)

    QLabel *m_title;
    QStackedWidget *m_stackPages;
    QTabWidget *m_tabs;
    TupleGridView *m_grid;
    QTreeView *m_tree;
    ValueTreeModel *m_model;
    QPlainTextEdit *m_yaml;
    QPlainTextEdit *m_json;
    QPlainTextEdit *m_hex;
    bool m_jsonDirty = false;
    bool m_hexDirty = false;
    QWidget *m_errorPage;
    QLabel *m_errorText;
    QTreeWidget *m_stack;
    QToolButton *m_copyYaml;
    QToolButton *m_copyJson;
    QToolButton *m_copyLua;
    bool m_yamlDirty = false;
    bool m_hasValues = false;
    bool m_expandTree = false;                               ///< one value: its first level is shown open
    bool m_choosingTab = false;                              ///< the tab changes because a value came, not by a click
    mutable std::shared_ptr<const MpRawArray> m_pendingTree; ///< rows whose tree is not made yet
};

} // namespace Boxscope
