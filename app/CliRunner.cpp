#include "CliRunner.h"

#include "iproto/Iproto.h"
#include "lua/LuaLiteral.h"
#include "format/MpFormat.h"
#include "lua/ScriptRunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace Boxscope {

namespace {

void printLine(const QString &line)
{
    const QByteArray utf8 = line.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// A reason on one line (server messages may span several).
QByteArray oneLine(const QString &text)
{
    QString t = text;
    t.replace(QLatin1String("\r\n"), QLatin1String(" ")).replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return t.toUtf8();
}

QString ms(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 1);
}

QString errorLine(const Error &e)
{
    QString line = QStringLiteral("{\"event\":\"error\",\"code\":%1,\"type\":%2,\"message\":%3")
                       .arg(e.code)
                       .arg(MpFormat::jsonString(e.type), MpFormat::jsonString(e.message));
    line += QStringLiteral(",\"kind\":%1").arg(MpFormat::jsonString(QLatin1String(Error::kindName(e.kind))));
    if (!e.stack.isNil())
        line += QStringLiteral(",\"stack\":") + MpFormat::toJson(e.stack);
    line += QLatin1Char('}');
    return line;
}

// A Lua literal argument. `what` names it in error messages.
bool literal(const QString &text, const char *what, MpValue *out, QString *error)
{
    const LuaLiteral::ParseResult r = LuaLiteral::parse(text);
    if (!r.ok) {
        *error = QStringLiteral("bad %1 literal '%2': %3").arg(QLatin1String(what), text, r.error);
        return false;
    }
    *out = r.value;
    return true;
}

// Call/eval arguments as net.box takes them: a table is the argument list; a single
// scalar or several comma-separated values are wrapped into one.
bool argumentList(const QString &text, MpValue *out, QString *error)
{
    const LuaLiteral::ParseResult r = LuaLiteral::parseValues(text);
    if (!r.ok) {
        *error = QStringLiteral("bad arguments literal '%1': %2").arg(text, r.error);
        return false;
    }
    if (r.values.size() == 1 && r.values.front().isArray())
        *out = r.values.front();
    else
        *out = MpValue::array(r.values);
    return true;
}

// A key: a scalar becomes a one-part key.
bool keyLiteral(const QString &text, MpValue *out, QString *error)
{
    if (!literal(text, "key", out, error))
        return false;
    if (out->isMap()) {
        *error = QStringLiteral("bad key literal '%1': a key is a value or a list of values").arg(text);
        return false;
    }
    if (!out->isArray())
        *out = MpValue::array({*out});
    return true;
}

bool tupleLiteral(const QString &text, const char *what, MpValue *out, QString *error)
{
    if (!literal(text, what, out, error))
        return false;
    if (!out->isArray()) {
        *error = QStringLiteral("bad %1 literal '%2': expected a table such as {1, 'a'}").arg(QLatin1String(what), text);
        return false;
    }
    return true;
}

} // namespace

QString CliRunner::usage()
{
    return QStringLiteral(
        "usage: boxscope-cli [--user U] [--password P] [--timeout S] [--async] URI COMMAND ...\n"
        "       boxscope-cli script FILE.lua [URI]   (net.box-compatible Lua; URI is arg[1] and box_scope.uri)\n"
        "  URI: host:port | user:pass@host:port | unix/:PATH\n"
        "  COMMAND:\n"
        "    ping\n"
        "    call FUNC [ARGS]\n"
        "    eval EXPR [ARGS]\n"
        "    select SPACE [KEY] [--index I] [--limit N] [--offset N] [--iterator EQ|REQ|ALL|LT|LE|GE|GT]\n"
        "    insert SPACE TUPLE | replace SPACE TUPLE\n"
        "    update SPACE KEY OPS [--index I]\n"
        "    upsert SPACE TUPLE OPS\n"
        "    delete SPACE KEY [--index I]\n"
        "    execute SQL [BINDS]\n"
        "  ARGS, KEY, TUPLE, OPS and BINDS are Lua literals, e.g. \"{1, 'a', {x = 1}}\".\n"
        "  Output: one JSON object per line (push events, then a result or an error).\n"
        "  Exit status: 0 result, 1 server error, 2 usage error, 3 connection error or timeout.\n");
}

int CliRunner::usageError(const QString &message)
{
    std::fprintf(stderr, "boxscope-cli: %s\n", oneLine(message).constData());
    std::fprintf(stderr, "Try 'boxscope-cli --help'.\n");
    return ExitUsage;
}

bool CliRunner::parseCommand(const QStringList &words, Submit *submit, QString *error)
{
    if (words.isEmpty()) {
        *error = QStringLiteral("missing COMMAND");
        return false;
    }
    const QString cmd = words.first();
    // Options of select/update/delete may come anywhere after the command.
    QStringList pos;
    SelectOptions sel;
    bool haveIterator = false;
    for (int i = 1; i < words.size(); ++i) {
        const QString &w = words.at(i);
        auto value = [&](QString *out) {
            if (i + 1 >= words.size()) {
                *error = QStringLiteral("%1 needs a value").arg(w);
                return false;
            }
            *out = words.at(++i);
            return true;
        };
        QString v;
        if (w == QLatin1String("--index")) {
            if (!value(&v))
                return false;
            sel.index = ObjectRef(v);
        } else if (w == QLatin1String("--limit") || w == QLatin1String("--offset")) {
            if (!value(&v))
                return false;
            bool ok = false;
            const uint n = v.toUInt(&ok);
            if (!ok) {
                *error = QStringLiteral("%1 takes a non-negative integer, not '%2'").arg(w, v);
                return false;
            }
            (w == QLatin1String("--limit") ? sel.limit : sel.offset) = n;
        } else if (w == QLatin1String("--iterator")) {
            if (!value(&v))
                return false;
            if (!Iproto::iteratorFromName(v.toLatin1().constData(), &sel.iterator)) {
                *error = QStringLiteral("unknown iterator '%1' (EQ, REQ, ALL, LT, LE, GE, GT)").arg(v);
                return false;
            }
            haveIterator = true;
        } else {
            pos << w;
        }
    }
    auto arity = [&](int min, int max) {
        if (pos.size() < min || pos.size() > max) {
            *error = QStringLiteral("'%1' takes %2 argument(s), got %3")
                         .arg(cmd)
                         .arg(min == max ? QString::number(min) : QStringLiteral("%1 to %2").arg(min).arg(max))
                         .arg(pos.size());
            return false;
        }
        return true;
    };

    if (cmd == QLatin1String("ping")) {
        if (!arity(0, 0))
            return false;
        *submit = [](Connection &c, const RequestOptions &o) { return c.ping(o); };
    } else if (cmd == QLatin1String("call") || cmd == QLatin1String("eval")) {
        if (!arity(1, 2))
            return false;
        MpValue args = MpValue::array();
        if (pos.size() > 1 && !argumentList(pos.at(1), &args, error))
            return false;
        const QString target = pos.at(0);
        if (cmd == QLatin1String("call"))
            *submit = [target, args](Connection &c, const RequestOptions &o) { return c.call(target, args, o); };
        else
            *submit = [target, args](Connection &c, const RequestOptions &o) { return c.eval(target, args, o); };
    } else if (cmd == QLatin1String("select")) {
        if (!arity(1, 2))
            return false;
        MpValue key = MpValue::array();
        if (pos.size() > 1 && !keyLiteral(pos.at(1), &key, error))
            return false;
        if (!haveIterator && key.size() == 0)
            sel.iterator = Iproto::ALL;
        const ObjectRef space(pos.at(0));
        *submit = [space, key, sel](Connection &c, const RequestOptions &o) { return c.select(space, key, sel, o); };
    } else if (cmd == QLatin1String("insert") || cmd == QLatin1String("replace")) {
        if (!arity(2, 2))
            return false;
        MpValue tuple;
        if (!tupleLiteral(pos.at(1), "tuple", &tuple, error))
            return false;
        const ObjectRef space(pos.at(0));
        if (cmd == QLatin1String("insert"))
            *submit = [space, tuple](Connection &c, const RequestOptions &o) { return c.insert(space, tuple, o); };
        else
            *submit = [space, tuple](Connection &c, const RequestOptions &o) { return c.replace(space, tuple, o); };
    } else if (cmd == QLatin1String("update")) {
        if (!arity(3, 3))
            return false;
        MpValue key, ops;
        if (!keyLiteral(pos.at(1), &key, error) || !tupleLiteral(pos.at(2), "operations", &ops, error))
            return false;
        const ObjectRef space(pos.at(0));
        const ObjectRef index = sel.index;
        *submit = [space, key, ops, index](Connection &c, const RequestOptions &o) {
            return c.update(space, key, ops, index, o);
        };
    } else if (cmd == QLatin1String("upsert")) {
        if (!arity(3, 3))
            return false;
        MpValue tuple, ops;
        if (!tupleLiteral(pos.at(1), "tuple", &tuple, error) || !tupleLiteral(pos.at(2), "operations", &ops, error))
            return false;
        const ObjectRef space(pos.at(0));
        *submit = [space, tuple, ops](Connection &c, const RequestOptions &o) { return c.upsert(space, tuple, ops, o); };
    } else if (cmd == QLatin1String("delete")) {
        if (!arity(2, 2))
            return false;
        MpValue key;
        if (!keyLiteral(pos.at(1), &key, error))
            return false;
        const ObjectRef space(pos.at(0));
        const ObjectRef index = sel.index;
        *submit = [space, key, index](Connection &c, const RequestOptions &o) { return c.remove(space, key, index, o); };
    } else if (cmd == QLatin1String("execute")) {
        if (!arity(1, 2))
            return false;
        MpValue binds = MpValue::array();
        if (pos.size() > 1 && !argumentList(pos.at(1), &binds, error))
            return false;
        const QString sql = pos.at(0);
        *submit = [sql, binds](Connection &c, const RequestOptions &o) { return c.execute(sql, binds, o); };
    } else {
        *error = QStringLiteral("unknown command '%1'").arg(cmd);
        return false;
    }
    return true;
}

int CliRunner::run(const QStringList &argv)
{
    if (argv.size() > 1 && argv.at(1) == QLatin1String("script"))
        return ScriptRunner::runCli(argv.mid(2));
    QString user, password;
    double timeoutSec = 0;
    bool async = false;
    int i = 1;
    for (; i < argv.size(); ++i) {
        const QString &a = argv.at(i);
        if (!a.startsWith(QLatin1String("--")))
            break;
        auto value = [&](QString *out) {
            if (i + 1 >= argv.size())
                return false;
            *out = argv.at(++i);
            return true;
        };
        if (a == QLatin1String("--help")) {
            std::fputs(usage().toUtf8().constData(), stdout);
            return ExitOk;
        } else if (a == QLatin1String("--user")) {
            if (!value(&user))
                return usageError(QStringLiteral("--user needs a value"));
        } else if (a == QLatin1String("--password")) {
            if (!value(&password))
                return usageError(QStringLiteral("--password needs a value"));
        } else if (a == QLatin1String("--timeout")) {
            QString v;
            bool ok = false;
            if (!value(&v) || (timeoutSec = v.toDouble(&ok), !ok) || timeoutSec <= 0)
                return usageError(QStringLiteral("--timeout takes a positive number of seconds"));
        } else if (a == QLatin1String("--async")) {
            async = true;
        } else {
            return usageError(QStringLiteral("unknown option '%1'").arg(a));
        }
    }
    if (i >= argv.size())
        return usageError(QStringLiteral("missing URI"));
    Uri uri;
    QString error;
    if (!Uri::parse(argv.at(i), &uri, &error)) {
        Uri ignored;
        Uri::parse(Uri::redacted(argv.at(i)), &ignored, &error);
        return usageError(error);
    }
    Submit submit;
    if (!parseCommand(argv.mid(i + 1), &submit, &error))
        return usageError(error);

    ConnectOptions copts;
    copts.user = user;
    copts.password = password;
    const int timeoutMs = timeoutSec > 0 ? int(timeoutSec * 1000) : 0;
    if (timeoutMs > 0)
        copts.connectTimeoutMs = copts.greetingTimeoutMs = copts.authTimeoutMs = timeoutMs;

    Connection conn;
    QElapsedTimer total;
    total.start();
    RequestOptions ropts;
    ropts.pushRetention = 0; // printed as they come; nothing to keep
    ropts.timeoutMs = timeoutMs;
    conn.connectToServer(uri, copts);
    Request *request = submit(conn, ropts);

    if (async)
        QObject::connect(&conn, &Connection::requestSent, [](Request *r) {
            printLine(QStringLiteral("{\"event\":\"sent\",\"sync\":%1}").arg(r->sync()));
        });
    QObject::connect(request, &Request::pushReceived, [request](const MpValue &value, quint64 index) {
        printLine(QStringLiteral("{\"event\":\"push\",\"index\":%1,\"elapsed_ms\":%2,\"value\":%3}")
                      .arg(index)
                      .arg(ms(request->elapsedNs()), MpFormat::toJson(value)));
    });
    QObject::connect(&conn, &Connection::unexpectedResponse, [](quint64 sync, quint32 code, Connection::UnexpectedKind k) {
        std::fprintf(stderr, "boxscope-cli: %s response with SYNC %llu (code 0x%x) ignored\n",
                     k == Connection::UnexpectedKind::Late ? "late" : "unknown", (unsigned long long)sync, code);
    });
    // One overall deadline: whatever hangs (connect, greeting, auth, the call), the CLI ends.
    QTimer overall;
    overall.setSingleShot(true);
    overall.setTimerType(Qt::PreciseTimer);
    if (timeoutMs > 0) {
        QObject::connect(&overall, &QTimer::timeout, [&conn] {
            if (conn.state() != Connection::State::Ready)
                conn.disconnectFromServer();
        });
        overall.start(timeoutMs + 50);
    }
    request->waitForFinished(-1);

    if (request->state() == Request::State::Done) {
        printLine(QStringLiteral("{\"event\":\"result\",\"elapsed_ms\":%1,\"value\":%2}")
                      .arg(ms(request->durationNs()), MpFormat::toJson(request->result())));
        return ExitOk;
    }
    Error e = request->error();
    if (e.kind == Error::Kind::Connection && !conn.lastError().isNull())
        e = conn.lastError();
    if (e.kind == Error::Kind::Connection && conn.lastError().isNull() && timeoutMs > 0
        && total.elapsed() >= timeoutMs)
        e = Error::timeout();
    printLine(errorLine(e));
    std::fprintf(stderr, "boxscope-cli: %s\n", oneLine(e.message).constData());
    switch (e.kind) {
    case Error::Kind::Server: return ExitServerError;
    case Error::Kind::Usage: return ExitUsage;
    default: return ExitConnection;
    }
}

} // namespace Boxscope
