#pragma once

// Lua's headers stay out of netcore's public headers (see LuaSandbox.h).
struct lua_State;

namespace Boxscope {

/// string.find, string.match, string.gmatch and string.gsub for LuaSandbox:
/// Lua 5.4's pattern matching (reference manual §6.4.1) with the same results
/// and error messages, written so that no call runs unbounded. Every matcher
/// step is charged to the sandbox's instruction budget (LuaSandbox::charge,
/// in batches of kChargeBatch; a step counts as two instructions), so a backtracking pattern ends with
/// "instruction budget exhausted" or, on LuaSandbox::requestInterrupt(),
/// "aborted"; plain finds use glibc's memmem (linear time); nesting is
/// limited as in Lua ("pattern too complex" past 200 levels).
///
/// The functions must run on a LuaSandbox's state. They hold no C++ object
/// with a destructor across Lua calls that can raise.
class LuaPatterns
{
public:
    /// Matcher steps between two charges.
    static constexpr unsigned kChargeBatch = 4096;

    static int find(lua_State *L);
    static int match(lua_State *L);
    static int gmatch(lua_State *L);
    static int gsub(lua_State *L);

    /// Replaces the four functions in the string library table (global
    /// `string`, which string values index through their metatable). Raises on
    /// allocation failure: call it in protected mode.
    static void install(lua_State *L);
};

} // namespace Boxscope
