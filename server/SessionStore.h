#pragma once

#include "Account.h"
#include "ServerClock.h"

#include <QUrl>

#include <optional>

namespace ncre::server {

class AccountStore;
class Database;

// Sessions (table `sessions`; checked per request by SessionAuthenticator): an access token valid 15 minutes and a
// refresh token valid 30 days, both kept only as SHA-256. Refreshing rotates the pair; a refresh token presented
// again after it was rotated (and a 10 s grace for a client retrying a lost answer) means two holders of one token:
// the whole chain it led to ends (RFC 9700 §4.14.2), the owner logs in again.
class SessionStore
{
public:
    static constexpr qint64 kAccessSeconds = 15 * 60;
    static constexpr qint64 kRefreshSeconds = 30 * 24 * 3600;
    static constexpr qint64 kReuseGraceSeconds = 10;
    // Rotated sessions a family keeps (for reuse detection); older ones are forgotten (their reuse is only refused).
    static constexpr int kFamilyRows = 20;

    struct Issued
    {
        Session session; // the tokens in clear: given to the client once, never stored
        qint64 id = 0;
    };

    SessionStore(Database &db, ServerClock &clock, AccountStore &accounts);

    // A new session for an account (a new family, or `familyId`'s next); nullopt when the account is gone or the
    // session cannot be stored.
    std::optional<Issued> issue(qint64 accountId, qint64 familyId = 0);
    void revoke(qint64 sessionId);
    // The next pair for a live refresh token presented by `client` (clientBucket; the old pair stops working);
    // nullopt for an unknown, expired, revoked or reused token. Reuse ends the chain (see above); within the grace
    // only when another client presents it (a retry comes from where the rotation came from, a thief does not).
    // Call inside a transaction, and commit it on either answer.
    std::optional<Issued> rotate(const QString &refreshToken, const QString &client);

private:
    Database &m_db;
    ServerClock &m_clock;
    AccountStore &m_accounts;
};

// The QQ login broker's state (tables `qq_flows`, `qq_codes`): a login start remembers the desk's loopback
// redirect, its state and its PKCE challenge (RFC 7636) for 10 minutes; once QQ answered, a one-time code (kept as
// SHA-256) lets the desk redeem a session, once, within 2 minutes.
class QqBrokerStore
{
public:
    struct Flow
    {
        QUrl redirect;
        QString clientState;
        QString codeChallenge;
        QString qqNumber;     // the emulated provider's user
        QString upstreamCode; // the emulated provider's code
    };
    struct Code
    {
        qint64 accountId = 0;
        QByteArray codeChallenge;
        qint64 expires = 0; // seconds since the epoch
        QString redirect;   // as the login started with it
    };

    // At most `perClient` live login starts per client address (clientBucket).
    QqBrokerStore(Database &db, ServerClock &clock, int perClient = 100);
    void setPerClient(int perClient) { m_perClient = perClient; }

    // A new login start for `client`; its id (the state sent to QQ). Empty when the client has `perClient` live
    // starts already (answer 429 server.busy).
    QString startFlow(const QString &client, const QUrl &redirect, const QString &clientState,
                      const QString &codeChallenge, qint64 expires);
    bool flowLive(const QString &flowId);
    // The emulated provider's answer for a flow.
    void answerFlow(const QString &flowId, const QString &upstreamCode, const QString &qqNumber);
    // The live flow, removed: a flow answers one callback only.
    std::optional<Flow> takeFlow(const QString &flowId);

    // A one-time code for `accountId`; the code in clear.
    QByteArray issueCode(qint64 accountId, const QString &codeChallenge, const QUrl &redirect, qint64 expires);
    // The code's grant, removed whatever the caller then decides (a code is tried once).
    std::optional<Code> takeCode(const QString &code);

private:
    Database &m_db;
    ServerClock &m_clock;
    int m_perClient;
};

} // namespace ncre::server
