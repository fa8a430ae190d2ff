#include "remotecall/RequestLogger.h"

#include "client/Request.h"
#include "format/MpFormat.h"
#include "log/LogModel.h"
#include "remotecall/RequestHistoryModel.h"

#include <algorithm>
#include <memory>

namespace Boxscope {

namespace {

const QString kSource = QStringLiteral("request");

// The result's preview; rows kept as msgpack are decoded only as far as the preview reaches.
QString resultPreview(const Request &r, int maxChars)
{
    const std::shared_ptr<const MpRawArray> raw = r.rawResult();
    if (!raw)
        return MpFormat::preview(r.result(), maxChars);
    MpValue head = MpValue::array();
    int chars = 0;
    for (size_t i = 0; i < raw->size() && chars <= maxChars; ++i) {
        head.append(raw->item(i));
        chars += int(MpFormat::preview(head.items().back(), maxChars).size()) + 2;
    }
    // When items are left out, those taken already run past maxChars: the preview is cut.
    return MpFormat::preview(head, maxChars);
}

} // namespace

RequestLogger::RequestLogger(LogModel *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
{ }

void RequestLogger::sent(Request *r, const QString &arguments)
{
    line(LogLevel::Info, tr("SYNC %1 %2 %3 %4").arg(r->sync()).arg(r->method(), r->target(), arguments.simplified()));
    follow(r);
}

void RequestLogger::adopted(Request *r, const QString &origin)
{
    line(LogLevel::Info, tr("SYNC %1 %2 %3 (from %4)").arg(r->sync()).arg(r->method(), r->target(), origin));
    follow(r);
}

void RequestLogger::exported(Request *r, quint64 pushes, const QString &path)
{
    line(LogLevel::Info, tr("Exported SYNC %1 (%2 push(es)) to %3").arg(r->sync()).arg(pushes).arg(path));
}

void RequestLogger::historyExported(int requests, const QString &path)
{
    line(LogLevel::Info, tr("Exported the history (%n request(s)) to %1", nullptr, requests).arg(path));
}

void RequestLogger::exportFailed(const QString &path, const QString &error)
{
    line(LogLevel::Error, tr("Cannot export to %1: %2").arg(path, error));
}

void RequestLogger::line(LogLevel level, const QString &text)
{
    m_log->append(level, kSource, text, m_connection);
}

void RequestLogger::follow(Request *r)
{
    auto logged = std::make_shared<quint64>(0);
    auto logRange = [this, r, logged](quint64 upTo, const MpValue *last) {
        if (upTo <= *logged)
            return;
        line(LogLevel::Debug,
             tr("SYNC %1 pushes #%2–#%3 (%4)%5")
                     .arg(r->sync())
                     .arg(*logged + 1)
                     .arg(upTo)
                     .arg(upTo - *logged)
                     .arg(last ? tr(", the last: %1").arg(MpFormat::preview(*last, 200)) : QString()));
        *logged = upTo;
    };
    // The first pushes a line each, with the value as it came; then a line per
    // kPushesPerLogLine, read from what the request keeps, once per burst.
    auto early = std::make_shared<QMetaObject::Connection>();
    *early = connect(r, &Request::pushReceived, this, [this, r, logged, early](const MpValue &value, quint64 index) {
        if (index > kPushesLoggedEach) {
            QObject::disconnect(*early);
            return;
        }
        line(LogLevel::Debug, tr("SYNC %1 push #%2: %3").arg(r->sync()).arg(index).arg(MpFormat::preview(value, 200)));
        *logged = index;
    });
    connect(r, &Request::pushesReceived, this, [r, logRange](quint64 first, quint64 last) {
        const quint64 from = std::max(first, kPushesLoggedEach + 1);
        for (quint64 at = (from + kPushesPerLogLine - 1) / kPushesPerLogLine * kPushesPerLogLine; at <= last;
             at += kPushesPerLogLine) {
            const PushStore &kept = r->pushes();
            if (!kept.empty() && at >= kept.indexAt(0) && at - kept.indexAt(0) < kept.size()) {
                const MpValue value = kept.at(size_t(at - kept.indexAt(0))).value;
                logRange(at, &value);
            } else {
                logRange(at, nullptr);
            }
        }
    });
    connect(r, &Request::finished, this, [this, r, logRange] {
        const MpValue last = r->pushes().empty() ? MpValue() : r->pushes().back().value;
        logRange(r->pushCount(), r->pushes().empty() ? nullptr : &last);
        if (r->state() == Request::State::Done) {
            line(LogLevel::Info,
                 tr("SYNC %1 done in %2 ms after %3 push(es): %4")
                         .arg(r->sync())
                         .arg(double(r->durationNs()) / 1e6, 0, 'f', 2)
                         .arg(r->pushCount())
                         .arg(resultPreview(*r, 200)));
        } else {
            line(r->state() == Request::State::Discarded ? LogLevel::Warning : LogLevel::Error,
                 tr("SYNC %1 %2 after %3 push(es): %4")
                         .arg(r->sync())
                         .arg(RequestHistoryModel::stateText(r->state()))
                         .arg(r->pushCount())
                         .arg(r->error().toString()));
        }
    });
}

} // namespace Boxscope
