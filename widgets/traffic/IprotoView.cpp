#include "traffic/IprotoView.h"

#include "common/Theme.h"

#include "client/Connection.h"
#include "common/Fonts.h"
#include "common/StreamBar.h"
#include "common/ValueTreeModel.h"
#include "format/MpFormat.h"
#include "sockets/ByteText.h"
#include "traffic/CaptureFileActions.h"
#include "traffic/IprotoFrameFilter.h"
#include "traffic/IprotoFrameModel.h"

#include <QBrush>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Boxscope {

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
    m_counts = new QLabel(this);
    m_counts->setAccessibleName(tr("Capture counts"));
    // It gives way on a narrow window (whole in its tooltip): the bar must fit 1366 px.
    m_counts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_greeting = new QLabel(this);
    m_greeting->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_greeting->setAccessibleName(tr("Greeting"));
    m_error = new QLabel(this);
    Theme::setTextColor(m_error, Theme::Color::Error);
    m_error->setAccessibleName(tr("Capture decoding error"));
    m_error->hide();

    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection); // two rows: the time between them
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
    m_raw->setFont(monospaceFont());
    m_raw->setAccessibleName(tr("Frame bytes as hex"));
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_goToRequest = new QPushButton(tr("Show the request"), this);
    m_goToRequest->setAccessibleName(tr("Show the frame's request in the history"));
    m_goToRequest->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_direction);
    top->addWidget(m_syncFilter);
    top->addWidget(m_typeFilter);
    QLayout *streamControls = setUpStreamControls();
    top->addWidget(m_category);
    top->addWidget(m_showOwn);
    top->addWidget(m_follow);
    top->addStretch(1);
    top->addWidget(m_counts);
    // Export and Import: CaptureFileActions.
    m_fileActions = new CaptureFileActions(this);
    top->addWidget(m_fileActions->exportButton());
    top->addWidget(m_fileActions->importButton());

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
    m_detail = detail;
    setUpFrameTexts();

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(streamControls);
    layout->addWidget(m_greeting);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    connect(m_direction, &QComboBox::currentIndexChanged, m_filter, &IprotoFrameFilter::setDirection);
    connect(m_syncFilter, &QLineEdit::textChanged, m_filter, &IprotoFrameFilter::setSync);
    connect(m_typeFilter, &QLineEdit::textChanged, m_filter, &IprotoFrameFilter::setType);
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
        m_bar->refresh();
        if (m_follow->isChecked() && !m_model->isPaused())
            m_bar->scrollToNewest();
    });
    connect(capture, &IprotoCapture::greetingCaptured, this, [this](const QByteArray &g) {
        m_greeting->setText(tr("Greeting: %1").arg(QString::fromUtf8(g.left(64)).trimmed()));
    });
    connect(capture, &IprotoCapture::decodeError, this, [this](CapturedFrame::Direction d, const QString &message) {
        m_error->setText(
                tr("%1 stream cannot be split any more: %2")
                        .arg(d == CapturedFrame::Direction::Sent ? tr("Client → server") : tr("Server → client"),
                             message));
        m_error->show();
    });
    connect(capture, &IprotoCapture::cleared, this, [this] {
        m_error->hide();
        m_shownSeq = 0;
        showCurrent();
    });
    m_greeting->setText(capture->greeting().isEmpty()
                                ? tr("Greeting: not seen yet")
                                : tr("Greeting: %1").arg(QString::fromUtf8(capture->greeting().left(64)).trimmed()));
    updateCounts();
}

const CapturedFrame *IprotoView::currentFrame() const
{
    return m_capture ? m_capture->frameBySeq(m_shownSeq) : nullptr;
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
        m_yaml->clear();
        m_json->clear();
        m_shownBody = MpValue();
        m_textsDirty = false;
        return;
    }
    m_headerModel->setValue(IprotoFrameModel::withKeyNames(f->decodedHeader()));
    QString bodyError;
    const MpValue body = f->decodedBody(&bodyError); // decoded once here, for the tree and the texts
    m_shownBody = bodyError.isEmpty() ? IprotoFrameModel::withKeyNames(body) : MpValue();
    if (!bodyError.isEmpty())
        m_bodyModel->setValue(MpValue::string(bodyError));
    else if (body.isNil())
        m_bodyModel->clear();
    else
        m_bodyModel->setValue(m_shownBody);
    m_headerTree->expandAll();
    m_bodyTree->expandToDepth(1);
    m_raw->setPlainText(tr("#%1 %2, size prefix %3, %n byte(s) in all, stream offset %4", nullptr, int(f->raw.size()))
                                .arg(f->seq)
                                .arg(f->typeName())
                                .arg(f->size)
                                .arg(f->streamOffset)
                        + QLatin1Char('\n') + ByteText::hexDump(f->raw, 256 * 1024));
    m_goToRequest->setEnabled(f->hasSync);
    m_textsDirty = true;
    updateFrameTexts();
}

void IprotoView::updateCounts()
{
    if (!m_capture)
        return;
    // Frames: received (both directions) = kept + dropped, exact, with group separators.
    const QLocale l;
    const QString text = tr("Frames: %1; %2 bytes sent, %3 received")
                                 .arg(StreamBar::totalsText(m_model->totals()),
                                      l.toString(m_capture->totalBytes(CapturedFrame::Direction::Sent)),
                                      l.toString(m_capture->totalBytes(CapturedFrame::Direction::Received)));
    m_counts->setText(text);
    m_counts->setToolTip(text);
    m_counts->setAccessibleDescription(text);
}

QToolButton *IprotoView::clearButton() const
{
    return m_bar->clearButton();
}

QLayout *IprotoView::setUpStreamControls()
{
    m_bar = new StreamBar(m_model, m_filter, m_view, tr("Frames"), this);
    m_category = new QComboBox(this);
    m_category->addItem(tr("any type"), 0);
    m_category->addItem(tr("requests"), int(IprotoFrameModel::Category::Request));
    m_category->addItem(tr("responses"), int(IprotoFrameModel::Category::Response));
    m_category->addItem(tr("pushes"), int(IprotoFrameModel::Category::Push));
    m_category->addItem(tr("events"), int(IprotoFrameModel::Category::Event));
    m_category->addItem(tr("errors"), int(IprotoFrameModel::Category::Error));
    m_category->setAccessibleName(tr("Frame type filter"));
    m_showOwn = new QCheckBox(tr("Show Boxscope's own requests"), this);
    m_showOwn->setAccessibleName(tr("Show Boxscope's own requests"));
    m_showOwn->setToolTip(tr("Pings, schema reads, authentication and the function list, with their answers"));
    connect(m_category, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCategory(m_category->currentData().toInt()); });
    connect(m_showOwn, &QCheckBox::toggled, m_filter, &IprotoFrameFilter::setShowOwn);
    connect(m_bar, &StreamBar::resumed, this, [this] {
        m_follow->setChecked(true);
        m_bar->scrollToNewest();
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    return row;
}

void IprotoView::setUpFrameTexts()
{
    const auto textPane = [this](const QString &name) {
        auto *edit = new QPlainTextEdit(this);
        edit->setReadOnly(true);
        edit->setFont(monospaceFont());
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setAccessibleName(name);
        return edit;
    };
    m_yaml = textPane(tr("Frame as YAML"));
    m_json = textPane(tr("Frame as JSON"));
    m_detail->insertTab(1, m_yaml, tr("YAML"));
    m_detail->insertTab(2, m_json, tr("JSON"));
    connect(m_detail, &QTabWidget::currentChanged, this, &IprotoView::updateFrameTexts);
}

void IprotoView::updateFrameTexts()
{
    const QWidget *shown = m_detail->currentWidget();
    if (!m_textsDirty || (shown != m_yaml && shown != m_json))
        return;
    m_textsDirty = false;
    const CapturedFrame *f = currentFrame();
    if (!f)
        return;
    // {header: {...}, body: {...}} with the keys named, as the trees show them.
    std::vector<std::pair<MpValue, MpValue>> parts;
    parts.emplace_back(MpValue::string(QStringLiteral("header")), IprotoFrameModel::withKeyNames(f->decodedHeader()));
    parts.emplace_back(MpValue::string(QStringLiteral("body")), m_shownBody);
    const MpValue frame = MpValue::map(std::move(parts));
    m_yaml->setPlainText(MpFormat::yamlDocument({ frame }));
    m_json->setPlainText(MpFormat::toJson(frame));
}

} // namespace Boxscope
