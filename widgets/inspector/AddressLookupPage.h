#pragma once

#include "logging/Log.h"
#include "sockets/AddressResolver.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Boxscope {

/// socket.getaddrinfo(host, port, {type=, family=}) as a form; the answer is listed as the
/// socket module's table: host, family, type, protocol, port. Lookups run off the GUI thread.
class AddressLookupPage : public QWidget
{
    Q_OBJECT
public:
    explicit AddressLookupPage(QWidget *parent = nullptr);

    /// Starts a lookup with what the form holds.
    quint64 lookup();

    QLineEdit *hostEdit() const { return m_host; }
    QLineEdit *serviceEdit() const { return m_service; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *familyBox() const { return m_family; }
    QPushButton *lookupButton() const { return m_lookup; }
    QTableWidget *resultsTable() const { return m_results; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);
    void finished();

private:
    AddressResolver *m_resolver;
    quint64 m_current = 0;
    QLineEdit *m_host;
    QLineEdit *m_service;
    QComboBox *m_type;
    QComboBox *m_family;
    QPushButton *m_lookup;
    QTableWidget *m_results;
    QLabel *m_status;
};

} // namespace Boxscope
