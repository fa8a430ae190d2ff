#pragma once

#include <QObject>
#include <QPointer>

namespace Boxscope {

class LogModel;

/// Routes netcore's logging categories ("boxscope.client", "boxscope.lua", ...) into a
/// LogModel, so what the libraries log reaches the log view beside the panels' own lines. The
/// first router installs the process's Qt message handler (once); the newest living router gets
/// the messages, and with none alive, or for other categories, they go on to the handler that
/// was there before. Messages from other threads reach the model queued.
/// Which messages are produced at all is QLoggingCategory's business: the app enables info and
/// up (enableInfo()); QT_LOGGING_RULES changes it for the app and boxscope-cli alike.
class LogRouter : public QObject
{
    Q_OBJECT
public:
    explicit LogRouter(LogModel *model, QObject *parent = nullptr);
    ~LogRouter() override;

    /// Turns on info messages and up for every boxscope.* category (QT_LOGGING_RULES wins).
    static void enableInfo();

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);

    QPointer<LogModel> m_model; ///< read under the handler's lock
};

} // namespace Boxscope
