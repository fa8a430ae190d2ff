#pragma once

// A property check that stays on in release builds: a violated property is a crash the
// fuzzer records, with the message on stderr.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, ...) \
    do { \
        if (!(cond)) { \
            std::fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, __VA_ARGS__); \
            std::fputc('\n', stderr); \
            std::abort(); \
        } \
    } while (0)
