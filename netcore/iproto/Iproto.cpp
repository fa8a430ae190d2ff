#include "iproto/Iproto.h"

#include <cstring>
#include <strings.h>

namespace Boxscope::Iproto {

const char *keyName(uint32_t key)
{
    switch (key) {
    case REQUEST_TYPE: return "REQUEST_TYPE";
    case SYNC: return "SYNC";
    case REPLICA_ID: return "REPLICA_ID";
    case LSN: return "LSN";
    case TIMESTAMP: return "TIMESTAMP";
    case SCHEMA_VERSION: return "SCHEMA_VERSION";
    case SERVER_VERSION: return "SERVER_VERSION";
    case GROUP_ID: return "GROUP_ID";
    case TSN: return "TSN";
    case FLAGS: return "FLAGS";
    case STREAM_ID: return "STREAM_ID";
    case SPACE_ID: return "SPACE_ID";
    case INDEX_ID: return "INDEX_ID";
    case LIMIT: return "LIMIT";
    case OFFSET: return "OFFSET";
    case ITERATOR: return "ITERATOR";
    case INDEX_BASE: return "INDEX_BASE";
    case KEY: return "KEY";
    case TUPLE: return "TUPLE";
    case FUNCTION_NAME: return "FUNCTION_NAME";
    case USER_NAME: return "USER_NAME";
    case EXPR: return "EXPR";
    case OPS: return "OPS";
    case OPTIONS: return "OPTIONS";
    case DATA: return "DATA";
    case ERROR_24: return "ERROR_24";
    case METADATA: return "METADATA";
    case BIND_METADATA: return "BIND_METADATA";
    case BIND_COUNT: return "BIND_COUNT";
    case SQL_TEXT: return "SQL_TEXT";
    case SQL_BIND: return "SQL_BIND";
    case SQL_INFO: return "SQL_INFO";
    case STMT_ID: return "STMT_ID";
    case ERROR: return "ERROR";
    case VERSION: return "VERSION";
    case FEATURES: return "FEATURES";
    case TIMEOUT: return "TIMEOUT";
    case EVENT_KEY: return "EVENT_KEY";
    case EVENT_DATA: return "EVENT_DATA";
    default: return nullptr;
    }
}

const char *requestTypeName(uint32_t type)
{
    if (type & TYPE_ERROR)
        return "ERROR";
    switch (type) {
    case OK: return "OK";
    case SELECT: return "SELECT";
    case INSERT: return "INSERT";
    case REPLACE: return "REPLACE";
    case UPDATE: return "UPDATE";
    case DELETE: return "DELETE";
    case CALL_16: return "CALL_16";
    case AUTH: return "AUTH";
    case EVAL: return "EVAL";
    case UPSERT: return "UPSERT";
    case CALL: return "CALL";
    case EXECUTE: return "EXECUTE";
    case NOP: return "NOP";
    case PREPARE: return "PREPARE";
    case BEGIN: return "BEGIN";
    case COMMIT: return "COMMIT";
    case ROLLBACK: return "ROLLBACK";
    case PING: return "PING";
    case ID: return "ID";
    case WATCH: return "WATCH";
    case UNWATCH: return "UNWATCH";
    case EVENT: return "EVENT";
    case WATCH_ONCE: return "WATCH_ONCE";
    case CHUNK: return "CHUNK";
    default: return nullptr;
    }
}

static const char *const kIterators[] = { "EQ", "REQ", "ALL", "LT", "LE", "GE", "GT" };

const char *iteratorName(uint32_t iterator)
{
    return iterator < 7 ? kIterators[iterator] : nullptr;
}

bool iteratorFromName(const char *name, uint32_t *out)
{
    for (uint32_t i = 0; i < 7; ++i) {
        if (strcasecmp(name, kIterators[i]) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

} // namespace Boxscope::Iproto
