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
constexpr qint64 kAccessSeconds = 15 * 60;
constexpr qint64 kRefreshSeconds = 30 * 24 * 3600;
constexpr qint64 kReuseGraceSeconds = 10;

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

ApiResponse newSession(ServerContext &ctx, qint64 accountId, qint64 *sessionId = nullptr)
{
    QSqlQuery a = ctx.db.run(QStringLiteral("SELECT username, role, site_id FROM accounts WHERE id = ?"), {accountId});
    if (!a.next())
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials));
    Session s;
    s.accessToken = QString::fromLatin1(Credentials::randomToken(32));
    s.refreshToken = QString::fromLatin1(Credentials::randomToken(32));
    s.expiresIn = int(kAccessSeconds);
    s.account.username = a.value(0).toString();
    s.account.role = accountRoleFromName(a.value(1).toString()).value_or(AccountRole::Candidate);
    s.account.siteId = a.value(2).toString();
    const qint64 now = ctx.clock.nowSecs();
    QSqlQuery q = ctx.db.run(QStringLiteral("INSERT INTO sessions (account_id, access_hash, refresh_hash, "
                                            "access_expires, refresh_expires) VALUES (?, ?, ?, ?, ?)"),
                             {accountId, sha256(s.accessToken.toLatin1()), sha256(s.refreshToken.toLatin1()),
                              now + kAccessSeconds, now + kRefreshSeconds});
    if (q.lastError().type() != QSqlError::NoError)
        return ApiResponse::problem(Error(ErrorCode::ServerInternal));
    if (sessionId)
        *sessionId = q.lastInsertId().toLongLong();
    return ApiResponse::json(s.toJson());
}

// The QQ broker's one-time code: redeemable once, with the PKCE verifier that matches the challenge given at
// /oauth/qq/start, before it expires.
// At the OAuth token endpoint (`redirect` set) the request must also repeat the redirect the login started with
// (RFC 6749 §4.1.3); POST /sessions, the desk's own call, has PKCE alone.
ApiResponse redeemQqCode(ServerContext &ctx, const QString &code, const QString &verifier,
                         const std::optional<QString> &redirect = std::nullopt)
{
    QSqlQuery q = ctx.db.run(QStringLiteral("SELECT account_id, code_challenge, expires, redirect_uri FROM qq_codes WHERE code = ?"),
                             {sha256(code.toLatin1())});
    if (code.isEmpty() || !q.next())
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, {}, QStringLiteral("unknown code")));
    const qint64 accountId = q.value(0).toLongLong();
    const QByteArray challenge = q.value(1).toByteArray();
    const qint64 expires = q.value(2).toLongLong();
    const QString startedWith = q.value(3).toString();
    ctx.db.run(QStringLiteral("DELETE FROM qq_codes WHERE code = ?"), {sha256(code.toLatin1())});
    if (redirect && QUrl(*redirect, QUrl::StrictMode) != QUrl(startedWith, QUrl::StrictMode))
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, QStringLiteral("redirect_uri"),
                                          QStringLiteral("not the redirect the login started with")));
    const QByteArray computed
        = sha256(verifier.toLatin1()).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (expires <= ctx.clock.nowSecs() || verifier.isEmpty() || computed != challenge)
        return ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials, {}, QStringLiteral("bad verifier")));
    return newSession(ctx, accountId);
}

// Wrong passwords slow down whoever makes them, without locking the owner out for long (issue 14): each account
// name and each client address has a failure count that halves every 10 minutes. From kUserThreshold failures on an
// account name (kAddressThreshold from one address, which schools and exam sites share) the next try must wait
// 15 s, doubling with each further failure, at most 15 minutes (429 auth.locked with Retry-After). Account names are
// counted whether the account exists or not, so the answers tell nothing about which do; every login also needs a
// fresh captcha.
constexpr double kUserThreshold = 5;
constexpr double kAddressThreshold = 20;
constexpr double kHalfLifeSeconds = 600;
constexpr qint64 kMaxWaitSeconds = 15 * 60;

QString userKey(const QString &username)
{
    return QStringLiteral("user:") + username.trimmed().toCaseFolded();
}

QString addressKey(const ApiRequest &r)
{
    return QStringLiteral("addr:") + r.http.remoteAddress.toString();
}

// The failures of `key` now (decayed) and when the last was.
std::pair<double, qint64> failures(ServerContext &ctx, const QString &key)
{
    QSqlQuery q = ctx.db.run(QStringLiteral("SELECT failures, last_at FROM login_throttle WHERE key = ?"), {key});
    if (!q.next())
        return {0.0, 0};
    const qint64 last = q.value(1).toLongLong();
    const double elapsed = double(qMax<qint64>(0, ctx.clock.nowSecs() - last));
    return {q.value(0).toDouble() * std::pow(0.5, elapsed / kHalfLifeSeconds), last};
}

// Seconds `key` must still wait (0: it may try now).
qint64 waitFor(ServerContext &ctx, const QString &key, double threshold)
{
    const auto [decayed, last] = failures(ctx, key);
    // Whole failures: quick tries a second apart have hardly decayed (4.995 is the fifth failure, not the fourth).
    const double count = std::floor(decayed + 0.25);
    if (count < threshold)
        return 0;
    const qint64 wait = qMin<qint64>(kMaxWaitSeconds, qint64(15.0 * std::pow(2.0, count - threshold)));
    return qMax<qint64>(0, last + wait - ctx.clock.nowSecs());
}

qint64 loginWait(ServerContext &ctx, const QString &username, const ApiRequest &r)
{
    return qMax(waitFor(ctx, userKey(username), kUserThreshold), waitFor(ctx, addressKey(r), kAddressThreshold));
}

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
    for (const QString &key : {userKey(username), addressKey(r)}) {
        const double count = failures(ctx, key).first + 1;
        ctx.db.run(QStringLiteral("INSERT INTO login_throttle (key, failures, last_at) VALUES (?, ?, ?) ON CONFLICT (key) "
                                  "DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at"),
                   {key, count, ctx.clock.nowSecs()});
    }
    const qint64 wait = loginWait(ctx, username, r);
    if (wait > 0)
        qCInfo(lcServer) << "wrong passwords: next try in" << wait << "s";
    return lockedFor(wait);
}

void logIn(ServerContext &ctx, ApiRequest &r, Reply reply)
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
    if (!consumeCaptcha(ctx, req->captchaId, req->captchaAnswer)) {
        reply(ApiResponse::problem(Error(ErrorCode::AuthCaptcha, QStringLiteral("captchaAnswer"))));
        return;
    }
    if (auto locked = lockedFor(loginWait(ctx, req->username, r))) {
        reply(*locked);
        return;
    }
    QSqlQuery q = ctx.db.run(QStringLiteral("SELECT id, password_hash FROM accounts WHERE username = ?"), {req->username});
    // Unknown accounts are checked against a dummy hash of the same cost: the same answer after the same time.
    const bool known = q.next();
    const qint64 id = known ? q.value(0).toLongLong() : 0;
    const QString hash = known ? q.value(1).toString() : QString();
    const QString username = req->username;
    const ApiRequest request = r;
    const bool queued = ctx.hasher->verify(hash, req->password, [&ctx, id, known, username, request, reply](bool matches) {
        if (!known || !matches) {
            if (auto locked = countFailure(ctx, username, request)) {
                reply(*locked);
                return;
            }
            reply(ApiResponse::problem(Error(ErrorCode::AuthInvalidCredentials)));
            return;
        }
        ctx.db.run(QStringLiteral("DELETE FROM login_throttle WHERE key = ?"), {userKey(username)});
        reply(newSession(ctx, id));
    });
    if (!queued)
        reply(hashingBusy(*ctx.hasher));
}

} // namespace

void sweepAnonymousData(ServerContext &ctx)
{
    const qint64 now = ctx.clock.nowSecs();
    const qint64 dayAgo = now - 24 * 3600;
    const QList<QPair<QString, qint64>> sweeps = {
        {QStringLiteral("DELETE FROM captchas WHERE expires < ?"), now},
        {QStringLiteral("DELETE FROM qq_flows WHERE expires < ?"), now},
        {QStringLiteral("DELETE FROM qq_codes WHERE expires < ?"), now},
        {QStringLiteral("DELETE FROM idempotency WHERE created_at < ?"), dayAgo},
        {QStringLiteral("DELETE FROM document_checks WHERE created_at < ?"), dayAgo},
        {QStringLiteral("DELETE FROM sessions WHERE refresh_expires < ?"), now},
        {QStringLiteral("DELETE FROM login_throttle WHERE last_at < ?"), dayAgo},
    };
    int removed = 0;
    for (const auto &[sql, before] : sweeps)
        removed += ctx.db.run(sql, {before}).numRowsAffected();
    if (removed > 0)
        qCInfo(lcServerDb) << "swept" << removed << "expired rows";
}

bool consumeCaptcha(ServerContext &ctx, const QString &id, const QString &answer)
{
    QSqlQuery q = ctx.db.run(QStringLiteral("SELECT answer, expires FROM captchas WHERE id = ?"), {id});
    if (!q.next())
        return false;
    const QString expected = q.value(0).toString();
    const qint64 expires = q.value(1).toLongLong();
    ctx.db.run(QStringLiteral("DELETE FROM captchas WHERE id = ? OR expires < ?"), {id, ctx.clock.nowSecs()});
    // As typed: full-width letters and digits folded, invisible marks and spaces dropped (InputText).
    return expires > ctx.clock.nowSecs()
        && InputText::numberLike(answer).remove(QLatin1Char(' ')).compare(expected, Qt::CaseInsensitive) == 0;
}

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

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/captcha"), {}, [&ctx](ApiRequest &) {
        Captcha c;
        c.id = QString::fromLatin1(Credentials::randomToken(16));
        const QString answer = CaptchaImage::randomAnswer();
        c.png = CaptchaImage::renderPng(answer);
        c.expiresAt = ctx.clock.now().addSecs(kCaptchaSeconds);
        ctx.db.run(QStringLiteral("INSERT INTO captchas (id, answer, expires) VALUES (?, ?, ?)"),
                   {c.id, answer, c.expiresAt.toSecsSinceEpoch()});
        return ApiResponse::json(c.toJson(), 201);
    });

    RouteOptions registerOptions;
    registerOptions.body = BodyKind::Json;
    registerOptions.idempotent = true;
    ctx.http.addAsyncRoute(Method::Post, QStringLiteral("/api/v1/accounts"), registerOptions, [&ctx](ApiRequest &r, Reply reply) {
        const Result<AccountRegistration> req = AccountRegistration::fromJson(r.json, JsonStrictness::Strict);
        if (!req) {
            reply(ApiResponse::problem(req.error()));
            return;
        }
        if (!consumeCaptcha(ctx, req->captchaId, req->captchaAnswer)) {
            reply(ApiResponse::problem(Error(ErrorCode::AuthCaptcha, QStringLiteral("captchaAnswer"))));
            return;
        }
        ErrorList errors = AccountRules::validateUsername(req->username);
        errors += AccountRules::validatePassword(req->password, req->username);
        if (!errors.isEmpty()) {
            reply(validationProblem(errors));
            return;
        }
        if (ctx.db.scalar(QStringLiteral("SELECT 1 FROM accounts WHERE username = ?"), {req->username}).isValid()) {
            reply(ApiResponse::problem(Error(ErrorCode::AccountUsernameTaken, QStringLiteral("username"))));
            return;
        }
        const QString username = req->username;
        const bool queued = ctx.hasher->hash(req->password, [&ctx, username, reply](const QString &hash) {
            if (hash.isEmpty()) {
                reply(ApiResponse::problem(Error(ErrorCode::ServerInternal, {}, QStringLiteral("hashing failed"))));
                return;
            }
            // The name may have been taken while the password was hashed: the unique index decides.
            QSqlQuery q = ctx.db.run(QStringLiteral("INSERT INTO accounts (username, password_hash, role, created_at) "
                                                    "VALUES (?, ?, 'candidate', ?)"),
                                     {username, hash, ctx.clock.nowSecs()});
            if (q.lastError().type() != QSqlError::NoError) {
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
                           [&ctx](ApiRequest &r, Reply reply) { logIn(ctx, r, std::move(reply)); });

    RouteOptions authenticated;
    authenticated.access = Access::Authenticated;
    ctx.http.addRoute(Method::Delete, QStringLiteral("/api/v1/sessions"), authenticated, [&ctx](ApiRequest &r) {
        ctx.db.run(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE id = ?"), {r.caller->sessionId});
        return ApiResponse::empty(204);
    });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/sessions/refresh"), loginOptions, [&ctx](ApiRequest &r) {
        const Result<RefreshRequest> req = RefreshRequest::fromJson(r.json, JsonStrictness::Strict);
        if (!req)
            return ApiResponse::problem(req.error());
        QSqlQuery q = ctx.db.run(QStringLiteral("SELECT id, account_id, refresh_expires, revoked, replaced_by, rotated_at "
                                                "FROM sessions WHERE refresh_hash = ?"),
                                 {sha256(req->refreshToken.toLatin1())});
        const bool found = q.next();
        const qint64 now = ctx.clock.nowSecs();
        if (found && q.value(3).toInt() != 0 && !q.value(4).isNull()) {
            // A refresh token that was already rotated, presented again: two holders of one token (theft detection,
            // RFC 9700 §4.14.2). After a short grace (a client retrying a lost answer), the whole chain it led to
            // ends: the thief's session and the owner's alike; the owner logs in again.
            if (now - q.value(5).toLongLong() > kReuseGraceSeconds) {
                qint64 next = q.value(4).toLongLong();
                for (int hops = 0; next != 0 && hops < 10000; ++hops) {
                    ctx.db.run(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE id = ?"), {next});
                    next = ctx.db.scalar(QStringLiteral("SELECT replaced_by FROM sessions WHERE id = ?"), {next}).toLongLong();
                }
                qCWarning(lcServer) << "refresh token reused: the sessions of account" << q.value(1).toLongLong()
                                    << "that followed it are ended";
            }
            return ApiResponse::problem(Error(ErrorCode::AuthRequired, {}, QStringLiteral("refresh token not valid")));
        }
        if (!found || q.value(3).toInt() != 0 || q.value(2).toLongLong() <= now)
            return ApiResponse::problem(Error(ErrorCode::AuthRequired, {}, QStringLiteral("refresh token not valid")));
        const qint64 sessionId = q.value(0).toLongLong();
        const qint64 accountId = q.value(1).toLongLong();
        // Rotation: the old pair stops working the moment the new one exists, and remembers it.
        Transaction tx(ctx.db);
        qint64 successor = 0;
        ApiResponse response = newSession(ctx, accountId, &successor);
        ctx.db.run(QStringLiteral("UPDATE sessions SET revoked = 1, replaced_by = ?, rotated_at = ? WHERE id = ?"),
                   {successor, now, sessionId});
        tx.commit();
        return response;
    });

    RouteOptions passwordOptions = authenticated;
    passwordOptions.body = BodyKind::Json;
    ctx.http.addAsyncRoute(
        Method::Put, QStringLiteral("/api/v1/accounts/me/password"), passwordOptions, [&ctx](ApiRequest &r, Reply reply) {
            const Result<PasswordChange> req = PasswordChange::fromJson(r.json, JsonStrictness::Strict);
            if (!req) {
                reply(ApiResponse::problem(req.error()));
                return;
            }
            const ErrorList errors = AccountRules::validatePassword(req->newPassword, r.caller->username,
                                                                    QStringLiteral("newPassword"));
            const Caller caller = *r.caller;
            QSqlQuery q = ctx.db.run(QStringLiteral("SELECT password_hash FROM accounts WHERE id = ?"), {caller.accountId});
            const QString hash = q.next() ? q.value(0).toString() : QString();
            if (auto locked = lockedFor(loginWait(ctx, caller.username, r))) {
                reply(*locked);
                return;
            }
            const ApiRequest request = r;
            const QString newPassword = req->newPassword;
            const bool reused = req->newPassword == req->currentPassword;
            const bool queued = ctx.hasher->verify(hash, req->currentPassword, [&ctx, caller, errors, newPassword, reused, request, reply](bool matches) {
                if (!matches) {
                    // Guessing the current password is guessing a login: it counts like one.
                    if (auto locked = countFailure(ctx, caller.username, request)) {
                        reply(*locked);
                        return;
                    }
                    reply(validationProblem({Error(ErrorCode::AuthInvalidCredentials, QStringLiteral("currentPassword"))}));
                    return;
                }
                ctx.db.run(QStringLiteral("DELETE FROM login_throttle WHERE key = ?"), {userKey(caller.username)});
                if (!errors.isEmpty()) {
                    reply(validationProblem(errors));
                    return;
                }
                if (reused) {
                    reply(validationProblem({Error(ErrorCode::AccountPasswordReused, QStringLiteral("newPassword"))}));
                    return;
                }
                const bool hashing = ctx.hasher->hash(newPassword, [&ctx, caller, reply](const QString &newHash) {
                    if (newHash.isEmpty()) {
                        reply(ApiResponse::problem(Error(ErrorCode::ServerInternal, {}, QStringLiteral("hashing failed"))));
                        return;
                    }
                    Transaction tx(ctx.db);
                    ctx.db.run(QStringLiteral("UPDATE accounts SET password_hash = ? WHERE id = ?"), {newHash, caller.accountId});
                    // Every other session ends: a changed password must lock out whoever knew the old one.
                    ctx.db.run(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE account_id = ? AND id != ?"),
                               {caller.accountId, caller.sessionId});
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
