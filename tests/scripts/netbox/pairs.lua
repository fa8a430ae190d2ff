-- future:pairs(): pushes, then the final result; with and without a timeout per message.
-- Run both as `tarantool pairs.lua PORT` and `boxscope-cli script pairs.lua PORT`: same output.
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

-- No timeout: waits for each next message.
local f = conn:call('progress', {3, 0.05}, {is_async = true})
for i, m in f:pairs() do show(i, m) end

-- A generous timeout per message.
f = conn:call('progress', {2, 0.05}, {is_async = true})
for i, m in f:pairs(2) do show(i, m) end

-- A finished future: pairs() replays the pushes and the result.
for i, m in f:pairs() do show(i, m) end

-- Timeout: the key is box.NULL and the value the error; the next step ends the loop.
f = conn:call('slow', {0.5}, {is_async = true})
local steps = 0
for i, m in f:pairs(0.1) do
    steps = steps + 1
    show(i == box.NULL, i)
    show_error(m)
end
show(steps)
show(f:wait_result())

-- A timed-out pairs() can be resumed by a new one.
f = conn:call('progress', {2, 0.2}, {is_async = true})
for i, m in f:pairs(0.05) do show(i, m) end
for i, m in f:pairs() do show(i, m) end

-- An error result ends the iteration with box.NULL, error.
f = conn:call('fail', {'in pairs'}, {is_async = true})
for i, m in f:pairs() do
    show(i)
    show_error(m)
end

-- tarantool keeps running while a connection is open.
conn:close()
