#pragma once

#include "lua/LuaLiteral.h"

#include <QPlainTextEdit>

class QLabel;

namespace Boxscope {

/// A Lua literal editor checked as you type: the text is parsed on every change (it takes
/// microseconds), and a syntax error is shown inline with its line and column, the line
/// marked in the editor.
class LuaArgumentEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    enum class Mode { Values, SingleValue };

    explicit LuaArgumentEdit(QWidget *parent = nullptr);

    void setMode(Mode mode);
    /// Empty text is valid and means "no values".
    bool isValid() const { return m_result.ok || isBlank(); }
    bool isBlank() const;
    /// The parsed values (Values mode) or the single value wrapped in a vector.
    std::vector<MpValue> values() const;
    QString errorText() const { return isValid() ? QString() : m_result.error; }
    int errorLine() const { return m_result.line; }
    int errorColumn() const { return m_result.column; }
    /// The label below the editor that shows the state; the owner places it.
    QLabel *statusLabel() const { return m_status; }
    /// The status label shows only while it has something to say and this allows it.
    void setStatusAllowed(bool allowed);

    QSize sizeHint() const override;

signals:
    void validityChanged(bool valid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void check();
    bool m_inCheck = false;

    Mode m_mode = Mode::Values;
    LuaLiteral::ParseResult m_result;
    QLabel *m_status;
    bool m_statusAllowed = true;
    bool m_lastValid = true;
};

} // namespace Boxscope
