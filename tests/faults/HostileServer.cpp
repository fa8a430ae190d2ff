// SCRIPTED HOSTILE SERVER — only for faults a real tarantool cannot produce.
#include "HostileServer.h"

#include "iproto/Iproto.h"
#include "iproto/RequestEncoder.h"
#include "msgpack/MpCodec.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>
#include <QtEndian>

#include <memory>

#include <arpa/inet.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace Boxscope::Test {

namespace {

MpValue dataBody(const MpValue &data)
{
    MpValue b = MpValue::map();
    b.insert(MpValue::uinteger(Iproto::DATA), data);
    return b;
}

QByteArray beforeValue(int i)
{
    return "before-" + QByteArray::number(i);
}

// One push frame with a uint64 value, built by hand (the flood writes hundreds of thousands):
// ce <size> | {0x00: 0x80, 0x01: sync} | {0x30: [value]}
QByteArray floodPush(uint64_t sync, uint64_t value)
{
    QByteArray f(5 + 14 + 12, Qt::Uninitialized);
    uchar *p = reinterpret_cast<uchar *>(f.data());
    p[0] = 0xce;
    qToBigEndian<quint32>(26, p + 1);
    const uchar header[] = { 0x82, 0x00, 0xcc, 0x80, 0x01, 0xcf };
    memcpy(p + 5, header, sizeof header);
    qToBigEndian<quint64>(sync, p + 11);
    const uchar body[] = { 0x81, 0x30, 0x91, 0xcf };
    memcpy(p + 19, body, sizeof body);
    qToBigEndian<quint64>(value, p + 23);
    return f;
}

} // namespace

HostileServer::HostileServer(Fault fault, QObject *parent)
    : QObject(parent)
    , m_fault(fault)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HostileServer::onNewConnection);
}

HostileServer::~HostileServer()
{
    // Clients go first, without signalling into a half-destroyed server.
    for (QTcpSocket *s : m_server.findChildren<QTcpSocket *>())
        s->disconnect(this);
}

bool HostileServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

Uri HostileServer::uri() const
{
    Uri u;
    u.host = QStringLiteral("127.0.0.1");
    u.port = port();
    return u;
}

QString HostileServer::address() const
{
    return QStringLiteral("127.0.0.1:%1").arg(port());
}

QString HostileServer::faultName(Fault fault)
{
    switch (fault) {
    case Fault::None: return QStringLiteral("none");
    case Fault::WrongGreeting: return QStringLiteral("wrong greeting");
    case Fault::ShortGreeting: return QStringLiteral("short greeting");
    case Fault::HttpService: return QStringLiteral("HTTP service");
    case Fault::MalformedHeader: return QStringLiteral("malformed header");
    case Fault::MalformedBody: return QStringLiteral("malformed body");
    case Fault::TruncatedFrame: return QStringLiteral("truncated frame");
    case Fault::HugeLength32: return QStringLiteral("4 GiB length (ce)");
    case Fault::HugeLength64: return QStringLiteral("huge length (cf)");
    case Fault::UnknownSync: return QStringLiteral("unknown SYNC");
    case Fault::PushAfterResult: return QStringLiteral("push after result");
    case Fault::SlowGreeting: return QStringLiteral("slow greeting");
    case Fault::SlowResponse: return QStringLiteral("slow response");
    case Fault::ResetMidFrame: return QStringLiteral("reset mid-frame");
    case Fault::Flood: return QStringLiteral("flood");
    case Fault::Silent: return QStringLiteral("silent");
    case Fault::AuthNeverAnswered: return QStringLiteral("auth never answered");
    case Fault::RequestNeverAnswered: return QStringLiteral("request never answered");
    case Fault::SchemaNeverAnswered: return QStringLiteral("schema never answered");
    case Fault::NegativeType: return QStringLiteral("negative type");
    case Fault::TypeNotInteger: return QStringLiteral("type not an integer");
    case Fault::BodyNotMap: return QStringLiteral("body not a map");
    case Fault::ErrorMessageNotString: return QStringLiteral("error message not a string");
    case Fault::ResetAfterPush: return QStringLiteral("reset after a push");
    case Fault::HugeDecode: return QStringLiteral("huge decode");
    }
    return {};
}

QByteArray HostileServer::greeting(const QByteArray &version, const QByteArray &protocol)
{
    QByteArray line1 = "Tarantool " + version + " (" + protocol + ") 6e079a5e-15e8-4dba-9363-5bffd4ce554d";
    line1 = line1.leftJustified(63, ' ', true) + '\n';
    QByteArray line2 = QByteArray(32, 'k').toBase64();
    line2 = line2.leftJustified(63, ' ', true) + '\n';
    return line1 + line2;
}

QByteArray HostileServer::frame(uint32_t code, uint64_t sync, const MpValue &body)
{
    return RequestEncoder::frame(code, sync, body);
}

QByteArray HostileServer::rawFrame(const MpValue &header, const MpValue &body)
{
    const QByteArray payload = MpCodec::encode(header) + (body.isNil() ? QByteArray() : MpCodec::encode(body));
    QByteArray f(5, Qt::Uninitialized);
    f[0] = char(0xce);
    qToBigEndian<quint32>(quint32(payload.size()), reinterpret_cast<uchar *>(f.data()) + 1);
    return f + payload;
}

QByteArray HostileServer::pushFrame(uint64_t sync, const MpValue &value)
{
    return frame(Iproto::CHUNK, sync, dataBody(MpValue::array({ value })));
}

QByteArray HostileServer::okFrame(uint64_t sync, const MpValue &data)
{
    return frame(Iproto::OK, sync, dataBody(data));
}

uint64_t HostileServer::syncOf(const Frame &f)
{
    const MpValue *v = f.header.find(uint64_t(Iproto::SYNC));
    return v ? v->toUInt64() : 0;
}

uint32_t HostileServer::typeOf(const Frame &f)
{
    const MpValue *v = f.header.find(uint64_t(Iproto::REQUEST_TYPE));
    return v ? uint32_t(v->toUInt64()) : 0;
}

void HostileServer::dribble(QTcpSocket *socket, const QByteArray &bytes, int intervalMs)
{
    auto *timer = new QTimer(socket); // dies with the socket
    auto pos = std::make_shared<qsizetype>(0);
    QPointer<QTcpSocket> s(socket);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, s, bytes, pos] {
        if (!s || s->state() != QAbstractSocket::ConnectedState || *pos >= bytes.size()) {
            timer->stop();
            timer->deleteLater();
            return;
        }
        s->write(bytes.mid(*pos, 1));
        s->flush();
        ++*pos;
    });
    timer->start(intervalMs);
}

void HostileServer::reset(QTcpSocket *socket)
{
    socket->flush();
    const struct linger lin = { 1, 0 };
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
    socket->abort();
}

void HostileServer::onNewConnection()
{
    while (QTcpSocket *s = m_server.nextPendingConnection()) {
        ++m_connections;
        m_lastClient = s;
        // Every scripted write leaves at once (no Nagle delay): a reset after half a frame
        // comes after that half, not instead of it.
        s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto decoder = std::make_shared<FrameDecoder>();
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QTcpSocket::readyRead, this, [this, s, decoder] {
            decoder->feed(s->readAll());
            Frame f;
            while (decoder->next(&f) == FrameDecoder::Result::Frame) {
                m_requestTypes << typeOf(f);
                if (onFrame)
                    onFrame(s, f);
                else
                    presetFrame(s, f);
                if (s->state() != QAbstractSocket::ConnectedState)
                    return;
            }
        });
        if (onConnect)
            onConnect(s);
        else
            presetConnect(s);
    }
}

void HostileServer::presetConnect(QTcpSocket *s)
{
    switch (m_fault) {
    case Fault::Silent: return;
    case Fault::WrongGreeting:
        // 128 bytes of another service's banner.
        s->write(QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n").leftJustified(128, ' '));
        m_faultDelivered = true;
        return;
    case Fault::ShortGreeting:
        s->write(greeting().left(60));
        s->flush();
        s->disconnectFromHost();
        m_faultDelivered = true;
        return;
    case Fault::HttpService:
        // What an HTTP server answers to bytes it cannot parse, then it closes.
        s->write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
                 "Connection: close\r\n\r\nBad Request");
        s->flush();
        s->disconnectFromHost();
        m_faultDelivered = true;
        return;
    case Fault::SlowGreeting:
        dribble(s, greeting(), dribbleIntervalMs);
        m_faultDelivered = true;
        return;
    default: s->write(greeting()); return;
    }
}

void HostileServer::presetFrame(QTcpSocket *s, const Frame &f)
{
    const uint32_t type = typeOf(f);
    const uint64_t sync = syncOf(f);
    switch (type) {
    case Iproto::SELECT: // the schema: no spaces
        if (m_fault != Fault::SchemaNeverAnswered)
            s->write(okFrame(sync, MpValue::array()));
        return;
    case Iproto::PING: s->write(frame(Iproto::OK, sync, MpValue::map())); return;
    case Iproto::AUTH:
        if (m_fault != Fault::AuthNeverAnswered)
            s->write(frame(Iproto::OK, sync, MpValue::map()));
        return;
    case Iproto::CALL:
    case Iproto::EVAL: break;
    default: s->write(frame(0x8000 | Iproto::ER_UNKNOWN_REQUEST_TYPE, sync, MpValue::map())); return;
    }
    if (m_requestSeen) { // the fault follows the first request only; later ones are answered
        s->write(okFrame(sync, MpValue::array({ MpValue::string("again") })));
        return;
    }
    m_requestSeen = true;
    if (m_fault == Fault::RequestNeverAnswered)
        return;
    for (int i = 1; i <= pushesBefore; ++i)
        s->write(pushFrame(sync, MpValue::string(QString::fromLatin1(beforeValue(i)))));
    s->flush();
    fault(s, sync);
}

void HostileServer::fault(QTcpSocket *s, uint64_t sync)
{
    const QByteArray result = okFrame(sync, MpValue::array({ MpValue::string("done") }));
    switch (m_fault) {
    case Fault::MalformedHeader:
        // A 3-byte frame whose header is 0xc1, a byte msgpack never uses.
        s->write(QByteArray::fromHex("ce00000003c1c1c1"));
        break;
    case Fault::MalformedBody: {
        MpValue header = MpValue::map();
        header.insert(MpValue::uinteger(Iproto::REQUEST_TYPE), MpValue::uinteger(Iproto::OK));
        header.insert(MpValue::uinteger(Iproto::SYNC), MpValue::uinteger(sync));
        const QByteArray h = MpCodec::encode(header);
        // A map of one entry whose value is 0xc1, a byte msgpack never uses.
        const QByteArray body = QByteArray::fromHex("8130c1");
        QByteArray f(5, Qt::Uninitialized);
        f[0] = char(0xce);
        qToBigEndian<quint32>(quint32(h.size() + body.size()), reinterpret_cast<uchar *>(f.data()) + 1);
        s->write(f + h + body);
        break;
    }
    case Fault::TruncatedFrame:
        s->write(result.left(result.size() / 2));
        s->flush();
        s->disconnectFromHost();
        break;
    case Fault::HugeLength32: s->write(QByteArray::fromHex("ceffffffff8200000100")); break;
    case Fault::HugeLength64: s->write(QByteArray::fromHex("cfffffffffffffffff8200000100")); break;
    case Fault::NegativeType:
    case Fault::TypeNotInteger: {
        MpValue header = MpValue::map();
        header.insert(MpValue::uinteger(Iproto::REQUEST_TYPE),
                      m_fault == Fault::NegativeType ? MpValue::integer(-1) : MpValue::string("OK"));
        header.insert(MpValue::uinteger(Iproto::SYNC), MpValue::uinteger(sync));
        MpValue body = MpValue::map();
        body.insert(MpValue::uinteger(Iproto::DATA), MpValue::array({ MpValue::string("done") }));
        s->write(rawFrame(header, body));
        break;
    }
    case Fault::BodyNotMap: s->write(frame(Iproto::OK, sync, MpValue::array({ MpValue::string("done") }))); break;
    case Fault::ErrorMessageNotString: {
        MpValue body = MpValue::map();
        body.insert(MpValue::uinteger(Iproto::ERROR_24), MpValue::uinteger(42));
        s->write(frame(Iproto::TYPE_ERROR | 32, sync, body));
        break;
    }
    case Fault::UnknownSync:
        s->write(okFrame(999999, MpValue::array({ MpValue::string("stray") })));
        s->write(result);
        break;
    case Fault::PushAfterResult:
        s->write(result);
        s->write(pushFrame(sync, MpValue::string("after")));
        break;
    case Fault::SlowResponse: dribble(s, result, dribbleIntervalMs); break;
    case Fault::ResetMidFrame:
        s->write(result.left(result.size() / 2));
        reset(s);
        break;
    case Fault::HugeDecode: s->write(okFrame(sync, MpValue::array(std::vector<MpValue>(200000)))); break;
    case Fault::ResetAfterPush:
        s->write(pushFrame(sync, MpValue::string(QString::fromLatin1(beforeValue(pushesBefore + 1)))));
        reset(s);
        break;
    case Fault::Flood: {
        QPointer<QTcpSocket> guard(s);
        connect(s, &QTcpSocket::bytesWritten, this, [this, guard, sync] {
            if (guard)
                pumpFlood(guard, sync);
        });
        pumpFlood(s, sync);
        break;
    }
    default: s->write(result); break;
    }
    m_faultDelivered = true;
}

// Keeps about 1 MiB queued in the socket: as fast as the client takes it, never more.
void HostileServer::pumpFlood(QTcpSocket *s, uint64_t sync)
{
    if (m_floodDone || s->state() != QAbstractSocket::ConnectedState)
        return;
    while (s->bytesToWrite() < 1024 * 1024) {
        if (floodCount > 0 && m_floodWritten >= quint64(floodCount)) {
            s->write(okFrame(sync, MpValue::array({ MpValue::uinteger(m_floodWritten) })));
            m_floodDone = true;
            return;
        }
        QByteArray batch;
        batch.reserve(31 * 1024);
        for (int i = 0; i < 1024 && (floodCount == 0 || m_floodWritten < quint64(floodCount)); ++i)
            batch += floodPush(sync, ++m_floodWritten);
        s->write(batch);
    }
}

// ---- ResetServer ------------------------------------------------------------------------

ResetServer::~ResetServer()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

bool ResetServer::listen()
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listenFd < 0)
        return false;
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_listenFd, 1) != 0
        || ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return false;
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
    return true;
}

Uri ResetServer::uri() const
{
    Uri u;
    u.host = QStringLiteral("127.0.0.1");
    u.port = m_port;
    return u;
}

QString ResetServer::address() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

QByteArray ResetServer::pushValue(int i, int size)
{
    return QByteArray::number(i).leftJustified(size, '.');
}

void ResetServer::serve()
{
    // Everything below gives up when the test ends (m_stop) or the client goes away.
    auto waitReadable = [this](int fd) {
        pollfd p { fd, POLLIN, 0 };
        while (!m_stop) {
            const int n = ::poll(&p, 1, 20);
            if (n != 0)
                return n > 0;
        }
        return false;
    };
    if (!waitReadable(m_listenFd))
        return;
    const int fd = ::accept(m_listenFd, nullptr, nullptr);
    if (fd < 0)
        return;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto sendAll = [&](const QByteArray &bytes) {
        qsizetype at = 0;
        while (at < bytes.size() && !m_stop) {
            const ssize_t n = ::send(fd, bytes.constData() + at, size_t(bytes.size() - at), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            at += n;
        }
        return at == bytes.size();
    };
    FrameDecoder decoder;
    bool ok = sendAll(HostileServer::greeting());
    while (ok && !callSeen && waitReadable(fd)) {
        char buf[4096];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        decoder.feed(buf, size_t(n));
        Frame f;
        while (ok && !callSeen && decoder.next(&f) == FrameDecoder::Result::Frame) {
            const uint64_t sync = HostileServer::syncOf(f);
            switch (HostileServer::typeOf(f)) {
            case Iproto::SELECT: ok = sendAll(HostileServer::okFrame(sync, MpValue::array())); break;
            case Iproto::PING: ok = sendAll(HostileServer::frame(Iproto::OK, sync, MpValue::map())); break;
            case Iproto::CALL:
                callSeen = true;
                for (int i = 1; ok && i <= pushes; ++i) {
                    ok = sendAll(HostileServer::pushFrame(
                            sync, MpValue::string(QString::fromLatin1(pushValue(i, pushSize)))));
                    if (ok)
                        ++pushesSent;
                }
                break;
            default: break;
            }
        }
    }
    // Nothing left in the send queue: every byte is in the client's kernel when the reset goes.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int queued = 1;
    while (ok && !m_stop && std::chrono::steady_clock::now() < until && ::ioctl(fd, SIOCOUTQ, &queued) == 0
           && queued > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const struct linger lin = { 1, 0 };
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
    ::close(fd);
    resetDone = true;
}

// ---- BlackholeListener -----------------------------------------------------------------

BlackholeListener::BlackholeListener()
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listenFd < 0)
        return;
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_listenFd, 0) != 0
        || ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        ::close(m_listenFd);
        m_listenFd = -1;
        return;
    }
    m_port = ntohs(addr.sin_port);
    // The filler takes the only place in the accept queue.
    m_fillerFd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fillerFd >= 0 && ::connect(m_fillerFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(m_fillerFd);
        m_fillerFd = -1;
    }
}

BlackholeListener::~BlackholeListener()
{
    if (m_fillerFd >= 0)
        ::close(m_fillerFd);
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

Uri BlackholeListener::uri() const
{
    Uri u;
    u.host = QStringLiteral("127.0.0.1");
    u.port = m_port;
    return u;
}

} // namespace Boxscope::Test
