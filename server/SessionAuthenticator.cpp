#include "SessionAuthenticator.h"

#include "Database.h"

#include <QCryptographicHash>

namespace ncre::server {

namespace {

bool isLoopback(const QHostAddress &address)
{
    return address.isLoopback()
        || (address.protocol() == QAbstractSocket::IPv6Protocol && address.toIPv4Address() != 0
            && QHostAddress(address.toIPv4Address()).isLoopback());
}

} // namespace

SessionAuthenticator::SessionAuthenticator(Database &db, ServerClock &clock, bool testHooks)
    : m_db(db)
    , m_clock(clock)
    , m_testHooks(testHooks)
{
}

std::optional<Error> SessionAuthenticator::authenticate(const HttpRequest &request, Access access, std::optional<Caller> &caller)
{
    if (access == Access::TestHook) {
        // Loopback, and no proxy in between (a proxied request names where it came from).
        const bool proxied = !request.value("X-Forwarded-For").isEmpty() || !request.value("Forwarded").isEmpty()
            || !request.value("Via").isEmpty();
        if (!m_testHooks || !isLoopback(request.remoteAddress) || proxied)
            return Error(ErrorCode::ResourceNotFound);
        return std::nullopt;
    }
    const QByteArray authorization = request.value("Authorization");
    if (access == Access::Public && authorization.isEmpty())
        return std::nullopt;
    // The scheme's name is case-insensitive, and one or more spaces or tabs may follow it (RFC 9110 §11.1, §11.4).
    const bool bearer = authorization.size() > 7 && authorization.left(6).compare("Bearer", Qt::CaseInsensitive) == 0
        && (authorization.at(6) == ' ' || authorization.at(6) == '\t');
    if (!bearer) {
        if (access == Access::Public)
            return std::nullopt;
        return Error(ErrorCode::AuthRequired, {}, QStringLiteral("bearer token required"));
    }
    const QByteArray token = authorization.mid(7).trimmed();
    const QVariantList q = m_db.firstRowCached(QStringLiteral("SELECT s.id, s.access_expires, s.revoked, a.id, a.username, "
                                                              "a.role, a.site_id FROM sessions s JOIN accounts a ON "
                                                              "a.id = s.account_id WHERE s.access_hash = ?"),
                                               {QCryptographicHash::hash(token, QCryptographicHash::Sha256)});
    if (q.size() < 7) {
        if (access == Access::Public)
            return std::nullopt;
        return Error(ErrorCode::AuthRequired, {}, QStringLiteral("unknown token"));
    }
    // Public routes ignore a stale token: logging in again must work with yesterday's token still attached.
    if (q.at(2).toInt() != 0)
        return access == Access::Public ? std::nullopt
                                        : std::optional(Error(ErrorCode::AuthRequired, {}, QStringLiteral("revoked token")));
    if (q.at(1).toLongLong() <= m_clock.nowSecs())
        return access == Access::Public
            ? std::nullopt
            : std::optional(Error(ErrorCode::AuthTokenExpired, {}, QStringLiteral("expired token")));
    Caller c;
    c.sessionId = q.at(0).toLongLong();
    c.accountId = q.at(3).toLongLong();
    c.username = q.at(4).toString();
    c.role = q.at(5).toString();
    c.siteId = q.at(6).toString();
    if (access == Access::Candidate && c.role != QLatin1String("candidate"))
        return Error(ErrorCode::AuthForbidden, {}, QStringLiteral("candidates only"));
    if (access == Access::Staff && c.role != QLatin1String("staff"))
        return Error(ErrorCode::AuthForbidden, {}, QStringLiteral("staff only"));
    caller = c;
    return std::nullopt;
}

} // namespace ncre::server
