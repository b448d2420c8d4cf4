#include "ApiMessage.h"

#include <QJsonDocument>

namespace ncre::server {

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::problem(const Error &error)
{
    return problem(Problem::fromError(error));
}

ApiResponse ApiResponse::problem(const Problem &p)
{
    ApiResponse r;
    r.status = p.status;
    r.contentType = "application/problem+json";
    r.body = QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact);
    if (p.retryAfterSeconds)
        r.addHeader("Retry-After", QByteArray::number(*p.retryAfterSeconds));
    if (p.status == 401)
        r.addHeader("WWW-Authenticate", "Bearer realm=\"ncre\"");
    return r;
}

ApiResponse ApiResponse::empty(int status)
{
    ApiResponse r;
    r.status = status;
    r.contentType.clear();
    return r;
}

ApiResponse ApiResponse::html(const QString &page, int status)
{
    ApiResponse r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = page.toUtf8();
    // The pages (payment platform, QQ) run no script, load nothing from elsewhere, post only to themselves and are
    // never framed (clickjacking), nor do they tell other sites where the candidate came from.
    r.addHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
                "frame-ancestors 'none'; base-uri 'none'");
    r.addHeader("X-Frame-Options", "DENY");
    r.addHeader("Referrer-Policy", "no-referrer");
    return r;
}

ApiResponse ApiResponse::redirect(const QByteArray &location)
{
    ApiResponse r = empty(302);
    r.addHeader("Location", location);
    return r;
}

} // namespace ncre::server
