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
        QTest::addRow("symbols") << "s3cret-pass" << QStringList();
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

    // The most common passwords are refused even when they have three kinds of character (Openwall's list from
    // Debian's john-data), also dressed with capitals and a few digits or signs at the end.
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
    }
    void testCommonPasswords()
    {
        QFETCH(QString, password);
        QFETCH(bool, common);
        QCOMPARE(AccountRules::isCommonPassword(password), common);
        const ErrorList errors = AccountRules::validatePassword(password, QStringLiteral("someone01"));
        QCOMPARE(!errors.isEmpty() && errors.first().code == ErrorCode::AccountPasswordCommon, common);
    }
};

QTEST_GUILESS_MAIN(TestAccountRules)
#include "TestAccountRules.moc"
