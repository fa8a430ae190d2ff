#include "SignalGuard.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace Boxscope::SignalGuard {

namespace {

int g_pipe[2] = { -1, -1 };

void onSignal(int sig)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

// Reads one signal number; -1 when none came within timeoutMs (-1: no limit).
int nextSignal(int timeoutMs)
{
    pollfd p { g_pipe[0], POLLIN, 0 };
    for (;;) {
        const int r = ::poll(&p, 1, timeoutMs);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        unsigned char byte = 0;
        const ssize_t n = ::read(g_pipe[0], &byte, 1);
        if (n == 1)
            return byte;
        if (n < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

[[noreturn]] void endNow(int sig, const char *why)
{
    char message[160];
    const char *name = sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "signal";
    const int length = std::snprintf(message, sizeof message, "boxscope: %s: %s; ending now\n", name, why);
    if (length > 0) [[maybe_unused]]
        const ssize_t n = ::write(STDERR_FILENO, message, size_t(length));
    ::_exit(128 + sig);
}

void watch(int graceMs)
{
    const int sig = nextSignal(-1);
    if (sig < 0)
        return;
    // Quitting through the event loop does the whole normal shutdown.
    if (QCoreApplication *app = QCoreApplication::instance()) {
        QMetaObject::invokeMethod(
                app, [sig] { QCoreApplication::exit(128 + sig); }, Qt::QueuedConnection);
    }
    const int second = nextSignal(graceMs);
    if (second >= 0)
        endNow(second, "second signal");
    endNow(sig, "the application did not quit in time");
}

} // namespace

void install(int graceMs)
{
    static std::atomic<bool> installed { false };
    if (installed.exchange(true))
        return;
    if (::pipe2(g_pipe, O_CLOEXEC) != 0)
        return;
    ::fcntl(g_pipe[1], F_SETFL, ::fcntl(g_pipe[1], F_GETFL) | O_NONBLOCK);
    std::thread(watch, graceMs).detach();
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int sig : { SIGTERM, SIGINT, SIGHUP })
        ::sigaction(sig, &action, nullptr);
}

} // namespace Boxscope::SignalGuard
