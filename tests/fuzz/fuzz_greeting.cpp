// Greeting::parse on arbitrary bytes (any length; a real greeting is 128), and the accessors a
// connection uses on what it returns.

#include "FuzzCheck.h"
#include "iproto/Greeting.h"

#include <cstddef>
#include <cstdint>

using namespace Boxscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    Greeting g;
    QString error;
    const bool ok = Greeting::parse(bytes, &g, &error);
    if (ok) {
        FUZZ_CHECK(size >= size_t(Greeting::kSize), "accepted %zu bytes", size);
        FUZZ_CHECK(g.isBinary(), "accepted a non-binary protocol");
        FUZZ_CHECK(g.salt.size() >= 20, "accepted a %lld-byte salt", (long long)g.salt.size());
    } else {
        FUZZ_CHECK(!error.isEmpty(), "rejected without a message");
    }
    // What Connection asks of a greeting, parsed or not.
    (void)g.versionId();
    (void)g.atLeast(2, 10);
    (void)g.atLeast(g.major, g.minor);
    FUZZ_CHECK(g.major >= 0 && g.minor >= 0 && g.patch >= 0, "negative version %d.%d.%d", g.major, g.minor, g.patch);

    // The first bytes of a greeting that parses are a plausible start at every length, and a
    // start judged implausible never becomes a greeting.
    for (qsizetype n : { qsizetype(0), qsizetype(1), qsizetype(9), qsizetype(10), qsizetype(11), qsizetype(64),
                         qsizetype(127), qsizetype(size % Greeting::kSize) }) {
        if (n > bytes.size())
            continue;
        QString why;
        const bool plausible = Greeting::isPlausibleStart(bytes.left(n), &why);
        if (ok)
            FUZZ_CHECK(plausible, "the first %lld bytes of a greeting judged implausible", (long long)n);
        if (!plausible) {
            FUZZ_CHECK(!why.isEmpty(), "implausible without a message");
            FUZZ_CHECK(!ok, "accepted a greeting whose start is implausible");
        }
    }

    // A null error pointer is allowed.
    Greeting h;
    FUZZ_CHECK(Greeting::parse(bytes, &h, nullptr) == ok, "result depends on the error pointer");
    return 0;
}
