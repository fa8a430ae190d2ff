#pragma once

#include "client/IprotoCapture.h"
#include "common/LiveWindowModel.h"

#include <QPointer>

namespace Boxscope {

/// The frames of an IprotoCapture, one row each: sequence number, time, direction, size,
/// SYNC, type (CALL, OK, CHUNK, ERROR 32 ...) and a one-line summary. Follows the capture in
/// batches (LiveWindowModel).
class IprotoFrameModel : public LiveWindowModel
{
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        DirectionColumn,
        SizeColumn,
        SyncColumn,
        TypeColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role { DirectionRole = Qt::UserRole + 1, SyncRole, HasSyncRole };

    explicit IprotoFrameModel(IprotoCapture *capture, QObject *parent = nullptr);

    IprotoCapture *capture() const { return m_capture; }
    const CapturedFrame *frameAt(int row) const;

    /// A map whose integer keys are IPROTO keys, with the keys named ("SYNC", "DATA" ...): for
    /// the trees and the summary. Other values are returned as they are.
    static MpValue withKeyNames(const MpValue &map);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    quint64 newestSeq() const override;
    quint64 oldestHeldSeq() const override;

private:
    QPointer<IprotoCapture> m_capture;
};

} // namespace Boxscope
