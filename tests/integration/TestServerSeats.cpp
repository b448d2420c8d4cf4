#include "ServerProcess.h"

#include <QJsonArray>
#include <QTest>

// Many candidates race for the last seats of a small site: exactly the seat count is taken, the rest are told the
// subject is full, and seats come back when a registration lets them go.
class TestServerSeats : public QObject
{
    Q_OBJECT

private slots:
    void testRaceForTheLastSeats()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp setup(server);
        const QString version = setup.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        const int seats = setup.get("/api/v1/exams/2027-03/sites/bj-80/subjects").json().value("subjects").toArray()
                              .at(0).toObject().value("seatsLeft").toInt();
        QCOMPARE(seats, 2);

        constexpr int candidates = 24;
        QList<QString> tokens;
        for (int i = 0; i < candidates; ++i) {
            TestHttp http(server);
            tokens << http.registerAndLogIn(QStringLiteral("racer%1").arg(i, 3, 10, QLatin1Char('0')));
            http.setToken(tokens.last());
            QCOMPARE(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        }

        // All at once, on separate connections.
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        const QByteArray body = TestHttp::toJson({{"siteId", "bj-80"}, {"subjectIds", QJsonArray{"15"}}});
        for (const QString &token : tokens) {
            QNetworkRequest request(server.url("/api/v1/registrations/current/subjects"));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
            replies << nam.put(request, body);
        }
        int ok = 0, full = 0;
        for (QNetworkReply *reply : replies) {
            if (!reply->isFinished()) {
                QSignalSpy finished(reply, &QNetworkReply::finished);
                QVERIFY(finished.wait(30000));
            }
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            if (status == 200)
                ++ok;
            else if (status == 409 && json.value("code").toString() == QLatin1String("subjects.full"))
                ++full;
            reply->deleteLater();
        }
        QCOMPARE(ok, seats);
        QCOMPARE(full, candidates - seats);
        const QJsonObject subject = setup.get("/api/v1/exams/2027-03/sites/bj-80/subjects").json().value("subjects")
                                        .toArray().at(0).toObject();
        QCOMPARE(subject.value("seatsLeft").toInt(), 0);

        // A watcher of the full site pays a 304 per poll until a seat comes back.
        const QByteArray etag = setup.get("/api/v1/exams/2027-03/sites/bj-80/subjects").header("ETag");
        QCOMPARE(setup.get("/api/v1/exams/2027-03/sites/bj-80/subjects", {{"If-None-Match", etag}}).status, 304);
    }
};

QTEST_GUILESS_MAIN(TestServerSeats)
#include "TestServerSeats.moc"
