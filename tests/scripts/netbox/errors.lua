-- Errors: raised like net.box raises them, caught with pcall, with code, type and message.
-- Run both as `tarantool errors.lua PORT` and `boxscope-cli script errors.lua PORT`: same output.
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

local ok, e = pcall(conn.call, conn, 'fail', {'boom'})
show(ok)
show_error(e)
ok, e = pcall(conn.call, conn, 'no_such_function')
show(ok)
show_error(e)
ok, e = pcall(conn.eval, conn, 'error("plain error")')
show_error(e)
ok, e = pcall(conn.eval, conn, 'local x = nil; return x.y')
show_error(e)
ok, e = pcall(conn.eval, conn, 'box.error(box.error.ILLEGAL_PARAMS, "bad")')
show_error(e)
ok, e = pcall(conn.eval, conn, 'box.error{type = "MyError", reason = "custom"}')
show_error(e)
ok, e = pcall(conn.call, conn, 'slow', {1}, {timeout = 0.05})
show(ok)
show_error(e)
ok, e = pcall(function() return conn:call('fail') end)
show(ok, tostring(e))
ok, e = pcall(conn.eval, conn, 'return +')
show(ok, e.type)
-- The connection still works after errors.
show(conn:call('echo', {'still fine'}))

-- tarantool keeps running while a connection is open.
conn:close()
