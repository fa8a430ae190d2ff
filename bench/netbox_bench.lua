-- net.box side of the Boxscope benchmarks: the cases of boxscope-bench (bench_netcore.cpp),
-- one per process, one JSON line on stdout with the same keys.
--
--   tarantool bench/netbox_bench.lua CASE PORT|HOST:PORT [ARGS]
--     sync_echo N | async_echo N WINDOW | push N SIZE | push_keep N SIZE | select N
--     setup_select N | idle
--
-- Timing covers the measured loop only (connect and warm-up excluded), clock.monotonic().
local netbox = require('net.box')
local clock = require('clock')
local ffi = require('ffi')

ffi.cdef[[
struct bench_timeval { long tv_sec; long tv_usec; };
struct bench_rusage {
    struct bench_timeval ru_utime;
    struct bench_timeval ru_stime;
    long ru_maxrss;
    long ru_other[13];
};
int getrusage(int who, struct bench_rusage *usage);
]]

local WARMUP = 1000
local TIMEOUT = 120

local case, address = arg[1], arg[2]
local numbers = {}
for i = 3, #arg do
    numbers[#numbers + 1] = tonumber(arg[i])
end

local function cpu_usage()
    local ru = ffi.new('struct bench_rusage')
    ffi.C.getrusage(0, ru) -- RUSAGE_SELF
    local user = tonumber(ru.ru_utime.tv_sec) + tonumber(ru.ru_utime.tv_usec) / 1e6
    local sys = tonumber(ru.ru_stime.tv_sec) + tonumber(ru.ru_stime.tv_usec) / 1e6
    return {user = user, sys = sys, total = user + sys, maxrss = tonumber(ru.ru_maxrss)}
end

-- VmHWM: this process image's own peak (ru_maxrss also counts the forking shell's).
local function vm_hwm_kib()
    local f = io.open('/proc/self/status')
    if f == nil then return -1 end
    local text = f:read('*a')
    f:close()
    return tonumber(text:match('VmHWM:%s*(%d+)')) or -1
end

-- A JSON object with keys in insertion order (json.encode would reorder them).
local function json_line()
    local parts = {}
    local line = {}
    function line.add(key, value)
        local t = type(value)
        local text
        if t == 'number' then
            if value == math.floor(value) and math.abs(value) < 1e15 then
                text = string.format('%d', value)
            else
                text = string.format('%.10g', value)
            end
        elseif t == 'boolean' then
            text = tostring(value)
        else
            text = '"' .. tostring(value):gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n') .. '"'
        end
        parts[#parts + 1] = string.format('"%s":%s', key, text)
    end
    function line.text()
        return '{' .. table.concat(parts, ',') .. '}'
    end
    return line
end

local function round(x, digits)
    local m = 10 ^ (digits or 0)
    return math.floor(x * m + 0.5) / m
end

local function ms(seconds)
    return round(seconds * 1000, 3)
end

local function header(n)
    local j = json_line()
    j.add('client', 'netbox')
    j.add('case', case)
    j.add('n', n)
    return j
end

local function finish(j, ok, cpu0, err)
    local now = cpu_usage()
    j.add('cpu_loop_s', round(now.total - cpu0.total, 4))
    j.add('cpu_s', round(now.total, 4))
    j.add('cpu_user_s', round(now.user, 4))
    j.add('cpu_sys_s', round(now.sys, 4))
    j.add('maxrss_kib', now.maxrss)
    j.add('hwm_kib', vm_hwm_kib())
    j.add('ok', ok)
    if not ok then
        j.add('error', err or 'failed')
    end
    j.add('build', 'tarantool ' .. require('tarantool').version)
    io.stdout:write(j.text() .. '\n')
    io.stdout:flush()
    os.exit(ok and 0 or 1)
end

local function fatal(message)
    local j = header(numbers[1] or 0)
    j.add('ok', false)
    j.add('error', message)
    io.stdout:write(j.text() .. '\n')
    io.stdout:flush()
    os.exit(1)
end

-- Nearest rank, ceil(n * p): the same rule as boxscope-bench.
local function percentile(sorted, p)
    local rank = math.max(1, math.min(#sorted, math.ceil(#sorted * p)))
    return sorted[rank]
end

local SETUP_SELECT = [[
local n = ...
return box.session.su('admin', function()
    local s = box.space.bench
    if s ~= nil and s:count() == n then return n end
    if s ~= nil then s:drop() end
    s = box.schema.space.create('bench', {format = {
        {name = 'id', type = 'unsigned'}, {name = 'name', type = 'string'},
        {name = 'value', type = 'unsigned'}}})
    s:create_index('primary', {type = 'tree', parts = {'id'}})
    box.begin()
    for i = 1, n do
        s:insert{i, 'name' .. i, i * 2}
        if i % 1000 == 0 then box.commit() box.begin() end
    end
    box.commit()
    return s:count()
end)
]]

if case == nil or address == nil then
    io.stderr:write('usage: tarantool netbox_bench.lua CASE PORT|HOST:PORT [ARGS]\n')
    os.exit(2)
end
if tonumber(address) ~= nil then
    address = '127.0.0.1:' .. address
end

local connect_start = clock.monotonic()
local conn = netbox.connect(address, {wait_connected = true, connect_timeout = 10})
local connected_at = clock.monotonic()
if not conn:is_connected() then
    fatal('cannot connect to ' .. address .. ': ' .. tostring(conn.error))
end

local cases = {}

function cases.sync_echo(n)
    local errors, first_error = 0, nil
    local function one()
        local ok, r = pcall(conn.call, conn, 'echo', {1}, {timeout = TIMEOUT})
        if not ok or r ~= 1 then
            errors = errors + 1
            first_error = first_error or tostring(r)
        end
    end
    for _ = 1, WARMUP do one() end
    errors, first_error = 0, nil
    local lat = table.new and table.new(n, 0) or {}
    local cpu0 = cpu_usage()
    local t0 = clock.monotonic()
    for i = 1, n do
        local a = clock.monotonic()
        one()
        lat[i] = (clock.monotonic() - a) * 1e6
    end
    local s = clock.monotonic() - t0
    table.sort(lat)
    local j = header(n)
    j.add('window', 1)
    j.add('per_s', round(n / s))
    j.add('unit', 'calls')
    j.add('p50_us', round(percentile(lat, 0.50), 1))
    j.add('p99_us', round(percentile(lat, 0.99), 1))
    j.add('total_ms', ms(s))
    finish(j, errors == 0, cpu0, first_error)
end

-- A ring of `window` futures: wait for the oldest, check it, reuse its slot.
local function ring(n, window)
    local opts = {is_async = true}
    local futures = {}
    local issued, errors, first_error = 0, 0, nil
    window = math.min(window, n)
    for i = 1, window do
        futures[i] = conn:call('echo', {1}, opts)
        issued = issued + 1
    end
    local slot = 1
    for _ = 1, n do
        local res, err = futures[slot]:wait_result(TIMEOUT)
        if res == nil or res[1] ~= 1 then
            errors = errors + 1
            first_error = first_error or tostring(err)
        end
        if issued < n then
            futures[slot] = conn:call('echo', {1}, opts)
            issued = issued + 1
        else
            futures[slot] = nil
        end
        slot = slot % window + 1
    end
    return errors, first_error
end

function cases.async_echo(n, window)
    ring(WARMUP, math.min(window, WARMUP))
    local cpu0 = cpu_usage()
    local t0 = clock.monotonic()
    local errors, first_error = ring(n, window)
    local s = clock.monotonic() - t0
    local j = header(n)
    j.add('window', window)
    j.add('per_s', round(n / s))
    j.add('unit', 'calls')
    j.add('total_ms', ms(s))
    finish(j, errors == 0, cpu0, first_error)
end

-- push_n(n, size) sends n distinct strings: a 10-digit counter, then filler. Each push is
-- checked for its counter and length, so a lost or reordered push shows as an error.
local function push_once(n, size)
    local st = {received = 0, bad = 0}
    local t0 = clock.monotonic()
    local function on_push(ctx, msg)
        local k = ctx.received + 1
        ctx.received = k
        if k == 1 then ctx.first = clock.monotonic() end
        if type(msg) ~= 'string' or #msg ~= size or tonumber(msg:sub(1, 10)) ~= k then
            ctx.bad = ctx.bad + 1
        end
    end
    local ok, r = pcall(conn.call, conn, 'push_n', {n, size},
                        {on_push = on_push, on_push_ctx = st, timeout = TIMEOUT})
    st.seconds = clock.monotonic() - t0
    st.first_seconds = st.first and (st.first - t0) or 0
    if not ok then
        st.error = tostring(r)
    elseif r ~= n then
        st.error = 'push_n returned something else than ' .. n
    end
    return st
end

function cases.push(n, size)
    if size < 10 then fatal('push SIZE must be at least 10 (the counter\'s width)') end
    local warmup = push_once(math.min(n, 1000), size)
    if warmup.error ~= nil then fatal('warm-up: ' .. warmup.error) end
    local cpu0 = cpu_usage()
    local st = push_once(n, size)
    local j = header(n)
    j.add('size', size)
    j.add('per_s', st.seconds > 0 and round(n / st.seconds) or 0)
    j.add('unit', 'pushes')
    j.add('received', st.received)
    j.add('first_push_ms', ms(st.first_seconds))
    j.add('total_ms', ms(st.seconds))
    local ok = st.error == nil and st.received == n and st.bad == 0
    finish(j, ok, cpu0, st.error or string.format('%d pushes received of %d, %d malformed or out of order',
                                                  st.received, n, st.bad))
end

-- Every push kept: an is_async call whose future holds its pushes; future:pairs() reads them
-- all, then the result. Checked as in push_once; the clock stops after the last message.
local function push_keep_once(n, size)
    local st = {received = 0, bad = 0}
    local t0 = clock.monotonic()
    local future = conn:call('push_n', {n, size}, {is_async = true})
    local result, count = nil, 0
    local ok, err = pcall(function()
        for _, msg in future:pairs(TIMEOUT) do
            count = count + 1
            if count == 1 then st.first = clock.monotonic() end
            if type(msg) == 'string' then
                local k = st.received + 1
                st.received = k
                if #msg ~= size or tonumber(msg:sub(1, 10)) ~= k then
                    st.bad = st.bad + 1
                end
            elseif type(msg) == 'table' and result == nil and count == n + 1 then
                result = msg
            else
                st.bad = st.bad + 1
                st.error = st.error or ('unexpected message: ' .. tostring(msg))
            end
        end
    end)
    st.seconds = clock.monotonic() - t0
    st.first_seconds = st.first and (st.first - t0) or 0
    if not ok then
        st.error = tostring(err)
    elseif result == nil or result[1] ~= n then
        st.error = st.error or ('push_n returned something else than ' .. n .. ': ' .. tostring(future:result()))
    end
    return st
end

function cases.push_keep(n, size)
    if size < 10 then fatal('push SIZE must be at least 10 (the counter\'s width)') end
    local warmup = push_keep_once(math.min(n, 1000), size)
    if warmup.error ~= nil then fatal('warm-up: ' .. warmup.error) end
    local cpu0 = cpu_usage()
    local st = push_keep_once(n, size)
    local j = header(n)
    j.add('size', size)
    j.add('per_s', st.seconds > 0 and round(n / st.seconds) or 0)
    j.add('unit', 'pushes')
    j.add('received', st.received)
    j.add('kept', st.received)
    j.add('first_push_ms', ms(st.first_seconds))
    j.add('total_ms', ms(st.seconds))
    local ok = st.error == nil and st.received == n and st.bad == 0
    finish(j, ok, cpu0, st.error or string.format('%d pushes received of %d, %d malformed or out of order',
                                                  st.received, n, st.bad))
end

local function select_once(n)
    local space = conn.space.bench
    if space == nil then
        return 0, 'no space bench (run setup_select first)'
    end
    local t0 = clock.monotonic()
    local ok, rows = pcall(space.select, space, {}, {limit = n, iterator = 'ALL', timeout = TIMEOUT})
    local s = clock.monotonic() - t0
    if not ok then
        return s, tostring(rows)
    elseif #rows ~= n then
        return s, string.format('%d tuples instead of %d (run setup_select first)', #rows, n)
    elseif rows[n][1] ~= n or #rows[n] ~= 3 then
        return s, string.format('the last tuple is not {%d, ...}', n)
    end
    return s, nil
end

function cases.select(n)
    local _, warmup_error = select_once(math.min(n, 1000))
    if warmup_error ~= nil then fatal('warm-up: ' .. warmup_error) end
    local cpu0 = cpu_usage()
    local s, err = select_once(n)
    local j = header(n)
    j.add('per_s', s > 0 and round(n / s) or 0)
    j.add('unit', 'tuples')
    j.add('total_ms', ms(s))
    finish(j, err == nil, cpu0, err)
end

function cases.setup_select(n)
    local cpu0 = cpu_usage()
    local t0 = clock.monotonic()
    local ok, r = pcall(conn.eval, conn, SETUP_SELECT, {n}, {timeout = TIMEOUT})
    local j = header(n)
    j.add('total_ms', ms(clock.monotonic() - t0))
    finish(j, ok and r == n, cpu0, ok and 'unexpected result' or tostring(r))
end

function cases.idle()
    local cpu0 = cpu_usage()
    local ok, err = pcall(conn.ping, conn, {timeout = TIMEOUT})
    local j = header(1)
    j.add('connect_ms', ms(connected_at - connect_start))
    j.add('total_ms', ms(clock.monotonic() - connect_start))
    finish(j, ok and err == true, cpu0, tostring(err))
end

-- The same net.box loop is the peer of both of Boxscope's pipelined paths.
cases.async_echo_request = cases.async_echo

local arity = {sync_echo = 1, async_echo = 2, async_echo_request = 2, push = 2, push_keep = 2, select = 1, setup_select = 1, idle = 0}
if cases[case] == nil or #numbers < arity[case] then
    io.stderr:write('netbox_bench.lua: unknown case or missing arguments: ' .. tostring(case) .. '\n')
    os.exit(2)
end
local ok, err = pcall(cases[case], unpack(numbers))
fatal(ok and 'case returned without a result' or tostring(err))
