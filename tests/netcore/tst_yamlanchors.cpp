// Shared tables and cycles print as Tarantool's console prints them: YAML anchors and aliases.
//
// The expected texts were printed by tarantool 2.6 (`yaml.encode(v)`, and the console, which
// prints `return v1, v2` as yaml.encode({v1, v2})). Where a map has more than one key,
// Tarantool prints Lua's hash order and Boxscope sorted keys: those rows say so, and the
// emitter-level tests reproduce Tarantool's own order from hand-made maps.

#include "TarantoolFixture.h"
#include "format/MpFormat.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"
#include "msgpack/MpValue.h"

#include <QTest>

using namespace Boxscope;
using Kind = MpFormat::YamlAnchors::Kind;

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

MpFormat::YamlAnchors::Mark mark(std::vector<size_t> path, Kind kind, int number)
{
    MpFormat::YamlAnchors::Mark m;
    m.path = std::move(path);
    m.kind = kind;
    m.number = number;
    return m;
}

// The console's output for a chunk: what LuaConsolePanel and `boxscope-cli script` print.
struct Run
{
    bool ok = false;
    QString error;
    QString yaml;
    LuaNetBox::Outcome outcome;
};

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
    run.outcome = rt.lastOutcome();
    run.ok = run.outcome.ok;
    run.error = run.outcome.error;
    if (run.ok)
        run.yaml = MpFormat::yamlDocument(run.outcome.values, &run.outcome.anchors);
    return run;
}

} // namespace

class TestYamlAnchors : public QObject
{
    Q_OBJECT

private slots:
    // ---- the emitter, with hand-made anchors ----

    // yaml.encode({t, t}) with t = {}.
    void emitterFlowAnchor()
    {
        MpFormat::YamlAnchors a;
        a.marks = { mark({ 0 }, Kind::Anchor, 0), mark({ 1 }, Kind::Alias, 0) };
        QCOMPARE(QStringLiteral("---\n") + MpFormat::toYaml(arr({ arr({}), MpValue() }), &a) + QStringLiteral("...\n"),
                 QStringLiteral("---\n- &0 []\n- *0\n...\n"));
        // The same as a console document of two values.
        QCOMPARE(MpFormat::yamlDocument({ arr({}), MpValue() }, &a), QStringLiteral("---\n- &0 []\n- *0\n...\n"));
    }

    // a = {1}; yaml.encode({x = a, y = {a, a}}) in Tarantool's key order (y first).
    void emitterBlockAnchorAndMapAlias()
    {
        const MpValue v =
                map({ { str("y"), arr({ arr({ MpValue::uinteger(1) }), MpValue() }) }, { str("x"), MpValue() } });
        MpFormat::YamlAnchors a;
        a.marks = { mark({ 1, 0 }, Kind::Anchor, 0), mark({ 1, 1 }, Kind::Alias, 0), mark({ 3 }, Kind::Alias, 0) };
        QCOMPARE(QStringLiteral("---\n") + MpFormat::toYaml(v, &a) + QStringLiteral("...\n"),
                 QStringLiteral("---\ny:\n- &0\n  - 1\n- *0\nx: *0\n...\n"));
    }

    // c = {}; c.self = c; yaml.encode(c): the root's anchor follows "---".
    void emitterDocumentAnchor()
    {
        MpFormat::YamlAnchors a;
        a.marks = { mark({}, Kind::Anchor, 0), mark({ 1 }, Kind::Alias, 0) };
        const QString body = MpFormat::toYaml(map({ { str("self"), MpValue() } }), &a);
        QCOMPARE(body, QStringLiteral("&0\nself: *0\n"));
        QCOMPARE(QStringLiteral("--- ") + body + QStringLiteral("...\n"), QStringLiteral("--- &0\nself: *0\n...\n"));
        // A sequence at the root: `arr = {1, 2}; arr[3] = arr`.
        a.marks = { mark({}, Kind::Anchor, 0), mark({ 2 }, Kind::Alias, 0) };
        QCOMPARE(MpFormat::toYaml(arr({ MpValue::uinteger(1), MpValue::uinteger(2), MpValue() }), &a),
                 QStringLiteral("&0\n- 1\n- 2\n- *0\n"));
    }

    // Map values and keys: "y: &0" before a block sequence (not indented, as libyaml's
    // indentless sequences) and a mapping (indented); an alias key "*0 : 1"; an anchored
    // empty key "&0 []: *0"; an anchored block key "? &0".
    void emitterMapsAndKeys()
    {
        MpFormat::YamlAnchors a;
        a.marks = { mark({ 1 }, Kind::Anchor, 0), mark({ 3 }, Kind::Alias, 0) };
        QCOMPARE(MpFormat::toYaml(map({ { str("y"), arr({ MpValue::uinteger(1) }) }, { str("x"), MpValue() } }), &a),
                 QStringLiteral("y: &0\n- 1\nx: *0\n"));
        const MpValue k1 = map({ { str("k"), MpValue::uinteger(1) } });
        QCOMPARE(MpFormat::toYaml(map({ { str("y"), k1 }, { str("x"), MpValue() } }), &a),
                 QStringLiteral("y: &0\n  k: 1\nx: *0\n"));

        // {k, {[k] = 1}} with k = {} and with k = {1}.
        a.marks = { mark({ 0 }, Kind::Anchor, 0), mark({ 1, 0 }, Kind::Alias, 0) };
        QCOMPARE(MpFormat::toYaml(arr({ arr({}), map({ { MpValue(), MpValue::uinteger(1) } }) }), &a),
                 QStringLiteral("- &0 []\n- *0 : 1\n"));
        QCOMPARE(MpFormat::toYaml(arr({ arr({ MpValue::uinteger(1) }), map({ { MpValue(), MpValue::uinteger(1) } }) }),
                                  &a),
                 QStringLiteral("- &0\n  - 1\n- *0 : 1\n"));

        // {[k] = k}: an anchored key, simple when empty, "? " when not.
        a.marks = { mark({ 0 }, Kind::Anchor, 0), mark({ 1 }, Kind::Alias, 0) };
        QCOMPARE(QStringLiteral("--- ") + MpFormat::toYaml(map({ { arr({}), MpValue() } }), &a)
                         + QStringLiteral("...\n"),
                 QStringLiteral("--- &0 []: *0\n...\n"));
        QCOMPARE(MpFormat::toYaml(map({ { arr({ MpValue::uinteger(1) }), MpValue() } }), &a),
                 QStringLiteral("? &0\n- 1\n: *0\n"));
    }

    // Marks for nodes that do not exist, or out of order, are skipped; no anchors, no change.
    void emitterIgnoresStrayMarks()
    {
        const MpValue v = arr({ arr({}), MpValue::uinteger(2) });
        MpFormat::YamlAnchors a;
        a.marks = { mark({ 0, 5 }, Kind::Anchor, 0), mark({ 7 }, Kind::Alias, 0) };
        QCOMPARE(MpFormat::toYaml(v, &a), MpFormat::toYaml(v));
        MpFormat::YamlAnchors none;
        QCOMPARE(MpFormat::yamlDocument({ v }, &none), MpFormat::yamlDocument({ v }));
        QCOMPARE(MpFormat::yamlDocument({ v }, nullptr), QStringLiteral("---\n- - []\n  - 2\n...\n"));
    }

    // ---- Lua values, as the console prints them ----

    void consoleOutput_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<QString>("expected");

        QTest::newRow("two values, one table")
                << QByteArray("local t = {} return t, t") << QStringLiteral("---\n- &0 []\n- *0\n...\n");
        QTest::newRow("{t, t}") << QByteArray("local t = {} return {t, t}")
                                << QStringLiteral("---\n- - &0 []\n  - *0\n...\n");
        // Tarantool prints y before x here.
        QTest::newRow("{x = a, y = {a, a}} (sorted keys)")
                << QByteArray("local a = {1} return {x = a, y = {a, a}}")
                << QStringLiteral("---\n- x: &0\n  - 1\n  y:\n  - *0\n  - *0\n...\n");
        QTest::newRow("self reference") << QByteArray("local c = {} c.self = c return c")
                                        << QStringLiteral("---\n- &0\n  self: *0\n...\n");
        QTest::newRow("equal, not shared")
                << QByteArray("return {{}, {}}") << QStringLiteral("---\n- - []\n  - []\n...\n");
        QTest::newRow("nested anchors") << QByteArray(
                "local inner = {2} local outer = {inner, inner} return {outer, outer}")
                                        << QStringLiteral("---\n- - &0\n    - &1\n      - 2\n    - *1\n  - *0\n...\n");
        QTest::newRow("anchor in a map value, alias as a map value")
                << QByteArray("local m = {k = 1} return {a = m, b = m}")
                << QStringLiteral("---\n- a: &0\n    k: 1\n  b: *0\n...\n");
        QTest::newRow("anchor deeper in a map value")
                << QByteArray("local m = {k = 1} return {a = {x = m}, b = m}")
                << QStringLiteral("---\n- a:\n    x: &0\n      k: 1\n  b: *0\n...\n");
        QTest::newRow("arrays of arrays") << QByteArray("local e = {} return {{{e}}, {{e}}}")
                                          << QStringLiteral("---\n- - - - &0 []\n  - - - *0\n...\n");
        QTest::newRow("arrays of arrays, block")
                << QByteArray("local e = {3} return {{{e}, {e}}, {{e}}}")
                << QStringLiteral("---\n- - - - &0\n        - 3\n    - - *0\n  - - - *0\n...\n");
        QTest::newRow("strings and numbers are never anchored")
                << QByteArray("local s = 'str' return {s, s, 1, 1, 2.5, 2.5}")
                << QStringLiteral("---\n- - str\n  - str\n  - 1\n  - 1\n  - 2.5\n  - 2.5\n...\n");
        QTest::newRow("box.NULL") << QByteArray("return {box.NULL, box.NULL, {}, {}}")
                                  << QStringLiteral("---\n- - null\n  - null\n  - []\n  - []\n...\n");
        QTest::newRow("cycle of two") << QByteArray("local p, q = {}, {} p.q = q q.p = p return p")
                                      << QStringLiteral("---\n- &0\n  q:\n    p: *0\n...\n");
        QTest::newRow("cycle of two, both listed")
                << QByteArray("local p, q = {}, {} p.q = q q.p = p return {p, q}")
                << QStringLiteral("---\n- - &0\n    q: &1\n      p: *0\n  - *1\n...\n");
        QTest::newRow("cycle of two, both returned") << QByteArray("local p, q = {}, {} p.q = q q.p = p return p, q")
                                                     << QStringLiteral("---\n- &0\n  q: &1\n    p: *0\n- *1\n...\n");
        QTest::newRow("sequence containing itself") << QByteArray("local arr = {1, 2} arr[3] = arr return arr")
                                                    << QStringLiteral("---\n- &0\n  - 1\n  - 2\n  - *0\n...\n");
        QTest::newRow("alias as a key") << QByteArray("local k = {} return {k, {[k] = 1}}")
                                        << QStringLiteral("---\n- - &0 []\n  - *0 : 1\n...\n");
        QTest::newRow("alias as a key, block") << QByteArray("local k = {1} return {k, {[k] = 1}}")
                                               << QStringLiteral("---\n- - &0\n    - 1\n  - *0 : 1\n...\n");
        QTest::newRow("anchored empty key")
                << QByteArray("local k = {} return {[k] = k}") << QStringLiteral("---\n- &0 []: *0\n...\n");
        QTest::newRow("anchored block key")
                << QByteArray("local k = {1} return {[k] = k}") << QStringLiteral("---\n- ? &0\n  - 1\n  : *0\n...\n");
        QTest::newRow("across values") << QByteArray("local t = {} return {t}, t")
                                       << QStringLiteral("---\n- - &0 []\n- *0\n...\n");
        QTest::newRow("numbered as printed")
                << QByteArray("local a, b = {1}, {2} return {b, a, b, a}")
                << QStringLiteral("---\n- - &0\n    - 2\n  - &1\n    - 1\n  - *0\n  - *1\n...\n");
        QTest::newRow("alias in a map in an array") << QByteArray("local a = {1} return {a, {x = a}}")
                                                    << QStringLiteral("---\n- - &0\n    - 1\n  - x: *0\n...\n");
        QTest::newRow("map values that are sequences") << QByteArray("local a = {} return {a = {a}, b = {a}}")
                                                       << QStringLiteral("---\n- a:\n  - &0 []\n  b:\n  - *0\n...\n");
        // Tarantool prints n before m here.
        QTest::newRow("anchored sequence as a map value (sorted keys)")
                << QByteArray("local m = {1, 2} return {a = {m = m, n = m}}")
                << QStringLiteral("---\n- a:\n    m: &0\n    - 1\n    - 2\n    n: *0\n...\n");
        QTest::newRow("anchor inside an anchor")
                << QByteArray("local a = {'x'} local b = {a, a} return {{b, a}, b}")
                << QStringLiteral("---\n- - - &0\n      - &1\n        - x\n      - *1\n    - *1\n  - *0\n...\n");
        QTest::newRow("with nil between") << QByteArray("local s = {} return 1, 'two', s, nil, s")
                                          << QStringLiteral("---\n- 1\n- two\n- &0 []\n- null\n- *0\n...\n");
    }

    void consoleOutput()
    {
        QFETCH(QByteArray, code);
        QFETCH(QString, expected);
        const Run run = runChunk(code);
        QVERIFY2(run.ok, qPrintable(run.error));
        QCOMPARE(run.yaml, expected);
    }

    // Anchors are numbered in the order they are printed (sorted keys), whatever order Lua
    // iterates the table in; aliases are nil placeholders in the values.
    void numberingFollowsPrintedOrder()
    {
        const Run run = runChunk(R"(
            local shared = {{'a'}, {'b'}, {'c'}}
            local t = {}
            for i = 20, 1, -1 do t[string.format('k%02d', i)] = shared[i % 3 + 1] end
            return t)");
        QVERIFY2(run.ok, qPrintable(run.error));
        QString expected = QStringLiteral("---\n");
        const char *const letters[] = { "a", "b", "c" };
        for (int i = 1; i <= 20; ++i) {
            const int which = i % 3;            // shared[which + 1]
            const int number = (which + 2) % 3; // k01 -> b (&0), k02 -> c (&1), k03 -> a (&2)
            const QString key = QStringLiteral("%1k%2:")
                                        .arg(i == 1 ? QStringLiteral("- ") : QStringLiteral("  "))
                                        .arg(i, 2, 10, QLatin1Char('0'));
            if (i <= 3)
                expected += key + QStringLiteral(" &%1\n  - %2\n").arg(number).arg(QLatin1String(letters[which]));
            else
                expected += key + QStringLiteral(" *%1\n").arg(number);
        }
        expected += QStringLiteral("...\n");
        QCOMPARE(run.yaml, expected);

        const MpValue &t = run.outcome.values.at(0);
        QCOMPARE(t.size(), size_t(20));
        QVERIFY(t.mapValue(0).isArray());
        QVERIFY(t.mapValue(3).isNil());
        QCOMPARE(run.outcome.anchors.marks.size(), size_t(20));
        QCOMPARE(run.outcome.anchors.marks.front().path, std::vector<size_t>({ 0, 1 }));
        QCOMPARE(int(run.outcome.anchors.marks.front().kind), int(Kind::Anchor));
        QCOMPARE(run.outcome.anchors.marks.back().path, std::vector<size_t>({ 0, 39 }));
        QCOMPARE(int(run.outcome.anchors.marks.back().kind), int(Kind::Alias));
    }

    // A table shared twice per level prints once per level, not 2^depth times.
    void sharingIsLinear()
    {
        const Run run = runChunk(R"(
            local t = {'end'}
            for i = 1, 60 do t = {t, t} end
            return t)");
        QVERIFY2(run.ok, qPrintable(run.error));
        QCOMPARE(run.outcome.anchors.marks.size(), size_t(2 * 60));
        QVERIFY(run.yaml.size() < 20000);
        QVERIFY(run.yaml.contains(QLatin1String("- &59\n")));
        QVERIFY(run.yaml.contains(QLatin1String("- end\n")));
        QCOMPARE(run.yaml.count(QLatin1String("end")), 1);
    }

    // The depth limit counts the tree as printed; a cycle does not make it deep.
    void depthLimit()
    {
        Run run = runChunk("local t = {} local c = t for i = 1, 127 do c[1] = {} c = c[1] end c[1] = t return t");
        QVERIFY2(run.ok, qPrintable(run.error));
        QVERIFY(run.yaml.endsWith(QLatin1String("- *0\n...\n")));
        run = runChunk("local t = {} local c = t for i = 1, 200 do c[1] = {} c = c[1] end return t");
        QVERIFY(!run.ok);
        QCOMPARE(run.error, QStringLiteral("table nesting too deep (limit is 128)"));
        // A 300-long chain whose links are also map values: Lua may meet the head first and
        // walk the chain down, but it prints link by link, each next one an alias.
        run = runChunk(R"(
            local nodes = {{}}
            for i = 2, 300 do nodes[i] = {next = nodes[i - 1]} end
            local byKey = {}
            for i = 1, 300 do byKey[string.format('k%03d', i)] = nodes[i] end
            return byKey)");
        QVERIFY2(run.ok, qPrintable(run.error));
        QVERIFY2(run.yaml.startsWith(QLatin1String("---\n- k001: &0 []\n  k002: &1\n    next: *0\n")),
                 qPrintable(run.yaml.left(200)));
        QVERIFY(run.yaml.endsWith(QLatin1String("  k299: &298\n    next: *297\n  k300:\n    next: *298\n...\n")));
    }

    // Values that cannot be printed still fail, with their path.
    void unsupportedValues()
    {
        const Run run = runChunk("local t = {} return {t, t, f = tostring}");
        QVERIFY(!run.ok);
        QCOMPARE(run.error, QStringLiteral("cannot encode a function value at f"));
    }

    // Errors and tuples are cdata in Tarantool, which its YAML encoder never anchors: their
    // tables print in full every time.
    void errorsPrintedByValue()
    {
        const Run run = runChunk(R"(
            local conn = require('net.box').connect('127.0.0.1:1')
            local ok, e = pcall(conn.call, conn, 'f')
            return {e, e}, ok)");
        QVERIFY2(run.ok, qPrintable(run.error));
        QVERIFY(run.outcome.anchors.isEmpty());
        QCOMPARE(run.yaml.count(QLatin1String("type: ClientError")), 2);
        QVERIFY(run.yaml.endsWith(QLatin1String("- false\n...\n")));
    }

    // The wire encoding is unchanged: a cycle is an error, a shared table is encoded twice.
    void wireConversionUnchanged()
    {
        LuaSandbox sandbox;
        LuaSandbox::Result r = sandbox.run("local c = {} c.self = c return c");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("table contains a reference cycle")), qPrintable(r.error));
        r = sandbox.run("local t = {1} return {t, t}");
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.values.at(0), arr({ arr({ MpValue::uinteger(1) }), arr({ MpValue::uinteger(1) }) }));
    }
};

QTEST_GUILESS_MAIN(TestYamlAnchors)
#include "tst_yamlanchors.moc"
