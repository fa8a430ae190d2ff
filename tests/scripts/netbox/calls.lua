-- conn:call / conn:eval: argument lists, multiple returns, box.NULL, nested tables.
-- Run both as `tarantool calls.lua PORT` and `boxscope-cli script calls.lua PORT`: same output.
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

show(conn:call('echo', {1, 'a', true}))
show(conn:call('echo'))
show(conn:call('echo', {}))
show(conn:call('echo', {{1, 2, {x = 'y'}}, {k = {1, 2}}}))
show(conn:call('echo', {1, box.NULL, 3}))
show(select('#', conn:call('echo', {1, box.NULL, 3})))
show(conn:eval('return 1, 2, ...', {3, 4}))
show(conn:eval('return'))
show(conn:eval('return nil'))
show(conn:eval('return box.NULL'))
show(conn:eval('return {a = 1, b = {true, false}}'))
show(conn:eval('return 0.5, -7, 2^40, "text"'))
show(conn:call('slow', {0.05}, {timeout = 5}))
show(conn:call('echo', {'x'}, {is_async = false}))

-- tarantool keeps running while a connection is open.
conn:close()
