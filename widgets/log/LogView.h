#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Boxscope {

class LogFilterProxy;
class LogModel;

/// The log dock: level, connection and text filters, clear, save to a file, the dropped count;
/// follows the newest line unless the person scrolled up.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(LogModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QComboBox *levelFilter() const { return m_level; }
    /// "All connections", then one item per connection a line has named (its name as data).
    QComboBox *connectionFilter() const { return m_connection; }
    QLineEdit *textFilter() const { return m_text; }
    QLabel *droppedLabel() const { return m_dropped; }
    LogFilterProxy *proxy() const { return m_proxy; }
    /// Saves to path; false with a message box-free error string on failure.
    bool saveTo(const QString &path, QString *error = nullptr);

private:
    void updateDropped();

    LogModel *m_model;
    LogFilterProxy *m_proxy;
    QTableView *m_view;
    QComboBox *m_level;
    QComboBox *m_connection;
    QLineEdit *m_text;
    QPushButton *m_clear;
    QPushButton *m_save;
    QLabel *m_dropped;
    bool m_follow = true;
};

} // namespace Boxscope
