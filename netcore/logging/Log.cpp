#include "logging/Log.h"

Q_LOGGING_CATEGORY(lcClient, "boxscope.client", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLua, "boxscope.lua", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSockets, "boxscope.sockets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSandbox, "boxscope.sandbox", QtWarningMsg)

namespace Boxscope {

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return QStringLiteral("debug");
    case LogLevel::Info: return QStringLiteral("info");
    case LogLevel::Warning: return QStringLiteral("warning");
    case LogLevel::Error: return QStringLiteral("error");
    }
    return QString();
}

LogLevel logLevelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return LogLevel::Debug;
    case QtInfoMsg: return LogLevel::Info;
    case QtWarningMsg: return LogLevel::Warning;
    case QtCriticalMsg:
    case QtFatalMsg: return LogLevel::Error;
    }
    return LogLevel::Info;
}

} // namespace Boxscope
