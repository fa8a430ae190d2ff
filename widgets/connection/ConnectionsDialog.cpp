#include "connection/ConnectionsDialog.h"

#include "connection/ConnectionProfileStore.h"
#include "connection/PasswordVault.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

enum Column { NameColumn, UriColumn, UserColumn, ReadOnlyColumn };

QIcon colourTag(const QColor &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    if (colour.isValid()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(colour);
        painter.setPen(colour.darker(140));
        painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    }
    return QIcon(pixmap);
}

} // namespace

ConnectionsDialog::ConnectionsDialog(ConnectionProfileStore *store, PasswordVault *vault, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_vault(vault)
{
    setWindowTitle(tr("Connections"));
    setAccessibleName(tr("Saved connections"));

    m_list = new QTreeWidget(this);
    m_list->setAccessibleName(tr("Saved connections"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Name"), tr("URI"), tr("User"), tr("Access") });
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Connection name"));
    m_uri = new QLineEdit(this);
    m_uri->setAccessibleName(tr("Connection URI"));
    m_uri->setPlaceholderText(tr("host:port or unix/:/path (no password)"));
    m_user = new QLineEdit(this);
    m_user->setAccessibleName(tr("Connection user"));
    m_user->setPlaceholderText(tr("guest"));
    m_password = new QLineEdit(this);
    m_password->setAccessibleName(tr("Connection password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_colour = new QPushButton(this);
    m_colour->setAccessibleName(tr("Colour tag"));
    m_noColour = new QPushButton(tr("No colour"), this);
    m_noColour->setAccessibleName(tr("Remove the colour tag"));
    m_readOnly = new QCheckBox(tr("Read-only: refuse writes, ask before eval and call"), this);
    m_readOnly->setAccessibleName(tr("Read-only connection"));
    m_note = new QPlainTextEdit(this);
    m_note->setAccessibleName(tr("Connection note"));
    m_note->setTabChangesFocus(true);
    m_keychainStatus = new QLabel(this);
    m_keychainStatus->setAccessibleName(tr("Password storage"));
    m_keychainStatus->setWordWrap(true);
    m_save = new QPushButton(tr("Save"), this);
    m_save->setAccessibleName(tr("Save the connection"));

    auto *colourRow = new QHBoxLayout;
    colourRow->addWidget(m_colour);
    colourRow->addWidget(m_noColour);
    colourRow->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URI:"), m_uri);
    form->addRow(tr("U&ser:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Colour:"), colourRow);
    form->addRow(QString(), m_readOnly);
    form->addRow(tr("N&ote:"), m_note);
    form->addRow(QString(), m_keychainStatus);
    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    editorLayout->addLayout(saveRow);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(editor);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_new = new QPushButton(tr("New"), this);
    m_new->setAccessibleName(tr("New connection"));
    m_duplicate = new QPushButton(tr("Duplicate"), this);
    m_duplicate->setAccessibleName(tr("Duplicate the connection"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setAccessibleName(tr("Delete the connection"));
    m_import = new QPushButton(tr("Import…"), this);
    m_import->setAccessibleName(tr("Import connections from a JSON file"));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setAccessibleName(tr("Export connections to a JSON file"));
    m_open = new QPushButton(tr("Open"), this);
    m_open->setAccessibleName(tr("Open the connection"));
    m_open->setDefault(true);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : { m_new, m_duplicate, m_delete, m_import, m_export })
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_open);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addLayout(buttons);
    resize(820, 420);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &ConnectionsDialog::showSelected);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this] { m_open->click(); });
    connect(m_save, &QPushButton::clicked, this, &ConnectionsDialog::applyEdits);
    connect(m_new, &QPushButton::clicked, this, &ConnectionsDialog::newProfile);
    connect(m_duplicate, &QPushButton::clicked, this, &ConnectionsDialog::duplicateProfile);
    connect(m_delete, &QPushButton::clicked, this, &ConnectionsDialog::deleteProfile);
    connect(m_colour, &QPushButton::clicked, this, &ConnectionsDialog::chooseColour);
    connect(m_noColour, &QPushButton::clicked, this, [this] {
        m_editedColour = QColor();
        showColour();
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import connections"), QString(),
                                                          tr("Connections (*.json);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path =
                QFileDialog::getSaveFileName(this, tr("Export connections"), QStringLiteral("connections.json"),
                                             tr("Connections (*.json);;All files (*)"));
        if (!path.isEmpty())
            exportFile(path);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        applyEdits(); // what is in the editor is what opens (a read-only tick included)
        if (const auto p = m_store->profile(currentId())) {
            emit openRequested(*p);
            accept();
        }
    });
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_store, &ConnectionProfileStore::changed, this, &ConnectionsDialog::rebuildList);
    connect(m_vault, &PasswordVault::stateChanged, this, &ConnectionsDialog::showKeychainState);

    rebuildList();
    showKeychainState();
    m_vault->probe();
}

QString ConnectionsDialog::currentId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, Qt::UserRole).toString() : QString();
}

void ConnectionsDialog::selectProfile(const QString &id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toString() == id) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void ConnectionsDialog::rebuildList()
{
    const QString keep = currentId();
    QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const ConnectionProfile &p : m_store->profiles()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(NameColumn, Qt::UserRole, p.id);
        item->setIcon(NameColumn, colourTag(p.colour));
        item->setText(NameColumn, p.displayName());
        item->setText(UriColumn, p.uri);
        item->setText(UserColumn, p.user.isEmpty() ? tr("guest") : p.user);
        item->setText(ReadOnlyColumn, p.readOnly ? tr("read-only") : QString());
        if (p.colour.isValid())
            item->setToolTip(NameColumn, tr("Colour tag %1").arg(p.colour.name()));
    }
    blocker.unblock();
    selectProfile(keep);
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showSelected();
}

void ConnectionsDialog::showSelected()
{
    const auto p = m_store->profile(currentId());
    const ConnectionProfile shown = p.value_or(ConnectionProfile());
    m_name->setText(shown.name);
    m_uri->setText(shown.uri);
    m_user->setText(shown.user);
    m_password->clear();
    m_editedColour = shown.colour;
    showColour();
    m_readOnly->setChecked(shown.readOnly);
    m_note->setPlainText(shown.note);
    updateButtons();
}

void ConnectionsDialog::applyEdits()
{
    auto p = m_store->profile(currentId());
    if (!p)
        return;
    p->name = m_name->text().trimmed();
    p->uri = m_uri->text().trimmed();
    p->user = m_user->text().trimmed();
    p->colour = m_editedColour;
    p->readOnly = m_readOnly->isChecked();
    p->note = m_note->toPlainText();
    QString password = m_password->text();
    m_password->clear();
    // A password typed into the URI ("user:secret@host") leaves it: the user goes to User, the
    // password where the Password field's goes.
    const QString fromUri = ConnectionProfileStore::takeCredentials(&*p);
    if (password.isEmpty())
        password = fromUri;
    m_store->update(*p);
    // The password goes to the keychain only, never to the profile or the settings.
    if (!password.isEmpty() && m_vault->isAvailable())
        m_vault->store(p->id, password);
}

void ConnectionsDialog::newProfile()
{
    ConnectionProfile p;
    p.name = tr("New connection");
    p.uri = QStringLiteral("localhost:3301");
    selectProfile(m_store->add(p).id);
    m_name->setFocus();
    m_name->selectAll();
}

void ConnectionsDialog::duplicateProfile()
{
    auto p = m_store->profile(currentId());
    if (!p)
        return;
    p->id.clear();
    p->name = tr("%1 (copy)").arg(p->displayName());
    // The copy has no password of its own: it is typed again (or asked for on connect).
    selectProfile(m_store->add(*p).id);
}

void ConnectionsDialog::deleteProfile()
{
    const auto p = m_store->profile(currentId());
    if (!p)
        return;
    m_store->remove(p->id);
    if (m_vault->isAvailable())
        m_vault->remove(p->id);
}

void ConnectionsDialog::chooseColour()
{
    const QColor chosen = QColorDialog::getColor(m_editedColour.isValid() ? m_editedColour : QColor(Qt::blue), this,
                                                 tr("Colour tag"));
    if (!chosen.isValid())
        return;
    m_editedColour = chosen;
    showColour();
}

void ConnectionsDialog::showColour()
{
    m_colour->setIcon(colourTag(m_editedColour));
    m_colour->setText(m_editedColour.isValid() ? m_editedColour.name() : tr("none"));
    m_colour->setAccessibleDescription(m_colour->text());
}

void ConnectionsDialog::showKeychainState()
{
    m_keychainStatus->setText(m_vault->statusText());
    m_keychainStatus->setAccessibleDescription(m_vault->statusText());
    updateButtons();
}

void ConnectionsDialog::updateButtons()
{
    const bool selected = !currentId().isEmpty();
    for (QWidget *w : std::initializer_list<QWidget *> { m_name, m_uri, m_user, m_colour, m_noColour, m_readOnly,
                                                         m_note, m_save, m_duplicate, m_delete, m_open })
        w->setEnabled(selected);
    m_password->setEnabled(selected && m_vault->isAvailable());
    m_password->setPlaceholderText(m_vault->isAvailable() ? tr("unchanged (type to replace the stored one)")
                                                          : tr("asked for on connect"));
    m_export->setEnabled(!m_store->profiles().isEmpty());
}

void ConnectionsDialog::importFile(const QString &path)
{
    const ConnectionProfileStore::Import result = m_store->importFrom(path);
    if (!result.error.isEmpty()) {
        QMessageBox::warning(this, tr("Import connections"), tr("Nothing imported: %1").arg(result.error));
        return;
    }
    if (!result.profiles.isEmpty())
        selectProfile(result.profiles.constFirst().id);
}

bool ConnectionsDialog::exportFile(const QString &path)
{
    QString error;
    if (m_store->exportTo(path, {}, &error))
        return true;
    QMessageBox::warning(this, tr("Export connections"), tr("Not exported: %1").arg(error));
    return false;
}

} // namespace Boxscope
