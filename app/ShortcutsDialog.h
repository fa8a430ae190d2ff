#pragma once

#include <QDialog>

class QMainWindow;
class QTreeWidget;

namespace Boxscope {

/// Help > Keyboard shortcuts: every shortcut of a window, read from its actions (menu by menu,
/// then the toolbars' and the window's own) and its QShortcuts that say what they do (their
/// whatsThis), so the list is what the window does.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow *window);

    /// "Where › What", "keys" rows, in the order the dialog lists them.
    static QList<QPair<QString, QString>> shortcuts(QMainWindow *window);
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list;
};

} // namespace Boxscope
