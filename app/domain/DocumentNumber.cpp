#include "DocumentNumber.h"

#include "InputText.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace ncre::DocumentNumber {

namespace {

// Province-level region codes of GB/T 2260 that begin a resident ID number.
constexpr std::array<int, 31> kProvinceCodes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
                                                42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};

bool isDigits(QStringView s)
{
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

// Shared by every 18-character number built on GB 11643: resident IDs, residence permits and the 2023 foreign
// permanent resident ID. `regionOk` decides what the first six digits may be for that type.
template<typename RegionCheck>
Result<DocumentInfo> parseGb11643(DocumentType type, const QString &number, const QDate &today, RegionCheck regionOk)
{
    const QString field = QStringLiteral("documentNumber");
    if (number.size() != 18)
        return Error(ErrorCode::IdLength, field, QStringLiteral("expected 18 characters, got %1").arg(number.size()));
    const QStringView view(number);
    if (!isDigits(view.first(17)) || !(view[17].isDigit() || view[17] == QLatin1Char('X')))
        return Error(ErrorCode::IdCharacters, field, QStringLiteral("expected 17 digits and a digit or X"));
    if (!regionOk(view.first(6)))
        return Error(ErrorCode::IdRegion, field, QStringLiteral("region code not valid for this document type"));

    const int year = view.sliced(6, 4).toInt();
    const int month = view.sliced(10, 2).toInt();
    const int day = view.sliced(12, 2).toInt();
    const QDate birth(year, month, day);
    // GB 11643 itself gives 440524188001010014 (born 1880) as an example, so no lower bound beyond 1800.
    if (!birth.isValid() || year < 1800)
        return Error(ErrorCode::IdBirthDate, field, QStringLiteral("encoded birth date does not exist"));
    if (birth > today)
        return Error(ErrorCode::IdBirthDateFuture, field, QStringLiteral("encoded birth date is in the future"));

    if (checkCharacter(view.first(17)) != view[17])
        return Error(ErrorCode::IdChecksum, field, QStringLiteral("check character does not match"));

    DocumentInfo info;
    info.type = type;
    info.normalized = number;
    info.birthDate = birth;
    info.gender = (view[16].digitValue() % 2 == 1) ? Gender::Male : Gender::Female;
    return info;
}

Result<DocumentInfo> matchPattern(DocumentType type, const QString &number, const QRegularExpression &pattern)
{
    if (number.isEmpty())
        return Error(ErrorCode::FieldRequired, QStringLiteral("documentNumber"));
    if (!pattern.match(number).hasMatch())
        return Error(ErrorCode::DocumentFormat, QStringLiteral("documentNumber"),
                     QStringLiteral("does not match the %1 format").arg(documentTypeName(type)));
    DocumentInfo info;
    info.type = type;
    info.normalized = number;
    return info;
}

} // namespace

QString normalize(const QString &input)
{
    // NFKC folds full-width digits and letters (０-９, Ｘ) to ASCII; invisible marks pasted along are dropped.
    return InputText::numberLike(input).toUpper();
}

QChar checkCharacter(QStringView first17)
{
    if (first17.size() != 17 || !isDigits(first17))
        return {};
    // ISO 7064 MOD 11-2: weight of position i (from the left, 0-based) is 2^(17-i) mod 11.
    int sum = 0;
    int weight = 1;
    for (int i = 16; i >= 0; --i) {
        weight = (weight * 2) % 11;
        sum += first17[i].digitValue() * weight;
    }
    const int check = (12 - sum % 11) % 11;
    return check == 10 ? QLatin1Char('X') : QChar(QLatin1Char('0' + check));
}

Result<DocumentInfo> parse(DocumentType type, const QString &input, const QDate &today)
{
    const QString number = normalize(input);
    if (number.isEmpty())
        return Error(ErrorCode::FieldRequired, QStringLiteral("documentNumber"));

    switch (type) {
    case DocumentType::ResidentId:
        return parseGb11643(type, number, today, [](QStringView region) {
            const int province = region.first(2).toInt();
            return std::find(kProvinceCodes.begin(), kProvinceCodes.end(), province) != kProvinceCodes.end();
        });
    case DocumentType::HmtResidencePermit:
        // 港澳台居民居住证: region 810000 (Hong Kong), 820000 (Macau), 830000 (Taiwan).
        return parseGb11643(type, number, today, [](QStringView region) {
            return region == QLatin1String("810000") || region == QLatin1String("820000")
                || region == QLatin1String("830000");
        });
    case DocumentType::ForeignPermanentResidentId: {
        // 2023 card: 18 characters starting with 9, GB 11643 layout. 2017 card: 3-letter nationality + 12 digits.
        static const QRegularExpression oldCard(QStringLiteral("^[A-Z]{3}[0-9]{12}$"));
        if (number.size() == 15)
            return matchPattern(type, number, oldCard);
        return parseGb11643(type, number, today, [](QStringView region) {
            return region.startsWith(QLatin1Char('9'));
        });
    }
    case DocumentType::HkMacauPermit: {
        // Card since 2013: H or M + 8 digits; booklet: H or M + 10 digits.
        static const QRegularExpression pattern(QStringLiteral("^[HM][0-9]{8}([0-9]{2})?$"));
        return matchPattern(type, number, pattern);
    }
    case DocumentType::TaiwanPermit: {
        // Card since 2015: 8 digits; booklet: 10 digits.
        static const QRegularExpression pattern(QStringLiteral("^[0-9]{8}([0-9]{2})?$"));
        return matchPattern(type, number, pattern);
    }
    case DocumentType::Passport: {
        // ICAO 9303 document numbers: up to 9 characters in the MRZ, longer for some issuers; letters and digits.
        static const QRegularExpression pattern(QStringLiteral("^[A-Z0-9]{5,17}$"));
        return matchPattern(type, number, pattern);
    }
    }
    return Error(ErrorCode::JsonValue, QStringLiteral("documentType"));
}

QString mask(const QString &number)
{
    const qsizetype n = number.size();
    if (n == 0)
        return {};
    const qsizetype keep = n >= 8 ? 4 : (n >= 4 ? 1 : 0);
    return QString(n - keep, QLatin1Char('*')) + number.last(keep);
}

} // namespace ncre::DocumentNumber
