#!/usr/bin/env bash
# Starts the app with its sandbox under Xvfb with a private D-Bus session and the AT-SPI
# bus, then drives a whole request through AT-SPI only (atspi_drive.py).
#   run_atspi.sh BOXSCOPE_BINARY
set -euo pipefail
APP_BIN="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "${BOXSCOPE_ATSPI_INNER:-}" ]]; then
    export BOXSCOPE_ATSPI_INNER=1
    exec xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- "$0" "$@"
fi
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
export QT_QPA_PLATFORM=xcb
HOME="$(mktemp -d)"
export HOME
export XDG_RUNTIME_DIR="$HOME/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
# xvfb-run can hand over before Xvfb listens (seen on a loaded machine: "could not connect to
# display"): wait for the display's socket first, 20 s at most.
for _ in $(seq 200); do
    [[ -S "/tmp/.X11-unix/X${DISPLAY#:}" ]] && break
    sleep 0.1
done
/usr/libexec/at-spi-bus-launcher --launch-immediately &
BUS=$!
"$APP_BIN" --sandbox &
APP=$!
trap 'kill $APP $BUS 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$HOME"' EXIT
/usr/bin/python3 "$HERE/atspi_drive.py" server_function
