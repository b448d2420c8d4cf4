#pragma once

#include "Exam.h"
#include "JsonReader.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace ncre {

// A subject (科目) offered at a site.
struct Subject
{
    QString id; // NCRE subject code, e.g. "65" for 二级C语言程序设计
    QString name;
    int level = 1; // 一级 .. 四级
    qint64 feeFen = 0; // fee in fen (1/100 yuan): money is never a double
    int seatsTotal = 0;
    int seatsLeft = 0;
    QDateTime examTime;
    int durationMinutes = 0;

    static Result<Subject> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// The candidate's choice of subjects at one site, checked against what the site offers and the exam's cap.
namespace SubjectSelection {

// subjects.empty, subjects.tooMany (above limits.maxSubjectsPerCandidate), subjects.duplicate, subjects.unknown
// (not offered at the site), subjects.clash (two whose sessions overlap: examTime to examTime + durationMinutes; a
// candidate sits one exam at a time); seats are the server's to check at submission. Empty when acceptable.
ErrorList validate(const QStringList &subjectIds, const QList<Subject> &offered, const ExamLimits &limits);

// The total fee in fen of the chosen subjects that are offered.
qint64 totalFeeFen(const QStringList &subjectIds, const QList<Subject> &offered);

} // namespace SubjectSelection

} // namespace ncre
