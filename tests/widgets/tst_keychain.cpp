// Saved connections' passwords in a real Secret Service: the test runs its own session bus
// (dbus-daemon with a config of its own, no service activation) and gnome-keyring-daemon,
// unlocked with a test password, in a temporary HOME; D-Bus is pointed at that bus before the
// application exists, and the keyring's owner on the bus is checked to be our daemon. Without a
// keychain (a dead bus address, or a bus that never answers) each case runs in a child process
// of this binary, since a process opens its session bus once.
#include "connection/ConnectionProfile.h"
#include "connection/ConnectionProfileStore.h"
#include "connection/ConnectionsDialog.h"
#include "connection/PasswordVault.h"
#include "log/LogModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <optional>

using namespace Boxscope;

namespace {

constexpr char kChildVar[] = "BOXSCOPE_KEYCHAIN_CHILD"; // "dead" or "silent"
constexpr char kPassword[] = "pw-9f3c-Ключ-secret";

// The test's own HOME and XDG directories; set in main() before anything opens D-Bus.
QTemporaryDir *g_root = nullptr;

QString rootPath(const QString &name)
{
    return g_root->filePath(name);
}

// Waits for one vault answer.
std::optional<PasswordVault::Result> waitResult(const std::function<void(PasswordVault::Done)> &start, int ms = 10000)
{
    auto result = std::make_shared<std::optional<PasswordVault::Result>>();
    start([result](const PasswordVault::Result &r) { *result = r; });
    QElapsedTimer t;
    t.start();
    while (!result->has_value() && t.elapsed() < ms)
        QTest::qWait(10);
    return *result;
}

// Files under the test's HOME whose bytes hold needle.
QStringList filesContaining(const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(g_root->path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << path;
    }
    return hits;
}

ConnectionProfile profileWithUser()
{
    ConnectionProfile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = QStringLiteral("staging");
    p.uri = QStringLiteral("localhost:3301");
    p.user = QStringLiteral("admin");
    return p;
}

} // namespace

// With a keychain: the private bus and gnome-keyring.
class tst_Keychain : public QObject
{
    Q_OBJECT

    QProcess m_bus;
    QProcess m_keyring;
    QString m_busAddress;

    void runChild(const QByteArray &mode)
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildVar), QString::fromLatin1(mode));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + rootPath(QStringLiteral("no-such-bus")));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        const bool finished = child.waitForFinished(60000);
        const QByteArray out = child.readAll();
        QVERIFY2(finished && child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, out.constData());
        QVERIFY2(out.contains("Totals: 5 passed, 0 failed"), out.constData());
    }

private slots:
    void initTestCase()
    {
        const QString dbusDaemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyringDaemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (dbusDaemon.isEmpty() || keyringDaemon.isEmpty())
            QSKIP("dbus-daemon or gnome-keyring-daemon is not installed (packages dbus, gnome-keyring)");

        // A session bus that only we use: no service files, so nothing is activated behind
        // the test's back.
        QFile conf(rootPath(QStringLiteral("bus.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                                  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                  "<busconfig>\n"
                                  "  <type>session</type>\n"
                                  "  <listen>unix:path=%1</listen>\n"
                                  "  <policy context=\"default\">\n"
                                  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                                  "    <allow eavesdrop=\"true\"/>\n"
                                  "    <allow own=\"*\"/>\n"
                                  "  </policy>\n"
                                  "</busconfig>\n")
                           .arg(rootPath(QStringLiteral("bus")))
                           .toUtf8());
        conf.close();
        m_bus.setProcessChannelMode(QProcess::SeparateChannels);
        m_bus.start(dbusDaemon,
                    { QStringLiteral("--config-file=") + conf.fileName(), QStringLiteral("--nofork"),
                      QStringLiteral("--print-address=1") });
        QVERIFY2(m_bus.waitForStarted(), qPrintable(m_bus.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
        m_busAddress = QString::fromUtf8(m_bus.readLine()).trimmed();
        QVERIFY2(m_busAddress.startsWith(QStringLiteral("unix:path=") + rootPath(QStringLiteral("bus"))),
                 qPrintable(m_busAddress));
        QCOMPARE(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"),
                 QStringLiteral("unix:path=") + rootPath(QStringLiteral("bus")));

        // The keyring daemon creates and unlocks a "login" keyring with the password on stdin.
        m_keyring.setProcessChannelMode(QProcess::MergedChannels);
        m_keyring.start(
                keyringDaemon,
                { QStringLiteral("--unlock"), QStringLiteral("--components=secrets"), QStringLiteral("--foreground") });
        QVERIFY2(m_keyring.waitForStarted(), qPrintable(m_keyring.errorString()));
        m_keyring.write("test-keyring-password");
        m_keyring.closeWriteChannel();

        // The Secret Service on our bus is our daemon.
        QDBusConnection bus = QDBusConnection::connectToBus(m_busAddress, QStringLiteral("tst_keychain"));
        QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
        const QString secrets = QStringLiteral("org.freedesktop.secrets");
        QTRY_VERIFY2_WITH_TIMEOUT(bus.interface()->isServiceRegistered(secrets).value(),
                                  m_keyring.readAll().constData(), 10000);
        QCOMPARE(qint64(bus.interface()->servicePid(secrets).value()), m_keyring.processId());
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("tst_keychain"));
        for (QProcess *p : { &m_keyring, &m_bus }) {
            if (p->state() == QProcess::NotRunning)
                continue;
            p->terminate();
            if (!p->waitForFinished(5000)) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }

    void passwordRoundTrips()
    {
        const ConnectionProfile profile = profileWithUser();
        {
            PasswordVault vault;
            QSignalSpy states(&vault, &PasswordVault::stateChanged);
            const auto stored =
                    waitResult([&](auto done) { vault.store(profile.id, QString::fromUtf8(kPassword), done); });
            QVERIFY(stored);
            QCOMPARE(stored->status, PasswordVault::Result::Ok);
            QVERIFY(vault.isAvailable());
            QCOMPARE(vault.statusText(), QStringLiteral("Passwords are kept in the system keychain (Secret Service)"));
            QCOMPARE(states.count(), 2); // Probing, Available
        }
        // A new vault (as after a restart) reads it back from the keyring.
        PasswordVault again;
        const auto read = waitResult([&](auto done) { again.read(profile.id, done); });
        QVERIFY(read);
        QCOMPARE(read->status, PasswordVault::Result::Ok);
        QCOMPARE(read->password, QString::fromUtf8(kPassword));

        // It went to our daemon's keyring (under our HOME), encrypted: no file holds its bytes.
        QVERIFY(QFileInfo::exists(rootPath(QStringLiteral("data/keyrings/login.keyring"))));
        QCOMPARE(filesContaining(QByteArray(kPassword)), QStringList());

        // Connecting takes the keychain's password without asking.
        int asked = 0;
        std::optional<std::optional<QString>> got;
        again.passwordFor(
                profile,
                [&](const ConnectionProfile &) {
                    ++asked;
                    return std::optional<QString>(QStringLiteral("typed"));
                },
                [&](std::optional<QString> pw) { got = pw; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->value_or(QString()), QString::fromUtf8(kPassword));
        QCOMPARE(asked, 0);
    }

    void removeDeletes()
    {
        const ConnectionProfile profile = profileWithUser();
        PasswordVault vault;
        QCOMPARE(waitResult([&](auto done) { vault.store(profile.id, QStringLiteral("to-remove"), done); })->status,
                 PasswordVault::Result::Ok);
        QCOMPARE(waitResult([&](auto done) { vault.read(profile.id, done); })->password, QStringLiteral("to-remove"));
        QCOMPARE(waitResult([&](auto done) { vault.remove(profile.id, done); })->status, PasswordVault::Result::Ok);
        QCOMPARE(waitResult([&](auto done) { vault.read(profile.id, done); })->status, PasswordVault::Result::NotFound);
        // Removing what is not there is no error.
        QCOMPARE(waitResult([&](auto done) { vault.remove(profile.id, done); })->status, PasswordVault::Result::Ok);

        // Not in the keychain: connecting asks, once.
        int asked = 0;
        std::optional<std::optional<QString>> got;
        vault.passwordFor(
                profile,
                [&](const ConnectionProfile &p) {
                    ++asked;
                    return std::optional<QString>(p.user + QStringLiteral("-typed"));
                },
                [&](std::optional<QString> pw) { got = pw; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->value_or(QString()), QStringLiteral("admin-typed"));
        QCOMPARE(asked, 1);
    }

    // A password typed in the connections dialog goes to the keychain only: not to the
    // settings, the log or an exported file.
    void dialogPasswordStaysInKeychain()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, rootPath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keychain"));
        ConnectionProfileStore store;
        PasswordVault vault;
        LogModel log;
        const auto toLog = [&log](LogLevel level, const QString &text) {
            log.append(level, QStringLiteral("connections"), text);
        };
        connect(&store, &ConnectionProfileStore::logMessage, &log, toLog);
        connect(&vault, &PasswordVault::logMessage, &log, toLog);
        ConnectionsDialog dialog(&store, &vault);
        QTRY_VERIFY(vault.isAvailable());
        QCOMPARE(dialog.keychainStatus()->text(),
                 QStringLiteral("Passwords are kept in the system keychain (Secret Service)"));

        const auto button = [&](const QString &accessibleName) {
            for (QPushButton *b : dialog.findChildren<QPushButton *>())
                if (b->accessibleName() == accessibleName)
                    return b;
            return static_cast<QPushButton *>(nullptr);
        };
        const auto field = [&](const QString &accessibleName) {
            for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
                if (e->accessibleName() == accessibleName)
                    return e;
            return static_cast<QLineEdit *>(nullptr);
        };
        QVERIFY(button(QStringLiteral("New connection")));
        button(QStringLiteral("New connection"))->click();
        QCOMPARE(store.profiles().size(), 1);
        field(QStringLiteral("Connection name"))->setText(QStringLiteral("prod"));
        field(QStringLiteral("Connection user"))->setText(QStringLiteral("admin"));
        QLineEdit *password = field(QStringLiteral("Connection password"));
        QVERIFY(password->isEnabled());
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        password->setText(QString::fromUtf8(kPassword));
        button(QStringLiteral("Save the connection"))->click();
        QVERIFY(password->text().isEmpty());
        const QString id = store.profiles().constFirst().id;
        QCOMPARE(store.profiles().constFirst().user, QStringLiteral("admin"));

        PasswordVault again;
        std::optional<PasswordVault::Result> read;
        QTRY_VERIFY_WITH_TIMEOUT((read = waitResult([&](auto done) { again.read(id, done); }))->status
                                         == PasswordVault::Result::Ok,
                                 10000);
        QCOMPARE(read->password, QString::fromUtf8(kPassword));

        const QString exported = rootPath(QStringLiteral("export.json"));
        QVERIFY(dialog.exportFile(exported));
        QFile exportedFile(exported);
        QVERIFY(exportedFile.open(QIODevice::ReadOnly));
        const QByteArray json = exportedFile.readAll();
        QVERIFY(json.contains("\"prod\""));
        QVERIFY(!json.contains(kPassword));
        QVERIFY(!json.contains("password"));

        QSettings settings;
        settings.sync();
        QFile settingsFile(settings.fileName());
        QVERIFY2(settingsFile.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray saved = settingsFile.readAll();
        QVERIFY(saved.contains("prod"));
        QVERIFY(!saved.contains(kPassword));

        log.flush();
        QVERIFY(log.rowCount() > 0);
        for (int row = 0; row < log.rowCount(); ++row)
            QVERIFY2(!log.entry(row).message.contains(QString::fromUtf8(kPassword)),
                     qPrintable(log.entry(row).message));
        QCOMPARE(filesContaining(QByteArray(kPassword)), QStringList());

        // Deleting the connection deletes its password.
        button(QStringLiteral("Delete the connection"))->click();
        QCOMPARE(store.profiles().size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
                waitResult([&](auto done) { again.read(id, done); })->status == PasswordVault::Result::NotFound, 10000);
    }

    void noKeychainChild() { runChild("dead"); }
    void silentKeychainChild() { runChild("silent"); }
};

// Without a keychain (run as a child process: a dead bus address, or a bus that accepts the
// connection and never answers).
class tst_KeychainAbsent : public QObject
{
    Q_OBJECT

    QByteArray m_mode;
    QLocalServer m_silent;
    std::vector<QLocalSocket *> m_held;

public:
    explicit tst_KeychainAbsent(QByteArray mode)
        : m_mode(std::move(mode))
    { }

private slots:
    void initTestCase()
    {
        if (m_mode == "silent") {
            QVERIFY(m_silent.listen(rootPath(QStringLiteral("silent-bus"))));
            connect(&m_silent, &QLocalServer::newConnection, this, [this] {
                while (QLocalSocket *s = m_silent.nextPendingConnection())
                    m_held.push_back(s); // accepted, never answered
            });
        }
    }

    void unavailableWithinDeadline()
    {
        PasswordVault vault;
        vault.setDeadline(1500);
        QElapsedTimer t;
        t.start();
        vault.probe();
        QTRY_VERIFY_WITH_TIMEOUT(vault.state() == PasswordVault::State::Unavailable, 3000);
        QVERIFY2(t.elapsed() <= 1500 + 500, qPrintable(QString::number(t.elapsed())));
        if (m_mode == "silent")
            QVERIFY2(t.elapsed() >= 1400, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!vault.isAvailable());
        QCOMPARE(vault.statusText(),
                 QStringLiteral("No keychain: the password is asked for on each connect and not stored"));
        qInfo("%s keychain: unavailable after %lld ms", m_mode.constData(), (long long)t.elapsed());
    }

    void passwordAskedNotStored()
    {
        const ConnectionProfile profile = profileWithUser();
        PasswordVault vault;
        vault.setDeadline(1500);
        int asked = 0;
        std::optional<std::optional<QString>> got;
        vault.passwordFor(
                profile,
                [&](const ConnectionProfile &) {
                    ++asked;
                    return std::optional<QString>(QString::fromUtf8(kPassword));
                },
                [&](std::optional<QString> pw) { got = pw; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 3000);
        QCOMPARE(got->value_or(QString()), QString::fromUtf8(kPassword));
        QCOMPARE(asked, 1);

        // Storing is refused, and nothing holds the password anywhere.
        const auto stored = waitResult([&](auto done) { vault.store(profile.id, QString::fromUtf8(kPassword), done); });
        QVERIFY(stored);
        QCOMPARE(stored->status, PasswordVault::Result::Unavailable);
        QCOMPARE(filesContaining(QByteArray(kPassword)), QStringList());
        QVERIFY(!QFileInfo::exists(rootPath(QStringLiteral("data/keyrings"))));

        // A guest profile needs no password: nothing is asked.
        ConnectionProfile guest = profile;
        guest.user.clear();
        got.reset();
        vault.passwordFor(
                guest, [&](const ConnectionProfile &) { return std::optional<QString>(QStringLiteral("x")); },
                [&](std::optional<QString> pw) { got = pw; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->value_or(QStringLiteral("?")), QString());
        QCOMPARE(asked, 1);
    }

    // The dialog says that the password is asked for, and has no password field to type into.
    void dialogWithoutKeychain()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, rootPath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keychain"));
        ConnectionProfileStore store;
        ConnectionProfile p = profileWithUser();
        store.add(p);
        PasswordVault vault;
        vault.setDeadline(1500);
        ConnectionsDialog dialog(&store, &vault);
        QTRY_VERIFY_WITH_TIMEOUT(vault.state() == PasswordVault::State::Unavailable, 3000);
        QCOMPARE(dialog.keychainStatus()->text(),
                 QStringLiteral("No keychain: the password is asked for on each connect and not stored"));
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>()) {
            if (e->accessibleName() == QStringLiteral("Connection password"))
                QVERIFY(!e->isEnabled());
        }
    }
};

int main(int argc, char **argv)
{
    // A HOME of the test's own, and the desktop unknown (qtkeychain would pick KWallet under
    // KDE): qtkeychain then uses libsecret, the Secret Service on the session bus.
    QTemporaryDir root;
    if (!root.isValid())
        return 2;
    g_root = &root;
    for (const char *dir : { "home", "data", "config", "cache", "runtime" })
        QDir(root.path()).mkpath(QString::fromLatin1(dir));
    QFile::setPermissions(root.filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("HOME", root.filePath(QStringLiteral("home")).toUtf8());
    qputenv("XDG_DATA_HOME", root.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", root.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_CACHE_HOME", root.filePath(QStringLiteral("cache")).toUtf8());
    qputenv("XDG_RUNTIME_DIR", root.filePath(QStringLiteral("runtime")).toUtf8());
    for (const char *var : { "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_SESSION_VERSION", "KDE_FULL_SESSION" })
        qunsetenv(var);

    const QByteArray mode = qgetenv(kChildVar);
    if (mode == "silent")
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + root.filePath(QStringLiteral("silent-bus")).toUtf8());
    else if (mode.isEmpty())
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + root.filePath(QStringLiteral("bus")).toUtf8());
    // "dead": the parent's address, a socket path that does not exist.

    QApplication app(argc, argv);
    if (!mode.isEmpty()) {
        tst_KeychainAbsent test(mode);
        return QTest::qExec(&test, argc, argv);
    }
    tst_Keychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
