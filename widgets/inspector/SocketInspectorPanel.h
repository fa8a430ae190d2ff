#pragma once

#include "logging/Log.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace Boxscope {

class AddressLookupPage;
class LogModel;
class SocketServer;
class SocketServerPage;
class SocketSession;
class SocketSessionPage;

/// The socket inspector: Tarantool's socket module as a tool. Several sessions at once —
/// TCP client (tcp_connect), TCP server (tcp_server; accepted clients listed under it), UDP
/// (bind, sendto, recvfrom), unix stream client and server — each with its own page
/// (SocketSessionPage / SocketServerPage), plus a getaddrinfo form. Every socket event goes to
/// the log with the session as its source.
class SocketInspectorPanel : public QWidget
{
    Q_OBJECT
public:
    enum Kind { TcpClient, TcpServer, Udp, UnixClient, UnixServer };
    Q_ENUM(Kind)

    explicit SocketInspectorPanel(LogModel *log, QWidget *parent = nullptr);
    ~SocketInspectorPanel() override;

    /// socket.tcp_connect(host, port, timeout): the page shows the outcome (connected, or
    /// errno + message).
    SocketSessionPage *openTcpClient(const QString &host, quint16 port, int timeoutMs = -1);
    SocketSessionPage *openUnixClient(const QString &path, int timeoutMs = -1);
    /// socket.tcp_server(host, port): nullptr (error shown and logged) when bind/listen fails.
    SocketServerPage *openTcpServer(const QString &host, quint16 port);
    SocketServerPage *openUnixServer(const QString &path);
    /// A UDP socket bound to host:port (port 0: any); nullptr on failure.
    SocketSessionPage *openUdp(const QString &host, quint16 port);
    /// Opens what the form says.
    QWidget *openFromForm();

    SocketSessionPage *pageFor(SocketSession *session) const;
    SocketServerPage *pageFor(SocketServer *server) const;
    /// Shows a page (and selects its row).
    void showPage(QWidget *page);
    QWidget *currentPage() const;
    /// Closes and forgets the selected session or server (and its page).
    void removeCurrent();
    int sessionCount() const;

    // The parts, for tests and automation (each has an accessible name).
    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *pathEdit() const { return m_path; }
    QDoubleSpinBox *timeoutBox() const { return m_timeout; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *formError() const { return m_formError; }
    QTreeWidget *sessionTree() const { return m_tree; }
    AddressLookupPage *lookupPage() const { return m_lookup; }

private:
    QTreeWidgetItem *addPage(QWidget *page, const QString &title, QTreeWidgetItem *parent = nullptr);
    SocketServerPage *addServer(SocketServer *server);
    SocketSessionPage *addSession(SocketSession *session, QTreeWidgetItem *parent = nullptr);
    QTreeWidgetItem *itemFor(QWidget *page) const;
    void forget(QObject *socket, QWidget *page);
    void log(LogLevel level, const QString &source, const QString &text);
    void updateForm();
    void showError(const QString &text);

    LogModel *m_logModel;
    QHash<QObject *, QWidget *> m_pages; ///< session/server -> page
    QComboBox *m_kind;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_path;
    QDoubleSpinBox *m_timeout;
    QPushButton *m_open;
    QPushButton *m_remove;
    QLabel *m_formError;
    QTreeWidget *m_tree;
    QStackedWidget *m_stack;
    AddressLookupPage *m_lookup;
    QTreeWidgetItem *m_lookupItem;
};

} // namespace Boxscope
