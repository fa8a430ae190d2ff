-- conn.space.NAME and its indexes: select, get, insert, replace, update, upsert, delete.
-- Run both as `tarantool spaces.lua PORT` and `boxscope-cli script spaces.lua PORT`: same output.
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
local demo = conn.space.demo

show(demo.name, demo.id)
show(conn.space.no_such_space)
show(#demo:select())
show(demo:select(3))
show(demo:select({}, {iterator = 'GE', limit = 2, offset = 1}))
show(demo:select({8}, {iterator = 'GT'}))
show(demo:select({3}, {iterator = 'LT', limit = 2}))
show(demo:get(2))
show(demo:get(999))
show(demo.index.by_name:select('item4'))
show(demo.index.primary:get(5))
show(demo.index[1].name)
show(demo:insert({100, 'new', 1}))
local ok, e = pcall(demo.insert, demo, {100, 'duplicate'})
show(ok)
show_error(e)
show(demo:replace({100, 'replaced', 2}))
show(demo:update(100, {{'+', 3, 40}}))
show(demo:update({100}, {{'=', 2, 'updated'}}))
show(demo:update(12345, {{'=', 2, 'nothing'}}))
show(demo:upsert({100, 'ignored', 0}, {{'+', 3, 1}}))
show(demo:upsert({101, 'upserted', 7}, {{'+', 3, 1}}))
show(demo:select({100}, {iterator = 'GE'}))
show(demo:delete(100))
show(demo:delete(100))
show(demo.index.primary:delete(101))
show(#demo:select())
ok, e = pcall(demo.insert, demo, {'not a number', 'x'})
show(ok)
show_error(e)
local f = demo:select({1}, {is_async = true})
show(f:wait_result())

-- tarantool keeps running while a connection is open.
conn:close()
