#pragma once

#include "JsonReader.h"
#include "PhotoSpec.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ncre {

// GET /meta: what the client needs before anything else.
struct Meta
{
    QDateTime serverTime;
    QString apiVersion;
    PhotoSpec photoSpec;
    QStringList loginProviders; // "password", "qq"

    static Result<Meta> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// POST /captcha: a single-use captcha image.
struct Captcha
{
    QString id;
    QByteArray png; // base64 on the wire
    QDateTime expiresAt;

    static Result<Captcha> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

enum class BulletinKind { Announcement, Notice };

// An entry of /announcements (网上报名公告) or /notices (网上报名须知及流程). The body is HTML that the client shows
// only after sanitizing it.
struct Bulletin
{
    QString id;
    BulletinKind kind = BulletinKind::Announcement;
    QString title;
    QString bodyHtml;
    QDateTime publishedAt;

    static Result<Bulletin> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
