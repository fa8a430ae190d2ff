#include "connection/ConnectionProfileStore.h"

#include "iproto/Uri.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>
#include <QUuid>

namespace Boxscope {

namespace {

const QString kGroup = QStringLiteral("connections");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString colourName(const QColor &colour)
{
    return colour.isValid() ? colour.name(QColor::HexRgb) : QString();
}

} // namespace

ConnectionProfileStore::ConnectionProfileStore(QObject *parent)
    : QObject(parent)
{
    load();
}

void ConnectionProfileStore::load()
{
    m_profiles.clear();
    QSettings settings;
    const int n = settings.beginReadArray(kGroup);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.id = settings.value(QStringLiteral("id")).toString();
        p.name = settings.value(QStringLiteral("name")).toString();
        p.uri = settings.value(QStringLiteral("uri")).toString();
        takeCredentials(&p); // a password never stays in the settings
        p.user = settings.value(QStringLiteral("user")).toString();
        p.colour = QColor(settings.value(QStringLiteral("colour")).toString());
        p.readOnly = settings.value(QStringLiteral("readOnly"), false).toBool();
        p.note = settings.value(QStringLiteral("note")).toString();
        if (p.id.isEmpty())
            p.id = newId();
        m_profiles.append(p);
    }
    settings.endArray();
}

void ConnectionProfileStore::save() const
{
    QSettings settings;
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ConnectionProfile &p = m_profiles[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), p.id);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("uri"), p.uri);
        settings.setValue(QStringLiteral("user"), p.user);
        settings.setValue(QStringLiteral("colour"), colourName(p.colour));
        settings.setValue(QStringLiteral("readOnly"), p.readOnly);
        settings.setValue(QStringLiteral("note"), p.note);
    }
    settings.endArray();
    settings.sync();
}

int ConnectionProfileStore::indexOf(const QString &id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles[i].id == id)
            return i;
    }
    return -1;
}

std::optional<ConnectionProfile> ConnectionProfileStore::profile(const QString &id) const
{
    const int i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    return m_profiles[i];
}

QString ConnectionProfileStore::takeCredentials(ConnectionProfile *profile)
{
    const int at = profile->uri.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return QString();
    Uri uri;
    if (Uri::parse(profile->uri, &uri, nullptr)) {
        if (profile->user.isEmpty())
            profile->user = uri.user;
        profile->uri = uri.displayString();
        return uri.password;
    }
    // Not a URI the app can parse: whatever stands before the last '@' goes all the same.
    const QString credentials = profile->uri.left(at);
    profile->uri = profile->uri.mid(at + 1);
    const int colon = credentials.indexOf(QLatin1Char(':'));
    if (profile->user.isEmpty())
        profile->user = colon < 0 ? credentials : credentials.left(colon);
    return colon < 0 ? QString() : credentials.mid(colon + 1);
}

ConnectionProfile ConnectionProfileStore::add(ConnectionProfile profile)
{
    takeCredentials(&profile);
    if (profile.id.isEmpty() || indexOf(profile.id) >= 0)
        profile.id = newId();
    m_profiles.append(profile);
    save();
    emit changed();
    return profile;
}

bool ConnectionProfileStore::update(const ConnectionProfile &profile)
{
    const int i = indexOf(profile.id);
    if (i < 0)
        return false;
    m_profiles[i] = profile;
    takeCredentials(&m_profiles[i]);
    save();
    emit changed();
    return true;
}

bool ConnectionProfileStore::remove(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    m_profiles.removeAt(i);
    save();
    emit changed();
    return true;
}

QByteArray ConnectionProfileStore::toJson(const QList<ConnectionProfile> &profiles)
{
    QJsonArray array;
    for (const ConnectionProfile &p : profiles) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), p.name);
        ConnectionProfile clean = p;
        takeCredentials(&clean);
        o.insert(QStringLiteral("uri"), clean.uri);
        o.insert(QStringLiteral("user"), clean.user);
        o.insert(QStringLiteral("colour"), colourName(p.colour));
        o.insert(QStringLiteral("readOnly"), p.readOnly);
        o.insert(QStringLiteral("note"), p.note);
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

ConnectionProfileStore::Import ConnectionProfileStore::fromJson(const QByteArray &json)
{
    Import result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = tr("not a JSON file: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    if (!doc.isArray()) {
        result.error = tr("the file holds no list of connections (a JSON array of objects)");
        return result;
    }
    const QJsonArray array = doc.array();
    for (int i = 0; i < array.size(); ++i) {
        const int n = i + 1;
        if (!array[i].isObject()) {
            result.warnings << tr("entry %1 is not an object: left out").arg(n);
            continue;
        }
        const QJsonObject o = array[i].toObject();
        if (o.contains(QStringLiteral("password")))
            result.warnings << tr("entry %1: its password is ignored (passwords are never imported)").arg(n);
        ConnectionProfile p;
        p.id = newId();
        p.name = o.value(QStringLiteral("name")).toString();
        p.uri = o.value(QStringLiteral("uri")).toString().trimmed();
        p.user = o.value(QStringLiteral("user")).toString();
        if (!takeCredentials(&p).isEmpty())
            result.warnings << tr("entry %1: the password in its URI is ignored (passwords are never imported)").arg(n);
        p.readOnly = o.value(QStringLiteral("readOnly")).toBool(false);
        p.note = o.value(QStringLiteral("note")).toString();
        const QString colour = o.value(QStringLiteral("colour")).toString();
        if (!colour.isEmpty()) {
            p.colour = QColor(colour);
            if (!p.colour.isValid())
                result.warnings << tr("entry %1: the colour \"%2\" is not #rrggbb: none").arg(n).arg(colour);
        }
        if (p.uri.isEmpty()) {
            result.warnings << tr("entry %1 has no URI: left out").arg(n);
            continue;
        }
        result.profiles.append(p);
    }
    return result;
}

bool ConnectionProfileStore::exportTo(const QString &path, const QList<ConnectionProfile> &profiles, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(profiles.isEmpty() ? m_profiles : profiles)) < 0
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        emit logMessage(LogLevel::Error, tr("Connections not exported to %1: %2").arg(path, file.errorString()));
        return false;
    }
    emit logMessage(LogLevel::Info,
                    tr("Exported %n connection(s) to %1", nullptr,
                       int(profiles.isEmpty() ? m_profiles.size() : profiles.size()))
                            .arg(path));
    return true;
}

ConnectionProfileStore::Import ConnectionProfileStore::importFrom(const QString &path)
{
    Import result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = file.errorString();
    } else {
        result = fromJson(file.readAll());
    }
    if (!result.error.isEmpty()) {
        emit logMessage(LogLevel::Error, tr("Connections not imported from %1: %2").arg(path, result.error));
        return result;
    }
    for (const QString &warning : result.warnings)
        emit logMessage(LogLevel::Warning, tr("Import from %1: %2").arg(path, warning));
    for (ConnectionProfile &p : result.profiles) {
        m_profiles.append(p);
    }
    if (!result.profiles.isEmpty()) {
        save();
        emit changed();
    }
    emit logMessage(LogLevel::Info,
                    tr("Imported %n connection(s) from %1", nullptr, int(result.profiles.size())).arg(path));
    return result;
}

} // namespace Boxscope
