#pragma once

#include "HttpConnection.h"
#include "HttpLimits.h"

#include <QHash>
#include <QSocketNotifier>
#include <QTcpServer>

namespace ncre::server {

// Accepts TCP connections for HttpServer within HttpLimits: at most maxConnections open in all and
// maxConnectionsPerAddress from one address (beyond them: 503 with Retry-After, then closed), kept below the file
// descriptors the process may open; a failed accept (EMFILE and the like) pauses accepting for
// HttpLimits::acceptPauseMs instead of spinning on it.
class HttpListener : public QTcpServer
{
    Q_OBJECT

public:
    HttpListener(const HttpLimits &limits, HttpConnection::BodyLimit bodyLimit, QObject *parent = nullptr);
    // Behind a trusted proxy (--trust-proxy) every connection comes from the proxy: the per-address connection cap
    // would count the proxy, and 32 slow clients through it would shut everyone out (found by a trial). The proxy
    // caps connections per client itself (packaging/server/haproxy.cfg); the total cap still applies here.
    void setCapPerAddress(bool cap) { m_capPerAddress = cap; }

    // QTcpServer::listen, then accepting by this class's own loop (see acceptReady). False as listen() is.
    bool start(const QHostAddress &address, quint16 port);

    int openConnections() const { return m_open; }
    // The limit in force: HttpLimits::maxConnections, or less when RLIMIT_NOFILE leaves less room.
    int connectionLimit() const { return m_connectionLimit; }
    // Request bodies held in memory now, in bytes.
    qint64 bodyBytesInFlight() const { return m_budget.used(); }

signals:
    void connectionOpened(ncre::server::HttpConnection *connection);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void acceptReady();
    void turnAway(qintptr descriptor);

    HttpLimits m_limits;
    bool m_capPerAddress = true;
    HttpConnection::BodyLimit m_bodyLimit;
    BodyBudget m_budget;
    int m_connectionLimit;
    int m_open = 0;
    QHash<QString, int> m_perAddress; // by clientBucket
    QSocketNotifier *m_acceptNotifier = nullptr;
};

} // namespace ncre::server
