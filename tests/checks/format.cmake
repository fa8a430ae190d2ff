# Every C++ source of the tree is formatted as .clang-format says (clang-format 14).
#   cmake -DSOURCE_DIR=<repo> -DCLANG_FORMAT=<clang-format-14> -P format.cmake
# Fails naming the files that differ; `clang-format-14 -i <file>` formats one.
cmake_minimum_required(VERSION 3.22)
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
     ${SOURCE_DIR}/netcore/*.cpp ${SOURCE_DIR}/netcore/*.h
     ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/widgets/*.h
     ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h
     ${SOURCE_DIR}/bench/*.cpp ${SOURCE_DIR}/bench/*.h)
list(SORT sources)
set(unformatted "")
foreach(source ${sources})
    execute_process(COMMAND ${CLANG_FORMAT} --style=file --dry-run --Werror ${source}
                    WORKING_DIRECTORY ${SOURCE_DIR}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
        list(APPEND unformatted ${source})
    endif()
endforeach()
list(LENGTH sources total)
if(unformatted)
    list(LENGTH unformatted count)
    string(REPLACE ";" "\n  " text "${unformatted}")
    message(FATAL_ERROR "${count} of ${total} sources are not formatted (clang-format-14 -i <file>):\n  ${text}")
endif()
message(STATUS "format: ${total} sources formatted")
