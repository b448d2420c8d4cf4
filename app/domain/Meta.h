#pragma once

#include <optional>

#include <QUrl>

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
// The NCRE Desk versions the server accepts and the newest one (GET /meta "client"), and where to get it. Versions
// are dotted numbers (QVersionNumber: "1.2.0"); the server refuses older desks than `minimum` with 426
// client.updateRequired, and the desk says so before anything else fails.
struct ClientVersions
{
    enum class Need { None, Available, Required };

    QString minimum;
    QString latest;
    QUrl downloadUrl; // https (or http on loopback): the page to download from

    // What a desk of version `running` should tell its user.
    Need needFor(const QString &running) const;

    static Result<ClientVersions> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// This program's version ("1.0.0", the project's), as the desk sends it in User-Agent: "ncre-desk/1.0.0".
QString deskVersion();
QByteArray deskUserAgent();
// The desk version in a User-Agent of that form; empty for any other client.
QString deskVersionFromUserAgent(const QByteArray &userAgent);

struct Meta
{
    QDateTime serverTime;
    QString apiVersion;
    PhotoSpec photoSpec;
    QStringList loginProviders; // "password", "qq"
    std::optional<ClientVersions> client; // absent from servers older than 1.0.0

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
