#pragma once

#include "Error.h"
#include "HttpRequest.h"
#include "ServerClock.h"

#include <optional>

namespace ncre::server {

class Database;

// Who is calling, once a bearer token has been checked.
struct Caller
{
    qint64 accountId = 0;
    QString username;
    QString role; // "candidate" | "staff"
    QString siteId;
    qint64 sessionId = 0;
};

enum class Access {
    Public,
    Authenticated, // any valid bearer token
    Candidate, // a candidate's bearer token
    Staff,     // a staff bearer token
    TestHook,  // only with --test-hooks, only from loopback
};

// Who is calling (architecture §3): the bearer token of a request checked against the sessions table, and the
// route's access rule applied (candidate, staff, any session, public, test hook). Public routes ignore a stale token,
// so logging in again works with yesterday's token still attached. Errors: auth.required (no, unknown or revoked
// token), auth.tokenExpired, auth.forbidden (the wrong role), resource.notFound (test hooks off, not loopback, or
// proxied).
class SessionAuthenticator
{
public:
    SessionAuthenticator(Database &db, ServerClock &clock, bool testHooks);

    std::optional<Error> authenticate(const HttpRequest &request, Access access, std::optional<Caller> &caller);

private:
    Database &m_db;
    ServerClock &m_clock;
    bool m_testHooks;
};

} // namespace ncre::server
