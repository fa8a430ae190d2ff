#pragma once

#include "client/IprotoCapture.h"
#include "common/LiveStream.h"
#include "common/LiveWindowModel.h"

#include <QPointer>

namespace Boxscope {

/// The frames of an IprotoCapture, one row each: sequence number, time, direction, size,
/// SYNC, type (CALL, OK, CHUNK, ERROR 32 ...) and a one-line summary. Follows the capture in
/// batches (LiveWindowModel); as a LiveStream, StreamBar pauses, clears, searches and
/// counts it.
class IprotoFrameModel : public LiveWindowModel, public LiveStream
{
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        DeltaColumn, ///< ms since the previous frame
        DirectionColumn,
        SizeColumn,
        SyncColumn,
        TypeColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role { DirectionRole = Qt::UserRole + 1, SyncRole, HasSyncRole, OwnRole, CategoryRole };
    /// What a frame is, for the type filter (CategoryRole).
    enum class Category { Request = 1, Response, Push, Event, Error };
    static Category categoryOf(const CapturedFrame &f);

    explicit IprotoFrameModel(IprotoCapture *capture, QObject *parent = nullptr);

    IprotoCapture *capture() const { return m_capture; }
    const CapturedFrame *frameAt(int row) const;

    /// A map whose integer keys are IPROTO keys, with the keys named ("SYNC", "DATA" ...): for
    /// the trees and the summary. Other values are returned as they are.
    static MpValue withKeyNames(const MpValue &map);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // LiveStream
    QAbstractItemModel *streamModel() override { return this; }
    void setPaused(bool paused) override { LiveWindowModel::setPaused(paused); }
    bool isPaused() const override { return LiveWindowModel::isPaused(); }
    qint64 pausedAtMs() const override { return LiveWindowModel::pausedAtMs(); }
    void clearRows() override { hideRows(); }
    void restoreRows() override { LiveWindowModel::restoreRows(); }
    bool canRestore() const override { return LiveWindowModel::canRestore(); }
    Totals totals() const override;
    quint64 keyAt(int row) const override { return seqAt(row); }
    int rowOfKey(quint64 key) const override { return rowOfSeq(key); }
    bool timeAt(int row, qint64 *ns) const override;
    bool rowMatches(int row, const StreamNeedle &needle) const override;

protected:
    quint64 newestSeq() const override;
    quint64 oldestHeldSeq() const override;

private:
    QPointer<IprotoCapture> m_capture;
};

} // namespace Boxscope
