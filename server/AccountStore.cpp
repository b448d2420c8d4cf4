#include "AccountStore.h"

#include "Credentials.h"
#include "Database.h"
#include "InputText.h"

#include <QRegularExpression>

namespace ncre::server {

namespace {

std::optional<StoredAccount> account(QSqlQuery q)
{
    if (!q.next())
        return std::nullopt;
    StoredAccount a;
    a.id = q.value(0).toLongLong();
    a.info.username = q.value(1).toString();
    a.info.role = accountRoleFromName(q.value(2).toString()).value_or(AccountRole::Candidate);
    a.info.siteId = q.value(3).toString();
    a.passwordHash = q.value(4).toString();
    return a;
}

} // namespace

AccountStore::AccountStore(Database &db, ServerClock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

std::optional<StoredAccount> AccountStore::byName(const QString &username)
{
    return account(m_db.run(QStringLiteral("SELECT id, username, role, site_id, password_hash FROM accounts "
                                           "WHERE username = ?"),
                            {username}));
}

std::optional<StoredAccount> AccountStore::byId(qint64 accountId)
{
    return account(m_db.run(QStringLiteral("SELECT id, username, role, site_id, password_hash FROM accounts WHERE id = ?"),
                            {accountId}));
}

bool AccountStore::exists(const QString &username)
{
    return m_db.scalar(QStringLiteral("SELECT 1 FROM accounts WHERE username = ?"), {username}).isValid();
}

bool AccountStore::create(const QString &username, const QString &passwordHash)
{
    // A name taken meanwhile (by another instance) fails the UNIQUE constraint: the caller answers it as taken.
    return m_db.attempt(QStringLiteral("INSERT INTO accounts (username, password_hash, role, created_at) "
                                       "VALUES (?, ?, 'candidate', ?)"),
                        {username, passwordHash, m_clock.nowSecs()});
}

qint64 AccountStore::boundToQq(const QString &providerUser)
{
    const QString find = QStringLiteral("SELECT id FROM accounts WHERE qq_number = ?");
    if (const QVariant id = m_db.scalar(find, {providerUser}); id.isValid())
        return id.toLongLong();
    static const QRegularExpression notName(QStringLiteral("[^a-z0-9]"));
    const QString base = QStringLiteral("qq") + providerUser.toLower().remove(notName).left(16);
    // The name may be taken (someone signed up "qq55555" first): then the same with a random tail.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const QString username = attempt == 0
            ? base
            : base + QLatin1Char('_') + QString::fromLatin1(Credentials::randomToken(6)).toLower().remove(notName).left(6);
        // No password: a QQ-only account cannot log in with one (and signing up costs no hashing).
        if (m_db.attempt(QStringLiteral("INSERT INTO accounts (username, password_hash, role, qq_number, created_at) "
                                        "VALUES (?, ?, 'candidate', ?, ?)"),
                         {username, QStringLiteral("!qq-only"), providerUser, m_clock.nowSecs()}))
            break;
    }
    return m_db.scalar(find, {providerUser}).toLongLong();
}

void AccountStore::setPassword(qint64 accountId, const QString &passwordHash, qint64 keptSessionId)
{
    m_db.run(QStringLiteral("UPDATE accounts SET password_hash = ? WHERE id = ?"), {passwordHash, accountId});
    m_db.run(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE account_id = ? AND id != ?"),
             {accountId, keptSessionId});
}

CaptchaStore::CaptchaStore(Database &db, ServerClock &clock, int perClient)
    : m_db(db)
    , m_clock(clock)
    , m_perClient(perClient)
{
}

QString CaptchaStore::issue(const QString &client, const QString &answer, const QDateTime &expires, qint64 *retryAfterSecs)
{
    const qint64 now = m_clock.nowSecs();
    QSqlQuery live = m_db.run(QStringLiteral("SELECT COUNT(*), MIN(expires) FROM captchas WHERE client = ? AND expires > ?"),
                              {client, now});
    if (live.next() && live.value(0).toLongLong() >= m_perClient) {
        if (retryAfterSecs)
            *retryAfterSecs = qMax<qint64>(1, live.value(1).toLongLong() - now);
        return {};
    }
    live.finish();
    const QString id = QString::fromLatin1(Credentials::randomToken(16));
    QSqlQuery q = m_db.run(QStringLiteral("INSERT INTO captchas (id, answer, expires, client) VALUES (?, ?, ?, ?)"),
                           {id, answer, expires.toSecsSinceEpoch(), client});
    return q.lastError().type() == QSqlError::NoError ? id : QString();
}

bool CaptchaStore::consume(const QString &id, const QString &answer)
{
    // Taken in one statement: of two requests (at two instances) answering the same captcha, one gets it.
    QSqlQuery q = m_db.run(QStringLiteral("DELETE FROM captchas WHERE id = ? RETURNING answer, expires"), {id});
    if (!q.next())
        return false;
    const QString expected = q.value(0).toString();
    const qint64 expires = q.value(1).toLongLong();
    q.finish();
    m_db.run(QStringLiteral("DELETE FROM captchas WHERE expires < ?"), {m_clock.nowSecs()});
    return expires > m_clock.nowSecs()
        && InputText::numberLike(answer).remove(QLatin1Char(' ')).compare(expected, Qt::CaseInsensitive) == 0;
}

std::optional<QString> CaptchaStore::answer(const QString &id)
{
    const QVariant answer = m_db.scalar(QStringLiteral("SELECT answer FROM captchas WHERE id = ?"), {id});
    if (!answer.isValid())
        return std::nullopt;
    return answer.toString();
}

} // namespace ncre::server
