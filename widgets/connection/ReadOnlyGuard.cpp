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
        if (state == Connection::State::Disconnected) {
            m_answer.reset();
            ++m_session;
        }
    });
}

ReadOnlyGuard::~ReadOnlyGuard()
{
    if (m_connection)
        m_connection->setCallGuard({});
}

bool ReadOnlyGuard::allows(const RequestSpec &spec)
{
    if (m_answer)
        return *m_answer;
    // One question at a time: what comes while it is open is refused, not asked again.
    if (m_asking)
        return false;
    m_asking = true;
    const quint64 session = m_session;
    const bool yes = m_ask ? m_ask(spec) : askWithDialog(m_parent, spec);
    m_asking = false;
    if (session == m_session) // not for a session that ended while the question was open
        m_answer = yes;
    return yes;
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
