#include "Router.h"

namespace ncre::server {

void Router::add(HttpMethod method, const QString &pattern, RouteOptions options, AsyncHandler handler)
{
    m_routes.append({method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), options, std::move(handler)});
}

Router::Match Router::match(HttpMethod method, const QString &path) const
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    Match best;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QStringList params;
        bool match = true;
        for (qsizetype i = 0; i < segments.size() && match; ++i) {
            if (route.segments[i] == QLatin1String("{}")) {
                // Ids in paths are at most 64 characters (the contract's path parameters): longer is no resource.
                match = segments[i].size() <= 64;
                params.append(segments[i]);
            }
            else
                match = route.segments[i] == segments[i];
        }
        if (!match)
            continue;
        best.pathMatched = true;
        const bool methodMatches = route.method == method || (method == HttpMethod::Head && route.method == HttpMethod::Get);
        if (methodMatches && (!best.route || params.size() < best.params.size())) {
            best.route = &route;
            best.params = params;
        }
    }
    return best;
}

} // namespace ncre::server
