#include "ProfileForm.h"

#include "DocumentType.h"

#include <QSignalSpy>
#include <QTest>

using namespace ncre;

// The form the profile page is a view of: values, touched fields, the fields derived from the document number
// (GB 11643-1999), and which error shows where and when.
class TestProfileForm : public QObject
{
    Q_OBJECT

private:
    static QDate today() { return QDate(2026, 11, 30); }

private slots:
    void testStartsAsAResidentIdForm()
    {
        ProfileForm form(today);
        QVERIFY(form.value(ProfileField::DocumentType).isEmpty());
        QVERIFY(form.isDerived(ProfileField::BirthDate));
        QVERIFY(form.isDerived(ProfileField::Gender));
        QVERIFY(!form.isDerived(ProfileField::Name));
        QVERIFY(form.isRequired(ProfileField::Name));
        QVERIFY(!form.errors().isEmpty()); // nothing typed: it cannot be sent
        for (int i = 0; i < int(ProfileField::Count); ++i)
            QVERIFY(!form.shownError(ProfileField(i))); // but nothing is shouted before anything was typed
        form.edit(ProfileField::Name, QStringLiteral("李雷"));
        QCOMPARE(form.value(ProfileField::DocumentType), documentTypeName(DocumentType::ResidentId));
    }

    // «保存» on an untouched form: the type shown is the type, so no "required" under the type box that shows one,
    // nor under the birth date and gender it derives (which cannot be typed); the number is what is missing.
    void testSavingAnUntouchedFormAsksForWhatCanBeTyped()
    {
        ProfileForm form(today);
        form.touchAll();
        QCOMPARE(form.value(ProfileField::DocumentType), documentTypeName(DocumentType::ResidentId));
        QVERIFY(!form.shownError(ProfileField::DocumentType));
        QVERIFY(!form.shownError(ProfileField::BirthDate));
        QVERIFY(!form.shownError(ProfileField::Gender));
        QVERIFY(form.shownError(ProfileField::DocumentNumber));
        QVERIFY(form.shownError(ProfileField::Name));
    }

    // Typing the number fills in the birth date and gender (17th digit: odd male, even female), each announced.
    void testDerivedFromTheNumber()
    {
        ProfileForm form(today);
        QSignalSpy changed(&form, &ProfileForm::valueChanged);
        QSignalSpy edited(&form, &ProfileForm::edited);
        form.edit(ProfileField::DocumentNumber, QStringLiteral("11010519491231002X"));
        QCOMPARE(form.value(ProfileField::BirthDate), QStringLiteral("1949-12-31"));
        QCOMPARE(form.value(ProfileField::Gender), QStringLiteral("female"));
        QCOMPARE(edited.count(), 1);
        QList<ProfileField> fields;
        for (const auto &args : changed)
            fields << args.at(0).value<ProfileField>();
        QVERIFY(fields.contains(ProfileField::DocumentNumber));
        QVERIFY(fields.contains(ProfileField::BirthDate));
        QVERIFY(fields.contains(ProfileField::Gender));

        // A number that no longer parses empties them rather than leaving the old person's date.
        form.edit(ProfileField::DocumentNumber, QStringLiteral("1101051949"));
        QVERIFY(form.value(ProfileField::BirthDate).isEmpty());
        QVERIFY(form.value(ProfileField::Gender).isEmpty());
        QCOMPARE(form.shownError(ProfileField::DocumentNumber)->code, ErrorCode::IdLength);

        // A passport encodes nothing: birth date and gender are typed, and keep what was typed.
        form.edit(ProfileField::DocumentType, documentTypeName(DocumentType::Passport));
        QVERIFY(!form.isDerived(ProfileField::BirthDate));
        form.edit(ProfileField::BirthDate, QStringLiteral("1990-05-06"));
        form.edit(ProfileField::DocumentNumber, QStringLiteral("E12345678"));
        QCOMPARE(form.value(ProfileField::BirthDate), QStringLiteral("1990-05-06"));
    }

    void testErrorsShowOnceTouched()
    {
        ProfileForm form(today);
        form.edit(ProfileField::Email, QStringLiteral("abc@"));
        QVERIFY(form.shownError(ProfileField::Email));
        QCOMPARE(form.shownError(ProfileField::Email)->code, ErrorCode::FieldFormat);
        QVERIFY(!form.shownError(ProfileField::Name)); // not touched yet
        QSignalSpy errors(&form, &ProfileForm::errorsChanged);
        form.touchAll(); // «保存»
        QCOMPARE(errors.count(), 1);
        QVERIFY(form.shownError(ProfileField::Name));
        QCOMPARE(form.shownError(ProfileField::Name)->code, ErrorCode::FieldRequired);
    }

    // What the server said about a field shows there until that field is edited; loading starts clean.
    void testServerErrorsUntilEdited()
    {
        ProfileForm form(today);
        form.edit(ProfileField::Name, QStringLiteral("李雷"));
        QVERIFY(!form.shownError(ProfileField::Name));
        QVERIFY(form.setServerErrors({Error(ErrorCode::FieldCharacters, QStringLiteral("name"))}));
        QCOMPARE(form.shownError(ProfileField::Name)->code, ErrorCode::FieldCharacters);
        QVERIFY(!form.setServerErrors({Error(ErrorCode::FieldFormat, QStringLiteral("nonsense"))}));
        form.edit(ProfileField::Mobile, QStringLiteral("13800138000"));
        QCOMPARE(form.shownError(ProfileField::Name)->code, ErrorCode::FieldCharacters); // another field edited
        form.edit(ProfileField::Name, QStringLiteral("韩梅梅"));
        QVERIFY(!form.shownError(ProfileField::Name));

        form.touchAll();
        QVERIFY(form.shownError(ProfileField::Address));
        Profile saved;
        saved.setValue(ProfileField::Name, QStringLiteral("韩梅梅"));
        QSignalSpy loaded(&form, &ProfileForm::loaded);
        QSignalSpy edited(&form, &ProfileForm::edited);
        form.load(saved);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(edited.count(), 0); // loading is not the candidate's edit (no draft for it)
        QVERIFY(!form.shownError(ProfileField::Address)); // touched no more
        QVERIFY(form.values() == saved); // loaded exactly as given
    }

    // The required marks do not flip at the first keystroke: an untouched form is judged as the resident ID card
    // form it shows.
    void testRequiredBeforeAndAfterTheFirstEdit()
    {
        ProfileForm fresh(today);
        ProfileForm edited(today);
        edited.edit(ProfileField::Name, QStringLiteral("李雷"));
        for (int i = 0; i < int(ProfileField::Count); ++i)
            QCOMPARE(fresh.isRequired(ProfileField(i)), edited.isRequired(ProfileField(i)));
        QVERIFY(!fresh.isRequired(ProfileField::BirthDate)); // derived from the number, not typed
    }

    // An edit that changes nothing (a combo box chosen again) is not a new draft.
    void testSameValueIsNoEdit()
    {
        ProfileForm form(today);
        form.edit(ProfileField::Name, QStringLiteral("李雷"));
        QSignalSpy edited(&form, &ProfileForm::edited);
        form.edit(ProfileField::DocumentType, documentTypeName(DocumentType::ResidentId));
        form.edit(ProfileField::Name, QStringLiteral("李雷"));
        QCOMPARE(edited.count(), 0);
        QVERIFY(form.isTouched(ProfileField::DocumentType));
    }
};

QTEST_GUILESS_MAIN(TestProfileForm)
#include "TestProfileForm.moc"
