#include "SessionStore.h"

#include "AccountStore.h"
#include "Credentials.h"
#include "Database.h"
#include "ServerLogging.h"

#include <QCryptographicHash>

namespace ncre::server {

namespace {

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

} // namespace

SessionStore::SessionStore(Database &db, ServerClock &clock, AccountStore &accounts)
    : m_db(db)
    , m_clock(clock)
    , m_accounts(accounts)
{
}

std::optional<SessionStore::Issued> SessionStore::issue(qint64 accountId, qint64 familyId)
{
    const auto account = m_accounts.byId(accountId);
    if (!account)
        return std::nullopt;
    Issued issued;
    Session &s = issued.session;
    s.accessToken = QString::fromLatin1(Credentials::randomToken(32));
    s.refreshToken = QString::fromLatin1(Credentials::randomToken(32));
    s.expiresIn = int(kAccessSeconds);
    s.account = account->info;
    const qint64 now = m_clock.nowSecs();
    QSqlQuery q = m_db.run(QStringLiteral("INSERT INTO sessions (account_id, access_hash, refresh_hash, "
                                          "access_expires, refresh_expires) VALUES (?, ?, ?, ?, ?) RETURNING id"),
                           {accountId, sha256(s.accessToken.toLatin1()), sha256(s.refreshToken.toLatin1()),
                            now + kAccessSeconds, now + kRefreshSeconds});
    if (q.lastError().type() != QSqlError::NoError || !q.next())
        return std::nullopt;
    issued.id = q.value(0).toLongLong();
    q.finish();
    m_db.run(QStringLiteral("UPDATE sessions SET family_id = ? WHERE id = ?"), {familyId ? familyId : issued.id, issued.id});
    return issued;
}

void SessionStore::revoke(qint64 sessionId)
{
    m_db.run(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE id = ?"), {sessionId});
}

std::optional<SessionStore::Issued> SessionStore::rotate(const QString &refreshToken, const QString &client)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id, account_id, refresh_expires, revoked, replaced_by, rotated_at, rotated_by, "
                                          "COALESCE(family_id, id) "
                                          "FROM sessions WHERE refresh_hash = ?"),
                           {sha256(refreshToken.toLatin1())});
    if (!q.next())
        return std::nullopt;
    const qint64 sessionId = q.value(0).toLongLong();
    const qint64 accountId = q.value(1).toLongLong();
    const bool revoked = q.value(3).toInt() != 0;
    const qint64 now = m_clock.nowSecs();
    if (revoked && !q.value(4).isNull()) {
        const bool retry = now - q.value(5).toLongLong() <= kReuseGraceSeconds && q.value(6).toString() == client;
        if (!retry) {
            // One statement, however long the chain: every session of the family ends.
            const int ended = m_db.run(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE family_id = ? AND revoked = 0"),
                                       {q.value(7).toLongLong()})
                                  .numRowsAffected();
            if (ended > 0)
                qCWarning(lcServer) << "refresh token reused: the sessions of account" << accountId
                                    << "that followed it are ended";
        }
        return std::nullopt;
    }
    if (revoked || q.value(2).toLongLong() <= now)
        return std::nullopt;
    // Rotation: the old pair stops working the moment the new one exists, and remembers it.
    const qint64 family = q.value(7).toLongLong();
    auto next = issue(accountId, family);
    if (!next)
        return std::nullopt;
    m_db.run(QStringLiteral("UPDATE sessions SET revoked = 1, replaced_by = ?, rotated_at = ?, rotated_by = ? WHERE id = ?"),
             {next->id, now, client, sessionId});
    // However often a client refreshes, its family keeps kFamilyRows rows.
    m_db.run(QStringLiteral("DELETE FROM sessions WHERE family_id = ? AND revoked = 1 AND id NOT IN "
                            "(SELECT id FROM sessions WHERE family_id = ? ORDER BY id DESC LIMIT ?)"),
             {family, family, kFamilyRows});
    return next;
}

QqBrokerStore::QqBrokerStore(Database &db, ServerClock &clock, int perClient)
    : m_db(db)
    , m_clock(clock)
    , m_perClient(perClient)
{
}

QString QqBrokerStore::startFlow(const QString &client, const QUrl &redirect, const QString &clientState,
                                 const QString &codeChallenge, qint64 expires)
{
    const qint64 live = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM qq_flows WHERE client = ? AND expires > ?"),
                                    {client, m_clock.nowSecs()})
                            .toLongLong();
    if (live >= m_perClient)
        return {};
    QString flow = QString::fromLatin1(Credentials::randomToken(18));
    m_db.run(QStringLiteral("INSERT INTO qq_flows (id, redirect_uri, client_state, code_challenge, expires, client) "
                            "VALUES (?, ?, ?, ?, ?, ?)"),
             {flow, redirect.toString(QUrl::FullyEncoded), clientState, codeChallenge, expires, client});
    return flow;
}

bool QqBrokerStore::flowLive(const QString &flowId)
{
    return m_db.scalar(QStringLiteral("SELECT 1 FROM qq_flows WHERE id = ? AND expires > ?"), {flowId, m_clock.nowSecs()})
        .isValid();
}

void QqBrokerStore::answerFlow(const QString &flowId, const QString &upstreamCode, const QString &qqNumber)
{
    m_db.run(QStringLiteral("UPDATE qq_flows SET upstream_code = ?, qq_number = ? WHERE id = ?"),
             {upstreamCode, qqNumber, flowId});
}

std::optional<QqBrokerStore::Flow> QqBrokerStore::takeFlow(const QString &flowId)
{
    // Taken in one statement: used once, whichever instance is asked twice.
    QSqlQuery q = m_db.run(QStringLiteral("DELETE FROM qq_flows WHERE id = ? AND expires > ? "
                                          "RETURNING redirect_uri, client_state, code_challenge, qq_number, upstream_code"),
                           {flowId, m_clock.nowSecs()});
    if (!q.next())
        return std::nullopt;
    Flow f{QUrl(q.value(0).toString()), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
           q.value(4).toString()};
    q.finish();
    return f;
}

QByteArray QqBrokerStore::issueCode(qint64 accountId, const QString &codeChallenge, const QUrl &redirect, qint64 expires)
{
    QByteArray code = Credentials::randomToken(32);
    m_db.run(QStringLiteral("INSERT INTO qq_codes (code, account_id, code_challenge, expires, redirect_uri) "
                            "VALUES (?, ?, ?, ?, ?)"),
             {sha256(code), accountId, codeChallenge, expires, redirect.toString(QUrl::FullyEncoded)});
    return code;
}

std::optional<QqBrokerStore::Code> QqBrokerStore::takeCode(const QString &code)
{
    if (code.isEmpty())
        return std::nullopt;
    const QByteArray key = sha256(code.toLatin1());
    // Taken in one statement: a code redeemed twice at once, at two instances, works once.
    QSqlQuery q = m_db.run(QStringLiteral("DELETE FROM qq_codes WHERE code = ? "
                                          "RETURNING account_id, code_challenge, expires, redirect_uri"),
                           {key});
    if (!q.next())
        return std::nullopt;
    Code c{q.value(0).toLongLong(), q.value(1).toByteArray(), q.value(2).toLongLong(), q.value(3).toString()};
    q.finish();
    return c;
}

} // namespace ncre::server
