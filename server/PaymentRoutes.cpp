#include "RegistrationRequests.h"
#include "ServerContext.h"
#include "ServerLogging.h"

#include <QMessageAuthenticationCode>

#include <sodium.h>
#include <QTimer>
#include <QUrlQuery>

namespace ncre::server {

using Method = HttpMethod;

namespace {

constexpr qint64 kOrderSeconds = 2 * 3600;

QString yuan(qint64 fen)
{
    return QStringLiteral("%1.%2").arg(fen / 100).arg(fen % 100, 2, 10, QLatin1Char('0'));
}

QString page(const QString &title, const QString &body)
{
    return QStringLiteral("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%1</title>"
                          "<style>body{font-family:sans-serif;max-width:32em;margin:3em auto;color:#222}"
                          "button{font-size:1.1em;padding:.4em 1.4em}label{display:block;margin:.3em 0}</style>"
                          "</head><body><h1>%1</h1>%2</body></html>")
        .arg(title.toHtmlEscaped(), body);
}

} // namespace

// Records what the platform says it was paid, once. The platform's notify, the candidate's «我已支付，更新支付信息»
// and the test hooks all end here; whichever comes first wins, the others find the order paid and change nothing.
ApiResponse settleOrder(ServerContext &ctx, const QString &orderId)
{
    Transaction tx(ctx.db);
    const auto charge = ctx.payments.charge(orderId);
    const auto order = ctx.payments.order(orderId);
    if (!order)
        return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
    // Settled once; a cancelled order was never charged. An order that lapsed still counts when the platform took
    // the money before it lapsed and its notify arrives late.
    if (!charge || (order->status != PaymentStatus::Open && order->status != PaymentStatus::Expired))
        return ApiResponse::empty(204);
    const QString registrationId = ctx.payments.registrationOf(orderId);
    auto row = ctx.registrations.byId(registrationId);
    if (!row)
        return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
    TransitionContext context = ctx.registrations.context(*row);
    const Result<RegistrationState> next
        = RegistrationMachine::apply(row->state, RegistrationAction::ConfirmPayment, context);
    ctx.payments.markPaid(orderId, charge->paidAt);
    // The money pays for the registration only if it paid for what the registration now holds, in time: an order
    // that lapsed before it was paid, or whose subjects changed since it was made (a late notify of a cheaper
    // order), confirms nothing; it is logged for a refund and the candidate pays the right order.
    const qint64 due = SubjectSelection::totalFeeFen(row->subjectIds, ctx.catalog.subjects(row->siteId));
    const bool matches = order->amountFen == due && charge->paidAt <= order->expiresAt;
    if (!matches) {
        qCWarning(lcServer) << "order" << orderId << "paid" << order->amountFen << "fen" << "but the registration owes"
                            << due << "fen" << (charge->paidAt > order->expiresAt ? "(paid after the order lapsed)" : "")
                            << "- not confirmed, to refund";
    } else if (next) {
        row->state = next.value();
        // A newer order made after this one lapsed can no longer be charged: one payment per registration.
        ctx.payments.cancelOtherOpen(registrationId, orderId);
        ctx.registrations.save(*row);
    } else {
        // Paid after the registration expired or was cancelled: money taken for nothing. Logged for refunds.
        qCWarning(lcServer) << "order" << orderId << "paid in state" << registrationStateName(row->state);
    }
    tx.commit();
    qCInfo(lcServer) << "order" << orderId << "settled";
    return ApiResponse::empty(204);
}

namespace {

void registerPaymentNotify(ServerContext &ctx)
{
    RouteOptions notify;
    notify.body = BodyKind::Json;
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/pay/notify"), notify, [&ctx](ApiRequest &r) {
        const Result<PaymentNotify> n = PaymentNotify::fromJson(r.json, JsonStrictness::Strict);
        if (!n)
            return ApiResponse::problem(n.error());
        const QByteArray expected
            = QMessageAuthenticationCode::hash(n->signedText(), ctx.platformKey, QCryptographicHash::Sha256).toHex();
        const QByteArray given = n->signature.toLatin1();
        // Compared in constant time: the time an answer takes tells nothing about how much of a forgery was right.
        if (given.size() != expected.size() || sodium_memcmp(given.constData(), expected.constData(), size_t(given.size())) != 0)
            return ApiResponse::problem(Error(ErrorCode::AuthForbidden, {}, QStringLiteral("bad signature")));
        const auto order = ctx.payments.order(n->orderId);
        if (!order)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
        if (order->amountFen != n->amountFen)
            return ApiResponse::problem(Error(ErrorCode::JsonValue, QStringLiteral("amountFen")));
        ctx.payments.recordCharge(n->orderId, n->platformTradeNo, n->paidAt);
        return settleOrder(ctx, n->orderId);
    });
}

} // namespace

void registerPaymentRoutes(ServerContext &ctx)
{
    RouteOptions candidatePost;
    candidatePost.access = Access::Candidate;
    candidatePost.idempotent = true;

    ctx.http.addRoute(
        Method::Post, QStringLiteral("/api/v1/registrations/current/payments"), candidatePost, [&ctx](ApiRequest &r) {
            auto row = ctx.registrations.byAccount(r.caller->accountId);
            // If-Match: an order for the registration as the candidate last saw it (its subjects set the amount).
            if (auto failed = changePrecondition(r, row ? std::optional(ctx.registrations.etag(*row)) : std::nullopt))
                return ApiResponse::problem(*failed);
            if (!row)
                return ApiResponse::problem(Error(ErrorCode::StateAgreementRequired));
            if (!ctx.payment.configured() && !ctx.emulatePayments) {
                // No platform to pay on: say so, rather than hand out an order nobody can pay.
                Problem p = Problem::fromError(Error(ErrorCode::ServerUnavailable, {}, QStringLiteral("no payment platform is configured")));
                p.retryAfterSeconds = 3600;
                return ApiResponse::problem(p);
            }
            // One open order per registration: «Pay» again reopens it, never a second charge.
            if (const auto open = ctx.payments.openOrder(row->id))
                return ApiResponse::json(open->toJson(), 200);
            const TransitionContext context = ctx.registrations.context(*row);
            const Result<RegistrationState> allowed
                = RegistrationMachine::apply(row->state, RegistrationAction::CreatePayment, context);
            if (!allowed)
                return ApiResponse::problem(allowed.error());
            if (row->paymentDue && *row->paymentDue <= ctx.clock.now())
                return ApiResponse::problem(Error(ErrorCode::StateDeadlinePassed));
            const qint64 amount = SubjectSelection::totalFeeFen(row->subjectIds, ctx.catalog.subjects(row->siteId));
            QDateTime expires = ctx.clock.now().addSecs(kOrderSeconds);
            if (row->paymentDue && *row->paymentDue < expires)
                expires = *row->paymentDue;
            // Digits only, as payment platforms number their orders: read aloud, typed into a bank's form or compared
            // with a phone's receipt, no 0/O or 1/l/I can be mixed up. The day first (the platform's time zone,
            // UTC+8), then 12 random digits: unguessable, and unique in practice (the key refuses a repeat).
            const QString id = ctx.clock.now().toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyyMMdd"))
                + QString::fromLatin1(Credentials::randomDigits(12));
            Transaction tx(ctx.db);
            if (!ctx.payments.create(id, row->id, amount, expires))
                return ApiResponse::problem(Error(ErrorCode::PaymentOrderOpen));
            ctx.registrations.save(*row); // the lock an open order puts on the data changes the resource
            tx.commit();
            return ApiResponse::json(ctx.payments.order(id)->toJson(), 201);
        });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/registrations/current/payments/{}/refresh"), candidatePost,
                      [&ctx](ApiRequest &r) {
                          const auto row = ctx.registrations.byAccount(r.caller->accountId);
                          const QString orderId = r.params.at(0);
                          const QString owner = ctx.payments.registrationOf(orderId);
                          if (!row || owner != row->id)
                              return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
                          settleOrder(ctx, orderId);
                          return ApiResponse::json(ctx.payments.order(orderId)->toJson());
                      });

    // The payment platform's own notify (signed with its key): the real platform's, or the emulated one's.
    registerPaymentNotify(ctx);
    if (!ctx.emulatePayments) {
        if (!ctx.payment.configured())
            qCWarning(lcServer) << "no payment platform configured ([payment]): orders cannot be paid";
        return;
    }

    // The emulated payment platform's pages (--seed demo, --test-hooks only): bank choice and pay. They take no
    // money: a server for real candidates has the real platform ([payment]) instead.
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/pay/{}"), {}, [&ctx](ApiRequest &r) {
        const auto order = ctx.payments.order(r.params.at(0));
        if (!order)
            return ApiResponse::html(page(QStringLiteral("订单不存在"), QStringLiteral("<p>Order not found.</p>")), 404);
        if (order->status != PaymentStatus::Open || ctx.payments.charge(order->id))
            return ApiResponse::html(page(QStringLiteral("订单已处理"),
                                          QStringLiteral("<p>该订单已支付或已失效。请回到 NCRE Desk 查看报名状态。</p>")));
        QString banks;
        for (const auto &[code, name] : {std::pair{"icbc", "中国工商银行"}, std::pair{"ccb", "中国建设银行"},
                                         std::pair{"abc", "中国农业银行"}, std::pair{"boc", "中国银行"},
                                         std::pair{"alipay", "支付宝"}, std::pair{"wechat", "微信支付"}})
            banks += QStringLiteral("<label><input type=\"radio\" name=\"bank\" value=\"%1\" required> %2</label>")
                         .arg(QLatin1String(code), QString::fromUtf8(name));
        return ApiResponse::html(page(QStringLiteral("网上支付"),
                                      QStringLiteral("<p>订单号：%1</p><p>金额：<strong>¥%2</strong></p>"
                                                     "<form method=\"post\">%3<p><button type=\"submit\">支付</button>"
                                                     "</p></form>")
                                          .arg(order->id.toHtmlEscaped(), yuan(order->amountFen), banks)));
    });

    RouteOptions form;
    form.body = BodyKind::Form;
    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/pay/{}"), form, [&ctx](ApiRequest &r) {
        const auto order = ctx.payments.order(r.params.at(0));
        if (!order)
            return ApiResponse::html(page(QStringLiteral("订单不存在"), QString()), 404);
        const QUrlQuery fields(QString::fromUtf8(r.http.body));
        if (fields.queryItemValue(QStringLiteral("bank")).isEmpty())
            return ApiResponse::html(page(QStringLiteral("请选择银行"), QStringLiteral("<p>请返回选择银行。</p>")), 400);
        if (order->status != PaymentStatus::Open || order->expiresAt <= ctx.clock.now())
            return ApiResponse::html(page(QStringLiteral("订单已失效"), QStringLiteral("<p>未扣款。</p>")), 409);
        // The platform charges an order at most once (payments.order_id is the primary key).
        if (ctx.payments.recordCharge(order->id, QString::fromLatin1(Credentials::randomToken(9)), ctx.clock.now())) {
            // The notify reaches the registration server a little later, as the real platform's does.
            const QString id = order->id;
            QTimer::singleShot(ctx.notifyDelayMs, &ctx.http, [&ctx, id]() { settleOrder(ctx, id); });
        }
        return ApiResponse::html(page(QStringLiteral("支付成功"),
                                      QStringLiteral("<p>已支付 ¥%1。请回到 NCRE Desk；如状态仍显示未支付，请点击"
                                                     "“我已支付，更新支付信息”。</p>")
                                          .arg(yuan(order->amountFen))));
    });
}


} // namespace ncre::server
