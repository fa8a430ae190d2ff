#pragma once

#include <cstdint>

namespace Boxscope::Iproto {

// Header and body keys (src/box/iproto_constants.h).
enum Key : uint8_t {
    REQUEST_TYPE = 0x00,
    SYNC = 0x01,
    REPLICA_ID = 0x02,
    LSN = 0x03,
    TIMESTAMP = 0x04,
    SCHEMA_VERSION = 0x05,
    SERVER_VERSION = 0x06,
    GROUP_ID = 0x07,
    TSN = 0x08,
    FLAGS = 0x09,
    STREAM_ID = 0x0a,
    SPACE_ID = 0x10,
    INDEX_ID = 0x11,
    LIMIT = 0x12,
    OFFSET = 0x13,
    ITERATOR = 0x14,
    INDEX_BASE = 0x15,
    KEY = 0x20,
    TUPLE = 0x21,
    FUNCTION_NAME = 0x22,
    USER_NAME = 0x23,
    EXPR = 0x27,
    OPS = 0x28,
    OPTIONS = 0x2b,
    DATA = 0x30,
    ERROR_24 = 0x31,
    METADATA = 0x32,
    BIND_METADATA = 0x33,
    BIND_COUNT = 0x34,
    SQL_TEXT = 0x40,
    SQL_BIND = 0x41,
    SQL_INFO = 0x42,
    STMT_ID = 0x43,
    ERROR = 0x52,
    VERSION = 0x54,
    FEATURES = 0x55,
    TIMEOUT = 0x56,
    EVENT_KEY = 0x57,
    EVENT_DATA = 0x58,
};

enum RequestType : uint32_t {
    OK = 0,
    SELECT = 1,
    INSERT = 2,
    REPLACE = 3,
    UPDATE = 4,
    DELETE = 5,
    CALL_16 = 6,
    AUTH = 7,
    EVAL = 8,
    UPSERT = 9,
    CALL = 10,
    EXECUTE = 11,
    NOP = 12,
    PREPARE = 13,
    BEGIN = 14,
    COMMIT = 15,
    ROLLBACK = 16,
    PING = 64,
    ID = 73,
    WATCH = 74,
    UNWATCH = 75,
    EVENT = 76,
    WATCH_ONCE = 77,
    CHUNK = 0x80,
    TYPE_ERROR = 0x8000,
};

enum Iterator : uint32_t { EQ = 0, REQ = 1, ALL = 2, LT = 3, LE = 4, GE = 5, GT = 6 };

// Error codes Boxscope reacts to (src/box/errcode.h).
enum ErrorCode : uint32_t {
    ER_UNKNOWN = 0,
    ER_NO_SUCH_PROC = 33,
    ER_PASSWORD_MISMATCH = 47,
    ER_UNKNOWN_REQUEST_TYPE = 48,
    ER_NO_SUCH_SPACE = 36,
    ER_NO_SUCH_INDEX_NAME = 35,
    ER_NO_CONNECTION = 77,
    ER_TIMEOUT = 78,
    ER_WRONG_SCHEMA_VERSION = 109,
    ER_PROC_LUA = 32,
};

// System spaces read for the schema.
constexpr uint32_t VSPACE_ID = 281;
constexpr uint32_t VINDEX_ID = 289;
constexpr uint32_t VFUNC_ID = 297;

/// Protocol version and features Boxscope announces in IPROTO_ID (2.10+ servers).
constexpr uint32_t kProtocolVersion = 3;

/// Readable names, for logs and the frame view ("SYNC", "CALL", ...); nullptr when unknown.
const char *keyName(uint32_t key);
const char *requestTypeName(uint32_t type);
const char *iteratorName(uint32_t iterator);
/// "EQ" / "ge" ... -> iterator; false when unknown.
bool iteratorFromName(const char *name, uint32_t *out);

} // namespace Boxscope::Iproto
