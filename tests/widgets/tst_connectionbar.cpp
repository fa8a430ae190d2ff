// The connection bar inside the real Boxscope::MainWindow, driven by its widgets (found by
// accessible name): the "Reconnect" toggle and interval set the Connection's
// reconnect_after (both ways); against a REAL tarantool stopped and started again on the same
// port, the log tells the whole reconnect story; and a password typed into the bar (user
// boxscope/secret from resources/sandbox.lua), put into the URI or mistyped never appears in
// a log line or in any settings file written meanwhile (a private XDG config dir).
#include "MainWindow.h"
#include "MpBuilders.h"
#include "TarantoolFixture.h"
#include "client/Connection.h"
#include "connection/ConnectionBar.h"
#include "log/LogModel.h"
#include "sandbox/SandboxServer.h"

#include <QBuffer>
#include <QCheckBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QtTest>

#include <memory>

using namespace Boxscope;
using namespace Boxscope::Test;

class tst_ConnectionBar : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home; // XDG config/data/cache/state for this process
    std::unique_ptr<MainWindow> m_window;

    template<typename T>
    T *byAccessibleName(const QString &name) const
    {
        QList<T *> found;
        for (T *w : m_window->findChildren<T *>()) {
            if (w->accessibleName() == name)
                found << w;
        }
        return found.size() == 1 ? found.first() : nullptr;
    }

    QStringList logMessages() const
    {
        LogModel *log = m_window->logModel();
        log->flush();
        QStringList out;
        for (int row = 0; row < log->rowCount(); ++row)
            out << log->entry(row).message;
        return out;
    }

    // Types into the bar's fields and presses Connect, as a person does.
    void connectThroughBar(const QString &uri, const QString &user, const QString &password)
    {
        auto *uriEdit = byAccessibleName<QLineEdit>(QStringLiteral("Server URI"));
        auto *userEdit = byAccessibleName<QLineEdit>(QStringLiteral("User"));
        auto *passwordEdit = byAccessibleName<QLineEdit>(QStringLiteral("Password"));
        auto *button = byAccessibleName<QPushButton>(QStringLiteral("Connect or disconnect"));
        QVERIFY(uriEdit && userEdit && passwordEdit && button);
        for (QLineEdit *e : { uriEdit, userEdit, passwordEdit }) {
            e->selectAll();
            QTest::keyClick(e, Qt::Key_Backspace);
        }
        QTest::keyClicks(uriEdit, uri);
        QTest::keyClicks(userEdit, user);
        QTest::keyClicks(passwordEdit, password);
        QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
        QCOMPARE(button->text(), QStringLiteral("Connect"));
        QTest::mouseClick(button, Qt::LeftButton);
    }

    // Every file under the private config/data dirs that contains needle.
    QStringList filesContaining(const QByteArray &needle, int *scanned) const
    {
        QStringList hits;
        *scanned = 0;
        QDirIterator it(m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            ++*scanned;
            if (f.readAll().contains(needle))
                hits << f.fileName();
        }
        return hits;
    }

private slots:
    void initTestCase()
    {
        // Settings and data of this process go to a private directory that is scanned later.
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        for (const char *var : { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" }) {
            const QString dir = m_home->path() + QLatin1Char('/') + QLatin1String(var);
            QVERIFY(QDir().mkpath(dir));
            qputenv(var, dir.toLocal8Bit());
        }
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_home->path() + QStringLiteral("/XDG_CONFIG_HOME"));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_home->path() + QStringLiteral("/XDG_CONFIG_HOME"));
        QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectionbar"));
        QVERIFY2(!SandboxServer::findTarantool().isEmpty(), "tarantool is not installed");
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        // The window restores the last test's reconnect setting (QSettings): start with it off.
        m_window->connection()->setReconnectAfter(0);
        m_window->resize(1366, 704); // a laptop's screen, whatever the test platform's is
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        if (m_window)
            m_window->close();
        m_window.reset();
    }

    void reconnectToggle()
    {
        Connection *c = m_window->connection();
        auto *box = byAccessibleName<QCheckBox>(QStringLiteral("Reconnect automatically"));
        auto *interval = byAccessibleName<QDoubleSpinBox>(QStringLiteral("Reconnect interval"));
        QVERIFY(box && interval);
        QCOMPARE(box, m_window->connectionBar()->reconnectCheckBox());
        QVERIFY(!box->isChecked()); // off by default, like net.box
        QCOMPARE(c->reconnectAfter(), 0.0);

        QTest::mouseClick(box, Qt::LeftButton);
        QVERIFY(box->isChecked());
        QCOMPARE(c->reconnectAfter(), interval->value());
        QVERIFY(c->reconnectAfter() > 0);

        // The interval follows the spin box while it is on.
        const double before = interval->value();
        interval->setFocus();
        QTest::keyClick(interval, Qt::Key_Up);
        QCOMPARE(interval->value(), before + 1);
        QCOMPARE(c->reconnectAfter(), before + 1);

        QTest::mouseClick(box, Qt::LeftButton);
        QVERIFY(!box->isChecked());
        QCOMPARE(c->reconnectAfter(), 0.0);
        QTest::keyClick(interval, Qt::Key_Up); // off: the interval alone changes nothing
        QCOMPARE(c->reconnectAfter(), 0.0);

        // And the other way: the connection's setting shows in the bar.
        c->setReconnectAfter(1.5);
        QVERIFY(box->isChecked());
        QCOMPARE(interval->value(), 1.5);
        c->setReconnectAfter(0);
        QVERIFY(!box->isChecked());
    }

    // Disconnect while waiting to reconnect: the wait ends and the bar and the status bar say so.
    void disconnectWhileWaitingToReconnect()
    {
        auto fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(fx->start(), qPrintable(fx->errorString()));
        Connection *c = m_window->connection();
        auto *box = byAccessibleName<QCheckBox>(QStringLiteral("Reconnect automatically"));
        auto *interval = byAccessibleName<QDoubleSpinBox>(QStringLiteral("Reconnect interval"));
        auto *button = byAccessibleName<QPushButton>(QStringLiteral("Connect or disconnect"));
        auto *state = byAccessibleName<QLabel>(QStringLiteral("Connection state"));
        QVERIFY(box && interval && button && state);
        interval->setValue(30); // one long wait
        QTest::mouseClick(box, Qt::LeftButton);
        connectThroughBar(QStringLiteral("127.0.0.1:%1").arg(fx->port()), QString(), QString());
        QVERIFY2(waitFor([c] { return c->isReady(); }, 10000), qPrintable(c->lastError().toString()));
        fx->stop();
        QVERIFY(waitFor([c] { return c->isReconnectScheduled(); }, 10000));
        QCOMPARE(state->accessibleDescription(), QStringLiteral("waiting to reconnect"));

        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!c->isReconnectScheduled());
        QCOMPARE(state->accessibleDescription(), QStringLiteral("disconnected"));
        QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Disconnected"));
        QCOMPARE(button->text(), QStringLiteral("Connect"));
        QTest::mouseClick(box, Qt::LeftButton); // off again for the next test
    }

    // Nothing in the bar moves as the state text changes: the button and the state keep their
    // place and width through disconnected, ready, a failure with a long reason and a bad URI;
    // the version is shown whole, the instance is in its tooltip.
    void barKeepsItsLayout()
    {
        auto fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(fx->start(), qPrintable(fx->errorString()));
        Connection *c = m_window->connection();
        auto *button = byAccessibleName<QPushButton>(QStringLiteral("Connect or disconnect"));
        auto *state = byAccessibleName<QLabel>(QStringLiteral("Connection state"));
        auto *server = byAccessibleName<QLabel>(QStringLiteral("Server version or failure reason"));
        QVERIFY(button && state && server);
        m_window->resize(1366, 700);
        auto place = [&](QWidget *w) {
            QCoreApplication::processEvents();
            return QRect(w->mapTo(m_window.get(), QPoint(0, 0)), w->size());
        };
        const QRect buttonAt = place(button);
        const QRect stateAt = place(state);

        connectThroughBar(QStringLiteral("127.0.0.1:%1").arg(fx->port()), QString(), QString());
        QVERIFY2(waitFor([c] { return c->isReady(); }, 10000), qPrintable(c->lastError().toString()));
        QCOMPARE(button->text(), QStringLiteral("Disconnect"));
        QCOMPARE(place(button), buttonAt);
        QCOMPARE(place(state), stateAt);
        QCOMPARE(server->text(), QStringLiteral("Tarantool 2.6.0"));
        QVERIFY(server->toolTip().contains(QStringLiteral("instance ")));

        // A login failure: a long reason, elided in the label, whole in its description.
        QTest::mouseClick(button, Qt::LeftButton);
        connectThroughBar(QStringLiteral("127.0.0.1:%1").arg(fx->port()),
                          QStringLiteral("a_user_name_long_enough_to_make_the_reason_long"), QStringLiteral("x"));
        QVERIFY(waitFor([&] { return state->accessibleDescription().startsWith(QLatin1String("disconnected: ")); },
                        10000));
        QVERIFY2(state->accessibleDescription().contains(
                         QStringLiteral("a_user_name_long_enough_to_make_the_reason_long")),
                 qPrintable(state->accessibleDescription()));
        QCOMPARE(button->text(), QStringLiteral("Connect"));
        QCOMPARE(place(button), buttonAt);
        QCOMPARE(place(state), stateAt);
        QVERIFY(state->fontMetrics().horizontalAdvance(QTextDocumentFragment::fromHtml(state->text()).toPlainText())
                <= state->contentsRect().width());
        QVERIFY2(server->toolTip().contains(QStringLiteral("a_user_name_long_enough_to_make_the_reason_long")),
                 qPrintable(server->toolTip()));

        connectThroughBar(QStringLiteral("not a uri:::"), QString(), QString());
        QCOMPARE(place(button), buttonAt);
        QCOMPARE(place(state), stateAt);
    }

    // Enter in the Password (or User) field connects with the fields' login, also when the
    // window is already connected as someone else.
    void enterInThePasswordConnects()
    {
        auto fx = std::make_unique<TarantoolFixture>();
        QVERIFY2(fx->start(), qPrintable(fx->errorString()));
        Connection *c = m_window->connection();
        connectThroughBar(QStringLiteral("127.0.0.1:%1").arg(fx->port()), QString(), QString());
        QVERIFY(waitFor([c] { return c->isReady(); }, 10000));
        QVERIFY(c->user().isEmpty());
        auto *userEdit = byAccessibleName<QLineEdit>(QStringLiteral("User"));
        auto *passwordEdit = byAccessibleName<QLineEdit>(QStringLiteral("Password"));
        QTest::keyClicks(userEdit, QStringLiteral("boxscope"));
        QTest::keyClicks(passwordEdit, QStringLiteral("secret"));
        QTest::keyClick(passwordEdit, Qt::Key_Return);
        QVERIFY(waitFor([c] { return c->isReady() && c->user() == QLatin1String("boxscope"); }, 10000));
        c->disconnectFromServer();
    }

    void reconnectStoryInTheLog()
    {
        auto first = std::make_unique<TarantoolFixture>();
        QVERIFY2(first->start(), qPrintable(first->errorString()));
        const quint16 port = first->port();
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        Connection *c = m_window->connection();
        auto *box = byAccessibleName<QCheckBox>(QStringLiteral("Reconnect automatically"));
        auto *interval = byAccessibleName<QDoubleSpinBox>(QStringLiteral("Reconnect interval"));
        auto *button = byAccessibleName<QPushButton>(QStringLiteral("Connect or disconnect"));
        auto *state = byAccessibleName<QLabel>(QStringLiteral("Connection state"));
        QVERIFY(box && interval && button && state);
        interval->setValue(0.3);
        QTest::mouseClick(box, Qt::LeftButton);
        QCOMPARE(c->reconnectAfter(), 0.3);

        connectThroughBar(address, QStringLiteral("boxscope"), QStringLiteral("secret"));
        QVERIFY2(waitFor([c] { return c->isReady(); }, 10000), qPrintable(c->lastError().toString()));
        const int startRow = int(logMessages().size());

        first->stop();
        QVERIFY(waitFor([c] { return c->isReconnectScheduled(); }, 10000));
        // Waiting to retry: the bar says so and offers to stop it.
        QCOMPARE(state->accessibleDescription(), QStringLiteral("waiting to reconnect"));
        QCOMPARE(button->text(), QStringLiteral("Disconnect"));
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QLatin1String("waiting to reconnect")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QVERIFY(waitFor(
                [&] { return logMessages().mid(startRow).filter(QStringLiteral("Connection refused")).size() >= 1; },
                10000));

        auto second = std::make_unique<TarantoolFixture>();
        QVERIFY2(second->start(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(second->errorString()));
        QVERIFY(waitFor(
                [&] {
                    return c->isReady() && !logMessages().mid(startRow).filter(QStringLiteral("Reconnected")).isEmpty();
                },
                20000));
        QCOMPARE(state->accessibleDescription(), QStringLiteral("ready"));

        const QStringList story = logMessages().mid(startRow);
        const QString text = story.join(QLatin1Char('\n'));
        QVERIFY2(story.size() >= 6, qPrintable(text));
        QCOMPARE(story.at(0), QStringLiteral("Connection lost: Peer closed"));
        QCOMPARE(story.at(1), QStringLiteral("Reconnecting in 0.3 s (attempt 1)"));
        QCOMPARE(story.at(2), QStringLiteral("Reconnect attempt 1: connecting to %1").arg(address));
        // Attempts fail while nobody listens ("Connection refused") or while the new server
        // still bootstraps (after its greeting); each failure says why and schedules the next.
        int attempt = 1;
        int i = 3;
        for (;;) {
            if (story.value(i).startsWith(QLatin1String("Greeting: Tarantool ")))
                ++i;
            if (!story.value(i).startsWith(QLatin1String("Connection failed: ")))
                break;
            ++attempt;
            QCOMPARE(story.value(i + 1), QStringLiteral("Reconnecting in 0.3 s (attempt %1)").arg(attempt));
            QCOMPARE(story.value(i + 2),
                     QStringLiteral("Reconnect attempt %1: connecting to %2").arg(attempt).arg(address));
            i += 3;
        }
        QVERIFY2(attempt >= 2, qPrintable(text));
        QVERIFY2(story.value(i - 1).startsWith(QStringLiteral("Greeting: Tarantool ")), qPrintable(text));
        QCOMPARE(story.value(i),
                 QStringLiteral("Reconnected to %1 as boxscope (attempt %2)").arg(address).arg(attempt));
        QVERIFY2(!text.contains(QLatin1String("secret")), qPrintable(text));

        // It works again, as the same user.
        Request *who = c->eval(QStringLiteral("return box.session.user()"), A());
        QVERIFY(who->waitForFinished(5000));
        QCOMPARE(who->result(), A({ S("boxscope") }));
        delete who;

        // Disconnect ends it for good.
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(c->state(), Connection::State::Disconnected);
        QVERIFY(!c->isReconnectScheduled());
        QCOMPARE(button->text(), QStringLiteral("Connect"));
        second.reset();
        QVERIFY(!c->isReconnectScheduled());
    }

    void passwordNeverLeaks()
    {
        TarantoolFixture fx;
        QVERIFY2(fx.start(), qPrintable(fx.errorString()));
        const QString address = QStringLiteral("127.0.0.1:%1").arg(fx.port());
        Connection *c = m_window->connection();
        auto *state = byAccessibleName<QLabel>(QStringLiteral("Connection state"));
        QVERIFY(state);

        // 1. User and password in their fields.
        connectThroughBar(address, QStringLiteral("boxscope"), QStringLiteral("secret"));
        QVERIFY2(waitFor([c] { return c->isReady(); }, 10000), qPrintable(c->lastError().toString()));
        Request *who = c->eval(QStringLiteral("return box.session.user()"), A());
        QVERIFY(who->waitForFinished(5000));
        QCOMPARE(who->result(), A({ S("boxscope") }));
        delete who;
        c->disconnectFromServer();

        // 2. A wrong password: the error names the user, never the password.
        connectThroughBar(address, QStringLiteral("boxscope"), QStringLiteral("wrongpass-Zq9"));
        QVERIFY(waitFor([c] { return c->state() == Connection::State::Disconnected && !c->lastError().isNull(); },
                        10000));
        QCOMPARE(c->lastError().message, QStringLiteral("Incorrect password supplied for user 'boxscope'"));
        QVERIFY(!state->toolTip().contains(QLatin1String("wrongpass")));
        // The bar and the status bar say why, not only the log.
        QCOMPARE(state->accessibleDescription(),
                 QStringLiteral("disconnected: Incorrect password supplied for user 'boxscope'"));
        auto *reason = byAccessibleName<QLabel>(QStringLiteral("Server version or failure reason"));
        QVERIFY(reason);
        QVERIFY2(reason->text().contains(QLatin1String("Incorrect password")), qPrintable(reason->text()));
        QVERIFY(!reason->text().contains(QLatin1String("wrongpass")));
        QCOMPARE(m_window->statusBar()->currentMessage(),
                 QStringLiteral("Disconnected: Incorrect password supplied for user 'boxscope'"));

        // 3. Credentials inside the URI (the user is the URI's).
        connectThroughBar(QStringLiteral("boxscope:secret@") + address, QString(), QString());
        QVERIFY2(waitFor([c] { return c->isReady(); }, 10000), qPrintable(c->lastError().toString()));
        QVERIFY(waitFor(
                [&] { return logMessages().contains(QStringLiteral("Connected to %1 as boxscope").arg(address)); }));
        c->disconnectFromServer();

        // 4. A URI that does not parse, with a password in it.
        connectThroughBar(QStringLiteral("boxscope:secret@127.0.0.1:99999"), QString(), QString());
        QVERIFY(waitFor([&] { return !logMessages().filter(QStringLiteral("Cannot connect")).isEmpty(); }));
        QCOMPARE(logMessages().filter(QStringLiteral("Cannot connect")).last(),
                 QStringLiteral("Cannot connect: bad port '99999' in URI 'boxscope:***@127.0.0.1:99999'"));
        QVERIFY(!state->toolTip().contains(QLatin1String("secret")));

        // No log line, shown or saved, has either password.
        const QStringList lines = logMessages();
        QVERIFY(lines.size() >= 8);
        for (const QString &line : lines) {
            QVERIFY2(!line.contains(QLatin1String("secret")), qPrintable(line));
            QVERIFY2(!line.contains(QLatin1String("wrongpass")), qPrintable(line));
        }
        QBuffer saved;
        QVERIFY(saved.open(QIODevice::WriteOnly));
        QVERIFY(m_window->logModel()->save(&saved));
        QVERIFY(saved.data().contains("Incorrect password supplied for user 'boxscope'"));
        QVERIFY(!saved.data().contains("secret"));
        QVERIFY(!saved.data().contains("wrongpass"));

        // Closing the window writes its settings: none has a password either.
        m_window->close();
        QSettings().sync();
        int scanned = 0;
        QCOMPARE(filesContaining("secret", &scanned), QStringList());
        QCOMPARE(filesContaining("wrongpass", &scanned), QStringList());
        QVERIFY2(scanned >= 1, "no settings file was written: the scan proves nothing");
    }
};

QTEST_MAIN(tst_ConnectionBar)
#include "tst_connectionbar.moc"
