#include "Account.h"
#include "InputText.h"
#include "CaptchaImage.h"
#include "Meta.h"
#include "ServerContext.h"
#include "ServerLogging.h"

#include <QCryptographicHash>

#include <cmath>
#include <optional>
#include <QJsonDocument>
#include <QUrlQuery>

namespace ncre::server {

using Method = HttpMethod;

namespace {

constexpr qint64 kCaptchaSeconds = 300;

ApiResponse newSession(ServerContext &ctx, qint64 accountId)
{
    const auto issued = ctx.sessions.issue(accountId);
    if (!issued)
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials));
    return ApiResponse::json(issued->session.toJson());
}

// The QQ broker's one-time code: redeemable once, with the PKCE verifier that matches the challenge given at
// /oauth/qq/start, before it expires.
// At the OAuth token endpoint (`redirect` set) the request must also repeat the redirect the login started with
// (RFC 6749 §4.1.3); POST /sessions, the desk's own call, has PKCE alone.
ApiResponse redeemQqCode(ServerContext &ctx, const QString &code, const QString &verifier,
                         const std::optional<QString> &redirect = std::nullopt)
{
    const auto grant = ctx.qqBroker.takeCode(code);
    if (!grant)
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, {}, QStringLiteral("unknown code")));
    if (redirect && QUrl(*redirect, QUrl::StrictMode) != QUrl(grant->redirect, QUrl::StrictMode))
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, QStringLiteral("redirect_uri"),
                                          QStringLiteral("not the redirect the login started with")));
    const QByteArray computed = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (grant->expires <= ctx.clock.nowSecs() || verifier.isEmpty() || computed != grant->codeChallenge)
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, {}, QStringLiteral("bad verifier")));
    return newSession(ctx, grant->accountId);
}

QString address(const ApiRequest &r)
{
    return r.http.client();
}

// 429 auth.locked with Retry-After while the LoginThrottle makes the caller wait.
std::optional<ApiResponse> lockedFor(qint64 seconds)
{
    if (seconds <= 0)
        return std::nullopt;
    Problem p = Problem::fromError(Error(ErrorCode::AuthLocked));
    p.retryAfterSeconds = int(seconds);
    return ApiResponse::problem(p);
}

// A wrong password (at login, or as the current password of a change) for `username` from the caller's address.
// Answers the wait it now imposes, if any.
std::optional<ApiResponse> countFailure(ServerContext &ctx, const QString &username, const ApiRequest &r)
{
    const qint64 wait = ctx.throttle.countFailure(username, address(r));
    if (wait > 0)
        qCInfo(lcServer) << "wrong passwords: next try in" << wait << "s";
    return lockedFor(wait);
}

void logIn(ServerContext &ctx, ApiRequest &r, const Reply &reply)
{
    const Result<LoginRequest> req = LoginRequest::fromJson(r.json, JsonStrictness::Strict);
    if (!req) {
        reply(ApiResponse::problem(req.error()));
        return;
    }
    if (req->isQqLogin()) {
        reply(redeemQqCode(ctx, req->oneTimeCode, req->codeVerifier));
        return;
    }
    if (!ctx.captchas.consume(req->captchaId, req->captchaAnswer)) {
        reply(ApiResponse::problem(Error(ErrorCode::AuthCaptcha, QStringLiteral("captchaAnswer"))));
        return;
    }
    if (auto locked = lockedFor(ctx.throttle.wait(req->username, address(r)))) {
        reply(*locked);
        return;
    }
    // Unknown accounts are checked against a dummy hash of the same cost: the same answer after the same time.
    const auto account = ctx.accounts.byName(req->username);
    const bool known = account.has_value();
    const qint64 id = known ? account->id : 0;
    const QString hash = known ? account->passwordHash : QString();
    const QString username = req->username;
    const ApiRequest request = r;
    const bool queued = ctx.hasher->verify(address(r), hash, req->password, [&ctx, id, known, username, request, reply](bool matches) {
        if (!known || !matches) {
            if (auto locked = countFailure(ctx, username, request)) {
                reply(*locked);
                return;
            }
            reply(ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials)));
            return;
        }
        ctx.throttle.forgive(username, address(request));
        reply(newSession(ctx, id));
    });
    if (!queued)
        reply(hashingBusy(*ctx.hasher));
}

} // namespace

void registerAccountRoutes(ServerContext &ctx)
{
    // RFC 6749 §4.1.3 token request with RFC 7636's code_verifier, for OAuth clients (QtNetworkAuth's
    // QOAuth2AuthorizationCodeFlow): the same one-time code as POST /sessions, answered as an RFC 6749 §5.1 token
    // response that also carries the account. Errors are problem+json like everywhere else.
    RouteOptions tokenForm;
    tokenForm.body = BodyKind::Form;
    tokenForm.maxBody = 4096;
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/oauth/qq/token"), tokenForm, [&ctx](ApiRequest &r) {
        const QUrlQuery fields(QString::fromUtf8(r.http.body));
        if (fields.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("authorization_code"))
            return ApiResponse::problem(Error(ErrorCode::RequestMalformed, QStringLiteral("grant_type"),
                                              QStringLiteral("only authorization_code")));
        // The desk is the only client of this broker (a public client, RFC 6749 §2.1: no secret).
        if (fields.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded) != QLatin1String("ncre-desk"))
            return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, QStringLiteral("client_id"),
                                              QStringLiteral("unknown client")));
        ApiResponse session = redeemQqCode(ctx, fields.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded),
                                           fields.queryItemValue(QStringLiteral("code_verifier"), QUrl::FullyDecoded),
                                           fields.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        if (session.status != 200)
            return session;
        const QJsonObject s = QJsonDocument::fromJson(session.body).object();
        ApiResponse token = ApiResponse::json({{QStringLiteral("access_token"), s.value(QLatin1String("accessToken"))},
                                               {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                               {QStringLiteral("expires_in"), s.value(QLatin1String("expiresIn"))},
                                               {QStringLiteral("refresh_token"), s.value(QLatin1String("refreshToken"))},
                                               {QStringLiteral("account"), s.value(QLatin1String("account"))}});
        token.addHeader("Cache-Control", "no-store");
        return token;
    });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/captcha"), {}, [&ctx](ApiRequest &r) {
        Captcha c;
        const QString answer = CaptchaImage::randomAnswer();
        c.expiresAt = ctx.clock.now().addSecs(kCaptchaSeconds);
        qint64 retryAfter = 0;
        c.id = ctx.captchas.issue(address(r), answer, c.expiresAt, &retryAfter);
        if (c.id.isEmpty() && !ctx.db.storageFailed()) {
            qCInfo(lcServer).noquote() << "captchas: limit of live captchas reached for" << address(r);
            Problem p = Problem::fromError(Error(ErrorCode::ServerBusy, {}, QStringLiteral("too many captchas from this address")));
            p.retryAfterSeconds = int(retryAfter); // when the oldest of them expires: the next one may be issued then
            return ApiResponse::problem(p);
        }
        c.png = CaptchaImage::renderPng(answer);
        return ApiResponse::json(c.toJson(), 201);
    });

    RouteOptions registerOptions;
    registerOptions.body = BodyKind::Json;
    registerOptions.idempotent = true;
    ctx.http.addAsyncRoute(Method::Post, QStringLiteral("/api/v1/accounts"), registerOptions, [&ctx](ApiRequest &r, const Reply &reply) {
        const Result<AccountRegistration> req = AccountRegistration::fromJson(r.json, JsonStrictness::Strict);
        if (!req) {
            reply(ApiResponse::problem(req.error()));
            return;
        }
        if (!ctx.captchas.consume(req->captchaId, req->captchaAnswer)) {
            reply(ApiResponse::problem(Error(ErrorCode::AuthCaptcha, QStringLiteral("captchaAnswer"))));
            return;
        }
        ErrorList errors = AccountRules::validateUsername(req->username);
        errors += AccountRules::validatePassword(req->password, req->username);
        if (!errors.isEmpty()) {
            reply(validationProblem(errors));
            return;
        }
        if (ctx.accounts.exists(req->username)) {
            reply(ApiResponse::problem(Error(ErrorCode::AccountUsernameTaken, QStringLiteral("username"))));
            return;
        }
        const QString username = req->username;
        const bool queued = ctx.hasher->hash(address(r), req->password, [&ctx, username, reply](const QString &hash) {
            if (hash.isEmpty()) {
                reply(ApiResponse::problem(Error(ErrorCode::ServerInternal, {}, QStringLiteral("hashing failed"))));
                return;
            }
            // The name may have been taken while the password was hashed: the unique index decides.
            if (!ctx.accounts.create(username, hash)) {
                reply(ApiResponse::problem(Error(ErrorCode::AccountUsernameTaken, QStringLiteral("username"))));
                return;
            }
            AccountInfo info;
            info.username = username;
            reply(ApiResponse::json(info.toJson(), 201));
        });
        if (!queued)
            reply(hashingBusy(*ctx.hasher));
    });

    RouteOptions loginOptions;
    loginOptions.body = BodyKind::Json;
    ctx.http.addAsyncRoute(Method::Post, QStringLiteral("/api/v1/sessions"), loginOptions,
                           [&ctx](ApiRequest &r, Reply reply) { logIn(ctx, r, reply); });

    RouteOptions authenticated;
    authenticated.access = Access::Authenticated;
    ctx.http.addRoute(Method::Delete, QStringLiteral("/api/v1/sessions"), authenticated, [&ctx](ApiRequest &r) {
        ctx.sessions.revoke(r.caller->sessionId);
        return ApiResponse::empty(204);
    });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/sessions/refresh"), loginOptions, [&ctx](ApiRequest &r) {
        const Result<RefreshRequest> req = RefreshRequest::fromJson(r.json, JsonStrictness::Strict);
        if (!req)
            return ApiResponse::problem(req.error());
        // Within the request's transaction (HttpServer): a refusal keeps what rotate() ended on reuse.
        const auto next = ctx.sessions.rotate(req->refreshToken, address(r));
        if (!next)
            return ApiResponse::problem(Error(ErrorCode::AuthRequired, {}, QStringLiteral("refresh token not valid")));
        return ApiResponse::json(next->session.toJson());
    });

    RouteOptions passwordOptions = authenticated;
    passwordOptions.body = BodyKind::Json;
    ctx.http.addAsyncRoute(
        Method::Put, QStringLiteral("/api/v1/accounts/me/password"), passwordOptions, [&ctx](ApiRequest &r, const Reply &reply) {
            const Result<PasswordChange> req = PasswordChange::fromJson(r.json, JsonStrictness::Strict);
            if (!req) {
                reply(ApiResponse::problem(req.error()));
                return;
            }
            const ErrorList errors = AccountRules::validatePassword(req->newPassword, r.caller->username,
                                                                    QStringLiteral("newPassword"));
            // What needs no hashing is answered first: a new password that breaks the rules, or is the current one,
            // costs the server nothing (the rules are public; the two fields are the caller's own).
            if (!errors.isEmpty()) {
                reply(validationProblem(errors));
                return;
            }
            if (req->newPassword == req->currentPassword) {
                reply(validationProblem({Error(ErrorCode::AccountPasswordReused, QStringLiteral("newPassword"))}));
                return;
            }
            const Caller caller = *r.caller;
            const auto account = ctx.accounts.byId(caller.accountId);
            const QString hash = account ? account->passwordHash : QString();
            if (auto locked = lockedFor(ctx.throttle.wait(caller.username, address(r)))) {
                reply(*locked);
                return;
            }
            const ApiRequest request = r;
            const QString newPassword = req->newPassword;
            const bool queued = ctx.hasher->verify(address(r), hash, req->currentPassword, [&ctx, caller, newPassword, request, reply](bool matches) {
                if (!matches) {
                    // Guessing the current password is guessing a login: it counts like one.
                    if (auto locked = countFailure(ctx, caller.username, request)) {
                        reply(*locked);
                        return;
                    }
                    reply(validationProblem({Error(ErrorCode::AuthInvalidCredentials, QStringLiteral("currentPassword"))}));
                    return;
                }
                ctx.throttle.forgive(caller.username, address(request));
                const bool hashing = ctx.hasher->hash(address(request), newPassword, [&ctx, caller, reply](const QString &newHash) {
                    if (newHash.isEmpty()) {
                        reply(ApiResponse::problem(Error(ErrorCode::ServerInternal, {}, QStringLiteral("hashing failed"))));
                        return;
                    }
                    Transaction tx(ctx.db);
                    // Every other session ends: a changed password must lock out whoever knew the old one.
                    ctx.accounts.setPassword(caller.accountId, newHash, caller.sessionId);
                    tx.commit();
                    reply(ApiResponse::empty(204));
                });
                if (!hashing)
                    reply(hashingBusy(*ctx.hasher));
            });
            if (!queued)
                reply(hashingBusy(*ctx.hasher));
        });
}

} // namespace ncre::server
