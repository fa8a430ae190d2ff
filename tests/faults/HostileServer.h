// SCRIPTED HOSTILE SERVER — only for faults a real tarantool cannot produce.
//
// A QTcpServer on 127.0.0.1 that speaks scripted bytes: a greeting (right, wrong, short,
// dribbled), answers to the client's frames, and then one fault (malformed msgpack, a
// truncated frame, a 4 GiB length prefix, a stray SYNC, a push after the result, a byte a
// second, a TCP reset, a flood). Whatever a real tarantool can do (pushes, server errors,
// slow calls, a killed server) is tested against a real tarantool (TarantoolFixture).
//
// The server runs in the test's thread: it works while the test runs the event loop
// (waitFor, Request::waitForFinished, QSignalSpy::wait).
#pragma once

#include "iproto/FrameDecoder.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <atomic>
#include <functional>
#include <thread>

namespace Boxscope::Test {

class HostileServer : public QObject
{
    Q_OBJECT
public:
    /// The scripted scenarios. Unless said otherwise the server greets as tarantool 2.6.0,
    /// answers the schema selects (empty) and pings, and the fault follows the first CALL or
    /// EVAL, after `pushesBefore` good pushes ("before-1", "before-2", ...) for it.
    enum class Fault {
        None,                  ///< well-behaved: pushes, then OK with DATA ["done"]
        WrongGreeting,         ///< 128 bytes that are not a Tarantool greeting (an SSH banner)
        ShortGreeting,         ///< the first 60 bytes of a real greeting, then a close
        HttpService,           ///< an HTTP server's "400 Bad Request" reply, then a close
        MalformedHeader,       ///< a frame whose header is not msgpack (0xc1)
        MalformedBody,         ///< a frame with a good header and a body that is not msgpack
        TruncatedFrame,        ///< half of the result frame, then a close
        HugeLength32,          ///< a length prefix ce ff ff ff ff (4 GiB)
        HugeLength64,          ///< a length prefix cf ff ff ff ff ff ff ff ff
        UnknownSync,           ///< a response with a SYNC nobody sent, then the real answer
        PushAfterResult,       ///< the result, then one more push ("after") with its SYNC
        SlowGreeting,          ///< the greeting one byte per dribble interval
        SlowResponse,          ///< the result one byte per dribble interval
        ResetMidFrame,         ///< half of the result frame, then a TCP reset (SO_LINGER 0)
        Flood,                 ///< floodCount pushes as fast as the socket takes them, then OK (0: endless)
        Silent,                ///< accepts and never sends a byte
        AuthNeverAnswered,     ///< greets, never answers AUTH
        RequestNeverAnswered,  ///< greets, answers the schema, never answers the request
        SchemaNeverAnswered,   ///< greets, answers PING, never answers the schema SELECTs
        NegativeType,          ///< a response whose REQUEST_TYPE is -1
        TypeNotInteger,        ///< a response whose REQUEST_TYPE is the string "OK"
        BodyNotMap,            ///< an OK response whose body is an array
        ErrorMessageNotString, ///< an error response whose message (ERROR_24) is 42
        ResetAfterPush,        ///< one more complete push ("before-3"), then a TCP reset at once
        HugeDecode,            ///< a result whose DATA is 200 000 nils: 200 KB on the wire, a big tree
    };
    Q_ENUM(Fault)

    explicit HostileServer(Fault fault = Fault::None, QObject *parent = nullptr);
    ~HostileServer() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    Uri uri() const;
    /// "127.0.0.1:port" for the CLI.
    QString address() const;

    void setFault(Fault fault) { m_fault = fault; }
    Fault fault() const { return m_fault; }
    static QString faultName(Fault fault);

    int pushesBefore = 2;
    int floodCount = 300000;
    int dribbleIntervalMs = 50;

    /// Custom scripts replace the preset: called for each accepted client / each frame the
    /// client sends (already decoded). The preset runs when they are not set.
    std::function<void(QTcpSocket *)> onConnect;
    std::function<void(QTcpSocket *, const Frame &)> onFrame;

    /// Client frames seen, by request type.
    const QList<uint32_t> &requestTypes() const { return m_requestTypes; }
    int connectionCount() const { return m_connections; }
    QTcpSocket *lastClient() const { return m_lastClient; }
    /// Pushes written by the flood so far.
    quint64 floodWritten() const { return m_floodWritten; }
    /// Set once the scripted fault has been sent (or the close/reset done).
    bool faultDelivered() const { return m_faultDelivered; }

    // Byte builders.
    static QByteArray greeting(const QByteArray &version = "2.6.0", const QByteArray &protocol = "Binary");
    static QByteArray frame(uint32_t code, uint64_t sync, const MpValue &body);
    /// A frame with any header and body (nil body: none).
    static QByteArray rawFrame(const MpValue &header, const MpValue &body);
    static QByteArray pushFrame(uint64_t sync, const MpValue &value);
    static QByteArray okFrame(uint64_t sync, const MpValue &data);
    static uint64_t syncOf(const Frame &f);
    static uint32_t typeOf(const Frame &f);

    /// Writes bytes one at a time, one per intervalMs, until done or the client goes away.
    static void dribble(QTcpSocket *socket, const QByteArray &bytes, int intervalMs);
    /// Flushes, then closes with SO_LINGER 0: the client sees a TCP reset.
    static void reset(QTcpSocket *socket);

private:
    void onNewConnection();
    void presetConnect(QTcpSocket *s);
    void presetFrame(QTcpSocket *s, const Frame &f);
    void fault(QTcpSocket *s, uint64_t sync);
    void pumpFlood(QTcpSocket *s, uint64_t sync);

    QTcpServer m_server;
    Fault m_fault;
    QList<uint32_t> m_requestTypes;
    int m_connections = 0;
    QPointer<QTcpSocket> m_lastClient;
    bool m_faultDelivered = false;
    bool m_requestSeen = false;
    quint64 m_floodWritten = 0;
    bool m_floodDone = false;
};

/// SCRIPTED RESET SERVER — a reset on demand, which a real tarantool cannot produce.
///
/// Unlike HostileServer it runs on a thread of its own with blocking sockets, so it goes on
/// while the client's event loop is busy or blocked: data and the reset can both be queued
/// in the client's kernel before the client reads anything. It greets as tarantool 2.6.0,
/// answers the schema SELECTs (empty) and pings, and answers the first CALL with `pushes`
/// push frames whose value is a string of `pushSize` bytes ("1....", "2....", ...). Then it
/// waits until the client's kernel has acknowledged every byte (SIOCOUTQ 0: nothing is left
/// for the reset to discard) and resets the connection (SO_LINGER 0). One client.
class ResetServer
{
public:
    ResetServer() = default;
    ~ResetServer();
    ResetServer(const ResetServer &) = delete;
    ResetServer &operator=(const ResetServer &) = delete;

    int pushes = 3;
    int pushSize = 16;

    /// Listens on 127.0.0.1 and starts the thread (set the fields first).
    bool listen();
    quint16 port() const { return m_port; }
    Uri uri() const;
    QString address() const;

    /// The value of push number i (from 1).
    static QByteArray pushValue(int i, int size);

    std::atomic<bool> callSeen { false };
    std::atomic<bool> resetDone { false };
    std::atomic<int> pushesSent { 0 };

private:
    void serve();

    int m_listenFd = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
};

/// A TCP port whose accept queue is full: a client's SYN is dropped, so connect() neither
/// succeeds nor fails (a black hole for the connect timeout). One filler connection fills a
/// listen backlog of 0; nothing is ever accepted.
class BlackholeListener
{
public:
    BlackholeListener();
    ~BlackholeListener();
    bool isValid() const { return m_listenFd >= 0 && m_fillerFd >= 0; }
    quint16 port() const { return m_port; }
    Uri uri() const;

private:
    int m_listenFd = -1;
    int m_fillerFd = -1;
    quint16 m_port = 0;
};

} // namespace Boxscope::Test
