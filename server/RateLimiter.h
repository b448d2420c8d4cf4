#pragma once

#include <QElapsedTimer>

#include <optional>

namespace ncre::server {

// Overload protection (--max-rps): a token bucket of `requestsPerSecond` with one second of burst, refilled from a
// monotonic clock (not ServerClock, which tests move). Beyond it a request is shed, with a Retry-After that grows with
// the crowd shed in the last second, so the retries spread over the seconds it will take to serve them (clients add
// their own jitter). Shed requests cost no capacity. 0 turns it off.
class RateLimiter
{
public:
    void setRate(int requestsPerSecond)
    {
        m_ratePerSecond = requestsPerSecond;
        m_tokens = requestsPerSecond;
    }
    // nullopt: serve it; else shed it, and the seconds of backlog it should wait out.
    std::optional<int> shed();

private:
    int m_ratePerSecond = 0;
    double m_tokens = 0;
    qint64 m_lastRefillNs = 0;
    QElapsedTimer m_monotonic;
    qint64 m_shedWindowStartNs = 0;
    int m_shedInWindow = 0;
};

} // namespace ncre::server
