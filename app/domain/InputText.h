#pragma once

#include <QString>

namespace ncre {

// Text the way candidates type and paste it, made canonical in one place, on the client and the server alike
// (ProfileRules, DocumentNumber, the captcha answer). Unicode rules: UAX #15 (normalization forms), UAX #9 (the
// bidi controls), UAX #44 (general categories).
namespace InputText {

// Removes invisible format characters (general category Cf: bidi marks and embeddings such as U+200E, U+202A-U+202E,
// U+2066-U+2069; zero-width space, joiners and word joiner U+200B-U+200D, U+2060; the BOM U+FEFF; soft hyphen
// U+00AD) that phones and web pages paste along with a number, and trims white space of every kind (including
// U+3000, the ideographic space, and U+00A0) at both ends.
QString clean(const QString &text);

// A number-like value (mobile, postal code, document number, captcha answer): clean(), then NFKC, which folds
// what an input method's full-width mode types (１３８ → 138, ＡＢ → AB, the ideographic space → a space).
// Inner spaces are kept; the field decides whether they may be dropped.
QString numberLike(const QString &text);

// Free text (names, address, school, training unit): clean(), NFC, and the middle dot of minority and foreign
// names in any of its common look-alikes (U+30FB ・, U+FF65 ･, U+2022 •, U+2027 ‧, U+2219 ∙, U+22C5 ⋅, U+0387,
// U+2E31) folded to U+00B7 ·, the form GB 18030 and the resident ID card use.
QString freeText(const QString &text);

// Length in Unicode code points (what a person counts as characters: 𠇔 is one, not two UTF-16 units).
int length(const QString &text);

// Whether every code point is assigned and printable: no control characters, no format characters, no lone
// surrogates or U+FFFD (what garbled text leaves), no unassigned code points. Private-use characters are accepted (rare Han characters are still
// typed through private-use mappings).
bool isPrintable(const QString &text);

} // namespace InputText

} // namespace ncre
