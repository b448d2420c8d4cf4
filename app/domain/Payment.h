#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace ncre {

enum class PaymentStatus { Open, Paid, Expired, Cancelled };

QString paymentStatusName(PaymentStatus status);
std::optional<PaymentStatus> paymentStatusFromName(const QString &name);

// A payment order on the payment platform. One open order per registration at most (architecture §8).
struct PaymentOrder
{
    QString id;
    PaymentStatus status = PaymentStatus::Open;
    qint64 amountFen = 0; // computed by the server from the chosen subjects
    QDateTime createdAt;
    QDateTime expiresAt;
    std::optional<QDateTime> paidAt;
    QString payUrl; // the payment platform's page for this order

    // The status at `now` (server time): an open order past its expiry is expired wherever it is read, and can
    // never be charged; paying again makes a new one.
    PaymentStatus statusAt(const QDateTime &now) const
    {
        return status == PaymentStatus::Open && expiresAt.isValid() && expiresAt <= now ? PaymentStatus::Expired : status;
    }

    static Result<PaymentOrder> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
