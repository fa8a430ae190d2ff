#include "lua/LuaLiteral.h"

#include "lua/LuaNumerals.h"
#include "lua/LuaSandbox.h"
#include "lua/LuaUint64.h"
#include "lua/LuaValue.h"

#include <lua.hpp>

#include <QByteArray>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace Boxscope::LuaLiteral {
namespace {

// The user's text goes after "return " on the same line, so Lua's line numbers
// are the user's; columns on line 1 are computed from the user's text itself.
constexpr char kPrefix[] = "return ";
constexpr char kChunkName[] = "=literal"; // messages read "literal:LINE: ..."
constexpr char kMessagePrefix[] = "literal:";
// A failed or huge literal leaves garbage behind; nothing else would collect
// it in a sandbox that sits idle between keystrokes.
constexpr size_t kCollectAbove = size_t(4) * 1024 * 1024;
// Bounds the work spent pinning down the column of one syntax error.
constexpr int kMaxColumnProbes = 64;

LuaSandbox &sandbox()
{
    thread_local LuaSandbox instance(LuaSandbox::Libraries::None);
    instance.setMemoryLimit(kMemoryLimit);
    instance.setInstructionBudget(kInstructionBudget);
    return instance;
}

// Runs under lua_pcall: gives the compiled chunk (argument 1) a fresh _ENV
// holding only box.NULL and the constructor of the rewritten numerals
// (18446744073709551615ULL). Fresh per literal, so a literal that writes into its
// environment (through a function it defines) cannot affect the next one.
int installEnvironment(lua_State *L)
{
    lua_createtable(L, 0, 2);
    lua_createtable(L, 0, 1);
    LuaValue::pushNull(L);
    lua_setfield(L, -2, "NULL");
    lua_setfield(L, -2, "box");
    LuaUint64::pushConstructor(L);
    lua_setfield(L, -2, LuaNumerals::kConstructor);
    if (!lua_setupvalue(L, 1, 1)) // a main chunk's only upvalue is _ENV
        lua_pop(L, 1);
    return 1;
}

// Offsets at which lines start, with Lua's newlines (llex.c inclinenumber):
// \n, \r, \r\n and \n\r each end one line.
std::vector<int> lineStarts(const QByteArray &text)
{
    std::vector<int> starts { 0 };
    const int size = int(text.size());
    for (int i = 0; i < size; ++i) {
        const char c = text[i];
        if (c != '\n' && c != '\r')
            continue;
        if (i + 1 < size && (text[i + 1] == '\n' || text[i + 1] == '\r') && text[i + 1] != c)
            ++i;
        starts.push_back(i + 1);
    }
    return starts;
}

struct Position
{
    int line = 0;
    int column = 0;
};

// Byte offset -> 1-based line and column, the column in UTF-16 code units.
Position positionOf(const QByteArray &text, const std::vector<int> &starts, int offset)
{
    const auto next = std::upper_bound(starts.begin(), starts.end(), offset);
    const int line = int(next - starts.begin());
    const int lineStart = starts[size_t(line - 1)];
    const int columnUnits = int(QString::fromUtf8(text.constData() + lineStart, offset - lineStart).size());
    return { line, columnUnits + 1 };
}

// "literal:3: unexpected symbol near '='" -> 3, "unexpected symbol near '='".
struct LuaMessage
{
    int line = 0;
    QString text;
};

LuaMessage splitMessage(const QString &message)
{
    const QLatin1String prefix(kMessagePrefix);
    if (!message.startsWith(prefix))
        return { 0, message };
    const int colon = int(message.indexOf(QLatin1Char(':'), prefix.size()));
    bool ok = false;
    const int line = colon < 0 ? 0 : message.mid(prefix.size(), colon - prefix.size()).toInt(&ok);
    if (!ok)
        return { 0, message };
    QString text = message.mid(colon + 1);
    if (text.startsWith(QLatin1Char(' ')))
        text.remove(0, 1);
    return { line, text };
}

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Whether the character at `end` would be lexed as part of `token`, i.e. an
// occurrence of the token's text ending at `end` is not the token itself.
bool continuesToken(const QByteArray &source, int end, const QByteArray &token)
{
    if (end >= source.size() || token.isEmpty())
        return false;
    const char next = source[end];
    const char first = token.front();
    const bool numeral = std::isdigit(static_cast<unsigned char>(first))
            || (first == '.' && token.size() > 1 && std::isdigit(static_cast<unsigned char>(token[1])));
    if (isWordChar(first) || numeral) {
        if (isWordChar(next))
            return true;
        // llex.c read_numeral: digits, letters, '.', and a sign after an exponent mark
        return numeral && (next == '.' || ((next == '+' || next == '-') && std::strchr("eEpP", token.back())));
    }
    if (first == '\'' || first == '"' || first == '[')
        return false; // strings end at their own delimiter
    static const char *const longer[] = { "==", "~=", "<=", ">=", "//", "::", "<<", ">>", "..", "..." };
    const QByteArray extended = token + next;
    for (const char *op : longer) {
        if (extended == op)
            return true;
    }
    return token == "." && std::isdigit(static_cast<unsigned char>(next));
}

// The token text of "... near 'x'": Lua writes control characters as '<\N>'.
QByteArray tokenBytes(const QString &quoted)
{
    const QString inner = quoted.mid(1, quoted.size() - 2);
    if (inner.size() > 3 && inner.startsWith(QLatin1String("<\\")) && inner.endsWith(QLatin1Char('>'))) {
        bool ok = false;
        const int code = inner.mid(2, inner.size() - 3).toInt(&ok);
        if (ok && code >= 0 && code < 256)
            return QByteArray(1, char(code));
    }
    return inner.toUtf8();
}

// Byte offset where a syntax error's token starts, -1 when it cannot be found.
//
// Lua reports the line and the token the parser stopped at, not a column. The
// token's text may occur several times on the line (`{2 2}`), so each
// occurrence is checked by compiling the text up to its end: the parser reads
// tokens left to right with one token of lookahead, so the first prefix that
// fails with the very same message ends at the offending token.
int syntaxErrorOffset(LuaSandbox &lua, const QByteArray &source, const std::vector<int> &starts,
                      const QString &fullMessage, const LuaMessage &message)
{
    const int near = int(message.text.indexOf(QLatin1String(" near ")));
    if (near < 0)
        return -1;
    const QString quoted = message.text.mid(near + 6);
    if (quoted == QLatin1String("<eof>"))
        return int(source.size());
    if (quoted.size() < 2 || !quoted.startsWith(QLatin1Char('\'')) || !quoted.endsWith(QLatin1Char('\'')))
        return -1;
    const QByteArray token = tokenBytes(quoted);
    if (token.isEmpty() || message.line < 1 || size_t(message.line) > starts.size())
        return -1;

    const int lineBegin = starts[size_t(message.line - 1)];
    const int lineEnd = size_t(message.line) < starts.size() ? starts[size_t(message.line)] : int(source.size());
    const int length = int(token.size());
    // Lua quotes a malformed numeral up to its first letter: 18446744073709551616U of ...ULL.
    const bool malformed = message.text.startsWith(QLatin1String("malformed number near "));
    int firstSeen = -1;
    int probes = 0;
    // A token ending on the reported line may start on an earlier one (a long string).
    for (int pos = int(source.indexOf(token, std::max(0, lineBegin - length + 1)));
         pos >= 0 && pos + length <= lineEnd && probes < kMaxColumnProbes; pos = int(source.indexOf(token, pos + 1))) {
        const int end = pos + length;
        if (end <= lineBegin || (!malformed && continuesToken(source, end, token)))
            continue;
        if (firstSeen < 0)
            firstSeen = pos;
        ++probes;
        QString probeMessage;
        if (lua.load(QByteArray(kPrefix) + LuaNumerals::rewritten(source.left(end), LuaNumerals::Mode::Arguments),
                     kChunkName, &probeMessage)) {
            lua_pop(lua.state(), 1);
            continue;
        }
        if (probeMessage == fullMessage)
            return pos;
    }
    return firstSeen;
}

// Byte offset of the name in "attempt to call a nil value (global 'print')"
// on the reported line, -1 when the message names nothing findable.
int runtimeErrorOffset(const QByteArray &source, const std::vector<int> &starts, const LuaMessage &message)
{
    if (message.line < 1 || size_t(message.line) > starts.size())
        return -1;
    static const char *const kinds[] = { "global", "local", "field", "method", "upvalue", "constant" };
    QByteArray name;
    for (const char *kind : kinds) {
        const QString opening = QStringLiteral("(%1 '").arg(QLatin1String(kind));
        const int start = int(message.text.indexOf(opening));
        if (start < 0)
            continue;
        const int nameStart = start + int(opening.size());
        const int nameEnd = int(message.text.indexOf(QLatin1String("')"), nameStart));
        if (nameEnd > nameStart)
            name = message.text.mid(nameStart, nameEnd - nameStart).toUtf8();
        break;
    }
    if (name.isEmpty())
        return -1;
    const int lineBegin = starts[size_t(message.line - 1)];
    const int lineEnd = size_t(message.line) < starts.size() ? starts[size_t(message.line)] : int(source.size());
    for (int pos = int(source.indexOf(name, lineBegin)); pos >= 0 && pos + name.size() <= lineEnd;
         pos = int(source.indexOf(name, pos + 1))) {
        const int end = pos + int(name.size());
        const bool startsWord = pos == 0 || !isWordChar(source[pos - 1]);
        const bool endsWord = end >= source.size() || !isWordChar(source[end]);
        if (startsWord && endsWord)
            return pos;
    }
    return -1;
}

void setError(ParseResult &result, int line, int column, const QString &text)
{
    result.ok = false;
    result.line = line;
    result.column = column;
    if (line > 0 && column > 0)
        result.error = QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(text);
    else if (line > 0)
        result.error = QStringLiteral("line %1: %2").arg(line).arg(text);
    else
        result.error = text;
}

// A Lua message with "literal:LINE:" becomes a positioned error; the column
// comes from locate (a byte offset or -1).
template<typename Locate>
void setLuaError(ParseResult &result, const QByteArray &source, const std::vector<int> &starts,
                 const LuaMessage &message, Locate locate)
{
    const int offset = message.line > 0 ? locate() : -1;
    if (offset >= 0) {
        const Position position = positionOf(source, starts, offset);
        setError(result, position.line, position.column, message.text);
    } else {
        setError(result, message.line, 0, message.text);
    }
}

ParseResult evaluate(const QString &text, bool single)
{
    ParseResult result;
    const QByteArray source = text.toUtf8();
    // The "return " prefix already keeps "\x1bLua..." from loading as bytecode
    // (and the chunk is loaded in text mode); this only makes the message clear.
    if (source.startsWith(LUA_SIGNATURE[0])) {
        setError(result, 1, 1, QStringLiteral("binary chunks are not accepted"));
        return result;
    }
    LuaSandbox &lua = sandbox();
    if (!lua.isValid()) {
        setError(result, 0, 0, QStringLiteral("the Lua runtime could not start"));
        return result;
    }

    QString loadError;
    if (!lua.load(QByteArray(kPrefix) + LuaNumerals::rewritten(source, LuaNumerals::Mode::Arguments), kChunkName,
                  &loadError)) {
        const std::vector<int> starts = lineStarts(source);
        LuaMessage message = splitMessage(loadError);
        if (message.line == 0 && message.text == QLatin1String("C stack overflow")) // the parser's nesting limit
            message.text = QStringLiteral("expression nested too deeply (C stack overflow)");
        setLuaError(result, source, starts, message,
                    [&] { return syntaxErrorOffset(lua, source, starts, loadError, message); });
        return result;
    }
    QString setupError;
    if (!lua.callProtected(installEnvironment, 1, 1, &setupError)) {
        setError(result, 0, 0, setupError);
        return result;
    }
    LuaSandbox::Result run = lua.call(0);
    if (lua.memoryUsed() > kCollectAbove)
        lua.collectGarbage();
    if (!run.ok) {
        const std::vector<int> starts = lineStarts(source);
        const LuaMessage message = splitMessage(run.error);
        setLuaError(result, source, starts, message, [&] { return runtimeErrorOffset(source, starts, message); });
        return result;
    }

    if (single && run.values.size() != 1) {
        if (run.values.empty()) {
            const Position end = positionOf(source, lineStarts(source), int(source.size()));
            setError(result, end.line, end.column, QStringLiteral("expected a value"));
        } else {
            setError(result, 0, 0, QStringLiteral("expected one value, got %1").arg(run.values.size()));
        }
        return result;
    }
    result.ok = true;
    result.values = std::move(run.values);
    if (!result.values.empty())
        result.value = result.values.front();
    return result;
}

} // namespace

ParseResult parse(const QString &text)
{
    return evaluate(text, true);
}

ParseResult parseValues(const QString &text)
{
    return evaluate(text, false);
}

} // namespace Boxscope::LuaLiteral
