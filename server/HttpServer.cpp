#include "HttpServer.h"

#include "Database.h"
#include "ServerLogging.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

#include <cmath>
#include <memory>

namespace ncre::server {

namespace {


QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed().toLower();
}

} // namespace

HttpServer::HttpServer(Database &db, ServerClock &clock, bool testHooks, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_testHooks(testHooks)
    , m_authenticator(db, clock, testHooks)
    , m_idempotency(db, clock)
{
}

quint16 HttpServer::listen(const QHostAddress &address, quint16 port)
{
    delete m_listener;
    m_listener = new HttpListener(
        m_limits, [this](const HttpRequest &head) { return bodyAllowance(head); }, this);
    connect(m_listener, &HttpListener::connectionOpened, this, [this](HttpConnection *connection) {
        connect(connection, &HttpConnection::requestReady, this, &HttpServer::handle);
    });
    m_listener->setCapPerAddress(!m_trustProxy);
    if (!m_listener->start(address, port))
        return 0;
    return m_listener->serverPort();
}

QString HttpServer::listenError() const
{
    return m_listener ? m_listener->errorString() : QString();
}

QHostAddress HttpServer::clientAddress(const HttpRequest &request) const
{
    // Behind a trusted proxy, the client is the address the proxy saw: the last entry of every X-Forwarded-For line
    // in order (a proxy may append its own line after the client's). Otherwise the header is a stranger's word and
    // counts for nothing.
    if (!m_trustProxy)
        return request.remoteAddress;
    QByteArrayList hops;
    for (const auto &[name, value] : request.headers)
        if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            hops += value.split(',');
    const QHostAddress client(hops.isEmpty() ? QString() : QString::fromLatin1(hops.last().trimmed()));
    return client.isNull() ? request.remoteAddress : client;
}

HttpConnection::BodyAllowance HttpServer::bodyAllowance(const HttpRequest &head)
{
    HttpConnection::BodyAllowance allowance;
    allowance.client = clientBucket(clientAddress(head)); // the body budget counts the client, not the proxy
    const Router::Match match = m_router.match(head.method, head.url.path());
    if (!match.route)
        return allowance; // no route takes a body worth reading: its answer is a 404 or 405 either way
    allowance.maxBytes = match.route->options.maxBody;
    // A large body is read only for a caller who may send it: a stranger cannot make the server hold megabytes for
    // a route that needs a session (the photo upload). Small bodies are read and answered by the route as usual.
    if (match.route->options.access != Access::Public && allowance.maxBytes > kAuthenticateBeforeBodyBytes) {
        std::optional<Caller> caller;
        if (const auto error = m_authenticator.authenticate(head, match.route->options.access, caller)) {
            const ApiResponse refusal = ApiResponse::problem(*error);
            allowance.refuseStatus = refusal.status;
            allowance.refuseBody = refusal.body;
            allowance.refuseHeaders = {{"Content-Type", refusal.contentType},
                                       {"Date", dateHeader()},
                                       {"Cache-Control", "no-store"},
                                       {"X-Content-Type-Options", "nosniff"}};
            allowance.refuseHeaders += refusal.headers;
        }
    }
    return allowance;
}

void HttpServer::addRoute(HttpMethod method, const QString &pattern, RouteOptions options, Handler handler)
{
    options.answersLater = false;
    m_router.add(method, pattern, options,
                 [handler = std::move(handler)](ApiRequest &request, const Reply &reply) { reply(handler(request)); });
}

void HttpServer::addAsyncRoute(HttpMethod method, const QString &pattern, RouteOptions options, AsyncHandler handler)
{
    options.answersLater = true;
    m_router.add(method, pattern, options, std::move(handler));
}

void HttpServer::handle(HttpConnection *connection, const HttpRequest &received)
{
    // Behind a trusted proxy, the client is the address the proxy saw (the last X-Forwarded-For entry); otherwise
    // the header is a stranger's word and counts for nothing.
    HttpRequest request = received;
    request.remoteAddress = clientAddress(received);
    QElapsedTimer timer;
    timer.start();
    const QString path = request.url.path();
    const bool head = request.method == HttpMethod::Head;
    QPointer<HttpConnection> guard(connection);

    std::optional<int> delayMs;
#ifdef NCRE_TEST_HOOKS
    // Injected faults apply before anything else, as a real proxy or an overloaded server would.
    if (const auto fault = m_faults.take(path)) {
        switch (fault->kind) {
        case FaultInjector::Kind::Drop:
            logAccess(request, 0, timer.nsecsElapsed() / 1000);
            connection->abort();
            return;
        case FaultInjector::Kind::Unavailable: {
            Problem p = Problem::fromError(Error(ErrorCode::ServerUnavailable, {}, QStringLiteral("injected fault")));
            p.retryAfterSeconds = fault->retryAfterSeconds;
            write(connection, ApiResponse::problem(p), head);
            logAccess(request, 503, timer.nsecsElapsed() / 1000);
            return;
        }
        case FaultInjector::Kind::Truncate:
            route(request, [this, guard, request, timer, head](const ApiResponse &response) {
                logAccess(request, response.status, timer.nsecsElapsed() / 1000);
                if (guard)
                    write(guard, response, head, response.body.size() / 2);
            });
            return;
        case FaultInjector::Kind::Delay:
            delayMs = fault->delayMs;
            break;
        }
    }
#endif

    if (!path.contains(QLatin1String("/test-hooks/"))) {
        if (const auto retryAfter = m_rateLimiter.shed()) {
            Problem p = Problem::fromError(Error(ErrorCode::ServerUnavailable, {}, QStringLiteral("overloaded")));
            p.retryAfterSeconds = *retryAfter;
            write(connection, ApiResponse::problem(p), head);
            logAccess(request, 503, timer.nsecsElapsed() / 1000);
            return;
        }
    }
    if (m_beforeRequest)
        m_beforeRequest();
    route(request, [this, guard, request, timer, head, delayMs](const ApiResponse &response) {
        logAccess(request, response.status, timer.nsecsElapsed() / 1000);
        if (!delayMs) {
            if (guard)
                write(guard, response, head);
            return;
        }
        // A slow server: the work is done now, the answer leaves later (or never, if the client gave up).
        QTimer::singleShot(*delayMs, this, [this, guard, response, head]() {
            if (guard)
                write(guard, response, head);
        });
    });
}

void HttpServer::route(const HttpRequest &request, Reply done)
{
    if (const QString desk = deskVersionFromUserAgent(request.value("User-Agent"));
        !desk.isEmpty() && m_clients.needFor(desk) == ClientVersions::Need::Required
        && request.url.path() != QLatin1String("/api/v1/meta")) {
        done(ApiResponse::problem(Error(ErrorCode::ClientUpdateRequired, {},
                                        QStringLiteral("NCRE Desk %1 or later: %2")
                                            .arg(m_clients.minimum, m_clients.downloadUrl.toString()))));
        return;
    }
    const Router::Match match = m_router.match(request.method, request.url.path());
    if (match.route) {
        dispatch(request, *match.route, match.params, std::move(done));
        return;
    }
    if (!match.pathMatched) {
        done(ApiResponse::problem(Error(ErrorCode::ResourceNotFound)));
        return;
    }
    // 405 names the methods the resource has (RFC 9110 §15.5.6: MUST send Allow); HEAD wherever GET is.
    ApiResponse refused = ApiResponse::problem(Error(ErrorCode::MethodNotAllowed));
    QByteArrayList allowed;
    for (const HttpMethod method : {HttpMethod::Get, HttpMethod::Head, HttpMethod::Post, HttpMethod::Put, HttpMethod::Patch,
                                    HttpMethod::Delete, HttpMethod::Options}) {
        const bool has = (match.allowedMethods & (1U << unsigned(method))) != 0
                         || (method == HttpMethod::Head && (match.allowedMethods & (1U << unsigned(HttpMethod::Get))) != 0);
        if (has)
            allowed.append(methodName(method));
    }
    refused.addHeader("Allow", allowed.join(", "));
    done(std::move(refused));
}

void HttpServer::dispatch(const HttpRequest &request, const Router::Route &route, QStringList params, Reply done)
{
    // Each request's writes are one transaction: all of them or none. A statement that failed for want of storage
    // turns the answer into 503 server.storage (never another error's code, never a success) and undoes the rest.
    // On PostgreSQL another instance's transaction may conflict with this one (Database::takeConflict): everything is
    // undone and the request runs again from the start, up to kConflictAttempts times, then it is answered 503 with
    // Retry-After (the client retries with the same Idempotency-Key).
    const bool writes = request.method != HttpMethod::Get && request.method != HttpMethod::Head && !route.options.answersLater;
    m_db.takeStorageFailure();
    m_db.takeConflict();
    m_db.takeLostConnection();
    auto storage = [this]() {
        Problem p = Problem::fromError(Error(ErrorCode::ServerStorage));
        // A lost database connection is opened again by the next request: soon. A full disk is not.
        p.retryAfterSeconds = m_db.connectionLost() ? 5 : 30;
        return ApiResponse::problem(p);
    };
    auto contended = []() {
        Problem p = Problem::fromError(Error(ErrorCode::ServerUnavailable, {}, QStringLiteral("contended; try again")));
        p.retryAfterSeconds = 1;
        return ApiResponse::problem(p);
    };
    for (int attempt = 1;; ++attempt) {
        auto tx = writes ? std::make_shared<std::optional<Transaction>>(std::in_place, m_db) : nullptr;
        if (tx && !(*tx)->isOpen()) {
            m_db.takeStorageFailure();
            if (m_db.takeLostConnection() && attempt == 1)
                continue; // BEGIN found the connection lost: the next BEGIN opens a new one
            done(storage());
            return;
        }
        struct Attempt
        {
            bool returned = false; // dispatchInTransaction came back: an answer now is a late one (password hashing)
            bool again = false;
        };
        auto state = std::make_shared<Attempt>();
        Reply answer = [this, tx, state, attempt, storage, contended, done, answersLater = route.options.answersLater](
                           ApiResponse response) {
            bool failed = m_db.takeStorageFailure();
            bool conflict = m_db.takeConflict();
            // The database connection was lost before anything was committed (PostgreSQL restarted): the request
            // runs once more on a new connection rather than answering 503 for what the next request would find
            // mended. A connection lost at COMMIT leaves the outcome unknown: that is answered 503, never re-run.
            const bool lost = m_db.takeLostConnection();
            if (tx && *tx) {
                if (failed || conflict || response.status >= 500) {
                    tx->reset(); // rolls back
                } else if (!(*tx)->commit()) {
                    conflict = m_db.takeConflict();
                    failed = !conflict;
                    m_db.takeLostConnection();
                }
                tx->reset();
            }
            // Not for a route that answers later: its statements stand alone, and one before the loss (a spent
            // captcha) may have committed.
            if (lost && !state->returned && attempt == 1 && !answersLater) {
                qCInfo(lcServer) << "database connection lost during a request: run again on a new connection";
                state->again = true;
                return;
            }
            if (conflict) {
                if (!state->returned && attempt < kConflictAttempts) {
                    state->again = true;
                    return;
                }
                qCWarning(lcServer) << "transaction conflicted" << attempt << "times: answered 503";
                response = contended();
            } else if (failed) {
                qCWarning(lcServer) << "storage failed: answered 503 server.storage";
                response = storage();
            }
            done(std::move(response));
        };
        dispatchInTransaction(request, route, params, answer);
        state->returned = true;
        if (state->again)
            continue;
        return;
    }
}

void HttpServer::dispatchInTransaction(const HttpRequest &request, const Router::Route &route, QStringList params, Reply done)
{
    ApiRequest api{request, std::move(params), std::nullopt, {}};
    if (const auto error = m_authenticator.authenticate(request, route.options.access, api.caller)) {
        done(ApiResponse::problem(*error));
        return;
    }
    if (const auto error = checkBody(request, route.options, api.json)) {
        done(ApiResponse::problem(*error));
        return;
    }
    if (!route.options.idempotent) {
        route.handler(api, std::move(done));
        return;
    }

    // Idempotency-Key: the first answer is stored with a hash of the request; a replay gets it back, a different
    // request under the same key is refused. Scoped per account (or per client address before login).
    const QByteArray key = request.value("Idempotency-Key");
    if (key.isEmpty()) {
        done(ApiResponse::problem(Error(ErrorCode::IdempotencyKeyMissing, QStringLiteral("Idempotency-Key"))));
        return;
    }
    static const QRegularExpression keyForm(QStringLiteral("^[A-Za-z0-9_-]{16,128}$")); // the contract's pattern
    if (!keyForm.match(QString::fromLatin1(key)).hasMatch()) {
        done(ApiResponse::problem(
            Error(ErrorCode::RequestMalformed, QStringLiteral("Idempotency-Key"), QStringLiteral("16-128 characters of A-Z a-z 0-9 _ -"))));
        return;
    }
    const QString scope = api.caller ? QStringLiteral("account:%1").arg(api.caller->accountId)
                                     : QStringLiteral("anon:") + request.client();
    const QByteArray requestHash = IdempotencyStore::requestHash(methodName(request.method), request.url.path(), request.body);
    if (const auto stored = m_idempotency.find(scope, key)) {
        if (stored->requestHash != requestHash) {
            done(ApiResponse::problem(Error(ErrorCode::IdempotencyKeyReused, QStringLiteral("Idempotency-Key"))));
            return;
        }
        ApiResponse replay;
        replay.status = stored->status;
        replay.contentType = stored->contentType;
        replay.body = stored->body;
        replay.addHeader("Idempotent-Replayed", "true");
        done(replay);
        return;
    }
    // However many keys one caller invents, the store keeps a bounded number for it: beyond, new keys are refused
    // (a client retrying its own requests never comes near; a day's registration takes a few dozen).
    if (m_idempotency.countToday(scope) >= m_idempotencyKeysPerScope) {
        Problem p = Problem::fromError(Error(ErrorCode::ServerBusy, QStringLiteral("Idempotency-Key"),
                                             QStringLiteral("too many different keys today")));
        p.retryAfterSeconds = 3600;
        done(ApiResponse::problem(p));
        return;
    }
    const bool anonymous = !api.caller;
    route.handler(api, [this, scope, key, requestHash, anonymous, done = std::move(done)](ApiResponse response) {
        // Only settled answers are kept: a 5xx or 429 may succeed when retried with the same key, and a 412 came from
        // the request's preconditions, which the key's hash does not cover (a retry with the current ETag must be
        // done, not told 412 again). Before login, only what was done (2xx): a refusal replays the same anyway, and
        // strangers' junk must not fill the store.
        if (response.status < 500 && response.status != 429 && response.status != 412 && (!anonymous || response.status < 300))
            m_idempotency.keep(scope, key, {requestHash, response.status, response.contentType, response.body});
        done(std::move(response));
    });
}

std::optional<Error> HttpServer::checkBody(const HttpRequest &request, const RouteOptions &options, QJsonObject &json)
{
    const QByteArray &body = request.body;
    if (body.size() > options.maxBody)
        return Error(ErrorCode::RequestTooLarge, {}, QStringLiteral("at most %1 bytes").arg(options.maxBody));
    if (options.body == BodyKind::None)
        return std::nullopt;
    const QByteArray type = mediaType(request.value("Content-Type"));
    switch (options.body) {
    case BodyKind::Json: {
        if (type != "application/json")
            return Error(ErrorCode::RequestContentType, {}, QStringLiteral("expected application/json"));
        Result<QJsonObject> parsed = JsonReader::parseObject(body);
        if (!parsed)
            return parsed.error();
        json = std::move(parsed).value();
        return std::nullopt;
    }
    case BodyKind::Jpeg:
        if (type != "image/jpeg")
            return Error(ErrorCode::RequestContentType, {}, QStringLiteral("expected image/jpeg"));
        return std::nullopt;
    case BodyKind::Form: {
        if (type != "application/x-www-form-urlencoded")
            return Error(ErrorCode::RequestContentType, {}, QStringLiteral("expected a form"));
        // A form posted from another site's page (cross-site request forgery) is refused: browsers say where a
        // post comes from (Origin, Sec-Fetch-Site); programs such as the desk's OAuth client send neither.
        const QByteArray origin = request.value("Origin");
        const QByteArray fetchSite = request.value("Sec-Fetch-Site").toLower();
        // Same origin: the page's own address, i.e. the Host the browser asked for.
        const QUrl from(QString::fromLatin1(origin));
        const QString fromAuthority = from.host() + (from.port() > 0 ? QStringLiteral(":%1").arg(from.port()) : QString());
        const bool crossSite = fetchSite == "cross-site"
            || (!origin.isEmpty() && origin != "null"
                && fromAuthority.compare(QString::fromLatin1(request.value("Host")), Qt::CaseInsensitive) != 0);
        if (crossSite || origin == "null")
            return Error(ErrorCode::AuthForbidden, QStringLiteral("Origin"), QStringLiteral("cross-site form post"));
        return std::nullopt;
    }
    case BodyKind::None:
        break;
    }
    return std::nullopt;
}

void HttpServer::write(HttpConnection *connection, const ApiResponse &response, bool head, qsizetype truncateTo)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    headers.reserve(5 + response.headers.size());
    headers.append(qMakePair(QByteArray("Date"), dateHeader()));
    if (!response.contentType.isEmpty())
        headers.append(qMakePair(QByteArray("Content-Type"), response.contentType));
    headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    headers.append(qMakePair(QByteArray("X-Content-Type-Options"), QByteArray("nosniff")));
    headers += response.headers;
    connection->respond(response.status, headers, response.body, head, truncateTo);
}

QByteArray HttpServer::dateHeader()
{
    // RFC 9110 §5.6.7's IMF-fixdate, formatted once a second (formatting a date is most of what writing the head of
    // a 304 costs).
    const qint64 now = m_clock.nowSecs();
    if (now != m_dateSecs) {
        m_dateSecs = now;
        m_date = httpDate(now);
    }
    return m_date;
}

void HttpServer::logAccess(const HttpRequest &request, int status, qint64 micros)
{
    // The path only: query strings and bodies may carry personal data. Path parameters are ids. The path as sent
    // (percent-encoded): a decoded CR/LF would forge a log line. Formatted by the message logger's printf form, which
    // costs a poll less than a QDebug stream.
    qCInfo(lcServerAccess, "method=%s path=%s status=%d us=%lld", methodName(request.method).constData(),
           request.url.path(QUrl::FullyEncoded).toLatin1().constData(), status, static_cast<long long>(micros));
}

} // namespace ncre::server
