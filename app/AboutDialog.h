#pragma once

#include <QDialog>

namespace Boxscope {

class Connection;

/// Help > About Boxscope: the versions of Boxscope, Qt (the one it runs on and the one it was
/// built with), msgpack-c (the reference the codec is tested against), Lua, and the connected
/// server's (from its greeting) or "not connected".
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const Connection *connection, QWidget *parent = nullptr);

    /// The dialog's text (rich text), for connection's state now.
    static QString text(const Connection *connection);
};

} // namespace Boxscope
