#include "CliRunner.h"

#include "iproto/Uri.h"

#include <QCoreApplication>

#include <cstring>

namespace {

// A password given on the command line (--password P, --password=P or user:P@host:port) is also in
// /proc/<pid>/cmdline for anyone who runs ps while the CLI waits. Once the arguments are
// copied, it is overwritten there.
void hidePasswords(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        char *arg = argv[i];
        if (std::strcmp(argv[i - 1], "--password") == 0) {
            std::memset(arg, '*', std::strlen(arg));
            continue;
        }
        if (std::strncmp(arg, "--password=", 11) == 0) {
            std::memset(arg + 11, '*', std::strlen(arg + 11));
            continue;
        }
        Boxscope::Uri uri;
        if (!Boxscope::Uri::parse(QString::fromLocal8Bit(arg), &uri, nullptr) || uri.password.isEmpty())
            continue;
        char *at = std::strrchr(arg, '@');
        char *colon = at ? static_cast<char *>(std::memchr(arg, ':', size_t(at - arg))) : nullptr;
        if (colon)
            std::memset(colon + 1, '*', size_t(at - colon - 1));
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("boxscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BOXSCOPE_VERSION));
    const QStringList arguments = QCoreApplication::arguments();
    hidePasswords(argc, argv);
    Boxscope::CliRunner runner;
    return runner.run(arguments);
}
