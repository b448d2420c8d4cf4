#include "ServerContext.h"
#include "ServerLogging.h"

#include <QCryptographicHash>
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

} // namespace

// The server-brokered QQ login: the desktop client never holds QQ's app secret; it gets a one-time code on its
// loopback redirect and redeems it, with its PKCE verifier, at POST /sessions.
void registerQqBrokerRoutes(ServerContext &ctx)
{
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/oauth/qq/start"), {}, [&ctx](ApiRequest &r) {
        const QUrlQuery q = r.http.query();
        const QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), QUrl::StrictMode);
        const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        const QString challenge = q.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
        static const QRegularExpression base64url(QStringLiteral("^[A-Za-z0-9_-]{43,128}$"));
        if (!isLoopbackRedirect(redirect))
            return badRequest(QStringLiteral("redirect_uri"), QStringLiteral("must be http://127.0.0.1:<port>/..."));
        if (state.size() < 16 || state.size() > 256)
            return badRequest(QStringLiteral("state"), QStringLiteral("16-256 characters"));
        if (!base64url.match(challenge).hasMatch())
            return badRequest(QStringLiteral("code_challenge"), QStringLiteral("43-128 base64url characters"));
        if (q.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256"))
            return badRequest(QStringLiteral("code_challenge_method"), QStringLiteral("only S256"));
        const QString flow = QString::fromLatin1(Credentials::randomToken(18));
        ctx.db.run(QStringLiteral("INSERT INTO qq_flows (id, redirect_uri, client_state, code_challenge, expires) "
                                  "VALUES (?, ?, ?, ?, ?)"),
                   {flow, redirect.toString(QUrl::FullyEncoded), state, challenge, ctx.clock.nowSecs() + kFlowSeconds});
        return ApiResponse::redirect(ctx.publicBaseUrl.toLatin1() + "/api/v1/oauth/qq/provider?flow=" + flow.toLatin1());
    });

    auto flowValid = [&ctx](const QString &flow) {
        return ctx.db.scalar(QStringLiteral("SELECT 1 FROM qq_flows WHERE id = ? AND expires > ?"),
                             {flow, ctx.clock.nowSecs()})
            .isValid();
    };

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
        ctx.db.run(QStringLiteral("UPDATE qq_flows SET upstream_code = ?, qq_number = ? WHERE id = ?"), {upstream, qq, flow});
        return ApiResponse::redirect(ctx.publicBaseUrl.toLatin1() + "/api/v1/oauth/qq/callback?code=" + upstream.toLatin1()
                                     + "&state=" + flow.toLatin1());
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/oauth/qq/callback"), {}, [&ctx](ApiRequest &r) {
        const QUrlQuery q = r.http.query();
        const QString flow = q.queryItemValue(QStringLiteral("state"));
        const QString upstream = q.queryItemValue(QStringLiteral("code"));
        QSqlQuery f = ctx.db.run(QStringLiteral("SELECT redirect_uri, client_state, code_challenge, qq_number FROM "
                                                "qq_flows WHERE id = ? AND upstream_code = ? AND expires > ?"),
                                 {flow, upstream, ctx.clock.nowSecs()});
        if (upstream.isEmpty() || !f.next())
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, QStringLiteral("state")));
        const QUrl redirect(f.value(0).toString());
        const QString clientState = f.value(1).toString();
        const QString challenge = f.value(2).toString();
        const QString qq = f.value(3).toString();
        Transaction tx(ctx.db);
        ctx.db.run(QStringLiteral("DELETE FROM qq_flows WHERE id = ?"), {flow});
        QVariant account = ctx.db.scalar(QStringLiteral("SELECT id FROM accounts WHERE qq_number = ?"), {qq});
        if (!account.isValid()) {
            // First QQ login: a passport account bound to the QQ number, with no usable password.
            ctx.db.run(QStringLiteral("INSERT INTO accounts (username, password_hash, role, qq_number, created_at) "
                                      "VALUES (?, ?, 'candidate', ?, ?)"),
                       {QStringLiteral("qq") + qq,
                        // No password: a QQ-only account cannot log in with one (and signing up costs no hashing).
                        QStringLiteral("!qq-only"), qq,
                        ctx.clock.nowSecs()});
            account = ctx.db.scalar(QStringLiteral("SELECT id FROM accounts WHERE qq_number = ?"), {qq});
        }
        const QByteArray code = Credentials::randomToken(32);
        ctx.db.run(QStringLiteral("INSERT INTO qq_codes (code, account_id, code_challenge, expires) VALUES (?, ?, ?, ?)"),
                   {QCryptographicHash::hash(code, QCryptographicHash::Sha256), account, challenge,
                    ctx.clock.nowSecs() + kCodeSeconds});
        tx.commit();
        QUrl target = redirect;
        QUrlQuery query(target);
        query.addQueryItem(QStringLiteral("code"), QString::fromLatin1(code));
        query.addQueryItem(QStringLiteral("state"), clientState);
        target.setQuery(query);
        qCInfo(lcServer) << "QQ login brokered for account" << account.toLongLong();
        return ApiResponse::redirect(target.toEncoded());
    });
}

} // namespace ncre::server
