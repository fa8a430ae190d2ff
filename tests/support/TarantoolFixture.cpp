#include "TarantoolFixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace Boxscope::Test {

TarantoolFixture::TarantoolFixture(const QString &script)
    : m_script(script.isEmpty() ? sandboxScript() : script)
    , m_server(std::make_unique<SandboxServer>())
{ }

TarantoolFixture::~TarantoolFixture()
{
    stop();
}

bool TarantoolFixture::start(const QString &listen)
{
    m_server->setListen(listen);
    return m_server->startAndWait(m_script, 20000);
}

void TarantoolFixture::stop()
{
    m_server->stop();
}

void TarantoolFixture::kill()
{
    m_server->kill();
}

QString sandboxScript()
{
    return QStringLiteral(BOXSCOPE_SANDBOX_SCRIPT);
}

QString testScript(const QString &name)
{
    return QStringLiteral(BOXSCOPE_TEST_SCRIPTS) + QLatin1Char('/') + name;
}

QString cliPath()
{
    return qEnvironmentVariable("BOXSCOPE_CLI");
}

bool waitFor(const std::function<bool()> &cond, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!cond()) {
        if (deadline.hasExpired())
            return cond();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!cond())
            QThread::msleep(1);
    }
    return true;
}

} // namespace Boxscope::Test
