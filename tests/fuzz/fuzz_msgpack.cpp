// MpCodec::decode on arbitrary bytes, then everything Boxscope does with a decoded value:
// re-encoding (decode(encode(v)) must give the same bytes again), every MpFormat formatter,
// and MpExt's decoders on every ext value and decodeErrorStack on every map in the tree.
// Values nested deeper than the decoder's default limit are decoded again with a higher one,
// so the formatters' own depth cut-off is exercised too. MpCodec::scan must agree with decode
// (status, words, length, footprint) and MpRawArray's items with the decoded array's.

#include "FuzzCheck.h"
#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpExt.h"
#include "msgpack/MpRawArray.h"
#include "msgpack/MpValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace Boxscope;

namespace {

void checkText(const QString &s, const char *what)
{
    // Every formatter produces text; a lone surrogate would mean a broken UTF-16 conversion.
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate()) {
            FUZZ_CHECK(i + 1 < s.size() && s.at(i + 1).isLowSurrogate(), "%s: lone high surrogate", what);
            ++i;
        } else {
            FUZZ_CHECK(!c.isLowSurrogate(), "%s: lone low surrogate", what);
        }
    }
}

void exerciseExt(const MpValue &v)
{
    const QByteArray &payload = v.bytes();
    QString text, error;
    (void)MpExt::typeName(v.extType());
    const bool known = MpExt::toText(v, &text, &error);
    if (!known)
        FUZZ_CHECK(!error.isEmpty(), "toText failed without a message");
    switch (v.extType()) {
    case MpExt::Decimal: {
        QString t;
        if (MpExt::decodeDecimal(payload, &t, &error))
            FUZZ_CHECK(!t.isEmpty(), "empty decimal text");
        break;
    }
    case MpExt::Uuid: {
        QString t;
        if (MpExt::decodeUuid(payload, &t, &error))
            FUZZ_CHECK(t.size() == 36, "uuid text of %lld chars", (long long)t.size());
        break;
    }
    case MpExt::Datetime: {
        MpExt::DatetimeValue dt;
        if (MpExt::decodeDatetime(payload, &dt, &error))
            checkText(MpExt::datetimeToString(dt), "datetime");
        break;
    }
    case MpExt::Interval: {
        MpExt::IntervalValue iv;
        if (MpExt::decodeInterval(payload, &iv, &error))
            checkText(MpExt::intervalToString(iv), "interval");
        break;
    }
    case MpExt::Error: {
        bool ok = false;
        const ErrorStack stack = MpExt::decodeError(payload, &ok, &error);
        FUZZ_CHECK(ok == !stack.isEmpty(), "decodeError: ok=%d with %zu entries", ok, stack.entries.size());
        break;
    }
    default: FUZZ_CHECK(!known, "an unknown ext type %d has a text", v.extType()); break;
    }
}

void walk(const MpValue &v, int depth)
{
    if (depth > 4096)
        return;
    if (v.isExt()) {
        exerciseExt(v);
        return;
    }
    if (v.isMap()) {
        bool ok = false;
        const ErrorStack stack = decodeErrorStack(v, &ok);
        FUZZ_CHECK(ok == !stack.isEmpty(), "decodeErrorStack: ok=%d with %zu entries", ok, stack.entries.size());
        FUZZ_CHECK(v.items().size() % 2 == 0, "a map with an odd item count");
    }
    for (const MpValue &item : v.items())
        walk(item, depth + 1);
}

// JSON text must be one line that a JSON parser reads (Qt's parser nests up to 1024 levels;
// the formatter stops at MpFormat::kMaxDepth).
QJsonArray parseJson(const QString &json, const char *what)
{
    FUZZ_CHECK(!json.contains(QLatin1Char('\n')), "%s: a newline in JSON", what);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson((QLatin1Char('[') + json + QLatin1Char(']')).toUtf8(), &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError, "%s: invalid JSON (%s at %d): %.300s", what,
               qPrintable(error.errorString()), error.offset, qPrintable(json));
    return doc.array();
}

void format(const MpValue &v)
{
    checkText(MpFormat::toYaml(v), "toYaml");
    const QString json = MpFormat::toJson(v);
    checkText(json, "toJson");
    parseJson(json, "toJson");
    checkText(MpFormat::toLua(v), "toLua");
    for (int maxChars : { 1, 2, 10, 120 }) {
        const QString p = MpFormat::preview(v, maxChars);
        checkText(p, "preview");
        FUZZ_CHECK(p.size() <= maxChars, "preview of %lld chars for a budget of %d", (long long)p.size(), maxChars);
    }
    if (v.isArray()) {
        checkText(MpFormat::yamlDocument(v.items()), "yamlDocument");
    } else {
        checkText(MpFormat::yamlDocument({ v }), "yamlDocument");
    }
    if (v.isStr() || v.isBin()) {
        // jsonString reads back as the same string.
        const QString text = QString::fromUtf8(v.bytes());
        const QString quoted = MpFormat::jsonString(text);
        checkText(quoted, "jsonString");
        const QJsonArray back = parseJson(quoted, "jsonString");
        FUZZ_CHECK(back.size() == 1 && back.at(0).isString() && back.at(0).toString() == text,
                   "jsonString does not read back: %s", qPrintable(quoted));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = reinterpret_cast<const char *>(data);
    for (const qint64 cap : { qint64(-1), qint64(500) }) {
        const MpCodec::DecodeResult d = MpCodec::decode(bytes, size, 64, cap);
        qint64 footprint = -1;
        const MpCodec::DecodeResult s = MpCodec::scan(bytes, size, 64, cap, &footprint);
        FUZZ_CHECK(s.status == d.status, "scan status %d, decode %d", int(s.status), int(d.status));
        FUZZ_CHECK(s.error == d.error, "scan and decode word an error differently");
        FUZZ_CHECK(!d.ok() || (s.consumed == d.consumed && footprint == d.value.footprint()),
                   "scan: %zu bytes, footprint %lld; decode: %zu, %lld", s.consumed, (long long)footprint, d.consumed,
                   (long long)d.value.footprint());
        MpRawArray raw;
        const QByteArray buffer = QByteArray::fromRawData(bytes, qsizetype(size));
        const MpCodec::Status st = MpRawArray::index(buffer, 0, qsizetype(size), &raw, nullptr, cap, 0, 64);
        if (d.ok() && d.value.isArray()) {
            FUZZ_CHECK(st == MpCodec::Status::Ok, "index refuses an array decode takes (%d)", int(st));
            FUZZ_CHECK(raw.size() == d.value.size() && size_t(raw.consumed()) == d.consumed, "index: %zu items",
                       raw.size());
            FUZZ_CHECK(raw.treeFootprint() == d.value.footprint(), "index footprint differs");
            for (size_t i = 0; i < raw.size(); ++i)
                FUZZ_CHECK(raw.item(i) == d.value.at(i), "item %zu differs", i);
        } else {
            FUZZ_CHECK(st != MpCodec::Status::Ok, "index takes what decode refuses");
        }
    }
    MpCodec::DecodeResult r = MpCodec::decode(bytes, size);
    if (r.status == MpCodec::Status::TooDeep)
        r = MpCodec::decode(bytes, size, 2048);
    const MpCodec::DecodeResult exact = MpCodec::decodeExact(bytes, size, 2048);
    if (!r.ok()) {
        FUZZ_CHECK(!r.error.isEmpty(), "a failed decode without a message");
        FUZZ_CHECK(!exact.ok(), "decodeExact accepts what decode rejects");
        return 0;
    }
    FUZZ_CHECK(r.error.isEmpty(), "an error message on success");
    FUZZ_CHECK(r.consumed > 0 && r.consumed <= size, "consumed %zu of %zu", r.consumed, size);
    FUZZ_CHECK(exact.ok() == (r.consumed == size), "decodeExact disagrees with consumed");

    // Canonical re-encoding is a fixed point.
    const QByteArray once = MpCodec::encode(r.value);
    const MpCodec::DecodeResult again = MpCodec::decodeExact(once.constData(), size_t(once.size()), 4096);
    FUZZ_CHECK(again.ok(), "re-encoded value does not decode: %s", qPrintable(again.error));
    FUZZ_CHECK(MpCodec::encode(again.value) == once, "re-encoding is not stable");

    walk(r.value, 0);
    format(r.value);
    return 0;
}
