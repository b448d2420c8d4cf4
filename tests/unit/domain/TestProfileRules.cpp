#include "ChoiceList.h"
#include "ProfileRules.h"

#include <QTest>

using namespace ncre;

Q_DECLARE_METATYPE(ncre::ProfileField)

namespace {

Profile validProfile()
{
    Profile p;
    p.setValue(ProfileField::Name, QString::fromUtf8("张三"));
    p.setValue(ProfileField::DocumentType, "resident_id");
    p.setValue(ProfileField::DocumentNumber, "11010519491231002X");
    p.setValue(ProfileField::Ethnicity, "01");
    p.setValue(ProfileField::Education, "bachelor");
    p.setValue(ProfileField::Occupation, "student");
    p.setValue(ProfileField::Mobile, "13812345678");
    p.setValue(ProfileField::Address, QString::fromUtf8("北京市朝阳区建国路1号"));
    p.setValue(ProfileField::PostalCode, "100020");
    return p;
}

QStringList codesOf(const ErrorList &errors)
{
    QStringList codes;
    for (const Error &e : errors)
        codes << e.field + QLatin1Char(':') + errorCodeName(e.code);
    return codes;
}

} // namespace

class TestProfileRules : public QObject
{
    Q_OBJECT

private:
    const QDate m_today{2026, 11, 25};

private slots:
    void testValidProfileHasNoErrors()
    {
        QCOMPARE(codesOf(ProfileRules::validate(validProfile(), m_today)), QStringList());
    }

    // One row per rule or edge case: set `field` to `value` on a valid profile and expect `code` on it
    // (empty: accepted).
    void testFieldRule_data()
    {
        QTest::addColumn<ProfileField>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("code");
        using F = ProfileField;
        const QString none;

        QTest::addRow("name required") << F::Name << "" << "field.required";
        QTest::addRow("name blank") << F::Name << "   " << "field.required";
        QTest::addRow("name one char") << F::Name << QString::fromUtf8("张") << "field.tooShort";
        QTest::addRow("name 51 chars") << F::Name << QString(51, QChar(0x5F20)) << "field.tooLong";
        QTest::addRow("name 50 chars") << F::Name << QString(50, QChar(0x5F20)) << none;
        QTest::addRow("name with middle dot") << F::Name << QString::fromUtf8("买买提·艾力") << none;
        QTest::addRow("name latin") << F::Name << "John O'Neil" << none;
        QTest::addRow("name digits") << F::Name << QString::fromUtf8("张3") << "field.characters";
        QTest::addRow("name ends with dot") << F::Name << QString::fromUtf8("买买提·") << "field.characters";
        QTest::addRow("name emoji") << F::Name << QString::fromUtf8("张三😀") << "field.characters";
        QTest::addRow("name html") << F::Name << "<b>Li</b>" << "field.characters";

        QTest::addRow("gender derived may be empty") << F::Gender << "" << none;
        QTest::addRow("gender matches id") << F::Gender << "female" << none;
        QTest::addRow("gender mismatch") << F::Gender << "male" << "profile.genderMismatch";
        QTest::addRow("gender unknown value") << F::Gender << "other" << "field.notInList";

        QTest::addRow("document type required") << F::DocumentType << "" << "field.required";
        QTest::addRow("document type unknown") << F::DocumentType << "driving_licence" << "field.notInList";

        QTest::addRow("document number required") << F::DocumentNumber << "" << "field.required";
        QTest::addRow("document number checksum") << F::DocumentNumber << "110105194912310021" << "id.checksum";
        QTest::addRow("document number length") << F::DocumentNumber << "1101051949" << "id.length";
        QTest::addRow("document number absurd") << F::DocumentNumber << QString(41, QLatin1Char('1')) << "field.tooLong";

        QTest::addRow("birth date derived may be empty") << F::BirthDate << "" << none;
        QTest::addRow("birth date matches id") << F::BirthDate << "1949-12-31" << none;
        QTest::addRow("birth date mismatch") << F::BirthDate << "1950-01-01" << "profile.birthDateMismatch";
        QTest::addRow("birth date bad format") << F::BirthDate << "1949/12/31" << "field.format";
        QTest::addRow("birth date impossible") << F::BirthDate << "1949-02-30" << "field.format";

        QTest::addRow("ethnicity required for resident id") << F::Ethnicity << "" << "field.required";
        QTest::addRow("ethnicity 56") << F::Ethnicity << "56" << none;
        QTest::addRow("ethnicity 57") << F::Ethnicity << "57" << "field.notInList";
        QTest::addRow("ethnicity name instead of code") << F::Ethnicity << QString::fromUtf8("汉族") << "field.notInList";

        QTest::addRow("education required") << F::Education << "" << "field.required";
        QTest::addRow("education unknown") << F::Education << "phd" << "field.notInList";
        QTest::addRow("occupation required") << F::Occupation << "" << "field.required";
        QTest::addRow("occupation unknown") << F::Occupation << "astronaut" << "field.notInList";

        QTest::addRow("mobile required") << F::Mobile << "" << "field.required";
        QTest::addRow("mobile with spaces") << F::Mobile << "138 1234 5678" << none;
        QTest::addRow("mobile 10 digits") << F::Mobile << "1381234567" << "field.format";
        QTest::addRow("mobile starts 12") << F::Mobile << "12812345678" << "field.format";
        QTest::addRow("mobile international") << F::Mobile << "+85291234567" << none;
        QTest::addRow("mobile letters") << F::Mobile << "1381234567a" << "field.format";

        QTest::addRow("phone optional") << F::Phone << "" << none;
        QTest::addRow("phone landline") << F::Phone << "010-12345678" << none;
        QTest::addRow("phone extension") << F::Phone << "0755-1234567-123" << none;
        QTest::addRow("phone no area code") << F::Phone << "12345678" << "field.format";

        QTest::addRow("email optional") << F::Email << "" << none;
        QTest::addRow("email valid") << F::Email << "zhang.san@example.edu.cn" << none;
        QTest::addRow("email no at") << F::Email << "zhangsan.example.com" << "field.format";
        QTest::addRow("email no tld") << F::Email << "zhang@localhost" << "field.format";
        QTest::addRow("email too long") << F::Email << QString(250, QLatin1Char('a')) + "@x.cn" << "field.tooLong";

        QTest::addRow("address required") << F::Address << "" << "field.required";
        QTest::addRow("address too short") << F::Address << QString::fromUtf8("北京") << "field.tooShort";
        QTest::addRow("address too long") << F::Address << QString(101, QChar(0x8DEF)) << "field.tooLong";
        QTest::addRow("address control char") << F::Address << QString::fromUtf8("北京市\x07朝阳区") << "field.characters";

        QTest::addRow("postal code required") << F::PostalCode << "" << "field.required";
        QTest::addRow("postal code 5 digits") << F::PostalCode << "10002" << "field.tooShort";
        QTest::addRow("postal code letters") << F::PostalCode << "10002A" << "field.format";

        QTest::addRow("student number optional") << F::StudentNumber << "" << none;
        QTest::addRow("student number ok") << F::StudentNumber << "2024-CS-001" << none;
        QTest::addRow("student number spaces") << F::StudentNumber << "2024 001" << "field.format";
        QTest::addRow("training unit optional") << F::TrainingUnit << "" << none;
        QTest::addRow("training unit too long") << F::TrainingUnit << QString(51, QChar(0x4E00)) << "field.tooLong";
    }
    void testFieldRule()
    {
        QFETCH(ProfileField, field);
        QFETCH(QString, value);
        QFETCH(QString, code);
        Profile p = validProfile();
        p.setValue(field, value);
        const ErrorList errors = ProfileRules::validateField(field, p, m_today);
        if (code.isEmpty()) {
            QCOMPARE(codesOf(errors), QStringList());
        } else {
            QCOMPARE(codesOf(errors), QStringList{Profile::fieldKey(field) + QLatin1Char(':') + code});
        }
        // The whole-profile validation reports the same for this field.
        ErrorList sameField;
        for (const Error &e : ProfileRules::validate(p, m_today)) {
            if (e.field == Profile::fieldKey(field))
                sameField.append(e);
        }
        QCOMPARE(codesOf(sameField), codesOf(errors));
    }

    void testPassportHolderTypesBirthDateAndGender()
    {
        Profile p = validProfile();
        p.setValue(ProfileField::DocumentType, "passport");
        p.setValue(ProfileField::DocumentNumber, "E12345678");
        p.setValue(ProfileField::Ethnicity, "");
        QCOMPARE(codesOf(ProfileRules::validate(p, m_today)),
                 (QStringList{"gender:field.required", "birthDate:field.required"}));
        p.setValue(ProfileField::Gender, "male");
        p.setValue(ProfileField::BirthDate, "2030-01-01");
        QCOMPARE(codesOf(ProfileRules::validate(p, m_today)), QStringList{"birthDate:profile.birthDateFuture"});
        p.setValue(ProfileField::BirthDate, "2001-05-06");
        QCOMPARE(codesOf(ProfileRules::validate(p, m_today)), QStringList());
        QVERIFY(!ProfileRules::isRequired(ProfileField::Ethnicity, p));
    }

    void testRequirementFollowsDocumentType()
    {
        Profile p = validProfile();
        QVERIFY(ProfileRules::isRequired(ProfileField::Ethnicity, p));
        QVERIFY(!ProfileRules::isRequired(ProfileField::BirthDate, p));
        QVERIFY(!ProfileRules::isRequired(ProfileField::Gender, p));
        p.setValue(ProfileField::DocumentType, "taiwan_permit");
        QVERIFY(!ProfileRules::isRequired(ProfileField::Ethnicity, p));
        QVERIFY(ProfileRules::isRequired(ProfileField::BirthDate, p));
    }

    void testNormalizedDerivesBirthDateAndGender()
    {
        Profile p = validProfile();
        p.setValue(ProfileField::DocumentNumber, " 11010519491231002x ");
        p.setValue(ProfileField::Mobile, "138-1234-5678");
        p.setValue(ProfileField::Name, QString::fromUtf8(" 张三 "));
        const Profile n = ProfileRules::normalized(p, m_today);
        QCOMPARE(n.value(ProfileField::DocumentNumber), QStringLiteral("11010519491231002X"));
        QCOMPARE(n.value(ProfileField::BirthDate), QStringLiteral("1949-12-31"));
        QCOMPARE(n.value(ProfileField::Gender), QStringLiteral("female"));
        QCOMPARE(n.value(ProfileField::Mobile), QStringLiteral("13812345678"));
        QCOMPARE(n.value(ProfileField::Name), QString::fromUtf8("张三"));
        QCOMPARE(codesOf(ProfileRules::validate(n, m_today)), QStringList());
    }

    void testChoiceListsComplete()
    {
        QCOMPARE(ChoiceList::ethnicities().size(), 56);
        QCOMPARE(ChoiceList::ethnicities().first().nameZh, QString::fromUtf8("汉族"));
        QCOMPARE(ChoiceList::ethnicities().last().nameZh, QString::fromUtf8("基诺族"));
        QSet<QString> codes;
        for (const Choice &c : ChoiceList::ethnicities()) {
            QVERIFY(c.nameZh.endsWith(QChar(0x65CF))); // 族
            QVERIFY(!c.nameEn.isEmpty());
            codes.insert(c.code);
        }
        QCOMPARE(codes.size(), 56);
        QVERIFY(ChoiceList::find(ChoiceList::occupations(), "student"));
        QVERIFY(!ChoiceList::find(ChoiceList::occupations(), "Student"));
    }

    void testFieldKeysRoundTrip()
    {
        for (int i = 0; i < int(ProfileField::Count); ++i) {
            const auto f = ProfileField(i);
            QVERIFY(Profile::fieldFromKey(Profile::fieldKey(f)) == f);
            QVERIFY(ProfileRules::rule(f).field == f);
        }
        QVERIFY(!Profile::fieldFromKey("Name"));
    }
};

QTEST_GUILESS_MAIN(TestProfileRules)
#include "TestProfileRules.moc"
