#include "ApiClient.h"

#include "Meta.h"

#include "NetLogging.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

namespace ncre {

namespace {

Problem networkProblem(ErrorCode code, const QString &detail)
{
    Problem p = Problem::fromError(Error(code, {}, detail));
    p.status = 0;
    return p;
}

ErrorCode networkCode(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return ErrorCode::NetworkTimeout;
    case QNetworkReply::SslHandshakeFailedError:
        return ErrorCode::NetworkTls;
    default:
        return ErrorCode::NetworkUnreachable;
    }
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    m_nam.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

Result<void> ApiClient::setBaseUrl(const QUrl &url)
{
    const bool https = url.scheme() == QLatin1String("https");
    const bool loopbackHttp = url.scheme() == QLatin1String("http") && QHostAddress(url.host()).isLoopback();
    if (!url.isValid() || url.host().isEmpty() || (!https && !loopbackHttp))
        return Error(ErrorCode::NetworkTls, QStringLiteral("server"),
                     QStringLiteral("only https, or http to a loopback address"));
    m_base = url.adjusted(QUrl::StripTrailingSlash);
    return {};
}

QDateTime ApiClient::serverNow() const
{
    return QDateTime::currentDateTimeUtc().addMSecs(m_serverOffsetMs);
}

QByteArray ApiClient::newIdempotencyKey()
{
    return QUuid::createUuid().toByteArray(QUuid::Id128);
}

void ApiClient::send(ApiRequest request, ReplyCallback done)
{
    if (!m_base.isValid()) {
        done(networkProblem(ErrorCode::NetworkUnreachable, QStringLiteral("no server configured")));
        return;
    }
    if (request.verb == "POST" && request.idempotencyKey.isEmpty())
        request.idempotencyKey = newIdempotencyKey();
    QElapsedTimer started;
    started.start();
    attempt(std::make_shared<ApiRequest>(std::move(request)), 1, started, done);
}

std::optional<qint64> ApiClient::retryDelayMs(int attempt, const Problem &problem, std::optional<qint64> retryAfterMs,
                                              qint64 elapsedMs)
{
    const bool retryable = problem.status == 0
        ? problem.code == ErrorCode::NetworkUnreachable || problem.code == ErrorCode::NetworkTimeout
        : Backoff::isRetryable(problem.status);
    if (!retryable)
        return std::nullopt;
    const Backoff backoff(m_policy, m_random);
    const auto delay = backoff.nextDelayMs(attempt, retryAfterMs, elapsedMs);
    if (delay)
        emit retryScheduled(attempt, *delay, problem.code);
    return delay;
}

void ApiClient::renewAccessToken(std::function<void(bool)> done)
{
    if (!m_refresher) {
        done(false);
        return;
    }
    refreshThen(std::move(done));
}

void ApiClient::refreshThen(std::function<void(bool)> then)
{
    m_waitingForRefresh.append(std::move(then));
    if (m_waitingForRefresh.size() > 1)
        return; // one refresh for every request that met the same expired token
    m_refresher([this](bool refreshed) {
        const auto waiting = std::exchange(m_waitingForRefresh, {});
        for (const auto &w : waiting)
            w(refreshed);
    });
}

void ApiClient::attempt(std::shared_ptr<ApiRequest> request, int attemptNumber, QElapsedTimer started, const ReplyCallback &done,
                        bool refreshed)
{
    QNetworkRequest r(QUrl(m_base.toString() + QStringLiteral("/api/v1") + request->path));
    r.setTransferTimeout(request->timeoutMs);
    if (!request->body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, request->contentType);
    // The token this attempt carries: a 401 for it after another request already renewed it needs no refresh.
    const QString sentToken = request->authenticated ? m_accessToken : QString();
    if (request->authenticated && !m_accessToken.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + m_accessToken.toLatin1());
    if (!request->idempotencyKey.isEmpty())
        r.setRawHeader("Idempotency-Key", request->idempotencyKey);
    if (!request->ifNoneMatch.isEmpty())
        r.setRawHeader("If-None-Match", request->ifNoneMatch);
    for (const auto &[name, value] : request->headers)
        r.setRawHeader(name, value);
    r.setRawHeader("Accept", "application/json, application/problem+json");
    // The server refuses desks older than it accepts with a reason (426 client.updateRequired), never silently.
    r.setHeader(QNetworkRequest::UserAgentHeader, deskUserAgent());
    QElapsedTimer roundTrip;
    roundTrip.start();
    QNetworkReply *reply = m_nam.sendCustomRequest(r, request->verb, request->body);
    ++m_traffic.requests;
    // Request line, Host and the headers set here (QNAM adds a few more bytes of its own), body.
    m_traffic.bytesSent += request->verb.size() + r.url().path(QUrl::FullyEncoded).size() + 12
        + r.url().host().size() + 8 + request->body.size();
    for (const QByteArray &name : r.rawHeaderList())
        m_traffic.bytesSent += name.size() + r.rawHeader(name).size() + 4;
    if (!request->body.isEmpty())
        m_traffic.bytesSent += 40; // Content-Type and Content-Length
    connect(reply, &QNetworkReply::finished, this, [=]() {
        reply->deleteLater();
        m_traffic.bytesReceived += 17; // status line
        for (const auto &[name, value] : reply->rawHeaderPairs())
            m_traffic.bytesReceived += name.size() + value.size() + 4;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->hasRawHeader("Date"))
            measureServerClock(reply->rawHeader("Date"), roundTrip.elapsed());
        const QByteArray body = reply->readAll();
        m_traffic.bytesReceived += body.size();

        // A transport failure can come with a status line already read (a response cut off mid-body): the body
        // is incomplete, so it is a network error, retried like one, never decoded.
        bool transportFailed = status == 0 || (reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied);
        // Qt does not always flag a body cut short of its Content-Length (seen under load): count it ourselves.
        bool lengthKnown = false;
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&lengthKnown);
        const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
        const bool identity = encoding.isEmpty() || encoding == "identity"; // else the length is the compressed one
        if (lengthKnown && identity && request->verb != "HEAD" && status != 304 && body.size() != announced)
            transportFailed = true;
        if (!transportFailed && status < 400) {
            done(ApiReply{status, body, reply->rawHeader("ETag"), attemptNumber});
            return;
        }
        Problem problem;
        if (transportFailed) {
            problem = networkProblem(networkCode(reply->error()), reply->errorString());
        } else {
            const Result<QJsonObject> json = JsonReader::parseObject(body);
            Result<Problem> decoded = json ? Problem::fromJson(*json, JsonStrictness::Lenient) : json.error();
            if (decoded) {
                problem = decoded.value();
            } else {
                // Not our server's problem+json (a proxy's error page, say): keep the status, say it plainly.
                problem = Problem::fromError(Error(status >= 500 ? ErrorCode::ServerUnavailable : ErrorCode::RequestMalformed));
                problem.status = status;
            }
        }
        if (status == 401 && request->authenticated && m_refresher && !refreshed) {
            // Sent with a token another request's refresh has replaced since (two requests met the same expired
            // token, and this 401 came after the refresh ended): sent again with the new one, not refreshed twice.
            if (!m_accessToken.isEmpty() && m_accessToken != sentToken && m_waitingForRefresh.isEmpty()) {
                attempt(request, attemptNumber, started, done, true);
                return;
            }
            refreshThen([=](bool ok) {
                if (ok)
                    attempt(request, attemptNumber, started, done, true);
                else
                    done(problem);
            });
            return;
        }
        if (transportFailed)
            problem.status = 0;
        const auto retryAfter = Backoff::parseRetryAfterMs(reply->rawHeader("Retry-After"), serverNow());
        const bool mayRetry = request->maxAttempts <= 0 || attemptNumber < request->maxAttempts;
        if (const auto delay = mayRetry ? retryDelayMs(attemptNumber, problem, retryAfter, started.elapsed()) : std::nullopt) {
            qCInfo(lcNet) << "retrying" << request->verb << request->path << "after" << *delay << "ms; attempt"
                          << attemptNumber << "failed:" << errorCodeName(problem.code) << "status" << status;
            QTimer::singleShot(*delay, this, [=]() { attempt(request, attemptNumber + 1, started, done, refreshed); });
            return;
        }
        done(problem);
    });
}

void ApiClient::measureServerClock(const QByteArray &dateHeader, qint64 roundTripMs)
{
    QDateTime server = QLocale::c().toDateTime(QString::fromLatin1(dateHeader), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!server.isValid())
        return;
    server.setTimeSpec(Qt::UTC);
    // The Date was stamped somewhere within the round trip: assume the middle. Date has whole seconds, so the
    // offset is good to about a second, which is what deadlines shown in minutes need.
    const qint64 offset = QDateTime::currentDateTimeUtc().addMSecs(-roundTripMs / 2).msecsTo(server);
    if (qAbs(offset - m_serverOffsetMs) > 1000 || m_serverOffsetMs == 0) {
        m_serverOffsetMs = offset;
        emit serverClockMeasured(offset);
    }
}

template<typename T>
Result<T, Problem> ApiClient::decode(const Result<ApiReply, Problem> &reply)
{
    if (!reply)
        return reply.error();
    const Result<QJsonObject> json = JsonReader::parseObject(reply->body);
    Result<T> value = json ? T::fromJson(*json, JsonStrictness::Lenient) : Result<T>(json.error());
    if (!value)
        return Problem::fromError(value.error());
    return std::move(value).value();
}

void ApiClient::meta(const std::function<void(Result<Meta, Problem>)> &done)
{
    send(ApiRequest::make("GET", QStringLiteral("/meta")), [done](const Result<ApiReply, Problem> &r) { done(decode<Meta>(r)); });
}

void ApiClient::currentExam(const std::function<void(Result<Exam, Problem>)> &done)
{
    send(ApiRequest::make("GET", QStringLiteral("/exams/current")), [done](const Result<ApiReply, Problem> &r) { done(decode<Exam>(r)); });
}

namespace {

// {"<key>": [T...]} decoded with T's codec.
template<typename T>
Result<QList<T>, Problem> decodeList(const Result<ApiReply, Problem> &reply, const char *key)
{
    if (!reply)
        return reply.error();
    const Result<QJsonObject> json = JsonReader::parseObject(reply->body);
    if (!json)
        return Problem::fromError(json.error());
    JsonReader r(*json, JsonStrictness::Lenient);
    const QList<T> list = r.nestedList<T>(key, 10000);
    if (!r.ok())
        return Problem::fromError(r.error());
    return list;
}

} // namespace

void ApiClient::sites(const QString &examId, const std::function<void(Result<QList<Site>, Problem>)> &done)
{
    send(ApiRequest::make("GET", QStringLiteral("/exams/%1/sites").arg(QString::fromLatin1(QUrl::toPercentEncoding(examId)))),
         [done](const Result<ApiReply, Problem> &r) { done(decodeList<Site>(r, "sites")); });
}

void ApiClient::subjects(const QString &examId, const QString &siteId,
                         const std::function<void(Result<QList<Subject>, Problem>)> &done)
{
    send(ApiRequest::make("GET", QStringLiteral("/exams/%1/sites/%2/subjects")
                                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(examId)),
                                          QString::fromLatin1(QUrl::toPercentEncoding(siteId)))),
         [done](const Result<ApiReply, Problem> &r) { done(decodeList<Subject>(r, "subjects")); });
}

void ApiClient::createCaptcha(const std::function<void(Result<Captcha, Problem>)> &done)
{
    // Not idempotent, but harmless to repeat: a fresh captcha per attempt is what the user wants anyway.
    ApiRequest request = ApiRequest::make("POST", QStringLiteral("/captcha"));
    send(request, [done](const Result<ApiReply, Problem> &r) { done(decode<Captcha>(r)); });
}

void ApiClient::registerAccount(const AccountRegistration &account, const std::function<void(Result<AccountInfo, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make("POST", QStringLiteral("/accounts"), toJson(account.toJson()));
    send(request, [done](const Result<ApiReply, Problem> &r) { done(decode<AccountInfo>(r)); });
}

void ApiClient::logIn(const LoginRequest &login, const std::function<void(Result<Session, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make("POST", QStringLiteral("/sessions"), toJson(login.toJson()));
    send(request, [this, done](const Result<ApiReply, Problem> &r) {
        Result<Session, Problem> session = decode<Session>(r);
        if (session)
            m_accessToken = session->accessToken;
        done(std::move(session));
    });
}

void ApiClient::changePassword(const PasswordChange &change, const std::function<void(Result<void, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make("PUT", QStringLiteral("/accounts/me/password"), toJson(change.toJson()));
    request.authenticated = true;
    send(request, [done](const Result<ApiReply, Problem> &r) {
        done(r ? Result<void, Problem>() : Result<void, Problem>(r.error()));
    });
}

void ApiClient::registration(const QByteArray &etag,
                             const std::function<void(Result<std::optional<Registration>, Problem>, QByteArray)> &done)
{
    ApiRequest request = ApiRequest::make("GET", QStringLiteral("/registrations/current"));
    request.authenticated = true;
    request.ifNoneMatch = etag;
    send(request, [done, etag](const Result<ApiReply, Problem> &r) {
        if (r && r->status == 304) {
            done(std::optional<Registration>(), etag);
            return;
        }
        Result<Registration, Problem> reg = decode<Registration>(r);
        if (!reg) {
            done(reg.error(), etag);
            return;
        }
        done(std::optional<Registration>(std::move(reg).value()), r->etag);
    });
}

QUrl ApiClient::urlFor(const QString &path) const
{
    return QUrl(m_base.toString() + QStringLiteral("/api/v1") + path);
}

void ApiClient::sendWrite(const QByteArray &verb, const QString &path, const QByteArray &body,
                          const QByteArray &idempotencyKey, const RegistrationCallback &done,
                          const QList<QPair<QByteArray, QByteArray>> &headers)
{
    ApiRequest request = ApiRequest::make(verb, path, body);
    request.authenticated = true;
    request.idempotencyKey = idempotencyKey;
    request.headers = headers;
    send(request, [done](const Result<ApiReply, Problem> &r) { done(decode<Registration>(r)); });
}

void ApiClient::createPayment(const QByteArray &idempotencyKey, const std::function<void(Result<OpenedOrder, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make("POST", QStringLiteral("/registrations/current/payments"));
    request.authenticated = true;
    request.idempotencyKey = idempotencyKey;
    send(request, [done](const Result<ApiReply, Problem> &r) {
        Result<PaymentOrder, Problem> order = decode<PaymentOrder>(r);
        if (!order) {
            done(order.error());
            return;
        }
        done(OpenedOrder{std::move(order).value(), r->status == 200});
    });
}

void ApiClient::refreshPayment(const QString &orderId, const QByteArray &idempotencyKey,
                               const std::function<void(Result<PaymentOrder, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make(
        "POST", QStringLiteral("/registrations/current/payments/%1/refresh").arg(QString::fromLatin1(QUrl::toPercentEncoding(orderId))));
    request.authenticated = true;
    request.idempotencyKey = idempotencyKey;
    send(request, [done](const Result<ApiReply, Problem> &r) { done(decode<PaymentOrder>(r)); });
}

void ApiClient::bulletins(BulletinKind kind, const std::function<void(Result<QList<Bulletin>, Problem>)> &done)
{
    const bool announcements = kind == BulletinKind::Announcement;
    send(ApiRequest::make("GET", announcements ? QStringLiteral("/announcements") : QStringLiteral("/notices")),
         [done](const Result<ApiReply, Problem> &r) {
             done(decodeList<Bulletin>(r, "items"));
         });
}

namespace {

QString idPath(const char *pattern, const QString &id)
{
    return QString::fromLatin1(pattern).arg(QString::fromLatin1(QUrl::toPercentEncoding(id)));
}

} // namespace

void ApiClient::photo(const std::function<void(Result<QByteArray, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make("GET", QStringLiteral("/registrations/current/photo"));
    request.authenticated = true;
    send(request, [done](const Result<ApiReply, Problem> &r) { done(r ? Result<QByteArray, Problem>(r->body) : r.error()); });
}

void ApiClient::reviewQueue(const QByteArray &etag,
                            const std::function<void(Result<std::optional<ReviewQueue>, Problem>, QByteArray)> &done)
{
    ApiRequest request = ApiRequest::make("GET", QStringLiteral("/staff/reviews"));
    request.authenticated = true;
    request.ifNoneMatch = etag;
    send(request, [done, etag](const Result<ApiReply, Problem> &r) {
        if (r && r->status == 304) {
            done(std::optional<ReviewQueue>(), etag);
            return;
        }
        Result<ReviewQueue, Problem> queue = decode<ReviewQueue>(r);
        if (!queue) {
            done(queue.error(), etag);
            return;
        }
        done(std::optional<ReviewQueue>(std::move(queue).value()), r->etag);
    });
}

void ApiClient::staffRegistration(const QString &registrationId, RegistrationCallback done)
{
    sendWrite("GET", idPath("/staff/registrations/%1", registrationId), {}, {}, done);
}

void ApiClient::staffPhoto(const QString &registrationId, const std::function<void(Result<QByteArray, Problem>)> &done)
{
    ApiRequest request = ApiRequest::make("GET", idPath("/staff/registrations/%1/photo", registrationId));
    request.authenticated = true;
    send(request, [done](const Result<ApiReply, Problem> &r) { done(r ? Result<QByteArray, Problem>(r->body) : r.error()); });
}

void ApiClient::decideReview(const QString &registrationId, const ReviewDecision &decision,
                             const QByteArray &idempotencyKey, RegistrationCallback done)
{
    sendWrite("POST", idPath("/staff/registrations/%1/decision", registrationId), toJson(decision.toJson()),
              idempotencyKey, done);
}

void ApiClient::lookUpByDocument(const DocumentLookup &lookup, RegistrationCallback done)
{
    sendWrite("POST", QStringLiteral("/staff/confirmations/lookup"), toJson(lookup.toJson()), {}, done);
}

void ApiClient::confirmOnSite(const QString &registrationId, const QByteArray &idempotencyKey, RegistrationCallback done)
{
    sendWrite("POST", idPath("/staff/registrations/%1/confirmation", registrationId), {}, idempotencyKey, done);
}

} // namespace ncre
