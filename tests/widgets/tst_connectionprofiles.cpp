// Saved connections: kept in QSettings, exchanged as JSON without passwords, listed and edited
// in the connections dialog. The session bus is a dead address here, so the dialog's keychain
// probe never reaches a desktop's keychain (tst_keychain has the real one).
#include "connection/ConnectionProfileStore.h"
#include "connection/ConnectionsDialog.h"
#include "connection/PasswordVault.h"

#include <QApplication>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace Boxscope;

class tst_ConnectionProfiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return f.fileName();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectionprofiles"));
    }

    void init() { QSettings().remove(QStringLiteral("connections")); }

    void storeKeepsProfilesInSettings()
    {
        ConnectionProfileStore store;
        QSignalSpy changed(&store, &ConnectionProfileStore::changed);
        ConnectionProfile p;
        p.name = QStringLiteral("prod");
        p.uri = QStringLiteral("db1:3301");
        p.user = QStringLiteral("admin");
        p.colour = QColor(QStringLiteral("#cc3311"));
        p.readOnly = true;
        p.note = QStringLiteral("primary\nbe careful");
        const ConnectionProfile added = store.add(p);
        QVERIFY(!added.id.isEmpty());
        ConnectionProfile other;
        other.uri = QStringLiteral("unix/:/run/t.sock");
        const QString otherId = store.add(other).id;
        QCOMPARE(changed.count(), 2);

        ConnectionProfileStore reread; // as after a restart
        QCOMPARE(reread.profiles().size(), 2);
        const ConnectionProfile back = *reread.profile(added.id);
        QCOMPARE(back.name, p.name);
        QCOMPARE(back.uri, p.uri);
        QCOMPARE(back.user, p.user);
        QCOMPARE(back.colour, p.colour);
        QCOMPARE(back.readOnly, true);
        QCOMPARE(back.note, p.note);
        QCOMPARE(reread.profile(otherId)->displayName(), QStringLiteral("unix/:/run/t.sock"));
        QVERIFY(!reread.profile(otherId)->colour.isValid());

        ConnectionProfile edited = back;
        edited.readOnly = false;
        QVERIFY(reread.update(edited));
        QVERIFY(reread.remove(otherId));
        QVERIFY(!reread.remove(otherId));
        ConnectionProfileStore third;
        QCOMPARE(third.profiles().size(), 1);
        QCOMPARE(third.profiles().constFirst().readOnly, false);
    }

    // A password typed into the URI never stays: the user moves to User, the URI keeps the
    // address, and neither the settings file nor an export holds the password.
    void aPasswordInTheUriIsTakenOut()
    {
        ConnectionProfileStore store;
        ConnectionProfile p;
        p.uri = QStringLiteral("admin:s3cr3t-uri@db1:3301");
        const ConnectionProfile added = store.add(p);
        QCOMPARE(added.uri, QStringLiteral("db1:3301"));
        QCOMPARE(added.user, QStringLiteral("admin"));
        ConnectionProfile edited = added;
        edited.uri = QStringLiteral("ops:an0ther@db2:3302");
        edited.user = QStringLiteral("keeper");
        QVERIFY(store.update(edited));
        QCOMPARE(store.profile(added.id)->uri, QStringLiteral("db2:3302"));
        QCOMPARE(store.profile(added.id)->user, QStringLiteral("keeper")); // a user already given stays
        ConnectionProfile taken = edited;
        QCOMPARE(ConnectionProfileStore::takeCredentials(&taken), QStringLiteral("an0ther"));
        const QString exported = m_dir.filePath(QStringLiteral("uri-export.json"));
        QVERIFY(store.exportTo(exported));
        QSettings().sync();
        for (const QString &path : { QSettings().fileName(), exported }) {
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains("s3cr3t-uri") && !bytes.contains("an0ther"), qPrintable(path));
        }
        // An imported URI with a password: taken out, with a warning.
        const auto imported = ConnectionProfileStore::fromJson(R"([{"uri": "u:pw9@db3:3303"}])");
        QCOMPARE(imported.profiles.size(), 1);
        QCOMPARE(imported.profiles.constFirst().uri, QStringLiteral("db3:3303"));
        QCOMPARE(imported.profiles.constFirst().user, QStringLiteral("u"));
        QVERIFY(!imported.warnings.isEmpty());
    }

    void exportHasTheDocumentedFields()
    {
        ConnectionProfileStore store;
        ConnectionProfile p;
        p.name = QStringLiteral("prod");
        p.uri = QStringLiteral("db1:3301");
        p.user = QStringLiteral("admin");
        p.colour = QColor(0x12, 0xab, 0xef);
        p.readOnly = true;
        store.add(p);
        const QString path = m_dir.filePath(QStringLiteral("out.json"));
        QVERIFY(store.exportTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray array = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(array.size(), 1);
        const QJsonObject o = array[0].toObject();
        QCOMPARE(o.keys(),
                 (QStringList { QStringLiteral("colour"), QStringLiteral("name"), QStringLiteral("note"),
                                QStringLiteral("readOnly"), QStringLiteral("uri"), QStringLiteral("user") }));
        QCOMPARE(o.value(QStringLiteral("colour")).toString(), QStringLiteral("#12abef"));
        QCOMPARE(o.value(QStringLiteral("readOnly")).toBool(), true);
    }

    void importIgnoresPasswords()
    {
        const QString path = write(QStringLiteral("in.json"),
                                   "["
                                   "{\"name\": \"a\", \"uri\": \"h1:3301\", \"user\": \"u\", \"password\": "
                                   "\"hunter2\", \"colour\": \"#00ff00\", \"readOnly\": true},"
                                   "{\"name\": \"no uri\"},"
                                   "7,"
                                   "{\"name\": \"b\", \"uri\": \"h2:3302\", \"colour\": \"green-ish\"}"
                                   "]");
        ConnectionProfileStore store;
        QSignalSpy log(&store, &ConnectionProfileStore::logMessage);
        const ConnectionProfileStore::Import result = store.importFrom(path);
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.profiles.size(), 2);
        QCOMPARE(store.profiles().size(), 2);
        QCOMPARE(result.warnings.size(), 4);
        QVERIFY(result.warnings[0].contains(QStringLiteral("password is ignored")));
        const ConnectionProfile a = store.profiles()[0];
        QCOMPARE(a.uri, QStringLiteral("h1:3301"));
        QCOMPARE(a.colour, QColor(0, 255, 0));
        QVERIFY(a.readOnly);
        QVERIFY(!store.profiles()[1].colour.isValid());
        bool warned = false;
        for (const QList<QVariant> &args : log)
            warned |= args[0].value<LogLevel>() == LogLevel::Warning
                    && args[1].toString().contains(QStringLiteral("password is ignored"));
        QVERIFY(warned);

        QSettings settings;
        settings.sync();
        QFile saved(settings.fileName());
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(!saved.readAll().contains("hunter2"));

        const ConnectionProfileStore::Import bad = store.importFrom(write(QStringLiteral("bad.json"), "{\"a\": 1}"));
        QVERIFY(!bad.error.isEmpty());
        QCOMPARE(store.profiles().size(), 2);
    }

    void dialogListsEditsAndOpens()
    {
        ConnectionProfileStore store;
        ConnectionProfile p;
        p.name = QStringLiteral("prod");
        p.uri = QStringLiteral("db1:3301");
        p.user = QStringLiteral("admin");
        p.readOnly = true;
        p.colour = QColor(QStringLiteral("#cc3311"));
        const QString id = store.add(p).id;
        PasswordVault vault;
        ConnectionsDialog dialog(&store, &vault);
        QSignalSpy opened(&dialog, &ConnectionsDialog::openRequested);

        QTreeWidget *list = dialog.list();
        QCOMPARE(list->topLevelItemCount(), 1);
        QTreeWidgetItem *row = list->topLevelItem(0);
        QCOMPARE(row->text(0), QStringLiteral("prod"));
        QCOMPARE(row->text(1), QStringLiteral("db1:3301"));
        QCOMPARE(row->text(2), QStringLiteral("admin"));
        QCOMPARE(row->text(3), QStringLiteral("read-only"));
        QVERIFY(!row->icon(0).isNull());
        QCOMPARE(dialog.currentId(), id);

        // Everything a keyboard or screen reader reaches has a name.
        for (QWidget *w : dialog.findChildren<QWidget *>()) {
            if (w->focusPolicy() != Qt::NoFocus && w->isVisibleTo(&dialog) && qobject_cast<QAbstractButton *>(w))
                QVERIFY2(!w->accessibleName().isEmpty() || !static_cast<QAbstractButton *>(w)->text().isEmpty(),
                         w->metaObject()->className());
            if (qobject_cast<QLineEdit *>(w) && w->isVisibleTo(&dialog))
                QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
        }

        const auto button = [&](const QString &name) {
            for (QPushButton *b : dialog.findChildren<QPushButton *>())
                if (b->accessibleName() == name)
                    return b;
            return static_cast<QPushButton *>(nullptr);
        };
        button(QStringLiteral("Duplicate the connection"))->click();
        QCOMPARE(store.profiles().size(), 2);
        QCOMPARE(store.profiles()[1].name, QStringLiteral("prod (copy)"));
        QCOMPARE(store.profiles()[1].readOnly, true);
        QCOMPARE(dialog.currentId(), store.profiles()[1].id);
        button(QStringLiteral("Delete the connection"))->click();
        QCOMPARE(store.profiles().size(), 1);

        dialog.selectProfile(id);
        for (QCheckBox *c : dialog.findChildren<QCheckBox *>())
            c->setChecked(false);
        button(QStringLiteral("Save the connection"))->click();
        QCOMPARE(store.profile(id)->readOnly, false);
        QCOMPARE(list->topLevelItem(0)->text(3), QString());

        button(QStringLiteral("Open the connection"))->click();
        QCOMPARE(opened.count(), 1);
        const auto profile = opened[0][0].value<ConnectionProfile>();
        QCOMPARE(profile.id, id);
        QCOMPARE(profile.uri, QStringLiteral("db1:3301"));
    }
};

int main(int argc, char **argv)
{
    QTemporaryDir runtime;
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + runtime.filePath(QStringLiteral("no-bus")).toUtf8());
    QApplication app(argc, argv);
    tst_ConnectionProfiles test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectionprofiles.moc"
