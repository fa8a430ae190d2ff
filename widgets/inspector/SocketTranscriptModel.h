#pragma once

#include "common/LiveWindowModel.h"

#include <QPointer>

namespace Boxscope {

class SocketSession;
struct SocketChunk;

/// The chunks of one socket session as they are sent and received: sequence number,
/// direction, time, size, peer (datagrams), text (escaped) and hex side by side. Reads the
/// session's bounded transcript directly; rows follow it in batches (LiveWindowModel).
class SocketTranscriptModel : public LiveWindowModel
{
    Q_OBJECT
public:
    enum Column { SeqColumn, DirectionColumn, TimeColumn, SizeColumn, PeerColumn, TextColumn, HexColumn, ColumnCount };
    /// Text and hex cells show at most this many bytes of a chunk (the detail pane shows all).
    static constexpr int kCellBytes = 256;

    explicit SocketTranscriptModel(SocketSession *session, QObject *parent = nullptr);

    SocketSession *session() const { return m_session; }
    /// The chunk of a row, nullptr when the transcript no longer holds it.
    const SocketChunk *chunkAt(int row) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    quint64 newestSeq() const override;
    quint64 oldestHeldSeq() const override;

private:
    QPointer<SocketSession> m_session;
};

} // namespace Boxscope
