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
        QTest::addRow("birth date impossible") << F::BirthDate << "1949-02-30" << "field.dateInvalid";
        QTest::addRow("birth date shape") << F::BirthDate << "30.02.1949" << "field.format";
        QTest::addRow("email too short to be one") << F::Email << "abc@" << "field.format";

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
        QTest::addRow("student number spaces") << F::StudentNumber << "2024 001" << none; // stored as 2024001
        QTest::addRow("student number symbols") << F::StudentNumber << "2024/001" << "field.format";
        // Text as candidates type and paste it (issue 13): invisible marks, full-width digits, rare characters.
        QTest::addRow("mobile bidi marks") << F::Mobile << QString::fromUtf8("\u202D138 0013 8000\u202C") << none;
        QTest::addRow("mobile zero-width and BOM") << F::Mobile << QString::fromUtf8("\uFEFF1380013\u200B8000") << none;
        QTest::addRow("mobile full-width") << F::Mobile << QString::fromUtf8("１３８００１３８０００") << none;
        QTest::addRow("mobile ideographic spaces") << F::Mobile << QString::fromUtf8("\u3000138\u30000013\u30008000\u3000") << none;
        QTest::addRow("postal code full-width") << F::PostalCode << QString::fromUtf8("１０００８１") << none;
        QTest::addRow("postal code bidi") << F::PostalCode << QString::fromUtf8("\u200E100081\u200F") << none;
        QTest::addRow("email full-width at") << F::Email << QString::fromUtf8("zhang＠example.cn") << none;
        QTest::addRow("landline full-width") << F::Phone << QString::fromUtf8("０１０－１２３４５６７８") << none;
        QTest::addRow("address extension B") << F::Address << QString::fromUtf8("北京市东城区\U000201D4家胡同3号") << none;
        QTest::addRow("address extension B counted once") << F::Address << QString::fromUtf8("\U000201D4\U000201D4\U000201D4\U000201D4") << "field.tooShort";
        QTest::addRow("address 100 supplementary") << F::Address << QString::fromUcs4(QList<char32_t>(100, 0x201D4).constData(), 100) << none;
        QTest::addRow("address 101 supplementary") << F::Address << QString::fromUcs4(QList<char32_t>(101, 0x201D4).constData(), 101) << "field.tooLong";
        QTest::addRow("address lone surrogate") << F::Address << QString::fromUtf8("北京市朝阳区") + QChar(0xD840) << "field.characters";
        QTest::addRow("address private use") << F::Address << QString::fromUtf8("北京市朝阳区") + QChar(0xE000) + QString::fromUtf8("路") << none;
        QTest::addRow("name extension B") << F::Name << QString::fromUtf8("张\U000201D4") << none;
        QTest::addRow("name middle dot katakana") << F::Name << QString::fromUtf8("阿依古丽・买买提") << none;
        QTest::addRow("name middle dot bullet") << F::Name << QString::fromUtf8("阿依古丽•买买提") << none;
        QTest::addRow("name middle dot hyphenation point") << F::Name << QString::fromUtf8("阿依古丽‧买买提") << none;
        QTest::addRow("name zero-width joiner") << F::Name << QString::fromUtf8("张\u200D三") << none;
        QTest::addRow("document number full-width") << F::DocumentNumber << QString::fromUtf8("１１０１０５１９４９１２３１００２Ｘ") << none;
        QTest::addRow("document number spaced") << F::DocumentNumber << QString::fromUtf8("110105 19491231 002x") << none;
        QTest::addRow("training unit optional") << F::TrainingUnit << "" << none;
        QTest::addRow("training unit too long") << F::TrainingUnit << QString(51, QChar(0x4E00)) << "field.tooLong";
    }
    // One canonical form, stored by the server and checked by the client: what each kind of input becomes.
    void testCanonicalForms_data()
    {
        using F = ProfileField;
        QTest::addColumn<ProfileField>("field");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("stored");
        QTest::addRow("mobile bidi") << F::Mobile << QString::fromUtf8("\u202D138 0013 8000\u202C") << "13800138000";
        QTest::addRow("mobile full-width") << F::Mobile << QString::fromUtf8("１３８００１３８０００") << "13800138000";
        QTest::addRow("mobile dashes") << F::Mobile << "138-0013-8000" << "13800138000";
        QTest::addRow("postal full-width") << F::PostalCode << QString::fromUtf8("１０００８１") << "100081";
        QTest::addRow("document lower x") << F::DocumentNumber << QString::fromUtf8("１１０１０５ １９４９１２３１ ００２ｘ") << "11010519491231002X";
        QTest::addRow("name dots folded") << F::Name << QString::fromUtf8("阿依古丽・买买提") << QString::fromUtf8("阿依古丽·买买提");
        QTest::addRow("name trimmed") << F::Name << QString::fromUtf8("\u3000张三\u00A0") << QString::fromUtf8("张三");
        QTest::addRow("address rare kept") << F::Address << QString::fromUtf8("\uFEFF北京市\U000201D4家胡同") << QString::fromUtf8("北京市\U000201D4家胡同");
        QTest::addRow("address NFC") << F::Address << QString::fromUtf8("Cafe\u0301 路1号") << QString::fromUtf8("Caf\u00E9 路1号");
        QTest::addRow("choice trimmed") << F::Education << " bachelor\u200B" << "bachelor";
    }
    void testCanonicalForms()
    {
        QFETCH(ProfileField, field);
        QFETCH(QString, typed);
        QFETCH(QString, stored);
        QCOMPARE(ProfileRules::canonical(field, typed), stored);
        Profile p = validProfile();
        p.setValue(field, typed);
        if (field != ProfileField::DocumentNumber) // the valid profile's number is another person's
            QCOMPARE(ProfileRules::normalized(p, m_today).value(field), stored);
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
