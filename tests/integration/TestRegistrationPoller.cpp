#include "RegistrationPoller.h"
#include "ServerProcess.h"

#include <QTest>

using namespace ncre;

// The poller against a real server: 304s grow the interval, a change resets it and is signalled, offline pauses.
class TestRegistrationPoller : public QObject
{
    Q_OBJECT

private slots:
    void testBacksOffSignalsChangesAndPausesOffline()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp http(server);
        const QString token = http.registerAndLogIn("poller01");
        http.setToken(token);
        http.put("/api/v1/registrations/current/agreement",
                 {{"agreementVersion", http.get("/api/v1/exams/current").json().value("agreementVersion")}});

        ApiClient api;
        QVERIFY(api.setBaseUrl(server.url("")).ok());
        api.setAccessToken(token);
        RegistrationPoller poller(api);
        poller.setIntervals({20, 80});
        QSignalSpy changed(&poller, &RegistrationPoller::changed);
        QSignalSpy unchanged(&poller, &RegistrationPoller::unchanged);
        poller.start();
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.last().at(0).value<Registration>().state, RegistrationState::Draft);

        QList<int> intervals;
        while (intervals.size() < 3) {
            QVERIFY(unchanged.wait(5000));
            intervals << poller.currentIntervalMs();
        }
        QCOMPARE(intervals, (QList<int>{40, 80, 80})); // doubles, then holds at the ceiling

        // A change on the server is noticed and resets the interval.
        QCOMPARE(http.put("/api/v1/registrations/current/profile",
                          passportProfile())
                     .status,
                 200);
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.last().at(0).value<Registration>().profile.value(ProfileField::Name), QStringLiteral("Li Lei"));
        QCOMPARE(poller.currentIntervalMs(), 20);

        // Offline: no polling at all; back online: a poll at once.
        poller.setOnline(false);
        unchanged.clear();
        QVERIFY(!unchanged.wait(300));
        poller.setOnline(true);
        QVERIFY(unchanged.wait(5000));
        poller.stop();
    }
};

QTEST_GUILESS_MAIN(TestRegistrationPoller)
#include "TestRegistrationPoller.moc"
