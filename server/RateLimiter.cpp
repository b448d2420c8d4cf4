#include "RateLimiter.h"

#include <QtGlobal>

namespace ncre::server {

std::optional<int> RateLimiter::shed()
{
    if (m_ratePerSecond <= 0)
        return std::nullopt;
    if (!m_monotonic.isValid())
        m_monotonic.start();
    const qint64 now = m_monotonic.nsecsElapsed();
    m_tokens = qMin<double>(m_ratePerSecond, m_tokens + double(now - m_lastRefillNs) * m_ratePerSecond / 1e9);
    m_lastRefillNs = now;
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return std::nullopt;
    }
    if (now - m_shedWindowStartNs > 1'000'000'000) {
        m_shedWindowStartNs = now;
        m_shedInWindow = 0;
    }
    ++m_shedInWindow;
    return 1 + m_shedInWindow / m_ratePerSecond;
}

} // namespace ncre::server
