// boxscope-runstat: runs one program and prints what it cost, as one JSON line: the wall
// time from fork to exit, its CPU time (user, sys) and its peak RSS, from wait4(). It stands
// where GNU time would, without depending on it. stdin, stdout and stderr pass through.
//
//   boxscope-runstat [-o FILE] -- PROGRAM [ARGS...]
//
// The line goes to FILE (default stderr). The exit status is the program's, or 128 + the
// signal that ended it; 127 when it could not be started.
//
// ru_maxrss is the child's peak. Linux keeps it across exec, so it includes the peak of this
// small program before the exec (about 3 MiB), not that of a shell.
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    const char *outPath = nullptr;
    int i = 1;
    for (; i < argc; ++i) {
        if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            outPath = argv[++i];
        } else if (std::strcmp(argv[i], "--") == 0) {
            ++i;
            break;
        } else {
            break;
        }
    }
    if (i >= argc) {
        std::fprintf(stderr, "usage: boxscope-runstat [-o FILE] -- PROGRAM [ARGS...]\n");
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        std::fprintf(stderr, "boxscope-runstat: fork: %s\n", std::strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[i], argv + i);
        std::fprintf(stderr, "boxscope-runstat: %s: %s\n", argv[i], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage ru {};
    pid_t got;
    do {
        got = wait4(pid, &status, 0, &ru);
    } while (got < 0 && errno == EINTR);
    const auto t1 = std::chrono::steady_clock::now();
    if (got < 0) {
        std::fprintf(stderr, "boxscope-runstat: wait4: %s\n", std::strerror(errno));
        return 127;
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 127;
    const double user = double(ru.ru_utime.tv_sec) + double(ru.ru_utime.tv_usec) / 1e6;
    const double sys = double(ru.ru_stime.tv_sec) + double(ru.ru_stime.tv_usec) / 1e6;
    const double wallMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    FILE *out = outPath ? std::fopen(outPath, "w") : stderr;
    if (!out) {
        std::fprintf(stderr, "boxscope-runstat: %s: %s\n", outPath, std::strerror(errno));
        return 127;
    }
    std::fprintf(out,
                 "{\"wall_ms\":%.3f,\"cpu_s\":%.4f,\"cpu_user_s\":%.4f,\"cpu_sys_s\":%.4f,\"maxrss_kib\":%ld,"
                 "\"status\":%d}\n",
                 wallMs, user + sys, user, sys, ru.ru_maxrss, code);
    if (out != stderr)
        std::fclose(out);
    return code;
}
