#pragma once

#include "Error.h"
#include "HttpConnection.h"
#include "HttpLimits.h"
#include "HttpListener.h"
#include "HttpRequest.h"
#include "IdempotencyStore.h"
#include "SessionAuthenticator.h"
#include "Problem.h"
#include "RateLimiter.h"
#include "ServerClock.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>

#include <functional>
#include <optional>

namespace ncre::server {


struct ApiRequest
{
    HttpRequest http;
    QStringList params; // path captures, in order
    std::optional<Caller> caller;
    QJsonObject json; // the body, for routes that take JSON

    QByteArray header(const char *name) const { return http.value(QByteArray(name)); }
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

enum class BodyKind { None, Json, Jpeg, Form };

struct RouteOptions
{
    Access access = Access::Public;
    BodyKind body = BodyKind::None;
    qsizetype maxBody = 64 * 1024;
    bool idempotent = false; // needs Idempotency-Key; replays answer the first response
};

using Handler = std::function<ApiResponse(ApiRequest &)>;
// A route that answers later (work off the event loop, e.g. password hashing): it calls the reply exactly once.
using Reply = std::function<void(ApiResponse)>;
using AsyncHandler = std::function<void(ApiRequest &, Reply)>;

// The HTTP front of ncre-server: connections within HttpLimits (HttpListener, HttpConnection), routing,
// authentication, body checks, idempotency, fault injection, the access log and the Date header — so that every
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
    HttpListener *listener() const { return m_listener; }

    void addRoute(HttpMethod method, const QString &pattern, RouteOptions options, Handler handler);
    void addAsyncRoute(HttpMethod method, const QString &pattern, RouteOptions options, AsyncHandler handler);

    // Fault injection (--test-hooks): for requests whose path starts with `pathPrefix`, the next `count` answers
    // are a 503 with Retry-After, a dropped connection, a delay before the real answer, or the real answer cut off
    // halfway through its body (a connection lost mid-download).
    enum class FaultKind { Unavailable, Drop, Delay, Truncate };
    void injectFault(const QString &pathPrefix, FaultKind kind, int count, int delayMs, int retryAfterSeconds);
    void clearFaults();

    // Overload protection: beyond `requestsPerSecond` (a token bucket with one second of burst), requests are shed
    // with 503 and a Retry-After that spreads the retries; 0 turns it off. Test hooks are never shed.
    void setRateLimit(int requestsPerSecond) { m_rateLimiter.setRate(requestsPerSecond); }

    // Called before each request is routed: time-driven transitions (payment deadlines) happen there.
    void setBeforeRequest(std::function<void()> hook) { m_beforeRequest = std::move(hook); }

private:
    struct Route
    {
        HttpMethod method;
        QStringList segments; // "{}" captures one segment
        RouteOptions options;
        AsyncHandler handler;
    };
    struct Fault
    {
        QString pathPrefix;
        FaultKind kind;
        int remaining;
        int delayMs;
        int retryAfterSeconds;
    };

    void handle(HttpConnection *connection, const HttpRequest &request);
    const Route *match(const HttpRequest &request, QStringList &params, bool &pathMatched) const;
    qint64 bodyLimit(HttpMethod method, const QString &path) const;
    void route(const HttpRequest &request, Reply done);
    void dispatch(const HttpRequest &request, const Route &route, QStringList params, Reply done);
    void dispatchInTransaction(const HttpRequest &request, const Route &route, QStringList params, Reply done);
    std::optional<Error> checkBody(const HttpRequest &request, const RouteOptions &options, QJsonObject &json);
    void write(HttpConnection *connection, const ApiResponse &response, bool head, qsizetype truncateTo = -1);
    void logAccess(const HttpRequest &request, int status, qint64 micros);

    Database &m_db;
    ServerClock &m_clock;
    bool m_testHooks;
    SessionAuthenticator m_authenticator;
    IdempotencyStore m_idempotency;
    HttpLimits m_limits;
    bool m_trustProxy = false;
    HttpListener *m_listener = nullptr;
    QList<Route> m_routes;
    QList<Fault> m_faults;
    std::function<void()> m_beforeRequest;
    RateLimiter m_rateLimiter;
};

} // namespace ncre::server
