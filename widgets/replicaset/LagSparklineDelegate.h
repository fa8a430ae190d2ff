#pragma once

#include <QStyledItemDelegate>

namespace Boxscope {

/// Draws a row's lag history (ReplicaSetModel::LagHistoryRole) as a line across its cell, the
/// newest on the right, scaled from zero to the largest lag it shows (at least 1 ms).
class LagSparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Boxscope
