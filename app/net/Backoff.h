#pragma once

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <optional>

namespace ncre {

// When to retry a request, and how long to wait (architecture §3: full jitter, honour Retry-After, never a tight
// loop). Pure logic: the random source is injected, so tests see exact delays.
struct RetryPolicy
{
    int maxAttempts = 6;          // including the first
    qint64 baseDelayMs = 500;     // the first backoff ceiling
    qint64 maxDelayMs = 30'000;   // no single wait is longer
    qint64 deadlineMs = 120'000;  // no retry starts after this much time since the first attempt
};

class Backoff
{
public:
    // `random` returns a uniform value in [0, 1).
    Backoff(RetryPolicy policy, std::function<double()> random);

    // Only failures that another attempt may fix: transport errors (status 0), 408, 429, 502, 503, 504.
    static bool isRetryable(int httpStatus);

    // Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to `now` (server time when known).
    static std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now);

    // The wait before attempt number `attempt + 1` (attempt counts from 1), or nullopt to give up.
    // Without Retry-After: full jitter, uniform in [0, min(maxDelay, base * 2^(attempt-1))].
    // With Retry-After: uniform in [retryAfter, retryAfter + min(retryAfter, maxDelay)], so a crowd told to come back
    // in N seconds arrives spread over N..2N seconds instead of all at once.
    std::optional<qint64> nextDelayMs(int attempt, std::optional<qint64> retryAfterMs, qint64 elapsedMs) const;

    const RetryPolicy &policy() const { return m_policy; }

private:
    RetryPolicy m_policy;
    std::function<double()> m_random;
};

} // namespace ncre
