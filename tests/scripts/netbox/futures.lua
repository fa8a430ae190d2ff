-- Futures: is_ready, result, wait_result with and without timeout, discard.
-- Run both as `tarantool futures.lua PORT` and `boxscope-cli script futures.lua PORT`: same output.
-- show(): one deterministic line for any values, identical under `tarantool` and
-- `boxscope-cli script` (errors and tuples print through tostring()).
local function repr(v)
    if type(v) == 'nil' then return 'nil' end
    if v == box.NULL then return 'null' end
    local t = type(v)
    if t == 'number' then return string.format('%.14g', v) end
    if t == 'string' then return string.format('%q', v) end
    if t == 'boolean' then return tostring(v) end
    local mt = t == 'table' and getmetatable(v)
    if t == 'table' and not (mt and mt.__tostring) then
        local keys = {}
        for k in pairs(v) do table.insert(keys, k) end
        local parts = {}
        if #keys == #v then
            for i = 1, #v do parts[i] = repr(v[i]) end
            return '{' .. table.concat(parts, ', ') .. '}'
        end
        table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
        for _, k in ipairs(keys) do table.insert(parts, tostring(k) .. ' = ' .. repr(v[k])) end
        return '{' .. table.concat(parts, ', ') .. '}'
    end
    return tostring(v)
end
local function show(...)
    local parts = {}
    for i = 1, select('#', ...) do parts[i] = repr((select(i, ...))) end
    print(table.concat(parts, ' '))
end
local function show_error(e)
    print(tostring(e), e.code, e.type, e.message)
end

local net_box = require('net.box')
local conn = net_box.connect(arg[1])

local f = conn:call('slow', {0.3}, {is_async = true})
show(f:is_ready())
local r, e = f:result()
show(r)
show_error(e)
r, e = f:wait_result(0.01)
show(r)
show_error(e)
show(f:wait_result())
show(f:is_ready())
show(f:result())
show(f:wait_result(0))

f = conn:call('echo', {1, 2}, {is_async = true})
show(f:wait_result(5))
show(f:result())

f = conn:call('fail', {'async failure'}, {is_async = true})
r, e = f:wait_result()
show(r)
show_error(e)
show_error(select(2, f:result()))

f = conn:call('slow', {0.3}, {is_async = true})
f:discard()
show(f:is_ready())
r, e = f:result()
show(r)
show_error(e)
r, e = f:wait_result(1)
show(r)
show_error(e)
for i, m in f:pairs() do show('discarded pairs', i, m) end

f = conn:eval('return ...', {'a', 'b'}, {is_async = true})
show(f:wait_result())
local ok, message = pcall(f.wait_result, f, -1)
show(ok, message:match('Usage: future:wait_result%(timeout%)'))
-- Several futures in flight at once, read in reverse order.
local fs = {}
for i = 1, 5 do fs[i] = conn:call('echo', {i}, {is_async = true}) end
for i = 5, 1, -1 do show(fs[i]:wait_result()) end
show(conn:call('echo', {'done'}))

-- tarantool keeps running while a connection is open.
conn:close()
