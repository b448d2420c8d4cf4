#include "RegistrationRequests.h"

#include <QJsonArray>

namespace ncre {

Result<AgreementAcceptance> AgreementAcceptance::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    AgreementAcceptance a;
    a.agreementVersion = r.string("agreementVersion", 64);
    return r.result(a);
}

QJsonObject AgreementAcceptance::toJson() const
{
    return {{QStringLiteral("agreementVersion"), agreementVersion}};
}

Result<SubjectChoice> SubjectChoice::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    SubjectChoice c;
    c.siteId = r.string("siteId", 64);
    c.subjectIds = r.stringList("subjectIds", 20, 16);
    return r.result(c);
}

QJsonObject SubjectChoice::toJson() const
{
    return {{QStringLiteral("siteId"), siteId}, {QStringLiteral("subjectIds"), QJsonArray::fromStringList(subjectIds)}};
}

Result<SubmitRequest> SubmitRequest::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    SubmitRequest q;
    q.guarantee = r.boolean("guarantee");
    if (r.ok() && !q.guarantee)
        r.fail(Error(ErrorCode::FieldRequired, r.pathOf("guarantee"), QStringLiteral("the guarantee must be given")));
    return r.result(q);
}

QJsonObject SubmitRequest::toJson() const
{
    return {{QStringLiteral("guarantee"), guarantee}};
}

Result<DocumentLookup> DocumentLookup::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    DocumentLookup d;
    d.documentType = r.string("documentType", 40);
    d.documentNumber = r.string("documentNumber", 40);
    return r.result(d);
}

QJsonObject DocumentLookup::toJson() const
{
    return {{QStringLiteral("documentType"), documentType}, {QStringLiteral("documentNumber"), documentNumber}};
}

QByteArray PaymentNotify::signedText() const
{
    return QStringLiteral("%1|%2|%3|%4")
        .arg(orderId, platformTradeNo)
        .arg(amountFen)
        .arg(JsonFormat::dateTime(paidAt))
        .toUtf8();
}

Result<PaymentNotify> PaymentNotify::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    PaymentNotify n;
    n.orderId = r.string("orderId", 64);
    n.platformTradeNo = r.string("platformTradeNo", 64);
    n.amountFen = r.integer("amountFen", 0, 100'000'00);
    n.paidAt = r.dateTime("paidAt");
    n.signature = r.string("signature", 128);
    return r.result(n);
}

QJsonObject PaymentNotify::toJson() const
{
    return {{QStringLiteral("orderId"), orderId},
            {QStringLiteral("platformTradeNo"), platformTradeNo},
            {QStringLiteral("amountFen"), amountFen},
            {QStringLiteral("paidAt"), JsonFormat::dateTime(paidAt)},
            {QStringLiteral("signature"), signature}};
}

} // namespace ncre
