#pragma once

#include "client/PushStore.h"
#include "iproto/Error.h"
#include "iproto/RequestSpec.h"
#include "msgpack/MpRawArray.h"
#include "msgpack/MpValue.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>
#include <memory>

namespace Boxscope {

class Connection;

/// A request in flight: a handle that receives its pushes in order, then exactly one
/// final result or error.
///
/// Ownership: one owner, its QObject parent. Connection::submit() makes the Connection the
/// parent; a holder that keeps the request longer adopts it with setParent() (the remote-call
/// history, the console's net.box layer) and from then on only that holder deletes it. A
/// pending request deleted by its owner counts as discarded. connection() is the Connection it
/// was sent on, whoever owns it (null once that Connection is gone).
///
/// It keeps its pushes for pull-style reading (pairs() in the Lua binding), up to a
/// retention cap; older pushes beyond the cap are dropped and counted.
class Request : public QObject
{
    Q_OBJECT
public:
    enum class State { Pending, ReceivingPushes, Done, Failed, TimedOut, Discarded };
    Q_ENUM(State)

    ~Request() override;

    uint64_t sync() const { return m_sync; }
    Connection *connection() const;
    /// What was asked for (Re-run submits it again).
    const RequestSpec &spec() const { return m_spec; }
    /// "call", "eval", "select", ... and the function / expression / space it targets.
    QString method() const { return RequestSpec::methodName(m_spec.method); }
    QString target() const { return m_spec.target(); }
    /// The values it carries (RequestSpec::payload()).
    MpValue arguments() const { return m_spec.payload(); }

    State state() const { return m_state; }
    /// Whether its frame went out: false for one refused or failed before sending (read-only,
    /// not connected, an unknown space); its sync() then names nothing on the wire.
    bool wasSent() const { return m_sent; }
    bool isFinished() const { return m_state >= State::Done; }
    static QString stateName(State s);

    /// The pushes kept, oldest first, as msgpack decoded when read.
    const PushStore &pushes() const { return m_pushes; }
    uint64_t pushCount() const { return m_pushCount; }
    uint64_t droppedPushes() const { return m_droppedPushes; }
    /// How many pushes to keep (-1: all). Pushes are always signalled; this only bounds memory.
    void setPushRetention(qint64 count);
    qint64 pushRetention() const { return m_retention; }
    /// How many bytes of pushes to keep (Push::bytes: their msgpack plus an entry each; -1: no
    /// byte cap).
    void setPushRetentionBytes(qint64 bytes);
    qint64 pushRetentionBytes() const { return m_retentionBytes; }
    /// Bytes of the pushes held now.
    qint64 heldPushBytes() const { return m_heldBytes; }

    /// The response body's DATA (an array: call/eval return values, selected tuples...).
    /// For execute: {metadata, rows} or {row_count, autoincrement_ids}, as net.box returns it.
    /// A result kept as msgpack (rawResult()) is decoded into this tree on the first call,
    /// on the calling thread.
    const MpValue &result() const { return *sharedResult(); }
    /// The same value, shared: a view can keep it after the request is gone, without a copy.
    std::shared_ptr<const MpValue> sharedResult() const;
    /// A large select's result as received: its tuples as msgpack with an index, decoded one
    /// at a time (what the result grid shows a page of); null for other results. result()
    /// gives the same values as a tree.
    std::shared_ptr<const MpRawArray> rawResult() const { return m_rawResult; }
    /// The number of values in the result (rows, return values), without decoding it.
    size_t resultCount() const { return m_rawResult ? m_rawResult->size() : m_result->size(); }
    /// The rest of the response body (DATA moved out into result()).
    const MpValue &responseBody() const { return m_body; }
    const Error &error() const { return m_error; }

    /// Since the request was sent (ns); to the first push; to completion (-1 when not yet).
    qint64 elapsedNs() const { return monotonicNs() - m_startNs; }
    qint64 firstPushNs() const { return m_firstPushNs; }
    qint64 durationNs() const { return m_durationNs; }
    qint64 timeoutMs() const { return m_timeoutMs; }

    /// Stops waiting: the request fails with a "discarded" error at once; a response that
    /// comes later is reported by the connection as a late response.
    void discard();

    /// Runs a local event loop until finished or timeoutMs passes (-1: no limit). For the CLI
    /// and tests; never call it on the GUI thread.
    bool waitForFinished(int timeoutMs = -1);

signals:
    /// Each push as it comes, decoded for the receivers (a connection to it costs a decode
    /// and a call per push: a view that only counts or reads what is kept uses pushesReceived).
    void pushReceived(const Boxscope::MpValue &value, quint64 index);
    /// Pushes first..last (1-based indexes) came since the last time: once per burst the
    /// connection read (its pump's pass), and always before finished(). The values are in
    /// pushes() as far as the request keeps them.
    void pushesReceived(quint64 first, quint64 last);
    void stateChanged(Boxscope::Request::State state);
    void finished();

private:
    friend class Connection;
    Request(Connection *connection, uint64_t sync, RequestSpec spec);

    void markSent();
    void addPush(MpValue value);
    /// A push given as its msgpack (checked): kept as it is, decoded only for pushReceived's
    /// receivers, when there are any. `readAtNs`: when its bytes were read from the socket
    /// (monotonicNs(), one clock reading per read, not per push); its time since the send
    /// counts from then. 0: now.
    void addRawPush(const char *msgpack, size_t size, qint64 readAtNs);
    /// CLOCK_MONOTONIC in ns (steady_clock, QElapsedTimer's clock too).
    static qint64 monotonicNs();
    void notePushForBatch(); // pushesReceived later, once per burst
    void announcePushes();
    void keepPush(const char *msgpack, size_t size, qint64 ns); // the retention and the caps
    void complete(MpValue body, MpValue data);
    void complete(MpValue body, std::shared_ptr<const MpRawArray> data);
    void fail(const Error &error, State state = State::Failed);
    void setState(State s);
    void trimPushes();
    void dropOldestPush();
    void accountPushBytes(qint64 delta); // here and in the connection's total

    QPointer<Connection> m_connection;
    uint64_t m_sync;
    RequestSpec m_spec;
    State m_state = State::Pending;
    PushStore m_pushes;
    uint64_t m_pushCount = 0;
    uint64_t m_droppedPushes = 0;
    qint64 m_retention = 1000000;
    qint64 m_retentionBytes = -1;
    qint64 m_heldBytes = 0;
    bool m_pushHolder = false;                       ///< listed in the connection's m_pushHolders
    mutable std::shared_ptr<const MpValue> m_result; ///< made from m_rawResult when first asked for
    std::shared_ptr<const MpRawArray> m_rawResult;
    MpValue m_body;
    Error m_error;
    qint64 m_startNs = 0; ///< monotonicNs() at creation, then when the frame went out
    qint64 m_firstPushNs = -1;
    qint64 m_durationNs = -1;
    qint64 m_timeoutMs = 0;
    qint64 m_deadlineNs = 0;       ///< on the connection's monotonic clock, 0 = none
    quint64 m_unannouncedFrom = 0; ///< the first push not yet in pushesReceived; 0: none
    bool m_sent = false;
};

} // namespace Boxscope
