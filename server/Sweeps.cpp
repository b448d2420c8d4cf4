#include "ServerContext.h"
#include "ServerLogging.h"

namespace ncre::server {

void sweepAnonymousData(ServerContext &ctx)
{
    const qint64 now = ctx.clock.nowSecs();
    const qint64 dayAgo = now - 24 * 3600;
    const QList<QPair<QString, qint64>> sweeps = {
        {QStringLiteral("DELETE FROM captchas WHERE expires < ?"), now},
        {QStringLiteral("DELETE FROM qq_flows WHERE expires < ?"), now},
        {QStringLiteral("DELETE FROM qq_codes WHERE expires < ?"), now},
        {QStringLiteral("DELETE FROM idempotency WHERE created_at < ?"), dayAgo},
        {QStringLiteral("DELETE FROM document_checks WHERE created_at < ?"), dayAgo},
        {QStringLiteral("DELETE FROM sessions WHERE refresh_expires < ?"), now},
        {QStringLiteral("DELETE FROM login_throttle WHERE last_at < ?"), dayAgo},
        {QStringLiteral("DELETE FROM known_logins WHERE last_at < ?"), now - 30 * 24 * 3600},
    };
    int removed = 0;
    for (const auto &[sql, before] : sweeps)
        removed += ctx.db.run(sql, {before}).numRowsAffected();
    if (removed > 0)
        qCInfo(lcServerDb) << "swept" << removed << "expired rows";
}

} // namespace ncre::server
