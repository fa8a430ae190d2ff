#include "format/MpFormat.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpExt.h"
#include "msgpack/MpValue.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Boxscope;

Q_DECLARE_METATYPE(Boxscope::MpValue)

namespace {

MpValue fromHex(const char *hex)
{
    const QByteArray bytes = QByteArray::fromHex(hex);
    const MpCodec::DecodeResult r = MpCodec::decodeExact(bytes.constData(), size_t(bytes.size()));
    if (!r.ok())
        qFatal("bad test data %s: %s", hex, qPrintable(r.error));
    return r.value;
}

MpValue str(const char *s)
{
    return MpValue::string(QByteArray(s));
}

MpValue map(std::vector<std::pair<MpValue, MpValue>> entries)
{
    return MpValue::map(std::move(entries));
}

MpValue arr(std::vector<MpValue> items)
{
    return MpValue::array(std::move(items));
}

// MP_ERROR payloads as Tarantool 2.6.0 sends them: the body of an IPROTO EVAL response on a
// session with box.session.settings.error_marshaling_enabled = true, captured from a raw socket.
// `return box.error.new({code = 5, reason = 'boom'})`:
const char *const kErrorBoom = "c726038100918600ab436c69656e744572726f7202ceffffffff01a35b435d03a4626f6f6d04000505";
// `local e1 = box.error.new({code=5, reason='inner'}) local e2 = box.error.new({code=7,
//  reason='outer', type='MyErr'}) e2:set_prev(e1) return e2`:
const char *const kErrorStack =
        "c759038100928700ab437573746f6d4572726f72020101a46576616c03a56f75746572040005070681ab637573"
        "746f6d5f74797065a54d794572728600ab436c69656e744572726f72020101a46576616c03a5696e6e65720400"
        "0505";
// The whole body of the error response to EVAL "error('plain fail')": {0x31 ERROR_24: text,
// 0x52 ERROR: the MP_ERROR map, not ext-wrapped}.
const char *const kErrorBody =
        "8231b26576616c3a313a20706c61696e206661696c528100918600ab4c75616a69744572726f7202cd03ed01b1"
        "2e2f7372632f6c75612f7574696c732e6303b26576616c3a313a20706c61696e206661696c04000520";

// Datetime and interval do not exist in Tarantool 2.6: these payloads are built by hand from
// the MP_EXT layouts (see MpExt.h), and the expected texts follow datetime_to_string() and
// interval_to_string() of Tarantool's src/lib/core/datetime.c.
// 2024-01-02T00:04:05Z + 123456789 ns at +03:00 (1704153845 s, tzoffset 180).
const char *const kDatetime = "d804f55293650000000015cd5b07b4000000";
// {year = 1, month = 2}.
const QByteArray kIntervalPayload = QByteArray::fromHex("0200010102");

MpValue intervalExt(const char *payloadHex)
{
    return MpValue::ext(MpExt::Interval, QByteArray::fromHex(payloadHex));
}

MpValue nestedArrays(int depth)
{
    MpValue v = MpValue::uinteger(1);
    for (int i = 0; i < depth; ++i) {
        MpValue outer = MpValue::array();
        outer.append(std::move(v));
        v = std::move(outer);
    }
    return v;
}

} // namespace

class TestMpFormat : public QObject
{
    Q_OBJECT

private slots:
    void bytesAsText();
    void yamlConsole_data();
    void yamlConsole();
    void yamlRaw_data();
    void yamlRaw();
    void yamlDocumentValues();
    void yamlBeyondTheOracle_data();
    void yamlBeyondTheOracle();

    void json_data();
    void json();
    void jsonString_data();
    void jsonString();

    void lua_data();
    void lua();

    void decimal_data();
    void decimal();
    void uuid();
    void errorExt();
    void errorStackKeyOrder();
    void errorStackFromIprotoBody();
    void errorStackRejects_data();
    void errorStackRejects();
    void datetime_data();
    void datetime();
    void interval_data();
    void interval();
    void invalidExt_data();
    void invalidExt();
    void invalidExtFallsBack();

    void preview_data();
    void preview();
    void previewTruncation();
    void previewStopsEarly();

    void deepValues();
};

// Golden rows from the oracle, Tarantool 2.6.0. For each Lua value v the row holds
// msgpack.encode(v) and yaml.encode({v}), which is what the console prints for `return v`
// (console.eval('return v') gives the same text). Produced by:
//   tarantool yaml_golden.lua   -- for each case: hex(msgpack.encode(v)), yaml.encode({v})
// with maps built as setmetatable(t, {__serialize = 'mapping'}) where Lua would otherwise see an
// array, and decimal/uuid values from require('decimal').new / require('uuid').fromstr.
void TestMpFormat::yamlConsole_data()
{
    QTest::addColumn<QByteArray>("msgpack");
    QTest::addColumn<QString>("expected");

    QTest::newRow("uint") << QByteArray::fromHex("01") << QString::fromUtf8("---\n- 1\n...\n");
    QTest::newRow("negative int") << QByteArray::fromHex("fb") << QString::fromUtf8("---\n- -5\n...\n");
    QTest::newRow("uint64 max") << QByteArray::fromHex("cfffffffffffffffff")
                                << QString::fromUtf8("---\n- 18446744073709551615\n...\n");
    QTest::newRow("int64 min") << QByteArray::fromHex("d38000000000000000")
                               << QString::fromUtf8("---\n- -9223372036854775808\n...\n");
    QTest::newRow("double 1.5") << QByteArray::fromHex("cb3ff8000000000000") << QString::fromUtf8("---\n- 1.5\n...\n");
    QTest::newRow("double 1e100") << QByteArray::fromHex("cb54b249ad2594c37d")
                                  << QString::fromUtf8("---\n- 1e+100\n...\n");
    QTest::newRow("double inf") << QByteArray::fromHex("cb7ff0000000000000") << QString::fromUtf8("---\n- inf\n...\n");
    QTest::newRow("double -inf") << QByteArray::fromHex("cbfff0000000000000")
                                 << QString::fromUtf8("---\n- -inf\n...\n");
    QTest::newRow("double nan (x86 sign bit set)")
            << QByteArray::fromHex("cbfff8000000000000") << QString::fromUtf8("---\n- -nan\n...\n");
    QTest::newRow("double 0.1") << QByteArray::fromHex("cb3fb999999999999a") << QString::fromUtf8("---\n- 0.1\n...\n");
    QTest::newRow("double 1/3") << QByteArray::fromHex("cb3fd5555555555555")
                                << QString::fromUtf8("---\n- 0.33333333333333\n...\n");
    QTest::newRow("double 100.0") << QByteArray::fromHex("64") << QString::fromUtf8("---\n- 100\n...\n");
    QTest::newRow("double 2^64") << QByteArray::fromHex("cb43f0000000000000")
                                 << QString::fromUtf8("---\n- 1.844674407371e+19\n...\n");
    QTest::newRow("double 1e-5") << QByteArray::fromHex("cb3ee4f8b588e368f1")
                                 << QString::fromUtf8("---\n- 1e-05\n...\n");
    QTest::newRow("true") << QByteArray::fromHex("c3") << QString::fromUtf8("---\n- true\n...\n");
    QTest::newRow("false") << QByteArray::fromHex("c2") << QString::fromUtf8("---\n- false\n...\n");
    QTest::newRow("null") << QByteArray::fromHex("c0") << QString::fromUtf8("---\n- null\n...\n");
    QTest::newRow("empty string") << QByteArray::fromHex("a0") << QString::fromUtf8("---\n-\n...\n");
    QTest::newRow("str yes") << QByteArray::fromHex("a3796573") << QString::fromUtf8("---\n- 'yes'\n...\n");
    QTest::newRow("str no") << QByteArray::fromHex("a26e6f") << QString::fromUtf8("---\n- 'no'\n...\n");
    QTest::newRow("str null") << QByteArray::fromHex("a46e756c6c") << QString::fromUtf8("---\n- 'null'\n...\n");
    QTest::newRow("str tilde") << QByteArray::fromHex("a17e") << QString::fromUtf8("---\n- '~'\n...\n");
    QTest::newRow("str true") << QByteArray::fromHex("a474727565") << QString::fromUtf8("---\n- 'true'\n...\n");
    QTest::newRow("str Yes stays plain") << QByteArray::fromHex("a3596573") << QString::fromUtf8("---\n- Yes\n...\n");
    QTest::newRow("str 123") << QByteArray::fromHex("a3313233") << QString::fromUtf8("---\n- '123'\n...\n");
    QTest::newRow("str 1.5") << QByteArray::fromHex("a3312e35") << QString::fromUtf8("---\n- '1.5'\n...\n");
    QTest::newRow("str inf") << QByteArray::fromHex("a3696e66") << QString::fromUtf8("---\n- 'inf'\n...\n");
    QTest::newRow("str 0x10") << QByteArray::fromHex("a430783130") << QString::fromUtf8("---\n- '0x10'\n...\n");
    QTest::newRow("str padded number") << QByteArray::fromHex("a3203120") << QString::fromUtf8("---\n- ' 1 '\n...\n");
    QTest::newRow("str colon space") << QByteArray::fromHex("a4613a2062") << QString::fromUtf8("---\n- 'a: b'\n...\n");
    QTest::newRow("str colon") << QByteArray::fromHex("a3613a62") << QString::fromUtf8("---\n- a:b\n...\n");
    QTest::newRow("str dash space") << QByteArray::fromHex("a32d2061") << QString::fromUtf8("---\n- '- a'\n...\n");
    QTest::newRow("str hash") << QByteArray::fromHex("a22378") << QString::fromUtf8("---\n- '#x'\n...\n");
    QTest::newRow("str space hash") << QByteArray::fromHex("a461202362") << QString::fromUtf8("---\n- 'a #b'\n...\n");
    QTest::newRow("str leading spaces") << QByteArray::fromHex("a620206c656164")
                                        << QString::fromUtf8("---\n- '  lead'\n...\n");
    QTest::newRow("str trailing space") << QByteArray::fromHex("a6747261696c20")
                                        << QString::fromUtf8("---\n- 'trail '\n...\n");
    QTest::newRow("str bracket") << QByteArray::fromHex("a25b61") << QString::fromUtf8("---\n- '[a'\n...\n");
    QTest::newRow("str quote") << QByteArray::fromHex("a469742773") << QString::fromUtf8("---\n- it's\n...\n");
    QTest::newRow("str leading quote") << QByteArray::fromHex("a3277127") << QString::fromUtf8("---\n- '''q'''\n...\n");
    QTest::newRow("str document marker") << QByteArray::fromHex("a32d2d2d") << QString::fromUtf8("---\n- '---'\n...\n");
    QTest::newRow("str dots") << QByteArray::fromHex("a32e2e2e") << QString::fromUtf8("---\n- '...'\n...\n");
    QTest::newRow("str multi-line") << QByteArray::fromHex("aa6d756c74690a6c696e65")
                                    << QString::fromUtf8("---\n- 'multi\n\n  line'\n...\n");
    QTest::newRow("str multi-line trailing break") << QByteArray::fromHex("ab6d756c74690a6c696e650a")
                                                   << QString::fromUtf8("---\n- 'multi\n\n  line\n\n  '\n...\n");
    QTest::newRow("str empty line literal")
            << QByteArray::fromHex("a4610a0a62") << QString::fromUtf8("---\n- |-\n  a\n\n  b\n...\n");
    QTest::newRow("str literal clip") << QByteArray::fromHex("a5610a0a620a")
                                      << QString::fromUtf8("---\n- |\n  a\n\n  b\n...\n");
    QTest::newRow("str literal indent hint")
            << QByteArray::fromHex("a30a0a61") << QString::fromUtf8("---\n- |2-\n\n\n  a\n...\n");
    QTest::newRow("str literal keep") << QByteArray::fromHex("a3610a0a")
                                      << QString::fromUtf8("---\n- |+\n  a\n\n...\n");
    QTest::newRow("str cyrillic") << QByteArray::fromHex("acd0bfd180d0b8d0b2d0b5d182")
                                  << QString::fromUtf8("---\n- привет\n...\n");
    QTest::newRow("str cjk") << QByteArray::fromHex("a9e697a5e69cace8aa9e")
                             << QString::fromUtf8("---\n- 日本語\n...\n");
    QTest::newRow("str emoji (escaped by 2.6 libyaml)")
            << QByteArray::fromHex("a4f09f9880") << QString::fromUtf8("---\n- \"\\U0001F600\"\n...\n");
    QTest::newRow("str tab") << QByteArray::fromHex("a3610962") << QString::fromUtf8("---\n- \"a\\tb\"\n...\n");
    QTest::newRow("str nul") << QByteArray::fromHex("a3610062") << QString::fromUtf8("---\n- \"a\\0b\"\n...\n");
    QTest::newRow("str del") << QByteArray::fromHex("a17f") << QString::fromUtf8("---\n- \"\\x7F\"\n...\n");
    QTest::newRow("str invalid utf-8 -> binary")
            << QByteArray::fromHex("a1ff") << QString::fromUtf8("---\n- !!binary /w==\n...\n");
    QTest::newRow("str line separator") << QByteArray::fromHex("a561e280a862")
                                        << QString::fromUtf8("---\n- 'a\u2028  b'\n...\n");
    QTest::newRow("str nel -> binary") << QByteArray::fromHex("a2c285")
                                       << QString::fromUtf8("---\n- !!binary woU=\n...\n");
    QTest::newRow("str folded at 80 columns")
            << QByteArray::fromHex("d9c8776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f72642"
                                   "0776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f72642077"
                                   "6f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f7"
                                   "26420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f7264"
                                   "20776f726420776f726420776f726420776f726420776f726420776f726420776f726420")
            << QString::fromUtf8("---\n- 'word word word word word word word word word word word word word word word "
                                 "word\n  word word word word word word word word word word word word word word word "
                                 "word\n  word word word word word word word word '\n...\n");
    QTest::newRow("str long without spaces") << QByteArray::fromHex(
            "d964787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878"
            "78787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878")
                                             << QString::fromUtf8(
                                                        "---\n- "
                                                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n...\n");
    QTest::newRow("array with null") << QByteArray::fromHex("9301c003")
                                     << QString::fromUtf8("---\n- - 1\n  - null\n  - 3\n...\n");
    QTest::newRow("empty array") << QByteArray::fromHex("90") << QString::fromUtf8("---\n- []\n...\n");
    QTest::newRow("empty map") << QByteArray::fromHex("80") << QString::fromUtf8("---\n- {}\n...\n");
    QTest::newRow("map in array") << QByteArray::fromHex("9181a16101") << QString::fromUtf8("---\n- - a: 1\n...\n");
    QTest::newRow("nested maps") << QByteArray::fromHex("81a16181a16281a16390")
                                 << QString::fromUtf8("---\n- a:\n    b:\n      c: []\n...\n");
    QTest::newRow("array as map value") << QByteArray::fromHex("81a161920102")
                                        << QString::fromUtf8("---\n- a:\n  - 1\n  - 2\n...\n");
    QTest::newRow("nested arrays") << QByteArray::fromHex("91919101") << QString::fromUtf8("---\n- - - - 1\n...\n");
    QTest::newRow("map with int keys") << QByteArray::fromHex("8202a16201a161")
                                       << QString::fromUtf8("---\n- 2: b\n  1: a\n...\n");
    QTest::newRow("bool key") << QByteArray::fromHex("81c301") << QString::fromUtf8("---\n- true: 1\n...\n");
    QTest::newRow("double key") << QByteArray::fromHex("81cb3ff800000000000002")
                                << QString::fromUtf8("---\n- 1.5: 2\n...\n");
    QTest::newRow("negative key") << QByteArray::fromHex("81ff02") << QString::fromUtf8("---\n- -1: 2\n...\n");
    QTest::newRow("array key") << QByteArray::fromHex("81920102a178")
                               << QString::fromUtf8("---\n- ? - 1\n    - 2\n  : x\n...\n");
    QTest::newRow("empty array key") << QByteArray::fromHex("819001") << QString::fromUtf8("---\n- []: 1\n...\n");
    QTest::newRow("129-char key") << QByteArray::fromHex(
            "81d9816b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b"
            "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b"
            "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b01")
                                  << QString::fromUtf8(
                                             "---\n- ? "
                                             "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
                                             "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n  : 1\n...\n");
    QTest::newRow("128-char key") << QByteArray::fromHex(
            "81d9806b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b"
            "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b"
            "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b01")
                                  << QString::fromUtf8(
                                             "---\n- "
                                             "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
                                             "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 1\n...\n");
    QTest::newRow("multi-line key") << QByteArray::fromHex("81a3610a6201")
                                    << QString::fromUtf8("---\n- ? 'a\n\n    b'\n  : 1\n...\n");
    QTest::newRow("empty key and value") << QByteArray::fromHex("81a0a0") << QString::fromUtf8("---\n- '':\n...\n");
    QTest::newRow("binary key") << QByteArray::fromHex("81a1ff01")
                                << QString::fromUtf8("---\n- !!binary /w==: 1\n...\n");
    QTest::newRow("long string in nested map")
            << QByteArray::fromHex(
                       "81a16181a16291d9c8776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726"
                       "420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f72642077"
                       "6f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726"
                       "420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f72642077"
                       "6f726420776f726420776f726420776f726420")
            << QString::fromUtf8(
                       "---\n- a:\n    b:\n    - 'word word word word word word word word word word word word word "
                       "word word\n      word word word word word word word word word word word word word word word "
                       "word\n      word word word word word word word word word '\n...\n");
    QTest::newRow("decimal 1.25") << QByteArray::fromHex("c7030102125c") << QString::fromUtf8("---\n- 1.25\n...\n");
    QTest::newRow("decimal -12.345") << QByteArray::fromHex("d6010312345d")
                                     << QString::fromUtf8("---\n- -12.345\n...\n");
    QTest::newRow("decimal 100") << QByteArray::fromHex("c7030100100c") << QString::fromUtf8("---\n- 100\n...\n");
    QTest::newRow("decimal -0.001") << QByteArray::fromHex("d501031d") << QString::fromUtf8("---\n- -0.001\n...\n");
    QTest::newRow("decimal 1.2500") << QByteArray::fromHex("d6010412500c") << QString::fromUtf8("---\n- 1.2500\n...\n");
    QTest::newRow("decimal 1e10") << QByteArray::fromHex("d501f61c") << QString::fromUtf8("---\n- 10000000000\n...\n");
    QTest::newRow("uuid") << QByteArray::fromHex("d8026e079a5e15e84dba93635bffd4ce554d")
                          << QString::fromUtf8("---\n- 6e079a5e-15e8-4dba-9363-5bffd4ce554d\n...\n");

    // An error decoded by net.box from an MP_ERROR ext prints as its message: console output of
    // `return conn:eval("return box.error.new({code=5, reason='boom'})")` with error marshaling
    // enabled.
    QTest::newRow("error ext") << QByteArray::fromHex(kErrorBoom) << QStringLiteral("---\n- boom\n...\n");
}

void TestMpFormat::yamlConsole()
{
    QFETCH(QByteArray, msgpack);
    QFETCH(QString, expected);

    const MpCodec::DecodeResult r = MpCodec::decodeExact(msgpack.constData(), size_t(msgpack.size()));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(MpFormat::yamlDocument({ r.value }), expected);
}

// yaml.encode(v) itself, from `tarantool yaml_raw.lua` (hex(msgpack.encode(v)), yaml.encode(v)).
// toYaml(v) is the text between the document markers.
void TestMpFormat::yamlRaw_data()
{
    QTest::addColumn<QByteArray>("msgpack");
    QTest::addColumn<QString>("expected");

    QTest::newRow("scalar") << QByteArray::fromHex("01") << QString::fromUtf8("--- 1\n...\n");
    QTest::newRow("string") << QByteArray::fromHex("a161") << QString::fromUtf8("--- a\n...\n");
    QTest::newRow("empty string") << QByteArray::fromHex("a0") << QString::fromUtf8("---\n...\n");
    QTest::newRow("multi-line string at the root")
            << QByteArray::fromHex("aa6d756c74690a6c696e65") << QString::fromUtf8("--- 'multi\n\n  line'\n...\n");
    QTest::newRow("literal at the root") << QByteArray::fromHex("a4610a0a62")
                                         << QString::fromUtf8("--- |-\n  a\n\n  b\n...\n");
    QTest::newRow("array") << QByteArray::fromHex("9301a16181a17801")
                           << QString::fromUtf8("---\n- 1\n- a\n- x: 1\n...\n");
    QTest::newRow("map") << QByteArray::fromHex("81a178920102") << QString::fromUtf8("---\nx:\n- 1\n- 2\n...\n");
    QTest::newRow("empty array") << QByteArray::fromHex("90") << QString::fromUtf8("--- []\n...\n");
    QTest::newRow("long string at the root") << QByteArray::fromHex(
            "d964776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f72642077"
            "6f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420776f726420")
                                             << QString::fromUtf8(
                                                        "--- 'word word word word word word word word word word word "
                                                        "word word word word word\n  word word word word '\n...\n");
}

void TestMpFormat::yamlRaw()
{
    QFETCH(QByteArray, msgpack);
    QFETCH(QString, expected);

    const MpCodec::DecodeResult r = MpCodec::decodeExact(msgpack.constData(), size_t(msgpack.size()));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QString body = expected.mid(3);
    if (body.startsWith(QLatin1Char(' ')) || body.startsWith(QLatin1Char('\n')))
        body.remove(0, 1);
    body.chop(4);
    QCOMPARE(MpFormat::toYaml(r.value), body);
}

// console.eval() output of Tarantool 2.6.0 for the same statements.
void TestMpFormat::yamlDocumentValues()
{
    // return
    QCOMPARE(MpFormat::yamlDocument({}), QStringLiteral("---\n...\n"));
    // return 1, 'a', nil, {x = 1}
    QCOMPARE(MpFormat::yamlDocument(
                     { MpValue::uinteger(1), str("a"), MpValue(), map({ { str("x"), MpValue::uinteger(1) } }) }),
             QStringLiteral("---\n- 1\n- a\n- null\n- x: 1\n...\n"));
    // return nil
    QCOMPARE(MpFormat::yamlDocument({ MpValue() }), QStringLiteral("---\n- null\n...\n"));
    // return {}, {{}}, 'yes'
    QCOMPARE(MpFormat::yamlDocument({ arr({}), arr({ arr({}) }), str("yes") }),
             QStringLiteral("---\n- []\n- - []\n- 'yes'\n...\n"));
}

// Values 2.6 cannot produce or prints differently; each row says why the text is what it is.
void TestMpFormat::yamlBeyondTheOracle_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<QString>("expected");

    // MP_BIN is always tagged, also when it is printable text (2.6 decodes bin to a Lua string
    // and would print plain "abc"; newer versions tag varbinary the same way).
    QTest::newRow("bin") << MpValue::binary("abc") << QStringLiteral("!!binary YWJj\n");
    QTest::newRow("empty bin") << MpValue::binary(QByteArray()) << QStringLiteral("!!binary\n");
    QTest::newRow("bin in a sequence") << arr({ MpValue::binary("\xff") }) << QStringLiteral("- !!binary /w==\n");
    // Tarantool 2.10+ prints datetime and interval as their tostring() text.
    QTest::newRow("datetime") << fromHex(kDatetime) << QStringLiteral("2024-01-02T03:04:05.123456789+0300\n");
    QTest::newRow("interval") << MpValue::ext(MpExt::Interval, kIntervalPayload)
                              << QStringLiteral("+1 years, 2 months\n");
    QTest::newRow("interval as a map value") << map({ { str("i"), MpValue::ext(MpExt::Interval, kIntervalPayload) } })
                                             << QStringLiteral("i: +1 years, 2 months\n");
    // An error prints as its outermost message, with string quoting rules.
    QTest::newRow("error stack") << fromHex(kErrorStack) << QStringLiteral("outer\n");
    // Unknown ext types (2.6 refuses to decode them) get a local tag and the payload.
    QTest::newRow("unknown ext") << MpValue::ext(7, "\x01\x02\x03") << QStringLiteral("!ext:7 AQID\n");
    QTest::newRow("unknown ext, negative type") << arr({ MpValue::ext(-5, "a") }) << QStringLiteral("- !ext:-5 YQ==\n");
    QTest::newRow("invalid decimal") << MpValue::ext(MpExt::Decimal, QByteArray("\x00\x12", 2))
                                     << QStringLiteral("!ext:1 ABI=\n");
    QTest::newRow("float32 widened like a Lua number")
            << MpValue::floating(0.1f) << QStringLiteral("0.10000000149012\n");
    QTest::newRow("integral float32") << MpValue::floating(3.0f) << QStringLiteral("3\n");
    // Wire order is kept (Tarantool would print Lua's hash order).
    QTest::newRow("map order") << map({ { str("b"), MpValue::uinteger(1) }, { str("a"), MpValue::uinteger(2) } })
                               << QStringLiteral("b: 1\na: 2\n");
}

void TestMpFormat::yamlBeyondTheOracle()
{
    QFETCH(MpValue, value);
    QFETCH(QString, expected);
    QCOMPARE(MpFormat::toYaml(value), expected);
}

void TestMpFormat::json_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nil") << MpValue() << QStringLiteral("null");
    QTest::newRow("true") << MpValue::boolean(true) << QStringLiteral("true");
    QTest::newRow("false") << MpValue::boolean(false) << QStringLiteral("false");
    QTest::newRow("zero") << MpValue::uinteger(0) << QStringLiteral("0");
    QTest::newRow("uint64 max") << MpValue::uinteger(std::numeric_limits<uint64_t>::max())
                                << QStringLiteral("18446744073709551615");
    QTest::newRow("int64 min") << MpValue::integer(std::numeric_limits<int64_t>::min())
                               << QStringLiteral("-9223372036854775808");
    QTest::newRow("2^53 + 1 exactly") << MpValue::uinteger(9007199254740993ull) << QStringLiteral("9007199254740993");
    QTest::newRow("double 1.5") << MpValue::doubleValue(1.5) << QStringLiteral("1.5");
    QTest::newRow("double 1.0 stays a float") << MpValue::doubleValue(1.0) << QStringLiteral("1.0");
    QTest::newRow("double -0.0") << MpValue::doubleValue(-0.0) << QStringLiteral("-0.0");
    QTest::newRow("double 0.1") << MpValue::doubleValue(0.1) << QStringLiteral("0.1");
    QTest::newRow("double 1/3") << MpValue::doubleValue(1.0 / 3) << QStringLiteral("0.3333333333333333");
    QTest::newRow("double 1e100") << MpValue::doubleValue(1e100) << QStringLiteral("1e+100");
    QTest::newRow("double 5e-324") << MpValue::doubleValue(5e-324) << QStringLiteral("5e-324");
    QTest::newRow("double 2^70") << MpValue::doubleValue(std::ldexp(1.0, 70))
                                 << QStringLiteral("1180591620717411303424.0");
    QTest::newRow("float32 0.1 widened") << MpValue::floating(0.1f) << QStringLiteral("0.10000000149011612");
    QTest::newRow("float32 1.5") << MpValue::floating(1.5f) << QStringLiteral("1.5");
    QTest::newRow("nan") << MpValue::doubleValue(std::nan("")) << QStringLiteral(R"({"$double":"nan"})");
    QTest::newRow("inf") << MpValue::doubleValue(HUGE_VAL) << QStringLiteral(R"({"$double":"inf"})");
    QTest::newRow("-inf") << MpValue::floating(-HUGE_VALF) << QStringLiteral(R"({"$double":"-inf"})");
    QTest::newRow("string") << str("hello") << QStringLiteral(R"("hello")");
    QTest::newRow("empty string") << str("") << QStringLiteral(R"("")");
    QTest::newRow("escapes") << MpValue::string(QByteArray("q\"b\\s/n\nr\rt\tb\bf\fz\x00"
                                                           "e\x1b"
                                                           "d\x7f",
                                                           22))
                             << QStringLiteral(R"("q\"b\\s/n\nr\rt\tb\bf\fz\u0000e\u001bd\u007f")");
    QTest::newRow("utf-8 kept") << str("привет, 日本, 😀") << QString::fromUtf8(R"("привет, 日本, 😀")");
    QTest::newRow("line separators escaped") << str("a\u2028b\u2029c") << QStringLiteral(R"("a\u2028b\u2029c")");
    QTest::newRow("invalid utf-8 string") << str("a\xff") << QStringLiteral(R"({"$bin":"Yf8="})");
    QTest::newRow("overlong utf-8 string") << str("\xc0\x80") << QStringLiteral(R"({"$bin":"wIA="})");
    QTest::newRow("surrogate in utf-8") << str("\xed\xa0\x80") << QStringLiteral(R"({"$bin":"7aCA"})");
    QTest::newRow("bin") << MpValue::binary("abc") << QStringLiteral(R"({"$bin":"YWJj"})");
    QTest::newRow("empty bin") << MpValue::binary(QByteArray()) << QStringLiteral(R"({"$bin":""})");
    QTest::newRow("array") << arr({ MpValue::uinteger(1), str("a"), MpValue(), arr({}) })
                           << QStringLiteral(R"([1,"a",null,[]])");
    QTest::newRow("empty map") << map({}) << QStringLiteral("{}");
    QTest::newRow("object keeps wire order")
            << map({ { str("b"), MpValue::uinteger(1) }, { str("a"), map({ { str("c"), arr({}) } }) } })
            << QStringLiteral(R"({"b":1,"a":{"c":[]}})");
    QTest::newRow("object key escaped") << map({ { str("a\"b"), MpValue() } }) << QStringLiteral(R"({"a\"b":null})");
    QTest::newRow("int key map") << map({ { MpValue::uinteger(1), str("x") }, { str("y"), MpValue::integer(-2) } })
                                 << QStringLiteral(R"({"$map":[[1,"x"],["y",-2]]})");
    QTest::newRow("invalid utf-8 key") << map({ { str("\xff"), MpValue::uinteger(1) } })
                                       << QStringLiteral(R"({"$map":[[{"$bin":"/w=="},1]]})");
    QTest::newRow("bin key") << map({ { MpValue::binary("k"), MpValue::uinteger(1) } })
                             << QStringLiteral(R"({"$map":[[{"$bin":"aw=="},1]]})");
    QTest::newRow("array key") << map({ { arr({ MpValue::uinteger(1) }), MpValue::boolean(true) } })
                               << QStringLiteral(R"({"$map":[[[1],true]]})");
    // JSON parsers keep one of duplicate keys: duplicates take the $map form, which keeps both.
    QTest::newRow("duplicate keys") << map({ { str("a"), MpValue::uinteger(1) },
                                             { str("b"), MpValue::uinteger(2) },
                                             { str("a"), MpValue::uinteger(3) } })
                                    << QStringLiteral(R"({"$map":[["a",1],["b",2],["a",3]]})");
    QTest::newRow("decimal") << fromHex("c7030102125c") << QStringLiteral(R"({"$decimal":"1.25"})");
    QTest::newRow("uuid") << fromHex("d8026e079a5e15e84dba93635bffd4ce554d")
                          << QStringLiteral(R"({"$uuid":"6e079a5e-15e8-4dba-9363-5bffd4ce554d"})");
    QTest::newRow("datetime") << fromHex(kDatetime)
                              << QStringLiteral(R"({"$datetime":"2024-01-02T03:04:05.123456789+0300"})");
    QTest::newRow("interval") << MpValue::ext(MpExt::Interval, kIntervalPayload)
                              << QStringLiteral(R"({"$interval":"+1 years, 2 months"})");
    QTest::newRow("error") << fromHex(kErrorBoom)
                           << QStringLiteral(
                                      R"({"$error":{"type":"ClientError","code":5,"message":"boom","file":"[C]",)"
                                      R"("line":4294967295,"errno":0}})");
    QTest::newRow("error stack")
            << fromHex(kErrorStack)
            << QStringLiteral(R"({"$error":{"type":"CustomError","code":7,"message":"outer","file":"eval",)"
                              R"("line":1,"errno":0,"fields":{"custom_type":"MyErr"},)"
                              R"("prev":{"type":"ClientError","code":5,"message":"inner","file":"eval",)"
                              R"("line":1,"errno":0}}})");
    QTest::newRow("unknown ext") << MpValue::ext(7, "\x01\x02\x03")
                                 << QStringLiteral(R"({"$ext":{"type":7,"data":"AQID"}})");
    QTest::newRow("negative ext type") << MpValue::ext(-1, QByteArray())
                                       << QStringLiteral(R"({"$ext":{"type":-1,"data":""}})");
    QTest::newRow("invalid uuid") << MpValue::ext(MpExt::Uuid, "short")
                                  << QStringLiteral(R"({"$ext":{"type":2,"data":"c2hvcnQ="}})");
}

void TestMpFormat::json()
{
    QFETCH(MpValue, value);
    QFETCH(QString, expected);
    QCOMPARE(MpFormat::toJson(value), expected);
}

void TestMpFormat::jsonString_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral(R"("abc")");
    QTest::newRow("empty") << QString() << QStringLiteral(R"("")");
    QTest::newRow("quote and backslash") << QStringLiteral(R"(a"b\c)") << QStringLiteral(R"("a\"b\\c")");
    QTest::newRow("controls") << QString::fromLatin1("\x01\n\x1f") << QStringLiteral(R"("\u0001\n\u001f")");
    QTest::newRow("non-ascii") << QString::fromUtf8("é😀") << QString::fromUtf8(R"("é😀")");
}

void TestMpFormat::jsonString()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(MpFormat::jsonString(input), expected);
}

void TestMpFormat::lua_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nil") << MpValue() << QStringLiteral("nil");
    QTest::newRow("nil in an array") << arr({ MpValue::uinteger(1), MpValue(), MpValue::uinteger(3) })
                                     << QStringLiteral("{1, box.NULL, 3}");
    QTest::newRow("true") << MpValue::boolean(true) << QStringLiteral("true");
    QTest::newRow("negative") << MpValue::integer(-5) << QStringLiteral("-5");
    QTest::newRow("int64 min") << MpValue::integer(std::numeric_limits<int64_t>::min())
                               << QStringLiteral("-9223372036854775808");
    QTest::newRow("uint64 max") << MpValue::uinteger(std::numeric_limits<uint64_t>::max())
                                << QStringLiteral("18446744073709551615");
    QTest::newRow("1.5") << MpValue::doubleValue(1.5) << QStringLiteral("1.5");
    QTest::newRow("1.0") << MpValue::doubleValue(1.0) << QStringLiteral("1.0");
    QTest::newRow("1e100") << MpValue::doubleValue(1e100) << QStringLiteral("1e+100");
    QTest::newRow("inf") << MpValue::doubleValue(HUGE_VAL) << QStringLiteral("1/0");
    QTest::newRow("-inf") << MpValue::doubleValue(-HUGE_VAL) << QStringLiteral("-1/0");
    QTest::newRow("nan") << MpValue::doubleValue(std::nan("")) << QStringLiteral("0/0");
    QTest::newRow("float32") << MpValue::floating(0.1f) << QStringLiteral("0.10000000149011612");
    QTest::newRow("string") << str("a\n") << QStringLiteral(R"('a\n')");
    QTest::newRow("escapes") << MpValue::string(QByteArray("'\\\r\t\x00\x01\x7f\"", 8))
                             << QStringLiteral(R"('\'\\\r\t\x00\x01\x7F"')");
    QTest::newRow("utf-8 kept") << str("привет") << QString::fromUtf8("'привет'");
    QTest::newRow("invalid utf-8 escaped") << str("a\xff\xc3") << QStringLiteral(R"('a\xFF\xC3')");
    QTest::newRow("bin") << MpValue::binary(QByteArray("ab\xd0\xbf\x00", 5)) << QStringLiteral(R"('ab\xD0\xBF\x00')");
    QTest::newRow("empty array") << arr({}) << QStringLiteral("{}");
    QTest::newRow("empty map") << map({}) << QStringLiteral("{}");
    QTest::newRow("map keys") << map({ { str("x"), MpValue::uinteger(1) },
                                       { str("a b"), MpValue::uinteger(2) },
                                       { MpValue::uinteger(5), MpValue::uinteger(3) },
                                       { str("end"), MpValue::uinteger(4) },
                                       { str("_y1"), MpValue::uinteger(5) },
                                       { str("1x"), MpValue::uinteger(6) },
                                       { MpValue::integer(-1), MpValue::uinteger(7) },
                                       { MpValue::doubleValue(1.5), MpValue::uinteger(8) },
                                       { MpValue::boolean(true), MpValue() },
                                       { str(""), arr({}) } })
                              << QStringLiteral("{x = 1, ['a b'] = 2, [5] = 3, ['end'] = 4, _y1 = 5, ['1x'] = 6, "
                                                "[-1] = 7, [1.5] = 8, [true] = box.NULL, [''] = {}}");
    QTest::newRow("nested") << arr({ map({ { str("a"), arr({ MpValue::uinteger(1), str("b") }) } }), arr({ arr({}) }) })
                            << QStringLiteral("{{a = {1, 'b'}}, {{}}}");
    QTest::newRow("table key") << map({ { arr({ MpValue::uinteger(1) }), MpValue::uinteger(2) } })
                               << QStringLiteral("{[{1}] = 2}");
    QTest::newRow("decimal") << fromHex("c7030102125c") << QStringLiteral("decimal.new('1.25')");
    QTest::newRow("uuid") << fromHex("d8026e079a5e15e84dba93635bffd4ce554d")
                          << QStringLiteral("uuid.fromstr('6e079a5e-15e8-4dba-9363-5bffd4ce554d')");
    QTest::newRow("datetime") << fromHex(kDatetime)
                              << QStringLiteral("datetime.parse('2024-01-02T03:04:05.123456789+0300')");
    // No adjust field on the wire means 'excess'; Lua's default is 'none'.
    QTest::newRow("interval") << MpValue::ext(MpExt::Interval, kIntervalPayload)
                              << QStringLiteral("datetime.interval.new({year = 1, month = 2, adjust = 'excess'})");
    QTest::newRow("interval, adjust none")
            << intervalExt("03000102fe0801") << QStringLiteral("datetime.interval.new({year = 1, week = -2})");
    QTest::newRow("interval, adjust last")
            << intervalExt("02070a0802") << QStringLiteral("datetime.interval.new({nsec = 10, adjust = 'last'})");
    QTest::newRow("error") << fromHex(kErrorBoom)
                           << QStringLiteral("box.error.new({type = 'ClientError', code = 5, reason = 'boom'})");
    QTest::newRow("error stack") << fromHex(kErrorStack)
                                 << QStringLiteral("box.error.new({type = 'CustomError', code = 7, reason = 'outer'})"
                                                   " --[[1 more in the stack]]");
    QTest::newRow("unknown ext") << arr({ MpValue::ext(7, "\x01") })
                                 << QStringLiteral(R"({--[[ext 7]] msgpack.object_from_raw('\xD4\x07\x01')})");
}

void TestMpFormat::lua()
{
    QFETCH(MpValue, value);
    QFETCH(QString, expected);
    QCOMPARE(MpFormat::toLua(value), expected);
}

// msgpack.encode(decimal.new(text)) of Tarantool 2.6.0, and tostring() of the same value.
void TestMpFormat::decimal_data()
{
    QTest::addColumn<QByteArray>("msgpack");
    QTest::addColumn<QString>("expected");

    QTest::newRow("1.25") << QByteArray::fromHex("c7030102125c") << QStringLiteral("1.25");
    QTest::newRow("-12.345") << QByteArray::fromHex("d6010312345d") << QStringLiteral("-12.345");
    QTest::newRow("100") << QByteArray::fromHex("c7030100100c") << QStringLiteral("100");
    QTest::newRow("-0.001") << QByteArray::fromHex("d501031d") << QStringLiteral("-0.001");
    QTest::newRow("1.2500") << QByteArray::fromHex("d6010412500c") << QStringLiteral("1.2500");
    QTest::newRow("0.1") << QByteArray::fromHex("d501011c") << QStringLiteral("0.1");
    QTest::newRow("1e10") << QByteArray::fromHex("d501f61c") << QStringLiteral("10000000000");
    QTest::newRow("1e30") << QByteArray::fromHex("d501e21c") << QStringLiteral("1000000000000000000000000000000");
    QTest::newRow("1e-30") << QByteArray::fromHex("d5011e1c") << QStringLiteral("0.000000000000000000000000000001");
    QTest::newRow("-0") << QByteArray::fromHex("d501000d") << QStringLiteral("-0");
    QTest::newRow("0.000") << QByteArray::fromHex("d501030c") << QStringLiteral("0.000");
    QTest::newRow("38 digits") << QByteArray::fromHex("c7150100012345678901234567890123456789012345678c")
                               << QStringLiteral("12345678901234567890123456789012345678");
    // Hand-made, checked with msgpack.decode + tostring on 2.6.0: other sign nibbles, wider
    // scale encodings, zero with a negative scale.
    QTest::newRow("sign a") << QByteArray::fromHex("d501005a") << QStringLiteral("5");
    QTest::newRow("sign b") << QByteArray::fromHex("d501005b") << QStringLiteral("-5");
    QTest::newRow("sign e") << QByteArray::fromHex("d501005e") << QStringLiteral("5");
    QTest::newRow("sign f") << QByteArray::fromHex("d501005f") << QStringLiteral("5");
    QTest::newRow("uint8 scale") << QByteArray::fromHex("c70301cc021c") << QStringLiteral("0.01");
    QTest::newRow("int8 scale") << QByteArray::fromHex("c70301d0021c") << QStringLiteral("0.01");
    QTest::newRow("uint32 scale") << QByteArray::fromHex("c70601ce000000021c") << QStringLiteral("0.01");
    QTest::newRow("leading zero bytes") << QByteArray::fromHex("c704010200012d") << QStringLiteral("-0.12");
    QTest::newRow("zero, scale -2") << QByteArray::fromHex("d501fe0c") << QStringLiteral("000");
    QTest::newRow("12, scale -2") << QByteArray::fromHex("c70301fe012c") << QStringLiteral("1200");
}

void TestMpFormat::decimal()
{
    QFETCH(QByteArray, msgpack);
    QFETCH(QString, expected);

    const MpCodec::DecodeResult r = MpCodec::decodeExact(msgpack.constData(), size_t(msgpack.size()));
    QVERIFY(r.ok());
    QCOMPARE(r.value.extType(), int8_t(MpExt::Decimal));
    QString text, error;
    QVERIFY2(MpExt::decodeDecimal(r.value.bytes(), &text, &error), qPrintable(error));
    QCOMPARE(text, expected);
    QVERIFY(MpExt::toText(r.value, &text));
    QCOMPARE(text, expected);
}

void TestMpFormat::uuid()
{
    // msgpack.encode(uuid.fromstr('6e079a5e-15e8-4dba-9363-5bffd4ce554d')), Tarantool 2.6.0.
    const MpValue v = fromHex("d8026e079a5e15e84dba93635bffd4ce554d");
    QString text;
    QVERIFY(MpExt::decodeUuid(v.bytes(), &text));
    QCOMPARE(text, QStringLiteral("6e079a5e-15e8-4dba-9363-5bffd4ce554d"));
    QVERIFY(MpExt::decodeUuid(QByteArray(16, '\xff'), &text));
    QCOMPARE(text, QStringLiteral("ffffffff-ffff-ffff-ffff-ffffffffffff"));
}

void TestMpFormat::errorExt()
{
    bool ok = false;
    ErrorStack stack = MpExt::decodeError(fromHex(kErrorBoom).bytes(), &ok);
    QVERIFY(ok);
    QCOMPARE(stack.entries.size(), size_t(1));
    const ErrorEntry &e = stack.entries[0];
    QCOMPARE(e.type, QStringLiteral("ClientError"));
    QCOMPARE(e.file, QStringLiteral("[C]"));
    QCOMPARE(e.line, uint64_t(4294967295u));
    QCOMPARE(e.message, QStringLiteral("boom"));
    QCOMPARE(e.errnoValue, int64_t(0));
    QCOMPARE(e.code, uint32_t(5));
    QVERIFY(e.fields.isNil());

    stack = MpExt::decodeError(fromHex(kErrorStack).bytes(), &ok);
    QVERIFY(ok);
    QCOMPARE(stack.entries.size(), size_t(2));
    QCOMPARE(stack.entries[0].type, QStringLiteral("CustomError"));
    QCOMPARE(stack.entries[0].message, QStringLiteral("outer"));
    QCOMPARE(stack.entries[0].code, uint32_t(7));
    QCOMPARE(stack.entries[0].file, QStringLiteral("eval"));
    QCOMPARE(stack.entries[0].line, uint64_t(1));
    QVERIFY(stack.entries[0].fields.isMap());
    QCOMPARE(stack.entries[0].fields.find("custom_type")->toQString(), QStringLiteral("MyErr"));
    QCOMPARE(stack.entries[1].type, QStringLiteral("ClientError"));
    QCOMPARE(stack.entries[1].message, QStringLiteral("inner"));
    QCOMPARE(stack.entries[1].code, uint32_t(5));

    QString text;
    QVERIFY(MpExt::toText(fromHex(kErrorStack), &text));
    QCOMPARE(text, QStringLiteral("outer"));
}

void TestMpFormat::errorStackKeyOrder()
{
    // The same entry with its keys reversed and an unknown key (0x07) mixed in, errno negative.
    const MpValue entry = map({ { MpValue::uinteger(0x07), str("future") },
                                { MpValue::uinteger(0x06), map({ { str("k"), MpValue::uinteger(1) } }) },
                                { MpValue::uinteger(0x05), MpValue::uinteger(33) },
                                { MpValue::uinteger(0x04), MpValue::integer(-2) },
                                { MpValue::uinteger(0x03), str("Procedure 'f' is not defined") },
                                { MpValue::uinteger(0x02), MpValue::uinteger(42) },
                                { MpValue::uinteger(0x01), str("./src/box/lua/call.c") },
                                { MpValue::uinteger(0x00), str("ClientError") } });
    const MpValue body = map({ { str("extra"), MpValue() }, { MpValue::uinteger(0x00), arr({ entry }) } });
    bool ok = false;
    const ErrorStack stack = decodeErrorStack(body, &ok);
    QVERIFY(ok);
    QCOMPARE(stack.entries.size(), size_t(1));
    const ErrorEntry &e = stack.entries[0];
    QCOMPARE(e.type, QStringLiteral("ClientError"));
    QCOMPARE(e.file, QStringLiteral("./src/box/lua/call.c"));
    QCOMPARE(e.line, uint64_t(42));
    QCOMPARE(e.message, QStringLiteral("Procedure 'f' is not defined"));
    QCOMPARE(e.errnoValue, int64_t(-2));
    QCOMPARE(e.code, uint32_t(33));
    QCOMPARE(e.fields.find("k")->toUInt64(), uint64_t(1));
}

void TestMpFormat::errorStackFromIprotoBody()
{
    const MpValue body = fromHex(kErrorBody);
    const MpValue *error = body.find(uint64_t(0x52));
    QVERIFY(error);
    bool ok = false;
    const ErrorStack stack = decodeErrorStack(*error, &ok);
    QVERIFY(ok);
    QCOMPARE(stack.entries.size(), size_t(1));
    QCOMPARE(stack.entries[0].type, QStringLiteral("LuajitError"));
    QCOMPARE(stack.entries[0].file, QStringLiteral("./src/lua/utils.c"));
    QCOMPARE(stack.entries[0].line, uint64_t(1005));
    QCOMPARE(stack.entries[0].message, QStringLiteral("eval:1: plain fail"));
    QCOMPARE(stack.entries[0].code, uint32_t(32));
}

void TestMpFormat::errorStackRejects_data()
{
    QTest::addColumn<MpValue>("value");

    const MpValue goodEntry = map({ { MpValue::uinteger(0x03), str("m") } });
    QTest::newRow("not a map") << arr({ goodEntry });
    QTest::newRow("no stack") << map({ { MpValue::uinteger(0x01), arr({ goodEntry }) } });
    QTest::newRow("stack not an array") << map({ { MpValue::uinteger(0x00), goodEntry } });
    QTest::newRow("empty stack") << map({ { MpValue::uinteger(0x00), arr({}) } });
    QTest::newRow("entry not a map") << map({ { MpValue::uinteger(0x00), arr({ goodEntry, str("x") }) } });
    QTest::newRow("message not a string") << map(
            { { MpValue::uinteger(0x00), arr({ map({ { MpValue::uinteger(0x03), MpValue::uinteger(1) } }) }) } });
    QTest::newRow("line not a number") << map(
            { { MpValue::uinteger(0x00), arr({ map({ { MpValue::uinteger(0x02), str("1") } }) }) } });
    QTest::newRow("code above uint32") << map(
            { { MpValue::uinteger(0x00),
                arr({ map({ { MpValue::uinteger(0x05), MpValue::uinteger(1ull << 32) } }) }) } });
    QTest::newRow("negative line") << map(
            { { MpValue::uinteger(0x00), arr({ map({ { MpValue::uinteger(0x02), MpValue::integer(-1) } }) }) } });
    QTest::newRow("fields not a map") << map(
            { { MpValue::uinteger(0x00), arr({ map({ { MpValue::uinteger(0x06), arr({}) } }) }) } });
}

void TestMpFormat::errorStackRejects()
{
    QFETCH(MpValue, value);
    bool ok = true;
    const ErrorStack stack = decodeErrorStack(value, &ok);
    QVERIFY(!ok);
    QVERIFY(stack.isEmpty());
}

void TestMpFormat::datetime_data()
{
    QTest::addColumn<QByteArray>("msgpack");
    QTest::addColumn<QString>("expected");

    // Hand-built payloads (no datetime in 2.6), see kDatetime; dates cross-checked with Python.
    QTest::newRow("nsec, +0300") << QByteArray::fromHex(kDatetime)
                                 << QStringLiteral("2024-01-02T03:04:05.123456789+0300");
    QTest::newRow("8 bytes, epoch") << QByteArray::fromHex("d7040000000000000000")
                                    << QStringLiteral("1970-01-01T00:00:00Z");
    QTest::newRow("milliseconds") << QByteArray::fromHex("d804f552936500000000c0d4540700000000")
                                  << QStringLiteral("2024-01-02T00:04:05.123Z");
    QTest::newRow("microseconds, -0130") << QByteArray::fromHex("d804f55293650000000000ca5b07a6ff0000")
                                         << QStringLiteral("2024-01-01T22:34:05.123456-0130");
    QTest::newRow("before the epoch") << QByteArray::fromHex("d704ffffffffffffffff")
                                      << QStringLiteral("1969-12-31T23:59:59Z");
    QTest::newRow("leap day, +1400") << QByteArray::fromHex("d804000cbb38000000000000000048030000")
                                     << QStringLiteral("2000-02-29T14:00:00+1400");
    QTest::newRow("9999, -1200") << QByteArray::fromHex("d8047f41f4ff3a000000ffc99a3b30fd0000")
                                 << QStringLiteral("9999-12-31T11:59:59.999999999-1200");
}

void TestMpFormat::datetime()
{
    QFETCH(QByteArray, msgpack);
    QFETCH(QString, expected);

    const MpValue v = fromHex(msgpack.toHex().constData());
    MpExt::DatetimeValue dt;
    QString error;
    QVERIFY2(MpExt::decodeDatetime(v.bytes(), &dt, &error), qPrintable(error));
    QCOMPARE(MpExt::datetimeToString(dt), expected);
}

void TestMpFormat::interval_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("expected");

    // Hand-built payloads (no interval in 2.6): count byte, then field id and value pairs.
    QTest::newRow("years and months") << kIntervalPayload << QStringLiteral("+1 years, 2 months");
    QTest::newRow("empty") << QByteArray::fromHex("00") << QStringLiteral("0 seconds");
    QTest::newRow("adjust only") << QByteArray::fromHex("010801") << QStringLiteral("0 seconds");
    QTest::newRow("negative first") << QByteArray::fromHex("0203fd0404") << QStringLiteral("-3 days, 4 hours");
    QTest::newRow("weeks, minutes") << QByteArray::fromHex("020202051e") << QStringLiteral("+2 weeks, 30 minutes");
    QTest::newRow("seconds and nsec") << QByteArray::fromHex("02060407ce1dcd6500")
                                      << QStringLiteral("+4.500000000 seconds");
    QTest::newRow("negative seconds after months")
            << QByteArray::fromHex("02010106ff") << QStringLiteral("+1 months, -1 seconds");
    QTest::newRow("one nanosecond") << QByteArray::fromHex("010701") << QStringLiteral("+0.000000001 seconds");
    QTest::newRow("sec 1, nsec -1") << QByteArray::fromHex("02060107ff") << QStringLiteral("+0.999999999 seconds");
    QTest::newRow("sec -1, nsec 1") << QByteArray::fromHex("0206ff0701") << QStringLiteral("-0.999999999 seconds");
    QTest::newRow("all fields")
            << QByteArray::fromHex("0900ff01020203030404050506060707080802")
            << QStringLiteral("-1 years, 2 months, 3 weeks, 4 days, 5 hours, 6 minutes, 7.000000008 seconds");
    QTest::newRow("int32 max") << QByteArray::fromHex("0100ce7fffffff") << QStringLiteral("+2147483647 years");
    QTest::newRow("int32 min") << QByteArray::fromHex("0100d280000000") << QStringLiteral("-2147483648 years");
    QTest::newRow("int64-encoded small") << QByteArray::fromHex("0103d3fffffffffffffffe") << QStringLiteral("-2 days");
    QTest::newRow("repeated field, last wins") << QByteArray::fromHex("0200010002") << QStringLiteral("+2 years");
}

void TestMpFormat::interval()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, expected);

    MpExt::IntervalValue iv;
    QString error;
    QVERIFY2(MpExt::decodeInterval(payload, &iv, &error), qPrintable(error));
    QCOMPARE(MpExt::intervalToString(iv), expected);
    QString text;
    QVERIFY(MpExt::toText(MpValue::ext(MpExt::Interval, payload), &text));
    QCOMPARE(text, expected);
}

void TestMpFormat::invalidExt_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<QString>("message");

    auto ext = [](int8_t type, const char *hex) { return MpValue::ext(type, QByteArray::fromHex(hex)); };
    QTest::newRow("decimal: empty") << ext(MpExt::Decimal, "")
                                    << QStringLiteral("invalid decimal ext: no MP_INT scale");
    QTest::newRow("decimal: scale only") << ext(MpExt::Decimal, "02")
                                         << QStringLiteral("invalid decimal ext: no digits");
    QTest::newRow("decimal: str scale") << ext(MpExt::Decimal, "a1311c")
                                        << QStringLiteral("invalid decimal ext: no MP_INT scale");
    QTest::newRow("decimal: truncated scale")
            << ext(MpExt::Decimal, "cd01") << QStringLiteral("invalid decimal ext: no MP_INT scale");
    QTest::newRow("decimal: no sign") << ext(MpExt::Decimal, "0012")
                                      << QStringLiteral("invalid decimal ext: sign nibble missing");
    QTest::newRow("decimal: digit a") << ext(MpExt::Decimal, "00a5")
                                      << QStringLiteral("invalid decimal ext: bad digit nibble 0xa");
    QTest::newRow("decimal: sign not last")
            << ext(MpExt::Decimal, "001c00") << QStringLiteral("invalid decimal ext: bad digit nibble 0xc");
    QTest::newRow("decimal: scale 39") << ext(MpExt::Decimal, "271c")
                                       << QStringLiteral("invalid decimal ext: scale 39 out of range");
    QTest::newRow("decimal: scale -38") << ext(MpExt::Decimal, "d0da1c")
                                        << QStringLiteral("invalid decimal ext: scale -38 out of range");
    QTest::newRow("decimal: huge scale") << ext(MpExt::Decimal, "cfffffffffffffffff1c")
                                         << QStringLiteral("invalid decimal ext: scale (huge) out of range");
    QTest::newRow("decimal: 39 digits") << ext(MpExt::Decimal,
                                               "00"
                                               "123456789012345678901234567890"
                                               "123456789c")
                                        << QStringLiteral("invalid decimal ext: more than 38 digits");
    QTest::newRow("uuid: 15 bytes") << ext(MpExt::Uuid, "000102030405060708090a0b0c0d0e")
                                    << QStringLiteral("invalid uuid ext: 15 bytes, expected 16");
    QTest::newRow("uuid: 17 bytes") << ext(MpExt::Uuid, "000102030405060708090a0b0c0d0e0f10")
                                    << QStringLiteral("invalid uuid ext: 17 bytes, expected 16");
    QTest::newRow("datetime: 12 bytes") << ext(MpExt::Datetime, "000000000000000000000000")
                                        << QStringLiteral("invalid datetime ext: 12 bytes, expected 8 or 16");
    QTest::newRow("datetime: nsec 1e9") << ext(MpExt::Datetime, "000000000000000000ca9a3b00000000")
                                        << QStringLiteral("invalid datetime ext: nsec 1000000000 out of range");
    QTest::newRow("datetime: tzoffset") << ext(MpExt::Datetime, "00000000000000000000000010270000")
                                        << QStringLiteral("invalid datetime ext: tzoffset 10000 out of range");
    QTest::newRow("datetime: seconds") << ext(MpExt::Datetime, "ffffffffffffff7f")
                                       << QStringLiteral(
                                                  "invalid datetime ext: seconds 9223372036854775807 out of range");
    QTest::newRow("datetime: negative tzindex") << ext(MpExt::Datetime, "0000000000000000000000000000ffff")
                                                << QStringLiteral("invalid datetime ext: tzindex -1 out of range");
    QTest::newRow("interval: empty") << ext(MpExt::Interval, "") << QStringLiteral("invalid interval ext: empty");
    QTest::newRow("interval: missing field")
            << ext(MpExt::Interval, "020001") << QStringLiteral("invalid interval ext: 2 fields announced, 1 present");
    QTest::newRow("interval: missing value")
            << ext(MpExt::Interval, "0100") << QStringLiteral("invalid interval ext: field 0 has no MP_INT value");
    QTest::newRow("interval: str value") << ext(MpExt::Interval, "0100a131")
                                         << QStringLiteral("invalid interval ext: field 0 has no MP_INT value");
    QTest::newRow("interval: unknown field")
            << ext(MpExt::Interval, "010901") << QStringLiteral("invalid interval ext: unknown field 9");
    QTest::newRow("interval: adjust 3") << ext(MpExt::Interval, "010803")
                                        << QStringLiteral("invalid interval ext: adjust 3 out of range");
    QTest::newRow("interval: above int32") << ext(MpExt::Interval, "0100ce80000000")
                                           << QStringLiteral("invalid interval ext: field 0 does not fit int32");
    QTest::newRow("interval: trailing") << ext(MpExt::Interval, "01000100")
                                        << QStringLiteral("invalid interval ext: 1 trailing bytes");
    QTest::newRow("error: not msgpack") << ext(
            MpExt::Error,
            "c1") << QStringLiteral("invalid error ext: malformed msgpack: invalid type byte 0xc1 at offset 0");
    QTest::newRow("error: truncated") << ext(
            MpExt::Error, "8100") << QStringLiteral("invalid error ext: truncated msgpack: 2 bytes end inside a value");
    QTest::newRow("error: trailing")
            << ext(MpExt::Error, "8100918103a16d00")
            << QStringLiteral("invalid error ext: malformed msgpack: 1 trailing bytes after the value");
    QTest::newRow("error: not an MP_ERROR map")
            << ext(MpExt::Error, "80") << QStringLiteral("invalid error ext: not an MP_ERROR map");
    QTest::newRow("unknown type") << ext(9, "00") << QStringLiteral("unknown ext type 9");
}

void TestMpFormat::invalidExt()
{
    QFETCH(MpValue, value);
    QFETCH(QString, message);

    QString text = QStringLiteral("untouched"), error;
    QVERIFY(!MpExt::toText(value, &text, &error));
    QCOMPARE(error, message);
    QCOMPARE(text, QStringLiteral("untouched"));

    // Every formatter falls back to its generic ext form.
    const QString type = QString::number(value.extType());
    QCOMPARE(MpFormat::toYaml(value),
             QStringLiteral("!ext:%1%2\n")
                     .arg(type,
                          value.bytes().isEmpty() ? QString()
                                                  : QLatin1Char(' ') + QString::fromLatin1(value.bytes().toBase64())));
    QCOMPARE(MpFormat::toJson(value),
             QStringLiteral(R"({"$ext":{"type":%1,"data":"%2"}})")
                     .arg(type, QString::fromLatin1(value.bytes().toBase64())));
    QVERIFY(MpFormat::toLua(value).startsWith(QStringLiteral("--[[ext %1]] msgpack.object_from_raw('").arg(type)));
    QCOMPARE(MpFormat::preview(value, 1000),
             QStringLiteral("ext(%1, %2)").arg(type, QString::fromLatin1(value.bytes().toHex())));
}

void TestMpFormat::invalidExtFallsBack()
{
    // Arbitrary payloads of every known type: decoding never crashes, and whatever comes out is
    // either a decoded text or the generic form.
    uint32_t seed = 12345;
    auto next = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return seed >> 16;
    };
    const int8_t types[] = { MpExt::Decimal, MpExt::Uuid, MpExt::Error, MpExt::Datetime, MpExt::Interval };
    for (int i = 0; i < 5000; ++i) {
        QByteArray payload(int(next() % 24), Qt::Uninitialized);
        for (char &c : payload)
            c = char(next());
        const MpValue v = arr({ MpValue::ext(types[i % 5], payload) });
        QVERIFY(!MpFormat::toYaml(v).isEmpty());
        QVERIFY(!MpFormat::toJson(v).isEmpty());
        QVERIFY(!MpFormat::toLua(v).isEmpty());
        QVERIFY(!MpFormat::preview(v).isEmpty());
    }
}

void TestMpFormat::preview_data()
{
    QTest::addColumn<MpValue>("value");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("expected");

    QTest::newRow("flow") << arr({ MpValue::uinteger(1), str("a"), map({ { str("x"), MpValue::uinteger(1) } }) }) << 120
                          << QStringLiteral("[1, 'a', {x: 1}]");
    QTest::newRow("scalars") << arr({ MpValue(), MpValue::boolean(true), MpValue::integer(-3),
                                      MpValue::doubleValue(1.5), MpValue::doubleValue(100.0),
                                      MpValue::doubleValue(1.0 / 3), MpValue::doubleValue(HUGE_VAL) })
                             << 120 << QStringLiteral("[null, true, -3, 1.5, 100, 0.33333333333333, inf]");
    QTest::newRow("keys") << map({ { str("a b"), MpValue::uinteger(2) },
                                   { MpValue::uinteger(5), MpValue::uinteger(3) },
                                   { str("end"), arr({}) },
                                   { str("ok"), map({}) } })
                          << 120 << QStringLiteral("{'a b': 2, 5: 3, end: [], ok: {}}");
    QTest::newRow("string escapes") << str("it's\na\tb\\\x01\xff") << 120
                                    << QStringLiteral(R"('it\'s\na\tb\\\x01\xff')");
    QTest::newRow("utf-8") << str("привет 😀") << 120 << QString::fromUtf8("'привет 😀'");
    QTest::newRow("bin") << MpValue::binary("abc") << 120 << QStringLiteral("bin(616263)");
    QTest::newRow("ext") << arr({ fromHex("c7030102125c"), fromHex("d8026e079a5e15e84dba93635bffd4ce554d"),
                                  fromHex(kDatetime), MpValue::ext(MpExt::Interval, kIntervalPayload),
                                  fromHex(kErrorBoom), MpValue::ext(7, "\x01") })
                         << 400
                         << QStringLiteral(
                                    "[1.25, 6e079a5e-15e8-4dba-9363-5bffd4ce554d, 2024-01-02T03:04:05.123456789+0300, "
                                    "interval(+1 years, 2 months), error('boom'), ext(7, 01)]");
    QTest::newRow("exactly the budget") << str("abcdefgh") << 10 << QStringLiteral("'abcdefgh'");
    QTest::newRow("one over the budget") << str("abcdefghi") << 10 << QStringLiteral("'abcdefgh…");
    QTest::newRow("cut array") << arr({ MpValue::uinteger(100), MpValue::uinteger(200), MpValue::uinteger(300) }) << 8
                               << QStringLiteral("[100, 2…");
    QTest::newRow("budget of one") << arr({}) << 1 << QStringLiteral("…");
    QTest::newRow("no split surrogate") << str("ab😀") << 5 << QStringLiteral("'ab…");
}

void TestMpFormat::preview()
{
    QFETCH(MpValue, value);
    QFETCH(int, maxChars);
    QFETCH(QString, expected);

    const QString p = MpFormat::preview(value, maxChars);
    QCOMPARE(p, expected);
    QVERIFY(p.size() <= maxChars);
    QVERIFY(!p.contains(QLatin1Char('\n')));
}

void TestMpFormat::previewTruncation()
{
    std::vector<MpValue> items;
    for (int i = 0; i < 1000; ++i)
        items.push_back(MpValue::uinteger(uint64_t(i)));
    const MpValue v = MpValue::array(std::move(items));
    for (int limit : { 1, 2, 5, 20, 119, 120, 500 }) {
        const QString p = MpFormat::preview(v, limit);
        QCOMPARE(p.size(), qsizetype(limit));
        QVERIFY(p.endsWith(QChar(0x2026)));
    }
    QCOMPARE(MpFormat::preview(v, 20), QStringLiteral("[0, 1, 2, 3, 4, 5, …"));
}

void TestMpFormat::previewStopsEarly()
{
    // A 10 MB string and a 200,000-item array: previews cost what their first characters cost.
    const MpValue big = arr({ MpValue::string(QByteArray(10 * 1024 * 1024, 'x')) });
    std::vector<MpValue> items(200000, str("item"));
    const MpValue wide = MpValue::array(std::move(items));

    QCOMPARE(MpFormat::preview(big).size(), qsizetype(120));
    QCOMPARE(MpFormat::preview(wide).size(), qsizetype(120));
}

void TestMpFormat::deepValues()
{
    // Deeper than any formatter descends: each prints a marker at kMaxDepth instead.
    const MpValue deep = nestedArrays(MpFormat::kMaxDepth + 100);
    const QString marker = QStringLiteral("nesting too deep");
    // Past column 80 the YAML marker is folded like any plain scalar.
    QVERIFY(MpFormat::toYaml(deep).simplified().contains(marker));
    QVERIFY(MpFormat::toJson(deep).contains(QStringLiteral(R"({"$truncated":"nesting too deep"})")));
    QVERIFY(MpFormat::toLua(deep).contains(QStringLiteral("nil --[[nesting too deep]]")));
    QVERIFY(MpFormat::preview(deep, 2000).contains(QChar(0x2026)));

    // Just within the limit everything is printed.
    const MpValue fits = nestedArrays(MpFormat::kMaxDepth - 1);
    QVERIFY(!MpFormat::toJson(fits).contains(marker));
    QCOMPARE(MpFormat::toJson(fits),
             QString(MpFormat::kMaxDepth - 1, QLatin1Char('[')) + QLatin1Char('1')
                     + QString(MpFormat::kMaxDepth - 1, QLatin1Char(']')));

    // Errors whose fields hold errors: ext payloads nest values too, and count as depth.
    MpValue error = fromHex(kErrorBoom);
    for (int i = 0; i < MpFormat::kMaxDepth + 50; ++i) {
        const QByteArray payload = MpCodec::encode(
                map({ { MpValue::uinteger(0),
                        arr({ map({ { MpValue::uinteger(3), str("m") },
                                    { MpValue::uinteger(6), map({ { str("cause"), error } }) } }) }) } }));
        error = MpValue::ext(MpExt::Error, payload);
    }
    QVERIFY(MpFormat::toJson(error).size() > 1000);
    QVERIFY(!MpFormat::toYaml(error).isEmpty());
    QVERIFY(!MpFormat::toLua(error).isEmpty());
    QVERIFY(!MpFormat::preview(error).isEmpty());
}

void TestMpFormat::bytesAsText()
{
    QCOMPARE(MpFormat::bytesAsText(QByteArray("plain \\ text")), QStringLiteral("plain \\ text"));
    QCOMPARE(MpFormat::bytesAsText(QByteArray("\xd1\x8e")), QStringLiteral("ю"));
    // Invalid bytes, a lone continuation byte, an overlong form and a surrogate: \xNN each.
    QCOMPARE(MpFormat::bytesAsText(QByteArray("a\xff"
                                              "b\x80\xc0\xaf\xed\xa0\x80\xd1\x8e")),
             QStringLiteral("a\\xffb\\x80\\xc0\\xaf\\xed\\xa0\\x80ю"));
}

QTEST_APPLESS_MAIN(TestMpFormat)
#include "tst_mpformat.moc"
