#include "ServerConfig.h"

#include <QFileInfo>
#include <QSettings>

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
        {"http/acceptPauseMs", 1, 60'000, [](ServerConfig &c) -> int & { return c.http.acceptPauseMs; }},
        {"hashing/workers", 1, 256, [](ServerConfig &c) -> int & { return c.hashWorkers; }},
        {"hashing/queue", 1, 100'000, [](ServerConfig &c) -> int & { return c.hashQueue; }},
    };
}

Error configError(const QString &key, const QString &what)
{
    return Error(ErrorCode::RequestMalformed, key, what);
}

} // namespace

Result<ServerConfig> ServerConfig::load(const QString &path)
{
    ServerConfig config;
    if (path.isEmpty())
        return config;
    if (!QFileInfo(path).isReadable())
        return configError(QStringLiteral("--config"), QStringLiteral("cannot read %1").arg(path));
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return configError(QStringLiteral("--config"), QStringLiteral("%1 is not an INI file").arg(path));
    const QList<IntKey> known = keys();
    for (const QString &key : file.allKeys()) {
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
    return config;
}

} // namespace ncre::server
