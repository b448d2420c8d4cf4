#include "AuthSession.h"
#include "ServerProcess.h"

#include "AsyncWait.h"

#include <QTest>

using namespace ncre;

// Login, one transparent refresh on 401 (shared by concurrent requests), rotation, and the end of a session.
class TestAuthSession : public QObject
{
    Q_OBJECT

private:

    using Polled = std::pair<Result<std::optional<Registration>, Problem>, QByteArray>;

    // The demo candidate, through a real captcha (its answer read with the test hook).
    static Result<Session, Problem> logInDemo(ApiClient &api, AuthSession &auth, TestHttp &hooks)
    {
        const auto captcha = waitFor<Result<Captcha, Problem>>([&](auto cb) { api.createCaptcha(cb); });
        if (!captcha)
            return captcha.error();
        LoginRequest login;
        login.username = "demo";
        login.password = "Demo-pass-1";
        login.captchaId = captcha.value().id;
        login.captchaAnswer = hooks.captchaAnswer(captcha.value().id);
        return waitFor<Result<Session, Problem>>([&](auto cb) { auth.logIn(login, cb); });
    }

private slots:
    void testRefreshOnceThenEnd()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        ApiClient api;
        QVERIFY(api.setBaseUrl(server.url("")).ok());
        AuthSession auth(api);
        QSignalSpy tokens(&auth, &AuthSession::refreshTokenChanged);
        QSignalSpy ended(&auth, &AuthSession::sessionEnded);

        QVERIFY(logInDemo(api, auth, hooks).ok());
        QCOMPARE(tokens.size(), 1);
        QVERIFY(auth.isLoggedIn());
        const QString firstAccess = api.accessToken();

        // The access token expires (15 min); two requests at once meet the 401 and share one refresh.
        hooks.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 16 * 60}});
        int answered = 0;
        QEventLoop loop;
        for (int i = 0; i < 2; ++i) {
            api.registration({}, [&](Result<std::optional<Registration>, Problem> r, QByteArray) {
                // The demo candidate has no registration yet: 404, which proves the request was let in.
                QCOMPARE(r.error().code, ErrorCode::ResourceNotFound);
                if (++answered == 2)
                    loop.quit();
            });
        }
        loop.exec();
        QCOMPARE(tokens.size(), 2); // one refresh, rotated
        QVERIFY(tokens.last().at(0).toByteArray() != tokens.first().at(0).toByteArray());
        QVERIFY(api.accessToken() != firstAccess);
        QCOMPARE(ended.size(), 0);

        // Past the refresh token's life: the next 401 ends the session, once, and says so.
        hooks.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 31 * 24 * 3600}});
        const auto late = waitFor<Polled>([&](auto cb) {
            api.registration({}, [cb](auto r, QByteArray tag) { cb(Polled(std::move(r), tag)); });
        });
        QCOMPARE(late.first.error().status, 401);
        QCOMPARE(ended.size(), 1);
        QVERIFY(!auth.isLoggedIn());
        QVERIFY(tokens.last().at(0).toByteArray().isEmpty()); // the keychain copy is to be deleted
    }

    void testLogOutRevokesOnTheServer()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        ApiClient api;
        QVERIFY(api.setBaseUrl(server.url("")).ok());
        AuthSession auth(api);
        QVERIFY(logInDemo(api, auth, hooks).ok());
        const QString access = api.accessToken();
        QEventLoop loop;
        auth.logOut([&] { loop.quit(); });
        loop.exec();
        QVERIFY(!auth.isLoggedIn());
        hooks.setToken(access);
        QCOMPARE(hooks.get("/api/v1/registrations/current").code(), QStringLiteral("auth.required"));
    }
};

QTEST_GUILESS_MAIN(TestAuthSession)
#include "TestAuthSession.moc"
