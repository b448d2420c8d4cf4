#include "ModuleLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QLoggingCategory>
#include <QStringList>

#include <map>
#include <memory>
#include <mutex>

Q_LOGGING_CATEGORY(lcModules, "ncre.modules", QtInfoMsg)

namespace ncre {

namespace {

QStringList searchPath()
{
    QStringList dirs;
    if (const QString env = qEnvironmentVariable("NCRE_MODULE_DIR"); !env.isEmpty())
        dirs << env;
    if (QCoreApplication::instance())
        dirs << QCoreApplication::applicationDirPath() + QStringLiteral("/modules");
    dirs << QStringLiteral(NCRE_BUILD_MODULE_DIR);
    return dirs;
}

} // namespace

QFunctionPointer ModuleLoader::resolve(const QString &name, const char *symbol, QString *error)
{
    static std::mutex mutex;
    static std::map<QString, std::unique_ptr<QLibrary>> loaded; // never unloaded
    std::lock_guard lock(mutex);
    auto it = loaded.find(name);
    if (it == loaded.end()) {
        QStringList tried;
        for (const QString &dir : searchPath()) {
            const QString file = QDir(dir).filePath(name + QStringLiteral(".so"));
            tried << file;
            if (!QFileInfo::exists(file))
                continue;
            auto library = std::make_unique<QLibrary>(file);
            if (library->load()) {
                qCDebug(lcModules) << "loaded" << file;
                it = loaded.emplace(name, std::move(library)).first;
                break;
            }
            qCWarning(lcModules) << "cannot load" << file << library->errorString();
            tried.last() += QStringLiteral(" (") + library->errorString() + QLatin1Char(')');
        }
        if (it == loaded.end()) {
            if (error)
                *error = QStringLiteral("module %1 not found: %2").arg(name, tried.join(QStringLiteral(", ")));
            return nullptr;
        }
    }
    const QFunctionPointer function = it->second->resolve(symbol);
    if (!function && error)
        *error = QStringLiteral("module %1 has no %2").arg(name, QString::fromLatin1(symbol));
    return function;
}

} // namespace ncre
