#pragma once

#include <QString>

namespace ncre::theme {

// The interface font for the chosen language. A Chinese interface uses a Chinese UI font (Noto Sans CJK SC, Source
// Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei or PingFang SC, the first installed), which also covers Latin:
// text then never falls back glyph by glyph to another font, which costs a font lookup and a second font file at
// start-up and mixes two designs in one line. Other languages keep the platform's font.
void applyFont(const QString &language);

} // namespace ncre::theme
