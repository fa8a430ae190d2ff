# Runs lupdate over every source that may hold tr() strings. Includes resolve from the library
# roots only (following msgpack's and Qt's headers costs minutes and finds no strings).
#   cmake -DLUPDATE=<lupdate> -DSOURCE_DIR=<repo> -DTS_FILES="a.ts;b.ts" [-DCHECK_ONLY=ON] -P lupdate.cmake
# With CHECK_ONLY, the .ts files are updated in a temporary copy and the run fails when
# any string is new, changed or unfinished: the translation is not complete.
file(GLOB_RECURSE sources
    ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
    ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/widgets/*.h
    ${SOURCE_DIR}/netcore/*.cpp ${SOURCE_DIR}/netcore/*.h)
list(SORT sources)
foreach(ts ${TS_FILES})
    if(CHECK_ONLY)
        get_filename_component(name ${ts} NAME)
        set(work ${CMAKE_CURRENT_BINARY_DIR}/lupdate-check-${name})
        configure_file(${ts} ${work} COPYONLY)
    else()
        set(work ${ts})
    endif()
    execute_process(COMMAND ${LUPDATE} -no-obsolete -locations none -silent
                            -I${SOURCE_DIR}/netcore -I${SOURCE_DIR}/widgets ${sources} -ts ${work}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "lupdate failed on ${ts}: ${out}${err}")
    endif()
    if(CHECK_ONLY)
        file(READ ${work} content)
        string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${content}")
        list(LENGTH unfinished n)
        file(READ ${ts} original)
        if(n GREATER 0)
            message(FATAL_ERROR "${ts}: ${n} unfinished or new strings; run 'cmake --build build --target update_translations' and translate them")
        endif()
        if(NOT original STREQUAL content)
            message(FATAL_ERROR "${ts} is out of date with the sources; run 'cmake --build build --target update_translations'")
        endif()
        message(STATUS "${ts}: complete")
    endif()
endforeach()
