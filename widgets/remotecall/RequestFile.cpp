#include "remotecall/RequestFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Boxscope {

namespace {

const QLatin1String kFormat("boxscope-request");
constexpr int kVersion = 1;
// Tarantool's iterator types in the order of their numbers (box.index.EQ is 0, ...), as the
// form lists them.
const char *const kIterators[] = { "EQ", "REQ", "ALL", "LT", "LE", "GE", "GT" };
constexpr int kIteratorCount = int(sizeof(kIterators) / sizeof(kIterators[0]));

} // namespace

QByteArray RequestFile::toJson(const RequestForm::Texts &t)
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), kFormat);
    o.insert(QStringLiteral("version"), kVersion);
    o.insert(QStringLiteral("method"), RequestSpec::methodName(t.method));
    o.insert(QStringLiteral("target"), t.target);
    o.insert(QStringLiteral("index"), t.index);
    o.insert(QStringLiteral("arguments"), t.arguments);
    o.insert(QStringLiteral("operations"), t.operations);
    o.insert(QStringLiteral("async"), t.async);
    o.insert(QStringLiteral("timeout"), t.timeout);
    o.insert(QStringLiteral("limit"), t.limit);
    o.insert(QStringLiteral("offset"), t.offset);
    if (t.iterator >= 0 && t.iterator < kIteratorCount)
        o.insert(QStringLiteral("iterator"), QLatin1String(kIterators[t.iterator]));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool RequestFile::fromJson(const QByteArray &json, RequestForm::Texts *out, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return fail(tr("not a request: the JSON is not an object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != kFormat)
        return fail(tr("not a request file: \"format\" is not \"%1\"").arg(kFormat));
    if (o.value(QStringLiteral("version")).toInt() > kVersion)
        return fail(tr("a request file of version %1; this Boxscope reads version %2")
                            .arg(o.value(QStringLiteral("version")).toInt())
                            .arg(kVersion));
    RequestForm::Texts t;
    if (!RequestSpec::methodFromName(o.value(QStringLiteral("method")).toString(), &t.method))
        return fail(tr("unknown method \"%1\"").arg(o.value(QStringLiteral("method")).toVariant().toString()));
    const auto text = [&](const char *key, QString *to) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString())
            return fail(tr("\"%1\" is not a string").arg(QLatin1String(key)));
        *to = v.toString();
        return true;
    };
    const auto number = [&](const char *key, double min, double max, double *to) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isDouble() || v.toDouble() < min || v.toDouble() > max)
            return fail(tr("\"%1\" is not a number from %2 to %3").arg(QLatin1String(key)).arg(min).arg(max));
        *to = v.toDouble();
        return true;
    };
    if (!text("target", &t.target) || !text("index", &t.index) || !text("arguments", &t.arguments)
        || !text("operations", &t.operations))
        return false;
    if (const QJsonValue v = o.value(QStringLiteral("async")); !v.isUndefined() && !v.isNull()) {
        if (!v.isBool())
            return fail(tr("\"async\" is not true or false"));
        t.async = v.toBool();
    }
    double timeout = t.timeout, limit = t.limit, offset = t.offset;
    if (!number("timeout", 0, 86400, &timeout) || !number("limit", 0, INT_MAX, &limit)
        || !number("offset", 0, INT_MAX, &offset))
        return false;
    t.timeout = timeout;
    t.limit = int(limit);
    t.offset = int(offset);
    if (const QJsonValue v = o.value(QStringLiteral("iterator")); !v.isUndefined() && !v.isNull()) {
        const QString name = v.toString().toUpper();
        int found = -1;
        for (int i = 0; i < kIteratorCount; ++i)
            if (name == QLatin1String(kIterators[i]))
                found = i;
        if (found < 0)
            return fail(tr("unknown iterator \"%1\" (EQ, REQ, ALL, LT, LE, GE or GT)").arg(v.toVariant().toString()));
        t.iterator = found;
    }
    *out = t;
    return true;
}

bool RequestFile::save(const QString &path, const RequestForm::Texts &texts, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(toJson(texts)) < 0 || !f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

bool RequestFile::load(const QString &path, RequestForm::Texts *texts, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    // A request file is a few lines; anything much larger is not one.
    constexpr qint64 kMaxBytes = 16 * 1024 * 1024;
    if (f.size() > kMaxBytes) {
        if (error)
            *error = tr("not a request file: %1 bytes").arg(f.size());
        return false;
    }
    return fromJson(f.readAll(), texts, error);
}

} // namespace Boxscope
