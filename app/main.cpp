#include "MainWindow.h"
#include "SignalGuard.h"
#include "log/LogRouter.h"

#include "client/Connection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

namespace {

// The app's own translations (boxscope_<lang>.qm): <prefix>/share/boxscope/translations when
// installed (the binary in <prefix>/bin), app/translations next to the binary in a build tree.
QStringList translationDirs()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    return { QDir::cleanPath(appDir + QStringLiteral("/../share/boxscope/translations")),
             appDir + QStringLiteral("/translations") };
}

// Names and translators, the same whether a window follows or only a text is printed.
struct Setup
{
    QTranslator qtTranslator;
    QTranslator translator;

    explicit Setup(QCoreApplication &app)
    {
        QCoreApplication::setApplicationName(QStringLiteral("boxscope"));
        QCoreApplication::setOrganizationName(QStringLiteral("Boxscope"));
        QCoreApplication::setApplicationVersion(QStringLiteral(BOXSCOPE_VERSION));
        if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            app.installTranslator(&qtTranslator);
        for (const QString &dir : translationDirs()) {
            if (translator.load(QLocale(), QStringLiteral("boxscope"), QStringLiteral("_"), dir)) {
                app.installTranslator(&translator);
                break;
            }
        }
    }
};

// The command line, with texts translated by the Setup made before it.
struct Options
{
    QCommandLineParser parser;
    const QCommandLineOption sandbox { QStringLiteral("sandbox"),
                                       QCoreApplication::translate(
                                               "main", "Start a local sandbox tarantool and connect to it.") };
    const QCommandLineOption uri { QStringLiteral("uri"),
                                   QCoreApplication::translate("main", "Connect to URI at start."),
                                   QStringLiteral("URI") };
    const QCommandLineOption user { QStringLiteral("user"), QCoreApplication::translate("main", "User name."),
                                    QStringLiteral("USER") };
    const QCommandLineOption screenshot {
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a screenshot of the window to FILE once connected, then quit."),
        QStringLiteral("FILE")
    };

    Options()
    {
        parser.setApplicationDescription(
                QCoreApplication::translate("main", "Boxscope: a diagnostic client for Tarantool"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({ sandbox, uri, user, screenshot });
    }
};

// --help and --version only print: they are answered before the QApplication, which needs a
// display, is made (the man pages are generated from --help at build time, without one).
bool mayOnlyPrint(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            return false;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (mayOnlyPrint(argc, argv)) {
        QCoreApplication app(argc, argv);
        Setup setup(app);
        Options options;
        options.parser.process(app); // exits after printing; returns when "--help" was an option's value
    }

    QApplication app(argc, argv);
    Boxscope::SignalGuard::install();
    Setup setup(app);
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.boxscope.Boxscope"));
    Options options;
    options.parser.process(app);

    Boxscope::LogRouter::enableInfo();
    Boxscope::MainWindow window;
    window.show();
    if (options.parser.isSet(options.sandbox))
        window.startSandbox();
    else if (options.parser.isSet(options.uri))
        window.connectTo(options.parser.value(options.uri), options.parser.value(options.user));
    else if (!options.parser.isSet(options.screenshot))
        window.restoreSession(); // the tabs open when the window last closed, connecting again

    if (options.parser.isSet(options.screenshot)) {
        const QString file = options.parser.value(options.screenshot);
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
