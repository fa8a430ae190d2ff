-- One instance of the tests' three-instance replica set (tests/support/ReplicaSetFixture).
-- The fixture writes a small script per instance that sets REPLICASET = {replication = {uri,
-- ...}, read_only = bool, quorum = n} and runs this file. It listens on $BOXSCOPE_LISTEN,
-- works in $BOXSCOPE_WORK_DIR (the WAL stays there, so a restart recovers the same data) and
-- prints "BOXSCOPE_LISTEN <host:port>" once box.cfg has returned (for a replica: joined).
local fiber = require('fiber')
local fio = require('fio')

local cfg = REPLICASET or {}
local work_dir = os.getenv('BOXSCOPE_WORK_DIR') or fio.tempdir()

box.cfg{
    listen = os.getenv('BOXSCOPE_LISTEN') or '127.0.0.1:0',
    work_dir = work_dir,
    log = fio.pathjoin(work_dir, 'tarantool.log'),
    memtx_memory = 64 * 1024 * 1024,
    read_only = cfg.read_only or false,
    replication = cfg.replication,
    replication_connect_quorum = cfg.quorum or 0,
    replication_connect_timeout = 5,
    replication_timeout = 0.5,
    checkpoint_interval = 0,
}

-- Only the master writes the schema; the replicas receive it.
if not cfg.read_only then
    box.once('boxscope_replicaset', function()
        box.schema.user.grant('guest', 'read,write,execute', 'universe')
        box.schema.user.grant('guest', 'replication')
        box.schema.user.create('boxscope', {password = 'secret'})
        box.schema.user.grant('boxscope', 'read,write,execute', 'universe')
        local s = box.schema.space.create('demo', {format = {
            {name = 'id', type = 'unsigned'},
            {name = 'value', type = 'any', is_nullable = true},
        }})
        s:create_index('primary', {parts = {'id'}})
    end)
end

-- Pushes n messages {i = i, of = n}, sleeping delay seconds before each; returns n (as the
-- sandbox's progress does).
function progress(n, delay)
    n = n or 10
    delay = delay or 0.1
    for i = 1, n do
        if delay > 0 then fiber.sleep(delay) end
        box.session.push({i = i, of = n})
    end
    return n
end

function echo(...)
    return ...
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
