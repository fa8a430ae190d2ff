#include "replicaset/LagSparklineDelegate.h"

#include "replicaset/ReplicaSetModel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace Boxscope {

void LagSparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index); // background and selection
    const QList<double> lags = index.data(ReplicaSetModel::LagHistoryRole).value<QList<double>>();
    if (lags.isEmpty())
        return;
    const QRectF area = QRectF(option.rect).adjusted(3.5, 3.5, -3.5, -3.5);
    const double top = std::max(*std::max_element(lags.begin(), lags.end()), 0.001);
    // At most one point per pixel: the newest ones.
    const qsizetype shown = std::min<qsizetype>(lags.size(), std::max(2, int(area.width())));
    const qsizetype first = lags.size() - shown;
    const double step = shown > 1 ? area.width() / double(shown - 1) : 0;
    QPainterPath path;
    for (qsizetype i = 0; i < shown; ++i) {
        const double y = area.bottom() - std::clamp(lags[first + i] / top, 0.0, 1.0) * area.height();
        const QPointF pt(area.left() + step * double(i), y);
        if (i == 0)
            path.moveTo(pt);
        else
            path.lineTo(pt);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text), 1.2));
    painter->drawPath(path);
    painter->restore();
}

QSize LagSparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(90, 20));
}

} // namespace Boxscope
