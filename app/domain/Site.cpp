#include "Site.h"

namespace ncre {

Result<OnSiteConfirmation> OnSiteConfirmation::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    OnSiteConfirmation c;
    c.notice = r.string("notice", 20000);
    c.deadline = r.dateTime("deadline");
    return r.result(c);
}

QJsonObject OnSiteConfirmation::toJson() const
{
    return {{QStringLiteral("notice"), notice}, {QStringLiteral("deadline"), JsonFormat::dateTime(deadline)}};
}

Result<Site> Site::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Site site;
    site.id = r.string("id", 64);
    site.name = r.string("name", 200);
    site.district = r.string("district", 100);
    site.address = r.string("address", 300);
    site.phone = r.optionalString("phone", 40).value_or(QString());
    site.reviewRequired = r.boolean("reviewRequired");
    site.onSiteConfirmation = r.optionalNested<OnSiteConfirmation>("onSiteConfirmation");
    return r.result(site);
}

QJsonObject Site::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("district"), district},
        {QStringLiteral("address"), address},
        {QStringLiteral("reviewRequired"), reviewRequired},
    };
    if (!phone.isEmpty())
        o.insert(QStringLiteral("phone"), phone);
    if (onSiteConfirmation)
        o.insert(QStringLiteral("onSiteConfirmation"), onSiteConfirmation->toJson());
    return o;
}

} // namespace ncre
