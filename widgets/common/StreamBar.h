#pragma once

#include "common/LiveStream.h"

#include <QTimer>
#include <QWidget>

#include <vector>

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace Boxscope {

/// The controls of a live list (pushes, frames), as the tools for live streams have them:
///
///   [Pause] [search…] [◀] [▶] 3 of 41  [Newest first] [Clear] [Restore]
///   paused at 12:03:04 — 18 250 new      Δ between #12 and #40: 1 234.5 ms
///
/// Pause freezes the display while collecting goes on; Resume jumps to the newest row. The
/// search (debounced) looks through the rows the filter keeps, in their one-line previews and
/// their bytes, once per query and then only through rows as they come or go. Two selected
/// rows show the time between them. Newest first sorts the filter by the stream's key. Clear
/// hides the rows so far; Restore brings them back until the next Clear.
class StreamBar : public QWidget
{
    Q_OBJECT
public:
    /// The view shows proxy, whose source is stream->streamModel().
    /// With ownStatusRow false the paused line and the Δ label are left for the owner to lay
    /// out (pausedLabel(), deltaLabel()), so the bar takes one row.
    StreamBar(LiveStream *stream, QSortFilterProxyModel *proxy, QTableView *view, const QString &what,
              QWidget *parent = nullptr, bool ownStatusRow = true);
    /// Puts a widget of the owner's (a filter) among the controls, after the search.
    void addControl(QWidget *widget, int stretch = 0);

    /// "1 000 000 received, 100 000 kept, 900 000 dropped" (and ", 500 cleared" when some are).
    static QString totalsText(const LiveStream::Totals &totals);

    bool newestFirst() const;
    void setNewestFirst(bool on);
    /// Scrolls the view to the newest row (the bottom, or the top when newest first).
    void scrollToNewest();

    /// Matches of the current search (their keys, in stream order).
    const std::vector<quint64> &matches() const { return m_matches; }
    /// Runs the search now (typing waits for a pause of 150 ms).
    void searchNow();
    void nextMatch();
    void previousMatch();

    QToolButton *pauseButton() const { return m_pause; }
    QLabel *pausedLabel() const { return m_paused; }
    QLineEdit *searchEdit() const { return m_search; }
    QToolButton *previousButton() const { return m_previous; }
    QToolButton *nextButton() const { return m_next; }
    QLabel *matchLabel() const { return m_matchLabel; }
    QToolButton *newestFirstBox() const { return m_newestFirst; }
    QToolButton *clearButton() const { return m_clear; }
    QToolButton *restoreButton() const { return m_restore; }
    QLabel *deltaLabel() const { return m_delta; }

public slots:
    /// Brings the pause state, the paused line and Restore up to date (after each flush).
    void refresh();

signals:
    /// The display was resumed (the view should follow the newest rows again).
    void resumed();

private:
    void rescan();
    void rowsInserted(int first, int last);
    void rowsAboutToBeRemoved(int first, int last);
    void goTo(quint64 key);
    quint64 currentKey() const;
    void updateMatchLabel();
    void updateDelta();

    LiveStream *m_stream;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QToolButton *m_pause;
    int m_shownPaused = -1; // what the Pause button shows (-1: nothing yet)
    QLabel *m_paused;
    QLineEdit *m_search;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_matchLabel;
    QToolButton *m_newestFirst;
    QToolButton *m_clear;
    QToolButton *m_restore;
    QLabel *m_delta;
    QHBoxLayout *m_controls;
    QTimer m_searchTimer;
    StreamNeedle m_needle;
    std::vector<quint64> m_matches; ///< ascending
};

} // namespace Boxscope
