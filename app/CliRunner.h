#pragma once

#include "client/Connection.h"

#include <QStringList>

#include <functional>

namespace Boxscope {

/// boxscope-cli: one request, printed as JSON lines as it happens.
///
///   boxscope-cli [--user U] [--password P] [--timeout S] [--async] URI COMMAND ...
///
/// Exit status: 0 result, 1 server error, 2 usage error, 3 connection error or timeout.
class CliRunner
{
public:
    enum Exit { ExitOk = 0, ExitServerError = 1, ExitUsage = 2, ExitConnection = 3 };

    int run(const QStringList &args);
    static QString usage();

private:
    // Builds the request once the command line is understood; returns nullptr and sets
    // *error on a usage error.
    using Submit = std::function<Request *(Connection &, const RequestOptions &)>;
    bool parseCommand(const QStringList &words, Submit *submit, QString *error);
    int usageError(const QString &message);
};

} // namespace Boxscope
