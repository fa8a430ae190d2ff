#include "remotecall/RequestForm.h"

#include "client/Connection.h"
#include "client/Request.h"
#include "remotecall/LuaArgumentEdit.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QToolButton>

#include <climits>

namespace Boxscope {

namespace {

// The argument editor's values as one msgpack argument list / key / tuple.
MpValue asList(const std::vector<MpValue> &values)
{
    if (values.size() == 1 && values.front().isArray())
        return values.front();
    return MpValue::array(values);
}

} // namespace

RequestForm::RequestForm(Connection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
{
    // A grid, not a QFormLayout: Qt 6.4's QFormLayout writes out of bounds in
    // heightForWidth() when rows holding word-wrapped labels are hidden.
    auto *form = new QGridLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setColumnStretch(1, 1);
    int formRow = 0;
    auto addRow = [&](QWidget *label, QWidget *field) {
        if (label)
            form->addWidget(label, formRow, 0, Qt::AlignTop | Qt::AlignLeft);
        form->addWidget(field, formRow, label ? 1 : 0, 1, label ? 1 : 2);
        ++formRow;
    };
    auto addFieldRow = [&](QWidget *field) { // under the fields, no label: no row when hidden
        form->addWidget(field, formRow, 1);
        ++formRow;
    };
    auto addLayoutRow = [&](QWidget *label, QLayout *field) {
        form->addWidget(label, formRow, 0);
        form->addLayout(field, formRow, 1);
        ++formRow;
    };
    auto plainLabel = [&](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        if (buddy)
            l->setBuddy(buddy);
        return l;
    };

    m_method = new QComboBox(this);
    m_method->setAccessibleName(tr("Method"));
    for (const char *name :
         { "call", "eval", "select", "insert", "replace", "update", "upsert", "delete", "execute", "ping" })
        m_method->addItem(QLatin1String(name));
    // The method and the options that hold for every method on one row.
    m_async = new QCheckBox(tr("Async"), this);
    m_async->setAccessibleName(tr("Async"));
    m_async->setChecked(true);
    m_async->setToolTip(tr("On: several requests in flight. Off: like a synchronous net.box call, the next request "
                           "waits until this one ends."));
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setAccessibleName(tr("Timeout in seconds"));
    m_timeout->setRange(0, 86400);
    m_timeout->setDecimals(2);
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setSuffix(tr(" s"));
    m_timeoutReset = new QToolButton(this);
    m_timeoutReset->setText(QStringLiteral("×"));
    m_timeoutReset->setAccessibleName(tr("Reset timeout"));
    m_timeoutReset->setToolTip(tr("Reset timeout: send the next requests without one"));
    m_timeoutReset->setAutoRaise(true);
    QSizePolicy keepPlace = m_timeoutReset->sizePolicy(); // the row does not move when it shows
    keepPlace.setRetainSizeWhenHidden(true);
    m_timeoutReset->setSizePolicy(keepPlace);
    auto *methodRow = new QHBoxLayout;
    methodRow->addWidget(m_method, 1);
    methodRow->addSpacing(8);
    methodRow->addWidget(m_async);
    methodRow->addSpacing(8);
    auto *timeoutLabel = new QLabel(tr("&Timeout:"), this);
    timeoutLabel->setBuddy(m_timeout);
    methodRow->addWidget(timeoutLabel);
    methodRow->addWidget(m_timeout);
    methodRow->addWidget(m_timeoutReset);
    addLayoutRow(plainLabel(tr("&Method:"), m_method), methodRow);

    m_target = new QLineEdit(this);
    m_target->setAccessibleName(tr("Target"));
    m_spaceList = new QStandardItemModel(this);
    m_completer = new QCompleter(m_spaceList, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionRole(Qt::UserRole); // the label's is empty: it shows only unfiltered
    m_completer->popup()->setAccessibleName(tr("Space list"));
    m_functionNames = new QStringListModel(this);
    m_functionCompleter = new QCompleter(m_functionNames, this);
    m_functionCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_functionCompleter->setFilterMode(Qt::MatchContains);
    m_functionCompleter->popup()->setAccessibleName(tr("Function list"));
    m_targetLabel = new QLabel(tr("&Function:"), this);
    m_targetLabel->setBuddy(m_target);
    addRow(m_targetLabel, m_target);

    m_index = new QComboBox(this);
    m_index->setEditable(true);
    m_index->setAccessibleName(tr("Index"));
    m_indexLabel = new QLabel(tr("&Index:"), this);
    m_indexLabel->setBuddy(m_index);
    addRow(m_indexLabel, m_index);

    m_args = new LuaArgumentEdit(this);
    m_args->setAccessibleName(tr("Arguments"));
    m_args->setPlaceholderText(tr("Lua literal, e.g. {1, 'a', {x = 1}}"));
    m_args->statusLabel()->setAccessibleName(tr("Arguments error"));
    m_argsLabel = new QLabel(tr("&Arguments:"), this);
    m_argsLabel->setBuddy(m_args);
    addRow(m_argsLabel, m_args);
    addFieldRow(m_args->statusLabel());

    m_ops = new LuaArgumentEdit(this);
    m_ops->setMode(LuaArgumentEdit::Mode::SingleValue);
    m_ops->setAccessibleName(tr("Update operations"));
    m_ops->setPlaceholderText(tr("{{'=', 2, 'x'}, {'+', 3, 1}}"));
    m_ops->statusLabel()->setAccessibleName(tr("Update operations error"));
    m_opsLabel = new QLabel(tr("&Operations:"), this);
    m_opsLabel->setBuddy(m_ops);
    addRow(m_opsLabel, m_ops);
    addFieldRow(m_ops->statusLabel());

    m_selectOptions = new QWidget(this);
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
    for (const char *it : { "EQ", "REQ", "ALL", "LT", "LE", "GE", "GT" })
        m_iterator->addItem(QLatin1String(it));
    sel->addWidget(new QLabel(tr("Limit:"), m_selectOptions));
    sel->addWidget(m_limit);
    sel->addWidget(new QLabel(tr("Offset:"), m_selectOptions));
    sel->addWidget(m_offset);
    sel->addWidget(new QLabel(tr("Iterator:"), m_selectOptions));
    sel->addWidget(m_iterator);
    addRow(nullptr, m_selectOptions);

    connect(m_method, &QComboBox::currentIndexChanged, this, &RequestForm::onMethodChanged);
    connect(m_target, &QLineEdit::textChanged, this, &RequestForm::updateIndexes);
    connect(m_target, &QLineEdit::textChanged, this, &RequestForm::changed);
    connect(m_target, &QLineEdit::returnPressed, this, &RequestForm::submitRequested);
    connect(m_args, &LuaArgumentEdit::validityChanged, this, &RequestForm::changed);
    connect(m_ops, &LuaArgumentEdit::validityChanged, this, &RequestForm::changed);
    connect(m_async, &QCheckBox::toggled, this, &RequestForm::changed);
    connect(m_timeout, &QDoubleSpinBox::valueChanged, this, &RequestForm::updateTimeoutMark);
    connect(m_timeoutReset, &QToolButton::clicked, this, [this] { m_timeout->setValue(0); });
    if (connection) {
        connect(connection, &Connection::schemaLoaded, this, [this] {
            updateSpaceList();
            updateIndexes();
            readFunctions();
        });
    }
    onMethodChanged();
    updateTimeoutMark();
}

void RequestForm::updateTimeoutMark()
{
    // A timeout applies to every request sent after it is set: it must not go unnoticed.
    const bool set = m_timeout->value() > 0;
    QFont f = m_timeout->font();
    f.setBold(set);
    m_timeout->setFont(f);
    m_timeout->setToolTip(set ? tr("Every request sent now fails if it takes longer than %1 s")
                                          .arg(QString::number(m_timeout->value(), 'f', 2))
                              : tr("No timeout: requests wait for their answer"));
    m_timeoutReset->setVisible(set);
}

void RequestForm::setMethod(RequestSpec::Method method)
{
    m_method->setCurrentIndex(int(method));
}

RequestSpec::Method RequestForm::method() const
{
    return RequestSpec::Method(m_method->currentIndex());
}

namespace {

// What the target field holds for a method, and what the arguments field holds: texts of one
// kind carry over between methods, texts of another kind do not (a function name is no space,
// an insert's tuple no select's key).
QString targetKind(RequestSpec::Method m)
{
    using M = RequestSpec::Method;
    switch (m) {
    case M::Call: return QStringLiteral("function");
    case M::Eval: return QStringLiteral("expression");
    case M::Execute: return QStringLiteral("sql");
    case M::Ping: return QString();
    default: return QStringLiteral("space");
    }
}

QString argumentsKind(RequestSpec::Method m)
{
    using M = RequestSpec::Method;
    switch (m) {
    case M::Call:
    case M::Eval: return QStringLiteral("arguments");
    case M::Execute: return QStringLiteral("binds");
    case M::Select:
    case M::Delete:
    case M::Update: return QStringLiteral("key");
    case M::Insert:
    case M::Replace:
    case M::Upsert: return QStringLiteral("tuple");
    case M::Ping: return QString();
    }
    return QString();
}

} // namespace

void RequestForm::onMethodChanged()
{
    using M = RequestSpec::Method;
    const M m = method();
    // Keep what the fields held under the previous method's kinds; bring back this one's.
    if (m_shownMethod != m) {
        const QString oldTarget = targetKind(m_shownMethod), newTarget = targetKind(m);
        const QString oldArgs = argumentsKind(m_shownMethod), newArgs = argumentsKind(m);
        if (!oldTarget.isEmpty())
            m_keptTexts[oldTarget] = m_target->text();
        if (!oldArgs.isEmpty())
            m_keptTexts[QStringLiteral("args:") + oldArgs] = m_args->toPlainText();
        if (!newTarget.isEmpty() && newTarget != oldTarget)
            m_target->setText(m_keptTexts.value(newTarget));
        if (!newArgs.isEmpty() && newArgs != oldArgs)
            m_args->setPlainText(m_keptTexts.value(QStringLiteral("args:") + newArgs));
        m_shownMethod = m;
    }
    const bool space = RequestSpec::usesSpace(m);
    m_target->setCompleter(space ? m_completer : m == M::Call ? m_functionCompleter : nullptr);
    QString targetText, argsText, placeholder;
    switch (m) {
    case M::Call:
        targetText = tr("&Function:");
        argsText = tr("&Arguments:");
        placeholder = tr("function name, e.g. server_function");
        break;
    case M::Eval:
        targetText = tr("&Expression:");
        argsText = tr("&Arguments:");
        placeholder = tr("Lua, e.g. return box.info.version");
        break;
    case M::Execute:
        targetText = tr("&SQL:");
        argsText = tr("&Binds:");
        placeholder = tr("SQL, e.g. SELECT * FROM \"demo\"");
        break;
    case M::Select:
    case M::Delete:
        targetText = tr("&Space:");
        argsText = tr("&Key:");
        placeholder = tr("space name or id");
        break;
    case M::Update:
        targetText = tr("&Space:");
        argsText = tr("&Key:");
        placeholder = tr("space name or id");
        break;
    case M::Insert:
    case M::Replace:
    case M::Upsert:
        targetText = tr("&Space:");
        argsText = tr("&Tuple:");
        placeholder = tr("space name or id");
        break;
    case M::Ping:
        targetText = tr("&Target:");
        argsText = tr("&Arguments:");
        break;
    }
    m_targetLabel->setText(targetText);
    m_argsLabel->setText(argsText);
    m_target->setPlaceholderText(placeholder);
    m_target->setAccessibleDescription(targetText.remove(QLatin1Char('&')));
    m_args->setAccessibleDescription(argsText.remove(QLatin1Char('&')));
    const bool ping = m == M::Ping;
    m_target->setVisible(!ping);
    m_targetLabel->setVisible(!ping);
    m_args->setVisible(!ping);
    m_argsLabel->setVisible(!ping);
    m_args->setStatusAllowed(!ping);
    m_index->setVisible(RequestSpec::usesIndex(m));
    m_indexLabel->setVisible(RequestSpec::usesIndex(m));
    const bool ops = RequestSpec::usesOps(m);
    m_ops->setVisible(ops);
    m_opsLabel->setVisible(ops);
    m_ops->setStatusAllowed(ops);
    m_selectOptions->setVisible(m == M::Select);
    updateIndexes();
    emit changed();
}

void RequestForm::updateIndexes()
{
    if (!RequestSpec::usesIndex(method()))
        return;
    const QString current = m_index->currentText();
    QStringList names;
    const Schema::Space *space = nullptr;
    if (m_connection) {
        const ObjectRef ref(m_target->text().trimmed());
        space = ref.byName ? m_connection->schema().space(ref.name) : m_connection->schema().space(ref.id);
        if (space)
            names = m_connection->schema().indexNames(space->id);
    }
    if (names.isEmpty())
        names << QStringLiteral("0");
    // An index the known space does not have (another server, another space) is not kept:
    // the primary index is chosen instead. An index id the space has stays as typed.
    bool keep = !current.isEmpty() && current != QLatin1String("0");
    if (keep && space && !names.isEmpty()) {
        const ObjectRef ref(current);
        keep = false;
        for (const Schema::Index &i : space->indexes)
            keep = keep || (!ref.byName && i.id == ref.id);
    }
    m_index->blockSignals(true);
    m_index->clear();
    m_index->addItems(names);
    const int found = m_index->findText(current);
    if (found >= 0)
        m_index->setCurrentIndex(found);
    else if (keep)
        m_index->setEditText(current);
    m_index->blockSignals(false);
}

QString RequestForm::problem() const
{
    const RequestSpec::Method m = method();
    if (m != RequestSpec::Method::Ping && m_target->text().trimmed().isEmpty())
        return m_target->placeholderText().isEmpty()
                ? tr("Enter a target")
                : tr("Enter the %1").arg(m_target->accessibleDescription().toLower().remove(QLatin1Char(':')));
    if (m != RequestSpec::Method::Ping && !m_args->isValid())
        return tr("Fix the Lua literal: %1").arg(m_args->errorText());
    if (RequestSpec::usesOps(m) && !m_ops->isValid())
        return tr("Fix the operations: %1").arg(m_ops->errorText());
    return QString();
}

RequestSpec RequestForm::spec() const
{
    using M = RequestSpec::Method;
    RequestSpec spec;
    spec.method = method();
    spec.timeoutMs = int(m_timeout->value() * 1000);
    spec.async = m_async->isChecked();
    const QString target = m_target->text().trimmed();
    const MpValue values = asList(m_args->values());
    switch (spec.method) {
    case M::Call:
        spec.function = target;
        spec.arguments = values;
        break;
    case M::Eval:
        spec.expression = target;
        spec.arguments = values;
        break;
    case M::Execute:
        spec.sql = target;
        spec.binds = values;
        break;
    case M::Insert:
    case M::Replace:
    case M::Upsert: spec.tuple = values; break;
    case M::Select:
    case M::Update:
    case M::Delete: spec.key = values; break;
    case M::Ping: break;
    }
    if (RequestSpec::usesSpace(spec.method))
        spec.space = ObjectRef(target);
    if (RequestSpec::usesIndex(spec.method)) {
        const QString index = m_index->currentText().trimmed();
        spec.index = ObjectRef(index.isEmpty() ? QStringLiteral("0") : index);
    }
    if (RequestSpec::usesOps(spec.method))
        spec.ops = m_ops->values().empty() ? MpValue::array() : m_ops->values().front();
    if (spec.method == M::Select) {
        spec.iterator = uint32_t(m_iterator->currentIndex());
        spec.offset = uint32_t(m_offset->value());
        spec.limit = m_limit->value() > 0 ? uint32_t(m_limit->value()) : 0xffffffffu;
    }
    return spec;
}

RequestForm::Texts RequestForm::texts() const
{
    Texts t;
    t.method = method();
    t.target = m_target->text();
    t.index = m_index->currentText();
    t.arguments = m_args->toPlainText();
    t.operations = m_ops->toPlainText();
    t.async = m_async->isChecked();
    t.timeout = m_timeout->value();
    t.limit = m_limit->value();
    t.offset = m_offset->value();
    t.iterator = m_iterator->currentIndex();
    return t;
}

void RequestForm::setTexts(const Texts &t)
{
    setMethod(t.method);
    m_target->setText(t.target);
    m_args->setPlainText(t.arguments);
    m_ops->setPlainText(t.operations);
    m_async->setChecked(t.async);
    m_timeout->setValue(t.timeout);
    m_limit->setValue(t.limit);
    m_offset->setValue(t.offset);
    m_iterator->setCurrentIndex(t.iterator);
    updateIndexes();
    m_index->setEditText(t.index);
}

QString RequestForm::argumentsText() const
{
    return m_args->toPlainText();
}

void RequestForm::updateSpaceList()
{
    const Schema &schema = m_connection->schema();
    QStringList user, system;
    for (const QString &name : schema.spaceNames()) {
        const Schema::Space *s = schema.space(name);
        (s && s->id < 512 ? system : user) << name;
    }
    m_spaceList->clear();
    auto add = [this](const QString &name, bool isSystem) {
        auto *item = new QStandardItem(name);
        item->setData(name, Qt::UserRole);
        if (isSystem) {
            item->setForeground(m_target->palette().color(QPalette::Disabled, QPalette::Text));
            item->setToolTip(tr("System space"));
        }
        m_spaceList->appendRow(item);
    };
    for (const QString &name : user)
        add(name, false);
    if (!system.isEmpty()) {
        auto *label = new QStandardItem(tr("— System spaces —"));
        label->setData(QString(), Qt::UserRole);
        label->setFlags(Qt::NoItemFlags);
        QFont italic = label->font();
        italic.setItalic(true);
        label->setFont(italic);
        m_spaceList->appendRow(label);
    }
    for (const QString &name : system)
        add(name, true);
}

void RequestForm::readFunctions()
{
    // The persistent functions the user may see, as the app's own request. Global Lua
    // functions are not listed anywhere: the names called before stand in for them.
    SelectOptions options;
    options.iterator = Iproto::ALL;
    options.limit = 10000;
    RequestOptions own;
    own.internal = true; // the traffic view sets it apart from the person's requests
    Request *r = m_connection->select(ObjectRef(Iproto::VFUNC_ID), MpValue::array(), options, own);
    connect(r, &Request::finished, this, [this, r] {
        if (r->state() == Request::State::Done) {
            m_serverFunctions.clear();
            // _vfunc: [id, owner, name, setuid, language, ...]; SQL's built-ins are not callable.
            for (const MpValue &t : r->result().items()) {
                if (t.isArray() && t.size() > 4 && t.at(2).isStr()
                    && t.at(4).toQString() != QLatin1String("SQL_BUILTIN"))
                    m_serverFunctions << t.at(2).toQString();
            }
            updateFunctionList();
        }
        r->deleteLater();
    });
}

void RequestForm::addCalledFunction(const QString &name)
{
    if (name.isEmpty() || m_calledFunctions.contains(name))
        return;
    m_calledFunctions << name;
    updateFunctionList();
}

void RequestForm::updateFunctionList()
{
    QStringList names = m_serverFunctions + m_calledFunctions;
    names.sort();
    names.removeDuplicates();
    m_functionNames->setStringList(names);
}

} // namespace Boxscope
