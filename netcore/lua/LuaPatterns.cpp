#include "lua/LuaPatterns.h"

#include "lua/LuaSandbox.h"

#include <lua.hpp>

#include <cctype>
#include <cstddef>
#include <cstring>

// Everything here runs inside Lua calls and may be left by longjmp (Lua errors,
// including the budget's): the state is plain structs on the C stack or in a
// userdata, and nothing has a destructor.

namespace Boxscope {
namespace {

constexpr int kMaxCaptures = 32; // LUA_MAXCAPTURES
constexpr int kMaxDepth = 200;   // nested match() calls, lstrlib.c's MAXCCALLS
// Capture lengths that are not lengths.
constexpr ptrdiff_t kOpenCapture = -1;
constexpr ptrdiff_t kPositionCapture = -2;
constexpr char kEscape = '%';
// A matcher step takes about the time of two VM instructions (including the
// count hook's share).
constexpr uint64_t kUnitsPerStep = 2;

struct Capture
{
    const char *start;
    ptrdiff_t length; // or kOpenCapture / kPositionCapture
};

struct Matcher
{
    lua_State *L;
    const char *subject;
    const char *subjectEnd;
    const char *pattern;
    const char *patternEnd;
    int depthLeft;
    int captureCount;
    unsigned steps; // not charged yet
    Capture captures[kMaxCaptures];
};

void startMatcher(Matcher &m, lua_State *L, const char *subject, size_t subjectLength, const char *pattern,
                  size_t patternLength)
{
    m.L = L;
    m.subject = subject;
    m.subjectEnd = subject + subjectLength;
    m.pattern = pattern;
    m.patternEnd = pattern + patternLength;
    m.depthLeft = kMaxDepth;
    m.captureCount = 0;
    m.steps = 0;
}

// Before each attempt at a new subject position.
void restartMatcher(Matcher &m)
{
    m.depthLeft = kMaxDepth;
    m.captureCount = 0;
}

void step(Matcher &m, size_t count = 1)
{
    const size_t total = size_t(m.steps) + count;
    if (total < LuaPatterns::kChargeBatch) {
        m.steps = unsigned(total);
        return;
    }
    m.steps = 0;
    LuaSandbox::charge(m.L, total * kUnitsPerStep);
}

void chargeRest(Matcher &m)
{
    const unsigned rest = m.steps;
    m.steps = 0;
    LuaSandbox::charge(m.L, rest * kUnitsPerStep);
}

int byteAt(const char *p)
{
    return static_cast<unsigned char>(*p);
}

// %a, %d, ... against one character; an upper-case class letter is the
// complement; any other character after '%' stands for itself.
bool inClass(int c, int classLetter)
{
    bool matches = false;
    switch (std::tolower(classLetter)) {
    case 'a': matches = std::isalpha(c); break;
    case 'c': matches = std::iscntrl(c); break;
    case 'd': matches = std::isdigit(c); break;
    case 'g': matches = std::isgraph(c); break;
    case 'l': matches = std::islower(c); break;
    case 'p': matches = std::ispunct(c); break;
    case 's': matches = std::isspace(c); break;
    case 'u': matches = std::isupper(c); break;
    case 'w': matches = std::isalnum(c); break;
    case 'x': matches = std::isxdigit(c); break;
    case 'z': matches = c == 0; break; // deprecated in 5.2, still there in 5.4
    default: return classLetter == c;
    }
    return std::isupper(classLetter) ? !matches : matches;
}

// A set [...]: open points at '[', close at its ']' (as itemEnd found it).
bool inSet(int c, const char *open, const char *close)
{
    const char *p = open + 1;
    bool found = true; // what a member means: false in a complement [^...]
    if (*p == '^') {
        found = false;
        ++p;
    }
    for (; p < close; ++p) {
        if (*p == kEscape) {
            ++p;
            if (inClass(c, byteAt(p)))
                return found;
        } else if (p[1] == '-' && p + 2 < close) {
            if (byteAt(p) <= c && c <= byteAt(p + 2))
                return found;
            p += 2;
        } else if (byteAt(p) == c) {
            return found;
        }
    }
    return !found;
}

// The end of the single-character item at p (a character, '.', %x or a set).
const char *itemEnd(Matcher &m, const char *p)
{
    const char *end = m.patternEnd;
    const char first = *p++;
    if (first == kEscape) {
        if (p >= end)
            luaL_error(m.L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (first == '[') {
        if (p < end && *p == '^')
            ++p;
        // The first character is a member even when it is ']'.
        do {
            if (p >= end)
                luaL_error(m.L, "malformed pattern (missing ']')");
            const char c = *p++;
            if (c == kEscape && p < end)
                ++p;
        } while (p >= end || *p != ']');
        return p + 1;
    }
    return p;
}

bool singleMatches(const Matcher &m, const char *s, const char *item, const char *itemEnd)
{
    if (s >= m.subjectEnd)
        return false;
    const int c = byteAt(s);
    switch (*item) {
    case '.': return true;
    case kEscape: return inClass(c, byteAt(item + 1));
    case '[': return inSet(c, item, itemEnd - 1);
    default: return byteAt(item) == c;
    }
}

const char *matchHere(Matcher &m, const char *s, const char *p);

// %bxy at s: args points at x.
const char *matchBalanced(Matcher &m, const char *s, const char *args)
{
    if (args + 1 >= m.patternEnd)
        luaL_error(m.L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m.subjectEnd || *s != args[0])
        return nullptr;
    const char open = args[0];
    const char close = args[1];
    int depth = 1;
    for (++s; s < m.subjectEnd; ++s) {
        step(m);
        if (*s == close) {
            if (--depth == 0)
                return s + 1;
        } else if (*s == open) {
            ++depth;
        }
    }
    return nullptr;
}

// %1-%9 in a pattern: the text of an earlier, closed capture again.
const char *matchBackReference(Matcher &m, const char *s, int digit)
{
    const int index = digit - '1';
    if (index < 0 || index >= m.captureCount || m.captures[index].length == kOpenCapture)
        luaL_error(m.L, "invalid capture index %%%d", index + 1);
    const ptrdiff_t length = m.captures[index].length;
    // A position capture has no text: it never matches.
    if (length < 0 || m.subjectEnd - s < length)
        return nullptr;
    step(m, size_t(length) / 32);
    return std::memcmp(m.captures[index].start, s, size_t(length)) == 0 ? s + length : nullptr;
}

const char *startCapture(Matcher &m, const char *s, const char *p, ptrdiff_t kind)
{
    if (m.captureCount >= kMaxCaptures)
        luaL_error(m.L, "too many captures");
    m.captures[m.captureCount] = Capture { s, kind };
    ++m.captureCount;
    const char *end = matchHere(m, s, p);
    if (!end)
        --m.captureCount;
    return end;
}

const char *endCapture(Matcher &m, const char *s, const char *p)
{
    int index = m.captureCount - 1;
    while (index >= 0 && m.captures[index].length != kOpenCapture)
        --index;
    if (index < 0)
        luaL_error(m.L, "invalid pattern capture");
    m.captures[index].length = s - m.captures[index].start;
    const char *end = matchHere(m, s, p);
    if (!end)
        m.captures[index].length = kOpenCapture;
    return end;
}

// item* (and item+ after its first character): as many as possible, then fewer.
const char *matchGreedy(Matcher &m, const char *s, const char *item, const char *itemEnd)
{
    ptrdiff_t count = 0;
    while (singleMatches(m, s + count, item, itemEnd)) {
        ++count;
        step(m);
    }
    for (; count >= 0; --count) {
        if (const char *end = matchHere(m, s + count, itemEnd + 1))
            return end;
    }
    return nullptr;
}

// item-: as few as possible, then more.
const char *matchLazy(Matcher &m, const char *s, const char *item, const char *itemEnd)
{
    for (;;) {
        if (const char *end = matchHere(m, s, itemEnd + 1))
            return end;
        if (!singleMatches(m, s, item, itemEnd))
            return nullptr;
        ++s;
    }
}

// The rest of the pattern from p against the subject from s: the end of the
// match, or null. Items that need no backtracking loop here; the others
// recurse, at most kMaxDepth deep.
const char *matchHere(Matcher &m, const char *s, const char *p)
{
    if (m.depthLeft-- == 0)
        luaL_error(m.L, "pattern too complex");
    const char *end = m.patternEnd;
    for (;;) {
        step(m);
        if (p == end)
            break;
        if (*p == '(') {
            if (p + 1 < end && p[1] == ')')
                s = startCapture(m, s, p + 2, kPositionCapture);
            else
                s = startCapture(m, s, p + 1, kOpenCapture);
            break;
        }
        if (*p == ')') {
            s = endCapture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == end) {
            if (s != m.subjectEnd)
                s = nullptr;
            break;
        }
        if (*p == kEscape && p + 1 < end) {
            if (p[1] == 'b') {
                s = matchBalanced(m, s, p + 2);
                if (!s)
                    break;
                p += 4;
                continue;
            }
            if (p[1] == 'f') {
                p += 2;
                if (p >= end || *p != '[')
                    luaL_error(m.L, "missing '[' after '%%f' in pattern");
                const char *setEnd = itemEnd(m, p);
                // Outside the subject the neighbour is '\0'.
                const int before = s == m.subject ? 0 : byteAt(s - 1);
                const int at = s < m.subjectEnd ? byteAt(s) : 0;
                if (inSet(before, p, setEnd - 1) || !inSet(at, p, setEnd - 1)) {
                    s = nullptr;
                    break;
                }
                p = setEnd;
                continue;
            }
            if (std::isdigit(byteAt(p + 1))) {
                s = matchBackReference(m, s, byteAt(p + 1));
                if (!s)
                    break;
                p += 2;
                continue;
            }
        }
        // A single-character item and its quantifier, if any.
        const char *ep = itemEnd(m, p);
        const char quantifier = ep < end ? *ep : '\0';
        if (!singleMatches(m, s, p, ep)) {
            if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
                p = ep + 1; // zero occurrences
                continue;
            }
            s = nullptr;
            break;
        }
        if (quantifier == '?') {
            if (const char *matched = matchHere(m, s + 1, ep + 1)) {
                s = matched;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (quantifier == '+') {
            s = matchGreedy(m, s + 1, p, ep);
            break;
        }
        if (quantifier == '*') {
            s = matchGreedy(m, s, p, ep);
            break;
        }
        if (quantifier == '-') {
            s = matchLazy(m, s, p, ep);
            break;
        }
        ++s;
        p = ep;
    }
    ++m.depthLeft;
    return s;
}

// Pushes capture index (a string, or a position's number), or the whole match
// s..e when there are no captures and index is 0.
void pushCapture(Matcher &m, int index, const char *s, const char *e)
{
    if (index >= m.captureCount) {
        if (index != 0)
            luaL_error(m.L, "invalid capture index %%%d", index + 1);
        lua_pushlstring(m.L, s, size_t(e - s));
        return;
    }
    const Capture &capture = m.captures[index];
    if (capture.length == kOpenCapture)
        luaL_error(m.L, "unfinished capture");
    if (capture.length == kPositionCapture)
        lua_pushinteger(m.L, lua_Integer(capture.start - m.subject) + 1);
    else
        lua_pushlstring(m.L, capture.start, size_t(capture.length));
}

// All captures; with none, the whole match (unless s is null: find's case).
int pushCaptures(Matcher &m, const char *s, const char *e)
{
    const int count = m.captureCount == 0 && s ? 1 : m.captureCount;
    luaL_checkstack(m.L, count, "too many captures");
    for (int i = 0; i < count; ++i)
        pushCapture(m, i, s, e);
    return count;
}

// lstrlib.c's posrelatI: a 1-based start position for a subject of length
// length, negative counting from the end, clipped to 1 below.
size_t startPosition(lua_Integer position, size_t length)
{
    if (position > 0)
        return size_t(position);
    if (position == 0 || position < -lua_Integer(length))
        return 1;
    return length + size_t(position) + 1;
}

bool hasSpecials(const char *p, size_t length)
{
    for (size_t i = 0; i < length; ++i) {
        switch (p[i]) {
        case '^':
        case '$':
        case '*':
        case '+':
        case '?':
        case '.':
        case '(':
        case '[':
        case '%':
        case '-': return true;
        default: break;
        }
    }
    return false;
}

int findOrMatch(lua_State *L, bool find)
{
    size_t subjectLength = 0;
    size_t patternLength = 0;
    const char *subject = luaL_checklstring(L, 1, &subjectLength);
    const char *pattern = luaL_checklstring(L, 2, &patternLength);
    const size_t init = startPosition(luaL_optinteger(L, 3, 1), subjectLength) - 1;
    if (init > subjectLength) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !hasSpecials(pattern, patternLength))) {
        // Two-Way in glibc: linear in the subject whatever the needle.
        LuaSandbox::charge(L, (subjectLength - init) / 64);
        const void *hit = patternLength == 0 ? subject + init
                                             : memmem(subject + init, subjectLength - init, pattern, patternLength);
        if (hit) {
            const size_t at = size_t(static_cast<const char *>(hit) - subject);
            lua_pushinteger(L, lua_Integer(at) + 1);
            lua_pushinteger(L, lua_Integer(at + patternLength));
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    const bool anchored = patternLength > 0 && *pattern == '^';
    if (anchored) {
        ++pattern;
        --patternLength;
    }
    Matcher m;
    startMatcher(m, L, subject, subjectLength, pattern, patternLength);
    const char *start = subject + init;
    for (;;) {
        restartMatcher(m);
        if (const char *end = matchHere(m, start, pattern)) {
            chargeRest(m);
            if (!find)
                return pushCaptures(m, start, end);
            lua_pushinteger(L, lua_Integer(start - subject) + 1);
            lua_pushinteger(L, lua_Integer(end - subject));
            return pushCaptures(m, nullptr, nullptr) + 2;
        }
        if (anchored || start >= m.subjectEnd)
            break;
        ++start;
    }
    chargeRest(m);
    luaL_pushfail(L);
    return 1;
}

// gmatch's iterator state, a userdata (upvalue 3; the subject and the pattern
// are upvalues 1 and 2, which keeps them alive).
struct GmatchState
{
    size_t next;             // subject offset of the next attempt
    const char *previousEnd; // end of the last match: an empty match there does not count
    Matcher matcher;
};

int gmatchStep(lua_State *L)
{
    auto *state = static_cast<GmatchState *>(lua_touserdata(L, lua_upvalueindex(3)));
    Matcher &m = state->matcher;
    m.L = L; // the iterator may be called from another coroutine than gmatch
    const size_t length = size_t(m.subjectEnd - m.subject);
    for (size_t offset = state->next; offset <= length; ++offset) {
        restartMatcher(m);
        const char *start = m.subject + offset;
        const char *end = matchHere(m, start, m.pattern);
        if (end && end != state->previousEnd) {
            state->next = size_t(end - m.subject);
            state->previousEnd = end;
            return pushCaptures(m, start, end);
        }
    }
    state->next = length + 1;
    chargeRest(m);
    return 0;
}

// The replacement text of one match for gsub: string or number replacements
// expand %0-%9 and %%.
void appendExpanded(Matcher &m, luaL_Buffer *buffer, const char *s, const char *e)
{
    lua_State *L = m.L;
    size_t length = 0;
    const char *text = lua_tolstring(L, 3, &length);
    const char *textEnd = text + length;
    step(m, 1 + length / 16);
    while (text < textEnd) {
        const char *escape = static_cast<const char *>(std::memchr(text, kEscape, size_t(textEnd - text)));
        if (!escape) {
            luaL_addlstring(buffer, text, size_t(textEnd - text));
            break;
        }
        luaL_addlstring(buffer, text, size_t(escape - text));
        const int next = escape + 1 < textEnd ? byteAt(escape + 1) : 0;
        if (next == kEscape) {
            luaL_addchar(buffer, kEscape);
        } else if (next == '0') {
            luaL_addlstring(buffer, s, size_t(e - s));
        } else if (std::isdigit(next)) {
            pushCapture(m, next - '1', s, e);
            luaL_addvalue(buffer); // a string, or a position's number as text
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", kEscape);
        }
        text = escape + 2;
    }
}

// Appends the replacement of match s..e; false when the text stays as it was.
bool appendReplacement(Matcher &m, luaL_Buffer *buffer, const char *s, const char *e, int replacementType)
{
    lua_State *L = m.L;
    if (replacementType == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        const int count = pushCaptures(m, s, e);
        lua_call(L, count, 1);
    } else if (replacementType == LUA_TTABLE) {
        pushCapture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        appendExpanded(m, buffer, s, e);
        return true;
    }
    if (!lua_toboolean(L, -1)) { // nil or false: the match stays
        lua_pop(L, 1);
        luaL_addlstring(buffer, s, size_t(e - s));
        return false;
    }
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(buffer);
    return true;
}

} // namespace

int LuaPatterns::find(lua_State *L)
{
    return findOrMatch(L, true);
}

int LuaPatterns::match(lua_State *L)
{
    return findOrMatch(L, false);
}

int LuaPatterns::gmatch(lua_State *L)
{
    size_t subjectLength = 0;
    size_t patternLength = 0;
    const char *subject = luaL_checklstring(L, 1, &subjectLength);
    const char *pattern = luaL_checklstring(L, 2, &patternLength);
    size_t init = startPosition(luaL_optinteger(L, 3, 1), subjectLength) - 1;
    if (init > subjectLength)
        init = subjectLength + 1; // no match at all
    lua_settop(L, 2);
    auto *state = static_cast<GmatchState *>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
    state->next = init;
    state->previousEnd = nullptr;
    // '^' is no anchor here: it would stop the iteration; it matches itself.
    startMatcher(state->matcher, L, subject, subjectLength, pattern, patternLength);
    lua_pushcclosure(L, gmatchStep, 3);
    return 1;
}

int LuaPatterns::gsub(lua_State *L)
{
    size_t subjectLength = 0;
    size_t patternLength = 0;
    const char *subject = luaL_checklstring(L, 1, &subjectLength);
    const char *pattern = luaL_checklstring(L, 2, &patternLength);
    const int replacementType = lua_type(L, 3);
    const lua_Integer maxReplacements = luaL_optinteger(L, 4, lua_Integer(subjectLength) + 1);
    luaL_argexpected(L,
                     replacementType == LUA_TNUMBER || replacementType == LUA_TSTRING
                             || replacementType == LUA_TFUNCTION || replacementType == LUA_TTABLE,
                     3, "string/function/table");
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    const bool anchored = patternLength > 0 && *pattern == '^';
    if (anchored) {
        ++pattern;
        --patternLength;
    }
    Matcher m;
    startMatcher(m, L, subject, subjectLength, pattern, patternLength);
    const char *s = subject;
    const char *previousEnd = nullptr;
    lua_Integer count = 0;
    bool changed = false;
    while (count < maxReplacements) {
        restartMatcher(m);
        const char *end = matchHere(m, s, pattern);
        if (end && end != previousEnd) {
            ++count;
            changed = appendReplacement(m, &buffer, s, end, replacementType) || changed;
            s = previousEnd = end;
        } else if (s < m.subjectEnd) {
            luaL_addchar(&buffer, *s++);
        } else {
            break;
        }
        if (anchored)
            break;
    }
    chargeRest(m);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&buffer, s, size_t(m.subjectEnd - s));
        luaL_pushresult(&buffer);
    }
    lua_pushinteger(L, count);
    return 2;
}

void LuaPatterns::install(lua_State *L)
{
    static const luaL_Reg functions[] = {
        { "find", find }, { "match", match }, { "gmatch", gmatch }, { "gsub", gsub }, { nullptr, nullptr }
    };
    lua_getglobal(L, LUA_STRLIBNAME);
    luaL_setfuncs(L, functions, 0);
    lua_pop(L, 1);
}

} // namespace Boxscope
