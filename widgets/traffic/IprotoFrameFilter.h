#pragma once

#include <QSortFilterProxyModel>

namespace Boxscope {

/// Filters frames by direction, SYNC, type and category, and hides the application's own
/// traffic (CapturedFrame::own) unless asked to show it.
class IprotoFrameFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    /// 0 both, 1 sent only, 2 received only.
    void setDirection(int direction);
    /// Empty: any SYNC.
    void setSync(const QString &sync);
    /// Case-insensitive part of the type name ("chunk", "call", "error").
    void setType(const QString &type);
    /// 0: any; else an IprotoFrameModel::Category (request, response, push, event, error).
    void setCategory(int category);
    int category() const { return m_category; }
    /// The connection's own requests (auth, schema, pings, completion) and their answers;
    /// hidden by default.
    void setShowOwn(bool show);
    bool showsOwn() const { return m_showOwn; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_direction = 0;
    bool m_hasSync = false;
    quint64 m_sync = 0;
    QString m_type;
    int m_category = 0;
    bool m_showOwn = false;
};

} // namespace Boxscope
