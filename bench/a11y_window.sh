#!/usr/bin/env bash
# The window case with a screen reader's load: run by bench/run.sh inside its own D-Bus session
# (dbus-run-session) on a display. Starts the AT-SPI bus, a listener that takes every object
# event and asks its source for name and role (a11y_listener.py), then boxscope-winbench with
# the accessibility bridge on; prints winbench's JSON lines and the listener's.
#   a11y_window.sh WINBENCH ADDRESS PUSHES SIZE
set -u
WINBENCH="$1" ADDRESS="$2" PUSHES="$3" SIZE="$4"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
XDG_RUNTIME_DIR="$(mktemp -d)"
export XDG_RUNTIME_DIR
/usr/libexec/at-spi-bus-launcher --launch-immediately &
BUS=$!
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
OUT="$XDG_RUNTIME_DIR/listener.out"
/usr/bin/python3 "$HERE/a11y_listener.py" >"$OUT" 2>"$XDG_RUNTIME_DIR/listener.err" &
LISTENER=$!
# Until the listener has registered (it says so), 10 s at most.
for _ in $(seq 100); do
    grep -q listening "$XDG_RUNTIME_DIR/listener.err" 2>/dev/null && break
    sleep 0.1
done
rc=0
timeout 600 "$WINBENCH" "$ADDRESS" --pushes "$PUSHES" --size "$SIZE" --select 1 --no-two --idle-ms 200 \
    --label a11y || rc=$?
kill -TERM "$LISTENER" 2>/dev/null
for _ in $(seq 50); do
    [[ -s "$OUT" ]] && break
    sleep 0.1
done
kill "$LISTENER" "$BUS" 2>/dev/null
events="$(cat "$OUT" 2>/dev/null)"
[[ -n "$events" ]] || events='{"events": -1, "queries_failed": -1}'
printf '{"client":"boxscope","case":"a11y_listener",%s,"ok":true}\n' "${events:1:${#events}-2}"
rm -rf "$XDG_RUNTIME_DIR"
exit "$rc"
