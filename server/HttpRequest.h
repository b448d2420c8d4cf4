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

// Whom a per-address limit counts: an IPv4 address as such ("203.0.113.7", also when IPv4-mapped), an IPv6 address
// by its /64 prefix ("2001:db8:1:2::/64"), which one subscriber is given whole (RFC 6177): counting single IPv6
// addresses would give every client 2^64 allowances.
inline QString clientBucket(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

// One HTTP/1.1 request as HttpConnection read it: bounded in every part by HttpLimits before it exists.
struct HttpRequest
{
    HttpMethod method = HttpMethod::Other;
    QUrl url;                                     // origin-form target: path and query
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent; values trimmed
    QByteArray body;
    QHostAddress remoteAddress;

    // The client for per-address limits (clientBucket).
    QString client() const { return clientBucket(remoteAddress); }

    // The first header of that name (case-insensitive, RFC 9110 §5.1), or empty.
    QByteArray value(const QByteArray &name) const
    {
        for (const auto &[n, v] : headers)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    // Whether the field was sent, even empty.
    bool has(const QByteArray &name) const
    {
        for (const auto &[n, v] : headers)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
    // A list-based field (If-None-Match, Cache-Control...) sent on several lines, as one value: the lines' values
    // joined by ", " in order (RFC 9110 §5.3), or empty.
    QByteArray combinedValue(const QByteArray &name) const
    {
        QByteArray combined;
        bool found = false;
        for (const auto &[n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) != 0)
                continue;
            if (found)
                combined += ", ";
            combined += v;
            found = true;
        }
        return combined;
    }
    QUrlQuery query() const { return QUrlQuery(url); }
};

} // namespace ncre::server
