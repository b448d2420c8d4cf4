#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>

namespace ncre {

bool Translations::install(const QString &language)
{
    if (language != QLatin1String("zh_CN"))
        return true;
    bool ok = true;
    // The installed copy first (a translator may replace it: share/ncre-desk/translations), then the compiled-in one.
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/" NCRE_DATA_RELATIVE_DIR "/translations");
    if (m_ours.load(QStringLiteral("ncre_zh_CN"), installed) || m_ours.load(QStringLiteral(":/i18n/ncre_zh_CN.qm")))
        QCoreApplication::installTranslator(&m_ours);
    else
        ok = false;
    if (m_qt.load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    else
        ok = false;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    if (!ok)
        qWarning("ncre-desk: some Chinese translations are missing (install qt6-translations-l10n)");
    return ok;
}

} // namespace ncre
