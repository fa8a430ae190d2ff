#pragma once

#include <QLoggingCategory>
#include <QMetaType>
#include <QString>

namespace Boxscope {

/// The one level scale of every log line, whoever writes it: the panels (signals that carry
/// a LogLevel), netcore (Qt logging categories, below) and the log view that shows them.
enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

/// "debug", "info", "warning", "error".
QString logLevelName(LogLevel level);
/// Qt's message types on the same scale (critical and fatal are errors).
LogLevel logLevelOf(QtMsgType type);

} // namespace Boxscope

Q_DECLARE_METATYPE(Boxscope::LogLevel)

// netcore's logging categories, one per library. Each is quiet below warnings unless enabled:
// the app enables info and up for the log view, and QT_LOGGING_RULES
// ("boxscope.client=true", "boxscope.*.debug=true") works for the app and boxscope-cli alike.
Q_DECLARE_LOGGING_CATEGORY(lcClient)  // boxscope.client: connections and requests
Q_DECLARE_LOGGING_CATEGORY(lcLua)     // boxscope.lua: the Lua runtime and net.box layer
Q_DECLARE_LOGGING_CATEGORY(lcSockets) // boxscope.sockets: the socket inspector's engines
Q_DECLARE_LOGGING_CATEGORY(lcSandbox) // boxscope.sandbox: the local tarantool
