#include "console/LuaConsolePanel.h"
#include "common/Theme.h"

#include "format/MpFormat.h"
#include "iproto/Uri.h"
#include "lua/LuaNetBox.h"
#include "lua/LuaSandbox.h"
#include "msgpack/MpValue.h"

#include <QFile>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

const QString kHistoryKey = QStringLiteral("luaConsole/history");
const QString kPrompt = QStringLiteral("tarantool> ");
const QString kContinuation = QStringLiteral("         > ");

// Compiles __boxscope_src in text mode without running it.
const char kCheckCode[] = "local f, e = load(__boxscope_src, '=stdin', 't')\n"
                          "__boxscope_src = nil\n"
                          "if f then return true end\n"
                          "return false, tostring(e)\n";

} // namespace

LuaConsolePanel::LuaConsolePanel(QWidget *parent)
    : QWidget(parent)
    , m_netbox(new LuaNetBox(this))
    , m_checker(std::make_unique<LuaSandbox>())
{
    setAccessibleName(tr("Lua console panel"));
    // Only compiles: charged by time (LuaSandbox), 2.5M units are 10 ms of compiling.
    m_checker->setInstructionBudget(2500000);

    m_output = new QPlainTextEdit(this);
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(kOutputLineCap);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setAccessibleName(tr("Lua output"));
    m_output->setAccessibleDescription(tr("What the chunks printed and returned, as Tarantool's console shows it"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_output->setFont(mono);

    m_input = new QPlainTextEdit(this);
    m_input->setAccessibleName(tr("Lua input"));
    m_input->setAccessibleDescription(
            tr("Enter runs a complete chunk, Shift+Enter inserts a newline, Up and Down browse the history"));
    m_input->setPlaceholderText(tr("Lua, e.g. net_box = require('net.box') — Enter runs, Shift+Enter adds a line"));
    m_input->setFont(mono);
    m_input->setTabChangesFocus(true);
    m_input->installEventFilter(this);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setAccessibleName(tr("Run the input"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setAccessibleName(tr("Stop the running chunk"));
    m_stop->setEnabled(false);
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setAccessibleName(tr("Clear the output"));
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Console state"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_status, 1);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_input);
    bottomLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_output);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_run, &QPushButton::clicked, this, [this] { runInput(); });
    connect(m_stop, &QPushButton::clicked, this, &LuaConsolePanel::stop);
    connect(m_clear, &QPushButton::clicked, m_output, &QPlainTextEdit::clear);

    // Chunks run on the runtime's own thread: a runaway never stops the window repainting,
    // and Stop interrupts it.
    m_netbox->setThreaded(true);
    m_netbox->setFormatsYaml(true);
    // print() lines come in batches from the runtime's thread; they are shown together, once
    // per turn of the event loop, so a printing loop costs the window one edit per batch.
    m_printFlush.setSingleShot(true);
    connect(&m_printFlush, &QTimer::timeout, this, &LuaConsolePanel::flushPrinted);
    m_netbox->setOutput([this](const QByteArray &line) {
        if (m_printed.size() >= kOutputLineCap) // older ones would scroll out at once
            m_printed.removeFirst();
        m_printed << MpFormat::bytesAsText(line);
        if (!m_printFlush.isActive())
            m_printFlush.start(0);
    });
    connect(m_netbox, &LuaNetBox::finished, this, &LuaConsolePanel::onFinished);
    if (!m_netbox->isValid())
        appendText(tr("The Lua runtime could not be set up: %1").arg(m_netbox->setupError()), true);

    loadHistory();
    setRunning(false);
}

LuaConsolePanel::~LuaConsolePanel()
{
    // A chunk still waiting must not call back into a half-destroyed panel.
    m_netbox->setOutput({});
    disconnect(m_netbox, nullptr, this, nullptr);
    if (m_netbox->isRunning())
        m_netbox->abort();
}

void LuaConsolePanel::setCurrentConnection(Connection *connection)
{
    m_netbox->setCurrentConnection(connection);
}

bool LuaConsolePanel::isRunning() const
{
    return m_running;
}

LuaConsolePanel::Completeness LuaConsolePanel::check(const QString &code, QString *error)
{
    QString setErr;
    if (!m_checker->isValid() || !m_checker->setGlobal("__boxscope_src", MpValue::string(code.toUtf8()), &setErr)) {
        // Cannot check: let the runtime report whatever is wrong.
        return Completeness::Complete;
    }
    const LuaSandbox::Result r = m_checker->run(kCheckCode, "=check");
    if (!r.ok || r.values.empty())
        return Completeness::Complete;
    if (r.values.at(0).isBool() && r.values.at(0).toBool())
        return Completeness::Complete;
    const QString message = r.values.size() > 1 ? QString::fromUtf8(r.values.at(1).bytes()) : QString();
    if (error)
        *error = message;
    return message.endsWith(QLatin1String("<eof>")) ? Completeness::Incomplete : Completeness::Invalid;
}

QStringList LuaConsolePanel::splitStatements(const QString &text, QString *rest)
{
    // As Tarantool's console reads pasted text: line by line, a chunk ends at the first line
    // that completes it. Past kSplitLineCap lines or kSplitByteCap characters the text is one chunk
    // (checking on the GUI thread grows with the square of a long definition's length).
    QStringList chunks;
    rest->clear();
    const QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() > kSplitLineCap || text.size() > kSplitByteCap) {
        if (check(QStringLiteral("return ") + text) == Completeness::Complete
            || check(text) != Completeness::Incomplete)
            chunks << text;
        else
            *rest = text;
        return chunks;
    }
    QString buffer;
    bool started = false;
    for (const QString &line : lines) {
        buffer = started ? buffer + QLatin1Char('\n') + line : line;
        started = true;
        if (buffer.trimmed().isEmpty()) {
            buffer.clear();
            started = false;
            continue;
        }
        if (check(QStringLiteral("return ") + buffer) == Completeness::Complete
            || check(buffer) != Completeness::Incomplete) {
            chunks << buffer; // complete, or a syntax error the run reports
            buffer.clear();
            started = false;
        }
    }
    if (started)
        *rest = buffer;
    return chunks;
}

bool LuaConsolePanel::runInput()
{
    if (m_running || !m_netbox->isValid())
        return false;
    const QString text = m_input->toPlainText();
    if (text.trimmed().isEmpty())
        return false;
    QString rest;
    const QStringList chunks = splitStatements(text, &rest);
    if (chunks.isEmpty())
        return false; // incomplete: the caller inserts the newline
    // What does not complete a chunk yet stays in the input, on a new line, to be finished.
    m_input->setPlainText(rest.isEmpty() ? rest : rest + QLatin1Char('\n'));
    QTextCursor cursor = m_input->textCursor();
    cursor.movePosition(QTextCursor::End);
    m_input->setTextCursor(cursor);
    m_queued = chunks;
    return runNextQueued();
}

bool LuaConsolePanel::runNextQueued()
{
    if (m_queued.isEmpty())
        return false;
    const QString text = m_queued.takeFirst();
    // As Tarantool's console: an expression is run as `return <input>`, else a statement.
    const QString code =
            check(QStringLiteral("return ") + text) == Completeness::Complete ? QStringLiteral("return ") + text : text;

    // Echo the input with the console's prompts.
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i)
        appendText((i == 0 ? kPrompt : kContinuation) + lines.at(i));

    addToHistory(text);
    setRunning(true);
    // The chunk name is its text, as loadstring() names it in Tarantool: [string "..."]:1:
    QString chunkName = text;
    chunkName.remove(QLatin1Char('\n'));
    if (chunkName.startsWith(QLatin1Char('=')) || chunkName.startsWith(QLatin1Char('@')))
        chunkName.prepend(QLatin1Char(' '));
    if (!m_netbox->start(code.toUtf8(), chunkName)) {
        setRunning(false);
        m_queued.clear();
        appendText(tr("A chunk is still running"), true);
        return false;
    }
    return true;
}

void LuaConsolePanel::stop()
{
    m_queued.clear(); // Stop ends the pasted text's statements still to come too
    if (m_netbox->isRunning())
        m_netbox->abort();
}

void LuaConsolePanel::flushPrinted()
{
    m_printFlush.stop();
    if (m_printed.isEmpty())
        return;
    appendText(m_printed.join(QLatin1Char('\n')));
    m_printed.clear();
}

void LuaConsolePanel::onFinished(bool ok)
{
    flushPrinted();
    const LuaNetBox::Outcome &outcome = m_netbox->lastOutcome();
    QString yaml;
    if (ok) {
        yaml = outcome.yaml; // formatted on the runtime's thread
    } else {
        // Tarantool's console shows an uncaught error as a one-item document: "- error: ...".
        std::vector<std::pair<MpValue, MpValue>> entry;
        entry.emplace_back(MpValue::string("error"), MpValue::string(outcome.error.toUtf8()));
        yaml = MpFormat::yamlDocument({ MpValue::map(std::move(entry)) });
    }
    if (yaml.endsWith(QLatin1Char('\n')))
        yaml.chop(1);
    appendText(yaml, !ok);
    appendText(QString());
    setRunning(false);
    emit chunkFinished(ok);
    // The next statement of a pasted text, after an error too (as Tarantool's console goes on).
    runNextQueued();
}

void LuaConsolePanel::setRunning(bool running)
{
    m_running = running;
    m_input->setReadOnly(running);
    m_run->setEnabled(!running && m_netbox->isValid());
    m_stop->setEnabled(running);
    const QString state = running ? tr("Running… (Stop aborts the chunk)") : tr("Ready");
    m_status->setText(state);
    m_status->setAccessibleDescription(state);
}

namespace {
// Marks the output's error text, whose colour follows the palette.
constexpr int kErrorTextProperty = QTextFormat::UserProperty + 1;
} // namespace

void LuaConsolePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // Error lines already written take the new palette's error colour.
    QTextCharFormat recolored;
    recolored.setForeground(Theme::color(Theme::Color::Error));
    QList<std::pair<int, int>> ranges;
    for (QTextBlock block = m_output->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().boolProperty(kErrorTextProperty))
                ranges.append({ fragment.position(), fragment.position() + fragment.length() });
        }
    }
    QTextCursor cursor(m_output->document());
    for (const auto &[from, to] : ranges) {
        cursor.setPosition(from);
        cursor.setPosition(to, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(recolored);
    }
}

void LuaConsolePanel::appendText(const QString &text, bool error)
{
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QTextCharFormat format;
    if (error) {
        format.setForeground(Theme::color(Theme::Color::Error));
        format.setProperty(kErrorTextProperty, true);
    }
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    const bool empty = m_output->document()->blockCount() == 1 && m_output->document()->firstBlock().text().isEmpty();
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (i > 0 || !empty)
            cursor.insertBlock();
        cursor.insertText(lines.at(i), format);
    }
    cursor.endEditBlock();
    if (atEnd)
        bar->setValue(bar->maximum());
}

void LuaConsolePanel::addToHistory(const QString &line)
{
    // Kept and saved without the secrets a line may spell out ("alice:***@host").
    const QString entry = Uri::redactedText(line);
    if (m_history.isEmpty() || m_history.last() != entry)
        m_history << entry;
    while (m_history.size() > kHistoryCap)
        m_history.removeFirst();
    m_historyPos = int(m_history.size());
    m_draft.clear();
    saveHistory();
}

bool LuaConsolePanel::browseHistory(int step)
{
    const int target = m_historyPos + step;
    if (target < 0 || target > m_history.size())
        return false;
    if (m_historyPos == m_history.size())
        m_draft = m_input->toPlainText();
    m_historyPos = target;
    m_input->setPlainText(target == m_history.size() ? m_draft : m_history.at(target));
    QTextCursor cursor = m_input->textCursor();
    cursor.movePosition(QTextCursor::End);
    m_input->setTextCursor(cursor);
    return true;
}

void LuaConsolePanel::loadHistory()
{
    QSettings settings;
    m_history = settings.value(kHistoryKey).toStringList();
    while (m_history.size() > kHistoryCap)
        m_history.removeFirst();
    m_historyPos = int(m_history.size());
}

void LuaConsolePanel::saveHistory() const
{
    QSettings settings;
    settings.setValue(kHistoryKey, m_history);
    settings.sync();
    // Owner-only, whatever the umask: the history is what the person typed.
    QFile::setPermissions(settings.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

bool LuaConsolePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter) {
            if (m_running)
                return true; // the input waits for the chunk
            if (key->modifiers() & Qt::ShiftModifier) {
                m_input->textCursor().insertText(QStringLiteral("\n"));
                return true;
            }
            if (!runInput() && !m_running && !m_input->toPlainText().trimmed().isEmpty())
                m_input->textCursor().insertText(QStringLiteral("\n"));
            return true;
        }
        if (!m_running && key->modifiers() == Qt::NoModifier) {
            const QTextCursor cursor = m_input->textCursor();
            if (key->key() == Qt::Key_Up && !cursor.block().previous().isValid())
                return browseHistory(-1) || true;
            if (key->key() == Qt::Key_Down && !cursor.block().next().isValid())
                return browseHistory(+1) || true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Boxscope
