#include "DateText.h"

#include <QLocale>

namespace ncre {

QString dateTimeText(const QDateTime &moment)
{
    if (!moment.isValid())
        return {};
    const QLocale locale;
    const bool chinese = locale.language() == QLocale::Chinese;
    return locale.toString(moment.toLocalTime(), chinese ? QStringLiteral("yyyy年M月d日 HH:mm") : QStringLiteral("d MMM yyyy, HH:mm"));
}

} // namespace ncre
