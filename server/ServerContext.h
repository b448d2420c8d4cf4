#pragma once

#include "AccountStore.h"
#include "Catalog.h"
#include "Credentials.h"
#include "Database.h"
#include "DocumentChecks.h"
#include "HttpServer.h"
#include "LoginThrottle.h"
#include "PasswordHasher.h"
#include "PaymentStore.h"
#include "PhotoSpec.h"
#include "WorkPool.h"
#include "RegistrationStore.h"
#include "ServerConfig.h"
#include "ServerClock.h"
#include "SessionStore.h"

#include <QByteArray>

namespace ncre::server {

// What every group of routes shares. Owned by ServerApp; routes hold a reference. Routes reach the database only
// through the stores (accounts, captchas, sessions, the QQ broker, registrations, payments, document checks, the
// login throttle): each table's SQL, and each limit, lives in one place.
struct ServerContext
{
    Database &db; // for transactions
    ServerClock &clock;
    HttpServer &http;
    Catalog &catalog;
    RegistrationStore &registrations;
    PaymentStore &payments;
    AccountStore &accounts;
    CaptchaStore &captchas;
    SessionStore &sessions;
    QqBrokerStore &qqBroker;
    LoginThrottle &throttle;
    DocumentChecks &documentChecks;
    PhotoSpec photoSpec;
    Credentials::KdfProfile kdf = Credentials::KdfProfile::Interactive;
    QByteArray platformKey; // the payment platform's signing key for notifies
    int notifyDelayMs = 200;   // how late the platform's asynchronous notify arrives
    QString publicBaseUrl;     // "http://127.0.0.1:8080": absolute Location headers and payment URLs
    PasswordHasher *hasher = nullptr; // Argon2id off the event loop, bounded
    WorkPool *photoChecks = nullptr;  // decoding and checking uploaded photos off the event loop, bounded
    // The QQ login's provider: the real QQ Connect when configured; else, with --seed demo or --test-hooks only, the
    // emulated one; else no QQ login at all.
    QqProviderConfig qq;
    bool emulateQq = false;
    // The payment platform: the real one when [payment] is configured; else, with --seed demo or --test-hooks only,
    // the emulated pages (/pay/{order}), which take no money; else orders cannot be paid (503 on creating one).
    PaymentPlatformConfig payment;
    bool emulatePayments = false;
    ClientVersions clients = ServerConfig::defaultClients(); // [clients]: published in /meta
};

// 503 server.busy with Retry-After: the password hashing queue is full.
ApiResponse hashingBusy(const PasswordHasher &hasher);

// Answers 304 when If-None-Match names `etag`; otherwise adds the ETag header to `response`.
ApiResponse conditional(const ApiRequest &request, ApiResponse response, const QByteArray &etag);
// Whether an If-None-Match field value matches `etag` (a strong ETag, quoted): "*", or a list of entity tags of which
// one equals it by the weak comparison (W/ ignored), as RFC 9110 §13.1.2 asks of If-None-Match.
bool ifNoneMatchMatches(const QByteArray &ifNoneMatch, const QByteArray &etag);
// The preconditions of a change to a resource whose ETag is `current` (nullopt: it has none yet), evaluated before
// the change (RFC 9110 §13.2.2): If-Match, when sent (even empty), holds when it is "*" and the resource exists, or
// names `current` by the strong comparison (§8.8.3.2: a W/ tag never matches); then If-None-Match holds when it
// does not match `current` (so "*" means "only if there is none yet"). An Error with code request.preconditionFailed (412)
// when they do not hold; nullopt when they do or none was sent.
std::optional<Error> changePrecondition(const ApiRequest &request, const std::optional<QByteArray> &current);
// A strong ETag over a body.
QByteArray bodyEtag(const QByteArray &body);
// 422 validation.failed with every field error.
ApiResponse validationProblem(const ErrorList &errors);
// The problem for a failed Result, or the JSON of the registration.
ApiResponse registrationResponse(ServerContext &ctx, const RegistrationRow &row, int status = 200);

// Deletes what strangers can make the server keep once it is no longer of use (issue 14): expired captchas, QQ
// login starts and one-time codes, idempotency records older than a day, document checks older than a day, and
// sessions past their refresh expiry. Run by ServerApp at most once a minute, and by the test clock hook.
void sweepAnonymousData(ServerContext &ctx);

// Marks an order paid once the platform has been paid for it; idempotent. Returns 204 (or 404).
ApiResponse settleOrder(ServerContext &ctx, const QString &orderId);

void registerExamRoutes(ServerContext &ctx);
void registerAccountRoutes(ServerContext &ctx);
void registerQqBrokerRoutes(ServerContext &ctx);
void registerRegistrationRoutes(ServerContext &ctx);
void registerPaymentRoutes(ServerContext &ctx);
void registerDocumentRoutes(ServerContext &ctx);
void registerStaffRoutes(ServerContext &ctx);
#ifdef NCRE_TEST_HOOKS
void registerTestHookRoutes(ServerContext &ctx);
#endif

} // namespace ncre::server
