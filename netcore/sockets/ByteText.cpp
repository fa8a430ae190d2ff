#include "sockets/ByteText.h"

namespace Boxscope {

namespace {

int hexDigit(QChar c)
{
    const ushort u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

QByteArray failWith(bool *ok, QString *error, const QString &message)
{
    if (ok)
        *ok = false;
    if (error)
        *error = message;
    return QByteArray();
}

} // namespace

QByteArray ByteText::fromEscaped(const QString &text, bool *ok, QString *error)
{
    QByteArray out;
    out.reserve(text.size());
    QString plain;
    auto flush = [&] {
        out.append(plain.toUtf8());
        plain.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('\\')) {
            plain.append(c);
            continue;
        }
        flush();
        if (i + 1 >= text.size())
            return failWith(ok, error, QStringLiteral("lone backslash at %1").arg(i));
        const QChar e = text.at(++i);
        switch (e.unicode()) {
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case '0': out.append('\0'); break;
        case 'a': out.append('\a'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'v': out.append('\v'); break;
        case 'e': out.append('\x1b'); break;
        case '\\': out.append('\\'); break;
        case '"': out.append('"'); break;
        case '\'': out.append('\''); break;
        case 'x': {
            const int hi = i + 1 < text.size() ? hexDigit(text.at(i + 1)) : -1;
            const int lo = i + 2 < text.size() ? hexDigit(text.at(i + 2)) : -1;
            if (hi < 0 || lo < 0)
                return failWith(ok, error, QStringLiteral("bad \\x escape at %1 (two hex digits expected)").arg(i - 1));
            out.append(char(hi * 16 + lo));
            i += 2;
            break;
        }
        default: return failWith(ok, error, QStringLiteral("bad escape \\%1 at %2").arg(e).arg(i - 1));
        }
    }
    flush();
    if (ok)
        *ok = true;
    if (error)
        error->clear();
    return out;
}

QString ByteText::toEscaped(const QByteArray &bytes)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve(bytes.size());
    for (const char ch : bytes) {
        const auto b = uchar(ch);
        if (b == '\\')
            out += QLatin1String("\\\\");
        else if (b == '\n')
            out += QLatin1String("\\n");
        else if (b == '\r')
            out += QLatin1String("\\r");
        else if (b == '\t')
            out += QLatin1String("\\t");
        else if (b >= 0x20 && b < 0x7f)
            out += QLatin1Char(char(b));
        else {
            out += QLatin1String("\\x");
            out += QLatin1Char(digits[b >> 4]);
            out += QLatin1Char(digits[b & 15]);
        }
    }
    return out;
}

QByteArray ByteText::fromHex(const QString &text, bool *ok, QString *error)
{
    QByteArray out;
    int pending = -1;
    qsizetype pendingAt = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char('-') || c == QLatin1Char(',')) {
            if (pending >= 0)
                return failWith(ok, error, QStringLiteral("odd hex digit at %1").arg(pendingAt));
            continue;
        }
        // "0x" prefixes, at the start of a byte only.
        if (pending < 0 && c == QLatin1Char('0') && i + 1 < text.size()
            && (text.at(i + 1) == QLatin1Char('x') || text.at(i + 1) == QLatin1Char('X'))) {
            ++i;
            continue;
        }
        const int d = hexDigit(c);
        if (d < 0)
            return failWith(ok, error, QStringLiteral("not a hex digit '%1' at %2").arg(c).arg(i));
        if (pending < 0) {
            pending = d;
            pendingAt = i;
        } else {
            out.append(char(pending * 16 + d));
            pending = -1;
        }
    }
    if (pending >= 0)
        return failWith(ok, error, QStringLiteral("odd hex digit at %1").arg(pendingAt));
    if (ok)
        *ok = true;
    if (error)
        error->clear();
    return out;
}

QString ByteText::toHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

QString ByteText::hexDump(const QByteArray &bytes, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = qMin(bytes.size(), maxBytes);
    for (qsizetype off = 0; off < n; off += 16) {
        const QByteArray line = bytes.mid(off, qMin<qsizetype>(16, n - off));
        QString hex = QString::fromLatin1(line.toHex(' '));
        hex = hex.leftJustified(16 * 3 - 1, QLatin1Char(' '));
        QString ascii;
        for (const char ch : line)
            ascii += (uchar(ch) >= 0x20 && uchar(ch) < 0x7f) ? QLatin1Char(ch) : QLatin1Char('.');
        out += QStringLiteral("%1  %2  %3\n").arg(off, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    if (bytes.size() > n)
        out += QStringLiteral("… %1 more bytes\n").arg(bytes.size() - n);
    return out;
}

QByteArray ByteText::lineEnding(LineEnding e)
{
    switch (e) {
    case LineEnding::LF: return QByteArrayLiteral("\n");
    case LineEnding::CRLF: return QByteArrayLiteral("\r\n");
    case LineEnding::CR: return QByteArrayLiteral("\r");
    case LineEnding::None: break;
    }
    return QByteArray();
}

} // namespace Boxscope
