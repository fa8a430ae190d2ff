#include "CliRunner.h"

#include "iproto/Uri.h"

#include <QCoreApplication>

#include <cstring>
#include <string>

namespace {

// A password given on the command line (--password P, --password=P or user:P@host:port) is
// also in /proc/<pid>/cmdline for anyone who runs ps while the CLI waits. Once the arguments
// are copied, the command line there is rewritten with each password as "***", whatever its
// length: the whole line as one string at the start of the argument area and the rest of the
// area filled with spaces, which the kernel reads as a rewritten title (setproctitle's
// convention) and shows up to the first NUL.
std::string masked(const char *previous, const char *arg, bool *hid)
{
    if (previous && std::strcmp(previous, "--password") == 0) {
        *hid = true;
        return "***";
    }
    if (std::strncmp(arg, "--password=", 11) == 0) {
        *hid = true;
        return "--password=***";
    }
    Boxscope::Uri uri;
    if (Boxscope::Uri::parse(QString::fromLocal8Bit(arg), &uri, nullptr) && !uri.password.isEmpty()) {
        const char *at = std::strrchr(arg, '@');
        const char *colon = at ? static_cast<const char *>(std::memchr(arg, ':', size_t(at - arg))) : nullptr;
        if (colon) {
            *hid = true;
            return std::string(arg, size_t(colon + 1 - arg)) + "***" + at;
        }
    }
    return arg;
}

void hidePasswords(int argc, char **argv)
{
    bool hid = false;
    std::string line;
    bool contiguous = true;
    for (int i = 0; i < argc; ++i) {
        if (i > 0) {
            line += ' ';
            contiguous = contiguous && argv[i] == argv[i - 1] + std::strlen(argv[i - 1]) + 1;
        }
        line += masked(i > 0 ? argv[i - 1] : nullptr, argv[i], &hid);
    }
    if (!hid)
        return;
    char *begin = argv[0];
    char *end = argv[argc - 1] + std::strlen(argv[argc - 1]) + 1;
    const size_t area = size_t(end - begin);
    if (contiguous && line.size() + 1 <= area) {
        std::memcpy(begin, line.data(), line.size());
        begin[line.size()] = '\0';
        std::memset(begin + line.size() + 1, ' ', area - line.size() - 1);
        return;
    }
    // Not one area, or no room (a password shorter than its mask): mask each byte in place.
    for (int i = 1; i < argc; ++i) {
        char *arg = argv[i];
        if (std::strcmp(argv[i - 1], "--password") == 0) {
            std::memset(arg, '*', std::strlen(arg));
        } else if (std::strncmp(arg, "--password=", 11) == 0) {
            std::memset(arg + 11, '*', std::strlen(arg + 11));
        } else if (char *at = std::strrchr(arg, '@')) {
            Boxscope::Uri uri;
            char *colon = static_cast<char *>(std::memchr(arg, ':', size_t(at - arg)));
            if (colon && Boxscope::Uri::parse(QString::fromLocal8Bit(arg), &uri, nullptr) && !uri.password.isEmpty())
                std::memset(colon + 1, '*', size_t(at - colon - 1));
        }
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
