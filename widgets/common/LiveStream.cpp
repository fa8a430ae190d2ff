#include "common/LiveStream.h"

#include <QRegularExpression>

namespace Boxscope {

StreamNeedle StreamNeedle::fromQuery(const QString &query)
{
    StreamNeedle n;
    n.text = query.trimmed();
    // Hex bytes: pairs of hex digits ("82 a1", "82a1"). Digits alone with no space between
    // pairs ("1234") are a number someone looks for, not bytes.
    static const QRegularExpression hex(QStringLiteral("^(?:[0-9a-fA-F]{2}\\s*)+$"));
    static const QRegularExpression hexMark(QStringLiteral("[a-fA-F\\s]"));
    if (!n.text.isEmpty() && hex.match(n.text).hasMatch() && hexMark.match(n.text).hasMatch())
        n.bytes = QByteArray::fromHex(n.text.toLatin1());
    return n;
}

bool StreamNeedle::matches(const QString &preview, const QByteArray *raw) const
{
    if (text.isEmpty())
        return true;
    if (preview.contains(text, Qt::CaseInsensitive))
        return true;
    return raw && !bytes.isEmpty() && raw->contains(bytes);
}

} // namespace Boxscope
