#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace ncre::server {

// What one stranger may spend of the server's connections, memory and time (issue 14). Every field is a key of the
// server's config file ([http] section; docs/operator-guide.md lists them with these defaults).
struct HttpLimits
{
    // Open connections in all, and from one address. Beyond either, a new connection gets 503 with Retry-After
    // and is closed. maxConnections is also kept below the process's file-descriptor limit (RLIMIT_NOFILE).
    int maxConnections = 1024;
    int maxConnectionsPerAddress = 32;
    // The request line and headers: at most this many bytes (431 beyond; the request target alone: 414 beyond
    // maxTargetBytes) and header fields (431 beyond).
    int maxHeaderBytes = 16 * 1024;
    int maxTargetBytes = 8 * 1024;
    int maxHeaderCount = 64;
    // A body larger than the route allows is refused by its Content-Length, before any of it is read (413); a body
    // without Content-Length is refused (411); Content-Length with Transfer-Encoding is refused (400).
    // Time: the request line and headers must arrive within headerTimeoutMs of the request's first byte; a kept-alive
    // connection may sit idle idleTimeoutMs between requests; a body must arrive at bodyMinBytesPerSecond or more
    // after a grace of bodyGraceMs (408 otherwise); a response must be taken by the client within writeTimeoutMs.
    int headerTimeoutMs = 10'000;
    int idleTimeoutMs = 30'000;
    int bodyGraceMs = 10'000;
    int bodyMinBytesPerSecond = 1024;
    int writeTimeoutMs = 30'000;
    // Request bodies held in memory at once: from one client address (clientBucket) and in all. Beyond either, a
    // request with a body is refused by its Content-Length, before any of it is read (503 server.busy, Retry-After).
    int maxBodyBytesPerAddress = 16 * 1024 * 1024;
    int maxBodyBytesInFlight = 256 * 1024 * 1024;
    // A failed accept (EMFILE, ENFILE, ENOBUFS) pauses accepting for this long instead of retrying at once.
    int acceptPauseMs = 250;
};

// The request bodies in memory, counted against HttpLimits::maxBodyBytesPerAddress and maxBodyBytesInFlight.
// Owned by HttpListener, shared by its connections (one thread).
class BodyBudget
{
public:
    explicit BodyBudget(const HttpLimits &limits)
        : m_perClient(limits.maxBodyBytesPerAddress)
        , m_total(limits.maxBodyBytesInFlight)
    {
    }
    // Reserves `bytes` for `client`; false when either limit would be passed.
    bool reserve(const QString &client, qint64 bytes)
    {
        if (m_used + bytes > m_total || m_byClient.value(client) + bytes > m_perClient)
            return false;
        m_used += bytes;
        m_byClient[client] += bytes;
        return true;
    }
    void release(const QString &client, qint64 bytes)
    {
        m_used -= bytes;
        if ((m_byClient[client] -= bytes) <= 0)
            m_byClient.remove(client);
    }
    qint64 used() const { return m_used; }

private:
    qint64 m_perClient;
    qint64 m_total;
    qint64 m_used = 0;
    QHash<QString, qint64> m_byClient;
};

} // namespace ncre::server
