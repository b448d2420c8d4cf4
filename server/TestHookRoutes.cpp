#include "RegistrationRequests.h"
#include "ServerContext.h"

#include <QMessageAuthenticationCode>

namespace ncre::server {

using Method = HttpMethod;

// --test-hooks only (and only from loopback; HttpServer answers 404 otherwise): what a test needs to drive the real
// server through states that otherwise take a human, a bank or a day.
void registerTestHookRoutes(ServerContext &ctx)
{
    RouteOptions hook;
    hook.access = Access::TestHook;
    RouteOptions hookJson = hook;
    hookJson.body = BodyKind::Json;

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/test-hooks/captchas/{}"), hook, [&ctx](ApiRequest &r) {
        const auto answer = ctx.captchas.answer(r.params.at(0));
        if (!answer)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
        return ApiResponse::json({{QStringLiteral("answer"), *answer}});
    });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/test-hooks/clock"), hookJson, [&ctx](ApiRequest &r) {
        JsonReader reader(r.json, JsonStrictness::Strict);
        const auto advance = reader.optionalInteger("advanceSeconds", -366LL * 24 * 3600, 366LL * 24 * 3600);
        const auto now = reader.optionalDateTime("now");
        reader.finish();
        if (!reader.ok())
            return ApiResponse::problem(reader.error());
        if (advance)
            ctx.clock.advance(*advance);
        if (now)
            ctx.clock.setNow(*now);
        ctx.registrations.sweepExpired();
        sweepAnonymousData(ctx);
        return ApiResponse::json({{QStringLiteral("now"), JsonFormat::dateTime(ctx.clock.now())}});
    });

    // The candidate paid on the platform (as the payment page's «支付» does). notify: "now" (default), "none" (the
    // notify is lost: only «我已支付，更新支付信息» will find the payment), "twice" (delivered twice).
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/test-hooks/payments/{}/complete"), hookJson,
                      [&ctx](ApiRequest &r) {
                          JsonReader reader(r.json, JsonStrictness::Strict);
                          const QString notify = reader.optionalString("notify", 8).value_or(QStringLiteral("now"));
                          reader.finish();
                          if (!reader.ok())
                              return ApiResponse::problem(reader.error());
                          const auto order = ctx.payments.order(r.params.at(0));
                          if (!order)
                              return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
                          ctx.payments.recordCharge(order->id, QString::fromLatin1(Credentials::randomToken(9)),
                                                    ctx.clock.now());
                          if (notify == QLatin1String("now") || notify == QLatin1String("twice"))
                              settleOrder(ctx, order->id);
                          if (notify == QLatin1String("twice"))
                              settleOrder(ctx, order->id);
                          const qint64 charges = ctx.payments.chargeCount(order->id);
                          return ApiResponse::json({{QStringLiteral("order"), ctx.payments.order(order->id)->toJson()},
                                                    {QStringLiteral("charges"), charges}});
                      });

    // A correctly signed platform notify for an order, as the platform would send it (to deliver duplicates).
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/test-hooks/payments/{}/notify"), hook, [&ctx](ApiRequest &r) {
        const auto charge = ctx.payments.charge(r.params.at(0));
        if (!charge)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
        PaymentNotify n;
        n.orderId = r.params.at(0);
        n.platformTradeNo = charge->tradeNo;
        n.amountFen = charge->amountFen;
        n.paidAt = charge->paidAt;
        n.signature = QString::fromLatin1(
            QMessageAuthenticationCode::hash(n.signedText(), ctx.platformKey, QCryptographicHash::Sha256).toHex());
        return ApiResponse::json(n.toJson());
    });

    // A load test's seats (bench/surge.sh): {"siteId", "subjectId", "seats": N} gives that subject N seats, all free.
    // 404 for a subject the site does not offer.
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/test-hooks/seats"), hookJson, [&ctx](ApiRequest &r) {
        JsonReader reader(r.json, JsonStrictness::Strict);
        const QString site = reader.string("siteId", 64);
        const QString subject = reader.string("subjectId", 64);
        const qint64 seats = reader.integer("seats", 0, 1'000'000);
        reader.finish();
        if (!reader.ok())
            return ApiResponse::problem(reader.error());
        QSqlQuery q = ctx.db.run(QStringLiteral("UPDATE subjects SET seats_total = ?, seats_left = ? WHERE site_id = ? AND id = ?"),
                                 {seats, seats, site, subject});
        if (q.numRowsAffected() != 1)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
        return ApiResponse::empty(204);
    });

    // A disk that is full: {"maxPages": N} caps the database file at N pages, or at its size now when N is smaller
    // (SQLite's max_page_count: writes that need a new page fail with SQLITE_FULL); 0 lifts the cap.
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/test-hooks/storage"), hookJson, [&ctx](ApiRequest &r) {
        JsonReader reader(r.json, JsonStrictness::Strict);
        const int pages = int(reader.integer("maxPages", 0, 1'000'000'000));
        reader.finish();
        if (!reader.ok())
            return ApiResponse::problem(reader.error());
        if (!ctx.db.limitPages(pages))
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("SQLite only")));
        return ApiResponse::empty(204);
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/test-hooks/stats"), hook, [&ctx](ApiRequest &) {
        QJsonObject counts;
        for (const auto &[name, table] : {std::pair{"payments", "payments"}, std::pair{"orders", "orders"},
                                          std::pair{"registrations", "registrations"}, std::pair{"captchas", "captchas"},
                                          std::pair{"qqFlows", "qq_flows"}, std::pair{"idempotency", "idempotency"},
                                          std::pair{"sessions", "sessions"}})
            counts.insert(QLatin1String(name), ctx.db.rowCount(QLatin1String(table)));
        // Request bodies held in memory now (the body budget), so a test waits for a reservation, not a time.
        if (ctx.http.listener())
            counts.insert(QStringLiteral("bodyBytesInFlight"), double(ctx.http.listener()->bodyBytesInFlight()));
        return ApiResponse::json(counts);
    });

    // Faults on chosen routes: {"pathPrefix", "kind": "unavailable"|"drop"|"delay"|"truncate", "count", "delayMs",
    // "retryAfter"}.
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/test-hooks/faults"), hookJson, [&ctx](ApiRequest &r) {
        JsonReader reader(r.json, JsonStrictness::Strict);
        const QString prefix = reader.string("pathPrefix", 200);
        const QString kind = reader.string("kind", 16);
        const int count = int(reader.integer("count", 1, 100000));
        const int delay = int(reader.optionalInteger("delayMs", 0, 600000).value_or(0));
        const int retryAfter = int(reader.optionalInteger("retryAfter", 0, 3600).value_or(1));
        reader.finish();
        if (!reader.ok())
            return ApiResponse::problem(reader.error());
        const auto k = FaultInjector::kindFromName(kind);
        if (!k)
            return ApiResponse::problem(Error(ErrorCode::JsonValue, QStringLiteral("kind")));
        ctx.http.faults().inject({prefix, *k, count, delay, retryAfter});
        return ApiResponse::empty(204);
    });
    ctx.http.addRoute(Method::Delete, QStringLiteral("/api/v1/test-hooks/faults"), hook, [&ctx](ApiRequest &) {
        ctx.http.faults().clear();
        return ApiResponse::empty(204);
    });
}

} // namespace ncre::server
