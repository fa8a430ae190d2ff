#include "remotecall/RemoteCallPanel.h"

#include "client/Connection.h"
#include "client/JsonLines.h"
#include "client/Request.h"
#include "common/Tables.h"
#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestHistoryModel.h"
#include "remotecall/RequestLogger.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Boxscope {

RemoteCallPanel::RemoteCallPanel(Connection *connection, LogModel *log, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_logger(new RequestLogger(log, this))
{
    setAccessibleName(tr("Remote-call panel"));
    m_history = new RequestHistoryModel(this);

    auto *left = new QWidget(this);
    m_form = new RequestForm(connection, left);
    m_send = new QPushButton(tr("Send (Ctrl+Enter)"), left);
    m_send->setAccessibleName(tr("Send request"));
    m_send->setDefault(true);
    m_discard = new QPushButton(tr("Discard"), left);
    m_discard->setAccessibleName(tr("Discard the selected request"));
    m_rerun = new QPushButton(tr("Re-run"), left);
    m_rerun->setAccessibleName(tr("Re-run the selected request"));
    m_export = new QPushButton(tr("Export…"), left);
    m_export->setAccessibleName(tr("Export pushes and result as JSON lines, YAML or msgpack"));
    m_formError = new QLabel(left);
    m_formError->setAccessibleName(tr("Request form error"));
    m_formError->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_rerun);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_export);
    buttons->addWidget(m_formError, 1); // what keeps Send disabled, beside it

    m_historyView = makeTable(m_history, left, tr("Request history"));
    {
        // Each column as wide as its header and its usual texts; the target takes the rest.
        QHeaderView *header = m_historyView->horizontalHeader();
        auto fit = [this](int column, std::initializer_list<QString> texts) {
            fitColumnToTexts(m_historyView, column, texts);
        };
        fit(RequestHistoryModel::SyncColumn, { QStringLiteral("99999") });
        fit(RequestHistoryModel::MethodColumn, { QStringLiteral("replace"), QStringLiteral("execute") });
        fit(RequestHistoryModel::StateColumn,
            { RequestHistoryModel::stateText(Request::State::ReceivingPushes),
              RequestHistoryModel::stateText(Request::State::TimedOut) });
        fit(RequestHistoryModel::PushesColumn, { QStringLiteral("999999") });
        fit(RequestHistoryModel::FirstPushColumn, { QStringLiteral("9999.9 ms") });
        fit(RequestHistoryModel::DurationColumn, { QStringLiteral("99999.9 ms") });
        header->setStretchLastSection(false);
        header->setSectionResizeMode(RequestHistoryModel::TargetColumn, QHeaderView::Stretch);
    }

    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_form);
    leftLayout->addLayout(buttons);
    m_clearHistory = new QPushButton(tr("Clear"), left);
    m_clearHistory->setAccessibleName(tr("Clear the request history"));
    m_clearHistory->setToolTip(tr("Forget every request listed (a pending one is discarded)"));
    m_exportHistory = new QPushButton(tr("Export history…"), left);
    m_exportHistory->setAccessibleName(tr("Export the whole history as JSON lines"));
    auto *historyBar = new QHBoxLayout;
    historyBar->addWidget(new QLabel(tr("History"), left));
    historyBar->addStretch();
    historyBar->addWidget(m_clearHistory);
    historyBar->addWidget(m_exportHistory);
    leftLayout->addLayout(historyBar);
    leftLayout->addWidget(m_historyView, 1);

    m_detail = new RequestDetail(this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("RemoteCallSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);

    for (const QKeySequence &keys :
         { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        s->setWhatsThis(tr("Remote call › Send the request"));
        connect(s, &QShortcut::activated, this, [this] { send(); });
    }
    // The history's row of the shown request changes with the push count label, not later.
    connect(m_detail->pushes(), &PushListModel::countsChanged, m_history, &RequestHistoryModel::flush);
    connect(m_form, &RequestForm::submitRequested, this, [this] { send(); });
    connect(m_form, &RequestForm::changed, this, &RemoteCallPanel::updateSendEnabled);
    connect(connection, &Connection::stateChanged, this, &RemoteCallPanel::updateSendEnabled);
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (Request *r = currentRequest(); r && !r->isFinished())
            r->discard();
    });
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (Request *r = currentRequest())
            rerun(r);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        Request *r = currentRequest();
        if (!r)
            return;
        exportRequestWithDialog(r);
    });
    connect(m_clearHistory, &QPushButton::clicked, this, [this] {
        m_detail->showRequest(nullptr);
        m_history->clear();
    });
    connect(m_exportHistory, &QPushButton::clicked, this, [this] {
        const QString path =
                QFileDialog::getSaveFileName(this, tr("Export the request history"), QStringLiteral("history.jsonl"));
        if (!path.isEmpty())
            exportHistory(path);
    });
    // A double click (or Enter) on a history row puts that request back into the form.
    connect(m_historyView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { loadIntoForm(m_history->request(index.row())); });
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RemoteCallPanel::onHistorySelection);
    updateSendEnabled();
}

RemoteCallPanel::~RemoteCallPanel()
{
    // The history owns the requests: it goes first, while what follows them is still here.
    delete m_history;
}

Request *RemoteCallPanel::currentRequest() const
{
    return m_detail->request();
}

QString RemoteCallPanel::sendProblem() const
{
    if (!m_connection || m_connection->state() == Connection::State::Disconnected)
        return tr("Not connected");
    if (const QString problem = m_form->problem(); !problem.isEmpty())
        return problem;
    if (!m_form->asyncBox()->isChecked() && m_lastSync && !m_lastSync->isFinished())
        return tr("Waiting for the previous synchronous request");
    return QString();
}

void RemoteCallPanel::updateSendEnabled()
{
    const QString problem = sendProblem();
    m_send->setEnabled(problem.isEmpty());
    m_send->setToolTip(problem);
    QString status = problem;
    // The form's timeout stays set for every later request: when the newest one ran out of
    // it, the line beside Send says which timeout it was.
    if (status.isEmpty() && m_lastSent && m_lastSent->state() == Request::State::TimedOut
        && m_lastSent->timeoutMs() > 0)
        status = tr("SYNC %1 timed out after %2 (the Timeout field)")
                         .arg(m_lastSent->sync())
                         .arg(RequestHistoryModel::secondsText(m_lastSent->timeoutMs()));
    m_formError->setText(status);
}

Request *RemoteCallPanel::send()
{
    if (!sendProblem().isEmpty()) {
        updateSendEnabled();
        return nullptr;
    }
    Request *r = m_connection->submit(m_form->spec());
    submitted(r, m_form->texts());
    return r;
}

bool RemoteCallPanel::loadIntoForm(Request *request)
{
    if (!request)
        return false;
    auto it = m_texts.constFind(request);
    if (it != m_texts.constEnd()) {
        m_form->setTexts(*it);
        return true;
    }
    // A request made elsewhere (the console): its form from the request itself.
    const RequestSpec &spec = request->spec();
    RequestForm::Texts t = m_form->texts();
    t.method = spec.method;
    t.target = spec.target();
    t.index = spec.index.toString();
    const MpValue payload = spec.payload();
    if (spec.method == RequestSpec::Method::Call || spec.method == RequestSpec::Method::Eval
        || spec.method == RequestSpec::Method::Execute) {
        QStringList items; // an argument list, not one table
        if (payload.isArray()) {
            for (const MpValue &v : payload.items())
                items << MpFormat::toLua(v);
        }
        t.arguments = items.join(QStringLiteral(", "));
    } else if (spec.method == RequestSpec::Method::Update || spec.method == RequestSpec::Method::Upsert) {
        t.arguments = MpFormat::toLua(spec.method == RequestSpec::Method::Update ? spec.key : spec.tuple);
        t.operations = MpFormat::toLua(spec.ops);
    } else if (spec.method != RequestSpec::Method::Ping) {
        t.arguments = MpFormat::toLua(payload);
    }
    m_form->setTexts(t);
    return true;
}

Request *RemoteCallPanel::rerun(Request *request)
{
    auto it = m_texts.constFind(request);
    if (it == m_texts.constEnd() || !m_connection)
        return nullptr;
    const RequestForm::Texts texts = *it; // a copy: submitted() inserts into m_texts
    m_form->setTexts(texts);
    if (!sendProblem().isEmpty()) {
        updateSendEnabled();
        return nullptr;
    }
    Request *r = m_connection->submit(request->spec());
    submitted(r, texts);
    return r;
}

void RemoteCallPanel::submitted(Request *r, const RequestForm::Texts &texts)
{
    m_texts.insert(r, texts);
    if (r->spec().method == RequestSpec::Method::Call)
        m_form->addCalledFunction(r->spec().function);
    connect(r, &QObject::destroyed, this, [this, r] { m_texts.remove(r); });
    if (!texts.async)
        m_lastSync = r;
    m_lastSent = r;
    m_history->addRequest(r, texts.arguments);
    m_logger->sent(r, texts.arguments);
    connect(r, &Request::finished, this, &RemoteCallPanel::updateSendEnabled);
    showRequest(r);
    updateSendEnabled();
    emit requestSent(r);
}

void RemoteCallPanel::adoptRequest(Request *request, const QString &origin)
{
    m_history->addRequest(request, origin);
    m_logger->adopted(request, origin);
}

void RemoteCallPanel::onHistorySelection()
{
    Request *r = m_history->request(m_historyView->selectionModel()->currentIndex().row());
    if (r && r != currentRequest())
        showRequest(r);
}

bool RemoteCallPanel::showRequestBySync(quint64 sync)
{
    for (int row = m_history->rowCount() - 1; row >= 0; --row) {
        Request *r = m_history->request(row);
        if (r && r->sync() == sync && r->connection() == m_connection.data()) {
            showRequest(r);
            return true;
        }
    }
    return false;
}

void RemoteCallPanel::showRequest(Request *request)
{
    if (request != currentRequest()) {
        if (Request *old = currentRequest())
            old->disconnect(m_discard);
        m_detail->showRequest(request);
        m_discard->setEnabled(request && !request->isFinished());
        if (request)
            connect(request, &Request::finished, m_discard, [this] { m_discard->setEnabled(false); });
    }
    // The history row follows; its selection signal finds the request already shown.
    const int row = request ? m_history->rowOf(request) : -1;
    if (row >= 0 && m_historyView->selectionModel()->currentIndex().row() != row) {
        m_historyView->selectionModel()->setCurrentIndex(
                m_history->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_historyView->scrollTo(m_history->index(row, 0));
    }
}

bool RemoteCallPanel::exportHistory(const QString &path, QString *error) const
{
    m_history->flush();
    QFile f(path);
    QString failure;
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        failure = f.errorString();
    // Each request: a line that says which ({"event":"request",…} with the history's columns
    // and the arguments as typed), then its pushes and its result or error as exportJsonLines
    // writes them (nothing more for a request the history no longer holds).
    for (int row = 0; failure.isEmpty() && row < m_history->rowCount(); ++row) {
        const auto text = [&](int column) {
            return MpValue::string(m_history->index(row, column).data().toString().toUtf8());
        };
        Request *r = m_history->request(row);
        std::vector<std::pair<MpValue, MpValue>> fields;
        fields.emplace_back(MpValue::string("event"), MpValue::string("request"));
        if (r)
            fields.emplace_back(MpValue::string("sync"), MpValue::uinteger(r->sync()));
        fields.emplace_back(MpValue::string("method"), text(RequestHistoryModel::MethodColumn));
        fields.emplace_back(MpValue::string("target"), text(RequestHistoryModel::TargetColumn));
        fields.emplace_back(MpValue::string("arguments"), MpValue::string(m_history->argumentsText(row).toUtf8()));
        fields.emplace_back(MpValue::string("state"), text(RequestHistoryModel::StateColumn));
        fields.emplace_back(MpValue::string("pushes"), text(RequestHistoryModel::PushesColumn));
        const QByteArray line = (MpFormat::toJson(MpValue::map(std::move(fields))) + QLatin1Char('\n')).toUtf8();
        if (f.write(line) != line.size())
            failure = f.errorString();
        else if (r && !JsonLines::writeRequest(*r, &f, &failure))
            failure = failure.isEmpty() ? f.errorString() : failure;
    }
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        m_logger->exportFailed(path, failure);
        return false;
    }
    m_logger->historyExported(m_history->rowCount(), path);
    return true;
}

bool RemoteCallPanel::exportJsonLines(Request *r, const QString &path, QString *error) const
{
    QFile f(path);
    QString failure;
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        failure = f.errorString();
    else if (!JsonLines::writeRequest(*r, &f, &failure))
        failure = failure.isEmpty() ? f.errorString() : failure;
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        m_logger->exportFailed(path, failure);
        return false;
    }
    m_logger->exported(r, quint64(r->pushes().size()), path);
    return true;
}

QStringList RemoteCallPanel::pushFormatFilters()
{
    return { tr("JSON lines: pushes and result (*.jsonl)"), tr("YAML: a document per push (*.yaml *.yml)"),
             tr("msgpack: the pushes' values (*.msgpack *.mp)") };
}

RemoteCallPanel::PushFormat RemoteCallPanel::pushFormatFor(const QString &path, const QString &filter)
{
    const QStringList filters = pushFormatFilters();
    if (const qsizetype i = filters.indexOf(filter); i >= 0)
        return PushFormat(i);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml"))
        return PushFormat::Yaml;
    if (suffix == QLatin1String("msgpack") || suffix == QLatin1String("mp"))
        return PushFormat::Msgpack;
    return PushFormat::JsonLines;
}

bool RemoteCallPanel::exportRequestWithDialog(Request *r, QString *error)
{
    QString filter = pushFormatFilters().first();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export pushes and result"),
                                                      QStringLiteral("request-%1.jsonl").arg(r->sync()),
                                                      pushFormatFilters().join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return false;
    // The suffix typed wins over the filter left at its default.
    const PushFormat bySuffix = pushFormatFor(path);
    const PushFormat format = bySuffix != PushFormat::JsonLines ? bySuffix : pushFormatFor(path, filter);
    return exportPushes(r, path, format, error);
}

bool RemoteCallPanel::exportPushes(Request *r, const QString &path, PushFormat format, QString *error) const
{
    if (format == PushFormat::JsonLines)
        return exportJsonLines(r, path, error);
    QFile f(path);
    QString failure;
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        failure = f.errorString();
    } else {
        QByteArray chunk;
        const PushStore &held = r->pushes();
        for (size_t i = 0; i < held.size(); ++i) {
            if (format == PushFormat::Yaml) {
                chunk += MpFormat::yamlDocument({ held.at(i).value }).toUtf8();
            } else if (const char *msgpack = held.data(i)) {
                chunk.append(msgpack, qsizetype(held.dataSize(i))); // as received
            }
            if (held.hadReadError()) {
                failure = tr("push %1 could not be read back from the spill file").arg(held.indexAt(i));
                break;
            }
            if (chunk.size() >= 1024 * 1024 || i + 1 == held.size()) {
                if (f.write(chunk) != chunk.size()) {
                    failure = f.errorString();
                    break;
                }
                chunk.clear();
            }
        }
    }
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        m_logger->exportFailed(path, failure);
        return false;
    }
    m_logger->exported(r, quint64(r->pushes().size()), path);
    return true;
}

void RemoteCallPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // First start: 42 % for the form and the history, the rest for pushes and result.
    if (!m_sized && isVisible() && m_splitter->width() > 0) {
        m_sized = true;
        const int w = m_splitter->width();
        m_splitter->setSizes({ w * 21 / 50, w - w * 21 / 50 });
    }
}

} // namespace Boxscope
