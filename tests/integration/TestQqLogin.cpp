#include "AsyncWait.h"
#include "QqLogin.h"
#include "ServerProcess.h"

#include <QNetworkInterface>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace ncre;

// A client ready for «QQ登录»: API client, session and QqLogin; start() records what it asks the browser to open and
// the login's outcome.
struct QqClient
{
    ApiClient api;
    AuthSession auth{api};
    QqLogin qq{api, auth};
    QList<QUrl> browser;
    std::optional<Result<Session, Problem>> result;

    bool start(const QUrl &server)
    {
        if (!api.setBaseUrl(server).ok())
            return false;
        QObject::connect(&qq, &QqLogin::openBrowser, &qq, [this](const QUrl &url) { browser << url; });
        qq.start([this](Result<Session, Problem> r) { result = std::move(r); });
        return true;
    }
    bool finished() { return QTest::qWaitFor([this]() { return result.has_value(); }, 15000); }
};

// «QQ登录» with QtNetworkAuth against the real server's broker. The "browser" is a QNetworkAccessManager that follows
// the broker's redirects one by one and presses «授权并登录» on the emulated QQ page, so a test can also tamper with
// what comes back.
class TestQqLogin : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QNetworkAccessManager m_browser;

    HttpResult browse(const QByteArray &verb, const QUrl &url, const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        QNetworkReply *reply = m_browser.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }

    // The browser's way from the broker's start to the loopback redirect it is told to open (not opened yet).
    QUrl authorizeInBrowser(const QUrl &start, const QString &qqNumber)
    {
        const HttpResult toProvider = browse("GET", start);
        if (toProvider.status != 302)
            return {};
        const QUrl provider(QString::fromLatin1(toProvider.header("Location")));
        const QString flow = QUrlQuery(provider).queryItemValue("flow");
        const HttpResult toCallback = browse("POST", provider, "flow=" + flow.toLatin1() + "&qqNumber=" + qqNumber.toLatin1());
        if (toCallback.status != 302)
            return {};
        const HttpResult toClient = browse("GET", QUrl(QString::fromLatin1(toCallback.header("Location"))));
        if (toClient.status != 302)
            return {};
        return QUrl(QString::fromLatin1(toClient.header("Location")));
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup() { m_server.reset(); }

    void testLogsInThroughTheBrokerWithPkce()
    {
        ApiClient api;
        QVERIFY(api.setBaseUrl(m_server->directUrl("")).ok());
        AuthSession auth(api);
        QqLogin qq(api, auth);
        QSignalSpy browser(&qq, &QqLogin::openBrowser);
        std::optional<Result<Session, Problem>> result;
        qq.start([&](Result<Session, Problem> r) { result = std::move(r); });
        QCOMPARE(browser.size(), 1);
        const QUrl start = browser.first().at(0).toUrl();
        const QUrlQuery query(start);
        QCOMPARE(query.queryItemValue("code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(query.queryItemValue("code_challenge").size(), 43);
        QVERIFY(query.queryItemValue("state").size() >= 43);
        const QUrl redirect(query.queryItemValue("redirect_uri", QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect.port(), qq.redirectUri().port());

        // The reply handler listens on loopback only: another address of this machine is refused.
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.isLoopback() || a.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QTcpSocket probe;
            probe.connectToHost(a, quint16(redirect.port()));
            QVERIFY2(!probe.waitForConnected(2000), qPrintable(a.toString() + " accepted the loopback listener's port"));
        }

        const QUrl loopback = authorizeInBrowser(start, "12345");
        QVERIFY(loopback.isValid());
        QCOMPARE(loopback.port(), redirect.port());
        const HttpResult landed = browse("GET", loopback);
        QCOMPARE(landed.status, 200);
        QVERIFY(QTest::qWaitFor([&]() { return result.has_value(); }, 15000));
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().detail));
        QCOMPARE(result->value().account.username, QStringLiteral("qq12345"));
        QVERIFY(auth.isLoggedIn());
        QCOMPARE(api.accessToken(), result->value().accessToken);
        // The token works: the candidate has no registration yet (404), not an auth error.
        const auto reg = waitFor<Result<std::optional<Registration>, Problem>>(
            [&](auto done) { api.registration({}, [done](auto r, QByteArray) { done(std::move(r)); }); });
        QCOMPARE(reg.error().code, ErrorCode::ResourceNotFound);
        QVERIFY(!qq.redirectUri().isValid()); // the listener is gone once the login is over
    }

    void testStateMismatchFailsTheLogin()
    {
        QqClient client;
        QVERIFY(client.start(m_server->directUrl("")));
        QUrl loopback = authorizeInBrowser(client.browser.first(), "12345");
        QUrlQuery q(loopback);
        q.removeQueryItem("state");
        q.addQueryItem("state", "forged-state-forged-state-forged-state-1234");
        loopback.setQuery(q);
        browse("GET", loopback);
        QVERIFY(client.finished());
        QCOMPARE(client.result->error().code, ErrorCode::AuthInvalidCredentials);
        QVERIFY(!client.auth.isLoggedIn());
    }

    // Someone else redeems the code first (without the verifier they cannot): the client's own redemption is then
    // refused, and the login says so rather than waiting forever.
    void testStolenCodeIsUseless()
    {
        QqClient client;
        QVERIFY(client.start(m_server->directUrl("")));
        const QUrl loopback = authorizeInBrowser(client.browser.first(), "54321");
        const QString code = QUrlQuery(loopback).queryItemValue("code");
        // Not the desk: refused before the code is even looked at.
        QCOMPARE(browse("POST", m_server->directUrl("/api/v1/oauth/qq/token"),
                        "grant_type=authorization_code&client_id=other-app&code=" + QUrl::toPercentEncoding(code)
                            + "&code_verifier=" + QByteArray(43, 'A'))
                     .status,
                 401);
        // Posing as the desk, with another redirect and no verifier: the code is spent, no session given.
        const HttpResult stolen = browse("POST", m_server->directUrl("/api/v1/oauth/qq/token"),
                                         "grant_type=authorization_code&client_id=ncre-desk&redirect_uri="
                                             + QUrl::toPercentEncoding("http://127.0.0.1:1/elsewhere")
                                             + "&code=" + QUrl::toPercentEncoding(code) + "&code_verifier=" + QByteArray(43, 'A'));
        QCOMPARE(stolen.status, 401);
        // Garbage at the token endpoint: clear 4xx answers, never a 500.
        const QUrl token = m_server->directUrl("/api/v1/oauth/qq/token");
        QCOMPARE(browse("POST", token, "grant_type=password&username=a&password=b").status, 400);
        QCOMPARE(browse("POST", token, "grant_type=authorization_code").status, 401);
        QCOMPARE(browse("POST", token, "grant_type=authorization_code&client_id=ncre-desk").status, 401);
        QCOMPARE(browse("POST", token, "%%%&&&=").status, 400);
        QCOMPARE(browse("POST", token, QByteArray(8192, 'x')).status, 413);
        browse("GET", loopback);
        QVERIFY(client.finished());
        QCOMPARE(client.result->error().code, ErrorCode::AuthInvalidCredentials);
        QVERIFY(!client.auth.isLoggedIn());
    }

    void testCancelEndsTheLoginAndTheListener()
    {
        QqClient client;
        QVERIFY(client.start(m_server->directUrl("")));
        const quint16 port = quint16(client.qq.redirectUri().port());
        client.qq.cancel();
        QVERIFY(client.result.has_value());
        QCOMPARE(client.result->error().code, ErrorCode::TransferCancelled);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(2000));
    }
};

QTEST_GUILESS_MAIN(TestQqLogin)
#include "TestQqLogin.moc"
