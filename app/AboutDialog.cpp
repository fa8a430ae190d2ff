#include "AboutDialog.h"

#include "client/Connection.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include <lua.h>
#include <msgpack/version.hpp>

namespace Boxscope {

AboutDialog::AboutDialog(const Connection *connection, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Boxscope"));
    setAccessibleName(tr("About Boxscope"));
    auto *label = new QLabel(text(connection), this);
    label->setObjectName(QStringLiteral("aboutText"));
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAccessibleName(tr("Versions"));
    label->setAccessibleDescription(label->text());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

QString AboutDialog::text(const Connection *connection)
{
    QString server = tr("not connected");
    if (connection && connection->state() != Connection::State::Disconnected
        && connection->state() != Connection::State::Connecting && !connection->greeting().versionString.isEmpty()) {
        const Greeting &g = connection->greeting();
        server = tr("%1 %2 at %3 (instance %4)")
                         .arg(g.product, g.versionString, connection->uri().displayString(), g.instanceUuid)
                         .toHtmlEscaped();
    }
    const auto row = [](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name.toHtmlEscaped(), value);
    };
    return QStringLiteral("<h3>Boxscope %1</h3><p>%2</p><table cellspacing='4'>%3%4%5%6</table>")
            .arg(QStringLiteral(BOXSCOPE_VERSION), tr("A diagnostic client for Tarantool.").toHtmlEscaped(),
                 row(tr("Qt"),
                     tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))),
                 row(tr("msgpack-c"),
                     tr("%1 (the reference the codec is tested against)").arg(QStringLiteral(MSGPACK_VERSION))),
                 row(tr("Lua"), QStringLiteral(LUA_RELEASE).toHtmlEscaped()), row(tr("Server"), server));
}

} // namespace Boxscope
