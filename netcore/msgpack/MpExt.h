#pragma once

#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace Boxscope {

/// One error of an MP_ERROR stack: the fields of a Tarantool box.error.
struct ErrorEntry
{
    QString type;           ///< 0x00 TYPE, e.g. "ClientError"
    QString file;           ///< 0x01 FILE, e.g. "./src/box/lua/call.c"
    QString message;        ///< 0x03 MESSAGE
    uint64_t line = 0;      ///< 0x02 LINE
    int64_t errnoValue = 0; ///< 0x04 ERRNO
    uint32_t code = 0;      ///< 0x05 CODE (box.error code, e.g. 33 ER_NO_SUCH_PROC)
    MpValue fields;         ///< 0x06 FIELDS (a map of extra payload; nil when absent)
};

/// An MP_ERROR stack, outermost (most recent) error first, then the errors it was raised from.
struct ErrorStack
{
    std::vector<ErrorEntry> entries;
    bool isEmpty() const { return entries.empty(); }
};

/// Decodes the MP_ERROR map
///
///     {0x00 STACK: [{0x00 TYPE: str, 0x01 FILE: str, 0x02 LINE: uint, 0x03 MESSAGE: str,
///                    0x04 ERRNO: int, 0x05 CODE: uint, 0x06 FIELDS: map}, ...]}
///
/// which is both the value of the IPROTO body key 0x52 ERROR and the payload of MP_EXT type 3.
/// Key order does not matter and unknown keys are skipped (newer servers add some). When the map
/// does not have this shape (or the stack is empty) *ok is false and the result is empty.
ErrorStack decodeErrorStack(const MpValue &map, bool *ok);

/// The MP_ERROR map with Tarantool's names instead of numbers, for showing and exporting: an
/// array, outermost error first, of {type, file, line, message, errno, code[, fields]} (the names
/// of box.error's fields; `fields` only when present). A map that is not an MP_ERROR stack comes
/// back as it is.
MpValue namedErrorStack(const MpValue &map);

/// Decoders for the payloads of Tarantool's MP_EXT types. The payload is untrusted: every decoder
/// checks lengths and ranges, never allocates more than the payload accounts for, and reports a
/// bad payload as false plus a message such as "invalid decimal ext: sign nibble missing"
/// (formatters then show the value as a generic ext).
namespace MpExt {

enum Type : int8_t {
    Decimal = 1,
    Uuid = 2,
    Error = 3,
    Datetime = 4, ///< Tarantool 2.10+
    Interval = 6, ///< Tarantool 2.10+
};

/// A decoded datetime, as in Tarantool's struct datetime.
struct DatetimeValue
{
    int64_t seconds = 0;  ///< since the Unix epoch, UTC
    int32_t nsec = 0;     ///< 0..999999999
    int16_t tzoffset = 0; ///< minutes east of UTC
    int16_t tzindex = 0;  ///< Olson zone id (0 = none); kept, not named
};

/// A decoded interval, as in Tarantool's struct interval.
struct IntervalValue
{
    enum class Adjust : uint8_t { Excess = 0, None = 1, Last = 2 };
    int64_t year = 0, month = 0, week = 0, day = 0, hour = 0, min = 0, sec = 0, nsec = 0;
    Adjust adjust = Adjust::Excess; ///< the wire default when the field is absent
};

/// MP_EXT 1: scale (MP_UINT/MP_INT) then packed BCD, last nibble the sign. Text as Tarantool's
/// tostring() shows it: plain notation, trailing zeros kept ("1.2500"), "-0" for negative zero.
bool decodeDecimal(const QByteArray &payload, QString *text, QString *error = nullptr);

/// MP_EXT 2: 16 bytes, shown as "6e079a5e-15e8-4dba-9363-5bffd4ce554d".
bool decodeUuid(const QByteArray &payload, QString *text, QString *error = nullptr);

/// MP_EXT 4: int64 seconds little-endian, then optionally int32 nsec, int16 tzoffset and
/// int16 tzindex (8 or 16 bytes).
bool decodeDatetime(const QByteArray &payload, DatetimeValue *out, QString *error = nullptr);
/// As Tarantool's datetime tostring: "2024-01-02T03:04:05.123456789+0300", the fraction in
/// groups of 3 digits and only when nsec != 0, "Z" for offset 0. A tzindex is not named
/// (Boxscope has no Olson table): the offset form is shown instead.
QString datetimeToString(const DatetimeValue &dt);

/// MP_EXT 6: a count byte, then count pairs of field byte (0 year, 1 month, 2 week, 3 day,
/// 4 hour, 5 min, 6 sec, 7 nsec, 8 adjust) and an MP_UINT/MP_INT value that fits int32.
bool decodeInterval(const QByteArray &payload, IntervalValue *out, QString *error = nullptr);
/// As interval_to_string() of current Tarantool (2.11, 3.x) prints it: "+1 years, 2 months,
/// -3 days, 4.500000000 seconds": non-zero components in that order, the first one always
/// signed, seconds and nanoseconds merged, "0 seconds" when all are zero. Early 2.10 releases
/// printed the components differently; the adjust mode is not shown.
QString intervalToString(const IntervalValue &iv);

/// MP_EXT 3: the MP_ERROR map (see decodeErrorStack) encoded as msgpack.
ErrorStack decodeError(const QByteArray &payload, bool *ok, QString *error = nullptr, int maxDepth = 64);

/// The text Tarantool's tostring() gives a known ext value: the decimal, the uuid, the
/// datetime, the interval, or an error's (outermost) message. False (with *error) for unknown
/// types and invalid payloads.
bool toText(const MpValue &ext, QString *text, QString *error = nullptr);

/// "decimal", "uuid", "error", "datetime", "interval", or "ext N".
QString typeName(int8_t type);

} // namespace MpExt
} // namespace Boxscope
