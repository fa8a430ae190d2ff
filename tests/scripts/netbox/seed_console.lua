-- The client side (Shell #2) of the box.session.push() example from Tarantool's
-- documentation, verbatim apart from the connect line (the port is arg[1]), as the console
-- shows it: the bare expressions the console would print go to show(), and the last one,
-- `messages`, is printed as the console prints it, with an anchor and an alias for the
-- final response that both pairs() loops inserted:
--   ---
--   - - 2
--     - &0 []
--     - 2
--     - *0
--   ...
-- Run both as `tarantool seed_console.lua PORT` and `boxscope-cli script seed_console.lua PORT`.
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

-- console(...): what Tarantool's console prints for `return ...`, which formats the values as
-- yaml.encode({...}). boxscope-cli prints the values a script returns that way; tarantool
-- prints nothing for them, so under tarantool console() prints them itself.
local function console(...)
    if rawget(_G, 'box_scope') == nil then io.write(require('yaml').encode({...})) end
    return ...
end

net_box = require('net.box')
conn = net_box.connect(arg[1])
messages_from_server = {}
conn:call('server_function', {}, {is_async = false, on_push = table.insert, on_push_ctx = messages_from_server})
show(messages_from_server)
future = conn:call('server_function', {}, {is_async = true})
messages = {}
keys = {}
for i, message in future:pairs() do table.insert(messages, message) table.insert(keys, i) end
show(messages)
future:wait_result(1000)
for i, message in future:pairs() do table.insert(messages, message) table.insert(keys, i) end

-- tarantool keeps running while a connection is open.
conn:close()
return console(messages)
