#pragma once

#include <QFont>

namespace Boxscope {

/// The fixed-pitch font of hex dumps, raw bytes and code.
inline QFont monospaceFont()
{
    QFont f(QStringLiteral("monospace"));
    f.setStyleHint(QFont::Monospace);
    return f;
}

} // namespace Boxscope
