// YAML scalars: what Tarantool 2.6's lua-yaml asks libyaml for, per value (text, tag, style).
#pragma once

#include "format/FormatDetail.h"

namespace Boxscope::MpFormat::detail::yaml {

// The scalar style lua-yaml requests; libyaml may still pick another one that the text allows
// (yaml_emitter_select_scalar_style()).
enum class Style { Any, Plain, Single, Literal };

// The tag lua-yaml gives base64 text: libyaml prints it with its "!!" handle.
inline constexpr const char *kBinaryTag = "tag:yaml.org,2002:binary";

struct Scalar
{
    Bytes text;
    Bytes tag; // empty: none (the scalar is implicit)
    Style style = Style::Any;
    bool isString = false; // a printable Lua string: single-quoted in flow mode
};

// lua-yaml's dump_node() for a Lua string (Tarantool 2.6): strings Lua reads as numbers and
// the YAML 1.1 words 2.6 quotes (observed on 2.6.0: exactly these, case-sensitive; "Yes",
// "on", "Null" stay plain) are single-quoted so they read back as strings; text that is not
// printable UTF-8 goes out as base64; text with an empty line asks for the literal style.
Scalar stringScalar(const Bytes &bytes);

// A value other than an array or a map as the scalar the encoder emits (for a collection, the
// kTooDeep string).
Scalar scalarFor(const MpValue &v, int depth);

} // namespace Boxscope::MpFormat::detail::yaml
