-- Unsigned integers above 2^63 - 1 (uint64_t cdata in Tarantool, uint64 values in Boxscope):
-- read from the server, printed, compared, computed with, written as literals, sent back and
-- printed by the console. Only what both Luas print alike is here: LuaJIT keeps results that
-- fit an integer as cdata (v % 10 is 5ULL, Boxscope's is the integer 5), has no // or bitwise
-- operators, and compares cdata table keys by identity.
-- Run both as `tarantool uint64.lua PORT` and `boxscope-cli script uint64.lua PORT`: same output.
-- console(...): what Tarantool's console prints for `return ...` (see anchors.lua).
local function console(...)
    if rawget(_G, 'box_scope') == nil then io.write(require('yaml').encode({...})) end
    return ...
end

local conn = require('net.box').connect(arg[1])
local demo = conn.space.demo

-- From the server: a return value, several, inside a table.
local v = conn:eval('return 18446744073709551615ULL')
print(v)
print(tostring(v), string.format('%s|%s', v, 9223372036854775808ULL))
local a, b = conn:call('echo', {9223372036854775808ULL, 18446744073709551614ULL})
print(a, b)
local t = conn:eval('return {18446744073709551615ULL, n = 9223372036854775809ULL}')
print(t[1], t.n)

-- Literals, LuaJIT's spellings.
print(18446744073709551615ULL, 0xffffffffffffffffULL, 0XFFFFFFFFFFFFFFFFull, -1ULL, - 1ULL, 9223372036854775808ull)
print(-9223372036854775808LL == -2^63, 18446744073709551615LL == -1, 9223372036854775807LL == 2^63 - 1)

-- Comparisons.
print(v == 18446744073709551615ULL, v == -1ULL, v ~= 18446744073709551614ULL, v == b + 1)
print(a < v, a <= a, v > a, v >= v, a > 1, 1 < a, a < b, b < a)

-- Arithmetic whose results stay above 2^63 - 1, wrapping as uint64_t.
print(v - 1, a + 1, a * 3, v + 9223372036854775809ULL, v * 3, 1 + a, a - -1, v + (a - v))
print(tonumber(v), tonumber(a) == 2^63)

-- Sent back: arguments, a tuple field, read back by the server.
local x, y, z = conn:call('echo', {v, -1ULL, {x = 9223372036854775808ULL}})
print(x, y, z.x)
print(conn:eval('local x, y = ... return tostring(x), tostring(y), type(x)', {v, 9223372036854775808ULL}))
demo:replace({11, 'uint64', v})
print(demo:get(11))
print(demo:get(11)[3] == v, demo:get(11)[3])
print(conn:eval('return tostring(box.space.demo:get(11)[3])'))
print(conn:eval('return box.space.demo:get(11)[3] == 18446744073709551615ULL'))
demo:update(11, {{'=', 3, 18446744073709551614ULL}})
print(conn:eval('return tostring(box.space.demo:get(11)[3])'))
demo:delete(11)

-- Pushes.
conn:eval('box.session.push(18446744073709551615ULL) box.session.push({9223372036854775808ULL}) return 1', {},
          {on_push = function(_, m) print('push', type(m) == 'table' and m[1] or m) end})

conn:close()
return console(v, a, {v, 1}, {k = 9223372036854775808ULL})
