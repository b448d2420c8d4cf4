#pragma once

#include "ServerClock.h"

#include <QString>

namespace ncre::server {

class Database;

// Wrong passwords slow down whoever makes them, and never lock the owner out (issue 14; tables `login_throttle`,
// `known_logins`). Failure counts halve every 10 minutes, kept per account name, per client address (clientBucket)
// and per name from one address. From 5 failures on a name from one address, 5 on a name from anywhere, or 20 from
// one address (which schools and exam sites share) the next try must wait 15 s, doubling with each further failure,
// at most 15 minutes: the route answers 429 auth.locked with Retry-After. The name's count from anywhere does not
// hold up an address the account logged in from in the last 400 days (an exam is taken twice a year): an attacker rotating addresses cannot keep
// the owner out at home. Account names are counted whether the account exists or not, so the answers tell nothing
// about which do. Wrong current passwords of a password change count like logins.
class LoginThrottle
{
public:
    static constexpr double kUserThreshold = 5;
    static constexpr double kAddressThreshold = 20;
    static constexpr double kHalfLifeSeconds = 600;
    static constexpr qint64 kFirstWaitSeconds = 15;
    static constexpr qint64 kMaxWaitSeconds = 15 * 60;
    // An address the account logged in from stays known this long: more than the year between two exam sessions.
    static constexpr qint64 kKnownSeconds = 400LL * 24 * 3600;

    LoginThrottle(Database &db, ServerClock &clock);

    // Seconds before `username` may try again from `address` (0: now).
    qint64 wait(const QString &username, const QString &address);
    // Counts a wrong password; answers the wait it now imposes.
    qint64 countFailure(const QString &username, const QString &address);
    // A right password from `address`: the name's counts start again (the address's stays), and the address is
    // known for the name for kKnownSeconds.
    void forgive(const QString &username, const QString &address);

private:
    std::pair<double, qint64> failures(const QString &key);
    qint64 waitFor(const QString &key, double threshold);

    Database &m_db;
    ServerClock &m_clock;
};

} // namespace ncre::server
