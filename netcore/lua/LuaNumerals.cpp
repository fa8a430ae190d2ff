#include "lua/LuaNumerals.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace Boxscope::LuaNumerals {
namespace {

constexpr uint64_t kInt64Max = uint64_t(INT64_MAX);

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isIdent(char c)
{
    return isIdentStart(c) || isDigit(c);
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Keywords after which a value has ended, so that a following `-` is a binary minus. `end`
// only ends a value in `function() end - 1`; counting it keeps that case unfolded.
bool endsValue(const char *word, size_t length)
{
    static constexpr std::string_view words[] = { "nil", "true", "false", "end" };
    static constexpr std::string_view keywords[] = { "and",      "break",  "do",     "else", "elseif", "for",
                                                     "function", "goto",   "if",     "in",   "local",  "not",
                                                     "or",       "repeat", "return", "then", "until",  "while" };
    const std::string_view w(word, length);
    if (length > 8)
        return true; // longer than any keyword: a name
    for (std::string_view v : words) {
        if (v == w)
            return true;
    }
    for (std::string_view k : keywords) {
        if (k == w)
            return false;
    }
    return true; // a name
}

// The length of the long bracket `[==[` at text[i] (or `]==]` with close), 0 if there is none.
size_t longBracket(const char *text, size_t size, size_t i, char open)
{
    size_t j = i + 1;
    while (j < size && text[j] == '=')
        ++j;
    return j < size && text[j] == open ? j + 1 - i : 0;
}

// The end of the long string or comment whose opening bracket of `length` starts at i.
size_t longStringEnd(const char *text, size_t size, size_t i, size_t length)
{
    for (size_t j = i + length; j < size; ++j) {
        if (text[j] == ']' && longBracket(text, size, j, ']') == length)
            return j + length;
    }
    return size;
}

size_t shortStringEnd(const char *text, size_t size, size_t i)
{
    const char quote = text[i];
    size_t j = i + 1;
    while (j < size) {
        const char c = text[j];
        if (c == '\\') {
            j += 2;
            // A backslash before \r\n or \n\r escapes the whole line break.
            if (j < size && (text[j - 1] == '\r' || text[j - 1] == '\n') && (text[j] == '\r' || text[j] == '\n')
                && text[j] != text[j - 1])
                ++j;
            continue;
        }
        if (c == quote)
            return j + 1;
        if (c == '\n' || c == '\r')
            return j; // unfinished: Lua reports it
        ++j;
    }
    return size;
}

// LuaJIT's numeral token (lj_lex.c lex_number): identifier characters, dots, and a sign
// after an exponent mark.
size_t numeralEnd(const char *text, size_t size, size_t i)
{
    const char exponent = text[i] == '0' && i + 1 < size && lower(text[i + 1]) == 'x' ? 'p' : 'e';
    char previous = 0;
    size_t j = i;
    while (j < size) {
        const char c = text[j];
        if (!(isIdent(c) || c == '.' || ((c == '-' || c == '+') && lower(previous) == exponent)))
            break;
        previous = c;
        ++j;
    }
    return j;
}

enum class Suffix { None, Signed, Unsigned, Invalid };

struct Numeral
{
    uint64_t value = 0;
    Suffix suffix = Suffix::Invalid;
};

// An integer numeral, decimal or hex, with an optional LL/ULL/LLU suffix; anything else
// (fractions, exponents, more than 64 bits, other letters) is Suffix::Invalid.
Numeral parseNumeral(const char *text, size_t begin, size_t end)
{
    Numeral numeral;
    size_t i = begin;
    const bool hex = end - begin > 2 && text[i] == '0' && lower(text[i + 1]) == 'x';
    if (hex)
        i += 2;
    const size_t digitsBegin = i;
    uint64_t value = 0;
    for (; i < end && (hex ? isHexDigit(text[i]) : isDigit(text[i])); ++i) {
        const char c = lower(text[i]);
        const uint64_t digit = uint64_t(isDigit(c) ? c - '0' : c - 'a' + 10);
        const uint64_t base = hex ? 16 : 10;
        if (value > (UINT64_MAX - digit) / base)
            return numeral; // over 64 bits
        value = value * base + digit;
    }
    if (i == digitsBegin)
        return numeral;
    char suffix[4] = {};
    const size_t suffixLength = end - i;
    if (suffixLength > 3)
        return numeral;
    for (size_t k = 0; k < suffixLength; ++k)
        suffix[k] = lower(text[i + k]);
    if (suffixLength == 0)
        numeral.suffix = hex ? Suffix::Invalid : Suffix::None; // Lua's own hex numerals stay Lua's
    else if (std::strcmp(suffix, "ll") == 0)
        numeral.suffix = Suffix::Signed;
    else if (std::strcmp(suffix, "ull") == 0 || std::strcmp(suffix, "llu") == 0)
        numeral.suffix = Suffix::Unsigned;
    numeral.value = value;
    return numeral;
}

// The text for a 64-bit integer: "123", Lua's wrapping hex for negative int64 values, or
// kConstructor's call for unsigned values above INT64_MAX.
int spell(char *out, size_t size, uint64_t bits, bool unsignedValue)
{
    if (bits <= kInt64Max)
        return std::snprintf(out, size, "%llu", static_cast<unsigned long long>(bits));
    if (!unsignedValue)
        return std::snprintf(out, size, "0x%016llx", static_cast<unsigned long long>(bits));
    return std::snprintf(out, size, "%s(0x%016llx)", kConstructor, static_cast<unsigned long long>(bits));
}

class Rewriter
{
public:
    Rewriter(const char *text, size_t size, Mode mode, Sink sink, void *context)
        : m_text(text)
        , m_size(size)
        , m_mode(mode)
        , m_sink(sink)
        , m_context(context)
    { }

    bool run()
    {
        size_t i = 0;
        while (i < m_size) {
            const char c = m_text[i];
            if (isSpace(c)) {
                ++i;
                continue;
            }
            const bool afterMinus = m_minus;
            m_minus = false;
            if (c == '-' && i + 1 < m_size && m_text[i + 1] == '-') {
                const size_t bracket =
                        i + 2 < m_size && m_text[i + 2] == '[' ? longBracket(m_text, m_size, i + 2, '[') : 0;
                if (bracket) {
                    i = longStringEnd(m_text, m_size, i + 2, bracket);
                } else {
                    while (i < m_size && m_text[i] != '\n' && m_text[i] != '\r')
                        ++i;
                }
                m_minus = afterMinus; // comments are no tokens
                continue;
            }
            if (c == '-') {
                m_minus = true;
                m_minusAt = i;
                m_minusUnary = !m_valueEnded;
                m_valueEnded = false;
                ++i;
                continue;
            }
            if (c == '\'' || c == '"') {
                i = shortStringEnd(m_text, m_size, i);
                m_valueEnded = true;
                continue;
            }
            if (c == '[') {
                const size_t bracket = longBracket(m_text, m_size, i, '[');
                if (bracket) {
                    i = longStringEnd(m_text, m_size, i, bracket);
                    m_valueEnded = true;
                } else {
                    ++i;
                    m_valueEnded = false;
                }
                continue;
            }
            if (isIdentStart(c)) {
                const size_t begin = i;
                while (i < m_size && isIdent(m_text[i]))
                    ++i;
                m_valueEnded = endsValue(m_text + begin, i - begin);
                continue;
            }
            if (c == '.' && !(i + 1 < m_size && isDigit(m_text[i + 1]))) {
                size_t dots = 1;
                while (dots < 3 && i + dots < m_size && m_text[i + dots] == '.')
                    ++dots;
                i += dots;
                m_valueEnded = dots == 3;
                continue;
            }
            if (isDigit(c) || c == '.') {
                i = numeral(i, afterMinus);
                m_valueEnded = true;
                continue;
            }
            m_valueEnded = c == ')' || c == ']' || c == '}';
            ++i;
        }
        if (m_changed)
            copyUpTo(m_size);
        return m_changed;
    }

private:
    // Handles the numeral at begin; returns its end.
    size_t numeral(size_t begin, bool afterMinus)
    {
        const size_t end = numeralEnd(m_text, m_size, begin);
        const Numeral n = parseNumeral(m_text, begin, end);
        char spelled[64];
        switch (n.suffix) {
        case Suffix::Invalid: return end;
        case Suffix::None:
            if (m_mode != Mode::Arguments || n.value <= kInt64Max || afterMinus)
                return end;
            replace(begin, end, spelled, spell(spelled, sizeof spelled, n.value, true));
            return end;
        case Suffix::Signed: replace(begin, end, spelled, spell(spelled, sizeof spelled, n.value, false)); return end;
        case Suffix::Unsigned:
            if (afterMinus && m_minusUnary && onlyBlanks(m_minusAt + 1, begin) && !powerFollows(end)) {
                // -1ULL: the minus of uint64_t, modulo 2^64
                replace(m_minusAt, end, spelled, spell(spelled, sizeof spelled, 0 - n.value, true));
                return end;
            }
            replace(begin, end, spelled, spell(spelled, sizeof spelled, n.value, true));
            return end;
        }
        return end;
    }

    bool onlyBlanks(size_t begin, size_t end) const
    {
        for (size_t i = begin; i < end; ++i) {
            if (m_text[i] != ' ' && m_text[i] != '\t')
                return false;
        }
        return true;
    }

    bool powerFollows(size_t i) const
    {
        while (i < m_size && isSpace(m_text[i]))
            ++i;
        return i < m_size && m_text[i] == '^';
    }

    void replace(size_t begin, size_t end, const char *text, int length)
    {
        copyUpTo(begin);
        if (m_sink && length > 0)
            m_sink(m_context, text, size_t(length));
        m_emitted = end;
        m_changed = true;
    }

    // Copies the text up to `upTo` that has not been copied yet.
    void copyUpTo(size_t upTo)
    {
        if (m_sink && upTo > m_emitted)
            m_sink(m_context, m_text + m_emitted, upTo - m_emitted);
        m_emitted = upTo;
    }

    const char *m_text;
    size_t m_size;
    Mode m_mode;
    Sink m_sink;
    void *m_context;
    size_t m_emitted = 0;
    bool m_changed = false;
    bool m_valueEnded = false; // the last token ends a value: a `-` after it is binary
    bool m_minus = false;      // the last token is a `-`
    bool m_minusUnary = false;
    size_t m_minusAt = 0;
};

void appendTo(void *context, const char *data, size_t size)
{
    static_cast<QByteArray *>(context)->append(data, qsizetype(size));
}

} // namespace

namespace {

bool isNumeralChar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'x' || c == 'X'
            || c == 'u' || c == 'U';
}

// Whether a chunk may hold a numeral with an LL suffix: an "ll" (any case) right after a run of
// numeral characters that starts with a digit and is not the tail of an identifier. Never
// false when the tokenizer would rewrite something; a fast path for the (vast) rest, such as
// megabytes of generated code, which the tokenizer would walk word by word.
bool maySuffix(const char *text, size_t size)
{
    for (size_t i = 1; i < size; ++i) {
        if ((text[i] != 'l' && text[i] != 'L') || (text[i - 1] != 'l' && text[i - 1] != 'L'))
            continue;
        size_t start = i - 1;
        while (start > 0 && isNumeralChar(text[start - 1]))
            --start;
        if (start == i - 1 || text[start] < '0' || text[start] > '9')
            continue;
        const char before = start > 0 ? text[start - 1] : ' ';
        if (before == '_' || (before >= 'g' && before <= 'z') || (before >= 'G' && before <= 'Z'))
            continue; // an identifier's tail
        return true;
    }
    return false;
}

} // namespace

bool rewrite(const char *text, size_t size, Mode mode, Sink sink, void *context)
{
    // Arguments also reads unsuffixed integers above INT64_MAX: always walked.
    if (mode == Mode::Chunk && !maySuffix(text, size))
        return false;
    return Rewriter(text, size, mode, sink, context).run();
}

QByteArray rewritten(const QByteArray &text, Mode mode)
{
    if (!rewrite(text.constData(), size_t(text.size()), mode, nullptr, nullptr))
        return text;
    QByteArray out;
    out.reserve(text.size() + 64);
    rewrite(text.constData(), size_t(text.size()), mode, appendTo, &out);
    return out;
}

} // namespace Boxscope::LuaNumerals
