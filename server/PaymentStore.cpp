#include "PaymentStore.h"

#include "Database.h"

#include <QUrlQuery>

namespace ncre::server {

namespace {

QDateTime fromSecs(const QVariant &v)
{
    return QDateTime::fromSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

} // namespace

PaymentStore::PaymentStore(Database &db, ServerClock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

std::optional<PaymentOrder> PaymentStore::load(const QString &where, const QVariantList &values)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id, status, amount_fen, created_at, expires_at, paid_at FROM orders "
                                          "WHERE %1 ORDER BY created_at DESC, %2 DESC LIMIT 1")
                               .arg(where, m_db.orderInsertionColumn()),
                           values);
    if (!q.next())
        return std::nullopt;
    PaymentOrder o;
    o.id = q.value(0).toString();
    o.status = paymentStatusFromName(q.value(1).toString()).value_or(PaymentStatus::Cancelled);
    o.amountFen = q.value(2).toLongLong();
    o.createdAt = fromSecs(q.value(3));
    o.expiresAt = fromSecs(q.value(4));
    if (!q.value(5).isNull())
        o.paidAt = fromSecs(q.value(5));
    o.status = o.statusAt(m_clock.now()); // lapsed is expired, whether or not the sweep has marked it yet
    QUrl pay = m_payPage;
    if (pay.path().endsWith(QLatin1Char('/'))) {
        pay.setPath(pay.path() + o.id);
    } else {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("orderId"), o.id);
        pay.setQuery(query);
    }
    o.payUrl = pay.toString(QUrl::FullyEncoded);
    return o;
}

std::optional<PaymentOrder> PaymentStore::order(const QString &orderId)
{
    return load(QStringLiteral("id = ?"), {orderId});
}

std::optional<PaymentOrder> PaymentStore::openOrder(const QString &registrationId)
{
    return load(QStringLiteral("registration_id = ? AND status = 'open' AND expires_at > ?"),
                {registrationId, m_clock.nowSecs()});
}

std::optional<PaymentOrder> PaymentStore::latestOrder(const QString &registrationId)
{
    return load(QStringLiteral("registration_id = ?"), {registrationId});
}

QString PaymentStore::registrationOf(const QString &orderId)
{
    return m_db.scalar(QStringLiteral("SELECT registration_id FROM orders WHERE id = ?"), {orderId}).toString();
}

bool PaymentStore::create(const QString &orderId, const QString &registrationId, qint64 amountFen,
                          const QDateTime &expires)
{
    m_db.run(QStringLiteral("UPDATE orders SET status = 'expired' WHERE registration_id = ? AND status = 'open' AND "
                            "expires_at <= ?"),
             {registrationId, m_clock.nowSecs()});
    QSqlQuery q = m_db.run(QStringLiteral("INSERT INTO orders (id, registration_id, status, amount_fen, created_at, "
                                          "expires_at) VALUES (?, ?, 'open', ?, ?, ?)"),
                           {orderId, registrationId, amountFen, m_clock.nowSecs(), expires.toSecsSinceEpoch()});
    return q.lastError().type() == QSqlError::NoError;
}

void PaymentStore::markPaid(const QString &orderId, const QDateTime &paidAt)
{
    m_db.run(QStringLiteral("UPDATE orders SET status = 'paid', paid_at = ? WHERE id = ?"),
             {paidAt.toSecsSinceEpoch(), orderId});
}

void PaymentStore::cancelOtherOpen(const QString &registrationId, const QString &keptOrderId)
{
    m_db.run(QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE registration_id = ? AND id <> ? AND "
                            "status = 'open'"),
             {registrationId, keptOrderId});
}

void PaymentStore::expireOpen(const QString &registrationId)
{
    m_db.run(QStringLiteral("UPDATE orders SET status = 'expired' WHERE registration_id = ? AND status = 'open'"),
             {registrationId});
}

QList<QPair<QString, QString>> PaymentStore::lapsedOpen()
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id, registration_id FROM orders WHERE status = 'open' AND "
                                          "expires_at <= ?"),
                           {m_clock.nowSecs()});
    QList<QPair<QString, QString>> lapsed;
    while (q.next())
        lapsed.append({q.value(0).toString(), q.value(1).toString()});
    return lapsed;
}

void PaymentStore::expire(const QString &orderId)
{
    m_db.run(QStringLiteral("UPDATE orders SET status = 'expired' WHERE id = ? AND status = 'open'"), {orderId});
}

bool PaymentStore::recordCharge(const QString &orderId, const QString &tradeNo, const QDateTime &paidAt)
{
    QSqlQuery q = m_db.run(QStringLiteral("INSERT INTO payments (order_id, registration_id, trade_no, amount_fen, paid_at) "
                                          "SELECT id, registration_id, ?, amount_fen, ? FROM orders WHERE id = ? "
                                          "ON CONFLICT DO NOTHING"),
                           {tradeNo, paidAt.toSecsSinceEpoch(), orderId});
    return q.numRowsAffected() == 1;
}

std::optional<PlatformPayment> PaymentStore::charge(const QString &orderId)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT trade_no, amount_fen, paid_at FROM payments WHERE order_id = ?"),
                           {orderId});
    if (!q.next())
        return std::nullopt;
    return PlatformPayment{q.value(0).toString(), q.value(1).toLongLong(), fromSecs(q.value(2))};
}

qint64 PaymentStore::chargeCount(const QString &orderId)
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ?"), {orderId}).toLongLong();
}

} // namespace ncre::server
