#include "DocumentType.h"

#include <array>
#include <utility>

namespace ncre {

namespace {

constexpr std::array<std::pair<DocumentType, const char *>, 6> kDocumentTypes = {{
    {DocumentType::ResidentId, "resident_id"},
    {DocumentType::HkMacauPermit, "hk_macau_permit"},
    {DocumentType::TaiwanPermit, "taiwan_permit"},
    {DocumentType::HmtResidencePermit, "hmt_residence_permit"},
    {DocumentType::Passport, "passport"},
    {DocumentType::ForeignPermanentResidentId, "foreign_permanent_resident_id"},
}};

} // namespace

QString genderName(Gender gender)
{
    return gender == Gender::Male ? QStringLiteral("male") : QStringLiteral("female");
}

std::optional<Gender> genderFromName(const QString &name)
{
    if (name == QLatin1String("male"))
        return Gender::Male;
    if (name == QLatin1String("female"))
        return Gender::Female;
    return std::nullopt;
}

QString documentTypeName(DocumentType type)
{
    for (const auto &[t, name] : kDocumentTypes) {
        if (t == type)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<DocumentType> documentTypeFromName(const QString &name)
{
    for (const auto &[t, n] : kDocumentTypes) {
        if (name == QLatin1String(n))
            return t;
    }
    return std::nullopt;
}

bool documentEncodesBirthDate(DocumentType type)
{
    return type == DocumentType::ResidentId || type == DocumentType::HmtResidencePermit
        || type == DocumentType::ForeignPermanentResidentId;
}

} // namespace ncre
