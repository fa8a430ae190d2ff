#include "lua/LuaSandbox.h"

#include "lua/LuaNumerals.h"
#include "lua/LuaPatterns.h"
#include "lua/LuaUint64.h"
#include "lua/LuaValue.h"

#include <lua.hpp>

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace Boxscope {
namespace {

// Every C function below runs under lua_pcall and may be left by longjmp, so
// none of them holds a C++ object with a destructor.

// Compiling is C code the count hook does not see, and Lua 5.4's code
// generator is quadratic on long `a or b or ...` chains (480 KB of them
// compile for seconds). The parser therefore reads its text in small pieces,
// and before each piece the time spent compiling is charged to the budget
// (one unit per kCompileNanosecondsPerUnit), which is also where an interrupt
// stops it. An error raised here ends the compilation like a syntax error:
// load() returns nil and the message, and the next instruction raises it again.
constexpr size_t kCompilePiece = 64;
constexpr int64_t kCompileNanosecondsPerUnit = 4;

int64_t steadyNanoseconds()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

struct ChunkReader
{
    const char *data;
    size_t left;
    bool charged;
    int64_t chargedUpTo; // steadyNanoseconds() at the last charge
    int functionSlot;    // load(function): where the last string it returned is kept; 0 otherwise
};

const char *readChunkPiece(lua_State *L, void *ud, size_t *size)
{
    auto *reader = static_cast<ChunkReader *>(ud);
    if (reader->charged) {
        const int64_t now = steadyNanoseconds();
        LuaSandbox::charge(L, uint64_t(now - reader->chargedUpTo) / kCompileNanosecondsPerUnit);
        reader->chargedUpTo = now;
    }
    if (reader->left == 0 && reader->functionSlot != 0) {
        // lbaselib.c's generic_reader: the next string from the reader function.
        luaL_checkstack(L, 2, "too many nested functions");
        lua_pushvalue(L, 1);
        lua_call(L, 0, 1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            *size = 0;
            return nullptr;
        }
        if (!lua_isstring(L, -1))
            luaL_error(L, "reader function must return a string");
        lua_replace(L, reader->functionSlot);
        reader->data = lua_tolstring(L, reader->functionSlot, &reader->left);
    }
    const size_t piece = reader->left < kCompilePiece ? reader->left : kCompilePiece;
    const char *data = reader->data;
    reader->data += piece;
    reader->left -= piece;
    *size = piece;
    return piece != 0 ? data : nullptr;
}

// load() (lbaselib.c luaB_load) with the mode forced to "t" and its parser fed
// through readChunkPiece. A binary chunk can crash the VM (its bytecode is not
// verified), text cannot.
void addToBuffer(void *context, const char *data, size_t size)
{
    luaL_addlstring(static_cast<luaL_Buffer *>(context), data, size);
}

int sandboxLoad(lua_State *L)
{
    // LuaJIT's integer numerals (18446744073709551615ULL) rewritten first (LuaNumerals); the
    // chunk name stays what load would have made of the text the script wrote.
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t size = 0;
        const char *original = lua_tolstring(L, 1, &size);
        if (LuaNumerals::rewrite(original, size, LuaNumerals::Mode::Chunk, nullptr, nullptr)) {
            if (lua_gettop(L) < 2)
                lua_settop(L, 2);
            if (lua_isnil(L, 2)) {
                lua_pushvalue(L, 1);
                lua_replace(L, 2);
            }
            luaL_Buffer buffer;
            luaL_buffinit(L, &buffer);
            LuaNumerals::rewrite(original, size, LuaNumerals::Mode::Chunk, addToBuffer, &buffer);
            luaL_pushresult(&buffer);
            lua_replace(L, 1);
        }
    }
    size_t length = 0;
    const char *text = lua_tolstring(L, 1, &length);
    luaL_optstring(L, 3, nullptr); // checked as Lua does; "b" and "bt" are overridden
    const int environment = lua_isnone(L, 4) ? 0 : 4;
    ChunkReader reader { text, length, true, steadyNanoseconds(), 0 };
    int status = LUA_OK;
    if (text) {
        const char *chunkName = luaL_optstring(L, 2, text);
        status = lua_load(L, readChunkPiece, &reader, chunkName, "t");
    } else {
        const char *chunkName = luaL_optstring(L, 2, "=(load)");
        luaL_checktype(L, 1, LUA_TFUNCTION);
        lua_settop(L, 5);
        reader.functionSlot = 5;
        status = lua_load(L, readChunkPiece, &reader, chunkName, "t");
    }
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (environment != 0) { // an explicit nil env means "no environment": keep the distinction
        lua_pushvalue(L, environment);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

// setmetatable() refusing __gc. Finalizers run with debug hooks disabled
// (lgc.c GCTM), so the instruction budget could not stop a looping one.
// Adding __gc to a metatable later does not mark the object for finalization.
int guardedSetmetatable(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE); // here, so that errors name 'setmetatable'
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    const int argc = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, argc, 1);
    return 1;
}

// xpcall() whose message handler is skipped once the budget is exhausted. The
// budget error is raised inside the count hook, and Lua calls the handler
// right there, before unwinding, with hooks disabled: a looping handler would
// never be stopped. Mirrors lbaselib.c luaB_xpcall so that code inside it can
// still yield.
int guardedMessageHandler(lua_State *L)
{
    const LuaSandbox *sandbox = LuaSandbox::fromState(L);
    if (sandbox->budgetExhausted() || sandbox->interruptRequested())
        return 1; // the error as it is
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

int finishProtectedCall(lua_State *L, int status, lua_KContext extra)
{
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - int(extra);
}

int guardedXpcall(lua_State *L)
{
    const int argc = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guardedMessageHandler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1); // first result
    lua_pushvalue(L, 1);   // the function
    lua_rotate(L, 3, 2);   // both below the function's arguments
    const int status = lua_pcallk(L, argc - 2, LUA_MULTRET, 2, 2, finishProtectedCall);
    return finishProtectedCall(L, status, 2);
}

// A coroutine killed by the budget error keeps its hooks off for good: Lua
// raises the error inside the hook, where hooks are disabled, and only a pcall
// restores them, which a dead coroutine never reaches. Closing it afterwards
// (coroutine.close, or coroutine.wrap propagating the error) would run its
// __close handlers with no budget. The hook marks such threads in their extra
// space (no allocation inside the hook), and closing skips marked dead ones:
// their to-be-closed variables stay unclosed, as when a coroutine is simply
// collected.
constexpr unsigned char kHooksLost = 1;

bool hooksLost(lua_State *co)
{
    const int status = lua_status(co);
    return status != LUA_OK && status != LUA_YIELD
            && (*static_cast<unsigned char *>(lua_getextraspace(co)) & kHooksLost) != 0;
}

// lcorolib.c luaB_close, closing through the check above.
int guardedClose(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "coroutine");
    const int status = lua_status(co);
    if (co == L)
        return luaL_error(L, "cannot close a running coroutine");
    lua_Debug ar;
    if (status == LUA_OK && lua_getstack(co, 0, &ar))
        return luaL_error(L, "cannot close a normal coroutine");
    if (hooksLost(co)) {
        lua_pushboolean(L, 0);
        if (LuaSandbox::fromState(L)->interruptRequested())
            lua_pushliteral(L, "aborted");
        else
            lua_pushliteral(L, "instruction budget exhausted");
        return 2;
    }
    if (lua_resetthread(co) == LUA_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_xmove(co, L, 1);
    return 2;
}

// lcorolib.c auxwrap, closing through the same check.
int wrappedCoroutine(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    const int argc = lua_gettop(L);
    if (!lua_checkstack(co, argc)) {
        lua_pushliteral(L, "too many arguments to resume");
        return lua_error(L);
    }
    lua_xmove(L, co, argc);
    int resultCount = 0;
    int status = lua_resume(co, L, argc, &resultCount);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, resultCount + 1)) {
            lua_pop(co, resultCount);
            lua_pushliteral(L, "too many results to resume");
            return lua_error(L);
        }
        lua_xmove(co, L, resultCount);
        return resultCount;
    }
    // An error inside the coroutine (not "cannot resume dead coroutine", which
    // leaves it as it was): close its variables unless the budget killed it.
    const int coroutineStatus = lua_status(co);
    if (coroutineStatus != LUA_OK && coroutineStatus != LUA_YIELD && !hooksLost(co))
        status = lua_resetthread(co); // runs __close handlers; leaves the error on top
    lua_xmove(co, L, 1);
    // "aborted" stays as it is: it names no place in the script.
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING && !LuaSandbox::fromState(L)->interruptRequested()) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

int guardedWrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, wrappedCoroutine, 1);
    return 1;
}

// The count hook only sees VM instructions; a C function looping on its own
// is out of its reach. Two library loops can run ~2^62 times without
// allocating (and so without meeting the memory cap): string.rep of empty
// pieces, and table.move over nils.
int guardedRep(lua_State *L)
{
    size_t length = 0;
    size_t separatorLength = 0;
    luaL_checklstring(L, 1, &length);
    const lua_Integer count = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &separatorLength);
    if (count <= 0 || length + separatorLength == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    // lstrlib.c's own size check, raised here so that the message carries the
    // script's position (from inside this wrapper the original has none).
    if (length + separatorLength > size_t(INT_MAX) / size_t(count))
        return luaL_error(L, "resulting string too large");
    return lua_tocfunction(L, lua_upvalueindex(1))(L); // in this frame: see callOriginal
}

// More elements than fit in the default memory limit (16 bytes each).
constexpr lua_Unsigned kMaxMoveElements = lua_Unsigned(1) << 24;

int guardedMove(lua_State *L)
{
    const lua_Integer first = luaL_checkinteger(L, 2);
    const lua_Integer last = luaL_checkinteger(L, 3);
    luaL_argcheck(L, last < first || lua_Unsigned(last) - lua_Unsigned(first) < kMaxMoveElements, 3,
                  "too many elements to move");
    return lua_tocfunction(L, lua_upvalueindex(1))(L); // in this frame: see callOriginal
}

// table.sort compares in C (lua_lessthan, or calls of the comparator), where
// the count hook does not look: sorting a few million elements, or a huge
// range a __len/__index pair makes up, runs for seconds to hours. Every
// comparison goes through this closure instead (upvalue: the comparator or
// nil), which charges the budget. A comparison, with its C call, counts as
// kUnitsPerComparison instructions.
constexpr uint64_t kUnitsPerComparison = 4;

int chargedLessThan(lua_State *L)
{
    LuaSandbox::charge(L, kUnitsPerComparison);
    if (lua_isnil(L, lua_upvalueindex(1))) {
        lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
        return 1;
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

bool hasMetafield(lua_State *L, int index, const char *name)
{
    const bool has = luaL_getmetafield(L, index, name) != LUA_TNIL;
    if (has)
        lua_pop(L, 1);
    return has;
}

int guardedSort(lua_State *L)
{
    // ltablib.c's argument checks, here so that errors name 'sort'.
    if (lua_type(L, 1) != LUA_TTABLE
        && !(hasMetafield(L, 1, "__index") && hasMetafield(L, 1, "__newindex") && hasMetafield(L, 1, "__len")))
        luaL_checktype(L, 1, LUA_TTABLE);
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, chargedLessThan, 1);
    if (lua_pcall(L, 2, 0, 0) == LUA_OK)
        return 0;
    // Called from here, the original's own error has no position: give it
    // the script's, as a direct call would have.
    if (lua_type(L, -1) == LUA_TSTRING && std::strcmp(lua_tostring(L, -1), "invalid order function for sorting") == 0)
        return luaL_error(L, "invalid order function for sorting");
    return lua_error(L);
}

// table.insert and table.remove shift #t elements, table.concat walks i..j: with __len or a
// C __index function the range is made up and the loop allocates nothing. A real table
// cannot hold 2^24 elements under the memory cap, so longer ranges are refused.
//
// The library's own function runs in the wrapper's call frame (called directly, not through
// lua_call), so its errors carry the script's position and the function's name as if it had
// been called itself. The wrapped functions have no upvalues of their own.
int callOriginal(lua_State *L)
{
    const lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    return original(L);
}

int guardedShift(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTABLE) {
        const lua_Integer length = luaL_len(L, 1);
        luaL_argcheck(L, length < lua_Integer(kMaxMoveElements) && length > -lua_Integer(kMaxMoveElements), 1,
                      "too many elements");
    }
    return callOriginal(L);
}

int guardedConcat(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTABLE) {
        const lua_Integer first = luaL_optinteger(L, 3, 1);
        const lua_Integer last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
        luaL_argcheck(L, last < first || lua_Unsigned(last) - lua_Unsigned(first) < kMaxMoveElements, 4,
                      "too many elements to concatenate");
    }
    return callOriginal(L);
}

void wrapField(lua_State *L, const char *table, const char *name, lua_CFunction wrapper)
{
    lua_getglobal(L, table);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

void wrapGlobal(lua_State *L, const char *name, lua_CFunction wrapper)
{
    lua_getglobal(L, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setglobal(L, name);
}

int openStandardLibraries(lua_State *L)
{
    static const luaL_Reg libraries[] = {
        { LUA_GNAME, luaopen_base },        { LUA_COLIBNAME, luaopen_coroutine }, { LUA_TABLIBNAME, luaopen_table },
        { LUA_STRLIBNAME, luaopen_string }, { LUA_MATHLIBNAME, luaopen_math },    { LUA_UTF8LIBNAME, luaopen_utf8 },
    };
    for (const luaL_Reg &library : libraries) {
        luaL_requiref(L, library.name, library.func, 1);
        lua_pop(L, 1);
    }
    // require does not exist without the package library; cleared anyway so
    // that the list reads as the policy.
    static const char *const removed[] = { "dofile", "loadfile", "require", "collectgarbage", "print" };
    for (const char *name : removed) {
        lua_pushnil(L);
        lua_setglobal(L, name);
    }
    lua_pushcfunction(L, sandboxLoad);
    lua_setglobal(L, "load");
    wrapGlobal(L, "setmetatable", guardedSetmetatable);
    lua_pushcfunction(L, guardedXpcall);
    lua_setglobal(L, "xpcall");
    lua_getglobal(L, LUA_COLIBNAME);
    lua_pushcfunction(L, guardedClose);
    lua_setfield(L, -2, "close");
    lua_pushcfunction(L, guardedWrap);
    lua_setfield(L, -2, "wrap");
    lua_pop(L, 1);
    wrapField(L, LUA_STRLIBNAME, "rep", guardedRep);
    wrapField(L, LUA_TABLIBNAME, "move", guardedMove);
    wrapField(L, LUA_TABLIBNAME, "sort", guardedSort);
    wrapField(L, LUA_TABLIBNAME, "insert", guardedShift);
    wrapField(L, LUA_TABLIBNAME, "remove", guardedShift);
    wrapField(L, LUA_TABLIBNAME, "concat", guardedConcat);
    LuaPatterns::install(L);

    lua_createtable(L, 0, 1);
    LuaValue::pushNull(L);
    lua_setfield(L, -2, "NULL");
    lua_setglobal(L, "box");
    LuaUint64::install(L);
    return 0;
}

int setGlobalTrampoline(lua_State *L)
{
    const char *name = static_cast<const char *>(lua_touserdata(L, 2));
    lua_settop(L, 1);
    lua_setglobal(L, name);
    return 0;
}

int toStringTrampoline(lua_State *L)
{
    luaL_tolstring(L, 1, nullptr);
    return 1;
}

// Only reached on an unprotected error, which this class never causes. Lua
// aborts after the panic function returns; leave a trace first.
int panic(lua_State *L)
{
    const char *message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)";
    std::fprintf(stderr, "Boxscope: unprotected Lua error: %s\n", message);
    return 0;
}

} // namespace

LuaSandbox::LuaSandbox(Libraries libraries)
{
    m_state = lua_newstate(&LuaSandbox::allocate, this);
    if (!m_state)
        return;
    lua_atpanic(m_state, panic);
    // New threads start with a copy of the main thread's extra space (the
    // kHooksLost mark lives there); Lua leaves it uninitialised.
    std::memset(lua_getextraspace(m_state), 0, LUA_EXTRASPACE);
    lua_sethook(m_state, countHook, LUA_MASKCOUNT, kHookInterval);
    if (libraries == Libraries::Standard && !callProtected(openStandardLibraries, 0, 0, nullptr)) {
        lua_close(m_state);
        m_state = nullptr;
    }
}

LuaSandbox::~LuaSandbox()
{
    if (m_state)
        lua_close(m_state);
}

LuaSandbox *LuaSandbox::fromState(lua_State *L)
{
    void *ud = nullptr;
    lua_getallocf(L, &ud);
    return static_cast<LuaSandbox *>(ud);
}

void *LuaSandbox::allocate(void *ud, void *ptr, size_t oldSize, size_t newSize)
{
    auto *self = static_cast<LuaSandbox *>(ud);
    if (!ptr)
        oldSize = 0; // for new blocks Lua passes the object type here, not a size
    if (newSize == 0) {
        std::free(ptr);
        self->m_memoryUsed -= oldSize;
        return nullptr;
    }
    if (newSize > oldSize && self->m_memoryLimit != 0) {
        // Written so that a huge request cannot overflow the sum: it just fails,
        // and Lua turns the failure into "not enough memory".
        const size_t growth = newSize - oldSize;
        if (self->m_memoryUsed >= self->m_memoryLimit || growth > self->m_memoryLimit - self->m_memoryUsed)
            return nullptr;
    }
    void *block = std::realloc(ptr, newSize);
    if (!block)
        return newSize <= oldSize ? ptr : nullptr; // Lua requires shrinking to succeed
    self->m_memoryUsed = self->m_memoryUsed - oldSize + newSize;
    return block;
}

void LuaSandbox::countHook(lua_State *L, lua_Debug *)
{
    LuaSandbox *self = fromState(L);
    const int interval = lua_gethookcount(L);
    self->m_instructionsUsed += uint64_t(interval);
    if (!self->stopped()) {
        if (interval != kHookInterval) // a thread left in "every instruction" mode by an earlier run
            lua_sethook(L, countHook, LUA_MASKCOUNT, kHookInterval);
        return;
    }
    // Check every instruction from now on: when a pcall (or resume) in the
    // script catches this error, the caller's next instruction raises it again,
    // up to the top level. With the normal interval the loop inside the pcall
    // would take all the hook calls and the loop around it would go on forever.
    if (interval != 1)
        lua_sethook(L, countHook, LUA_MASKCOUNT, 1);
    if (L != self->m_state)
        *static_cast<unsigned char *>(lua_getextraspace(L)) |= kHooksLost;
    // Inside a hook the running function is level 0.
    raiseStop(L, 0);
}

void LuaSandbox::charge(lua_State *L, uint64_t units)
{
    LuaSandbox *self = fromState(L);
    self->m_instructionsUsed =
            units > UINT64_MAX - self->m_instructionsUsed ? UINT64_MAX : self->m_instructionsUsed + units;
    if (!self->stopped())
        return;
    // As in the hook: from now on every instruction of this thread raises again.
    // Raised outside a hook, the error leaves the thread's hooks on.
    if (lua_gethookcount(L) != 1)
        lua_sethook(L, countHook, LUA_MASKCOUNT, 1);
    // The C function's caller is level 1.
    raiseStop(L, 1);
}

void LuaSandbox::raiseStop(lua_State *L, int level)
{
    if (fromState(L)->interruptRequested()) {
        lua_pushliteral(L, "aborted");
    } else {
        luaL_where(L, level);
        lua_pushliteral(L, "instruction budget exhausted");
        lua_concat(L, 2);
    }
    lua_error(L);
    std::abort(); // lua_error does not return
}

void LuaSandbox::resetBudget()
{
    m_interruptRequested.store(false, std::memory_order_relaxed);
    resetCount();
}

void LuaSandbox::resetCount()
{
    m_instructionsUsed = 0;
    if (m_state)
        lua_sethook(m_state, countHook, LUA_MASKCOUNT, kHookInterval);
}

LuaSandbox::Result LuaSandbox::run(const QByteArray &code, const char *chunkName)
{
    // The run starts before compiling: compile time counts against the budget,
    // and an interrupt requested meanwhile is not lost.
    resetBudget();
    Result result;
    if (!compile(code, chunkName, true, &result.error))
        return result;
    return callInRun(0);
}

bool LuaSandbox::load(const QByteArray &code, const char *chunkName, QString *error)
{
    return compile(code, chunkName, false, error);
}

bool LuaSandbox::compile(const QByteArray &code, const char *chunkName, bool charged, QString *error)
{
    if (!m_state || !lua_checkstack(m_state, 1)) {
        if (error)
            *error = QStringLiteral("Lua state unavailable");
        return false;
    }
    // lua_load runs the parser in protected mode: it never raises.
    ChunkReader reader { code.constData(), size_t(code.size()), charged, steadyNanoseconds(), 0 };
    if (lua_load(m_state, readChunkPiece, &reader, chunkName, "t") != LUA_OK) {
        if (error)
            *error = errorText(m_state, -1);
        lua_pop(m_state, 1);
        return false;
    }
    return true;
}

LuaSandbox::Result LuaSandbox::call(int nargs)
{
    resetBudget();
    return callInRun(nargs);
}

LuaSandbox::Result LuaSandbox::callInRun(int nargs)
{
    Result result;
    lua_State *L = m_state;
    if (!L) {
        result.error = QStringLiteral("Lua state unavailable");
        return result;
    }
    const int base = lua_gettop(L) - nargs - 1;
    if (lua_pcall(L, nargs, LUA_MULTRET, 0) != LUA_OK) {
        result.error = errorText(L, -1);
        lua_settop(L, base);
        // A run stopped by the memory cap leaves its garbage behind; return it
        // now rather than at the next run's first failed allocation. Safe:
        // scripts cannot install finalizers.
        if (m_memoryLimit != 0 && m_memoryUsed > m_memoryLimit / 4)
            collectGarbage();
        return result;
    }
    if (interruptRequested()) {
        // The chunk caught "aborted" in its very last call (`return pcall(f)`,
        // `return load(text)`), leaving no instruction to raise it again. (An
        // exhausted budget caught there stays a result, as it always was.)
        result.error = QStringLiteral("aborted");
        lua_settop(L, base);
        return result;
    }
    const int count = lua_gettop(L) - base;
    result.values.reserve(size_t(count));
    for (int i = 1; i <= count; ++i) {
        MpValue value;
        QString error;
        if (!LuaValue::toMp(L, base + i, &value, &error)) {
            result.error = count > 1 ? QStringLiteral("value %1: %2").arg(i).arg(error) : error;
            result.values.clear();
            lua_settop(L, base);
            return result;
        }
        result.values.push_back(std::move(value));
    }
    lua_settop(L, base);
    result.ok = true;
    return result;
}

int LuaSandbox::resume(lua_State *co, int nargs, int *nresults)
{
    // A fresh count, but an interrupt stands: the slices of one script are one run for it.
    resetCount();
    return lua_resume(co, m_state, nargs, nresults);
}

int LuaSandbox::closeThread(lua_State *co)
{
    if (hooksLost(co))
        return lua_status(co);
    return lua_resetthread(co);
}

bool LuaSandbox::callProtected(CFunction function, int nargs, int nresults, QString *error)
{
    lua_State *L = m_state;
    if (!L || !lua_checkstack(L, 1)) {
        if (error)
            *error = QStringLiteral("Lua state unavailable");
        return false;
    }
    lua_pushcfunction(L, function);
    lua_insert(L, -(nargs + 1));
    if (lua_pcall(L, nargs, nresults, 0) != LUA_OK) {
        if (error)
            *error = errorText(L, -1);
        lua_pop(L, 1);
        return false;
    }
    return true;
}

bool LuaSandbox::setGlobal(const char *name, const MpValue &value, QString *error)
{
    if (!m_state) {
        if (error)
            *error = QStringLiteral("Lua state unavailable");
        return false;
    }
    if (!LuaValue::push(m_state, value, error))
        return false;
    lua_pushlightuserdata(m_state, const_cast<char *>(name));
    return callProtected(setGlobalTrampoline, 2, 0, error);
}

void LuaSandbox::collectGarbage()
{
    if (m_state)
        lua_gc(m_state, LUA_GCCOLLECT);
}

QString LuaSandbox::errorText(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    switch (lua_type(L, index)) {
    case LUA_TSTRING: {
        size_t length = 0;
        const char *text = lua_tolstring(L, index, &length); // a string already: no conversion, no allocation
        return QString::fromUtf8(text, qsizetype(length));
    }
    case LUA_TNUMBER:
        // lua_tolstring would convert in place and may allocate (and raise).
        if (lua_isinteger(L, index))
            return QString::number(lua_tointeger(L, index));
        return QString::number(lua_tonumber(L, index), 'g', 17);
    case LUA_TNIL: return QStringLiteral("nil");
    default: break;
    }
    if (lua_checkstack(L, 2)) {
        lua_pushcfunction(L, toStringTrampoline);
        lua_pushvalue(L, index);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
            size_t length = 0;
            const char *text = lua_tolstring(L, -1, &length);
            QString message = QString::fromUtf8(text, qsizetype(length));
            lua_pop(L, 1);
            return message;
        }
        lua_pop(L, 1);
    }
    return QStringLiteral("(error object is a %1 value)").arg(QString::fromLatin1(luaL_typename(L, index)));
}

} // namespace Boxscope
