#include "iproto/Uri.h"

#include <QRegularExpression>

namespace Boxscope {

QString Uri::displayString() const
{
    if (isUnix())
        return QStringLiteral("unix/:") + unixPath;
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return host + QLatin1Char(':') + QString::number(port);
}

bool Uri::parse(const QString &input, Uri *out, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QString text = input.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("empty URI"));
    Uri u;
    // Credentials: everything before the last '@' that precedes the address.
    const int at = text.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QString cred = text.left(at);
        text = text.mid(at + 1);
        const int colon = cred.indexOf(QLatin1Char(':'));
        u.user = colon >= 0 ? cred.left(colon) : cred;
        u.password = colon >= 0 ? cred.mid(colon + 1) : QString();
        if (u.user.isEmpty())
            return fail(QStringLiteral("URI has an empty user name before '@'"));
    }
    if (text.startsWith(QLatin1String("unix/:"))) {
        u.unixPath = text.mid(6);
        if (u.unixPath.isEmpty())
            return fail(QStringLiteral("unix socket URI without a path (expected unix/:/path/to.sock)"));
        *out = u;
        return true;
    }
    QString hostPart;
    QString portPart;
    if (text.startsWith(QLatin1Char('['))) { // [::1]:3301
        const int close = text.indexOf(QLatin1Char(']'));
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != QLatin1Char(':'))
            return fail(QStringLiteral("bad IPv6 URI '%1' (expected [addr]:port)").arg(input));
        hostPart = text.mid(1, close - 1);
        portPart = text.mid(close + 2);
    } else {
        const int colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) {
            portPart = text; // a bare port number, as net.box.connect(3301)
            hostPart = QStringLiteral("localhost");
        } else {
            hostPart = text.left(colon);
            portPart = text.mid(colon + 1);
        }
    }
    bool ok = false;
    const uint port = portPart.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return fail(QStringLiteral("bad port '%1' in URI '%2'").arg(portPart, input));
    if (hostPart.isEmpty())
        return fail(QStringLiteral("URI '%1' has no host").arg(input));
    u.host = hostPart;
    u.port = quint16(port);
    *out = u;
    return true;
}

QString Uri::redacted(const QString &text)
{
    const int at = text.lastIndexOf(QLatin1Char('@'));
    const int colon = at > 0 ? text.left(at).indexOf(QLatin1Char(':')) : -1;
    if (colon < 0)
        return text;
    return text.left(colon) + QStringLiteral(":***") + text.mid(at);
}

QString Uri::redactedText(const QString &text)
{
    static const QRegularExpression credentials(QStringLiteral("([A-Za-z0-9_.\\-]+):[^\\s'\"@]+@"));
    static const QRegularExpression field(QStringLiteral("(\\bpassword\\s*=\\s*)(['\"])(?:\\\\.|(?!\\2).)*\\2"));
    QString out = text;
    out.replace(credentials, QStringLiteral("\\1:***@"));
    out.replace(field, QStringLiteral("\\1\\2***\\2"));
    return out;
}

} // namespace Boxscope
