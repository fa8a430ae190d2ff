#include "CliRunner.h"

#include "client/FanOut.h"
#include "client/JsonLines.h"
#include "client/LineOutput.h"
#include "iproto/Iproto.h"
#include "lua/LuaLiteral.h"
#include "lua/ScriptRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <unistd.h>

namespace Boxscope {

namespace {

// A reason on one line (server messages may span several).
QByteArray oneLine(const QString &text)
{
    QString t = text;
    t.replace(QLatin1String("\r\n"), QLatin1String(" "))
            .replace(QLatin1Char('\n'), QLatin1Char(' '))
            .replace(QLatin1Char('\r'), QLatin1Char(' '));
    return t.toUtf8();
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
        *out = MpValue::array({ *out });
    return true;
}

bool tupleLiteral(const QString &text, const char *what, MpValue *out, QString *error)
{
    if (!literal(text, what, out, error))
        return false;
    if (!out->isArray()) {
        *error =
                QStringLiteral("bad %1 literal '%2': expected a table such as {1, 'a'}").arg(QLatin1String(what), text);
        return false;
    }
    return true;
}

} // namespace

namespace {

// Ends the process with ExitConnection when it is still running after ms, whatever the main
// thread is stuck in (a write to a full pipe); only async-signal-safe calls once it fires.
class Watchdog
{
public:
    explicit Watchdog(int ms)
        : m_thread([this, ms] {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (m_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_done; }))
                return;
            static const char message[] = "boxscope-cli: Timeout exceeded (stdout is not being read)\n";
            [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof message - 1);
            ::_exit(CliRunner::ExitConnection);
        })
    { }
    ~Watchdog()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    std::thread m_thread; // last: started once the rest is ready
};

} // namespace

// The request, once the command line is understood.
struct CliRunner::Command
{
    RequestSpec spec;
    QList<Uri> uris; // one, or several for a fan-out
    QString user;
    QString password;
    int timeoutMs = 0;
    bool async = false;
};

// The options, with their help texts.
struct CliRunner::Options
{
    QCommandLineOption help = QCommandLineOption(QStringList { QStringLiteral("h"), QStringLiteral("help") },
                                                 QStringLiteral("Print this help."));
    QCommandLineOption version = QCommandLineOption(QStringList { QStringLiteral("v"), QStringLiteral("version") },
                                                    QStringLiteral("Print the version."));
    QCommandLineOption user =
            QCommandLineOption(QStringLiteral("user"), QStringLiteral("Log in as USER (default: the URI's, or guest)."),
                               QStringLiteral("USER"));
    QCommandLineOption password =
            QCommandLineOption(QStringLiteral("password"), QStringLiteral("The password (hidden from ps once read)."),
                               QStringLiteral("PASSWORD"));
    QCommandLineOption timeout = QCommandLineOption(
            QStringLiteral("timeout"),
            QStringLiteral("Give up after SECONDS (0.001 to 1000000): connect, greeting, auth and the request."),
            QStringLiteral("SECONDS"));
    QCommandLineOption async =
            QCommandLineOption(QStringLiteral("async"), QStringLiteral("Also print a \"sent\" event with the SYNC."));
    QCommandLineOption index =
            QCommandLineOption(QStringLiteral("index"),
                               QStringLiteral("select, update, delete: the index (name or id)."), QStringLiteral("I"));
    QCommandLineOption limit = QCommandLineOption(QStringLiteral("limit"), QStringLiteral("select: at most N tuples."),
                                                  QStringLiteral("N"));
    QCommandLineOption offset =
            QCommandLineOption(QStringLiteral("offset"), QStringLiteral("select: skip N tuples."), QStringLiteral("N"));
    QCommandLineOption iterator = QCommandLineOption(
            QStringLiteral("iterator"), QStringLiteral("select: EQ, REQ, ALL, LT, LE, GE or GT (ALL without a key)."),
            QStringLiteral("IT"));
};

namespace {

constexpr char kDescription[] =
        "One request to a Tarantool server, printed as JSON lines as it happens.\n"
        "\n"
        "  boxscope-cli [OPTIONS] URI COMMAND [ARGS...]\n"
        "  boxscope-cli [OPTIONS] URI,URI[,...] COMMAND [ARGS...]\n"
        "                       (the same request to every instance at once; each line also has\n"
        "                       \"instance\":\"host:port\", lines as events arrive; exit status the worst)\n"
        "  boxscope-cli script [--timeout SECONDS] FILE.lua [URI]\n"
        "                       (net.box-compatible Lua; URI is arg[1] and box_scope.uri; --timeout: one\n"
        "                       deadline for the whole script, exit 3 when it passes)\n"
        "\n"
        "URI: host:port | user:pass@host:port | unix/:PATH (in a list, no commas inside)\n"
        "COMMAND:\n"
        "  ping\n"
        "  call FUNC [ARGS]\n"
        "  eval EXPR [ARGS]\n"
        "  select SPACE [KEY] [--index I] [--limit N] [--offset N] [--iterator EQ|REQ|ALL|LT|LE|GE|GT]\n"
        "  insert SPACE TUPLE | replace SPACE TUPLE\n"
        "  update SPACE KEY OPS [--index I]\n"
        "  upsert SPACE TUPLE OPS\n"
        "  delete SPACE KEY [--index I]\n"
        "  execute SQL [BINDS]\n"
        "ARGS, KEY, TUPLE, OPS and BINDS are Lua literals, e.g. \"{1, 'a', {x = 1}}\".\n"
        "Options may come before or after the URI and the command; after \"--\" everything is an argument.\n"
        "Output: one JSON object per line (push events, then a result or an error).\n"
        "Exit status: 0 result, 1 server error, 2 usage error, 3 connection error or timeout.";

// Single-dash words that are not options of ours ("-1", "-x + 1") are arguments: Lua literals
// and expressions may start with a minus. They pass QCommandLineParser as placeholders.
const QString kPlaceholder = QStringLiteral("\x01"
                                            "arg");

QString restore(const QString &word, const QStringList &escaped)
{
    if (!word.startsWith(kPlaceholder))
        return word;
    bool ok = false;
    const int i = QStringView(word).mid(kPlaceholder.size()).toInt(&ok);
    return ok && i >= 0 && i < escaped.size() ? escaped.at(i) : word;
}

} // namespace

QString CliRunner::usage()
{
    QCommandLineParser parser;
    Options options;
    setUp(&parser, &options);
    return parser.helpText();
}

void CliRunner::setUp(QCommandLineParser *parser, Options *o)
{
    parser->setApplicationDescription(QString::fromLatin1(kDescription));
    parser->setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser->addOptions({ o->help, o->version, o->user, o->password, o->timeout, o->async, o->index, o->limit, o->offset,
                         o->iterator });
    parser->addPositionalArgument(QStringLiteral("URI"), QStringLiteral("The server."));
    parser->addPositionalArgument(QStringLiteral("COMMAND"), QStringLiteral("The request and its arguments (above)."),
                                  QStringLiteral("COMMAND [ARGS...]"));
}

int CliRunner::usageError(const QString &message)
{
    std::fprintf(stderr, "boxscope-cli: %s\n", oneLine(message).constData());
    std::fprintf(stderr, "Try 'boxscope-cli --help'.\n");
    return ExitUsage;
}

int CliRunner::parse(const QStringList &argv, Command *cmd, QString *error)
{
    QCommandLineParser parser;
    Options o;
    setUp(&parser, &o);
    static const QStringList shortOptions = { QStringLiteral("-h"), QStringLiteral("-v") };
    QStringList args, escaped;
    bool rest = false; // after "--"
    for (int i = 0; i < argv.size(); ++i) {
        const QString &a = argv.at(i);
        rest = rest || (i > 0 && a == QLatin1String("--"));
        if (i > 0 && !rest && a.size() > 1 && a.startsWith(QLatin1Char('-')) && !a.startsWith(QLatin1String("--"))
            && !shortOptions.contains(a)) {
            args << kPlaceholder + QString::number(escaped.size());
            escaped << a;
        } else {
            args << a;
        }
    }
    if (!parser.parse(args)) {
        if (!parser.unknownOptionNames().isEmpty()) {
            const QString name = parser.unknownOptionNames().first();
            *error = QStringLiteral("unknown option '%1%2'")
                             .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name);
        } else {
            static const QRegularExpression missing(QStringLiteral("Missing value after '([^']*)'"));
            const QRegularExpressionMatch m = missing.match(parser.errorText());
            *error = m.hasMatch() ? QStringLiteral("%1 needs a value").arg(m.captured(1)) : parser.errorText();
        }
        return ExitUsage;
    }
    if (parser.isSet(o.help)) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        return ExitOk;
    }
    if (parser.isSet(o.version)) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    QStringList words;
    for (const QString &w : parser.positionalArguments())
        words << restore(w, escaped);
    auto value = [&](const QCommandLineOption &opt) { return restore(parser.value(opt), escaped); };

    cmd->user = value(o.user);
    cmd->password = value(o.password);
    cmd->async = parser.isSet(o.async);
    if (parser.isSet(o.timeout)) {
        bool ok = false;
        const double seconds = value(o.timeout).toDouble(&ok);
        // NaN fails both comparisons; below a millisecond is a millisecond (help text).
        if (!ok || !(seconds > 0 && seconds <= 1e6)) {
            *error = QStringLiteral("--timeout takes a number of seconds from 0.001 to 1000000");
            return ExitUsage;
        }
        cmd->timeoutMs = std::max(1, int(seconds * 1000));
    }
    if (words.isEmpty()) {
        *error = QStringLiteral("missing URI");
        return ExitUsage;
    }
    if (!parseUris(words.first(), &cmd->uris, error))
        return ExitUsage;
    words.removeFirst();

    Selection sel;
    if (parser.isSet(o.index))
        sel.index = ObjectRef(value(o.index));
    for (const QCommandLineOption *opt : { &o.limit, &o.offset }) {
        if (!parser.isSet(*opt))
            continue;
        const QString v = value(*opt);
        const QString name = QStringLiteral("--") + opt->names().first();
        bool ok = false;
        const uint n = v.toUInt(&ok);
        if (!ok) {
            *error = QStringLiteral("%1 takes a non-negative integer, not '%2'").arg(name, v);
            return ExitUsage;
        }
        (opt == &o.limit ? sel.limit : sel.offset) = n;
    }
    if (parser.isSet(o.iterator)) {
        const QString v = value(o.iterator);
        if (!Iproto::iteratorFromName(v.toLatin1().constData(), &sel.iterator)) {
            *error = QStringLiteral("unknown iterator '%1' (EQ, REQ, ALL, LT, LE, GE, GT)").arg(v);
            return ExitUsage;
        }
        sel.haveIterator = true;
    }
    if (!parseCommand(words, sel, &cmd->spec, error))
        return ExitUsage;
    cmd->spec.timeoutMs = cmd->timeoutMs;
    cmd->spec.async = cmd->async;
    cmd->spec.pushRetention = 0; // printed as they come; nothing to keep
    return -1;
}

bool CliRunner::parseUris(const QString &word, QList<Uri> *uris, QString *error)
{
    // A list when every comma-separated part is a URI; else one URI (whose password or unix
    // path may hold a comma).
    const QStringList parts = word.split(QLatin1Char(','));
    QList<Uri> list;
    for (const QString &part : parts) {
        Uri uri;
        if (parts.size() < 2 || !Uri::parse(part, &uri, nullptr))
            break;
        list << uri;
    }
    if (list.size() < 2 || list.size() != parts.size()) {
        Uri one;
        if (Uri::parse(word, &one, nullptr)) {
            *uris = { one };
            return true;
        }
        // Not a URI: the first part that is not one says why (a single word is its own part).
        const QString bad = parts.at(list.size());
        Uri ignored;
        Uri::parse(Uri::redacted(bad), &ignored, error);
        return false;
    }
    QStringList seen;
    for (const Uri &uri : list) {
        if (seen.contains(uri.displayString())) {
            *error = QStringLiteral("%1 is listed twice").arg(uri.displayString());
            return false;
        }
        seen << uri.displayString();
    }
    *uris = list;
    return true;
}

bool CliRunner::parseCommand(const QStringList &words, const Selection &sel, RequestSpec *spec, QString *error)
{
    if (words.isEmpty()) {
        *error = QStringLiteral("missing COMMAND");
        return false;
    }
    const QString cmd = words.first();
    const QStringList pos = words.mid(1);
    RequestSpec::Method method;
    if (!RequestSpec::methodFromName(cmd, &method)) {
        *error = QStringLiteral("unknown command '%1'").arg(Uri::redacted(cmd));
        return false;
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
    static const int kArity[RequestSpec::kMethodCount][2] = {
        { 1, 2 }, { 1, 2 }, { 1, 2 }, { 2, 2 }, { 2, 2 }, { 3, 3 }, { 3, 3 }, { 2, 2 }, { 1, 2 }, { 0, 0 },
    };
    if (!arity(kArity[int(method)][0], kArity[int(method)][1]))
        return false;
    RequestSpec s;
    s.method = method;
    if (RequestSpec::usesSpace(method))
        s.space = ObjectRef(pos.at(0));
    s.index = sel.index;
    bool ok = true;
    switch (method) {
    case RequestSpec::Method::Call:
    case RequestSpec::Method::Eval:
        (method == RequestSpec::Method::Call ? s.function : s.expression) = pos.at(0);
        ok = pos.size() < 2 || argumentList(pos.at(1), &s.arguments, error);
        break;
    case RequestSpec::Method::Execute:
        s.sql = pos.at(0);
        ok = pos.size() < 2 || argumentList(pos.at(1), &s.binds, error);
        break;
    case RequestSpec::Method::Select:
        ok = pos.size() < 2 || keyLiteral(pos.at(1), &s.key, error);
        s.iterator = !sel.haveIterator && s.key.size() == 0 ? uint32_t(Iproto::ALL) : sel.iterator;
        s.offset = sel.offset;
        s.limit = sel.limit;
        break;
    case RequestSpec::Method::Insert:
    case RequestSpec::Method::Replace: ok = tupleLiteral(pos.at(1), "tuple", &s.tuple, error); break;
    case RequestSpec::Method::Update:
        ok = keyLiteral(pos.at(1), &s.key, error) && tupleLiteral(pos.at(2), "operations", &s.ops, error);
        break;
    case RequestSpec::Method::Upsert:
        ok = tupleLiteral(pos.at(1), "tuple", &s.tuple, error) && tupleLiteral(pos.at(2), "operations", &s.ops, error);
        break;
    case RequestSpec::Method::Delete: ok = keyLiteral(pos.at(1), &s.key, error); break;
    case RequestSpec::Method::Ping: break;
    }
    if (ok)
        *spec = s;
    return ok;
}

int CliRunner::run(const QStringList &argv)
{
    if (argv.size() > 1 && argv.at(1) == QLatin1String("script"))
        return ScriptRunner::runCli(argv.mid(2));
    Command cmd;
    QString error;
    const int parsed = parse(argv, &cmd, &error);
    if (parsed == ExitUsage)
        return usageError(error);
    if (parsed >= 0)
        return parsed;
    if (cmd.uris.size() > 1)
        return runFanOut(cmd);

    ConnectOptions copts;
    copts.user = cmd.user;
    copts.password = cmd.password;
    const int timeoutMs = cmd.timeoutMs;
    if (timeoutMs > 0)
        copts.connectTimeoutMs = copts.greetingTimeoutMs = copts.authTimeoutMs = timeoutMs;

    // JSON lines go out in large writes: when 64 KiB are buffered, and whenever the event loop
    // has handled what was ready (a push that comes alone is out at once). stderr lines flush
    // stdout first, so the two keep their order.
    LineOutput out(STDOUT_FILENO);
    Connection conn;
    QElapsedTimer total;
    total.start();
    conn.connectToServer(cmd.uris.first(), copts);
    Request *request = conn.submit(cmd.spec);

    if (cmd.async)
        QObject::connect(&conn, &Connection::requestSent,
                         [&out](Request *r) { out.writeLine(JsonLines::sent(r->sync())); });
    QObject::connect(request, &Request::pushReceived, [request, &out](const MpValue &value, quint64 index) {
        out.writeLine(JsonLines::push(index, request->elapsedNs(), value));
    });
    QObject::connect(&conn, &Connection::unexpectedResponse,
                     [&out](quint64 sync, quint32 code, Connection::UnexpectedKind k) {
                         out.flush();
                         std::fprintf(stderr, "boxscope-cli: %s response with SYNC %llu (code 0x%x) ignored\n",
                                      k == Connection::UnexpectedKind::Late ? "late" : "unknown",
                                      (unsigned long long)sync, code);
                     });
    // The deadline holds even when stdout is a pipe nobody reads (a blocked write never
    // returns to the event loop): a watchdog thread ends the process half a second after it.
    std::unique_ptr<Watchdog> watchdog;
    if (timeoutMs > 0)
        watchdog = std::make_unique<Watchdog>(timeoutMs + 500);
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
    // Printing the outcome gets a deadline of its own: a reader that keeps reading is not cut
    // off by a request that ended just before --timeout.
    if (watchdog) {
        watchdog.reset();
        watchdog = std::make_unique<Watchdog>(timeoutMs + 500);
    }

    // Everything is written before the process ends, within the watchdog's deadline.
    if (request->state() == Request::State::Done) {
        out.writeLine(JsonLines::result(request->durationNs(), request->result()));
        out.flush();
        return ExitOk;
    }
    const Error e = outcomeError(*request, conn, timeoutMs, total.elapsed());
    out.writeLine(JsonLines::error(e));
    out.flush();
    std::fprintf(stderr, "boxscope-cli: %s\n", oneLine(e.message).constData());
    return exitStatus(e);
}

int CliRunner::runFanOut(const Command &cmd)
{
    ConnectOptions copts;
    copts.user = cmd.user;
    copts.password = cmd.password;
    const int timeoutMs = cmd.timeoutMs;
    if (timeoutMs > 0)
        copts.connectTimeoutMs = copts.greetingTimeoutMs = copts.authTimeoutMs = timeoutMs;

    // As for one URI: JSON lines buffered, written whenever the loop has handled what was
    // ready, so lines of different instances interleave as their events arrive.
    LineOutput out(STDOUT_FILENO);
    std::vector<std::unique_ptr<Connection>> connections;
    QList<FanOut::Target> targets;
    QElapsedTimer total;
    total.start();
    for (const Uri &uri : cmd.uris) {
        connections.push_back(std::make_unique<Connection>());
        Connection *conn = connections.back().get();
        conn->connectToServer(uri, copts);
        targets << FanOut::Target { uri.displayString(), conn }; // never the password
        QObject::connect(conn, &Connection::unexpectedResponse,
                         [&out, label = uri.displayString()](quint64 sync, quint32 code, Connection::UnexpectedKind k) {
                             out.flush();
                             std::fprintf(stderr, "boxscope-cli: %s: %s response with SYNC %llu (code 0x%x) ignored\n",
                                          label.toUtf8().constData(),
                                          k == Connection::UnexpectedKind::Late ? "late" : "unknown",
                                          (unsigned long long)sync, code);
                         });
    }
    FanOut fan;
    int status = ExitOk;
    if (cmd.async) {
        QObject::connect(&fan, &FanOut::instanceSent, [&fan, &out](int i) {
            out.writeLine(FanOut::withInstance(JsonLines::sent(fan.request(i)->sync()), fan.instance(i)));
        });
    }
    QObject::connect(&fan, &FanOut::pushReceived, [&fan, &out](int i, const MpValue &value, quint64 index) {
        out.writeLine(
                FanOut::withInstance(JsonLines::push(index, fan.request(i)->elapsedNs(), value), fan.instance(i)));
    });
    QObject::connect(&fan, &FanOut::instanceFinished, [&](int i) {
        const Request *r = fan.request(i);
        const QString label = fan.instance(i);
        if (r && r->state() == Request::State::Done) {
            out.writeLine(FanOut::withInstance(JsonLines::result(r->durationNs(), r->result()), label));
            return;
        }
        const Error e = r ? outcomeError(*r, *connections[size_t(i)], timeoutMs, total.elapsed()) : fan.error(i);
        out.writeLine(FanOut::withInstance(JsonLines::error(e), label));
        out.flush();
        std::fprintf(stderr, "boxscope-cli: %s: %s\n", label.toUtf8().constData(), oneLine(e.message).constData());
        status = std::max(status, exitStatus(e));
    });

    std::unique_ptr<Watchdog> watchdog;
    if (timeoutMs > 0)
        watchdog = std::make_unique<Watchdog>(timeoutMs + 500);
    QTimer overall;
    overall.setSingleShot(true);
    overall.setTimerType(Qt::PreciseTimer);
    if (timeoutMs > 0) {
        QObject::connect(&overall, &QTimer::timeout, [&connections] {
            for (const auto &conn : connections) {
                if (conn->state() != Connection::State::Ready)
                    conn->disconnectFromServer();
            }
        });
        overall.start(timeoutMs + 50);
    }
    QEventLoop loop;
    QObject::connect(&fan, &FanOut::finished, &loop, &QEventLoop::quit);
    fan.start(cmd.spec, targets);
    if (!fan.isFinished())
        loop.exec();
    watchdog.reset();
    if (timeoutMs > 0)
        watchdog = std::make_unique<Watchdog>(timeoutMs + 500);
    out.flush();
    return status;
}

Error CliRunner::outcomeError(const Request &request, const Connection &conn, int timeoutMs, qint64 elapsedMs)
{
    Error e = request.error();
    if (e.kind == Error::Kind::Connection && !conn.lastError().isNull())
        e = conn.lastError();
    if (e.kind == Error::Kind::Connection && conn.lastError().isNull() && timeoutMs > 0 && elapsedMs >= timeoutMs)
        e = Error::timeout();
    return e;
}

int CliRunner::exitStatus(const Error &e)
{
    switch (e.kind) {
    case Error::Kind::Server: return ExitServerError;
    case Error::Kind::Usage: return ExitUsage;
    default: return ExitConnection;
    }
}

} // namespace Boxscope
