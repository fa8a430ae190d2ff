# Writes a C++ header that holds a text file as a byte array, at build time:
#   cmake -DINPUT=<file> -DOUTPUT=<header> -DNAMESPACE=<ns> -DSYMBOL=<name> -P EmbedText.cmake
# The array is NUL-terminated; the text's length is sizeof(SYMBOL) - 1.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" length)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n    " bytes "${bytes}")
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${name} by cmake/EmbedText.cmake; do not edit.
#pragma once

namespace ${NAMESPACE} {

inline constexpr char ${SYMBOL}[] = {
    ${bytes}'\\0'};

} // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
