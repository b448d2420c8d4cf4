#include "Subject.h"

#include <QSet>

namespace ncre {

Result<Subject> Subject::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Subject sub;
    sub.id = r.string("id", 16);
    sub.name = r.string("name", 200);
    sub.level = int(r.integer("level", 1, 4));
    sub.feeFen = r.integer("feeFen", 0, 10'000'00);
    sub.seatsTotal = int(r.integer("seatsTotal", 0, 100000));
    sub.seatsLeft = int(r.integer("seatsLeft", 0, 100000));
    sub.examTime = r.dateTime("examTime");
    sub.durationMinutes = int(r.integer("durationMinutes", 1, 24 * 60));
    if (r.ok() && sub.seatsLeft > sub.seatsTotal)
        r.fail(Error(ErrorCode::JsonRange, r.pathOf("seatsLeft"), QStringLiteral("more seats left than exist")));
    return r.result(sub);
}

QJsonObject Subject::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("level"), level},
        {QStringLiteral("feeFen"), feeFen},
        {QStringLiteral("seatsTotal"), seatsTotal},
        {QStringLiteral("seatsLeft"), seatsLeft},
        {QStringLiteral("examTime"), JsonFormat::dateTime(examTime)},
        {QStringLiteral("durationMinutes"), durationMinutes},
    };
}

namespace SubjectSelection {

namespace {

const Subject *findSubject(const QList<Subject> &offered, const QString &id)
{
    for (const Subject &s : offered) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

} // namespace

ErrorList validate(const QStringList &subjectIds, const QList<Subject> &offered, const ExamLimits &limits)
{
    const QString field = QStringLiteral("subjectIds");
    if (subjectIds.isEmpty())
        return {Error(ErrorCode::SubjectsEmpty, field)};
    ErrorList errors;
    QSet<QString> seen;
    for (const QString &id : subjectIds) {
        if (seen.contains(id)) {
            errors.append(Error(ErrorCode::SubjectsDuplicate, field, QStringLiteral("subject %1 twice").arg(id)));
            continue;
        }
        seen.insert(id);
        if (!findSubject(offered, id))
            errors.append(Error(ErrorCode::SubjectsUnknown, field, QStringLiteral("subject %1 not offered").arg(id)));
    }
    // Sessions that overlap cannot both be sat (the detail names the pair, by code).
    for (qsizetype i = 0; i < subjectIds.size(); ++i) {
        const Subject *a = findSubject(offered, subjectIds[i]);
        for (qsizetype j = i + 1; a && j < subjectIds.size(); ++j) {
            const Subject *b = findSubject(offered, subjectIds[j]);
            if (!b || b == a || !a->examTime.isValid() || !b->examTime.isValid())
                continue;
            const QDateTime aEnd = a->examTime.addSecs(qint64(qMax(1, a->durationMinutes)) * 60);
            const QDateTime bEnd = b->examTime.addSecs(qint64(qMax(1, b->durationMinutes)) * 60);
            if (a->examTime < bEnd && b->examTime < aEnd)
                errors.append(Error(ErrorCode::SubjectsClash, field, QStringLiteral("%1 and %2 overlap").arg(a->id, b->id)));
        }
    }
    if (seen.size() > limits.maxSubjectsPerCandidate)
        errors.append(Error(ErrorCode::SubjectsTooMany, field,
                            QStringLiteral("at most %1 subjects").arg(limits.maxSubjectsPerCandidate)));
    return errors;
}

qint64 totalFeeFen(const QStringList &subjectIds, const QList<Subject> &offered)
{
    qint64 total = 0;
    QSet<QString> seen;
    for (const QString &id : subjectIds) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        if (const Subject *s = findSubject(offered, id))
            total += s->feeFen;
    }
    return total;
}

} // namespace SubjectSelection

} // namespace ncre
