#include "lua/LuaLiteral.h"
#include "lua/LuaSandbox.h"
#include "lua/LuaValue.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

using namespace Boxscope;

namespace Boxscope {
// QCOMPARE prints values through an ADL toString: show the msgpack bytes.
char *toString(const MpValue &value)
{
    return QTest::toString(QString::fromLatin1(MpCodec::encode(value).toHex(' ')));
}
} // namespace Boxscope

namespace {

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

MpValue arr(std::vector<MpValue> items = {})
{
    return MpValue::array(std::move(items));
}

MpValue map(std::vector<std::pair<MpValue, MpValue>> entries)
{
    return MpValue::map(std::move(entries));
}

MpValue nil()
{
    return MpValue::nil();
}

// A chain of `depth` nested arrays, the innermost empty.
MpValue nestedArrays(int depth)
{
    MpValue value = arr();
    for (int i = 1; i < depth; ++i)
        value = arr({ value });
    return value;
}

} // namespace

class TestLuaLiteral : public QObject
{
    Q_OBJECT

private slots:
    // LuaLiteral: values
    void literals_data();
    void literals();
    void specialFloats();
    void multipleValues_data();
    void multipleValues();
    void valueCount();
    void nestingLimit();

    // LuaLiteral: errors
    void syntaxErrors_data();
    void syntaxErrors();
    void runtimeErrors_data();
    void runtimeErrors();
    void bigLiteralWithinBudget();
    void expansionIsBounded_data();
    void expansionIsBounded();
    void threads();
    void speed();
    void matchesTarantoolEncoder();

    // LuaSandbox
    void sandboxLimits_data();
    void sandboxLimits();
    void sandboxCLoops();
    void sandboxCoroutines();
    void sandboxLibraries();
    void sandboxLoadIsTextOnly();
    void sandboxRefusesFinalizers();
    void sandboxXpcall();
    void sandboxBudgetIsPerRun();
    void sandboxMemoryLimitIsConfigurable();
    void sandboxMemoryIsReturnedAfterFailure();
    void sandboxErrorObjects_data();
    void sandboxErrorObjects();
    void sandboxResults();
    void sandboxLowLevelApi();

    // LuaValue
    void roundTrip_data();
    void roundTrip();
    void extInLua();
    void nilInsideContainersIsBoxNull();
    void pushFailures();
    void encodeErrors_data();
    void encodeErrors();
};

// ---- LuaLiteral: values ---------------------------------------------------

void TestLuaLiteral::literals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<MpValue>("expected");

    // scalars
    QTest::newRow("nil") << "nil" << nil();
    QTest::newRow("true") << "true" << MpValue::boolean(true);
    QTest::newRow("false") << "false" << MpValue::boolean(false);
    QTest::newRow("zero") << "0" << unum(0);
    QTest::newRow("integer") << "42" << unum(42);
    QTest::newRow("negative") << "-42" << num(-42);
    QTest::newRow("int64 max") << "9223372036854775807" << unum(9223372036854775807ull);
    QTest::newRow("int64 max hex") << "0x7fffffffffffffff" << unum(9223372036854775807ull);
    QTest::newRow("int64 min") << "-9223372036854775807 - 1" << num(std::numeric_limits<int64_t>::min());
    // The decimal 9223372036854775808 overflows to a float; negated it is -2^63 exactly.
    QTest::newRow("int64 min as a float") << "-9223372036854775808" << num(std::numeric_limits<int64_t>::min());
    QTest::newRow("hex wraps (Lua 5.4)") << "0xffffffffffffffff" << num(-1);
    QTest::newRow("float") << "1.5" << dbl(1.5);
    QTest::newRow("negative float") << "-0.25" << dbl(-0.25);
    QTest::newRow("exponent") << "1e-3" << dbl(1e-3);
    // Integral floats become integers, as Tarantool's encoder does.
    QTest::newRow("integral float") << "2.0" << unum(2);
    QTest::newRow("negative integral float") << "-2.0" << num(-2);
    QTest::newRow("2^53") << "2^53" << unum(9007199254740992ull);
    QTest::newRow("2^63 as float") << "2^63" << unum(9223372036854775808ull);
    QTest::newRow("-2^63 as float") << "-2^63" << num(std::numeric_limits<int64_t>::min());
    // Integers over the whole msgpack range: LuaJIT's suffixed numerals, and decimals up to
    // 2^64 - 1 without a suffix (Lua and LuaJIT would round them to floats).
    QTest::newRow("decimal beyond int64 is exact") << "18446744073709551615" << unum(18446744073709551615ull);
    QTest::newRow("decimal 2^63") << "9223372036854775808" << unum(9223372036854775808ull);
    QTest::newRow("decimal beyond int64, in a table")
            << "{12345678901234567890, [12345678901234567890] = 1}"
            << map({ { unum(1), unum(12345678901234567890ull) }, { unum(12345678901234567890ull), unum(1) } });
    QTest::newRow("decimal beyond uint64 is a float") << "18446744073709551616" << dbl(18446744073709551616.0);
    QTest::newRow("negated decimal beyond int64 is a float") << "-12345678901234567890" << dbl(-12345678901234567890.0);
    QTest::newRow("ULL") << "18446744073709551615ULL" << unum(18446744073709551615ull);
    QTest::newRow("ull, hex") << "0xffffffffffffffffull" << unum(18446744073709551615ull);
    QTest::newRow("small ULL") << "1ULL" << unum(1);
    QTest::newRow("minus ULL wraps") << "-1ULL" << unum(18446744073709551615ull);
    QTest::newRow("LL") << "-9223372036854775808LL" << num(std::numeric_limits<int64_t>::min());
    QTest::newRow("ll wraps") << "18446744073709551615ll" << num(-1);
    QTest::newRow("ULL arithmetic wraps") << "18446744073709551615ULL + 2" << unum(1);
    QTest::newRow("ULL in a table") << "{id = 18446744073709551615ULL, [9223372036854775808ULL] = 'k'}"
                                    << map({ { unum(9223372036854775808ull), str("k") },
                                             { str("id"), unum(18446744073709551615ull) } });
    QTest::newRow("ULL in a string") << "'18446744073709551615ULL'" << str("18446744073709551615ULL");
    QTest::newRow("2^64") << "2^64" << dbl(18446744073709551616.0);
    QTest::newRow("1e300") << "1e300" << dbl(1e300);
    QTest::newRow("minus zero") << "-0.0" << unum(0);
    QTest::newRow("arithmetic") << "1 + 2 * 3" << unum(7);
    QTest::newRow("integer division") << "7 // 2" << unum(3);
    QTest::newRow("float division") << "7 / 2" << dbl(3.5);
    QTest::newRow("parenthesised") << "(((5)))" << unum(5);

    // strings
    QTest::newRow("single quotes") << "'abc'" << str("abc");
    QTest::newRow("double quotes") << "\"abc\"" << str("abc");
    QTest::newRow("empty string") << "''" << str("");
    QTest::newRow("escapes") << R"('a\tb\n\\\'\"')" << str("a\tb\n\\'\"");
    QTest::newRow("decimal and hex escapes") << R"('\65\x42\u{43}')" << str("ABC");
    QTest::newRow("utf8 escape") << R"('\u{e9}')" << str("\xc3\xa9");
    QTest::newRow("utf8 text") << QStringLiteral("'\u00e9t\u00e9'") << str("\xc3\xa9t\xc3\xa9");
    QTest::newRow("\\z skips whitespace") << "'a\\z   \n   b'" << str("ab");
    QTest::newRow("embedded zero") << R"('a\0b')" << MpValue::string(QByteArray("a\0b", 3));
    QTest::newRow("long bracket") << "[[line1\nline2]]" << str("line1\nline2");
    QTest::newRow("long bracket skips first newline") << "[[\nx]]" << str("x");
    QTest::newRow("long bracket level 2") << "[==[a]]b]=]c]==]" << str("a]]b]=]c");
    QTest::newRow("concatenation") << "'a' .. 'b' .. 1" << str("ab1");
    QTest::newRow("length") << "#'abcd'" << unum(4);
    QTest::newRow("comments") << "--[[ block ]] 5 -- tail" << unum(5);

    // tables
    QTest::newRow("empty table is an array") << "{}" << arr();
    QTest::newRow("array") << "{1, 2, 3}" << arr({ unum(1), unum(2), unum(3) });
    QTest::newRow("trailing separator") << "{1; 2,}" << arr({ unum(1), unum(2) });
    QTest::newRow("explicit 1..n keys") << "{[2] = 'b', [1] = 'a'}" << arr({ str("a"), str("b") });
    QTest::newRow("map") << "{x = 1}" << map({ { str("x"), unum(1) } });
    QTest::newRow("map keys sorted") << "{b = 2, a = 1, c = 3}"
                                     << map({ { str("a"), unum(1) }, { str("b"), unum(2) }, { str("c"), unum(3) } });
    QTest::newRow("brief example") << "{1, 'a', {x = 1}, box.NULL}"
                                   << arr({ unum(1), str("a"), map({ { str("x"), unum(1) } }), nil() });
    QTest::newRow("nested") << "{x = {y = {z = {}}}}"
                            << map({ { str("x"), map({ { str("y"), map({ { str("z"), arr() } }) } }) } });
    QTest::newRow("array of arrays") << "{{1}, {2, {3}}}"
                                     << arr({ arr({ unum(1) }), arr({ unum(2), arr({ unum(3) }) }) });
    QTest::newRow("box.NULL alone") << "box.NULL" << nil();
    QTest::newRow("box.NULL in array") << "{box.NULL, 1, box.NULL}" << arr({ nil(), unum(1), nil() });
    QTest::newRow("box.NULL as map value") << "{a = box.NULL}" << map({ { str("a"), nil() } });
    QTest::newRow("box.NULL as map key") << "{[box.NULL] = 1}" << map({ { nil(), unum(1) } });
    QTest::newRow("nil drops a map entry") << "{a = nil, b = 1}" << map({ { str("b"), unum(1) } });
    QTest::newRow("sparse table is a map")
            << "{[1] = 'a', [3] = 'c'}" << map({ { unum(1), str("a") }, { unum(3), str("c") } });
    QTest::newRow("hole from nil is a map") << "{1, nil, 3}" << map({ { unum(1), unum(1) }, { unum(3), unum(3) } });
    QTest::newRow("starts at 2 is a map") << "{[2] = 'b'}" << map({ { unum(2), str("b") } });
    QTest::newRow("zero key is a map") << "{[0] = 'z', 'a'}" << map({ { unum(0), str("z") }, { unum(1), str("a") } });
    QTest::newRow("negative key") << "{[-1] = 'n'}" << map({ { num(-1), str("n") } });
    QTest::newRow("mixed keys") << "{1, 2, n = 2}"
                                << map({ { unum(1), unum(1) }, { unum(2), unum(2) }, { str("n"), unum(2) } });
    QTest::newRow("key order: numbers, strings, booleans")
            << "{[true] = 't', s = 's', [1.5] = 'f', [-3] = 'i', [false] = 'b'}"
            << map({ { num(-3), str("i") },
                     { dbl(1.5), str("f") },
                     { str("s"), str("s") },
                     { MpValue::boolean(false), str("b") },
                     { MpValue::boolean(true), str("t") } });
    QTest::newRow("integral float key normalised") << "{[2.0] = 'a', [1] = 'b'}" << arr({ str("b"), str("a") });
    QTest::newRow("string key that looks numeric") << "{['1'] = 'a'}" << map({ { str("1"), str("a") } });
    QTest::newRow("table as key") << "{[{1}] = 'k'}" << map({ { arr({ unum(1) }), str("k") } });
    QTest::newRow("shared table encoded twice")
            << "(function() local s = {1} return {s, s} end)()" << arr({ arr({ unum(1) }), arr({ unum(1) }) });
    QTest::newRow("function computing a value")
            << "(function() local t = {} for i = 1, 3 do t[i] = i * i end return t end)()"
            << arr({ unum(1), unum(4), unum(9) });
    QTest::newRow("multi-line") << "{\n  id = 7,\n  tags = {'a', 'b'},\n}"
                                << map({ { str("id"), unum(7) }, { str("tags"), arr({ str("a"), str("b") }) } });
    QTest::newRow("CRLF lines") << "{\r\n1,\r\n2\r\n}" << arr({ unum(1), unum(2) });
}

void TestLuaLiteral::literals()
{
    QFETCH(QString, text);
    QFETCH(MpValue, expected);
    const LuaLiteral::ParseResult result = LuaLiteral::parse(text);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.value, expected);
    QCOMPARE(result.values.size(), size_t(1));
    QCOMPARE(result.values.front(), expected);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.line, 0);
    QCOMPARE(result.column, 0);
}

void TestLuaLiteral::specialFloats()
{
    LuaLiteral::ParseResult r = LuaLiteral::parse(QStringLiteral("1/0"));
    QVERIFY(r.ok);
    QCOMPARE(r.value.type(), MpValue::Type::Double);
    QVERIFY(std::isinf(r.value.toDouble()) && r.value.toDouble() > 0);

    r = LuaLiteral::parse(QStringLiteral("-1/0"));
    QVERIFY(r.ok);
    QVERIFY(std::isinf(r.value.toDouble()) && r.value.toDouble() < 0);

    r = LuaLiteral::parse(QStringLiteral("0/0"));
    QVERIFY(r.ok);
    QCOMPARE(r.value.type(), MpValue::Type::Double);
    QVERIFY(std::isnan(r.value.toDouble()));

    r = LuaLiteral::parse(QStringLiteral("{[0/0 ~= 0/0 and 1 or 2] = 0}"));
    QVERIFY(r.ok);
    QCOMPARE(r.value, arr({ unum(0) }));
}

void TestLuaLiteral::multipleValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<MpValue>("expected"); // the values as one array

    QTest::newRow("none") << "" << arr();
    QTest::newRow("only whitespace") << "  \n\t " << arr();
    QTest::newRow("only a comment") << "-- nothing" << arr();
    QTest::newRow("one") << "1" << arr({ unum(1) });
    QTest::newRow("brief example") << "1, 'a', {x=1}" << arr({ unum(1), str("a"), map({ { str("x"), unum(1) } }) });
    QTest::newRow("nils kept in place") << "nil, box.NULL, 3" << arr({ nil(), nil(), unum(3) });
    QTest::newRow("multi-line") << "1,\n2,\n{3}" << arr({ unum(1), unum(2), arr({ unum(3) }) });
    QTest::newRow("last call expands") << "0, (function() return 1, 2 end)()" << arr({ unum(0), unum(1), unum(2) });
    QTest::newRow("parentheses truncate") << "((function() return 1, 2 end)())" << arr({ unum(1) });
}

void TestLuaLiteral::multipleValues()
{
    QFETCH(QString, text);
    QFETCH(MpValue, expected);
    const LuaLiteral::ParseResult result = LuaLiteral::parseValues(text);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(arr(result.values), expected);
    QCOMPARE(result.value, expected.size() ? expected.at(0) : nil());
}

void TestLuaLiteral::valueCount()
{
    LuaLiteral::ParseResult r = LuaLiteral::parse(QStringLiteral("1, 2"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("expected one value, got 2"));

    r = LuaLiteral::parse(QString());
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("line 1, column 1: expected a value"));

    r = LuaLiteral::parse(QStringLiteral("-- only a comment\n"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("line 2, column 1: expected a value"));
    QCOMPARE(r.line, 2);
    QCOMPARE(r.column, 1);

    r = LuaLiteral::parse(QStringLiteral("(function() return 1, 2, 3 end)()"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("expected one value, got 3"));
}

void TestLuaLiteral::nestingLimit()
{
    // 128 nested tables encode (Tarantool's encode_max_depth); 129 do not.
    const QString build = QStringLiteral("(function() local t = {} for i = 2, %1 do t = {t} end return t end)()");
    LuaLiteral::ParseResult r = LuaLiteral::parse(build.arg(LuaValue::kMaxDepth));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.value, nestedArrays(LuaValue::kMaxDepth));

    r = LuaLiteral::parse(build.arg(LuaValue::kMaxDepth + 1));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(QStringLiteral("table nesting too deep (limit is 128) at [1][1]")),
             qPrintable(r.error));

    // Deeper than Lua's own parser allows (LUAI_MAXCCALLS): an error, not a crash.
    r = LuaLiteral::parse(QString(300, QLatin1Char('{')) + QString(300, QLatin1Char('}')));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("expression nested too deeply (C stack overflow)"));
    QCOMPARE(r.line, 0);
    r = LuaLiteral::parse(QString(300, QLatin1Char('(')) + QLatin1Char('1') + QString(300, QLatin1Char(')')));
    QCOMPARE(r.error, QStringLiteral("expression nested too deeply (C stack overflow)"));
    QVERIFY(LuaLiteral::parse(QStringLiteral("1")).ok);
}

// ---- LuaLiteral: errors ---------------------------------------------------

void TestLuaLiteral::syntaxErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("unclosed table") << "{1, 2"
                                    << "line 1, column 6: '}' expected near <eof>" << 1 << 6;
    QTest::newRow("missing separator") << "{1 2}"
                                       << "line 1, column 4: '}' expected near '2'" << 1 << 4;
    QTest::newRow("token repeated on the line") << "{2 2}"
                                                << "line 1, column 4: '}' expected near '2'" << 1 << 4;
    QTest::newRow("same message earlier in a longer token") << "{1 == 1, 2 =}"
                                                            << "line 1, column 12: '}' expected near '='" << 1 << 12;
    QTest::newRow("missing value") << "{x = }"
                                   << "line 1, column 6: unexpected symbol near '}'" << 1 << 6;
    QTest::newRow("dangling operator") << "1 +"
                                       << "line 1, column 4: unexpected symbol near <eof>" << 1 << 4;
    QTest::newRow("two expressions") << "foo bar"
                                     << "line 1, column 5: <eof> expected near 'bar'" << 1 << 5;
    QTest::newRow("statement") << "x = 1"
                               << "line 1, column 3: <eof> expected near '='" << 1 << 3;
    QTest::newRow("leading comma") << ", 1"
                                   << "line 1, column 1: unexpected symbol near ','" << 1 << 1;
    QTest::newRow("keyword") << "{1, end}"
                             << "line 1, column 5: unexpected symbol near 'end'" << 1 << 5;
    QTest::newRow("name in a word") << "{ab, a b}"
                                    << "line 1, column 8: '}' expected near 'b'" << 1 << 8;
    QTest::newRow("unfinished string") << "'abc"
                                       << "line 1, column 5: unfinished string near <eof>" << 1 << 5;
    QTest::newRow("string broken by newline") << "{'ab\n'}"
                                              << "line 1, column 2: unfinished string near ''ab'" << 1 << 2;
    QTest::newRow("bad escape") << R"('\q')"
                                << R"(line 1, column 1: invalid escape sequence near ''\q')" << 1 << 1;
    QTest::newRow("malformed number") << "{3x}"
                                      << "line 1, column 2: malformed number near '3x'" << 1 << 2;
    QTest::newRow("ULL out of range") << "{1ULL,\n 18446744073709551616ULL}"
                                      << "line 2, column 2: malformed number near '18446744073709551616U'" << 2 << 2;
    QTest::newRow("fraction with ULL") << "1.5ULL"
                                       << "line 1, column 1: malformed number near '1.5U'" << 1 << 1;
    QTest::newRow("unfinished long string")
            << "[[abc"
            << "line 1, column 6: unfinished long string (starting at line 1) near <eof>" << 1 << 6;
    QTest::newRow("control character") << "{1 \x01}"
                                       << "line 1, column 4: '}' expected near '<\\1>'" << 1 << 4;
    QTest::newRow("control character first") << "\x02"
                                             << "line 1, column 1: unexpected symbol near '<\\2>'" << 1 << 1;
    QTest::newRow("multi-line") << "{\n  a = 1,\n  b = = 2\n}"
                                << "line 3, column 7: unexpected symbol near '='" << 3 << 7;
    QTest::newRow("multi-line, unclosed") << "{1,\n 2,\n"
                                          << "line 3, column 1: unexpected symbol near <eof>" << 3 << 1;
    QTest::newRow("multi-line, unclosed after value")
            << "{\n  x = 1\n"
            << "line 3, column 1: '}' expected (to close '{' at line 1) near <eof>" << 3 << 1;
    QTest::newRow("multi-line, CRLF") << "{\r\n1\r\n2}"
                                      << "line 3, column 1: '}' expected (to close '{' at line 1) near '2'" << 3 << 1;
    QTest::newRow("multi-line, long string spans lines")
            << "{[[a\nb]] [[c\nd]]}"
            << "line 2, column 5: '}' expected (to close '{' at line 1) near '[[c\nd]]'" << 2 << 5;
    QTest::newRow("column counts characters, not bytes")
            << QStringLiteral("{'\u00e9\u00e9' 2}") << "line 1, column 7: '}' expected near '2'" << 1 << 7;
    QTest::newRow("binary chunk") << "\x1bLuaT\x00\x19\x93"
                                  << "line 1, column 1: binary chunks are not accepted" << 1 << 1;
    QTest::newRow("return is not an expression") << "return 1"
                                                 << "line 1, column 1: unexpected symbol near 'return'" << 1 << 1;
}

void TestLuaLiteral::syntaxErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(int, line);
    QFETCH(int, column);
    for (const bool single : { true, false }) {
        const LuaLiteral::ParseResult result = single ? LuaLiteral::parse(text) : LuaLiteral::parseValues(text);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, error);
        QCOMPARE(result.line, line);
        QCOMPARE(result.column, column);
        QVERIFY(result.values.empty());
    }
    const LuaLiteral::ParseResult next = LuaLiteral::parse(QStringLiteral("{1}"));
    QVERIFY2(next.ok, qPrintable(next.error));
    QCOMPARE(next.value, arr({ unum(1) }));
}

void TestLuaLiteral::runtimeErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    // Escapes: the environment holds nothing but box.NULL.
    QTest::newRow("os.exit") << "os.exit(1)"
                             << "line 1, column 1: attempt to index a nil value (global 'os')" << 1 << 1;
    QTest::newRow("os.execute") << "os.execute('x')"
                                << "line 1, column 1: attempt to index a nil value (global 'os')" << 1 << 1;
    QTest::newRow("io.open") << "io.open('/etc/passwd')"
                             << "line 1, column 1: attempt to index a nil value (global 'io')" << 1 << 1;
    QTest::newRow("require") << "require('ffi')"
                             << "line 1, column 1: attempt to call a nil value (global 'require')" << 1 << 1;
    QTest::newRow("print") << "print(1)"
                           << "line 1, column 1: attempt to call a nil value (global 'print')" << 1 << 1;
    QTest::newRow("load") << "load('return 1')"
                          << "line 1, column 1: attempt to call a nil value (global 'load')" << 1 << 1;
    QTest::newRow("string.dump") << "load(string.dump(function() end))"
                                 << "line 1, column 6: attempt to index a nil value (global 'string')" << 1 << 6;
    QTest::newRow("_G") << "_G.os"
                        << "line 1, column 1: attempt to index a nil value (global '_G')" << 1 << 1;
    QTest::newRow("getmetatable") << "getmetatable('')"
                                  << "line 1, column 1: attempt to call a nil value (global 'getmetatable')" << 1 << 1;
    QTest::newRow("string methods") << "('x'):rep(2^40)"
                                    << "line 1, column 3: attempt to index a string value (constant 'x')" << 1 << 3;
    QTest::newRow("error()") << "error('boom')"
                             << "line 1, column 1: attempt to call a nil value (global 'error')" << 1 << 1;
    QTest::newRow("field of box") << "{box.cfg.listen}"
                                  << "line 1, column 6: attempt to index a nil value (field 'cfg')" << 1 << 6;
    QTest::newRow("box.NULL is not indexable")
            << "box.NULL.x"
            << "line 1, column 5: attempt to index a userdata value (field 'NULL')" << 1 << 5;
    QTest::newRow("second line") << "{1,\n  foo()}"
                                 << "line 2, column 3: attempt to call a nil value (global 'foo')" << 2 << 3;
    QTest::newRow("arithmetic on a string")
            << "'10' + 1"
            << "line 1, column 2: attempt to perform arithmetic on a string value (constant '10')" << 1 << 2;
    // Bounded CPU and memory: functions can be written inside a literal.
    QTest::newRow("infinite loop") << "(function() while true do end end)()"
                                   << "line 1: instruction budget exhausted" << 1 << 0;
    QTest::newRow("infinite loop, line 3") << "(function()\n  local x = 0\n  while true do x = x + 1 end\nend)()"
                                           << "line 3: instruction budget exhausted" << 3 << 0;
    // A million frames of call records need more than the memory cap.
    QTest::newRow("infinite recursion") << "(function() local function f() return 1 + f() end return f() end)()"
                                        << "not enough memory" << 0 << 0;
    QTest::newRow("infinite tail calls") << "(function() local function f() return f() end return f() end)()"
                                         << "line 1: instruction budget exhausted" << 1 << 0;
    QTest::newRow("memory bomb") << "(function() local s = 'x' while true do s = s .. s end end)()"
                                 << "not enough memory" << 0 << 0;
    QTest::newRow("table bomb") << "(function() local t = {} for i = 1, 1e9 do t[i] = i end end)()"
                                << "not enough memory" << 0 << 0;
    // Values that have no msgpack form.
    QTest::newRow("function value") << "function() end"
                                    << "cannot encode a function value" << 0 << 0;
    QTest::newRow("function in a map") << "{f = function() end}"
                                       << "cannot encode a function value at f" << 0 << 0;
    QTest::newRow("function deep inside") << "{1, {x = {2, function() end}}}"
                                          << "cannot encode a function value at [2].x[2]" << 0 << 0;
    QTest::newRow("odd key in path") << "{['a b'] = function() end}"
                                     << "cannot encode a function value at [\"a b\"]" << 0 << 0;
    QTest::newRow("cycle") << "(function() local t = {} t.t = t return t end)()"
                           << "table contains a reference cycle at t" << 0 << 0;
}

void TestLuaLiteral::runtimeErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(int, line);
    QFETCH(int, column);
    const LuaLiteral::ParseResult result = LuaLiteral::parse(text);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
    QCOMPARE(result.line, line);
    QCOMPARE(result.column, column);
    QVERIFY(result.values.empty());

    // The per-thread sandbox keeps working after every failure.
    const LuaLiteral::ParseResult next = LuaLiteral::parse(QStringLiteral("{1, box.NULL, x = 'y'}"));
    QVERIFY2(next.ok, qPrintable(next.error));
    QCOMPARE(next.value, map({ { unum(1), unum(1) }, { unum(2), nil() }, { str("x"), str("y") } }));
}

void TestLuaLiteral::bigLiteralWithinBudget()
{
    // A literal of 100000 items runs ~100000 instructions: far from the budget.
    QStringList items;
    for (int i = 0; i < 100000; ++i)
        items << QString::number(i);
    const LuaLiteral::ParseResult r =
            LuaLiteral::parse(QLatin1Char('{') + items.join(QLatin1Char(',')) + QLatin1Char('}'));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.value.size(), size_t(100000));
    QCOMPARE(r.value.at(99999), unum(99999));
}

void TestLuaLiteral::expansionIsBounded_data()
{
    QTest::addColumn<QString>("literal");
    // 60 characters that double one table 26 times: 2^26 nodes if converted.
    QTest::newRow("doubled table") << QStringLiteral(
            "(function() local t={1} for i=1,26 do t={t,t} end return t end)()");
    // One 16 MiB string met 1000 times.
    QTest::newRow("shared string") << QStringLiteral(
            "(function() local s = 'xxxxxxxx' for i = 1, 21 do s = s .. s end local t = {} "
            "for i = 1, 1000 do t[i] = s end return t end)()");
}

void TestLuaLiteral::expansionIsBounded()
{
    // Every byte the conversion produces is charged: it stops with a clear error, quickly.
    QFETCH(QString, literal);
    QElapsedTimer timer;
    timer.start();
    const LuaLiteral::ParseResult r = LuaLiteral::parse(literal);
    const qint64 ms = timer.elapsed();
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("value expands to more than 64 MiB")), qPrintable(r.error));
    QVERIFY2(ms < 3000, qPrintable(QString::number(ms)));
    // The next literal works.
    QVERIFY(LuaLiteral::parse(QStringLiteral("{1, 2}")).ok);
}

void TestLuaLiteral::threads()
{
    // Each thread has its own sandbox: parse from several at once.
    std::atomic<int> failures { 0 };
    auto work = [&failures](int seed) {
        for (int i = 0; i < 300; ++i) {
            const LuaLiteral::ParseResult r = LuaLiteral::parse(QStringLiteral("{%1, 'x', {y = %1}}").arg(seed + i));
            const MpValue expected =
                    arr({ unum(uint64_t(seed + i)), str("x"), map({ { str("y"), unum(uint64_t(seed + i)) } }) });
            if (!r.ok || r.value != expected)
                ++failures;
            if (i % 50 == 0 && LuaLiteral::parse(QStringLiteral("{1 2}")).column != 4)
                ++failures;
        }
    };
    std::thread a(work, 0);
    std::thread b(work, 1000);
    work(2000);
    a.join();
    b.join();
    QCOMPARE(failures.load(), 0);
}

void TestLuaLiteral::speed()
{
    // Cheap enough for every keystroke. The bound is loose (a slow, busy CI
    // machine); a typical run is a few microseconds per parse.
    const QString text = QStringLiteral("{1, 'abc', {x = 1, y = {true, false}}, box.NULL, 2.5}");
    LuaLiteral::parse(text); // creates this thread's sandbox
    QElapsedTimer timer;
    timer.start();
    constexpr int kRuns = 2000;
    for (int i = 0; i < kRuns; ++i)
        QVERIFY(LuaLiteral::parse(text).ok);
    const qint64 perParseUs = timer.nsecsElapsed() / 1000 / kRuns;
    qDebug("%lld us per parse", perParseUs);
    QVERIFY2(perParseUs < 1000, qPrintable(QStringLiteral("%1 us per parse").arg(perParseUs)));
}

void TestLuaLiteral::matchesTarantoolEncoder()
{
    // Where both Luas agree on the value, our encoding must be Tarantool's own
    // msgpack.encode. Left out on purpose: sparse tables (Tarantool pads them
    // with nils, we make maps), multi-key maps (Tarantool keeps hash order, we
    // sort), NaN (its sign bit differs between platforms' 0/0), and integers
    // beyond 2^53 written as decimals (LuaJIT has no integer subtype).
    const QString tarantool = QStandardPaths::findExecutable(QStringLiteral("tarantool"));
    if (tarantool.isEmpty())
        QSKIP("tarantool is not installed");
    const QStringList expressions = {
        QStringLiteral("1"),
        QStringLiteral("-1"),
        QStringLiteral("2.0"),
        QStringLiteral("-2.0"),
        QStringLiteral("0.5"),
        QStringLiteral("2^31"),
        QStringLiteral("2^53"),
        QStringLiteral("2^63"),
        QStringLiteral("-2^63"),
        QStringLiteral("2^64"),
        QStringLiteral("1e15"),
        QStringLiteral("1e300"),
        QStringLiteral("-0.0"),
        QStringLiteral("1/0"),
        QStringLiteral("-1/0"),
        QStringLiteral("true"),
        QStringLiteral("'str'"),
        QStringLiteral("{}"),
        QStringLiteral("{1, 2, 3}"),
        QStringLiteral("{x = 1}"),
        QStringLiteral("box.NULL"),
        QStringLiteral("{1, box.NULL, 3}"),
        QStringLiteral("{[1.5] = 1}"),
        QStringLiteral("{a = {b = {c = {}}}}"),
        QStringLiteral("{{1}, {2, {3}}}"),
        QStringLiteral("18446744073709551615ULL"),
        QStringLiteral("0xffffffffffffffffULL"),
        QStringLiteral("9223372036854775808ULL"),
        QStringLiteral("-1ULL"),
        QStringLiteral("1ULL"),
        QStringLiteral("-9223372036854775808LL"),
        QStringLiteral("9223372036854775807LL"),
        QStringLiteral("-1LL"),
        QStringLiteral("{18446744073709551615ULL, -1LL}"),
    };
    QString script = QStringLiteral("local msgpack = require('msgpack')\n");
    for (const QString &e : expressions)
        script += QStringLiteral("print((msgpack.encode(%1):gsub('.', function(c) return string.format('%02x', "
                                 "c:byte()) end)))\n")
                          .arg(e);
    QProcess process;
    process.start(tarantool, { QStringLiteral("-e"), script });
    process.closeWriteChannel(); // tarantool -e also runs stdin as a script
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QStringList lines =
            QString::fromLatin1(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), expressions.size());
    for (int i = 0; i < expressions.size(); ++i) {
        const LuaLiteral::ParseResult r = LuaLiteral::parse(expressions[i]);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(QString::fromLatin1(MpCodec::encode(r.value).toHex()) + QLatin1String("  ") + expressions[i],
                 lines[i] + QLatin1String("  ") + expressions[i]);
    }
}

// ---- LuaSandbox -----------------------------------------------------------

void TestLuaLiteral::sandboxLimits_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");

    // The string library refuses > INT_MAX itself; 2^30 reaches the allocator.
    QTest::newRow("string.rep 2^40") << "return string.rep('x', 2^40)"
                                     << "sandbox:1: resulting string too large";
    QTest::newRow("string.rep 2^30") << "return string.rep('x', 2^30)"
                                     << "not enough memory";
    QTest::newRow("table fill") << "local t = {} for i = 1, 1e9 do t[i] = i end"
                                << "not enough memory";
    QTest::newRow("string doubling") << "local s = 'x' while true do s = s .. s end"
                                     << "not enough memory";
    QTest::newRow("while true") << "while true do end"
                                << "sandbox:1: instruction budget exhausted";
    QTest::newRow("loop on line 2") << "local n = 0\nwhile true do n = n + 1 end"
                                    << "sandbox:2: instruction budget exhausted";
    QTest::newRow("pcall cannot swallow the budget") << "while true do pcall(function() while true do end end) end"
                                                     << "sandbox:1: instruction budget exhausted";
    QTest::newRow("nested pcalls")
            << "while true do pcall(function() while true do pcall(function() while true do end end) end end) end"
            << "sandbox:1: instruction budget exhausted";
    QTest::newRow("coroutine.resume cannot swallow the budget")
            << "while true do coroutine.resume(coroutine.create(function() while true do end end)) end"
            << "sandbox:1: instruction budget exhausted";
    QTest::newRow("coroutine.wrap") << "coroutine.wrap(function() while true do end end)()"
                                    << "sandbox:1: sandbox:1: instruction budget exhausted";
    QTest::newRow("xpcall handler loops")
            << "xpcall(function() while true do end end, function() while true do end end)"
            << "sandbox:1: instruction budget exhausted";
    QTest::newRow("xpcall handler loops after an ordinary error")
            << "xpcall(function() error('x') end, function() while true do end end)"
            << "sandbox:1: instruction budget exhausted";
    QTest::newRow("__close in a coroutine killed by the budget, wrap")
            << "coroutine.wrap(function() local x <close> = setmetatable({}, {__close = function() while true do end "
               "end})"
               " while true do end end)()"
            << "sandbox:1: sandbox:1: instruction budget exhausted";
    QTest::newRow("__close in a coroutine killed by the budget, close")
            << "local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = function() while "
               "true do end end})"
               " while true do end end)\n"
               "coroutine.resume(co)\n"
               "local ok, err = coroutine.close(co)\n"
               "error(err, 0)"
            << "instruction budget exhausted";
    QTest::newRow("__close loops")
            << "do local x <close> = setmetatable({}, {__close = function() while true do end end}) end"
            << "sandbox:1: instruction budget exhausted";
    QTest::newRow("table.sort comparator loops") << "table.sort({3, 2, 1}, function(a, b) while true do end end)"
                                                 << "sandbox:1: instruction budget exhausted";
}

void TestLuaLiteral::sandboxLimits()
{
    QFETCH(QString, code);
    QFETCH(QString, error);
    LuaSandbox sandbox;
    QVERIFY(sandbox.isValid());
    sandbox.setInstructionBudget(5'000'000); // keeps the test quick; the mechanism is the same
    const LuaSandbox::Result result = sandbox.run(code);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
    QVERIFY(result.values.empty());
    QVERIFY(sandbox.memoryUsed() <= sandbox.memoryLimit());

    // The next run works: counters are per run.
    for (int i = 0; i < 2; ++i) {
        const LuaSandbox::Result next = sandbox.run(QStringLiteral("return 1 + 1"));
        QVERIFY2(next.ok, qPrintable(next.error));
        QCOMPARE(next.values, std::vector<MpValue> { unum(2) });
    }
}

void TestLuaLiteral::sandboxCLoops()
{
    // Library loops the instruction hook cannot see.
    LuaSandbox sandbox;
    QElapsedTimer timer;
    timer.start();
    LuaSandbox::Result r = sandbox.run(
            "return string.rep('', 2^62), ('x'):rep(0), string.rep('', 2^62, ''), string.rep('ab', 3, ',')");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { str(""), str(""), str(""), str("ab,ab,ab") }));
    r = sandbox.run("table.move({}, 1, 2^62, 1)");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: bad argument #3 to 'move' (too many elements to move)"));
    r = sandbox.run("return table.move({1, 2, 3}, 1, 3, 2)");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { arr({ unum(1), unum(1), unum(2), unum(3) }) });
    r = sandbox.run("return string.rep()");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: bad argument #1 to 'rep' (string expected, got no value)"));
    QVERIFY(timer.elapsed() < 10000);
}

void TestLuaLiteral::sandboxCoroutines()
{
    // coroutine.wrap and coroutine.close are replaced; ordinary use is unchanged.
    LuaSandbox sandbox;
    LuaSandbox::Result r =
            sandbox.run("local f = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)\n"
                        "return f(1), f(10), select(2, pcall(f)), select(2, pcall(function() return f() end))");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { unum(2), unum(20), str("cannot resume dead coroutine"),
                                     str("sandbox:2: cannot resume dead coroutine") }));

    r = sandbox.run("coroutine.wrap(function() error('x') end)()");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: sandbox:1: x"));

    // __close handlers still run, on close and when an error ends a wrapped coroutine.
    r = sandbox.run(
            "local log = {}\n"
            "local function closer(name) return setmetatable({}, {__close = function() log[#log + 1] = name end}) end\n"
            "local co = coroutine.create(function() local x <close> = closer('yielded') coroutine.yield() end)\n"
            "coroutine.resume(co)\n"
            "local closed = coroutine.close(co)\n"
            "pcall(coroutine.wrap(function() local y <close> = closer('failed') error('e') end))\n"
            "return closed, log, coroutine.status(co)");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { MpValue::boolean(true), arr({ str("yielded"), str("failed") }), str("dead") }));

    r = sandbox.run("return coroutine.close(coroutine.running())");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: cannot close a running coroutine"));
    r = sandbox.run(
            "local co co = coroutine.create(function() return coroutine.close(co) end) return coroutine.resume(co)");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { MpValue::boolean(false), str("sandbox:1: cannot close a running coroutine") }));
    r = sandbox.run(
            "local main = coroutine.running()\n"
            "local inner = coroutine.create(function() return coroutine.close(main) end)\n"
            "return select(2, coroutine.resume(coroutine.create(function() return coroutine.resume(inner) end)))");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { MpValue::boolean(false), str("sandbox:2: cannot close a normal coroutine") }));
    r = sandbox.run("return coroutine.close(coroutine.create(print or tostring)), coroutine.close(1)");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: bad argument #1 to 'close' (coroutine expected, got number)"));
    r = sandbox.run("return coroutine.wrap(1)");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: bad argument #1 to 'wrap' (function expected, got number)"));
}

void TestLuaLiteral::sandboxLibraries()
{
    LuaSandbox sandbox;
    LuaSandbox::Result r = sandbox.run(
            QStringLiteral("return io, os, package, debug, dofile, loadfile, require, collectgarbage, print"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue>(9, nil()));

    r = sandbox.run(QStringLiteral("return type(string), type(table), type(math), type(utf8), type(coroutine), "
                                   "type(load), type(pcall), type(box.NULL)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { str("table"), str("table"), str("table"), str("table"), str("table"),
                                     str("function"), str("function"), str("userdata") }));

    r = sandbox.run(QStringLiteral(
            "return string.format('%d-%s', 7, 'x'), math.max(3, 9), utf8.char(233), #{table.unpack({1, 2})}"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { str("7-x"), unum(9), str("\xc3\xa9"), unum(2) }));

    r = sandbox.run(QStringLiteral("os.execute('touch /tmp/boxscope-pwned')"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: attempt to index a nil value (global 'os')"));

    r = sandbox.run(QStringLiteral("return require('ffi')"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: attempt to call a nil value (global 'require')"));

    // Libraries::None: not even string methods.
    LuaSandbox bare(LuaSandbox::Libraries::None);
    r = bare.run(QStringLiteral("return type, print, string, box"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue>(4, nil()));
    r = bare.run(QStringLiteral("return ('x'):rep(3)"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: attempt to index a string value (constant 'x')"));
    r = bare.run(QStringLiteral("return 1 + 1, 'a' .. 'b'"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { unum(2), str("ab") }));
}

void TestLuaLiteral::sandboxLoadIsTextOnly()
{
    LuaSandbox sandbox;
    LuaSandbox::Result r = sandbox.run(QStringLiteral("return load(string.dump(function() return 1 end))"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { nil(), str("attempt to load a binary chunk (mode is 't')") }));

    // An explicit mode "b" or "bt" is overridden.
    r = sandbox.run(QStringLiteral("return load(string.dump(function() return 1 end), 'x', 'bt')"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { nil(), str("attempt to load a binary chunk (mode is 't')") }));
    r = sandbox.run(QStringLiteral("return load('return 8', 'x', 'b')()"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { unum(8) });

    // Text chunks, chunk names and environments still work.
    r = sandbox.run(QStringLiteral("return load('return 7')(), load('return x', 'c', 't', {x = 5})()"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { unum(7), unum(5) }));
    r = sandbox.run(QStringLiteral("return select(2, load('x x', '=named'))"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { str("named:1: syntax error near 'x'") });
    r = sandbox.run(QStringLiteral("return load('return x', 'c', 't', nil)()"));
    QVERIFY(!r.ok); // explicit nil environment: x is not reachable
    QCOMPARE(r.error, QStringLiteral("[string \"c\"]:1: attempt to index a nil value (upvalue '_ENV')"));

    // And the host's own entry point refuses bytecode too.
    r = sandbox.run(QByteArray("\x1bLuaT\x00\x19\x93\r\n\x1a\n", 12));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("attempt to load a binary chunk (mode is 't')"));
    QVERIFY(sandbox.run(QStringLiteral("return 1")).ok);
}

void TestLuaLiteral::sandboxRefusesFinalizers()
{
    LuaSandbox sandbox;
    LuaSandbox::Result r = sandbox.run(QStringLiteral("setmetatable({}, {__gc = function() while true do end end})"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: __gc metamethods are not allowed in the sandbox"));
    // Other metatables are fine, and __gc added later is inert (Lua's rule).
    r = sandbox.run(QStringLiteral("local mt = {__index = function(t, k) return k .. '!' end}\n"
                                   "local t = setmetatable({}, mt)\n"
                                   "mt.__gc = function() while true do end end\n"
                                   "local v = t.hi\n"
                                   "t = nil\n"
                                   "return v"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { str("hi!") });
    sandbox.collectGarbage(); // would hang if the finalizer had been registered
}

void TestLuaLiteral::sandboxXpcall()
{
    LuaSandbox sandbox;
    LuaSandbox::Result r = sandbox.run(
            QStringLiteral("return xpcall(function() error('x') end, function(m) return 'handled ' .. m end)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { MpValue::boolean(false), str("handled sandbox:1: x") }));

    r = sandbox.run(QStringLiteral("return xpcall(function(a, b) return a + b, a * b end, tostring, 2, 3)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { MpValue::boolean(true), unum(5), unum(6) }));

    // Code inside xpcall can still yield (the wrapper keeps Lua's continuation).
    r = sandbox.run(QStringLiteral("local co = coroutine.wrap(function() return xpcall(function() coroutine.yield(5) "
                                   "return 6 end, tostring) end)\n"
                                   "return co(), co()"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { unum(5), MpValue::boolean(true), unum(6) }));

    r = sandbox.run(QStringLiteral("return xpcall(function() end)"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: bad argument #2 to 'xpcall' (function expected, got no value)"));
}

void TestLuaLiteral::sandboxBudgetIsPerRun()
{
    LuaSandbox sandbox;
    QCOMPARE(sandbox.instructionBudget(), LuaSandbox::kDefaultInstructionBudget);
    sandbox.setInstructionBudget(200'000);
    QCOMPARE(sandbox.instructionBudget(), uint64_t(200'000));
    // ~150000 instructions: fits once, and again, because the count restarts.
    const QString loop = QStringLiteral("local x = 0 for i = 1, 50000 do x = x + i end return x");
    for (int i = 0; i < 3; ++i) {
        const LuaSandbox::Result r = sandbox.run(loop);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.values, std::vector<MpValue> { unum(1250025000) });
        QVERIFY(sandbox.instructionsUsed() >= 100'000 && sandbox.instructionsUsed() <= 200'000);
    }
    LuaSandbox::Result r = sandbox.run(QStringLiteral("local x = 0 for i = 1, 1e6 do x = x + i end return x"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("sandbox:1: instruction budget exhausted"));
    QVERIFY(sandbox.budgetExhausted());
    r = sandbox.run(loop);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!sandbox.budgetExhausted());

    // 0 means unlimited.
    sandbox.setInstructionBudget(0);
    r = sandbox.run(QStringLiteral("local x = 0 for i = 1, 1e6 do x = x + 1 end return x"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { unum(1000000) });
}

void TestLuaLiteral::sandboxMemoryLimitIsConfigurable()
{
    LuaSandbox sandbox;
    QCOMPARE(sandbox.memoryLimit(), LuaSandbox::kDefaultMemoryLimit);
    QVERIFY(sandbox.memoryUsed() > 0 && sandbox.memoryUsed() < 1024 * 1024);
    sandbox.setMemoryLimit(sandbox.memoryUsed() + 1024 * 1024);
    LuaSandbox::Result r = sandbox.run(QStringLiteral("return #string.rep('x', 2^21)"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("not enough memory"));
    r = sandbox.run(QStringLiteral("return #string.rep('x', 2^18)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { unum(262144) });
    QVERIFY(sandbox.memoryUsed() <= sandbox.memoryLimit());

    sandbox.setMemoryLimit(0); // unlimited
    r = sandbox.run(QStringLiteral("return #string.rep('x', 2^21)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, std::vector<MpValue> { unum(2097152) });
}

void TestLuaLiteral::sandboxMemoryIsReturnedAfterFailure()
{
    LuaSandbox sandbox;
    const LuaSandbox::Result r = sandbox.run(QStringLiteral("local t = {} for i = 1, 1e9 do t[i] = i end"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("not enough memory"));
    QVERIFY2(sandbox.memoryUsed() < 1024 * 1024, qPrintable(QString::number(sandbox.memoryUsed())));
}

void TestLuaLiteral::sandboxErrorObjects_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");

    QTest::newRow("string") << "error('boom')"
                            << "sandbox:1: boom";
    QTest::newRow("string, level 0") << "error('boom', 0)"
                                     << "boom";
    QTest::newRow("integer") << "error(42)"
                             << "42";
    QTest::newRow("float") << "error(1.5)"
                           << "1.5";
    QTest::newRow("nil") << "error()"
                         << "nil";
    QTest::newRow("__tostring") << "error(setmetatable({}, {__tostring = function() return 'custom' end}))"
                                << "custom";
    QTest::newRow("__tostring fails") << "error(setmetatable({}, {__tostring = function() error('no') end}))"
                                      << "(error object is a table value)";
    QTest::newRow("__name") << "error(setmetatable({}, {__name = 'MyError', __tostring = function() return 'E!' end}))"
                            << "E!";
    QTest::newRow("syntax") << "return ("
                            << "sandbox:1: unexpected symbol near <eof>";
    QTest::newRow("runtime") << "local t = nil\nreturn t.x"
                             << "sandbox:2: attempt to index a nil value (local 't')";
}

void TestLuaLiteral::sandboxErrorObjects()
{
    QFETCH(QString, code);
    QFETCH(QString, error);
    LuaSandbox sandbox;
    const LuaSandbox::Result r = sandbox.run(code);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
}

void TestLuaLiteral::sandboxResults()
{
    LuaSandbox sandbox;
    LuaSandbox::Result r = sandbox.run(QStringLiteral("return 1, nil, 'a', {1, 2}, box.NULL, 2^53"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { unum(1), nil(), str("a"), arr({ unum(1), unum(2) }), nil(),
                                     unum(9007199254740992ull) }));
    r = sandbox.run(QStringLiteral("x = 5"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.values.empty());
    // Globals persist between runs of one sandbox.
    r = sandbox.run(QStringLiteral("return x"));
    QCOMPARE(r.values, std::vector<MpValue> { unum(5) });
    // A result without a msgpack form fails the run, naming the value.
    r = sandbox.run(QStringLiteral("return 1, print or tostring"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("value 2: cannot encode a function value"));
    r = sandbox.run(QStringLiteral("return tostring"), "=named");
    QCOMPARE(r.error, QStringLiteral("cannot encode a function value"));
    r = sandbox.run(QStringLiteral("error('x')"), "=named");
    QCOMPARE(r.error, QStringLiteral("named:1: x"));
}

void TestLuaLiteral::sandboxLowLevelApi()
{
    // load() + call(): what run() is made of, for hosts that push arguments.
    LuaSandbox sandbox;
    QString error;
    QVERIFY(sandbox.load("return ...", "=args", &error));
    QVERIFY(sandbox.setGlobal("unused", nil()));
    LuaSandbox::Result r = sandbox.call(0);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.values.empty());

    QVERIFY(!sandbox.load("return +", "=args", &error));
    QCOMPARE(error, QStringLiteral("args:1: unexpected symbol near '+'"));

    // callProtected runs host C code in protected mode without touching the stack.
    QVERIFY(sandbox.callProtected([](lua_State *) { return 0; }, 0, 0, &error));
    r = sandbox.run(QStringLiteral("return 1"));
    QCOMPARE(r.values, std::vector<MpValue> { unum(1) });

    // The hook follows coroutines: a resume inside the script gets the error.
    sandbox.setInstructionBudget(100'000);
    r = sandbox.run(
            QStringLiteral("local co = coroutine.create(function() local n = 0 while true do n = n + 1 end end)\n"
                           "return coroutine.resume(co)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { MpValue::boolean(false), str("sandbox:1: instruction budget exhausted") }));
    QCOMPARE(LuaSandbox::fromState(sandbox.state()), &sandbox);
}

// ---- LuaValue -------------------------------------------------------------

void TestLuaLiteral::roundTrip_data()
{
    QTest::addColumn<MpValue>("input");
    QTest::addColumn<MpValue>("expected"); // after MpValue -> Lua -> MpValue

    QTest::newRow("nil") << nil() << nil();
    QTest::newRow("true") << MpValue::boolean(true) << MpValue::boolean(true);
    QTest::newRow("false") << MpValue::boolean(false) << MpValue::boolean(false);
    QTest::newRow("uint") << unum(7) << unum(7);
    QTest::newRow("int") << num(-7) << num(-7);
    QTest::newRow("int64 min") << num(std::numeric_limits<int64_t>::min()) << num(std::numeric_limits<int64_t>::min());
    QTest::newRow("int64 max") << unum(uint64_t(std::numeric_limits<int64_t>::max()))
                               << unum(uint64_t(std::numeric_limits<int64_t>::max()));
    // Above INT64_MAX a uint64 value (LuaUint64), exact.
    QTest::newRow("2^63") << unum(9223372036854775808ull) << unum(9223372036854775808ull);
    QTest::newRow("2^63 + 1") << unum(9223372036854775809ull) << unum(9223372036854775809ull);
    QTest::newRow("uint64 max") << unum(std::numeric_limits<uint64_t>::max())
                                << unum(std::numeric_limits<uint64_t>::max());
    QTest::newRow("double") << dbl(1.25) << dbl(1.25);
    QTest::newRow("float32") << MpValue::floating(0.5f) << dbl(0.5);
    QTest::newRow("integral double") << dbl(3.0) << unum(3);
    QTest::newRow("infinity") << dbl(std::numeric_limits<double>::infinity())
                              << dbl(std::numeric_limits<double>::infinity());
    QTest::newRow("str") << str("hello") << str("hello");
    QTest::newRow("str with zero") << MpValue::string(QByteArray("a\0b", 3)) << MpValue::string(QByteArray("a\0b", 3));
    QTest::newRow("bin becomes str") << MpValue::binary(QByteArray("\x01\x02", 2))
                                     << MpValue::string(QByteArray("\x01\x02", 2));
    QTest::newRow("empty array") << arr() << arr();
    QTest::newRow("empty map becomes an array") << map({}) << arr();
    QTest::newRow("array") << arr({ unum(1), str("a"), MpValue::boolean(true) })
                           << arr({ unum(1), str("a"), MpValue::boolean(true) });
    QTest::newRow("array with nils") << arr({ nil(), unum(1), nil() }) << arr({ nil(), unum(1), nil() });
    QTest::newRow("map") << map({ { str("a"), unum(1) }, { str("b"), arr({ unum(2) }) } })
                         << map({ { str("a"), unum(1) }, { str("b"), arr({ unum(2) }) } });
    QTest::newRow("map is sorted") << map({ { str("b"), unum(2) }, { str("a"), unum(1) } })
                                   << map({ { str("a"), unum(1) }, { str("b"), unum(2) } });
    QTest::newRow("map with nil value") << map({ { str("a"), nil() } }) << map({ { str("a"), nil() } });
    QTest::newRow("map with nil key") << map({ { nil(), unum(1) } }) << map({ { nil(), unum(1) } });
    QTest::newRow("map with integer keys 1..n becomes an array")
            << map({ { unum(2), str("b") }, { unum(1), str("a") } }) << arr({ str("a"), str("b") });
    QTest::newRow("IPROTO-style map") << map({ { unum(0x00), unum(1) }, { unum(0x30), arr({ unum(5) }) } })
                                      << map({ { unum(0x00), unum(1) }, { unum(0x30), arr({ unum(5) }) } });
    QTest::newRow("duplicate keys: last wins")
            << map({ { str("k"), unum(1) }, { str("k"), unum(2) } }) << map({ { str("k"), unum(2) } });
    QTest::newRow("ext") << MpValue::ext(1, QByteArray("\x00\x01\x02", 3))
                         << MpValue::ext(1, QByteArray("\x00\x01\x02", 3));
    QTest::newRow("ext, negative type, empty") << MpValue::ext(-1, QByteArray()) << MpValue::ext(-1, QByteArray());
    QTest::newRow("ext inside") << arr({ MpValue::ext(4, QByteArray("uuid-bytes-16...")),
                                         map({ { str("e"), MpValue::ext(2, QByteArray("d")) } }) })
                                << arr({ MpValue::ext(4, QByteArray("uuid-bytes-16...")),
                                         map({ { str("e"), MpValue::ext(2, QByteArray("d")) } }) });
    QTest::newRow("128 levels") << nestedArrays(128) << nestedArrays(128);
}

void TestLuaLiteral::roundTrip()
{
    QFETCH(MpValue, input);
    QFETCH(MpValue, expected);
    LuaSandbox sandbox;
    QString error;
    QVERIFY2(sandbox.setGlobal("v", input, &error), qPrintable(error));
    const LuaSandbox::Result r = sandbox.run(QStringLiteral("return v"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values.size(), size_t(1));
    QCOMPARE(r.values.front(), expected);
}

void TestLuaLiteral::extInLua()
{
    LuaSandbox sandbox;
    QVERIFY(sandbox.setGlobal("e", MpValue::ext(-3, QByteArray("abc"))));
    const LuaSandbox::Result r = sandbox.run(QStringLiteral(
            "return type(e), e.type, e.data, #e, tostring(e), e.other, getmetatable(e), pcall(setmetatable, e, {})"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values,
             (std::vector<MpValue> { str("userdata"), num(-3), str("abc"), unum(3), str("msgpack.ext(-3, 3 bytes)"),
                                     nil(), str("msgpack.ext"), MpValue::boolean(false),
                                     str("bad argument #1 to 'setmetatable' (table expected, got msgpack.ext)") }));
}

void TestLuaLiteral::nilInsideContainersIsBoxNull()
{
    LuaSandbox sandbox;
    QVERIFY(sandbox.setGlobal("a", arr({ unum(1), nil(), unum(3) })));
    QVERIFY(sandbox.setGlobal("n", nil()));
    const LuaSandbox::Result r = sandbox.run(QStringLiteral("return #a, a[2] == box.NULL, n == nil, type(n)"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values, (std::vector<MpValue> { unum(3), MpValue::boolean(true), MpValue::boolean(true), str("nil") }));
}

void TestLuaLiteral::pushFailures()
{
    LuaSandbox sandbox;
    QString error;
    QVERIFY(!sandbox.setGlobal("v", map({ { dbl(std::nan("")), unum(1) } }), &error));
    QCOMPARE(error, QStringLiteral("cannot use NaN as a table key"));

    QVERIFY(!sandbox.setGlobal("v", nestedArrays(MpCodec::kDefaultMaxDepth + 2), &error));
    QCOMPARE(error, QStringLiteral("msgpack value nesting too deep"));

    sandbox.setMemoryLimit(sandbox.memoryUsed() + 64 * 1024);
    QVERIFY(!sandbox.setGlobal("v", str(QByteArray(256 * 1024, 'x').constData()), &error));
    QCOMPARE(error, QStringLiteral("not enough memory"));

    // None of this broke the state.
    sandbox.setMemoryLimit(LuaSandbox::kDefaultMemoryLimit);
    QVERIFY(sandbox.setGlobal("v", unum(9), &error));
    const LuaSandbox::Result r = sandbox.run(QStringLiteral("return v"));
    QCOMPARE(r.values, std::vector<MpValue> { unum(9) });
}

void TestLuaLiteral::encodeErrors_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");

    QTest::newRow("function") << "return print or tostring"
                              << "cannot encode a function value";
    QTest::newRow("thread") << "return {1, {2, coroutine.create(function() end)}}"
                            << "cannot encode a thread value at [2][2]";
    QTest::newRow("function as key") << "return {[tostring] = 1}"
                                     << "cannot encode a function value";
    QTest::newRow("cycle") << "local t = {} t[1] = t return t"
                           << "table contains a reference cycle at [1]";
    QTest::newRow("cycle through a key") << "local t = {} t[t] = 1 return t"
                                         << "table contains a reference cycle";
    QTest::newRow("cycle deeper") << "local t = {a = {b = {}}} t.a.b.c = t.a return t"
                                  << "table contains a reference cycle at a.b.c";
    QTest::newRow("129 levels") << "local t = {} for i = 2, 129 do t = {t} end return t"
                                << QStringLiteral("table nesting too deep (limit is 128) at ")
                    + QStringLiteral("[1]").repeated(128);
    QTest::newRow("128 levels under a map key")
            << "local t = {} for i = 2, 128 do t = {t} end return {k = t}"
            << QStringLiteral("table nesting too deep (limit is 128) at k") + QStringLiteral("[1]").repeated(127);
}

void TestLuaLiteral::encodeErrors()
{
    QFETCH(QString, code);
    QFETCH(QString, error);
    LuaSandbox sandbox;
    const LuaSandbox::Result r = sandbox.run(code);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
    QVERIFY(sandbox.run(QStringLiteral("return 1")).ok);
}

QTEST_GUILESS_MAIN(TestLuaLiteral)
#include "tst_lualiteral.moc"
