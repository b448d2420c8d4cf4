#include "PhotoFixtures.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

// Every malformed request answers a 4xx problem+json with a stable code; nothing answers 500. Conditional GETs.
class TestServerHttp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
        TestHttp http(*m_server);
        m_token = http.registerAndLogIn("httptest1");
        QVERIFY(!m_token.isEmpty());
        http.setToken(m_token);
        QCOMPARE(http.put("/api/v1/registrations/current/agreement",
                          {{"agreementVersion", http.get("/api/v1/exams/current").json().value("agreementVersion")}})
                     .status,
                 200);
        // Submitted, so that photo uploads reach the photo checks.
        QCOMPARE(http.put("/api/v1/registrations/current/profile",
                          passportProfile())
                     .status,
                 200);
        QCOMPARE(http.put("/api/v1/registrations/current/subjects", {{"siteId", "bj-buu"}, {"subjectIds", QJsonArray{"15"}}})
                     .status,
                 200);
        QCOMPARE(http.post("/api/v1/registrations/current/submit", {{"guarantee", true}}).status, 200);
    }
    void cleanupTestCase() { m_server.reset(); }

    void testMalformed_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("authenticated");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QString profile = "/api/v1/registrations/current/profile";
        QTest::addRow("unknown route") << QByteArray("GET") << "/api/v1/nothing" << QByteArray() << QByteArray() << false << 404 << "resource.notFound";
        QTest::addRow("wrong method") << QByteArray("DELETE") << "/api/v1/meta" << QByteArray() << QByteArray() << false << 405 << "request.methodNotAllowed";
        QTest::addRow("no token") << QByteArray("GET") << "/api/v1/registrations/current" << QByteArray() << QByteArray() << false << 401 << "auth.required";
        QTest::addRow("bad json") << QByteArray("PUT") << profile << QByteArray("{\"name\": ") << QByteArray("application/json") << true << 400 << "json.syntax";
        QTest::addRow("json array") << QByteArray("PUT") << profile << QByteArray("[]") << QByteArray("application/json") << true << 400 << "json.notObject";
        QTest::addRow("wrong type") << QByteArray("PUT") << profile << QByteArray("{\"name\": 5}") << QByteArray("application/json") << true << 422 << "json.type";
        QTest::addRow("unknown field") << QByteArray("PUT") << profile << QByteArray("{\"nickname\": \"x\"}") << QByteArray("application/json") << true << 422 << "json.unknownField";
        QTest::addRow("wrong content type") << QByteArray("PUT") << profile << QByteArray("name=x") << QByteArray("application/x-www-form-urlencoded") << true << 415 << "request.contentType";
        QTest::addRow("oversized body") << QByteArray("PUT") << profile << QByteArray(70 * 1024, 'x') << QByteArray("application/json") << true << 413 << "request.tooLarge";
        QTest::addRow("photo not jpeg") << QByteArray("PUT") << "/api/v1/registrations/current/photo" << QByteArray("\x89PNG\r\n\x1a\n....") << QByteArray("image/jpeg") << true << 422 << "validation.failed";
        QTest::addRow("photo as json") << QByteArray("PUT") << "/api/v1/registrations/current/photo" << QByteArray("{}") << QByteArray("application/json") << true << 415 << "request.contentType";
        QTest::addRow("missing idempotency key") << QByteArray("POST") << "/api/v1/registrations/current/review-requests" << QByteArray() << QByteArray("application/json") << true << 428 << "idempotency.keyMissing";
        QTest::addRow("unknown site") << QByteArray("GET") << "/api/v1/exams/2027-03/sites/nowhere/subjects" << QByteArray() << QByteArray() << false << 404 << "resource.notFound";
        QTest::addRow("test hook unknown captcha") << QByteArray("GET") << "/api/v1/test-hooks/captchas/nope" << QByteArray() << QByteArray() << false << 404 << "resource.notFound";
        QTest::addRow("login garbage") << QByteArray("POST") << "/api/v1/sessions" << QByteArray("{\"username\": true}") << QByteArray("application/json") << false << 422 << "json.type";
        QTest::addRow("bad clock hook") << QByteArray("POST") << "/api/v1/test-hooks/clock" << QByteArray("{\"advanceSeconds\": \"x\"}") << QByteArray("application/json") << false << 422 << "json.type";
    }
    void testMalformed()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, authenticated);
        QFETCH(int, status);
        QFETCH(QString, code);
        TestHttp http(*m_server);
        if (authenticated)
            http.setToken(m_token);
        const HttpResult r = http.send(verb, path, body, contentType);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
        QCOMPARE(r.code(), code);
    }

    // A 405 names the methods the resource has (RFC 9110 §15.5.6), HEAD wherever GET is.
    void testMethodNotAllowedSaysAllow_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("allow");
        QTest::addRow("meta") << QByteArray("DELETE") << "/api/v1/meta" << QByteArray("GET, HEAD");
        QTest::addRow("sessions") << QByteArray("GET") << "/api/v1/sessions" << QByteArray("POST, DELETE");
        QTest::addRow("profile") << QByteArray("POST") << "/api/v1/registrations/current/profile" << QByteArray("PUT");
    }
    void testMethodNotAllowedSaysAllow()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, allow);
        TestHttp http(*m_server);
        const HttpResult r = http.send(verb, path, QByteArray(), QByteArray());
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), allow);
    }

    void testPhotoChecks_data()
    {
        QTest::addColumn<QByteArray>("jpeg");
        QTest::addColumn<QString>("code");
        QTest::addRow("grey") << PhotoFixtures::encode(PhotoFixtures::portrait(true)) << "photo.colour";
        QTest::addRow("too few pixels") << PhotoFixtures::encode(PhotoFixtures::portrait(false, QSize(120, 160)), 100) << "photo.dimensions";
        QTest::addRow("landscape") << PhotoFixtures::encode(PhotoFixtures::portrait(false, QSize(480, 330))) << "photo.aspect";
        QTest::addRow("truncated") << PhotoFixtures::compliantJpeg().left(PhotoFixtures::compliantJpeg().size() * 9 / 10) << "photo.decode";
        // What only the pixels tell (app/photo's inspector on the server, as on the client).
        QTest::addRow("no face") << PhotoFixtures::encode(PhotoFixtures::portrait()) << "photo.face";
        for (const auto &f : PhotoFixtureSet::all()) {
            if (qstrcmp(f.name, "upside-down") == 0)
                QTest::addRow("upside down") << f.bytes << "photo.orientation";
            if (qstrcmp(f.name, "head-too-small") == 0)
                QTest::addRow("head too small") << f.bytes << "photo.composition";
        }
    }
    void testPhotoChecks()
    {
        QFETCH(QByteArray, jpeg);
        QFETCH(QString, code);
        TestHttp http(*m_server);
        http.setToken(m_token);
        const HttpResult r = http.send("PUT", "/api/v1/registrations/current/photo", jpeg, "image/jpeg");
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().value("errors").toArray().at(0).toObject().value("code").toString(), code);
        // Nothing was stored.
        QCOMPARE(http.get("/api/v1/registrations/current/photo").status, 404);
    }

    void testConditionalGets()
    {
        TestHttp http(*m_server);
        for (const QString path : {"/api/v1/exams/current", "/api/v1/announcements", "/api/v1/notices",
                                   "/api/v1/exams/2027-03/sites", "/api/v1/exams/2027-03/sites/bj-80/subjects"}) {
            const HttpResult first = http.get(path);
            QCOMPARE(first.status, 200);
            const QByteArray etag = first.header("ETag");
            QVERIFY2(!etag.isEmpty(), qPrintable(path));
            const HttpResult second = http.get(path, {{"If-None-Match", etag}});
            QCOMPARE(second.status, 304);
            QVERIFY(second.body.isEmpty());
        }
    }

    // An unchanged poll is a 304 whatever form the ETag comes back in (RFC 9110 §13.1.2: If-None-Match compares
    // weakly and takes a list, or "*"), e.g. weakened by a compressing proxy (found by a trial: only the exact tag
    // matched). A 304 carries no Content-Length (§8.6: only the 200's own length would be allowed).
    void testRegistrationPollsMatchEveryFormOfTheTag()
    {
        TestHttp http(*m_server);
        http.setToken(http.registerAndLogIn(QStringLiteral("poller.forms")));
        const QString version = http.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        const HttpResult full = http.get("/api/v1/registrations/current");
        QCOMPARE(full.status, 200);
        const QByteArray etag = full.header("ETag");
        QVERIFY(etag.startsWith('"'));
        for (const QByteArray &form : {etag, "W/" + etag, "\"other\", " + etag, "\"other\",W/" + etag, QByteArray("*")}) {
            const HttpResult poll = http.get("/api/v1/registrations/current", {{"If-None-Match", form}});
            QVERIFY2(poll.status == 304, form.constData());
            QCOMPARE(poll.header("ETag"), etag);
            QVERIFY2(!poll.hasHeader("Content-Length"), form.constData());
        }
        for (const QByteArray &form : {QByteArray("\"other\""), QByteArray("W/\"other\""), etag.chopped(1) + "x\""})
            QCOMPARE(http.get("/api/v1/registrations/current", {{"If-None-Match", form}}).status, 200);
    }

    // If-None-Match sent on two lines is one list (RFC 9110 §5.3; a proxy may add a line): the tag on the second
    // line matches too, on the registration and on the catalogue's resources.
    void testIfNoneMatchOnSeveralLinesIsOneList()
    {
        TestHttp http(*m_server);
        const QString token = http.registerAndLogIn(QStringLiteral("poller.lines"));
        http.setToken(token);
        const QString version = http.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        for (const QByteArray &path : {QByteArray("/api/v1/registrations/current"), QByteArray("/api/v1/exams/current"),
                                      QByteArray("/api/v1/exams/2027-03/sites/bj-80/subjects")}) {
            const QByteArray etag = http.get(QString::fromLatin1(path)).header("ETag");
            QVERIFY2(!etag.isEmpty(), path.constData());
            QTcpSocket socket;
            socket.connectToHost(m_server->url("").host(), quint16(m_server->url("").port()));
            QVERIFY(socket.waitForConnected(5000));
            socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                         + token.toLatin1() + "\r\nIf-None-Match: \"other\"\r\nIf-None-Match: " + etag + "\r\n\r\n");
            QByteArray answer;
            while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
                answer += socket.readAll();
            answer += socket.readAll();
            QVERIFY2(answer.startsWith("HTTP/1.1 304"), answer.left(200).constData());
        }
    }

    // Changes to the registration evaluate If-Match and If-None-Match before anything is changed (RFC 9110 §13.1.1,
    // §13.1.2, §13.2.2; found by an attack: both were ignored, so a desk and a kiosk could overwrite each other):
    // a stale or weak tag is 412 request.preconditionFailed and nothing is saved; the current tag, or "*", goes on.
    void testChangesEvaluateIfMatch()
    {
        TestHttp http(*m_server);
        http.setToken(http.registerAndLogIn(QStringLiteral("if.match")));
        const QJsonObject agreement{{"agreementVersion", http.get("/api/v1/exams/current").json().value("agreementVersion")}};
        auto putWith = [&](const char *path, const QJsonObject &json, const QByteArray &field, const QByteArray &value) {
            return http.send("PUT", QString::fromLatin1(path), TestHttp::toJson(json), "application/json", {{field, value}});
        };
        auto etag = [&] { return http.get("/api/v1/registrations/current").header("ETag"); };
        // No registration yet: If-Match "*" does not hold; If-None-Match "*" does, and creates it.
        QCOMPARE(putWith("/api/v1/registrations/current/agreement", agreement, "If-Match", "*").status, 412);
        QCOMPARE(http.get("/api/v1/registrations/current").status, 404);
        QCOMPARE(putWith("/api/v1/registrations/current/agreement", agreement, "If-None-Match", "*").status, 200);
        QCOMPARE(putWith("/api/v1/registrations/current/agreement", agreement, "If-None-Match", "*").status, 412);
        const QJsonObject profile{{"name", QString::fromUtf8("张三")}, {"documentType", "resident_id"},
                                  {"documentNumber", "11010519491231002X"}, {"ethnicity", "01"}, {"education", "bachelor"},
                                  {"occupation", "student"}, {"mobile", "13812345678"},
                                  {"address", QString::fromUtf8("北京市朝阳区建国路1号")}, {"postalCode", "100020"}};
        const QByteArray first = etag();
        QVERIFY(!first.isEmpty());
        for (const QByteArray &stale : {QByteArray("\"bogus-1\""), "W/" + first, QByteArray("\"a\", \"b\"")}) {
            const HttpResult refused = putWith("/api/v1/registrations/current/profile", profile, "If-Match", stale);
            QCOMPARE(refused.status, 412);
            QCOMPARE(refused.code(), QStringLiteral("request.preconditionFailed"));
            QCOMPARE(etag(), first); // nothing saved
        }
        QCOMPARE(putWith("/api/v1/registrations/current/profile", profile, "If-Match", "\"x\", " + first).status, 200);
        const QByteArray second = etag();
        QVERIFY(second != first);
        // Another window still holds the first tag: its change is refused, not laid over this one.
        QCOMPARE(putWith("/api/v1/registrations/current/profile", profile, "If-Match", first).status, 412);
        QCOMPARE(putWith("/api/v1/registrations/current/profile", profile, "If-None-Match", second).status, 412);
        QCOMPARE(putWith("/api/v1/registrations/current/profile", profile, "If-Match", "*").status, 200);
        QCOMPARE(putWith("/api/v1/registrations/current/profile", profile, "If-None-Match", first).status, 200);
        // A POST too: the payment order for the registration as the candidate last saw it.
        const HttpResult order = http.send("POST", "/api/v1/registrations/current/payments", {}, "application/json",
                                           {{"Idempotency-Key", "if-match-order-0001"}, {"If-Match", first}});
        QCOMPARE(order.status, 412);
        // Sent empty, If-Match names no tag (found by a second attack: it was taken as absent); with If-None-Match
        // both are evaluated (§13.2.2).
        QCOMPARE(putWith("/api/v1/registrations/current/profile", profile, "If-Match", "").status, 412);
        const QByteArray now = etag();
        QCOMPARE(http.send("PUT", "/api/v1/registrations/current/profile", TestHttp::toJson(profile), "application/json",
                           {{"If-Match", now}, {"If-None-Match", "*"}})
                     .status,
                 412);
        QCOMPARE(etag(), now);
        // A 412 is not kept under its Idempotency-Key: the retry with the current tag is done (found by the same
        // attack: the 412 was replayed for a day). The registration's fee order: its If-Match is the current tag.
        const QList<QPair<QByteArray, QByteArray>> stale{{"Idempotency-Key", "if-match-submit-0001"}, {"If-Match", first}};
        QCOMPARE(http.send("POST", "/api/v1/registrations/current/review-requests", {}, "application/json", stale).status, 412);
        const HttpResult retried = http.send("POST", "/api/v1/registrations/current/review-requests", {}, "application/json",
                                             {{"Idempotency-Key", "if-match-submit-0001"}, {"If-Match", now}});
        QVERIFY2(retried.status != 412, retried.body.constData());
        QVERIFY(retried.header("Idempotent-Replayed").isEmpty());
        // Without either, changes go on as before.
        QCOMPARE(http.put("/api/v1/registrations/current/profile", profile).status, 200);
    }

    // The authentication scheme's name is case-insensitive, and a tab may follow it (RFC 9110 §11.1, §11.4; found
    // by a trial: "bearer" and "BEARER" were told "bearer token required"). Other schemes are not a session.
    void testBearerSchemeIgnoresCase()
    {
        TestHttp http(*m_server);
        const QByteArray token = http.registerAndLogIn(QStringLiteral("scheme.case")).toLatin1();
        for (const QByteArray &scheme : {QByteArray("Bearer "), QByteArray("bearer "), QByteArray("BEARER "), QByteArray("Bearer\t")})
            QCOMPARE(http.get("/api/v1/registrations/current", {{"Authorization", scheme + token}}).status, 404);
        for (const QByteArray &wrong : {QByteArray("Basic "), QByteArray("Bearertoken"), QByteArray("Bearer")})
            QCOMPARE(http.get("/api/v1/registrations/current", {{"Authorization", wrong + (wrong.endsWith(' ') ? token : QByteArray())}})
                         .status,
                     401);
    }

    // The Date header is the server's clock (RFC 9110 §5.6.7's IMF-fixdate), also after the clock moves: it is
    // formatted once a second, and a moved clock must not keep the second formatted before.
    void testDateHeaderCarriesServerTime()
    {
        TestHttp http(*m_server);
        auto dateOf = [&http]() {
            const HttpResult r = http.get("/api/v1/meta");
            QDateTime t = QLocale::c().toDateTime(QString::fromLatin1(r.header("Date")), "ddd, dd MMM yyyy hh:mm:ss 'GMT'");
            t.setTimeSpec(Qt::UTC);
            return t;
        };
        const QDateTime before = dateOf();
        QVERIFY(before.isValid());
        QVERIFY(qAbs(before.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(http.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 86400}}).status, 200);
        const QDateTime moved = dateOf();
        QCOMPARE(http.post("/api/v1/test-hooks/clock", {{"advanceSeconds", -86400}}).status, 200);
        QVERIFY2(qAbs(before.secsTo(moved) - 86400) < 60, qPrintable(moved.toString(Qt::ISODate)));
        QVERIFY(qAbs(dateOf().secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void testGarbageOnTheSocketDoesNotKillTheServer()
    {
        QTcpSocket socket;
        socket.connectToHost(m_server->url("").host(), quint16(m_server->url("").port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("\x16\x03\x01 not http at all\r\n\r\n");
        socket.waitForBytesWritten(2000);
        socket.waitForReadyRead(2000);
        socket.close();
        TestHttp http(*m_server);
        QCOMPARE(http.get("/api/v1/meta").status, 200);
    }

    void testTestHooksNeedTheFlag()
    {
        QProcess server;
        server.start(NCRE_SERVER_BINARY, {"--listen", "127.0.0.1:0", "--seed", "demo", "--kdf", "minimal"});
        QSignalSpy ready(&server, &QProcess::readyReadStandardOutput);
        QVERIFY(ready.wait(15000));
        const QByteArray line = server.readAllStandardOutput();
        const QUrl base(QString::fromLatin1(line.mid(line.indexOf("http")).trimmed()));
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(base.toString() + "/api/v1/test-hooks/stats")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        reply->deleteLater();
        server.kill();
        server.waitForFinished();
    }

    void testCommandLineErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("bad listen") << QStringList{"--listen", "nowhere"};
        QTest::addRow("port too big") << QStringList{"--listen", "127.0.0.1:70000"};
        QTest::addRow("unknown seed") << QStringList{"--seed", "prod"};
        QTest::addRow("hooks on public address") << QStringList{"--listen", "0.0.0.0:0", "--test-hooks"};
        QTest::addRow("unknown option") << QStringList{"--frobnicate"};
        QTest::addRow("stray argument") << QStringList{"extra"};
        QTest::addRow("bad kdf") << QStringList{"--kdf", "none"};
    }
    void testCommandLineErrors()
    {
        QFETCH(QStringList, args);
        QProcess server;
        server.start(NCRE_SERVER_BINARY, args);
        QVERIFY(server.waitForFinished(15000));
        QCOMPARE(server.exitCode(), 2);
        QVERIFY(!server.readAllStandardError().isEmpty());
    }

    // A load balancer's health check (issue 17): this instance and its database answer.
    void testReadiness()
    {
        TestHttp http(*m_server);
        const HttpResult ready = http.get("/api/v1/ready");
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.json().value("database").toString(), QStringLiteral("ok"));
        QCOMPARE(ready.header("Cache-Control"), QByteArray("no-store"));
    }
};

QTEST_GUILESS_MAIN(TestServerHttp)
#include "TestServerHttp.moc"
