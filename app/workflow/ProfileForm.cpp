#include "ProfileForm.h"

#include "DocumentNumber.h"
#include "DocumentType.h"
#include "ProfileRules.h"

namespace ncre {

namespace {

QList<ProfileField> allFields()
{
    QList<ProfileField> fields;
    for (int i = 0; i < int(ProfileField::Count); ++i)
        fields << ProfileField(i);
    return fields;
}

} // namespace

ProfileForm::ProfileForm(std::function<QDate()> today, QObject *parent)
    : QObject(parent)
    , m_today(std::move(today))
{
}

void ProfileForm::setValue(ProfileField field, const QString &value, QList<ProfileField> &changed)
{
    if (m_values.value(field) == value)
        return;
    m_values.setValue(field, value);
    if (!changed.contains(field))
        changed << field;
}

bool ProfileForm::isDerived(ProfileField field) const
{
    if (field != ProfileField::BirthDate && field != ProfileField::Gender)
        return false;
    const auto type = documentTypeFromName(m_values.value(ProfileField::DocumentType));
    return documentEncodesBirthDate(type.value_or(DocumentType::ResidentId));
}

void ProfileForm::applyDerived(QList<ProfileField> &changed)
{
    if (!isDerived(ProfileField::BirthDate))
        return;
    const auto type = documentTypeFromName(m_values.value(ProfileField::DocumentType)).value_or(DocumentType::ResidentId);
    const auto info = DocumentNumber::parse(type, m_values.value(ProfileField::DocumentNumber), m_today());
    setValue(ProfileField::BirthDate, info && info->birthDate ? info->birthDate->toString(Qt::ISODate) : QString(), changed);
    setValue(ProfileField::Gender, info && info->gender ? genderName(*info->gender) : QString(), changed);
}

void ProfileForm::load(const Profile &profile)
{
    QList<ProfileField> changed;
    for (ProfileField field : allFields())
        setValue(field, profile.value(field), changed);
    applyDerived(changed);
    m_touched.clear();
    m_serverErrors.clear();
    for (ProfileField field : changed)
        emit valueChanged(field, m_values.value(field));
    emit loaded();
    emit errorsChanged();
}

void ProfileForm::edit(ProfileField field, const QString &value)
{
    m_touched.insert(field);
    m_serverErrors.remove(field);
    QList<ProfileField> changed;
    setValue(field, value, changed);
    // No type chosen yet means the one the form shows first: the resident ID card. The first edit makes it so.
    if (m_values.value(ProfileField::DocumentType).isEmpty())
        setValue(ProfileField::DocumentType, documentTypeName(DocumentType::ResidentId), changed);
    if (field == ProfileField::DocumentType || field == ProfileField::DocumentNumber)
        applyDerived(changed);
    for (ProfileField f : changed) {
        if (f != field)
            m_serverErrors.remove(f);
        emit valueChanged(f, m_values.value(f));
    }
    if (!changed.isEmpty())
        emit edited();
    emit errorsChanged();
}

void ProfileForm::touchAll()
{
    // Saved without a single edit: the type the form shows (the resident ID card) is the type, as after any edit,
    // never "required" under a box that shows one (nor under the birth date and gender it derives).
    QList<ProfileField> changed;
    if (m_values.value(ProfileField::DocumentType).isEmpty()) {
        setValue(ProfileField::DocumentType, documentTypeName(DocumentType::ResidentId), changed);
        applyDerived(changed);
    }
    for (ProfileField f : changed)
        emit valueChanged(f, m_values.value(f));
    for (ProfileField field : allFields())
        m_touched.insert(field);
    emit errorsChanged();
}

bool ProfileForm::isRequired(ProfileField field) const
{
    // Before any edit the type is empty but the form shows (and means) a resident ID card: judge by that.
    if (m_values.value(ProfileField::DocumentType).isEmpty()) {
        Profile effective = m_values;
        effective.setValue(ProfileField::DocumentType, documentTypeName(DocumentType::ResidentId));
        return ProfileRules::isRequired(field, effective);
    }
    return ProfileRules::isRequired(field, m_values);
}

std::optional<Error> ProfileForm::shownError(ProfileField field) const
{
    if (const auto server = m_serverErrors.constFind(field); server != m_serverErrors.cend())
        return *server;
    // A derived field's error is the number's doing: it shows once the number was touched.
    const bool touched = m_touched.contains(field)
        || (isDerived(field) && m_touched.contains(ProfileField::DocumentNumber));
    if (!touched)
        return std::nullopt;
    const ErrorList errors = ProfileRules::validateField(field, m_values, m_today());
    if (errors.isEmpty())
        return std::nullopt;
    return errors.first();
}

ErrorList ProfileForm::errors() const
{
    return ProfileRules::validate(m_values, m_today());
}

bool ProfileForm::setServerErrors(const ErrorList &errors)
{
    bool atField = false;
    for (const Error &e : errors) {
        if (const auto field = Profile::fieldFromKey(e.field)) {
            m_serverErrors.insert(*field, e);
            atField = true;
        }
    }
    emit errorsChanged();
    return atField;
}

} // namespace ncre
