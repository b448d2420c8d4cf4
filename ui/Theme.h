#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>

class QListWidget;

namespace ncre::theme {

// The interface font for the chosen language. A Chinese interface uses a Chinese UI font (Noto Sans CJK SC, Source
// Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei or PingFang SC, the first installed), which also covers Latin:
// text then never falls back glyph by glyph to another font, which costs a font lookup and a second font file at
// start-up and mixes two designs in one line. Other languages keep the platform's font first, with the same Chinese
// families after it for the Chinese words in them. Each call starts from the platform's font, so languages can switch.
void applyFont(const QString &language);

// A list for touch whose entries are read whole: each entry wraps onto as many lines as it needs (a long name or
// file path is never cut to "…"), at least 48 px high (a fingertip), and the list re-lays itself out with its width.
void wholeEntries(QListWidget *list);

// The interface's icons: SVG (sharp at any scale), drawn in one style — 24-unit grid, 1.8-unit slate strokes, one
// accent in the app's blue. `name` is one of iconNames().
QIcon icon(const QString &name);
QStringList iconNames();

// For texts the exam authority publishes (the agreement, announcements, a site's notice): in an interface that is
// not Chinese, a note saying the text is published in Chinese only when it is; empty otherwise.
QString chineseOnlyNote(const QString &servedText);

} // namespace ncre::theme
