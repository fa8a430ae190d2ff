-- Values decoded from msgpack print in flow style, as Tarantool's console prints them: net.box
-- results and pushes are tables marked __serialize = 'seq' / 'map' ([1, 2], {'a': 1}), tuples
-- are flow sequences, and everything inside a flow node is flow too; the list select()
-- returns and tables made in the script stay in block style. Long flow collections continue
-- on the next line past column 80. Maps have one key each (Tarantool prints Lua's hash order,
-- Boxscope sorted keys).
-- Run both as `tarantool flow.lua PORT` and `boxscope-cli script flow.lua PORT`.
-- console(...): what Tarantool's console prints for `return ...` (yaml.encode({...})).
local function console(...)
    if rawget(_G, 'box_scope') == nil then io.write(require('yaml').encode({...})) end
    return ...
end

local net_box = require('net.box')
local conn = net_box.connect(arg[1])

local long = {}
for i = 1, 40 do long[i] = i * 1000 end
local words = {}
for i = 1, 8 do words[i] = string.rep('abcdefghi ', i) end

local r1 = {conn:call('echo', {{1, 2, {a = 1}}, {}, {x = {y = {z = 'deep'}}}, 'plain', 7})}
local r2 = {conn:call('echo', {{'a', 'a b', 'a:b', 'a: b', "it's", 'x"y', '', 'ü', '-', '-a', '1',
                                'yes', 'null', true, false, box.NULL, 1.5, -3, 'a,b', '#a', 'a #b',
                                '?', '~', 'a\tb', 'a\nb', 'a\n\nb', ' a', 'a '}})}
local r3 = {conn:call('echo', {long, words, {{{{}}}}, {{k = {1, {2}}}}})}
local r4 = {conn:call('echo', {{[string.rep('k', 130)] = 1}, {['a\nb'] = {1}}, {two = 2}})}
local async = conn:call('echo', {{1, 2}, 3}, {is_async = true}):wait_result()
local rows = conn.space.demo:select({}, {limit = 3})
local one = conn.space.demo:get(1)
local messages = {}
conn:call('progress', {2, 0}, {on_push = table.insert, on_push_ctx = messages})
local shared = conn:call('echo', {{1}})
local mixed = {inner = shared, list = {shared, 'x'}}
local evaluated = {conn:eval('return {1, {2, {3, {4}}}}, {}, {{}}, box.tuple.new({1, {a = {2}}, "s p"})')}
local scalars = {conn:eval([[return {require('decimal').new('1.5'), '\xff\xfe',
    require('uuid').fromstr('6b1c4c1e-1b1e-4b8e-9b1e-1b1e4b8e9b1e'), 'x\0y', -1.25, 1e20, 'a:', 'a: ',
    {['a b c'] = "it's"}, {[true] = false}, {[1.5] = 'x'}}, {[{1}] = 2}]])}
local records = {conn:eval([[local t = {} for i = 1, 12 do t[i] = {name = 'n' .. i} end return t]])}

-- tarantool keeps running while a connection is open.
conn:close()

return console(
    r1,
    r2,
    r3,
    r4,
    async,
    rows,
    one,
    {one, one},
    messages,
    shared,
    mixed,
    evaluated,
    scalars,
    records
)
