#include "Review.h"

namespace ncre {

Result<ReviewQueueItem> ReviewQueueItem::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    ReviewQueueItem i;
    i.registrationId = r.string("registrationId", 64);
    i.candidateName = r.string("candidateName", 100);
    i.documentNumberMasked = r.string("documentNumberMasked", 40);
    i.subjectIds = r.stringList("subjectIds", 20, 16);
    i.requestedAt = r.dateTime("requestedAt");
    return r.result(i);
}

QJsonObject ReviewQueueItem::toJson() const
{
    return {{QStringLiteral("registrationId"), registrationId},
            {QStringLiteral("candidateName"), candidateName},
            {QStringLiteral("documentNumberMasked"), documentNumberMasked},
            {QStringLiteral("subjectIds"), QJsonArray::fromStringList(subjectIds)},
            {QStringLiteral("requestedAt"), JsonFormat::dateTime(requestedAt)}};
}

Result<DecidedReview> DecidedReview::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    DecidedReview d;
    d.registrationId = r.string("registrationId", 64);
    d.candidateName = r.string("candidateName", 100);
    d.documentNumberMasked = r.string("documentNumberMasked", 40);
    d.decision = r.enumeration<ReviewDecisionKind>("decision", reviewDecisionFromName);
    d.reason = r.optionalString("reason", 500).value_or(QString());
    d.decidedBy = r.string("decidedBy", 64);
    d.decidedAt = r.dateTime("decidedAt");
    return r.result(d);
}

QJsonObject DecidedReview::toJson() const
{
    QJsonObject o{{QStringLiteral("registrationId"), registrationId},
                  {QStringLiteral("candidateName"), candidateName},
                  {QStringLiteral("documentNumberMasked"), documentNumberMasked},
                  {QStringLiteral("decision"), reviewDecisionName(decision)},
                  {QStringLiteral("decidedBy"), decidedBy},
                  {QStringLiteral("decidedAt"), JsonFormat::dateTime(decidedAt)}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

Result<ReviewQueue> ReviewQueue::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    ReviewQueue q;
    q.items = r.nestedList<ReviewQueueItem>("items", 10000);
    if (o.contains(QLatin1String("decided")) || s == JsonStrictness::Strict)
        q.decided = r.nestedList<DecidedReview>("decided", kDecidedMax);
    return r.result(q);
}

QJsonObject ReviewQueue::toJson() const
{
    QJsonArray pending;
    for (const ReviewQueueItem &i : items)
        pending.append(i.toJson());
    QJsonArray recent;
    for (const DecidedReview &d : decided)
        recent.append(d.toJson());
    return {{QStringLiteral("items"), pending}, {QStringLiteral("decided"), recent}};
}

Result<ReviewDecision> ReviewDecision::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    ReviewDecision d;
    d.decision = r.enumeration<ReviewDecisionKind>("decision", reviewDecisionFromName);
    d.reason = r.optionalString("reason", 500).value_or(QString()).trimmed();
    if (r.ok() && d.decision == ReviewDecisionKind::Reject && d.reason.isEmpty())
        r.fail(Error(ErrorCode::FieldRequired, r.pathOf("reason"), QStringLiteral("a rejection needs a reason")));
    return r.result(d);
}

QJsonObject ReviewDecision::toJson() const
{
    QJsonObject o{{QStringLiteral("decision"), reviewDecisionName(decision)}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

} // namespace ncre
