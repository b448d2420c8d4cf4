#include "ServerProcess.h"

#include <QTest>
#include <QUrlQuery>

// Accounts and sessions: captcha, registration rules, login, lockout, refresh rotation, logout, password change.
class TestServerAccounts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    // The path and query of an absolute Location, to follow it through TestHttp (and the contract proxy).
    static QString pathOf(const QByteArray &location)
    {
        const QUrl url(QString::fromLatin1(location));
        return url.path(QUrl::FullyEncoded) + '?' + url.query(QUrl::FullyEncoded);
    }

    HttpResult logInWith(TestHttp &http, const QString &user, const QString &password, QString captchaAnswer = {})
    {
        const QString captcha = http.newCaptcha();
        if (captchaAnswer.isNull())
            captchaAnswer = http.captchaAnswer(captcha);
        return http.send("POST", "/api/v1/sessions",
                         TestHttp::toJson({{"username", user}, {"password", password}, {"captchaId", captcha},
                                           {"captchaAnswer", captchaAnswer}}));
    }

    // A login from the loopback address `from` (a captcha fetched and read through the hooks).
    HttpResult logInFrom(TestHttp &hooks, const char *from, const QString &user, const QString &password)
    {
        const QString captcha = hooks.newCaptcha();
        return requestFrom(*m_server, from, "POST", "/api/v1/sessions",
                           TestHttp::toJson({{"username", user}, {"password", password}, {"captchaId", captcha},
                                             {"captchaAnswer", hooks.captchaAnswer(captcha)}}));
    }

private slots:
    // Wrong passwords from addresses the attacker keeps changing never lock the owner out where the owner logs in
    // (found by an attack: one wrong try every 5 s, a new address every 15, kept the owner out for two hours).
    // Unknown addresses still wait: the guessing is throttled wherever it comes from.
    void testRotatingAddressesCannotLockTheOwnerOut()
    {
        TestHttp hooks(*m_server);
        QVERIFY(!hooks.registerAndLogIn("owner.home").isEmpty());
        QCOMPARE(logInFrom(hooks, "127.0.0.20", "owner.home", "Secret-pass-1").status, 200); // the owner's address
        for (int address = 0; address < 6; ++address) {
            const QByteArray from = "127.0.0." + QByteArray::number(30 + address);
            for (int i = 0; i < 5; ++i) {
                const HttpResult r = logInFrom(hooks, from.constData(), "owner.home", "Guess-pass-" + QString::number(i));
                QVERIFY2(r.status == 401 || r.status == 429, r.body.constData());
            }
        }
        // 30 failures from six addresses: a new address waits, each attacking address waits...
        const HttpResult stranger = logInFrom(hooks, "127.0.0.50", "owner.home", "Secret-pass-1");
        QCOMPARE(stranger.code(), QStringLiteral("auth.locked"));
        QCOMPARE(logInFrom(hooks, "127.0.0.31", "owner.home", "Secret-pass-1").code(), QStringLiteral("auth.locked"));
        // ... and the owner, at home, logs in.
        QCOMPARE(logInFrom(hooks, "127.0.0.20", "owner.home", "Secret-pass-1").status, 200);
    }

    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup()
    {
        QCOMPARE(m_server->contractViolations(), QStringList());
        m_server.reset();
    }

    void testCaptchaIsAPngAndSingleUse()
    {
        TestHttp http(*m_server);
        const HttpResult c = http.send("POST", "/api/v1/captcha");
        QCOMPARE(c.status, 201);
        const QByteArray png = QByteArray::fromBase64(c.json().value("imagePng").toString().toLatin1());
        QVERIFY(png.startsWith("\x89PNG"));
        const QString id = c.json().value("id").toString();
        const QString answer = http.captchaAnswer(id);
        const QJsonObject body{{"username", "captcha01"}, {"password", "Secret-pass-1"}, {"captchaId", id},
                               {"captchaAnswer", answer.toLower()}};
        QCOMPARE(http.post("/api/v1/accounts", body).status, 201); // case-insensitive
        QJsonObject again = body;
        again.insert("username", "captcha02");
        QCOMPARE(http.post("/api/v1/accounts", again).code(), QStringLiteral("auth.captcha"));
    }

    // A captcha answer typed in an input method's full-width mode, with spaces, is the same answer (issue 13).
    void testCaptchaAnswerAsTyped()
    {
        TestHttp http(*m_server);
        const QString id = http.newCaptcha();
        QString typed;
        for (const QChar c : http.captchaAnswer(id))
            typed += QChar(c.unicode() + 0xFEE0) + QStringLiteral(" "); // ASCII → full-width, spaced
        const QJsonObject body{{"username", "captcha03"}, {"password", "Secret-pass-1"}, {"captchaId", id},
                               {"captchaAnswer", QStringLiteral("\u200E") + typed}};
        QCOMPARE(http.post("/api/v1/accounts", body).status, 201);
    }

    void testRegistrationRules()
    {
        TestHttp http(*m_server);
        auto attempt = [&](const QString &user, const QString &password) {
            const QString id = http.newCaptcha();
            return http.post("/api/v1/accounts", {{"username", user}, {"password", password}, {"captchaId", id},
                                                  {"captchaAnswer", http.captchaAnswer(id)}});
        };
        HttpResult weak = attempt("weakling", "password");
        QCOMPARE(weak.status, 422);
        QCOMPARE(weak.json().value("errors").toArray().at(0).toObject().value("code").toString(),
                 QStringLiteral("account.weakPassword"));
        QCOMPARE(attempt("9starts", "Secret-pass-1").status, 422);
        QCOMPARE(attempt("uniqueuser", "Secret-pass-1").status, 201);
        HttpResult taken = attempt("UniqueUser", "Secret-pass-1");
        QCOMPARE(taken.status, 409);
        QCOMPARE(taken.code(), QStringLiteral("account.usernameTaken"));
    }

    void testLoginFailuresLockTheAccount()
    {
        TestHttp http(*m_server);
        QVERIFY(!http.registerAndLogIn("lockme01").isEmpty());
        QCOMPARE(logInWith(http, "lockme01", "Secret-pass-1", "????").code(), QStringLiteral("auth.captcha"));
        QCOMPARE(logInWith(http, "nobody99", "whatever").code(), QStringLiteral("auth.invalidCredentials"));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(logInWith(http, "lockme01", "wrong-Pass-1").code(), QStringLiteral("auth.invalidCredentials"));
        const HttpResult locked = logInWith(http, "lockme01", "wrong-Pass-1");
        QCOMPARE(locked.status, 429);
        QCOMPARE(locked.code(), QStringLiteral("auth.locked"));
        QVERIFY(locked.header("Retry-After").toInt() > 0);
        // Even the right password waits out the lock.
        QCOMPARE(logInWith(http, "lockme01", "Secret-pass-1").code(), QStringLiteral("auth.locked"));
        http.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 16 * 60}});
        QCOMPARE(logInWith(http, "lockme01", "Secret-pass-1").status, 200);
    }

    // Wrong passwords slow the guesser down without locking the owner out (issue 14, item 6): an account that does
    // not exist answers exactly like one that does; the wait after five failures is short and grows with each
    // further one; the owner, after the wait, logs in; failures decay; and one address guessing many names is slowed
    // too.
    void testWrongPasswordsSlowDownWithoutAnOracle()
    {
        TestHttp http(*m_server);
        QVERIFY(!http.registerAndLogIn("slowme01").isEmpty());
        QList<int> known, unknown;
        QList<int> knownWait, unknownWait;
        for (int i = 0; i < 5; ++i) {
            const HttpResult k = logInWith(http, "slowme01", "wrong-Pass-1");
            const HttpResult u = logInWith(http, "ghost0001", "wrong-Pass-1");
            known << k.status;
            unknown << u.status;
            knownWait << k.header("Retry-After").toInt();
            unknownWait << u.header("Retry-After").toInt();
        }
        QCOMPARE(known, unknown); // the same answers, at the same tries
        QCOMPARE(knownWait, unknownWait);
        QCOMPARE(known.last(), 429);
        QCOMPARE(knownWait.last(), 15); // short, not a quarter of an hour
        // The owner, once the wait is over, logs in (and that clears the account's failures).
        QCOMPARE(http.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 16}}).status, 200);
        QCOMPARE(logInWith(http, "slowme01", "Secret-pass-1").status, 200);
        // A guesser who goes on waits longer each time.
        for (int i = 0; i < 5; ++i)
            logInWith(http, "ghost0002", "wrong-Pass-1");
        QCOMPARE(http.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 16}}).status, 200);
        const HttpResult sixth = logInWith(http, "ghost0002", "wrong-Pass-1");
        QCOMPARE(sixth.status, 429);
        QCOMPARE(sixth.header("Retry-After").toInt(), 30);
        // Failures decay: an hour later the name is free again.
        QCOMPARE(http.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 3600}}).status, 200);
        QCOMPARE(logInWith(http, "ghost0002", "wrong-Pass-1").status, 401);
        // One address trying many names is slowed down as well (schools share an address: a higher threshold).
        int slowed = 0;
        for (int i = 0; i < 30 && !slowed; ++i)
            if (logInWith(http, QStringLiteral("spray%1").arg(i, 4, 10, QLatin1Char('0')), "wrong-Pass-1").status == 429)
                slowed = i + 1;
        QVERIFY2(slowed >= 15 && slowed <= 25, qPrintable(QString::number(slowed)));
    }

    // A refresh token used again after it was rotated means two holders: the chain it led to ends, the thief's
    // session and the owner's (who logs in again).
    void testReusedRefreshTokenEndsTheChain()
    {
        TestHttp owner(*m_server);
        owner.setToken(owner.registerAndLogIn("reuse0001"));
        const QString stolen = owner.lastRefreshToken();
        const HttpResult rotated = owner.post("/api/v1/sessions/refresh", {{"refreshToken", stolen}});
        QCOMPARE(rotated.status, 200);
        const QString ownerAccess = rotated.json().value("accessToken").toString();
        const QString ownerRefresh = rotated.json().value("refreshToken").toString();
        owner.setToken(ownerAccess);
        QCOMPARE(owner.get("/api/v1/registrations/current").status, 404); // logged in (no registration yet)

        QCOMPARE(owner.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 60}}).status, 200);
        TestHttp thief(*m_server);
        QCOMPARE(thief.post("/api/v1/sessions/refresh", {{"refreshToken", stolen}}).status, 401);
        // The owner's rotated session ended with it.
        QCOMPARE(owner.get("/api/v1/registrations/current").status, 401);
        QCOMPARE(owner.post("/api/v1/sessions/refresh", {{"refreshToken", ownerRefresh}}).status, 401);
        QVERIFY(m_server->stderrText().contains("refresh token reused"));

        // Within the grace, a retry from where the rotation came from ends nothing; the same token from another
        // address does at once (found by an attack: a thief who rotated first survived the owner's reuse).
        TestHttp again(*m_server);
        again.setToken(again.registerAndLogIn("reuse0002"));
        const QString first = again.lastRefreshToken();
        const QByteArray body = TestHttp::toJson({{"refreshToken", first}});
        const HttpResult thiefRotated = requestFrom(*m_server, "127.0.0.61", "POST", "/api/v1/sessions/refresh", body);
        QCOMPARE(thiefRotated.status, 200);
        const QString thiefAccess = thiefRotated.json().value("accessToken").toString();
        QCOMPARE(requestFrom(*m_server, "127.0.0.61", "POST", "/api/v1/sessions/refresh", body).status, 401); // retry
        QCOMPARE(requestFrom(*m_server, "127.0.0.61", "GET", "/api/v1/registrations/current", {},
                             {{"Authorization", "Bearer " + thiefAccess.toLatin1()}}).status, 404); // still on
        QCOMPARE(requestFrom(*m_server, "127.0.0.62", "POST", "/api/v1/sessions/refresh", body).status, 401); // owner
        QCOMPARE(requestFrom(*m_server, "127.0.0.61", "GET", "/api/v1/registrations/current", {},
                             {{"Authorization", "Bearer " + thiefAccess.toLatin1()}}).status, 401); // ended
    }

    // Bearer and refresh tokens never reach a log line, whatever the logging rules (every category at debug).
    void testTokensNeverLogged()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        ServerProcess chatty({}, env, true);
        QVERIFY(chatty.waitReady());
        TestHttp http(chatty);
        http.setDirect(true);
        const QString access = http.registerAndLogIn("quiet0001");
        const QString refresh = http.lastRefreshToken();
        http.setToken(access);
        http.get("/api/v1/registrations/current");
        const HttpResult rotated = http.post("/api/v1/sessions/refresh", {{"refreshToken", refresh}});
        QCOMPARE(rotated.status, 200);
        const QByteArray log = chatty.stderrText();
        QVERIFY(log.contains("path=/api/v1/sessions/refresh")); // the log did run, at debug
        for (const QString &secret : {access, refresh, rotated.json().value("accessToken").toString(),
                                      rotated.json().value("refreshToken").toString()})
            QVERIFY2(!log.contains(secret.toLatin1()), "a token reached the log");
        QVERIFY(!log.contains("Secret-pass-1"));
    }

    void testTokensRefreshRotateAndRevoke()
    {
        TestHttp http(*m_server);
        const QString access = http.registerAndLogIn("tokens01");
        const QString refresh = http.lastRefreshToken();
        QVERIFY(access.size() >= 22); // at least 128 bits, base64url
        http.setToken(access);
        QCOMPARE(http.get("/api/v1/registrations/current").code(), QStringLiteral("resource.notFound"));

        TestHttp anon(*m_server);
        const HttpResult rotated = anon.send("POST", "/api/v1/sessions/refresh", TestHttp::toJson({{"refreshToken", refresh}}));
        QCOMPARE(rotated.status, 200);
        QVERIFY(rotated.json().value("accessToken").toString() != access);
        // The old pair is gone.
        QCOMPARE(http.get("/api/v1/registrations/current").code(), QStringLiteral("auth.required"));
        QCOMPARE(anon.send("POST", "/api/v1/sessions/refresh", TestHttp::toJson({{"refreshToken", refresh}})).status, 401);

        TestHttp fresh(*m_server);
        fresh.setToken(rotated.json().value("accessToken").toString());
        QCOMPARE(fresh.send("DELETE", "/api/v1/sessions").status, 204);
        QCOMPARE(fresh.get("/api/v1/registrations/current").status, 401);

        // Access tokens expire.
        TestHttp later(*m_server);
        later.setToken(later.logIn("tokens01", "Secret-pass-1"));
        later.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 16 * 60}});
        QCOMPARE(later.get("/api/v1/registrations/current").code(), QStringLiteral("auth.tokenExpired"));
    }

    // RFC 8252 + PKCE through the server's broker, with the browser's steps done by hand.
    void testQqLoginBroker()
    {
        TestHttp http(*m_server);
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636 appendix B
        const QByteArray challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        const QString state = "client-state-0123456789";
        const QString redirect = "http://127.0.0.1:49152/callback";
        const QString start = QString("/api/v1/oauth/qq/start?redirect_uri=%1&state=%2&code_challenge=%3"
                                      "&code_challenge_method=S256")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(redirect)), state,
                                       QString::fromLatin1(challenge));
        HttpResult toProvider = http.get(start);
        QCOMPARE(toProvider.status, 302);
        const QString providerPath = QUrl(QString::fromLatin1(toProvider.header("Location"))).path(QUrl::FullyEncoded)
            + "?" + QUrl(QString::fromLatin1(toProvider.header("Location"))).query(QUrl::FullyEncoded);
        QVERIFY(providerPath.startsWith("/api/v1/oauth/qq/provider?flow="));
        QCOMPARE(http.get(providerPath).status, 200);
        const QString flow = QUrlQuery(QUrl(providerPath)).queryItemValue("flow");
        HttpResult toCallback = http.send("POST", "/api/v1/oauth/qq/provider",
                                          "flow=" + flow.toLatin1() + "&qqNumber=123456789",
                                          "application/x-www-form-urlencoded");
        QCOMPARE(toCallback.status, 302);
        HttpResult toClient = http.get(pathOf(toCallback.header("Location")));
        QCOMPARE(toClient.status, 302);
        const QUrl loopback(QString::fromLatin1(toClient.header("Location")));
        QCOMPARE(loopback.toString(QUrl::RemoveQuery), redirect);
        const QUrlQuery back(loopback);
        QCOMPARE(back.queryItemValue("state"), state);
        const QString code = back.queryItemValue("code");
        QVERIFY(!code.isEmpty());

        const QByteArray wrongVerifier = QByteArray(43, 'a');
        HttpResult bad = http.send("POST", "/api/v1/sessions",
                                   TestHttp::toJson({{"oneTimeCode", code}, {"codeVerifier", QString::fromLatin1(wrongVerifier)}}));
        QCOMPARE(bad.code(), QStringLiteral("auth.invalidCredentials"));
        // The code was spent by the failed attempt: a stolen code cannot be tried again and again.
        HttpResult good = http.send("POST", "/api/v1/sessions",
                                    TestHttp::toJson({{"oneTimeCode", code}, {"codeVerifier", QString::fromLatin1(verifier)}}));
        QCOMPARE(good.status, 401);

        // A fresh flow, redeemed right.
        toProvider = http.get(start);
        const QString flow2 = QUrlQuery(QUrl(QString::fromLatin1(toProvider.header("Location")))).queryItemValue("flow");
        toCallback = http.send("POST", "/api/v1/oauth/qq/provider", "flow=" + flow2.toLatin1() + "&qqNumber=123456789",
                               "application/x-www-form-urlencoded");
        toClient = http.get(pathOf(toCallback.header("Location")));
        const QString code2 = QUrlQuery(QUrl(QString::fromLatin1(toClient.header("Location")))).queryItemValue("code");
        good = http.send("POST", "/api/v1/sessions",
                         TestHttp::toJson({{"oneTimeCode", code2}, {"codeVerifier", QString::fromLatin1(verifier)}}));
        QCOMPARE(good.status, 200);
        QCOMPARE(good.json().value("account").toObject().value("username").toString(), QStringLiteral("qq123456789"));
        // Redeemable once.
        QCOMPARE(http.send("POST", "/api/v1/sessions",
                           TestHttp::toJson({{"oneTimeCode", code2}, {"codeVerifier", QString::fromLatin1(verifier)}}))
                     .status,
                 401);
    }

    void testQqStartRefusesNonLoopbackRedirects_data()
    {
        QTest::addColumn<QString>("redirect");
        QTest::addRow("https elsewhere") << "https://evil.example/cb";
        QTest::addRow("localhost name") << "http://localhost:5000/cb";
        QTest::addRow("no port") << "http://127.0.0.1/cb";
        QTest::addRow("lan address") << "http://192.168.1.2:5000/cb";
        QTest::addRow("garbage") << "::not a url::";
    }
    void testQqStartRefusesNonLoopbackRedirects()
    {
        QFETCH(QString, redirect);
        TestHttp http(*m_server);
        http.setDirect(true); // these break the contract's parameter formats on purpose
        const HttpResult r = http.get(QString("/api/v1/oauth/qq/start?redirect_uri=%1&state=client-state-0123456789"
                                              "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                              "&code_challenge_method=S256")
                                          .arg(QString::fromLatin1(QUrl::toPercentEncoding(redirect))));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.code(), QStringLiteral("request.malformed"));
    }

    void testPasswordChangeEndsOtherSessions()
    {
        TestHttp a(*m_server);
        a.setToken(a.registerAndLogIn("changer1"));
        TestHttp b(*m_server);
        b.setToken(b.logIn("changer1", "Secret-pass-1"));
        const HttpResult wrong = a.send("PUT", "/api/v1/accounts/me/password",
                                        TestHttp::toJson({{"currentPassword", "nope"}, {"newPassword", "Another-pass-2"}}));
        QCOMPARE(wrong.status, 422);
        QCOMPARE(a.send("PUT", "/api/v1/accounts/me/password",
                        TestHttp::toJson({{"currentPassword", "Secret-pass-1"}, {"newPassword", "Another-pass-2"}}))
                     .status,
                 204);
        QCOMPARE(b.get("/api/v1/registrations/current").status, 401);
        QCOMPARE(a.get("/api/v1/registrations/current").status, 404); // still logged in, no registration yet
        TestHttp c(*m_server);
        QCOMPARE(logInWith(c, "changer1", "Secret-pass-1").status, 401);
        QCOMPARE(logInWith(c, "changer1", "Another-pass-2").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServerAccounts)
#include "TestServerAccounts.moc"
