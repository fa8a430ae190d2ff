#pragma once

#include "logging/Log.h"
#include "sockets/SocketSession.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace Boxscope {

class SocketOptionsEditor;
class SocketReceiveGroup;
class SocketSendGroup;
class SocketStateGroup;
class SocketTeardownGroup;
class SocketTranscriptModel;

/// One socket session of the inspector, laid out along the socket module's function groups,
/// one widget each:
///
///   information / error checking / state checking — name(), peer(), state, sock:error(),
///                  readable(), writable(), nonblock(), wait() (SocketStateGroup);
///   sending      — text with escapes, hex or a file's contents, optional line ending; send()
///                  or, for UDP, sendto(host, port, data) (SocketSendGroup);
///   receiving    — read(limit), read(delimiter), read({limit, delimiter}) with a timeout, follow
///                  mode, recvfrom() for UDP; every result with status, errno and message
///                  (SocketReceiveGroup, its results in SocketReadResults);
///   flag setting — setsockopt / getsockopt / linger (SocketOptionsEditor);
///   teardown     — shutdown(how), close() (SocketTeardownGroup).
///
/// The page assembles them around the transcript (every chunk sent or received: direction,
/// time, size, text and hex, and the selected chunk as a hex dump), forwards what they log and
/// refreshes them all when the session changes. The transcript and the read results are
/// bounded; each shows how many were dropped.
class SocketSessionPage : public QWidget
{
    Q_OBJECT
public:
    explicit SocketSessionPage(SocketSession *session, QWidget *parent = nullptr);
    ~SocketSessionPage() override;

    SocketSession *session() const { return m_session; }
    /// "TCP client 127.0.0.1:3301" — the session list's label.
    QString title() const;

    // The parts, for tests and automation (each widget in them has an accessible name).
    SocketStateGroup *stateGroup() const { return m_stateGroup; }
    SocketSendGroup *sendGroup() const { return m_sendGroup; }
    SocketReceiveGroup *receiveGroup() const { return m_receiveGroup; }
    SocketOptionsEditor *options() const { return m_options; }
    SocketTeardownGroup *teardownGroup() const { return m_teardownGroup; }
    QTableView *transcriptView() const { return m_transcriptView; }
    SocketTranscriptModel *transcript() const { return m_transcriptModel; }
    QLabel *transcriptCountLabel() const { return m_transcriptCount; }
    QPlainTextEdit *chunkDump() const { return m_dump; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    /// The title or state changed (the session list updates its row).
    void titleChanged();

private:
    QWidget *createTranscript(bool udp);
    QWidget *createConversation(QWidget *transcript);
    void connectGroups();
    void connectSession(SocketSession *session);
    void refreshInfo();
    void attachOptions();
    void showChunk();
    void updateTranscriptCount();

    QPointer<SocketSession> m_session;
    SocketTranscriptModel *m_transcriptModel;
    QTimer m_infoTimer;

    SocketStateGroup *m_stateGroup;
    SocketSendGroup *m_sendGroup;
    SocketReceiveGroup *m_receiveGroup;
    QTableView *m_transcriptView;
    QLabel *m_transcriptCount;
    QPlainTextEdit *m_dump;
    SocketOptionsEditor *m_options;
    SocketTeardownGroup *m_teardownGroup;
};

} // namespace Boxscope
