#include "vitals/VitalsPanel.h"

#include "client/Connection.h"
#include "client/Request.h"
#include "msgpack/MpValue.h"
#include "vitals/VitalsChart.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

// The groups, in the order the charts stack.
const char *const kRequests = "requests";
const char *const kNetwork = "network";
const char *const kMemory = "memory";
const char *const kSlab = "slab";
const char *const kFibers = "fibers";
const char *const kReplication = "replication";

// ER_ACCESS_DENIED: the user may not eval at all.
constexpr uint32_t kAccessDenied = 42;

double number(const MpValue &v)
{
    if (v.isNumber())
        return v.toDouble();
    if (v.isStr()) // box.slab.info()'s ratios: "12.50%"
        return v.toQString().remove(QLatin1Char('%')).toDouble();
    return qQNaN();
}

} // namespace

VitalsPanel::VitalsPanel(Connection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_timer(new QTimer(this))
{
    setAccessibleName(tr("Server vitals"));
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause the vitals charts"));
    m_pause->setToolTip(tr("Freeze the charts; polling goes on"));
    connect(m_pause, &QPushButton::toggled, this, &VitalsPanel::setPaused);
    bar->addWidget(m_pause);
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Vitals status"));
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);
    m_rights = new QLabel(this);
    m_rights->setAccessibleName(tr("Vitals rights"));
    m_rights->setWordWrap(true);
    m_rights->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rights->hide();
    layout->addWidget(m_rights);

    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(tr("Vitals charts"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *inner = new QWidget(scroll);
    auto *charts = new QVBoxLayout(inner);
    charts->setContentsMargins(0, 0, 0, 0);
    const std::pair<const char *, QString> groups[] = {
        { kRequests, tr("Requests per second (box.stat)") },
        { kNetwork, tr("Network (box.stat.net): bytes per second, connections, requests") },
        { kMemory, tr("Memory, bytes (box.info.memory, box.slab.info)") },
        { kSlab, tr("Slab use, % (box.slab.info)") },
        { kFibers, tr("Fibers (count; CPU busy % from fiber.top)") },
        { kReplication, tr("Replication lag, s (box.info.replication)") },
    };
    for (const auto &g : groups) {
        auto *chart = new VitalsChart(g.second, inner);
        chart->setObjectName(QLatin1String(g.first));
        charts->addWidget(chart);
        m_charts << chart;
        m_byGroup.insert(QLatin1String(g.first), chart);
        connect(chart, &VitalsChart::hovered, this, &VitalsPanel::showTime);
        connect(chart, &VitalsChart::left, this, [this] { showTime(-1); });
    }
    scroll->setWidget(inner);
    layout->addWidget(scroll, 1);

    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &VitalsPanel::poll);
    if (m_connection) {
        connect(m_connection, &Connection::stateChanged, this, &VitalsPanel::updatePolling);
        connect(m_connection, &Connection::disconnected, this, [this] { m_lastMs = 0; });
    }
    setStatus(tr("Not connected"));
}

QString VitalsPanel::pollExpression()
{
    // One table of figures; each part under its own pcall, its error as <part>_error.
    return QStringLiteral(
            "local r = {}\n"
            "local function part(name, f) local ok, v = pcall(f) "
            "if ok then r[name] = v else r[name .. '_error'] = tostring(v) end end\n"
            "part('stat', function() local t = {} for k, v in pairs(box.stat()) do t[k] = v.total end return t end)\n"
            "part('net', function() local t = {} for k, v in pairs(box.stat.net()) do "
            "if k == 'SENT' or k == 'RECEIVED' then t[k] = v.total else t[k] = v.current end end return t end)\n"
            "part('memory', function() return box.info.memory() end)\n"
            "part('slab', function() return box.slab.info() end)\n"
            "part('fibers', function() local n = 0 for _ in pairs(require('fiber').info()) do n = n + 1 end return n "
            "end)\n"
            "part('top', function() local t = require('fiber').top() local idle = 0 "
            "for k, v in pairs(t.cpu) do if k:match('/sched$') then idle = v.instant end end return 100 - idle end)\n"
            "part('lag', function() local t = {} for _, r in pairs(box.info.replication) do "
            "if r.upstream and r.upstream.lag then t['upstream ' .. r.id] = r.upstream.lag end "
            "if r.downstream and r.downstream.lag then t['downstream ' .. r.id] = r.downstream.lag end end return t "
            "end)\n"
            "return r");
}

bool VitalsPanel::isPolling() const
{
    return m_timer->isActive();
}

void VitalsPanel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pause->setChecked(paused);
    m_pausedAt = QDateTime::currentDateTime();
    if (!paused)
        refreshCharts();
    setStatus(m_status->property("plain").toString());
}

QString VitalsPanel::statusText() const
{
    return m_status->text();
}

QString VitalsPanel::rightsText() const
{
    return m_rights->isHidden() ? QString() : m_rights->text();
}

void VitalsPanel::showTime(qint64 timeMs)
{
    for (VitalsChart *chart : m_charts)
        chart->showTime(timeMs);
}

void VitalsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_visible = true;
    updatePolling();
}

void VitalsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_visible = false;
    updatePolling();
}

void VitalsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        m_pause->setText(tr("Pause"));
}

void VitalsPanel::updatePolling()
{
    const bool ready = m_connection && m_connection->isReady();
    if (ready && m_visible) {
        if (!m_timer->isActive()) {
            m_timer->start();
            poll();
        }
    } else {
        m_timer->stop();
        if (!ready)
            setStatus(tr("Not connected"));
    }
}

void VitalsPanel::poll()
{
    if (!m_connection || !m_connection->isReady())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_inFlight) { // never two at once: the timeout ends the one waiting
        setStatus(tr("no answer for %1 s").arg((now - m_sentMs) / 1000));
        return;
    }
    RequestOptions options;
    options.timeoutMs = kTimeoutMs;
    options.internal = true; // the traffic view sets it apart; the history never sees it
    Request *r = m_connection->eval(pollExpression(), MpValue::array(), options);
    m_inFlight = r;
    m_sentMs = now;
    connect(r, &Request::finished, this, [this, r] {
        handleAnswer(r);
        r->deleteLater();
    });
}

void VitalsPanel::handleAnswer(Request *r)
{
    if (m_inFlight == r)
        m_inFlight = nullptr;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (r->state() != Request::State::Done) {
        const Error &e = r->error();
        if (r->state() == Request::State::TimedOut) {
            setStatus(tr("no answer for %1 s").arg((now - m_sentMs) / 1000));
        } else if (e.kind == Error::Kind::Server) {
            const QString user =
                    m_connection && !m_connection->user().isEmpty() ? m_connection->user() : QStringLiteral("guest");
            m_rights->setText((e.code == kAccessDenied ? tr("The server refused the vitals request: %1")
                                                       : tr("The vitals request failed: %1"))
                                      .arg(e.message)
                              + QLatin1Char('\n')
                              + tr("box.stat and box.info need 'execute' on 'universe' (or eval): grant with "
                                   "box.schema.user.grant('%1', 'execute', 'universe')")
                                        .arg(user));
            m_rights->show();
            setStatus(tr("refused"));
        } else {
            setStatus(e.message);
        }
        return;
    }
    ++m_polls;
    const MpValue &result = r->result();
    addSample(result.isArray() && result.size() > 0 ? result.at(0) : MpValue(), now);
    setStatus(tr("updated at %1").arg(QDateTime::fromMSecsSinceEpoch(now).toString(QStringLiteral("HH:mm:ss"))));
}

void VitalsPanel::addSample(const MpValue &data, qint64 nowMs)
{
    QStringList refused;
    const double seconds = m_lastMs > 0 ? double(nowMs - m_lastMs) / 1000.0 : 0;
    QHash<QString, double> totals;
    const auto rate = [&](VitalsChart *chart, const QString &key, const QString &figure, double total) {
        totals.insert(key, total);
        const auto last = m_lastTotals.constFind(key);
        if (seconds > 0 && last != m_lastTotals.cend() && total >= *last)
            chart->append(figure, nowMs, (total - *last) / seconds);
    };
    const auto mapOf = [&](const char *part) -> const MpValue * {
        if (const MpValue *e = data.find((QByteArray(part) + "_error").constData()))
            refused << QStringLiteral("%1: %2").arg(QLatin1String(part), e->toQString());
        const MpValue *v = data.find(part);
        return v && v->isMap() ? v : nullptr;
    };
    if (const MpValue *stat = mapOf("stat")) {
        for (size_t i = 0; i < stat->size(); ++i)
            rate(m_byGroup[kRequests], QStringLiteral("stat.") + stat->mapKey(i).toQString(),
                 stat->mapKey(i).toQString(), number(stat->mapValue(i)));
    }
    if (const MpValue *net = mapOf("net")) {
        for (size_t i = 0; i < net->size(); ++i) {
            const QString key = net->mapKey(i).toQString();
            const double v = number(net->mapValue(i));
            if (key == QLatin1String("SENT") || key == QLatin1String("RECEIVED"))
                rate(m_byGroup[kNetwork], QStringLiteral("net.") + key, key + tr(" bytes/s"), v);
            else
                m_byGroup[kNetwork]->append(key, nowMs, v);
        }
    }
    if (const MpValue *memory = mapOf("memory")) {
        for (size_t i = 0; i < memory->size(); ++i)
            m_byGroup[kMemory]->append(memory->mapKey(i).toQString(), nowMs, number(memory->mapValue(i)));
    }
    if (const MpValue *slab = mapOf("slab")) {
        for (size_t i = 0; i < slab->size(); ++i) {
            const QString key = slab->mapKey(i).toQString();
            const double v = number(slab->mapValue(i));
            if (key.endsWith(QLatin1String("_ratio")))
                m_byGroup[kSlab]->append(key, nowMs, v);
            else if (key.startsWith(QLatin1String("arena_")) || key.startsWith(QLatin1String("quota_")))
                m_byGroup[kMemory]->append(QStringLiteral("slab ") + key, nowMs, v);
        }
    }
    VitalsChart *fibers = m_byGroup[kFibers];
    if (const MpValue *count = data.find("fibers"))
        fibers->append(tr("fibers"), nowMs, number(*count));
    else
        mapOf("fibers");
    if (const MpValue *top = data.find("top")) {
        fibers->append(tr("CPU busy %"), nowMs, number(*top));
        fibers->setNote(QString());
    } else {
        fibers->setNote(tr("fiber.top() is off"));
    }
    VitalsChart *replication = m_byGroup[kReplication];
    if (const MpValue *lag = mapOf("lag")) {
        for (size_t i = 0; i < lag->size(); ++i)
            replication->append(lag->mapKey(i).toQString(), nowMs, number(lag->mapValue(i)));
    }
    replication->setNote(replication->figures().isEmpty() ? tr("No replicas with a lag") : QString());
    m_lastTotals = totals;
    m_lastMs = nowMs;
    if (refused.isEmpty()) {
        m_rights->hide();
        m_rights->clear();
    } else {
        m_rights->setText(tr("Figures the server refused: %1").arg(refused.join(QStringLiteral("; "))));
        m_rights->show();
    }
    if (!m_paused)
        refreshCharts();
}

void VitalsPanel::refreshCharts()
{
    const qint64 to = m_lastMs > 0 ? m_lastMs : QDateTime::currentMSecsSinceEpoch();
    for (VitalsChart *chart : m_charts)
        chart->refresh(to - kWindowMs, to);
}

void VitalsPanel::setStatus(const QString &text)
{
    m_status->setProperty("plain", text);
    m_status->setText(m_paused ? tr("paused at %1 (%2)").arg(m_pausedAt.toString(QStringLiteral("HH:mm:ss")), text)
                               : text);
}

} // namespace Boxscope
