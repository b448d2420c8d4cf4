#include "Exam.h"

namespace ncre {

Result<TimeWindow> TimeWindow::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    TimeWindow w;
    w.opens = r.dateTime("opens");
    w.closes = r.dateTime("closes");
    if (r.ok() && w.closes <= w.opens)
        r.fail(Error(ErrorCode::JsonRange, r.pathOf("closes"), QStringLiteral("closes before it opens")));
    return r.result(w);
}

QJsonObject TimeWindow::toJson() const
{
    return {{QStringLiteral("opens"), JsonFormat::dateTime(opens)},
            {QStringLiteral("closes"), JsonFormat::dateTime(closes)}};
}

Result<ExamLimits> ExamLimits::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    ExamLimits l;
    l.maxSubjectsPerCandidate = int(r.integer("maxSubjectsPerCandidate", 1, 20));
    l.paymentHours = int(r.integer("paymentHours", 1, 24 * 30));
    return r.result(l);
}

QJsonObject ExamLimits::toJson() const
{
    return {{QStringLiteral("maxSubjectsPerCandidate"), maxSubjectsPerCandidate},
            {QStringLiteral("paymentHours"), paymentHours}};
}

Result<Exam> Exam::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Exam e;
    e.id = r.string("id", 64);
    e.name = r.string("name", 200);
    e.registration = r.nested<TimeWindow>("registration");
    e.ticketPrint = r.nested<TimeWindow>("ticketPrint");
    e.examStarts = r.dateTime("examStarts");
    e.limits = r.nested<ExamLimits>("limits");
    e.agreementVersion = r.string("agreementVersion", 64);
    e.agreementText = r.string("agreementText", 100000);
    if (r.ok() && e.id.isEmpty())
        r.fail(Error(ErrorCode::JsonValue, r.pathOf("id"), QStringLiteral("empty")));
    return r.result(e);
}

QJsonObject Exam::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("registration"), registration.toJson()},
        {QStringLiteral("ticketPrint"), ticketPrint.toJson()},
        {QStringLiteral("examStarts"), JsonFormat::dateTime(examStarts)},
        {QStringLiteral("limits"), limits.toJson()},
        {QStringLiteral("agreementVersion"), agreementVersion},
        {QStringLiteral("agreementText"), agreementText},
    };
}

} // namespace ncre
