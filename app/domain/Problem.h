#pragma once

#include "Error.h"
#include "JsonReader.h"
#include "Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ncre {

// An RFC 9457 problem detail (application/problem+json) with NCRE's stable `code` and, for forms, the field errors.
// Unknown codes from a newer server decode as ServerInternal with the original name kept in codeName.
struct Problem
{
    QString type = QStringLiteral("about:blank");
    QString title;
    int status = 500;
    QString detail;
    QString instance;
    ErrorCode code = ErrorCode::ServerInternal;
    QString codeName; // the wire code as received
    ErrorList errors; // field errors: {field, code, message}
    std::optional<int> retryAfterSeconds;

    // A problem for `error`, with the status the code maps to. `title` is the English, untranslated summary.
    static Problem fromError(const Error &error);
    static Problem fromErrors(ErrorCode code, const ErrorList &fieldErrors);

    static Result<Problem> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;

    static QString mediaType() { return QStringLiteral("application/problem+json"); }
};

} // namespace ncre
