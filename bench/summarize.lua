-- Summarises bench/run.sh's JSON lines: median (min-max) per case, metric and client, and
-- boxscope / net.box. Pairs are formed in order: the k-th boxscope run of a case with the
-- k-th net.box run of it (the same round).
--
--   tarantool bench/summarize.lua RESULTS.jsonl
local json = require('json')

local path = arg[1]
if path == nil then
    io.stderr:write('usage: tarantool bench/summarize.lua RESULTS.jsonl\n')
    os.exit(2)
end

-- case -> size (0 without one) -> client -> list of records; failures apart.
local runs, failures, builds = {}, {}, {}
for line in io.lines(path) do
    local ok, r = pcall(json.decode, line)
    if ok and type(r) == 'table' and r.case ~= nil then
        if r.ok then
            local size = tonumber(r.size) or 0
            runs[r.case] = runs[r.case] or {}
            runs[r.case][size] = runs[r.case][size] or {boxscope = {}, netbox = {}}
            table.insert(runs[r.case][size][r.client], r)
            if r.build ~= nil and builds[r.client] == nil then builds[r.client] = r.build end
        else
            table.insert(failures, line)
        end
    end
end

-- The rows of the table: per case, which fields and how to show them.
local MIB = 1 / 1024
local LAYOUT = {
    {case = 'idle', rows = {
        {'connect + ping, ms', 'total_ms'},
        {'CPU, whole process, s', 'cpu_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'sync_echo', rows = {
        {'calls/s', 'per_s'},
        {'p50 latency, µs', 'p50_us'},
        -- A bare blocking socket's p50 in the same process, right after the loop (boxscope's
        -- column), against net.box's p50: the least any client could take.
        {'p50 of a bare blocking socket (floor), µs', 'floor_p50_us', nil, 'p50_us'},
        {'p99 latency, µs', 'p99_us'},
        {'CPU in the loop, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'async_echo', title = 'async_echo (light path)', rows = {
        {'calls/s', 'per_s'},
        {'CPU in the loop, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'async_echo_request', title = 'async_echo (a Request per call)', rows = {
        {'calls/s', 'per_s'},
        {'CPU in the loop, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'push', rows = {
        {'pushes/s', 'per_s'},
        {'first push after, ms', 'first_push_ms'},
        {'total, ms', 'total_ms'},
        {'pushes received', 'received'},
        {'CPU in the loop, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'push_keep', rows = {
        {'total, ms', 'total_ms'},
        {'pushes/s', 'per_s'},
        {'first push after, ms', 'first_push_ms'},
        {'pushes kept and read', 'kept'},
        {'CPU in the loop, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'select', rows = {
        {'tuples/s', 'per_s'},
        {'total, ms', 'total_ms'},
        {'CPU in the loop, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'cli_push', title = 'CLI: push_n', rows = {
        {'wall time, ms', 'wall_ms'},
        {'CPU, whole process, s', 'cpu_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'cli_select', title = 'CLI: select', rows = {
        {'wall time, ms', 'wall_ms'},
        {'CPU, whole process, s', 'cpu_s'},
        {'peak RSS, MiB', 'maxrss_kib', MIB}}},
    {case = 'window_idle', title = 'window: idle for', unit = ' ms', rows = {
        {'1 ms timer late, p99, ms', 'late_p99_ms'},
        {'1 ms timer late, max, ms', 'late_max_ms'},
        {'_NET_WM_PING round trip, p99, ms', 'probe_p99_ms'},
        {'_NET_WM_PING round trip, max, ms', 'probe_max_ms'},
        {'RSS, MiB', 'rss_kib', MIB}}},
    {case = 'window_push', title = 'window: push_n', rows = {
        {'result after, ms', 'finished_ms'},
        {'list full after, ms', 'list_full_ms'},
        {'1 ms timer late, p99, ms', 'late_p99_ms'},
        {'1 ms timer late, max, ms', 'late_max_ms'},
        {'_NET_WM_PING round trip, p99, ms', 'probe_p99_ms'},
        {'_NET_WM_PING round trip, max, ms', 'probe_max_ms'},
        {'CPU, send to end + tail, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'hwm_kib', MIB}}},
    {case = 'window_select', title = 'window: select', rows = {
        {'result after, ms', 'finished_ms'},
        {'1 ms timer late, p99, ms', 'late_p99_ms'},
        {'1 ms timer late, max, ms', 'late_max_ms'},
        {'_NET_WM_PING round trip, p99, ms', 'probe_p99_ms'},
        {'_NET_WM_PING round trip, max, ms', 'probe_max_ms'},
        {'CPU, send to end + tail, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'hwm_kib', MIB}}},
    {case = 'window_push_two', title = 'window: two connections, push_n each', rows = {
        {'result after, ms', 'finished_ms'},
        {'1 ms timer late, p99, ms', 'late_p99_ms'},
        {'1 ms timer late, max, ms', 'late_max_ms'},
        {'_NET_WM_PING round trip, p99, ms', 'probe_p99_ms'},
        {'_NET_WM_PING round trip, max, ms', 'probe_max_ms'},
        {'CPU, send to end + tail, s', 'cpu_loop_s'},
        {'peak RSS, MiB', 'hwm_kib', MIB}}},
}
-- The window's phases again while the machine is busy (run.sh's WINDOW_BUSY), with big pushes
-- and with five times as many: the same rows.
for _, extra in ipairs({{'_busy', 'window, machine busy:', {'window_push', 'window_select'}},
                        {'_big', 'window, big pushes:', {'window_push'}},
                        {'_many', 'window, five times the pushes:', {'window_push'}},
                        {'_a11y', 'window, a screen reader listening:', {'window_push'}}}) do
    for _, name in ipairs(extra[3]) do
        for _, entry in ipairs(LAYOUT) do
            if entry.case == name then
                table.insert(LAYOUT, {case = name .. extra[1], title = entry.title:gsub('^window:', extra[2]),
                                     rows = entry.rows})
                break
            end
        end
    end
end

local function median(list)
    local s = {}
    for i, v in ipairs(list) do s[i] = v end
    table.sort(s)
    local n = #s
    if n == 0 then return nil end
    if n % 2 == 1 then return s[(n + 1) / 2] end
    return (s[n / 2] + s[n / 2 + 1]) / 2
end

local function minmax(list)
    local lo, hi = math.huge, -math.huge
    for _, v in ipairs(list) do
        lo = math.min(lo, v)
        hi = math.max(hi, v)
    end
    return lo, hi
end

local function fmt(v)
    if v == nil then return '—' end
    local a = math.abs(v)
    local text
    if a >= 100 then
        -- thousands separated by a space: 1 234 567
        local digits = string.format('%.0f', a):reverse():gsub('(%d%d%d)', '%1 '):reverse()
        text = (v < 0 and '-' or '') .. digits:gsub('^ ', '')
    elseif a >= 10 then
        text = string.format('%.1f', v)
    else
        text = string.format('%.3g', v)
    end
    return text
end

local function cell(list)
    if #list == 0 then return '—' end
    local lo, hi = minmax(list)
    if #list == 1 then return fmt(list[1]) end
    return string.format('%s (%s–%s)', fmt(median(list)), fmt(lo), fmt(hi))
end

local function values(records, key, scale)
    local out = {}
    for _, r in ipairs(records) do
        if type(r[key]) == 'number' then table.insert(out, r[key] * (scale or 1)) end
    end
    return out
end

local rounds = 0
local out = {}
local function emit(s) table.insert(out, s) end

emit('| case | metric | boxscope | net.box | boxscope / net.box | per round |')
emit('|---|---|---|---|---|---|')
-- The variants of a case (push_keep has two sizes), smallest size first.
local function variants(case)
    local list = {}
    for size, r in pairs(runs[case] or {}) do table.insert(list, {size = size, runs = r}) end
    table.sort(list, function(a, b) return a.size < b.size end)
    return list
end

for _, entry in ipairs(LAYOUT) do
    for _, variant in ipairs(variants(entry.case)) do
        local r = variant.runs
        local first = r.boxscope[1] or r.netbox[1]
        local label = entry.title or entry.case
        if first.n ~= nil and entry.case ~= 'idle' then
            label = label .. ' ' .. first.n .. (entry.unit or '')
            if first.window ~= nil and first.window > 1 then label = label .. ', window ' .. first.window end
            if first.size ~= nil then label = label .. ' × ' .. first.size .. ' B' end
        end
        rounds = math.max(rounds, #r.boxscope, #r.netbox)
        for i, row in ipairs(entry.rows) do
            local name, key, scale, netboxKey = row[1], row[2], row[3], row[4]
            local b = values(r.boxscope, key, scale)
            local nb = values(r.netbox, netboxKey or key, scale)
            local ratio, per = '—', '—'
            local mb, mn = median(b), median(nb)
            if mb ~= nil and mn ~= nil and mn ~= 0 then
                ratio = string.format('%.2f×', mb / mn)
                local pairs_ = {}
                for k = 1, math.min(#b, #nb) do
                    if nb[k] ~= 0 then table.insert(pairs_, b[k] / nb[k]) end
                end
                if #pairs_ > 1 then
                    local lo, hi = minmax(pairs_)
                    per = string.format('%.2f–%.2f', lo, hi)
                end
            end
            emit(string.format('| %s | %s | %s | %s | %s | %s |', i == 1 and label or '', name,
                               cell(b), cell(nb), ratio, per))
        end
    end
end

print(string.format('Medians (min–max) over %d round(s); boxscope build: %s; net.box: %s.',
                    rounds, builds.boxscope or '?', builds.netbox or '?'))
print('Ratios above 1: boxscope has the larger figure (better for */s, worse for times, CPU and memory).')
print('"per round": the range of boxscope / net.box taken within each round.')
print('')
print(table.concat(out, '\n'))
if #failures > 0 then
    print('')
    print(string.format('%d run(s) FAILED:', #failures))
    for _, line in ipairs(failures) do print('  ' .. line) end
    os.exit(1)
end
os.exit(0)
