#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace ncre::server {

enum class HttpMethod { Get, Head, Post, Put, Delete, Options, Patch, Other };

// The method's name for logs and errors.
QByteArray methodName(HttpMethod method);

// One HTTP/1.1 request as HttpConnection read it: bounded in every part by HttpLimits before it exists.
struct HttpRequest
{
    HttpMethod method = HttpMethod::Other;
    QUrl url;                                     // origin-form target: path and query
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent; values trimmed
    QByteArray body;
    QHostAddress remoteAddress;

    // The first header of that name (case-insensitive, RFC 9110 §5.1), or empty.
    QByteArray value(const QByteArray &name) const
    {
        for (const auto &[n, v] : headers)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QUrlQuery query() const { return QUrlQuery(url); }
};

} // namespace ncre::server
