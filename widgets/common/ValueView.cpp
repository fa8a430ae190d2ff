#include "common/ValueView.h"

#include "common/Fonts.h"
#include "common/TupleGridModel.h"
#include "common/TupleGridView.h"
#include "common/ValueTreeModel.h"
#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpExt.h"
#include "sockets/ByteText.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

// Where the chosen tab is kept: "grid", "tree", "yaml", "json" or "hex".
const char kViewSetting[] = "valueView/view";

} // namespace

ValueView::ValueView(const QString &accessibleName, QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(accessibleName);
    m_title = new QLabel(this);
    m_title->setAccessibleName(tr("%1 title").arg(accessibleName));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // A long title gives way to the buttons (it is whole in the tooltip).
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *copyLabel = new QLabel(tr("Copy:"), this);
    m_copyYaml = new QToolButton(this);
    m_copyYaml->setText(tr("YAML"));
    m_copyYaml->setAccessibleName(tr("Copy %1 as YAML").arg(accessibleName));
    m_copyJson = new QToolButton(this);
    m_copyJson->setText(tr("JSON"));
    m_copyJson->setAccessibleName(tr("Copy %1 as JSON").arg(accessibleName));
    m_copyLua = new QToolButton(this);
    m_copyLua->setText(tr("Lua"));
    m_copyLua->setAccessibleName(tr("Copy %1 as a Lua literal").arg(accessibleName));

    m_model = new ValueTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setAccessibleName(tr("%1 tree").arg(accessibleName));
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);

    m_yaml = new QPlainTextEdit(this);
    m_yaml->setReadOnly(true);
    m_yaml->setAccessibleName(tr("%1 YAML").arg(accessibleName));
    m_yaml->setFont(monospaceFont()); // its size follows the application's (View > Zoom)
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_grid = new TupleGridView(tr("%1 grid").arg(accessibleName), this);

    const auto textPane = [this](const QString &name) {
        auto *edit = new QPlainTextEdit(this);
        edit->setReadOnly(true);
        edit->setAccessibleName(name);
        edit->setFont(monospaceFont());
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        return edit;
    };
    m_json = textPane(tr("%1 JSON").arg(accessibleName));
    m_hex = textPane(tr("%1 msgpack as hex").arg(accessibleName));

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_grid, tr("Grid"));
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_yaml, tr("YAML"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_tabs->addTab(m_hex, tr("Hex"));
    m_tabs->setAccessibleName(tr("%1 views").arg(accessibleName));

    m_errorPage = new QWidget(this);
    m_errorText = new QLabel(m_errorPage);
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->setAccessibleName(tr("%1 error").arg(accessibleName));
    // The text at the top, as tall as it needs: without a stack the space below stays empty.
    m_errorText->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_errorText->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_stack = new QTreeWidget(m_errorPage);
    m_stack->setAccessibleName(tr("%1 error stack").arg(accessibleName));
    m_stack->setHeaderLabels({ tr("Type"), tr("Code"), tr("Location"), tr("errno"), tr("Message") });
    m_stack->setRootIsDecorated(false);
    m_stack->setWordWrap(false);
    // Type, code, file:line and errno as wide as their texts; the message takes the rest
    // (whole in its tooltip).
    m_stack->header()->setStretchLastSection(true);
    for (int column = 0; column < 4; ++column)
        m_stack->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    auto *el = new QVBoxLayout(m_errorPage);
    el->setContentsMargins(0, 0, 0, 0);
    el->addWidget(m_errorText);
    el->addWidget(m_stack, 1);
    el->addStretch(0);

    m_stackPages = new QStackedWidget(this);
    m_stackPages->addWidget(m_tabs);
    m_stackPages->addWidget(m_errorPage);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(copyLabel);
    top->addWidget(m_copyYaml);
    top->addWidget(m_copyJson);
    top->addWidget(m_copyLua);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stackPages, 1);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (!m_choosingTab) {
            QWidget *w = m_tabs->currentWidget();
            QSettings().setValue(QLatin1String(kViewSetting),
                                 w == m_grid           ? QStringLiteral("grid")
                                         : w == m_yaml ? QStringLiteral("yaml")
                                         : w == m_json ? QStringLiteral("json")
                                         : w == m_hex  ? QStringLiteral("hex")
                                                       : QStringLiteral("tree"));
        }
        attachTree();
        updateYaml();
        updateJsonAndHex();
    });
    connect(m_copyYaml, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(yamlText()); });
    connect(m_copyJson, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(jsonText()); });
    connect(m_copyLua, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(luaText()); });
    clear();
}

void ValueView::setValues(const QString &title, std::vector<MpValue> values)
{
    m_pendingTree.reset();
    m_tree->setModel(nullptr); // attached again when its tab is shown
    m_model->setValues(std::move(values));
    m_grid->model()->clear();
    showValues(title);
}

void ValueView::setShared(const QString &title, std::shared_ptr<const MpValue> data, bool itemsAsValues,
                          const MpValue *rows, const QStringList &fieldNames)
{
    m_pendingTree.reset();
    m_tree->setModel(nullptr); // attached again when its tab is shown
    if (rows)
        m_grid->model()->setRows(data, rows, fieldNames);
    else
        m_grid->model()->clear();
    m_model->setShared(std::move(data), itemsAsValues);
    showValues(title);
    if (rows)
        m_grid->fitColumns();
}

void ValueView::setRawRows(const QString &title, std::shared_ptr<const MpRawArray> rows, const QStringList &fieldNames)
{
    m_tree->setModel(nullptr); // attached again when its tab is shown
    m_model->clear();
    m_grid->model()->setRawRows(rows, fieldNames);
    m_pendingTree = std::move(rows);
    showValues(title);
    m_grid->fitColumns();
}

void ValueView::ensureTree() const
{
    if (!m_pendingTree)
        return;
    const std::shared_ptr<const MpRawArray> rows = std::move(m_pendingTree);
    m_pendingTree.reset();
    m_model->setShared(std::make_shared<const MpValue>(rows->decodeAll()), true);
}

void ValueView::showValues(const QString &title)
{
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleDescription(title); // screen readers read the title's text here
    m_hasValues = true;
    m_yamlDirty = true;
    m_jsonDirty = m_hexDirty = true;
    m_stackPages->setCurrentWidget(m_tabs);
    for (auto *b : { m_copyYaml, m_copyJson, m_copyLua })
        b->setEnabled(true);
    m_expandTree = (m_pendingTree ? m_pendingTree->size() : m_model->valueCount()) == 1;
    choosePreferredTab();
    if (m_expandTree && m_tree->model())
        m_tree->expandToDepth(0);
    updateYaml();
    updateJsonAndHex();
}

void ValueView::choosePreferredTab()
{
    const bool gridShown = m_grid->model()->totalRows() > 0 || m_grid->model()->columnCount() > 0;
    m_choosingTab = true;
    m_tabs->setTabVisible(m_tabs->indexOf(m_grid), gridShown);
    const QString preferred = QSettings().value(QLatin1String(kViewSetting), QStringLiteral("grid")).toString();
    if (preferred == QLatin1String("yaml"))
        m_tabs->setCurrentWidget(m_yaml);
    else if (preferred == QLatin1String("json"))
        m_tabs->setCurrentWidget(m_json);
    else if (preferred == QLatin1String("hex"))
        m_tabs->setCurrentWidget(m_hex);
    else if (preferred == QLatin1String("grid") && gridShown)
        m_tabs->setCurrentWidget(m_grid);
    else
        m_tabs->setCurrentWidget(m_tree);
    m_choosingTab = false;
    attachTree();
}

void ValueView::attachTree()
{
    // QTreeView lays out every top-level row of its model, shown or not (100 000 for a large
    // select): the tree gets the model only while its tab is the current one.
    const bool shown = m_tabs->currentWidget() == m_tree;
    if (shown == (m_tree->model() == m_model))
        return;
    if (shown)
        ensureTree();
    m_tree->setModel(shown ? m_model : nullptr);
    if (!shown)
        return;
    m_tree->setColumnWidth(ValueTreeModel::KeyColumn, 140);
    m_tree->setColumnWidth(ValueTreeModel::TypeColumn, 90);
    if (m_expandTree)
        m_tree->expandToDepth(0);
}

void ValueView::setError(const QString &title, const Error &error)
{
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleDescription(title); // screen readers read the title's text here
    m_hasValues = false;
    m_pendingTree.reset();
    m_model->clear();
    m_grid->model()->clear();
    m_yaml->clear();
    m_json->clear();
    m_hex->clear();
    m_jsonDirty = m_hexDirty = false;
    QString text = QStringLiteral("<b>%1</b>").arg(error.type.toHtmlEscaped());
    if (error.code)
        text += tr(" · code %1").arg(error.code);
    text += QStringLiteral("<br>") + error.message.toHtmlEscaped();
    m_errorText->setText(text);
    m_stack->clear();
    bool ok = false;
    const ErrorStack stack = decodeErrorStack(error.stack, &ok);
    for (const ErrorEntry &e : stack.entries) {
        auto *item = new QTreeWidgetItem(m_stack);
        item->setText(0, e.type);
        item->setText(1, QString::number(e.code));
        item->setText(2, e.file.isEmpty() ? QString() : QStringLiteral("%1:%2").arg(e.file).arg(e.line));
        item->setText(3, QString::number(e.errnoValue));
        item->setText(4, e.message);
        item->setToolTip(4, e.message);
        item->setToolTip(2, item->text(2));
    }
    m_stack->setVisible(!stack.entries.empty());
    m_stackPages->setCurrentWidget(m_errorPage);
    for (auto *b : { m_copyYaml, m_copyJson, m_copyLua })
        b->setEnabled(false);
}

void ValueView::setMessage(const QString &title, const QString &message)
{
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleDescription(title); // screen readers read the title's text here
    m_hasValues = false;
    m_pendingTree.reset();
    m_model->clear();
    m_grid->model()->clear();
    m_yaml->setPlainText(message);
    m_yamlDirty = false;
    m_json->clear();
    m_hex->clear();
    m_jsonDirty = m_hexDirty = false;
    choosePreferredTab();
    m_stackPages->setCurrentWidget(m_tabs);
    for (auto *b : { m_copyYaml, m_copyJson, m_copyLua })
        b->setEnabled(false);
}

void ValueView::clear()
{
    setMessage(accessibleName(), QString());
}

QAbstractItemModel *ValueView::treeModel() const
{
    ensureTree();
    return m_model;
}

QString ValueView::title() const
{
    return m_title->text();
}

bool ValueView::showsError() const
{
    return m_stackPages->currentWidget() == m_errorPage;
}

void ValueView::updateYaml()
{
    // YAML of a large result is costly: build it only when it is looked at.
    if (!m_yamlDirty || m_tabs->currentWidget() != m_yaml)
        return;
    m_yamlDirty = false;
    QString text = yamlText();
    if (text.size() > kYamlLimit) {
        text.truncate(kYamlLimit);
        text += tr("\n# … cut at %1 characters; the tree and the copy buttons have everything\n").arg(kYamlLimit);
    }
    m_yaml->setPlainText(text);
}

void ValueView::updateJsonAndHex()
{
    // Made only when looked at, like the YAML; both cut at the same size.
    const auto cut = [this](QString text) {
        if (text.size() > kYamlLimit) {
            text.truncate(kYamlLimit);
            text += tr("\n… cut at %1 characters; the copy buttons have everything\n").arg(kYamlLimit);
        }
        return text;
    };
    if (m_jsonDirty && m_tabs->currentWidget() == m_json) {
        m_jsonDirty = false;
        m_json->setPlainText(cut(jsonText()));
    }
    if (m_hexDirty && m_tabs->currentWidget() == m_hex) {
        m_hexDirty = false;
        m_hex->setPlainText(hexText());
    }
}

QString ValueView::hexText() const
{
    if (!m_hasValues)
        return {};
    ensureTree();
    const QByteArray bytes = MpCodec::encode(m_model->valueCount() == 1 ? m_model->valueAt(0) : *m_model->data());
    // A dump line is ~78 characters for 16 bytes: the same bound as the YAML's.
    return tr("%n byte(s) of msgpack", nullptr, int(bytes.size())) + QLatin1Char('\n')
            + ByteText::hexDump(bytes, kYamlLimit / 5);
}

QString ValueView::yamlText() const
{
    if (!m_hasValues)
        return {};
    ensureTree();
    if (m_model->itemsAsRows())
        return MpFormat::yamlDocument(m_model->data()->items());
    return MpFormat::yamlDocument({ *m_model->data() });
}

QString ValueView::jsonText() const
{
    if (!m_hasValues)
        return {};
    ensureTree();
    // One value as itself; a list of values as an array (data is that array).
    if (m_model->valueCount() == 1)
        return MpFormat::toJson(m_model->valueAt(0));
    return MpFormat::toJson(*m_model->data());
}

QString ValueView::luaText() const
{
    if (!m_hasValues)
        return {};
    ensureTree();
    QStringList parts;
    for (size_t i = 0; i < m_model->valueCount(); ++i)
        parts << MpFormat::toLua(m_model->valueAt(i));
    return parts.join(QStringLiteral(", "));
}

} // namespace Boxscope
