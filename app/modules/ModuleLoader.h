#pragma once

#include <QFunctionPointer>
#include <QString>

namespace ncre {

// Loads a module of NCRE Desk on first use and resolves its entry point. A module is a shared library built with
// the programs (ncre_add_module in app/modules/CMakeLists.txt) that holds the code needing a heavy third-party
// library: libcurl (TransferEngine), so that it and its dependencies are loaded only when a feature needs them.
// Looked for in $NCRE_MODULE_DIR, then next to the program (modules/), then in the build tree. Modules stay
// loaded until the process ends. Thread-safe.
class ModuleLoader
{
public:
    // The function `symbol` of module `name` ("ncre-transfer-curl"), or nullptr with the reason in `error`.
    static QFunctionPointer resolve(const QString &name, const char *symbol, QString *error = nullptr);
};

} // namespace ncre
