#pragma once

#include <QFunctionPointer>
#include <QString>

namespace ncre {

// Loads a module of NCRE Desk on first use and resolves its entry point. A module is a shared library built with
// the programs (ncre_add_module in app/modules/CMakeLists.txt) that holds the code needing a heavy third-party
// library: libcurl (TransferEngine), so that it and its dependencies are loaded only when a feature needs them.
// Looked for in $NCRE_MODULE_DIR, then relative to the program: lib/<multiarch>/ncre-desk/modules beside its bin/
// on Linux, modules/ beside it on Windows, Contents/PlugIns/ncre-desk in a macOS bundle (cmake/NcreLayout.cmake;
// the build tree has the same layout). Never at a path of the build machine. Modules stay loaded until the process
// ends. Thread-safe.
class ModuleLoader
{
public:
    // The function `symbol` of module `name` ("ncre-transfer-curl"), or nullptr with the reason in `error`.
    static QFunctionPointer resolve(const QString &name, const char *symbol, QString *error = nullptr);
    // The file module `name` was loaded from; empty when it is not loaded.
    static QString location(const QString &name);
};

} // namespace ncre
