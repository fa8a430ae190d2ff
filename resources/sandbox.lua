-- Boxscope's local sandbox: a real Tarantool instance with demo functions.
-- Started by `boxscope --sandbox`, the test fixture and the benchmarks. It listens on
-- $BOXSCOPE_LISTEN (default 127.0.0.1:0, a free port), works in $BOXSCOPE_WORK_DIR,
-- and prints one line "BOXSCOPE_LISTEN <host:port>" on stdout once it is ready.
--
-- As one instance of a local replica set: $BOXSCOPE_REPLICATION lists every instance's
-- "host:port" (comma-separated, this one included) and $BOXSCOPE_READ_ONLY=1 makes this one a
-- replica. The master (the one not read-only) creates the demo data; the replicas get it
-- through replication. The instances connect to each other as guest.
local fiber = require('fiber')
local fio = require('fio')

local listen = os.getenv('BOXSCOPE_LISTEN') or '127.0.0.1:0'
local work_dir = os.getenv('BOXSCOPE_WORK_DIR') or fio.tempdir()

local replication = {}
for uri in (os.getenv('BOXSCOPE_REPLICATION') or ''):gmatch('[^,%s]+') do
    table.insert(replication, uri)
end
local read_only = os.getenv('BOXSCOPE_READ_ONLY') == '1'

if #replication > 0 then
    box.cfg{
        listen = listen,
        work_dir = work_dir,
        log = fio.pathjoin(work_dir, 'tarantool.log'),
        memtx_memory = 128 * 1024 * 1024,
        replication = replication,
        read_only = read_only,
        replication_connect_timeout = 30,
    }
else
    box.cfg{
        listen = listen,
        work_dir = work_dir,
        wal_mode = 'none',
        log = fio.pathjoin(work_dir, 'tarantool.log'),
        memtx_memory = 256 * 1024 * 1024,
    }
end

box.once('boxscope_sandbox', function()
    box.schema.user.grant('guest', 'read,write,execute', 'universe')
    if #replication > 0 then
        box.schema.user.grant('guest', 'replication')
    end
    box.schema.user.create('boxscope', {password = 'secret'})
    box.schema.user.grant('boxscope', 'read,write,execute', 'universe')

    local s = box.schema.space.create('demo', {format = {
        {name = 'id', type = 'unsigned'},
        {name = 'name', type = 'string'},
        {name = 'value', type = 'any', is_nullable = true},
    }})
    s:create_index('primary', {parts = {'id'}})
    s:create_index('by_name', {parts = {'name'}, unique = false})
    for i = 1, 10 do
        s:insert{i, 'item' .. i, i * 10}
    end
end)

-- The box.session.push example from Tarantool's documentation.
x = 0
function server_function()
    x = x + 1
    fiber.sleep(1)
    box.session.push(x)
end

-- Pushes n messages {i = i, of = n}, sleeping delay seconds before each; returns n.
function progress(n, delay)
    n = n or 10
    delay = delay or 0.1
    for i = 1, n do
        if delay > 0 then fiber.sleep(delay) end
        box.session.push({i = i, of = n})
    end
    return n
end

-- Pushes n distinct strings of size bytes (a 10-digit counter, then filler), no yield.
function push_n(n, size)
    size = size or 16
    local filler = string.rep('x', math.max(0, size - 10))
    for i = 1, n do
        box.session.push(string.format('%010d', i) .. filler)
    end
    return n
end

-- Pushes i (1..n) with a tag, yielding between pushes so several calls interleave.
function tagged_pushes(tag, n, delay)
    for i = 1, n do
        box.session.push({tag, i})
        fiber.sleep(delay or 0.01)
    end
    return tag
end

function echo(...)
    return ...
end

function slow(seconds)
    fiber.sleep(seconds)
    return seconds
end

function fail(message)
    box.error{code = 42, reason = message or 'custom failure'}
end

-- Do not outlive the program that started us, even if it was killed.
local parent = tonumber(os.getenv('BOXSCOPE_PARENT_PID') or '')
if parent then
    fiber.create(function()
        fiber.name('parent watch')
        while fio.path.exists('/proc/' .. parent) do
            fiber.sleep(1)
        end
        os.exit(0)
    end)
end

io.stdout:write('BOXSCOPE_LISTEN ' .. tostring(box.info.listen) .. '\n')
io.stdout:flush()
