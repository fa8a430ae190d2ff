#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace Boxscope {

namespace MpCodec {
class TreeBuilder;
}

/// An owned msgpack value: a tree of nil, bool, integers, floats, strings, binary
/// blobs, arrays, maps and MP_EXT payloads. Values are cheap to copy at the leaves
/// (QByteArray is implicitly shared) and own their children.
///
/// Integers keep msgpack's distinction: non-negative numbers decode as UInt,
/// negative ones as Int. Maps keep their wire order and may hold any key type.
class MpValue
{
public:
    enum class Type : uint8_t { Nil, Bool, Int, UInt, Float, Double, Str, Bin, Array, Map, Ext };

    MpValue() = default;
    static MpValue nil() { return MpValue(); }
    static MpValue boolean(bool b);
    static MpValue integer(int64_t v); ///< stored as UInt when v >= 0 (msgpack's canonical form)
    static MpValue uinteger(uint64_t v);
    static MpValue floating(float v);
    static MpValue doubleValue(double v);
    static MpValue string(const QByteArray &utf8);
    static MpValue string(const QString &s) { return string(s.toUtf8()); }
    static MpValue string(const char *s) { return string(QByteArray(s)); }
    static MpValue binary(const QByteArray &bytes);
    static MpValue array(std::vector<MpValue> items = {});
    static MpValue map(std::vector<std::pair<MpValue, MpValue>> entries = {});
    static MpValue ext(int8_t type, const QByteArray &data);

    Type type() const { return m_type; }
    bool isNil() const { return m_type == Type::Nil; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInteger() const { return m_type == Type::Int || m_type == Type::UInt; }
    bool isFloat() const { return m_type == Type::Float || m_type == Type::Double; }
    bool isNumber() const { return isInteger() || isFloat(); }
    bool isStr() const { return m_type == Type::Str; }
    bool isBin() const { return m_type == Type::Bin; }
    bool isArray() const { return m_type == Type::Array; }
    bool isMap() const { return m_type == Type::Map; }
    bool isExt() const { return m_type == Type::Ext; }

    bool toBool() const { return m_type == Type::Bool && m_scalar.b; }
    /// Integer value; *ok is false when the value is not an integer or does not fit.
    int64_t toInt64(bool *ok = nullptr) const;
    uint64_t toUInt64(bool *ok = nullptr) const;
    /// Any number as double (integers converted), 0 otherwise.
    double toDouble() const;
    /// Raw bytes of Str, Bin and Ext values (empty for other types).
    const QByteArray &bytes() const { return m_bytes; }
    /// What the tree takes in memory, roughly: sizeof(MpValue) per node plus the bytes of its
    /// strings, binaries and ext payloads (what byte caps on kept values count).
    qint64 footprint() const;
    QString toQString() const { return QString::fromUtf8(m_bytes); }
    int8_t extType() const { return m_extType; }

    /// Array items, or map entries flattened as key, value, key, value...
    const std::vector<MpValue> &items() const { return m_items; }
    std::vector<MpValue> &items() { return m_items; }
    /// Number of array items or map entries.
    size_t size() const { return m_type == Type::Map ? m_items.size() / 2 : m_items.size(); }
    const MpValue &at(size_t i) const { return m_items[i]; }
    const MpValue &mapKey(size_t i) const { return m_items[2 * i]; }
    const MpValue &mapValue(size_t i) const { return m_items[2 * i + 1]; }

    void append(MpValue v);                  ///< arrays
    void insert(MpValue key, MpValue value); ///< maps (appends; no duplicate check)

    /// Map lookup by integer key (IPROTO style); nullptr when absent.
    const MpValue *find(uint64_t key) const;
    /// Map lookup by string key; nullptr when absent.
    const MpValue *find(const char *key) const;

    bool operator==(const MpValue &o) const;
    bool operator!=(const MpValue &o) const { return !(*this == o); }

    static const char *typeName(Type t);

private:
    friend class MpCodec::TreeBuilder; // fills nodes in place

    Type m_type = Type::Nil;
    int8_t m_extType = 0;
    union Scalar {
        bool b;
        int64_t i;
        uint64_t u;
        double d;
    } m_scalar {};
    QByteArray m_bytes;
    std::vector<MpValue> m_items;
};

} // namespace Boxscope
