#pragma once

#include <QString>

namespace Boxscope {

/// A Tarantool connection URI as net.box takes it:
///   3301                      -> localhost:3301
///   host:port                 -> TCP
///   user:password@host:port   -> TCP with credentials
///   unix/:/path/to.sock       -> unix stream socket (also user:pass@unix/:/path)
struct Uri
{
    QString host;
    quint16 port = 0;
    QString unixPath; ///< non-empty for unix sockets
    QString user;
    QString password;

    bool isUnix() const { return !unixPath.isEmpty(); }
    /// host:port or unix/:path, without credentials (safe for logs).
    QString displayString() const;

    static bool parse(const QString &text, Uri *out, QString *error);
    /// The URI text with its password replaced by "***", for messages ("user:***@host:port").
    static QString redacted(const QString &text);
    /// Free text (a console line, a script) with every secret it may spell out masked: the
    /// password of each "user:password@" in it, and every `password = '...'` field.
    static QString redactedText(const QString &text);
};

} // namespace Boxscope
