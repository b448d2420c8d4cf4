#include "ServerProcess.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

// The QQ login's provider (issue 14, item 1). The emulated QQ page, which lets its caller name any QQ number, exists
// only with --seed demo or --test-hooks; a production server without a configured provider has no QQ routes; with
// [qq] configured (app secret from the environment, never the command line) the broker talks to QQ Connect — here a
// stand-in process on loopback (QqProviderStandIn) — and a forged or replayed callback gets no session.
class TestQqProvider : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_provider;
    quint16 m_providerPort = 0;

    QString writeConfig(const QByteArray &text)
    {
        return writeServerConfig(m_dir.path(), QStringLiteral("qq-%1.ini").arg(++m_configs), text);
    }
    int m_configs = 0;

    QByteArray providerConfig() const
    {
        const QByteArray base = "http://127.0.0.1:" + QByteArray::number(m_providerPort) + "/oauth2.0/";
        return "[qq]\nappId=101234567\nauthorizeUrl=" + base + "authorize\ntokenUrl=" + base + "token\nopenIdUrl=" + base + "me\n";
    }

    static QProcessEnvironment withSecret(const QByteArray &secret)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NCRE_QQ_APP_SECRET"), QString::fromLatin1(secret));
        return env;
    }

    static QString verifierOf(int i) { return QStringLiteral("verifier-%1-").arg(i).leftJustified(50, QLatin1Char('v')); }
    static QString challengeOf(const QString &verifier)
    {
        return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    static QString startPath(const QString &verifier)
    {
        QUrlQuery q;
        q.addQueryItem("redirect_uri", "http://127.0.0.1:54321/callback");
        q.addQueryItem("state", "client-state-0123456789");
        q.addQueryItem("code_challenge", challengeOf(verifier));
        q.addQueryItem("code_challenge_method", "S256");
        return "/api/v1/oauth/qq/start?" + q.toString(QUrl::FullyEncoded);
    }
    static QString location(const HttpResult &r) { return QString::fromLatin1(r.header("Location")); }

    // GET an absolute URL (the provider's pages), no redirects followed.
    static HttpResult getAbsolute(const QUrl &url)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }

private slots:
    void initTestCase()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("STANDIN_APP_ID", "101234567");
        env.insert("STANDIN_APP_SECRET", "s3cret-of-the-app");
        env.insert("STANDIN_OPENID", "0123456789ABCDEF0123456789ABCDEF");
        m_provider.setProcessEnvironment(env);
        m_provider.start(QStringLiteral(QQ_PROVIDER_STANDIN), {});
        QVERIFY(m_provider.waitForReadyRead(10000));
        const QByteArray line = m_provider.readLine();
        QVERIFY2(line.startsWith("listening on "), line.constData());
        m_providerPort = quint16(line.mid(13).trimmed().toUInt());
    }
    void cleanupTestCase()
    {
        m_provider.kill();
        m_provider.waitForFinished(5000);
    }

    // As production starts (no demo, no test hooks) and with no provider configured: no QQ routes at all, and the
    // server says so.
    void testNoProviderNoQqRoutes()
    {
        ServerProcess server({}, QProcessEnvironment::systemEnvironment(), false);
        QVERIFY(server.waitReady());
        TestHttp http(server);
        http.setDirect(true);
        QCOMPARE(http.get(startPath(verifierOf(0))).status, 404);
        QCOMPARE(http.get("/api/v1/oauth/qq/provider?flow=x").status, 404);
        QCOMPARE(http.send("POST", "/api/v1/oauth/qq/provider", "flow=x&qqNumber=10001", "application/x-www-form-urlencoded").status, 404);
        QVERIFY(server.stderrText().contains("QQ login is off"));
    }

    // The real path: QQ Connect's authorize page, the code exchanged server to server with the app secret, the
    // openid bound to an account; the emulated page does not exist even with --test-hooks.
    void testRealProviderLogIn()
    {
        const QByteArray secret = "s3cret-of-the-app";
        ServerProcess server({"--config", writeConfig(providerConfig())}, withSecret(secret), true);
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp http(server);
        http.setDirect(true);
        QCOMPARE(http.get("/api/v1/oauth/qq/provider?flow=x").status, 404); // no emulation beside a real provider

        const QString verifier = verifierOf(1);
        const HttpResult start = http.get(startPath(verifier));
        QCOMPARE(start.status, 302);
        QVERIFY2(location(start).startsWith(QStringLiteral("http://127.0.0.1:%1/oauth2.0/authorize?").arg(m_providerPort)),
                 qPrintable(location(start)));
        QVERIFY(location(start).contains("client_id=101234567"));
        const HttpResult approved = getAbsolute(QUrl(location(start)));
        QCOMPARE(approved.status, 302);
        const QUrl callback(location(approved));
        QCOMPARE(callback.path(), QStringLiteral("/api/v1/oauth/qq/callback"));
        const HttpResult back = http.get(callback.path() + '?' + callback.query(QUrl::FullyEncoded));
        QCOMPARE(back.status, 302);
        const QUrl client(location(back));
        QCOMPARE(client.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(client.port(), 54321);
        const QUrlQuery cq(client);
        QCOMPARE(cq.queryItemValue("state"), QStringLiteral("client-state-0123456789"));
        const HttpResult session = http.post("/api/v1/sessions", {{"oneTimeCode", cq.queryItemValue("code")},
                                                                  {"codeVerifier", verifier}});
        QCOMPARE(session.status, 200);
        QCOMPARE(session.json().value("account").toObject().value("username").toString(), QStringLiteral("qq0123456789abcdef"));

        // The same callback again (replayed): the flow is spent.
        QCOMPARE(http.get(callback.path() + '?' + callback.query(QUrl::FullyEncoded)).status, 404);
        // A forged code on a live flow: the provider refuses it, and there is no session to be had.
        const HttpResult second = http.get(startPath(verifierOf(2)));
        const QString flow = QUrlQuery(QUrl(location(second))).queryItemValue("state");
        const HttpResult forged = http.get("/api/v1/oauth/qq/callback?code=forged&state=" + flow);
        QCOMPARE(forged.status, 401);
        QCOMPARE(forged.code(), QStringLiteral("auth.invalidCredentials"));

        // The secret is in the server's environment, never on its command line.
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(server.process().processId()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        QVERIFY(!cmdline.readAll().contains(secret));
    }

    // A wrong secret: the provider refuses the exchange, the login fails, nothing is created.
    void testWrongSecretGetsNoSession()
    {
        ServerProcess server({"--config", writeConfig(providerConfig())}, withSecret("not-the-secret"), true);
        QVERIFY(server.waitReady());
        TestHttp http(server);
        http.setDirect(true);
        const HttpResult start = http.get(startPath(verifierOf(3)));
        const QUrl callback(location(getAbsolute(QUrl(location(start)))));
        const HttpResult back = http.get(callback.path() + '?' + callback.query(QUrl::FullyEncoded));
        QCOMPARE(back.status, 401);
    }

    // A provider half-configured, or configured wrongly, stops the server with the key's name (exit 2).
    void testBadProviderConfigurationStops_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<bool>("secret");
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("no secret") << QByteArray("[qq]\nappId=101234567\n") << false << QByteArray("qq/appId");
        QTest::newRow("plain http elsewhere") << QByteArray("[qq]\nappId=101234567\ntokenUrl=http://example.com/token\n") << true
                                              << QByteArray("qq/tokenUrl");
        QTest::newRow("not an app id") << QByteArray("[qq]\nappId=abc\n") << true << QByteArray("qq/appId");
        QTest::newRow("url without app") << QByteArray("[qq]\ntokenUrl=https://graph.qq.com/oauth2.0/token\n") << true
                                         << QByteArray("qq/tokenUrl");
        QTest::newRow("unknown key") << QByteArray("[http]\nmaxConections=5\n") << false << QByteArray("http/maxConections");
        QTest::newRow("a line without =") << QByteArray("[http]\nmaxConnections 5\n") << false << QByteArray("line 2");
        QTest::newRow("negative workers") << QByteArray("[hashing]\nworkers=-1\n") << false << QByteArray("hashing/workers");
    }
    void testBadProviderConfigurationStops()
    {
        QFETCH(QByteArray, config);
        QFETCH(bool, secret);
        QFETCH(QByteArray, key);
        QProcess server;
        server.setProcessEnvironment(secret ? withSecret("x") : QProcessEnvironment::systemEnvironment());
        server.start(QStringLiteral(NCRE_SERVER_BINARY), {"--listen", "127.0.0.1:0", "--config", writeConfig(config)});
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 2);
        const QByteArray err = server.readAllStandardError();
        QVERIFY2(err.contains(key), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestQqProvider)
#include "TestQqProvider.moc"
