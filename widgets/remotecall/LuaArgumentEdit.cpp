#include "remotecall/LuaArgumentEdit.h"

#include <QFontDatabase>
#include <QLabel>
#include <QTextBlock>

namespace Boxscope {

LuaArgumentEdit::LuaArgumentEdit(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_status(new QLabel(parent))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
            m_status->setText(
                    QStringLiteral("<span style='color:#c02020'>%1</span>").arg(m_result.error.toHtmlEscaped()));
            if (m_result.line > 0) {
                QTextEdit::ExtraSelection mark;
                mark.cursor = QTextCursor(document()->findBlockByNumber(m_result.line - 1));
                mark.format.setBackground(QColor(255, 220, 220));
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

} // namespace Boxscope
