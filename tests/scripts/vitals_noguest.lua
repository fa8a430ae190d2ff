-- A tarantool whose guest has no rights beyond the defaults (no eval, no universe): the vitals
-- tab's poll is refused. Listens on $BOXSCOPE_LISTEN, works in $BOXSCOPE_WORK_DIR and prints
-- "BOXSCOPE_LISTEN <host:port>" once ready, as resources/sandbox.lua does.
local fio = require('fio')
local work_dir = os.getenv('BOXSCOPE_WORK_DIR') or fio.tempdir()
box.cfg{
    listen = os.getenv('BOXSCOPE_LISTEN') or '127.0.0.1:0',
    work_dir = work_dir,
    wal_mode = 'none',
    log = fio.pathjoin(work_dir, 'tarantool.log'),
}
io.stdout:write('BOXSCOPE_LISTEN ' .. tostring(box.info.listen) .. '\n')
io.stdout:flush()
