// Values decoded from msgpack print in flow style, as Tarantool's console prints them.
//
// The expected texts were printed by tarantool 2.6 (`yaml.encode({...})`, which is what its
// console prints for `return ...`): tables whose metatable says __serialize = 'seq' or 'map'
// (the ones its msgpack decoder and net.box make) are flow collections, "sequence", "array"
// and "mapping" stay in block style, everything inside a flow collection is flow, strings in
// flow are quoted, and long flow collections continue on the next line past column 80.

#include "TarantoolFixture.h"
#include "format/MpFormat.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"
#include "lua/LuaValue.h"
#include "msgpack/MpValue.h"

#include <QTest>

using namespace Boxscope;

namespace {

MpValue str(const char *s)
{
    return MpValue::string(QByteArray(s));
}

MpValue arr(std::vector<MpValue> items)
{
    return MpValue::array(std::move(items));
}

MpValue map(std::vector<std::pair<MpValue, MpValue>> entries)
{
    return MpValue::map(std::move(entries));
}

struct Run
{
    bool ok = false;
    QString error;
    QString yaml;
};

// What LuaConsolePanel and `boxscope-cli script` print for a chunk.
Run runChunk(const QByteArray &code)
{
    Run run;
    LuaNetBox rt;
    if (!rt.isValid()) {
        run.error = rt.setupError();
        return run;
    }
    bool done = false;
    QObject::connect(&rt, &LuaNetBox::finished, [&] { done = true; });
    if (!rt.start(code) || !Test::waitFor([&] { return done; }, 10000)) {
        run.error = QStringLiteral("the chunk did not finish");
        return run;
    }
    const LuaNetBox::Outcome outcome = rt.lastOutcome();
    run.ok = outcome.ok;
    run.error = outcome.error;
    if (run.ok)
        run.yaml = MpFormat::yamlDocument(outcome.values, &outcome.anchors);
    return run;
}

const QByteArray kHelpers = "local function S(t) return setmetatable(t, {__serialize = 'seq'}) end\n"
                            "local function M(t) return setmetatable(t, {__serialize = 'map'}) end\n";

} // namespace

class TestYamlFlow : public QObject
{
    Q_OBJECT

private slots:
    void console_data();
    void console();
    void emitterFlowPaths();
    void unmarkedStaysBlock();
    void pushMarksDecodedTables();
};

void TestYamlFlow::console_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QString>("expected");

    QTest::newRow("serialize kinds") << QByteArray(
            "return S{1, 2}, setmetatable({1, 2}, {__serialize = 'array'}), M{a = 1}, "
            "setmetatable({1, 2}, {__serialize = 'sequence'}), "
            "setmetatable({a = 1}, {__serialize = 'mapping'})")
                                     << QStringLiteral(
                                                "---\n- [1, 2]\n- - 1\n  - 2\n- {'a': 1}\n- - 1\n  - 2\n- a: 1\n...\n");
    QTest::newRow("strings, scalars and wrapping")
            << QByteArray("return S{'a', 'a b', 'a:b', 'a: b', \"it's\", 'x\"y', '', '\\u{FC}', 'a\\nb', "
                          "'a\\n\\nb', ' a', 'a ', '-', '-a', '1', 'yes', 'null', true, box.NULL, 1.5, -3, "
                          "'a,b', 'a[b', '#a', 'a#b', 'a #b', '?', '?a', '~'}")
            << QStringLiteral("---\n- ['a', 'a b', 'a:b', 'a: b', 'it''s', 'x\"y', '', '\u00fc', 'a\n\n    b', 'a\n\n\n"
                              "    b', ' a', 'a ', '-', '-a', '1', 'yes', 'null', true, null, 1.5, -3, 'a,b', "
                              "'a[b',\n  '#a', 'a#b', 'a #b', '?', '?a', '~']\n...\n");
    QTest::newRow("maps, empty and nested")
            << QByteArray("return M{a = 1}, M{['a b'] = 2}, M{[1] = 2}, S{}, M{}, S{S{}, M{}}, S{M{x = S{1, 2}}}")
            << QStringLiteral(
                       "---\n- {'a': 1}\n- {'a b': 2}\n- {1: 2}\n- []\n- {}\n- [[], {}]\n- [{'x': [1, 2]}]\n...\n");
    QTest::newRow("plain tables inside flow are flow")
            << QByteArray("return S{1, {2, {x = 'y'}}}, {a = S{1}}, M{k = S{M{a = S{1, 2}}, 'x'}}")
            << QStringLiteral("---\n- [1, [2, {'x': 'y'}]]\n- a: [1]\n- {'k': [{'a': [1, 2]}, 'x']}\n...\n");
    QTest::newRow("double quotes")
            << QByteArray("return S{'a\\tb', 'a\\1b', '\\u{1F600}', '\\u{E9} x', 'a\\\\b', 'a  b'}")
            << QStringLiteral("---\n- [\"a\\tb\", \"a\\x01b\", \"\\U0001F600\", '\u00e9 x', 'a\\b', 'a  b']\n...\n");
    QTest::newRow("numbers")
            << QByteArray("return S{1.0e300, 0.1, -0.0, 1/0, 2^63, -2^63, 123456789012}")
            << QStringLiteral(
                       "---\n- [1e+300, 0.1, 0, inf, 9223372036854775808, -9223372036854775808, 123456789012]\n...\n");
    QTest::newRow("long numbers under a key")
            << QByteArray("local t = {} for i = 1, 40 do t[i] = i * 1000 end return {x = S(t)}")
            << QStringLiteral(
                       "---\n- x: [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000,\n"
                       "    14000, 15000, 16000, 17000, 18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000,\n"
                       "    26000, 27000, 28000, 29000, 30000, 31000, 32000, 33000, 34000, 35000, 36000, 37000,\n"
                       "    38000, 39000, 40000]\n...\n");
    QTest::newRow("nested sequences wrap between items")
            << QByteArray("local t = {} for i = 1, 30 do t[i] = S{i, 'name' .. i} end return S(t)")
            << QStringLiteral(
                       "---\n- [[1, 'name1'], [2, 'name2'], [3, 'name3'], [4, 'name4'], [5, 'name5'], [6, 'name6'],\n"
                       "  [7, 'name7'], [8, 'name8'], [9, 'name9'], [10, 'name10'], [11, 'name11'], [12, 'name12'],\n"
                       "  [13, 'name13'], [14, 'name14'], [15, 'name15'], [16, 'name16'], [17, 'name17'],\n"
                       "  [18, 'name18'], [19, 'name19'], [20, 'name20'], [21, 'name21'], [22, 'name22'],\n"
                       "  [23, 'name23'], [24, 'name24'], [25, 'name25'], [26, 'name26'], [27, 'name27'],\n"
                       "  [28, 'name28'], [29, 'name29'], [30, 'name30']]\n...\n");
    QTest::newRow("long strings fold inside flow")
            << QByteArray("local u = {} for i = 1, 10 do u[i] = string.rep('abcdefghi ', i) end "
                          "return S(u), M{long = string.rep('word ', 30)}")
            << QStringLiteral(
                       "---\n- ['abcdefghi ', 'abcdefghi abcdefghi ', 'abcdefghi abcdefghi abcdefghi ', 'abcdefghi\n"
                       "    abcdefghi abcdefghi abcdefghi ', 'abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi ',\n"
                       "  'abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi ', 'abcdefghi abcdefghi\n"
                       "    abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi ', 'abcdefghi abcdefghi abcdefghi\n"
                       "    abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi ', 'abcdefghi abcdefghi abcdefghi\n"
                       "    abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi ', 'abcdefghi abcdefghi\n"
                       "    abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi ']\n"
                       "- {'long': 'word word word word word word word word word word word word word word\n"
                       "    word word word word word word word word word word word word word word word word '}\n...\n");
    QTest::newRow("long items on lines of their own")
            << QByteArray("return S{string.rep('x', 100), string.rep('y', 100)}")
            << QStringLiteral("---\n- ['%1',\n  '%2']\n...\n")
                       .arg(QString(100, QLatin1Char('x')), QString(100, QLatin1Char('y')));
    QTest::newRow("complex keys") << QByteArray(
            "return M{[S{1}] = 1}, M{[string.rep('k', 130)] = 1}, M{['a\\nb'] = 1}, "
            "S{M{[S{}] = 1}, M{[M{}] = S{}}}, {[S{1, 2}] = 'v'}")
                                  << QStringLiteral("---\n- {? [1] : 1}\n- {? '%1'\n  : 1}\n- {? 'a\n\n    b' : 1}\n"
                                                    "- [{[]: 1}, {{}: []}]\n- ? [1, 2]\n  : v\n...\n")
                                             .arg(QString(130, QLatin1Char('k')));
    // lua-yaml decides a string's style while libyaml still holds the empty flow key in its
    // queue of events (yaml_is_flow_mode() looks there too), so the value is quoted.
    QTest::newRow("value of an empty flow key")
            << QByteArray("return {[S{}] = 'v'}, {a = {[M{}] = 'v w'}}, {[S{1}] = 'v'}")
            << QStringLiteral("---\n- []: 'v'\n- a:\n    {}: 'v w'\n- ? [1]\n  : v\n...\n");
    QTest::newRow("deep map on one line")
            << QByteArray("return M{a = M{b = M{c = string.rep('z', 90)}}}")
            << QStringLiteral("---\n- {'a': {'b': {'c': '%1'}}}\n...\n").arg(QString(90, QLatin1Char('z')));
    QTest::newRow("anchors on flow nodes") << QByteArray("local t = {1} local s = S{1} return S{t, t}, s, s, {s}")
                                           << QStringLiteral("---\n- [&0 [1], *0]\n- &1 [1]\n- *1\n- - *1\n...\n");
}

void TestYamlFlow::console()
{
    QFETCH(QByteArray, code);
    QFETCH(QString, expected);
    const Run run = runChunk(kHelpers + code);
    QVERIFY2(run.ok, qPrintable(run.error));
    QCOMPARE(run.yaml, expected);
}

// The emitter on hand-made values: flow where the paths say, block elsewhere.
void TestYamlFlow::emitterFlowPaths()
{
    MpFormat::YamlAnchors marks;
    marks.flow = { { 0 }, { 1, 1 } };
    const std::vector<MpValue> values = {
        arr({ MpValue::uinteger(1), str("a"), arr({ MpValue::uinteger(2), MpValue::uinteger(3) }) }),
        map({ { str("k"), arr({ str("b") }) } }),
    };
    // yaml.encode({box.tuple.new({1, 'a', {2, 3}}), {k = setmetatable({'b'}, {__serialize = 'seq'})}})
    QCOMPARE(MpFormat::yamlDocument(values, &marks), QStringLiteral("---\n- [1, 'a', [2, 3]]\n- k: ['b']\n...\n"));
    // A key that would start past column 80 goes to the next line, after the "{": the console's
    // {conn:eval('... t[i] = {id = i, name = "n" .. i} ... return t')} (Tarantool's key order).
    std::vector<MpValue> records;
    for (int i = 1; i <= 12; ++i)
        records.push_back(map({ { str("name"), MpValue::string(QByteArray("n") + QByteArray::number(i)) },
                                { str("id"), MpValue::uinteger(uint64_t(i)) } }));
    MpFormat::YamlAnchors list;
    list.flow = { { 0, 0 } };
    QCOMPARE(MpFormat::yamlDocument({ arr({ arr(std::move(records)) }) }, &list),
             QStringLiteral("---\n- - [{'name': 'n1', 'id': 1}, {'name': 'n2', 'id': 2}, {'name': 'n3', 'id': 3}, {\n"
                            "      'name': 'n4', 'id': 4}, {'name': 'n5', 'id': 5}, {'name': 'n6', 'id': 6}, {\n"
                            "      'name': 'n7', 'id': 7}, {'name': 'n8', 'id': 8}, {'name': 'n9', 'id': 9}, {\n"
                            "      'name': 'n10', 'id': 10}, {'name': 'n11', 'id': 11}, {'name': 'n12', 'id': 12}]\n"
                            "...\n"));
    // A flow root: yaml.encode(setmetatable({1, 'x'}, {__serialize = 'seq'})) is "--- [1, 'x']\n...\n".
    MpFormat::YamlAnchors root;
    root.flow = { {} };
    QCOMPARE(MpFormat::toYaml(arr({ MpValue::uinteger(1), str("x") }), &root), QStringLiteral("[1, 'x']\n"));
}

// Values without flow marks print exactly as before: block style.
void TestYamlFlow::unmarkedStaysBlock()
{
    const std::vector<MpValue> values = { arr({ MpValue::uinteger(1), map({ { str("a"), str("b") } }) }) };
    QCOMPARE(MpFormat::yamlDocument(values), QStringLiteral("---\n- - 1\n  - a: b\n...\n"));
    MpFormat::YamlAnchors none;
    QCOMPARE(MpFormat::yamlDocument(values, &none), QStringLiteral("---\n- - 1\n  - a: b\n...\n"));
}

// Decoded arrays and maps get Tarantool's msgpack metatables: __serialize 'seq' and 'map'.
void TestYamlFlow::pushMarksDecodedTables()
{
    const MpValue value = arr({ map({ { str("a"), MpValue::uinteger(1) } }), map({}) });
    LuaSandbox sandbox;
    QVERIFY(sandbox.isValid());
    QString error;
    QVERIFY2(sandbox.setGlobal("v", value, &error), qPrintable(error));
    const LuaSandbox::Result r = sandbox.run("return getmetatable(v).__serialize, getmetatable(v[2]).__serialize");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.values.size(), size_t(2));
    QCOMPARE(r.values[0].bytes(), QByteArray("seq"));
    QCOMPARE(r.values[1].bytes(), QByteArray("map"));
    // On the wire an empty table is still the empty array toMp always made of it.
    const LuaSandbox::Result wire = sandbox.run("return v[2]");
    QVERIFY2(wire.ok, qPrintable(wire.error));
    QVERIFY(wire.values.at(0).isArray());

    // Printed, the empty map stays a map.
    LuaNetBox rt;
    QVERIFY(rt.isValid());
    QVERIFY2(rt.sandbox().setGlobal("v", value, &error), qPrintable(error));
    bool done = false;
    QObject::connect(&rt, &LuaNetBox::finished, [&] { done = true; });
    QVERIFY(rt.start("return v"));
    QVERIFY(Test::waitFor([&] { return done; }, 10000));
    const LuaNetBox::Outcome outcome = rt.lastOutcome();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(MpFormat::yamlDocument(outcome.values, &outcome.anchors), QStringLiteral("---\n- [{'a': 1}, {}]\n...\n"));
}

QTEST_GUILESS_MAIN(TestYamlFlow)
#include "tst_yamlflow.moc"
