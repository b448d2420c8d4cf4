#include "Theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QFont>
#include <QStringList>

namespace ncre::theme {

void applyFont(const QString &language)
{
    if (!language.startsWith(QLatin1String("zh")))
        return;
    QFont font = QApplication::font();
    QStringList families{QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Source Han Sans SC"),
                         QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Microsoft YaHei"),
                         QStringLiteral("PingFang SC")};
    families << font.families(); // the platform's own, last
    font.setFamilies(families);
    QApplication::setFont(font);
}

QIcon icon(const QString &name)
{
    return QIcon(QStringLiteral(":/ncre/icons/%1.svg").arg(name));
}

QStringList iconNames()
{
    return {QStringLiteral("home"),    QStringLiteral("agreement"), QStringLiteral("profile"),
            QStringLiteral("subjects"), QStringLiteral("photo"),    QStringLiteral("review"),
            QStringLiteral("payment"), QStringLiteral("documents"), QStringLiteral("notices")};
}

QString chineseOnlyNote(const QString &servedText)
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    static const QRegularExpression latinWords(QStringLiteral("[A-Za-z]{3,}\\s+[A-Za-z]{3,}"));
    if (QLocale().language() == QLocale::Chinese || !servedText.contains(han) || servedText.contains(latinWords))
        return {};
    return QCoreApplication::translate("ncre::theme", "The exam authority publishes this text in Chinese only.");
}

} // namespace ncre::theme
