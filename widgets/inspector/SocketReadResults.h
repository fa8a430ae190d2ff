#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

namespace Boxscope {

struct SocketResult;

/// The results of a session's reads (read, recvfrom, follow), one row each with its status,
/// errno and message, the size and the bytes as text and hex. Bounded: past the cap the oldest
/// rows go and the count of dropped rows is shown below the list.
class SocketReadResults : public QWidget
{
    Q_OBJECT
public:
    enum ResultColumn {
        ResultSeqColumn,
        ResultRequestColumn,
        ResultStatusColumn,
        ResultErrnoColumn,
        ResultMessageColumn,
        ResultSizeColumn,
        ResultTextColumn,
        ResultHexColumn,
        ResultColumnCount
    };

    explicit SocketReadResults(QWidget *parent = nullptr);

    /// Lists a result; request is the call as written ("read('\n')"), extra goes after its
    /// message.
    void add(const QString &request, const SocketResult &result, const QString &extra = QString());

    /// Cap of the list (older rows go and are counted).
    void setCap(int rows);
    int cap() const { return m_cap; }
    quint64 dropped() const { return m_dropped; }

    QTableWidget *table() const { return m_table; }
    QLabel *droppedLabel() const { return m_droppedLabel; }

private:
    QTableWidget *m_table;
    QLabel *m_droppedLabel;
    int m_cap = 2000;
    quint64 m_dropped = 0;
    quint64 m_seq = 0;
};

} // namespace Boxscope
