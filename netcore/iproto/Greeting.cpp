#include "iproto/Greeting.h"

#include <QRegularExpression>

namespace Boxscope {

static QString printable(const QByteArray &bytes)
{
    QString s;
    for (char c : bytes.left(64)) {
        const uchar u = uchar(c);
        if (u == '\n' || u == '\r')
            break;
        s += (u >= 0x20 && u < 0x7f) ? QChar(u) : QChar(u'.');
    }
    return s.trimmed();
}

// What a first line that is not a greeting looks like it is, for the error message.
static QString serviceHint(const QByteArray &bytes)
{
    if (bytes.startsWith("HTTP/"))
        return QStringLiteral(" (an HTTP server answered)");
    if (bytes.startsWith("SSH-"))
        return QStringLiteral(" (an SSH server answered)");
    return {};
}

bool Greeting::isPlausibleStart(const QByteArray &partial, QString *error)
{
    static const QByteArray start("Tarantool ");
    const qsizetype n = qMin(partial.size(), start.size());
    if (partial.left(n) == start.left(n))
        return true;
    if (error)
        *error = QStringLiteral("not a Tarantool greeting: \"%1\"%2").arg(printable(partial), serviceHint(partial));
    return false;
}

bool Greeting::parse(const QByteArray &bytes, Greeting *out, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (bytes.size() < kSize)
        return fail(QStringLiteral("short greeting: %1 of %2 bytes").arg(bytes.size()).arg(kSize));
    const QByteArray line1 = bytes.left(64);
    const QByteArray line2 = bytes.mid(64, 64);
    if (line1.at(63) != '\n' || line2.at(63) != '\n' || !line1.startsWith("Tarantool "))
        return fail(QStringLiteral("not a Tarantool greeting: \"%1\"%2").arg(printable(bytes), serviceHint(bytes)));

    // "Tarantool <version> (<protocol>) <uuid>"
    static const QRegularExpression re(QStringLiteral("^(\\S+) (\\S+) \\(([^)]*)\\)(?: ([0-9a-fA-F-]{36}))?\\s*$"));
    const QString text = QString::fromLatin1(line1.left(63));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return fail(QStringLiteral("malformed greeting line: \"%1\"").arg(printable(line1)));

    Greeting g;
    g.product = m.captured(1);
    g.versionString = m.captured(2);
    g.protocol = m.captured(3);
    g.instanceUuid = m.captured(4);
    // At most 5 digits a component (a longer one leaves the version at 0.0.0), so that
    // versionId() cannot overflow whatever the peer sends.
    static const QRegularExpression ver(QStringLiteral("^(\\d{1,5})\\.(\\d{1,5})(?:\\.(\\d{1,5}))?(?!\\d)"));
    const QRegularExpressionMatch vm = ver.match(g.versionString);
    if (vm.hasMatch()) {
        g.major = vm.captured(1).toInt();
        g.minor = vm.captured(2).toInt();
        g.patch = vm.captured(3).toInt();
    }
    if (!g.isBinary()) {
        *out = g;
        return fail(QStringLiteral("not an IPROTO port: the greeting says \"%1\" (protocol \"%2\")")
                            .arg(printable(line1), g.protocol));
    }
    const QByteArray saltText = line2.left(63).trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(saltText, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < 20)
        return fail(QStringLiteral("malformed greeting salt: \"%1\"").arg(printable(line2)));
    g.salt = decoded.decoded;
    *out = g;
    return true;
}

} // namespace Boxscope
