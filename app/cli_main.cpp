#include "CliRunner.h"

#include "iproto/Uri.h"

#include <QCoreApplication>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace {

// A password given on the command line (--password P, --password=P or user:P@host:port) is
// also in /proc/<pid>/cmdline for anyone who runs ps while the CLI waits. Once the arguments
// are copied, the command line there is rewritten with each password as "***", whatever its
// length: the whole line as one string at the start of the argument area and the rest of the
// area filled with spaces, which the kernel reads as a rewritten title (setproctitle's
// convention) and shows up to the first NUL.
// Where the passwords of a URI argument are: one URI, or a comma-separated list of them (as
// CliRunner reads it), each [begin, end) within arg.
std::vector<std::pair<size_t, size_t>> uriPasswords(const char *arg)
{
    std::vector<std::pair<size_t, size_t>> spans;
    auto one = [&spans](const char *text, size_t offset, size_t length) {
        Boxscope::Uri uri;
        const std::string part(text + offset, length);
        if (!Boxscope::Uri::parse(QString::fromLocal8Bit(part.c_str()), &uri, nullptr))
            return false;
        const size_t at = part.rfind('@');
        const size_t colon = at == std::string::npos ? std::string::npos : part.find(':');
        if (!uri.password.isEmpty() && colon != std::string::npos && colon < at)
            spans.emplace_back(offset + colon + 1, offset + at);
        return true;
    };
    const size_t length = std::strlen(arg);
    bool list = std::strchr(arg, ',') != nullptr;
    for (size_t from = 0; list && from <= length;) {
        const char *comma = std::strchr(arg + from, ',');
        const size_t end = comma ? size_t(comma - arg) : length;
        list = one(arg, from, end - from);
        from = end + 1;
    }
    if (!list) {
        spans.clear();
        one(arg, 0, length);
    }
    return spans;
}

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
    const auto spans = uriPasswords(arg);
    if (spans.empty())
        return arg;
    *hid = true;
    std::string out;
    size_t from = 0;
    for (const auto &[begin, end] : spans) {
        out.append(arg + from, begin - from);
        out += "***";
        from = end;
    }
    return out + (arg + from);
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
        } else {
            for (const auto &[from, to] : uriPasswords(arg))
                std::memset(arg + from, '*', to - from);
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
