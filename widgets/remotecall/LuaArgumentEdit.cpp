#include "remotecall/LuaArgumentEdit.h"

#include "common/Fonts.h"
#include "common/Theme.h"

#include <QEvent>
#include <QLabel>
#include <QScopedValueRollback>
#include <QTextBlock>

namespace Boxscope {

LuaArgumentEdit::LuaArgumentEdit(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_status(new QLabel(parent))
{
    setFont(monospaceFont()); // its size follows the application's (View > Zoom)
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextFormat(Qt::PlainText);
    Theme::setTextColor(m_status, Theme::Color::Error);
    connect(this, &QPlainTextEdit::textChanged, this, &LuaArgumentEdit::check);
    check();
}

QSize LuaArgumentEdit::sizeHint() const
{
    const QSize s = QPlainTextEdit::sizeHint();
    return { s.width(), fontMetrics().lineSpacing() * 3 + 12 }; // grows by scrolling
}

void LuaArgumentEdit::setMode(Mode mode)
{
    m_mode = mode;
    check();
}

bool LuaArgumentEdit::isBlank() const
{
    return toPlainText().trimmed().isEmpty();
}

std::vector<MpValue> LuaArgumentEdit::values() const
{
    if (!m_result.ok)
        return {};
    return m_result.values;
}

void LuaArgumentEdit::setStatusAllowed(bool allowed)
{
    m_statusAllowed = allowed;
    m_status->setVisible(m_statusAllowed && !m_status->text().isEmpty());
}

void LuaArgumentEdit::check()
{
    const QScopedValueRollback<bool> guard(m_inCheck, true);
    const QString text = toPlainText();
    QList<QTextEdit::ExtraSelection> marks;
    if (text.trimmed().isEmpty()) {
        m_result = LuaLiteral::ParseResult();
        m_result.ok = true;
        m_status->setText(QString());
    } else {
        m_result = m_mode == Mode::Values ? LuaLiteral::parseValues(text) : LuaLiteral::parse(text);
        if (m_result.ok) {
            m_status->setText(QString());
        } else {
            m_status->setText(m_result.error);
            if (m_result.line > 0) {
                QTextEdit::ExtraSelection mark;
                mark.cursor = QTextCursor(document()->findBlockByNumber(m_result.line - 1));
                mark.format.setBackground(Theme::errorBackground());
                mark.format.setProperty(QTextFormat::FullWidthSelection, true);
                marks << mark;
            }
        }
    }
    setExtraSelections(marks);
    m_status->setAccessibleDescription(m_status->text());
    m_status->setVisible(m_statusAllowed && !m_status->text().isEmpty());
    setAccessibleDescription(isValid() ? QString() : m_result.error);
    if (isValid() != m_lastValid) {
        m_lastValid = isValid();
        emit validityChanged(m_lastValid);
    }
}

void LuaArgumentEdit::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    // The error line's mark takes the new palette's background.
    if (event->type() == QEvent::PaletteChange && !m_inCheck)
        check();
}

} // namespace Boxscope
