#pragma once

#include "DocumentType.h"
#include "Result.h"

#include <QDate>
#include <QString>

#include <optional>

namespace ncre {

// What a valid document number tells: its canonical form and, where the number encodes them, birth date and gender.
struct DocumentInfo
{
    DocumentType type = DocumentType::ResidentId;
    QString normalized;
    std::optional<QDate> birthDate;
    std::optional<Gender> gender;
};

// Validation of identity document numbers, each type by its own rules.
// Resident ID numbers follow GB 11643-1999: 6-digit region code, 8-digit birth date, 3-digit sequence (odd for
// men), ISO 7064 MOD 11-2 check character ('X' for 10).
namespace DocumentNumber {

// Trim, fold full-width characters (as Chinese input methods type them) to ASCII and upper-case letters.
QString normalize(const QString &input);

// Validate `input` as a document of `type`. `today` is the date in server time: birth dates after it are refused.
Result<DocumentInfo> parse(DocumentType type, const QString &input, const QDate &today);

// The ISO 7064 MOD 11-2 check character for the first 17 characters (digits only), or QChar() if they are not.
QChar checkCharacter(QStringView first17);

// A masked form for display (the staff's review queue, issue 16): only the last 4 characters of a number of 8 or
// more ("**************002X", what a candidate reads back to check), the last one of shorter ones; never more
// than half of a number.
QString mask(const QString &number);

} // namespace DocumentNumber

} // namespace ncre
