#pragma once

#include "Error.h"
#include "HttpRequest.h"
#include "Problem.h"
#include "SessionAuthenticator.h"

#include <QJsonObject>
#include <QList>
#include <QPair>

#include <optional>

namespace ncre::server {

// A request as a route sees it, and the answer it gives (architecture §3: JSON, problem+json, HTML pages, JPEG).
struct ApiRequest
{
    HttpRequest http;
    QStringList params; // path captures, in order
    std::optional<Caller> caller;
    QJsonObject json; // the body, for routes that take JSON

    QByteArray header(const char *name) const { return http.value(QByteArray(name)); }
    // Every line of a list-based field as one value (HttpRequest::combinedValue).
    QByteArray listHeader(const char *name) const { return http.combinedValue(QByteArray(name)); }
    bool hasHeader(const char *name) const { return http.has(QByteArray(name)); }
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append(qMakePair(name, value)); }

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse problem(const Error &error);
    static ApiResponse problem(const Problem &problem);
    static ApiResponse empty(int status);
    static ApiResponse html(const QString &page, int status = 200);
    static ApiResponse redirect(const QByteArray &location);
};

} // namespace ncre::server
