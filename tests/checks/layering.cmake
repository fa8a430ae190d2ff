# netcore's libraries include only themselves and the libraries below them:
#
#   msgpack <- format <- iproto <- client <- lua        sockets, sandbox: beside them
#
# with logging (levels and logging categories) below all of them,
# and every include of a netcore header names its library ("iproto/FrameDecoder.h").
#   cmake -DSOURCE_DIR=<repo> -P layering.cmake
# Fails with one line per violation: file, line, include, and what the file's library may use.
cmake_minimum_required(VERSION 3.22)
set(layers logging msgpack format iproto client lua sockets sandbox)
set(allowed_logging logging)
set(allowed_msgpack msgpack logging)
set(allowed_format format msgpack logging)
set(allowed_iproto iproto format msgpack logging)
set(allowed_client client iproto format msgpack logging)
set(allowed_lua lua client iproto format msgpack logging)
set(allowed_sockets sockets logging)
set(allowed_sandbox sandbox logging)

set(violations "")
set(checked 0)
foreach(layer ${layers})
    file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}/netcore
         ${SOURCE_DIR}/netcore/${layer}/*.h ${SOURCE_DIR}/netcore/${layer}/*.cpp)
    foreach(file ${files})
        math(EXPR checked "${checked} + 1")
        file(STRINGS ${SOURCE_DIR}/netcore/${file} lines)
        set(n 0)
        foreach(line IN LISTS lines)
            math(EXPR n "${n} + 1")
            if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
                set(inc ${CMAKE_MATCH_1})
                if(inc MATCHES "^([a-z]+)/[^/]+$" AND CMAKE_MATCH_1 IN_LIST layers)
                    if(NOT CMAKE_MATCH_1 IN_LIST allowed_${layer})
                        string(REPLACE ";" ", " may "${allowed_${layer}}")
                        list(APPEND violations
                             "netcore/${file}:${n}: \"${inc}\": ${layer} may include ${may} only")
                    endif()
                else()
                    list(APPEND violations
                         "netcore/${file}:${n}: \"${inc}\": name the library (\"<library>/<Header>.h\")")
                endif()
            endif()
        endforeach()
    endforeach()
endforeach()

# The app, the panels and the tests name netcore's libraries too (a bare "Connection.h" would
# only resolve by accident).
file(GLOB_RECURSE netcore_headers RELATIVE ${SOURCE_DIR}/netcore ${SOURCE_DIR}/netcore/*.h)
set(bare_names "")
foreach(h ${netcore_headers})
    get_filename_component(name ${h} NAME)
    list(APPEND bare_names ${name})
endforeach()
file(GLOB_RECURSE users ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/widgets/*.cpp
     ${SOURCE_DIR}/widgets/*.h ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h ${SOURCE_DIR}/bench/*.cpp)
foreach(file ${users})
    math(EXPR checked "${checked} + 1")
    file(STRINGS ${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
        if(line MATCHES "\"([^\"/]+)\"" AND CMAKE_MATCH_1 IN_LIST bare_names)
            file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
            list(APPEND violations "${rel}: \"${CMAKE_MATCH_1}\": name the library (\"<library>/${CMAKE_MATCH_1}\")")
        endif()
    endforeach()
endforeach()

if(violations)
    list(LENGTH violations count)
    string(REPLACE ";" "\n" text "${violations}")
    message(FATAL_ERROR "${count} layering violations:\n${text}")
endif()
message(STATUS "layering: ${checked} files, no violations")
