#include "common/StreamBar.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Boxscope {

StreamBar::StreamBar(LiveStream *stream, QSortFilterProxyModel *proxy, QTableView *view, const QString &what,
                     QWidget *parent, bool ownStatusRow)
    : QWidget(parent)
    , m_stream(stream)
    , m_proxy(proxy)
    , m_view(view)
{
    m_pause = new QToolButton(this);
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pause->setToolButtonStyle(Qt::ToolButtonIconOnly); // compact: the name is in the tooltip
    m_pause->setAccessibleName(tr("%1: pause the display").arg(what));
    m_pause->setToolTip(tr("Pause: freeze the list; receiving goes on"));
    m_paused = new QLabel(this);
    m_paused->setAccessibleName(tr("%1: paused").arg(what));
    m_paused->hide();
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search text or hex bytes"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("%1: search").arg(what));
    m_search->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 8);
    m_previous = new QToolButton(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAccessibleName(tr("%1: previous match").arg(what));
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next = new QToolButton(this);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAccessibleName(tr("%1: next match").arg(what));
    m_next->setToolTip(tr("Next match (Enter)"));
    m_matchLabel = new QLabel(this);
    m_matchLabel->setAccessibleName(tr("%1: matches").arg(what));
    m_newestFirst = new QToolButton(this);
    m_newestFirst->setCheckable(true);
    m_newestFirst->setText(tr("Newest first"));
    m_newestFirst->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    m_newestFirst->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_newestFirst->setToolTip(tr("Newest first"));
    m_newestFirst->setAccessibleName(tr("%1: newest first").arg(what));
    m_clear = new QToolButton(this);
    m_clear->setText(tr("Clear"));
    m_clear->setAccessibleName(tr("%1: clear").arg(what));
    m_clear->setToolTip(tr("Hide the rows received so far (Restore brings them back)"));
    m_restore = new QToolButton(this);
    m_restore->setText(tr("Restore"));
    m_restore->setAccessibleName(tr("%1: restore the cleared rows").arg(what));
    m_delta = new QLabel(this);
    m_delta->setAccessibleName(tr("%1: time between the selected rows").arg(what));
    m_delta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_delta->hide();

    auto *controls = new QHBoxLayout;
    m_controls = controls;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_pause);
    controls->addWidget(m_search, 1);
    controls->addWidget(m_previous);
    controls->addWidget(m_next);
    controls->addWidget(m_matchLabel);
    controls->addWidget(m_newestFirst);
    controls->addWidget(m_clear);
    controls->addWidget(m_restore);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    if (ownStatusRow) {
        auto *status = new QHBoxLayout;
        status->setContentsMargins(0, 0, 0, 0);
        status->addWidget(m_paused);
        status->addWidget(m_delta);
        status->addStretch(1);
        layout->addLayout(status);
    }

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(150);
    connect(&m_searchTimer, &QTimer::timeout, this, &StreamBar::searchNow);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_searchTimer.isActive())
            searchNow();
        nextMatch();
    });
    connect(m_next, &QToolButton::clicked, this, &StreamBar::nextMatch);
    connect(m_previous, &QToolButton::clicked, this, &StreamBar::previousMatch);
    connect(m_pause, &QToolButton::toggled, this, [this](bool on) {
        if (on == m_stream->isPaused())
            return;
        m_stream->setPaused(on);
        refresh();
        if (!on)
            emit resumed();
    });
    connect(m_newestFirst, &QToolButton::toggled, this, &StreamBar::setNewestFirst);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        m_stream->clearRows();
        refresh();
    });
    connect(m_restore, &QToolButton::clicked, this, [this] {
        m_stream->restoreRows();
        refresh();
        scrollToNewest();
    });

    // The search follows the rows the filter keeps as they come and go.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { rowsInserted(first, last); });
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { rowsAboutToBeRemoved(first, last); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &StreamBar::rescan);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StreamBar::updateDelta);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &StreamBar::updateMatchLabel);
    refresh();
    updateMatchLabel();
}

void StreamBar::addControl(QWidget *widget, int stretch)
{
    m_controls->insertWidget(m_controls->indexOf(m_matchLabel) + 1, widget, stretch);
}

QString StreamBar::totalsText(const LiveStream::Totals &t)
{
    const QLocale l;
    QString text = tr("%1 received, %2 kept, %3 dropped")
                           .arg(l.toString(t.received), l.toString(t.kept), l.toString(t.dropped));
    if (t.cleared > 0)
        text += tr(", %1 cleared").arg(l.toString(t.cleared));
    return text;
}

void StreamBar::refresh()
{
    const bool paused = m_stream->isPaused();
    if (m_pause->isChecked() != paused) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
    }
    // Called on every batch of a flood: the icon only when the state changes (a style icon
    // costs a lookup and a pixmap each time).
    if (m_shownPaused != int(paused)) {
        m_shownPaused = int(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    }
    if (paused) {
        const QString text = tr("paused at %1 — %2 new")
                                     .arg(QDateTime::fromMSecsSinceEpoch(m_stream->pausedAtMs())
                                                  .toString(QStringLiteral("HH:mm:ss")),
                                          QLocale().toString(m_stream->totals().pending));
        m_paused->setText(text);
        m_paused->setAccessibleDescription(text);
    }
    m_paused->setVisible(paused);
    m_restore->setEnabled(m_stream->canRestore());
}

bool StreamBar::newestFirst() const
{
    return m_newestFirst->isChecked();
}

void StreamBar::setNewestFirst(bool on)
{
    if (m_newestFirst->isChecked() != on) {
        m_newestFirst->setChecked(on); // comes back here through toggled()
        return;
    }
    m_proxy->setSortRole(LiveStream::KeyRole);
    if (on)
        m_proxy->sort(0, Qt::DescendingOrder);
    else
        m_proxy->sort(-1); // the source's own order, nothing to sort
    scrollToNewest();
    updateMatchLabel();
}

void StreamBar::scrollToNewest()
{
    if (newestFirst())
        m_view->scrollToTop();
    else
        m_view->scrollToBottom();
}

void StreamBar::searchNow()
{
    m_searchTimer.stop();
    m_needle = StreamNeedle::fromQuery(m_search->text());
    rescan();
}

void StreamBar::rescan()
{
    m_matches.clear();
    if (!m_needle.isEmpty()) {
        const int rows = m_proxy->rowCount();
        for (int r = 0; r < rows; ++r) {
            const int source = m_proxy->mapToSource(m_proxy->index(r, 0)).row();
            if (m_stream->rowMatches(source, m_needle))
                m_matches.push_back(m_stream->keyAt(source));
        }
        std::sort(m_matches.begin(), m_matches.end());
    }
    updateMatchLabel();
}

void StreamBar::rowsInserted(int first, int last)
{
    if (m_needle.isEmpty())
        return;
    std::vector<quint64> found;
    for (int r = first; r <= last; ++r) {
        const int source = m_proxy->mapToSource(m_proxy->index(r, 0)).row();
        if (m_stream->rowMatches(source, m_needle))
            found.push_back(m_stream->keyAt(source));
    }
    if (found.empty())
        return;
    std::sort(found.begin(), found.end());
    const size_t middle = m_matches.size();
    m_matches.insert(m_matches.end(), found.begin(), found.end());
    // New rows are mostly the newest: the merge is then a no-op.
    std::inplace_merge(m_matches.begin(), m_matches.begin() + qsizetype(middle), m_matches.end());
    m_matches.erase(std::unique(m_matches.begin(), m_matches.end()), m_matches.end());
    updateMatchLabel();
}

void StreamBar::rowsAboutToBeRemoved(int first, int last)
{
    if (m_matches.empty())
        return;
    std::vector<quint64> gone;
    gone.reserve(size_t(last - first + 1));
    for (int r = first; r <= last; ++r)
        gone.push_back(m_proxy->index(r, 0).data(LiveStream::KeyRole).toULongLong());
    std::sort(gone.begin(), gone.end());
    // One pass, however many rows go at once (a flood's oldest rows at each flush).
    m_matches.erase(std::remove_if(m_matches.begin(), m_matches.end(),
                                   [&gone](quint64 k) { return std::binary_search(gone.begin(), gone.end(), k); }),
                    m_matches.end());
    QMetaObject::invokeMethod(this, &StreamBar::updateMatchLabel, Qt::QueuedConnection);
}

quint64 StreamBar::currentKey() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(LiveStream::KeyRole).toULongLong() : 0;
}

void StreamBar::nextMatch()
{
    if (m_matches.empty())
        return;
    const quint64 current = currentKey();
    if (!newestFirst()) {
        auto it = std::upper_bound(m_matches.begin(), m_matches.end(), current);
        goTo(it == m_matches.end() ? m_matches.front() : *it);
    } else {
        auto it = std::lower_bound(m_matches.begin(), m_matches.end(), current ? current : ~quint64(0));
        goTo(it == m_matches.begin() ? m_matches.back() : *(it - 1));
    }
}

void StreamBar::previousMatch()
{
    if (m_matches.empty())
        return;
    const quint64 current = currentKey();
    if (newestFirst()) {
        auto it = std::upper_bound(m_matches.begin(), m_matches.end(), current);
        goTo(it == m_matches.end() ? m_matches.front() : *it);
    } else {
        auto it = std::lower_bound(m_matches.begin(), m_matches.end(), current ? current : ~quint64(0));
        goTo(it == m_matches.begin() ? m_matches.back() : *(it - 1));
    }
}

void StreamBar::goTo(quint64 key)
{
    const int source = m_stream->rowOfKey(key);
    if (source < 0)
        return;
    const QModelIndex i = m_proxy->mapFromSource(m_stream->streamModel()->index(source, 0));
    if (!i.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(i);
    updateMatchLabel();
}

void StreamBar::updateMatchLabel()
{
    const bool searching = !m_needle.isEmpty();
    m_previous->setEnabled(!m_matches.empty());
    m_next->setEnabled(!m_matches.empty());
    m_matchLabel->setVisible(searching);
    if (!searching)
        return;
    const QLocale l;
    const qsizetype n = qsizetype(m_matches.size());
    QString text;
    const quint64 current = currentKey();
    const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), current);
    if (n == 0) {
        text = tr("no matches");
    } else if (it != m_matches.end() && *it == current) {
        const qsizetype pos = it - m_matches.begin();
        text = tr("%1 of %2").arg(l.toString(newestFirst() ? n - pos : pos + 1), l.toString(n));
    } else {
        text = tr("%1 matches").arg(l.toString(n));
    }
    m_matchLabel->setText(text);
    m_matchLabel->setAccessibleDescription(text);
}

void StreamBar::updateDelta()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 2) {
        m_delta->hide();
        return;
    }
    int a = m_proxy->mapToSource(rows.at(0)).row();
    int b = m_proxy->mapToSource(rows.at(1)).row();
    if (m_stream->keyAt(a) > m_stream->keyAt(b))
        std::swap(a, b);
    qint64 ta = 0;
    qint64 tb = 0;
    QString text;
    if (!m_stream->timeAt(a, &ta) || !m_stream->timeAt(b, &tb))
        text = tr("Δ between #%1 and #%2: no longer held").arg(m_stream->keyAt(a)).arg(m_stream->keyAt(b));
    else
        text = tr("Δ between #%1 and #%2: %3 ms")
                       .arg(m_stream->keyAt(a))
                       .arg(m_stream->keyAt(b))
                       .arg(QLocale().toString(double(tb - ta) / 1e6, 'f', 1));
    m_delta->setText(text);
    m_delta->setAccessibleDescription(text);
    m_delta->show();
}

} // namespace Boxscope
