#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace ncre {

// A site's notice that candidates must confirm in person (现场确认), and by when.
struct OnSiteConfirmation
{
    QString notice;
    QDateTime deadline;

    static Result<OnSiteConfirmation> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// A test site (考点).
struct Site
{
    QString id;
    QString name;
    QString district;
    QString address;
    QString phone;
    bool reviewRequired = false; // 开启了信息审核功能
    std::optional<OnSiteConfirmation> onSiteConfirmation;

    static Result<Site> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
