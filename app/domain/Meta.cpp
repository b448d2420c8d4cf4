#include "Meta.h"

#include <QJsonArray>

namespace ncre {

Result<Meta> Meta::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Meta m;
    m.serverTime = r.dateTime("serverTime");
    m.apiVersion = r.string("apiVersion", 32);
    m.photoSpec = r.nested<PhotoSpec>("photoSpec");
    m.loginProviders = r.stringList("loginProviders", 8, 32);
    return r.result(m);
}

QJsonObject Meta::toJson() const
{
    return {{QStringLiteral("serverTime"), JsonFormat::dateTime(serverTime)},
            {QStringLiteral("apiVersion"), apiVersion},
            {QStringLiteral("photoSpec"), photoSpec.toJson()},
            {QStringLiteral("loginProviders"), QJsonArray::fromStringList(loginProviders)}};
}

Result<Captcha> Captcha::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    static const QByteArray pngSignature("\x89PNG\r\n\x1a\n", 8);
    JsonReader r(o, s, path);
    Captcha c;
    c.id = r.string("id", 64);
    const QString base64 = r.string("imagePng", 200000);
    c.expiresAt = r.dateTime("expiresAt");
    if (r.ok()) {
        const auto decoded = QByteArray::fromBase64Encoding(base64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || !decoded.decoded.startsWith(pngSignature))
            r.fail(Error(ErrorCode::JsonValue, r.pathOf("imagePng"), QStringLiteral("expected a base64 PNG")));
        else
            c.png = decoded.decoded;
    }
    return r.result(c);
}

QJsonObject Captcha::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("imagePng"), QString::fromLatin1(png.toBase64())},
            {QStringLiteral("expiresAt"), JsonFormat::dateTime(expiresAt)}};
}

Result<Bulletin> Bulletin::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Bulletin b;
    b.id = r.string("id", 64);
    b.kind = r.enumeration<BulletinKind>("kind", [](const QString &name) -> std::optional<BulletinKind> {
        if (name == QLatin1String("announcement"))
            return BulletinKind::Announcement;
        if (name == QLatin1String("notice"))
            return BulletinKind::Notice;
        return std::nullopt;
    });
    b.title = r.string("title", 300);
    b.bodyHtml = r.string("bodyHtml", 200000);
    b.publishedAt = r.dateTime("publishedAt");
    return r.result(b);
}

QJsonObject Bulletin::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"),
             kind == BulletinKind::Notice ? QStringLiteral("notice") : QStringLiteral("announcement")},
            {QStringLiteral("title"), title},
            {QStringLiteral("bodyHtml"), bodyHtml},
            {QStringLiteral("publishedAt"), JsonFormat::dateTime(publishedAt)}};
}

} // namespace ncre
