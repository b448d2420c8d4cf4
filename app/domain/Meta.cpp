#include "Meta.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QVersionNumber>

namespace ncre {

Result<Meta> Meta::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Meta m;
    m.serverTime = r.dateTime("serverTime");
    m.apiVersion = r.string("apiVersion", 32);
    m.photoSpec = r.nested<PhotoSpec>("photoSpec");
    m.loginProviders = r.stringList("loginProviders", 8, 32);
    m.client = r.optionalNested<ClientVersions>("client");
    return r.result(m);
}

QJsonObject Meta::toJson() const
{
    QJsonObject o{{QStringLiteral("serverTime"), JsonFormat::dateTime(serverTime)},
            {QStringLiteral("apiVersion"), apiVersion},
            {QStringLiteral("photoSpec"), photoSpec.toJson()},
            {QStringLiteral("loginProviders"), QJsonArray::fromStringList(loginProviders)}};
    if (client)
        o.insert(QStringLiteral("client"), client->toJson());
    return o;
}

ClientVersions::Need ClientVersions::needFor(const QString &running) const
{
    const QVersionNumber mine = QVersionNumber::fromString(running);
    if (mine.isNull())
        return Need::None;
    if (const QVersionNumber oldest = QVersionNumber::fromString(minimum); !oldest.isNull() && mine < oldest)
        return Need::Required;
    if (const QVersionNumber newest = QVersionNumber::fromString(latest); !newest.isNull() && mine < newest)
        return Need::Available;
    return Need::None;
}

Result<ClientVersions> ClientVersions::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    ClientVersions v;
    v.minimum = r.string("minimum", 32);
    v.latest = r.string("latest", 32);
    v.downloadUrl = QUrl(r.string("downloadUrl", 512), QUrl::StrictMode);
    static const QRegularExpression dotted(QStringLiteral("^[0-9]{1,5}(\\.[0-9]{1,5}){0,3}$"));
    if (r.ok() && !dotted.match(v.minimum).hasMatch())
        r.fail(Error(ErrorCode::JsonValue, r.pathOf("minimum"), QStringLiteral("a dotted version number")));
    if (r.ok() && !dotted.match(v.latest).hasMatch())
        r.fail(Error(ErrorCode::JsonValue, r.pathOf("latest"), QStringLiteral("a dotted version number")));
    if (r.ok() && (!v.downloadUrl.isValid() || (v.downloadUrl.scheme() != QLatin1String("https")
                                                && v.downloadUrl.scheme() != QLatin1String("http"))))
        r.fail(Error(ErrorCode::JsonValue, r.pathOf("downloadUrl"), QStringLiteral("an http(s) address")));
    return r.result(v);
}

QJsonObject ClientVersions::toJson() const
{
    return {{QStringLiteral("minimum"), minimum},
            {QStringLiteral("latest"), latest},
            {QStringLiteral("downloadUrl"), downloadUrl.toString(QUrl::FullyEncoded)}};
}

QString deskVersion()
{
    return QStringLiteral(NCRE_VERSION);
}

QByteArray deskUserAgent()
{
    return "ncre-desk/" + deskVersion().toLatin1();
}

QString deskVersionFromUserAgent(const QByteArray &userAgent)
{
    if (!userAgent.startsWith("ncre-desk/"))
        return {}; // every request asks: most answers need no expression
    static const QRegularExpression form(QStringLiteral("^ncre-desk/([0-9]{1,5}(\\.[0-9]{1,5}){0,3})(\\s|$)"));
    const auto m = form.match(QString::fromLatin1(userAgent));
    return m.hasMatch() ? m.captured(1) : QString();
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
