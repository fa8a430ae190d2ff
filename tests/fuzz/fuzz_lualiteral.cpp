// LuaLiteral::parse and parseValues on arbitrary text (the argument field takes whatever the
// user types or pastes). A parsed value is printed back with MpFormat::toLua, which must read
// back as a value again; an error's position must lie inside the text.

#include "FuzzCheck.h"
#include "format/MpFormat.h"
#include "lua/LuaLiteral.h"
#include "msgpack/MpCodec.h"
#include "msgpack/MpValue.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace Boxscope;

namespace {

bool hasExt(const MpValue &v)
{
    if (v.isExt())
        return true;
    for (const MpValue &item : v.items()) {
        if (hasExt(item))
            return true;
    }
    return false;
}

int depth(const MpValue &v)
{
    int d = 0;
    for (const MpValue &item : v.items())
        d = std::max(d, depth(item));
    return d + 1;
}

void checkResult(const QString &text, const LuaLiteral::ParseResult &r, const char *what)
{
    if (r.ok) {
        FUZZ_CHECK(r.error.isEmpty(), "%s: an error message on success", what);
        FUZZ_CHECK(r.line == 0 && r.column == 0, "%s: a position on success", what);
        return;
    }
    FUZZ_CHECK(!r.error.isEmpty(), "%s: failed without a message", what);
    FUZZ_CHECK(r.line >= 0 && r.column >= 0, "%s: negative position %d:%d", what, r.line, r.column);
    if (r.line > 0) {
        // Lua counts \n, \r, \r\n and \n\r as one line end each; the text has at most as many
        // lines as line-end characters + 1.
        const qsizetype ends = text.count(QLatin1Char('\n')) + text.count(QLatin1Char('\r'));
        FUZZ_CHECK(r.line <= ends + 1, "%s: line %d of a text with %lld line ends", what, r.line, (long long)ends);
        FUZZ_CHECK(r.column <= text.size() + 1, "%s: column %d of a %lld-unit text", what, r.column,
                   (long long)text.size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    const LuaLiteral::ParseResult one = LuaLiteral::parse(text);
    checkResult(text, one, "parse");
    const LuaLiteral::ParseResult many = LuaLiteral::parseValues(text);
    checkResult(text, many, "parseValues");
    if (one.ok) {
        FUZZ_CHECK(one.values.size() == 1, "parse gave %zu values", one.values.size());
    }
    if (many.ok && !many.values.empty())
        FUZZ_CHECK(MpCodec::encode(many.value) == MpCodec::encode(many.values.front()),
                   "value is not the first of values");
    if (one.ok && many.ok)
        FUZZ_CHECK(many.values.size() == 1 && MpCodec::encode(one.value) == MpCodec::encode(many.value),
                   "parse and parseValues disagree");

    // The Lua form of a value reads back (ext values print as Tarantool calls, which it cannot).
    // Only for values Lua's own parser can take: a literal may build a value in a loop that is
    // nested deeper or larger than a literal written out may be.
    if (one.ok && !hasExt(one.value) && depth(one.value) < 100) {
        const QString lua = MpFormat::toLua(one.value);
        if (lua.size() > 65536)
            return 0;
        const LuaLiteral::ParseResult back = LuaLiteral::parse(lua);
        FUZZ_CHECK(back.ok, "toLua output does not parse: %s -> %s: %s", qPrintable(text), qPrintable(lua),
                   qPrintable(back.error));
    }
    return 0;
}
