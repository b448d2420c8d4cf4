#include "Profile.h"

namespace ncre {

namespace {

constexpr std::array<const char *, static_cast<size_t>(ProfileField::Count)> kKeys = {
    "name",    "gender", "documentType", "documentNumber", "birthDate",     "ethnicity",    "education", "occupation",
    "mobile",  "phone",  "email",        "address",        "postalCode",    "studentNumber", "trainingUnit",
};

// Far above any rule's maximum: only a guard against absurd payloads; ProfileRules gives the real limits.
constexpr qsizetype kMaxRawLength = 1000;

} // namespace

QString Profile::fieldKey(ProfileField field)
{
    return QString::fromLatin1(kKeys[static_cast<size_t>(field)]);
}

std::optional<ProfileField> Profile::fieldFromKey(const QString &key)
{
    for (size_t i = 0; i < kKeys.size(); ++i) {
        if (key == QLatin1String(kKeys[i]))
            return static_cast<ProfileField>(i);
    }
    return std::nullopt;
}

Result<Profile> Profile::fromJson(const QJsonObject &object, JsonStrictness strictness, const QString &path)
{
    JsonReader reader(object, strictness, path);
    Profile profile;
    for (size_t i = 0; i < kKeys.size(); ++i)
        profile.m_values[i] = reader.optionalString(kKeys[i], kMaxRawLength).value_or(QString());
    return reader.result(profile);
}

QJsonObject Profile::toJson() const
{
    QJsonObject o;
    for (size_t i = 0; i < kKeys.size(); ++i) {
        if (!m_values[i].isEmpty())
            o.insert(QLatin1String(kKeys[i]), m_values[i]);
    }
    return o;
}

} // namespace ncre
