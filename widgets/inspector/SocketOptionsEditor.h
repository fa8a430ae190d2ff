#pragma once

#include "logging/Log.h"
#include "sockets/SocketOption.h"

#include <QPointer>
#include <QWidget>

#include <cerrno>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Boxscope {

/// setsockopt() / getsockopt() / linger() of one socket: every option the platform supports
/// with its current value read back, and a form to set one.
///
/// Values are typed as the socket module takes them: true/false (flags), a number (sizes),
/// seconds (SO_RCVTIMEO / SO_SNDTIMEO), "on 5" / "off" (SO_LINGER).
class SocketOptionsEditor : public QWidget
{
    Q_OBJECT
public:
    using Getter = std::function<QVariant(SocketOption::Name, int *err)>;
    using Setter = std::function<bool(SocketOption::Name, const QVariant &, int *err)>;

    explicit SocketOptionsEditor(QWidget *parent = nullptr);

    /// The socket to work on; tcp says whether TCP-only options apply.
    void setSocket(Getter get, Setter set, bool tcp);
    /// The same for a socket object with socketDescriptor() and setOption(); errnoOf(socket)
    /// gives the errno of its last failed call. A socket that is gone or closed reads EBADF.
    template<typename Socket, typename ErrnoOf>
    void setSocketObject(Socket *socket, bool tcp, ErrnoOf errnoOf)
    {
        QPointer<Socket> guard(socket);
        setSocket(
                [guard](SocketOption::Name o, int *err) -> QVariant {
                    if (!guard || guard->socketDescriptor() < 0) {
                        *err = EBADF;
                        return {};
                    }
                    return SocketOption::get(guard->socketDescriptor(), o, err);
                },
                [guard, errnoOf](SocketOption::Name o, const QVariant &v, int *err) {
                    if (!guard)
                        return false;
                    const bool ok = guard->setOption(o, v);
                    *err = ok ? 0 : errnoOf(guard.data());
                    return ok;
                },
                tcp);
    }
    /// Reads every option back (getsockopt).
    void refresh();
    /// Parses text for option and sets it; false with *error on a bad value or a failed call.
    bool setOption(SocketOption::Name option, const QString &text, QString *error = nullptr);
    /// The displayed value of option ("" when not listed).
    QString displayedValue(SocketOption::Name option) const;

    /// "true" / "1" / "on" ... as the option's kind wants; invalid with *error otherwise.
    static QVariant parseValue(SocketOption::Name option, const QString &text, QString *error);

    QTableWidget *table() const { return m_table; }
    QComboBox *optionBox() const { return m_option; }
    QLineEdit *valueEdit() const { return m_value; }
    QPushButton *setButton() const { return m_set; }
    QPushButton *refreshButton() const { return m_refresh; }

signals:
    void logMessage(Boxscope::LogLevel level, const QString &text);

private:
    void applyFromForm();

    Getter m_getter;
    Setter m_setter;
    bool m_tcp = false;
    QTableWidget *m_table;
    QComboBox *m_option;
    QLineEdit *m_value;
    QPushButton *m_set;
    QPushButton *m_refresh;
    QLabel *m_error;
};

} // namespace Boxscope
