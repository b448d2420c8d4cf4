#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ncre {

// A time window in server time: [opens, closes).
struct TimeWindow
{
    QDateTime opens;
    QDateTime closes;

    bool contains(const QDateTime &t) const { return t >= opens && t < closes; }

    static Result<TimeWindow> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// The exam's published limits (architecture §8): data, never constants in code.
struct ExamLimits
{
    int maxSubjectsPerCandidate = 0; // 3 in the demo exam
    int paymentHours = 0;            // payment due this long after review approval (24)

    static Result<ExamLimits> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// The current exam (考次).
struct Exam
{
    QString id;
    QString name; // "2027年3月全国计算机等级考试"
    TimeWindow registration;
    TimeWindow ticketPrint;
    QDateTime examStarts;
    ExamLimits limits;
    QString agreementVersion;
    QString agreementText; // 报名协议, plain text

    static Result<Exam> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
