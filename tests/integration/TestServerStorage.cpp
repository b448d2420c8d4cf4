#include "ServerProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <QTest>

// A full disk (issue 14, item 8): every storage failure is answered 503 server.storage with Retry-After — never
// another error's code (a profile save used to become account.documentTaken), never a success (a captcha that was
// never stored used to get 201) — and a request's writes are all or nothing.
class TestServerStorage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QJsonObject profile(const QString &number)
    {
        return {{"name", QString::fromUtf8("张三")}, {"documentType", "resident_id"}, {"documentNumber", number},
                {"ethnicity", "01"}, {"education", "bachelor"}, {"occupation", "student"}, {"mobile", "13812345678"},
                {"address", QString::fromUtf8("北京市朝阳区建国路1号").repeated(4)}, {"postalCode", "100020"},
                {"trainingUnit", QString::fromUtf8("北京市朝阳区计算机培训学校").repeated(3)}};
    }

private slots:
    void testFullDiskAnswersStorageUnavailable()
    {
        const QString config = writeServerConfig(m_dir.path(), "storage.ini", "[documents]\nperAddressPerDay=1000\n");
        QVERIFY(!config.isEmpty());
        ServerProcess server({"--db", m_dir.filePath("storage.sqlite"), "--config", config});
        QVERIFY(server.waitReady());
        TestHttp hooks(server);
        const QString version = hooks.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        std::vector<std::unique_ptr<TestHttp>> candidates;
        for (int i = 0; i < 30; ++i) {
            auto http = std::make_unique<TestHttp>(server);
            http->setDirect(true);
            http->setToken(http->registerAndLogIn(QStringLiteral("storage%1").arg(i)));
            QCOMPARE(http->put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
            candidates.push_back(std::move(http));
        }

        // The disk is full: the file may not grow by a page.
        QCOMPARE(hooks.post("/api/v1/test-hooks/storage", {{"maxPages", 1}}).status, 204);
        // Captchas until no page is left: each is stored (201) or refused as storage (503), nothing else.
        int refused = 0;
        for (int i = 0; i < 600 && refused < 3; ++i) {
            const HttpResult r = candidates.front()->send("POST", "/api/v1/captcha");
            if (r.status == 201)
                continue;
            QCOMPARE(r.status, 503);
            QCOMPARE(r.code(), QStringLiteral("server.storage"));
            QVERIFY(r.header("Retry-After").toInt() > 0);
            ++refused;
        }
        QVERIFY(refused > 0);

        // Thirty profiles that each need room the file does not have: storage, never "document taken"; and a save
        // refused left nothing of itself behind.
        int saved = 0;
        int storage = 0;
        for (int i = 0; i < 30; ++i) {
            TestHttp &http = *candidates[size_t(i)];
            const HttpResult r = http.put("/api/v1/registrations/current/profile", profile(residentIdNumber(QDate(1990, 5, 17), 100 + i)));
            if (r.status == 200) {
                ++saved;
                continue;
            }
            QCOMPARE(r.status, 503);
            QCOMPARE(r.code(), QStringLiteral("server.storage"));
            ++storage;
            const QJsonObject kept = http.get("/api/v1/registrations/current").json().value("profile").toObject();
            QVERIFY(kept.value("documentNumber").toString().isEmpty());
        }
        QVERIFY2(storage > 0, qPrintable(QStringLiteral("%1 saved, none refused").arg(saved)));

        // Room again: the refused saves go through.
        QCOMPARE(hooks.post("/api/v1/test-hooks/storage", {{"maxPages", 0}}).status, 204);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(candidates[size_t(i)]->put("/api/v1/registrations/current/profile", profile(residentIdNumber(QDate(1990, 5, 17), 100 + i))).status, 200);
        QCOMPARE(candidates.front()->send("POST", "/api/v1/captcha").status, 201);
    }
};

QTEST_GUILESS_MAIN(TestServerStorage)
#include "TestServerStorage.moc"
