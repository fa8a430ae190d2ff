#include "common/Theme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QEvent>
#include <QListWidgetItem>
#include <QStyle>
#include <QStyleFactory>
#include <QTableWidgetItem>
#include <QWidget>

namespace Boxscope {

namespace {

constexpr const char *kColorProperty = "boxscopeThemeColor";

// The style the platform gave before the first apply(), for System.
QString systemStyleName()
{
    static const QString name = QApplication::style()->name();
    return name;
}

Theme::Mode g_mode = Theme::Mode::System;

void paintText(QWidget *widget)
{
    const QVariant role = widget->property(kColorProperty);
    if (!role.isValid() || role.toInt() < 0) {
        widget->setPalette(QPalette());
        return;
    }
    QPalette p = widget->palette();
    const QColor c = Theme::color(Theme::Color(role.toInt()));
    p.setColor(QPalette::WindowText, c);
    p.setColor(QPalette::Text, c);
    widget->setPalette(p);
}

// Paints its widget's text again when the application's palette changes (a theme switch).
class TextColorFollower : public QObject
{
public:
    explicit TextColorFollower(QWidget *widget)
        : QObject(widget)
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // A window hears ApplicationPaletteChange, a child its own PaletteChange.
        const QEvent::Type type = event->type();
        if ((type == QEvent::ApplicationPaletteChange || type == QEvent::PaletteChange) && !m_painting)
            if (auto *w = qobject_cast<QWidget *>(watched)) {
                m_painting = true; // painting changes the palette again
                paintText(w);
                m_painting = false;
            }
        return false;
    }

private:
    bool m_painting = false;
};

// Colours a view's marked items (ColorRole) again when the application's palette changes.
class ItemColorFollower : public QObject
{
public:
    explicit ItemColorFollower(QAbstractItemView *view)
        : QObject(view)
    {
        view->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *view = qobject_cast<QAbstractItemView *>(watched);
        const QEvent::Type type = event->type();
        if ((type != QEvent::ApplicationPaletteChange && type != QEvent::PaletteChange) || !view || !view->model())
            return false;
        QAbstractItemModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                const QModelIndex index = model->index(row, column);
                const QVariant role = index.data(Theme::ColorRole);
                if (role.isValid())
                    model->setData(index, QBrush(Theme::color(Theme::Color(role.toInt()))), Qt::ForegroundRole);
            }
        }
        return false;
    }
};

} // namespace

QList<Theme::Color> Theme::colors()
{
    return { Color::Error, Color::Warning, Color::Success,  Color::Pending,
             Color::Muted, Color::Sent,    Color::Received, Color::Push };
}

QString Theme::colorName(Color color)
{
    switch (color) {
    case Color::Error: return QStringLiteral("error");
    case Color::Warning: return QStringLiteral("warning");
    case Color::Success: return QStringLiteral("success");
    case Color::Pending: return QStringLiteral("pending");
    case Color::Muted: return QStringLiteral("muted");
    case Color::Sent: return QStringLiteral("sent");
    case Color::Received: return QStringLiteral("received");
    case Color::Push: return QStringLiteral("push");
    }
    return QString();
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool Theme::isDark()
{
    return isDark(QApplication::palette());
}

QColor Theme::color(Color color, bool dark)
{
    // Light: at least 4.5:1 on #ffffff, #f7f7f7 and #efefef; dark: on #1e1e1e, #262626, #2d2d2d.
    switch (color) {
    case Color::Error: return QColor(dark ? 0xff7070 : 0xb00020);
    case Color::Warning: return QColor(dark ? 0xe0b050 : 0x8a5a00);
    case Color::Success: return QColor(dark ? 0x5cc98a : 0x1e6b3c);
    case Color::Pending: return QColor(dark ? 0xe0b050 : 0x8a5a00);
    case Color::Muted: return QColor(dark ? 0xa8a8a8 : 0x5f5f5f);
    case Color::Sent: return QColor(dark ? 0x7ab0ff : 0x1f5fbf);
    case Color::Received: return QColor(dark ? 0x7bcf7f : 0x276b2b);
    case Color::Push: return QColor(dark ? 0xc99be6 : 0x8e44ad);
    }
    return QColor();
}

QColor Theme::color(Color c)
{
    return color(c, isDark());
}

QColor Theme::errorBackground(bool dark)
{
    return QColor(dark ? 0x5c1f1f : 0xffdcdc);
}

QColor Theme::errorBackground()
{
    return errorBackground(isDark());
}

QPalette Theme::lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette p = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return p;
}

QPalette Theme::darkPalette()
{
    const QColor window(0x2d2d2d), base(0x1e1e1e), text(0xe6e6e6), disabled(0x7f7f7f);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x262626));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a3a3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8c8c8c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x353535));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff7070));
    p.setColor(QPalette::Light, QColor(0x4a4a4a));
    p.setColor(QPalette::Midlight, QColor(0x3e3e3e));
    p.setColor(QPalette::Mid, QColor(0x262626));
    p.setColor(QPalette::Dark, QColor(0x1a1a1a));
    p.setColor(QPalette::Shadow, QColor(0x0a0a0a));
    p.setColor(QPalette::Highlight, QColor(0x2f65ca));
    p.setColor(QPalette::HighlightedText, QColor(0xffffff));
    p.setColor(QPalette::Link, QColor(0x7ab0ff));
    p.setColor(QPalette::LinkVisited, QColor(0xc99be6));
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x505050));
    return p;
}

void Theme::apply(Mode mode)
{
    const QString systemStyle = systemStyleName();
    switch (mode) {
    case Mode::System:
        // An empty palette resolves to the platform's (the style's) own again, and so follows it.
        if (QStyle *style = QStyleFactory::create(systemStyle))
            QApplication::setStyle(style);
        QApplication::setPalette(QPalette());
        break;
    case Mode::Light:
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
        break;
    case Mode::Dark:
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        break;
    }
    g_mode = mode;
}

Theme::Mode Theme::mode()
{
    return g_mode;
}

QString Theme::modeKey(Mode mode)
{
    switch (mode) {
    case Mode::System: return QStringLiteral("system");
    case Mode::Light: return QStringLiteral("light");
    case Mode::Dark: return QStringLiteral("dark");
    }
    return QString();
}

Theme::Mode Theme::modeFromKey(const QString &key)
{
    if (key == QLatin1String("light"))
        return Mode::Light;
    if (key == QLatin1String("dark"))
        return Mode::Dark;
    return Mode::System;
}

void Theme::setTextColor(QWidget *widget, std::optional<Color> color)
{
    const bool following = widget->property(kColorProperty).isValid();
    widget->setProperty(kColorProperty, color ? int(*color) : -1);
    if (!following)
        new TextColorFollower(widget);
    paintText(widget);
}

void Theme::setItemColor(QTableWidgetItem *item, Color color)
{
    item->setData(ColorRole, int(color));
    item->setForeground(Theme::color(color));
}

void Theme::setItemColor(QListWidgetItem *item, Color color)
{
    item->setData(ColorRole, int(color));
    item->setForeground(Theme::color(color));
}

void Theme::followItemColors(QAbstractItemView *view)
{
    new ItemColorFollower(view);
}

} // namespace Boxscope
