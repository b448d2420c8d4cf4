#include "IdempotencyStore.h"

#include "Database.h"

#include <QCryptographicHash>

namespace ncre::server {

IdempotencyStore::IdempotencyStore(Database &db, ServerClock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

QByteArray IdempotencyStore::requestHash(const QByteArray &method, const QString &path, const QByteArray &body)
{
    return QCryptographicHash::hash(method + ' ' + path.toUtf8() + '\n' + body, QCryptographicHash::Sha256);
}

std::optional<IdempotencyStore::Answer> IdempotencyStore::find(const QString &scope, const QByteArray &key)
{
    QSqlQuery stored = m_db.run(QStringLiteral("SELECT request_hash, status, content_type, body FROM idempotency "
                                               "WHERE scope = ? AND key = ?"),
                                {scope, QString::fromLatin1(key)});
    if (!stored.next())
        return std::nullopt;
    return Answer{stored.value(0).toByteArray(), stored.value(1).toInt(), stored.value(2).toByteArray(),
                  stored.value(3).toByteArray()};
}

void IdempotencyStore::keep(const QString &scope, const QByteArray &key, const Answer &answer)
{
    m_db.run(QStringLiteral("INSERT INTO idempotency (scope, key, request_hash, status, content_type, body, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET "
                            "request_hash = excluded.request_hash, status = excluded.status, "
                            "content_type = excluded.content_type, body = excluded.body, created_at = excluded.created_at"),
             {scope, QString::fromLatin1(key), answer.requestHash, answer.status, QString::fromLatin1(answer.contentType),
              answer.body, m_clock.nowSecs()});
}

int IdempotencyStore::countToday(const QString &scope)
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency WHERE scope = ? AND created_at > ?"),
                       {scope, m_clock.nowSecs() - 24 * 3600})
        .toInt();
}

} // namespace ncre::server
