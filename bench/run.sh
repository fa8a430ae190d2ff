#!/usr/bin/env bash
# Boxscope's netcore against net.box, in the same run, on the same sandbox server.
#
#   bench/run.sh [ROUNDS]          ROUNDS (default 3) of every case for both clients, interleaved
#
# It builds boxscope-bench, boxscope-cli and boxscope-runstat if needed (in $BUILD_DIR,
# default build), starts
# resources/sandbox.lua on a free loopback port in a temporary directory, creates the space
# for the select case, runs the cases (one client process per case and round; the client
# that goes first alternates every round), stops the server by its PID and prints the
# medians (bench/summarize.lua) with the machine's load (uptime) at the start and the end.
# The raw JSON lines stay in $BUILD_DIR/bench/results-*.jsonl.
#
# Environment: BUILD_DIR, TARANTOOL (default tarantool), SYNC_N (10000), ASYNC_N (100000),
# WINDOW (1000), PUSH_N (200000), PUSH_SIZE (16), PUSH_BIG_SIZE (1024), SELECT_N (100000),
# ONLY (space-separated case names to run; default all: idle sync_echo async_echo async_echo_request push
# push_keep select cli_push cli_select window), WINBENCH (1: run the window case, the default
# when xvfb-run or a DISPLAY is there; 0: skip it), WINDOW_BUSY (1, the default: the window's
# push and select phases once more while a CPU-bound process runs on every core; 0: not).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
BUILD_DIR="${BUILD_DIR:-build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
TARANTOOL="${TARANTOOL:-tarantool}"
SYNC_N="${SYNC_N:-10000}"
ASYNC_N="${ASYNC_N:-100000}"
WINDOW="${WINDOW:-1000}"
PUSH_N="${PUSH_N:-200000}"
PUSH_SIZE="${PUSH_SIZE:-16}"
PUSH_BIG_SIZE="${PUSH_BIG_SIZE:-1024}"
SELECT_N="${SELECT_N:-100000}"
ONLY="${ONLY:-}"
WINDOW_BUSY="${WINDOW_BUSY:-1}"
if [[ -z "${WINBENCH:-}" ]]; then
    if command -v xvfb-run >/dev/null || [[ -n "${DISPLAY:-}" ]]; then WINBENCH=1; else WINBENCH=0; fi
fi
[[ -n "$ONLY" && " $ONLY " != *" window "* ]] && WINBENCH=0

if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bench/run.sh [ROUNDS]" >&2
    exit 2
fi

# ---- build ------------------------------------------------------------------------------
BENCH="$BUILD_DIR/bench/boxscope-bench"
CLI="$BUILD_DIR/app/boxscope-cli"
RUNSTAT="$BUILD_DIR/bench/boxscope-runstat"
WINBENCH_BIN="$BUILD_DIR/bench/boxscope-winbench"
TARGETS=(boxscope-bench boxscope-cli boxscope-runstat)
[[ "$WINBENCH" == 1 ]] && TARGETS+=(boxscope-winbench)
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if ! cmake --build "$BUILD_DIR" --target "${TARGETS[@]}" -j "${JOBS:-2}" >"$BUILD_DIR/bench-build.log" 2>&1; then
    if [[ -x "$BENCH" && -x "$CLI" && -x "$RUNSTAT" && ( "$WINBENCH" == 0 || -x "$WINBENCH_BIN" ) ]]; then
        echo "run.sh: the build failed (see $BUILD_DIR/bench-build.log); using the existing binaries" >&2
    else
        cat "$BUILD_DIR/bench-build.log" >&2
        exit 1
    fi
fi

# ---- server -----------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/boxscope-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir "$WORK/server"
BOXSCOPE_LISTEN=127.0.0.1:0 BOXSCOPE_WORK_DIR="$WORK/server" BOXSCOPE_PARENT_PID=$$ \
    "$TARANTOOL" "$ROOT/resources/sandbox.lua" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

ADDRESS=""
for _ in $(seq 150); do
    ADDRESS="$(sed -n 's/^BOXSCOPE_LISTEN //p' "$WORK/server.out")"
    [[ -n "$ADDRESS" ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [[ -z "$ADDRESS" ]]; then
    echo "run.sh: the sandbox server did not start:" >&2
    cat "$WORK/server.err" "$WORK/server/tarantool.log" 2>/dev/null | tail -20 >&2
    exit 1
fi
PORT="${ADDRESS##*:}"

RESULTS="$BUILD_DIR/bench/results-$(date +%Y%m%d-%H%M%S).jsonl"
: >"$RESULTS"

# One client process; its JSON line goes to the results (a crash becomes an ok:false line).
run_one() { # client case args...
    local client="$1" case="$2"
    shift 2
    local out rc=0
    if [[ "$client" == boxscope ]]; then
        out="$(timeout 180 "$BENCH" "$case" "$ADDRESS" "$@" 2>"$WORK/client.err")" || rc=$?
    else
        out="$(timeout 180 "$TARANTOOL" "$ROOT/bench/netbox_bench.lua" "$case" "$PORT" "$@" 2>"$WORK/client.err")" || rc=$?
    fi
    out="$(printf '%s\n' "$out" | grep '^{' | tail -1 || true)"
    if [[ -z "$out" ]]; then
        local why
        why="$(tr '\n"\\' '   ' <"$WORK/client.err" | cut -c1-300)"
        out="{\"client\":\"$client\",\"case\":\"$case\",\"ok\":false,\"error\":\"exit status $rc: $why\"}"
    fi
    printf '%s\n' "$out" >>"$RESULTS"
    if [[ "$out" != *'"ok":true'* ]]; then
        echo "  FAILED: $out" >&2
    fi
}

# A CLI case: boxscope-cli or net.box (netbox_cli.lua) as a whole process under
# boxscope-runstat (wall time, CPU, peak RSS from wait4), its JSON lines written to a file;
# bench/check_cli.lua checks that file afterwards.
run_cli() { # client case args...
    local client="$1" case="$2"
    shift 2
    local n="$1" size="${2:-}" rc=0 check kind fields build
    kind="${case#cli_}"
    rm -f "$WORK/cli.out" "$WORK/cli.stat"
    if [[ "$client" == boxscope ]]; then
        build="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")"
        if [[ "$kind" == push ]]; then
            timeout 180 "$RUNSTAT" -o "$WORK/cli.stat" -- "$CLI" "$ADDRESS" call push_n "{$n, $size}" \
                >"$WORK/cli.out" 2>"$WORK/client.err" || rc=$?
        else
            timeout 180 "$RUNSTAT" -o "$WORK/cli.stat" -- "$CLI" "$ADDRESS" select bench --limit "$n" \
                >"$WORK/cli.out" 2>"$WORK/client.err" || rc=$?
        fi
    else
        build="$TARANTOOL_VERSION"
        if [[ "$kind" == push ]]; then
            timeout 180 "$RUNSTAT" -o "$WORK/cli.stat" -- "$TARANTOOL" "$ROOT/bench/netbox_cli.lua" "$ADDRESS" \
                push "$n" "$size" >"$WORK/cli.out" 2>"$WORK/client.err" || rc=$?
        else
            timeout 180 "$RUNSTAT" -o "$WORK/cli.stat" -- "$TARANTOOL" "$ROOT/bench/netbox_cli.lua" "$ADDRESS" \
                select bench "$n" >"$WORK/cli.out" 2>"$WORK/client.err" || rc=$?
        fi
    fi
    local head="{\"client\":\"$client\",\"case\":\"$case\",\"n\":$n"
    [[ -n "$size" ]] && head="$head,\"size\":$size"
    fields="$(sed -n 's/^{\(.*\)}$/\1/p' "$WORK/cli.stat" 2>/dev/null | head -1)"
    check="$("$TARANTOOL" "$ROOT/bench/check_cli.lua" "$WORK/cli.out" "$kind" "$n" "$size" 2>&1 | tail -1 || true)"
    local out
    if [[ $rc -eq 0 && -n "$fields" && "$check" == ok\ * ]]; then
        read -r _ lines bytes <<<"$check"
        out="$head,$fields,\"lines\":$lines,\"out_bytes\":$bytes,\"ok\":true,\"build\":\"$build\"}"
    else
        local why
        why="$(cat "$WORK/client.err" | tr '\n"\\' '   ' | cut -c1-200)"
        out="$head,\"ok\":false,\"error\":\"exit status $rc; output: ${check//\"/ } $why\"}"
    fi
    printf '%s\n' "$out" >>"$RESULTS"
    if [[ "$out" != *'"ok":true'* ]]; then
        echo "  FAILED: $out" >&2
    fi
    rm -f "$WORK/cli.out"
}

# The window case: boxscope-winbench (the real main window) on a virtual X server, one JSON
# line per phase (idle, push, select). Boxscope only: net.box has no window.
run_window() {
    local rc=0 out
    local cmd=("$WINBENCH_BIN" "$ADDRESS" --pushes "$PUSH_N" --size "$PUSH_SIZE" --select "$SELECT_N" "$@")
    if [[ -z "${DISPLAY:-}" ]]; then
        cmd=(xvfb-run -a -s "-screen 0 1600x1000x24" "${cmd[@]}")
    fi
    out="$(timeout 240 "${cmd[@]}" 2>"$WORK/client.err")" || rc=$?
    out="$(printf '%s\n' "$out" | grep '^{' || true)"
    if [[ -z "$out" ]]; then
        local why
        why="$(tr '\n"\\' '   ' <"$WORK/client.err" | cut -c1-300)"
        out="{\"client\":\"boxscope\",\"case\":\"window\",\"ok\":false,\"error\":\"exit status $rc: $why\"}"
    fi
    printf '%s\n' "$out" >>"$RESULTS"
    if grep -q '"ok":false' <<<"$out"; then
        echo "  FAILED: $(grep '"ok":false' <<<"$out")" >&2
    fi
}

# The window with a screen reader's load (a11y_window.sh): its own D-Bus session, the AT-SPI bus
# and a listener; needs dbus-run-session, at-spi2-core and python3-pyatspi, else it is skipped.
run_window_a11y() {
    if ! command -v dbus-run-session >/dev/null || [[ ! -x /usr/libexec/at-spi-bus-launcher ]] \
        || ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
        echo "  window with a screen reader: skipped (needs dbus-run-session, at-spi2-core, python3-pyatspi)" >&2
        return
    fi
    local rc=0 out
    local cmd=(dbus-run-session -- "$ROOT/bench/a11y_window.sh" "$WINBENCH_BIN" "$ADDRESS" "$PUSH_N" "$PUSH_SIZE")
    if [[ -z "${DISPLAY:-}" ]]; then
        cmd=(xvfb-run -a -s "-screen 0 1600x1000x24" "${cmd[@]}")
    fi
    out="$(timeout 700 "${cmd[@]}" 2>"$WORK/client.err")" || rc=$?
    out="$(printf '%s\n' "$out" | grep '^{' || true)"
    if [[ $rc != 0 || -z "$out" ]]; then
        out="$out
{\"client\":\"boxscope\",\"case\":\"window_a11y\",\"ok\":false,\"error\":\"exit status $rc\"}"
    fi
    printf '%s\n' "$out" >>"$RESULTS"
    if grep -q '"ok":false' <<<"$out"; then
        echo "  FAILED: $(grep '"ok":false' <<<"$out")" >&2
    fi
}

run_one boxscope setup_select "$SELECT_N"
if ! grep -q '"case":"setup_select".*"ok":true' "$RESULTS"; then
    echo "run.sh: could not create the space for the select case" >&2
    exit 1
fi
: >"$RESULTS"

ALL_CASES=(
    "idle"
    "sync_echo $SYNC_N"
    "async_echo $ASYNC_N $WINDOW"
    "async_echo_request $ASYNC_N $WINDOW"
    "push $PUSH_N $PUSH_SIZE"
    "push_keep $PUSH_N $PUSH_SIZE"
    "push_keep $PUSH_N $PUSH_BIG_SIZE"
    "select $SELECT_N"
    "cli_push $PUSH_N $PUSH_SIZE"
    "cli_select $SELECT_N"
)
[[ "$WINBENCH" == 1 ]] && ALL_CASES+=("window")
CASES=()
for c in "${ALL_CASES[@]}"; do
    if [[ -z "$ONLY" || " $ONLY " == *" ${c%% *} "* ]]; then
        CASES+=("$c")
    fi
done

TARANTOOL_VERSION="$("$TARANTOOL" --version | head -1)"
LOAD_START="$(uptime)"
echo "boxscope-bench: $(basename "$BUILD_DIR") build, server $TARANTOOL_VERSION at $ADDRESS, $ROUNDS rounds" >&2
start=$SECONDS
for round in $(seq "$ROUNDS"); do
    echo "round $round/$ROUNDS" >&2
    for c in "${CASES[@]}"; do
        if [[ "$c" == window ]]; then
            run_window
            if [[ "$WINDOW_BUSY" == 1 ]]; then
                # The same window while the machine is busy: a CPU-bound process per core.
                hogs=()
                for _ in $(seq "$(nproc)"); do
                    (while :; do :; done) &
                    hogs+=($!)
                done
                run_window --no-two --idle-ms 200 --label busy
                kill "${hogs[@]}" 2>/dev/null || true
                wait "${hogs[@]}" 2>/dev/null || true
            fi
            # Pushes of PUSH_BIG_SIZE, and five times as many of PUSH_SIZE (a million).
            run_window --no-two --idle-ms 200 --select 1 --size "$PUSH_BIG_SIZE" --label big
            run_window --no-two --idle-ms 200 --select 1 --pushes "$((PUSH_N * 5))" --label many
            run_window_a11y
            continue
        fi
        run=run_one
        [[ "$c" == cli_* ]] && run=run_cli
        # shellcheck disable=SC2086
        if (( round % 2 )); then
            $run boxscope $c
            $run netbox $c
        else
            $run netbox $c
            $run boxscope $c
        fi
    done
done
LOAD_END="$(uptime)"
echo "done in $((SECONDS - start)) s; raw results: $RESULTS" >&2

echo "Machine: $(nproc) cores. uptime at the start: $LOAD_START"
echo "                   uptime at the end:  $LOAD_END"
"$TARANTOOL" "$ROOT/bench/summarize.lua" "$RESULTS"
