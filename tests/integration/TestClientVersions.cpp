#include "ApiClient.h"
#include "AsyncWait.h"
#include "Meta.h"
#include "ServerProcess.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// The server publishes which desk versions it accepts and the newest one (GET /meta "client", [clients] in its
// config; issue 15), refuses an older desk with a reason (426 client.updateRequired) on every route but /meta, and
// concerns no other client. Also: /meta offers QQ login only where the server has it.
class TestClientVersions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<ServerProcess> serverWith(const QByteArray &config)
    {
        const QString file = writeServerConfig(m_dir.path(), QStringLiteral("clients.ini"), config);
        auto server = std::make_unique<ServerProcess>(QStringList{"--config", file});
        [&]() { QVERIFY2(server->waitReady(), server->stderrText().constData()); }();
        return server;
    }

    static HttpResult getAs(TestHttp &http, const QString &path, const QByteArray &userAgent)
    {
        return http.get(path, {{"User-Agent", userAgent}});
    }

    // ncre-server --config FILE for a file that must be refused: exit 2 naming `key`.
    void expectRefused(const QByteArray &config, const char *key)
    {
        const QString file = writeServerConfig(m_dir.path(), QStringLiteral("bad.ini"), config);
        QProcess p;
        p.start(QStringLiteral(NCRE_SERVER_BINARY), {"--listen", "127.0.0.1:0", "--config", file});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains(key), key);
    }

private slots:
    void testDefaultsPublishThisRelease()
    {
        ServerProcess server;
        QVERIFY(server.waitReady());
        TestHttp http(server);
        const QJsonObject client = http.get("/api/v1/meta").json().value("client").toObject();
        QCOMPARE(client.value("minimum").toString(), QStringLiteral("1.0.0"));
        QCOMPARE(client.value("latest").toString(), deskVersion());
        QVERIFY(client.value("downloadUrl").toString().startsWith("https://"));
        // This desk is current: nothing to say, nothing refused.
        const auto versions = ClientVersions::fromJson(client, JsonStrictness::Strict);
        QVERIFY(versions.ok());
        QCOMPARE(versions->needFor(deskVersion()), ClientVersions::Need::None);
        QCOMPARE(getAs(http, "/api/v1/exams/current", deskUserAgent()).status, 200);
    }

    void testOlderDeskIsRefusedWithTheReason()
    {
        auto server = serverWith("[clients]\nminimumVersion=2.0.0\nlatestVersion=2.1.0\ndownloadUrl=https://example.org/ncre\n");
        TestHttp http(*server);
        http.setDirect(true); // a 426 on purpose: not a contract response of /exams/current

        const HttpResult meta = getAs(http, "/api/v1/meta", "ncre-desk/1.0.0");
        QCOMPARE(meta.status, 200); // always answered: it is how an old desk learns where to go
        const auto versions = ClientVersions::fromJson(meta.json().value("client").toObject(), JsonStrictness::Strict);
        QVERIFY(versions.ok());
        QCOMPARE(versions->needFor("1.0.0"), ClientVersions::Need::Required);
        QCOMPARE(versions->needFor("2.0.5"), ClientVersions::Need::Available);
        QCOMPARE(versions->needFor("2.1.0"), ClientVersions::Need::None);
        QCOMPARE(versions->downloadUrl, QUrl("https://example.org/ncre"));

        const HttpResult old = getAs(http, "/api/v1/exams/current", "ncre-desk/1.9.9");
        QCOMPARE(old.status, 426);
        QCOMPARE(old.code(), QStringLiteral("client.updateRequired"));
        QVERIFY2(old.json().value("detail").toString().contains("2.0.0"), old.body.constData());
        // Whatever it asks, with or without a comment after the product.
        QCOMPARE(getAs(http, "/api/v1/no/such/route", "ncre-desk/1.0.0 (X11; Linux)").status, 426);

        // Desks new enough, and every other client (browsers on the payment pages, scripts), are served.
        QCOMPARE(getAs(http, "/api/v1/exams/current", "ncre-desk/2.0.0").status, 200);
        QCOMPARE(getAs(http, "/api/v1/exams/current", "curl/7.88.1").status, 200);
        QCOMPARE(getAs(http, "/api/v1/exams/current", "Mozilla/5.0 ncre-desk/1.0.0").status, 200);

        // The desk's own client says who it is, and gets the reason as a problem it can show.
        ApiClient api;
        QVERIFY(api.setBaseUrl(server->directUrl("")).ok());
        const auto exam = waitFor<Result<Exam, Problem>>([&](auto done) { api.currentExam(done); });
        QVERIFY(!exam);
        QCOMPARE(exam.error().status, 426);
        QCOMPARE(exam.error().code, ErrorCode::ClientUpdateRequired);
    }

    void testBadVersionSettingsStopTheServer()
    {
        expectRefused("[clients]\nminimumVersion=latest\n", "clients/minimumVersion");
        expectRefused("[clients]\nminimumVersion=3.0\nlatestVersion=2.9.9\n", "clients/latestVersion");
        expectRefused("[clients]\ndownloadUrl=ftp://example.org/ncre\n", "clients/downloadUrl");
        expectRefused("[clients]\nnewestVersion=2.0\n", "clients/newestVersion");
    }

    void testLoginProvidersSayWhetherQqIsOffered()
    {
        ServerProcess test; // --seed demo: the emulated QQ provider
        QVERIFY(test.waitReady());
        TestHttp testHttp(test);
        QVERIFY(testHttp.get("/api/v1/meta").json().value("loginProviders").toArray().contains("qq"));

        ServerProcess production({}, QProcessEnvironment::systemEnvironment(), false); // no QQ configured
        QVERIFY(production.waitReady());
        TestHttp productionHttp(production);
        const QJsonArray providers = productionHttp.get("/api/v1/meta").json().value("loginProviders").toArray();
        QCOMPARE(providers, QJsonArray({"password"}));
    }
};

QTEST_GUILESS_MAIN(TestClientVersions)
#include "TestClientVersions.moc"
