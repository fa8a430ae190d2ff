#include "lua/LuaNetBox.h"

#include "client/Connection.h"
#include "client/Request.h"
#include "iproto/Uri.h"
#include "logging/Log.h"
#include "lua/LuaNumerals.h"
#include "lua/LuaValue.h"
#include "lua/NetBoxPrelude.h"

#include <lua.hpp>

#include <QElapsedTimer>
#include <QMetaObject>

#include <cmath>

namespace Boxscope {

// The C primitives behind NetBoxPrelude (netbox_prelude.lua). Lua errors longjmp over C++
// destructors, so each function reads its arguments with the raising luaL_check*
// calls first, does its C++ work in an inner scope (results go to the
// LuaNetBox's m_ret / m_errorText, not to locals), and pushes through
// LuaValue::push, which never raises.
//
// The C++ part that touches connections, requests or the runtime's maps runs through
// onOwner(): on the owner's thread, while the Lua thread waits (threaded mode). It never
// touches the Lua state; converting values to and from Lua stays on the Lua thread.
struct LuaNetBoxApi
{
    static LuaNetBox *self(lua_State *L) { return static_cast<LuaNetBox *>(lua_touserdata(L, lua_upvalueindex(1))); }

    // Runs job on the owner's thread; raises "aborted" when the runtime is going away.
    template<typename Job>
    static void owner(lua_State *L, LuaNetBox *nb, Job &&job)
    {
        bool ran = false;
        {
            const std::function<void()> f(std::forward<Job>(job));
            ran = nb->onOwner(f);
        }
        if (!ran) {
            nb->m_ret.clear();
            luaL_error(L, "aborted");
        }
    }

    static int pushRet(lua_State *L, LuaNetBox *nb)
    {
        const int n = int(nb->m_ret.size());
        // Rows kept as msgpack become the third value here, on the script's thread; nothing
        // local outlives a Lua error (a longjmp skips destructors).
        if (nb->m_retRawData) {
            if (n > 2)
                nb->m_ret[2] = nb->m_retRawData->decodeAll();
            nb->m_retRawData.reset();
        }
        if (!lua_checkstack(L, n + 1))
            return luaL_error(L, "stack overflow");
        for (int i = 0; i < n; ++i) {
            if (!LuaValue::push(L, nb->m_ret[size_t(i)])) {
                nb->m_ret.clear();
                return luaL_error(L, "not enough memory");
            }
        }
        nb->m_ret.clear();
        return n;
    }

    static int raise(lua_State *L, LuaNetBox *nb)
    {
        nb->m_ret.clear();
        return luaL_error(L, "%s", nb->m_errorText.constData());
    }

    // C.connect(uri, user, password, timeout, reconnect_after) -> id | nil, message
    static int connect(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const char *uriText = luaL_checkstring(L, 1);
        const char *user = luaL_optstring(L, 2, nullptr);
        const char *password = luaL_optstring(L, 3, nullptr);
        const lua_Number timeout = luaL_optnumber(L, 4, 0);
        const lua_Number reconnectAfter = luaL_optnumber(L, 5, 0);
        owner(L, nb, [&] {
            Uri uri;
            QString error;
            // Messages quote the URI without its password.
            if (!Uri::parse(QString::fromUtf8(uriText), &uri, nullptr)) {
                Uri::parse(Uri::redacted(QString::fromUtf8(uriText)), &uri, &error);
                nb->m_ret = { MpValue(),
                              MpValue::string(QStringLiteral("Invalid URI '%1': %2")
                                                      .arg(Uri::redacted(QString::fromUtf8(uriText)), error)) };
            } else {
                ConnectOptions options;
                options.reconnectAfterAuthFailure = true; // as net.box: 'error_reconnect' goes on
                if (user)
                    options.user = QString::fromUtf8(user);
                if (password)
                    options.password = QString::fromUtf8(password);
                if (timeout > 0) {
                    const int ms = int(std::min<lua_Number>(timeout * 1000, 1e9));
                    options.connectTimeoutMs = options.greetingTimeoutMs = options.authTimeoutMs = ms;
                }
                auto *connection = new Connection(nb);
                const int id = nb->addConnection(connection, true);
                if (reconnectAfter > 0)
                    connection->setReconnectAfter(reconnectAfter);
                connection->connectToServer(uri, options);
                qCInfo(lcLua).noquote() << LuaNetBox::tr("net_box.connect(%1) as %2")
                                                   .arg(uri.displayString(),
                                                        !uri.user.isEmpty()              ? uri.user
                                                                : options.user.isEmpty() ? QStringLiteral("guest")
                                                                                         : options.user);
                nb->m_ret = { MpValue::integer(id) };
                emit nb->connectionOpened(connection);
            }
        });
        return pushRet(L, nb);
    }

    // C.state(id) -> name, error | nil, reconnects (reconnect_after is on)
    static int state(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int id = int(luaL_checkinteger(L, 1));
        owner(L, nb, [&] {
            QString error;
            const QString name = nb->connectionStateName(id, &error);
            auto it = nb->m_connections.find(id);
            const bool reconnects = it != nb->m_connections.end() && it->second.connection && !it->second.closedByUser
                    && it->second.connection->reconnectAfter() > 0;
            nb->m_ret = { MpValue::string(name), error.isEmpty() ? MpValue() : MpValue::string(error),
                          MpValue::boolean(reconnects) };
        });
        return pushRet(L, nb);
    }

    // C.endpoint(id) -> host, port: as net.box's conn.host and conn.port (strings; a unix
    // socket is host 'unix/', port its path).
    static int endpoint(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int id = int(luaL_checkinteger(L, 1));
        owner(L, nb, [&] {
            auto it = nb->m_connections.find(id);
            if (it == nb->m_connections.end() || !it->second.connection)
                return;
            const Uri &u = it->second.connection->uri();
            if (u.isUnix())
                nb->m_ret = { MpValue::string("unix/"), MpValue::string(u.unixPath) };
            else
                nb->m_ret = { u.host.isEmpty() ? MpValue() : MpValue::string(u.host),
                              MpValue::string(QString::number(u.port)) };
        });
        return pushRet(L, nb);
    }

    static int close(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int id = int(luaL_checkinteger(L, 1));
        owner(L, nb, [nb, id] {
            auto it = nb->m_connections.find(id);
            // The host's connection (box_scope.current()) is not the script's to close.
            if (it != nb->m_connections.end() && it->second.connection && it->second.owned) {
                it->second.closedByUser = true;
                Connection *connection = it->second.connection;
                connection->disconnectFromServer();
                emit nb->connectionClosed(connection);
            }
        });
        return 0;
    }

    static uint32_t checkId(lua_State *L, int index)
    {
        const lua_Integer v = luaL_checkinteger(L, index);
        luaL_argcheck(L, v >= 0 && v <= lua_Integer(UINT32_MAX), index, "out of range");
        return uint32_t(v);
    }

    // Converts argument index into *out; false with m_errorText set.
    static bool value(lua_State *L, LuaNetBox *nb, int index, const char *what, MpValue *out)
    {
        QString error;
        if (!LuaValue::toMp(L, index, out, &error)) {
            nb->m_errorText = QStringLiteral("%1: %2").arg(QLatin1String(what), error).toUtf8();
            return false;
        }
        return true;
    }

    // C.request(conn, timeout, method, ...) -> request id
    static int request(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int connId = int(luaL_checkinteger(L, 1));
        const lua_Number timeout = luaL_optnumber(L, 2, 0);
        const char *method = luaL_checkstring(L, 3);
        // Arguments first (they may raise), then the C++ part. The positions after the method
        // are the prelude's: call/eval (name, args), select (space, index, key, iterator,
        // offset, limit), insert/replace (space, tuple), update (space, index, key, ops),
        // upsert (space, tuple, ops), delete (space, index, key).
        RequestSpec::Method m;
        if (!RequestSpec::methodFromName(QString::fromLatin1(method), &m) || m == RequestSpec::Method::Execute)
            return luaL_error(L, "unknown request method '%s'", method);
        RequestSpec &spec = nb->m_spec; // not a local: the checks below may raise
        spec = RequestSpec();
        spec.method = m;
        bool ok = true;
        switch (m) {
        case RequestSpec::Method::Call:
        case RequestSpec::Method::Eval:
            (m == RequestSpec::Method::Call ? spec.function : spec.expression) =
                    QString::fromUtf8(luaL_checkstring(L, 4));
            ok = value(L, nb, 5, "args", &spec.arguments);
            break;
        case RequestSpec::Method::Select:
            spec.space = checkId(L, 4);
            spec.index = checkId(L, 5);
            spec.iterator = checkId(L, 7);
            spec.offset = checkId(L, 8);
            spec.limit = checkId(L, 9);
            ok = value(L, nb, 6, "key", &spec.key);
            break;
        case RequestSpec::Method::Insert:
        case RequestSpec::Method::Replace:
            spec.space = checkId(L, 4);
            ok = value(L, nb, 5, "tuple", &spec.tuple);
            break;
        case RequestSpec::Method::Update:
            spec.space = checkId(L, 4);
            spec.index = checkId(L, 5);
            ok = value(L, nb, 6, "key", &spec.key) && value(L, nb, 7, "ops", &spec.ops);
            break;
        case RequestSpec::Method::Upsert:
            spec.space = checkId(L, 4);
            ok = value(L, nb, 5, "tuple", &spec.tuple) && value(L, nb, 6, "ops", &spec.ops);
            break;
        case RequestSpec::Method::Delete:
            spec.space = checkId(L, 4);
            spec.index = checkId(L, 5);
            ok = value(L, nb, 6, "key", &spec.key);
            break;
        case RequestSpec::Method::Execute:
        case RequestSpec::Method::Ping: break;
        }
        if (!ok)
            return raise(L, nb);
        int id = 0;
        owner(L, nb, [&] {
            auto it = nb->m_connections.find(connId);
            if (it == nb->m_connections.end() || !it->second.connection) {
                spec = RequestSpec();
                return; // id 0
            }
            Connection *c = it->second.connection;
            // Pushes are collected from the signal; a handed-over request keeps its own too.
            spec.pushRetention = nb->m_handsOver ? -2 : 0;
            if (timeout > 0)
                spec.timeoutMs = std::max(1, int(std::min<lua_Number>(timeout * 1000, 1e9)));
            // The script named the space (conn.space.demo): the history shows that name.
            if (RequestSpec::usesSpace(spec.method)) {
                if (const Schema::Space *s = c->schema().space(spec.space.id)) {
                    spec.space.name = s->name;
                    if (RequestSpec::usesIndex(spec.method)) {
                        for (const Schema::Index &i : s->indexes) {
                            if (i.id == spec.index.id)
                                spec.index.name = i.name;
                        }
                    }
                }
            }
            Request *r = c->submit(std::move(spec));
            spec = RequestSpec();
            // A request the host does not list is this layer's to delete (see Request).
            if (!nb->m_handsOver)
                r->setParent(nb);
            id = nb->m_nextReqId++;
            LuaNetBox::ReqEntry &entry = nb->m_requests[id];
            entry.request = r;
            QObject::connect(r, &Request::pushReceived, nb, [nb, id](const MpValue &v, quint64) {
                auto e = nb->m_requests.find(id);
                if (e == nb->m_requests.end())
                    return;
                LuaNetBox::ReqEntry &entry = e->second;
                if (entry.finished)
                    return;
                entry.pushBytes += v.footprint();
                if (entry.pushBytes > LuaNetBox::kMaxPendingPushBytes) {
                    // Past the cap the future fails rather than grow; the request is discarded.
                    entry.finished = true;
                    entry.error =
                            Error::usage(QStringLiteral("Pushes not read yet exceed %1 MiB: read them as they come "
                                                        "(future:pairs(), on_push) or keep fewer")
                                                 .arg(LuaNetBox::kMaxPendingPushBytes / (1024 * 1024)));
                    entry.error.code = 32;
                    entry.error.type = QStringLiteral("ClientError");
                    if (Request *req = entry.request) {
                        if (!req->isFinished())
                            req->discard();
                        if (!nb->m_handsOver)
                            req->deleteLater();
                    }
                } else {
                    entry.pushes.push_back(v);
                }
                nb->onRequestEvent(id);
            });
            auto done = [nb, id] {
                auto e = nb->m_requests.find(id);
                if (e == nb->m_requests.end() || e->second.finished || !e->second.request)
                    return;
                Request *req = e->second.request;
                e->second.finished = true;
                if (req->state() == Request::State::Done && req->rawResult())
                    e->second.rawData = req->rawResult();
                else if (req->state() == Request::State::Done)
                    e->second.data = req->result();
                else
                    e->second.error = req->error();
                if (!nb->m_handsOver)
                    req->deleteLater();
                nb->onRequestEvent(id);
            };
            QObject::connect(r, &Request::finished, nb, done);
            if (nb->m_handsOver)
                emit nb->requestStarted(r);
            if (r->isFinished()) // failed at once (for instance, not connected)
                done();
        });
        if (id == 0)
            return luaL_error(L, "no such connection");
        lua_pushinteger(L, id);
        return 1;
    }

    // The type net.box shows: a custom error's own name (MP_ERROR fields.custom_type).
    static QString errorType(const Error &err)
    {
        const MpValue *entries = err.stack.find(uint64_t(0));
        if (entries && entries->isArray() && entries->size() > 0) {
            if (const MpValue *fields = entries->at(0).find(uint64_t(6)); fields && fields->isMap()) {
                if (const MpValue *custom = fields->find("custom_type"); custom && custom->isStr())
                    return custom->toQString();
            }
        }
        return err.type.isEmpty() ? QStringLiteral("ClientError") : err.type;
    }

    // C.take(req) -> status, {pushes}, data | code, type, message
    static int take(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int id = int(luaL_checkinteger(L, 1));
        owner(L, nb, [nb, id] {
            auto it = nb->m_requests.find(id);
            std::vector<MpValue> pushes;
            if (it == nb->m_requests.end()) {
                nb->m_ret = { MpValue::string("error"), MpValue::array(), MpValue::integer(32),
                              MpValue::string("ClientError"), MpValue::string("Response is discarded") };
            } else {
                LuaNetBox::ReqEntry &e = it->second;
                pushes.assign(std::make_move_iterator(e.pushes.begin()), std::make_move_iterator(e.pushes.end()));
                e.pushes.clear();
                e.pushBytes = 0;
                if (!e.finished) {
                    nb->m_ret = { MpValue::string("pending"), MpValue::array(std::move(pushes)) };
                } else if (e.error.isNull()) {
                    nb->m_ret = { MpValue::string("ok"), MpValue::array(std::move(pushes)),
                                  e.data.isArray() ? std::move(e.data) : MpValue::array() };
                    nb->m_retRawData = std::move(e.rawData);
                    nb->m_requests.erase(it);
                } else {
                    const Error &err = e.error;
                    nb->m_ret = { MpValue::string("error"), MpValue::array(std::move(pushes)),
                                  MpValue::integer(err.code), MpValue::string(errorType(err)),
                                  MpValue::string(err.message) };
                    nb->m_requests.erase(it);
                }
            }
        });
        return pushRet(L, nb);
    }

    static int discard(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int id = int(luaL_checkinteger(L, 1));
        owner(L, nb, [nb, id] {
            auto it = nb->m_requests.find(id);
            if (it != nb->m_requests.end()) {
                QPointer<Request> r = it->second.request;
                nb->m_requests.erase(it);
                if (r && !r->isFinished())
                    r->discard();
                if (r && !nb->m_handsOver)
                    r->deleteLater();
            }
        });
        return 0;
    }

    static int wait(lua_State *L, LuaNetBox::WaitKind kind)
    {
        LuaNetBox *nb = self(L);
        const int id = int(luaL_checkinteger(L, 1));
        const lua_Number timeout = luaL_optnumber(L, 2, HUGE_VAL);
        if (L != nb->m_thread)
            return luaL_error(L, "net.box cannot wait inside a coroutine created by the script");
        if (!lua_isyieldable(L))
            return luaL_error(L, "net.box cannot wait here (not yieldable)");
        owner(L, nb, [nb, id, kind, timeout] {
            nb->m_waitKind = kind;
            nb->m_waitId = id;
            nb->m_yieldedForWait = true;
            if (timeout <= 0) {
                nb->scheduleResume();
            } else if (std::isfinite(timeout)) {
                nb->m_waitTimer.start(int(std::min<lua_Number>(std::ceil(timeout * 1000), 2e9)));
            }
            // Something may already have happened (a push queued before the wait).
            if (kind == LuaNetBox::WaitKind::Request) {
                auto it = nb->m_requests.find(id);
                if (it == nb->m_requests.end() || it->second.finished || !it->second.pushes.empty())
                    nb->scheduleResume();
            }
        });
        return lua_yield(L, 0);
    }
    static int waitRequest(lua_State *L) { return wait(L, LuaNetBox::WaitKind::Request); }
    static int waitConnection(lua_State *L) { return wait(L, LuaNetBox::WaitKind::Connection); }

    static int clock(lua_State *L)
    {
        static const QElapsedTimer timer = [] {
            QElapsedTimer t;
            t.start();
            return t;
        }();
        lua_pushnumber(L, lua_Number(timer.nsecsElapsed()) / 1e9);
        return 1;
    }

    // C.space(conn, name | id) -> id, name, {index name = id} | nothing
    static int space(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int connId = int(luaL_checkinteger(L, 1));
        const int keyType = lua_type(L, 2);
        const lua_Integer number = keyType == LUA_TNUMBER && lua_isinteger(L, 2) ? lua_tointeger(L, 2) : -1;
        const char *text = keyType == LUA_TSTRING ? lua_tostring(L, 2) : nullptr;
        owner(L, nb, [&] {
            auto it = nb->m_connections.find(connId);
            const Schema::Space *s = nullptr;
            if (it != nb->m_connections.end() && it->second.connection) {
                const Schema &schema = it->second.connection->schema();
                if (text)
                    s = schema.space(QString::fromUtf8(text));
                else if (number >= 0 && number <= lua_Integer(UINT32_MAX))
                    s = schema.space(uint32_t(number));
            }
            if (s) {
                std::vector<std::pair<MpValue, MpValue>> indexes;
                for (const Schema::Index &i : s->indexes)
                    indexes.emplace_back(MpValue::string(i.name), MpValue::uinteger(i.id));
                nb->m_ret = { MpValue::uinteger(s->id), MpValue::string(s->name), MpValue::map(std::move(indexes)) };
            }
        });
        return pushRet(L, nb);
    }

    static int current(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        int id = 0;
        owner(L, nb, [nb, &id] { id = nb->m_currentId; });
        if (id == 0)
            return 0;
        lua_pushinteger(L, id);
        return 1;
    }

    static int uri(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        owner(L, nb, [nb] {
            if (!nb->m_scopeUri.isEmpty()) {
                nb->m_ret = { MpValue::string(nb->m_scopeUri) };
                return;
            }
            // Else the window's connection's address (never its credentials).
            auto it = nb->m_connections.find(nb->m_currentId);
            if (nb->m_currentId != 0 && it != nb->m_connections.end() && it->second.connection
                && (it->second.connection->uri().port != 0 || it->second.connection->uri().isUnix()))
                nb->m_ret = { MpValue::string(it->second.connection->uri().displayString()) };
        });
        return pushRet(L, nb);
    }

    // C.by_value(metatable): tables with it print in full every time (see LuaValue).
    static int byValue(lua_State *L)
    {
        luaL_checktype(L, 1, LUA_TTABLE);
        LuaValue::markPrintedByValue(L, 1);
        return 0;
    }

    // print(...): tab-separated tostring() of the arguments, box.NULL as Tarantool prints it.
    static int print(lua_State *L)
    {
        LuaNetBox *nb = self(L);
        const int n = lua_gettop(L);
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (int i = 1; i <= n; ++i) {
            if (i > 1)
                luaL_addchar(&b, '\t');
            if (LuaValue::isNull(L, i)) {
                luaL_addstring(&b, "cdata<void *>: NULL");
            } else {
                luaL_tolstring(L, i, nullptr);
                luaL_addvalue(&b);
            }
        }
        luaL_pushresult(&b);
        size_t length = 0;
        const char *text = lua_tolstring(L, -1, &length);
        if (!nb->deliverOutput(QByteArray(text, qsizetype(length))))
            return luaL_error(L, "aborted");
        return 0;
    }

    // Runs the prelude with the primitives table and box.NULL as its arguments.
    static int install(lua_State *L)
    {
        LuaNetBox *nb = static_cast<LuaNetBox *>(lua_touserdata(L, 1));
        static const luaL_Reg functions[] = {
            { "connect", connect }, { "state", state },      { "endpoint", endpoint },
            { "close", close },     { "request", request },  { "take", take },
            { "discard", discard }, { "wait", waitRequest }, { "wait_conn", waitConnection },
            { "clock", clock },     { "space", space },      { "current", current },
            { "uri", uri },         { "by_value", byValue }, { nullptr, nullptr },
        };
        if (luaL_loadbufferx(L, NetBoxPrelude::kSource, sizeof(NetBoxPrelude::kSource) - 1, "=net.box", "t") != LUA_OK)
            return lua_error(L);
        lua_newtable(L);
        lua_pushlightuserdata(L, nb);
        luaL_setfuncs(L, functions, 1);
        LuaValue::pushNull(L);
        lua_call(L, 2, 0);
        lua_pushlightuserdata(L, nb);
        lua_pushcclosure(L, print, 1);
        lua_setglobal(L, "print");
        return 0;
    }
};

LuaNetBox::LuaNetBox(QObject *parent)
    : QObject(parent)
{
    m_waitTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, &LuaNetBox::scheduleResume);
    m_ready = setup();
}

LuaNetBox::~LuaNetBox()
{
    stopWorker();
    // Owned connections go first, while the maps their signals touch still exist; the
    // host's connection (box_scope.current()) only loses its connections to us.
    for (auto &[id, entry] : m_connections) {
        if (!entry.connection)
            continue;
        disconnect(entry.connection, nullptr, this, nullptr);
        if (entry.owned)
            delete entry.connection;
    }
    m_connections.clear();
    m_requests.clear();
}

void LuaNetBox::setThreaded(bool on)
{
    if (on == m_threaded || m_running)
        return;
    if (!on) {
        stopWorker();
        m_threaded = false;
        return;
    }
    m_closing = false;
    m_threaded = true;
    m_worker = std::thread([this] { workerLoop(); });
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [this] { return m_workerId != std::thread::id(); });
}

void LuaNetBox::stopWorker()
{
    if (!m_worker.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closing = true;
        m_jobs.clear();
        // A primitive waiting for the owner gives up: it raises "aborted".
        if (m_ownerJob) {
            m_ownerJob = nullptr;
            m_ownerJobDone = true;
            m_ownerJobRan = false;
        }
    }
    m_sandbox.requestInterrupt();
    m_cv.notify_all();
    m_worker.join();
    m_workerId = std::thread::id();
    m_printQueue.clear();
    m_printQueueBytes = 0;
}

void LuaNetBox::workerLoop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_workerId = std::this_thread::get_id();
    m_cv.notify_all();
    for (;;) {
        m_cv.wait(lock, [this] { return m_closing || !m_jobs.empty(); });
        if (m_closing)
            return;
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
}

void LuaNetBox::onLuaThread(std::function<void()> job)
{
    if (!m_threaded) {
        job();
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_cv.notify_all();
}

bool LuaNetBox::onOwner(const std::function<void()> &job)
{
    if (!m_threaded || std::this_thread::get_id() != m_workerId) {
        job();
        return true;
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    if (m_closing)
        return false;
    m_ownerJob = &job;
    m_ownerJobDone = false;
    m_ownerJobRan = false;
    QMetaObject::invokeMethod(
            this, [this] { serveOwnerJob(); }, Qt::QueuedConnection);
    m_cv.wait(lock, [this] { return m_ownerJobDone; });
    return m_ownerJobRan;
}

void LuaNetBox::serveOwnerJob()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    const std::function<void()> *job = m_ownerJob;
    if (!job)
        return;
    lock.unlock();
    (*job)();
    lock.lock();
    m_ownerJob = nullptr;
    m_ownerJobDone = true;
    m_ownerJobRan = true;
    lock.unlock();
    m_cv.notify_all();
}

bool LuaNetBox::deliverOutput(QByteArray line)
{
    if (!m_threaded || std::this_thread::get_id() != m_workerId) {
        if (m_output)
            m_output(line);
        return true;
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    // A printing loop waits for the owner to show what it printed: bounded in bytes.
    m_cv.wait(lock,
              [this] { return m_closing || m_printQueueBytes < kPrintBacklogBytes || m_sandbox.interruptRequested(); });
    if (m_closing || m_sandbox.interruptRequested())
        return false;
    m_printQueueBytes += line.size() + 1;
    m_printQueue.push_back(std::move(line));
    if (!m_printFlushPosted) {
        m_printFlushPosted = true;
        QMetaObject::invokeMethod(
                this, [this] { flushOutput(); }, Qt::QueuedConnection);
    }
    return true;
}

void LuaNetBox::flushOutput()
{
    std::deque<QByteArray> lines;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        lines.swap(m_printQueue);
        m_printQueueBytes = 0;
        m_printFlushPosted = false;
    }
    m_cv.notify_all();
    if (m_output) {
        for (const QByteArray &line : lines)
            m_output(line);
    }
}

bool LuaNetBox::setup()
{
    if (!m_sandbox.isValid()) {
        m_setupError = QStringLiteral("cannot create the Lua state");
        return false;
    }
    lua_State *L = m_sandbox.state();
    lua_pushlightuserdata(L, this);
    // The prelude's own instructions come out of an unlimited budget.
    const uint64_t budget = m_sandbox.instructionBudget();
    m_sandbox.setInstructionBudget(0);
    m_sandbox.resetBudget();
    const bool ok = m_sandbox.callProtected(&LuaNetBoxApi::install, 1, 0, &m_setupError);
    m_sandbox.setInstructionBudget(budget);
    return ok;
}

bool LuaNetBox::setArguments(const QString &scriptName, const QStringList &arguments)
{
    std::vector<std::pair<MpValue, MpValue>> entries;
    entries.emplace_back(MpValue::integer(0), MpValue::string(scriptName));
    for (int i = 0; i < arguments.size(); ++i)
        entries.emplace_back(MpValue::integer(i + 1), MpValue::string(arguments.at(i)));
    return m_sandbox.setGlobal("arg", MpValue::map(std::move(entries)));
}

void LuaNetBox::setCurrentConnection(Connection *connection)
{
    if (m_currentId != 0) {
        m_connections.erase(m_currentId);
        m_currentId = 0;
    }
    if (connection)
        m_currentId = addConnection(connection, false);
}

int LuaNetBox::addConnection(Connection *connection, bool owned)
{
    const int id = m_nextConnId++;
    m_connections[id] = ConnEntry { connection, owned, false };
    auto event = [this, id] { onConnectionEvent(id); };
    connect(connection, &Connection::stateChanged, this, event);
    connect(connection, &Connection::schemaLoaded, this, event);
    connect(connection, &Connection::disconnected, this, event);
    connect(connection, &Connection::reconnectScheduled, this, event);
    return id;
}

QString LuaNetBox::connectionStateName(int id, QString *error) const
{
    auto it = m_connections.find(id);
    if (it == m_connections.end() || !it->second.connection) {
        *error = QStringLiteral("Connection closed");
        return QStringLiteral("closed");
    }
    const Connection *c = it->second.connection;
    if (it->second.closedByUser) {
        *error = QStringLiteral("Connection closed");
        return QStringLiteral("closed");
    }
    switch (c->state()) {
    case Connection::State::Connecting:
    case Connection::State::Greeting: return QStringLiteral("initial");
    case Connection::State::Auth: return QStringLiteral("auth");
    case Connection::State::Ready:
        return c->schema().isLoaded() ? QStringLiteral("active") : QStringLiteral("fetch_schema");
    case Connection::State::Closing: return QStringLiteral("closing");
    case Connection::State::Disconnected: break;
    }
    *error = c->lastError().isNull() ? QStringLiteral("Connection closed") : c->lastError().message;
    // net.box's reconnect_after: lost, and waiting for the next attempt.
    return c->isReconnectScheduled() ? QStringLiteral("error_reconnect") : QStringLiteral("error");
}

void LuaNetBox::onConnectionEvent(int id)
{
    // While a slice runs on the worker, the wait it may be about to ask for is not known yet:
    // look again once it yields (the prelude re-checks, a spare resume costs nothing).
    if (m_inSlice && m_threaded) {
        m_resumePending = true;
        return;
    }
    if (m_waitKind == WaitKind::Connection && m_waitId == id)
        scheduleResume();
}

void LuaNetBox::onRequestEvent(int id)
{
    if (m_inSlice && m_threaded) {
        m_resumePending = true;
        return;
    }
    if (m_waitKind == WaitKind::Request && m_waitId == id)
        scheduleResume();
}

void LuaNetBox::scheduleResume()
{
    if (!m_running || m_resumeScheduled)
        return;
    m_resumeScheduled = true;
    // Queued: never resume Lua from inside a Connection or Request signal.
    const quint64 generation = m_runGeneration;
    QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation != m_runGeneration)
                    return;
                m_resumeScheduled = false;
                if (m_inSlice) {
                    // The worker is still finishing the slice that asked to wait.
                    m_resumePending = true;
                    return;
                }
                resumeSlice();
            },
            Qt::QueuedConnection);
}

bool LuaNetBox::start(const QByteArray &code, const QString &chunkName)
{
    if (!m_ready || m_running)
        return false;
    m_outcome = Outcome();
    m_running = true;
    m_abortRequested = false;
    m_resumePending = false;
    ++m_runGeneration;
    m_sandbox.clearInterrupt();
    // Compiled on the Lua thread by the first slice.
    m_startCode = code;
    m_startName = chunkName.toUtf8();
    m_startPending = true;
    m_nargs = 0;
    resumeSlice();
    return true;
}

void LuaNetBox::resumeSlice()
{
    if (!m_running || m_inSlice)
        return;
    m_waitTimer.stop();
    m_waitKind = WaitKind::None;
    m_yieldedForWait = false;
    m_inSlice = true;
    // The chunk to compile first (the run's first slice) goes with the job.
    QByteArray code = std::exchange(m_startCode, QByteArray());
    QByteArray name = std::exchange(m_startName, QByteArray());
    const bool starting = std::exchange(m_startPending, false);
    if (!m_threaded) {
        runSlice(starting, code, name);
        if (m_sliceEnd != SliceEnd::Yielded)
            cleanUpRun();
        afterSlice();
        return;
    }
    const quint64 generation = m_runGeneration;
    onLuaThread([this, generation, starting, code = std::move(code), name = std::move(name)] {
        runSlice(starting, code, name);
        const bool ended = m_sliceEnd != SliceEnd::Yielded;
        QMetaObject::invokeMethod(
                this,
                [this, generation] {
                    if (generation == m_runGeneration)
                        afterSlice();
                },
                Qt::QueuedConnection);
        // The window hears of the end first; the next run's job waits for this clean-up.
        if (ended)
            cleanUpRun();
    });
}

void LuaNetBox::runSlice(bool starting, const QByteArray &code, const QByteArray &name)
{
    lua_State *L = m_sandbox.state();
    m_sliceError.clear();
    if (starting) {
        QString error;
        // LuaJIT's 18446744073709551615ULL and -1LL, on the same lines.
        if (!m_sandbox.load(LuaNumerals::rewritten(code), name.constData(), &error)) {
            m_sliceEnd = SliceEnd::Failed;
            m_sliceError = error;
            return;
        }
        // Anchor the coroutine in the registry; move the function into it.
        lua_State *co = lua_checkstack(L, 2) ? lua_newthread(L) : nullptr;
        if (!co) {
            lua_settop(L, 0);
            m_sliceEnd = SliceEnd::Failed;
            m_sliceError = QStringLiteral("not enough memory");
            return;
        }
        lua_insert(L, -2);
        lua_xmove(L, co, 1);
        m_threadRef = luaL_ref(L, LUA_REGISTRYINDEX);
        m_thread = co;
        m_nargs = 0;
    }
    int nresults = 0;
    const int status = m_sandbox.resume(m_thread, m_nargs, &nresults);
    m_nargs = 0;
    if (status == LUA_YIELD) {
        lua_pop(m_thread, nresults);
        m_sliceEnd = SliceEnd::Yielded;
        return;
    }
    if (status != LUA_OK) {
        m_sliceEnd = SliceEnd::Failed;
        m_sliceError = LuaSandbox::errorText(m_thread, -1);
        return;
    }
    // Stopped, but the chunk's last call swallowed the error (`return pcall(f)`): still stopped.
    if (m_sandbox.interruptRequested() || m_sandbox.budgetExhausted()) {
        m_sliceEnd = SliceEnd::Failed;
        m_sliceError = m_sandbox.interruptRequested() ? QStringLiteral("aborted")
                                                      : QStringLiteral("instruction budget exhausted");
        return;
    }
    // Converted for printing: shared tables and cycles become YAML anchors and aliases.
    QString error;
    const bool converted = LuaValue::toMpShared(m_thread, lua_gettop(m_thread) - nresults + 1, nresults,
                                                &m_outcome.values, &m_outcome.anchors, &error);
    if (converted && m_formatsYaml)
        m_outcome.yaml = MpFormat::yamlDocument(m_outcome.values, &m_outcome.anchors);
    m_sliceEnd = converted ? SliceEnd::Returned : SliceEnd::Failed;
    m_sliceError = error;
}

void LuaNetBox::cleanUpRun()
{
    lua_State *L = m_sandbox.state();
    if (m_thread)
        LuaSandbox::closeThread(m_thread);
    if (m_threadRef >= 0)
        luaL_unref(L, LUA_REGISTRYINDEX, m_threadRef);
    m_thread = nullptr;
    m_threadRef = -1;
    if (m_sandbox.memoryLimit() != 0 && m_sandbox.memoryUsed() > m_sandbox.memoryLimit() / 4)
        m_sandbox.collectGarbage();
}

void LuaNetBox::afterSlice()
{
    m_inSlice = false;
    if (m_threaded)
        flushOutput(); // what the slice printed comes before what it returned
    if (m_abortRequested) {
        if (m_sliceEnd == SliceEnd::Yielded)
            onLuaThread([this] { cleanUpRun(); });
        finish(false, QStringLiteral("aborted"));
        return;
    }
    switch (m_sliceEnd) {
    case SliceEnd::Yielded:
        if (!m_yieldedForWait) {
            onLuaThread([this] { cleanUpRun(); });
            finish(false, QStringLiteral("attempt to yield from outside a coroutine"));
        } else if (m_resumePending) {
            m_resumePending = false;
            scheduleResume();
        }
        return; // resumed by scheduleResume()
    case SliceEnd::Failed: finish(false, m_sliceError); return;
    case SliceEnd::Returned: finish(true, QString()); return;
    }
}

void LuaNetBox::finish(bool ok, const QString &error)
{
    m_running = false;
    m_waitTimer.stop();
    m_waitKind = WaitKind::None;
    m_resumeScheduled = false;
    m_resumePending = false;
    ++m_runGeneration;
    m_outcome.ok = ok;
    m_outcome.error = error;
    if (!ok) {
        m_outcome.values.clear();
        m_outcome.anchors = MpFormat::YamlAnchors();
        m_outcome.yaml.clear();
    }
    emit finished(ok);
}

void LuaNetBox::abort()
{
    if (!m_running)
        return;
    if (m_inSlice) {
        // The slice ends at the next hook or charge point; afterSlice() finishes the run.
        m_abortRequested = true;
        m_sandbox.requestInterrupt();
        {
            std::lock_guard<std::mutex> lock(m_mutex); // no lost wake-up of a print() waiting for room
        }
        m_cv.notify_all();
        return;
    }
    onLuaThread([this] { cleanUpRun(); });
    finish(false, QStringLiteral("aborted"));
}

} // namespace Boxscope
