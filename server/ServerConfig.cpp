#include "ServerConfig.h"

#include "IniSyntax.h"

#include <QVersionNumber>

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSettings>

#include <QRegularExpression>

#include <functional>

namespace ncre::server {

namespace {

struct IntKey
{
    const char *name; // section/key
    int min;
    int max;
    std::function<int &(ServerConfig &)> field;
};

QList<IntKey> keys()
{
    return {
        {"http/maxConnections", 1, 1'000'000, [](ServerConfig &c) -> int & { return c.http.maxConnections; }},
        {"http/maxConnectionsPerAddress", 1, 1'000'000, [](ServerConfig &c) -> int & { return c.http.maxConnectionsPerAddress; }},
        {"http/maxHeaderBytes", 1024, 1024 * 1024, [](ServerConfig &c) -> int & { return c.http.maxHeaderBytes; }},
        {"http/maxTargetBytes", 256, 1024 * 1024, [](ServerConfig &c) -> int & { return c.http.maxTargetBytes; }},
        {"http/maxHeaderCount", 8, 10'000, [](ServerConfig &c) -> int & { return c.http.maxHeaderCount; }},
        {"http/headerTimeoutMs", 100, 3'600'000, [](ServerConfig &c) -> int & { return c.http.headerTimeoutMs; }},
        {"http/idleTimeoutMs", 100, 3'600'000, [](ServerConfig &c) -> int & { return c.http.idleTimeoutMs; }},
        {"http/bodyGraceMs", 100, 3'600'000, [](ServerConfig &c) -> int & { return c.http.bodyGraceMs; }},
        {"http/bodyMinBytesPerSecond", 1, 1'000'000'000, [](ServerConfig &c) -> int & { return c.http.bodyMinBytesPerSecond; }},
        {"http/writeTimeoutMs", 100, 3'600'000, [](ServerConfig &c) -> int & { return c.http.writeTimeoutMs; }},
        {"http/maxBodyBytesPerAddress", 1024, 1'000'000'000, [](ServerConfig &c) -> int & { return c.http.maxBodyBytesPerAddress; }},
        {"http/maxBodyBytesInFlight", 1024, 2'000'000'000, [](ServerConfig &c) -> int & { return c.http.maxBodyBytesInFlight; }},
        {"http/acceptPauseMs", 1, 60'000, [](ServerConfig &c) -> int & { return c.http.acceptPauseMs; }},
        {"hashing/workers", 0, 256, [](ServerConfig &c) -> int & { return c.hashWorkers; }},
        {"hashing/queue", 1, 100'000, [](ServerConfig &c) -> int & { return c.hashQueue; }},
        {"photos/workers", 1, 64, [](ServerConfig &c) -> int & { return c.photoWorkers; }},
        {"photos/queue", 0, 10'000, [](ServerConfig &c) -> int & { return c.photoQueue; }},
        {"photos/perAddress", 1, 100, [](ServerConfig &c) -> int & { return c.photoPerAddress; }},
        {"hashing/perAddress", 1, 1000, [](ServerConfig &c) -> int & { return c.hashPerAddress; }},
        {"anonymous/captchasPerAddress", 1, 1'000'000, [](ServerConfig &c) -> int & { return c.captchasPerAddress; }},
        {"anonymous/qqStartsPerAddress", 1, 1'000'000, [](ServerConfig &c) -> int & { return c.qqStartsPerAddress; }},
        {"documents/perAccountPerDay", 1, 1000, [](ServerConfig &c) -> int & { return c.documentsPerAccount; }},
        {"documents/perAddressPerDay", 1, 100'000, [](ServerConfig &c) -> int & { return c.documentsPerAddress; }},
        {"idempotency/keysPerScopePerDay", 10, 10'000'000, [](ServerConfig &c) -> int & { return c.idempotencyKeysPerScope; }},
    };
}

Error configError(const QString &key, const QString &what)
{
    return Error(ErrorCode::RequestMalformed, key, what);
}

// https, or http to a loopback address (a provider stand-in in tests).
bool acceptableUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    return url.scheme() == QLatin1String("http") && QHostAddress(url.host()).isLoopback();
}

const QStringList kQqKeys = {QStringLiteral("qq/appId"), QStringLiteral("qq/appSecretFile"), QStringLiteral("qq/authorizeUrl"),
                             QStringLiteral("qq/tokenUrl"), QStringLiteral("qq/openIdUrl")};

Result<void> loadQq(QSettings &file, QqProviderConfig &qq)
{
    if (!file.contains(QStringLiteral("qq/appId"))) {
        for (const QString &key : kQqKeys)
            if (file.contains(key))
                return configError(key, QStringLiteral("needs qq/appId"));
        return {};
    }
    qq.appId = file.value(QStringLiteral("qq/appId")).toString().trimmed();
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,20}$"));
    if (!digits.match(qq.appId).hasMatch())
        return configError(QStringLiteral("qq/appId"), QStringLiteral("expects QQ Connect's numeric app id"));
    for (const auto &[key, url] : {std::pair<QString, QUrl *>{QStringLiteral("qq/authorizeUrl"), &qq.authorizeUrl},
                                   {QStringLiteral("qq/tokenUrl"), &qq.tokenUrl},
                                   {QStringLiteral("qq/openIdUrl"), &qq.openIdUrl}}) {
        if (file.contains(key))
            *url = QUrl(file.value(key).toString().trimmed(), QUrl::StrictMode);
        if (!acceptableUrl(*url))
            return configError(key, QStringLiteral("expects an https URL (http only to a loopback address)"));
    }
    qq.appSecret = qgetenv("NCRE_QQ_APP_SECRET").trimmed();
    if (file.contains(QStringLiteral("qq/appSecretFile"))) {
        QFile secret(file.value(QStringLiteral("qq/appSecretFile")).toString());
        if (!secret.open(QIODevice::ReadOnly))
            return configError(QStringLiteral("qq/appSecretFile"), QStringLiteral("cannot read %1").arg(secret.fileName()));
        qq.appSecret = secret.read(1024).trimmed();
    }
    if (qq.appSecret.isEmpty())
        return configError(QStringLiteral("qq/appId"),
                           QStringLiteral("needs the app secret, in NCRE_QQ_APP_SECRET or the file qq/appSecretFile names"));
    return {};
}

} // namespace

Result<ServerConfig> ServerConfig::load(const QString &path)
{
    ServerConfig config;
    if (path.isEmpty())
        return config;
    if (!QFileInfo(path).isReadable())
        return configError(QStringLiteral("--config"), QStringLiteral("cannot read %1").arg(path));
    if (QFile raw(path); raw.open(QIODevice::ReadOnly)) {
        const QByteArray text = raw.read(1 << 20);
        if (const int line = IniSyntax::firstMalformedLine(text))
            return configError(QStringLiteral("--config"),
                               QStringLiteral("%1, line %2: expected key=value, [group] or a comment").arg(path).arg(line));
        if (const QString twice = IniSyntax::firstDuplicateKey(text); !twice.isEmpty())
            return configError(twice, QStringLiteral("is set twice; keep one"));
    }
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return configError(QStringLiteral("--config"), QStringLiteral("%1 is not an INI file").arg(path));
    const QList<IntKey> known = keys();
    for (const QString &key : file.allKeys()) {
        if (kQqKeys.contains(key))
            continue;
        if (key == QLatin1String("payment/pageUrl")) {
            config.payment.pageUrl = QUrl(file.value(key).toString().trimmed(), QUrl::StrictMode);
            if (!acceptableUrl(config.payment.pageUrl) || config.payment.pageUrl.hasQuery())
                return configError(key, QStringLiteral("expects an https URL without query (http only to a loopback address)"));
            continue;
        }
        if (key == QLatin1String("payment/notifyKeyFile")) {
            QFile secret(file.value(key).toString());
            if (!secret.open(QIODevice::ReadOnly))
                return configError(key, QStringLiteral("cannot read %1").arg(secret.fileName()));
            config.payment.notifyKey = secret.read(1024).trimmed();
            if (config.payment.notifyKey.size() < 32)
                return configError(key, QStringLiteral("the key must be at least 32 bytes"));
            continue;
        }
        if (key == QLatin1String("clients/minimumVersion") || key == QLatin1String("clients/latestVersion")) {
            static const QRegularExpression dotted(QStringLiteral("^[0-9]{1,5}(\\.[0-9]{1,5}){0,3}$"));
            const QString version = file.value(key).toString().trimmed();
            if (!dotted.match(version).hasMatch())
                return configError(key, QStringLiteral("expects a version number such as 1.2.0"));
            (key.endsWith(QLatin1String("minimumVersion")) ? config.clients.minimum : config.clients.latest) = version;
            continue;
        }
        if (key == QLatin1String("clients/downloadUrl")) {
            config.clients.downloadUrl = QUrl(file.value(key).toString().trimmed(), QUrl::StrictMode);
            if (!acceptableUrl(config.clients.downloadUrl) || config.clients.downloadUrl.toEncoded().size() > 512)
                return configError(key, QStringLiteral("expects an https URL of at most 512 characters"));
            continue;
        }
        if (key == QLatin1String("server/publicBaseUrl")) {
            config.publicBaseUrl = QUrl(file.value(key).toString().trimmed(), QUrl::StrictMode);
            if (!acceptableUrl(config.publicBaseUrl) || config.publicBaseUrl.hasQuery() || config.publicBaseUrl.hasFragment())
                return configError(key, QStringLiteral("expects an https URL without query (http only to a loopback address)"));
            config.publicBaseUrl = config.publicBaseUrl.adjusted(QUrl::StripTrailingSlash);
            continue;
        }
        const auto it = std::find_if(known.begin(), known.end(),
                                     [&](const IntKey &k) { return key == QLatin1String(k.name); });
        if (it == known.end())
            return configError(key, QStringLiteral("is not a setting of this version"));
        bool ok = false;
        const qlonglong value = file.value(key).toString().trimmed().toLongLong(&ok);
        if (!ok || value < it->min || value > it->max)
            return configError(key, QStringLiteral("expects a whole number from %1 to %2").arg(it->min).arg(it->max));
        it->field(config) = int(value);
    }
    if (Result<void> qq = loadQq(file, config.qq); !qq)
        return qq.error();
    if (config.payment.pageUrl.isValid() != !config.payment.notifyKey.isEmpty())
        return configError(config.payment.pageUrl.isValid() ? QStringLiteral("payment/notifyKeyFile") : QStringLiteral("payment/pageUrl"),
                           QStringLiteral("[payment] needs both pageUrl and notifyKeyFile"));
    if (QVersionNumber::fromString(config.clients.latest) < QVersionNumber::fromString(config.clients.minimum))
        return configError(QStringLiteral("clients/latestVersion"), QStringLiteral("must not be older than minimumVersion"));
    return config;
}

ClientVersions ServerConfig::defaultClients()
{
    ClientVersions v;
    v.minimum = QStringLiteral("1.0.0"); // the first release that sends its version
    v.latest = deskVersion();            // the desk built with this server
    v.downloadUrl = QUrl(QStringLiteral("https://github.com/ncredesk/ncre-desk/releases/latest"));
    return v;
}

} // namespace ncre::server
