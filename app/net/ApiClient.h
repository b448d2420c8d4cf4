#pragma once

#include "Account.h"
#include "Backoff.h"
#include "Exam.h"
#include "Meta.h"
#include "Problem.h"
#include "Registration.h"
#include "RegistrationRequests.h"
#include "Review.h"
#include "Result.h"
#include "Site.h"
#include "Subject.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace ncre {

// One request to the registration API, as the retry loop sees it.
struct ApiRequest
{
    QByteArray verb = "GET";
    QString path; // below /api/v1, e.g. "/registrations/current"
    QByteArray body;
    QByteArray contentType = "application/json";
    bool authenticated = false;
    // Created before the first attempt and sent on every retry, so a retried POST is never done twice.
    QByteArray idempotencyKey;
    QByteArray ifNoneMatch;
    QList<QPair<QByteArray, QByteArray>> headers; // any others (e.g. NCRE-Captcha-Id), sent on every attempt
    int maxAttempts = 0; // > 0: at most this many tries, whatever the client's RetryPolicy says
    int timeoutMs = 30000; // no byte for this long ends the try as network.timeout

    static ApiRequest make(const QByteArray &verb, const QString &path, const QByteArray &body = {})
    {
        ApiRequest r;
        r.verb = verb;
        r.path = path;
        r.body = body;
        return r;
    }
};

// What came back: status, body and the headers the client uses.
struct ApiReply
{
    int status = 0;
    QByteArray body;
    QByteArray etag;
    int attempts = 0;
};

// The typed client of the registration API (docs/openapi.yaml). The only owner of QNetworkAccessManager in the app.
// Failures come back as a Problem: the server's problem+json (with its field errors) or, for the network itself,
// a Problem with status 0 and a network.* code. Retries transport errors, 408, 429, 502, 503 and 504 with full
// jitter, honouring Retry-After, within RetryPolicy's bounds; signals each wait so the UI can say when it retries.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(QObject *parent = nullptr);

    // https, or http to a loopback address only (the demo and the tests); anything else is refused.
    Result<void> setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_base; }
    void setAccessToken(const QString &token) { m_accessToken = token; }
    QString accessToken() const { return m_accessToken; }
    // Called when an authenticated request answers 401: it should obtain a new access token and report whether it
    // did. The request is then replayed once. Concurrent 401s share one refresh.
    using TokenRefresher = std::function<void(std::function<void(bool refreshed)>)>;
    void setTokenRefresher(TokenRefresher refresher) { m_refresher = std::move(refresher); }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    const RetryPolicy &retryPolicy() const { return m_policy; }

    // The client's one HTTP policy, also for what does not go through send() (the libcurl transfers):
    // - retryDelayMs: whether and when to try again after `problem` on attempt number `attempt` (from 1), `elapsedMs`
    //   after the first: only a failure another attempt may fix (no answer for want of the network: network.timeout,
    //   network.unreachable; or 408, 429, 502, 503, 504), with full jitter (Backoff), never before Retry-After
    //   (`retryAfterMs`, RFC 9110 §10.2.3), within RetryPolicy's attempts and deadline. A wait is announced by
    //   retryScheduled. nullopt: give up.
    // - renewAccessToken: a 401's one token refresh, shared by every request that meets it at the same time.
    std::optional<qint64> retryDelayMs(int attempt, const Problem &problem, std::optional<qint64> retryAfterMs,
                                       qint64 elapsedMs);
    void renewAccessToken(std::function<void(bool renewed)> done);

    // Server time: the PC clock corrected by the offset measured from responses' Date headers.
    QDateTime serverNow() const;
    qint64 serverOffsetMs() const { return m_serverOffsetMs; }

    static QByteArray newIdempotencyKey();

    // What this client sent and received, every attempt counted: HTTP request and status lines, headers and
    // bodies (an estimate of the HTTP/1.1 bytes; TCP/IP overhead is not included).
    struct Traffic
    {
        qint64 requests = 0;
        qint64 bytesSent = 0;
        qint64 bytesReceived = 0;
    };
    Traffic traffic() const { return m_traffic; }
    void resetTraffic() { m_traffic = {}; }

    using ReplyCallback = std::function<void(Result<ApiReply, Problem>)>;
    void send(ApiRequest request, ReplyCallback done);

    void meta(const std::function<void(Result<Meta, Problem>)> &done);
    void currentExam(const std::function<void(Result<Exam, Problem>)> &done);
    void sites(const QString &examId, const std::function<void(Result<QList<Site>, Problem>)> &done);
    void subjects(const QString &examId, const QString &siteId, const std::function<void(Result<QList<Subject>, Problem>)> &done);
    void createCaptcha(const std::function<void(Result<Captcha, Problem>)> &done);
    void registerAccount(const AccountRegistration &account, const std::function<void(Result<AccountInfo, Problem>)> &done);
    void logIn(const LoginRequest &login, const std::function<void(Result<Session, Problem>)> &done);
    // PUT /accounts/me/password; the server ends every other session of the account.
    void changePassword(const PasswordChange &change, const std::function<void(Result<void, Problem>)> &done);
    // `etag` of the copy held; a 304 answers with nullopt (unchanged).
    void registration(const QByteArray &etag,
                      const std::function<void(Result<std::optional<Registration>, Problem>, QByteArray etag)> &done);

    // The registration's own resources. Writes answer with the registration as it now is. POSTs take the
    // Idempotency-Key the caller created before the first attempt (and kept in the outbox); empty: a new one.
    // (The candidate's writes go through sendWrite() from RegistrationFlow's outbox.)
    using RegistrationCallback = std::function<void(Result<Registration, Problem>)>;
    // The order, and whether it was already open (200) rather than created now (201).
    struct OpenedOrder
    {
        PaymentOrder order;
        bool reopened = false;
    };
    void createPayment(const QByteArray &idempotencyKey, const std::function<void(Result<OpenedOrder, Problem>)> &done);
    void refreshPayment(const QString &orderId, const QByteArray &idempotencyKey,
                        const std::function<void(Result<PaymentOrder, Problem>)> &done);
    void bulletins(BulletinKind kind, const std::function<void(Result<QList<Bulletin>, Problem>)> &done);
    // The photo the server holds (JPEG bytes), for the preview after upload.
    void photo(const std::function<void(Result<QByteArray, Problem>)> &done);

    // Site staff (kiosk mode): only their own site's registrations; anything else answers 404.
    // The site's queue and its recent decisions; `etag` of the copy held: a 304 answers with nullopt (unchanged).
    void reviewQueue(const QByteArray &etag,
                     const std::function<void(Result<std::optional<ReviewQueue>, Problem>, QByteArray etag)> &done);
    void staffRegistration(const QString &registrationId, RegistrationCallback done);
    void staffPhoto(const QString &registrationId, const std::function<void(Result<QByteArray, Problem>)> &done);
    void decideReview(const QString &registrationId, const ReviewDecision &decision, const QByteArray &idempotencyKey,
                      RegistrationCallback done);
    // 现场确认: find the registration by the document the candidate shows (POST: the number never enters a URL).
    void lookUpByDocument(const DocumentLookup &lookup, RegistrationCallback done);
    void confirmOnSite(const QString &registrationId, const QByteArray &idempotencyKey, RegistrationCallback done);

    // Any request of the registration flow by verb and path (the outbox replays what it kept this way).
    void sendWrite(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &idempotencyKey,
                   const RegistrationCallback &done, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // The absolute URL of an API path (transfers go through libcurl, not this client).
    QUrl urlFor(const QString &path) const;

signals:
    // A retryable failure; the next attempt starts in `delayMs` (at serverNow() + delay).
    void retryScheduled(int attempt, qint64 delayMs, ncre::ErrorCode reason);
    void serverClockMeasured(qint64 offsetMs);

private:
    void attempt(std::shared_ptr<ApiRequest> request, int attemptNumber, QElapsedTimer started, const ReplyCallback &done,
                 bool refreshed = false);
    void refreshThen(std::function<void(bool)> then);
    void measureServerClock(const QByteArray &dateHeader, qint64 roundTripMs);
    template<typename T>
    static Result<T, Problem> decode(const Result<ApiReply, Problem> &reply);

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_accessToken;
    RetryPolicy m_policy;
    std::function<double()> m_random;
    qint64 m_serverOffsetMs = 0;
    TokenRefresher m_refresher;
    QList<std::function<void(bool)>> m_waitingForRefresh; // non-empty while a refresh is in flight
    Traffic m_traffic;
};

} // namespace ncre
