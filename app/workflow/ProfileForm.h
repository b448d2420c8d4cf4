#pragma once

#include "Error.h"
#include "Profile.h"

#include <QDate>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace ncre {

// 基本信息 as a form: what the profile page shows and RegistrationFlow keeps as the draft (issue 13). It holds
// - the values as typed (one Profile); a form with no document type yet is a resident ID card's (the first edit
//   writes it), loading keeps the values exactly as given;
// - which fields the candidate touched;
// - the fields derived from the document number: birth date and gender, for documents that encode them
//   (GB 11643-1999 resident ID numbers and the permits numbered like them; DocumentType, DocumentNumber);
// - the error to show at each field: the field rule (ProfileRules::validateField) once the field was touched,
//   or what the server said about it after a save, until that field is edited again.
// No widget here: the page binds its editors to edit() and valueChanged().
class ProfileForm : public QObject
{
    Q_OBJECT

public:
    // `today`: the date field rules compare with (server time: a birth date may not be in the future).
    explicit ProfileForm(std::function<QDate()> today = [] { return QDate::currentDate(); }, QObject *parent = nullptr);

    const Profile &values() const { return m_values; }
    QString value(ProfileField field) const { return m_values.value(field); }

    // Replaces every value (the server's copy, or a draft restored): nothing is touched, no error shows yet.
    // valueChanged() for each field that changed, then loaded().
    void load(const Profile &profile);
    // The candidate set `field` to `value`: the field is touched, derived fields follow; valueChanged() for each
    // field whose value changed, then edited() when anything did.
    void edit(ProfileField field, const QString &value);

    bool isTouched(ProfileField field) const { return m_touched.contains(field); }
    // «保存»: every field counts as touched, so every error shows.
    void touchAll();
    // Filled in from the document number, not typed (the editor is read-only).
    bool isDerived(ProfileField field) const;
    bool isRequired(ProfileField field) const;

    // The error shown at `field` now; nullopt when there is none or the field was not touched yet.
    std::optional<Error> shownError(ProfileField field) const;
    // Every rule the values break, touched or not: empty when the form can be sent.
    ErrorList errors() const;
    // The server's field errors after a save; each shows at its field until the field is edited. Answers whether
    // any named a field of this form.
    bool setServerErrors(const ErrorList &errors);

signals:
    void valueChanged(ncre::ProfileField field, const QString &value);
    void edited();
    void loaded();
    // shownError() may answer differently now (a field touched, a value changed, server errors arrived).
    void errorsChanged();

private:
    void setValue(ProfileField field, const QString &value, QList<ProfileField> &changed);
    void applyDerived(QList<ProfileField> &changed);

    std::function<QDate()> m_today;
    Profile m_values;
    QSet<ProfileField> m_touched;
    QHash<ProfileField, Error> m_serverErrors;
};

} // namespace ncre

Q_DECLARE_METATYPE(ncre::ProfileField)
