#include "log/LogRouter.h"

#include "log/LogModel.h"
#include "logging/Log.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QThread>

#include <algorithm>
#include <vector>

namespace Boxscope {

namespace {

const QLatin1String kPrefix("boxscope.");

// The process's handler is installed once, with the first router; the newest living router
// receives boxscope.* messages. Guarded by g_mutex: routers come and go on the GUI thread while
// any thread may log.
QMutex g_mutex;
std::vector<LogRouter *> g_routers;
QtMessageHandler g_previous = nullptr;
bool g_installed = false;

} // namespace

LogRouter::LogRouter(LogModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    QMutexLocker lock(&g_mutex);
    if (!g_installed) {
        g_previous = qInstallMessageHandler(&LogRouter::handle);
        g_installed = true;
    }
    g_routers.push_back(this);
}

LogRouter::~LogRouter()
{
    QMutexLocker lock(&g_mutex);
    g_routers.erase(std::remove(g_routers.begin(), g_routers.end(), this), g_routers.end());
}

void LogRouter::enableInfo()
{
    QLoggingCategory::setFilterRules(QStringLiteral("boxscope.*.info=true"));
}

void LogRouter::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QLatin1String category(context.category ? context.category : "");
    QtMessageHandler previous = nullptr;
    {
        QMutexLocker lock(&g_mutex);
        previous = g_previous;
        LogModel *model = g_routers.empty() ? nullptr : g_routers.back()->m_model.data();
        if (model && category.startsWith(kPrefix)) {
            const QString source = QString(category.mid(kPrefix.size()));
            const LogLevel level = logLevelOf(type);
            // append() only queues (no signal, no logging): safe under the lock. From another
            // thread the line travels to the model's thread.
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
            return;
        }
    }
    if (previous)
        previous(type, context, message);
}

} // namespace Boxscope
