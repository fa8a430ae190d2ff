-- net.box doing boxscope-cli's job, for bench/run.sh's CLI cases: one request, printed on
-- stdout as the same JSON lines (bench/README.md).
--
--   tarantool bench/netbox_cli.lua HOST:PORT push N SIZE
--       call('push_n', {N, SIZE}) with on_push: each push json.encode'd and written as it
--       comes ({"event":"push","index":K,"elapsed_ms":T,"value":...}), then the result line
--   tarantool bench/netbox_cli.lua HOST:PORT select SPACE LIMIT
--       conn.space[SPACE]:select({}, {limit = LIMIT}), then one result line whose value is
--       the tuples, each json.encode'd
--
-- Output goes through io.stdout (C stdio, fully buffered on a pipe or a file). Exit status 0
-- after a result, 1 after an error (an error line is printed), 3 when it cannot connect.
local netbox = require('net.box')
local json = require('json')
local clock = require('clock')

local address, command = arg[1], arg[2]
if address == nil or (command ~= 'push' and command ~= 'select') then
    io.stderr:write('usage: tarantool netbox_cli.lua HOST:PORT push N SIZE | select SPACE LIMIT\n')
    os.exit(2)
end

local out = io.stdout
local function elapsed_ms(t0)
    return string.format('%.3f', (clock.monotonic() - t0) * 1000)
end

local conn = netbox.connect(address, {wait_connected = true, connect_timeout = 10})
if not conn:is_connected() then
    out:write(json.encode({event = 'error', message = tostring(conn.error)}), '\n')
    out:flush()
    os.exit(3)
end

local ok, err
if command == 'push' then
    local n, size = tonumber(arg[3]), tonumber(arg[4])
    local t0 = clock.monotonic()
    local index = 0
    local function on_push(_, msg)
        index = index + 1
        out:write('{"event":"push","index":', index, ',"elapsed_ms":', elapsed_ms(t0), ',"value":',
                  json.encode(msg), '}\n')
    end
    local result
    ok, result = pcall(conn.call, conn, 'push_n', {n, size}, {on_push = on_push})
    if ok then
        out:write('{"event":"result","elapsed_ms":', elapsed_ms(t0), ',"value":', json.encode({result}), '}\n')
    else
        err = result
    end
else
    local space, limit = arg[3], tonumber(arg[4])
    local t0 = clock.monotonic()
    local rows
    ok, rows = pcall(function()
        return conn.space[space]:select({}, {limit = limit})
    end)
    if ok then
        out:write('{"event":"result","elapsed_ms":', elapsed_ms(t0), ',"value":[')
        for i, tuple in ipairs(rows) do
            if i > 1 then out:write(',') end
            out:write(json.encode(tuple))
        end
        out:write(']}\n')
    else
        err = rows
    end
end
if not ok then
    out:write(json.encode({event = 'error', message = tostring(err)}), '\n')
end
out:flush()
os.exit(ok and 0 or 1)
