#include "WmPingProbe.h"

#include <chrono>
#include <cstring>

#ifdef BOXSCOPE_WM_PING_PROBE
#    include <poll.h>
#    include <xcb/xcb.h>

struct WmPingProbe::Connection
{
    xcb_connection_t *c = nullptr;
    xcb_window_t root = 0;
    xcb_atom_t protocols = 0;
    xcb_atom_t ping = 0;
};

namespace {

xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    xcb_intern_atom_reply_t *r =
            xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, uint16_t(std::strlen(name)), name), nullptr);
    const xcb_atom_t a = r ? r->atom : 0;
    std::free(r);
    return a;
}

} // namespace

bool WmPingProbe::start(uint32_t window)
{
    int screenNumber = 0;
    xcb_connection_t *c = xcb_connect(nullptr, &screenNumber);
    if (!c || xcb_connection_has_error(c)) {
        if (c)
            xcb_disconnect(c);
        m_error = "no X display";
        return false;
    }
    xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(c));
    for (int i = 0; i < screenNumber && it.rem; ++i)
        xcb_screen_next(&it);
    m_x = new Connection;
    m_x->c = c;
    m_x->root = it.data->root;
    m_x->protocols = atom(c, "WM_PROTOCOLS");
    m_x->ping = atom(c, "_NET_WM_PING");
    // Qt answers a ping by sending it on to the root window for StructureNotify and
    // SubstructureRedirect listeners; the first is ours (the second belongs to a window manager).
    const uint32_t mask = XCB_EVENT_MASK_STRUCTURE_NOTIFY;
    xcb_change_window_attributes(c, m_x->root, XCB_CW_EVENT_MASK, &mask);
    xcb_flush(c);
    m_window = window;
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void WmPingProbe::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_x) {
        xcb_disconnect(m_x->c);
        delete m_x;
        m_x = nullptr;
    }
}

void WmPingProbe::run()
{
    using Clock = std::chrono::steady_clock;
    xcb_connection_t *c = m_x->c;
    const int fd = xcb_get_file_descriptor(c);
    uint32_t serial = 0;
    while (!m_stop) {
        ++serial;
        xcb_client_message_event_t ev;
        std::memset(&ev, 0, sizeof ev);
        ev.response_type = XCB_CLIENT_MESSAGE;
        ev.format = 32;
        ev.window = m_window;
        ev.type = m_x->protocols;
        ev.data.data32[0] = m_x->ping;
        ev.data.data32[1] = serial; // the timestamp field: our serial, echoed back
        ev.data.data32[2] = m_window;
        const Clock::time_point sent = Clock::now();
        xcb_send_event(c, 0, m_window, XCB_EVENT_MASK_NO_EVENT, reinterpret_cast<const char *>(&ev));
        xcb_flush(c);
        bool answered = false;
        while (!answered && !m_stop) {
            const auto waited = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
            if (waited > 2000) {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_samples.push_back(waited);
                m_error = "the window did not answer a ping within 2 s";
                return;
            }
            pollfd p { fd, POLLIN, 0 };
            ::poll(&p, 1, 50);
            while (xcb_generic_event_t *e = xcb_poll_for_event(c)) {
                if ((e->response_type & 0x7f) == XCB_CLIENT_MESSAGE) {
                    const auto *m = reinterpret_cast<xcb_client_message_event_t *>(e);
                    if (m->type == m_x->protocols && m->data.data32[0] == m_x->ping && m->data.data32[1] == serial) {
                        const double rtt = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
                        std::lock_guard<std::mutex> lock(m_mutex);
                        m_samples.push_back(rtt);
                        answered = true;
                    }
                }
                std::free(e);
            }
            if (xcb_connection_has_error(c)) {
                m_error = "the X connection broke";
                return;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

#else

struct WmPingProbe::Connection
{ };

bool WmPingProbe::start(uint32_t)
{
    m_error = "built without xcb";
    return false;
}

void WmPingProbe::stop() { }

void WmPingProbe::run() { }

#endif

std::vector<double> WmPingProbe::take()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<double> out;
    out.swap(m_samples);
    return out;
}
