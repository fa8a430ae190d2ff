#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace Boxscope {

/// Runs a Lua file headless in a LuaNetBox (`boxscope-cli script FILE.lua [URI]`):
/// print() lines go to out byte for byte, values the chunk returns are printed as a YAML document
/// (as Tarantool's console prints them), an uncaught error goes to err.
/// `arg` is {[0] = FILE, URI} as for `tarantool FILE URI`, and `box_scope.uri` is URI.
/// Runs the event loop until the script ends.
class ScriptRunner
{
public:
    enum Exit { ExitOk = 0, ExitError = 1, ExitUsage = 2 };
    /// A line's bytes, without its newline.
    using Sink = std::function<void(const QByteArray &line)>;

    /// The CLI entry: args are the words after "script".
    static int runCli(const QStringList &args);
    static int runFile(const QString &path, const QStringList &scriptArgs, const Sink &out, const Sink &err);
};

} // namespace Boxscope
