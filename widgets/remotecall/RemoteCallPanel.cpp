#include "remotecall/RemoteCallPanel.h"

#include "client/JsonLines.h"
#include "log/LogModel.h"
#include "remotecall/LuaArgumentEdit.h"
#include "format/MpFormat.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RequestHistoryModel.h"
#include "common/ValueView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

const char *const kSource = "request";
constexpr quint64 kPushesLoggedEach = 200;
constexpr quint64 kPushesPerLogLine = 10000;

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

bool isSpaceMethod(int m)
{
    return m == RemoteCallPanel::Select || m == RemoteCallPanel::Insert || m == RemoteCallPanel::Replace
        || m == RemoteCallPanel::Update || m == RemoteCallPanel::Upsert || m == RemoteCallPanel::Delete;
}

bool usesIndex(int m)
{
    return m == RemoteCallPanel::Select || m == RemoteCallPanel::Update || m == RemoteCallPanel::Delete;
}

// The argument editor's values as one msgpack argument list / key / tuple.
MpValue asList(const std::vector<MpValue> &values)
{
    if (values.size() == 1 && values.front().isArray())
        return values.front();
    return MpValue::array(values);
}

} // namespace

RemoteCallPanel::RemoteCallPanel(Connection *connection, LogModel *log, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_log(log)
{
    setAccessibleName(tr("Remote-call panel"));
    m_history = new RequestHistoryModel(this);
    m_pushes = new PushListModel(this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("RemoteCallSplitter"));
    m_splitter->addWidget(buildForm());
    m_splitter->addWidget(buildRight());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);

    auto sendShortcut = [this](const QKeySequence &keys) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, [this] { send(); });
    };
    sendShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    sendShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter));

    connect(connection, &Connection::schemaLoaded, this, [this] {
        m_spaceNames->setStringList(m_connection->schema().spaceNames());
        updateIndexes();
    });
    connect(connection, &Connection::stateChanged, this, &RemoteCallPanel::updateSendEnabled);
    onMethodChanged();
}

RemoteCallPanel::~RemoteCallPanel() = default;

QWidget *RemoteCallPanel::buildForm()
{
    auto *left = new QWidget(this);
    // A grid, not a QFormLayout: Qt 6.4's QFormLayout writes out of bounds in
    // heightForWidth() when rows holding word-wrapped labels are hidden.
    auto *form = new QGridLayout;
    form->setColumnStretch(1, 1);
    int formRow = 0;
    auto addRow = [&](QWidget *label, QWidget *field) {
        if (label)
            form->addWidget(label, formRow, 0, Qt::AlignTop | Qt::AlignLeft);
        form->addWidget(field, formRow, label ? 1 : 0, 1, label ? 1 : 2);
        ++formRow;
    };
    auto addLayoutRow = [&](QWidget *label, QLayout *field) {
        form->addWidget(label, formRow, 0);
        form->addLayout(field, formRow, 1);
        ++formRow;
    };
    auto plainLabel = [&](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, left);
        if (buddy)
            l->setBuddy(buddy);
        return l;
    };

    m_method = new QComboBox(left);
    m_method->setAccessibleName(tr("Method"));
    for (const char *name : {"call", "eval", "select", "insert", "replace", "update", "upsert", "delete", "execute", "ping"})
        m_method->addItem(QLatin1String(name));
    addRow(plainLabel(tr("&Method:"), m_method), m_method);

    m_target = new QLineEdit(left);
    m_target->setAccessibleName(tr("Target"));
    m_spaceNames = new QStringListModel(this);
    m_completer = new QCompleter(m_spaceNames, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_targetLabel = new QLabel(tr("&Function:"), left);
    m_targetLabel->setBuddy(m_target);
    addRow(m_targetLabel, m_target);

    m_index = new QComboBox(left);
    m_index->setEditable(true);
    m_index->setAccessibleName(tr("Index"));
    m_indexLabel = new QLabel(tr("&Index:"), left);
    m_indexLabel->setBuddy(m_index);
    addRow(m_indexLabel, m_index);

    m_args = new LuaArgumentEdit(left);
    m_args->setAccessibleName(tr("Arguments"));
    m_args->setPlaceholderText(tr("Lua literal, e.g. {1, 'a', {x = 1}}"));
    m_args->statusLabel()->setAccessibleName(tr("Arguments error"));
    m_argsLabel = new QLabel(tr("&Arguments:"), left);
    m_argsLabel->setBuddy(m_args);
    addRow(m_argsLabel, m_args);
    addRow(plainLabel(QString(), nullptr), m_args->statusLabel());

    m_ops = new LuaArgumentEdit(left);
    m_ops->setMode(LuaArgumentEdit::Mode::SingleValue);
    m_ops->setAccessibleName(tr("Update operations"));
    m_ops->setPlaceholderText(tr("{{'=', 2, 'x'}, {'+', 3, 1}}"));
    m_ops->statusLabel()->setAccessibleName(tr("Update operations error"));
    m_opsLabel = new QLabel(tr("&Operations:"), left);
    m_opsLabel->setBuddy(m_ops);
    addRow(m_opsLabel, m_ops);
    addRow(plainLabel(QString(), nullptr), m_ops->statusLabel());

    m_async = new QCheckBox(tr("Async (several requests in flight)"), left);
    m_async->setAccessibleName(tr("Async"));
    m_async->setChecked(true);
    m_async->setToolTip(tr("Off: like a synchronous net.box call, the next request waits until this one ends."));
    m_timeout = new QDoubleSpinBox(left);
    m_timeout->setAccessibleName(tr("Timeout in seconds"));
    m_timeout->setRange(0, 86400);
    m_timeout->setDecimals(2);
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setSuffix(tr(" s"));
    auto *opts = new QHBoxLayout;
    opts->addWidget(m_async);
    opts->addStretch();
    opts->addWidget(new QLabel(tr("Timeout:"), left));
    opts->addWidget(m_timeout);
    addLayoutRow(plainLabel(tr("Options:"), nullptr), opts);

    m_selectOptions = new QWidget(left);
    auto *sel = new QHBoxLayout(m_selectOptions);
    sel->setContentsMargins(0, 0, 0, 0);
    m_limit = new QSpinBox(m_selectOptions);
    m_limit->setAccessibleName(tr("Select limit"));
    m_limit->setRange(0, INT_MAX);
    m_limit->setSpecialValueText(tr("no limit"));
    m_offset = new QSpinBox(m_selectOptions);
    m_offset->setAccessibleName(tr("Select offset"));
    m_offset->setRange(0, INT_MAX);
    m_iterator = new QComboBox(m_selectOptions);
    m_iterator->setAccessibleName(tr("Select iterator"));
    for (const char *it : {"EQ", "REQ", "ALL", "LT", "LE", "GE", "GT"})
        m_iterator->addItem(QLatin1String(it));
    sel->addWidget(new QLabel(tr("Limit:"), m_selectOptions));
    sel->addWidget(m_limit);
    sel->addWidget(new QLabel(tr("Offset:"), m_selectOptions));
    sel->addWidget(m_offset);
    sel->addWidget(new QLabel(tr("Iterator:"), m_selectOptions));
    sel->addWidget(m_iterator);
    addRow(nullptr, m_selectOptions);

    m_send = new QPushButton(tr("Send (Ctrl+Enter)"), left);
    m_send->setAccessibleName(tr("Send request"));
    m_send->setDefault(true);
    m_discard = new QPushButton(tr("Discard"), left);
    m_discard->setAccessibleName(tr("Discard the selected request"));
    m_rerun = new QPushButton(tr("Re-run"), left);
    m_rerun->setAccessibleName(tr("Re-run the selected request"));
    m_export = new QPushButton(tr("Export…"), left);
    m_export->setAccessibleName(tr("Export pushes and result as JSON lines"));
    m_formError = new QLabel(left);
    m_formError->setAccessibleName(tr("Request form error"));
    m_formError->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_rerun);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_export);
    buttons->addStretch();

    m_historyView = makeTable(m_history, left, tr("Request history"));
    m_historyView->setColumnWidth(RequestHistoryModel::SyncColumn, 48);
    m_historyView->setColumnWidth(RequestHistoryModel::MethodColumn, 56);
    m_historyView->setColumnWidth(RequestHistoryModel::TargetColumn, 120);
    m_historyView->setColumnWidth(RequestHistoryModel::StateColumn, 105);
    m_historyView->setColumnWidth(RequestHistoryModel::PushesColumn, 56);
    m_historyView->setColumnWidth(RequestHistoryModel::FirstPushColumn, 80);

    auto *layout = new QVBoxLayout(left);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_formError);
    auto *historyLabel = new QLabel(tr("History"), left);
    layout->addWidget(historyLabel);
    layout->addWidget(m_historyView, 1);

    connect(m_method, &QComboBox::currentIndexChanged, this, &RemoteCallPanel::onMethodChanged);
    connect(m_target, &QLineEdit::textChanged, this, &RemoteCallPanel::updateIndexes);
    connect(m_target, &QLineEdit::textChanged, this, &RemoteCallPanel::updateSendEnabled);
    connect(m_target, &QLineEdit::returnPressed, this, [this] { send(); });
    connect(m_args, &LuaArgumentEdit::validityChanged, this, &RemoteCallPanel::updateSendEnabled);
    connect(m_ops, &LuaArgumentEdit::validityChanged, this, &RemoteCallPanel::updateSendEnabled);
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (m_current && !m_current->isFinished())
            m_current->discard();
    });
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (m_current)
            rerun(m_current);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        if (!m_current)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Export pushes and result"),
                                                          QStringLiteral("request-%1.jsonl").arg(m_current->sync()));
        if (!path.isEmpty())
            exportJsonLines(m_current, path);
    });
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RemoteCallPanel::onHistorySelection);
    return left;
}

QWidget *RemoteCallPanel::buildRight()
{
    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("RemoteCallDetailSplitter"));

    auto *pushPane = new QWidget(right);
    m_pushCount = new QLabel(pushPane);
    m_pushCount->setAccessibleName(tr("Push count"));
    m_countOnly = new QCheckBox(tr("Count only"), pushPane);
    m_countOnly->setAccessibleName(tr("Count pushes without listing them"));
    m_countOnly->setToolTip(tr("For floods: keep counting, stop listing"));
    m_pushView = makeTable(m_pushes, pushPane, tr("Push list"));
    m_pushView->setColumnWidth(PushListModel::IndexColumn, 70);
    m_pushView->setColumnWidth(PushListModel::TimeColumn, 100);
    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(tr("Pushes"), pushPane);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    bar->addWidget(title);
    bar->addWidget(m_pushCount, 1);
    bar->addWidget(m_countOnly);
    auto *pl = new QVBoxLayout(pushPane);
    pl->setContentsMargins(0, 0, 0, 0);
    pl->addLayout(bar);
    pl->addWidget(m_pushView, 1);

    m_pushDetail = new ValueView(tr("Selected push"), right);
    m_result = new ValueView(tr("Result"), right);
    right->addWidget(pushPane);
    right->addWidget(m_pushDetail);
    right->addWidget(m_result);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    right->setStretchFactor(2, 2);

    connect(m_pushes, &PushListModel::countsChanged, this, &RemoteCallPanel::updatePushCount);
    connect(m_countOnly, &QCheckBox::toggled, m_pushes, &PushListModel::setCountOnly);
    connect(m_pushView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RemoteCallPanel::onPushSelection);
    // Follow the newest push unless the person scrolled up; back at the bottom, follow again.
    QScrollBar *sb = m_pushView->verticalScrollBar();
    connect(sb, &QScrollBar::valueChanged, this, [this, sb](int v) { m_followPushes = v >= sb->maximum(); });
    connect(m_pushes, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followPushes)
            m_pushView->scrollToBottom();
    });
    updatePushCount(0, 0);
    return right;
}

void RemoteCallPanel::setMethod(Method m)
{
    m_method->setCurrentIndex(int(m));
}

RemoteCallPanel::Method RemoteCallPanel::method() const
{
    return Method(m_method->currentIndex());
}

void RemoteCallPanel::onMethodChanged()
{
    const int m = m_method->currentIndex();
    const bool space = isSpaceMethod(m);
    m_target->setCompleter(space ? m_completer : nullptr);
    QString targetText, argsText, placeholder;
    switch (Method(m)) {
    case Call: targetText = tr("&Function:"); argsText = tr("&Arguments:"); placeholder = tr("function name, e.g. server_function"); break;
    case Eval: targetText = tr("&Expression:"); argsText = tr("&Arguments:"); placeholder = tr("Lua, e.g. return box.info.version"); break;
    case Execute: targetText = tr("&SQL:"); argsText = tr("&Binds:"); placeholder = tr("SQL, e.g. SELECT * FROM \"demo\""); break;
    case Select:
    case Delete: targetText = tr("&Space:"); argsText = tr("&Key:"); placeholder = tr("space name or id"); break;
    case Update: targetText = tr("&Space:"); argsText = tr("&Key:"); placeholder = tr("space name or id"); break;
    case Insert:
    case Replace:
    case Upsert: targetText = tr("&Space:"); argsText = tr("&Tuple:"); placeholder = tr("space name or id"); break;
    case Ping: targetText = tr("&Target:"); argsText = tr("&Arguments:"); break;
    }
    m_targetLabel->setText(targetText);
    m_argsLabel->setText(argsText);
    m_target->setPlaceholderText(placeholder);
    m_target->setAccessibleDescription(targetText.remove(QLatin1Char('&')));
    m_args->setAccessibleDescription(argsText.remove(QLatin1Char('&')));
    const bool ping = m == Ping;
    m_target->setVisible(!ping);
    m_targetLabel->setVisible(!ping);
    m_args->setVisible(!ping);
    m_argsLabel->setVisible(!ping);
    m_args->statusLabel()->setVisible(!ping);
    m_index->setVisible(usesIndex(m));
    m_indexLabel->setVisible(usesIndex(m));
    const bool ops = m == Update || m == Upsert;
    m_ops->setVisible(ops);
    m_opsLabel->setVisible(ops);
    m_ops->statusLabel()->setVisible(ops);
    m_selectOptions->setVisible(m == Select);
    updateIndexes();
    updateSendEnabled();
}

void RemoteCallPanel::updateIndexes()
{
    if (!usesIndex(m_method->currentIndex()))
        return;
    const QString current = m_index->currentText();
    QStringList names;
    if (m_connection) {
        const ObjectRef ref(m_target->text().trimmed());
        const Schema::Space *s = ref.byName ? m_connection->schema().space(ref.name) : m_connection->schema().space(ref.id);
        if (s)
            names = m_connection->schema().indexNames(s->id);
    }
    if (names.isEmpty())
        names << QStringLiteral("0");
    m_index->blockSignals(true);
    m_index->clear();
    m_index->addItems(names);
    const int found = m_index->findText(current);
    if (found >= 0)
        m_index->setCurrentIndex(found);
    else if (!current.isEmpty() && current != QLatin1String("0"))
        m_index->setEditText(current);
    m_index->blockSignals(false);
}

void RemoteCallPanel::updateSendEnabled()
{
    const int m = m_method->currentIndex();
    QString problem;
    if (!m_connection || m_connection->state() == Connection::State::Disconnected)
        problem = tr("Not connected");
    else if (m != Ping && m_target->text().trimmed().isEmpty())
        problem = m_target->placeholderText().isEmpty() ? tr("Enter a target") : tr("Enter the %1").arg(m_target->accessibleDescription().toLower().remove(QLatin1Char(':')));
    else if (m != Ping && !m_args->isValid())
        problem = tr("Fix the Lua literal: %1").arg(m_args->errorText());
    else if ((m == Update || m == Upsert) && !m_ops->isValid())
        problem = tr("Fix the operations: %1").arg(m_ops->errorText());
    else if (!m_async->isChecked() && m_lastSync && !m_lastSync->isFinished())
        problem = tr("Waiting for the previous synchronous request");
    m_send->setEnabled(problem.isEmpty());
    m_send->setToolTip(problem);
    m_formError->setText(problem.isEmpty() ? QString() : problem);
}

RemoteCallPanel::FormState RemoteCallPanel::formState() const
{
    FormState s;
    s.method = m_method->currentIndex();
    s.target = m_target->text();
    s.index = m_index->currentText();
    s.arguments = m_args->toPlainText();
    s.operations = m_ops->toPlainText();
    s.async = m_async->isChecked();
    s.timeout = m_timeout->value();
    s.limit = m_limit->value();
    s.offset = m_offset->value();
    s.iterator = m_iterator->currentIndex();
    return s;
}

void RemoteCallPanel::applyForm(const FormState &s)
{
    m_method->setCurrentIndex(s.method);
    m_target->setText(s.target);
    m_args->setPlainText(s.arguments);
    m_ops->setPlainText(s.operations);
    m_async->setChecked(s.async);
    m_timeout->setValue(s.timeout);
    m_limit->setValue(s.limit);
    m_offset->setValue(s.offset);
    m_iterator->setCurrentIndex(s.iterator);
    updateIndexes();
    m_index->setEditText(s.index);
}

Request *RemoteCallPanel::send()
{
    updateSendEnabled();
    if (!m_send->isEnabled() || !m_connection)
        return nullptr;
    const FormState form = formState();
    const std::vector<MpValue> values = m_args->values();
    RequestSpec spec;
    spec.method = RequestSpec::Method(form.method);
    spec.timeoutMs = int(form.timeout * 1000);
    spec.async = form.async;
    const QString target = form.target.trimmed();
    switch (spec.method) {
    case RequestSpec::Method::Call: spec.function = target; spec.arguments = asList(values); break;
    case RequestSpec::Method::Eval: spec.expression = target; spec.arguments = asList(values); break;
    case RequestSpec::Method::Execute: spec.sql = target; spec.binds = asList(values); break;
    case RequestSpec::Method::Ping: break;
    case RequestSpec::Method::Insert:
    case RequestSpec::Method::Replace:
    case RequestSpec::Method::Upsert: spec.tuple = asList(values); break;
    case RequestSpec::Method::Select:
    case RequestSpec::Method::Update:
    case RequestSpec::Method::Delete: spec.key = asList(values); break;
    }
    if (RequestSpec::usesSpace(spec.method))
        spec.space = ObjectRef(target);
    if (RequestSpec::usesIndex(spec.method))
        spec.index = ObjectRef(form.index.trimmed().isEmpty() ? QStringLiteral("0") : form.index.trimmed());
    if (RequestSpec::usesOps(spec.method))
        spec.ops = m_ops->values().empty() ? MpValue::array() : m_ops->values().front();
    if (spec.method == RequestSpec::Method::Select) {
        spec.iterator = uint32_t(form.iterator);
        spec.offset = uint32_t(form.offset);
        spec.limit = form.limit > 0 ? uint32_t(form.limit) : 0xffffffffu;
    }
    Request *r = m_connection->submit(spec);
    if (!r)
        return nullptr;
    m_forms.insert(r, form);
    if (!form.async)
        m_lastSync = r;
    m_history->addRequest(r, form.arguments);
    track(r);
    m_log->append(LogModel::Info, QLatin1String(kSource),
                  tr("SYNC %1 %2 %3 %4").arg(r->sync()).arg(r->method(), r->target(), form.arguments.simplified()));
    const int row = m_history->rowOf(r);
    m_historyView->selectionModel()->setCurrentIndex(m_history->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_historyView->scrollTo(m_history->index(row, 0));
    showRequest(r);
    updateSendEnabled();
    emit requestSent(r);
    return r;
}

void RemoteCallPanel::adoptRequest(Request *request, const QString &origin)
{
    m_history->addRequest(request, origin);
    track(request);
    m_log->append(LogModel::Info, QLatin1String(kSource),
                  tr("SYNC %1 %2 %3 (from %4)").arg(request->sync()).arg(request->method(), request->target(), origin));
}

Request *RemoteCallPanel::rerun(Request *request)
{
    auto it = m_forms.constFind(request);
    if (it == m_forms.constEnd())
        return nullptr;
    applyForm(*it);
    return send();
}

void RemoteCallPanel::track(Request *r)
{
    // Every push reaches the log: the first ones a line each, a flood in lines of
    // kPushesPerLogLine, so that 10^5 pushes do not push everything else out of the log.
    auto logged = std::make_shared<quint64>(0);
    auto logRange = [this, r, logged](quint64 upTo, const MpValue *last) {
        if (upTo <= *logged)
            return;
        m_log->append(LogModel::Debug, QLatin1String(kSource),
                      tr("SYNC %1 pushes #%2–#%3 (%4)%5")
                          .arg(r->sync())
                          .arg(*logged + 1)
                          .arg(upTo)
                          .arg(upTo - *logged)
                          .arg(last ? tr(", the last: %1").arg(MpFormat::preview(*last, 200)) : QString()));
        *logged = upTo;
    };
    connect(r, &Request::pushReceived, this, [this, r, logged, logRange](const MpValue &value, quint64 index) {
        if (index <= kPushesLoggedEach) {
            m_log->append(LogModel::Debug, QLatin1String(kSource),
                          tr("SYNC %1 push #%2: %3").arg(r->sync()).arg(index).arg(MpFormat::preview(value, 200)));
            *logged = index;
        } else if (index % kPushesPerLogLine == 0) {
            logRange(index, &value);
        }
    });
    connect(r, &Request::finished, this, [this, r, logRange] {
        logRange(r->pushCount(), r->pushes().empty() ? nullptr : &r->pushes().back().value);
        if (r->state() == Request::State::Done) {
            m_log->append(LogModel::Info, QLatin1String(kSource),
                          tr("SYNC %1 done in %2 ms after %3 push(es): %4")
                              .arg(r->sync())
                              .arg(double(r->durationNs()) / 1e6, 0, 'f', 2)
                              .arg(r->pushCount())
                              .arg(MpFormat::preview(r->result(), 200)));
        } else {
            m_log->append(r->state() == Request::State::Discarded ? LogModel::Warning : LogModel::Error,
                          QLatin1String(kSource),
                          tr("SYNC %1 %2 after %3 push(es): %4")
                              .arg(r->sync())
                              .arg(RequestHistoryModel::stateText(r->state()))
                              .arg(r->pushCount())
                              .arg(r->error().toString()));
        }
        if (r == m_current)
            updateResult();
        updateSendEnabled();
    });
    connect(r, &QObject::destroyed, this, [this, r] { m_forms.remove(r); });
}

void RemoteCallPanel::onHistorySelection()
{
    const QModelIndex current = m_historyView->selectionModel()->currentIndex();
    Request *r = m_history->request(current.row());
    if (r && r != m_current)
        showRequest(r);
}

bool RemoteCallPanel::showRequestBySync(quint64 sync)
{
    for (int row = m_history->rowCount() - 1; row >= 0; --row) {
        Request *r = m_history->request(row);
        if (!r || r->sync() != sync || r->parent() != m_connection.data())
            continue;
        m_historyView->selectionModel()->setCurrentIndex(m_history->index(row, 0),
                                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_historyView->scrollTo(m_history->index(row, 0));
        showRequest(r);
        return true;
    }
    return false;
}

void RemoteCallPanel::showRequest(Request *request)
{
    if (m_current)
        m_current->disconnect(m_discard);
    m_current = request;
    m_followPushes = true;
    m_pushes->setRequest(request);
    m_pushDetail->clear();
    updateResult();
    m_discard->setEnabled(request && !request->isFinished());
    if (request)
        connect(request, &Request::finished, m_discard, [this] { m_discard->setEnabled(false); });
}

void RemoteCallPanel::updateResult()
{
    Request *r = m_current;
    if (!r) {
        m_result->clear();
        return;
    }
    const QString head = describe(r);
    switch (r->state()) {
    case Request::State::Pending:
    case Request::State::ReceivingPushes:
        m_result->setMessage(tr("%1 — waiting for the result").arg(head), tr("# waiting for the result…"));
        break;
    case Request::State::Done: {
        const MpValue &data = r->result();
        std::vector<MpValue> values;
        if (r->method() == QLatin1String("execute") || !data.isArray())
            values.push_back(data);
        else
            values = data.items();
        QString title = tr("%1 — result in %2 ms").arg(head).arg(double(r->durationNs()) / 1e6, 0, 'f', 2);
        if (values.empty())
            title += tr(" (no values)");
        m_result->setValues(title, std::move(values));
        break;
    }
    case Request::State::Failed:
    case Request::State::TimedOut:
    case Request::State::Discarded:
        m_result->setError(tr("%1 — %2").arg(head, RequestHistoryModel::stateText(r->state())), r->error());
        break;
    }
}

QString RemoteCallPanel::describe(const Request *r) const
{
    return tr("SYNC %1 %2 %3").arg(r->sync()).arg(r->method(), r->target());
}

void RemoteCallPanel::updatePushCount(quint64 total, quint64 dropped)
{
    QString text = tr("%1 received").arg(total);
    if (m_countOnly->isChecked())
        text += tr(" (count only)");
    else if (dropped > 0)
        text += tr(", %1 older pushes dropped from the list").arg(dropped);
    m_pushCount->setText(text);
}

void RemoteCallPanel::onPushSelection()
{
    const int row = m_pushView->selectionModel()->currentIndex().row();
    MpValue value;
    if (row >= 0 && m_pushes->pushValue(row, &value))
        m_pushDetail->setValues(tr("Push #%1").arg(m_pushes->pushIndex(row)), {value});
    else
        m_pushDetail->clear();
}

bool RemoteCallPanel::exportJsonLines(Request *r, const QString &path, QString *error) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = f.errorString();
        m_log->append(LogModel::Error, QLatin1String(kSource), tr("Cannot export to %1: %2").arg(path, f.errorString()));
        return false;
    }
    const quint64 held = quint64(r->pushes().size());
    QString writeError;
    if (!JsonLines::writeRequest(*r, &f, &writeError)) {
        if (error)
            *error = writeError;
        m_log->append(LogModel::Error, QLatin1String(kSource), tr("Cannot export to %1: %2").arg(path, writeError));
        return false;
    }
    m_log->append(LogModel::Info, QLatin1String(kSource),
                  tr("Exported SYNC %1 (%2 push(es)) to %3").arg(r->sync()).arg(held).arg(path));
    return true;
}

} // namespace Boxscope
