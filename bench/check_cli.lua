-- Checks the output of a CLI case of bench/run.sh (boxscope-cli or netbox_cli.lua), after the
-- run: prints "ok LINES BYTES" or "bad WHY" and exits 0 or 1.
--
--   tarantool bench/check_cli.lua FILE push N SIZE     N push lines, in order, then [N]
--   tarantool bench/check_cli.lua FILE select N        one result line of N tuples {i, 'name'..i, i*2}
local path, kind, n, size = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4])

local function bad(why)
    print('bad ' .. why)
    os.exit(1)
end

local f = io.open(path, 'rb')
if f == nil then bad('no output file') end
local lines, bytes = 0, 0
local result

if kind == 'push' then
    for line in f:lines() do
        lines = lines + 1
        bytes = bytes + #line + 1
        if lines <= n then
            local index, value = line:match('^{"event":"push","index":(%d+),"elapsed_ms":[%d.]+,"value":"([^"]*)"}$')
            if index == nil then bad(string.format('line %d is not a push: %.100s', lines, line)) end
            if tonumber(index) ~= lines or #value ~= size or tonumber(value:sub(1, 10)) ~= lines then
                bad(string.format('push %d is wrong: %.100s', lines, line))
            end
        else
            result = line
        end
    end
    if lines ~= n + 1 then bad(string.format('%d lines instead of %d', lines, n + 1)) end
    if result:match('^{"event":"result","elapsed_ms":[%d.]+,"value":%[(%d+)%]}$') ~= tostring(n) then
        bad(string.format('the last line is not the result [%d]: %.100s', n, result))
    end
elseif kind == 'select' then
    local text = f:read('*a')
    bytes = #text
    for _ in text:gmatch('\n') do lines = lines + 1 end
    if lines ~= 1 then bad(string.format('%d lines instead of 1', lines)) end
    if not text:match('^{"event":"result","elapsed_ms":[%d.]+,"value":%[%[1,"name1",2%],') then
        bad(string.format('the result does not start with tuple 1: %.100s', text))
    end
    local last = string.format(',%%[%d,"name%d",%d%%]%%]}\n$', n, n, n * 2)
    if not text:match(last) then bad(string.format('the result does not end with tuple %d', n)) end
    local tuples = 1
    for _ in text:gmatch('%],%[') do tuples = tuples + 1 end
    if tuples ~= n then bad(string.format('%d tuples instead of %d', tuples, n)) end
else
    bad('unknown kind ' .. tostring(kind))
end
f:close()
print(string.format('ok %d %d', lines, bytes))
os.exit(0)
