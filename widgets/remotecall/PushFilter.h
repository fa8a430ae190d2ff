#pragma once

#include <QSortFilterProxyModel>

namespace Boxscope {

/// The push list filtered by a value's text: the pushes whose one-line preview contains it
/// (case-insensitive). The preview is bounded, so filtering 100 000 rows costs as much as
/// previewing them once.
class PushFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace Boxscope
