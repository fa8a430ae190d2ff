#pragma once

#include "remotecall/RequestForm.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Boxscope {

/// The request form's texts as a JSON file (File > Save request… / Open request…):
///
///   {"format": "boxscope-request", "version": 1, "method": "select", "target": "tester",
///    "index": "primary", "arguments": "{1}", "operations": "", "async": true, "timeout": 0,
///    "limit": 100, "offset": 0, "iterator": "GE"}
///
/// Arguments and operations are Lua literals as typed. Reading accepts any subset of the
/// keys after "method" (the rest keep the form's defaults) and says what is wrong otherwise.
class RequestFile
{
    Q_DECLARE_TR_FUNCTIONS(Boxscope::RequestFile)
public:
    static QByteArray toJson(const RequestForm::Texts &texts);
    /// False and *error (a sentence) when the bytes are no request file.
    static bool fromJson(const QByteArray &json, RequestForm::Texts *texts, QString *error);

    static bool save(const QString &path, const RequestForm::Texts &texts, QString *error);
    static bool load(const QString &path, RequestForm::Texts *texts, QString *error);
};

} // namespace Boxscope
