#include "MainWindow.h"
#include "SignalGuard.h"
#include "log/LogRouter.h"

#include "client/Connection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Boxscope::SignalGuard::install();
    QApplication::setApplicationName(QStringLiteral("boxscope"));
    QApplication::setOrganizationName(QStringLiteral("Boxscope"));
    QApplication::setApplicationVersion(QStringLiteral(BOXSCOPE_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("boxscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QCoreApplication::translate("main", "Boxscope: a diagnostic client for Tarantool"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
            QStringLiteral("sandbox"),
            QCoreApplication::translate("main", "Start a local sandbox tarantool and connect to it."));
    const QCommandLineOption uri(QStringLiteral("uri"), QCoreApplication::translate("main", "Connect to URI at start."),
                                 QStringLiteral("URI"));
    const QCommandLineOption user(QStringLiteral("user"), QCoreApplication::translate("main", "User name."),
                                  QStringLiteral("USER"));
    const QCommandLineOption screenshot(
            QStringLiteral("screenshot"),
            QCoreApplication::translate("main", "Save a screenshot of the window to FILE once connected, then quit."),
            QStringLiteral("FILE"));
    parser.addOptions({ sandbox, uri, user, screenshot });
    parser.process(app);

    Boxscope::LogRouter::enableInfo();
    Boxscope::MainWindow window;
    window.show();
    if (parser.isSet(sandbox))
        window.startSandbox();
    else if (parser.isSet(uri))
        window.connectTo(parser.value(uri), parser.value(user));

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        auto grab = [&window, file] {
            window.grab().save(file);
            window.close();
            QApplication::quit();
        };
        QObject::connect(window.connection(), &Boxscope::Connection::ready, &window,
                         [grab] { QTimer::singleShot(1500, grab); });
        QTimer::singleShot(20000, &window, grab); // never hang, even without a server
    }
    return app.exec();
}
