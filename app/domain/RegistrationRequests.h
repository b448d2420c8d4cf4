#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ncre {

// PUT /registrations/current/agreement.
struct AgreementAcceptance
{
    QString agreementVersion;

    static Result<AgreementAcceptance> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// PUT /registrations/current/subjects.
struct SubjectChoice
{
    QString siteId;
    QStringList subjectIds;

    static Result<SubjectChoice> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// POST /registrations/current/submit: «我保证以上信息是真实和准确的».
struct SubmitRequest
{
    bool guarantee = false;

    static Result<SubmitRequest> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// POST /staff/confirmations/lookup.
struct DocumentLookup
{
    QString documentType;
    QString documentNumber;

    static Result<DocumentLookup> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// POST /pay/notify: the payment platform's notification.
struct PaymentNotify
{
    QString orderId;
    QString platformTradeNo;
    qint64 amountFen = 0;
    QDateTime paidAt;
    QString signature; // hex HMAC-SHA256 over signedText()

    QByteArray signedText() const;

    static Result<PaymentNotify> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
