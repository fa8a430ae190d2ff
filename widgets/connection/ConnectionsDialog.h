#pragma once

#include "connection/ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Boxscope {

class ConnectionProfileStore;
class PasswordVault;

/// Connection › Connections…: the saved connections (colour tag, name, URI, user, read-only
/// mark) beside an editor of the selected one. A password typed in the editor goes to the
/// keychain only; without one the field is off and the status line says that the password is
/// asked for on connect. Open emits openRequested with the selected profile.
class ConnectionsDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectionsDialog(ConnectionProfileStore *store, PasswordVault *vault, QWidget *parent = nullptr);

    /// The selected profile's id; empty when none.
    QString currentId() const;
    void selectProfile(const QString &id);
    /// What Import… and Export… do once a file is chosen.
    void importFile(const QString &path);
    bool exportFile(const QString &path);

    QTreeWidget *list() const { return m_list; }
    QLabel *keychainStatus() const { return m_keychainStatus; }

signals:
    void openRequested(const Boxscope::ConnectionProfile &profile);

private:
    void rebuildList();
    void showSelected();
    void applyEdits();
    void newProfile();
    void duplicateProfile();
    void deleteProfile();
    void chooseColour();
    void showColour();
    void showKeychainState();
    void updateButtons();

    ConnectionProfileStore *m_store;
    PasswordVault *m_vault;
    QTreeWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_uri;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_colour;
    QPushButton *m_noColour;
    QCheckBox *m_readOnly;
    QPlainTextEdit *m_note;
    QLabel *m_keychainStatus;
    QPushButton *m_save;
    QPushButton *m_new;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QPushButton *m_import;
    QPushButton *m_export;
    QPushButton *m_open;
    QColor m_editedColour;
};

} // namespace Boxscope
