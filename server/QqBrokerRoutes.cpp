#include "ServerContext.h"
#include "ServerLogging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrlQuery>

namespace ncre::server {

using Method = HttpMethod;

namespace {

constexpr qint64 kFlowSeconds = 600;
constexpr qint64 kCodeSeconds = 120;

ApiResponse badRequest(const QString &field, const QString &detail)
{
    return ApiResponse::problem(Error(ErrorCode::RequestMalformed, field, detail));
}

// RFC 8252 §7.3: a loopback IP literal with any port; "localhost" is not accepted (§8.3).
bool isLoopbackRedirect(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("http") && url.port() > 0 && url.userInfo().isEmpty()
        && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1")) && !url.hasFragment();
}

QString callbackUrl(const ServerContext &ctx)
{
    return ctx.publicBaseUrl + QStringLiteral("/api/v1/oauth/qq/callback");
}

QString providerPage(const QString &flow)
{
    return QStringLiteral(
               "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>QQ登录</title>"
               "<style>body{font-family:sans-serif;max-width:28em;margin:3em auto}button{padding:.4em 1.4em}</style>"
               "</head><body><h1>QQ 授权登录</h1><p>NCRE Desk 将获得你的QQ公开信息（昵称、头像）。</p>"
               "<p><em>This page emulates QQ's authorization page for the demo and the tests.</em></p>"
               "<form method=\"post\"><input type=\"hidden\" name=\"flow\" value=\"%1\">"
               "<p><label>QQ号 <input name=\"qqNumber\" value=\"10001\" pattern=\"[1-9][0-9]{4,11}\"></label></p>"
               "<p><button type=\"submit\">授权并登录</button></p></form></body></html>")
        .arg(flow.toHtmlEscaped());
}

// The account bound to the provider's user (`providerUser`: the emulated QQ number, or QQ Connect's openid), created
// on the first login with no usable password; then the one-time code for the client's loopback redirect.
ApiResponse issueCode(ServerContext &ctx, const QString &providerUser, const QUrl &redirect, const QString &clientState,
                      const QString &challenge)
{
    Transaction tx(ctx.db);
    const qint64 account = ctx.accounts.boundToQq(providerUser);
    if (account == 0)
        return ApiResponse::problem(Error(ErrorCode::ServerInternal, {}, QStringLiteral("account not created")));
    const QByteArray code = ctx.qqBroker.issueCode(account, challenge, redirect, ctx.clock.nowSecs() + kCodeSeconds);
    tx.commit();
    QUrl target = redirect;
    QUrlQuery query(target);
    query.addQueryItem(QStringLiteral("code"), QString::fromLatin1(code));
    query.addQueryItem(QStringLiteral("state"), clientState);
    target.setQuery(query);
    qCInfo(lcServer) << "QQ login brokered for account" << account;
    return ApiResponse::redirect(target.toEncoded());
}

// A JSON object from QQ Connect: `fmt=json` answers, the legacy JSONP "callback( {...} );", or the form-encoded
// token answer ("access_token=...&expires_in=...").
QJsonObject providerAnswer(const QByteArray &body)
{
    const qsizetype open = body.indexOf('{');
    const qsizetype close = body.lastIndexOf('}');
    if (open >= 0 && close > open)
        return QJsonDocument::fromJson(body.mid(open, close - open + 1)).object();
    QJsonObject o;
    for (const auto &[k, v] : QUrlQuery(QString::fromUtf8(body)).queryItems(QUrl::FullyDecoded))
        o.insert(k, v);
    return o;
}

// GET `url` at the provider, at most 64 KiB of answer, within 10 s; the JSON object, or an error.
void askProvider(QNetworkAccessManager &nam, const QUrl &url, const std::function<void(Result<QJsonObject>)> &done)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nam.get(request);
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply]() {
        if (reply->bytesAvailable() > 64 * 1024)
            reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done]() {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            qCWarning(lcServer) << "QQ provider unreachable or refused:" << reply->error() << status;
            done(Error(ErrorCode::ServerUnavailable, {}, QStringLiteral("QQ provider unreachable")));
            return;
        }
        const QJsonObject answer = providerAnswer(reply->read(64 * 1024));
        if (answer.contains(QLatin1String("error"))) {
            qCInfo(lcServer) << "QQ provider refused:" << answer.value(QLatin1String("error")).toVariant().toString();
            done(Error(ErrorCode::AuthInvalidCredentials, {}, QStringLiteral("QQ provider refused")));
            return;
        }
        done(answer);
    });
}

} // namespace

// The server-brokered QQ login: the desktop client never holds QQ's app secret; it gets a one-time code on its
// loopback redirect and redeems it, with its PKCE verifier, at POST /sessions. The provider is QQ Connect when
// [qq] is configured; the emulated page (which lets the caller name any QQ number) only with --seed demo or
// --test-hooks; otherwise there are no QQ routes at all.
void registerQqBrokerRoutes(ServerContext &ctx)
{
    if (!ctx.qq.configured() && !ctx.emulateQq) {
        qCInfo(lcServer) << "QQ login is off: no [qq] provider configured";
        return;
    }
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/oauth/qq/start"), {}, [&ctx](ApiRequest &r) {
        const QUrlQuery q = r.http.query();
        const QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), QUrl::StrictMode);
        const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        const QString challenge = q.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
        static const QRegularExpression base64url(QStringLiteral("^[A-Za-z0-9_-]{43,128}$"));
        // The contract's lengths (docs/openapi.yaml), before anything is stored.
        if (q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyEncoded).size() > 512)
            return badRequest(QStringLiteral("redirect_uri"), QStringLiteral("at most 512 characters"));
        if (!isLoopbackRedirect(redirect))
            return badRequest(QStringLiteral("redirect_uri"), QStringLiteral("must be http://127.0.0.1:<port>/..."));
        // The broker adds code and state itself: a redirect that already carries them could smuggle a second pair.
        if (const QUrlQuery given(redirect); given.hasQueryItem(QStringLiteral("code")) || given.hasQueryItem(QStringLiteral("state")))
            return badRequest(QStringLiteral("redirect_uri"), QStringLiteral("must not carry code or state"));
        if (state.size() < 16 || state.size() > 256)
            return badRequest(QStringLiteral("state"), QStringLiteral("16-256 characters"));
        if (!base64url.match(challenge).hasMatch())
            return badRequest(QStringLiteral("code_challenge"), QStringLiteral("43-128 base64url characters"));
        if (q.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256"))
            return badRequest(QStringLiteral("code_challenge_method"), QStringLiteral("only S256"));
        const QString flow = ctx.qqBroker.startFlow(r.http.client(), redirect, state, challenge,
                                                    ctx.clock.nowSecs() + kFlowSeconds);
        if (flow.isEmpty()) {
            Problem p = Problem::fromError(Error(ErrorCode::ServerBusy, {}, QStringLiteral("too many QQ logins started from this address")));
            p.retryAfterSeconds = 60;
            return ApiResponse::problem(p);
        }
        if (!ctx.qq.configured())
            return ApiResponse::redirect(ctx.publicBaseUrl.toLatin1() + "/api/v1/oauth/qq/provider?flow=" + flow.toLatin1());
        // QQ Connect's authorization page (OAuth 2.0 authorization code); it comes back to /oauth/qq/callback.
        QUrl authorize = ctx.qq.authorizeUrl;
        QUrlQuery query(authorize);
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("client_id"), ctx.qq.appId);
        query.addQueryItem(QStringLiteral("redirect_uri"), callbackUrl(ctx));
        query.addQueryItem(QStringLiteral("state"), flow);
        authorize.setQuery(query);
        return ApiResponse::redirect(authorize.toEncoded());
    });

    auto flowValid = [&ctx](const QString &flow) { return ctx.qqBroker.flowLive(flow); };

    if (ctx.emulateQq) {
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/oauth/qq/provider"), {}, [flowValid](ApiRequest &r) {
        const QString flow = r.http.query().queryItemValue(QStringLiteral("flow"));
        if (!flowValid(flow))
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, QStringLiteral("flow")));
        return ApiResponse::html(providerPage(flow));
    });

    RouteOptions form;
    form.body = BodyKind::Form;
    form.maxBody = 4096;
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/oauth/qq/provider"), form, [&ctx, flowValid](ApiRequest &r) {
        const QUrlQuery fields(QString::fromUtf8(r.http.body));
        const QString flow = fields.queryItemValue(QStringLiteral("flow"), QUrl::FullyDecoded);
        const QString qq = fields.queryItemValue(QStringLiteral("qqNumber"), QUrl::FullyDecoded);
        static const QRegularExpression qqNumber(QStringLiteral("^[1-9][0-9]{4,11}$"));
        if (!flowValid(flow))
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, QStringLiteral("flow")));
        if (!qqNumber.match(qq).hasMatch())
            return badRequest(QStringLiteral("qqNumber"), QStringLiteral("5-12 digits"));
        const QString upstream = QString::fromLatin1(Credentials::randomToken(18));
        ctx.qqBroker.answerFlow(flow, upstream, qq);
        return ApiResponse::redirect(ctx.publicBaseUrl.toLatin1() + "/api/v1/oauth/qq/callback?code=" + upstream.toLatin1()
                                     + "&state=" + flow.toLatin1());
    });
    }

    ctx.http.addAsyncRoute(Method::Get, QStringLiteral("/api/v1/oauth/qq/callback"), {}, [&ctx](ApiRequest &r, const Reply &reply) {
        const QUrlQuery q = r.http.query();
        const QString flow = q.queryItemValue(QStringLiteral("state"));
        const QString upstream = q.queryItemValue(QStringLiteral("code"));
        // A flow answers one callback only, whatever its outcome.
        const auto f = upstream.isEmpty() || upstream.size() > 256 || flow.size() > 256 ? std::nullopt
                                                                                          : ctx.qqBroker.takeFlow(flow);
        if (!f) {
            reply(ApiResponse::problem(Error(ErrorCode::ResourceNotFound, QStringLiteral("state"))));
            return;
        }
        const QUrl redirect = f->redirect;
        const QString clientState = f->clientState;
        const QString challenge = f->codeChallenge;
        if (!ctx.qq.configured()) {
            if (f->upstreamCode != upstream) {
                reply(ApiResponse::problem(Error(ErrorCode::ResourceNotFound, QStringLiteral("state"))));
                return;
            }
            reply(issueCode(ctx, f->qqNumber, redirect, clientState, challenge));
            return;
        }
        // QQ Connect: the code for an access token (with the app secret, server to server), then the token for the
        // user's openid; the client never sees either.
        QUrl token = ctx.qq.tokenUrl;
        QUrlQuery tq(token);
        tq.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        tq.addQueryItem(QStringLiteral("client_id"), ctx.qq.appId);
        tq.addQueryItem(QStringLiteral("client_secret"), QString::fromLatin1(ctx.qq.appSecret));
        tq.addQueryItem(QStringLiteral("code"), upstream);
        tq.addQueryItem(QStringLiteral("redirect_uri"), callbackUrl(ctx));
        tq.addQueryItem(QStringLiteral("fmt"), QStringLiteral("json"));
        token.setQuery(tq);
        // One client for the provider, living as long as the application (TLS verified, as Qt does by default).
        static auto *nam = new QNetworkAccessManager(QCoreApplication::instance());
        askProvider(*nam, token, [&ctx, redirect, clientState, challenge, reply](Result<QJsonObject> answer) {
            const QString accessToken = answer ? answer->value(QLatin1String("access_token")).toString() : QString();
            if (!answer || accessToken.isEmpty()) {
                reply(ApiResponse::problem(answer ? Error(ErrorCode::AuthInvalidCredentials) : answer.error()));
                return;
            }
            QUrl me = ctx.qq.openIdUrl;
            QUrlQuery mq(me);
            mq.addQueryItem(QStringLiteral("access_token"), accessToken);
            mq.addQueryItem(QStringLiteral("fmt"), QStringLiteral("json"));
            me.setQuery(mq);
            askProvider(*nam, me, [&ctx, redirect, clientState, challenge, reply](Result<QJsonObject> who) {
                static const QRegularExpression openIdForm(QStringLiteral("^[0-9A-Fa-f]{16,64}$"));
                const QString openId = who ? who->value(QLatin1String("openid")).toString() : QString();
                // The token must be for this app: an openid issued to another app's token is refused.
                if (!who || who->value(QLatin1String("client_id")).toVariant().toString() != ctx.qq.appId
                    || !openIdForm.match(openId).hasMatch()) {
                    reply(ApiResponse::problem(who ? Error(ErrorCode::AuthInvalidCredentials) : who.error()));
                    return;
                }
                reply(issueCode(ctx, openId, redirect, clientState, challenge));
            });
        });
    });
}

} // namespace ncre::server
