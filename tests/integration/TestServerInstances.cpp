#include "ServerProcess.h"

#include <QJsonArray>
#include <QTest>

#include <memory>
#include <vector>

// Several ncre-server instances on one PostgreSQL database (issue 17): they share nothing but the database, so any
// request may land on any instance and get the same answer, and a race one process serialized by itself is closed
// by the database. Runs under the pg label only (tests/pg/private-postgres.sh).
class TestServerInstances : public QObject
{
    Q_OBJECT

private:
    std::vector<std::unique_ptr<ServerProcess>> m_instances; // the first made the database and drops it last

    ServerProcess &instance(int i) { return *m_instances.at(size_t(i) % m_instances.size()); }

private slots:
    void init()
    {
        if (!qEnvironmentVariableIsSet("NCRE_TEST_PG"))
            QSKIP("needs a PostgreSQL cluster: run as the pg-labelled test (tests/pg/private-postgres.sh)");
        m_instances.clear();
        auto first = std::make_unique<ServerProcess>();
        QVERIFY2(first->waitReady(), first->stderrText().constData());
        QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
        url.setPath(QLatin1Char('/') + first->postgresDatabase());
        m_instances.push_back(std::move(first));
        for (int i = 1; i < 3; ++i) {
            // Started with the same flags: the demo seed finds the exam there and is skipped, migrations are done.
            auto next = std::make_unique<ServerProcess>(QStringList{"--db", url.toString()});
            QVERIFY2(next->waitReady(), next->stderrText().constData());
            m_instances.push_back(std::move(next));
        }
    }
    void cleanup()
    {
        // The later instances first: the first one's database is dropped when it goes.
        while (!m_instances.empty())
            m_instances.pop_back();
    }

    // A captcha made by one instance is answered at another; an account made at a third logs in at the first; its
    // token, the registration and its ETag are the same wherever they are asked.
    void testEveryInstanceAnswersTheSame()
    {
        TestHttp a(instance(0)), b(instance(1)), c(instance(2));
        const QString captcha = a.newCaptcha();
        QVERIFY(!captcha.isEmpty());
        const QString answer = b.captchaAnswer(captcha);
        QVERIFY(!answer.isEmpty());
        QCOMPARE(c.post("/api/v1/accounts", {{"username", "roamer"}, {"password", "Secret-pass-1"},
                                             {"captchaId", captcha}, {"captchaAnswer", answer}}).status, 201);
        // The captcha is spent everywhere.
        const HttpResult spent = a.post("/api/v1/accounts", {{"username", "roamer2"}, {"password", "Secret-pass-1"},
                                                              {"captchaId", captcha}, {"captchaAnswer", answer}});
        QCOMPARE(spent.json().value("code").toString(), QStringLiteral("auth.captcha"));
        const QString token = a.logIn("ROAMER", "Secret-pass-1"); // names ignore case on every backend
        QVERIFY(!token.isEmpty());
        for (TestHttp *http : {&a, &b, &c})
            http->setToken(token);
        const QString version = b.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(b.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        const HttpResult atA = a.get("/api/v1/registrations/current");
        const HttpResult atC = c.get("/api/v1/registrations/current");
        QCOMPARE(atA.status, 200);
        QCOMPARE(atC.status, 200);
        QCOMPARE(atA.header("ETag"), atC.header("ETag"));
        QCOMPARE(atA.json().value("id"), atC.json().value("id"));
        // An unchanged poll at yet another instance is a 304.
        QCOMPARE(b.get("/api/v1/registrations/current", {{"If-None-Match", atA.header("ETag")}}).status, 304);
        // Logging out at one instance ends the session at all of them.
        QCOMPARE(c.send("DELETE", "/api/v1/sessions").status, 204);
        QCOMPARE(a.get("/api/v1/registrations/current").status, 401);
    }

    // A request repeated with the same Idempotency-Key at another instance (a client retrying through the load
    // balancer after its instance died) gets the first answer back, and nothing is done twice.
    void testIdempotencyKeyHoldsAcrossInstances()
    {
        TestHttp a(instance(0)), b(instance(1));
        const QString captcha = a.newCaptcha();
        const QJsonObject account{{"username", "retrier"}, {"password", "Secret-pass-1"}, {"captchaId", captcha},
                                  {"captchaAnswer", a.captchaAnswer(captcha)}};
        const QByteArray key = "instances-key-0001";
        const HttpResult first = a.post("/api/v1/accounts", account, key);
        const HttpResult again = b.post("/api/v1/accounts", account, key);
        QCOMPARE(first.status, 201);
        QCOMPARE(again.status, first.status);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(again.body, first.body);
        QVERIFY(!b.logIn("retrier", "Secret-pass-1").isEmpty());
    }

    // Candidates on all three instances race for the last seats: exactly the seat count is sold, every other one is
    // told the subject is full (or, past the retries, 503 with Retry-After and then full), and every instance then
    // reads the same count.
    void testRaceForTheLastSeatsAcrossInstances()
    {
        TestHttp setup(instance(0));
        const QString version = setup.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        const int seats = setup.get("/api/v1/exams/2027-03/sites/bj-80/subjects").json().value("subjects").toArray()
                              .at(0).toObject().value("seatsLeft").toInt();
        QCOMPARE(seats, 2);
        constexpr int candidates = 24;
        QList<QString> tokens;
        for (int i = 0; i < candidates; ++i) {
            TestHttp http(instance(i));
            tokens << http.registerAndLogIn(QStringLiteral("racer%1").arg(i, 3, 10, QLatin1Char('0')));
            http.setToken(tokens.last());
            QCOMPARE(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        }
        const QByteArray body = TestHttp::toJson({{"siteId", "bj-80"}, {"subjectIds", QJsonArray{"15"}}});
        QList<int> pending;
        for (int i = 0; i < candidates; ++i)
            pending << i;
        int ok = 0, full = 0;
        // All at once, on separate connections, spread over the instances; a 503 (too contended) is retried as a
        // client does, after its Retry-After, at the next instance.
        for (int round = 0; !pending.isEmpty() && round < 10; ++round) {
            QNetworkAccessManager nam;
            QList<QPair<int, QNetworkReply *>> replies;
            for (int i : pending) {
                QNetworkRequest request(instance(i + round).url("/api/v1/registrations/current/subjects"));
                request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
                request.setRawHeader("Authorization", "Bearer " + tokens.at(i).toLatin1());
                replies.append({i, nam.put(request, body)});
            }
            pending.clear();
            for (const auto &[i, reply] : replies) {
                if (!reply->isFinished()) {
                    QSignalSpy finished(reply, &QNetworkReply::finished);
                    QVERIFY(finished.wait(60000));
                }
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
                if (status == 200) {
                    ++ok;
                } else if (status == 409 && json.value("code").toString() == QLatin1String("subjects.full")) {
                    ++full;
                } else {
                    QVERIFY2(status == 503 && reply->hasRawHeader("Retry-After"),
                             qPrintable(QStringLiteral("%1 %2").arg(status).arg(QJsonDocument(json).toJson())));
                    pending << i;
                }
                reply->deleteLater();
            }
        }
        QVERIFY(pending.isEmpty());
        QCOMPARE(ok, seats);
        QCOMPARE(full, candidates - seats);
        for (int i = 0; i < 3; ++i) {
            TestHttp http(instance(i));
            QCOMPARE(http.get("/api/v1/exams/2027-03/sites/bj-80/subjects").json().value("subjects").toArray()
                         .at(0).toObject().value("seatsLeft").toInt(),
                     0);
        }
    }

    // The readiness route follows the database: when an instance's connection is cut (the database restarted), it
    // says 503 with Retry-After, never 500, and the next request finds the connection opened again.
    void testReadinessFollowsTheDatabase()
    {
        TestHttp a(instance(0));
        HttpResult ready = a.get("/api/v1/ready");
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.json().value("database").toString(), QStringLiteral("ok"));
        const QString database = instance(0).postgresDatabase();
        QVERIFY(ServerProcess::postgresTool(QStringLiteral("psql"),
                                            {"-d", database, "-c",
                                             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                                 + database + "' AND pid <> pg_backend_pid()"}));
        ready = a.get("/api/v1/ready");
        QCOMPARE(ready.status, 503);
        QVERIFY(!ready.header("Retry-After").isEmpty());
        QCOMPARE(ready.json().value("code").toString(), QStringLiteral("server.storage"));
        QCOMPARE(a.get("/api/v1/ready").status, 200);
        // And writes go on at every instance.
        QVERIFY(!a.registerAndLogIn("after.cut").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerInstances)
#include "TestServerInstances.moc"
