#include "ProfileRules.h"

#include "ChoiceList.h"
#include "DocumentNumber.h"
#include "InputText.h"

#include <QRegularExpression>

#include <array>

namespace ncre::ProfileRules {

namespace {

using F = ProfileField;
using R = Requirement;
using Fmt = FieldFormat;

// The rule table. Lengths count characters (a Chinese character is one).
constexpr std::array<FieldRule, static_cast<size_t>(ProfileField::Count)> kRules = {{
    {F::Name, R::Required, 2, 50, Fmt::PersonName},
    {F::Gender, R::RequiredUnlessDerived, 0, 6, Fmt::Gender},
    {F::DocumentType, R::Required, 0, 40, Fmt::DocumentType},
    {F::DocumentNumber, R::Required, 0, 40, Fmt::DocumentNumber},
    {F::BirthDate, R::RequiredUnlessDerived, 10, 10, Fmt::Date},
    {F::Ethnicity, R::RequiredForResidentId, 0, 2, Fmt::Ethnicity},
    {F::Education, R::Required, 0, 40, Fmt::Education},
    {F::Occupation, R::Required, 0, 40, Fmt::Occupation},
    {F::Mobile, R::Required, 0, 20, Fmt::Mobile},
    {F::Phone, R::Optional, 7, 25, Fmt::Landline},
    {F::Email, R::Optional, 6, 254, Fmt::Email},
    {F::Address, R::Required, 5, 100, Fmt::Text},
    {F::PostalCode, R::Required, 6, 6, Fmt::PostalCode},
    {F::StudentNumber, R::Optional, 1, 30, Fmt::Code},
    {F::TrainingUnit, R::Optional, 2, 50, Fmt::Text},
}};

constexpr bool tableInEnumOrder()
{
    for (size_t i = 0; i < kRules.size(); ++i) {
        if (static_cast<size_t>(kRules[i].field) != i)
            return false;
    }
    return true;
}
static_assert(tableInEnumOrder(), "kRules must list every ProfileField in enum order");

const QRegularExpression &pattern(FieldFormat format)
{
    // Names: Han characters, Latin letters, the middle dot of minority and foreign names (·, U+00B7, and the
    // full-width ・ some input methods produce), spaces, hyphens and apostrophes inside.
    static const QRegularExpression name(QStringLiteral(
        "^[\\p{Han}A-Za-z](?:[\\p{Han}A-Za-z\\x{00B7}\\x{30FB}\\x{2022} '\\-]*[\\p{Han}A-Za-z])?$"));
    // Mainland mobile numbers, or an international number in E.164 form.
    static const QRegularExpression mobile(QStringLiteral("^(?:1[3-9][0-9]{9}|\\+[1-9][0-9]{6,14})$"));
    static const QRegularExpression landline(QStringLiteral("^0[0-9]{2,3}-?[0-9]{7,8}(?:-[0-9]{1,6})?$"));
    static const QRegularExpression email(QStringLiteral(
        "^[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*"
        "[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$"));
    static const QRegularExpression postal(QStringLiteral("^[0-9]{6}$"));
    static const QRegularExpression code(QStringLiteral("^[A-Za-z0-9\\-]+$"));
    static const QRegularExpression any(QStringLiteral(".*"));
    switch (format) {
    case Fmt::PersonName:
        return name;
    case Fmt::Mobile:
        return mobile;
    case Fmt::Landline:
        return landline;
    case Fmt::Email:
        return email;
    case Fmt::PostalCode:
        return postal;
    case Fmt::Code:
        return code;
    default:
        return any;
    }
}

std::optional<DocumentType> documentTypeOf(const Profile &profile)
{
    return documentTypeFromName(canonical(F::DocumentType, profile.value(F::DocumentType)));
}

// The document number parsed under the profile's document type, if both are valid.
std::optional<DocumentInfo> documentOf(const Profile &profile, const QDate &today)
{
    const auto type = documentTypeOf(profile);
    if (!type)
        return std::nullopt;
    Result<DocumentInfo> info = DocumentNumber::parse(*type, canonical(F::DocumentNumber, profile.value(F::DocumentNumber)), today);
    if (!info)
        return std::nullopt;
    return std::move(info).value();
}

Error fieldError(ProfileField field, ErrorCode code, const QString &detail = {})
{
    return Error(code, Profile::fieldKey(field), detail);
}

// Format checks beyond the pattern table; `value` is trimmed and non-empty.
std::optional<Error> checkFormat(const FieldRule &rule, const QString &value, const Profile &profile,
                                 const QDate &today)
{
    switch (rule.format) {
    case Fmt::Gender:
        if (!genderFromName(value))
            return fieldError(rule.field, ErrorCode::FieldNotInList);
        return std::nullopt;
    case Fmt::DocumentType:
        if (!documentTypeFromName(value))
            return fieldError(rule.field, ErrorCode::FieldNotInList);
        return std::nullopt;
    case Fmt::DocumentNumber: {
        const auto type = documentTypeOf(profile);
        if (!type)
            return std::nullopt; // reported on the document type
        Result<DocumentInfo> info = DocumentNumber::parse(*type, value, today);
        if (!info)
            return fieldError(rule.field, info.error().code, info.error().detail);
        return std::nullopt;
    }
    case Fmt::Date: {
        static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (!shape.match(value).hasMatch())
            return fieldError(rule.field, ErrorCode::FieldFormat, QStringLiteral("expected YYYY-MM-DD"));
        if (!date.isValid() || date.year() < 1800)
            return fieldError(rule.field, ErrorCode::FieldDateInvalid, QStringLiteral("no such date"));
        if (date > today)
            return fieldError(rule.field, ErrorCode::ProfileBirthDateFuture);
        return std::nullopt;
    }
    case Fmt::Ethnicity:
        if (!ChoiceList::find(ChoiceList::ethnicities(), value))
            return fieldError(rule.field, ErrorCode::FieldNotInList);
        return std::nullopt;
    case Fmt::Education:
        if (!ChoiceList::find(ChoiceList::educationLevels(), value))
            return fieldError(rule.field, ErrorCode::FieldNotInList);
        return std::nullopt;
    case Fmt::Occupation:
        if (!ChoiceList::find(ChoiceList::occupations(), value))
            return fieldError(rule.field, ErrorCode::FieldNotInList);
        return std::nullopt;
    case Fmt::Mobile:
        if (!pattern(rule.format).match(value).hasMatch())
            return fieldError(rule.field, ErrorCode::FieldFormat);
        return std::nullopt;
    case Fmt::Text:
        if (!InputText::isPrintable(value))
            return fieldError(rule.field, ErrorCode::FieldCharacters);
        return std::nullopt;
    case Fmt::PersonName:
        if (!pattern(rule.format).match(value).hasMatch())
            return fieldError(rule.field, ErrorCode::FieldCharacters);
        return std::nullopt;
    case Fmt::Landline:
    case Fmt::Email:
    case Fmt::PostalCode:
    case Fmt::Code:
        if (!pattern(rule.format).match(value).hasMatch())
            return fieldError(rule.field, ErrorCode::FieldFormat);
        return std::nullopt;
    }
    return std::nullopt;
}

// Birth date and gender must agree with a document number that encodes them.
std::optional<Error> checkDerived(ProfileField field, const QString &value, const Profile &profile,
                                  const QDate &today)
{
    if (field != F::BirthDate && field != F::Gender)
        return std::nullopt;
    const auto doc = documentOf(profile, today);
    if (!doc || !doc->birthDate)
        return std::nullopt;
    if (field == F::BirthDate && value != JsonFormat::date(*doc->birthDate))
        return fieldError(field, ErrorCode::ProfileBirthDateMismatch);
    if (field == F::Gender && value != genderName(*doc->gender))
        return fieldError(field, ErrorCode::ProfileGenderMismatch);
    return std::nullopt;
}

} // namespace

const FieldRule &rule(ProfileField field)
{
    return kRules[static_cast<size_t>(field)];
}

bool isRequired(ProfileField field, const Profile &profile)
{
    switch (rule(field).requirement) {
    case R::Required:
        return true;
    case R::Optional:
        return false;
    case R::RequiredUnlessDerived: {
        const auto type = documentTypeOf(profile);
        return !type || !documentEncodesBirthDate(*type);
    }
    case R::RequiredForResidentId:
        return documentTypeOf(profile) == DocumentType::ResidentId;
    }
    return true;
}

ErrorList validateField(ProfileField field, const Profile &profile, const QDate &today)
{
    const FieldRule &r = rule(field);
    const QString value = canonical(field, profile.value(field));
    const int length = InputText::length(value);
    if (value.isEmpty()) {
        if (isRequired(field, profile))
            return {fieldError(field, ErrorCode::FieldRequired)};
        return {};
    }
    // Document numbers have their own length rules (id.length); the table's bound only stops absurd input.
    if (length > r.maxLength)
        return {fieldError(field, ErrorCode::FieldTooLong, QStringLiteral("at most %1 characters").arg(r.maxLength))};
    // An e-mail address too short to be one is told what an address looks like, not only that it is short.
    if (r.format == Fmt::Email && length < r.minLength)
        if (auto e = checkFormat(r, value, profile, today))
            return {*e};
    if (r.format != Fmt::DocumentNumber && length < r.minLength)
        return {fieldError(field, ErrorCode::FieldTooShort, QStringLiteral("at least %1 characters").arg(r.minLength))};
    if (auto e = checkFormat(r, value, profile, today))
        return {*e};
    if (auto e = checkDerived(field, value, profile, today))
        return {*e};
    return {};
}

ErrorList validate(const Profile &profile, const QDate &today)
{
    ErrorList errors;
    for (const FieldRule &r : kRules)
        errors += validateField(r.field, profile, today);
    return errors;
}

QString canonical(ProfileField field, const QString &value)
{
    auto withoutSpaces = [](QString s) {
        s.remove(QLatin1Char(' '));
        return s;
    };
    switch (rule(field).format) {
    case Fmt::PersonName:
    case Fmt::Text:
        return InputText::freeText(value);
    case Fmt::DocumentNumber:
        return withoutSpaces(DocumentNumber::normalize(value));
    case Fmt::Mobile:
        return withoutSpaces(InputText::numberLike(value)).remove(QLatin1Char('-'));
    case Fmt::Landline:
    case Fmt::Email:
    case Fmt::PostalCode:
    case Fmt::Code:
    case Fmt::Date:
        return withoutSpaces(InputText::numberLike(value));
    case Fmt::Gender:
    case Fmt::DocumentType:
    case Fmt::Ethnicity:
    case Fmt::Education:
    case Fmt::Occupation:
        return InputText::clean(value);
    }
    return InputText::clean(value);
}

Profile normalized(const Profile &profile, const QDate &today)
{
    Profile out;
    for (const FieldRule &r : kRules)
        out.setValue(r.field, canonical(r.field, profile.value(r.field)));
    if (const auto doc = documentOf(out, today); doc && doc->birthDate) {
        out.setValue(F::BirthDate, JsonFormat::date(*doc->birthDate));
        out.setValue(F::Gender, genderName(*doc->gender));
    }
    return out;
}

} // namespace ncre::ProfileRules
