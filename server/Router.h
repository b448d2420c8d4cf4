#pragma once

#include "ApiMessage.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace ncre::server {

enum class BodyKind { None, Json, Jpeg, Form };

struct RouteOptions
{
    Access access = Access::Public;
    BodyKind body = BodyKind::None;
    qsizetype maxBody = 64 * 1024;
    bool idempotent = false; // needs Idempotency-Key; replays answer the first response
    // Answers later (HttpServer::addAsyncRoute): no transaction spans the request (its statements before the answer
    // stand alone, its later writes take transactions of their own), as no transaction may stay open across the
    // event loop while other requests are served.
    bool answersLater = false;
};

using Handler = std::function<ApiResponse(ApiRequest &)>;
// A route that answers later (work off the event loop, e.g. password hashing): it calls the reply exactly once.
using Reply = std::function<void(ApiResponse)>;
using AsyncHandler = std::function<void(ApiRequest &, Reply)>;

// The routes of the API and which one answers a request: paths are literal segments and "{}" captures (at most 64
// characters each, the contract's path parameters); the most literal route wins (/pay/notify before /pay/{}); HEAD is
// answered by the GET route (RFC 9110 §9.3.2).
class Router
{
public:
    struct Route
    {
        HttpMethod method;
        QStringList segments; // "{}" captures one segment
        RouteOptions options;
        AsyncHandler handler;
    };
    struct Match
    {
        const Route *route = nullptr; // null: no route for this method (see pathMatched)
        QStringList params;           // the captures, in order
        bool pathMatched = false;     // some route has this path: 405 rather than 404
        unsigned allowedMethods = 0;  // bit (1 << HttpMethod) for each method a route has for this path (Allow)
    };

    void add(HttpMethod method, const QString &pattern, RouteOptions options, AsyncHandler handler);
    Match match(HttpMethod method, const QString &path) const;

private:
    QList<Route> m_routes;
};

} // namespace ncre::server
