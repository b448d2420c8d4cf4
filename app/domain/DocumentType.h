#pragma once

#include <QString>

#include <optional>

namespace ncre {

enum class Gender { Male, Female };

// Identity documents NCRE accepts (证件类型). Wire names are stable.
enum class DocumentType {
    ResidentId,                // 居民身份证 (GB 11643-1999)
    HkMacauPermit,             // 港澳居民来往内地通行证
    TaiwanPermit,              // 台湾居民来往大陆通行证
    HmtResidencePermit,        // 港澳台居民居住证
    Passport,                  // 护照
    ForeignPermanentResidentId // 外国人永久居留身份证
};

QString genderName(Gender gender);
std::optional<Gender> genderFromName(const QString &name);

QString documentTypeName(DocumentType type);
std::optional<DocumentType> documentTypeFromName(const QString &name);
// Whether the birth date and gender are encoded in the number (and so derived, not typed).
bool documentEncodesBirthDate(DocumentType type);

} // namespace ncre
