#pragma once

#include "sandbox/SandboxServer.h"

#include <QString>

#include <functional>
#include <memory>

namespace Boxscope::Test {

/// A real tarantool on a free 127.0.0.1 port in a temp dir, running resources/sandbox.lua
/// (or another script), stopped by its PID when the fixture is destroyed.
class TarantoolFixture
{
public:
    explicit TarantoolFixture(const QString &script = QString());
    ~TarantoolFixture();

    /// Starts the server; false (with errorString()) when it cannot.
    bool start(const QString &listen = QStringLiteral("127.0.0.1:0"));
    void stop();
    void kill();

    SandboxServer &server() { return *m_server; }
    QString host() const { return m_server->host(); }
    quint16 port() const { return m_server->port(); }
    QString uri() const { return m_server->uri(); }
    QString errorString() const { return m_server->errorString(); }

private:
    QString m_script;
    std::unique_ptr<SandboxServer> m_server;
};

/// resources/sandbox.lua in the source tree.
QString sandboxScript();
/// tests/scripts/<name>.
QString testScript(const QString &name);
/// The boxscope-cli built next to the tests ($BOXSCOPE_CLI).
QString cliPath();
/// Runs the event loop until cond() holds or timeoutMs passes; returns cond().
bool waitFor(const std::function<bool()> &cond, int timeoutMs = 5000);

} // namespace Boxscope::Test
