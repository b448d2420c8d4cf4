#include "Router.h"

#include <QStringTokenizer>
#include <QVarLengthArray>

namespace ncre::server {

void Router::add(HttpMethod method, const QString &pattern, RouteOptions options, AsyncHandler handler)
{
    m_routes.append({method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), options, std::move(handler)});
}

Router::Match Router::match(HttpMethod method, const QString &path) const
{
    // Every request asks: the path's segments are views into it, and only the winner's captures are copied. An
    // empty segment ("/api/v1//sessions", a trailing slash) is kept, so it matches no route: a path that a proxy's
    // rule would not recognise (haproxy.cfg names /api/v1/sessions) is not served as if it were that path.
    QVarLengthArray<QStringView, 16> segments;
    for (const QStringView segment : QStringTokenizer(QStringView(path).mid(path.startsWith(u'/') ? 1 : 0), u'/'))
        segments.append(segment);
    Match best;
    qsizetype bestCaptures = 0;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        qsizetype captures = 0;
        bool match = true;
        for (qsizetype i = 0; i < segments.size() && match; ++i) {
            if (route.segments[i] == QLatin1String("{}")) {
                // Ids in paths are at most 64 characters (the contract's path parameters): longer is no resource.
                match = segments[i].size() <= 64;
                ++captures;
            } else {
                match = route.segments[i] == segments[i];
            }
        }
        if (!match)
            continue;
        best.pathMatched = true;
        best.allowedMethods |= 1U << unsigned(route.method);
        const bool methodMatches = route.method == method || (method == HttpMethod::Head && route.method == HttpMethod::Get);
        if (methodMatches && (!best.route || captures < bestCaptures)) {
            best.route = &route;
            bestCaptures = captures;
        }
    }
    if (best.route)
        for (qsizetype i = 0; i < segments.size(); ++i)
            if (best.route->segments[i] == QLatin1String("{}"))
                best.params.append(segments[i].toString());
    return best;
}

} // namespace ncre::server
