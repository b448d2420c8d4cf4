#include "FaultInjector.h"

namespace ncre::server {

std::optional<FaultInjector::Kind> FaultInjector::kindFromName(const QString &name)
{
    if (name == QLatin1String("unavailable"))
        return Kind::Unavailable;
    if (name == QLatin1String("drop"))
        return Kind::Drop;
    if (name == QLatin1String("delay"))
        return Kind::Delay;
    if (name == QLatin1String("truncate"))
        return Kind::Truncate;
    return std::nullopt;
}

std::optional<FaultInjector::Fault> FaultInjector::take(const QString &path)
{
    if (path.contains(QLatin1String("/test-hooks/")))
        return std::nullopt;
    for (Fault &f : m_faults) {
        if (f.remaining <= 0 || !path.startsWith(f.pathPrefix))
            continue;
        --f.remaining;
        return f;
    }
    return std::nullopt;
}

} // namespace ncre::server
