#include "LoginThrottle.h"

#include "Database.h"

#include <algorithm>
#include <cmath>

namespace ncre::server {

namespace {

QString userKey(const QString &username)
{
    return QStringLiteral("user:") + username.trimmed().toCaseFolded();
}

QString addressKey(const QString &address)
{
    return QStringLiteral("addr:") + address;
}

QString pairKey(const QString &username, const QString &address)
{
    return QStringLiteral("pair:") + username.trimmed().toCaseFolded() + QLatin1Char('|') + address;
}

} // namespace

LoginThrottle::LoginThrottle(Database &db, ServerClock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

// The failures of `key` now (decayed) and when the last was.
std::pair<double, qint64> LoginThrottle::failures(const QString &key)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT failures, last_at FROM login_throttle WHERE key = ?"), {key});
    if (!q.next())
        return {0.0, 0};
    const qint64 last = q.value(1).toLongLong();
    const double elapsed = double(qMax<qint64>(0, m_clock.nowSecs() - last));
    return {q.value(0).toDouble() * std::pow(0.5, elapsed / kHalfLifeSeconds), last};
}

qint64 LoginThrottle::waitFor(const QString &key, double threshold)
{
    const auto [decayed, last] = failures(key);
    // Whole failures: quick tries a second apart have hardly decayed (4.995 is the fifth failure, not the fourth).
    const double count = std::floor(decayed + 0.25);
    if (count < threshold)
        return 0;
    const qint64 wait = qMin<qint64>(kMaxWaitSeconds, qint64(double(kFirstWaitSeconds) * std::pow(2.0, count - threshold)));
    return qMax<qint64>(0, last + wait - m_clock.nowSecs());
}

qint64 LoginThrottle::wait(const QString &username, const QString &address)
{
    const bool known = m_db.scalar(QStringLiteral("SELECT 1 FROM known_logins WHERE user_key = ? AND client = ? AND "
                                                  "last_at > ?"),
                                   {userKey(username), address, m_clock.nowSecs() - kKnownSeconds})
                           .isValid();
    const qint64 byName = known ? 0 : waitFor(userKey(username), kUserThreshold);
    return std::max({byName, waitFor(pairKey(username, address), kUserThreshold), waitFor(addressKey(address), kAddressThreshold)});
}

qint64 LoginThrottle::countFailure(const QString &username, const QString &address)
{
    for (const QString &key : {userKey(username), addressKey(address), pairKey(username, address)}) {
        const double count = failures(key).first + 1;
        m_db.run(QStringLiteral("INSERT INTO login_throttle (key, failures, last_at) VALUES (?, ?, ?) ON CONFLICT (key) "
                                "DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at"),
                 {key, count, m_clock.nowSecs()});
    }
    return wait(username, address);
}

void LoginThrottle::forgive(const QString &username, const QString &address)
{
    m_db.run(QStringLiteral("DELETE FROM login_throttle WHERE key IN (?, ?)"), {userKey(username), pairKey(username, address)});
    m_db.run(QStringLiteral("INSERT INTO known_logins (user_key, client, last_at) VALUES (?, ?, ?) ON CONFLICT "
                            "(user_key, client) DO UPDATE SET last_at = excluded.last_at"),
             {userKey(username), address, m_clock.nowSecs()});
}

} // namespace ncre::server
