#include "ServerProcess.h"

#include <QDate>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// ID numbers cannot be enumerated through the basic information (issue 14, item 5). Knowing a region and a birth
// date, an attacker used to try the few hundred possible numbers and read which one was taken. Now: a conflict
// names no one; after it, each new number needs a fresh captcha; and only a handful of different numbers may be
// tried per account and per address a day (429 account.documentChecks with Retry-After), the pattern logged.
class TestServerIdentity : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;

    // PUT the profile with `number`, with a fresh captcha when `captcha`.
    HttpResult tryNumber(TestHttp &http, const QString &number, bool captcha)
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (captcha) {
            const QString id = http.newCaptcha();
            headers = {{"NCRE-Captcha-Id", id.toLatin1()}, {"NCRE-Captcha-Answer", http.captchaAnswer(id).toLatin1()}};
        }
        return http.send("PUT", "/api/v1/registrations/current/profile", TestHttp::toJson(residentProfileJson(number)),
                         "application/json", headers);
    }

    void startAgreement(TestHttp &http)
    {
        const QString version = http.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
    }

private slots:
    void init()
    {
        const QString config = writeServerConfig(m_dir.path(), "identity.ini", "[documents]\nperAccountPerDay=4\nperAddressPerDay=6\n");
        QVERIFY(!config.isEmpty());
        m_server = std::make_unique<ServerProcess>(QStringList{"--config", config});
        QVERIFY(m_server->waitReady());
    }
    void cleanup() { m_server.reset(); }

    void testEnumerationStopsAtTheLimit()
    {
        const QDate birth(1990, 5, 17);
        TestHttp victim(*m_server);
        victim.setToken(victim.registerAndLogIn("victim01"));
        startAgreement(victim);
        QCOMPARE(victim.put("/api/v1/registrations/current/profile", residentProfileJson(residentIdNumber(birth, 123))).status, 200);

        TestHttp attacker(*m_server);
        attacker.setDirect(true); // custom headers, straight to the server
        attacker.setToken(attacker.registerAndLogIn("attacker01"));
        startAgreement(attacker);
        // The first guess lands on a free number; the second on the victim's: taken, but by whom is not said.
        QCOMPARE(tryNumber(attacker, residentIdNumber(birth, 100), false).status, 200);
        const HttpResult hit = tryNumber(attacker, residentIdNumber(birth, 123), false);
        QCOMPARE(hit.status, 409);
        QCOMPARE(hit.code(), QStringLiteral("account.documentTaken"));
        QVERIFY(!hit.json().contains("holder"));

        // After a conflict, each new number needs a fresh captcha.
        const HttpResult bare = tryNumber(attacker, residentIdNumber(birth, 101), false);
        QCOMPARE(bare.status, 422);
        QCOMPARE(bare.code(), QStringLiteral("auth.captcha"));
        QCOMPARE(tryNumber(attacker, residentIdNumber(birth, 101), true).status, 200);
        QCOMPARE(tryNumber(attacker, residentIdNumber(birth, 102), true).status, 200);
        // The same number again costs nothing new; a fifth different one is refused, with when to come back.
        QCOMPARE(tryNumber(attacker, residentIdNumber(birth, 102), true).status, 200);
        const HttpResult stopped = tryNumber(attacker, residentIdNumber(birth, 103), true);
        QCOMPARE(stopped.status, 429);
        QCOMPARE(stopped.code(), QStringLiteral("account.documentChecks"));
        QVERIFY(stopped.header("Retry-After").toInt() >= 60);
        QVERIFY(m_server->stderrText().contains("possible enumeration"));

        // A second account from the same address gets the address's remainder only: 6 in all from 127.0.0.1.
        TestHttp helper(*m_server);
        helper.setDirect(true);
        helper.setToken(helper.registerAndLogIn("attacker02"));
        startAgreement(helper);
        QCOMPARE(tryNumber(helper, residentIdNumber(birth, 104), false).status, 200);
        QCOMPARE(tryNumber(helper, residentIdNumber(birth, 105), false).status, 200);
        QCOMPARE(tryNumber(helper, residentIdNumber(birth, 106), false).code(), QStringLiteral("account.documentChecks"));

        // The victim, saving the number it holds, is never counted or stopped.
        QCOMPARE(victim.put("/api/v1/registrations/current/profile", residentProfileJson(residentIdNumber(birth, 123))).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServerIdentity)
#include "TestServerIdentity.moc"
