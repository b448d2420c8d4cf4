#include "Theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QListWidget>
#include <QLocale>
#include <QRegularExpression>
#include <QFont>
#include <QStringList>

namespace ncre::theme {

void applyFont(const QString &language)
{
    // The platform's font as it was before the first call, so that switching back to English (the kiosk's language
    // button) restores it instead of keeping the Chinese one.
    static const QFont platform = QApplication::font();
    const QStringList cjk{QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Source Han Sans SC"),
                          QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Microsoft YaHei"),
                          QStringLiteral("PingFang SC")};
    // Chinese: a Chinese family first, so Latin letters and Han characters come from one design. Otherwise the
    // platform's family first, and the same Chinese families named next, so that the Chinese in English text (a
    // test site's name, the language button's «中文») is always drawn by one named font, not by whichever
    // fallback font a widget happens to find.
    const QStringList own = platform.families().isEmpty() ? QStringList{platform.family()} : platform.families();
    QFont font = platform;
    font.setFamilies(language.startsWith(QLatin1String("zh")) ? cjk + own : own + cjk);
    QApplication::setFont(font);
}

void wholeEntries(QListWidget *list)
{
    list->setWordWrap(true); // wraps at word boundaries, or anywhere in a word too long for a line (a path)
    list->setTextElideMode(Qt::ElideNone);
    list->setUniformItemSizes(false);
    list->setResizeMode(QListView::Adjust);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setStyleSheet(QStringLiteral("QListWidget::item { min-height: 48px; padding: 4px 8px; }"));
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
