// boxscope-bench: netcore's Connection against a real Tarantool, one case per process,
// one JSON line on stdout. bench/netbox_bench.lua runs the same cases through net.box and
// prints the same keys; bench/run.sh interleaves both and summarises. See bench/README.md.
//
//   boxscope-bench sync_echo    URI N          sequential call('echo', {1})
//   boxscope-bench async_echo   URI N WINDOW   call('echo', {1}), WINDOW requests in flight, on the
//                                              light path (Connection::sendLight)
//   boxscope-bench async_echo_request URI N WINDOW  the same with a Request per call
//   boxscope-bench push         URI N SIZE     call('push_n', {N, SIZE}), push retention 0
//   boxscope-bench push_keep    URI N SIZE     the same, every push kept and read after the result
//   boxscope-bench select       URI N          select all from space 'bench' (by name), limit N
//   boxscope-bench setup_select URI N          (re)creates space 'bench' with N tuples
//   boxscope-bench idle         URI            connect + ping
//
// Everything runs on the event loop and Request signals; nothing polls. Timing covers the
// measured loop only (connect and warm-up excluded), with std::chrono::steady_clock.
#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/Uri.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#ifndef BOXSCOPE_BENCH_BUILD_TYPE
#    define BOXSCOPE_BENCH_BUILD_TYPE ""
#endif

using namespace Boxscope;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWarmup = 1000;
constexpr int kDeadlineMs = 120000; // nothing may hang the runner

double secondsBetween(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

struct CpuUsage
{
    double user = 0;
    double sys = 0;
    long maxRssKib = 0;
    double total() const { return user + sys; }
};

CpuUsage cpuUsage()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    CpuUsage u;
    u.user = double(ru.ru_utime.tv_sec) + double(ru.ru_utime.tv_usec) / 1e6;
    u.sys = double(ru.ru_stime.tv_sec) + double(ru.ru_stime.tv_usec) / 1e6;
    u.maxRssKib = ru.ru_maxrss;
    return u;
}

// VmHWM is this process image's own peak; ru_maxrss also counts the pre-exec peak of
// the shell that forked us (Linux keeps it across exec), so both are printed.
long vmHwmKib()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Nearest rank, ceil(n * p): the same rule as netbox_bench.lua.
double percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t rank = size_t(std::ceil(double(sorted.size()) * p));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// A JSON object printed with its keys in insertion order (the order the Lua script uses).
class JsonLine
{
public:
    void add(const char *key, double v)
    {
        if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
            raw(key, QByteArray::number(qint64(v)));
        else
            raw(key, QByteArray::number(v, 'g', 10));
    }
    void add(const char *key, const QString &v) { raw(key, quoted(v.toUtf8())); }
    void add(const char *key, const char *v) { raw(key, quoted(QByteArray(v))); }
    void addBool(const char *key, bool v) { raw(key, v ? "true" : "false"); }
    QByteArray text() const { return "{" + m_text + "}"; }

private:
    static QByteArray quoted(QByteArray s)
    {
        s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        return '"' + s + '"';
    }
    void raw(const char *key, const QByteArray &value)
    {
        if (!m_text.isEmpty())
            m_text += ',';
        m_text += '"' + QByteArray(key) + "\":" + value;
    }
    QByteArray m_text;
};

bool isEchoOne(const Request *r)
{
    if (r->state() != Request::State::Done)
        return false;
    const MpValue &data = r->result();
    return data.isArray() && data.size() == 1 && data.at(0).toUInt64() == 1;
}

// N requests, at most `window` in flight; a new one is issued from the finished() slot of
// an old one (window 1: strictly sequential).
// The floor under sync_echo: the same call('echo', {1}) over a bare blocking socket, no event
// loop and no client work (a write, then reads until the whole answer is in), so the table can
// tell the client's share of the latency from the kernel's and the server's. p50 in µs, or a
// negative figure when it cannot run (a unix socket, a user to log in).
double blockingSocketP50(const Uri &uri, int n)
{
    if (uri.isUnix() || !uri.user.isEmpty())
        return -1;
    addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const QByteArray port = QByteArray::number(uri.port);
    if (getaddrinfo(uri.host.toUtf8().constData(), port.constData(), &hints, &found) != 0 || !found)
        return -1;
    const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const bool connected = fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) == 0;
    freeaddrinfo(found);
    auto readExactly = [fd](char *to, size_t size) {
        for (size_t got = 0; got < size;) {
            const ssize_t r = ::read(fd, to + got, size - got);
            if (r <= 0)
                return false;
            got += size_t(r);
        }
        return true;
    };
    std::vector<double> lat;
    char buffer[4096];
    bool ok = connected && readExactly(buffer, 128); // the greeting
    if (ok) {
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const timeval deadline { 10, 0 }; // a server that stops answering ends the floor, not the run
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &deadline, sizeof deadline);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &deadline, sizeof deadline);
        lat.reserve(size_t(n));
    }
    for (int i = 0; ok && i < kWarmup + n; ++i) {
        // 0xce size | {TYPE: CALL, SYNC: i} | {FUNCTION_NAME: "echo", TUPLE: [1]}
        unsigned char f[32] = { 0xce, 0, 0, 0, 0, 0x82, 0x00, 0x0a, 0x01, 0xce };
        size_t k = 10;
        for (int shift = 24; shift >= 0; shift -= 8)
            f[k++] = uchar(uint32_t(i) >> shift);
        const unsigned char body[] = { 0x82, 0x22, 0xa4, 'e', 'c', 'h', 'o', 0x21, 0x91, 0x01 };
        std::memcpy(f + k, body, sizeof body);
        k += sizeof body;
        f[4] = uchar(k - 5);
        const Clock::time_point t0 = Clock::now();
        ok = ::write(fd, f, k) == ssize_t(k) && readExactly(buffer, 5) && uchar(buffer[0]) == 0xce;
        uint32_t length = 0;
        for (int b = 1; ok && b < 5; ++b)
            length = length << 8 | uchar(buffer[b]);
        ok = ok && length <= sizeof buffer && readExactly(buffer, length);
        if (ok && i >= kWarmup)
            lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    if (fd >= 0)
        ::close(fd);
    if (!ok || lat.empty())
        return -1;
    std::sort(lat.begin(), lat.end());
    return percentile(lat, 0.50);
}

struct Pipeline
{
    int total = 0;
    int window = 1;
    bool recordLatency = false;
    std::function<Request *()> issue;
    std::function<bool(const Request *)> check;
    std::function<void()> done;

    int issued = 0;
    int completed = 0;
    int errors = 0;
    QString firstError;
    std::vector<double> latencyUs;
    // Finished requests, deleted from the next answer's handler: their finished() has returned
    // by then. (deleteLater() would post an event, and wake the event loop, once per call.)
    std::vector<Request *> retired;
};

const char *kSetupSelect = R"lua(
local n = ...
return box.session.su('admin', function()
    local s = box.space.bench
    if s ~= nil and s:count() == n then return n end
    if s ~= nil then s:drop() end
    s = box.schema.space.create('bench', {format = {
        {name = 'id', type = 'unsigned'}, {name = 'name', type = 'string'},
        {name = 'value', type = 'unsigned'}}})
    s:create_index('primary', {type = 'tree', parts = {'id'}})
    box.begin()
    for i = 1, n do
        s:insert{i, 'name' .. i, i * 2}
        if i % 1000 == 0 then box.commit() box.begin() end
    end
    box.commit()
    return s:count()
end)
)lua";

class Bench : public QObject
{
public:
    Bench(const QString &caseName, const Uri &uri, const QStringList &args)
        : m_case(caseName)
        , m_uri(uri)
        , m_args(args)
        , m_conn(new Connection(this))
    { }

    // Returns false (after printing why) when the arguments are wrong.
    bool start()
    {
        using Start = void (Bench::*)();
        static const struct
        {
            const char *name;
            int args;
            Start run;
        } cases[] = {
            { "sync_echo", 1, &Bench::runSyncEcho },
            { "async_echo", 2, &Bench::runAsyncEcho },
            { "async_echo_request", 2, &Bench::runAsyncEchoRequest },
            { "push", 2, &Bench::runPush },
            { "push_keep", 2, &Bench::runPushKeep },
            { "select", 1, &Bench::runSelect },
            { "setup_select", 1, &Bench::runSetupSelect },
            { "idle", 0, &Bench::runIdle },
        };
        Start run = nullptr;
        for (const auto &c : cases) {
            if (m_case == QLatin1String(c.name) && m_args.size() >= c.args)
                run = c.run;
        }
        if (!run) {
            std::fprintf(stderr, "boxscope-bench: unknown case or missing arguments: %s\n", qPrintable(m_case));
            return false;
        }
        if (m_case.startsWith(QLatin1String("push")) && m_args.value(1).toInt() < 10) {
            std::fprintf(stderr, "boxscope-bench: push SIZE must be at least 10 (the counter's width)\n");
            return false;
        }
        for (const QString &a : m_args) {
            bool ok = false;
            m_numbers.push_back(a.toInt(&ok));
            if (!ok || m_numbers.back() <= 0) {
                std::fprintf(stderr, "boxscope-bench: not a positive number: %s\n", qPrintable(a));
                return false;
            }
        }
        QTimer::singleShot(kDeadlineMs, this,
                           [this] { fatal(QStringLiteral("deadline of %1 s exceeded").arg(kDeadlineMs / 1000)); });
        connect(m_conn, &Connection::disconnected, this, [this](const Error &e) {
            if (!m_finished)
                fatal(QStringLiteral("disconnected: %1").arg(e.message));
        });
        if (qEnvironmentVariableIsSet("BOXSCOPE_BENCH_DEBUG")) {
            connect(m_conn, &Connection::stateChanged, this, [](Connection::State st) {
                std::fprintf(stderr, "debug: state %s\n", qPrintable(Connection::stateName(st)));
            });
            connect(m_conn, &Connection::schemaLoaded, this, [](quint64 version) {
                std::fprintf(stderr, "debug: schema %llu loaded\n", (unsigned long long)version);
            });
            connect(m_conn, &Connection::requestSent, this, [](Request *r) {
                std::fprintf(stderr, "debug: sent %s %s sync %llu\n", qPrintable(r->method()), qPrintable(r->target()),
                             (unsigned long long)r->sync());
            });
        }
        m_connectStart = Clock::now();
        connect(m_conn, &Connection::ready, this, [this, run] {
            m_connectedAt = Clock::now();
            (this->*run)();
        });
        m_conn->connectToServer(m_uri);
        return true;
    }

private:
    // ---- cases ------------------------------------------------------------------------

    void runSyncEcho()
    {
        const int n = m_numbers[0];
        pipeline(kWarmup, 1, false, echoIssuer(), isEchoOne, [this, n] {
            const CpuUsage cpu0 = cpuUsage();
            const Clock::time_point t0 = Clock::now();
            pipeline(n, 1, true, echoIssuer(), isEchoOne, [this, n, cpu0, t0] {
                const double s = secondsBetween(t0, Clock::now());
                std::vector<double> lat = std::move(m_last->latencyUs);
                std::sort(lat.begin(), lat.end());
                JsonLine j = header(n);
                j.add("window", 1);
                j.add("per_s", std::round(n / s));
                j.add("unit", "calls");
                j.add("p50_us", std::round(percentile(lat, 0.50) * 10) / 10);
                j.add("p99_us", std::round(percentile(lat, 0.99) * 10) / 10);
                j.add("total_ms", ms(s));
                const CpuUsage cpuEnd = cpuUsage(); // the floor's run is not the client's CPU
                const double floor = blockingSocketP50(m_uri, n);
                if (floor >= 0)
                    j.add("floor_p50_us", std::round(floor * 10) / 10);
                finish(j, m_last->errors == 0, cpu0, m_last->firstError, cpuEnd);
            });
        });
    }

    // The pipelined path as a load generator uses it: Connection::sendLight, one handler for
    // every answer, each answer's body checked byte for byte: {DATA: [1]}.
    void runAsyncEcho()
    {
        const int n = m_numbers[0];
        const int window = m_numbers[1];
        lightEcho(kWarmup, std::min(window, kWarmup), [this, n, window] {
            const CpuUsage cpu0 = cpuUsage();
            const Clock::time_point t0 = Clock::now();
            lightEcho(n, window, [this, n, window, cpu0, t0] {
                const double s = secondsBetween(t0, Clock::now());
                JsonLine j = header(n);
                j.add("window", window);
                j.add("per_s", std::round(n / s));
                j.add("unit", "calls");
                j.add("total_ms", ms(s));
                finish(j, m_light->errors == 0, cpu0, m_light->firstError);
            });
        });
    }

    // {DATA: [1]} in the body's msgpack, whichever array header width the server chose
    // (2.6 writes array32).
    static bool isEchoOneBody(const char *body, size_t size)
    {
        const auto *b = reinterpret_cast<const uchar *>(body);
        if (size < 4 || b[0] != 0x81 || b[1] != 0x30)
            return false;
        size_t at = 2;
        if (b[at] == 0x91)
            at += 1;
        else if (b[at] == 0xdc && size >= at + 3 && b[at + 1] == 0 && b[at + 2] == 1)
            at += 3;
        else if (b[at] == 0xdd && size >= at + 5 && b[at + 1] == 0 && b[at + 2] == 0 && b[at + 3] == 0
                 && b[at + 4] == 1)
            at += 5;
        else
            return false;
        return size == at + 1 && b[at] == 0x01;
    }

    struct LightPipeline
    {
        int total = 0;
        int window = 1;
        int issued = 0;
        int completed = 0;
        int errors = 0;
        QString firstError;
        std::function<void()> done;
    };

    void lightEcho(int total, int window, std::function<void()> done)
    {
        auto p = std::make_shared<LightPipeline>();
        p->total = total;
        p->window = window;
        p->done = std::move(done);
        m_light = p;
        const RequestSpec spec = RequestSpec::call(QStringLiteral("echo"), MpValue::array({ MpValue::uinteger(1) }));
        auto fill = [this, p, spec] {
            while (p->issued < p->total && p->issued - p->completed < p->window) {
                QString error;
                if (!m_conn->sendLight(spec, uint64_t(p->issued), &error))
                    return fatal(QStringLiteral("sendLight: %1").arg(error));
                ++p->issued;
            }
        };
        m_conn->setLightHandler([p, fill](const Connection::LightAnswer &a) {
            if (a.push)
                return;
            if (a.error || !isEchoOneBody(a.body, a.bodySize)) {
                if (p->errors++ == 0)
                    p->firstError = a.error
                            ? a.error->message
                            : QStringLiteral("unexpected result: %1")
                                      .arg(QString::fromLatin1(QByteArray(a.body, qsizetype(a.bodySize)).toHex(' ')));
            }
            if (++p->completed == p->total)
                p->done();
            else
                fill();
        });
        fill();
    }

    void runAsyncEchoRequest()
    {
        const int n = m_numbers[0];
        const int window = m_numbers[1];
        pipeline(kWarmup, std::min(window, kWarmup), false, echoIssuer(), isEchoOne, [this, n, window] {
            const CpuUsage cpu0 = cpuUsage();
            const Clock::time_point t0 = Clock::now();
            pipeline(n, window, false, echoIssuer(), isEchoOne, [this, n, window, cpu0, t0] {
                const double s = secondsBetween(t0, Clock::now());
                JsonLine j = header(n);
                j.add("window", window);
                j.add("per_s", std::round(n / s));
                j.add("unit", "calls");
                j.add("total_ms", ms(s));
                finish(j, m_last->errors == 0, cpu0, m_last->firstError);
            });
        });
    }

    // push_n(n, size) sends n distinct strings: a 10-digit counter, then filler. Each push
    // is checked for its counter and length, so a lost or reordered push shows as an error.
    void runPush()
    {
        const int n = m_numbers[0];
        const int size = m_numbers[1];
        pushOnce(std::min(n, 1000), size, [this, n, size](const PushResult &warmup) {
            if (!warmup.error.isEmpty())
                return fatal(QStringLiteral("warm-up: %1").arg(warmup.error));
            const CpuUsage cpu0 = cpuUsage();
            pushOnce(n, size, [this, n, size, cpu0](const PushResult &r) {
                JsonLine j = header(n);
                j.add("size", size);
                j.add("per_s", std::round(n / r.seconds));
                j.add("unit", "pushes");
                j.add("received", double(r.received));
                j.add("first_push_ms", ms(r.firstPushSeconds));
                j.add("total_ms", ms(r.seconds));
                const bool ok = r.error.isEmpty() && r.received == uint64_t(n) && r.bad == 0;
                finish(j, ok, cpu0,
                       !r.error.isEmpty() ? r.error
                                          : QStringLiteral("%1 pushes received of %2, %3 malformed or out of order")
                                                    .arg(r.received)
                                                    .arg(n)
                                                    .arg(r.bad));
            });
        });
    }

    // Every push kept: no count or byte cap on the request nor on the connection (the default
    // byte caps would drop most of 200 000 pushes of 1 KiB). Once the result is in, the kept
    // pushes are read and checked like the streamed ones; the clock stops after that check.
    void runPushKeep()
    {
        const int n = m_numbers[0];
        const int size = m_numbers[1];
        m_conn->setPushRetentionBytesTotal(-1);
        pushKeepOnce(std::min(n, 1000), size, [this, n, size](const PushResult &warmup) {
            if (!warmup.error.isEmpty())
                return fatal(QStringLiteral("warm-up: %1").arg(warmup.error));
            const CpuUsage cpu0 = cpuUsage();
            pushKeepOnce(n, size, [this, n, size, cpu0](const PushResult &r) {
                JsonLine j = header(n);
                j.add("size", size);
                j.add("per_s", std::round(n / r.seconds));
                j.add("unit", "pushes");
                j.add("received", double(r.received));
                j.add("kept", double(r.kept));
                j.add("kept_mib", std::round(double(r.keptBytes) / 1048576.0 * 10) / 10);
                j.add("first_push_ms", ms(r.firstPushSeconds));
                j.add("total_ms", ms(r.seconds));
                const bool ok = r.error.isEmpty() && r.received == uint64_t(n) && r.kept == uint64_t(n) && r.bad == 0;
                finish(j, ok, cpu0,
                       !r.error.isEmpty()
                               ? r.error
                               : QStringLiteral("%1 pushes received of %2, %3 kept, %4 malformed or out of order")
                                         .arg(r.received)
                                         .arg(n)
                                         .arg(r.kept)
                                         .arg(r.bad));
            });
        });
    }

    void runSelect()
    {
        const int n = m_numbers[0];
        selectOnce(std::min(n, 1000), [this, n](double, const QString &warmupError) {
            if (!warmupError.isEmpty())
                return fatal(QStringLiteral("warm-up: %1").arg(warmupError));
            const CpuUsage cpu0 = cpuUsage();
            selectOnce(n, [this, n, cpu0](double s, const QString &error) {
                JsonLine j = header(n);
                j.add("per_s", std::round(n / s));
                j.add("unit", "tuples");
                j.add("total_ms", ms(s));
                finish(j, error.isEmpty(), cpu0, error);
            });
        });
    }

    void runSetupSelect()
    {
        const int n = m_numbers[0];
        const CpuUsage cpu0 = cpuUsage();
        const Clock::time_point t0 = Clock::now();
        Request *r = m_conn->eval(QString::fromUtf8(kSetupSelect), MpValue::array({ MpValue::uinteger(uint64_t(n)) }));
        whenFinished(r, [this, r, n, cpu0, t0] {
            const double s = secondsBetween(t0, Clock::now());
            const bool ok = r->state() == Request::State::Done && r->result().size() == 1
                    && r->result().at(0).toUInt64() == uint64_t(n);
            JsonLine j = header(n);
            j.add("total_ms", ms(s));
            finish(j, ok, cpu0, r->error().isNull() ? QStringLiteral("unexpected result") : r->error().message);
        });
    }

    void runIdle()
    {
        const CpuUsage cpu0 = cpuUsage();
        Request *r = m_conn->ping();
        whenFinished(r, [this, r, cpu0] {
            const double s = secondsBetween(m_connectStart, Clock::now());
            JsonLine j = header(1);
            j.add("connect_ms", ms(secondsBetween(m_connectStart, m_connectedAt)));
            j.add("total_ms", ms(s));
            finish(j, r->state() == Request::State::Done, cpu0, r->error().message);
        });
    }

    // ---- building blocks --------------------------------------------------------------

    // A request can be finished before the caller sees it: a by-name request against a
    // loaded schema that lacks the name fails inside Connection::select(). Its finished()
    // has then been emitted already, so the handler is queued instead.
    template<typename F>
    void whenFinished(Request *r, F &&handler)
    {
        if (r->isFinished())
            QMetaObject::invokeMethod(this, std::forward<F>(handler), Qt::QueuedConnection);
        else
            connect(r, &Request::finished, this, std::forward<F>(handler));
    }

    std::function<Request *()> echoIssuer()
    {
        const QString function = QStringLiteral("echo");
        const MpValue args = MpValue::array({ MpValue::uinteger(1) });
        return [this, function, args] { return m_conn->call(function, args); };
    }

    void pipeline(int total, int window, bool recordLatency, std::function<Request *()> issue,
                  std::function<bool(const Request *)> check, std::function<void()> done)
    {
        auto p = std::make_shared<Pipeline>();
        p->total = total;
        p->window = window;
        p->recordLatency = recordLatency;
        p->issue = std::move(issue);
        p->check = std::move(check);
        p->done = std::move(done);
        if (recordLatency)
            p->latencyUs.reserve(size_t(total));
        m_last = p;
        fill(p);
    }

    void fill(const std::shared_ptr<Pipeline> &p)
    {
        while (p->issued < p->total && p->issued - p->completed < p->window)
            issueOne(p);
    }

    void issueOne(const std::shared_ptr<Pipeline> &p)
    {
        const Clock::time_point t0 = Clock::now();
        Request *r = p->issue();
        ++p->issued;
        whenFinished(r, [this, p, r, t0] {
            if (p->recordLatency)
                p->latencyUs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
            if (!p->check(r)) {
                if (p->errors++ == 0)
                    p->firstError = r->error().isNull() ? QStringLiteral("unexpected result") : r->error().message;
            }
            ++p->completed;
            for (Request *old : p->retired)
                delete old;
            p->retired.clear();
            p->retired.push_back(r);
            if (p->completed == p->total) {
                r->deleteLater();
                p->retired.clear();
                p->done();
            } else
                fill(p);
        });
    }

    struct PushResult
    {
        double seconds = 0;
        double firstPushSeconds = 0;
        uint64_t received = 0;
        uint64_t bad = 0;
        uint64_t kept = 0;
        qint64 keptBytes = 0;
        QString error;
    };

    // A push is a string of `size` bytes that starts with its 1-based index in 10 digits.
    static bool isPush(const MpValue &value, uint64_t index, int size)
    {
        const QByteArray &bytes = value.bytes();
        bool ok = false;
        return value.isStr() && bytes.size() == size && bytes.size() >= 10
                && QByteArray::fromRawData(bytes.constData(), 10).toULongLong(&ok) == index && ok;
    }

    void pushOnce(int n, int size, std::function<void(const PushResult &)> done)
    {
        auto result = std::make_shared<PushResult>();
        const Clock::time_point t0 = Clock::now();
        RequestOptions opts;
        opts.pushRetention = 0;
        Request *r = m_conn->call(QStringLiteral("push_n"),
                                  MpValue::array({ MpValue::uinteger(uint64_t(n)), MpValue::uinteger(uint64_t(size)) }),
                                  opts);
        connect(r, &Request::pushReceived, this, [result, t0, size](const MpValue &value, quint64 index) {
            if (++result->received == 1)
                result->firstPushSeconds = secondsBetween(t0, Clock::now());
            if (index != result->received || !isPush(value, index, size))
                ++result->bad;
        });
        whenFinished(r, [this, r, n, result, t0, done] {
            result->seconds = secondsBetween(t0, Clock::now());
            if (r->state() != Request::State::Done)
                result->error = r->error().message;
            else if (r->result().size() != 1 || r->result().at(0).toUInt64() != uint64_t(n))
                result->error = QStringLiteral("push_n returned something else than %1").arg(n);
            r->deleteLater();
            done(*result);
        });
    }

    void pushKeepOnce(int n, int size, std::function<void(const PushResult &)> done)
    {
        auto result = std::make_shared<PushResult>();
        const Clock::time_point t0 = Clock::now();
        RequestOptions opts;
        opts.pushRetention = -1;
        opts.pushRetentionBytes = -1;
        Request *r = m_conn->call(QStringLiteral("push_n"),
                                  MpValue::array({ MpValue::uinteger(uint64_t(n)), MpValue::uinteger(uint64_t(size)) }),
                                  opts);
        // The first push's time, from the same clock as the streamed case; the slot goes at once.
        auto first = std::make_shared<QMetaObject::Connection>();
        *first = connect(r, &Request::pushReceived, this, [result, t0, first] {
            result->firstPushSeconds = secondsBetween(t0, Clock::now());
            QObject::disconnect(*first);
        });
        whenFinished(r, [r, n, size, result, t0, done] {
            if (r->state() != Request::State::Done)
                result->error = r->error().message;
            else if (r->result().size() != 1 || r->result().at(0).toUInt64() != uint64_t(n))
                result->error = QStringLiteral("push_n returned something else than %1").arg(n);
            result->received = r->pushCount();
            result->keptBytes = r->heldPushBytes();
            // Every kept push read where it is kept, as net.box's pairs() hands out its
            // strings: the string's bytes in place, its counter and its length checked.
            const PushStore &held = r->pushes();
            for (size_t i = 0; i < held.size(); ++i) {
                ++result->kept;
                QByteArrayView text;
                bool ok = false;
                if (held.indexAt(i) != result->kept || !held.stringAt(i, &text) || text.size() != size
                    || text.first(10).toULongLong(&ok) != held.indexAt(i) || !ok)
                    ++result->bad;
            }
            result->seconds = secondsBetween(t0, Clock::now());
            r->deleteLater();
            done(*result);
        });
    }

    void selectOnce(int n, std::function<void(double, const QString &)> done)
    {
        const Clock::time_point t0 = Clock::now();
        SelectOptions so;
        so.iterator = Iproto::ALL;
        so.limit = uint32_t(n);
        Request *r = m_conn->select(ObjectRef(QStringLiteral("bench")), MpValue::array(), so);
        whenFinished(r, [r, n, t0, done] {
            // What the result view shows: a large select's rows stay msgpack with an index and
            // the grid decodes its first page (1 000 rows); a small one is a tree already.
            QString error;
            size_t count = 0;
            MpValue last;
            if (const std::shared_ptr<const MpRawArray> raw = r->rawResult()) {
                std::vector<MpValue> page;
                page.reserve(std::min<size_t>(raw->size(), 1000));
                for (size_t i = 0; i < raw->size() && i < 1000; ++i)
                    page.push_back(raw->item(i));
                count = raw->size();
                if (count > 0)
                    last = raw->item(count - 1);
            } else if (r->result().isArray()) {
                count = r->result().size();
                if (count > 0)
                    last = r->result().at(count - 1);
            }
            const double s = secondsBetween(t0, Clock::now());
            if (r->state() != Request::State::Done)
                error = r->error().message;
            else if (count != size_t(n))
                error = QStringLiteral("%1 tuples instead of %2 (run setup_select first)").arg(count).arg(n);
            else if (last.size() != 3 || last.at(0).toUInt64() != uint64_t(n))
                error = QStringLiteral("the last tuple is not {%1, ...}").arg(n);
            r->deleteLater();
            done(s, error);
        });
    }

    static double ms(double seconds) { return std::round(seconds * 1e6) / 1e3; }

    JsonLine header(int n) const
    {
        JsonLine j;
        j.add("client", "boxscope");
        j.add("case", m_case);
        j.add("n", n);
        return j;
    }

    // `end`: the CPU at the loop's end when the process did more after it (sync_echo's floor).
    void finish(JsonLine &j, bool ok, const CpuUsage &loopStart, const QString &error,
                std::optional<CpuUsage> end = std::nullopt)
    {
        const CpuUsage now = end ? *end : cpuUsage();
        j.add("cpu_loop_s", std::round((now.total() - loopStart.total()) * 1e4) / 1e4);
        j.add("cpu_s", std::round(now.total() * 1e4) / 1e4);
        j.add("cpu_user_s", std::round(now.user * 1e4) / 1e4);
        j.add("cpu_sys_s", std::round(now.sys * 1e4) / 1e4);
        j.add("maxrss_kib", double(now.maxRssKib));
        j.add("hwm_kib", double(vmHwmKib()));
        j.addBool("ok", ok);
        if (!ok)
            j.add("error", error);
        j.add("build", BOXSCOPE_BENCH_BUILD_TYPE);
        std::printf("%s\n", j.text().constData());
        std::fflush(stdout);
        m_finished = true;
        QCoreApplication::exit(ok ? 0 : 1);
    }

    void fatal(const QString &message)
    {
        if (m_finished)
            return;
        JsonLine j = header(m_numbers.empty() ? 0 : m_numbers[0]);
        j.addBool("ok", false);
        j.add("error", message);
        std::printf("%s\n", j.text().constData());
        std::fflush(stdout);
        m_finished = true;
        QCoreApplication::exit(1);
    }

    QString m_case;
    Uri m_uri;
    QStringList m_args;
    std::vector<int> m_numbers;
    Connection *m_conn;
    std::shared_ptr<Pipeline> m_last;
    std::shared_ptr<LightPipeline> m_light;
    Clock::time_point m_connectStart;
    Clock::time_point m_connectedAt;
    bool m_finished = false;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr,
                     "usage: boxscope-bench CASE URI [ARGS]\n"
                     "  sync_echo URI N | async_echo URI N WINDOW | async_echo_request URI N WINDOW\n"
                     "  push URI N SIZE | push_keep URI N SIZE\n"
                     "  select URI N | setup_select URI N | idle URI\n");
        return 2;
    }
    Uri uri;
    QString error;
    if (!Uri::parse(args.at(2), &uri, &error)) {
        std::fprintf(stderr, "boxscope-bench: bad URI: %s\n", qPrintable(error));
        return 2;
    }
    Bench bench(args.at(1), uri, args.mid(3));
    if (!bench.start())
        return 2;
    return app.exec();
}
