#include "common/ValueView.h"

#include "common/Fonts.h"
#include "common/ValueTreeModel.h"
#include "format/MpFormat.h"
#include "msgpack/MpExt.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Boxscope {

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
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("%1 tree").arg(accessibleName));
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(ValueTreeModel::KeyColumn, 140);
    m_tree->setColumnWidth(ValueTreeModel::TypeColumn, 90);

    m_yaml = new QPlainTextEdit(this);
    m_yaml->setReadOnly(true);
    m_yaml->setAccessibleName(tr("%1 YAML").arg(accessibleName));
    m_yaml->setFont(monospaceFont()); // its size follows the application's (View > Zoom)
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_yaml, tr("YAML"));
    m_tabs->setAccessibleName(tr("%1 views").arg(accessibleName));

    m_errorPage = new QWidget(this);
    m_errorText = new QLabel(m_errorPage);
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->setAccessibleName(tr("%1 error").arg(accessibleName));
    m_stack = new QTreeWidget(m_errorPage);
    m_stack->setAccessibleName(tr("%1 error stack").arg(accessibleName));
    m_stack->setHeaderLabels({ tr("Type"), tr("Code"), tr("Location"), tr("errno"), tr("Message") });
    m_stack->setRootIsDecorated(false);
    m_stack->setColumnWidth(0, 120);
    m_stack->setColumnWidth(1, 50);
    m_stack->setColumnWidth(2, 200);
    m_stack->setColumnWidth(3, 50);
    auto *el = new QVBoxLayout(m_errorPage);
    el->setContentsMargins(0, 0, 0, 0);
    el->addWidget(m_errorText);
    el->addWidget(m_stack, 1);

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

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { updateYaml(); });
    connect(m_copyYaml, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(yamlText()); });
    connect(m_copyJson, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(jsonText()); });
    connect(m_copyLua, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(luaText()); });
    clear();
}

void ValueView::setValues(const QString &title, std::vector<MpValue> values)
{
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleDescription(title); // screen readers read the title's text here
    m_hasValues = true;
    const size_t count = values.size();
    m_model->setValues(std::move(values));
    m_yamlDirty = true;
    m_stackPages->setCurrentWidget(m_tabs);
    for (auto *b : { m_copyYaml, m_copyJson, m_copyLua })
        b->setEnabled(true);
    if (count == 1)
        m_tree->expandToDepth(0);
    updateYaml();
}

void ValueView::setError(const QString &title, const Error &error)
{
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleDescription(title); // screen readers read the title's text here
    m_hasValues = false;
    m_model->clear();
    m_yaml->clear();
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
    m_model->clear();
    m_yaml->setPlainText(message);
    m_yamlDirty = false;
    m_stackPages->setCurrentWidget(m_tabs);
    for (auto *b : { m_copyYaml, m_copyJson, m_copyLua })
        b->setEnabled(false);
}

void ValueView::clear()
{
    setMessage(accessibleName(), QString());
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

QString ValueView::yamlText() const
{
    return m_hasValues ? MpFormat::yamlDocument(m_model->values()) : QString();
}

QString ValueView::jsonText() const
{
    if (!m_hasValues)
        return {};
    const std::vector<MpValue> &values = m_model->values();
    if (values.size() == 1)
        return MpFormat::toJson(values.front());
    return MpFormat::toJson(MpValue::array(values));
}

QString ValueView::luaText() const
{
    if (!m_hasValues)
        return {};
    QStringList parts;
    for (const MpValue &v : m_model->values())
        parts << MpFormat::toLua(v);
    return parts.join(QStringLiteral(", "));
}

} // namespace Boxscope
