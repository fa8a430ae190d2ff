#pragma once

#include "remotecall/RequestForm.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace Boxscope {

class Connection;
class LogModel;
class Request;
class RequestDetail;
class RequestHistoryModel;
class RequestLogger;

/// The remote-call panel, assembled from its parts: the request form (RequestForm, which
/// produces a RequestSpec), the Send / Re-run / Discard / Export buttons, the request history
/// (RequestHistoryModel), the detail pane beside it (RequestDetail: the live push list, the
/// selected push, the result) and a RequestLogger that writes to the shared log.
///
/// The history owns the requests it lists (see RequestHistoryModel); the panel only points
/// at them.
class RemoteCallPanel : public QWidget
{
    Q_OBJECT
public:
    RemoteCallPanel(Connection *connection, LogModel *log, QWidget *parent = nullptr);
    ~RemoteCallPanel() override;

    /// Submits what the form describes; nullptr (and nothing sent, the reason shown under the
    /// buttons) when the form is incomplete, the connection is down or a synchronous request
    /// is still running.
    Request *send();
    /// Submits request's RequestSpec again, with its form texts put back.
    Request *rerun(Request *request);
    /// Puts a request back into the form without sending it (a history row's double click):
    /// the texts it was sent from, or for a request made elsewhere (the console) its spec.
    bool loadIntoForm(Request *request);
    /// Shows request in the detail pane (and selects its history row).
    void showRequest(Request *request);
    Request *currentRequest() const;
    /// Selects the newest request of this panel's connection with this SYNC in the history
    /// (the IPROTO view links frames to requests); false when the history has none.
    bool showRequestBySync(quint64 sync);
    /// Lists a request made elsewhere (a Lua console script) in the history and the log,
    /// taking ownership; origin says where it came from.
    void adoptRequest(Request *request, const QString &origin);
    /// Writes every held push and the result (or error) as JSON lines (JsonLines).
    bool exportJsonLines(Request *request, const QString &path, QString *error = nullptr) const;
    /// The forms a request's pushes export to.
    enum class PushFormat { JsonLines, Yaml, Msgpack };
    /// JsonLines: exportJsonLines(). Yaml: one document per held push, as Tarantool's console
    /// prints a value ("---\n- 1\n...\n"). Msgpack: the held pushes' values one after another,
    /// each encoded by MpCodec.
    bool exportPushes(Request *request, const QString &path, PushFormat format, QString *error = nullptr) const;
    /// The save dialog's filters, one per PushFormat in its order.
    static QStringList pushFormatFilters();
    /// The format a chosen filter or, failing that, the file's suffix (.yaml, .yml, .msgpack,
    /// .mp) names; JSON lines otherwise.
    static PushFormat pushFormatFor(const QString &path, const QString &filter = QString());
    /// Asks for a file and a format, then exports the request's pushes; false when cancelled
    /// or it failed (*error set then).
    bool exportRequestWithDialog(Request *request, QString *error = nullptr);
    /// Every request of the history as JSON lines: a "request" line each, then its pushes and
    /// result or error as exportJsonLines() writes them.
    bool exportHistory(const QString &path, QString *error = nullptr) const;

    RequestForm *form() const { return m_form; }
    RequestDetail *detail() const { return m_detail; }
    RequestHistoryModel *history() const { return m_history; }
    QTableView *historyView() const { return m_historyView; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *rerunButton() const { return m_rerun; }
    QPushButton *discardButton() const { return m_discard; }
    QPushButton *clearHistoryButton() const { return m_clearHistory; }
    QPushButton *exportHistoryButton() const { return m_exportHistory; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *formError() const { return m_formError; }
    QSplitter *splitter() const { return m_splitter; }
    /// What writes the panel's lines to the shared log (setConnectionName names its connection).
    RequestLogger *logger() const { return m_logger; }
    /// The splitter's sizes were restored from settings: the first-start proportions stay off.
    void keepRestoredSizes() { m_sized = true; }

signals:
    void requestSent(Boxscope::Request *request);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Why Send is not possible now (empty: it is).
    QString sendProblem() const;
    void updateSendEnabled();
    void submitted(Request *request, const RequestForm::Texts &texts);
    void onHistorySelection();

    QPointer<Connection> m_connection;
    RequestLogger *m_logger;
    RequestForm *m_form;
    QPushButton *m_send;
    QPushButton *m_discard;
    QPushButton *m_rerun;
    QPushButton *m_export;
    QPushButton *m_clearHistory;
    QPushButton *m_exportHistory;
    QLabel *m_formError;
    RequestHistoryModel *m_history;
    QTableView *m_historyView;
    bool m_sized = false;
    RequestDetail *m_detail;
    QSplitter *m_splitter;

    QPointer<Request> m_lastSync; ///< the newest request sent with Async off
    QPointer<Request> m_lastSent; ///< the newest request sent from the form
    QHash<const Request *, RequestForm::Texts> m_texts;
};

} // namespace Boxscope
