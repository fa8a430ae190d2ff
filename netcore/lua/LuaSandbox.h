#pragma once

#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

// Lua is a C library with its own include path; the header stays free of it so
// that users of netcore do not need Lua's headers.
struct lua_State;
struct lua_Debug;

namespace Boxscope {

/// A Lua 5.4 state for running untrusted text with bounded memory and CPU.
///
/// - Memory: a capped allocator. An allocation that would take the state past
///   memoryLimit() fails, so Lua raises "not enough memory", also for one
///   huge request such as `string.rep('x', 2^30)` (from 2^31 on the string
///   library itself answers "resulting string too large").
/// - CPU: a count hook charges every kHookInterval VM instructions against
///   instructionBudget() and raises "instruction budget exhausted". Once
///   exhausted the hook fires on every instruction of the running thread, so a
///   script cannot swallow the error with pcall or coroutine.resume and go on.
///   C functions that loop on their own charge the budget themselves
///   (charge()): string.find/match/gmatch/gsub are LuaPatterns' (every matcher
///   step counts, plain finds are linear), table.sort compares through a
///   charging closure, and compiling (run()'s chunk and `load`) is charged by
///   the time it takes, read in 64-byte pieces (Lua 5.4's compiler is
///   quadratic on long `a or b or ...` chains). string.rep of empty strings and
///   table.move over more than 2^24 elements are refused or short-cut. The
///   other library functions do work linear in memory the cap bounds (string
///   building, utf8, tostring/tonumber) or in the stack (select, unpack,
///   string.byte). table.insert and table.remove shift #t elements and
///   table.concat walks i..j, where __len or a C __index function could make
///   the range up and loop without allocating: ranges of 2^24 elements or more
///   (which no real table holds under the memory cap) are refused with "too
///   many elements". The wrappers call the library's own functions in their
///   frame, so its errors keep the script's position and the function's name.
/// - Interrupt: requestInterrupt() from any thread stops the run at the next
///   hook or charge point with the error "aborted", as unswallowable as the
///   budget's.
/// - Libraries (Libraries::Standard): base, coroutine, table, string, math and
///   utf8; no io, os, package or debug. dofile, loadfile, collectgarbage and
///   print are removed (the host that owns an output pane installs its own
///   print); `load` only accepts text chunks; setmetatable refuses __gc
///   (finalizers run with hooks off, out of the budget's reach), xpcall
///   skips its handler once the budget is exhausted (same reason), and
///   coroutine.close/wrap do not run the __close handlers of a coroutine the
///   budget killed (see closeThread()). `box.NULL` is the msgpack nil
///   sentinel of LuaValue. Libraries::None opens nothing (not even string
///   methods): for evaluating expressions in a custom environment.
///
/// Every top-level run (run(), call(), resume()) resets the instruction count
/// and clears an interrupt request; run() counts compiling its chunk, load()
/// does not (it runs outside a run);
/// the memory counter is the live heap and drops as garbage is collected.
///
/// The state stays accessible through state() for code that builds APIs on it
/// (coroutines resumed by an event loop: lua_newthread() on state() inherits the
/// hook, resume() runs one slice with a fresh budget). Lua raises errors with
/// longjmp: C functions registered on the state must not hold C++ objects with
/// destructors while calling Lua API functions that can raise.
///
/// Not thread-safe, except requestInterrupt() and interruptRequested(); use
/// one sandbox per thread. Neither copyable nor movable:
/// the allocator and the hook find the sandbox by its address.
class LuaSandbox
{
public:
    enum class Libraries { Standard, None };

    static constexpr size_t kDefaultMemoryLimit = size_t(64) * 1024 * 1024;
    static constexpr uint64_t kDefaultInstructionBudget = 50'000'000;
    /// Instructions between two budget checks.
    static constexpr int kHookInterval = 1000;

    using CFunction = int (*)(lua_State *);

    struct Result
    {
        bool ok = false;
        std::vector<MpValue> values; ///< all results of the chunk, converted by LuaValue::toMp
        QString error;               ///< Lua's message ("chunk:LINE: text") when !ok
    };

    explicit LuaSandbox(Libraries libraries = Libraries::Standard);
    ~LuaSandbox();
    LuaSandbox(const LuaSandbox &) = delete;
    LuaSandbox &operator=(const LuaSandbox &) = delete;

    /// False when the state could not be created (no memory).
    bool isValid() const { return m_state != nullptr; }
    lua_State *state() const { return m_state; }
    /// The sandbox owning L (any thread of its state).
    static LuaSandbox *fromState(lua_State *L);

    /// Bytes; 0 means unlimited. Lowering it below memoryUsed() refuses all growth.
    void setMemoryLimit(size_t bytes) { m_memoryLimit = bytes; }
    size_t memoryLimit() const { return m_memoryLimit; }
    size_t memoryUsed() const { return m_memoryUsed; }

    /// VM instructions per top-level run; 0 means unlimited.
    void setInstructionBudget(uint64_t instructions) { m_instructionBudget = instructions; }
    uint64_t instructionBudget() const { return m_instructionBudget; }
    /// Instructions used by the current (or last) run, in steps of the hook interval.
    uint64_t instructionsUsed() const { return m_instructionsUsed; }
    bool budgetExhausted() const { return m_instructionBudget != 0 && m_instructionsUsed > m_instructionBudget; }
    /// Starts a new run: zeroes the instruction count, clears an interrupt request and
    /// re-arms the main thread's hook.
    void resetBudget();

    /// Stops the running code: at its next hook or charge point (microseconds later) it
    /// raises the error "aborted", which, like an exhausted budget, pcall, xpcall and
    /// coroutines cannot swallow. Thread-safe: the one member to call from another thread
    /// while a run is going on. The next run (resetBudget(), run(), call()) clears the
    /// request; resume() does not (a script's slices are one run: see LuaNetBox), and
    /// clearInterrupt() does when the caller starts something new.
    void requestInterrupt() { m_interruptRequested.store(true, std::memory_order_relaxed); }
    void clearInterrupt() { m_interruptRequested.store(false, std::memory_order_relaxed); }
    bool interruptRequested() const { return m_interruptRequested.load(std::memory_order_relaxed); }

    /// For C functions that loop on their own: adds units (instruction-sized steps) to the
    /// running count and raises the hook's error ("instruction budget exhausted" with the
    /// caller's position, or "aborted") once the budget is exhausted or an interrupt was
    /// requested. A few nanoseconds: call it every few thousand steps. L must belong to a
    /// sandbox; the caller holds no C++ object with a destructor (the error is a longjmp).
    static void charge(lua_State *L, uint64_t units);

    /// Compiles and runs code (text only) as one top-level run.
    Result run(const QByteArray &code, const char *chunkName = "=sandbox");
    Result run(const QString &code, const char *chunkName = "=sandbox") { return run(code.toUtf8(), chunkName); }
    Result run(const char *code, const char *chunkName = "=sandbox") { return run(QByteArray(code), chunkName); }

    /// Compiles code in text mode and pushes the function. On a syntax error
    /// pushes nothing and stores Lua's message in *error.
    bool load(const QByteArray &code, const char *chunkName, QString *error);
    /// Calls the function below the top nargs values as one top-level run and
    /// converts all its results; the function, arguments and results are popped.
    Result call(int nargs);
    /// Resumes coroutine co (a thread of this state) with nargs values on its
    /// stack with a fresh instruction count (an interrupt request stands); returns
    /// lua_resume's status.
    int resume(lua_State *co, int nargs, int *nresults);
    /// Closes a finished or suspended coroutine (lua_resetthread), except one
    /// killed by the instruction budget: that one ran out with hooks disabled
    /// and its __close handlers would run unbounded, so they are skipped. Use
    /// this instead of lua_resetthread/lua_closethread. Returns the status.
    static int closeThread(lua_State *co);
    /// Runs a C function in protected mode with the top nargs values as
    /// arguments, leaving nresults results. For setup code that may raise (for
    /// instance on allocation failure). Does not reset the budget.
    bool callProtected(CFunction function, int nargs, int nresults, QString *error);

    /// Sets global `name` to value (converted by LuaValue::push).
    bool setGlobal(const char *name, const MpValue &value, QString *error = nullptr);

    /// Full garbage collection: returns the memory of a failed run at once.
    void collectGarbage();

    /// Text of an error object without raising: strings and numbers as is,
    /// other values through __tostring in protected mode.
    static QString errorText(lua_State *L, int index);

private:
    void resetCount(); ///< zeroes the instruction count and re-arms the main thread's hook
    bool stopped() const { return budgetExhausted() || interruptRequested(); }
    [[noreturn]] static void raiseStop(lua_State *L, int level);
    bool compile(const QByteArray &code, const char *chunkName, bool charged, QString *error);
    Result callInRun(int nargs);
    static void *allocate(void *ud, void *ptr, size_t oldSize, size_t newSize);
    static void countHook(lua_State *L, lua_Debug *ar);

    lua_State *m_state = nullptr;
    size_t m_memoryLimit = kDefaultMemoryLimit;
    size_t m_memoryUsed = 0;
    uint64_t m_instructionBudget = kDefaultInstructionBudget;
    uint64_t m_instructionsUsed = 0;
    std::atomic<bool> m_interruptRequested { false };
};

} // namespace Boxscope
