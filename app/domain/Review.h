#pragma once

#include "JsonReader.h"
#include "Registration.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ncre {

// One entry of a site's review queue (GET /staff/reviews). The document number is masked: staff see the full
// number only on the candidate's record.
struct ReviewQueueItem
{
    QString registrationId;
    QString candidateName;
    QString documentNumberMasked;
    QStringList subjectIds;
    QDateTime requestedAt;

    static Result<ReviewQueueItem> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// POST /staff/reviews/{registrationId}/decision.
struct ReviewDecision
{
    ReviewDecisionKind decision = ReviewDecisionKind::Approve;
    QString reason; // required for a rejection: the candidate must know what to fix

    static Result<ReviewDecision> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
