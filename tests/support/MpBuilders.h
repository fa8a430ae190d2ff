#pragma once

// Short builders for expected msgpack values in tests, and how QCOMPARE prints an MpValue.

#include "format/MpFormat.h"
#include "msgpack/MpValue.h"

#include <QString>
#include <QtTest>

#include <utility>
#include <vector>

namespace Boxscope {
/// QCOMPARE prints MpValues as JSON.
inline char *toString(const MpValue &v)
{
    return qstrdup(MpFormat::toJson(v).toUtf8().constData());
}
} // namespace Boxscope

namespace Boxscope::Test {

inline MpValue U(uint64_t v)
{
    return MpValue::uinteger(v);
}
inline MpValue D(double v)
{
    return MpValue::doubleValue(v);
}
inline MpValue S(const char *s)
{
    return MpValue::string(s);
}
inline MpValue S(const QString &s)
{
    return MpValue::string(s);
}
inline MpValue A(std::vector<MpValue> items = {})
{
    return MpValue::array(std::move(items));
}
inline MpValue M(std::vector<std::pair<MpValue, MpValue>> entries)
{
    return MpValue::map(std::move(entries));
}

} // namespace Boxscope::Test
