#include "Backoff.h"

#include <QLocale>

#include <algorithm>

namespace ncre {

Backoff::Backoff(RetryPolicy policy, std::function<double()> random)
    : m_policy(policy)
    , m_random(std::move(random))
{
}

bool Backoff::isRetryable(int httpStatus)
{
    return httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus == 502 || httpStatus == 503
        || httpStatus == 504;
}

std::optional<qint64> Backoff::parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(std::min<qint64>(seconds, 24 * 3600) * 1000) : std::nullopt;
    // IMF-fixdate, e.g. "Wed, 25 Nov 2026 08:00:00 GMT".
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!at.isValid())
        return std::nullopt;
    at.setTimeSpec(Qt::UTC);
    return std::clamp<qint64>(now.msecsTo(at), 0, 24 * 3600 * 1000);
}

std::optional<qint64> Backoff::nextDelayMs(int attempt, std::optional<qint64> retryAfterMs, qint64 elapsedMs) const
{
    if (attempt >= m_policy.maxAttempts)
        return std::nullopt;
    qint64 delay;
    if (retryAfterMs) {
        const qint64 spread = std::min(*retryAfterMs, m_policy.maxDelayMs);
        delay = *retryAfterMs + qint64(m_random() * double(spread));
    } else {
        const int exponent = std::min(attempt - 1, 30);
        const qint64 ceiling = std::min<qint64>(m_policy.maxDelayMs, m_policy.baseDelayMs << exponent);
        delay = qint64(m_random() * double(ceiling));
    }
    if (elapsedMs + delay > m_policy.deadlineMs)
        return std::nullopt;
    return delay;
}

} // namespace ncre
