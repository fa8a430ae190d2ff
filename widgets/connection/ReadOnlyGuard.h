#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QWidget;

namespace Boxscope {

class Connection;
struct RequestSpec;

/// The call guard of a read-only connection: before the first eval or call of a session it
/// asks whether eval and call may run (they can write), and the answer holds until the
/// connection is lost or closed; the next session asks again. Installs itself on the
/// connection (Connection::setCallGuard) and turns its read-only mode on.
class ReadOnlyGuard : public QObject
{
    Q_OBJECT

public:
    using Ask = std::function<bool(const RequestSpec &)>;

    /// dialogParent: the question's parent window.
    ReadOnlyGuard(Connection *connection, QWidget *dialogParent);
    ~ReadOnlyGuard() override;

    /// Replaces the question box (tests, automation).
    void setAsk(Ask ask) { m_ask = std::move(ask); }
    /// This session's answer; none before the question.
    std::optional<bool> answer() const { return m_answer; }

    bool allows(const RequestSpec &spec);
    /// The question box: Yes runs eval and call for this session.
    static bool askWithDialog(QWidget *parent, const RequestSpec &spec);

private:
    QPointer<Connection> m_connection;
    QPointer<QWidget> m_parent;
    Ask m_ask;
    std::optional<bool> m_answer;
    bool m_asking = false;
    quint64 m_session = 0; ///< counts the connection's sessions (Disconnected ends one)
};

} // namespace Boxscope
