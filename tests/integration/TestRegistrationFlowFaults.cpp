#include "FlowRig.h"
#include "PdfDocument.h"
#include "PhotoFixtures.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTest>

using namespace ncre;

// The headless registration under faults injected by the real server (--test-hooks): a server restarted mid-flow,
// a 503 storm with Retry-After, a download cut off mid-way, a response lost after the server acted. Each completes
// with no duplicate registration, order or payment, and nothing the candidate typed is lost.
class TestRegistrationFlowFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A free port below the ephemeral range, so that while this test's server is down no other test's server
    // (which listen on port 0, i.e. in the ephemeral range) can take it, and a restart finds it free again.
    static quint16 freePort()
    {
        for (int tries = 0; tries < 200; ++tries) {
            const quint16 port = quint16(20000 + QRandomGenerator::global()->bounded(10000));
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, port))
                return port;
        }
        return 0;
    }

    static QJsonObject stats(TestHttp &hooks) { return hooks.get("/api/v1/test-hooks/stats").json(); }

    static void injectFault(TestHttp &hooks, const QString &path, const char *kind, int count, int retryAfter = 0)
    {
        QCOMPARE(hooks.injectFault(path, kind, count, retryAfter), 204);
    }

    // Agreement, profile, subjects: the registration in draft at `site`, ready to submit.
    static void prepare(FlowRig &rig, const QString &site, const QString &subject)
    {
        RegistrationFlow &flow = *rig.flow;
        QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
        flow.editProfile(residentProfile());
        QVERIFY(rig.run([&](auto done) { flow.saveProfile(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.chooseSubjects(site, {subject}, done); }).ok());
    }

    // A new account on `server`, logged in, with the registration in draft at bj-buu, subject 14. False (the test
    // already failed) if any step was refused.
    static bool ready(FlowRig &rig, ServerProcess &server, TestHttp &hooks, const char *name)
    {
        rig.signUp(server, hooks, name);
        if (QTest::currentTestFailed())
            return false;
        prepare(rig, "bj-buu", "14");
        return !QTest::currentTestFailed();
    }

private slots:
    // The server goes away after submission and comes back (same port, same database). What the candidate did
    // meanwhile is kept in the outbox, survives an app restart, and goes out when the server is back.
    void testServerRestartedMidFlow()
    {
        const QString db = m_dir.filePath("restart.sqlite");
        const QStringList args = {"--db", db, "--listen", QStringLiteral("127.0.0.1:%1").arg(freePort())};
        auto server = std::make_unique<ServerProcess>(args);
        QVERIFY2(server->waitReady(), server->stderrText().constData());
        auto hooks = std::make_unique<TestHttp>(*server);
        FlowRig rig;
        if (!ready(rig, *server, *hooks, "restart.candidate"))
            return;
        QVERIFY(rig.run([&](auto done) { rig.flow->submit(true, done); }).ok());

        hooks.reset();
        server.reset(); // gone

        // The candidate corrects the address while the server is away: kept as a draft, and queued.
        Profile edited = rig.flow->profile();
        edited.setValue(ProfileField::Address, QString::fromUtf8("北京市西城区西长安街2号"));
        rig.flow->editProfile(edited);
        const auto offline = rig.run([&](auto done) { rig.flow->saveProfile(done); });
        QVERIFY(!offline.ok());
        QCOMPARE(offline.error().status, 0);
        QCOMPARE(rig.flow->queuedSubmissions(), 1);
        QVERIFY(rig.flow->hasUnsavedProfile());

        // The app itself restarts too: a new flow on the same store finds the draft and the queued save.
        rig.makeFlow();
        server = std::make_unique<ServerProcess>(args);
        QVERIFY2(server->waitReady(), server->stderrText().constData());
        hooks = std::make_unique<TestHttp>(*server);
        QSignalSpy restored(rig.flow.get(), &RegistrationFlow::profileDraftRestored);
        QVERIFY(rig.run([&](auto done) { rig.flow->start(done); }).ok()); // start replays the outbox
        QCOMPARE(restored.size(), 1);
        QCOMPARE(rig.flow->queuedSubmissions(), 0);
        QCOMPARE(rig.flow->registration()->profile.value(ProfileField::Address), QString::fromUtf8("北京市西城区西长安街2号"));
        QCOMPARE(*rig.flow->state(), RegistrationState::Submitted);

        QVERIFY(rig.run([&](auto done) { rig.flow->uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { rig.flow->pay(done); });
        QVERIFY(order.ok());
        QCOMPARE(hooks->post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "now"}}).status, 200);
        QVERIFY(rig.run([&](auto done) { rig.flow->refresh(done); }).ok());
        QCOMPARE(*rig.flow->state(), RegistrationState::Paid);
        QCOMPARE(stats(*hooks).value("registrations").toInt(), 1);
        QCOMPARE(stats(*hooks).value("orders").toInt(), 1);
        QCOMPARE(stats(*hooks).value("payments").toInt(), 1);
    }

    // The network goes away (every registration request dropped) while the candidate edits: the save is queued;
    // when polls get through again the outbox goes out by itself, without the candidate pressing anything.
    void testQueuedWritesGoOutWhenTheNetworkReturns()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        FlowRig rig;
        if (!ready(rig, server, hooks, "offline.candidate"))
            return;
        RetryPolicy brief;
        brief.maxAttempts = 2;
        brief.baseDelayMs = 10;
        rig.api.setRetryPolicy(brief);
        injectFault(hooks, "/registrations", "drop", 100000);
        QSignalSpy pollFailed(&rig.flow->poller(), &RegistrationPoller::failed);
        Profile edited = rig.flow->profile();
        edited.setValue(ProfileField::Email, "zhangsan@example.com");
        rig.flow->editProfile(edited);
        QVERIFY(!rig.run([&](auto done) { rig.flow->saveProfile(done); }).ok());
        QCOMPARE(rig.flow->queuedSubmissions(), 1);
        if (pollFailed.isEmpty())
            QVERIFY(pollFailed.wait());

        QSignalSpy queued(rig.flow.get(), &RegistrationFlow::queuedChanged);
        QCOMPARE(hooks.send("DELETE", "/api/v1/test-hooks/faults").status, 204);
        while (queued.isEmpty() || queued.last().at(0).toInt() != 0)
            QVERIFY(queued.wait());
        QCOMPARE(rig.flow->registration()->profile.value(ProfileField::Email), QStringLiteral("zhangsan@example.com"));
        QVERIFY(!rig.flow->hasUnsavedProfile());
    }

    // Reference data is fetched conditionally (ETag → 304) and kept; with the server gone, a restart still shows the
    // exam, the sites, the announcements and the registration as last seen, and says it is offline.
    void testOfflineStartShowsWhatWasLastSeen()
    {
        auto server = std::make_unique<ServerProcess>();
        QVERIFY2(server->waitReady(), server->stderrText().constData());
        TestHttp hooks(*server);
        FlowRig rig;
        if (!ready(rig, *server, hooks, "offline.start"))
            return;
        const auto announcements = waitFor<Result<QList<Bulletin>, Problem>>(
            [&](auto done) { rig.flow->bulletins(BulletinKind::Announcement, done); });
        QVERIFY(announcements.ok() && !announcements->isEmpty());
        QVERIFY(!rig.flow->isShowingOfflineData());

        server->stderrText();
        rig.makeFlow();
        QVERIFY(rig.run([&](auto done) { rig.flow->start(done); }).ok());
        const QByteArray log = server->stderrText();
        QVERIFY2(log.contains("path=/api/v1/exams/current status=304"), log.constData());
        QVERIFY(log.contains("path=/api/v1/exams/2027-03/sites status=304"));

        server.reset();
        rig.makeFlow();
        const auto offline = rig.run([&](auto done) { rig.flow->start(done); });
        QCOMPARE(offline.error().status, 0);
        QVERIFY(rig.flow->isShowingOfflineData());
        QCOMPARE(rig.flow->exam()->id, QStringLiteral("2027-03"));
        QCOMPARE(rig.flow->sites().size(), 4);
        QVERIFY(rig.flow->registration().has_value());
        QCOMPARE(rig.flow->registration()->siteId, QStringLiteral("bj-buu"));
        QCOMPARE(rig.flow->profile().value(ProfileField::DocumentNumber), QStringLiteral("11010519491231002X"));
        QCOMPARE(rig.flow->currentStep(), FlowStep::Subjects);
        const auto cached = waitFor<Result<QList<Bulletin>, Problem>>(
            [&](auto done) { rig.flow->bulletins(BulletinKind::Announcement, done); });
        QVERIFY(cached.ok());
        QCOMPARE(cached->size(), announcements->size());
        // Never-fetched data has nothing to fall back on: a clear network error, not an empty list.
        const auto notices = waitFor<Result<QList<Bulletin>, Problem>>(
            [&](auto done) { rig.flow->bulletins(BulletinKind::Notice, done); });
        QCOMPARE(notices.error().status, 0);
    }

    // Every write meets a 503 storm with Retry-After: the client waits as told (never sooner) and gets through.
    void testServiceUnavailableStorm()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        FlowRig rig;
        if (!ready(rig, server, hooks, "storm.candidate"))
            return;
        injectFault(hooks, "/registrations/current", "unavailable", 3, 1);
        QSignalSpy retries(&rig.api, &ApiClient::retryScheduled);
        QVERIFY(rig.run([&](auto done) { rig.flow->submit(true, done); }).ok());
        QCOMPARE(retries.size(), 3);
        for (const auto &r : retries)
            QVERIFY(r.at(1).toLongLong() >= 1000);
        QCOMPARE(*rig.flow->state(), RegistrationState::Submitted);
        QCOMPARE(rig.flow->queuedSubmissions(), 0);
    }

    // The transfers follow the API client's one HTTP policy: a busy server's Retry-After holds back the photo upload
    // too (it had a short jitter of its own), each wait announced like any request's; a refused upload (not busy:
    // the server said no) is not tried again.
    void testTransfersHonourRetryAfter()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        FlowRig rig;
        if (!ready(rig, server, hooks, "transfer.busy"))
            return;
        QVERIFY(rig.run([&](auto done) { rig.flow->submit(true, done); }).ok());
        injectFault(hooks, "/registrations/current/photo", "unavailable", 2, 1);
        QSignalSpy retries(&rig.api, &ApiClient::retryScheduled);
        QVERIFY(rig.run([&](auto done) { rig.flow->uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
        QCOMPARE(retries.size(), 2);
        for (const auto &r : retries) {
            QVERIFY(r.at(1).toLongLong() >= 1000);
            QCOMPARE(r.at(2).value<ErrorCode>(), ErrorCode::ServerUnavailable);
        }
        QCOMPARE(*rig.flow->state(), RegistrationState::PhotoUploaded);

        retries.clear();
        const auto refused = rig.run([&](auto done) { rig.flow->uploadPhoto("not a jpeg", done); });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().status, 422);
        QVERIFY(retries.isEmpty());
    }

    // The form download is cut off half-way: the next attempt resumes it (206), it is not started again.
    void testDownloadCutOffIsResumed()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        FlowRig rig;
        if (!ready(rig, server, hooks, "resume.candidate"))
            return;
        QVERIFY(rig.run([&](auto done) { rig.flow->submit(true, done); }).ok());
        QVERIFY(rig.run([&](auto done) { rig.flow->uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { rig.flow->pay(done); });
        QVERIFY(order.ok());
        hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "now"}});
        QVERIFY(rig.run([&](auto done) { rig.flow->refresh(done); }).ok());

        server.stderrText(); // forget the access log so far
        injectFault(hooks, "/registrations/current/form.pdf", "truncate", 1);
        const auto form = waitFor<Result<QByteArray, Problem>>([&](auto done) { rig.flow->download(DocumentKind::RegistrationForm, done); });
        QVERIFY2(form.ok(), qPrintable(form ? QString() : errorCodeName(form.error().code)));
        PdfDocument pdf;
        QCOMPARE(pdf.open(form.value()), PdfDocument::OpenResult::Opened);
        // The same bytes as an uninterrupted download.
        hooks.setToken(rig.api.accessToken());
        QCOMPARE(form.value(), hooks.get("/api/v1/registrations/current/form.pdf").body);
        const QByteArray log = server.stderrText();
        QVERIFY2(log.contains("path=/api/v1/registrations/current/form.pdf status=206"), log.constData());
        // Nothing stays in the download folder (the document is kept sealed in the store), and that folder is
        // private: never the shared temporary folder.
        const QString downloads = RegistrationFlow::privateDownloadDirectory();
        QVERIFY(!downloads.startsWith(QDir::tempPath()));
        QVERIFY((QFile::permissions(downloads) & (QFileDevice::ReadOther | QFileDevice::ReadGroup)) == QFileDevice::Permissions());
    }

    // The server did the work but the answer was lost on the way back: the retry carries the same Idempotency-Key,
    // so the server answers what it did instead of doing it twice. Also when the retry only happens later, from
    // the outbox: the key was kept with the submission.
    void testLostResponsesAreNotDuplicated()
    {
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp hooks(server);
        FlowRig rig;
        if (!ready(rig, server, hooks, "lost.candidate"))
            return;

        // No retries at all this time: the lost answer leaves the submission in the outbox, with its key.
        RetryPolicy once;
        once.maxAttempts = 1;
        rig.api.setRetryPolicy(once);
        injectFault(hooks, "/registrations/current/submit", "truncate", 1);
        const auto lost = rig.run([&](auto done) { rig.flow->submit(true, done); });
        QVERIFY(!lost.ok());
        QCOMPARE(rig.flow->queuedSubmissions(), 1);
        rig.configure(server.url(""));
        QSignalSpy refused(rig.flow.get(), &RegistrationFlow::queuedSubmissionRefused);
        QVERIFY(rig.run([&](auto done) { rig.flow->replayOutbox(done); }).ok());
        QCOMPARE(refused.size(), 0); // replayed, not refused as a second submit
        QCOMPARE(rig.flow->queuedSubmissions(), 0);
        QCOMPARE(*rig.flow->state(), RegistrationState::Submitted);

        QVERIFY(rig.run([&](auto done) { rig.flow->uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
        // The order's answer is lost, then the connection drops before the next request is read: one order.
        injectFault(hooks, "/registrations/current/payments", "truncate", 1);
        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { rig.flow->pay(done); });
        QVERIFY(order.ok());
        QVERIFY(!order->reopened); // the replayed answer is the creation's, not «already open»
        injectFault(hooks, "/registrations/current/payments", "drop", 1);
        const auto again = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { rig.flow->pay(done); });
        QVERIFY(again.ok());
        QVERIFY(again->reopened);
        QCOMPARE(again->order.id, order->order.id);
        hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "twice"}});
        injectFault(hooks, "/registrations/current/payments", "truncate", 1);
        QVERIFY(rig.run([&](auto done) { rig.flow->refreshPayment(done); }).ok());
        QCOMPARE(*rig.flow->state(), RegistrationState::Paid);
        const QJsonObject s = stats(hooks);
        QCOMPARE(s.value("registrations").toInt(), 1);
        QCOMPARE(s.value("orders").toInt(), 1);
        QCOMPARE(s.value("payments").toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRegistrationFlowFaults)
#include "TestRegistrationFlowFaults.moc"
