#pragma once

#include "client/Connection.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCompleter;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStringListModel;
class QTableView;

namespace Boxscope {

class LogModel;
class LuaArgumentEdit;
class PushListModel;
class RequestHistoryModel;
class ValueView;

/// The remote-call panel: a request form (method, target, Lua literal arguments, options),
/// the request history, and beside the selected request its live push list, the selected
/// push, and its final result or error.
class RemoteCallPanel : public QWidget
{
    Q_OBJECT
public:
    enum Method { Call, Eval, Select, Insert, Replace, Update, Upsert, Delete, Execute, Ping };
    Q_ENUM(Method)

    RemoteCallPanel(Connection *connection, LogModel *log, QWidget *parent = nullptr);
    ~RemoteCallPanel() override;

    /// Sends what the form holds; nullptr (and nothing sent) when the form is invalid.
    Request *send();
    /// Shows request in the panes beside the history.
    void showRequest(Request *request);
    Request *currentRequest() const { return m_current; }
    /// Selects the newest request of this panel's connection with this SYNC in the history
    /// (the IPROTO view links frames to requests); false when the history has none.
    bool showRequestBySync(quint64 sync);
    /// Lists a request made elsewhere (a Lua console script) in the history and the log,
    /// taking ownership; origin says where it came from.
    void adoptRequest(Request *request, const QString &origin);
    /// Puts a past request back into the form and sends it again.
    Request *rerun(Request *request);
    /// Writes every held push and the result (or error) as JSON lines.
    bool exportJsonLines(Request *request, const QString &path, QString *error = nullptr) const;

    void setMethod(Method m);
    Method method() const;

    // The parts, for tests and automation (each also has an accessible name).
    QComboBox *methodBox() const { return m_method; }
    QLineEdit *targetEdit() const { return m_target; }
    QComboBox *indexBox() const { return m_index; }
    LuaArgumentEdit *argumentsEdit() const { return m_args; }
    LuaArgumentEdit *operationsEdit() const { return m_ops; }
    QCheckBox *asyncBox() const { return m_async; }
    QDoubleSpinBox *timeoutBox() const { return m_timeout; }
    QSpinBox *limitBox() const { return m_limit; }
    QSpinBox *offsetBox() const { return m_offset; }
    QComboBox *iteratorBox() const { return m_iterator; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *discardButton() const { return m_discard; }
    QPushButton *rerunButton() const { return m_rerun; }
    QLabel *formError() const { return m_formError; }
    QTableView *historyView() const { return m_historyView; }
    RequestHistoryModel *history() const { return m_history; }
    QTableView *pushView() const { return m_pushView; }
    PushListModel *pushes() const { return m_pushes; }
    QLabel *pushCountLabel() const { return m_pushCount; }
    QCheckBox *countOnlyBox() const { return m_countOnly; }
    ValueView *pushDetail() const { return m_pushDetail; }
    ValueView *resultView() const { return m_result; }
    QSplitter *splitter() const { return m_splitter; }

signals:
    void requestSent(Boxscope::Request *request);

private:
    struct FormState
    {
        int method = Call;
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

    QWidget *buildForm();
    QWidget *buildRight();
    void onMethodChanged();
    void updateSendEnabled();
    void updateIndexes();
    void updateResult();
    void updatePushCount(quint64 total, quint64 dropped);
    void onHistorySelection();
    void onPushSelection();
    void track(Request *request);
    FormState formState() const;
    void applyForm(const FormState &s);
    QString describe(const Request *request) const;

    QPointer<Connection> m_connection;
    LogModel *m_log;

    QComboBox *m_method;
    QLabel *m_targetLabel;
    QLineEdit *m_target;
    QCompleter *m_completer;
    QStringListModel *m_spaceNames;
    QLabel *m_indexLabel;
    QComboBox *m_index;
    QLabel *m_argsLabel;
    LuaArgumentEdit *m_args;
    QLabel *m_opsLabel;
    LuaArgumentEdit *m_ops;
    QCheckBox *m_async;
    QDoubleSpinBox *m_timeout;
    QWidget *m_selectOptions;
    QSpinBox *m_limit;
    QSpinBox *m_offset;
    QComboBox *m_iterator;
    QPushButton *m_send;
    QPushButton *m_discard;
    QPushButton *m_rerun;
    QPushButton *m_export;
    QLabel *m_formError;

    RequestHistoryModel *m_history;
    QTableView *m_historyView;
    PushListModel *m_pushes;
    QTableView *m_pushView;
    QLabel *m_pushCount;
    QCheckBox *m_countOnly;
    ValueView *m_pushDetail;
    ValueView *m_result;
    QSplitter *m_splitter;

    QPointer<Request> m_current;
    QPointer<Request> m_lastSync;
    QHash<const Request *, FormState> m_forms;
    bool m_followPushes = true;
};

} // namespace Boxscope
