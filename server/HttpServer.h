#pragma once

#include "ApiMessage.h"
#include "HttpConnection.h"
#include "HttpLimits.h"
#include "HttpListener.h"
#include "HttpRequest.h"
#include "IdempotencyStore.h"
#include "Meta.h"
#include "SessionAuthenticator.h"
#include "Problem.h"
#include "RateLimiter.h"
#include "Router.h"
#include "ServerClock.h"

#ifdef NCRE_TEST_HOOKS
#include "FaultInjector.h"
#endif

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>

#include <functional>
#include <optional>

namespace ncre::server {


// The HTTP front of ncre-server: connections within HttpLimits (HttpListener, HttpConnection), routing
// (Router), authentication (SessionAuthenticator), body checks, idempotency (IdempotencyStore), overload shedding
// (RateLimiter), storage failures, fault injection in test builds, the access log and the Date header — so that every
// route only deals with its own resource and every failure, including unknown routes and malformed bodies, is
// problem+json with a stable code.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    HttpServer(Database &db, ServerClock &clock, bool testHooks, QObject *parent = nullptr);

    void setLimits(const HttpLimits &limits) { m_limits = limits; }
    // A reverse proxy in front: the client is the last X-Forwarded-For entry (off: the header counts for nothing).
    void setTrustProxy(bool trust) { m_trustProxy = trust; }
    const HttpLimits &limits() const { return m_limits; }
    // Listens on `address`:`port` (0: any free port); the port, or 0 when it cannot.
    quint16 listen(const QHostAddress &address, quint16 port);
    // Why the last listen() failed, in the system's words ("The bound address is already in use").
    QString listenError() const;
    HttpListener *listener() const { return m_listener; }

    void addRoute(HttpMethod method, const QString &pattern, RouteOptions options, Handler handler);
    void addAsyncRoute(HttpMethod method, const QString &pattern, RouteOptions options, AsyncHandler handler);

#ifdef NCRE_TEST_HOOKS
    // Faults applied before routing (--test-hooks only; compiled only with NCRE_TEST_HOOKS).
    FaultInjector &faults() { return m_faults; }
#endif

    // Overload protection: beyond `requestsPerSecond` (a token bucket with one second of burst), requests are shed
    // with 503 and a Retry-After that spreads the retries; 0 turns it off. Test hooks are never shed.
    void setRateLimit(int requestsPerSecond) { m_rateLimiter.setRate(requestsPerSecond); }

    // Desks older than `clients.minimum` (User-Agent "ncre-desk/<version>") are answered 426 client.updateRequired
    // on every route but GET /meta, which tells them where to get a new one. Other clients are not concerned.
    void setMinimumClient(const ClientVersions &clients) { m_clients = clients; }
    // Different Idempotency-Keys one scope may use a day ([idempotency] keysPerScopePerDay).
    void setIdempotencyKeysPerScope(int keys) { m_idempotencyKeysPerScope = keys; }


    // Called before each request is routed: time-driven transitions (payment deadlines) happen there.
    void setBeforeRequest(std::function<void()> hook) { m_beforeRequest = std::move(hook); }

private:
    // Routes that need a session and take bodies above this many bytes authenticate from the head, before the body.
    static constexpr qint64 kAuthenticateBeforeBodyBytes = 64 * 1024;
    // Idempotency records one caller (an account, or an address before login) may have in 24 hours.
    // How many times a request whose transaction conflicted with another instance's is run before 503 (PostgreSQL).
    static constexpr int kConflictAttempts = 8;

    HttpConnection::BodyAllowance bodyAllowance(const HttpRequest &head);
    // The client a request is from: its peer, or with --trust-proxy the proxy's last X-Forwarded-For entry.
    QHostAddress clientAddress(const HttpRequest &request) const;
    void handle(HttpConnection *connection, const HttpRequest &request);
    void route(const HttpRequest &request, Reply done);
    void dispatch(const HttpRequest &request, const Router::Route &route, QStringList params, Reply done);
    void dispatchInTransaction(const HttpRequest &request, const Router::Route &route, QStringList params, Reply done);
    std::optional<Error> checkBody(const HttpRequest &request, const RouteOptions &options, QJsonObject &json);
    void write(HttpConnection *connection, const ApiResponse &response, bool head, qsizetype truncateTo = -1);
    void logAccess(const HttpRequest &request, int status, qint64 micros);
    QByteArray dateHeader();

    Database &m_db;
    ServerClock &m_clock;
    qint64 m_dateSecs = -1; // dateHeader()'s second, and its text
    QByteArray m_date;
    bool m_testHooks;
    SessionAuthenticator m_authenticator;
    IdempotencyStore m_idempotency;
    HttpLimits m_limits;
    bool m_trustProxy = false;
    int m_idempotencyKeysPerScope = 1000;
    HttpListener *m_listener = nullptr;
    Router m_router;
#ifdef NCRE_TEST_HOOKS
    FaultInjector m_faults;
#endif
    std::function<void()> m_beforeRequest;
    RateLimiter m_rateLimiter;
    ClientVersions m_clients;
};

} // namespace ncre::server
