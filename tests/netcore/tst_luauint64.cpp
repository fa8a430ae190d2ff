// Integers above INT64_MAX in the Lua sandbox: LuaJIT's numerals (LuaNumerals), the uint64
// value type (LuaUint64) and its conversion to and from msgpack (LuaValue).

#include "lua/LuaNumerals.h"
#include "lua/LuaSandbox.h"
#include "lua/LuaValue.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <QTest>

#include <limits>

using namespace Boxscope;

namespace Boxscope {
char *toString(const MpValue &value)
{
    return QTest::toString(QString::fromLatin1(MpCodec::encode(value).toHex(' ')));
}
} // namespace Boxscope

namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

MpValue num(int64_t v)
{
    return MpValue::integer(v);
}

MpValue unum(uint64_t v)
{
    return MpValue::uinteger(v);
}

MpValue dbl(double v)
{
    return MpValue::doubleValue(v);
}

MpValue str(const char *s)
{
    return MpValue::string(QByteArray(s));
}

MpValue yes()
{
    return MpValue::boolean(true);
}

MpValue no()
{
    return MpValue::boolean(false);
}

using Values = std::vector<MpValue>;

// A Standard sandbox running chunks as LuaNetBox does: the numerals rewritten first.
LuaSandbox::Result runChunk(LuaSandbox &lua, const QByteArray &chunk)
{
    return lua.run(LuaNumerals::rewritten(chunk), "=chunk");
}

} // namespace

Q_DECLARE_METATYPE(Values)

class TestLuaUint64 : public QObject
{
    Q_OBJECT

private slots:
    void numerals_data();
    void numerals();
    void numeralsKeepLines();
    void argumentNumerals_data();
    void argumentNumerals();
    void values_data();
    void values();
    void errors_data();
    void errors();
    void loadRewrites();
    void internedAcrossCollections();
    void msgpackRoundTrip();
    void pushedValuesArePrintable();
};

void TestLuaUint64::numerals_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no numerals") << QByteArray("return 1, 0x10, 1.5") << QByteArray("return 1, 0x10, 1.5");
    QTest::newRow("ULL above int64") << QByteArray("return 18446744073709551615ULL")
                                     << QByteArray("return __boxscope_uint64(0xffffffffffffffff)");
    QTest::newRow("ULL within int64") << QByteArray("x = 1ULL") << QByteArray("x = 1");
    QTest::newRow("suffixes in any case")
            << QByteArray("{1ull, 2Ull, 3uLL, 4ll, 5lL, 6LLU, 7llu}") << QByteArray("{1, 2, 3, 4, 5, 6, 7}");
    QTest::newRow("hex ULL") << QByteArray("0xffffffffffffffffULL, 0X8000000000000000ull")
                             << QByteArray("__boxscope_uint64(0xffffffffffffffff), "
                                           "__boxscope_uint64(0x8000000000000000)");
    QTest::newRow("LL wraps to int64") << QByteArray("9223372036854775808LL, 18446744073709551615LL, 7LL")
                                       << QByteArray("0x8000000000000000, 0xffffffffffffffff, 7");
    QTest::newRow("negative LL") << QByteArray("-9223372036854775808LL") << QByteArray("-0x8000000000000000");
    QTest::newRow("unary minus folded") << QByteArray("return -1ULL")
                                        << QByteArray("return __boxscope_uint64(0xffffffffffffffff)");
    QTest::newRow("unary minus with blanks")
            << QByteArray("f(- 1ULL)") << QByteArray("f(__boxscope_uint64(0xffffffffffffffff))");
    QTest::newRow("minus of a big one") << QByteArray("{-18446744073709551615ULL}") << QByteArray("{1}");
    QTest::newRow("binary minus stays") << QByteArray("x -1ULL, f() - 1ULL, t[1]-1ULL")
                                        << QByteArray("x -1, f() - 1, t[1]-1");
    QTest::newRow("power binds tighter") << QByteArray("-2ULL ^ 2") << QByteArray("-2 ^ 2");
    QTest::newRow("after a keyword") << QByteArray("return not -1ULL")
                                     << QByteArray("return not __boxscope_uint64(0xffffffffffffffff)");
    QTest::newRow("in a short string") << QByteArray("'1ULL', \"2ULL\", 'a\\'3ULL', \"\\\"4ULL\"")
                                       << QByteArray("'1ULL', \"2ULL\", 'a\\'3ULL', \"\\\"4ULL\"");
    QTest::newRow("after a string with escapes") << QByteArray("'\\\\', 5ULL") << QByteArray("'\\\\', 5");
    QTest::newRow("in a long string") << QByteArray("[==[ 1ULL ]] 2ULL ]==], 3ULL")
                                      << QByteArray("[==[ 1ULL ]] 2ULL ]==], 3");
    QTest::newRow("in a comment") << QByteArray("-- 1ULL\n2ULL") << QByteArray("-- 1ULL\n2");
    QTest::newRow("in a long comment") << QByteArray("--[=[ 1ULL\n]] 2ULL ]=] 3ULL")
                                       << QByteArray("--[=[ 1ULL\n]] 2ULL ]=] 3");
    QTest::newRow("comment between minus and numeral") << QByteArray("- --[[x]] 1ULL") << QByteArray("- --[[x]] 1");
    QTest::newRow("names are not numerals") << QByteArray("x1ULL, _2LL") << QByteArray("x1ULL, _2LL");
    QTest::newRow("concatenation before") << QByteArray("'a'..1LL") << QByteArray("'a'..1");
    // Left for Lua to report as malformed, as LuaJIT does.
    QTest::newRow("out of range") << QByteArray("18446744073709551616ULL, 0x10000000000000000ULL")
                                  << QByteArray("18446744073709551616ULL, 0x10000000000000000ULL");
    QTest::newRow("fraction or exponent")
            << QByteArray("1.5ULL, 1e3ULL, 0x1p4ULL") << QByteArray("1.5ULL, 1e3ULL, 0x1p4ULL");
    QTest::newRow("other suffixes") << QByteArray("1UL, 1U, 1L, 1ULLL, 1ULL_, 1ULL.5")
                                    << QByteArray("1UL, 1U, 1L, 1ULLL, 1ULL_, 1ULL.5");
    QTest::newRow("unsuffixed stays Lua's") << QByteArray("12345678901234567890") << QByteArray("12345678901234567890");
}

void TestLuaUint64::numerals()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(LuaNumerals::rewritten(text), expected);
}

// Lua's messages keep the user's line numbers.
void TestLuaUint64::numeralsKeepLines()
{
    LuaSandbox lua;
    LuaSandbox::Result r = runChunk(lua,
                                    "local a = 18446744073709551615ULL\n"
                                    "local b = [[\n1ULL]] local c = -1ULL\n"
                                    "error('line ' .. 3)");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("chunk:4: line 3"));
    r = runChunk(lua, "local a = 1ULL\n\nreturn 18446744073709551616ULL");
    QVERIFY(!r.ok);
    // Lua 5.4's lexer quotes the numeral and its first letter (LuaJIT: the whole token).
    QCOMPARE(r.error, QStringLiteral("chunk:3: malformed number near '18446744073709551616U'"));
}

void TestLuaUint64::argumentNumerals_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("above int64") << QByteArray("12345678901234567890")
                                 << QByteArray("__boxscope_uint64(0xab54a98ceb1f0ad2)");
    QTest::newRow("uint64 max") << QByteArray("{18446744073709551615}")
                                << QByteArray("{__boxscope_uint64(0xffffffffffffffff)}");
    QTest::newRow("int64 max stays") << QByteArray("9223372036854775807") << QByteArray("9223372036854775807");
    QTest::newRow("after a minus stays") << QByteArray("-12345678901234567890, 1 - 12345678901234567890")
                                         << QByteArray("-12345678901234567890, 1 - 12345678901234567890");
    QTest::newRow("above uint64 stays") << QByteArray("18446744073709551616") << QByteArray("18446744073709551616");
    QTest::newRow("hex stays Lua's") << QByteArray("0xffffffffffffffff") << QByteArray("0xffffffffffffffff");
}

void TestLuaUint64::argumentNumerals()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(LuaNumerals::rewritten(text, LuaNumerals::Mode::Arguments), expected);
}

void TestLuaUint64::values_data()
{
    QTest::addColumn<QByteArray>("chunk");
    QTest::addColumn<Values>("expected");

    const QByteArray v = "local v = 18446744073709551615ULL local h = 9223372036854775808ULL ";
    QTest::newRow("the value") << v + "return v, h" << Values { unum(kMax), unum(9223372036854775808ull) };
    QTest::newRow("tostring as LuaJIT") << v + "return tostring(v), tostring(h), string.format('%s', v)"
                                        << Values { str("18446744073709551615ULL"), str("9223372036854775808ULL"),
                                                    str("18446744073709551615ULL") };
    QTest::newRow("other spellings") << QByteArray("return 0xffffffffffffffffULL, -1ULL, -1ll, 1ULL, 10LL")
                                     << Values { unum(kMax), unum(kMax), num(-1), unum(1), unum(10) };
    QTest::newRow("int64 range by LL") << QByteArray("return -9223372036854775808LL, 9223372036854775808LL, "
                                                     "math.type(-9223372036854775808LL)")
                                       << Values { num(kMin), num(kMin), str("integer") };
    QTest::newRow("type") << v + "return type(v), math.type(v), getmetatable(v), math.type(1ULL)"
                          << Values { str("userdata"), MpValue(), str("uint64_t"), str("integer") };
    // Wrapping modulo 2^64; results that fit an integer are integers.
    QTest::newRow("arithmetic") << v + "return v + 1, v - 1, v * 2, v // 10, v % 10, -v, v + -1, h + h"
                                << Values { unum(0), unum(kMax - 1), unum(kMax - 1), unum(1844674407370955161ull),
                                            unum(5), unum(1),        unum(kMax - 1), unum(0) };
    QTest::newRow("integer results are integers")
            << v + "return math.type(v - v), v % 2 == 1, v - (v - 1) == 1, tostring(v - 1)"
            << Values { str("integer"), yes(), yes(), str("18446744073709551614ULL") };
    QTest::newRow("integer on the left") << v + "return 1 + v, 0 - v, 2 * h, 20 // h, 20 % h"
                                         << Values { unum(0), unum(1), unum(0), unum(0), unum(20) };
    QTest::newRow("floats give floats") << v
                    + "return math.type(v + 0.5), math.type(v / 5), math.type(h ^ 1), math.type(1.5 - h), v / 4 == "
                      "2^62, "
                      "v * 1.0 == 2^64, 0.5 + h == 2^63"
                                        << Values { str("float"), str("float"), str("float"), str("float"),
                                                    yes(),        yes(),        yes() };
    QTest::newRow("bitwise") << v + "return v & 0xff, v >> 60, v << 1, ~v, h | 1, h ~ h, h >> 63, 1 << h, v & 2.0"
                             << Values { unum(255), unum(15), unum(kMax - 1), unum(0), unum(9223372036854775809ull),
                                         unum(0),   unum(1),  unum(0),        unum(2) };
    QTest::newRow("equality") << v
                    + "return v == 18446744073709551615ULL, rawequal(v, -1ULL), v ~= h, v == -1, "
                      "h == 2^63, v == v + 0"
                              << Values { yes(), yes(), yes(), no(), no(), yes() };
    QTest::newRow("order with integers") << v
                    + "return h < v, v <= v, v > 9223372036854775807, v > -1, -1 < v, math.maxinteger < h, h <= 0"
                                         << Values { yes(), yes(), yes(), yes(), yes(), yes(), no() };
    QTest::newRow("order with floats") << v
                    + "return v < 2^64, v <= 2^64, h <= 2^63, h >= 2^63, h < 2^63, h > 2^63 - 1024, v < 0/0, v > 0/0, "
                      "v < math.huge, -math.huge < h, h > 9.2233720368547748e18, h + 1 > 2^63"
                                       << Values { yes(), yes(), yes(), yes(), no(),  yes(),
                                                   no(),  no(),  yes(), yes(), yes(), yes() };
    QTest::newRow("table keys") << v
                    + "local t = {[v] = 'a'} t[h] = 'b' "
                      "return t[18446744073709551615ULL], t[h + 0], t[v - 1 + 1], t[2^63]"
                                << Values { str("a"), str("b"), str("a"), MpValue() };
    QTest::newRow("tonumber") << v + "return tonumber(v), math.type(tonumber(h)), tonumber('12'), tonumber('ff', 16)"
                              << Values { dbl(18446744073709551616.0), str("float"), unum(12), unum(255) };
    QTest::newRow("in tables to msgpack") << v + "return {v, [h] = 1, k = -1ULL}"
                                          << Values { MpValue::map({ { unum(1), unum(kMax) },
                                                                     { unum(9223372036854775808ull), unum(1) },
                                                                     { str("k"), unum(kMax) } }) };
    QTest::newRow("constructor") << QByteArray("return __boxscope_uint64(-2), __boxscope_uint64(5)")
                                 << Values { unum(kMax - 1), unum(5) };
}

void TestLuaUint64::values()
{
    QFETCH(QByteArray, chunk);
    QFETCH(Values, expected);
    LuaSandbox lua;
    const LuaSandbox::Result r = runChunk(lua, chunk);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(r.values[i], expected[i]);
}

void TestLuaUint64::errors_data()
{
    QTest::addColumn<QByteArray>("chunk");
    QTest::addColumn<QString>("error");
    const QByteArray v = "local v = 18446744073709551615ULL return ";
    QTest::newRow("concatenation") << v + "v .. 'x'"
                                   << "chunk:1: attempt to concatenate a uint64_t value (local 'v')";
    QTest::newRow("integer division by zero") << v + "v // 0"
                                              << "chunk:1: attempt to perform 'n//0'";
    QTest::newRow("modulo by zero") << v + "v % (v - v)"
                                    << "chunk:1: attempt to perform 'n%0'";
    QTest::newRow("compare with a string") << v + "v < 'x'"
                                           << "chunk:1: attempt to compare uint64_t with string";
    QTest::newRow("arithmetic on a table") << v + "v + {}"
                                           << "chunk:1: attempt to perform arithmetic on a table value";
    QTest::newRow("bitwise with a fraction") << v + "v & 1.5"
                                             << "chunk:1: number has no integer representation";
    QTest::newRow("a metatable of its own") << v + "setmetatable(v, {})"
                                            << "chunk:1: bad argument #1 to 'setmetatable' (table expected, got "
                                               "uint64_t)";
    QTest::newRow("string.format %d") << v + "string.format('%d', v)"
                                      << "chunk:1: bad argument #2 to 'format' (number expected, got uint64_t)";
}

void TestLuaUint64::errors()
{
    QFETCH(QByteArray, chunk);
    QFETCH(QString, error);
    LuaSandbox lua;
    const LuaSandbox::Result r = runChunk(lua, chunk);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
}

// Scripts' load() reads the numerals too, and names the chunk by the text it was given.
void TestLuaUint64::loadRewrites()
{
    LuaSandbox lua;
    LuaSandbox::Result r = lua.run("return load('return 18446744073709551615ULL, -1ULL')()");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (Values { unum(kMax), unum(kMax) }));
    r = lua.run("return load('return 1ULL +')");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (Values { MpValue(), str("[string \"return 1ULL +\"]:1: unexpected symbol near <eof>") }));
    r = lua.run("return load('return 2ULL', '=named')()");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (Values { unum(2) }));
}

// Equal values are one object while any of them lives, a table key included.
void TestLuaUint64::internedAcrossCollections()
{
    LuaSandbox lua;
    QVERIFY(runChunk(lua, "t = {[18446744073709551615ULL] = 'kept'}").ok);
    lua.collectGarbage();
    const LuaSandbox::Result r = runChunk(lua, "return t[-1ULL], next(t) == 18446744073709551615ULL");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (Values { str("kept"), yes() }));
    // Values nobody holds go away: the intern table does not keep them.
    const size_t before = lua.memoryUsed();
    QVERIFY(lua.run("for i = 1, 100000 do local x = __boxscope_uint64(-i) end").ok);
    lua.collectGarbage();
    QVERIFY2(lua.memoryUsed() < before + 64 * 1024, qPrintable(QString::number(lua.memoryUsed() - before)));
}

// msgpack uint above INT64_MAX -> Lua -> msgpack: the same unsigned integer.
void TestLuaUint64::msgpackRoundTrip()
{
    LuaSandbox lua;
    const MpValue value = MpValue::array({ unum(kMax), unum(9223372036854775808ull), unum(9223372036854775807ull),
                                           MpValue::map({ { unum(kMax), str("key") } }) });
    QVERIFY(lua.setGlobal("t", value));
    const LuaSandbox::Result r = runChunk(
            lua, "return t, type(t[1]), math.type(t[3]), t[4][18446744073709551615ULL], t[1] == t[2] + (t[2] - 1)");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (Values { value, str("userdata"), str("integer"), str("key"), yes() }));
    QCOMPARE(MpCodec::encode(r.values[0].at(0)), QByteArray::fromHex("cfffffffffffffffff"));
}

void TestLuaUint64::pushedValuesArePrintable()
{
    LuaSandbox lua;
    QVERIFY(lua.setGlobal("v", unum(kMax)));
    const LuaSandbox::Result r = runChunk(lua, "return tostring(v), v == 18446744073709551615ULL, v - 1");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (Values { str("18446744073709551615ULL"), yes(), unum(kMax - 1) }));
}

QTEST_GUILESS_MAIN(TestLuaUint64)
#include "tst_luauint64.moc"
