#pragma once

#include "ServerClock.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ncre::server {

class Database;

// The first answer to each Idempotency-Key (architecture §3), per scope (an account, or a client address before
// login), with a hash of the request it answered: a replay gets that answer again, the same key with another request
// is refused (idempotency.keyReused). Records older than a day are swept (sweepAnonymousData).
class IdempotencyStore
{
public:
    struct Answer
    {
        QByteArray requestHash;
        int status = 0;
        QByteArray contentType;
        QByteArray body;
    };

    IdempotencyStore(Database &db, ServerClock &clock);

    // SHA-256 of the method, the path and the body.
    static QByteArray requestHash(const QByteArray &method, const QString &path, const QByteArray &body);
    std::optional<Answer> find(const QString &scope, const QByteArray &key);
    void keep(const QString &scope, const QByteArray &key, const Answer &answer);
    // Records kept for `scope` in the last 24 hours.
    int countToday(const QString &scope);

private:
    Database &m_db;
    ServerClock &m_clock;
};

} // namespace ncre::server
