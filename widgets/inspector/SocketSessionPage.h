#pragma once

#include "sockets/SocketResult.h"
#include "sockets/SocketSession.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace Boxscope {

class SocketOptionsEditor;
class SocketTranscriptModel;

/// One socket session of the inspector, laid out along the socket module's function groups:
///
///   information / error checking / state checking — name(), peer(), state, sock:error(),
///                  readable(), writable(), nonblock(), wait(); 
///   sending      — text with escapes, hex or a file's contents, optional line ending; send()
///                  or, for UDP, sendto(host, port, data);
///   receiving    — read(limit), read(delimiter), read({limit, delimiter}) with a timeout, follow
///                  mode, recvfrom() for UDP; every result with status, errno and message;
///   flag setting — setsockopt / getsockopt / linger (SocketOptionsEditor);
///   teardown     — shutdown(how), close().
///
/// The transcript (every chunk sent or received: direction, time, size, text and hex) and the
/// read results are bounded; the page shows how many were dropped.
class SocketSessionPage : public QWidget
{
    Q_OBJECT
public:
    enum SendMode { TextMode, HexMode };
    enum ResultColumn { ResultSeqColumn, ResultRequestColumn, ResultStatusColumn, ResultErrnoColumn,
                        ResultMessageColumn, ResultSizeColumn, ResultTextColumn, ResultHexColumn,
                        ResultColumnCount };

    explicit SocketSessionPage(SocketSession *session, QWidget *parent = nullptr);
    ~SocketSessionPage() override;

    SocketSession *session() const { return m_session; }
    /// "TCP client 127.0.0.1:3301" — the session list's label.
    QString title() const;

    /// Sends what the form holds (text/hex + line ending; sendto for UDP). false with the error
    /// shown when the text or destination is invalid or the call fails.
    bool sendFromForm();
    /// Sends a file's contents (the socat example the other way round).
    bool sendFile(const QString &path);
    /// Queues a read with the form's limit, delimiter and timeout.
    quint64 readFromForm();
    /// recvfrom(): lists the oldest datagram waiting; false when none.
    bool receiveDatagram();

    /// Cap of the read-results list (older rows go and are counted).
    void setResultCap(int rows);
    int resultCap() const { return m_resultCap; }
    quint64 droppedResults() const { return m_droppedResults; }
    /// Lists queued follow data now (a timer does it otherwise).
    void flushFollow();

    // The parts, for tests and automation (each has an accessible name).
    QLabel *stateLabel() const { return m_state; }
    QLabel *nameLabel() const { return m_name; }
    QLabel *peerLabel() const { return m_peer; }
    QLabel *errorLabel() const { return m_lastError; }
    QLabel *readinessLabel() const { return m_readiness; }
    QComboBox *waitBox() const { return m_waitWhat; }
    QDoubleSpinBox *waitTimeoutBox() const { return m_waitTimeout; }
    QPushButton *waitButton() const { return m_wait; }
    QLabel *waitResultLabel() const { return m_waitResult; }
    QLineEdit *sendEdit() const { return m_sendText; }
    QComboBox *sendModeBox() const { return m_sendMode; }
    QComboBox *lineEndingBox() const { return m_lineEnding; }
    QLineEdit *destinationHostEdit() const { return m_destHost; }
    QSpinBox *destinationPortBox() const { return m_destPort; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *sendFileButton() const { return m_sendFile; }
    QLabel *sendErrorLabel() const { return m_sendError; }
    QSpinBox *limitBox() const { return m_limit; }
    QLineEdit *delimiterEdit() const { return m_delimiter; }
    QDoubleSpinBox *readTimeoutBox() const { return m_readTimeout; }
    QPushButton *readButton() const { return m_read; }
    QPushButton *cancelReadsButton() const { return m_cancelReads; }
    QCheckBox *followBox() const { return m_follow; }
    QPushButton *recvFromButton() const { return m_recvFrom; }
    QTableWidget *resultsTable() const { return m_results; }
    QLabel *resultsDroppedLabel() const { return m_resultsDropped; }
    QTableView *transcriptView() const { return m_transcriptView; }
    SocketTranscriptModel *transcript() const { return m_transcriptModel; }
    QLabel *transcriptCountLabel() const { return m_transcriptCount; }
    QPlainTextEdit *chunkDump() const { return m_dump; }
    SocketOptionsEditor *options() const { return m_options; }
    QComboBox *shutdownBox() const { return m_shutdownHow; }
    QPushButton *shutdownButton() const { return m_shutdown; }
    QPushButton *closeButton() const { return m_close; }

signals:
    void logMessage(int level, const QString &text);
    /// The title or state changed (the session list updates its row).
    void titleChanged();

private:
    void refreshInfo();
    void attachOptions();
    void addResult(const QString &request, const SocketResult &result, const QString &extra = QString());
    void showChunk();
    void updateTranscriptCount();
    QString describeRead(const SocketSession::ReadSpec &spec) const;

    QPointer<SocketSession> m_session;
    SocketTranscriptModel *m_transcriptModel;
    QHash<quint64, QString> m_readLabels;
    int m_resultCap = 2000;
    quint64 m_droppedResults = 0;
    quint64 m_resultSeq = 0;
    QByteArray m_followPending;
    QTimer m_followTimer;
    QTimer m_infoTimer;

    QLabel *m_state;
    QLabel *m_name;
    QLabel *m_peer;
    QLabel *m_lastError;
    QLabel *m_readiness;
    QComboBox *m_waitWhat;
    QDoubleSpinBox *m_waitTimeout;
    QPushButton *m_wait;
    QLabel *m_waitResult;
    QLineEdit *m_sendText;
    QComboBox *m_sendMode;
    QComboBox *m_lineEnding;
    QLineEdit *m_destHost;
    QSpinBox *m_destPort;
    QPushButton *m_send;
    QPushButton *m_sendFile;
    QLabel *m_sendError;
    QSpinBox *m_limit;
    QLineEdit *m_delimiter;
    QDoubleSpinBox *m_readTimeout;
    QPushButton *m_read;
    QPushButton *m_cancelReads;
    QCheckBox *m_follow;
    QPushButton *m_recvFrom;
    QTableWidget *m_results;
    QLabel *m_resultsDropped;
    QTableView *m_transcriptView;
    QLabel *m_transcriptCount;
    QPlainTextEdit *m_dump;
    SocketOptionsEditor *m_options;
    QComboBox *m_shutdownHow;
    QPushButton *m_shutdown;
    QPushButton *m_close;
};

} // namespace Boxscope
