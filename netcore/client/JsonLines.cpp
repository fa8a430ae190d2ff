#include "client/JsonLines.h"

#include "msgpack/MpExt.h"

#include "client/Request.h"
#include "format/MpFormat.h"

#include <QCoreApplication>
#include <QIODevice>

namespace Boxscope::JsonLines {

namespace {

QString ms(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 3);
}

} // namespace

QString sent(quint64 sync)
{
    return QStringLiteral("{\"event\":\"sent\",\"sync\":%1}").arg(sync);
}

QString dropped(quint64 count)
{
    return QStringLiteral("{\"event\":\"dropped\",\"count\":%1}").arg(count);
}

QString push(quint64 index, qint64 elapsedNs, const MpValue &value)
{
    return QStringLiteral("{\"event\":\"push\",\"index\":%1,\"elapsed_ms\":%2,\"value\":%3}")
            .arg(index)
            .arg(ms(elapsedNs), MpFormat::toJson(value));
}

QString result(qint64 elapsedNs, const MpValue &value)
{
    return QStringLiteral("{\"event\":\"result\",\"elapsed_ms\":%1,\"value\":%2}")
            .arg(ms(elapsedNs), MpFormat::toJson(value));
}

QString error(const Error &e)
{
    QString line = QStringLiteral("{\"event\":\"error\",\"code\":%1,\"type\":%2,\"message\":%3,\"kind\":%4")
                           .arg(e.code)
                           .arg(MpFormat::jsonString(e.type), MpFormat::jsonString(e.message),
                                MpFormat::jsonString(QLatin1String(Error::kindName(e.kind))));
    if (!e.stack.isNil())
        line += QStringLiteral(",\"stack\":") + MpFormat::toJson(namedErrorStack(e.stack));
    line += QLatin1Char('}');
    return line;
}

bool writeRequest(const Request &r, QIODevice *out, QString *errorText)
{
    auto write = [&](const QString &line) {
        const QByteArray bytes = line.toUtf8() + '\n';
        if (out->write(bytes) == bytes.size())
            return true;
        if (errorText)
            *errorText = out->errorString();
        return false;
    };
    const quint64 held = quint64(r.pushes().size());
    if (r.pushCount() > held && !write(dropped(r.pushCount() - held)))
        return false;
    for (const Push &p : r.pushes()) {
        if (r.pushes().hadReadError()) {
            if (errorText)
                *errorText = QCoreApplication::translate("Boxscope::JsonLines",
                                                         "push %1 could not be read back from the spill file")
                                     .arg(p.index);
            return false;
        }
        if (!write(push(p.index, p.elapsedNs, p.value)))
            return false;
    }
    if (r.state() == Request::State::Done)
        return write(result(r.durationNs(), r.result()));
    if (r.isFinished())
        return write(error(r.error()));
    return true;
}

} // namespace Boxscope::JsonLines
