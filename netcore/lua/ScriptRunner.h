#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace Boxscope {

class LuaSandbox;

/// Runs a Lua file headless in a LuaNetBox (`boxscope-cli script [--timeout S] FILE.lua [URI]`):
/// print() lines go to out byte for byte, values the chunk returns are printed as a YAML document
/// (as Tarantool's console prints them), an uncaught error goes to err.
/// `arg` is {[0] = FILE, URI} as for `tarantool FILE URI`, and `box_scope.uri` is URI.
/// Runs the event loop until the script ends.
///
/// `--timeout S` is one deadline for the whole script, waits and computing alike: when it passes,
/// the running chunk is interrupted (LuaSandbox::requestInterrupt, from the deadline's own thread,
/// so a script busy in Lua or in a long C function ends too), a waiting one is aborted, what was
/// printed is flushed and the CLI exits with 3 ("Timeout exceeded" on stderr). Should the main
/// thread be stuck even so (a write to a pipe nobody reads), the process ends a second later.
class ScriptRunner
{
public:
    enum Exit { ExitOk = 0, ExitError = 1, ExitUsage = 2, ExitTimeout = 3 };
    /// A line's bytes, without its newline.
    using Sink = std::function<void(const QByteArray &line)>;

    /// The deadline of a run: a thread that interrupts the attached sandbox when ms have passed,
    /// and ends the process (_exit(ExitTimeout), the reason on stderr) graceMs later unless it
    /// is destroyed first.
    class Deadline
    {
    public:
        Deadline(int ms, int graceMs = 1000);
        ~Deadline();
        Deadline(const Deadline &) = delete;
        Deadline &operator=(const Deadline &) = delete;

        int milliseconds() const { return m_ms; }
        bool expired() const { return m_expired.load(); }
        /// The sandbox to interrupt (nullptr: none).
        void attach(LuaSandbox *sandbox);

    private:
        const int m_ms;
        std::mutex m_mutex;
        std::condition_variable m_cv;
        LuaSandbox *m_sandbox = nullptr;
        bool m_done = false;
        std::atomic<bool> m_expired { false };
        std::thread m_thread; // last: started once the rest is ready
    };

    /// The CLI entry: args are the words after "script".
    static int runCli(const QStringList &args);
    static int runFile(const QString &path, const QStringList &scriptArgs, const Sink &out, const Sink &err,
                       Deadline *deadline = nullptr);
};

} // namespace Boxscope
