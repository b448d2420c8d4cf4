#pragma once

#include "Payment.h"
#include "ServerClock.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace ncre::server {

class Database;

// The platform's side of a payment: what it charged for an order (at most one charge per order).
struct PlatformPayment
{
    QString tradeNo;
    qint64 amountFen = 0;
    QDateTime paidAt;
};

// Payment orders (tables `orders`, the registration server's ledger) and the payment platform's charges (`payments`,
// what the emulated platform took). An order is open until paid, cancelled or past expires_at; a registration has at
// most one open order. Amounts are in fen. Call the writes inside the request's transaction.
class PaymentStore
{
public:
    PaymentStore(Database &db, ServerClock &clock);

    // Where the candidate pays, for PaymentOrder::payUrl: a path ending in "/" takes the order id after it (the
    // emulated pages, "http://127.0.0.1:8080/api/v1/pay/"); any other page gets "?orderId=<id>" (the real platform).
    void setPayPage(const QUrl &page) { m_payPage = page; }

    std::optional<PaymentOrder> order(const QString &orderId);
    std::optional<PaymentOrder> openOrder(const QString &registrationId);
    std::optional<PaymentOrder> latestOrder(const QString &registrationId);
    // The registration an order belongs to; empty when there is no such order.
    QString registrationOf(const QString &orderId);

    // A new open order; the registration's open orders that lapsed are marked expired first. False when it cannot
    // be stored (another open order exists: the unique index decides).
    bool create(const QString &orderId, const QString &registrationId, qint64 amountFen, const QDateTime &expires);
    void markPaid(const QString &orderId, const QDateTime &paidAt);
    // Every other open order of the registration is cancelled: one payment per registration.
    void cancelOtherOpen(const QString &registrationId, const QString &keptOrderId);
    void expireOpen(const QString &registrationId);
    // Open orders past their expiry, as (order id, registration id); expire() marks one.
    QList<QPair<QString, QString>> lapsedOpen();
    void expire(const QString &orderId);

    // The platform charges an order (at most once: payments.order_id is the primary key); true when this call did.
    bool recordCharge(const QString &orderId, const QString &tradeNo, const QDateTime &paidAt);
    std::optional<PlatformPayment> charge(const QString &orderId);
    qint64 chargeCount(const QString &orderId);

private:
    std::optional<PaymentOrder> load(const QString &where, const QVariantList &values);

    Database &m_db;
    ServerClock &m_clock;
    QUrl m_payPage;
};

} // namespace ncre::server
