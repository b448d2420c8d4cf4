#include "ErrorText.h"

#include "ProfileRules.h"

#include <QLocale>

namespace ncre {

namespace {
bool s_kiosk = false; // ErrorText::setKioskWording
} // namespace

QString ErrorText::message(ErrorCode code)
{
    switch (code) {
    case ErrorCode::JsonSyntax:
    case ErrorCode::JsonNotObject:
    case ErrorCode::RequestMalformed:
        return tr("The request could not be understood. Please update NCRE Desk or try again.");
    case ErrorCode::JsonMissing:
        return tr("Some required information is missing.");
    case ErrorCode::JsonType:
    case ErrorCode::JsonValue:
        return tr("Some information has the wrong form.");
    case ErrorCode::JsonRange:
        return tr("Some information is outside the allowed range.");
    case ErrorCode::JsonUnknownField:
        return tr("The request contains information the server does not accept.");
    case ErrorCode::FieldRequired:
        return tr("This field is required.");
    case ErrorCode::FieldTooShort:
        return tr("This is too short.");
    case ErrorCode::FieldTooLong:
        return tr("This is too long.");
    case ErrorCode::FieldFormat:
        return tr("This does not have the expected format.");
    case ErrorCode::FieldNotInList:
        return tr("Please choose one of the listed values.");
    case ErrorCode::FieldCharacters:
        return tr("This contains characters that are not allowed.");
    case ErrorCode::IdLength:
        return tr("A resident ID number has 18 characters.");
    case ErrorCode::IdCharacters:
        return tr("A resident ID number has 17 digits followed by a digit or X.");
    case ErrorCode::IdRegion:
        return tr("The first digits of this number are not a valid region code.");
    case ErrorCode::IdBirthDate:
        return tr("The birth date in this number does not exist.");
    case ErrorCode::IdBirthDateFuture:
        return tr("The birth date in this number is in the future.");
    case ErrorCode::IdChecksum:
        return tr("This number is not valid: please check each digit (the last character does not match).");
    case ErrorCode::DocumentFormat:
        return tr("This document number does not have the format of the chosen document type.");
    case ErrorCode::ProfileGenderMismatch:
        return tr("The gender does not match the ID number.");
    case ErrorCode::ProfileBirthDateMismatch:
        return tr("The birth date does not match the ID number.");
    case ErrorCode::ProfileBirthDateFuture:
        return tr("The birth date cannot be in the future.");
    case ErrorCode::SubjectsEmpty:
        return tr("Choose at least one subject.");
    case ErrorCode::SubjectsTooMany:
        return tr("You have chosen more subjects than this exam allows.");
    case ErrorCode::AccountPasswordCommon:
        return tr("This password is too easy to guess (a common password, a keyboard pattern, or a word with digits "
                  "added): choose another, e.g. a few unrelated words with a digit and a sign.");
    case ErrorCode::AccountPasswordReused:
        return tr("The new password is the same as the current one: choose another.");
    case ErrorCode::PrintFailed:
        return tr("The document could not be printed: the printer is not available. Please ask a member of staff; "
                  "your documents stay on the server.");
    case ErrorCode::RequestTimeout:
        return tr("The connection was too slow: the registration server stopped waiting for the request. Nothing "
                  "was changed; please try again.");
    case ErrorCode::RequestPreconditionFailed:
        return tr("Your registration was changed elsewhere (in another window or at a test site) after you opened "
                  "it. Nothing was saved: reload it, check it and try again.");
    case ErrorCode::ClientUpdateRequired:
        return tr("This version of NCRE Desk is no longer accepted by the registration server. Install the new "
                  "version from the download page; your draft is kept.");
    case ErrorCode::ServerStorage:
        return tr("The registration server cannot store data at the moment. Nothing was changed; please try again "
                  "in a few minutes.");
    case ErrorCode::SubjectsClash:
        return tr("Two of the subjects you chose are examined at the same time: keep only one of them.");
    case ErrorCode::SubjectsDuplicate:
        return tr("A subject was chosen twice.");
    case ErrorCode::SubjectsUnknown:
        return tr("A chosen subject is not offered at this test site.");
    case ErrorCode::SubjectsFull:
        return tr("No seats are left for a chosen subject at this test site.");
    case ErrorCode::StateActionNotAllowed:
        return tr("This cannot be done at the registration's current stage.");
    case ErrorCode::StateLocked:
        return tr("Your information is locked and can no longer be changed.");
    case ErrorCode::StateWindowClosed:
        return tr("This is outside the published time window.");
    case ErrorCode::StateAgreementRequired:
        return tr("Please read and accept the registration agreement first.");
    case ErrorCode::StateDeadlinePassed:
        return tr("The deadline for this has passed.");
    case ErrorCode::PhotoFormat:
        return tr("The photo must be a JPEG file (*.jpg).");
    case ErrorCode::PhotoBytes:
        return tr("The photo file is smaller or larger than the allowed file size.");
    case ErrorCode::PhotoDimensions:
        return tr("The photo has fewer pixels than required.");
    case ErrorCode::PhotoAspect:
        return tr("The photo does not have the required portrait proportions.");
    case ErrorCode::PhotoColour:
        return tr("The photo must be in colour.");
    case ErrorCode::PhotoOrientation:
        return tr("The photo is sideways or upside down.");
    case ErrorCode::PhotoFace:
        return tr("Exactly one face, seen from the front, must be visible in the photo.");
    case ErrorCode::PhotoComposition:
        return tr("The head is not placed as required (space above the head, size of the head).");
    case ErrorCode::PhotoDecode:
        return tr("The photo file is damaged or is not an image.");
    case ErrorCode::PhotoBackground:
        return tr("The photo's background is not one of the allowed colours.");
    case ErrorCode::FieldDateInvalid:
        return tr("This date does not exist: check the day and the month.");
    case ErrorCode::AccountPasswordHasName:
        return tr("The password must not contain the account name.");
    case ErrorCode::AuthRequired:
    case ErrorCode::AuthTokenExpired:
        return tr("Please log in again.");
    case ErrorCode::AuthInvalidCredentials:
        return tr("The account or password is wrong.");
    case ErrorCode::AuthCaptcha:
        return tr("The captcha is wrong or has expired. Please enter the new one.");
    case ErrorCode::AuthLocked:
        return tr("Too many failed attempts. Please wait a while and try again.");
    case ErrorCode::AuthForbidden:
        return tr("You are not allowed to do this.");
    case ErrorCode::AccountUsernameTaken:
        return tr("This account name is already taken.");
    case ErrorCode::AccountWeakPassword:
        return tr("The password is too weak: use at least 8 characters mixing letters, digits and symbols.");
    case ErrorCode::AccountDocumentTaken:
        return tr("This document number is already registered with another account. If it is your own number, "
                  "log in with the account you registered before; if you no longer know it, bring your ID document "
                  "to your exam site, which can give that account back to you.");
    case ErrorCode::AccountDocumentChecks:
        return tr("Too many different document numbers were tried from this account or this network today. Check "
                  "your own number carefully and try again tomorrow, or ask your exam site for help.");
    case ErrorCode::RequestContentType:
    case ErrorCode::RequestTooLarge:
    case ErrorCode::MethodNotAllowed:
    case ErrorCode::IdempotencyKeyMissing:
    case ErrorCode::IdempotencyKeyReused:
        return tr("The request was refused by the server. Please update NCRE Desk or try again.");
    case ErrorCode::ResourceNotFound:
        return tr("This could not be found.");
    case ErrorCode::PaymentOrderOpen:
        return tr("A payment order is already open for this registration.");
    case ErrorCode::PaymentNotPaid:
        return tr("The payment platform has not confirmed this payment yet.");
    case ErrorCode::DocumentNotAvailable:
        return tr("This document is not available yet.");
    case ErrorCode::ServerBusy:
    case ErrorCode::ServerUnavailable:
        return tr("The server is busy. NCRE Desk will try again shortly.");
    case ErrorCode::ServerInternal:
        return tr("Something went wrong on the server. Please try again later.");
    case ErrorCode::NetworkUnreachable:
        if (s_kiosk)
            return tr("The registration server cannot be reached from this terminal. If this lasts, please tell a "
                      "member of staff.");
        return tr("The server cannot be reached. Check your network connection.");
    case ErrorCode::NetworkTimeout:
        return tr("The server did not answer in time.");
    case ErrorCode::NetworkTls:
        return tr("The server's identity could not be verified. The connection was not made.");
    case ErrorCode::ValidationFailed:
        return tr("Some information is missing or invalid. Please check the marked fields.");
    case ErrorCode::StoreOpen:
    case ErrorCode::StoreWrite:
        if (s_kiosk)
            return tr("This terminal cannot save your draft. Please tell a member of staff.");
        return tr("NCRE Desk cannot save on this computer. Check that the disk is not full.");
    case ErrorCode::StoreCorrupt:
        return tr("The saved data on this computer was damaged. It was set aside and NCRE Desk started afresh.");
    case ErrorCode::StoreDecrypt:
        return tr("Saved data could not be unlocked on this computer and was not used.");
    case ErrorCode::TransferCancelled:
        return tr("The transfer was cancelled.");
    case ErrorCode::TransferVerify:
        return tr("The downloaded file was incomplete or damaged. Please download it again.");
    case ErrorCode::Count:
        break;
    }
    return tr("Something went wrong. Please try again later.");
}

QString ErrorText::message(const Error &error)
{
    // What a field's rule asks, where the code alone would be vague (the rule tables: AccountRules, ProfileRules).
    const QString &f = error.field;
    const ErrorCode c = error.code;
    if (f == QLatin1String("currentPassword") && c == ErrorCode::AuthInvalidCredentials)
        return tr("The current password is wrong.");
    if (f == QLatin1String("step") && c == ErrorCode::StateActionNotAllowed) {
        // Not yet: the step still open comes first (FlowGuide::refusal names it).
        const QString &d = error.detail;
        const QString step = d == QLatin1String("agreement") ? tr("the registration agreement")
            : d == QLatin1String("profile")                   ? tr("the basic information")
            : d == QLatin1String("subjects")                  ? tr("the test site and subjects, and «Submit»")
            : d == QLatin1String("photo")                     ? tr("the photo")
            : d == QLatin1String("review")                    ? tr("the site's review")
            : d == QLatin1String("payment")                   ? tr("the payment")
                                                              : QString();
        if (!step.isEmpty())
            return tr("Not yet: first complete %1.").arg(step);
    }
    if (f == QLatin1String("username")) {
        if (c == ErrorCode::FieldFormat)
            return tr("An account name starts with a letter (A-Z).");
        if (c == ErrorCode::FieldCharacters)
            return tr("An account name uses only letters, digits, «.» and «_».");
        if (c == ErrorCode::FieldTooShort)
            return tr("An account name has at least 4 characters.");
        if (c == ErrorCode::FieldTooLong)
            return tr("An account name has at most 32 characters.");
    }
    if ((f == QLatin1String("password") || f == QLatin1String("newPassword")) && c == ErrorCode::FieldTooShort)
        return tr("A password has at least 8 characters.");
    if (f == QLatin1String("email") && (c == ErrorCode::FieldFormat || c == ErrorCode::FieldTooShort))
        return tr("An e-mail address looks like name@example.com.");
    if (f == QLatin1String("mobile") && c == ErrorCode::FieldFormat)
        return tr("A mobile number has 11 digits starting with 1 (or + and the country code).");
    if (f == QLatin1String("postalCode") && (c == ErrorCode::FieldFormat || c == ErrorCode::FieldTooShort))
        return tr("A postal code has 6 digits.");
    if (f == QLatin1String("phone") && c == ErrorCode::FieldFormat)
        return tr("A landline number starts with its area code, e.g. 010-12345678.");
    if (f == QLatin1String("birthDate") && c == ErrorCode::FieldFormat)
        return tr("Write the date as year-month-day, e.g. 2001-09-30.");
    // Lengths of the basic information: say the limit (ProfileRules' table), not just "too short".
    if (const auto field = Profile::fieldFromKey(f); field && (c == ErrorCode::FieldTooShort || c == ErrorCode::FieldTooLong)) {
        const FieldRule rule = ProfileRules::rule(*field);
        return c == ErrorCode::FieldTooShort ? tr("This needs at least %n character(s).", nullptr, rule.minLength)
                                             : tr("This takes at most %n character(s).", nullptr, rule.maxLength);
    }
    return message(c);
}

void ErrorText::setKioskWording(bool kiosk)
{
    s_kiosk = kiosk;
}

QString ErrorText::retryMessage(ErrorCode reason, const QDateTime &retryAt)
{
    const QString at = retryAt.toLocalTime().time().toString(QStringLiteral("HH:mm")); // 24 h, as every time shown
    if (s_kiosk) {
        if (reason == ErrorCode::ServerBusy || reason == ErrorCode::ServerUnavailable)
            return tr("The registration server is busy; this terminal tries again at %1.").arg(at);
        return tr("The registration server cannot be reached from this terminal; it tries again at %1. If this "
                  "lasts, please tell a member of staff.")
            .arg(at);
    }
    switch (reason) {
    case ErrorCode::ServerBusy:
    case ErrorCode::ServerUnavailable:
        return tr("The registration server is busy; NCRE Desk tries again at %1.").arg(at);
    case ErrorCode::NetworkTls:
        return tr("The registration server's identity could not be verified; NCRE Desk tries again at %1.").arg(at);
    default:
        return tr("The registration server cannot be reached: check your network connection. NCRE Desk tries again "
                  "at %1.").arg(at);
    }
}

QString ErrorText::fieldMessage(const Error &error, const QString &fieldLabel)
{
    if (fieldLabel.isEmpty())
        return message(error);
    //: %1 is a form field's label, %2 what is wrong with it.
    return tr("%1: %2").arg(fieldLabel, message(error));
}

} // namespace ncre
