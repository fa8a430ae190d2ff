// MainWindow's menus, toolbar, theme and zoom: the window's actions, each wired to what a panel
// already does (the connection bar, the remote-call panel's buttons, its export).
#include "AboutDialog.h"
#include "ConnectionWorkspace.h"
#include "MainWindow.h"
#include "ShortcutsDialog.h"

#include "client/Connection.h"
#include "common/Theme.h"
#include "common/ValueView.h"
#include "connection/ConnectionBar.h"
#include "connection/ConnectionProfile.h"
#include "console/LuaConsolePanel.h"
#include "inspector/SocketInspectorPanel.h"
#include "remotecall/PushListModel.h"
#include "remotecall/RemoteCallPanel.h"
#include "remotecall/RequestDetail.h"
#include "remotecall/RequestFile.h"
#include "traffic/IprotoView.h"
#include "vitals/VitalsPanel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>

#include <memory>

namespace Boxscope {

namespace {

// Keeps an action enabled exactly when a widget is (the panel's own buttons decide).
class EnabledMirror : public QObject
{
public:
    EnabledMirror(QAction *action, QWidget *widget)
        : QObject(action)
        , m_action(action)
    {
        setWidget(widget);
    }

    // Another tab's panel: its button decides from now on.
    void setWidget(QWidget *widget)
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
        m_widget = widget;
        widget->installEventFilter(this);
        m_action->setEnabled(widget->isEnabled());
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::EnabledChange)
            m_action->setEnabled(static_cast<QWidget *>(watched)->isEnabled());
        return false;
    }

private:
    QAction *m_action;
    QPointer<QWidget> m_widget;
};

QIcon themedIcon(const char *name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QLatin1String(name), QApplication::style()->standardIcon(fallback));
}

// The application font before any zoom.
const QFont &unzoomedFont()
{
    static const QFont font = QApplication::font();
    return font;
}

QString plainText(const QString &text)
{
    QString t = text;
    return t.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
}

} // namespace

// An action with its status tip (which accessibility tools read as its description) and,
// when given, its shortcuts; the menu item's accessible name is its text.
static QAction *menuAction(QMenu *menu, const QString &name, const QString &text, const QString &statusTip,
                           const QList<QKeySequence> &keys = {})
{
    auto *a = menu->addAction(text);
    a->setObjectName(name);
    a->setStatusTip(statusTip);
    a->setToolTip(plainText(text));
    if (!keys.isEmpty())
        a->setShortcuts(keys);
    return a;
}

void MainWindow::createMenus()
{
    // File
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setAccessibleName(tr("File menu"));
    QAction *a =
            menuAction(file, QStringLiteral("actionNewConnection"), tr("&New connection…"),
                       tr("Open a connection tab and type the URI of a server to connect to"), { QKeySequence::New });
    connect(a, &QAction::triggered, this, [this] {
        openWorkspace(ConnectionProfile());
        connectionBar()->focusUri();
    });
    a = menuAction(file, QStringLiteral("actionCloseConnection"), tr("&Close connection tab"),
                   tr("Disconnect the current connection tab and close it"), { QKeySequence(Qt::CTRL | Qt::Key_W) });
    connect(a, &QAction::triggered, this, [this] { closeWorkspace(indexOfWorkspace(currentWorkspace())); });
    file->addSeparator();
    a = menuAction(file, QStringLiteral("actionOpenRequest"), tr("&Open request…"),
                   tr("Fill the request form from a request file (JSON)"), { QKeySequence::Open });
    connect(a, &QAction::triggered, this, &MainWindow::openRequestFrom);
    a = menuAction(file, QStringLiteral("actionSaveRequest"), tr("&Save request…"),
                   tr("Save the request form (method, target, arguments, options) as a JSON file"),
                   { QKeySequence::Save });
    connect(a, &QAction::triggered, this, &MainWindow::saveRequestAs);
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->setAccessibleName(tr("Export menu"));
    a = menuAction(exportMenu, QStringLiteral("actionExportHistory"), tr("Request &history…"),
                   tr("Write every request of the history with its pushes and result as JSON lines"));
    connect(a, &QAction::triggered, this, &MainWindow::exportHistoryAs);
    a = menuAction(exportMenu, QStringLiteral("actionExportRequest"), tr("Selected &request…"),
                   tr("Write the selected request's pushes and result as JSON lines"));
    connect(a, &QAction::triggered, this, &MainWindow::exportRequestAs);
    file->addSeparator();
    // Ctrl+Q where the platform names no Quit key (Windows, bare X11 without a desktop theme).
    a = menuAction(file, QStringLiteral("actionQuit"), tr("&Quit"), tr("Close the window and quit"),
                   QKeySequence::keyBindings(QKeySequence::Quit).isEmpty()
                           ? QList<QKeySequence> { QKeySequence(Qt::CTRL | Qt::Key_Q) }
                           : QKeySequence::keyBindings(QKeySequence::Quit));
    a->setMenuRole(QAction::QuitRole);
    connect(a, &QAction::triggered, this, &QWidget::close);

    // Edit
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setAccessibleName(tr("Edit menu"));
    a = menuAction(edit, QStringLiteral("actionCopy"), tr("&Copy"), tr("Copy the selected text or table cell"),
                   { QKeySequence::Copy });
    connect(a, &QAction::triggered, this, &MainWindow::copyFocused);
    edit->addSeparator();
    const QString copyTip = tr("Copy the selected request's result (or the selected push, when the push list has "
                               "the focus) as %1");
    a = menuAction(edit, QStringLiteral("actionCopyYaml"), tr("Copy result as &YAML"), copyTip.arg(tr("YAML")));
    connect(a, &QAction::triggered, this, [this] { copyResult(CopyForm::Yaml); });
    a = menuAction(edit, QStringLiteral("actionCopyJson"), tr("Copy result as &JSON"), copyTip.arg(tr("JSON")),
                   { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C) });
    connect(a, &QAction::triggered, this, [this] { copyResult(CopyForm::Json); });
    a = menuAction(edit, QStringLiteral("actionCopyLua"), tr("Copy result as &Lua"), copyTip.arg(tr("a Lua literal")));
    connect(a, &QAction::triggered, this, [this] { copyResult(CopyForm::Lua); });

    // View
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setAccessibleName(tr("View menu"));
    const struct
    {
        QWidget *panel;
        const char *name;
        QString text;
    } panels[] = {
        { remoteCallPanel(), "actionShowRemoteCall", tr("&Remote call") },
        { m_luaConsole, "actionShowLuaConsole", tr("Lua &console") },
        { m_sockets, "actionShowSockets", tr("&Sockets") },
        { iprotoView(), "actionShowTraffic", tr("IPROTO &traffic") },
        { vitalsPanel(), "actionShowVitals", tr("Server &vitals") },
    };
    for (const auto &p : panels) {
        a = menuAction(view, QLatin1String(p.name), p.text, tr("Show or hide the %1 panel").arg(plainText(p.text)));
        a->setCheckable(true);
        a->setChecked(true);
        // By place: the remote-call, traffic and vitals places show the current tab's panels.
        const int place = int(m_panels.size());
        connect(a, &QAction::triggered, this, [this, place](bool on) { setPanelVisible(m_panels.at(place), on); });
        m_panels << p.panel;
    }
    view->addSeparator();
    QAction *logAction = m_logDock->toggleViewAction();
    logAction->setObjectName(QStringLiteral("actionShowLog"));
    logAction->setText(tr("&Log"));
    logAction->setStatusTip(tr("Show or hide the log"));
    view->addAction(logAction);
    QAction *barAction = findChild<QToolBar *>(QStringLiteral("ConnectionToolBar"))->toggleViewAction();
    barAction->setObjectName(QStringLiteral("actionShowConnectionBar"));
    barAction->setText(tr("Connection &bar"));
    barAction->setStatusTip(tr("Show or hide the connection bar"));
    view->addAction(barAction);
    view->addSeparator();

    QMenu *theme = view->addMenu(tr("T&heme"));
    theme->setAccessibleName(tr("Theme menu"));
    m_themeGroup = new QActionGroup(this);
    m_themeGroup->setExclusive(true);
    const struct
    {
        Theme::Mode mode;
        const char *name;
        QString text;
        QString tip;
    } themes[] = {
        { Theme::Mode::System, "actionThemeSystem", tr("&System"), tr("Follow the desktop's colours") },
        { Theme::Mode::Light, "actionThemeLight", tr("&Light"), tr("Light colours (Fusion)") },
        { Theme::Mode::Dark, "actionThemeDark", tr("&Dark"), tr("Dark colours (Fusion)") },
    };
    for (const auto &t : themes) {
        a = menuAction(theme, QLatin1String(t.name), t.text, t.tip);
        a->setCheckable(true);
        a->setData(int(t.mode));
        m_themeGroup->addAction(a);
        const Theme::Mode mode = t.mode;
        connect(a, &QAction::triggered, this, [this, mode] { setTheme(mode); });
    }
    a = menuAction(view, QStringLiteral("actionZoomIn"), tr("Zoom &in"), tr("Larger text"),
                   { QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    connect(a, &QAction::triggered, this, [this] { setZoomStep(m_zoomStep + 1); });
    a = menuAction(view, QStringLiteral("actionZoomOut"), tr("Zoom &out"), tr("Smaller text"),
                   { QKeySequence::ZoomOut });
    connect(a, &QAction::triggered, this, [this] { setZoomStep(m_zoomStep - 1); });
    a = menuAction(view, QStringLiteral("actionZoomReset"), tr("&Reset zoom"), tr("Text in the desktop's size"),
                   { QKeySequence(Qt::CTRL | Qt::Key_0) });
    connect(a, &QAction::triggered, this, [this] { setZoomStep(0); });

    // Connection: what the connection bar does.
    QMenu *conn = menuBar()->addMenu(tr("&Connection"));
    conn->setAccessibleName(tr("Connection menu"));
    a = menuAction(conn, QStringLiteral("actionConnections"), tr("Saved c&onnections…"),
                   tr("Saved connections: name, URI, user, colour tag, read-only; passwords in the keychain"),
                   { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O) });
    connect(a, &QAction::triggered, this, &MainWindow::showConnectionsDialog);
    conn->addSeparator();
    m_connectAction = menuAction(conn, QStringLiteral("actionConnect"), tr("&Connect"),
                                 tr("Connect to the URI in the connection bar"),
                                 { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N) });
    m_connectAction->setIcon(themedIcon("network-connect", QStyle::SP_DialogYesButton));
    connect(m_connectAction, &QAction::triggered, this, [this] { connectionBar()->connectNow(); });
    m_disconnectAction = menuAction(conn, QStringLiteral("actionDisconnect"), tr("&Disconnect"),
                                    tr("Close the connection (and stop reconnecting)"),
                                    { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D) });
    m_disconnectAction->setIcon(themedIcon("network-disconnect", QStyle::SP_DialogNoButton));
    connect(m_disconnectAction, &QAction::triggered, this, [this] { connection()->disconnectFromServer(); });
    m_reconnectAction = menuAction(conn, QStringLiteral("actionReconnect"), tr("&Reconnect automatically"),
                                   tr("When the connection is lost, try again until it is back"));
    m_reconnectAction->setCheckable(true);
    connect(m_reconnectAction, &QAction::triggered, this,
            [this](bool on) { connectionBar()->reconnectCheckBox()->setChecked(on); });
    m_pingAction = menuAction(conn, QStringLiteral("actionPing"), tr("&Ping"),
                              tr("Ping the server now; the round-trip time shows in the connection bar"),
                              { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P) });
    connect(m_pingAction, &QAction::triggered, this, [this] { connectionBar()->ping(); });
}

void MainWindow::bindCurrentActions()
{
    // Called by bindCurrent(), which keeps m_currentLinks: they go when another tab is current.
    Connection *c = connection();
    QCheckBox *reconnectBox = connectionBar()->reconnectCheckBox();
    m_reconnectAction->setChecked(reconnectBox->isChecked());
    m_currentLinks << connect(reconnectBox, &QCheckBox::toggled, m_reconnectAction, &QAction::setChecked);
    m_currentLinks << connect(c, &Connection::reconnectAfterChanged, m_reconnectAction,
                              [this](double seconds) { m_reconnectAction->setChecked(seconds > 0); });
    m_currentLinks << connect(c, &Connection::stateChanged, this, &MainWindow::updateConnectionActions);
    m_currentLinks << connect(c, &Connection::reconnectScheduled, this, &MainWindow::updateConnectionActions);
    m_currentLinks << connect(c, &Connection::disconnected, this, &MainWindow::updateConnectionActions);
    updateConnectionActions();
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setAccessibleName(tr("Help menu"));
    QAction *a = menuAction(help, QStringLiteral("actionShortcuts"), tr("&Keyboard shortcuts"),
                            tr("List every keyboard shortcut of the window"), { QKeySequence::HelpContents });
    connect(a, &QAction::triggered, this, &MainWindow::showShortcuts);
    help->addSeparator();
    a = menuAction(help, QStringLiteral("actionAbout"), tr("&About Boxscope"),
                   tr("Versions of Boxscope, its libraries and the connected server"));
    a->setMenuRole(QAction::AboutRole);
    connect(a, &QAction::triggered, this, &MainWindow::showAbout);
    a = menuAction(help, QStringLiteral("actionAboutQt"), tr("About &Qt"), tr("The Qt version and licence"));
    a->setMenuRole(QAction::AboutQtRole);
    connect(a, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    m_toolBar = new QToolBar(tr("Main toolbar"), this);
    m_toolBar->setObjectName(QStringLiteral("MainToolBar"));
    m_toolBar->setAccessibleName(tr("Main toolbar"));
    // Icons down the left edge (the names in tooltips): the connection bar needs the whole
    // width, and a 1366x768 screen has no height to spare for another row.
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    addToolBar(Qt::LeftToolBarArea, m_toolBar);

    m_toolBar->addAction(m_connectAction);
    m_toolBar->addAction(m_disconnectAction);
    m_toolBar->addSeparator();

    // The current tab's remote-call panel's buttons, as actions: enabled when the button is.
    using ButtonOf = QPushButton *(RemoteCallPanel::*)() const;
    const auto buttonAction = [this](const char *name, const QString &text, const QString &tip, QIcon icon,
                                     ButtonOf buttonOf) {
        auto *a = new QAction(icon, text, this);
        a->setObjectName(QLatin1String(name));
        a->setStatusTip(tip);
        a->setToolTip(tip);
        auto *mirror = new EnabledMirror(a, (remoteCallPanel()->*buttonOf)());
        connect(this, &MainWindow::currentWorkspaceChanged, mirror,
                [this, mirror, buttonOf] { mirror->setWidget((remoteCallPanel()->*buttonOf)()); });
        connect(a, &QAction::triggered, this, [this, buttonOf] {
            m_tabs->setCurrentWidget(remoteCallPanel());
            (remoteCallPanel()->*buttonOf)()->click();
        });
        m_toolBar->addAction(a);
        return a;
    };
    buttonAction("actionSend", tr("Send"), tr("Send the request the form describes (Ctrl+Enter in the form)"),
                 themedIcon("mail-send", QStyle::SP_ArrowRight), &RemoteCallPanel::sendButton);
    buttonAction("actionRerun", tr("Re-run"), tr("Send the selected history request again"),
                 themedIcon("view-refresh", QStyle::SP_BrowserReload), &RemoteCallPanel::rerunButton);
    buttonAction("actionDiscard", tr("Discard"), tr("Discard the selected pending request (its answer is ignored)"),
                 themedIcon("process-stop", QStyle::SP_BrowserStop), &RemoteCallPanel::discardButton);
    m_toolBar->addSeparator();
    auto *pause = new QAction(themedIcon("media-playback-pause", QStyle::SP_MediaPause), tr("Pause pushes"), this);
    pause->setObjectName(QStringLiteral("actionPausePushes"));
    pause->setCheckable(true);
    pause->setStatusTip(tr("Freeze the push list (the counts go on; pushes are still received and kept)"));
    pause->setToolTip(pause->statusTip());
    connect(pause, &QAction::toggled, this, [this](bool on) { remoteCallPanel()->detail()->pushes()->setPaused(on); });
    // The push list's own Pause button and this action show the same state (the current tab's).
    auto followPushes = [this, pause, link = std::make_shared<QMetaObject::Connection>()] {
        disconnect(*link);
        PushListModel *pushes = remoteCallPanel()->detail()->pushes();
        *link = connect(pushes, &PushListModel::pausedChanged, pause, &QAction::setChecked);
        const QSignalBlocker quiet(pause);
        pause->setChecked(pushes->isPaused());
    };
    followPushes();
    connect(this, &MainWindow::currentWorkspaceChanged, pause, followPushes);
    m_toolBar->addAction(pause);

    // A screen reader names each button by its action.
    for (QAction *a : m_toolBar->actions())
        if (QWidget *button = m_toolBar->widgetForAction(a); button && !a->isSeparator())
            button->setAccessibleName(plainText(a->text()));

    QAction *show = m_toolBar->toggleViewAction();
    show->setObjectName(QStringLiteral("actionShowToolBar"));
    show->setText(tr("&Toolbar"));
    show->setStatusTip(tr("Show or hide the toolbar"));
    // View: after the connection bar's entry.
    for (QAction *menu : menuBar()->actions()) {
        if (menu->menu() && menu->menu()->accessibleName() == tr("View menu")) {
            QAction *bar = findChild<QAction *>(QStringLiteral("actionShowConnectionBar"));
            const QList<QAction *> items = menu->menu()->actions();
            const int at = int(items.indexOf(bar));
            menu->menu()->insertAction(at >= 0 && at + 1 < items.size() ? items.at(at + 1) : nullptr, show);
        }
    }
}

void MainWindow::updateConnectionActions()
{
    const Connection *c = connection();
    const bool idle = c->state() == Connection::State::Disconnected && !c->isReconnectScheduled();
    m_connectAction->setEnabled(idle);
    m_disconnectAction->setEnabled(!idle);
    m_pingAction->setEnabled(c->isReady());
}

void MainWindow::setPanelVisible(QWidget *panel, bool visible)
{
    const int index = m_tabs->indexOf(panel);
    if (index < 0)
        return;
    m_tabs->setTabVisible(index, visible);
    if (visible)
        m_tabs->setCurrentIndex(index);
    const QString name = panel == remoteCallPanel() ? QStringLiteral("actionShowRemoteCall")
            : panel == m_luaConsole                 ? QStringLiteral("actionShowLuaConsole")
            : panel == m_sockets                    ? QStringLiteral("actionShowSockets")
            : panel == vitalsPanel()                ? QStringLiteral("actionShowVitals")
                                                    : QStringLiteral("actionShowTraffic");
    if (QAction *a = findChild<QAction *>(name))
        a->setChecked(visible);
}

void MainWindow::setTheme(Theme::Mode mode)
{
    if (Theme::mode() != mode)
        Theme::apply(mode);
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toInt() == int(mode));
    QSettings().setValue(QStringLiteral("view/theme"), Theme::modeKey(mode));
}

void MainWindow::setZoomStep(int step)
{
    step = std::clamp(step, kMinZoomStep, kMaxZoomStep);
    m_zoomStep = step;
    QFont font = unzoomedFont();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * (1.0 + 0.1 * step));
    else
        font.setPixelSize(qMax(6, qRound(font.pixelSize() * (1.0 + 0.1 * step))));
    if (QApplication::font() != font)
        QApplication::setFont(font);
    findChild<QAction *>(QStringLiteral("actionZoomIn"))->setEnabled(step < kMaxZoomStep);
    findChild<QAction *>(QStringLiteral("actionZoomOut"))->setEnabled(step > kMinZoomStep);
    QSettings().setValue(QStringLiteral("view/zoom"), step);
}

bool MainWindow::saveRequest(const QString &path, QString *error)
{
    QString why;
    if (RequestFile::save(path, remoteCallPanel()->form()->texts(), &why)) {
        log(LogLevel::Info, tr("Saved the request to %1").arg(path));
        return true;
    }
    if (error)
        *error = tr("Could not save the request to %1: %2").arg(path, why);
    return false;
}

bool MainWindow::openRequest(const QString &path, QString *error)
{
    RequestForm::Texts texts;
    QString why;
    if (!RequestFile::load(path, &texts, &why)) {
        if (error)
            *error = tr("Could not open %1: %2").arg(path, why);
        return false;
    }
    remoteCallPanel()->form()->setTexts(texts);
    setPanelVisible(remoteCallPanel(), true);
    log(LogLevel::Info, tr("Opened the request %1").arg(path));
    return true;
}

void MainWindow::openRequestFrom()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open request"), QString(),
                                                      tr("Boxscope requests (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openRequest(path, &error))
        QMessageBox::warning(this, tr("Open request"), error);
}

void MainWindow::saveRequestAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save request"), QStringLiteral("request.json"),
                                                tr("Boxscope requests (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !saveRequest(path, &error))
        QMessageBox::warning(this, tr("Save request"), error);
}

void MainWindow::exportHistoryAs()
{
    const QString path =
            QFileDialog::getSaveFileName(this, tr("Export the request history"), QStringLiteral("history.jsonl"));
    QString error;
    if (!path.isEmpty() && !remoteCallPanel()->exportHistory(path, &error))
        QMessageBox::warning(this, tr("Export"), tr("Could not write %1: %2").arg(path, error));
}

void MainWindow::exportRequestAs()
{
    Request *r = remoteCallPanel()->currentRequest();
    if (!r) {
        statusBar()->showMessage(tr("No request is selected"), 5000);
        return;
    }
    QString error;
    if (!remoteCallPanel()->exportRequestWithDialog(r, &error) && !error.isEmpty())
        QMessageBox::warning(this, tr("Export"), error);
}

bool MainWindow::copyResult(CopyForm form)
{
    RequestDetail *detail = remoteCallPanel()->detail();
    const auto text = [form](ValueView *v) {
        switch (form) {
        case CopyForm::Yaml: return v->yamlText();
        case CopyForm::Json: return v->jsonText();
        case CopyForm::Lua: return v->luaText();
        }
        return QString();
    };
    QWidget *focus = QApplication::focusWidget();
    const bool pushFocused = focus
            && (focus == detail->pushView() || detail->pushView()->isAncestorOf(focus)
                || detail->pushDetail()->isAncestorOf(focus));
    QString copied;
    QString what;
    if (pushFocused) {
        copied = text(detail->pushDetail());
        what = detail->pushDetail()->title();
    }
    if (copied.isEmpty()) {
        copied = text(detail->resultView());
        what = detail->resultView()->title();
    }
    if (copied.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to copy: the selected request has no result yet"), 5000);
        return false;
    }
    QApplication::clipboard()->setText(copied);
    statusBar()->showMessage(tr("Copied %1 (%2 characters)").arg(what).arg(copied.size()), 5000);
    return true;
}

void MainWindow::copyFocused()
{
    // Text widgets handle Ctrl+C themselves; this serves the menu and item views.
    QWidget *focus = QApplication::focusWidget();
    if (auto *e = qobject_cast<QLineEdit *>(focus))
        e->copy();
    else if (auto *p = qobject_cast<QPlainTextEdit *>(focus))
        p->copy();
    else if (auto *t = qobject_cast<QTextEdit *>(focus))
        t->copy();
    else if (auto *l = qobject_cast<QLabel *>(focus); l && l->hasSelectedText())
        QApplication::clipboard()->setText(l->selectedText());
    else if (auto *v = qobject_cast<QAbstractItemView *>(focus)) {
        // A view that knows how to copy its selection (the result grid: cells as TSV) does it.
        for (QAction *a : v->actions()) {
            if (a->objectName() == QLatin1String("copySelection")) {
                a->trigger();
                return;
            }
        }
        if (v->currentIndex().isValid())
            QApplication::clipboard()->setText(v->currentIndex().data().toString());
    }
}

QString MainWindow::aboutText() const
{
    return AboutDialog::text(connection());
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(connection(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace Boxscope
