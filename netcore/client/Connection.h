#pragma once

#include "client/Request.h"
#include "iproto/Error.h"
#include "iproto/FrameDecoder.h"
#include "iproto/Greeting.h"
#include "iproto/Iproto.h"
#include "iproto/RequestSpec.h"
#include "iproto/Schema.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <queue>
#include <unordered_map>
#include <unordered_set>

class QIODevice;

namespace Boxscope {

struct ConnectOptions
{
    QString user; ///< empty: guest
    QString password;
    int connectTimeoutMs = 10000;
    int greetingTimeoutMs = 10000;
    int authTimeoutMs = 10000;
    uint32_t maxFrameSize = FrameDecoder::kDefaultMaxFrameSize;
    /// What one response's decoded body may take in memory; past it that request fails
    /// with a protocol error naming the frame, and the connection goes on.
    qint64 maxDecodedBytes = FrameDecoder::kDefaultMaxDecodedBytes;
    bool loadSchema = true;
    /// Response bodies of this many bytes or more are decoded on a pool thread while the
    /// owning thread goes on (the frames after one wait for it, so order holds); 0: decode
    /// every body in the owning thread.
    qsizetype decodeAsideFrom = 128 * 1024;
    /// With reconnect on (setReconnectAfter), a refused login (a wrong password, an unknown
    /// user) ends the retries: trying the same credentials again cannot help. net.box keeps
    /// retrying (its state stays 'error_reconnect'); the console's net.box layer asks for that.
    bool reconnectAfterAuthFailure = false;
};

/// Options of the convenience methods (call(), select(), ...); a RequestSpec carries them itself.
struct RequestOptions
{
    int timeoutMs = 0;              ///< 0: none
    qint64 pushRetention = -2;      ///< -2: the connection's default; -1: keep all; 0: keep none
    qint64 pushRetentionBytes = -2; ///< -2: the connection's default; -1: no byte cap
    bool internal = false;          ///< the application's own request (RequestSpec::internal)
};

struct SelectOptions
{
    ObjectRef index = ObjectRef(0u);
    uint32_t iterator = Iproto::EQ;
    uint32_t offset = 0;
    uint32_t limit = 0xffffffffu;
};

/// An IPROTO client connection: greeting, chap-sha1 auth, IPROTO_ID on 2.10+, the schema,
/// and many requests in flight multiplexed by SYNC.
///
///   Disconnected -> Connecting -> Greeting -> Auth -> Ready -> Closing -> Disconnected
///
/// Requests made before Ready wait for it. Each request is a Request handle: pushes
/// (IPROTO_CHUNK) in order, then one result or error. A response whose SYNC no request
/// waits for (late after a timeout or discard, or never sent) is reported through
/// unexpectedResponse() and counted, never fatal. When the connection drops, every
/// pending request fails at once with a connection error.
///
/// Automatic reconnection (net.box's reconnect_after) is off by default. With
/// setReconnectAfter(N), a connection made by connectToServer() that fails or is lost (not
/// one closed by disconnectFromServer()) is retried every N seconds until it is ready again
/// (greeting, auth and the schema as on the first connect): reconnectScheduled() before each
/// wait, reconnecting() when an attempt starts, reconnected() when it is ready again.
/// Requests made while it waits to retry fail at once with the last connection error.
class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Greeting, Auth, Ready, Closing };
    Q_ENUM(State)

    enum class UnexpectedKind { Late, Unknown };
    Q_ENUM(UnexpectedKind)

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    /// Starts connecting (TCP or unix socket). Credentials in the URI override options.
    void connectToServer(const Uri &uri, const ConnectOptions &options = {});
    /// Speaks IPROTO over an already open device (tests, fuzzers, hostile servers).
    void connectToDevice(QIODevice *device, const ConnectOptions &options = {});
    /// Closes the connection; pending requests fail with a connection error.
    void disconnectFromServer();

    State state() const { return m_state; }
    static QString stateName(State s);
    bool isReady() const { return m_state == State::Ready; }
    const Greeting &greeting() const { return m_greeting; }
    const Uri &uri() const { return m_uri; }
    /// The TCP socket's own and the server's address and port while connected (a null
    /// address and 0 otherwise, and over a unix socket or a device).
    QHostAddress localAddress() const;
    quint16 localPort() const;
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    /// The user this connection logs in as (empty: guest).
    QString user() const { return m_options.user; }
    /// Why the connection last failed or closed (null when it has not).
    const Error &lastError() const { return m_lastError; }
    const Schema &schema() const { return m_schema; }
    /// Features the server announced in IPROTO_ID (empty on 2.6).
    const MpValue &serverFeatures() const { return m_serverFeatures; }
    uint64_t serverProtocolVersion() const { return m_serverProtocolVersion; }

    uint64_t unexpectedResponseCount() const { return m_unexpectedCount; }
    /// Whether a SYNC was used by the connection itself (auth, IPROTO_ID, the schema reads) or
    /// by a request marked internal (RequestSpec::internal), among the last kOwnSyncMemory
    /// such SYNCs. SYNCs are never reused on a Connection, reconnects included.
    bool isOwnSync(uint64_t sync) const { return m_ownSet.count(sync) > 0; }
    static constexpr size_t kOwnSyncMemory = 65536;
    int pendingCount() const { return int(m_pending.size() + m_waiting.size()); }

    /// Retry a lost or failed connection every `seconds` (0: never, the default). Applies from
    /// the next loss; 0 also cancels a scheduled retry.
    void setReconnectAfter(double seconds);
    double reconnectAfter() const { return m_reconnectAfterMs / 1000.0; }
    /// Waiting to retry (state() is Disconnected meanwhile).
    bool isReconnectScheduled() const { return m_reconnectTimer.isActive(); }
    /// Attempts since the connection was lost (0 when not reconnecting).
    int reconnectAttempt() const { return m_reconnectAttempt; }

    /// Pushes kept per request unless a request says otherwise (-1: all).
    void setDefaultPushRetention(qint64 count) { m_defaultRetention = count; }
    /// Bytes of pushes kept per request unless a request says otherwise (-1: no byte cap;
    /// default kDefaultPushRetentionBytes).
    void setDefaultPushRetentionBytes(qint64 bytes) { m_defaultRetentionBytes = bytes; }
    qint64 defaultPushRetentionBytes() const { return m_defaultRetentionBytes; }
    static constexpr qint64 kDefaultPushRetentionBytes = 64 * 1024 * 1024;
    /// Bytes of pushes all of this connection's requests may keep together (-1: no cap;
    /// default kDefaultPushRetentionBytesTotal). Past it the oldest kept pushes go, the
    /// earliest holding requests' first, counted as dropped by their requests.
    void setPushRetentionBytesTotal(qint64 bytes);
    qint64 pushRetentionBytesTotal() const { return m_pushBytesTotalCap; }
    static constexpr qint64 kDefaultPushRetentionBytesTotal = 256 * 1024 * 1024;
    /// Bytes of pushes this connection's requests keep now.
    qint64 heldPushBytes() const { return m_heldPushBytes; }
    /// Emit bytesSent / bytesReceived for every write and read (the capture view).
    void setTrafficTap(bool on) { m_tap = on; }
    void setDecoderKeepsRaw(bool on) { m_decoder.setKeepRaw(on); }

    /// A read-only connection finishes insert, replace, update, upsert, delete and an execute
    /// of anything but a read statement (isReadSql) at once with the usage error
    /// kReadOnlyRefusal, writing nothing; eval and call go out only if the call guard (when
    /// one is set) says yes, else they fail the same way. Requests marked internal (the app's own
    /// reads) pass. Off by default.
    void setReadOnly(bool on) { m_readOnly = on; }
    bool isReadOnly() const { return m_readOnly; }
    /// Asked, on a read-only connection, for each eval and call before it is sent.
    void setCallGuard(std::function<bool(const RequestSpec &)> guard) { m_callGuard = std::move(guard); }
    static const QString kReadOnlyRefusal; ///< "refused: the connection is read-only"
    /// Whether an SQL statement only reads: its first keyword (after comments, whitespace and
    /// opening parentheses) is SELECT, VALUES, EXPLAIN or PRAGMA; after WITH, the first of
    /// SELECT/VALUES/INSERT/REPLACE/UPDATE/DELETE outside parentheses decides.
    static bool isReadSql(const QString &sql);

    /// Sends the request described by spec (once Ready, and once the schema has resolved a
    /// space or index given by name). The returned Request belongs to this connection (see
    /// Request for who may delete it).
    Request *submit(const RequestSpec &spec);
    /// The same; the Request keeps spec itself instead of a copy.
    Request *submit(RequestSpec &&spec);

    // Shorthands for submit(RequestSpec::call(...)) and the like, with options.
    Request *ping(const RequestOptions &opts = {});
    Request *call(const QString &function, const MpValue &args, const RequestOptions &opts = {});
    Request *eval(const QString &expression, const MpValue &args, const RequestOptions &opts = {});
    Request *select(const ObjectRef &space, const MpValue &key, const SelectOptions &select = {},
                    const RequestOptions &opts = {});
    Request *insert(const ObjectRef &space, const MpValue &tuple, const RequestOptions &opts = {});
    Request *replace(const ObjectRef &space, const MpValue &tuple, const RequestOptions &opts = {});
    Request *update(const ObjectRef &space, const MpValue &key, const MpValue &ops,
                    const ObjectRef &index = ObjectRef(0u), const RequestOptions &opts = {});
    Request *upsert(const ObjectRef &space, const MpValue &tuple, const MpValue &ops, const RequestOptions &opts = {});
    Request *remove(const ObjectRef &space, const MpValue &key, const ObjectRef &index = ObjectRef(0u),
                    const RequestOptions &opts = {});
    Request *execute(const QString &sql, const MpValue &binds, const RequestOptions &opts = {});

    /// Re-reads _vspace and _vindex.
    void reloadSchema();

    /// One answer on the light path (sendLight()).
    struct LightAnswer
    {
        uint64_t cookie = 0; ///< what sendLight() was given
        uint64_t sync = 0;
        uint32_t code = 0;          ///< IPROTO_OK, IPROTO_CHUNK or TYPE_ERROR | errcode; 0 when it failed here
        bool push = false;          ///< an IPROTO_CHUNK: more answers follow for this request
        const char *body = nullptr; ///< the response body's msgpack, valid during the call only
        size_t bodySize = 0;
        const Error *error = nullptr; ///< the request failed: the server's error, a timeout, the connection
    };
    using LightHandler = std::function<void(const LightAnswer &)>;
    /// Where the light path's answers go (one handler for every light request).
    void setLightHandler(LightHandler handler) { m_lightHandler = std::move(handler); }
    /// The pipelined path without a Request: the request is encoded into the connection's
    /// write buffer at once and answered through the light handler with the body's raw
    /// msgpack; no QObject, no signal and no decoded tree per request, so thousands in flight
    /// cost little (a load generator, the benchmark; the panels use Request for the history
    /// and the push lists). The connection must be Ready, and a space or an index given by
    /// name must be in the loaded schema (a request that meets a newer schema fails with
    /// ER_WRONG_SCHEMA_VERSION instead of being sent again). spec.timeoutMs applies; a closed
    /// connection fails every light request, in SYNC order. Returns the SYNC, or 0 when
    /// nothing was sent (*error says why; the handler is not called).
    uint64_t sendLight(const RequestSpec &spec, uint64_t cookie, QString *error = nullptr);
    /// Light requests sent and not answered yet.
    size_t lightPendingCount() const { return m_light.size(); }

signals:
    void stateChanged(Boxscope::Connection::State state);
    void ready();
    /// The connection failed or closed; error says why (null for a requested close).
    void disconnected(const Boxscope::Error &error);
    void reconnectAfterChanged(double seconds);
    /// After a failure: attempt number `attempt` starts in delayMs.
    void reconnectScheduled(int attempt, int delayMs);
    /// A reconnect attempt starts (connecting to uri() again).
    void reconnecting(int attempt);
    /// Ready again after a loss, on attempt `attempts` (emitted right after ready()).
    void reconnected(int attempts);
    void greetingReceived(const Boxscope::Greeting &greeting);
    void schemaLoaded(quint64 version);
    void requestSent(Boxscope::Request *request);
    void unexpectedResponse(quint64 sync, quint32 code, Boxscope::Connection::UnexpectedKind kind);
    /// IPROTO_EVENT (watchers, 2.10+): key and data.
    void eventReceived(const Boxscope::MpValue &key, const Boxscope::MpValue &data);
    void bytesSent(const QByteArray &bytes);
    void bytesReceived(const QByteArray &bytes);

private:
    friend class Request;

    // A request waiting for Ready or the schema, or in flight. The request keeps its spec.
    struct Entry
    {
        QPointer<Request> request;
        uint32_t type = 0;
        bool needsSchema = false;
        int schemaRetries = 0;
    };
    using InternalHandler = std::function<void(uint32_t code, const MpValue &body, const MpValue &header)>;

    static RequestSpec withOptions(RequestSpec spec, const RequestOptions &opts);
    void dispatch(Entry entry);
    bool sendEntry(Entry &entry);
    void sendInternal(uint32_t type, const MpValue &body, InternalHandler handler);
    void write(const QByteArray &bytes);
    void scheduleFlush();
    void flushOutgoing();
    void writeOutgoing();
    bool refusedAsReadOnly(const RequestSpec &spec);
    void handleLight(const RawFrame &frame);
    bool handleLightFrame(const Frame &frame, uint32_t code, uint64_t sync);
    void failLight(const Error &error);
    void sweepLight(qint64 now);

    void openSocket();
    void scheduleReconnect();
    void attemptReconnect();
    Error closeError(const QString &reason) const;
    void attachDevice(QIODevice *device);
    void onConnected();
    void onReadyRead();
    bool readSome();
    qint64 nextChunk();
    void keepDescriptor();
    void closeKeptDescriptor();
    void pump(bool all);
    void onDeviceClosed(const QString &reason);
    void handleGreeting();
    void handleFrame(Frame frame);
    void startAuth();
    void becomeReady();
    void loadSchemaNow();
    void flushWaiting();
    void failAll(const Error &error);
    void closeWithError(const Error &error);
    void releaseDevice();
    void setState(State s);
    void armHandshakeTimer(int ms, const QString &what);
    void forgetRequest(Request *request, bool late);
    void scheduleSweep();
    void armSweep(qint64 deadlineNs);
    void failQueued(Request *request, const Error &error);
    void sweepTimeouts();
    void noteLate(uint64_t sync);
    void noteOwn(uint64_t sync);

    State m_state = State::Disconnected;
    Uri m_uri;
    ConnectOptions m_options;
    QIODevice *m_device = nullptr;
    bool m_ownsDevice = false;
    // The parent of the sockets it opens. Not the Connection itself: its children are the
    // requests, and a QObject leaves its parent's child list cheaply only at either end, so a
    // socket ahead of them made deleting the oldest request move the whole list.
    QObject m_sockets;
    QByteArray m_greetingBuffer;
    QByteArray m_readBuffer; // what the socket is read into, one chunk at a time
    qint64 m_readAtNs = 0;   // when the last chunk was read (Request::monotonicNs()): its pushes' time
    QByteArray m_outgoing;   // frames not yet handed to the device (write(), sendLight())
    bool m_flushScheduled = false;
    bool m_passWritten = false;          // a frame went out directly in this event-loop pass
    QMetaObject::Connection m_passWatch; // the thread's dispatcher's aboutToBlock: a pass ends
    bool m_writing = false;              // inside writeOutgoing(): a close is handled from the event loop
    bool m_closeQueued = false;
    QByteArray m_salvaged; // what the device held when a write failed, fed before the drain
    static constexpr qsizetype kWriteBatchBytes = 256 * 1024;

    struct LightEntry
    {
        uint64_t cookie = 0;
        qint64 deadlineNs = 0; // 0: none
    };
    std::unordered_map<uint64_t, LightEntry> m_light; // by SYNC
    // Deadlines of light requests (earliest first); answered ones leave lazily.
    using LightDeadline = std::pair<qint64, uint64_t>;
    std::priority_queue<LightDeadline, std::vector<LightDeadline>, std::greater<LightDeadline>> m_lightDeadlines;
    LightHandler m_lightHandler;
    Greeting m_greeting;
    FrameDecoder m_decoder;
    Error m_lastError;
    Schema m_schema;
    bool m_schemaLoading = false;
    MpValue m_serverFeatures;
    uint64_t m_serverProtocolVersion = 0;
    uint64_t m_nextSync = 1;
    qint64 m_defaultRetention = 1000000;
    qint64 m_defaultRetentionBytes = kDefaultPushRetentionBytes;
    qint64 m_pushBytesTotalCap = kDefaultPushRetentionBytesTotal;
    qint64 m_heldPushBytes = 0;
    std::deque<QPointer<Request>> m_pushHolders; // requests that began holding pushes, in order
    std::vector<QPointer<Request>> m_pushBatch;  // requests with pushes not yet announced
    void announcePushes();                       // their pushesReceived, after a pump pass
    void pumpFrames(bool all);
    void trimHeldPushes();
    bool m_tap = false;
    bool m_readOnly = false;
    std::function<bool(const RequestSpec &)> m_callGuard;
    bool m_drainScheduled = false;
    bool m_flooding = false; ///< counted in the thread's floods (its pass yielded)
    void setFlooding(bool on);
    // A second descriptor of the socket, taken when it connects. A write that meets a reset
    // makes Qt close its own descriptor before it reports the error, with bytes still unread
    // in the kernel; through this one they are read and decoded before the requests fail.
    int m_keptFd = -1;
    bool m_closeDrain = false; // draining after the device reported a close

    // A large body being decoded on a pool thread; the frames after it wait in the decoder.
    struct BodyJob;
    std::shared_ptr<BodyJob> m_bodyJob;
    // Pool jobs still running (they post back into this object): the destructor waits for them.
    struct JobCount;
    std::shared_ptr<JobCount> m_jobs;
    bool keepsDataRaw(const Frame &frame) const;
    void startBodyJob(Frame frame, bool keepData);
    bool finishBodyJob(std::shared_ptr<BodyJob> job);
    void dropBodyJob();

    QHash<uint64_t, Entry> m_pending; // sent, by SYNC
    std::deque<Entry> m_waiting;      // waiting for Ready or the schema
    QHash<uint64_t, InternalHandler> m_internal;
    std::unordered_set<uint64_t> m_ownSet; // isOwnSync(), bounded
    std::deque<uint64_t> m_ownOrder;
    std::vector<uint64_t> m_lateRing; // answered, timed out or discarded: by SYNC % kLateMemory
    uint64_t m_unexpectedCount = 0;

    QTimer m_handshakeTimer;
    QString m_handshakeWhat; // what the handshake timer waits for ("greeting", ...)
    QTimer m_reconnectTimer;
    int m_reconnectAfterMs = 0;
    int m_reconnectAttempt = 0;
    bool m_canReconnect = false; // connected by URI and not closed on request
    QTimer m_sweepTimer;
    qint64 m_sweepDeadlineNs = 0;
    QElapsedTimer m_clock;
};

} // namespace Boxscope

Q_DECLARE_METATYPE(Boxscope::MpValue)
Q_DECLARE_METATYPE(Boxscope::Error)
