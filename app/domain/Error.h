#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace ncre {

// Stable error codes shared by the client, the server and the API (problem+json `code`, field `errors[].code`).
// Append only: never renumber, never rename the wire name in ErrorCode.cpp.
enum class ErrorCode {
    // JSON codecs
    JsonSyntax,
    JsonNotObject,
    JsonMissing,
    JsonType,
    JsonRange,
    JsonUnknownField,
    JsonValue,
    // Form fields (ProfileRules)
    FieldRequired,
    FieldTooShort,
    FieldTooLong,
    FieldFormat,
    FieldNotInList,
    FieldCharacters,
    // Document numbers
    IdLength,
    IdCharacters,
    IdRegion,
    IdBirthDate,
    IdBirthDateFuture,
    IdChecksum,
    DocumentFormat,
    ProfileGenderMismatch,
    ProfileBirthDateMismatch,
    ProfileBirthDateFuture,
    // Subjects
    SubjectsEmpty,
    SubjectsTooMany,
    SubjectsDuplicate,
    SubjectsUnknown,
    SubjectsFull,
    // Registration state
    StateActionNotAllowed,
    StateLocked,
    StateWindowClosed,
    StateAgreementRequired,
    StateDeadlinePassed,
    // Photo (architecture §7)
    PhotoFormat,
    PhotoBytes,
    PhotoDimensions,
    PhotoAspect,
    PhotoColour,
    PhotoOrientation,
    PhotoFace,
    PhotoComposition,
    PhotoDecode,
    // Accounts and sessions
    AuthRequired,
    AuthInvalidCredentials,
    AuthCaptcha,
    AuthLocked,
    AuthForbidden,
    AuthTokenExpired,
    AccountUsernameTaken,
    AccountWeakPassword,
    AccountDocumentTaken,
    // HTTP and transport
    RequestMalformed,
    RequestContentType,
    RequestTooLarge,
    ResourceNotFound,
    MethodNotAllowed,
    IdempotencyKeyMissing,
    IdempotencyKeyReused,
    PaymentOrderOpen,
    PaymentNotPaid,
    DocumentNotAvailable,
    ServerBusy,
    ServerUnavailable,
    ServerInternal,
    NetworkUnreachable,
    NetworkTimeout,
    NetworkTls,
    ValidationFailed, // several fields are invalid: see the problem's errors
    // Local store (client only)
    StoreOpen,
    StoreCorrupt,
    StoreWrite,
    StoreDecrypt,
    // Transfers (client only)
    TransferCancelled,
    TransferVerify,
    // Photo, added later
    PhotoBackground,
    // Fields and accounts, added later
    FieldDateInvalid,        // a date of the right shape that does not exist (2023-02-30)
    AccountPasswordHasName,  // the password contains the account name
    AccountDocumentChecks,   // too many different document numbers tried today (an ID-number enumeration guard)
    SubjectsClash,           // two chosen subjects are examined at overlapping times
    ServerStorage,           // the server could not store or read its data (disk full, I/O error): try again later
    AccountPasswordCommon,   // among the most common passwords (or one with a few digits or signs added)
    AccountPasswordReused,   // the new password is the current one
    ClientUpdateRequired,    // this NCRE Desk is older than the oldest the server accepts (Meta::client.minimum)
    PrintFailed,             // client only: the kiosk's printer is missing or refused the job (KioskPrinter)
    RequestTimeout,          // the request did not arrive within the server's time limits (408)
    RequestPreconditionFailed, // If-Match / If-None-Match on a change did not hold: changed elsewhere (412)
    // Append new codes above this line.
    Count
};

// The wire name of a code, e.g. "id.checksum". Stable: tests and clients compare these.
QString errorCodeName(ErrorCode code);
// The code for a wire name; nullopt for names this build does not know.
std::optional<ErrorCode> errorCodeFromName(const QString &name);
// The HTTP status the server answers with when this code is the reason a request failed.
int httpStatusFor(ErrorCode code);

// What went wrong: a stable code, the field or JSON path it concerns (may be empty) and a detail for developers
// and logs. The detail is English and never contains personal data; users see ErrorText::message(code) instead.
struct Error
{
    ErrorCode code = ErrorCode::ServerInternal;
    QString field;
    QString detail;

    Error() = default;
    Error(ErrorCode c, QString f = {}, QString d = {})
        : code(c)
        , field(std::move(f))
        , detail(std::move(d))
    {
    }

    friend bool operator==(const Error &a, const Error &b)
    {
        return a.code == b.code && a.field == b.field && a.detail == b.detail;
    }
};

using ErrorList = QList<Error>;

} // namespace ncre
