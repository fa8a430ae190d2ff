#include "IprotoView.h"

#include "sockets/ByteText.h"
#include "client/Connection.h"
#include "iproto/Iproto.h"
#include "format/MpFormat.h"
#include "ValueTreeModel.h"

#include <QBrush>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

QFont monospace()
{
    QFont f(QStringLiteral("monospace"));
    f.setStyleHint(QFont::Monospace);
    return f;
}

const CapturedFrame *frameBySeq(const IprotoCapture *capture, quint64 seq)
{
    if (!capture || seq == 0)
        return nullptr;
    const auto &frames = capture->frames();
    if (frames.empty() || seq < frames.front().seq || seq > frames.back().seq)
        return nullptr;
    const CapturedFrame &f = frames[size_t(seq - frames.front().seq)];
    return f.seq == seq ? &f : nullptr;
}

/// "FUNCTION_NAME: 'push_n', TUPLE: [3]" — the body in one line, keys by name.
QString summary(const MpValue &body)
{
    if (body.isNil())
        return QString();
    if (!body.isMap())
        return MpFormat::preview(body, 160);
    QStringList parts;
    for (size_t i = 0; i < body.size() && i < 8; ++i) {
        const MpValue &k = body.mapKey(i);
        const char *name = k.isInteger() && k.toUInt64() <= 0xff ? Iproto::keyName(uint32_t(k.toUInt64())) : nullptr;
        parts << QStringLiteral("%1: %2").arg(name ? QLatin1String(name) : MpFormat::preview(k, 20),
                                              MpFormat::preview(body.mapValue(i), 100));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

// ---- IprotoFrameModel -----------------------------------------------------------------------

IprotoFrameModel::IprotoFrameModel(IprotoCapture *capture, QObject *parent)
    : LiveWindowModel(parent)
    , m_capture(capture)
{
    connect(capture, &IprotoCapture::frameCaptured, this, &LiveWindowModel::schedule);
    connect(capture, &IprotoCapture::cleared, this, &LiveWindowModel::reset);
    flush();
}

quint64 IprotoFrameModel::newestSeq() const
{
    return m_capture ? m_capture->totalFrames() : 0;
}

quint64 IprotoFrameModel::oldestHeldSeq() const
{
    if (!m_capture || m_capture->frames().empty())
        return newestSeq() + 1;
    return m_capture->frames().front().seq;
}

const CapturedFrame *IprotoFrameModel::frameAt(int row) const
{
    return frameBySeq(m_capture, seqAt(row));
}

MpValue IprotoFrameModel::withKeyNames(const MpValue &map)
{
    if (!map.isMap())
        return map;
    std::vector<std::pair<MpValue, MpValue>> entries;
    entries.reserve(map.size());
    for (size_t i = 0; i < map.size(); ++i) {
        const MpValue &k = map.mapKey(i);
        const char *name = k.isInteger() && k.toUInt64() <= 0xff ? Iproto::keyName(uint32_t(k.toUInt64())) : nullptr;
        entries.emplace_back(name ? MpValue::string(QStringLiteral("%1 (0x%2)").arg(QLatin1String(name))
                                                         .arg(k.toUInt64(), 2, 16, QLatin1Char('0')))
                                  : k,
                             map.mapValue(i));
    }
    return MpValue::map(std::move(entries));
}

int IprotoFrameModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IprotoFrameModel::data(const QModelIndex &index, int role) const
{
    const CapturedFrame *f = frameAt(index.row());
    if (!f)
        return {};
    const bool sent = f->direction == CapturedFrame::Direction::Sent;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn: return QString::number(f->seq);
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(f->timestampMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case DirectionColumn: return sent ? tr("→ server") : tr("← server");
        case SizeColumn: return QString::number(f->raw.size());
        case SyncColumn: return f->hasSync ? QString::number(f->sync) : QString();
        case TypeColumn: return f->typeName();
        case SummaryColumn: return summary(f->body);
        }
        break;
    case Qt::ForegroundRole:
        if (f->isError())
            return QBrush(QColor(0xb0, 0x00, 0x20));
        if (index.column() == DirectionColumn || index.column() == TypeColumn)
            return QBrush(sent ? QColor(0x1f, 0x5f, 0xbf) : f->isPush() ? QColor(0x8e, 0x44, 0xad) : QColor(0x2e, 0x7d, 0x32));
        break;
    case Qt::FontRole:
        if (index.column() == SummaryColumn)
            return monospace();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == SizeColumn || index.column() == SyncColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case DirectionRole: return sent ? 1 : 2;
    case SyncRole: return f->sync;
    case HasSyncRole: return f->hasSync;
    }
    return {};
}

QVariant IprotoFrameModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case DirectionColumn: return tr("Direction");
    case SizeColumn: return tr("Size");
    case SyncColumn: return tr("SYNC");
    case TypeColumn: return tr("Type");
    case SummaryColumn: return tr("Body");
    }
    return {};
}

// ---- IprotoFrameFilter ----------------------------------------------------------------------

void IprotoFrameFilter::setDirection(int direction)
{
    m_direction = direction;
    invalidateFilter();
}

void IprotoFrameFilter::setSync(const QString &sync)
{
    m_sync = sync.trimmed().toULongLong(&m_hasSync);
    invalidateFilter();
}

void IprotoFrameFilter::setType(const QString &type)
{
    m_type = type.trimmed();
    invalidateFilter();
}

bool IprotoFrameFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_direction != 0 && i.data(IprotoFrameModel::DirectionRole).toInt() != m_direction)
        return false;
    if (m_hasSync && (!i.data(IprotoFrameModel::HasSyncRole).toBool()
                      || i.data(IprotoFrameModel::SyncRole).toULongLong() != m_sync))
        return false;
    if (!m_type.isEmpty()) {
        const QString type = sourceModel()->index(sourceRow, IprotoFrameModel::TypeColumn, sourceParent).data().toString();
        if (!type.contains(m_type, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

// ---- IprotoView -----------------------------------------------------------------------------

IprotoView::IprotoView(IprotoCapture *capture, QWidget *parent)
    : QWidget(parent)
    , m_capture(capture)
    , m_model(new IprotoFrameModel(capture, this))
    , m_filter(new IprotoFrameFilter(this))
    , m_headerModel(new ValueTreeModel(this))
    , m_bodyModel(new ValueTreeModel(this))
{
    setObjectName(QStringLiteral("IprotoView"));
    m_filter->setSourceModel(m_model);

    m_direction = new QComboBox(this);
    m_direction->addItem(tr("both directions"));
    m_direction->addItem(tr("→ server (requests)"));
    m_direction->addItem(tr("← server (responses, pushes)"));
    m_direction->setAccessibleName(tr("Direction filter"));
    m_syncFilter = new QLineEdit(this);
    m_syncFilter->setPlaceholderText(tr("SYNC"));
    m_syncFilter->setClearButtonEnabled(true);
    m_syncFilter->setAccessibleName(tr("SYNC filter"));
    m_typeFilter = new QLineEdit(this);
    m_typeFilter->setPlaceholderText(tr("type: call, chunk, error…"));
    m_typeFilter->setClearButtonEnabled(true);
    m_typeFilter->setAccessibleName(tr("Type filter"));
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setChecked(true);
    m_follow->setAccessibleName(tr("Follow the newest frame"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setAccessibleName(tr("Clear the captured frames"));
    m_counts = new QLabel(this);
    m_counts->setAccessibleName(tr("Capture counts"));
    m_greeting = new QLabel(this);
    m_greeting->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_greeting->setAccessibleName(tr("Greeting"));
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setAccessibleName(tr("Capture decoding error"));
    m_error->hide();

    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Captured IPROTO frames"));

    auto setupTree = [this](QTreeView *t, ValueTreeModel *m, const QString &name) {
        t->setModel(m);
        t->setAccessibleName(name);
        t->setUniformRowHeights(true);
        t->header()->setSectionResizeMode(QHeaderView::Interactive);
        t->setColumnWidth(0, 200);
    };
    m_headerTree = new QTreeView(this);
    setupTree(m_headerTree, m_headerModel, tr("Frame header"));
    m_bodyTree = new QTreeView(this);
    setupTree(m_bodyTree, m_bodyModel, tr("Frame body"));
    m_raw = new QPlainTextEdit(this);
    m_raw->setReadOnly(true);
    m_raw->setFont(monospace());
    m_raw->setAccessibleName(tr("Frame bytes as hex"));
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_goToRequest = new QPushButton(tr("Show the request"), this);
    m_goToRequest->setAccessibleName(tr("Show the frame's request in the history"));
    m_goToRequest->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_direction);
    top->addWidget(m_syncFilter);
    top->addWidget(m_typeFilter);
    top->addWidget(m_follow);
    top->addWidget(m_clear);
    top->addStretch(1);
    top->addWidget(m_counts);

    auto *trees = new QSplitter(Qt::Horizontal, this);
    auto *headerBox = new QWidget(trees);
    auto *hl = new QVBoxLayout(headerBox);
    hl->setContentsMargins(0, 0, 0, 0);
    hl->addWidget(new QLabel(tr("Header"), headerBox));
    hl->addWidget(m_headerTree);
    auto *bodyBox = new QWidget(trees);
    auto *bl = new QVBoxLayout(bodyBox);
    bl->setContentsMargins(0, 0, 0, 0);
    auto *bodyTitle = new QHBoxLayout;
    bodyTitle->addWidget(new QLabel(tr("Body"), bodyBox));
    bodyTitle->addStretch(1);
    bodyTitle->addWidget(m_goToRequest);
    bl->addLayout(bodyTitle);
    bl->addWidget(m_bodyTree);
    trees->addWidget(headerBox);
    trees->addWidget(bodyBox);
    trees->setStretchFactor(0, 1);
    trees->setStretchFactor(1, 2);

    auto *detail = new QTabWidget(this);
    detail->setAccessibleName(tr("Frame detail"));
    detail->addTab(trees, tr("Decoded"));
    detail->addTab(m_raw, tr("Raw bytes"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_greeting);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    connect(m_direction, &QComboBox::currentIndexChanged, m_filter, &IprotoFrameFilter::setDirection);
    connect(m_syncFilter, &QLineEdit::textChanged, m_filter, &IprotoFrameFilter::setSync);
    connect(m_typeFilter, &QLineEdit::textChanged, m_filter, &IprotoFrameFilter::setType);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_capture)
            m_capture->clearFrames();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &IprotoView::showCurrent);
    connect(m_view, &QTableView::activated, this, [this] {
        if (const CapturedFrame *f = currentFrame(); f && f->hasSync)
            emit syncActivated(f->sync);
    });
    connect(m_goToRequest, &QPushButton::clicked, this, [this] {
        if (const CapturedFrame *f = currentFrame(); f && f->hasSync)
            emit syncActivated(f->sync);
    });
    connect(m_model, &LiveWindowModel::flushed, this, [this] {
        updateCounts();
        if (m_follow->isChecked())
            m_view->scrollToBottom();
    });
    connect(capture, &IprotoCapture::greetingCaptured, this, [this](const QByteArray &g) {
        m_greeting->setText(tr("Greeting: %1").arg(QString::fromUtf8(g.left(64)).trimmed()));
    });
    connect(capture, &IprotoCapture::decodeError, this, [this](CapturedFrame::Direction d, const QString &message) {
        m_error->setText(tr("%1 stream cannot be split any more: %2")
                             .arg(d == CapturedFrame::Direction::Sent ? tr("Client → server") : tr("Server → client"), message));
        m_error->show();
    });
    connect(capture, &IprotoCapture::cleared, this, [this] {
        m_error->hide();
        m_shownSeq = 0;
        showCurrent();
    });
    m_greeting->setText(capture->greeting().isEmpty() ? tr("Greeting: not seen yet")
                                                      : tr("Greeting: %1").arg(QString::fromUtf8(capture->greeting().left(64)).trimmed()));
    updateCounts();
}

const CapturedFrame *IprotoView::currentFrame() const
{
    return frameBySeq(m_capture, m_shownSeq);
}

bool IprotoView::selectFrame(quint64 seq)
{
    m_model->flush();
    const int sourceRow = m_model->rowOfSeq(seq);
    if (sourceRow < 0)
        return false;
    const QModelIndex i = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!i.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(i);
    return true;
}

void IprotoView::showCurrent()
{
    const QModelIndex i = m_filter->mapToSource(m_view->currentIndex());
    if (i.isValid())
        m_shownSeq = m_model->seqAt(i.row());
    const CapturedFrame *f = currentFrame();
    if (!f) {
        m_headerModel->clear();
        m_bodyModel->clear();
        m_raw->clear();
        m_goToRequest->setEnabled(false);
        return;
    }
    m_headerModel->setValue(IprotoFrameModel::withKeyNames(f->header));
    if (f->body.isNil())
        m_bodyModel->clear();
    else
        m_bodyModel->setValue(IprotoFrameModel::withKeyNames(f->body));
    m_headerTree->expandAll();
    m_bodyTree->expandToDepth(1);
    m_raw->setPlainText(tr("#%1 %2, size prefix %3, %n byte(s) in all, stream offset %4", nullptr, int(f->raw.size()))
                            .arg(f->seq)
                            .arg(f->typeName())
                            .arg(f->size)
                            .arg(f->streamOffset)
                        + QLatin1Char('\n') + ByteText::hexDump(f->raw, 256 * 1024));
    m_goToRequest->setEnabled(f->hasSync);
}

void IprotoView::updateCounts()
{
    if (!m_capture)
        return;
    QString text = tr("%n frame(s)", nullptr, int(m_capture->frameCount()))
        + tr(", %1 bytes sent, %2 received")
              .arg(m_capture->totalBytes(CapturedFrame::Direction::Sent))
              .arg(m_capture->totalBytes(CapturedFrame::Direction::Received));
    if (m_capture->droppedFrames() > 0)
        text += tr(", %n older frame(s) dropped", nullptr, int(m_capture->droppedFrames()));
    m_counts->setText(text);
}

} // namespace Boxscope
