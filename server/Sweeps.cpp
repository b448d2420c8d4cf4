#include "ServerContext.h"
#include "ServerLogging.h"

namespace ncre::server {

void sweepAnonymousData(ServerContext &ctx)
{
    const qint64 now = ctx.clock.nowSecs();
    const qint64 dayAgo = now - 24 * 3600;
    // Table, time column, rows older than this go. Indexed on the time column (schema 7).
    const struct
    {
        const char *table;
        const char *column;
        qint64 before;
    } sweeps[] = {
        {"captchas", "expires", now},
        {"qq_flows", "expires", now},
        {"qq_codes", "expires", now},
        {"idempotency", "created_at", dayAgo},
        {"document_checks", "created_at", dayAgo},
        {"sessions", "refresh_expires", now},
        {"login_throttle", "last_at", dayAgo},
        {"known_logins", "last_at", now - LoginThrottle::kKnownSeconds},
    };
    // In batches of kBatch rows, at most kBatches a sweep per table: a backlog (a flood of records made a day ago)
    // is cleared over several sweeps instead of holding the event loop for seconds in one.
    constexpr int kBatch = 1000;
    constexpr int kBatches = 10;
    int removed = 0;
    for (const auto &s : sweeps) {
        const QString sql = QStringLiteral("DELETE FROM %1 WHERE %4 IN (SELECT %4 FROM %1 WHERE %2 < ? LIMIT %3)")
                                .arg(QLatin1String(s.table), QLatin1String(s.column))
                                .arg(kBatch)
                                .arg(ctx.db.rowLocator());
        for (int batch = 0; batch < kBatches; ++batch) {
            const int n = ctx.db.run(sql, {s.before}).numRowsAffected();
            removed += qMax(0, n);
            if (n < kBatch)
                break;
        }
    }
    if (removed > 0)
        qCInfo(lcServerDb) << "swept" << removed << "expired rows";
}

} // namespace ncre::server
