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
    if (QCoreApplication::instance()) {
        const QString programs = QCoreApplication::applicationDirPath();
#if defined(Q_OS_MACOS)
        dirs << programs + QStringLiteral("/../PlugIns/ncre-desk"); // inside the .app bundle
#endif
        // cmake/NcreLayout.cmake: "modules" on Windows, "../lib/<multiarch>/ncre-desk/modules" elsewhere; the
        // build tree has the same layout as an installation.
        dirs << QDir::cleanPath(programs + QLatin1Char('/') + QStringLiteral(NCRE_MODULE_RELATIVE_DIR));
    }
    return dirs;
}

struct Loaded
{
    std::mutex mutex;
    std::map<QString, std::unique_ptr<QLibrary>> libraries; // never unloaded
};

Loaded &loadedModules()
{
    static Loaded loaded;
    return loaded;
}

} // namespace

QString ModuleLoader::location(const QString &name)
{
    Loaded &modules = loadedModules();
    std::lock_guard lock(modules.mutex);
    const auto it = modules.libraries.find(name);
    return it == modules.libraries.end() ? QString() : it->second->fileName();
}

QFunctionPointer ModuleLoader::resolve(const QString &name, const char *symbol, QString *error)
{
    Loaded &modules = loadedModules();
    auto &loaded = modules.libraries;
    std::lock_guard lock(modules.mutex);
    auto it = loaded.find(name);
    if (it == loaded.end()) {
        QStringList tried;
        for (const QString &dir : searchPath()) {
            const QString file = QDir(dir).filePath(name + QStringLiteral(NCRE_MODULE_SUFFIX));
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
