#include "Problem.h"

#include <QJsonArray>

namespace ncre {

namespace {

struct FieldErrorCodec
{
    Error error;

    static Result<FieldErrorCodec> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
    {
        JsonReader r(o, s, path);
        FieldErrorCodec f;
        f.error.field = r.string("field", 200);
        const QString code = r.string("code", 64);
        f.error.detail = r.optionalString("message", 1000).value_or(QString());
        if (r.ok()) {
            const auto known = errorCodeFromName(code);
            f.error.code = known.value_or(ErrorCode::ServerInternal);
        }
        return r.result(f);
    }
};

QString urn(const QString &codeName)
{
    return QStringLiteral("urn:ncre:problem:") + codeName;
}

} // namespace

Problem Problem::fromError(const Error &error)
{
    Problem p;
    p.code = error.code;
    p.codeName = errorCodeName(error.code);
    p.type = urn(p.codeName);
    p.title = p.codeName;
    p.status = httpStatusFor(error.code);
    p.detail = error.detail;
    if (!error.field.isEmpty())
        p.errors.append(error);
    return p;
}

Problem Problem::fromErrors(ErrorCode code, const ErrorList &fieldErrors)
{
    Problem p = fromError(Error(code));
    p.errors = fieldErrors;
    return p;
}

Result<Problem> Problem::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Problem p;
    p.type = r.optionalString("type", 500).value_or(QStringLiteral("about:blank"));
    p.title = r.optionalString("title", 500).value_or(QString());
    p.status = int(r.integer("status", 100, 599));
    p.detail = r.optionalString("detail", 2000).value_or(QString());
    p.instance = r.optionalString("instance", 500).value_or(QString());
    p.codeName = r.string("code", 64);
    p.code = errorCodeFromName(p.codeName).value_or(ErrorCode::ServerInternal);
    const auto retry = r.optionalInteger("retryAfter", 0, 24 * 3600);
    if (retry)
        p.retryAfterSeconds = int(*retry);
    const auto errors = r.optionalArray("errors", 100);
    if (errors) {
        for (const FieldErrorCodec &f : r.decodeList<FieldErrorCodec>(*errors, r.pathOf("errors")))
            p.errors.append(f.error);
    }
    return r.result(p);
}

QJsonObject Problem::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), type},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("code"), codeName.isEmpty() ? errorCodeName(code) : codeName}};
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!instance.isEmpty())
        o.insert(QStringLiteral("instance"), instance);
    if (retryAfterSeconds)
        o.insert(QStringLiteral("retryAfter"), *retryAfterSeconds);
    if (!errors.isEmpty()) {
        QJsonArray list;
        for (const Error &e : errors) {
            QJsonObject item{{QStringLiteral("field"), e.field}, {QStringLiteral("code"), errorCodeName(e.code)}};
            if (!e.detail.isEmpty())
                item.insert(QStringLiteral("message"), e.detail);
            list.append(item);
        }
        o.insert(QStringLiteral("errors"), list);
    }
    return o;
}

} // namespace ncre
