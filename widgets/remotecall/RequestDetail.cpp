#include "remotecall/RequestDetail.h"

#include "client/Connection.h"
#include "client/Request.h"
#include "common/StreamBar.h"
#include "common/Tables.h"
#include "common/ValueView.h"
#include "remotecall/PushFilter.h"
#include "remotecall/PushListModel.h"
#include "remotecall/PushRateChart.h"
#include "remotecall/RequestHistoryModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Boxscope {

RequestDetail::RequestDetail(QWidget *parent)
    : QSplitter(Qt::Vertical, parent)
{
    setObjectName(QStringLiteral("RemoteCallDetailSplitter"));
    m_pushes = new PushListModel(this);
    m_pushFilter = new PushFilter(this);
    m_pushFilter->setSourceModel(m_pushes);
    auto *pushPane = new QWidget(this);
    m_pushCount = new QLabel(pushPane);
    m_pushCount->setAccessibleName(tr("Push count"));
    m_pushCount->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // whole in the tooltip
    m_countOnly = new QCheckBox(tr("Count only"), pushPane);
    m_countOnly->setAccessibleName(tr("Count pushes without listing them"));
    m_countOnly->setToolTip(tr("For floods: keep counting, stop listing"));
    m_pushView = makeTable(m_pushFilter, pushPane, tr("Push list"));
    m_pushView->setColumnWidth(PushListModel::IndexColumn, 70);
    m_pushView->setColumnWidth(PushListModel::TimeColumn, 100);
    m_pushView->setColumnWidth(PushListModel::DeltaColumn, 70);
    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(tr("Pushes"), pushPane);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    bar->addWidget(title);
    bar->addWidget(m_pushCount, 1);
    m_pushStatus = bar;
    bar->addWidget(m_countOnly);
    auto *pl = new QVBoxLayout(pushPane);
    pl->setContentsMargins(0, 0, 0, 0);
    pl->addLayout(bar);
    setUpPushStream(pushPane);
    pl->addWidget(m_pushView, 1);

    m_pushDetail = new ValueView(tr("Selected push"), this);
    m_pushChart = new PushRateChart(this);
    // The selected push and the request's push charts share the place beside the list.
    m_pushTabs = new QTabWidget(this);
    m_pushTabs->setAccessibleName(tr("Selected push or push charts"));
    m_pushTabs->setDocumentMode(true);
    m_pushTabs->addTab(m_pushDetail, tr("Push"));
    m_pushTabs->addTab(m_pushChart, tr("Chart"));
    m_pushTabs->setTabToolTip(1, tr("Pushes per second and the gaps between pushes"));
    m_result = new ValueView(tr("Result"), this);
    // The list and the selected push side by side (a push's preview is one short line), the
    // result below: on a small screen the list still shows a dozen rows.
    m_pushSplitter = new QSplitter(Qt::Horizontal, this);
    m_pushSplitter->setObjectName(QStringLiteral("RemoteCallPushSplitter"));
    m_pushSplitter->addWidget(pushPane);
    m_pushSplitter->addWidget(m_pushTabs);
    m_pushSplitter->setStretchFactor(0, 3);
    m_pushSplitter->setStretchFactor(1, 2);
    addWidget(m_pushSplitter);
    addWidget(m_result);
    setStretchFactor(0, 3);
    setStretchFactor(1, 2);

    connect(m_pushes, &PushListModel::countsChanged, this, &RequestDetail::updatePushCount);
    connect(m_pushes, &PushListModel::pausedChanged, m_pushBar, &StreamBar::refresh);
    connect(m_countOnly, &QCheckBox::toggled, m_pushes, &PushListModel::setCountOnly);
    connect(m_pushView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RequestDetail::onPushSelection);
    // Follow the newest push unless the person scrolled up; back at the bottom, follow again.
    QScrollBar *sb = m_pushView->verticalScrollBar();
    connect(sb, &QScrollBar::valueChanged, this,
            [this, sb](int v) { m_followPushes = m_pushBar->newestFirst() ? v <= sb->minimum() : v >= sb->maximum(); });
    connect(m_pushFilter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followPushes)
            m_pushBar->scrollToNewest();
    });
    updatePushCount(0, 0);
}

void RequestDetail::showRequest(Request *request)
{
    if (m_request)
        m_request->disconnect(this);
    m_request = request;
    m_followPushes = true;
    m_pushes->setRequest(request);
    m_pushChart->setRequest(request);
    m_pushDetail->clear();
    updateResult();
    if (request)
        connect(request, &Request::finished, this, &RequestDetail::updateResult);
}

void RequestDetail::updateResult()
{
    Request *r = m_request;
    if (!r) {
        m_result->clear();
        return;
    }
    const QString head = tr("SYNC %1 %2 %3").arg(r->sync()).arg(r->method(), r->target());
    switch (r->state()) {
    case Request::State::Pending:
    case Request::State::ReceivingPushes:
        m_result->setMessage(tr("%1 — waiting for the result").arg(head), tr("# waiting for the result…"));
        break;
    case Request::State::Done: {
        const QString took =
                tr("%1 — result in %2 ms").arg(head, QString::number(double(r->durationNs()) / 1e6, 'f', 2));
        if (std::shared_ptr<const MpRawArray> raw = r->rawResult()) {
            // A large select's rows stay msgpack: the grid decodes the page it shows, the
            // other views make the tree when first looked at.
            const QString title = raw->isEmpty() ? took + tr(" (no values)") : took;
            m_result->setRawRows(title, raw, spaceFieldNames(*r));
            break;
        }
        // The view shares the request's result (no copy); the grid and the tree read it in place.
        std::shared_ptr<const MpValue> data = r->sharedResult();
        const bool whole = r->method() == QLatin1String("execute") || !data->isArray();
        QStringList fieldNames;
        const MpValue *rows = tableRows(*r, *data, &fieldNames);
        QString title = took;
        if (!whole && data->size() == 0)
            title += tr(" (no values)");
        m_result->setShared(title, std::move(data), !whole, rows, fieldNames);
        break;
    }
    case Request::State::Failed:
    case Request::State::TimedOut:
    case Request::State::Discarded:
        m_result->setError(tr("%1 — %2").arg(head, RequestHistoryModel::stateText(r->state())), r->error());
        break;
    }
}

const MpValue *RequestDetail::tableRows(const Request &request, const MpValue &data, QStringList *fieldNames)
{
    using M = RequestSpec::Method;
    const RequestSpec &spec = request.spec();
    const auto allTuples = [](const MpValue &v) {
        return std::all_of(v.items().begin(), v.items().end(), [](const MpValue &t) { return t.isArray(); });
    };
    if (spec.method == M::Execute) {
        // {metadata = {{name =, type =}...}, rows = {...}}: the rows, named by the metadata.
        const MpValue *rows = data.isMap() ? data.find("rows") : nullptr;
        const MpValue *metadata = data.isMap() ? data.find("metadata") : nullptr;
        if (!rows || !rows->isArray() || !allTuples(*rows))
            return nullptr;
        if (metadata && metadata->isArray()) {
            for (const MpValue &column : metadata->items()) {
                const MpValue *name = column.isMap() ? column.find("name") : nullptr;
                *fieldNames << (name && name->isStr() ? name->toQString() : QString());
            }
        }
        return rows;
    }
    if (!data.isArray())
        return nullptr;
    if (RequestSpec::usesSpace(spec.method)) {
        // Tuples of the request's space: its format names the columns.
        if (!allTuples(data))
            return nullptr;
        *fieldNames = spaceFieldNames(request);
        return &data;
    }
    // A call or eval that returned one table of arrays (a select's tuples, rows made in Lua).
    if (data.size() == 1 && data.at(0).isArray() && data.at(0).size() > 0 && allTuples(data.at(0)))
        return &data.at(0);
    return nullptr;
}

QStringList RequestDetail::spaceFieldNames(const Request &request)
{
    const RequestSpec &spec = request.spec();
    if (Connection *c = request.connection()) {
        const Schema &schema = c->schema();
        if (const Schema::Space *space =
                    spec.space.byName ? schema.space(spec.space.name) : schema.space(spec.space.id))
            return space->fieldNames;
    }
    return {};
}

void RequestDetail::updatePushCount(quint64 total, quint64 dropped)
{
    Q_UNUSED(total);
    Q_UNUSED(dropped);
    QString text = StreamBar::totalsText(m_pushes->totals());
    // Kept past the memory budget (PushStore::spillFrom): the oldest are in the spill file.
    if (const Request *r = m_pushes->request(); r && r->pushes().spilledBytes() > 0)
        text += tr(", %1 MiB on disk")
                        .arg(QLocale().toString(double(r->pushes().spilledBytes()) / (1024 * 1024), 'f', 1));
    if (m_countOnly->isChecked())
        text += tr(" (count only)");
    m_pushCount->setText(text);
    m_pushCount->setToolTip(text);
    m_pushBar->refresh();
}

// The search, filter and stream controls over the push list (StreamBar), between its title
// bar and the list.
void RequestDetail::setUpPushStream(QWidget *pushPane)
{
    m_pushBar = new StreamBar(m_pushes, m_pushFilter, m_pushView, tr("Push list"), pushPane, false);
    m_pushView->setSelectionMode(QAbstractItemView::ExtendedSelection); // two rows: the time between them
    m_pushFilterEdit = new QLineEdit(pushPane);
    m_pushFilterEdit->setPlaceholderText(tr("Filter: value text"));
    m_pushFilterEdit->setClearButtonEnabled(true);
    m_pushFilterEdit->setAccessibleName(tr("Push list: filter by value text"));
    auto *filterTimer = new QTimer(this);
    filterTimer->setSingleShot(true);
    filterTimer->setInterval(150); // one filtering per pause in the typing
    connect(m_pushFilterEdit, &QLineEdit::textChanged, filterTimer, qOverload<>(&QTimer::start));
    connect(filterTimer, &QTimer::timeout, this, [this] { m_pushFilter->setText(m_pushFilterEdit->text()); });
    connect(m_pushBar, &StreamBar::resumed, this, [this] {
        m_followPushes = true;
        m_pushBar->scrollToNewest();
    });
    // One row of controls; the paused line and the Δ go beside the counts.
    m_pushBar->addControl(m_pushFilterEdit, 1);
    m_pushStatus->insertWidget(m_pushStatus->indexOf(m_pushCount) + 1, m_pushBar->pausedLabel());
    m_pushStatus->insertWidget(m_pushStatus->indexOf(m_pushCount) + 2, m_pushBar->deltaLabel());
    qobject_cast<QVBoxLayout *>(pushPane->layout())->addWidget(m_pushBar);
}

void RequestDetail::onPushSelection()
{
    const int row = m_pushFilter->mapToSource(m_pushView->selectionModel()->currentIndex()).row();
    MpValue value;
    if (row >= 0 && m_pushes->pushValue(row, &value)) {
        m_pushDetail->setValues(tr("Push #%1").arg(m_pushes->pushIndex(row)), { value });
        m_pushTabs->setCurrentWidget(m_pushDetail);
    } else
        m_pushDetail->clear();
}

void RequestDetail::resizeEvent(QResizeEvent *event)
{
    QSplitter::resizeEvent(event);
    // First start: two thirds of the height for the pushes, two thirds of their width for
    // the list (a dozen rows on a 1366x768 screen); later the person's own sizes stay.
    if (!m_sized && isVisible() && height() > 0) {
        m_sized = true;
        setSizes({ height() * 2 / 3, height() - height() * 2 / 3 });
        const int w = m_pushSplitter->width();
        m_pushSplitter->setSizes({ w * 2 / 3, w - w * 2 / 3 });
    }
}

} // namespace Boxscope
