#pragma once

#include "client/IprotoCapture.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QLayout;
class QTabWidget;
class QTableView;
class QToolButton;
class QTreeView;

namespace Boxscope {

class CaptureFileActions;
class IprotoFrameFilter;
class IprotoFrameModel;
class StreamBar;
class ValueTreeModel;

/// The IPROTO view: the remote-call connection's traffic frame by frame in both directions —
/// size, header and body as trees with key names, and the raw bytes — with a frame's SYNC
/// linking to its request in the history (syncActivated). The capture is bounded; the view
/// shows how many frames were dropped. AUTH frames carry only the scramble: the password is
/// never on the wire, so never here.
class IprotoView : public QWidget
{
    Q_OBJECT
public:
    explicit IprotoView(IprotoCapture *capture, QWidget *parent = nullptr);

    IprotoFrameModel *frames() const { return m_model; }
    IprotoFrameFilter *filter() const { return m_filter; }
    /// Selects the (filtered) row showing the frame with this sequence number.
    bool selectFrame(quint64 seq);
    /// The frame shown in the detail panes, nullptr when none.
    const CapturedFrame *currentFrame() const;

    QTableView *frameView() const { return m_view; }
    QTreeView *headerTree() const { return m_headerTree; }
    QTreeView *bodyTree() const { return m_bodyTree; }
    ValueTreeModel *headerModel() const { return m_headerModel; }
    ValueTreeModel *bodyModel() const { return m_bodyModel; }
    QPlainTextEdit *rawView() const { return m_raw; }
    QPushButton *goToRequestButton() const { return m_goToRequest; }
    QComboBox *directionBox() const { return m_direction; }
    QLineEdit *syncFilterEdit() const { return m_syncFilter; }
    QLineEdit *typeFilterEdit() const { return m_typeFilter; }
    /// Clear (the stream bar's): hides the frames so far; Restore brings them back.
    QToolButton *clearButton() const;
    StreamBar *streamBar() const { return m_bar; }
    /// request, response, push, event, error (IprotoFrameModel::Category; 0: any).
    QComboBox *categoryBox() const { return m_category; }
    /// "Show Boxscope's own requests" (pings, schema reads, auth, completion).
    QCheckBox *showOwnBox() const { return m_showOwn; }
    QPlainTextEdit *yamlView() const { return m_yaml; }
    QPlainTextEdit *jsonView() const { return m_json; }
    QTabWidget *detailTabs() const { return m_detail; }
    QCheckBox *followBox() const { return m_follow; }
    QLabel *countsLabel() const { return m_counts; }
    QLabel *greetingLabel() const { return m_greeting; }
    QLabel *errorLabel() const { return m_error; }
    /// Export (pcapng, a frame as hex or C array) and Import of capture files.
    CaptureFileActions *fileActions() const { return m_fileActions; }

signals:
    /// "Show the request": the SYNC of the selected frame.
    void syncActivated(quint64 sync);

private:
    void showCurrent();
    void updateCounts();
    // The stream controls: pause, search, newest first, clear and restore, the category
    // filter and the app's own traffic; returns the row they sit in.
    QLayout *setUpStreamControls();
    // The selected frame as YAML and JSON (made when their tab is shown).
    void setUpFrameTexts();
    void updateFrameTexts();

    QPointer<IprotoCapture> m_capture;
    IprotoFrameModel *m_model;
    IprotoFrameFilter *m_filter;
    ValueTreeModel *m_headerModel;
    ValueTreeModel *m_bodyModel;
    QTableView *m_view;
    QTreeView *m_headerTree;
    QTreeView *m_bodyTree;
    QPlainTextEdit *m_raw;
    QPushButton *m_goToRequest;
    QComboBox *m_direction;
    QLineEdit *m_syncFilter;
    QLineEdit *m_typeFilter;
    StreamBar *m_bar = nullptr;
    QComboBox *m_category = nullptr;
    QCheckBox *m_showOwn = nullptr;
    QTabWidget *m_detail = nullptr;
    QPlainTextEdit *m_yaml = nullptr;
    QPlainTextEdit *m_json = nullptr;
    bool m_textsDirty = false;
    MpValue m_shownBody; // the shown frame's body, keys named (decoded once per selection)
    QCheckBox *m_follow;
    QLabel *m_counts;
    QLabel *m_greeting;
    QLabel *m_error;
    quint64 m_shownSeq = 0;
    CaptureFileActions *m_fileActions = nullptr;
};

} // namespace Boxscope
