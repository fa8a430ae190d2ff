#pragma once

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>

#include <optional>

class QAbstractItemView;
class QListWidgetItem;
class QTableWidgetItem;
class QWidget;

namespace Boxscope {

/// The application's look (System, Light or Dark) and the few colours of its own (states,
/// directions, errors), each picked per light or dark palette so it keeps a contrast of at
/// least 4.5 : 1 (WCAG AA) against the views' base and window colours.
class Theme
{
public:
    enum class Mode { System, Light, Dark };
    enum class Color { Error, Warning, Success, Pending, Muted, Sent, Received, Push };

    /// Every Color, for whoever checks them all.
    static QList<Color> colors();
    static QString colorName(Color color);

    /// Whether palette is a dark one (its window colour is dark).
    static bool isDark(const QPalette &palette);
    /// Whether the application's palette is a dark one.
    static bool isDark();
    static QColor color(Color color, bool dark);
    /// The colour for the application's current palette.
    static QColor color(Color color);
    /// The background that marks an erroneous line (the text over it keeps the palette's colour).
    static QColor errorBackground(bool dark);
    static QColor errorBackground();

    /// Fusion's palettes for Light and Dark.
    static QPalette lightPalette();
    static QPalette darkPalette();

    /// Sets the application's style and palette: System puts back what the platform gave at
    /// start (style and palette), Light and Dark use Fusion with the palette above.
    static void apply(Mode mode);
    /// The mode apply() set last (System before any call).
    static Mode mode();
    static QString modeKey(Mode mode);
    static Mode modeFromKey(const QString &key);

    /// Draws widget's text (a label, a line edit) in color, now and after every change of the
    /// application's palette; no color: the palette's own text colour again.
    static void setTextColor(QWidget *widget, std::optional<Color> color);
    /// An item of a QTableWidget or QListWidget drawn in color; its view follows the palette
    /// when followItemColors() was called for it.
    static void setItemColor(QTableWidgetItem *item, Color color);
    static void setItemColor(QListWidgetItem *item, Color color);
    /// Colours the items setItemColor() marked again after every change of the palette.
    static void followItemColors(QAbstractItemView *view);
    /// The item data role that keeps an item's Color.
    static constexpr int ColorRole = Qt::UserRole + 0x7c0;
};

} // namespace Boxscope
