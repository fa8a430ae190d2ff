// The YAML writer: the emitter proper (layout, quoting, anchors), toYaml() and yamlDocument().
#include "format/MpFormat.h"

#include "format/FormatDetail.h"
#include "format/YamlScalar.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace Boxscope::MpFormat {

using namespace detail;
using namespace detail::yaml;

namespace {

// YAML: an emulation of libyaml's emitter as Tarantool configures it (indent 2, width 80,
// unicode on, "\n" breaks), driven the way Tarantool's lua-yaml feeds it events.

class YamlEmitter
{
public:
    explicit YamlEmitter(const YamlAnchors *anchors = nullptr)
        : m_anchors(anchors && !anchors->isEmpty() ? anchors : nullptr)
    {
    }

    const Out &output() const { return m_out; }

    void document(const MpValue &root)
    {
        writeIndent();
        writeIndicator("---", true, false, false);
        emitNode(root, 0, false, false);
        endDocument();
    }

    // A document whose root is the sequence of values, without copying them into an array.
    void sequenceDocument(const std::vector<MpValue> &values)
    {
        writeIndent();
        writeIndicator("---", true, false, false);
        emitSequence(values.data(), values.size(), 0, false);
        endDocument();
    }

private:
    static constexpr int kBestIndent = 2;
    static constexpr int kBestWidth = 80;

    // libyaml's emitter state.
    Out m_out;
    int m_column = 0;
    bool m_whitespace = true;
    bool m_indention = true;
    int m_indent = -1;

    // Anchors: the path of the node being emitted (kept only when there are marks) and the
    // first mark not yet met. Nodes are met in pre-order, the order of the sorted marks.
    using Mark = YamlAnchors::Mark;
    const YamlAnchors *m_anchors = nullptr;
    std::vector<size_t> m_path;
    size_t m_nextMark = 0;
    size_t m_nextFlow = 0;
    int m_flowLevel = 0; // libyaml's flow_level: > 0 inside a flow collection

    void enterChild(size_t index)
    {
        if (m_anchors)
            m_path.push_back(index);
    }
    void leaveChild()
    {
        if (m_anchors)
            m_path.pop_back();
    }
    // The mark of the node at m_path; each node asks once, in emission order.
    const Mark *takeMark()
    {
        if (!m_anchors)
            return nullptr;
        const std::vector<Mark> &marks = m_anchors->marks;
        while (m_nextMark < marks.size() && marks[m_nextMark].path < m_path)
            ++m_nextMark;
        if (m_nextMark < marks.size() && marks[m_nextMark].path == m_path)
            return &marks[m_nextMark++];
        return nullptr;
    }
    // Whether the collection at m_path starts a flow node; each collection asks once, in
    // emission order, unless it is inside a flow node already.
    bool takeFlow()
    {
        if (!m_anchors)
            return false;
        const std::vector<std::vector<size_t>> &flow = m_anchors->flow;
        while (m_nextFlow < flow.size() && flow[m_nextFlow] < m_path)
            ++m_nextFlow;
        if (m_nextFlow < flow.size() && flow[m_nextFlow] == m_path) {
            ++m_nextFlow;
            return true;
        }
        return false;
    }
    // yaml_emitter_process_anchor(): "&N" or "*N" after a space unless at a line start.
    void writeMark(const Mark &mark)
    {
        writeIndicator(mark.kind == YamlAnchors::Kind::Alias ? "*" : "&", true, false, false);
        char buf[16];
        const auto r = std::to_chars(buf, buf + sizeof(buf), mark.number);
        for (const char *c = buf; c < r.ptr; ++c)
            put(*c);
        m_whitespace = false;
        m_indention = false;
    }

    void endDocument()
    {
        writeIndent();
        writeIndicator("...", true, false, false);
        writeIndent();
    }

    // --- output primitives (PUT, PUT_BREAK, WRITE, WRITE_BREAK)

    void put(char c)
    {
        m_out += c;
        ++m_column;
    }
    void putBreak()
    {
        m_out += '\n';
        m_column = 0;
    }
    // Copies one character, returns the pointer past it.
    const uchar *write(const uchar *p, const uchar *end)
    {
        const int n = std::min<qsizetype>(width(*p), end - p);
        m_out.append(reinterpret_cast<const char *>(p), n);
        ++m_column;
        return p + n;
    }
    const uchar *writeBreak(const uchar *p, const uchar *end)
    {
        if (*p == '\n') {
            putBreak();
            return p + 1;
        }
        const int n = std::min<qsizetype>(width(*p), end - p);
        m_out.append(reinterpret_cast<const char *>(p), n);
        m_column = 0;
        return p + n;
    }

    void writeIndent()
    {
        const int indent = m_indent >= 0 ? m_indent : 0;
        if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace))
            putBreak();
        while (m_column < indent)
            put(' ');
        m_whitespace = true;
        m_indention = true;
    }

    void writeIndicator(const char *indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !m_whitespace)
            put(' ');
        for (const char *c = indicator; *c; ++c)
            put(*c);
        m_whitespace = isWhitespace;
        m_indention = m_indention && isIndention;
    }

    // --- scalars

    void emitScalar(const Scalar &s, const Analysis &a, bool simpleKey)
    {
        // Tarantool's encoder asks for single quotes for every string in flow mode.
        const bool flow = m_flowLevel > 0;
        Style style = s.style;
        if (flow && s.isString && (style == Style::Any || style == Style::Literal))
            style = Style::Single;
        // yaml_emitter_select_scalar_style().
        if (style == Style::Any)
            style = Style::Plain;
        if (simpleKey && a.multiline)
            style = Style::Double;
        if (style == Style::Plain) {
            if ((flow ? !a.flowPlainAllowed : !a.blockPlainAllowed) || (s.text.isEmpty() && (flow || simpleKey)))
                style = Style::Single;
        }
        if (style == Style::Single && !a.singleQuotedAllowed)
            style = Style::Double;
        if (style == Style::Literal && (!a.blockAllowed || flow || simpleKey))
            style = Style::Double;

        if (s.tagHandle) {
            if (!m_whitespace)
                put(' ');
            for (const char *c = s.tagHandle; *c; ++c)
                put(*c);
            for (char c : s.tagSuffix)
                put(c);
            m_whitespace = false;
            m_indention = false;
        }

        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? kBestIndent : m_indent + kBestIndent;
        const auto *start = reinterpret_cast<const uchar *>(s.text.constData());
        const uchar *end = start + s.text.size();
        switch (style) {
        case Style::Any:
        case Style::Plain: writePlain(start, end, !simpleKey); break;
        case Style::Single: writeSingleQuoted(start, end, !simpleKey); break;
        case Style::Double: writeDoubleQuoted(start, end, !simpleKey); break;
        case Style::Literal: writeLiteral(start, end); break;
        }
        m_indent = savedIndent;
    }

    void writePlain(const uchar *start, const uchar *end, bool allowBreaks)
    {
        // Empty values get no trailing space in block mode.
        if (!m_whitespace && start != end)
            put(' ');
        bool spaces = false, breaks = false;
        const uchar *p = start;
        while (p < end) {
            if (*p == ' ') {
                if (allowBreaks && !spaces && m_column > kBestWidth && at(p + 1, end) != ' ') {
                    writeIndent();
                    ++p;
                } else {
                    p = write(p, end);
                }
                spaces = true;
            } else if (isBreak(p, end)) {
                if (!breaks && *p == '\n')
                    putBreak();
                p = writeBreak(p, end);
                m_indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                p = write(p, end);
                m_indention = false;
                spaces = false;
                breaks = false;
            }
        }
        m_whitespace = false;
        m_indention = false;
    }

    void writeSingleQuoted(const uchar *start, const uchar *end, bool allowBreaks)
    {
        writeIndicator("'", true, false, false);
        bool spaces = false, breaks = false;
        const uchar *p = start;
        while (p < end) {
            if (*p == ' ') {
                if (allowBreaks && !spaces && m_column > kBestWidth && p != start && p != end - 1
                    && at(p + 1, end) != ' ') {
                    writeIndent();
                    ++p;
                } else {
                    p = write(p, end);
                }
                spaces = true;
            } else if (isBreak(p, end)) {
                if (!breaks && *p == '\n')
                    putBreak();
                p = writeBreak(p, end);
                m_indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                if (*p == '\'')
                    put('\'');
                p = write(p, end);
                m_indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if (breaks)
            writeIndent();
        writeIndicator("'", false, false, false);
        m_whitespace = false;
        m_indention = false;
    }

    void writeDoubleQuoted(const uchar *start, const uchar *end, bool allowBreaks)
    {
        writeIndicator("\"", true, false, false);
        bool spaces = false;
        const uchar *p = start;
        while (p < end) {
            if (!isPrintable(p, end) || isBom(p, end) || isBreak(p, end) || *p == '"' || *p == '\\') {
                const uchar b0 = *p;
                const int w = std::min<qsizetype>(width(b0), end - p);
                char32_t value = w == 1 ? b0 : b0 & (w == 2 ? 0x1f : w == 3 ? 0x0f : 0x07);
                for (int k = 1; k < w; ++k)
                    value = (value << 6) | (p[k] & 0x3f);
                p += w;
                put('\\');
                switch (value) {
                case 0x00: put('0'); break;
                case 0x07: put('a'); break;
                case 0x08: put('b'); break;
                case 0x09: put('t'); break;
                case 0x0a: put('n'); break;
                case 0x0b: put('v'); break;
                case 0x0c: put('f'); break;
                case 0x0d: put('r'); break;
                case 0x1b: put('e'); break;
                case 0x22: put('"'); break;
                case 0x5c: put('\\'); break;
                case 0x85: put('N'); break;
                case 0xa0: put('_'); break;
                case 0x2028: put('L'); break;
                case 0x2029: put('P'); break;
                default: {
                    int digits;
                    if (value <= 0xff) {
                        put('x');
                        digits = 2;
                    } else if (value <= 0xffff) {
                        put('u');
                        digits = 4;
                    } else {
                        put('U');
                        digits = 8;
                    }
                    for (int k = (digits - 1) * 4; k >= 0; k -= 4)
                        put(kHexUpper[(value >> k) & 0x0f]);
                }
                }
                spaces = false;
            } else if (*p == ' ') {
                if (allowBreaks && !spaces && m_column > kBestWidth && p != start && p != end - 1) {
                    writeIndent();
                    if (at(p + 1, end) == ' ')
                        put('\\');
                    ++p;
                } else {
                    p = write(p, end);
                }
                spaces = true;
            } else {
                p = write(p, end);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        m_whitespace = false;
        m_indention = false;
    }

    void writeLiteral(const uchar *start, const uchar *end)
    {
        writeIndicator("|", true, false, false);
        // Block scalar hints: an indentation indicator when the text starts with a space or a
        // break, "-" to strip when it does not end in a break, "+" to keep several.
        if (start < end && (*start == ' ' || isBreak(start, end)))
            writeIndicator("2", false, false, false);
        const char *chomp = nullptr;
        if (start == end) {
            chomp = "-";
        } else {
            const uchar *q = end;
            do
                --q;
            while (q > start && (*q & 0xc0) == 0x80);
            if (!isBreak(q, end)) {
                chomp = "-";
            } else if (q == start) {
                chomp = "+";
            } else {
                do
                    --q;
                while (q > start && (*q & 0xc0) == 0x80);
                if (isBreak(q, end))
                    chomp = "+";
            }
        }
        if (chomp)
            writeIndicator(chomp, false, false, false);
        putBreak();
        m_indention = true;
        m_whitespace = true;
        bool breaks = true;
        const uchar *p = start;
        while (p < end) {
            if (isBreak(p, end)) {
                p = writeBreak(p, end);
                m_indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                p = write(p, end);
                m_indention = false;
                breaks = false;
            }
        }
    }

    // --- nodes

    void emitNode(const MpValue &v, int depth, bool mappingContext, bool simpleKey)
    {
        emitMarkedNode(v, depth, mappingContext, simpleKey, takeMark());
    }

    void emitMarkedNode(const MpValue &v, int depth, bool mappingContext, bool simpleKey, const Mark *mark)
    {
        if (mark) {
            writeMark(*mark);
            if (mark->kind == YamlAnchors::Kind::Alias) {
                // yaml_emitter_emit_alias(): a simple key "*0 : value".
                if (simpleKey)
                    put(' ');
                return;
            }
        }
        const bool container = depth < kMaxDepth && (v.isArray() || v.isMap());
        if (container && (m_flowLevel > 0 || takeFlow())) {
            if (v.isArray())
                emitFlowSequence(v, depth);
            else
                emitFlowMapping(v, depth);
        } else if (container && v.isArray())
            emitSequence(v.items().data(), v.items().size(), depth, mappingContext);
        else if (container)
            emitMapping(v, depth);
        else {
            const Scalar s = depth < kMaxDepth ? scalarFor(v, depth) : stringScalar(kTooDeep);
            emitScalar(s, analyze(s.text), simpleKey);
        }
    }

    // yaml_emitter_emit_flow_sequence_item(): "[", items after ", ", a new line (at the
    // collection's indentation) before an item that would start past best_width, "]".
    void emitFlowSequence(const MpValue &v, int depth)
    {
        writeIndicator("[", true, true, false);
        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? kBestIndent : m_indent + kBestIndent;
        ++m_flowLevel;
        for (size_t i = 0; i < v.size(); ++i) {
            if (i > 0)
                writeIndicator(",", false, false, false);
            if (m_column > kBestWidth)
                writeIndent();
            enterChild(i);
            emitNode(v.at(i), depth + 1, false, false);
            leaveChild();
        }
        --m_flowLevel;
        m_indent = savedIndent;
        writeIndicator("]", false, false, false);
    }

    // yaml_emitter_emit_flow_mapping_key() / _value(): "{'k': v, ...}"; a key that is not
    // simple is written "? key : value".
    // A mapping key of a node at depth, with its anchor or alias mark taken.
    struct MapKey
    {
        const Mark *mark = nullptr;
        bool alias = false;
        bool container = false;
        bool simple = false;
        Scalar scalar;
        Analysis analysis;
    };

    // yaml_emitter_check_simple_key(): aliases, short one-line scalars and empty collections
    // (an anchor is never long enough to matter) are simple keys; others take "? ".
    MapKey mapKey(const MpValue &key, int depth)
    {
        MapKey k;
        k.mark = takeMark();
        k.alias = k.mark && k.mark->kind == YamlAnchors::Kind::Alias;
        k.container = !k.alias && depth + 1 < kMaxDepth && (key.isArray() || key.isMap());
        if (k.alias) {
            k.simple = true;
        } else if (k.container) {
            k.simple = key.size() == 0;
        } else {
            k.scalar = depth + 1 < kMaxDepth ? scalarFor(key, depth + 1) : stringScalar(kTooDeep);
            k.analysis = analyze(k.scalar.text);
            k.simple = isSimpleKey(k.scalar, k.analysis);
        }
        return k;
    }

    void emitMapKey(const MpValue &key, int depth, const MapKey &k, bool simpleKey)
    {
        if (k.container || k.alias) {
            emitMarkedNode(key, depth + 1, true, simpleKey, k.mark);
        } else {
            if (k.mark)
                writeMark(*k.mark);
            emitScalar(k.scalar, k.analysis, simpleKey);
        }
    }

    void emitFlowMapping(const MpValue &v, int depth)
    {
        writeIndicator("{", true, true, false);
        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? kBestIndent : m_indent + kBestIndent;
        ++m_flowLevel;
        for (size_t i = 0; i < v.size(); ++i) {
            const MpValue &key = v.mapKey(i);
            if (i > 0)
                writeIndicator(",", false, false, false);
            if (m_column > kBestWidth)
                writeIndent();
            enterChild(2 * i);
            const MapKey k = mapKey(key, depth);
            if (!k.simple)
                writeIndicator("?", true, false, false);
            emitMapKey(key, depth, k, k.simple);
            leaveChild();
            if (k.simple) {
                writeIndicator(":", false, false, false);
            } else {
                if (m_column > kBestWidth)
                    writeIndent();
                writeIndicator(":", true, false, false);
            }
            enterChild(2 * i + 1);
            emitNode(v.mapValue(i), depth + 1, true, false);
            leaveChild();
        }
        --m_flowLevel;
        m_indent = savedIndent;
        writeIndicator("}", false, false, false);
    }

    void emitEmptyFlow(const char *open, const char *close)
    {
        writeIndicator(open, true, true, false);
        writeIndicator(close, false, false, false);
    }

    void emitSequence(const MpValue *items, size_t count, int depth, bool mappingContext)
    {
        if (count == 0) {
            emitEmptyFlow("[", "]");
            return;
        }
        const int savedIndent = m_indent;
        // Sequences that are mapping values are not indented ("a:\n- 1").
        const bool indentless = mappingContext && !m_indention;
        if (m_indent < 0)
            m_indent = 0;
        else if (!indentless)
            m_indent += kBestIndent;
        for (size_t i = 0; i < count; ++i) {
            writeIndent();
            writeIndicator("-", true, false, true);
            enterChild(i);
            emitNode(items[i], depth + 1, false, false);
            leaveChild();
        }
        m_indent = savedIndent;
    }

    void emitMapping(const MpValue &v, int depth)
    {
        if (v.size() == 0) {
            emitEmptyFlow("{", "}");
            return;
        }
        const int savedIndent = m_indent;
        m_indent = m_indent < 0 ? 0 : m_indent + kBestIndent;
        for (size_t i = 0; i < v.size(); ++i) {
            const MpValue &key = v.mapKey(i);
            const MpValue &value = v.mapValue(i);
            writeIndent();
            enterChild(2 * i);
            const MapKey k = mapKey(key, depth);
            if (k.simple) {
                emitMapKey(key, depth, k, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                emitMapKey(key, depth, k, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            leaveChild();
            enterChild(2 * i + 1);
            emitNode(value, depth + 1, true, false);
            leaveChild();
        }
        m_indent = savedIndent;
    }
};

} // namespace

QString toYaml(const MpValue &v, const YamlAnchors *anchors)
{
    YamlEmitter e(anchors);
    e.document(v);
    // "---" then " " (scalar) or "\n" (block collection), and "...\n" at the end.
    const Out &doc = e.output();
    const qsizetype size = qsizetype(doc.size());
    const qsizetype from = size > 3 && (doc[3] == ' ' || doc[3] == '\n') ? 4 : 3;
    const qsizetype to = size - 4;
    return QString::fromUtf8(doc.data() + from, std::max<qsizetype>(0, to - from));
}

QString yamlDocument(const std::vector<MpValue> &values, const YamlAnchors *anchors)
{
    if (values.empty())
        return QStringLiteral("---\n...\n");
    YamlEmitter e(anchors);
    e.sequenceDocument(values);
    return QString::fromUtf8(e.output().data(), qsizetype(e.output().size()));
}

} // namespace Boxscope::MpFormat
