-- Tables that appear more than once in what the console prints: Tarantool's YAML encoder
-- prints such a table once with an anchor (&0) and then aliases (*0), cycles included;
-- equal but distinct tables, strings and numbers are printed in full every time. All the
-- values are returned at once, as the console prints `return v1, v2, ...`: one document,
-- anchors numbered as they are printed. Maps have one key each (Tarantool prints Lua's hash
-- order, Boxscope sorted keys). The server is not used.
-- Run both as `tarantool anchors.lua PORT` and `boxscope-cli script anchors.lua PORT`.
-- console(...): what Tarantool's console prints for `return ...`, which formats the values as
-- yaml.encode({...}). boxscope-cli prints the values a script returns that way; tarantool
-- prints nothing for them, so under tarantool console() prints them itself.
local function console(...)
    if rawget(_G, 'box_scope') == nil then io.write(require('yaml').encode({...})) end
    return ...
end

local t = {}
local a = {1}
local c = {} c.self = c
local inner = {2}
local outer = {inner, inner}
local m = {k = 1}
local e = {}
local e3 = {3}
local p, q = {}, {} p.q = q q.p = p
local arr = {1, 2} arr[3] = arr
local k = {}
local k1 = {1}
local s = 'shared string'
local d = {x = {y = {}}}
d.x.y.z = d.x

return console(
    {t, t},
    {{}, {}},
    {y = {a, a}},
    {x = a},
    c,
    {outer, outer},
    {m},
    {key = m},
    {{{e}}, {{e}}},
    {{{e3}, {e3}}, {{e3}}},
    {s, s, 1, 1, 2.5, 2.5, true, true},
    {box.NULL, box.NULL},
    p,
    q,
    arr,
    {k, {[k] = 1}},
    {[k1] = k1},
    {k1, {[k1] = 1}},
    d,
    'end'
)
