#include "log/LogRouter.h"

#include "log/LogModel.h"
#include "logging/Log.h"

#include <QLoggingCategory>
#include <QThread>

#include <atomic>

namespace Boxscope {

namespace {

std::atomic<LogRouter *> g_router { nullptr };
std::atomic<QtMessageHandler> g_previous { nullptr };
const QLatin1String kPrefix("boxscope.");

} // namespace

LogRouter::LogRouter(LogModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_previous = qInstallMessageHandler(&LogRouter::handle);
    g_previous = m_previous;
    g_router = this;
}

LogRouter::~LogRouter()
{
    if (g_router == this) {
        g_router = nullptr;
        qInstallMessageHandler(m_previous);
    }
}

void LogRouter::enableInfo()
{
    QLoggingCategory::setFilterRules(QStringLiteral("boxscope.*.info=true"));
}

void LogRouter::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogRouter *router = g_router;
    const QLatin1String category(context.category ? context.category : "");
    if (!router || !category.startsWith(kPrefix)) {
        if (QtMessageHandler previous = g_previous)
            previous(type, context, message);
        return;
    }
    const QString source = QString(category.mid(kPrefix.size()));
    const LogLevel level = logLevelOf(type);
    LogModel *model = router->m_model;
    if (!model)
        return;
    if (QThread::currentThread() == model->thread()) {
        model->append(level, source, message);
    } else {
        QPointer<LogModel> guard(model);
        QMetaObject::invokeMethod(
                model,
                [guard, level, source, message] {
                    if (guard)
                        guard->append(level, source, message);
                },
                Qt::QueuedConnection);
    }
}

} // namespace Boxscope
