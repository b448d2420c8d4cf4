#pragma once

#include <QDateTime>
#include <QString>

namespace ncre {

// A moment as a candidate reads it, in the interface's language (QLocale()), in local time, with the full year and a
// 24-hour clock: "2026年12月1日 15:04" in Chinese, "1 Dec 2026, 15:04" otherwise. QLocale's ShortFormat is not used
// for dates: in English it gives "12/1/26 3:04 PM", a two-digit year and a month/day order read the other way round
// in most of the world. An invalid moment gives an empty string.
QString dateTimeText(const QDateTime &moment);

} // namespace ncre
