#!/usr/bin/env bash
# Boxscope's netcore against net.box, in the same run, on the same sandbox server.
#
#   bench/run.sh [ROUNDS]          ROUNDS (default 3) of every case for both clients, interleaved
#
# It builds boxscope-bench if needed (in $BUILD_DIR, default build), starts
# resources/sandbox.lua on a free loopback port in a temporary directory, creates the space
# for the select case, runs the cases (one client process per case and round; the client
# that goes first alternates every round), stops the server by its PID and prints the
# medians (bench/summarize.lua). The raw JSON lines stay in $BUILD_DIR/bench/results-*.jsonl.
#
# Environment: BUILD_DIR, TARANTOOL (default tarantool), SYNC_N (10000), ASYNC_N (100000),
# WINDOW (1000), PUSH_N (200000), PUSH_SIZE (16), SELECT_N (100000).
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
SELECT_N="${SELECT_N:-100000}"

if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bench/run.sh [ROUNDS]" >&2
    exit 2
fi

# ---- build ------------------------------------------------------------------------------
BENCH="$BUILD_DIR/bench/boxscope-bench"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if ! cmake --build "$BUILD_DIR" --target boxscope-bench -j "${JOBS:-2}" >"$BUILD_DIR/bench-build.log" 2>&1; then
    if [[ -x "$BENCH" ]]; then
        echo "run.sh: the build failed (see $BUILD_DIR/bench-build.log); using the existing $BENCH" >&2
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

run_one boxscope setup_select "$SELECT_N"
if ! grep -q '"case":"setup_select".*"ok":true' "$RESULTS"; then
    echo "run.sh: could not create the space for the select case" >&2
    exit 1
fi
: >"$RESULTS"

CASES=(
    "idle"
    "sync_echo $SYNC_N"
    "async_echo $ASYNC_N $WINDOW"
    "push $PUSH_N $PUSH_SIZE"
    "select $SELECT_N"
)

echo "boxscope-bench: $(basename "$BUILD_DIR") build, server $("$TARANTOOL" --version | head -1) at $ADDRESS, $ROUNDS rounds" >&2
start=$SECONDS
for round in $(seq "$ROUNDS"); do
    echo "round $round/$ROUNDS" >&2
    for c in "${CASES[@]}"; do
        # shellcheck disable=SC2086
        if (( round % 2 )); then
            run_one boxscope $c
            run_one netbox $c
        else
            run_one netbox $c
            run_one boxscope $c
        fi
    done
done
echo "done in $((SECONDS - start)) s; raw results: $RESULTS" >&2

"$TARANTOOL" "$ROOT/bench/summarize.lua" "$RESULTS"
