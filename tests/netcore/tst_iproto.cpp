// The IPROTO value types: Greeting, chap-sha1, RequestEncoder, Uri and the Iproto name tables.
//
// Wire facts are from /work/shared/IPROTO.md and reference/netbox-baseline.md (a raw-socket
// capture of the Debian tarantool 2.6.0).

#include "MpBuilders.h"
#include "format/MpFormat.h"
#include "iproto/Error.h"
#include "iproto/FrameDecoder.h"
#include "iproto/Greeting.h"
#include "iproto/Iproto.h"
#include "iproto/RequestEncoder.h"
#include "iproto/RequestSpec.h"
#include "iproto/Scramble.h"
#include "iproto/Uri.h"
#include "msgpack/MpValue.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <QtTest>

#include <functional>
#include <vector>

using namespace Boxscope;
using namespace Boxscope::Test;

namespace {

// One greeting line: text, space-padded to 63 bytes, then '\n'.
QByteArray line(const QByteArray &text)
{
    QByteArray l = text.leftJustified(63, ' ', true);
    l.append('\n');
    return l;
}

const QByteArray kUuid = "6e079a5e-15e8-4dba-9363-5bffd4ce554d";
const QByteArray kSalt64 = "AbSKboIg4I9ZwLOlwPyjyTUh1WD0wTHeRhaEUmTtJaU=";
// The same salt, decoded (32 bytes).
const QByteArray kSaltHex = "01b48a6e8220e08f59c0b3a5c0fca3c93521d560f4c131de4616845264ed25a5";

QByteArray realGreeting()
{
    return line("Tarantool 2.6.0 (Binary) " + kUuid) + line(kSalt64);
}

// The XOR of two equal-length byte strings.
QByteArray xorBytes(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(a.size(), '\0');
    for (int i = 0; i < a.size(); ++i)
        out[i] = char(a[i] ^ b[i]);
    return out;
}

QByteArray sha1(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha1);
}

// ---- encoder cases: each builds a frame and says what must come out of it -------------

struct EncoderCase
{
    const char *name;
    std::function<QByteArray()> build;
    uint32_t type;
    uint64_t sync;
    uint64_t schemaVersion; // 0: the header must not carry SCHEMA_VERSION
    // Keys the body must have, with their values.
    std::vector<std::pair<uint32_t, MpValue>> required;
    // Keys the body may have, with the only value they may hold (e.g. INDEX_BASE = 1).
    std::vector<std::pair<uint32_t, MpValue>> optional;
};

const QByteArray kScramble = QByteArray::fromHex("491b8fe0a291412a1c6a7cd5975efa126e0a7f2c");

const std::vector<EncoderCase> &encoderCases()
{
    using namespace Iproto;
    namespace E = RequestEncoder;
    static const std::vector<EncoderCase> cases = {
        { "ping", [] { return E::frame(PING, 1, E::pingBody()); }, PING, 1, 0, {}, {} },
        { "call",
          [] {
              return E::frame(CALL, 7, E::callBody("push_n", A({ U(2), U(4) })));
          },
          CALL,
          7,
          0,
          { { FUNCTION_NAME, S("push_n") }, { TUPLE, A({ U(2), U(4) }) } },
          {} },
        { "call without arguments",
          [] { return E::frame(CALL, 8, E::callBody("server_function", A({}))); },
          CALL,
          8,
          0,
          { { FUNCTION_NAME, S("server_function") }, { TUPLE, A({}) } },
          {} },
        { "eval",
          [] {
              return E::frame(EVAL, 9, E::evalBody("return ...", A({ U(1), S("a") })));
          },
          EVAL,
          9,
          0,
          { { EXPR, S("return ...") }, { TUPLE, A({ U(1), S("a") }) } },
          {} },
        { "select with schema version",
          [] { return E::frame(SELECT, 10, E::selectBody(512, 1, A({ U(3) }), GE, 2, 10), 80); },
          SELECT,
          10,
          80,
          { { SPACE_ID, U(512) },
            { INDEX_ID, U(1) },
            { KEY, A({ U(3) }) },
            { ITERATOR, U(GE) },
            { OFFSET, U(2) },
            { LIMIT, U(10) } },
          {} },
        { "select all, no limit",
          [] { return E::frame(SELECT, 11, E::selectBody(281, 0, A({}), ALL, 0, 0xffffffffu)); },
          SELECT,
          11,
          0,
          { { SPACE_ID, U(281) }, { INDEX_ID, U(0) }, { KEY, A({}) }, { ITERATOR, U(ALL) }, { LIMIT, U(0xffffffffu) } },
          { { OFFSET, U(0) } } },
        { "insert",
          [] {
              return E::frame(INSERT, 12, E::tupleBody(512, A({ U(1), S("a"), M({ { S("x"), U(1) } }) })));
          },
          INSERT,
          12,
          0,
          { { SPACE_ID, U(512) }, { TUPLE, A({ U(1), S("a"), M({ { S("x"), U(1) } }) }) } },
          {} },
        { "replace",
          [] {
              return E::frame(REPLACE, 13, E::tupleBody(512, A({ U(1), S("b") })), 81);
          },
          REPLACE,
          13,
          81,
          { { SPACE_ID, U(512) }, { TUPLE, A({ U(1), S("b") }) } },
          {} },
        { "update",
          [] {
              return E::frame(UPDATE, 14, E::updateBody(512, 0, A({ U(5) }), A({ A({ S("="), U(3), S("z") }) })));
          },
          UPDATE,
          14,
          0,
          { { SPACE_ID, U(512) }, { KEY, A({ U(5) }) }, { TUPLE, A({ A({ S("="), U(3), S("z") }) }) } },
          // Index 0 may be left out; INDEX_BASE, if sent, says field numbers are 1-based as in Lua.
          { { INDEX_ID, U(0) }, { INDEX_BASE, U(1) } } },
        { "update by secondary index",
          [] {
              return E::frame(UPDATE, 15, E::updateBody(512, 1, A({ S("item4") }), A({ A({ S("+"), U(3), U(1) }) })));
          },
          UPDATE,
          15,
          0,
          { { SPACE_ID, U(512) },
            { INDEX_ID, U(1) },
            { KEY, A({ S("item4") }) },
            { TUPLE, A({ A({ S("+"), U(3), U(1) }) }) } },
          { { INDEX_BASE, U(1) } } },
        { "upsert",
          [] {
              return E::frame(UPSERT, 16,
                              E::upsertBody(512, A({ U(7), S("item7"), U(1) }), A({ A({ S("+"), U(3), U(1) }) })));
          },
          UPSERT,
          16,
          0,
          { { SPACE_ID, U(512) }, { TUPLE, A({ U(7), S("item7"), U(1) }) }, { OPS, A({ A({ S("+"), U(3), U(1) }) }) } },
          { { INDEX_BASE, U(1) } } },
        { "delete",
          [] { return E::frame(DELETE, 17, E::deleteBody(512, 0, A({ U(5) }))); },
          DELETE,
          17,
          0,
          { { SPACE_ID, U(512) }, { KEY, A({ U(5) }) } },
          { { INDEX_ID, U(0) } } },
        { "delete by index 2",
          [] {
              return E::frame(DELETE, 18, E::deleteBody(600, 2, A({ S("k"), U(1) })));
          },
          DELETE,
          18,
          0,
          { { SPACE_ID, U(600) }, { INDEX_ID, U(2) }, { KEY, A({ S("k"), U(1) }) } },
          {} },
        { "execute",
          [] { return E::frame(EXECUTE, 19, E::executeBody("select ? as a", A({ U(1) }))); },
          EXECUTE,
          19,
          0,
          { { SQL_TEXT, S("select ? as a") }, { SQL_BIND, A({ U(1) }) } },
          { { OPTIONS, A({}) } } },
        { "execute without binds",
          [] { return E::frame(EXECUTE, 20, E::executeBody("select 1 as a", A({}))); },
          EXECUTE,
          20,
          0,
          { { SQL_TEXT, S("select 1 as a") } },
          { { SQL_BIND, A({}) }, { OPTIONS, A({}) } } },
        { "auth",
          [] { return E::frame(AUTH, 21, E::authBody("boxscope", kScramble)); },
          AUTH,
          21,
          0,
          { { USER_NAME, S("boxscope") }, { TUPLE, A({ S("chap-sha1"), MpValue::string(kScramble) }) } },
          {} },
        { "id",
          [] {
              return E::frame(ID, 22, E::idBody(3, A({ U(0), U(1), U(2) })));
          },
          ID,
          22,
          0,
          { { VERSION, U(3) }, { FEATURES, A({ U(0), U(1), U(2) }) } },
          {} },
        { "big sync",
          [] { return E::frame(PING, 0xfffffffffffffffeull, E::pingBody()); },
          PING,
          0xfffffffffffffffeull,
          0,
          {},
          {} },
    };
    return cases;
}

} // namespace

class tst_Iproto : public QObject
{
    Q_OBJECT

private slots:
    // An error's type is its MP_ERROR stack's outermost entry's; a custom one
    // (box.error.new{type = 'MyError'}, sent as CustomError with fields.custom_type) is named
    // by its own name, as net.box's error.type (checked against tarantool 2.6).
    void errorTypeFromTheStack()
    {
        auto entry = [](const char *type, const MpValue &fields) {
            std::vector<std::pair<MpValue, MpValue>> kv;
            kv.emplace_back(MpValue::uinteger(0), MpValue::string(type));
            kv.emplace_back(MpValue::uinteger(3), MpValue::string("boom"));
            if (!fields.isNil())
                kv.emplace_back(MpValue::uinteger(6), fields);
            return MpValue::map(std::move(kv));
        };
        auto stackOf = [](const MpValue &top) {
            std::vector<std::pair<MpValue, MpValue>> kv;
            kv.emplace_back(MpValue::uinteger(0), MpValue::array({ top }));
            return MpValue::map(std::move(kv));
        };
        std::vector<std::pair<MpValue, MpValue>> custom;
        custom.emplace_back(MpValue::string("custom_type"), MpValue::string("MyError"));
        const Error e = Error::server(32, QString(), stackOf(entry("CustomError", MpValue::map(std::move(custom)))));
        QCOMPARE(e.type, QStringLiteral("MyError"));
        QCOMPARE(e.message, QStringLiteral("boom"));
        QCOMPARE(Error::server(32, QStringLiteral("x"), stackOf(entry("ClientError", MpValue()))).type,
                 QStringLiteral("ClientError"));
        QCOMPARE(Error::server(32, QStringLiteral("x"), MpValue()).type, QStringLiteral("ClientError"));
    }

    // ---- Greeting ------------------------------------------------------------------------

    void greeting_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("versionId");
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("uuid");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<QString>("needle"); // in the error text

        QTest::newRow("real 2.6.0") << realGreeting() << true << "2.6.0" << 20600 << "Binary" << QString(kUuid)
                                    << QByteArray::fromHex(kSaltHex) << QString();
        QTest::newRow("2.11.1") << line("Tarantool 2.11.1 (Binary) " + kUuid) + line(kSalt64) << true << "2.11.1"
                                << 21101 << "Binary" << QString(kUuid) << QByteArray::fromHex(kSaltHex) << QString();
        QTest::newRow("1.10 with a 20-byte salt")
                << line("Tarantool 1.10.15 (Binary) " + kUuid) + line(QByteArray(20, '\x7f').toBase64()) << true
                << "1.10.15" << 11015 << "Binary" << QString(kUuid) << QByteArray(20, '\x7f') << QString();

        const QByteArray console = line("Tarantool 2.6.0 (Lua console)") + line("type 'help' for interactive help");
        QTest::newRow("Lua console port") << console << false << "" << 0 << ""
                                          << "" << QByteArray() << "Lua console";
        QTest::newRow("empty") << QByteArray() << false << "" << 0 << ""
                               << "" << QByteArray() << "short";
        QTest::newRow("short: first line only") << line("Tarantool 2.6.0 (Binary) " + kUuid) << false << "" << 0 << ""
                                                << "" << QByteArray() << "short";
        QTest::newRow("127 bytes") << realGreeting().left(127) << false << "" << 0 << ""
                                   << "" << QByteArray() << "short";
        QTest::newRow("HTTP server") << line("HTTP/1.1 400 Bad Request") + line("Connection: close") << false << "" << 0
                                     << ""
                                     << "" << QByteArray() << "not a Tarantool greeting";
        QTest::newRow("binary garbage") << QByteArray(128, '\xce') << false << "" << 0 << ""
                                        << "" << QByteArray() << "not a Tarantool greeting";
        QByteArray noNewline = realGreeting();
        noNewline[63] = ' ';
        QTest::newRow("line 1 without its newline") << noNewline << false << "" << 0 << ""
                                                    << "" << QByteArray() << "greeting";
        QTest::newRow("no protocol word") << line("Tarantool 2.6.0") + line(kSalt64) << false << "" << 0 << ""
                                          << "" << QByteArray() << "greeting";
        QTest::newRow("salt not base64") << line("Tarantool 2.6.0 (Binary) " + kUuid) + line("!!!! not base64 ####")
                                         << false << "" << 0 << ""
                                         << "" << QByteArray() << "salt";
        QTest::newRow("salt too short") << line("Tarantool 2.6.0 (Binary) " + kUuid) + line("AAAA") << false << "" << 0
                                        << ""
                                        << "" << QByteArray() << "salt";
    }

    void greeting()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, ok);
        QFETCH(QString, version);
        QFETCH(int, versionId);
        QFETCH(QString, protocol);
        QFETCH(QString, uuid);
        QFETCH(QByteArray, salt);
        QFETCH(QString, needle);

        Greeting g;
        QString error;
        QCOMPARE(Greeting::parse(bytes, &g, &error), ok);
        if (!ok) {
            QVERIFY2(error.contains(needle, Qt::CaseInsensitive), qPrintable(error));
            return;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(g.product, QStringLiteral("Tarantool"));
        QCOMPARE(g.versionString, version);
        QCOMPARE(g.versionId(), versionId);
        QCOMPARE(g.protocol, protocol);
        QVERIFY(g.isBinary());
        QCOMPARE(g.instanceUuid, uuid);
        QCOMPARE(g.salt, salt);
    }

    void greetingVersionChecks()
    {
        Greeting g;
        QString error;
        QVERIFY(Greeting::parse(realGreeting(), &g, &error));
        QCOMPARE(g.major, 2);
        QCOMPARE(g.minor, 6);
        QCOMPARE(g.patch, 0);
        QCOMPARE(g.salt.size(), 32);
        // 2.6 does not know IPROTO_ID: the client must not send it.
        QVERIFY(g.atLeast(2, 6));
        QVERIFY(g.atLeast(1, 10));
        QVERIFY(!g.atLeast(2, 10));
        QVERIFY(!g.atLeast(3, 0));

        QVERIFY(Greeting::parse(line("Tarantool 2.10.0 (Binary) " + kUuid) + line(kSalt64), &g, &error));
        QVERIFY(g.atLeast(2, 10));
        QVERIFY(!g.atLeast(2, 11));
        QVERIFY(Greeting::parse(line("Tarantool 3.0.1 (Binary) " + kUuid) + line(kSalt64), &g, &error));
        QVERIFY(g.atLeast(2, 10));
    }

    // ---- chap-sha1 -----------------------------------------------------------------------

    void scramble_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<QByteArray>("expectedHex"); // computed with Python's hashlib

        const QByteArray salt = QByteArray::fromHex(kSaltHex);
        QTest::newRow("secret") << QByteArray("secret") << salt
                                << QByteArray("491b8fe0a291412a1c6a7cd5975efa126e0a7f2c");
        QTest::newRow("empty password") << QByteArray() << salt
                                        << QByteArray("aad1760b5e84f6b207f4e713e7881a2e3d72aa89");
        QTest::newRow("UTF-8 password") << QByteArray("p\xc3\xa4ss") << salt
                                        << QByteArray("cdae0cc498a2980e1e6f43c43e38d466443e2fbe");
    }

    void scramble()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, salt);
        QFETCH(QByteArray, expectedHex);

        // Step by step, as IPROTO.md spells it:
        //   scramble = sha1(pw) XOR sha1(salt[0:20] ‖ sha1(sha1(pw)))
        const QByteArray step1 = sha1(password);
        const QByteArray step2 = sha1(step1);
        const QByteArray step3 = sha1(salt.left(20) + step2);
        const QByteArray expected = xorBytes(step1, step3);
        QCOMPARE(expected.toHex(), expectedHex);

        const QByteArray got = chapSha1Scramble(password, salt);
        QCOMPARE(got.size(), 20);
        QCOMPARE(got.toHex(), expectedHex);
        // The server undoes it: sha1(scramble XOR step3) must be the stored sha1(sha1(pw)).
        QCOMPARE(sha1(xorBytes(got, step3)), step2);
    }

    void scrambleUsesOnlyTheFirst20SaltBytes()
    {
        const QByteArray salt = QByteArray::fromHex(kSaltHex);
        const QByteArray base = chapSha1Scramble("secret", salt);
        QByteArray tail = salt;
        tail[25] = char(tail[25] ^ 0xff);
        QCOMPARE(chapSha1Scramble("secret", tail), base);
        QCOMPARE(chapSha1Scramble("secret", salt.left(20)), base);
        QByteArray head = salt;
        head[19] = char(head[19] ^ 0x01);
        QVERIFY(chapSha1Scramble("secret", head) != base);
        QVERIFY(chapSha1Scramble("Secret", salt) != base);
    }

    // ---- RequestEncoder ------------------------------------------------------------------

    void goldenCallPushN()
    {
        // The exact request net.box sent in the 2.6 capture.
        const QByteArray expected =
                QByteArray::fromHex("ce 00 00 00 12 82 00 0a 01 07 82 22 a6 70 75 73 68 5f 6e 21 92 02 04");
        QCOMPARE(expected.size(), 23);
        const QByteArray frame = RequestEncoder::frame(
                Iproto::CALL, 7, RequestEncoder::callBody(QStringLiteral("push_n"), A({ U(2), U(4) })));
        QCOMPARE(frame.toHex(' '), expected.toHex(' '));
    }

    void goldenPing()
    {
        const QByteArray frame = RequestEncoder::frame(Iproto::PING, 1, RequestEncoder::pingBody());
        QCOMPARE(frame.toHex(' '), QByteArray("ce 00 00 00 06 82 00 40 01 01 80"));
    }

    void encoderShapes_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < encoderCases().size(); ++i)
            QTest::newRow(encoderCases()[i].name) << int(i);
    }

    void encoderShapes()
    {
        QFETCH(int, index);
        const EncoderCase &c = encoderCases()[size_t(index)];
        const QByteArray bytes = c.build();

        // The prefix: `ce` + big-endian size of the rest, as net.box frames requests.
        QVERIFY(bytes.size() > 5);
        QCOMPARE(uchar(bytes.at(0)), uchar(0xce));
        QCOMPARE(qFromBigEndian<quint32>(bytes.constData() + 1), quint32(bytes.size() - 5));

        FrameDecoder d;
        d.feed(bytes);
        Frame f;
        QCOMPARE(d.next(&f), FrameDecoder::Result::Frame);
        QCOMPARE(d.pending(), size_t(0));

        // Header: exactly REQUEST_TYPE and SYNC, plus SCHEMA_VERSION when asked for.
        QVERIFY(f.header.isMap());
        QCOMPARE(f.header.size(), size_t(c.schemaVersion ? 3 : 2));
        QVERIFY(f.header.find(uint64_t(Iproto::REQUEST_TYPE)));
        QCOMPARE(*f.header.find(uint64_t(Iproto::REQUEST_TYPE)), U(c.type));
        QVERIFY(f.header.find(Iproto::SYNC));
        QCOMPARE(*f.header.find(Iproto::SYNC), U(c.sync));
        if (c.schemaVersion) {
            QVERIFY(f.header.find(Iproto::SCHEMA_VERSION));
            QCOMPARE(*f.header.find(Iproto::SCHEMA_VERSION), U(c.schemaVersion));
        }

        // Body: every required key with its value, optional keys only with their one value,
        // nothing else, no key twice.
        QVERIFY2(f.body.isMap(), MpValue::typeName(f.body.type()));
        for (const auto &[key, value] : c.required) {
            const MpValue *got = f.body.find(key);
            QVERIFY2(got, Iproto::keyName(key));
            QCOMPARE(*got, value);
        }
        std::vector<uint64_t> seen;
        for (size_t i = 0; i < f.body.size(); ++i) {
            bool ok = false;
            const uint64_t key = f.body.mapKey(i).toUInt64(&ok);
            QVERIFY2(ok, "body keys are unsigned integers");
            QVERIFY2(std::find(seen.begin(), seen.end(), key) == seen.end(), Iproto::keyName(uint32_t(key)));
            seen.push_back(key);
            bool known = false;
            for (const auto &r : c.required)
                known = known || r.first == key;
            for (const auto &o : c.optional) {
                if (o.first == key) {
                    known = true;
                    QCOMPARE(f.body.mapValue(i), o.second);
                }
            }
            QVERIFY2(known,
                     qPrintable(QStringLiteral("unexpected body key 0x%1 (%2)")
                                        .arg(key, 2, 16, QLatin1Char('0'))
                                        .arg(QLatin1String(Iproto::keyName(uint32_t(key))))));
        }
    }

    // RequestSpec::frame() writes its body without building it: the bytes are those of
    // RequestEncoder::frame() over body(), for every method and every shape of its values.
    void specFrameIsFrameOfBody()
    {
        const std::vector<MpValue> values = { MpValue(),
                                              A(),
                                              A({ U(1) }),
                                              A({ U(1), S("name"), MpValue::integer(-70000), MpValue::doubleValue(2.5),
                                                  M({ { S("k"), A({ MpValue::boolean(true) }) } }) }),
                                              U(7),
                                              S("not an array"),
                                              M({ { U(1), U(2) } }),
                                              A(std::vector<MpValue>(40, S(QString(300, QLatin1Char('x'))))) };
        const QString longText(70000, QLatin1Char('t'));
        const std::vector<QString> texts = { QString(), QStringLiteral("echo"), QStringLiteral("функция"), longText };
        const ObjectRef space(QStringLiteral("bench"));
        std::vector<RequestSpec> specs;
        for (const MpValue &v : values) {
            for (const QString &t : texts) {
                specs.push_back(RequestSpec::call(t, v));
                specs.push_back(RequestSpec::eval(t, v));
                specs.push_back(RequestSpec::execute(t, v));
            }
            specs.push_back(RequestSpec::select(space, v, ObjectRef(1u), Iproto::GE, 3, 100));
            specs.push_back(RequestSpec::select(ObjectRef(512u), v));
            specs.push_back(RequestSpec::insert(space, v));
            specs.push_back(RequestSpec::replace(space, v));
            specs.push_back(RequestSpec::update(space, v, A({ A({ S("="), U(2), v }) })));
            specs.push_back(RequestSpec::upsert(space, v, v));
            specs.push_back(RequestSpec::remove(space, v, ObjectRef(2u)));
        }
        specs.push_back(RequestSpec::ping());
        for (const RequestSpec &spec : specs) {
            for (const uint64_t sync : { uint64_t(1), uint64_t(300), uint64_t(0xfffffffffffffffeull) }) {
                for (const uint64_t schemaVersion : { uint64_t(0), uint64_t(81), uint64_t(70000) }) {
                    const QByteArray expected =
                            RequestEncoder::frame(spec.requestType(), sync, spec.body(600, 70000), schemaVersion);
                    QCOMPARE(spec.frame(sync, 600, 70000, schemaVersion).toHex(' '), expected.toHex(' '));
                }
            }
        }
    }

    void schemaVersionReframes()
    {
        // A request keeps its body and is re-framed with a new SYNC / schema version on a retry.
        const MpValue body = RequestEncoder::selectBody(512, 0, A({ U(1) }), Iproto::EQ, 0, 1);
        const QByteArray a = RequestEncoder::frame(Iproto::SELECT, 5, body, 80);
        const QByteArray b = RequestEncoder::frame(Iproto::SELECT, 5, body, 81);
        const QByteArray none = RequestEncoder::frame(Iproto::SELECT, 5, body);
        QVERIFY(a != b);
        QCOMPARE(a.size(), b.size());
        QCOMPARE(none.size(), a.size() - 2); // 05 50: one more key and its fixint value
    }

    // ---- Uri -----------------------------------------------------------------------------

    void uri_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("unixPath");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("display"); // displayString(), or a word of the error

        QTest::newRow("bare port") << "3301" << true << "localhost" << 3301 << ""
                                   << ""
                                   << ""
                                   << "localhost:3301";
        QTest::newRow("host:port") << "example.org:3302" << true << "example.org" << 3302 << ""
                                   << ""
                                   << ""
                                   << "example.org:3302";
        QTest::newRow("ipv4") << "127.0.0.1:3301" << true << "127.0.0.1" << 3301 << ""
                              << ""
                              << ""
                              << "127.0.0.1:3301";
        QTest::newRow("surrounding blanks") << "  127.0.0.1:3301 " << true << "127.0.0.1" << 3301 << ""
                                            << ""
                                            << ""
                                            << "127.0.0.1:3301";
        QTest::newRow("user:pass@host:port") << "boxscope:secret@db.local:3301" << true << "db.local" << 3301 << ""
                                             << "boxscope"
                                             << "secret"
                                             << "db.local:3301";
        QTest::newRow("user@host:port") << "admin@db.local:3301" << true << "db.local" << 3301 << ""
                                        << "admin"
                                        << ""
                                        << "db.local:3301";
        QTest::newRow("password with ':'") << "u:p:q@h:1" << true << "h" << 1 << ""
                                           << "u"
                                           << "p:q"
                                           << "h:1";
        QTest::newRow("password with '@'") << "u:p@ss@h:65535" << true << "h" << 65535 << ""
                                           << "u"
                                           << "p@ss"
                                           << "h:65535";
        QTest::newRow("unix") << "unix/:/var/run/tarantool/t.sock" << true << "" << 0 << "/var/run/tarantool/t.sock"
                              << ""
                              << ""
                              << "unix/:/var/run/tarantool/t.sock";
        QTest::newRow("user:pass@unix") << "boxscope:secret@unix/:/tmp/p.sock" << true << "" << 0 << "/tmp/p.sock"
                                        << "boxscope"
                                        << "secret"
                                        << "unix/:/tmp/p.sock";
        QTest::newRow("ipv6") << "[::1]:3301" << true << "::1" << 3301 << ""
                              << ""
                              << ""
                              << "[::1]:3301";
        QTest::newRow("user:pass@ipv6") << "u:p@[fe80::1]:3301" << true << "fe80::1" << 3301 << ""
                                        << "u"
                                        << "p"
                                        << "[fe80::1]:3301";

        QTest::newRow("empty") << "" << false << "" << 0 << ""
                               << ""
                               << ""
                               << "empty";
        QTest::newRow("blank") << "   " << false << "" << 0 << ""
                               << ""
                               << ""
                               << "empty";
        QTest::newRow("port 0") << "localhost:0" << false << "" << 0 << ""
                                << ""
                                << ""
                                << "port";
        QTest::newRow("port 65536") << "localhost:65536" << false << "" << 0 << ""
                                    << ""
                                    << ""
                                    << "port";
        QTest::newRow("port 99999") << "99999" << false << "" << 0 << ""
                                    << ""
                                    << ""
                                    << "port";
        QTest::newRow("negative port") << "localhost:-1" << false << "" << 0 << ""
                                       << ""
                                       << ""
                                       << "port";
        QTest::newRow("port not a number") << "localhost:http" << false << "" << 0 << ""
                                           << ""
                                           << ""
                                           << "port";
        QTest::newRow("no port after colon") << "localhost:" << false << "" << 0 << ""
                                             << ""
                                             << ""
                                             << "port";
        QTest::newRow("host only") << "localhost" << false << "" << 0 << ""
                                   << ""
                                   << ""
                                   << "port";
        QTest::newRow("no host") << ":3301" << false << "" << 0 << ""
                                 << ""
                                 << ""
                                 << "host";
        QTest::newRow("empty user") << ":secret@localhost:3301" << false << "" << 0 << ""
                                    << ""
                                    << ""
                                    << "user";
        QTest::newRow("unix without path") << "unix/:" << false << "" << 0 << ""
                                           << ""
                                           << ""
                                           << "path";
        QTest::newRow("ipv6 without port") << "[::1]" << false << "" << 0 << ""
                                           << ""
                                           << ""
                                           << "IPv6";
        QTest::newRow("ipv6 unclosed") << "[::1:3301" << false << "" << 0 << ""
                                       << ""
                                       << ""
                                       << "IPv6";
        QTest::newRow("ipv6 bad port") << "[::1]:0" << false << "" << 0 << ""
                                       << ""
                                       << ""
                                       << "port";
    }

    void uri()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, unixPath);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, display);

        Uri u;
        QString error;
        QCOMPARE(Uri::parse(text, &u, &error), ok);
        if (!ok) {
            QVERIFY2(error.contains(display, Qt::CaseInsensitive), qPrintable(error));
            return;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(u.host, host);
        QCOMPARE(int(u.port), port);
        QCOMPARE(u.unixPath, unixPath);
        QCOMPARE(u.isUnix(), !unixPath.isEmpty());
        QCOMPARE(u.user, user);
        QCOMPARE(u.password, password);
        QCOMPARE(u.displayString(), display);
        // Credentials never show in the display form (it goes to logs).
        if (!password.isEmpty())
            QVERIFY(!u.displayString().contains(password));
    }

    // ---- Iproto names --------------------------------------------------------------------

    void iteratorNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<uint>("value");
        QTest::newRow("EQ") << "EQ" << true << 0u;
        QTest::newRow("REQ") << "REQ" << true << 1u;
        QTest::newRow("ALL") << "ALL" << true << 2u;
        QTest::newRow("LT") << "LT" << true << 3u;
        QTest::newRow("le lower case") << "le" << true << 4u;
        QTest::newRow("ge lower case") << "ge" << true << 5u;
        QTest::newRow("GT") << "GT" << true << 6u;
        QTest::newRow("unknown") << "SIDEWAYS" << false << 0u;
        QTest::newRow("empty") << "" << false << 0u;
    }

    void iteratorNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QFETCH(uint, value);
        uint32_t out = 12345;
        QCOMPARE(Iproto::iteratorFromName(name.toLatin1().constData(), &out), ok);
        if (ok) {
            QCOMPARE(out, value);
            QCOMPARE(QString::fromLatin1(Iproto::iteratorName(out)), name.toUpper());
        }
    }

    void typeAndKeyNames()
    {
        QCOMPARE(QByteArray(Iproto::requestTypeName(Iproto::CHUNK)), QByteArray("CHUNK"));
        QCOMPARE(QByteArray(Iproto::requestTypeName(Iproto::CALL)), QByteArray("CALL"));
        QCOMPARE(QByteArray(Iproto::requestTypeName(Iproto::PING)), QByteArray("PING"));
        QCOMPARE(QByteArray(Iproto::keyName(Iproto::SYNC)), QByteArray("SYNC"));
        QCOMPARE(QByteArray(Iproto::keyName(Iproto::DATA)), QByteArray("DATA"));
        QVERIFY(Iproto::keyName(0xee) == nullptr);
        // The wire values IPROTO.md lists.
        QCOMPARE(uint32_t(Iproto::CHUNK), 0x80u);
        QCOMPARE(uint32_t(Iproto::CALL), 10u);
        QCOMPARE(uint32_t(Iproto::EXECUTE), 11u);
        QCOMPARE(uint32_t(Iproto::ID), 73u);
        QCOMPARE(uint32_t(Iproto::ER_NO_SUCH_PROC), 33u);
        QCOMPARE(uint32_t(Iproto::ER_PASSWORD_MISMATCH), 47u);
        QCOMPARE(uint32_t(Iproto::ER_WRONG_SCHEMA_VERSION), 109u);
    }
};

QTEST_GUILESS_MAIN(tst_Iproto)
#include "tst_iproto.moc"
