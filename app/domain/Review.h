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

// A review decided lately at the site (GET /staff/reviews, "decided"): so that staff at several terminals see what
// the others decided meanwhile. `decidedBy` is the staff account's name.
struct DecidedReview
{
    QString registrationId;
    QString candidateName;
    QString documentNumberMasked;
    ReviewDecisionKind decision = ReviewDecisionKind::Approve;
    QString reason;
    QString decidedBy;
    QDateTime decidedAt;

    static Result<DecidedReview> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// GET /staff/reviews: the pending reviews, oldest first, and the decisions of the last kDecidedHours, newest first
// (at most kDecidedMax). Conditional on its ETag: a terminal polling an unchanged queue gets 304.
struct ReviewQueue
{
    static constexpr int kDecidedHours = 12;
    static constexpr int kDecidedMax = 50;
    QList<ReviewQueueItem> items;
    QList<DecidedReview> decided;

    static Result<ReviewQueue> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
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
