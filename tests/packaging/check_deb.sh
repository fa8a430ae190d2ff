#!/usr/bin/env bash
# Makes the .deb from a built tree (cpack -G DEB, into a temporary directory) and checks it as a
# Debian desktop app: the files it installs, the Debian fields, desktop-file-validate and
# appstreamcli on the desktop file and the metainfo, then the programs as extracted from it:
# --version without a display, the Russian translation and the sandbox script found where
# they are installed.
#   check_deb.sh CPACK BUILD_DIR VERSION
set -euo pipefail
cpack="$1"
build="$2"
version="$3"
id=io.github.boxscope.Boxscope

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

if ! "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack -G DEB" >&2
    exit 1
fi
deb="$work/out/boxscope_${version}_$(dpkg --print-architecture).deb"
if [[ ! -f "$deb" ]]; then
    echo "FAIL: no $(basename "$deb"); cpack made: $(ls "$work/out")" >&2
    exit 1
fi
ok "$(basename "$deb"), $(stat -c %s "$deb") bytes"

# The files.
dpkg-deb -c "$deb" | awk '{ print $6 }' >"$work/contents"
for path in \
    ./usr/bin/boxscope \
    ./usr/bin/boxscope-cli \
    ./usr/share/applications/$id.desktop \
    ./usr/share/metainfo/$id.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/$id.svg \
    ./usr/share/man/man1/boxscope.1.gz \
    ./usr/share/man/man1/boxscope-cli.1.gz \
    ./usr/share/boxscope/translations/boxscope_ru.qm \
    ./usr/share/boxscope/sandbox.lua; do
    if grep -qxF "$path" "$work/contents"; then ok "$path"; else fail "$path is not in the package"; fi
done

# The control fields: dependencies from dpkg-shlibdeps, tarantool and libsecret recommended.
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == boxscope ]] || fail "Package: $(field Package)"
[[ "$(field Version)" == "$version" ]] || fail "Version: $(field Version)"
[[ "$(field Section)" == database ]] || fail "Section: $(field Section)"
[[ -n "$(field Maintainer)" ]] || fail "no Maintainer"
[[ -n "$(field Description)" ]] || fail "no Description"
[[ "$(field Recommends)" == *tarantool* ]] || fail "Recommends: $(field Recommends)"
[[ "$(field Recommends)" == *libsecret-1-0* ]] || fail "Recommends: $(field Recommends)"
depends="$(field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//')"
for lib in libc6 libqt6core6 libqt6widgets6 libqt6network6 liblua5.4-0 libyaml-0-2 libqt6keychain1; do
    grep -qxF "$lib" <<<"$depends" || fail "Depends lacks $lib: $(field Depends)"
done
echo "Depends: $(field Depends)"

root="$work/root"
dpkg-deb -x "$deb" "$root"

# The desktop file and the metainfo pass their validators (no output at all from the first).
out="$(desktop-file-validate "$root/usr/share/applications/$id.desktop" 2>&1)" || true
if [[ -n "$out" ]]; then fail "desktop-file-validate: $out"; else ok "desktop-file-validate"; fi
if out="$(appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" 2>&1)"; then
    ok "appstreamcli validate"
else
    fail "appstreamcli validate: $out"
fi
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$id.metainfo.xml" ||
    fail "the metainfo has no release $version"

# The man pages: a NAME line for whatis, the options from --help.
for page in boxscope:--sandbox boxscope-cli:--iterator; do
    name="${page%%:*}"
    option="${page#*:}"
    text="$(zcat "$root/usr/share/man/man1/$name.1.gz")"
    grep -q "^$name \\\\- " <<<"$text" || fail "$name.1: no NAME line"
    grep -qF "\\fB${option//-/\\-}\\fR" <<<"$text" || fail "$name.1: no $option"
    grep -q "^\\.TH ${name^^} 1 .*\"$name $version\"" <<<"$text" || fail "$name.1: no .TH with $name $version"
done
ok "man pages"

for program in boxscope boxscope-cli; do
    if readelf -d "$root/usr/bin/$program" | grep -qE 'RPATH|RUNPATH'; then
        fail "$program has a run path: $(readelf -d "$root/usr/bin/$program" | grep -E 'RPATH|RUNPATH')"
    fi
done

# The programs as installed: no display, no platform plugin, no library path.
bare=(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM -u LD_LIBRARY_PATH -u BOXSCOPE_SANDBOX_SCRIPT
    -u LANGUAGE "HOME=$work/home" "XDG_CONFIG_HOME=$work/home/.config"
    "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")
for program in boxscope boxscope-cli; do
    if out="$("${bare[@]}" LC_ALL=C.UTF-8 "$root/usr/bin/$program" --version 2>&1)" &&
        [[ "$out" == "$program $version" ]]; then
        ok "$program --version: $out"
    else
        fail "$program --version printed '$out'"
    fi
done
out="$("${bare[@]}" LC_ALL=ru_RU.UTF-8 "$root/usr/bin/boxscope" --help 2>&1)" || true
if grep -q "диагностический клиент" <<<"$out"; then
    ok "boxscope --help in Russian from share/boxscope/translations"
else
    fail "boxscope --help with LC_ALL=ru_RU.UTF-8 is not in Russian: $out"
fi

# --sandbox finds share/boxscope/sandbox.lua: tarantool is started through a wrapper that notes
# its arguments; --screenshot quits once connected (or after 20 s without a server).
if command -v tarantool >/dev/null; then
    cat >"$work/tarantool" <<WRAPPER
#!/bin/sh
echo "\$@" >"$work/tarantool.args"
exec $(command -v tarantool) "\$@"
WRAPPER
    chmod +x "$work/tarantool"
    "${bare[@]}" QT_QPA_PLATFORM=offscreen BOXSCOPE_TARANTOOL="$work/tarantool" \
        "$root/usr/bin/boxscope" --sandbox --screenshot "$work/window.png" >"$work/app.log" 2>&1 || true
    script="$(realpath "$root/usr/share/boxscope/sandbox.lua")"
    if [[ -f "$work/tarantool.args" ]] && grep -qF "$script" "$work/tarantool.args"; then
        ok "--sandbox ran tarantool $(cat "$work/tarantool.args")"
    else
        fail "--sandbox did not run the installed sandbox.lua: $(cat "$work/tarantool.args" 2>/dev/null) $(cat "$work/app.log")"
    fi
else
    echo "skipped: --sandbox (no tarantool)"
fi

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "the package is complete"
