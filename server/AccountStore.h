#pragma once

#include "Account.h"
#include "ServerClock.h"

#include <QString>

#include <optional>

namespace ncre::server {

class Database;

// An account as stored (table `accounts`). Names are unique ignoring case. The password is kept only as an
// Argon2id hash (Credentials); a QQ-only account has a hash that no password matches.
struct StoredAccount
{
    qint64 id = 0;
    AccountInfo info;
    QString passwordHash;
};

// Accounts: look-up, sign-up, QQ binding and password changes.
class AccountStore
{
public:
    AccountStore(Database &db, ServerClock &clock);

    std::optional<StoredAccount> byName(const QString &username);
    std::optional<StoredAccount> byId(qint64 accountId);
    bool exists(const QString &username);
    // A new candidate account; false when the name is taken (the unique index decides, also against a name taken
    // while its password was being hashed).
    bool create(const QString &username, const QString &passwordHash);
    // The account bound to a QQ user (`providerUser`: the emulated QQ number, or QQ Connect's openid), created on
    // its first login as "qq" + the user's first 16 letters and digits, with no usable password. 0 when it cannot be
    // created.
    qint64 boundToQq(const QString &providerUser);
    // Replaces the password hash and ends every session of the account but `keptSessionId` (whoever knew the old
    // password is out). Call inside a transaction.
    void setPassword(qint64 accountId, const QString &passwordHash, qint64 keptSessionId);

private:
    Database &m_db;
    ServerClock &m_clock;
};

// Captchas (table `captchas`): issued with their answer and expiry; each answers one attempt, right or wrong, and
// expired ones are swept (sweepAnonymousData).
class CaptchaStore
{
public:
    // At most `perClient` live captchas per client address (clientBucket): a stranger cannot fill the table.
    CaptchaStore(Database &db, ServerClock &clock, int perClient = 300);
    void setPerClient(int perClient) { m_perClient = perClient; }

    // Stores a captcha with `answer` for `client`, valid until `expires`; its id. Empty when the client already has
    // `perClient` live captchas (answer 429 server.busy; `retryAfterSecs`, when given, is set to the seconds until
    // the oldest of them expires, when the next may be issued) or it cannot be stored.
    QString issue(const QString &client, const QString &answer, const QDateTime &expires, qint64 *retryAfterSecs = nullptr);
    // Consumes the captcha whatever the outcome; true when `answer` was right and in time. Typed answers are folded
    // as InputText::numberLike (full-width letters and digits, invisible marks, spaces), letters ignore case.
    bool consume(const QString &id, const QString &answer);
    // The answer of a live captcha (test hooks only).
    std::optional<QString> answer(const QString &id);

private:
    Database &m_db;
    ServerClock &m_clock;
    int m_perClient;
};

} // namespace ncre::server
