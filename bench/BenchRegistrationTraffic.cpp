#include "integration/FlowRig.h"
#include "integration/PhotoFixtures.h"

#include <QTest>

using namespace ncre;

// Requests and bytes for one complete registration through RegistrationFlow against a real ncre-server (review-free
// site: account, login, agreement, profile, subjects, submit, photo, payment, form, ticket), and bytes per unchanged
// poll. Floors, measured in the same run:
//  - requests: one per resource the candidate's actions need (what a client with no retries, no refreshes and no
//    re-reads would send);
//  - bytes: the payload the candidate cannot do without (the JPEG up, the two PDFs down);
//  - an unchanged poll (304) against a full GET of the same registration (200).
// Reported through QBENCHMARK counters (QTest::Events) so scripts/bench can take medians like the timed ones.
class BenchRegistrationTraffic : public QObject
{
    Q_OBJECT

private:
    struct Measured
    {
        qint64 neededRequests = 0;
        qint64 requests = 0;
        qint64 bytes = 0;
        qint64 payloadBytes = 0;
        qint64 poll304Bytes = 0;
        qint64 poll200Bytes = 0;
    };
    Measured m;
    std::unique_ptr<ServerProcess> m_server;

    static qint64 total(const ApiClient::Traffic &t) { return t.bytesSent + t.bytesReceived; }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->waitReady());
        TestHttp hooks(*m_server);
        FlowRig rig;
        rig.signUp(*m_server, hooks, "traffic.candidate"); // captcha, register, captcha, log in
        m.neededRequests += 4;
        QVERIFY(!QTest::currentTestFailed());
        RegistrationFlow &flow = *rig.flow;
        flow.setPollIntervals({3600'000, 3600'000}); // polls are measured apart
        QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok()); // exam, sites, registration
        m.neededRequests += 3;
        QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
        flow.editProfile(residentProfile());
        QVERIFY(rig.run([&](auto done) { flow.saveProfile(done); }).ok());
        const auto subjects = waitFor<Result<QList<Subject>, Problem>>([&](auto done) { rig.api.subjects(flow.exam()->id, "bj-buu", done); });
        QVERIFY(subjects.ok());
        QVERIFY(rig.run([&](auto done) { flow.chooseSubjects("bj-buu", {subjects->first().id}, done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.submit(true, done); }).ok());
        const QByteArray jpeg = PhotoFixtures::compliantJpeg();
        QVERIFY(rig.run([&](auto done) { flow.uploadPhoto(jpeg, done); }).ok());
        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
        QVERIFY(order.ok());
        hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "none"}});
        QVERIFY(rig.run([&](auto done) { flow.refreshPayment(done); }).ok());
        const auto form = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::RegistrationForm, done); });
        QVERIFY(form.ok());
        m.neededRequests += 9; // agreement, profile, subject list, subjects, submit, photo, order, «I have paid», form
        hooks.post("/api/v1/test-hooks/clock", {{"now", flow.exam()->ticketPrint.opens.addDays(-1).toString(Qt::ISODate)}});
        QVERIFY(rig.run([&](auto done) { flow.refresh(done); }).ok()); // the candidate opens the app again
        hooks.post("/api/v1/test-hooks/clock", {{"now", flow.exam()->ticketPrint.opens.addSecs(60).toString(Qt::ISODate)}});
        const auto ticket = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::AdmissionTicket, done); });
        QVERIFY(ticket.ok());
        m.neededRequests += 1; // the ticket (the re-opening's refresh is not counted as needed)
        const ApiClient::Traffic t = flow.traffic();
        m.requests = t.requests;
        m.bytes = total(t);
        m.payloadBytes = jpeg.size() + form->size() + ticket->size();

        // Polls: a full GET, then the same with its ETag (unchanged).
        QByteArray etag;
        rig.api.resetTraffic();
        waitFor<bool>([&](auto done) { rig.api.registration({}, [&, done](auto, QByteArray e) { etag = e; done(true); }); });
        m.poll200Bytes = total(rig.api.traffic());
        rig.api.resetTraffic();
        waitFor<bool>([&](auto done) { rig.api.registration(etag, [done](auto r, QByteArray) { done(r.ok() && !r.value()); }); });
        m.poll304Bytes = total(rig.api.traffic());
        QVERIFY(m.poll304Bytes > 0 && m.poll304Bytes < m.poll200Bytes);
    }

    void floorNeededRequests()
    {
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(m.neededRequests), QTest::Events);
    }
    void requests()
    {
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(m.requests), QTest::Events);
    }
    void floorPayloadBytes()
    {
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(m.payloadBytes), QTest::Events);
    }
    void bytes()
    {
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(m.bytes), QTest::Events);
    }
    void peerFullPollBytes()
    {
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(m.poll200Bytes), QTest::Events);
    }
    void unchangedPollBytes()
    {
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(m.poll304Bytes), QTest::Events);
    }
};

QTEST_GUILESS_MAIN(BenchRegistrationTraffic)
#include "BenchRegistrationTraffic.moc"
