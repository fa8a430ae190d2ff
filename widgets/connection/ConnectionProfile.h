#pragma once

#include <QColor>
#include <QString>

namespace Boxscope {

/// A saved connection: what the connection list keeps and what a connection tab shows. The
/// password is never part of it: it lives in the OS keychain or is asked for on connect.
struct ConnectionProfile
{
    QString id;            ///< stable key (a UUID without braces); empty for an unsaved connection
    QString name;          ///< shown on the tab, in history rows and log lines; the URI when empty
    QString uri;           ///< without credentials ("host:port", "unix/:/path")
    QString user;          ///< empty: guest
    QColor colour;         ///< the tag shown wherever the connection appears; invalid: none
    bool readOnly = false; ///< write requests are refused; eval/call ask once per session
    QString note;

    QString displayName() const { return name.isEmpty() ? uri : name; }
};

} // namespace Boxscope
