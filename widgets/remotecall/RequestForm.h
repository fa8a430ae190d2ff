#pragma once

#include "iproto/RequestSpec.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCompleter;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStandardItemModel;
class QStringListModel;
class QToolButton;
class QWidget;

namespace Boxscope {

class Connection;
class LuaArgumentEdit;

/// The request form of the remote-call panel: method, target (function, expression, SQL or
/// space, completed from the schema), index, arguments and update operations as Lua literals
/// checked as they are typed, async, timeout, and limit / offset / iterator for select. It
/// produces a RequestSpec (spec()) and says what keeps it from being sent (problem()).
/// The timeout holds for every request sent while it is set, so a set one is marked: bold,
/// with a reset button beside it.
class RequestForm : public QWidget
{
    Q_OBJECT
public:
    /// What the person typed, kept per request so Re-run can put it back.
    struct Texts
    {
        RequestSpec::Method method = RequestSpec::Method::Call;
        QString target;
        QString index;
        QString arguments;
        QString operations;
        bool async = true;
        double timeout = 0;
        int limit = 0;
        int offset = 0;
        int iterator = 0;
    };

    explicit RequestForm(Connection *connection, QWidget *parent = nullptr);

    void setMethod(RequestSpec::Method method);
    RequestSpec::Method method() const;

    /// Empty when the form describes a request; otherwise why not ("Enter the function name",
    /// "Fix the Lua literal: ..."). The connection's state is not the form's business.
    QString problem() const;
    /// The request the form describes (meaningful when problem() is empty).
    RequestSpec spec() const;
    Texts texts() const;
    void setTexts(const Texts &texts);
    /// The arguments as typed, for the history and the log.
    QString argumentsText() const;
    /// Remembers a function name that was called (the completer offers it next time: global
    /// Lua functions are in no system space).
    void addCalledFunction(const QString &name);

    /// First of the space names the space completer offers, in its order: user spaces (id >= 512)
    /// by name, a "System spaces" label (an empty completion text), then the system spaces.
    QStandardItemModel *spaceList() const { return m_spaceList; }
    /// The function names the call completer offers, sorted: the persistent functions the user
    /// can see (_vfunc, read after each schema load) and the ones called before.
    QStringListModel *functionList() const { return m_functionNames; }
    QCompleter *spaceCompleter() const { return m_completer; }
    QCompleter *functionCompleter() const { return m_functionCompleter; }

    QComboBox *methodBox() const { return m_method; }
    QLineEdit *targetEdit() const { return m_target; }
    QComboBox *indexBox() const { return m_index; }
    LuaArgumentEdit *argumentsEdit() const { return m_args; }
    LuaArgumentEdit *operationsEdit() const { return m_ops; }
    QCheckBox *asyncBox() const { return m_async; }
    QDoubleSpinBox *timeoutBox() const { return m_timeout; }
    /// "×" beside the timeout, shown while one is set: back to no timeout.
    QToolButton *timeoutResetButton() const { return m_timeoutReset; }
    QSpinBox *limitBox() const { return m_limit; }
    QSpinBox *offsetBox() const { return m_offset; }
    QComboBox *iteratorBox() const { return m_iterator; }

signals:
    /// Anything that may change problem() or spec() changed.
    void changed();
    /// Return in the target field.
    void submitRequested();

private:
    void onMethodChanged();
    void updateTimeoutMark();
    RequestSpec::Method m_shownMethod = RequestSpec::Method::Call; ///< whose texts the fields hold
    QHash<QString, QString> m_keptTexts; ///< the fields' texts of the other kinds (see targetKind)
    void updateIndexes();
    void updateSpaceList();
    void readFunctions();
    void updateFunctionList();

    QPointer<Connection> m_connection;
    QComboBox *m_method;
    QLabel *m_targetLabel;
    QLineEdit *m_target;
    QCompleter *m_completer;
    QStandardItemModel *m_spaceList;
    QCompleter *m_functionCompleter;
    QStringListModel *m_functionNames;
    QStringList m_serverFunctions; ///< from _vfunc
    QStringList m_calledFunctions; ///< called from this form
    QLabel *m_indexLabel;
    QComboBox *m_index;
    QLabel *m_argsLabel;
    LuaArgumentEdit *m_args;
    QLabel *m_opsLabel;
    LuaArgumentEdit *m_ops;
    QCheckBox *m_async;
    QDoubleSpinBox *m_timeout;
    QToolButton *m_timeoutReset;
    QWidget *m_selectOptions;
    QSpinBox *m_limit;
    QSpinBox *m_offset;
    QComboBox *m_iterator;
};

} // namespace Boxscope
