#pragma once

#include "iproto/Error.h"
#include "msgpack/MpValue.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPlainTextEdit;
class QToolButton;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QTreeWidget;

namespace Boxscope {

class ValueTreeModel;

/// Shows one value (a push) or a list of values (a result) as a tree and as YAML, with
/// copy as YAML / JSON / Lua literal; or an error: code, type, message and the MP_ERROR
/// stack with file:line.
class ValueView : public QWidget
{
    Q_OBJECT
public:
    explicit ValueView(const QString &accessibleName, QWidget *parent = nullptr);

    /// Takes the values (the tree model holds the one copy).
    void setValues(const QString &title, std::vector<MpValue> values);
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
    QTreeView *tree() const { return m_tree; }
    QPlainTextEdit *yamlEdit() const { return m_yaml; }

    /// YAML beyond this many characters is cut (the tree still holds everything).
    static constexpr int kYamlLimit = 2 * 1024 * 1024;

private:
    void updateYaml();

    QLabel *m_title;
    QStackedWidget *m_stackPages;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    ValueTreeModel *m_model;
    QPlainTextEdit *m_yaml;
    QWidget *m_errorPage;
    QLabel *m_errorText;
    QTreeWidget *m_stack;
    QToolButton *m_copyYaml;
    QToolButton *m_copyJson;
    QToolButton *m_copyLua;
    bool m_yamlDirty = false;
    bool m_hasValues = false;
};

} // namespace Boxscope
