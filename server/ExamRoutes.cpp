#include "Meta.h"
#include "ServerContext.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace ncre::server {

using Method = HttpMethod;

bool ifNoneMatchMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    if (ifNoneMatch.isEmpty())
        return false;
    if (ifNoneMatch == etag) // the desk's own poll: one tag, as it was given
        return true;
    const QByteArray bare = etag.startsWith("W/") ? etag.mid(2) : etag;
    for (const QByteArray &candidate : ifNoneMatch.split(',')) {
        const QByteArray c = candidate.trimmed();
        if (c == "*" || c == bare || (c.startsWith("W/") && c.mid(2) == bare))
            return true;
    }
    return false;
}

std::optional<Error> changePrecondition(const ApiRequest &request, const std::optional<QByteArray> &current)
{
    bool holds = true;
    // Sent, even empty: an If-Match that names no tag names not this one either (a client that sent its variable
    // empty must not change what another one changed).
    if (request.hasHeader("If-Match")) {
        bool named = false;
        for (const QByteArray &candidate : request.listHeader("If-Match").split(',')) {
            const QByteArray c = candidate.trimmed();
            named = named || (current && (c == "*" || c == *current));
        }
        holds = named;
    }
    // Then If-None-Match, whether or not If-Match was sent (§13.2.2 step 3).
    const QByteArray ifNoneMatch = request.listHeader("If-None-Match");
    if (holds && !ifNoneMatch.isEmpty())
        holds = !current || !ifNoneMatchMatches(ifNoneMatch, *current);
    if (holds)
        return std::nullopt;
    return Error(ErrorCode::RequestPreconditionFailed, {},
                 current ? QStringLiteral("the resource has changed") : QStringLiteral("the resource does not exist"));
}

ApiResponse conditional(const ApiRequest &request, ApiResponse response, const QByteArray &etag)
{
    if (ifNoneMatchMatches(request.listHeader("If-None-Match"), etag)) {
        ApiResponse notModified = ApiResponse::empty(304);
        notModified.addHeader("ETag", etag);
        return notModified;
    }
    response.addHeader("ETag", etag);
    return response;
}

QByteArray bodyEtag(const QByteArray &body)
{
    return '"' + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(20) + '"';
}

ApiResponse hashingBusy(const PasswordHasher &hasher)
{
    Problem p = Problem::fromError(Error(ErrorCode::ServerBusy, {}, QStringLiteral("password hashing is saturated")));
    p.retryAfterSeconds = hasher.retryAfterSeconds();
    return ApiResponse::problem(p);
}

ApiResponse validationProblem(const ErrorList &errors)
{
    return ApiResponse::problem(Problem::fromErrors(ErrorCode::ValidationFailed, errors));
}

namespace {

ApiResponse bulletins(ServerContext &ctx, const ApiRequest &request, BulletinKind kind)
{
    QJsonArray items;
    for (const Bulletin &b : ctx.catalog.bulletins(kind))
        items.append(b.toJson());
    ApiResponse r = ApiResponse::json({{QStringLiteral("items"), items}});
    return conditional(request, r, bodyEtag(r.body));
}

} // namespace

void registerExamRoutes(ServerContext &ctx)
{
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/meta"), {}, [&ctx](ApiRequest &r) {
        Meta meta;
        meta.serverTime = ctx.clock.now();
        meta.apiVersion = QStringLiteral("1.0");
        meta.photoSpec = ctx.photoSpec;
        meta.loginProviders = {QStringLiteral("password")};
        if (ctx.qq.configured() || ctx.emulateQq)
            meta.loginProviders.append(QStringLiteral("qq"));
        meta.client = ctx.clients;
        // The ETag covers what a client caches (the photo spec, the version, the providers), not the time: the
        // client takes the server's clock from every response's Date anyway.
        QJsonObject cached = meta.toJson();
        cached.remove(QStringLiteral("serverTime"));
        const QByteArray etag = '"' + QCryptographicHash::hash(QJsonDocument(cached).toJson(QJsonDocument::Compact),
                                                               QCryptographicHash::Sha256).toHex().left(20) + '"';
        return conditional(r, ApiResponse::json(meta.toJson()), etag);
    });

    // Readiness for a load balancer's health check (issue 17, packaging/server/haproxy.cfg): this instance answers
    // and its database does. 200 {"database":"ok"}; 503 server.storage with Retry-After when the database does not
    // answer, so the balancer sends requests to the other instances meanwhile. Nothing about the database's
    // location or error is said to strangers (it is in the server's log).
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/ready"), {}, [&ctx](ApiRequest &) {
        if (!ctx.db.answers()) {
            Problem p = Problem::fromError(Error(ErrorCode::ServerStorage));
            p.retryAfterSeconds = 5;
            return ApiResponse::problem(p);
        }
        return ApiResponse::json(QJsonObject{{QStringLiteral("database"), QStringLiteral("ok")}}); // no-store, as all
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/announcements"), {},
                      [&ctx](ApiRequest &r) { return bulletins(ctx, r, BulletinKind::Announcement); });
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/notices"), {},
                      [&ctx](ApiRequest &r) { return bulletins(ctx, r, BulletinKind::Notice); });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/exams/current"), {}, [&ctx](ApiRequest &r) {
        const auto exam = ctx.catalog.currentExam();
        if (!exam)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no current exam")));
        ApiResponse response = ApiResponse::json(exam->toJson());
        return conditional(r, response, bodyEtag(response.body));
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/exams/{}/sites"), {}, [&ctx](ApiRequest &r) {
        const auto exam = ctx.catalog.currentExam();
        if (!exam || exam->id != r.params.at(0))
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("unknown exam")));
        QJsonArray sites;
        for (const Site &s : ctx.catalog.sites(exam->id))
            sites.append(s.toJson());
        ApiResponse response = ApiResponse::json({{QStringLiteral("sites"), sites}});
        return conditional(r, response, bodyEtag(response.body));
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/exams/{}/sites/{}/subjects"), {}, [&ctx](ApiRequest &r) {
        const auto exam = ctx.catalog.currentExam();
        const auto site = ctx.catalog.site(r.params.at(1));
        if (!exam || exam->id != r.params.at(0) || !site)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("unknown exam or site")));
        // The ETag comes from the seats alone, so a candidate watching a full site costs a 304 per poll.
        const QByteArray etag = ctx.catalog.subjectsEtag(site->id);
        if (ifNoneMatchMatches(r.listHeader("If-None-Match"), etag))
            return conditional(r, ApiResponse::empty(304), etag);
        QJsonArray subjects;
        for (const Subject &s : ctx.catalog.subjects(site->id))
            subjects.append(s.toJson());
        return conditional(r, ApiResponse::json({{QStringLiteral("subjects"), subjects}}), etag);
    });
}

} // namespace ncre::server
