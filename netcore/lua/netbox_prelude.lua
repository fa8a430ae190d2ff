-- The Lua half of LuaNetBox: net.box's objects and semantics, written after
-- Tarantool 2.6's builtin/box/net_box.lua (futures, pairs() iteration, error
-- values), on top of the C primitives in LuaNetBox.cpp:
--   C.connect(uri, user, password, timeout) -> id | nil, message
--   C.state(id) -> state name, error message | nil
--   C.close(id)
--   C.request(conn, timeout, method, ...) -> request id
--   C.take(req) -> 'pending'|'ok'|'error', {pushes}, data | code, type, message
--   C.discard(req)
--   C.wait(req, timeout), C.wait_conn(conn, timeout): yield until something happens
--   C.clock() -> seconds, C.space(conn, name|id) -> id, name, {index name = id}
--   C.current() -> connection id | nil, C.uri() -> string | nil
--   C.by_value(metatable): tables with it are printed in full every time, never as YAML
--   aliases (Tarantool's tuples and errors are cdata, which its YAML encoder never anchors)
local C, NULL = ...
local unpack, insert, concat = table.unpack, table.insert, table.concat
local INF = math.huge
local E_PROC_LUA, E_NO_CONNECTION, E_TIMEOUT = 32, 77, 78

-- box.error-like values: tostring() gives the message.
local error_index = {}
local error_mt = {__index = error_index, __tostring = function(e) return tostring(e.message) end}
C.by_value(error_mt)
local function new_error(code, etype, message)
    -- Tarantool 2.6 exposes no code for Lua errors raised by the server.
    if etype == 'LuajitError' then code = nil end
    return setmetatable({code = code, type = etype, message = message, trace = {}}, error_mt)
end
function error_index.unpack(e) return {code = e.code, type = e.type, message = e.message} end
local function client_error(code, message) return new_error(code, 'ClientError', message) end

-- Tuples print like Tarantool's: [1, 'a', {'k': 2}].
local function flow(v, depth)
    if v == NULL or v == nil then return 'null' end
    local t = type(v)
    if t == 'string' then return "'" .. (v:gsub("'", "''")) .. "'" end
    if t == 'number' then
        if math.type(v) == 'float' and v == math.floor(v) and v > -2^53 and v < 2^53 then
            return string.format('%d', v)
        end
        return tostring(v)
    end
    -- uint64 values print as numbers there, without tostring()'s ULL
    if t == 'userdata' and getmetatable(v) == 'uint64_t' then return (tostring(v):sub(1, -4)) end
    if t ~= 'table' or depth > 32 then return tostring(v) end
    local n, count = #v, 0
    for _ in pairs(v) do count = count + 1 end
    local parts = {}
    if count == n then
        for i = 1, n do parts[i] = flow(v[i], depth + 1) end
        return '[' .. concat(parts, ', ') .. ']'
    end
    for k, x in pairs(v) do insert(parts, flow(k, depth + 1) .. ': ' .. flow(x, depth + 1)) end
    table.sort(parts)
    return '{' .. concat(parts, ', ') .. '}'
end
-- Tuples print in flow style, as Tarantool's cdata tuples; the list of them in block style.
local tuple_mt = {__tostring = function(t) return flow(t, 0) end, __serialize = 'seq'}
C.by_value(tuple_mt)
local function tuples(data)
    setmetatable(data, nil)
    for i = 1, #data do
        if type(data[i]) == 'table' then setmetatable(data[i], tuple_mt) end
    end
    return data
end

-- Futures.
local request_index = {}
local request_mt = {__index = request_index}

local function poll(f)
    if not f.id then return end
    local status, pushes, a, b, c = C.take(f.id)
    for i = 1, #pushes do
        local m = pushes[i]
        if f.is_async then insert(f.messages, m) end
        if f.on_push then f.on_push(f.on_push_ctx, m) end
    end
    if status == 'ok' then
        f.id = nil
        f.response = f.shape and f.shape(a) or a
    elseif status == 'error' then
        f.id = nil
        f.errobj = new_error(a, b, c)
    end
end

function request_index:is_ready()
    poll(self)
    return self.id == nil
end

function request_index:result()
    poll(self)
    if self.errobj then return nil, self.errobj end
    if not self.id then return self.response end
    return nil, client_error(E_PROC_LUA, 'Response is not ready')
end

local function check_timeout(timeout, usage)
    if timeout then
        if type(timeout) ~= 'number' or timeout < 0 then error(usage, 3) end
        return timeout
    end
    return INF
end

function request_index:wait_result(timeout)
    timeout = check_timeout(timeout, 'Usage: future:wait_result(timeout)')
    poll(self)
    if self.id then
        while timeout > 0 and self.id do
            local ts = C.clock()
            C.wait(self.id, timeout)
            poll(self)
            timeout = timeout - (C.clock() - ts)
        end
        if self.id then return nil, client_error(E_TIMEOUT, 'Timeout exceeded') end
    end
    return self:result()
end

function request_index:discard()
    if self.id then
        C.discard(self.id)
        self.id = nil
        self.errobj = client_error(E_PROC_LUA, 'Response is discarded')
    end
end

local function request_iterator_next(iterator, i)
    if i == NULL then return nil, nil end
    i = i + 1
    local request = iterator.request
    local messages = request.messages
    poll(request)
    while true do
        if i <= #messages then return i, messages[i] end
        if request.id == nil then
            if i > #messages + 1 then return nil, nil end
            local response, err = request:result()
            if err then return NULL, err end
            return i, response
        end
        local old_message_count = #messages
        local timeout = iterator.timeout
        local woke = false
        repeat
            local ts = C.clock()
            C.wait(request.id, timeout)
            poll(request)
            timeout = timeout - (C.clock() - ts)
            if request.id == nil or old_message_count ~= #messages then woke = true end
        until woke or timeout <= 0
        if not woke then return NULL, client_error(E_TIMEOUT, 'Timeout exceeded') end
    end
end

function request_index:pairs(timeout)
    timeout = check_timeout(timeout, 'Usage: future:pairs(timeout)')
    return request_iterator_next, {request = self, timeout = timeout}, 0
end

-- Connections.
local conn_methods = {}
local function conn_state(conn) return C.state(conn._id) end

-- Sends a request; returns a future (is_async) or waits and returns the data.
local function perform(conn, opts, shape, method, ...)
    if opts ~= nil and type(opts) ~= 'table' then error('Usage: options must be a table', 3) end
    opts = opts or {}
    local timeout = opts.timeout
    if timeout ~= nil and type(timeout) ~= 'number' then error('Usage: timeout must be a number', 3) end
    local state, message, reconnects = conn_state(conn)
    -- A sync request during a reconnect attempt ('initial', 'auth') waits the same way: sent at
    -- once it would be queued and failed by the attempt, should that fail.
    if state == 'error_reconnect'
        or (not opts.is_async and reconnects and (state == 'initial' or state == 'auth')) then
        -- As net.box: while the connection waits to reconnect, a request waits for it within
        -- its timeout (through every attempt) and then fails with the last connection error;
        -- a future cannot wait and fails at once.
        if opts.is_async then error(client_error(E_NO_CONNECTION, message or 'Connection closed')) end
        local last, left = message, timeout or INF
        while left > 0 and (state == 'error_reconnect' or (reconnects and (state == 'initial' or state == 'auth'))) do
            local ts = C.clock()
            C.wait_conn(conn._id, left)
            left = left - (C.clock() - ts)
            state, message, reconnects = conn_state(conn)
            last = message or last
        end
        if state ~= 'active' and state ~= 'fetch_schema' then
            error(client_error(E_NO_CONNECTION, last or 'Connection closed'))
        end
        if timeout then timeout = math.max(left, 0.001) end
    end
    if state == 'error' or state == 'closed' or state == 'closing' then
        error(client_error(E_NO_CONNECTION, message or 'Connection closed'))
    end
    local id = C.request(conn._id, timeout, method, ...)
    local f = setmetatable({id = id, messages = {}, is_async = opts.is_async and true or false,
                            on_push = opts.on_push, on_push_ctx = opts.on_push_ctx, shape = shape},
                           request_mt)
    if f.is_async then return f end
    poll(f)
    while f.id do
        C.wait(f.id, INF)
        poll(f)
    end
    if f.errobj then error(f.errobj) end
    return f.response
end

function conn_methods:ping(opts)
    local state = conn_state(self)
    if state == 'error' or state == 'closed' or state == 'closing' then return false end
    return (pcall(perform, self, opts, nil, 'ping'))
end

function conn_methods:call(name, args, opts)
    if args ~= nil and type(args) ~= 'table' then error('Use remote:call(func_name, {arg1, arg2, ...}, opts) instead of remote:call(func_name, arg1, arg2, ...)', 2) end
    local r = perform(self, opts, nil, 'call', tostring(name), args or {})
    if opts and opts.is_async then return r end
    return unpack(r)
end

function conn_methods:eval(expr, args, opts)
    if args ~= nil and type(args) ~= 'table' then error('Use remote:eval(expression, {arg1, arg2, ...}, opts) instead of remote:eval(expression, arg1, arg2, ...)', 2) end
    local r = perform(self, opts, nil, 'eval', tostring(expr), args or {})
    if opts and opts.is_async then return r end
    return unpack(r)
end

function conn_methods:close()
    C.close(self._id)
end

function conn_methods:is_connected()
    local state = conn_state(self)
    return state == 'active' or state == 'fetch_schema'
end

function conn_methods:wait_connected(timeout)
    timeout = timeout or INF
    while timeout > 0 do
        local state = conn_state(self)
        if state == 'active' then return true end
        if state == 'error' or state == 'closed' then return false end
        local ts = C.clock()
        C.wait_conn(self._id, timeout)
        timeout = timeout - (C.clock() - ts)
    end
    return conn_state(self) == 'active'
end

-- Spaces and indexes.
local ITERATORS = {EQ = 0, REQ = 1, ALL = 2, LT = 3, LE = 4, GE = 5, GT = 6, BITS_ALL_SET = 7,
                   BITS_ANY_SET = 8, BITS_ALL_NOT_SET = 9, OVERLAPS = 10, NEIGHBOR = 11}

local function as_key(key)
    if key == nil then return {} end
    if type(key) ~= 'table' then return {key} end
    return key
end

local function one(opts, r)
    if opts and opts.is_async then return r end
    return unpack(r)
end

local function index_select(space, index, key, opts)
    local iterator = opts and opts.iterator or 0
    if type(iterator) == 'string' then
        iterator = ITERATORS[iterator:upper()] or error('Unknown iterator type', 3)
    end
    local limit = opts and opts.limit or 0xffffffff
    local offset = opts and opts.offset or 0
    return perform(space._conn, opts, tuples, 'select', space.id, index, as_key(key), iterator, offset, limit)
end

local index_methods = {}
local index_mt = {__index = index_methods}
function index_methods:select(key, opts) return index_select(self.space, self.id, key, opts) end
function index_methods:get(key, opts)
    local r = perform(self.space._conn, opts, tuples, 'select', self.space.id, self.id, as_key(key), 0, 0, 2)
    if opts and opts.is_async then return r end
    if #r > 1 then error(client_error(E_PROC_LUA, 'Get() doesn\'t support partial keys and non-unique indexes'), 2) end
    return unpack(r)
end
function index_methods:update(key, ops, opts)
    return one(opts, perform(self.space._conn, opts, tuples, 'update', self.space.id, self.id, as_key(key), ops))
end
function index_methods:delete(key, opts)
    return one(opts, perform(self.space._conn, opts, tuples, 'delete', self.space.id, self.id, as_key(key)))
end

local space_methods = {}
local space_mt = {__index = space_methods}
function space_methods:select(key, opts) return index_select(self, 0, key, opts) end
function space_methods:get(key, opts) return index_methods.get(self.index[0], key, opts) end
function space_methods:insert(tuple, opts)
    return one(opts, perform(self._conn, opts, tuples, 'insert', self.id, tuple))
end
function space_methods:replace(tuple, opts)
    return one(opts, perform(self._conn, opts, tuples, 'replace', self.id, tuple))
end
function space_methods:update(key, ops, opts)
    return one(opts, perform(self._conn, opts, tuples, 'update', self.id, 0, as_key(key), ops))
end
function space_methods:upsert(tuple, ops, opts)
    local r = perform(self._conn, opts, tuples, 'upsert', self.id, tuple, ops)
    if opts and opts.is_async then return r end
end
function space_methods:delete(key, opts)
    return one(opts, perform(self._conn, opts, tuples, 'delete', self.id, 0, as_key(key)))
end

-- Extension: net.box 1.x's connection-level space methods (gone from 2.x), by space name or id.
local function space_of(conn, space)
    local object = conn.space[space]
    if object == nil then
        error(client_error(36, string.format("Space '%s' does not exist", tostring(space))), 3)
    end
    return object
end
function conn_methods:select(space, key, opts) return space_of(self, space):select(key, opts) end
function conn_methods:insert(space, tuple, opts) return space_of(self, space):insert(tuple, opts) end
function conn_methods:replace(space, tuple, opts) return space_of(self, space):replace(tuple, opts) end
function conn_methods:update(space, key, ops, opts) return space_of(self, space):update(key, ops, opts) end
function conn_methods:upsert(space, tuple, ops, opts) return space_of(self, space):upsert(tuple, ops, opts) end
function conn_methods:delete(space, key, opts) return space_of(self, space):delete(key, opts) end

local function make_space(conn, id, name, indexes)
    local space = setmetatable({_conn = conn, id = id, name = name}, space_mt)
    local index = {}
    for index_name, index_id in pairs(indexes) do
        local object = setmetatable({space = space, id = index_id, name = index_name}, index_mt)
        index[index_name] = object
        index[index_id] = object
    end
    space.index = index
    return space
end

local function make_spaces(conn)
    return setmetatable({}, {__index = function(spaces, key)
        local id, name, indexes = C.space(conn._id, key)
        if id == nil then return nil end
        local space = make_space(conn, id, name, indexes)
        rawset(spaces, id, space)
        rawset(spaces, name, space)
        return space
    end})
end

local conn_mt = {__index = function(conn, key)
    if key == 'state' then return (conn_state(conn)) end
    if key == 'error' then return select(2, conn_state(conn)) end
    if key == 'host' then return (C.endpoint(conn._id)) end
    if key == 'port' then return select(2, C.endpoint(conn._id)) end
    if key == 'space' then
        local spaces = make_spaces(conn)
        rawset(conn, 'space', spaces)
        return spaces
    end
    return conn_methods[key]
end}

local net_box = {}
function net_box.connect(uri, opts)
    if type(uri) == 'table' then opts, uri = uri, nil end
    opts = opts or {}
    if uri == nil then uri = opts.uri end
    local id, message = C.connect(tostring(uri), opts.user, opts.password, opts.connect_timeout,
                                  opts.reconnect_after)
    if not id then error(message, 2) end
    local conn = setmetatable({_id = id}, conn_mt)
    if opts.wait_connected ~= false then
        conn:wait_connected(type(opts.wait_connected) == 'number' and opts.wait_connected or nil)
    end
    return conn
end
net_box.new = net_box.connect

box_scope = setmetatable({}, {__index = function(_, key)
    if key == 'uri' then return C.uri() end
end})
function box_scope.current()
    local id = C.current()
    if id == nil then return nil end
    return setmetatable({_id = id}, conn_mt)
end

local loaded = {['net.box'] = net_box}
function require(name)
    local module = loaded[name]
    if module == nil then
        error(string.format("module '%s' is not available in Boxscope's sandbox (only 'net.box' is)", tostring(name)), 2)
    end
    return module
end
