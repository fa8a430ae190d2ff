#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Boxscope {

class Connection;
class LuaNetBox;
class LuaSandbox;

/// A Lua console with the net.box-compatible API of LuaNetBox, printing like Tarantool's
/// interactive console: each run echoes its input after a `tarantool> ` prompt, then the
/// print() lines, then the returned values (or the error, in red) as a YAML document.
///
/// Enter runs the input when it is a complete chunk (as Tarantool does, `return <input>` is
/// tried first); an incomplete one (Lua's message ends in "<eof>") gets a newline instead.
/// Several lines (pasted) run statement by statement, as Tarantool's console reads them: a
/// chunk ends at the first line that completes it, and an unfinished tail stays in the input.
/// Shift+Enter always inserts a newline. Up on the first line and Down on the last line
/// browse the history, which persists in QSettings (the newest kHistoryCap entries).
/// A chunk that waits never blocks the GUI: the input is read-only until it finishes, and
/// Stop aborts it.
class LuaConsolePanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kHistoryCap = 500;
    static constexpr int kOutputLineCap = 20000;
    /// Pasted text longer than this (lines, characters) runs as one chunk instead of statement by
    /// statement.
    static constexpr int kSplitLineCap = 500;
    static constexpr int kSplitByteCap = 64 * 1024;

    explicit LuaConsolePanel(QWidget *parent = nullptr);
    ~LuaConsolePanel() override;

    /// The connection `box_scope.current()` returns (not owned).
    void setCurrentConnection(Connection *connection);

    /// Runs the input as Enter does; false when it is incomplete, empty or a chunk still runs.
    bool runInput();
    bool isRunning() const;
    /// Aborts the running chunk.
    void stop();

    QPlainTextEdit *inputEdit() const { return m_input; }
    QPlainTextEdit *outputView() const { return m_output; }
    QPushButton *stopButton() const { return m_stop; }
    QStringList history() const { return m_history; }
    LuaNetBox *runtime() const { return m_netbox; }

signals:
    /// A run ended (ok false: it raised an error).
    void chunkFinished(bool ok);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Completeness { Complete, Incomplete, Invalid };
    Completeness check(const QString &code, QString *error = nullptr);
    /// The complete statements of text, as Tarantool's console reads pasted lines; *rest gets
    /// what does not complete one yet.
    QStringList splitStatements(const QString &text, QString *rest);
    bool runNextQueued();
    void appendText(const QString &text, bool error = false);
    void onFinished(bool ok);
    void flushPrinted();
    void setRunning(bool running);
    void addToHistory(const QString &line);
    bool browseHistory(int step);
    void loadHistory();
    void saveHistory() const;

    LuaNetBox *m_netbox;
    std::unique_ptr<LuaSandbox> m_checker; ///< compiles inputs without running them
    QPlainTextEdit *m_input;
    QPlainTextEdit *m_output;
    QPushButton *m_run;
    QPushButton *m_stop;
    QPushButton *m_clear;
    QLabel *m_status;
    QStringList m_history;
    int m_historyPos = 0; ///< == m_history.size(): the draft
    QString m_draft;
    bool m_running = false;
    QStringList m_printed; ///< print() lines not shown yet
    QStringList m_queued;  ///< statements of a pasted text still to run
    QTimer m_printFlush;
};

} // namespace Boxscope
