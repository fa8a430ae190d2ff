#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Boxscope {

namespace {

QString plain(QString text)
{
    return text.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty() && !texts.contains(k.toString(QKeySequence::NativeText)))
            texts << k.toString(QKeySequence::NativeText);
    return texts.join(QStringLiteral(", "));
}

void collect(QMenu *menu, const QString &path, QSet<QAction *> *seen, QList<QPair<QString, QString>> *rows)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator() || seen->contains(a))
            continue;
        seen->insert(a);
        const QString where = path + QStringLiteral(" › ") + plain(a->text());
        if (a->menu())
            collect(a->menu(), where, seen, rows);
        else if (const QString keys = keysText(a->shortcuts()); !keys.isEmpty())
            rows->append({ where, keys });
    }
}

} // namespace

QList<QPair<QString, QString>> ShortcutsDialog::shortcuts(QMainWindow *window)
{
    QList<QPair<QString, QString>> rows;
    QSet<QAction *> seen;
    for (QAction *top : window->menuBar()->actions())
        if (top->menu())
            collect(top->menu(), plain(top->text()), &seen, &rows);
    // Actions outside the menus (toolbars, the window's own) with keys.
    for (QAction *a : window->findChildren<QAction *>()) {
        if (seen.contains(a) || a->isSeparator())
            continue;
        if (const QString keys = keysText(a->shortcuts()); !keys.isEmpty())
            rows.append({ plain(a->text()), keys });
    }
    for (QShortcut *s : window->findChildren<QShortcut *>()) {
        if (!s->whatsThis().isEmpty())
            rows.append({ s->whatsThis(), keysText(s->keys()) });
    }
    return rows;
}

ShortcutsDialog::ShortcutsDialog(QMainWindow *window)
    : QDialog(window)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setAccessibleName(tr("Keyboard shortcuts"));
    m_list = new QTreeWidget(this);
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({ tr("Action"), tr("Keys") });
    for (const auto &[what, keys] : shortcuts(window))
        new QTreeWidgetItem(m_list, { what, keys });
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace Boxscope
