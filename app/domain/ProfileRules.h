#pragma once

#include "Error.h"
#include "Profile.h"

#include <QDate>

#include <optional>

namespace ncre {

// When a field must be filled in.
enum class Requirement {
    Required,
    Optional,
    // Birth date and gender: derived from the number for documents that encode them, typed otherwise.
    RequiredUnlessDerived,
    // Ethnicity: asked of holders of a resident ID card.
    RequiredForResidentId,
};

// What a field's content must look like.
enum class FieldFormat {
    PersonName,
    Gender,
    DocumentType,
    DocumentNumber,
    Date,
    Ethnicity,
    Education,
    Occupation,
    Mobile,
    Landline,
    Email,
    PostalCode,
    Code, // letters, digits and '-'
    Text, // any printable text
};

// One row of the rule table: everything the form, the draft store and the server know about a field.
struct FieldRule
{
    ProfileField field;
    Requirement requirement;
    int minLength; // in characters, after trimming; applies to non-empty values
    int maxLength;
    FieldFormat format;
};

// The basic-information rules: one table (ProfileRules.cpp) read by a small interpreter.
namespace ProfileRules {

const FieldRule &rule(ProfileField field);

// Whether `field` must be filled in, given the rest of the profile (the document type decides some).
bool isRequired(ProfileField field, const Profile &profile);

// Errors of one field, for validation as the user types. Cross-field checks (birth date and gender against the
// document number) are reported on the derived field.
ErrorList validateField(ProfileField field, const Profile &profile, const QDate &today);

// Errors of every field, in form order; empty when the profile can be submitted.
ErrorList validate(const Profile &profile, const QDate &today);

// The canonical form of one field's value, the one place text is made canonical (InputText): invisible format
// characters removed and spaces trimmed everywhere; number-like fields (document number, mobile, landline, postal
// code, e-mail, student number, dates) NFKC-folded (full-width digits and letters to ASCII) with inner spaces
// dropped (and the mobile's dashes; the document number upper case); free text (name, address, training unit) NFC
// with the minority-name middle dot folded to U+00B7. Validation checks this form and the server stores it.
QString canonical(ProfileField field, const QString &value);

// The canonical profile to store: every value canonical(), and birth date and gender filled in from a number that
// encodes them. Call on a profile that validate() accepts.
Profile normalized(const Profile &profile, const QDate &today);

} // namespace ProfileRules

} // namespace ncre
