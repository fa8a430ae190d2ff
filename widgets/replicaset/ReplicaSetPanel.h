#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Boxscope {

class ReplicaSetModel;
class ReplicaSetMonitor;

/// The replica set as one view: a seed URI (the window's connection by default), Discover,
/// the refresh interval, and a live table of every instance the ReplicaSetMonitor finds (role,
/// status, upstream, downstream, lag, idle, a lag chart, vclock, election, error or down
/// since). "Open" on a row and "Open all as connections" emit openRequested() with the
/// instance's URI (no credentials; user() is the login the panel uses).
class ReplicaSetPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReplicaSetPanel(QWidget *parent = nullptr);
    ~ReplicaSetPanel() override;

    /// The seed shown in the field and the login every instance gets (a URI's own wins).
    void setSeed(const QString &uri, const QString &user = QString(), const QString &password = QString());
    QString seed() const;
    QString user() const { return m_user; }
    /// Starts following the set from the seed (what Discover does).
    void discover();

    ReplicaSetMonitor *monitor() const { return m_monitor; }
    ReplicaSetModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString statusText() const;

signals:
    void openRequested(const QString &uri);

private:
    void openAll();
    void addOpenButton(int row);
    void updateStatus();

    ReplicaSetMonitor *m_monitor;
    ReplicaSetModel *m_model;
    QLineEdit *m_seed;
    QPushButton *m_discover;
    QDoubleSpinBox *m_interval;
    QPushButton *m_openAll;
    QTableView *m_table;
    QLabel *m_status;
    QString m_user;
    QString m_password;
};

} // namespace Boxscope
