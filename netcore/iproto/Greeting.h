#pragma once

#include <QByteArray>
#include <QString>

namespace Boxscope {

/// The 128-byte greeting every Tarantool port sends first:
///
///   line 1 (64 bytes): "Tarantool 2.6.0 (Binary) 6e079a5e-15e8-4dba-9363-5bffd4ce554d   \n"
///   line 2 (64 bytes): "<44-char base64 salt>                                            \n"
///
/// A "(Lua console)" port, or any other text, is not IPROTO.
struct Greeting
{
    static constexpr int kSize = 128;

    QString product;       ///< "Tarantool"
    QString versionString; ///< "2.6.0" (as sent; may carry a suffix like "2.11.1-0-g...")
    int major = 0;         ///< major, minor, patch: 0 when the version is not N.N[.N] with
                           ///< at most 5 digits a component
    int minor = 0;
    int patch = 0;
    QString protocol; ///< "Binary", "Lua console", ...
    QString instanceUuid;
    QByteArray salt; ///< decoded base64 salt (32 bytes from 2.x servers)

    bool isBinary() const { return protocol == QLatin1String("Binary"); }
    /// major * 10000 + minor * 100 + patch, e.g. 20600.
    int versionId() const { return major * 10000 + minor * 100 + patch; }
    bool atLeast(int ma, int mi) const { return major > ma || (major == ma && minor >= mi); }

    /// Parses exactly kSize bytes. On failure returns false and sets *error.
    static bool parse(const QByteArray &bytes, Greeting *out, QString *error);
    /// Whether the first bytes of a greeting (fewer than kSize) can still start one; when
    /// they cannot (another service: an HTTP server's reply, SSH, ...), false and *error.
    static bool isPlausibleStart(const QByteArray &partial, QString *error);
};

} // namespace Boxscope
