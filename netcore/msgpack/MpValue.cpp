#include "msgpack/MpValue.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace Boxscope {

MpValue MpValue::boolean(bool b)
{
    MpValue v;
    v.m_type = Type::Bool;
    v.m_scalar.b = b;
    return v;
}

MpValue MpValue::integer(int64_t i)
{
    if (i >= 0)
        return uinteger(uint64_t(i));
    MpValue v;
    v.m_type = Type::Int;
    v.m_scalar.i = i;
    return v;
}

MpValue MpValue::uinteger(uint64_t u)
{
    MpValue v;
    v.m_type = Type::UInt;
    v.m_scalar.u = u;
    return v;
}

MpValue MpValue::floating(float f)
{
    MpValue v;
    v.m_type = Type::Float;
    v.m_scalar.d = double(f);
    return v;
}

MpValue MpValue::doubleValue(double d)
{
    MpValue v;
    v.m_type = Type::Double;
    v.m_scalar.d = d;
    return v;
}

MpValue MpValue::string(const QByteArray &utf8)
{
    MpValue v;
    v.m_type = Type::Str;
    v.m_bytes = utf8;
    return v;
}

MpValue MpValue::binary(const QByteArray &bytes)
{
    MpValue v;
    v.m_type = Type::Bin;
    v.m_bytes = bytes;
    return v;
}

MpValue MpValue::array(std::vector<MpValue> items)
{
    MpValue v;
    v.m_type = Type::Array;
    v.m_items = std::move(items);
    return v;
}

MpValue MpValue::map(std::vector<std::pair<MpValue, MpValue>> entries)
{
    MpValue v;
    v.m_type = Type::Map;
    v.m_items.reserve(entries.size() * 2);
    for (auto &e : entries) {
        v.m_items.push_back(std::move(e.first));
        v.m_items.push_back(std::move(e.second));
    }
    return v;
}

MpValue MpValue::ext(int8_t type, const QByteArray &data)
{
    MpValue v;
    v.m_type = Type::Ext;
    v.m_extType = type;
    v.m_bytes = data;
    return v;
}

int64_t MpValue::toInt64(bool *ok) const
{
    bool good = false;
    int64_t r = 0;
    if (m_type == Type::Int) {
        good = true;
        r = m_scalar.i;
    } else if (m_type == Type::UInt && m_scalar.u <= uint64_t(std::numeric_limits<int64_t>::max())) {
        good = true;
        r = int64_t(m_scalar.u);
    }
    if (ok)
        *ok = good;
    return r;
}

uint64_t MpValue::toUInt64(bool *ok) const
{
    bool good = false;
    uint64_t r = 0;
    if (m_type == Type::UInt) {
        good = true;
        r = m_scalar.u;
    } else if (m_type == Type::Int && m_scalar.i >= 0) {
        good = true;
        r = uint64_t(m_scalar.i);
    }
    if (ok)
        *ok = good;
    return r;
}

double MpValue::toDouble() const
{
    switch (m_type) {
    case Type::Int: return double(m_scalar.i);
    case Type::UInt: return double(m_scalar.u);
    case Type::Float:
    case Type::Double: return m_scalar.d;
    default: return 0.0;
    }
}

void MpValue::append(MpValue v)
{
    m_items.push_back(std::move(v));
}

void MpValue::insert(MpValue key, MpValue value)
{
    m_items.push_back(std::move(key));
    m_items.push_back(std::move(value));
}

const MpValue *MpValue::find(uint64_t key) const
{
    if (m_type != Type::Map)
        return nullptr;
    for (size_t i = 0; i + 1 < m_items.size(); i += 2) {
        bool ok = false;
        if (m_items[i].toUInt64(&ok) == key && ok)
            return &m_items[i + 1];
    }
    return nullptr;
}

const MpValue *MpValue::find(const char *key) const
{
    if (m_type != Type::Map)
        return nullptr;
    const size_t len = std::strlen(key);
    for (size_t i = 0; i + 1 < m_items.size(); i += 2) {
        const MpValue &k = m_items[i];
        if (k.m_type == Type::Str && size_t(k.m_bytes.size()) == len
            && std::memcmp(k.m_bytes.constData(), key, len) == 0)
            return &m_items[i + 1];
    }
    return nullptr;
}

bool MpValue::operator==(const MpValue &o) const
{
    if (isInteger() && o.isInteger()) {
        if (m_type == o.m_type)
            return m_type == Type::Int ? m_scalar.i == o.m_scalar.i : m_scalar.u == o.m_scalar.u;
        return false; // negative vs non-negative
    }
    if (m_type != o.m_type)
        return false;
    switch (m_type) {
    case Type::Nil: return true;
    case Type::Bool: return m_scalar.b == o.m_scalar.b;
    case Type::Float:
    case Type::Double: return m_scalar.d == o.m_scalar.d || (std::isnan(m_scalar.d) && std::isnan(o.m_scalar.d));
    case Type::Str:
    case Type::Bin: return m_bytes == o.m_bytes;
    case Type::Ext: return m_extType == o.m_extType && m_bytes == o.m_bytes;
    case Type::Array:
    case Type::Map: return m_items == o.m_items;
    default: return false;
    }
}

const char *MpValue::typeName(Type t)
{
    switch (t) {
    case Type::Nil: return "nil";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::UInt: return "uint";
    case Type::Float: return "float";
    case Type::Double: return "double";
    case Type::Str: return "str";
    case Type::Bin: return "bin";
    case Type::Array: return "array";
    case Type::Map: return "map";
    case Type::Ext: return "ext";
    }
    return "?";
}

qint64 MpValue::footprint() const
{
    qint64 total = qint64(sizeof(MpValue)) + m_bytes.size();
    for (const MpValue &item : m_items)
        total += item.footprint();
    return total;
}

} // namespace Boxscope
