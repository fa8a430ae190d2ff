#pragma once

#include "logging/Log.h"
#include "sockets/SocketSession.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Boxscope {

class SocketReadResults;
struct SocketResult;

/// The socket module's receiving of one session: read(limit), read(delimiter) and
/// read({limit, delimiter}) with a timeout, follow mode (everything listed as it arrives), and
/// recvfrom() for UDP. Every result goes to the read results (results()), which the page
/// places below the transcript.
class SocketReceiveGroup : public QWidget
{
    Q_OBJECT
public:
    explicit SocketReceiveGroup(SocketSession *session, QWidget *parent = nullptr);

    /// Queues a read with the form's limit, delimiter and timeout.
    quint64 readFromForm();
    /// recvfrom(): lists the oldest datagram waiting; false when none.
    bool receiveDatagram();
    /// Lists queued follow data now (a timer does it otherwise).
    void flushFollow();
    /// Enables reading while the session is open or has bytes buffered.
    void refresh();

    SocketReadResults *results() const { return m_results; }
    QSpinBox *limitBox() const { return m_limit; }
    QLineEdit *delimiterEdit() const { return m_delimiter; }
    QDoubleSpinBox *readTimeoutBox() const { return m_readTimeout; }
    QPushButton *readButton() const { return m_read; }
    QPushButton *cancelReadsButton() const { return m_cancelReads; }
    QCheckBox *followBox() const { return m_follow; }
    QPushButton *recvFromButton() const { return m_recvFrom; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    /// A read was queued or a result listed: the session's state may have changed (the page
    /// refreshes every group).
    void refreshNeeded();
    /// The form cannot be read (a bad delimiter); the page shows text below the sending form.
    void formError(const QString &text);

private:
    void createWidgets();
    void layOut(bool udp);
    void connectForm();
    void connectSession(SocketSession *session);
    void addResult(const QString &request, const SocketResult &result, const QString &extra = QString());
    void setFollow(bool on);
    static QString describeRead(const SocketSession::ReadSpec &spec);

    QPointer<SocketSession> m_session;
    QHash<quint64, QString> m_readLabels;
    QByteArray m_followPending;
    QTimer m_followTimer;

    QSpinBox *m_limit;
    QLineEdit *m_delimiter;
    QDoubleSpinBox *m_readTimeout;
    QPushButton *m_read;
    QPushButton *m_cancelReads;
    QCheckBox *m_follow;
    QPushButton *m_recvFrom;
    SocketReadResults *m_results;
};

} // namespace Boxscope
