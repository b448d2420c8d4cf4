#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>

namespace ncre {

bool Translations::install(const QString &language)
{
    // A kiosk switches back and forth: what was installed for the previous language goes first.
    QCoreApplication::removeTranslator(&m_ours);
    QCoreApplication::removeTranslator(&m_qt);
    const bool chinese = language == QLatin1String("zh_CN");
    bool ok = true;
    // Ours: the installed copy first (a translator may replace it: share/ncre-desk/translations), then the
    // compiled-in one. English is the source language; its file holds the plural forms («1 second», «2 seconds»).
    const QString name = chinese ? QStringLiteral("ncre_zh_CN") : QStringLiteral("ncre_en");
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/" NCRE_DATA_RELATIVE_DIR "/translations");
    if (m_ours.load(name, installed) || m_ours.load(QStringLiteral(":/i18n/") + name + QStringLiteral(".qm")))
        QCoreApplication::installTranslator(&m_ours);
    else
        ok = false;
    if (chinese) {
        if (m_qt.load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        else
            ok = false;
    }
    QLocale::setDefault(chinese ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English, QLocale::UnitedStates));
    if (!ok)
        qWarning("ncre-desk: some %s translations are missing (install qt6-translations-l10n)", qPrintable(language));
    return ok;
}

} // namespace ncre
