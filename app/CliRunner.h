#pragma once

#include "client/Connection.h"

#include <QStringList>

class QCommandLineParser;

namespace Boxscope {

/// boxscope-cli: one request, printed as JSON lines (JsonLines) as it happens.
///
///   boxscope-cli [OPTIONS] URI COMMAND [ARGS...]       (options anywhere; --help, --version)
///   boxscope-cli [OPTIONS] URI,URI[,...] COMMAND ...   (the same request to each, a FanOut)
///   boxscope-cli script [--timeout SECONDS] FILE.lua [URI]
///
/// The command line is read by QCommandLineParser into a RequestSpec.
/// Exit status: 0 result, 1 server error, 2 usage error, 3 connection error or timeout; for
/// several URIs the highest of the instances' statuses.
class CliRunner
{
public:
    enum Exit { ExitOk = 0, ExitServerError = 1, ExitUsage = 2, ExitConnection = 3 };

    int run(const QStringList &args);
    /// The --help text.
    static QString usage();

private:
    struct Command;
    struct Options;
    // select/update/delete options given on the command line.
    struct Selection
    {
        ObjectRef index = ObjectRef(0u);
        uint32_t iterator = Iproto::EQ;
        bool haveIterator = false;
        uint32_t offset = 0;
        uint32_t limit = 0xffffffffu;
    };

    static void setUp(QCommandLineParser *parser, Options *options);
    // -1 when a request is to be made; otherwise the exit status (ExitUsage with *error set).
    static int parse(const QStringList &argv, Command *command, QString *error);
    static bool parseUris(const QString &word, QList<Uri> *uris, QString *error);
    static int runFanOut(const Command &command);
    // What a failed request reports: the connection's own reason, or a timeout when the
    // overall deadline closed it.
    static Error outcomeError(const Request &request, const Connection &connection, int timeoutMs, qint64 elapsedMs);
    static int exitStatus(const Error &error);
    static bool parseCommand(const QStringList &words, const Selection &selection, RequestSpec *spec, QString *error);
    static int usageError(const QString &message);
};

} // namespace Boxscope
