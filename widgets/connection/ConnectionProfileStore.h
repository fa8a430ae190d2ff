#pragma once

#include "connection/ConnectionProfile.h"
#include "logging/Log.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

namespace Boxscope {

/// The saved connections, kept in QSettings (the array "connections": id, name, uri, user,
/// colour, readOnly, note) and exchanged as a JSON file: an array of objects with name, uri,
/// user, colour ("#rrggbb"), readOnly and note. Never a password: one found in an imported
/// file is ignored with a warning.
class ConnectionProfileStore : public QObject
{
    Q_OBJECT

public:
    struct Import
    {
        QList<ConnectionProfile> profiles; ///< with fresh ids
        QStringList warnings;              ///< entries or keys left out, and why
        QString error;                     ///< the file could not be read at all
    };

    explicit ConnectionProfileStore(QObject *parent = nullptr);

    /// Reads the list from QSettings (done by the constructor too).
    void load();
    const QList<ConnectionProfile> &profiles() const { return m_profiles; }
    int indexOf(const QString &id) const;
    std::optional<ConnectionProfile> profile(const QString &id) const;

    /// Adds a profile (a fresh id when it has none) and saves; returns it as stored.
    ConnectionProfile add(ConnectionProfile profile);
    /// Replaces the profile with the same id and saves; false when there is none.
    bool update(const ConnectionProfile &profile);
    bool remove(const QString &id);

    /// Takes "user:password@" out of the profile's URI: the URI keeps host and port (or the
    /// unix path), an empty user becomes the URI's, and the password is returned (empty when
    /// there was none) for the caller to put in the keychain or forget. Every profile the store
    /// keeps, saves, imports or exports has been through it.
    static QString takeCredentials(ConnectionProfile *profile);

    static QByteArray toJson(const QList<ConnectionProfile> &profiles);
    static Import fromJson(const QByteArray &json);
    /// Writes the given profiles (all when empty) to a JSON file.
    bool exportTo(const QString &path, const QList<ConnectionProfile> &profiles = {}, QString *error = nullptr);
    /// Reads a JSON file and adds its profiles; warnings and errors also go to logMessage.
    Import importFrom(const QString &path);

signals:
    void changed();
    void logMessage(Boxscope::LogLevel level, const QString &text);

private:
    void save() const;

    QList<ConnectionProfile> m_profiles;
};

} // namespace Boxscope
