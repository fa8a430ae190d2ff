#pragma once

#include <QByteArray>
#include <QString>

namespace Boxscope {

/// Text ⇄ bytes for what a person types into a socket session and what it shows.
class ByteText
{
public:
    /// Text with C-style escapes to bytes (the text itself as UTF-8):
    ///   \n \r \t \0 \a \b \f \v \e \\ \" \' and \xNN (exactly two hex digits).
    /// An unknown escape, a lone trailing backslash or a bad \x is an error: empty result,
    /// *ok false and *error saying where ("bad escape \q at 4").
    static QByteArray fromEscaped(const QString &text, bool *ok = nullptr, QString *error = nullptr);
    /// Bytes to text that fromEscaped() turns back into the same bytes: printable ASCII as is
    /// (backslash doubled), \n \r \t as such, everything else \xNN.
    static QString toEscaped(const QByteArray &bytes);

    /// "de ad be ef", "deadbeef", "DE:AD:BE:EF", "0xde 0xad" -> bytes. Whitespace, ':' and '-'
    /// separate; an odd number of digits or a non-hex character is an error.
    static QByteArray fromHex(const QString &text, bool *ok = nullptr, QString *error = nullptr);
    /// "de ad be ef" (lower case, one space between bytes).
    static QString toHex(const QByteArray &bytes);
    /// Classic 16-bytes-per-line dump: offset, hex, ASCII.
    static QString hexDump(const QByteArray &bytes, qsizetype maxBytes = 4096);

    /// The line ending choices of the send form.
    enum class LineEnding { None, LF, CRLF, CR };
    static QByteArray lineEnding(LineEnding e);
};

} // namespace Boxscope
