#include "connection/ReadOnlyGuard.h"

#include "client/Connection.h"

#include <QMessageBox>

namespace Boxscope {

ReadOnlyGuard::ReadOnlyGuard(Connection *connection, QWidget *dialogParent)
    : QObject(connection)
    , m_connection(connection)
    , m_parent(dialogParent)
{
    connection->setReadOnly(true);
    connection->setCallGuard([this](const RequestSpec &spec) { return allows(spec); });
    // A session ends when the connection does: the next one asks again.
    connect(connection, &Connection::stateChanged, this, [this](Connection::State state) {
        if (state == Connection::State::Disconnected)
            m_answer.reset();
    });
}

ReadOnlyGuard::~ReadOnlyGuard()
{
    if (m_connection)
        m_connection->setCallGuard({});
}

bool ReadOnlyGuard::allows(const RequestSpec &spec)
{
    if (!m_answer)
        m_answer = m_ask ? m_ask(spec) : askWithDialog(m_parent, spec);
    return *m_answer;
}

bool ReadOnlyGuard::askWithDialog(QWidget *parent, const RequestSpec &spec)
{
    QMessageBox box(QMessageBox::Question, tr("Read-only connection"),
                    tr("This connection is read-only. Eval and call run Lua on the server, which can write. "
                       "Allow %1 (and every eval and call) until this connection is closed?")
                            .arg(RequestSpec::methodName(spec.method)),
                    QMessageBox::Yes | QMessageBox::No, parent);
    box.setDefaultButton(QMessageBox::No);
    box.setAccessibleName(tr("Allow eval and call on a read-only connection"));
    return box.exec() == QMessageBox::Yes;
}

} // namespace Boxscope
