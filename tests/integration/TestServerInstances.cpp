#include "ServerProcess.h"

#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QUuid>
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

    // Instances started at the same moment on an empty database, each with --seed demo (as a site's units start
    // together after an install): one migrates and seeds, the others wait for it and find the exam there. Found by
    // a trial: all but one failed with "demo seed not committed".
    void testInstancesStartedTogetherSeedOnce()
    {
        const QString database = QStringLiteral("ncre_together_") + QUuid::createUuid().toString(QUuid::Id128);
        QVERIFY(ServerProcess::postgresTool(QStringLiteral("createdb"), {database}));
        const auto drop = qScopeGuard([&database]() {
            ServerProcess::postgresTool(QStringLiteral("dropdb"), {QStringLiteral("--force"), database});
        });
        QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
        url.setPath(QLatin1Char('/') + database);
        {
            std::vector<std::unique_ptr<ServerProcess>> together;
            for (int i = 0; i < 3; ++i)
                together.push_back(std::make_unique<ServerProcess>(QStringList{"--db", url.toString()}));
            QByteArray exam;
            for (auto &server : together) {
                QVERIFY2(server->waitReady(), server->stderrText().constData());
                const HttpResult current = TestHttp(*server).get("/api/v1/exams/current");
                QCOMPARE(current.status, 200);
                if (exam.isEmpty())
                    exam = current.body;
                QCOMPARE(current.body, exam); // one exam, the same for all
            }
        }
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

    // Another session holds a lock an instance needs (an operator's long transaction, a stuck migration): the
    // instance, which serves one request at a time, waits at most its lock_timeout (5 s), then answers 503
    // server.storage with Retry-After, and serves again; without the timeout it would wait as long as the lock is
    // held (found by a trial: 23 s for a 25 s lock). The lock here is held 20 s.
    void testALockHeldElsewhereCostsSecondsNotTheInstance()
    {
        TestHttp a(instance(0));
        a.setToken(a.registerAndLogIn(QStringLiteral("lock.waiter")));
        QCOMPARE(a.get("/api/v1/registrations/current").status, 404);
        const QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
        QProcess holder;
        holder.start(QStringLiteral("psql"),
                     {"-h", url.host(), "-p", QString::number(url.port(5432)), "-U", url.userName(), "-d",
                      instance(0).postgresDatabase(), "-c",
                      "BEGIN; LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(20); COMMIT;"});
        QVERIFY(holder.waitForStarted());
        const auto release = qScopeGuard([&holder]() {
            holder.kill();
            holder.waitForFinished(5000);
        });
        // Wait until the lock is held (pg_locks shows it granted to another session).
        const QString lockHeld = "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = "
                                 "'sessions' AND l.mode = 'AccessExclusiveLock' AND l.granted";
        QTRY_VERIFY_WITH_TIMEOUT(ServerProcess::postgresTool(QStringLiteral("psql"),
                                                             {"-d", instance(0).postgresDatabase(), "-tA", "-c",
                                                              "DO $$ BEGIN IF NOT EXISTS (" + lockHeld
                                                                  + ") THEN RAISE EXCEPTION 'not yet'; END IF; END $$"}),
                                 10000);
        const HttpResult stuck = a.get("/api/v1/registrations/current");
        QCOMPARE(stuck.status, 503);
        QCOMPARE(stuck.code(), QStringLiteral("server.storage"));
        QVERIFY(!stuck.header("Retry-After").isEmpty());
        QCOMPARE(holder.state(), QProcess::Running); // answered while the lock is still held
        // Requests that need no such lock are served meanwhile, by this instance too.
        QCOMPARE(TestHttp(instance(0)).get("/api/v1/exams/current").status, 200);
    }

    // The readiness route follows the database. A connection cut while the database is up (it restarted) is
    // opened again within the request that finds it: /ready says 200 and an ordinary request succeeds, rather than
    // a 503 for what the next request would find mended (found by a trial). While the database refuses
    // connections, /ready says 503 with Retry-After (never 500), and 200 again once it accepts them.
    void testReadinessFollowsTheDatabase()
    {
        TestHttp a(instance(0));
        HttpResult ready = a.get("/api/v1/ready");
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.json().value("database").toString(), QStringLiteral("ok"));
        const QString database = instance(0).postgresDatabase();
        auto sql = [&database](const QString &statement) {
            return ServerProcess::postgresTool(QStringLiteral("psql"), {"-d", "postgres", "-c", statement});
        };
        const QString cut = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
            + "' AND pid <> pg_backend_pid()";
        QVERIFY(sql(cut));
        QCOMPARE(a.get("/api/v1/ready").status, 200);
        QVERIFY(sql(cut));
        QVERIFY(!a.registerAndLogIn("after.cut").isEmpty()); // captcha, account, login: each after the cut

        QVERIFY(sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false"));
        QVERIFY(sql(cut));
        ready = a.get("/api/v1/ready");
        QCOMPARE(ready.status, 503);
        QVERIFY(!ready.header("Retry-After").isEmpty());
        QCOMPARE(ready.json().value("code").toString(), QStringLiteral("server.storage"));
        QVERIFY(sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true"));
        QCOMPARE(a.get("/api/v1/ready").status, 200);
        // And writes go on at every instance.
        QVERIFY(!TestHttp(instance(1)).registerAndLogIn("after.outage").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerInstances)
#include "TestServerInstances.moc"
