#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

/// Measures a window's event loop from outside: a thread with its own X connection sends the
/// window `_NET_WM_PING` (as a window manager does) and times the reply, which Qt sends from
/// the GUI thread when it handles the message. One ping in flight; the next one 2 ms after the
/// reply. A reply that never comes counts as late by the whole wait (2 s) and ends the probe.
class WmPingProbe
{
public:
    WmPingProbe() = default;
    ~WmPingProbe() { stop(); }
    WmPingProbe(const WmPingProbe &) = delete;
    WmPingProbe &operator=(const WmPingProbe &) = delete;

    /// Starts probing the X window; false (with the reason in error()) when there is no X
    /// display or the probe was built without xcb.
    bool start(uint32_t window);
    void stop();
    /// The round trips (ms) measured since the last call.
    std::vector<double> take();
    const char *error() const { return m_error; }

private:
    void run();

    struct Connection;
    Connection *m_x = nullptr;
    uint32_t m_window = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::mutex m_mutex;
    std::vector<double> m_samples;
    const char *m_error = "";
};
