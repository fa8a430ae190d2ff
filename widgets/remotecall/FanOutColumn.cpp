#include "remotecall/FanOutColumn.h"

#include "client/FanOut.h"
#include "client/Request.h"
#include "common/Tables.h"
#include "common/ValueView.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RequestHistoryModel.h"

#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

QString ms(qint64 ns)
{
    return QLocale().toString(double(ns) / 1e6, 'f', 1);
}

} // namespace

FanOutColumn::FanOutColumn(FanOut *fanOut, int instance, QWidget *parent)
    : QWidget(parent)
    , m_fanOut(fanOut)
    , m_instance(instance)
{
    const QString name = fanOut->instance(instance);
    setAccessibleName(tr("Instance %1").arg(name));
    m_title = new QLabel(name, this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setAccessibleName(tr("Instance"));
    m_title->setAccessibleDescription(name);
    m_timing = new QLabel(this);
    m_timing->setAccessibleName(tr("Timing of %1").arg(name));
    m_timing->setWordWrap(true);
    m_timing->setToolTip(tr("Sent: since the fan-out started; first push and finished: since the request was sent"));
    m_pushCount = new QLabel(this);
    m_pushCount->setAccessibleName(tr("Push count of %1").arg(name));

    m_pushes = new PushListModel(this);
    m_pushes->setCap(kPushRows);
    m_pushView = makeTable(m_pushes, this, tr("Pushes from %1").arg(name));
    m_pushView->setColumnWidth(PushListModel::IndexColumn, 50);
    m_pushView->setColumnWidth(PushListModel::TimeColumn, 80);
    m_pushView->setColumnWidth(PushListModel::DeltaColumn, 60);
    m_result = new ValueView(tr("Result from %1").arg(name), this);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *pushPane = new QWidget(split);
    auto *pl = new QVBoxLayout(pushPane);
    pl->setContentsMargins(0, 0, 0, 0);
    pl->addWidget(m_pushCount);
    pl->addWidget(m_pushView, 1);
    split->addWidget(pushPane);
    split->addWidget(m_result);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_timing);
    layout->addWidget(split, 1);

    m_pushes->setRequest(fanOut->request(instance));
    // Timing and counts follow the list's batched flushes, never each push.
    connect(m_pushes, &PushListModel::countsChanged, this, [this](quint64 total, quint64 dropped) {
        m_pushCount->setText(
                dropped > 0
                        ? tr("Pushes: %1 (%2 not listed)").arg(QLocale().toString(total), QLocale().toString(dropped))
                        : tr("Pushes: %1").arg(QLocale().toString(total)));
        updateTiming();
    });
    connect(fanOut, &FanOut::instanceSent, this, [this](int i) {
        if (i == m_instance)
            updateTiming();
    });
    connect(fanOut, &FanOut::instanceFinished, this, [this](int i) {
        if (i != m_instance)
            return;
        m_pushes->flush();
        updateTiming();
        updateResult();
    });
    m_pushCount->setText(tr("Pushes: %1").arg(0));
    updateTiming();
    updateResult();
}

QString FanOutColumn::instance() const
{
    return m_fanOut ? m_fanOut->instance(m_instance) : QString();
}

void FanOutColumn::updateTiming()
{
    if (!m_fanOut)
        return;
    const Request *r = m_fanOut->request(m_instance);
    const qint64 sentAt = m_fanOut->sentAtNs(m_instance);
    QStringList parts;
    parts << (sentAt >= 0 ? tr("sent at +%1 ms").arg(ms(sentAt)) : tr("not sent"));
    if (r && r->firstPushNs() >= 0)
        parts << tr("first push %1 ms").arg(ms(r->firstPushNs()));
    if (r && r->durationNs() >= 0)
        parts << tr("finished %1 ms").arg(ms(r->durationNs()));
    const QString text = parts.join(QStringLiteral(" → "));
    m_timing->setText(text);
    m_timing->setAccessibleDescription(text);
}

void FanOutColumn::updateResult()
{
    if (!m_fanOut)
        return;
    Request *r = m_fanOut->request(m_instance);
    const QString name = m_fanOut->instance(m_instance);
    if (!m_fanOut->isFinished(m_instance)) {
        m_result->setMessage(tr("%1 — waiting for the result").arg(name), tr("# waiting for the result…"));
        return;
    }
    if (r && r->state() == Request::State::Done) {
        const QString title = tr("%1 — result in %2 ms").arg(name, ms(r->durationNs()));
        if (std::shared_ptr<const MpRawArray> raw = r->rawResult()) { // a large select: a page at a time
            m_result->setRawRows(title, raw);
            return;
        }
        m_result->setShared(title, r->sharedResult(), true);
        return;
    }
    const QString state = r ? RequestHistoryModel::stateText(r->state()) : tr("not sent");
    m_result->setError(tr("%1 — %2").arg(name, state), m_fanOut->error(m_instance));
}

} // namespace Boxscope
