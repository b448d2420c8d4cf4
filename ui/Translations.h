#pragma once

#include <QString>
#include <QTranslator>

namespace ncre {

// The interface's language: NCRE Desk's own strings (translations/ncre_*.ts, built into the program) and Qt's for
// its own dialogs and buttons (the file and print dialogs, «确定», «取消»: qtbase_zh_CN from Debian's
// qt6-translations-l10n), installed together so that no dialog is half English. English needs neither.
class Translations
{
public:
    // Installs the translations for `language` ("zh_CN" or "en") into the application. False when one of them is
    // missing (the program still runs; what is missing stays English).
    bool install(const QString &language);

private:
    QTranslator m_ours;
    QTranslator m_qt;
};

} // namespace ncre
