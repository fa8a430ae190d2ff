#include "client/Connection.h"

#include "format/MpFormat.h"
#include "iproto/RequestEncoder.h"
#include "iproto/Response.h"
#include "iproto/Scramble.h"
#include "logging/Log.h"
#include "msgpack/MpCodec.h"

#include <QAbstractEventDispatcher>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTcpSocket>
#include <QThreadPool>

#include <condition_variable>
#include <limits>
#include <mutex>
#include <utility>

#ifdef Q_OS_UNIX
#    include <cerrno>
#    include <fcntl.h>
#    include <sys/socket.h>
#    include <unistd.h>
#endif

namespace Boxscope {

using namespace Iproto;

namespace {
constexpr size_t kLateMemory = 65536; // SYNCs remembered as "late" after a timeout or discard
constexpr qint64 kReadChunk = 64 * 1024;
// What the socket reads ahead of the decoder (QAbstractSocket::setReadBufferSize): one read
// notification copies at most this much out of the kernel. 4 MiB took ~2 ms of the GUI thread
// in one go under a flood of 1 KiB pushes, on top of a pump pass; 1 MiB is about one pass's worth,
// and the kernel's buffer pushes back on the server meanwhile.
constexpr qint64 kReadBufferSize = 1024 * 1024;
// A pump pass yields after this much (64 frames at a time): the thread's event loop stays
// responsive. The budget is the thread's: connections flooding at once share it.
constexpr qint64 kSliceNs = 3 * 1000 * 1000;
thread_local int t_flooding = 0; // connections of this thread whose last pass yielded

const MpValue &emptyValue()
{
    static const MpValue v;
    return v;
}

const MpValue &field(const MpValue &map, uint32_t key)
{
    const MpValue *v = map.find(uint64_t(key));
    return v ? *v : emptyValue();
}
// EXECUTE answers {METADATA: [{0: name, 1: type}...], DATA: rows} for a query and
// {SQL_INFO: {0: row_count, 1: [autoincrement ids]}} for DML; shaped as net.box
// returns them: {metadata = {{name =, type =}...}, rows = {...}} / {row_count =, autoincrement_ids =}.
MpValue sqlResult(const MpValue &body)
{
    MpValue out = MpValue::map();
    if (const MpValue *meta = body.find(uint64_t(METADATA)); meta && meta->isArray()) {
        MpValue columns = MpValue::array();
        for (const MpValue &col : meta->items()) {
            MpValue c = MpValue::map();
            c.insert(MpValue::string("name"), field(col, 0));
            c.insert(MpValue::string("type"), field(col, 1));
            columns.append(std::move(c));
        }
        out.insert(MpValue::string("metadata"), std::move(columns));
        out.insert(MpValue::string("rows"), field(body, DATA).isArray() ? field(body, DATA) : MpValue::array());
    }
    if (const MpValue *info = body.find(uint64_t(SQL_INFO)); info && info->isMap()) {
        out.insert(MpValue::string("row_count"), field(*info, 0));
        if (const MpValue *ids = info->find(uint64_t(1)))
            out.insert(MpValue::string("autoincrement_ids"), *ids);
    }
    return out;
}
} // namespace

// Moves the DATA value out of a response body (removing the key); nil when absent.
static MpValue takeData(MpValue &body)
{
    auto &items = body.items();
    for (size_t i = 0; body.isMap() && i + 1 < items.size(); i += 2) {
        if (items[i].isInteger() && items[i].toUInt64() == Iproto::DATA) {
            MpValue data = std::move(items[i + 1]);
            items.erase(items.begin() + qsizetype(i), items.begin() + qsizetype(i) + 2);
            return data;
        }
    }
    return {};
}

Connection::Connection(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Boxscope::MpValue>();
    qRegisterMetaType<Boxscope::Error>();
    m_clock.start();
    m_handshakeTimer.setSingleShot(true);
    m_sweepTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    // Deadlines as given (a coarse timer may fire 5 % late: a 2 s timeout at 2.1 s).
    m_handshakeTimer.setTimerType(Qt::PreciseTimer);
    m_sweepTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_sweepTimer, &QTimer::timeout, this, &Connection::sweepTimeouts);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::attemptReconnect);
}

struct Connection::BodyJob
{
    Frame frame;
    QString fatal; // a malformed body
    std::mutex mutex;
    std::condition_variable cv;
    bool decoded = false;
};

struct Connection::JobCount
{
    std::mutex mutex;
    std::condition_variable cv;
    int running = 0;
};

Connection::~Connection()
{
    setFlooding(false);
    // A pool job posts its result back here: none may outlive the connection.
    if (m_jobs) {
        std::unique_lock<std::mutex> lock(m_jobs->mutex);
        m_jobs->cv.wait(lock, [this] { return m_jobs->running == 0; });
    }
    // Requests are children and die with us; make sure none reports into a dead connection.
    m_pending.clear();
    m_waiting.clear();
    closeKeptDescriptor();
    if (m_device) {
        m_device->disconnect(this);
        if (m_ownsDevice)
            delete m_device;
        m_device = nullptr;
    }
}

QString Connection::stateName(State s)
{
    switch (s) {
    case State::Disconnected: return QStringLiteral("disconnected");
    case State::Connecting: return QStringLiteral("connecting");
    case State::Greeting: return QStringLiteral("greeting");
    case State::Auth: return QStringLiteral("auth");
    case State::Ready: return QStringLiteral("ready");
    case State::Closing: return QStringLiteral("closing");
    }
    return {};
}

void Connection::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    qCDebug(lcClient).noquote() << m_uri.displayString() << "state" << stateName(s);
    emit stateChanged(s);
}

void Connection::armHandshakeTimer(int ms, const QString &what)
{
    m_handshakeTimer.disconnect(this);
    m_handshakeTimer.stop();
    m_handshakeWhat = what;
    if (ms <= 0)
        return;
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this, what, ms] {
        QString message = QStringLiteral("Timeout exceeded: no %1 within %2 ms").arg(what).arg(ms);
        // A greeting dribbled byte by byte: say how far it got.
        if (m_state == State::Greeting && !m_greetingBuffer.isEmpty())
            message += QStringLiteral(" (%1 of %2 bytes received)").arg(m_greetingBuffer.size()).arg(Greeting::kSize);
        // Silence: Tarantool greets as soon as it accepts, so this is likely another service
        // that waits for its client to speak first (HTTP, a database of another kind).
        else if (m_state == State::Greeting)
            message += QStringLiteral(" (the peer accepted and sent nothing; Tarantool greets at once, so this "
                                      "may be a service that waits for the client, such as HTTP)");
        closeWithError(Error::timeout(message));
    });
    m_handshakeTimer.start(ms);
}

void Connection::setReconnectAfter(double seconds)
{
    const int ms = seconds > 0 ? int(std::min(seconds, 86400.0) * 1000 + 0.5) : 0;
    if (ms == m_reconnectAfterMs)
        return;
    m_reconnectAfterMs = std::max(ms, seconds > 0 ? 1 : 0);
    if (m_reconnectAfterMs == 0 && m_reconnectTimer.isActive()) {
        m_reconnectTimer.stop();
        m_reconnectAttempt = 0;
    }
    emit reconnectAfterChanged(reconnectAfter());
}

void Connection::scheduleReconnect()
{
    // Only a connection made by URI that failed by itself; not while a slot reacting to the
    // failure has already reconnected or closed it.
    if (!m_canReconnect || m_reconnectAfterMs <= 0 || m_state != State::Disconnected || m_device)
        return;
    m_reconnectTimer.start(m_reconnectAfterMs);
    qCDebug(lcClient).noquote() << m_uri.displayString() << "reconnect attempt" << m_reconnectAttempt + 1 << "in"
                                << m_reconnectAfterMs << "ms";
    emit reconnectScheduled(m_reconnectAttempt + 1, m_reconnectAfterMs);
}

void Connection::attemptReconnect()
{
    if (m_state != State::Disconnected || m_device || !m_canReconnect)
        return;
    ++m_reconnectAttempt;
    emit reconnecting(m_reconnectAttempt);
    if (m_state != State::Disconnected || !m_canReconnect)
        return;
    m_lastError = Error();
    openSocket();
}

void Connection::connectToServer(const Uri &uri, const ConnectOptions &options)
{
    if (m_state != State::Disconnected || m_reconnectTimer.isActive())
        disconnectFromServer();
    m_uri = uri;
    m_options = options;
    if (!uri.user.isEmpty()) {
        m_options.user = uri.user;
        m_options.password = uri.password;
    }
    m_lastError = Error();
    m_reconnectAttempt = 0;
    m_canReconnect = true;
    openSocket();
}

void Connection::openSocket()
{
    const Uri &uri = m_uri;
    QIODevice *device;
    if (uri.isUnix()) {
        auto *sock = new QLocalSocket(&m_sockets);
        sock->setReadBufferSize(kReadBufferSize);
        connect(sock, &QLocalSocket::connected, this, &Connection::onConnected);
        connect(sock, &QLocalSocket::errorOccurred, this,
                [this, sock](QLocalSocket::LocalSocketError) { onDeviceClosed(sock->errorString()); });
        connect(sock, &QLocalSocket::disconnected, this, [this] { onDeviceClosed(QStringLiteral("Peer closed")); });
        device = sock;
        attachDevice(device);
        m_ownsDevice = true;
        setState(State::Connecting);
        armHandshakeTimer(m_options.connectTimeoutMs, QStringLiteral("connection"));
        // A relative path is relative to the current directory, as net.box has it (QLocalSocket
        // would look under the temporary directory); a missing one fails as net.box says.
        const QString path = QDir::current().absoluteFilePath(uri.unixPath);
        if (!QFileInfo::exists(path)) {
            QMetaObject::invokeMethod(
                    sock,
                    [this, sock] {
                        if (m_device == sock) // not a later connection's device
                            onDeviceClosed(QStringLiteral("No such file or directory"));
                    },
                    Qt::QueuedConnection);
            return;
        }
        sock->connectToServer(path);
    } else {
        auto *sock = new QTcpSocket(&m_sockets);
        sock->setReadBufferSize(kReadBufferSize);
        connect(sock, &QTcpSocket::connected, this, [this, sock] {
            sock->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            onConnected();
        });
        connect(sock, &QTcpSocket::errorOccurred, this, [this, sock](QAbstractSocket::SocketError e) {
            onDeviceClosed(e == QAbstractSocket::RemoteHostClosedError ? QStringLiteral("Peer closed")
                                                                       : sock->errorString());
        });
        connect(sock, &QTcpSocket::disconnected, this, [this] { onDeviceClosed(QStringLiteral("Peer closed")); });
        device = sock;
        attachDevice(device);
        m_ownsDevice = true;
        setState(State::Connecting);
        armHandshakeTimer(m_options.connectTimeoutMs, QStringLiteral("connection"));
        sock->connectToHost(uri.host, uri.port);
    }
}

void Connection::connectToDevice(QIODevice *device, const ConnectOptions &options)
{
    if (m_state != State::Disconnected || m_reconnectTimer.isActive())
        disconnectFromServer();
    m_canReconnect = false; // nothing to reopen
    m_reconnectAttempt = 0;
    m_options = options;
    m_lastError = Error();
    attachDevice(device);
    m_ownsDevice = false;
    connect(device, &QIODevice::aboutToClose, this, [this] { onDeviceClosed(QStringLiteral("Peer closed")); });
    setState(State::Connecting);
    onConnected();
}

void Connection::attachDevice(QIODevice *device)
{
    m_device = device;
    m_drainScheduled = false;
    setFlooding(false);
    dropBodyJob();
    m_greetingBuffer.clear();
    m_decoder.reset();
    m_decoder.setMaxFrameSize(m_options.maxFrameSize);
    m_decoder.setMaxDecodedBytes(m_options.maxDecodedBytes);
    m_decoder.setDeferBodiesFrom(m_options.decodeAsideFrom);
    m_schema.clear();
    m_schemaLoading = false;
    m_internal.clear();
    m_serverFeatures = MpValue();
    m_serverProtocolVersion = 0;
    connect(device, &QIODevice::readyRead, this, &Connection::onReadyRead);
}

QHostAddress Connection::localAddress() const
{
    auto *tcp = qobject_cast<QAbstractSocket *>(m_device);
    return tcp ? tcp->localAddress() : QHostAddress();
}

quint16 Connection::localPort() const
{
    auto *tcp = qobject_cast<QAbstractSocket *>(m_device);
    return tcp ? tcp->localPort() : 0;
}

QHostAddress Connection::peerAddress() const
{
    auto *tcp = qobject_cast<QAbstractSocket *>(m_device);
    return tcp ? tcp->peerAddress() : QHostAddress();
}

quint16 Connection::peerPort() const
{
    auto *tcp = qobject_cast<QAbstractSocket *>(m_device);
    return tcp ? tcp->peerPort() : 0;
}

void Connection::onConnected()
{
    keepDescriptor();
    setState(State::Greeting);
    armHandshakeTimer(m_options.greetingTimeoutMs, QStringLiteral("greeting"));
    if (m_device && m_device->bytesAvailable() > 0)
        pump(false);
}

void Connection::disconnectFromServer()
{
    // A requested close also ends automatic reconnection until the next connectToServer().
    const bool wasWaiting = m_reconnectTimer.isActive();
    m_reconnectTimer.stop();
    m_reconnectAttempt = 0;
    m_canReconnect = false;
    if (m_state == State::Disconnected && !m_device) {
        if (wasWaiting)
            emit disconnected(Error());
        return;
    }
    setState(State::Closing);
    m_handshakeTimer.stop();
    failAll(Error::connection(QStringLiteral("Connection closed")));
    releaseDevice();
    setState(State::Disconnected);
    emit disconnected(Error());
}

void Connection::releaseDevice()
{
    if (!m_device)
        return;
    QIODevice *d = m_device;
    m_device = nullptr;
    setFlooding(false); // a queued pass finds no device and ends without saying so
    m_outgoing.clear(); // the socket is aborted: what it had not sent goes too
    dropBodyJob();      // its frame goes with the connection
    d->disconnect(this);
    if (auto *tcp = qobject_cast<QTcpSocket *>(d))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(d))
        local->abort();
    closeKeptDescriptor(); // after Qt's: the socket closes here

    if (m_ownsDevice)
        d->deleteLater();
}

void Connection::closeWithError(const Error &error)
{
    if (m_state == State::Disconnected && !m_device)
        return;
    m_lastError = error;
    m_handshakeTimer.stop();
    setState(State::Closing);
    failAll(error);
    releaseDevice();
    setState(State::Disconnected);
    qCDebug(lcClient).noquote() << m_uri.displayString() << "closed:" << error.toString();
    emit disconnected(error);
    scheduleReconnect();
}

void Connection::onDeviceClosed(const QString &reason)
{
    if (!m_device)
        return;
    // A write that fails reports it from inside the write (Qt aborts the socket there): the
    // close is handled from the event loop instead, so whoever was writing (submit(), a
    // handler, the schema reload) never finds the connection closed under its feet.
    if (m_writing) {
        // What the device still holds is taken now (the socket drops it once the error is
        // out), kept aside: the decoder's buffer may be in use by whoever is writing.
        if (m_device->isOpen())
            m_salvaged.append(m_device->readAll());
        if (!m_closeQueued) {
            m_closeQueued = true;
            QPointer<QIODevice> device = m_device;
            QMetaObject::invokeMethod(
                    this,
                    [this, device, reason] {
                        m_closeQueued = false;
                        const QByteArray salvaged = std::exchange(m_salvaged, QByteArray());
                        if (!device || device != m_device)
                            return;
                        if (!salvaged.isEmpty()) {
                            if (m_tap)
                                emit bytesReceived(salvaged);
                            m_decoder.feed(salvaged);
                        }
                        onDeviceClosed(reason);
                    },
                    Qt::QueuedConnection);
        }
        return;
    }
    // Frames that arrived with the close are still delivered before the failure: those in
    // the device's buffer, then those still in the kernel (read through the kept descriptor).
    m_drainScheduled = false;
    setFlooding(false);
    m_closeDrain = true;
    pump(true);
    m_closeDrain = false;
    if (!m_device)
        return;
    closeWithError(closeError(reason));
}

// The close, said as precisely as the bytes so far allow: before or within the greeting,
// or in the middle of a frame ("Peer closed" first, as net.box says it).
Error Connection::closeError(const QString &reason) const
{
    if (m_state == State::Greeting) {
        if (m_greetingBuffer.isEmpty())
            return Error::connection(QStringLiteral("%1 before sending a greeting").arg(reason));
        return Error::connection(QStringLiteral("%1 after a short greeting: %2 of %3 bytes")
                                         .arg(reason)
                                         .arg(m_greetingBuffer.size())
                                         .arg(Greeting::kSize));
    }
    if (m_decoder.pending() > 0) {
        const uint64_t whole = m_decoder.partialFrameSize();
        if (whole > 0)
            return Error::connection(QStringLiteral("%1 in the middle of a frame: %2 of %3 bytes received")
                                             .arg(reason)
                                             .arg(m_decoder.pending())
                                             .arg(whole));
        return Error::connection(QStringLiteral("%1 in the middle of a frame's length prefix").arg(reason));
    }
    return Error::connection(reason);
}

void Connection::failAll(const Error &error)
{
    m_sweepTimer.stop();
    QHash<uint64_t, Entry> pending;
    pending.swap(m_pending);
    std::deque<Entry> waiting;
    waiting.swap(m_waiting);
    m_internal.clear();
    failLight(error);
    // By SYNC order, so the requests fail in the order they were made.
    QList<uint64_t> syncs = pending.keys();
    std::sort(syncs.begin(), syncs.end());
    for (uint64_t s : syncs) {
        if (Request *r = pending.value(s).request)
            r->fail(error, error.kind == Error::Kind::Timeout ? Request::State::TimedOut : Request::State::Failed);
    }
    for (Entry &e : waiting) {
        if (e.request)
            e.request->fail(error,
                            error.kind == Error::Kind::Timeout ? Request::State::TimedOut : Request::State::Failed);
    }
}

// Frames are gathered and handed to the device once per event-loop pass (or every
// kWriteBatchBytes): a thousand pipelined requests cost two device writes, not a thousand.
void Connection::write(const QByteArray &bytes)
{
    if (!m_device)
        return;
    m_outgoing.append(bytes);
    if (m_tap)
        emit bytesSent(bytes);
    scheduleFlush();
}

void Connection::scheduleFlush()
{
    if (!m_passWritten && !m_flushScheduled) {
        // The first frame of an event-loop pass goes out at once: a lone request waits for
        // nothing, not even a posted event. The pass ends when the loop is about to wait.
        writeOutgoing();
        m_passWritten = true;
        if (!m_passWatch) {
            if (QAbstractEventDispatcher *d = QAbstractEventDispatcher::instance(thread()))
                m_passWatch = connect(d, &QAbstractEventDispatcher::aboutToBlock, this, [this] {
                    m_passWritten = false;
                    writeOutgoing();
                });
        }
        if (!m_passWatch) { // no event loop to watch: the posted flush ends the pass
            m_flushScheduled = true;
            QMetaObject::invokeMethod(this, &Connection::flushOutgoing, Qt::QueuedConnection);
        }
        return;
    }
    // The frames after it in the same pass gather: one write when the loop has handled what
    // is in hand (or every kWriteBatchBytes).
    if (m_outgoing.size() >= kWriteBatchBytes) {
        writeOutgoing();
    } else if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &Connection::flushOutgoing, Qt::QueuedConnection);
    }
}

void Connection::flushOutgoing()
{
    m_flushScheduled = false;
    if (!m_passWatch)
        m_passWritten = false;
    writeOutgoing();
}

void Connection::writeOutgoing()
{
    if (!m_device || m_outgoing.isEmpty())
        return;
    const bool nested = std::exchange(m_writing, true);
    QIODevice *device = m_device;
    qsizetype sent = 0;
#ifdef Q_OS_UNIX
    // Straight into the kernel through the kept descriptor (the same open socket) while Qt holds
    // nothing unwritten: Qt's own write turns its write notifier on and off again, and with the
    // glib dispatcher each turn wakes the loop (two eventfd writes a request). What the kernel
    // does not take, or refuses, goes through Qt, which reports a failure its usual way.
    const auto *socket = qobject_cast<QAbstractSocket *>(device);
    const auto *local = socket ? nullptr : qobject_cast<QLocalSocket *>(device);
    const bool connected = (socket && socket->state() == QAbstractSocket::ConnectedState)
            || (local && local->state() == QLocalSocket::ConnectedState);
    if (m_keptFd >= 0 && connected && !m_closeDrain && device->bytesToWrite() == 0) {
        const ssize_t n =
                ::send(m_keptFd, m_outgoing.constData(), size_t(m_outgoing.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            sent = qsizetype(n);
    }
#endif
    if (sent < m_outgoing.size())
        device->write(m_outgoing.constData() + sent, m_outgoing.size() - sent);
    m_outgoing.resize(0); // keeps the capacity for the next pass
    // Into the kernel now rather than at the socket's next write notification. A failure
    // here is reported later, from the event loop (onDeviceClosed).
    if (auto *socket = qobject_cast<QAbstractSocket *>(device))
        socket->flush();
    else if (auto *local = qobject_cast<QLocalSocket *>(device))
        local->flush();
    m_writing = nested;
}

uint64_t Connection::sendLight(const RequestSpec &spec, uint64_t cookie, QString *error)
{
    const auto refuse = [error](const QString &why) -> uint64_t {
        if (error)
            *error = why;
        return 0;
    };
    if (m_state != State::Ready || !m_device)
        return refuse(QStringLiteral("Connection is not ready (%1)").arg(stateName(m_state)));
    if (!m_lightHandler)
        return refuse(QStringLiteral("No light handler is set"));
    if (refusedAsReadOnly(spec))
        return refuse(kReadOnlyRefusal);
    uint32_t spaceId = spec.space.id;
    uint32_t indexId = spec.index.id;
    bool byName = false;
    if (RequestSpec::usesSpace(spec.method) && spec.space.byName) {
        const Schema::Space *space = m_schema.space(spec.space.name);
        if (!space)
            return refuse(QStringLiteral("Space '%1' does not exist").arg(spec.space.name));
        spaceId = space->id;
        byName = true;
    }
    if (RequestSpec::usesIndex(spec.method) && spec.index.byName) {
        const int64_t id = m_schema.indexId(spaceId, spec.index.name);
        if (id < 0)
            return refuse(QStringLiteral("No index '%1' is defined in space '%2'")
                                  .arg(spec.index.name, spec.space.toString()));
        indexId = uint32_t(id);
        byName = true;
    }
    const uint64_t sync = m_nextSync++;
    if (spec.internal)
        noteOwn(sync);
    qint64 deadline = 0;
    if (spec.timeoutMs > 0) {
        deadline = m_clock.nsecsElapsed() + qint64(spec.timeoutMs) * 1000000;
        // Answered requests leave the queue lazily: rebuilt when they outnumber the pending.
        if (m_lightDeadlines.size() > 2 * m_light.size() + 1024) {
            decltype(m_lightDeadlines) live;
            for (const auto &[s, e] : m_light)
                if (e.deadlineNs > 0)
                    live.emplace(e.deadlineNs, s);
            m_lightDeadlines.swap(live);
        }
        m_lightDeadlines.emplace(deadline, sync);
        armSweep(deadline);
    }
    // In the table before anything else can happen (a tap's slot may even close the
    // connection: the request then fails like every other one).
    m_light.emplace(sync, LightEntry { cookie, deadline });
    const qsizetype start = m_outgoing.size();
    spec.appendFrame(m_outgoing, sync, spaceId, indexId, byName ? m_schema.version() : 0);
    if (m_tap)
        emit bytesSent(m_outgoing.mid(start));
    if (m_device)
        scheduleFlush();
    return sync;
}

void Connection::handleLight(const RawFrame &frame)
{
    const auto it = m_light.find(frame.sync);
    if (it == m_light.end())
        return;
    LightAnswer answer;
    answer.cookie = it->second.cookie;
    answer.sync = frame.sync;
    answer.code = frame.code;
    answer.body = frame.body;
    answer.bodySize = frame.bodySize;
    answer.push = frame.code == CHUNK;
    // Out of the table before the handler runs (it may send, close, or reload the schema).
    if (!answer.push) {
        m_light.erase(it);
        noteLate(frame.sync); // a push after the result is late, not unknown
    }
    Error error;
    if (!answer.push && (frame.code & TYPE_ERROR)) {
        const MpCodec::DecodeResult body =
                MpCodec::decode(frame.body, frame.bodySize, MpCodec::kDefaultMaxDepth, m_options.maxDecodedBytes);
        error = body.ok()
                ? Error::server(frame.code & 0x7fff, field(body.value, ERROR_24).toQString(), field(body.value, ERROR))
                : Error::protocol(QStringLiteral("malformed error body (SYNC %1): %2").arg(frame.sync).arg(body.error));
        answer.error = &error;
    }
    m_lightHandler(answer);
    // A changed schema version means names may now map to other ids.
    if (frame.schemaVersion && m_device && m_schema.isLoaded() && !m_schemaLoading
        && frame.schemaVersion != m_schema.version() && m_options.loadSchema)
        loadSchemaNow();
}

// A frame for a light request that takeRaw() left to next() (a header it does not read in
// place) or whose body was too big to decode: answered all the same, never lost.
bool Connection::handleLightFrame(const Frame &frame, uint32_t code, uint64_t sync)
{
    if (m_light.empty() || m_light.find(sync) == m_light.end())
        return false;
    if (!frame.bodyError.isEmpty()) {
        const auto it = m_light.find(sync);
        LightAnswer answer;
        answer.cookie = it->second.cookie;
        answer.sync = sync;
        answer.code = code;
        m_light.erase(it);
        noteLate(sync);
        const Error error = Error::protocol(frame.bodyError);
        answer.error = &error;
        m_lightHandler(answer);
        return true;
    }
    const QByteArray body = frame.body.isNil() ? QByteArray() : MpCodec::encode(frame.body);
    RawFrame raw;
    raw.code = code;
    raw.sync = sync;
    if (const MpValue *sv = frame.header.find(uint64_t(SCHEMA_VERSION)))
        raw.schemaVersion = sv->toUInt64();
    raw.body = body.constData();
    raw.bodySize = size_t(body.size());
    raw.size = frame.size;
    raw.streamOffset = frame.streamOffset;
    handleLight(raw);
    return true;
}

void Connection::failLight(const Error &error)
{
    if (m_light.empty())
        return;
    std::unordered_map<uint64_t, LightEntry> light;
    light.swap(m_light);
    m_lightDeadlines = {};
    std::vector<std::pair<uint64_t, uint64_t>> order; // SYNC, cookie
    order.reserve(light.size());
    for (const auto &[sync, entry] : light)
        order.emplace_back(sync, entry.cookie);
    std::sort(order.begin(), order.end());
    for (const auto &[sync, cookie] : order) {
        LightAnswer answer;
        answer.cookie = cookie;
        answer.sync = sync;
        answer.error = &error;
        if (m_lightHandler)
            m_lightHandler(answer);
    }
}

void Connection::sweepLight(qint64 now)
{
    const Error timeout = Error::timeout();
    while (!m_lightDeadlines.empty() && m_lightDeadlines.top().first <= now) {
        const auto [deadline, sync] = m_lightDeadlines.top();
        m_lightDeadlines.pop();
        const auto it = m_light.find(sync);
        if (it == m_light.end() || it->second.deadlineNs != deadline)
            continue;
        LightAnswer answer;
        answer.cookie = it->second.cookie;
        answer.sync = sync;
        answer.error = &timeout;
        m_light.erase(it);
        noteLate(sync);
        if (m_lightHandler)
            m_lightHandler(answer);
    }
}

void Connection::onReadyRead()
{
    // While a drain is scheduled it reads on by itself; frames stay in order.
    if (!m_device || m_drainScheduled)
        return;
    pump(false);
}

// The socket's descriptor, duplicated once it is connected (see m_keptFd).
void Connection::keepDescriptor()
{
    closeKeptDescriptor();
#ifdef Q_OS_UNIX
    qintptr fd = -1;
    if (auto *tcp = qobject_cast<QAbstractSocket *>(m_device))
        fd = tcp->socketDescriptor();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_device))
        fd = local->socketDescriptor();
    if (fd >= 0)
        m_keptFd = ::fcntl(int(fd), F_DUPFD_CLOEXEC, 0);
#endif
}

void Connection::closeKeptDescriptor()
{
#ifdef Q_OS_UNIX
    if (m_keptFd >= 0)
        ::close(m_keptFd);
#endif
    m_keptFd = -1;
}

// The next bytes received, read into m_readBuffer (allocated once, not per read): the device's,
// then, while draining after a close, what the kernel still holds (a reset leaves received
// bytes readable before it reports ECONNRESET). Returns how many (0: nothing).
qint64 Connection::nextChunk()
{
    if (m_readBuffer.size() != kReadChunk)
        m_readBuffer.resize(kReadChunk);
    char *buffer = m_readBuffer.data();
    if (m_device->isOpen()) { // not when never opened (a unix path that does not exist)
        const qint64 n = m_device->read(buffer, kReadChunk);
        if (n > 0)
            return n;
    }
#ifdef Q_OS_UNIX
    if (m_closeDrain && m_keptFd >= 0) {
        ssize_t n;
        do
            n = ::recv(m_keptFd, buffer, size_t(kReadChunk), MSG_DONTWAIT);
        while (n < 0 && errno == EINTR);
        if (n > 0)
            return n;
        closeKeptDescriptor(); // end of stream, the reset, or nothing more for now
    }
#endif
    return 0;
}

bool Connection::readSome()
{
    if (!m_device)
        return false;
    const qint64 n = nextChunk();
    if (n <= 0)
        return false;
    m_readAtNs = Request::monotonicNs();
    // A view of the read buffer, valid until the next read; listeners get their own copy.
    const QByteArray chunk = QByteArray::fromRawData(m_readBuffer.constData(), qsizetype(n));
    if (m_tap)
        emit bytesReceived(QByteArray(chunk.constData(), chunk.size()));
    qsizetype offset = 0;
    if (m_state == State::Greeting || m_state == State::Connecting) {
        const qsizetype need = Greeting::kSize - m_greetingBuffer.size();
        m_greetingBuffer.append(chunk.left(need));
        offset = qMin(need, chunk.size());
        if (m_greetingBuffer.size() < Greeting::kSize) {
            // Another service (an HTTP server's error page, SSH, ...) is told apart by its first
            // bytes: say so now rather than after a timeout or a "short greeting".
            QString error;
            if (!Greeting::isPlausibleStart(m_greetingBuffer, &error)) {
                closeWithError(Error::connection(error));
                return false;
            }
            return true;
        }
        // The bytes after the greeting are fed from a copy: handling the greeting runs ready()'s
        // slots, which may read the socket again (a nested event loop) into the read buffer.
        const QByteArray rest(chunk.constData() + offset, chunk.size() - offset);
        handleGreeting();
        if (!m_device)
            return false;
        m_decoder.feed(rest.constData(), size_t(rest.size()));
        return true;
    }
    m_decoder.feed(chunk.constData(), size_t(chunk.size()));
    return true;
}

// The pushed value of a CHUNK body {DATA: [value]}, checked as decoding its tree would check it
// (depth, the decode cap); false for any other shape or a value decode would refuse, which then
// goes the tree way (next()) and is worded there.
static bool pushValueSpan(const RawFrame &raw, qint64 cap, const char **value, size_t *size)
{
    const auto *p = reinterpret_cast<const uchar *>(raw.body);
    const size_t n = raw.bodySize;
    if (n < 4 || p[0] != 0x81 || p[1] != uchar(DATA))
        return false;
    // An array of one, in any width (tarantool writes pushes' with a 32-bit count).
    size_t head = 0;
    if (p[2] == 0x91)
        head = 3;
    else if (p[2] == 0xdc && n > 5 && p[3] == 0 && p[4] == 1)
        head = 5;
    else if (p[2] == 0xdd && n > 7 && p[3] == 0 && p[4] == 0 && p[5] == 0 && p[6] == 1)
        head = 7;
    else
        return false;
    const qint64 nodes = 3 * qint64(sizeof(MpValue)); // the map, the key and the array
    if (cap >= 0 && cap < nodes)
        return false;
    const MpCodec::DecodeResult r =
            MpCodec::scan(raw.body + head, n - head, MpCodec::kDefaultMaxDepth - 2, cap < 0 ? -1 : cap - nodes);
    if (!r.ok() || r.consumed != n - head)
        return false;
    *value = raw.body + head;
    *size = n - head;
    return true;
}

// Handles frames until the device has nothing more. Unless `all`, it yields to the event
// loop every few milliseconds: a burst of 10^5 pushes must not freeze the thread that owns
// the connection (the GUI thread in the app). While it yields, the socket's bounded read
// buffer fills up and TCP pushes back on the server.
void Connection::pump(bool all)
{
    pumpFrames(all);
    announcePushes();
}

void Connection::announcePushes()
{
    if (m_pushBatch.empty())
        return;
    std::vector<QPointer<Request>> batch;
    batch.swap(m_pushBatch);
    for (const QPointer<Request> &r : batch) {
        if (r)
            r->announcePushes();
    }
}

void Connection::setFlooding(bool on)
{
    if (on != m_flooding)
        t_flooding += on ? 1 : -1;
    m_flooding = on;
}

void Connection::pumpFrames(bool all)
{
    QElapsedTimer slice;
    slice.start();
    const qint64 sliceNs = kSliceNs / std::max(1, t_flooding);
    int handled = 0;
    Frame frame;
    for (;;) {
        if (!m_device)
            return;
        if (m_bodyJob) {
            // The frame whose body is being decoded goes first: its end pumps on; a drain
            // (after a close) waits for it.
            if (!all || !finishBodyJob(m_bodyJob))
                return;
            continue;
        }
        // Answers to light requests, and pushes for requests, are taken as they are, without
        // a tree: a push is kept as its msgpack (Request::pushes()).
        RawFrame raw;
        Request *pushFor = nullptr;
        const char *pushValue = nullptr;
        size_t pushSize = 0;
        if ((!m_light.empty() || !m_pending.isEmpty()) && m_decoder.takeRaw(&raw, [&](uint64_t sync) {
                if (!m_light.empty() && m_light.find(sync) != m_light.end())
                    return true;
                if (raw.code != CHUNK)
                    return false;
                const auto it = m_pending.find(sync);
                if (it == m_pending.end() || !it->request
                    || !pushValueSpan(raw, m_options.maxDecodedBytes, &pushValue, &pushSize))
                    return false;
                pushFor = it->request;
                return true;
            })) {
            if (pushFor) {
                // A changed schema version means names may now map to other ids.
                if (raw.schemaVersion && m_schema.isLoaded() && !m_schemaLoading
                    && raw.schemaVersion != m_schema.version() && m_options.loadSchema)
                    loadSchemaNow();
                pushFor->addRawPush(pushValue, pushSize, m_readAtNs);
            } else {
                handleLight(raw);
            }
            if (!all && (++handled & 63) == 0 && slice.nsecsElapsed() >= sliceNs) {
                m_drainScheduled = true;
                setFlooding(true);
                QTimer::singleShot(0, this, [this] {
                    m_drainScheduled = false;
                    pump(false);
                });
                return;
            }
            continue;
        }
        const FrameDecoder::Result r = m_decoder.next(&frame);
        if (r == FrameDecoder::Result::Error) {
            closeWithError(Error::protocol(m_decoder.errorString()));
            return;
        }
        if (r == FrameDecoder::Result::Frame) {
            if (frame.bodyDeferred) {
                const bool keepData = keepsDataRaw(frame);
                if (!all) {
                    startBodyJob(std::move(frame), keepData);
                    return;
                }
                const QString fatal = keepData ? FrameDecoder::decodeBodyKeepingData(&frame, m_options.maxDecodedBytes)
                                               : FrameDecoder::decodeBody(&frame, m_options.maxDecodedBytes);
                if (!fatal.isEmpty()) {
                    closeWithError(Error::protocol(fatal));
                    return;
                }
            }
            handleFrame(std::move(frame));
            if (!all && (++handled & 63) == 0 && slice.nsecsElapsed() >= sliceNs) {
                m_drainScheduled = true;
                setFlooding(true);
                QTimer::singleShot(0, this, [this] {
                    m_drainScheduled = false;
                    pump(false);
                });
                return;
            }
            continue;
        }
        if (!readSome()) {
            setFlooding(false); // read up: the others get the whole slice again
            return;
        }
    }
}

// A large body is decoded on a pool thread (a 100 000-tuple select takes tens of ms), so the
// owning thread — the GUI thread in the app — goes on meanwhile. The job posts back here; the
// frames after it stay in the decoder (and TCP pushes back) until it is handled.
// A select's large answer keeps its rows as msgpack (Request::rawResult()): the grid decodes
// the page it shows, the tree only whoever asks for it. Other answers are decoded whole.
bool Connection::keepsDataRaw(const Frame &frame) const
{
    if (field(frame.header, REQUEST_TYPE).toUInt64() != OK)
        return false;
    // Internal reads (the form's function list) want the tree at once: decoded on the pool.
    const auto it = m_pending.find(field(frame.header, SYNC).toUInt64());
    return it != m_pending.end() && it->request && it->type == SELECT && !it->request->spec().internal;
}

void Connection::startBodyJob(Frame frame, bool keepData)
{
    auto job = std::make_shared<BodyJob>();
    job->frame = std::move(frame);
    m_bodyJob = job;
    if (!m_jobs)
        m_jobs = std::make_shared<JobCount>();
    {
        std::lock_guard<std::mutex> lock(m_jobs->mutex);
        ++m_jobs->running;
    }
    const qint64 maxDecoded = m_options.maxDecodedBytes;
    std::shared_ptr<JobCount> jobs = m_jobs;
    QThreadPool::globalInstance()->start([this, job, jobs, maxDecoded, keepData] {
        QString fatal = keepData ? FrameDecoder::decodeBodyKeepingData(&job->frame, maxDecoded)
                                 : FrameDecoder::decodeBody(&job->frame, maxDecoded);
        {
            std::lock_guard<std::mutex> lock(job->mutex);
            job->fatal = std::move(fatal);
            job->decoded = true;
        }
        job->cv.notify_all();
        QMetaObject::invokeMethod(
                this,
                [this, job] {
                    if (m_bodyJob == job && finishBodyJob(job))
                        pump(false);
                },
                Qt::QueuedConnection);
        std::lock_guard<std::mutex> lock(jobs->mutex);
        --jobs->running;
        jobs->cv.notify_all();
    });
}

// Handles the decoded frame of `job` (waiting for the decode if need be); false when the
// connection is gone or closed by it.
bool Connection::finishBodyJob(std::shared_ptr<BodyJob> job) // a copy: it resets m_bodyJob
{
    {
        std::unique_lock<std::mutex> lock(job->mutex);
        job->cv.wait(lock, [&] { return job->decoded; });
    }
    m_bodyJob.reset();
    if (!job->fatal.isEmpty()) {
        closeWithError(Error::protocol(job->fatal));
        return false;
    }
    handleFrame(std::move(job->frame));
    return m_device != nullptr;
}

void Connection::dropBodyJob()
{
    m_bodyJob.reset(); // the job still runs; what it posts finds it gone
}

void Connection::handleGreeting()
{
    QString error;
    if (!Greeting::parse(m_greetingBuffer, &m_greeting, &error)) {
        closeWithError(Error::connection(error));
        return;
    }
    emit greetingReceived(m_greeting);
    if (m_greeting.atLeast(2, 10)) {
        // Feature negotiation; a server that does not know ID answers with
        // ER_UNKNOWN_REQUEST_TYPE, which only means "no features".
        sendInternal(ID,
                     RequestEncoder::idBody(
                             kProtocolVersion,
                             MpValue::array({ MpValue::uinteger(0), MpValue::uinteger(1), MpValue::uinteger(2) })),
                     [this](uint32_t code, const MpValue &body, const MpValue &) {
                         if (code == OK) {
                             m_serverProtocolVersion = field(body, VERSION).toUInt64();
                             m_serverFeatures = field(body, FEATURES);
                             qCDebug(lcClient).noquote()
                                     << m_uri.displayString() << "IPROTO_ID: protocol" << m_serverProtocolVersion
                                     << "features" << MpFormat::toJson(m_serverFeatures);
                         }
                     });
    }
    if (!m_options.user.isEmpty() && m_options.user != QLatin1String("guest"))
        startAuth();
    else
        becomeReady();
}

void Connection::startAuth()
{
    setState(State::Auth);
    armHandshakeTimer(m_options.authTimeoutMs, QStringLiteral("auth response"));
    const QByteArray scramble = chapSha1Scramble(m_options.password.toUtf8(), m_greeting.salt);
    sendInternal(AUTH, RequestEncoder::authBody(m_options.user, scramble),
                 [this](uint32_t code, const MpValue &body, const MpValue &) {
                     if (code == OK) {
                         becomeReady();
                         return;
                     }
                     Error e = Error::server(code & 0x7fff, field(body, ERROR_24).toQString(), field(body, ERROR));
                     e.kind = Error::Kind::Connection; // the connection cannot be used
                     if (!m_options.reconnectAfterAuthFailure)
                         m_canReconnect = false; // the same credentials would be refused again
                     closeWithError(e);
                 });
}

void Connection::becomeReady()
{
    m_handshakeTimer.stop();
    setState(State::Ready);
    if (m_options.loadSchema)
        loadSchemaNow();
    emit ready();
    if (m_reconnectAttempt > 0 && m_state == State::Ready) {
        const int attempts = m_reconnectAttempt;
        m_reconnectAttempt = 0;
        emit reconnected(attempts);
    }
    flushWaiting();
}

void Connection::reloadSchema()
{
    if (m_state == State::Ready)
        loadSchemaNow();
}

void Connection::loadSchemaNow()
{
    if (m_schemaLoading)
        return;
    m_schemaLoading = true;
    auto rows = std::make_shared<std::pair<MpValue, MpValue>>();
    auto got = std::make_shared<int>(0);
    auto finish = [this, rows, got](uint64_t version) {
        if (++*got < 2)
            return;
        m_schemaLoading = false;
        m_schema.load(rows->first, rows->second, version);
        qCInfo(lcClient).noquote() << tr("%1 schema version %2 loaded: %n space(s)", nullptr,
                                         int(m_schema.spaceNames().size()))
                                              .arg(m_uri.displayString())
                                              .arg(version);
        emit schemaLoaded(version);
        flushWaiting();
    };
    const uint32_t all = 0xffffffffu;
    sendInternal(SELECT, RequestEncoder::selectBody(VSPACE_ID, 0, MpValue::array(), ALL, 0, all),
                 [rows, finish](uint32_t code, const MpValue &body, const MpValue &header) {
                     if (code == OK)
                         rows->first = field(body, DATA);
                     finish(field(header, SCHEMA_VERSION).toUInt64());
                 });
    sendInternal(SELECT, RequestEncoder::selectBody(VINDEX_ID, 0, MpValue::array(), ALL, 0, all),
                 [rows, finish](uint32_t code, const MpValue &body, const MpValue &header) {
                     if (code == OK)
                         rows->second = field(body, DATA);
                     finish(field(header, SCHEMA_VERSION).toUInt64());
                 });
}

void Connection::sendInternal(uint32_t type, const MpValue &body, InternalHandler handler)
{
    const uint64_t sync = m_nextSync++;
    m_internal.insert(sync, std::move(handler));
    noteOwn(sync); // before the bytes are tapped
    write(RequestEncoder::frame(type, sync, body));
}

void Connection::handleFrame(Frame frame)
{
    // A response the protocol does not allow is a protocol error, not a null result.
    if (const QString problem = Iproto::responseProblem(frame); !problem.isEmpty()) {
        closeWithError(Error::protocol(
                QStringLiteral("malformed response (a frame of %1 bytes): %2").arg(frame.size).arg(problem)));
        return;
    }
    const uint32_t code = uint32_t(field(frame.header, REQUEST_TYPE).toUInt64());
    const uint64_t sync = field(frame.header, SYNC).toUInt64();
    MpValue &body = frame.body;

    // A body too big to decode: the request it answers fails, the connection goes on (the
    // stream is still in step); for the connection's own requests it cannot.
    if (handleLightFrame(frame, code, sync))
        return;
    if (!frame.bodyError.isEmpty()) {
        if (m_internal.contains(sync)) {
            closeWithError(Error::protocol(frame.bodyError));
            return;
        }
        auto it = m_pending.find(sync);
        if (it != m_pending.end() && it->request) {
            QPointer<Request> request = it->request;
            m_pending.erase(it);
            noteLate(sync);
            request->fail(Error::protocol(frame.bodyError));
        }
        qCInfo(lcClient).noquote() << tr("%1 SYNC %2: %3").arg(m_uri.displayString()).arg(sync).arg(frame.bodyError);
        return;
    }

    if (code == EVENT) {
        emit eventReceived(field(body, EVENT_KEY), field(body, EVENT_DATA));
        return;
    }
    if (auto it = m_internal.find(sync); it != m_internal.end()) {
        if (code == CHUNK)
            return;
        InternalHandler h = std::move(*it);
        m_internal.erase(it);
        h(code, body, frame.header);
        return;
    }
    // A changed schema version means names may now map to other ids.
    if (const MpValue *sv = frame.header.find(uint64_t(SCHEMA_VERSION))) {
        if (m_schema.isLoaded() && !m_schemaLoading && sv->toUInt64() != m_schema.version() && m_options.loadSchema)
            loadSchemaNow();
    }
    auto it = m_pending.find(sync);
    if (it == m_pending.end() || !it->request) {
        if (it != m_pending.end())
            m_pending.erase(it);
        ++m_unexpectedCount;
        const bool late = !m_lateRing.empty() && m_lateRing[sync % kLateMemory] == sync;
        qCDebug(lcClient).noquote() << m_uri.displayString() << (late ? "late" : "unknown") << "response, SYNC" << sync
                                    << "code" << Qt::hex << code;
        emit unexpectedResponse(sync, code, late ? UnexpectedKind::Late : UnexpectedKind::Unknown);
        return;
    }
    Request *request = it->request;
    if (code == CHUNK) {
        MpValue data = takeData(body);
        // The push is DATA[0]; keep the whole DATA if a server ever sends another shape.
        request->addPush(data.isArray() && data.size() == 1 ? std::move(data.items().front()) : std::move(data));
        return;
    }
    Entry entry = std::move(*it);
    m_pending.erase(it);
    // Anything more with this SYNC (a push after the result) is late, not unknown.
    noteLate(sync);
    if (code & TYPE_ERROR) {
        const uint32_t errcode = code & 0x7fff;
        if (errcode == ER_WRONG_SCHEMA_VERSION && entry.needsSchema && entry.schemaRetries < 3) {
            ++entry.schemaRetries;
            qCInfo(lcClient).noquote()
                    << tr("%1 SYNC %2 met a new schema (ER_WRONG_SCHEMA_VERSION): reloading it and resending, "
                          "attempt %3")
                               .arg(m_uri.displayString())
                               .arg(sync)
                               .arg(entry.schemaRetries);
            m_waiting.push_back(std::move(entry));
            m_schema.clear();
            loadSchemaNow();
            return;
        }
        request->fail(Error::server(errcode, field(body, ERROR_24).toQString(), field(body, ERROR)));
        return;
    }
    if (entry.type == EXECUTE) {
        MpValue result = sqlResult(body);
        request->complete(std::move(body), std::move(result));
        return;
    }
    if (frame.rawData) {
        request->complete(std::move(body), std::move(frame.rawData));
        return;
    }
    // DATA moves out of the body: a 100 000-tuple select is never copied.
    MpValue data = takeData(body);
    request->complete(std::move(body), std::move(data));
}

Request *Connection::submit(const RequestSpec &spec)
{
    return submit(RequestSpec(spec));
}

const QString Connection::kReadOnlyRefusal = QStringLiteral("refused: the connection is read-only");

namespace {

// The SQL text's words outside comments, string literals and quoted identifiers, each with
// its parenthesis depth.
struct SqlWord
{
    QString word;
    int depth;
};

std::vector<SqlWord> sqlWords(const QString &sql, size_t max)
{
    std::vector<SqlWord> words;
    int depth = 0;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    while (i < n && words.size() < max) {
        const QChar c = sql[i];
        if (c == u'-' && i + 1 < n && sql[i + 1] == u'-') {
            while (i < n && sql[i] != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && sql[i + 1] == u'*') {
            const qsizetype end = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? u']' : c;
            ++i;
            while (i < n && sql[i] != close)
                ++i;
            ++i;
        } else if (c == u'(') {
            ++depth;
            ++i;
        } else if (c == u')') {
            --depth;
            ++i;
        } else if (c.isLetter() || c == u'_') {
            const qsizetype start = i;
            while (i < n && (sql[i].isLetterOrNumber() || sql[i] == u'_'))
                ++i;
            words.push_back({ sql.mid(start, i - start).toUpper(), depth });
        } else {
            ++i;
        }
    }
    return words;
}

} // namespace

bool Connection::isReadSql(const QString &sql)
{
    static const QStringList reads = { QStringLiteral("SELECT"), QStringLiteral("VALUES"), QStringLiteral("EXPLAIN"),
                                       QStringLiteral("PRAGMA") };
    static const QStringList writes = { QStringLiteral("INSERT"), QStringLiteral("REPLACE"), QStringLiteral("UPDATE"),
                                        QStringLiteral("DELETE") };
    const std::vector<SqlWord> words = sqlWords(sql, 100000);
    if (words.empty())
        return false;
    if (words.front().word != QLatin1String("WITH"))
        return reads.contains(words.front().word);
    // WITH name AS (...), ... <statement>: the statement is the first verb outside the
    // common table expressions' parentheses.
    const int depth = words.front().depth;
    for (size_t k = 1; k < words.size(); ++k) {
        if (words[k].depth != depth)
            continue;
        if (reads.contains(words[k].word))
            return true;
        if (writes.contains(words[k].word))
            return false;
    }
    return false;
}

bool Connection::refusedAsReadOnly(const RequestSpec &spec)
{
    // The app's own requests (the vitals' reads, completion lists, the ping) are read-only by
    // construction and never ask.
    if (!m_readOnly || spec.internal)
        return false;
    bool allowed = true;
    switch (spec.method) {
    case RequestSpec::Method::Insert:
    case RequestSpec::Method::Replace:
    case RequestSpec::Method::Update:
    case RequestSpec::Method::Upsert:
    case RequestSpec::Method::Delete: allowed = false; break;
    case RequestSpec::Method::Execute: allowed = isReadSql(spec.sql); break;
    case RequestSpec::Method::Call:
    case RequestSpec::Method::Eval: allowed = !m_callGuard || m_callGuard(spec); break;
    case RequestSpec::Method::Select:
    case RequestSpec::Method::Ping: break;
    }
    if (!allowed)
        qCInfo(lcClient).noquote() << m_uri.displayString() << RequestSpec::methodName(spec.method) << kReadOnlyRefusal;
    return !allowed;
}

Request *Connection::submit(RequestSpec &&specToKeep)
{
    auto *request = new Request(this, m_nextSync++, std::move(specToKeep));
    const RequestSpec &spec = request->spec();
    if (refusedAsReadOnly(spec)) {
        failQueued(request, Error::usage(kReadOnlyRefusal));
        return request;
    }
    request->setPushRetention(spec.pushRetention == -2 ? m_defaultRetention : spec.pushRetention);
    request->setPushRetentionBytes(spec.pushRetentionBytes == -2 ? m_defaultRetentionBytes : spec.pushRetentionBytes);
    request->m_timeoutMs = spec.timeoutMs;
    if (spec.timeoutMs > 0)
        request->m_deadlineNs = m_clock.nsecsElapsed() + qint64(spec.timeoutMs) * 1000000;
    Entry entry;
    entry.request = request;
    entry.type = spec.requestType();
    entry.needsSchema = spec.needsSchema();
    if (m_state == State::Disconnected || m_state == State::Closing) {
        failQueued(request,
                   m_lastError.isNull() || m_lastError.kind == Error::Kind::Server
                           ? Error::connection(QStringLiteral("Connection is not established"))
                           : Error::connection(m_lastError.message));
        return request;
    }
    const qint64 deadline = request->m_deadlineNs;
    dispatch(std::move(entry));
    if (deadline > 0)
        armSweep(deadline);
    return request;
}

void Connection::failQueued(Request *request, const Error &error)
{
    // Delivered from the event loop, so a caller that just made the request can still
    // connect to its finished() signal.
    QPointer<Request> r(request);
    QMetaObject::invokeMethod(
            this,
            [r, error] {
                if (r)
                    r->fail(error);
            },
            Qt::QueuedConnection);
}

void Connection::dispatch(Entry entry)
{
    // By-name requests wait while the schema (re)loads: a name may have just appeared.
    if (m_state != State::Ready || (entry.needsSchema && (!m_schema.isLoaded() || m_schemaLoading))) {
        m_waiting.push_back(std::move(entry));
        return;
    }
    sendEntry(entry);
}

void Connection::flushWaiting()
{
    if (m_state != State::Ready)
        return;
    std::deque<Entry> waiting;
    waiting.swap(m_waiting);
    for (Entry &e : waiting) {
        if (!e.request)
            continue;
        if (e.needsSchema && (!m_schema.isLoaded() || m_schemaLoading))
            m_waiting.push_back(std::move(e));
        else
            sendEntry(e);
    }
}

bool Connection::sendEntry(Entry &entry)
{
    Request *request = entry.request;
    if (!request)
        return false;
    const RequestSpec &spec = request->spec();
    uint32_t spaceId = spec.space.id;
    uint32_t indexId = spec.index.id;
    if (entry.needsSchema) {
        const Schema::Space *space = spec.space.byName ? m_schema.space(spec.space.name) : m_schema.space(spaceId);
        if (spec.space.byName) {
            if (!space) {
                failQueued(request, Error::usage(QStringLiteral("Space '%1' does not exist").arg(spec.space.name)));
                return false;
            }
            spaceId = space->id;
        }
        if (RequestSpec::usesIndex(spec.method) && spec.index.byName) {
            const int64_t id = m_schema.indexId(spaceId, spec.index.name);
            if (id < 0) {
                failQueued(request,
                           Error::usage(QStringLiteral("No index '%1' is defined in space '%2'")
                                                .arg(spec.index.name, spec.space.toString())));
                return false;
            }
            indexId = uint32_t(id);
        }
    }
    const uint64_t sync = request->sync();
    if (spec.internal)
        noteOwn(sync); // before the bytes are tapped
    const QByteArray frame = spec.frame(sync, spaceId, indexId, entry.needsSchema ? m_schema.version() : 0);
    if (entry.schemaRetries == 0)
        request->markSent();
    // Pending before the bytes go: whatever happens while they are written finds it there.
    m_pending.insert(sync, std::move(entry));
    write(frame);
    emit requestSent(request);
    return true;
}

void Connection::forgetRequest(Request *request, bool late)
{
    const uint64_t sync = request->sync();
    const bool wasSent = m_pending.remove(sync) > 0;
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if (it->request == request) {
            m_waiting.erase(it);
            break;
        }
    }
    if (wasSent && late)
        noteLate(sync);
}

void Connection::noteLate(uint64_t sync)
{
    // A ring by SYNC: SYNCs are handed out in order, so it holds the last kLateMemory of them
    // (512 KiB, made on first use) — no node per request as a set would take.
    if (m_lateRing.empty())
        m_lateRing.assign(kLateMemory, 0); // SYNC 0 is never used
    m_lateRing[sync % kLateMemory] = sync;
}

void Connection::noteOwn(uint64_t sync)
{
    if (m_ownSet.insert(sync).second)
        m_ownOrder.push_back(sync);
    while (m_ownOrder.size() > kOwnSyncMemory) {
        m_ownSet.erase(m_ownOrder.front());
        m_ownOrder.pop_front();
    }
}

void Connection::armSweep(qint64 deadlineNs)
{
    // Only an earlier deadline moves the timer: submitting stays O(1) however many
    // requests are in flight.
    if (m_sweepTimer.isActive() && m_sweepDeadlineNs <= deadlineNs)
        return;
    m_sweepDeadlineNs = deadlineNs;
    const qint64 ms = std::max<qint64>(0, (deadlineNs - m_clock.nsecsElapsed() + 999999) / 1000000);
    m_sweepTimer.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
}

void Connection::scheduleSweep()
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Entry &e : std::as_const(m_pending)) {
        if (e.request && e.request->m_deadlineNs > 0)
            next = std::min(next, e.request->m_deadlineNs);
    }
    for (const Entry &e : m_waiting) {
        if (e.request && e.request->m_deadlineNs > 0)
            next = std::min(next, e.request->m_deadlineNs);
    }
    if (!m_lightDeadlines.empty())
        next = std::min(next, m_lightDeadlines.top().first);
    if (next == std::numeric_limits<qint64>::max()) {
        m_sweepTimer.stop();
        return;
    }
    m_sweepTimer.stop();
    armSweep(next);
}

void Connection::sweepTimeouts()
{
    const qint64 now = m_clock.nsecsElapsed();
    sweepLight(now);
    QList<QPointer<Request>> expired;
    QList<QPointer<Request>> waitedForSchema; // by-name requests held while the schema loads
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        Request *r = it->request;
        if (r && r->m_deadlineNs > 0 && r->m_deadlineNs <= now) {
            expired << r;
            noteLate(it.key());
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        Request *r = it->request;
        if (r && r->m_deadlineNs > 0 && r->m_deadlineNs <= now) {
            expired << r;
            if (m_state == State::Ready && it->needsSchema)
                waitedForSchema << r;
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
    for (const QPointer<Request> &r : expired) {
        if (!r)
            continue;
        // Requests wait unsent while the handshake goes on: say what it still waits for.
        const bool handshake = m_state == State::Connecting || m_state == State::Greeting || m_state == State::Auth;
        r->fail(handshake ? Error::timeout(QStringLiteral("Timeout exceeded: no %1 yet").arg(m_handshakeWhat))
                        : waitedForSchema.contains(r)
                        ? Error::timeout(QStringLiteral("Timeout exceeded: the schema is still loading"))
                        : Error::timeout(),
                Request::State::TimedOut);
    }
    scheduleSweep();
}

} // namespace Boxscope
