// FrameDecoder on an arbitrary byte stream, fed in three different splits: all at once, byte
// by byte, and in chunks whose lengths come from the stream itself. Every split must give the
// same frames (compared as re-encoded header and body, size and raw bytes) and end in the same
// state (need more, or the same sticky error).
//
// A fourth pass takes what it can with takeRaw (the light path's reading) before next(): it
// never reads outside the buffer, and a frame it takes is the one next() takes at that offset
// (size, code, SYNC and body).
//
// The stream is also taken as one deferred body: decodeBodyKeepingData (a select's rows kept as
// msgpack) must give what decodeBody gives: the same fatal error or bodyError, and the same body
// once its DATA rows are put back.
//
// Input: one option byte (bit 0: keepRaw; bits 1-2: the frame size cap), then the stream.

#include "FuzzCheck.h"
#include "iproto/FrameDecoder.h"
#include "msgpack/MpCodec.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

using namespace Boxscope;

namespace {

struct Seen
{
    QByteArray header;
    QByteArray body;
    bool hasBody = false;
    uint32_t size = 0;
    QByteArray raw;
    uint64_t offset = 0;
    bool operator==(const Seen &o) const
    {
        return header == o.header && body == o.body && hasBody == o.hasBody && size == o.size && raw == o.raw
                && offset == o.offset;
    }
};

struct Outcome
{
    std::vector<Seen> frames;
    bool error = false;
    QString errorString;
    size_t pending = 0;
    uint64_t offset = 0;
};

void drain(FrameDecoder &d, Outcome &out, bool keepRaw)
{
    for (;;) {
        Frame f;
        const FrameDecoder::Result r = d.next(&f);
        if (r == FrameDecoder::Result::NeedMore) {
            FUZZ_CHECK(!d.hasError(), "NeedMore with an error set");
            // What is buffered is less than one frame: its announced length is beyond it.
            const uint64_t partial = d.partialFrameSize();
            FUZZ_CHECK(partial == 0 || partial > d.pending(), "partial frame of %llu bytes with %zu pending",
                       (unsigned long long)partial, d.pending());
            FUZZ_CHECK(d.pending() > 0 || partial == 0, "a partial frame with nothing pending");
            return;
        }
        if (r == FrameDecoder::Result::Error) {
            FUZZ_CHECK(d.hasError(), "Error without an error string");
            // Sticky: asking again and feeding more change nothing.
            Frame again;
            FUZZ_CHECK(d.next(&again) == FrameDecoder::Result::Error, "error not sticky");
            return;
        }
        FUZZ_CHECK(f.header.isMap(), "a frame header that is not a map");
        FUZZ_CHECK(f.size > 0 && f.size <= d.maxFrameSize(), "frame size %u outside (0, %u]", f.size, d.maxFrameSize());
        if (keepRaw) {
            FUZZ_CHECK(f.raw.size() > qsizetype(f.size) && f.raw.size() <= qsizetype(f.size) + 9,
                       "raw of %lld bytes for a %u-byte frame", (long long)f.raw.size(), f.size);
            // The raw bytes decode again to the same frame.
            FrameDecoder again(d.maxFrameSize());
            again.feed(f.raw);
            Frame g;
            FUZZ_CHECK(again.next(&g) == FrameDecoder::Result::Frame, "raw bytes do not decode");
            FUZZ_CHECK(MpCodec::encode(g.header) == MpCodec::encode(f.header), "raw header differs");
            FUZZ_CHECK(again.pending() == 0, "raw bytes hold more than the frame");
        } else {
            FUZZ_CHECK(f.raw.isEmpty(), "raw kept without keepRaw");
        }
        Seen s;
        s.header = MpCodec::encode(f.header);
        s.hasBody = !f.body.isNil();
        s.body = MpCodec::encode(f.body);
        s.size = f.size;
        s.raw = f.raw;
        s.offset = f.streamOffset;
        out.frames.push_back(std::move(s));
    }
}

void finish(FrameDecoder &d, Outcome &out)
{
    out.error = d.hasError();
    out.errorString = d.errorString();
    out.pending = d.pending();
    out.offset = d.streamOffset();
}

void compare(const Outcome &a, const Outcome &b, const char *what)
{
    FUZZ_CHECK(a.frames.size() == b.frames.size(), "%s: %zu frames vs %zu", what, a.frames.size(), b.frames.size());
    for (size_t i = 0; i < a.frames.size(); ++i)
        FUZZ_CHECK(a.frames[i] == b.frames[i], "%s: frame %zu differs", what, i);
    FUZZ_CHECK(a.error == b.error, "%s: error state differs", what);
    FUZZ_CHECK(a.errorString == b.errorString, "%s: error message differs: %s / %s", what, qPrintable(a.errorString),
               qPrintable(b.errorString));
    FUZZ_CHECK(a.offset == b.offset, "%s: stream offset differs", what);
    if (!a.error)
        FUZZ_CHECK(a.pending == b.pending, "%s: pending bytes differ", what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t options = data[0];
    const bool keepRaw = options & 1;
    static const uint32_t caps[] = { FrameDecoder::kDefaultMaxFrameSize, 16, 300, 70000 };
    const uint32_t cap = caps[(options >> 1) & 3];
    const char *stream = reinterpret_cast<const char *>(data + 1);
    const size_t len = size - 1;

    // As a deferred body, with the rows kept raw or decoded.
    {
        const qint64 bodyCap = (options & 8) ? 2000 : -1;
        Frame kept;
        kept.bodyDeferred = true;
        kept.bodyBytes = QByteArray(stream, qsizetype(len));
        Frame tree = kept;
        const QString keptFatal = FrameDecoder::decodeBodyKeepingData(&kept, bodyCap);
        const QString treeFatal = FrameDecoder::decodeBody(&tree, bodyCap);
        FUZZ_CHECK(keptFatal == treeFatal, "the two body paths fail differently");
        FUZZ_CHECK(kept.bodyError == tree.bodyError, "the two body paths refuse differently");
        if (kept.rawData) {
            FUZZ_CHECK(keptFatal.isEmpty() && kept.bodyError.isEmpty(), "rows kept from a refused body");
            MpValue data = kept.rawData->decodeAll();
            const MpValue *treeData = tree.body.find(uint64_t(0x30));
            FUZZ_CHECK(treeData && *treeData == data, "kept rows differ from the tree's DATA");
            FUZZ_CHECK(kept.body.size() + 1 == tree.body.size(), "the body lost a key");
        } else {
            FUZZ_CHECK(kept.body == tree.body, "the fallback body differs");
        }
    }

    // All at once.
    Outcome whole;
    {
        FrameDecoder d(cap);
        d.setKeepRaw(keepRaw);
        d.feed(stream, len);
        drain(d, whole, keepRaw);
        finish(d, whole);
        if (d.hasError()) {
            d.feed("\x80", 1);
            FUZZ_CHECK(d.hasError(), "feed cleared the error");
        }
        FUZZ_CHECK(d.streamOffset() + d.pending() == len || d.hasError(), "offset %llu + pending %zu != %zu",
                   (unsigned long long)d.streamOffset(), d.pending(), len);
        d.reset();
        FUZZ_CHECK(!d.hasError() && d.pending() == 0 && d.streamOffset() == 0, "reset left state behind");
    }

    // Byte by byte, draining after every byte.
    Outcome bytewise;
    {
        FrameDecoder d(cap);
        d.setKeepRaw(keepRaw);
        for (size_t i = 0; i < len; ++i) {
            d.feed(stream + i, 1);
            drain(d, bytewise, keepRaw);
        }
        finish(d, bytewise);
    }
    compare(whole, bytewise, "byte by byte");

    // Chunks of 1..64 bytes, the length taken from the byte at the chunk's start; sometimes
    // two feeds before draining.
    Outcome chunked;
    {
        FrameDecoder d(cap);
        d.setKeepRaw(keepRaw);
        size_t pos = 0;
        bool drainNow = true;
        while (pos < len) {
            const uint8_t b = uint8_t(stream[pos]);
            const size_t n = std::min<size_t>(len - pos, size_t(b % 64) + 1);
            d.feed(stream + pos, n);
            pos += n;
            if (drainNow || pos == len)
                drain(d, chunked, keepRaw);
            drainNow = (b & 0x40) == 0;
        }
        finish(d, chunked);
    }
    compare(whole, chunked, "chunked");

    // Raw first, in chunks as above.
    if (!keepRaw) {
        std::map<uint64_t, const Seen *> byOffset;
        for (const Seen &f : whole.frames)
            byOffset[f.offset] = &f;
        FrameDecoder d(cap);
        size_t pos = 0;
        bool stop = false;
        while (pos < len && !stop) {
            const uint8_t b = uint8_t(stream[pos]);
            const size_t n = std::min<size_t>(len - pos, size_t(b % 64) + 1);
            d.feed(stream + pos, n);
            pos += n;
            for (;;) {
                RawFrame raw;
                const uint64_t before = d.streamOffset();
                if (d.takeRaw(&raw, [](uint64_t) { return true; })) {
                    FUZZ_CHECK(raw.streamOffset == before, "raw frame at %llu, decoder at %llu",
                               (unsigned long long)raw.streamOffset, (unsigned long long)before);
                    FUZZ_CHECK(raw.size > 0 && raw.size <= d.maxFrameSize() && raw.bodySize < raw.size,
                               "raw frame of %u bytes, body %zu", raw.size, raw.bodySize);
                    FUZZ_CHECK(d.streamOffset() > before + raw.size - 1 && d.streamOffset() <= before + raw.size + 9,
                               "raw frame consumed %llu bytes for %u", (unsigned long long)(d.streamOffset() - before),
                               raw.size);
                    QByteArray body(raw.body, qsizetype(raw.bodySize)); // every byte readable
                    const auto it = byOffset.find(raw.streamOffset);
                    if (it != byOffset.end()) {
                        const Seen &f = *it->second;
                        FUZZ_CHECK(f.size == raw.size, "raw size %u, frame size %u", raw.size, f.size);
                        const MpCodec::DecodeResult h = MpCodec::decode(f.header);
                        FUZZ_CHECK(h.ok() && h.value.isMap(), "header does not decode again");
                        const MpValue *code = h.value.find(uint64_t(0));
                        const MpValue *sync = h.value.find(uint64_t(1));
                        FUZZ_CHECK(code && code->toUInt64() == raw.code, "raw code %u differs", raw.code);
                        FUZZ_CHECK(sync && sync->toUInt64() == raw.sync, "raw sync differs");
                        if (f.hasBody) {
                            const MpCodec::DecodeResult bd = MpCodec::decode(body);
                            FUZZ_CHECK(bd.ok() && MpCodec::encode(bd.value) == f.body, "raw body differs");
                        }
                    }
                    continue;
                }
                Frame f;
                const FrameDecoder::Result r = d.next(&f);
                if (r == FrameDecoder::Result::Frame)
                    continue;
                stop = r == FrameDecoder::Result::Error;
                break;
            }
        }
    } else {
        // The capture's way (takeRawKept, then next() for what it leaves): the same packets,
        // types and SYNCs as the tree path with the capture's settings (every body deferred, so
        // a malformed body does not stop it), for every frame.
        std::map<uint64_t, Seen> reference;
        {
            FrameDecoder r(cap);
            r.setKeepRaw(true);
            r.setDeferBodiesFrom(1);
            r.feed(stream, len);
            Frame f;
            while (r.next(&f) == FrameDecoder::Result::Frame) {
                Seen seen;
                seen.header = MpCodec::encode(f.header);
                seen.raw = f.raw;
                seen.size = f.size;
                reference[f.streamOffset] = seen;
            }
        }
        std::map<uint64_t, const Seen *> byOffset;
        for (const auto &entry : reference)
            byOffset[entry.first] = &entry.second;
        FrameDecoder d(cap);
        d.setKeepRaw(true);
        size_t pos = 0;
        bool stop = false;
        while (pos < len && !stop) {
            const uint8_t b = uint8_t(stream[pos]);
            const size_t n = std::min<size_t>(len - pos, size_t(b % 64) + 1);
            d.feed(stream + pos, n);
            pos += n;
            for (;;) {
                RawFrame rf;
                QByteArray packet;
                const uint64_t before = d.streamOffset();
                if (d.takeRawKept(&rf, &packet)) {
                    FUZZ_CHECK(uint64_t(packet.size()) == d.streamOffset() - before, "packet of %lld bytes",
                               (long long)packet.size());
                    FUZZ_CHECK(rf.bodySize < rf.size && packet.size() > qsizetype(rf.size), "kept frame of %u bytes",
                               rf.size);
                    const auto it = byOffset.find(before);
                    FUZZ_CHECK(it != byOffset.end(), "a kept frame at %llu the tree path does not have",
                               (unsigned long long)before);
                    {
                        const Seen &f = *it->second;
                        FUZZ_CHECK(f.raw == packet, "kept packet differs");
                        const MpCodec::DecodeResult h = MpCodec::decode(f.header);
                        FUZZ_CHECK(h.ok() && h.value.isMap(), "header does not decode again");
                        const MpValue *code = h.value.find(uint64_t(0));
                        const MpValue *sync = h.value.find(uint64_t(1));
                        FUZZ_CHECK(code && code->toUInt64() == rf.code, "kept code %u differs", rf.code);
                        FUZZ_CHECK(sync && sync->toUInt64() == rf.sync, "kept sync differs");
                        const qsizetype headerAt = packet.size() - qsizetype(rf.size);
                        const MpCodec::DecodeResult kept =
                                MpCodec::decode(packet.mid(headerAt, qsizetype(rf.size - rf.bodySize)));
                        FUZZ_CHECK(kept.ok() && kept.value == h.value, "kept header differs");
                    }
                    continue;
                }
                Frame f;
                const FrameDecoder::Result r = d.next(&f);
                if (r == FrameDecoder::Result::Frame)
                    continue;
                stop = r == FrameDecoder::Result::Error;
                break;
            }
        }
    }
    return 0;
}
