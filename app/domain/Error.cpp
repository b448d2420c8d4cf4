#include "Error.h"

#include <QHash>

#include <array>

namespace ncre {

namespace {

struct CodeInfo
{
    ErrorCode code;
    const char *name;
    int httpStatus;
};

// One row per ErrorCode, in enum order (checked by TestError).
constexpr std::array<CodeInfo, static_cast<size_t>(ErrorCode::Count)> kCodes = {{
    {ErrorCode::JsonSyntax, "json.syntax", 400},
    {ErrorCode::JsonNotObject, "json.notObject", 400},
    {ErrorCode::JsonMissing, "json.missing", 422},
    {ErrorCode::JsonType, "json.type", 422},
    {ErrorCode::JsonRange, "json.range", 422},
    {ErrorCode::JsonUnknownField, "json.unknownField", 422},
    {ErrorCode::JsonValue, "json.value", 422},
    {ErrorCode::FieldRequired, "field.required", 422},
    {ErrorCode::FieldTooShort, "field.tooShort", 422},
    {ErrorCode::FieldTooLong, "field.tooLong", 422},
    {ErrorCode::FieldFormat, "field.format", 422},
    {ErrorCode::FieldNotInList, "field.notInList", 422},
    {ErrorCode::FieldCharacters, "field.characters", 422},
    {ErrorCode::IdLength, "id.length", 422},
    {ErrorCode::IdCharacters, "id.characters", 422},
    {ErrorCode::IdRegion, "id.region", 422},
    {ErrorCode::IdBirthDate, "id.birthDate", 422},
    {ErrorCode::IdBirthDateFuture, "id.birthDateFuture", 422},
    {ErrorCode::IdChecksum, "id.checksum", 422},
    {ErrorCode::DocumentFormat, "document.format", 422},
    {ErrorCode::ProfileGenderMismatch, "profile.genderMismatch", 422},
    {ErrorCode::ProfileBirthDateMismatch, "profile.birthDateMismatch", 422},
    {ErrorCode::ProfileBirthDateFuture, "profile.birthDateFuture", 422},
    {ErrorCode::SubjectsEmpty, "subjects.empty", 422},
    {ErrorCode::SubjectsTooMany, "subjects.tooMany", 422},
    {ErrorCode::SubjectsDuplicate, "subjects.duplicate", 422},
    {ErrorCode::SubjectsUnknown, "subjects.unknown", 422},
    {ErrorCode::SubjectsFull, "subjects.full", 409},
    {ErrorCode::StateActionNotAllowed, "state.actionNotAllowed", 409},
    {ErrorCode::StateLocked, "state.locked", 409},
    {ErrorCode::StateWindowClosed, "state.windowClosed", 409},
    {ErrorCode::StateAgreementRequired, "state.agreementRequired", 409},
    {ErrorCode::StateDeadlinePassed, "state.deadlinePassed", 409},
    {ErrorCode::PhotoFormat, "photo.format", 422},
    {ErrorCode::PhotoBytes, "photo.bytes", 422},
    {ErrorCode::PhotoDimensions, "photo.dimensions", 422},
    {ErrorCode::PhotoAspect, "photo.aspect", 422},
    {ErrorCode::PhotoColour, "photo.colour", 422},
    {ErrorCode::PhotoOrientation, "photo.orientation", 422},
    {ErrorCode::PhotoFace, "photo.face", 422},
    {ErrorCode::PhotoComposition, "photo.composition", 422},
    {ErrorCode::PhotoDecode, "photo.decode", 422},
    {ErrorCode::AuthRequired, "auth.required", 401},
    {ErrorCode::AuthInvalidCredentials, "auth.invalidCredentials", 401},
    {ErrorCode::AuthCaptcha, "auth.captcha", 422},
    {ErrorCode::AuthLocked, "auth.locked", 429},
    {ErrorCode::AuthForbidden, "auth.forbidden", 403},
    {ErrorCode::AuthTokenExpired, "auth.tokenExpired", 401},
    {ErrorCode::AccountUsernameTaken, "account.usernameTaken", 409},
    {ErrorCode::AccountWeakPassword, "account.weakPassword", 422},
    {ErrorCode::AccountDocumentTaken, "account.documentTaken", 409},
    {ErrorCode::RequestMalformed, "request.malformed", 400},
    {ErrorCode::RequestContentType, "request.contentType", 415},
    {ErrorCode::RequestTooLarge, "request.tooLarge", 413},
    {ErrorCode::ResourceNotFound, "resource.notFound", 404},
    {ErrorCode::MethodNotAllowed, "request.methodNotAllowed", 405},
    {ErrorCode::IdempotencyKeyMissing, "idempotency.keyMissing", 428},
    {ErrorCode::IdempotencyKeyReused, "idempotency.keyReused", 422},
    {ErrorCode::PaymentOrderOpen, "payment.orderOpen", 409},
    {ErrorCode::PaymentNotPaid, "payment.notPaid", 409},
    {ErrorCode::DocumentNotAvailable, "document.notAvailable", 409},
    {ErrorCode::ServerBusy, "server.busy", 429},
    {ErrorCode::ServerUnavailable, "server.unavailable", 503},
    {ErrorCode::ServerInternal, "server.internal", 500},
    {ErrorCode::NetworkUnreachable, "network.unreachable", 0},
    {ErrorCode::NetworkTimeout, "network.timeout", 0},
    {ErrorCode::NetworkTls, "network.tls", 0},
    {ErrorCode::ValidationFailed, "validation.failed", 422},
    {ErrorCode::StoreOpen, "store.open", 0},
    {ErrorCode::StoreCorrupt, "store.corrupt", 0},
    {ErrorCode::StoreWrite, "store.write", 0},
    {ErrorCode::StoreDecrypt, "store.decrypt", 0},
    {ErrorCode::TransferCancelled, "transfer.cancelled", 0},
    {ErrorCode::TransferVerify, "transfer.verify", 0},
    {ErrorCode::PhotoBackground, "photo.background", 422},
    {ErrorCode::FieldDateInvalid, "field.dateInvalid", 422},
    {ErrorCode::AccountPasswordHasName, "account.passwordHasName", 422},
    {ErrorCode::AccountDocumentChecks, "account.documentChecks", 429},
    {ErrorCode::SubjectsClash, "subjects.clash", 422},
    {ErrorCode::ServerStorage, "server.storage", 503},
    {ErrorCode::AccountPasswordCommon, "account.passwordCommon", 422},
    {ErrorCode::AccountPasswordReused, "account.passwordReused", 422},
    {ErrorCode::ClientUpdateRequired, "client.updateRequired", 426},
    {ErrorCode::PrintFailed, "print.failed", 0},
    {ErrorCode::RequestTimeout, "request.timeout", 408},
    {ErrorCode::RequestPreconditionFailed, "request.preconditionFailed", 412},
}};

constexpr bool tableInEnumOrder()
{
    for (size_t i = 0; i < kCodes.size(); ++i) {
        if (static_cast<size_t>(kCodes[i].code) != i)
            return false;
    }
    return true;
}
static_assert(tableInEnumOrder(), "kCodes must list every ErrorCode in enum order");

} // namespace

QString errorCodeName(ErrorCode code)
{
    const auto index = static_cast<size_t>(code);
    if (index >= kCodes.size())
        return QStringLiteral("unknown");
    return QString::fromLatin1(kCodes[index].name);
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    static const QHash<QString, ErrorCode> byName = [] {
        QHash<QString, ErrorCode> h;
        for (const auto &info : kCodes)
            h.insert(QString::fromLatin1(info.name), info.code);
        return h;
    }();
    const auto it = byName.constFind(name);
    if (it == byName.constEnd())
        return std::nullopt;
    return *it;
}

int httpStatusFor(ErrorCode code)
{
    const auto index = static_cast<size_t>(code);
    return index < kCodes.size() ? kCodes[index].httpStatus : 500;
}

} // namespace ncre
