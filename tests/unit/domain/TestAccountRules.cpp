#include "Account.h"

#include <QJsonObject>
#include <QTest>

using namespace ncre;

namespace {
QStringList codesOf(const ErrorList &errors)
{
    QStringList codes;
    for (const Error &e : errors)
        codes << e.field + ':' + errorCodeName(e.code);
    return codes;
}
} // namespace

class TestAccountRules : public QObject
{
    Q_OBJECT

private slots:
    void testUsername_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QStringList>("codes");
        QTest::addRow("ok") << "zhangsan" << QStringList();
        QTest::addRow("dots and digits") << "zhang.san_99" << QStringList();
        QTest::addRow("empty") << "" << QStringList{"username:field.required"};
        QTest::addRow("3 chars") << "abc" << QStringList{"username:field.tooShort"};
        QTest::addRow("33 chars") << QString(33, 'a') << QStringList{"username:field.tooLong"};
        QTest::addRow("digit first") << "9zhang" << QStringList{"username:field.format"};
        QTest::addRow("bad character") << "zhang#san" << QStringList{"username:field.characters"};
        QTest::addRow("chinese") << QString::fromUtf8("张三丰丰") << QStringList{"username:field.characters"};
        QTest::addRow("space") << "zhang san" << QStringList{"username:field.characters"};
    }
    void testUsername()
    {
        QFETCH(QString, username);
        QFETCH(QStringList, codes);
        QCOMPARE(codesOf(AccountRules::validateUsername(username)), codes);
    }

    void testPassword_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("codes");
        QTest::addRow("three classes") << "Sekret42x" << QStringList();
        QTest::addRow("three classes, but a common word") << "Secret123" << QStringList{"password:account.passwordCommon"};
        QTest::addRow("symbols") << "Tq7!mZ-eleven" << QStringList();
        QTest::addRow("symbols, but l33t of common words") << "s3cret-pass" << QStringList{"password:account.passwordCommon"};
        QTest::addRow("empty") << "" << QStringList{"password:field.required"};
        QTest::addRow("7 chars") << "Sec123!" << QStringList{"password:field.tooShort"};
        QTest::addRow("65 chars") << QString(65, 'a') << QStringList{"password:field.tooLong"};
        QTest::addRow("letters only") << "secretpassword" << QStringList{"password:account.weakPassword"};
        QTest::addRow("two classes") << "secret123" << QStringList{"password:account.weakPassword"};
        QTest::addRow("contains username") << "Zhangsan-1" << QStringList{"password:account.passwordHasName"};
        QTest::addRow("control char") << QString("Secret\x01" "123") << QStringList{"password:field.characters"};
    }
    void testPassword()
    {
        QFETCH(QString, password);
        QFETCH(QStringList, codes);
        QCOMPARE(codesOf(AccountRules::validatePassword(password, "zhangsan")), codes);
    }

    // An account name pasted with a zero-width space or a bidi mark is the name without them, on both sides.
    void testUsernameAsPasted()
    {
        const QJsonObject json{{"username", QStringLiteral(" li\u200blei01\u200e ")}, {"password", "Secret-pass-1"},
                               {"captchaId", "c"}, {"captchaAnswer", "a"}};
        const auto registration = AccountRegistration::fromJson(json, JsonStrictness::Strict);
        QVERIFY(registration.ok());
        QCOMPARE(registration->username, QStringLiteral("lilei01"));
        QVERIFY(AccountRules::validateUsername(registration->username).isEmpty());
        const auto login = LoginRequest::fromJson({{"username", QStringLiteral("lilei01\ufeff")}, {"password", "x"},
                                                   {"captchaId", "c"}, {"captchaAnswer", "a"}},
                                                  JsonStrictness::Strict);
        QVERIFY(login.ok());
        QCOMPARE(login->username, QStringLiteral("lilei01"));
    }

    // The passwords tried first are refused even when they have three kinds of character: Openwall's list (Debian's
    // john-data), also dressed with capitals and digits or signs, and whatever zxcvbn finds guessable.
    void testCommonPasswords_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("common");
        QTest::addRow("Password1") << "Password1" << true;
        QTest::addRow("Password123!") << "Password123!" << true;
        QTest::addRow("Qwerty123!") << "Qwerty123!" << true;
        QTest::addRow("Iloveyou2!") << "Iloveyou2!" << true;
        QTest::addRow("Secret-pass-1") << "Secret-pass-1" << false;
        QTest::addRow("Tq7!mZ-eleven") << "Tq7!mZ-eleven" << false;
        // Found by an attack: accepted before, all among the first tried (capitals and digits, l33t spellings,
        // keyboard walks, pinyin and its numbers).
        for (const char *guessable : {"Aa123456", "P@ssw0rd", "Pa$$w0rd", "Aa123456789", "Qq123456", "1qaz@WSX", "Abc@1234",
                                      "Aa123123", "Woaini520", "Woaini1314!", "Beijing2008!", "Zhongguo123!", "Qwe123456",
                                      // the second attack round: pinyin names and phrases, dates, the sample phone number
                                      "Zhangsan123!", "Wodemima1!", "Nihao123!", "Wanglei123!", "Yangyang1!", "Liu19900101",
                                      "Aa13800138000", "zhangSan2024!"})
            QTest::addRow("%s", guessable) << QString::fromLatin1(guessable) << true;
        QTest::addRow("Ncre-2026-pass") << "Ncre-2026-pass" << false;
    }
    void testCommonPasswords()
    {
        QFETCH(QString, password);
        QFETCH(bool, common);
        QCOMPARE(AccountRules::isCommonPassword(password, QStringLiteral("someone01")), common);
        const ErrorList errors = AccountRules::validatePassword(password, QStringLiteral("someone01"));
        QCOMPARE(!errors.isEmpty() && errors.first().code == ErrorCode::AccountPasswordCommon, common);
    }
};

QTEST_GUILESS_MAIN(TestAccountRules)
#include "TestAccountRules.moc"
