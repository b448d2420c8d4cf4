#pragma once

#include "ServerClock.h"

#include <QString>

namespace ncre::server {

class Database;

// Wrong passwords slow down whoever makes them, without locking the owner out for long (issue 14; table
// `login_throttle`). Each account name and each client address has a failure count that halves every 10 minutes.
// From 5 failures on an account name (20 from one address, which schools and exam sites share) the next try must
// wait 15 s, doubling with each further failure, at most 15 minutes: the route answers 429 auth.locked with
// Retry-After. Account names are counted whether the account exists or not, so the answers tell nothing about which
// do. Wrong current passwords of a password change count like logins.
class LoginThrottle
{
public:
    static constexpr double kUserThreshold = 5;
    static constexpr double kAddressThreshold = 20;
    static constexpr double kHalfLifeSeconds = 600;
    static constexpr qint64 kFirstWaitSeconds = 15;
    static constexpr qint64 kMaxWaitSeconds = 15 * 60;

    LoginThrottle(Database &db, ServerClock &clock);

    // Seconds before `username` may try again from `address` (0: now).
    qint64 wait(const QString &username, const QString &address);
    // Counts a wrong password; answers the wait it now imposes.
    qint64 countFailure(const QString &username, const QString &address);
    // A right password: the name's count starts again (the address's stays).
    void forgive(const QString &username);

private:
    std::pair<double, qint64> failures(const QString &key);
    qint64 waitFor(const QString &key, double threshold);

    Database &m_db;
    ServerClock &m_clock;
};

} // namespace ncre::server
