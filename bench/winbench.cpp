// boxscope-winbench: the real Boxscope::MainWindow under load, measured from inside. It
// connects to a server that runs resources/sandbox.lua (with the space 'bench' of
// bench/run.sh's setup_select), then through the Remote call panel, as a person would with
// the form and the Send button:
//
//   idle     the window connected and doing nothing, IDLE_MS long
//   push     call push_n(N, SIZE): the push list fills while the pushes arrive
//   select   select from space 'bench', iterator ALL, limit N: the result view shows the tuples
//
// A 1 ms precise QTimer runs all the time; each tick's lateness is the gap since the previous
// tick minus 1 ms, i.e. how long the event loop was busy elsewhere. A phase runs from the
// click on Send to the request's end plus TAIL_MS (the list's and the view's work after the
// last message). One JSON line per phase on stdout, the same keys as boxscope-bench's where
// they mean the same. See bench/README.md: it runs under xvfb-run (or QT_QPA_PLATFORM=offscreen,
// which paints nothing on a screen).
//
//   boxscope-winbench URI [--pushes N] [--size SIZE] [--select N] [--idle-ms MS] [--tail-ms MS]
#include "ConnectionWorkspace.h"
#include "MainWindow.h"
#include "WmPingProbe.h"
#include "client/Connection.h"
#include "client/Request.h"
#include "connection/ConnectionProfile.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestForm.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#ifndef BOXSCOPE_BENCH_BUILD_TYPE
#    define BOXSCOPE_BENCH_BUILD_TYPE ""
#endif

using namespace Boxscope;

namespace {

double cpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec) + double(ru.ru_utime.tv_usec) / 1e6 + double(ru.ru_stime.tv_sec)
            + double(ru.ru_stime.tv_usec) / 1e6;
}

long maxRssKib()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

long statusKib(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Nearest rank, ceil(n * p), as in boxscope-bench.
double percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t rank = size_t(std::ceil(double(sorted.size()) * p));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

QByteArray number(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return QByteArray::number(qint64(v));
    return QByteArray::number(v, 'g', 10);
}

double round3(double v)
{
    return std::round(v * 1000) / 1000;
}

class WinBench : public QObject
{
public:
    struct Options
    {
        QString uri;
        int pushes = 200000;
        int size = 16;
        int select = 100000;
        int idleMs = 1000;
        int tailMs = 1000;
        bool twoConnections = true; ///< the window_push_two phase
        QString label;              ///< appended to every phase's case name ("busy": window_push_busy, …)
    };

    explicit WinBench(const Options &o)
        : m_o(o)
    {
        m_window.resize(1280, 800);
        m_window.show();
        // The outside view: _NET_WM_PING round trips, answered by the GUI thread (X11 only).
        if (QApplication::platformName() == QLatin1String("xcb"))
            m_probing = m_probe.start(uint32_t(m_window.winId()));
        m_ticker.setTimerType(Qt::PreciseTimer);
        m_ticker.setInterval(1);
        connect(&m_ticker, &QTimer::timeout, this, [this] { tick(); });
        QTimer::singleShot(180000, this, [this] { fail(QStringLiteral("deadline of 180 s exceeded")); });
    }

    void start()
    {
        Connection *c = m_window.connection();
        m_window.connectTo(m_o.uri);
        // Setup only: wait for Ready and the schema (the select names the space).
        auto *poll = new QTimer(this);
        poll->setInterval(10);
        connect(poll, &QTimer::timeout, this, [this, c, poll] {
            if (c->isReady() && c->schema().isLoaded()) {
                poll->deleteLater();
                m_window.tabs()->setCurrentWidget(m_window.remoteCallPanel());
                m_clock.start();
                m_lastTick = m_clock.nsecsElapsed();
                m_ticker.start();
                beginPhase(QStringLiteral("window_idle"));
                QTimer::singleShot(m_o.idleMs, this, [this] {
                    endPhase(m_o.idleMs, true, QString());
                    runPush();
                });
            }
        });
        poll->start();
    }

private:
    struct Phase
    {
        QString name;
        std::vector<double> lateMs;
        qint64 startNs = 0;
        double cpu0 = 0;
        double finishedMs = -1;
        double listFullMs = -1; ///< push: when the list first showed every row it will show
    };

    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const double late = double(now - m_lastTick) / 1e6 - 1.0;
        m_lastTick = now;
        m_phase.lateMs.push_back(std::max(0.0, late));
        if (m_phase.listFullMs < 0 && m_listTarget > 0
            && m_window.remoteCallPanel()->detail()->pushes()->rowCount() >= m_listTarget)
            m_phase.listFullMs = sinceStart();
    }

    double sinceStart() const { return double(m_clock.nsecsElapsed() - m_phase.startNs) / 1e6; }

    void beginPhase(const QString &name)
    {
        m_phase = Phase();
        m_phase.name = m_o.label.isEmpty() ? name : name + QLatin1Char('_') + m_o.label;
        m_phase.lateMs.reserve(200000);
        m_phase.startNs = m_clock.nsecsElapsed();
        m_phase.cpu0 = cpuSeconds();
        m_probe.take();
    }

    // Fills the form and clicks Send; `done` runs TAIL_MS after the request's end.
    void send(const RequestForm::Texts &texts, std::function<void(Request *)> done)
    {
        RemoteCallPanel *panel = m_window.remoteCallPanel();
        panel->form()->setTexts(texts);
        if (!panel->sendButton()->isEnabled())
            return fail(QStringLiteral("the Send button is disabled: %1").arg(panel->form()->problem()));
        QPointer<Request> sent;
        const auto c = connect(panel, &RemoteCallPanel::requestSent, this, [&sent](Request *r) { sent = r; });
        panel->sendButton()->click();
        disconnect(c);
        if (!sent)
            return fail(QStringLiteral("Send sent nothing"));
        QPointer<Request> r = sent;
        auto finished = [this, r, done] {
            m_phase.finishedMs = sinceStart();
            QTimer::singleShot(m_o.tailMs, this, [r, done] { done(r.data()); });
        };
        if (r->isFinished())
            QMetaObject::invokeMethod(this, finished, Qt::QueuedConnection);
        else
            connect(r, &Request::finished, this, finished);
    }

    void runPush()
    {
        beginPhase(QStringLiteral("window_push"));
        PushListModel *list = m_window.remoteCallPanel()->detail()->pushes();
        m_listTarget = std::min(m_o.pushes, list->cap());
        RequestForm::Texts t;
        t.method = RequestSpec::Method::Call;
        t.target = QStringLiteral("push_n");
        t.arguments = QStringLiteral("{%1, %2}").arg(m_o.pushes).arg(m_o.size);
        send(t, [this, list](Request *r) {
            list->flush();
            // Big pushes are capped by bytes before the list's row cap: it is full with what
            // the request holds, which it shows from the result on (it flushes on finished()).
            if (m_phase.listFullMs < 0 && r && r->pushes().size() < size_t(m_listTarget)
                && list->rowCount() >= int(r->pushes().size()))
                m_phase.listFullMs = m_phase.finishedMs;
            QString error;
            if (!r)
                error = QStringLiteral("the request is gone");
            else if (r->state() != Request::State::Done)
                error = r->error().message;
            else if (r->pushCount() != uint64_t(m_o.pushes))
                error = QStringLiteral("%1 pushes instead of %2").arg(r->pushCount()).arg(m_o.pushes);
            m_extra = "\"size\":" + number(m_o.size) + ",\"received\":" + number(r ? double(r->pushCount()) : 0)
                    + ",\"kept\":" + number(r ? double(r->pushes().size()) : 0) + ",\"list_rows\":"
                    + number(list->rowCount()) + ",\"list_full_ms\":" + number(round3(m_phase.listFullMs)) + ",";
            m_listTarget = 0;
            endPhase(m_o.pushes, error.isEmpty(), error);
            runSelect();
        });
    }

    void runSelect()
    {
        beginPhase(QStringLiteral("window_select"));
        RequestForm::Texts t;
        t.method = RequestSpec::Method::Select;
        t.target = QStringLiteral("bench");
        t.limit = m_o.select;
        t.iterator = 2; // ALL
        send(t, [this](Request *r) {
            QString error;
            if (!r)
                error = QStringLiteral("the request is gone");
            else if (r->state() != Request::State::Done)
                error = r->error().message;
            else if (r->resultCount() != size_t(m_o.select)) // counted, not decoded, as the view does
                error = QStringLiteral("%1 tuples instead of %2 (run bench/run.sh's setup_select first)")
                                .arg(r->resultCount())
                                .arg(m_o.select);
            endPhase(m_o.select, error.isEmpty(), error);
            if (m_o.twoConnections)
                runPushTwo();
            else
                QApplication::exit(m_failed ? 1 : 0);
        });
    }

    // Two connections flood at once: a second tab on the same server and the first one each
    // call push_n(N, SIZE) from their own remote-call panel, the first tab's list shown.
    void runPushTwo()
    {
        ConnectionProfile profile;
        profile.uri = m_o.uri;
        profile.name = QStringLiteral("second");
        ConnectionWorkspace *second = m_window.openWorkspace(profile, true);
        m_window.setCurrentWorkspace(0);
        auto *poll = new QTimer(this);
        poll->setInterval(10);
        connect(poll, &QTimer::timeout, this, [this, poll, second] {
            if (!second->connection()->isReady())
                return;
            poll->deleteLater();
            beginPhase(QStringLiteral("window_push_two"));
            RequestForm::Texts t;
            t.method = RequestSpec::Method::Call;
            t.target = QStringLiteral("push_n");
            t.arguments = QStringLiteral("{%1, %2}").arg(m_o.pushes).arg(m_o.size);
            RemoteCallPanel *other = second->remoteCallPanel();
            other->form()->setTexts(t);
            QPointer<Request> background = other->send();
            if (!background)
                return fail(QStringLiteral("the second tab sent nothing: %1").arg(other->form()->problem()));
            send(t, [this, background](Request *r) {
                QString error;
                const auto check = [this, &error](Request *q, const char *which) {
                    if (!q)
                        error = QStringLiteral("the %1 request is gone").arg(QLatin1String(which));
                    else if (q->state() != Request::State::Done)
                        error = QStringLiteral("%1: %2").arg(QLatin1String(which), q->error().message);
                    else if (q->pushCount() != uint64_t(m_o.pushes))
                        error = QStringLiteral("%1: %2 pushes instead of %3")
                                        .arg(QLatin1String(which))
                                        .arg(q->pushCount())
                                        .arg(m_o.pushes);
                };
                check(r, "first");
                if (error.isEmpty())
                    check(background.data(), "second");
                if (error.isEmpty() && !background->isFinished())
                    error = QStringLiteral("the second tab's flood had not finished");
                m_extra = "\"size\":" + number(m_o.size) + ",\"connections\":2,";
                endPhase(m_o.pushes * 2, error.isEmpty(), error);
                QApplication::exit(m_failed ? 1 : 0);
            });
        });
        poll->start();
    }

    void endPhase(int n, bool ok, const QString &error)
    {
        std::vector<double> late = std::move(m_phase.lateMs);
        std::sort(late.begin(), late.end());
        const double phaseMs = sinceStart();
        QByteArray line =
                "{\"client\":\"boxscope\",\"case\":\"" + m_phase.name.toUtf8() + "\",\"n\":" + number(n) + ",";
        line += m_extra;
        m_extra.clear();
        line += "\"finished_ms\":" + number(round3(m_phase.finishedMs)) + ",\"phase_ms\":" + number(round3(phaseMs))
                + ",\"ticks\":" + number(double(late.size())) + ",\"late_p50_ms\":"
                + number(round3(percentile(late, 0.50))) + ",\"late_p99_ms\":" + number(round3(percentile(late, 0.99)))
                + ",\"late_max_ms\":" + number(round3(late.empty() ? 0 : late.back()))
                + ",\"cpu_loop_s\":" + number(std::round((cpuSeconds() - m_phase.cpu0) * 1e4) / 1e4) + ",\"rss_kib\":"
                + number(double(statusKib("VmRSS:"))) + ",\"maxrss_kib\":" + number(double(maxRssKib()))
                + ",\"hwm_kib\":" + number(double(statusKib("VmHWM:"))) + ",\"platform\":\""
                + QApplication::platformName().toUtf8() + "\",";
        if (m_probing) {
            std::vector<double> rtt = m_probe.take();
            std::sort(rtt.begin(), rtt.end());
            line += "\"probe_n\":" + number(double(rtt.size()))
                    + ",\"probe_p50_ms\":" + number(round3(percentile(rtt, 0.50)))
                    + ",\"probe_p99_ms\":" + number(round3(percentile(rtt, 0.99)))
                    + ",\"probe_max_ms\":" + number(round3(rtt.empty() ? 0 : rtt.back())) + ",";
            if (*m_probe.error())
                line += "\"probe_error\":\"" + QByteArray(m_probe.error()) + "\",";
        } else {
            line += "\"probe\":\""
                    + QByteArray(QApplication::platformName() == QLatin1String("xcb") ? m_probe.error() : "not X11")
                    + "\",";
        }
        line += "\"ok\":";
        line += ok ? "true" : "false";
        if (!ok) {
            m_failed = true;
            QByteArray e = error.toUtf8();
            e.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
            line += ",\"error\":\"" + e + "\"";
        }
        line += ",\"build\":\"" BOXSCOPE_BENCH_BUILD_TYPE "\"}";
        std::printf("%s\n", line.constData());
        std::fflush(stdout);
    }

    void fail(const QString &message)
    {
        endPhase(0, false, message);
        QApplication::exit(1);
    }

    Options m_o;
    MainWindow m_window;
    WmPingProbe m_probe;
    bool m_probing = false;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    Phase m_phase;
    int m_listTarget = 0;
    QByteArray m_extra;
    bool m_failed = false;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the window's layout goes to a scratch QSettings
    QCoreApplication::setOrganizationName(QStringLiteral("BoxscopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("boxscope-winbench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The main window under a push flood and a large select, "
                                                    "its event loop's lateness measured from inside."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URI"), QStringLiteral("The bench server (resources/sandbox.lua)."));
    const QCommandLineOption pushes(QStringLiteral("pushes"), QStringLiteral("push_n's N (200000)."),
                                    QStringLiteral("N"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("push_n's SIZE (16)."), QStringLiteral("B"));
    const QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Tuples to select (100000)."),
                                    QStringLiteral("N"));
    const QCommandLineOption idle(QStringLiteral("idle-ms"), QStringLiteral("The idle phase (1000)."),
                                  QStringLiteral("MS"));
    const QCommandLineOption tail(QStringLiteral("tail-ms"),
                                  QStringLiteral("Measured after each request's end (1000)."), QStringLiteral("MS"));
    const QCommandLineOption noTwo(QStringLiteral("no-two"), QStringLiteral("Skip the two-connection flood."));
    const QCommandLineOption label(QStringLiteral("label"),
                                   QStringLiteral("Appended to each phase's case name (e.g. busy)."),
                                   QStringLiteral("WORD"));
    parser.addOptions({ pushes, size, select, idle, tail, noTwo, label });
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr,
                     "usage: boxscope-winbench URI [--pushes N] [--size B] [--select N] [--idle-ms MS] "
                     "[--tail-ms MS] [--no-two] [--label WORD]\n");
        return 2;
    }
    WinBench::Options o;
    o.uri = parser.positionalArguments().first();
    auto intOption = [&parser](const QCommandLineOption &opt, int fallback, int min) {
        if (!parser.isSet(opt))
            return fallback;
        bool ok = false;
        const int v = parser.value(opt).toInt(&ok);
        if (!ok || v < min) {
            std::fprintf(stderr, "boxscope-winbench: bad --%s\n", qPrintable(opt.names().first()));
            std::exit(2);
        }
        return v;
    };
    o.pushes = intOption(pushes, o.pushes, 1);
    o.size = intOption(size, o.size, 10);
    o.select = intOption(select, o.select, 1);
    o.idleMs = intOption(idle, o.idleMs, 0);
    o.tailMs = intOption(tail, o.tailMs, 0);
    o.twoConnections = !parser.isSet(noTwo);
    o.label = parser.value(label);

    WinBench bench(o);
    bench.start();
    return app.exec();
}
