-- Sync calls with on_push / on_push_ctx.
-- Run both as `tarantool on_push.lua PORT` and `boxscope-cli script on_push.lua PORT`: same output.
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

local messages = {}
show(conn:call('progress', {3, 0.01}, {on_push = table.insert, on_push_ctx = messages}))
show(messages)

local seen = {}
local function collect(ctx, message)
    table.insert(ctx, message.i * 10)
end
show(conn:call('progress', {2, 0}, {on_push = collect, on_push_ctx = seen}))
show(seen)

-- Pushes without on_push are dropped; the result is still returned.
show(conn:call('push_n', {3, 12}))
show(conn:eval('box.session.push("from eval") return "eval done"', {}, {on_push = function(ctx, m) show('push', ctx, m) end, on_push_ctx = 'ctx'}))

-- tarantool keeps running while a connection is open.
conn:close()
