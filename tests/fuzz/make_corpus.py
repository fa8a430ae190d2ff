#!/usr/bin/env python3
"""Regenerates the fuzz seed corpus in tests/fuzz/corpus/ (the files are committed; run this
only to refresh them).

Greetings and IPROTO frames are captured from a real `tarantool` (the Debian package, 2.6) over
a raw socket: the greeting of a binary port and of a console port, and the responses to PING,
SELECT, CALL with pushes (IPROTO_CHUNK), EVAL returning decimal / uuid / MP_ERROR values and
EVAL raising an error (IPROTO_ERROR). 2.10+ greetings (which make Boxscope send IPROTO_ID) have
the same layout from greeting_encode() and are written here with those version numbers;
datetime and interval payloads (2.10+ ext types) are built from their documented layouts.

Usage: tests/fuzz/make_corpus.py [CORPUS_DIR]
"""

import base64
import hashlib
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus")


# -- a minimal msgpack encoder (requests) and walker (splitting responses) -----------------

def mp(v):
    if v is None:
        return b"\xc0"
    if v is True:
        return b"\xc3"
    if v is False:
        return b"\xc2"
    if isinstance(v, int):
        if 0 <= v < 128:
            return bytes([v])
        if 0 <= v < 2**8:
            return b"\xcc" + struct.pack(">B", v)
        if 0 <= v < 2**16:
            return b"\xcd" + struct.pack(">H", v)
        if 0 <= v < 2**32:
            return b"\xce" + struct.pack(">I", v)
        if v >= 0:
            return b"\xcf" + struct.pack(">Q", v)
        if v >= -32:
            return struct.pack(">b", v)
        return b"\xd3" + struct.pack(">q", v)
    if isinstance(v, float):
        return b"\xcb" + struct.pack(">d", v)
    if isinstance(v, str):
        b = v.encode()
        if len(b) < 32:
            return bytes([0xA0 | len(b)]) + b
        if len(b) < 256:
            return b"\xd9" + bytes([len(b)]) + b
        return b"\xda" + struct.pack(">H", len(b)) + b
    if isinstance(v, bytes):
        return b"\xc4" + bytes([len(v)]) + v
    if isinstance(v, list):
        head = bytes([0x90 | len(v)]) if len(v) < 16 else b"\xdc" + struct.pack(">H", len(v))
        return head + b"".join(mp(x) for x in v)
    if isinstance(v, dict):
        head = bytes([0x80 | len(v)]) if len(v) < 16 else b"\xde" + struct.pack(">H", len(v))
        return head + b"".join(mp(k) + mp(x) for k, x in v.items())
    raise TypeError(v)


def skip(buf, off):
    """Offset just after the msgpack value starting at off."""
    b = buf[off]
    off += 1
    fixed = {0xC0: 0, 0xC2: 0, 0xC3: 0, 0xCA: 4, 0xCB: 8, 0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8,
             0xD0: 1, 0xD1: 2, 0xD2: 4, 0xD3: 8}
    if b <= 0x7F or b >= 0xE0:
        return off
    if b in fixed:
        return off + fixed[b]
    if 0xA0 <= b <= 0xBF:
        return off + (b & 0x1F)
    if 0x90 <= b <= 0x9F:
        for _ in range(b & 0x0F):
            off = skip(buf, off)
        return off
    if 0x80 <= b <= 0x8F:
        for _ in range(2 * (b & 0x0F)):
            off = skip(buf, off)
        return off
    lens = {0xC4: 1, 0xD9: 1, 0xC5: 2, 0xDA: 2, 0xC6: 4, 0xDB: 4}
    if b in lens:
        n = int.from_bytes(buf[off:off + lens[b]], "big")
        return off + lens[b] + n
    exts = {0xC7: 1, 0xC8: 2, 0xC9: 4}
    if b in exts:
        n = int.from_bytes(buf[off:off + exts[b]], "big")
        return off + exts[b] + 1 + n
    fixext = {0xD4: 1, 0xD5: 2, 0xD6: 4, 0xD7: 8, 0xD8: 16}
    if b in fixext:
        return off + 1 + fixext[b]
    if b in (0xDC, 0xDD):
        w = 2 if b == 0xDC else 4
        n = int.from_bytes(buf[off:off + w], "big")
        off += w
        for _ in range(n):
            off = skip(buf, off)
        return off
    if b in (0xDE, 0xDF):
        w = 2 if b == 0xDE else 4
        n = int.from_bytes(buf[off:off + w], "big")
        off += w
        for _ in range(2 * n):
            off = skip(buf, off)
        return off
    raise ValueError("bad byte %#x" % b)


def children(buf):
    """(start, end) of every item of the array or map value at offset 0 (keys and values)."""
    b = buf[0]
    if 0x90 <= b <= 0x9F:
        n, off = b & 0x0F, 1
    elif 0x80 <= b <= 0x8F:
        n, off = 2 * (b & 0x0F), 1
    elif b in (0xDC, 0xDE):
        n, off = int.from_bytes(buf[1:3], "big") * (2 if b == 0xDE else 1), 3
    elif b in (0xDD, 0xDF):
        n, off = int.from_bytes(buf[1:5], "big") * (2 if b == 0xDF else 1), 5
    else:
        return []
    out = []
    for _ in range(n):
        end = skip(buf, off)
        out.append((off, end))
        off = end
    return out


# -- a session with a real tarantool ---------------------------------------------------------

SERVER_LUA = r"""
box.cfg{listen = os.getenv('LISTEN'), work_dir = os.getenv('WORK'), log_level = 1}
box.schema.user.grant('guest', 'super', nil, nil, {if_not_exists = true})
require('console').listen(os.getenv('CONSOLE'))
local s = box.schema.space.create('items', {if_not_exists = true})
s:create_index('pk', {if_not_exists = true})
s:replace{1, 'one', {x = 1, y = {1, 2, 3}}, 1.5, true, box.NULL}
s:replace{2, 'two', 'a longer string with spaces and "quotes"', -7, 18446744073709551615}
function pushes(n)
    for i = 1, n do box.session.push({i, 'push ' .. i}) end
    return 'done', n
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port):
    for _ in range(100):
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("tarantool does not listen on %d" % port)


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def read_frame(sock):
    prefix = recv_exact(sock, 5)
    assert prefix[0] == 0xCE, prefix
    size = struct.unpack(">I", prefix[1:])[0]
    return prefix + recv_exact(sock, size)


def frame(code, sync, body, schema_id=None):
    header = {0x00: code, 0x01: sync}
    payload = mp(header) + mp(body)
    return b"\xce" + struct.pack(">I", len(payload)) + payload


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def greeting_line(text):
    return text.ljust(63).encode() + b"\n"


def main():
    work = tempfile.mkdtemp(prefix="boxscope-corpus-")
    port, console = free_port(), free_port()
    script = os.path.join(work, "server.lua")
    with open(script, "w") as f:
        f.write(SERVER_LUA)
    env = dict(os.environ, LISTEN="127.0.0.1:%d" % port, CONSOLE="127.0.0.1:%d" % console, WORK=work)
    server = subprocess.Popen(["tarantool", script], env=env, cwd=work)
    try:
        capture(connect(port), console)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


def capture(sock, console_port):
    greet = recv_exact(sock, 128)
    version = greet.split(b" ")[1].decode()
    write(os.path.join(OUT, "greeting", "tarantool-%s-binary" % version), greet)
    with connect(console_port) as c:
        write(os.path.join(OUT, "greeting", "tarantool-%s-console" % version), recv_exact(c, 128))

    # 2.10+ greetings: same layout, newer versions (these make Boxscope send IPROTO_ID).
    line1 = greet[:64].decode().rstrip()
    uuid_text = line1.split(" ")[3]
    salt = greet[64:128]
    for v in ("2.10.0", "2.11.1", "3.0.1"):
        write(os.path.join(OUT, "greeting", "tarantool-%s-binary" % v),
              greeting_line("Tarantool %s (Binary) %s" % (v, uuid_text)) + salt)

    sync = 0
    requests = []
    responses = []

    def request(code, body):
        nonlocal sync
        sync += 1
        data = frame(code, sync, body)
        requests.append(data)
        sock.sendall(data)

    def call(code, body, extra_frames=0):
        request(code, body)
        got = [read_frame(sock) for _ in range(1 + extra_frames)]
        responses.append(got)
        return got

    call(0x40, {})                                        # PING
    call(0x01, {0x10: 281, 0x11: 0, 0x12: 0, 0x13: 0, 0x14: 2, 0x20: []})  # SELECT _vspace limit 2
    call(0x01, {0x10: 512, 0x11: 0, 0x12: 0, 0x13: 0, 0x14: 100, 0x20: []}) # SELECT items
    call(0x0A, {0x22: "pushes", 0x21: [3]}, extra_frames=3)  # CALL with 3 pushes
    call(0x08, {0x27: "box.session.settings.error_marshaling_enabled = true", 0x21: []})
    call(0x08, {0x27: "return require('decimal').new('-12.3400'), require('decimal').new(1e30),"
                      " require('uuid').fromstr('6e079a5e-15e8-4dba-9363-5bffd4ce554d')",
                0x21: []})
    call(0x08, {0x27: "local e1 = box.error.new({code = 5, reason = 'inner'}) "
                      "local e2 = box.error.new({code = 7, reason = 'outer', type = 'MyErr'}) "
                      "e2:set_prev(e1) return e2", 0x21: []})
    call(0x08, {0x27: "error('plain fail')", 0x21: []})  # IPROTO_ERROR
    call(0x08, {0x27: "return ...", 0x21: [1, -1, 1.5, "s", [], {}, None, True, b"\x00\xff"]})
    call(0x08, {0x27: "return box.space.items:select()", 0x21: []})
    call(0x01, {0x10: 999999, 0x11: 0, 0x14: 1, 0x20: []})  # no such space

    fd = os.path.join(OUT, "framedecoder")
    # The option byte first (0: no raw, default cap; 1: keep raw; 4: 300-byte cap).
    stream = b"".join(f for r in responses for f in r)
    write(os.path.join(fd, "responses-session"), b"\x01" + stream)
    write(os.path.join(fd, "requests-session"), b"\x00" + b"".join(requests))
    write(os.path.join(fd, "responses-session-cap300"), b"\x04" + stream)
    for i, r in enumerate(responses):
        write(os.path.join(fd, "response-%02d" % i), b"\x01" + b"".join(r))
    # The same PING response with every MP_UINT width of the size prefix.
    ping = responses[0][0][5:]
    n = len(ping)
    for name, prefix in (("fixint", bytes([n])), ("u8", b"\xcc" + bytes([n])),
                         ("u16", b"\xcd" + struct.pack(">H", n)), ("u64", b"\xcf" + struct.pack(">Q", n))):
        write(os.path.join(fd, "ping-prefix-" + name), b"\x00" + prefix + ping)

    # msgpack values: every header and body, and the items of every body.
    mpdir = os.path.join(OUT, "msgpack")
    seen = set()

    def value(data, label):
        h = hashlib.sha1(data).hexdigest()[:10]
        if h in seen:
            return
        seen.add(h)
        write(os.path.join(mpdir, "%s-%s" % (label, h)), data)

    for i, f in enumerate([f for r in responses for f in r] + requests):
        payload = f[5:]
        hend = skip(payload, 0)
        if i < 2:
            value(payload[:hend], "header")
        if hend < len(payload):
            body = payload[hend:]
            value(body, "body")
            for s, e in children(body):
                value(body[s:e], "item")
                for s2, e2 in children(body[s:e]):
                    value(body[s:e][s2:e2], "item")
    # 2.10+ ext types from their layouts: datetime (seconds, nsec, tzoffset, tzindex) and
    # interval (count, then field / value pairs).
    value(b"\xd7\x04" + struct.pack("<q", 1704153845), "datetime-seconds")
    value(b"\xd8\x04" + struct.pack("<qihh", 1704153845, 123456789, 180, 0), "datetime-full")
    value(b"\xc7\x05\x06" + bytes([2, 0, 1, 1, 2]), "interval-year-month")
    value(b"\xc7\x0d\x06" + bytes([3, 3, 0xFD, 6, 0xCD, 0x0E, 0x10, 7, 0xCE]) + struct.pack(">I", 500000000),
          "interval-days-sec-nsec")
    value(mp([1, {"a": [True, None, 2.5]}, "x" * 40, -200, 70000, 2**40]), "mixed")

    lit = os.path.join(OUT, "lualiteral")
    literals = {
        "table": "{1, 'a', {x = 1}, box.NULL}",
        "values": "1, 'two', {3}",
        "map": "{x = 1, ['a b'] = 2, [5] = 3, [true] = false}",
        "numbers": "0x10, 1e10, -0.5, 1/0, -1/0, 0/0, 9223372036854775807, 2^63, 3 // 2",
        "strings": "'it\\'s', \"q\\\"\", '\\x41\\u{48}\\z   end', '\\065\\n\\t'",
        "long": "[[long\nstring]], [==[with ]] inside]==]",
        "nested": "{{{{{{{{{{1}}}}}}}}}}",
        "multiline": "{\n  1,\n  2,\n  {\n    a = 'b',\n  },\n}",
        "comment": "--[[ block ]] 1 -- line",
        "function": "(function() local t = {} for i = 1, 10 do t[i] = i * i end return t end)()",
        "syntax-error": "{1, 2,",
        "syntax-error-token": "{2 2}",
        "runtime-error": "print('x')",
        "unicode": "'привет', {['ключ'] = 'значение'}",
        "crlf": "{1,\r\n2,\n\r3}",
        "empty": "",
        "upvalue-error": "(function() local f return f() end)()",
    }
    for name, text in literals.items():
        write(os.path.join(lit, name), text.encode())

    # The whole Connection: a chunk-size byte, a 2.6 greeting, then captured responses (the
    # frame decoder's seeds without their option byte) and frames answering the fuzz target's
    # own requests (SYNC 1..5: call, ping, select, execute, eval) with pushes, OK and an error.
    conn = os.path.join(OUT, "connection")
    greet = open(os.path.join(OUT, "greeting", "tarantool-2.6.0-binary"), "rb").read()
    for name in sorted(os.listdir(fd)):
        if name.startswith("response"):
            write(os.path.join(conn, name), b"\x00" + greet + open(os.path.join(fd, name), "rb").read()[1:])
    answers = (frame(0x80, 1, {0x30: ["push-1"]}) + frame(0x80, 1, {0x30: [{"i": 2}]})
               + frame(0, 1, {0x30: ["done"]}) + frame(0, 2, {}) + frame(0, 3, {0x30: [[1, "a"]]})
               + frame(0x8000 | 32, 4, {0x31: "boom"}) + frame(0, 5, {0x30: [1, 2]}))
    write(os.path.join(conn, "answers"), b"\x10" + greet + answers)
    write(os.path.join(conn, "answers-bytewise"), b"\x00" + greet + answers)
    write(os.path.join(conn, "answers-truncated"), b"\x10" + greet + answers[:37])
    print("corpus written to", OUT)


if __name__ == "__main__":
    main()
