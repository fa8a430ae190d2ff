// The YAML writer: Tarantool 2.6's lua-yaml dumper feeding libyaml's emitter; toYaml() and
// yamlDocument().
#include "format/MpFormat.h"

#include "format/FormatDetail.h"
#include "format/YamlScalar.h"

#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <new>

namespace Boxscope::MpFormat {

using namespace detail;
using namespace detail::yaml;

namespace {

constexpr const char *kErrorPrefix = "YAML emitter error: ";

// libyaml's emitter configured as Tarantool's yaml.encode() configures it (indent 2, width 80,
// unicode on, "\n" breaks), fed the events lua-yaml's dump_node() makes for the equivalent Lua
// value: libyaml lays the text out (indentation, simple and complex keys, flow collections and
// 80-column folding, scalar styles and escapes, anchors, aliases and tags). Tarantool 2.6 as
// Debian packages it drives this same libyaml (0.2.5), so the text is the console's.
class YamlDumper
{
public:
    explicit YamlDumper(const YamlAnchors *anchors = nullptr)
        : m_anchors(anchors && !anchors->isEmpty() ? anchors : nullptr)
    {
        m_initialized = m_ok = yaml_emitter_initialize(&m_emitter) != 0;
        if (!m_ok) {
            m_problem = "cannot initialize the emitter";
            return;
        }
        yaml_emitter_set_unicode(&m_emitter, 1);
        yaml_emitter_set_indent(&m_emitter, 2);
        yaml_emitter_set_width(&m_emitter, 80);
        yaml_emitter_set_break(&m_emitter, YAML_LN_BREAK);
        yaml_emitter_set_output(&m_emitter, &YamlDumper::append, this);
    }
    ~YamlDumper()
    {
        if (m_initialized)
            yaml_emitter_delete(&m_emitter); // with the events it still holds
    }
    YamlDumper(const YamlDumper &) = delete;
    YamlDumper &operator=(const YamlDumper &) = delete;

    // The whole text, "---" to "...\n", or false with problem() set.
    bool document(const MpValue &root)
    {
        beginDocument();
        node(root, 0);
        endDocument();
        return m_ok;
    }

    // A document whose root is the sequence of values, without copying them into an array.
    bool sequenceDocument(const std::vector<MpValue> &values)
    {
        beginDocument();
        sequence(values.data(), values.size(), 0, nullptr, false);
        endDocument();
        return m_ok;
    }

    const Out &output() const { return m_out; }
    const std::string &problem() const { return m_problem; }

private:
    yaml_emitter_t m_emitter;
    bool m_initialized = false;
    bool m_ok = false;
    std::string m_problem;
    Out m_out;

    // Anchors: the path of the node being emitted (kept only when there are marks) and the
    // first mark not yet met. Nodes are met in pre-order, the order of the sorted marks.
    using Mark = YamlAnchors::Mark;
    const YamlAnchors *m_anchors = nullptr;
    std::vector<size_t> m_path;
    size_t m_nextMark = 0;
    size_t m_nextFlow = 0;
    int m_flowDepth = 0; // > 0 inside a collection asked for in flow style

    static int append(void *data, unsigned char *buffer, size_t size)
    {
        try {
            static_cast<YamlDumper *>(data)->m_out.append(reinterpret_cast<const char *>(buffer), size);
        } catch (const std::bad_alloc &) {
            return 0; // libyaml reports a writer error
        }
        return 1;
    }

    // Hands an initialized event to the emitter, which owns it from then on (it frees the
    // events it still queues when it is deleted). After the first failure nothing more is
    // emitted: the emitter's state is undefined then.
    bool emitEvent(int initialized, yaml_event_t &ev)
    {
        if (!initialized)
            return fail("cannot make an event (out of memory, or text that is not UTF-8)");
        if (!m_ok) {
            yaml_event_delete(&ev);
            return false;
        }
        if (!yaml_emitter_emit(&m_emitter, &ev))
            return fail(m_emitter.problem ? m_emitter.problem : "emitter failed");
        return true;
    }
    bool fail(const char *problem)
    {
        if (m_ok)
            m_problem = problem;
        m_ok = false;
        return false;
    }

    void beginDocument()
    {
        yaml_event_t ev;
        // An explicit start: "---".
        emitEvent(yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING), ev)
                && emitEvent(yaml_document_start_event_initialize(&ev, nullptr, nullptr, nullptr, 0), ev);
    }
    void endDocument()
    {
        yaml_event_t ev;
        // An explicit end: "...".
        emitEvent(yaml_document_end_event_initialize(&ev, 0), ev)
                && emitEvent(yaml_stream_end_event_initialize(&ev), ev)
                && (yaml_emitter_flush(&m_emitter) || fail("cannot write the output"));
    }

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

    // lua-yaml's yaml_is_flow_mode(): inside a flow collection, or one waits in the emitter's
    // queue of events (libyaml holds a collection's start until it has seen a few events
    // past it). Hence Tarantool's "[]: 'v'" for a block map whose first key is an empty flow
    // collection: the string is decided while "[]" still waits.
    bool flowMode() const
    {
        if (m_emitter.flow_level > 0)
            return true;
        for (const yaml_event_t *e = m_emitter.events.head; e != m_emitter.events.tail; ++e) {
            if ((e->type == YAML_SEQUENCE_START_EVENT && e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE)
                || (e->type == YAML_MAPPING_START_EVENT && e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE))
                return true;
        }
        return false;
    }

    // --- nodes (recursion is bounded by kMaxDepth: deeper containers print as kTooDeep)

    void node(const MpValue &v, int depth)
    {
        if (!m_ok)
            return;
        const Mark *mark = takeMark();
        char anchor[24] = {};
        if (mark) {
            std::to_chars(anchor, anchor + sizeof(anchor) - 1, mark->number);
            if (mark->kind == YamlAnchors::Kind::Alias) {
                yaml_event_t ev;
                emitEvent(yaml_alias_event_initialize(&ev, reinterpret_cast<const yaml_char_t *>(anchor)), ev);
                return;
            }
        }
        const yaml_char_t *a = mark ? reinterpret_cast<const yaml_char_t *>(anchor) : nullptr;
        const bool container = depth < kMaxDepth && (v.isArray() || v.isMap());
        if (container) {
            const bool flow = m_flowDepth > 0 || takeFlow();
            if (v.isArray())
                sequence(v.items().data(), v.items().size(), depth, a, flow);
            else
                mapping(v, depth, a, flow);
        } else {
            scalar(depth < kMaxDepth ? scalarFor(v, depth) : stringScalar(kTooDeep), a);
        }
    }

    void sequence(const MpValue *items, size_t count, int depth, const yaml_char_t *anchor, bool flow)
    {
        yaml_event_t ev;
        if (!emitEvent(yaml_sequence_start_event_initialize(
                               &ev, anchor, nullptr, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE),
                       ev))
            return;
        m_flowDepth += flow;
        for (size_t i = 0; i < count && m_ok; ++i) {
            enterChild(i);
            node(items[i], depth + 1);
            leaveChild();
        }
        m_flowDepth -= flow;
        emitEvent(yaml_sequence_end_event_initialize(&ev), ev);
    }

    void mapping(const MpValue &v, int depth, const yaml_char_t *anchor, bool flow)
    {
        yaml_event_t ev;
        if (!emitEvent(yaml_mapping_start_event_initialize(&ev, anchor, nullptr, 1,
                                                           flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE),
                       ev))
            return;
        m_flowDepth += flow;
        for (size_t i = 0; i < v.size() && m_ok; ++i) {
            enterChild(2 * i);
            node(v.mapKey(i), depth + 1);
            leaveChild();
            enterChild(2 * i + 1);
            node(v.mapValue(i), depth + 1);
            leaveChild();
        }
        m_flowDepth -= flow;
        emitEvent(yaml_mapping_end_event_initialize(&ev), ev);
    }

    void scalar(const Scalar &s, const yaml_char_t *anchor)
    {
        if (s.text.size() > INT_MAX) {
            fail("scalar too long");
            return;
        }
        Style style = s.style;
        // lua-yaml asks for single quotes for every printable string in flow mode.
        if (s.isString && flowMode())
            style = Style::Single;
        yaml_scalar_style_t ys = YAML_ANY_SCALAR_STYLE;
        switch (style) {
        case Style::Any: ys = YAML_ANY_SCALAR_STYLE; break;
        case Style::Plain: ys = YAML_PLAIN_SCALAR_STYLE; break;
        case Style::Single: ys = YAML_SINGLE_QUOTED_SCALAR_STYLE; break;
        case Style::Literal: ys = YAML_LITERAL_SCALAR_STYLE; break;
        }
        const bool implicit = s.tag.isEmpty();
        const auto *tag = implicit ? nullptr : reinterpret_cast<const yaml_char_t *>(s.tag.constData());
        yaml_event_t ev;
        emitEvent(yaml_scalar_event_initialize(&ev, anchor, tag,
                                               reinterpret_cast<const yaml_char_t *>(s.text.constData()),
                                               int(s.text.size()), implicit, implicit, ys),
                  ev);
    }
};

// When libyaml fails (it cannot allocate, or it refuses an event), the text says so in place of
// the value, so a caller never shows half a document as if it were the value.
std::string errorScalar(const std::string &problem)
{
    std::string s = "'";
    for (char c : std::string(kErrorPrefix) + problem) {
        if (c == '\'')
            s += '\'';
        s += c;
    }
    return s + "'";
}

} // namespace

QString toYaml(const MpValue &v, const YamlAnchors *anchors)
{
    YamlDumper d(anchors);
    if (!d.document(v))
        return QString::fromStdString(errorScalar(d.problem()) + "\n");
    // "---" then " " (scalar) or "\n" (block collection), and "...\n" at the end.
    const Out &doc = d.output();
    const qsizetype size = qsizetype(doc.size());
    const qsizetype from = size > 3 && (doc[3] == ' ' || doc[3] == '\n') ? 4 : 3;
    const qsizetype to = size - 4;
    return QString::fromUtf8(doc.data() + from, std::max<qsizetype>(0, to - from));
}

QString yamlDocument(const std::vector<MpValue> &values, const YamlAnchors *anchors)
{
    // The console's own text for no values (console.lua does not call yaml.encode() then).
    if (values.empty())
        return QStringLiteral("---\n...\n");
    YamlDumper d(anchors);
    if (!d.sequenceDocument(values))
        return QString::fromStdString("---\n- " + errorScalar(d.problem()) + "\n...\n");
    return QString::fromUtf8(d.output().data(), qsizetype(d.output().size()));
}

} // namespace Boxscope::MpFormat
