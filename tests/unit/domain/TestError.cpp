#include "Error.h"
#include "ErrorText.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace ncre;

class TestError : public QObject
{
    Q_OBJECT

private slots:
    void testEveryCodeHasAUniqueStableName()
    {
        static const QRegularExpression shape(QStringLiteral("^[a-z]+\\.[A-Za-z]+$"));
        QSet<QString> names;
        for (int i = 0; i < int(ErrorCode::Count); ++i) {
            const auto code = ErrorCode(i);
            const QString name = errorCodeName(code);
            QVERIFY2(shape.match(name).hasMatch(), qPrintable(name));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QVERIFY(errorCodeFromName(name) == code);
        }
        QVERIFY(!errorCodeFromName("id.Checksum"));
        QVERIFY(!errorCodeFromName(QString()));
    }

    // Wire names are a contract with deployed clients: pin a few so a rename fails here.
    void testPinnedNames_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("status");
        QTest::addRow("checksum") << int(ErrorCode::IdChecksum) << "id.checksum" << 422;
        QTest::addRow("photo bytes") << int(ErrorCode::PhotoBytes) << "photo.bytes" << 422;
        QTest::addRow("photo decode") << int(ErrorCode::PhotoDecode) << "photo.decode" << 422;
        QTest::addRow("locked") << int(ErrorCode::StateLocked) << "state.locked" << 409;
        QTest::addRow("document taken") << int(ErrorCode::AccountDocumentTaken) << "account.documentTaken" << 409;
        QTest::addRow("busy") << int(ErrorCode::ServerBusy) << "server.busy" << 429;
        QTest::addRow("unavailable") << int(ErrorCode::ServerUnavailable) << "server.unavailable" << 503;
        QTest::addRow("auth") << int(ErrorCode::AuthRequired) << "auth.required" << 401;
        QTest::addRow("forbidden") << int(ErrorCode::AuthForbidden) << "auth.forbidden" << 403;
        QTest::addRow("not found") << int(ErrorCode::ResourceNotFound) << "resource.notFound" << 404;
        QTest::addRow("too large") << int(ErrorCode::RequestTooLarge) << "request.tooLarge" << 413;
        QTest::addRow("syntax") << int(ErrorCode::JsonSyntax) << "json.syntax" << 400;
    }
    void testPinnedNames()
    {
        QFETCH(int, code);
        QFETCH(QString, name);
        QFETCH(int, status);
        QCOMPARE(errorCodeName(ErrorCode(code)), name);
        QCOMPARE(httpStatusFor(ErrorCode(code)), status);
    }

    void testServerAnswersNever500ForClientErrors()
    {
        for (int i = 0; i < int(ErrorCode::Count); ++i) {
            const auto code = ErrorCode(i);
            const int status = httpStatusFor(code);
            if (code == ErrorCode::ServerInternal)
                QCOMPARE(status, 500);
            else if (errorCodeName(code).startsWith(QLatin1String("network.")) || errorCodeName(code).startsWith(QLatin1String("store."))
                     || errorCodeName(code).startsWith(QLatin1String("transfer.")) || errorCodeName(code).startsWith(QLatin1String("print.")))
                QCOMPARE(status, 0); // client-side only
            else
                QVERIFY2((status >= 400 && status < 500) || status == 503, qPrintable(errorCodeName(code)));
        }
    }

    void testEveryCodeHasItsOwnMessage()
    {
        const QString fallback = ErrorText::message(ErrorCode::Count);
        for (int i = 0; i < int(ErrorCode::Count); ++i) {
            const QString text = ErrorText::message(ErrorCode(i));
            QVERIFY(!text.isEmpty());
            QVERIFY2(text != fallback, qPrintable(errorCodeName(ErrorCode(i))));
            // Messages are for people: no wire codes in them.
            QVERIFY2(!text.contains(errorCodeName(ErrorCode(i))), qPrintable(text));
        }
    }

    // Each field rule has its own words (issue 13): the table from (field, code) to the message says what the rule
    // asks, never a vaguer neighbour's words («contains characters that are not allowed» for a digit first).
    void testFieldRulesHaveTheirOwnMessages_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("username digit first") << "username" << int(ErrorCode::FieldFormat) << "starts with a letter";
        QTest::newRow("username characters") << "username" << int(ErrorCode::FieldCharacters) << "only letters, digits";
        QTest::newRow("username short") << "username" << int(ErrorCode::FieldTooShort) << "at least 4";
        QTest::newRow("password has name") << "password" << int(ErrorCode::AccountPasswordHasName) << "account name";
        QTest::newRow("password weak") << "password" << int(ErrorCode::AccountWeakPassword) << "too weak";
        QTest::newRow("email shape") << "email" << int(ErrorCode::FieldFormat) << "name@example.com";
        QTest::newRow("email short") << "email" << int(ErrorCode::FieldTooShort) << "name@example.com";
        QTest::newRow("mobile") << "mobile" << int(ErrorCode::FieldFormat) << "11 digits";
        QTest::newRow("postal code") << "postalCode" << int(ErrorCode::FieldFormat) << "6 digits";
        QTest::newRow("date shape") << "birthDate" << int(ErrorCode::FieldFormat) << "year-month-day";
        QTest::newRow("date impossible") << "birthDate" << int(ErrorCode::FieldDateInvalid) << "does not exist";
        QTest::newRow("name too long: the limit") << "name" << int(ErrorCode::FieldTooLong) << "at most 50";
        QTest::newRow("address too short: the limit") << "address" << int(ErrorCode::FieldTooShort) << "at least";
        QTest::newRow("current password") << "currentPassword" << int(ErrorCode::AuthInvalidCredentials) << "current password is wrong";
        QTest::newRow("subjects clash") << "subjectIds" << int(ErrorCode::SubjectsClash) << "same time";
        QTest::newRow("server busy") << "" << int(ErrorCode::ServerBusy) << "busy";
        QTest::newRow("server unreachable") << "" << int(ErrorCode::NetworkUnreachable) << "cannot be reached";
    }
    void testFieldRulesHaveTheirOwnMessages()
    {
        QFETCH(QString, field);
        QFETCH(int, code);
        QFETCH(QString, says);
        const QString text = ErrorText::message(Error(ErrorCode(code), field));
        QVERIFY2(text.contains(says), qPrintable(text));
    }

    // «Not yet» names the step to finish first.
    void testNotYetNamesTheStep()
    {
        const QString text = ErrorText::message(Error(ErrorCode::StateActionNotAllowed, QStringLiteral("step"), QStringLiteral("photo")));
        QVERIFY2(text.contains(QStringLiteral("first complete the photo")), qPrintable(text));
    }

    // A retry says busy or unreachable as it is, with the time of the next try.
    void testRetryMessages()
    {
        const QDateTime at = QDateTime::currentDateTimeUtc();
        QVERIFY(ErrorText::retryMessage(ErrorCode::ServerBusy, at).contains(QStringLiteral("busy")));
        QVERIFY(ErrorText::retryMessage(ErrorCode::ServerUnavailable, at).contains(QStringLiteral("busy")));
        QVERIFY(ErrorText::retryMessage(ErrorCode::NetworkUnreachable, at).contains(QStringLiteral("cannot be reached")));
        QVERIFY(!ErrorText::retryMessage(ErrorCode::NetworkUnreachable, at).contains(QStringLiteral("busy")));
    }

    void testFieldMessageNamesTheField()
    {
        const Error e(ErrorCode::FieldRequired, "name");
        QVERIFY(ErrorText::fieldMessage(e, "Name").startsWith("Name: "));
        QCOMPARE(ErrorText::fieldMessage(e), ErrorText::message(ErrorCode::FieldRequired));
    }

    // At a kiosk, the connection's messages send the candidate to staff, not to a network they cannot check.
    void testKioskWordingSaysToTellStaff()
    {
        const QDateTime at = QDateTime::currentDateTime().addSecs(60);
        QVERIFY(ErrorText::message(ErrorCode::NetworkUnreachable).contains("network connection"));
        ErrorText::setKioskWording(true);
        const QString unreachable = ErrorText::message(ErrorCode::NetworkUnreachable);
        const QString retry = ErrorText::retryMessage(ErrorCode::NetworkUnreachable, at);
        ErrorText::setKioskWording(false);
        QVERIFY2(unreachable.contains("staff") && !unreachable.contains("network connection"), qPrintable(unreachable));
        QVERIFY2(retry.contains("staff") && !retry.contains("NCRE Desk"), qPrintable(retry));
        QVERIFY(ErrorText::retryMessage(ErrorCode::NetworkUnreachable, at).contains("NCRE Desk"));
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "TestError.moc"
