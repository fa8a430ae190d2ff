-- Connections: state, is_connected, ping, close, errors of a refused or closed connection.
-- Run both as `tarantool connection.lua PORT` and `boxscope-cli script connection.lua PORT`: same output.
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

show(conn.state, conn:is_connected(), conn.error)
show(conn:ping())
show(conn:ping({timeout = 5}))
local other = net_box.connect('boxscope:secret@127.0.0.1:' .. arg[1])
show(other.state, other:eval('return box.session.user()'))
other:close()
local wrong = net_box.connect('boxscope:wrong@127.0.0.1:' .. arg[1])
show(wrong.state, wrong.error)
show(wrong:ping())
local ok, e = pcall(wrong.call, wrong, 'echo')
show(ok)
show_error(e)

conn:close()
show(conn.state, conn:is_connected(), conn.error)
show(conn:ping())
ok, e = pcall(conn.call, conn, 'echo', {1})
show(ok)
show_error(e)
ok, e = pcall(conn.eval, conn, 'return 1')
show_error(e)
