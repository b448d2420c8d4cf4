#include "Payment.h"

#include <QUrl>

#include <array>
#include <utility>

namespace ncre {

namespace {

constexpr std::array<std::pair<PaymentStatus, const char *>, 4> kNames = {{
    {PaymentStatus::Open, "open"},
    {PaymentStatus::Paid, "paid"},
    {PaymentStatus::Expired, "expired"},
    {PaymentStatus::Cancelled, "cancelled"},
}};

} // namespace

QString paymentStatusName(PaymentStatus status)
{
    for (const auto &[s, n] : kNames) {
        if (s == status)
            return QString::fromLatin1(n);
    }
    return {};
}

std::optional<PaymentStatus> paymentStatusFromName(const QString &name)
{
    for (const auto &[s, n] : kNames) {
        if (name == QLatin1String(n))
            return s;
    }
    return std::nullopt;
}

Result<PaymentOrder> PaymentOrder::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    PaymentOrder p;
    p.id = r.string("id", 64);
    p.status = r.enumeration<PaymentStatus>("status", paymentStatusFromName);
    p.amountFen = r.integer("amountFen", 0, 100'000'00);
    p.createdAt = r.dateTime("createdAt");
    p.expiresAt = r.dateTime("expiresAt");
    p.paidAt = r.optionalDateTime("paidAt");
    p.payUrl = r.string("payUrl", 2048);
    if (r.ok()) {
        const QUrl url(p.payUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            r.fail(Error(ErrorCode::JsonValue, r.pathOf("payUrl"), QStringLiteral("expected an http(s) URL")));
    }
    if (r.ok() && p.status == PaymentStatus::Paid && !p.paidAt)
        r.fail(Error(ErrorCode::JsonMissing, r.pathOf("paidAt"), QStringLiteral("a paid order has paidAt")));
    return r.result(p);
}

QJsonObject PaymentOrder::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("status"), paymentStatusName(status)},
        {QStringLiteral("amountFen"), amountFen},
        {QStringLiteral("createdAt"), JsonFormat::dateTime(createdAt)},
        {QStringLiteral("expiresAt"), JsonFormat::dateTime(expiresAt)},
        {QStringLiteral("payUrl"), payUrl},
    };
    if (paidAt)
        o.insert(QStringLiteral("paidAt"), JsonFormat::dateTime(*paidAt));
    return o;
}

} // namespace ncre
