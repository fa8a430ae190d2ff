#pragma once

#include "logging/Log.h"

#include <QObject>
#include <QString>

namespace Boxscope {

class LogModel;
class Request;

/// What the remote-call panel writes to the shared log about its requests: the request
/// when it is sent or adopted, its pushes (the first kPushesLoggedEach a line each, then a
/// line per kPushesPerLogLine, so a flood does not push everything else out of the log), and
/// how it ended.
class RequestLogger : public QObject
{
    Q_OBJECT
public:
    static constexpr quint64 kPushesLoggedEach = 200;
    static constexpr quint64 kPushesPerLogLine = 10000;

    explicit RequestLogger(LogModel *log, QObject *parent = nullptr);

    /// The connection the lines are about (LogModel's connection column); empty: none named.
    void setConnectionName(const QString &name) { m_connection = name; }
    QString connectionName() const { return m_connection; }

    /// A request sent from the form; arguments as typed.
    void sent(Request *request, const QString &arguments);
    /// A request made elsewhere (origin: "Lua console").
    void adopted(Request *request, const QString &origin);
    void exported(Request *request, quint64 pushes, const QString &path);
    void historyExported(int requests, const QString &path);
    void exportFailed(const QString &path, const QString &error);

private:
    void follow(Request *request);

    void line(LogLevel level, const QString &text);

    LogModel *m_log;
    QString m_connection;
};

} // namespace Boxscope
