#pragma once

#include "format/MpFormat.h"
#include "iproto/Error.h"
#include "iproto/RequestSpec.h"
#include "lua/LuaSandbox.h"
#include "msgpack/MpRawArray.h"
#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace Boxscope {

class Connection;
class Request;

/// Runs Lua chunks in a LuaSandbox with a net.box-compatible client API, without
/// ever blocking the thread.
///
/// Each chunk runs as a coroutine. A net.box call that has to wait (connect, a
/// sync request, `future:wait_result()`, `future:pairs()`, `conn:ping()`) yields
/// the coroutine; the Qt event loop resumes it when the awaited Request or
/// Connection signals, or when the wait's timeout passes. No nested event loops.
/// The instruction budget applies per resume slice: a waiting script is not charged.
///
/// The script sees:
///   - `require('net.box')` (the only module), with `connect(uri [, opts])`;
///     connections with `ping`, `call`, `eval`, `close`, `is_connected`, `state`,
///     `error` and `space.NAME` / `space.NAME.index.NAME` with select, get, insert,
///     replace, update, upsert, delete; options `is_async`, `timeout`, `on_push`,
///     `on_push_ctx`; futures with `is_ready`, `result`, `wait_result`, `discard`,
///     `pairs` — with the semantics of Tarantool 2.6's net.box.
///     Extensions: `on_push` is accepted with `is_async` (called as pushes are read,
///     and the push is still kept for pairs()); `timeout` is honoured for async requests;
///     net.box 1.x's `conn:select/insert/replace/update/upsert/delete(space, ...)`.
///   - errors as tables {code, type, message} whose tostring() is the message;
///   - `box.NULL`; `print()` (to the output callback); `arg` (setArguments());
///     `box_scope.uri` (setScopeUri()) and `box_scope.current()` (setCurrentConnection()).
///
/// A wait from inside a coroutine the script created is refused with an error.
///
/// Threaded (setThreaded(true), the console's mode): the Lua state lives on a worker thread of
/// its own. Compiling, every resume slice, converting (and formatting) the results and collecting
/// garbage run there, so a runaway chunk never blocks the owner's (GUI) thread. The primitives that
/// touch connections and requests hand their C++ part to the owner's thread and wait for it (no
/// Lua on the owner's side); print() lines are queued and delivered to the owner in batches, the
/// queue bounded in bytes (kPrintBacklogBytes: a printing loop waits for the owner to catch up).
/// abort() interrupts a running slice (LuaSandbox::requestInterrupt: the hook and every C function
/// that can run long check it), so the chunk ends with "aborted" within milliseconds; the
/// destructor does the same and joins the worker.
class LuaNetBox : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        bool ok = false;
        std::vector<MpValue> values;   ///< what the chunk returned (LuaValue::toMpShared)
        MpFormat::YamlAnchors anchors; ///< its shared tables, for MpFormat::yamlDocument
        QString error;                 ///< the uncaught error's text when !ok
        QString yaml;                  ///< values as a YAML document (setFormatsYaml) when ok
    };

    explicit LuaNetBox(QObject *parent = nullptr);
    ~LuaNetBox() override;

    LuaSandbox &sandbox() { return m_sandbox; }
    bool isValid() const { return m_ready; }
    /// Why the runtime could not be set up (isValid() false).
    QString setupError() const { return m_setupError; }

    /// Receives each print() line (without the newline).
    /// Where print() lines go: their bytes exactly as Lua made them (no trailing newline; not
    /// necessarily UTF-8).
    void setOutput(std::function<void(const QByteArray &)> output) { m_output = std::move(output); }
    /// The global `arg`: arg[0] = script name, arg[1..] = arguments (as `tarantool FILE ...`).
    bool setArguments(const QString &scriptName, const QStringList &arguments);
    /// `box_scope.uri` for the script (nil when empty).
    void setScopeUri(const QString &uri) { m_scopeUri = uri; }
    /// `box_scope.current()`: a net.box connection object over this connection (not owned).
    void setCurrentConnection(Connection *connection);
    /// Runs the Lua state on a worker thread of its own (see the class comment). Call it before
    /// the first start(); setArguments() only before the first start() too.
    void setThreaded(bool on);
    bool isThreaded() const { return m_threaded; }
    /// Also formats a successful run's values as a YAML document (Outcome::yaml), on the Lua
    /// thread: the owner then only shows text.
    void setFormatsYaml(bool on) { m_formatsYaml = on; }

    /// Hand every request a script makes to whoever listens to requestStarted(): the
    /// runtime then never deletes them (the app's history owns them) and they keep their
    /// pushes (up to the default retention) for the push list.
    void setHandsOverRequests(bool on) { m_handsOver = on; }

    /// Starts a chunk. Returns false (and emits nothing) when a chunk is still
    /// running; otherwise finished() follows, possibly before start() returns
    /// for a chunk that never waits, or with a syntax error.
    bool start(const QByteArray &code, const QString &chunkName = QStringLiteral("=script"));
    bool isRunning() const { return m_running; }
    /// Stops a running chunk (it finishes with an "aborted" error).
    void abort();
    const Outcome &lastOutcome() const { return m_outcome; }

signals:
    void finished(bool ok);
    /// A script sent a request (only with setHandsOverRequests(true)); the receiver owns it.
    void requestStarted(Boxscope::Request *request);
    /// A script's net_box.connect() made this connection (the runtime owns it; it is deleted
    /// with the runtime).
    void connectionOpened(Boxscope::Connection *connection);
    /// A script closed a connection it made (conn:close()); it stays until the runtime goes.
    void connectionClosed(Boxscope::Connection *connection);

private:
    struct ConnEntry
    {
        QPointer<Connection> connection;
        bool owned = true;
        bool closedByUser = false;
    };
    struct ReqEntry
    {
        QPointer<Request> request;
        std::deque<MpValue> pushes; ///< not yet taken by the script
        qint64 pushBytes = 0;       ///< their MpValue::footprint(), at most kMaxPendingPushBytes
        bool finished = false;
        MpValue data;
        std::shared_ptr<const MpRawArray> rawData; ///< a large select's rows, decoded on the script's thread
        Error error;
    };
    enum class WaitKind { None, Request, Connection };
    /// Pushes a script has not read yet (future:pairs(), wait_result()) may hold this many
    /// bytes, well under the Lua state's memory limit they are read into; past it the future
    /// fails with a clear error instead of growing (the request is discarded).
    static constexpr qint64 kMaxPendingPushBytes = 16 * 1024 * 1024;

    friend struct LuaNetBoxApi;

    /// What a resume slice ended with (written on the Lua thread, read by the owner after it).
    enum class SliceEnd { Yielded, Returned, Failed };
    /// print() lines waiting for the owner may hold this many bytes (threaded mode).
    static constexpr qsizetype kPrintBacklogBytes = 64 * 1024;

    bool setup();
    void resumeSlice();
    /// On the Lua thread; starting: compile code first (the run's first slice).
    void runSlice(bool starting, const QByteArray &code, const QByteArray &name);
    void afterSlice(); ///< on the owner's thread
    void cleanUpRun(); ///< on the Lua thread: closes the finished coroutine, frees its memory
    /// Runs job on the Lua thread: at once when not threaded, else queued to the worker.
    void onLuaThread(std::function<void()> job);
    /// Runs job on the owner's thread and waits for it; false (job not run) when the runtime
    /// is going away. At once when called on the owner's thread.
    bool onOwner(const std::function<void()> &job);
    void serveOwnerJob();
    /// print(): delivers a line to setOutput()'s function (queued when threaded); false when
    /// the run was interrupted while waiting for room.
    bool deliverOutput(QByteArray line);
    void flushOutput();
    void workerLoop();
    void stopWorker();
    void scheduleResume();
    void finish(bool ok, const QString &error);
    int addConnection(Connection *connection, bool owned);
    void onConnectionEvent(int id);
    void onRequestEvent(int id);
    QString connectionStateName(int id, QString *error) const;

    LuaSandbox m_sandbox;
    bool m_ready = false;
    bool m_handsOver = false;
    QString m_setupError;
    std::function<void(const QByteArray &)> m_output;
    QString m_scopeUri;
    int m_currentId = 0;

    // Owner's side.
    bool m_threaded = false;
    bool m_formatsYaml = false;
    bool m_running = false;
    bool m_inSlice = false;
    bool m_resumePending = false; ///< a resume asked for while a slice ran on the worker
    bool m_abortRequested = false;
    QByteArray m_startCode; ///< the chunk the run's first slice compiles
    QByteArray m_startName;
    bool m_startPending = false;

    // The Lua thread's side (the owner's thread when not threaded).
    lua_State *m_thread = nullptr; ///< the running chunk's coroutine (anchored in the registry)
    int m_threadRef = -1;
    int m_nargs = 0;
    SliceEnd m_sliceEnd = SliceEnd::Returned;
    QString m_sliceError;

    // The worker (threaded mode). m_mutex guards the fields below it.
    std::thread m_worker;
    std::thread::id m_workerId;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_jobs;
    bool m_closing = false;
    const std::function<void()> *m_ownerJob = nullptr;
    bool m_ownerJobDone = false;
    bool m_ownerJobRan = false;
    std::deque<QByteArray> m_printQueue;
    qsizetype m_printQueueBytes = 0;
    bool m_printFlushPosted = false;

    bool m_yieldedForWait = false;
    bool m_resumeScheduled = false;
    quint64 m_runGeneration = 0;
    WaitKind m_waitKind = WaitKind::None;
    int m_waitId = 0;
    QTimer m_waitTimer;
    Outcome m_outcome;

    std::map<int, ConnEntry> m_connections;
    std::map<int, ReqEntry> m_requests;
    int m_nextConnId = 1;
    int m_nextReqId = 1;

    // Scratch space for C functions: values to push and error text live here, not on the
    // C stack, because Lua errors longjmp over C++ destructors.
    std::vector<MpValue> m_ret;
    /// When set, m_ret's third value: a result kept as msgpack, decoded by pushRet() on the
    /// script's thread rather than on the owner's.
    std::shared_ptr<const MpRawArray> m_retRawData;
    QByteArray m_errorText;
    RequestSpec m_spec; ///< the request C.request is building
};

} // namespace Boxscope
