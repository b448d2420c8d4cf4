#include "FlowRig.h"
#include "PdfDocument.h"
#include "PhotoFixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace ncre;

// The headless end-to-end test of issue 5: RegistrationFlow, the object the UI binds to, drives a whole registration
// against a real ncre-server --test-hooks on loopback, for a review-free site and for a site that reviews, through
// payment, the registration form and the admission ticket.
class TestRegistrationFlow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    static bool hasBlocker(const QList<Blocker> &blockers, BlockerKind kind)
    {
        return std::any_of(blockers.begin(), blockers.end(), [kind](const Blocker &b) { return b.kind == kind; });
    }

    static QString firstSubject(FlowRig &rig, const QString &site)
    {
        const auto subjects = waitFor<Result<QList<Subject>, Problem>>(
            [&](auto done) { rig.api.subjects(rig.flow->exam()->id, site, done); });
        return subjects ? subjects->first().id : QString();
    }

    // Agreement → basic information → site and subjects → submit → photo, checking what the flow says at each step.
    void fillIn(FlowRig &rig, const QString &site, const QString &idNumber)
    {
        RegistrationFlow &flow = *rig.flow;
        QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok());
        QCOMPARE(flow.currentStep(), FlowStep::Agreement);
        QVERIFY(!flow.registration());
        QVERIFY(flow.exam() && flow.sites().size() == 4);

        QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
        QCOMPARE(flow.currentStep(), FlowStep::Profile);
        QVERIFY(flow.can(RegistrationAction::EditProfile));
        // Nothing typed yet: every required field blocks, by name.
        const QList<Blocker> empty = flow.blockers();
        QVERIFY(std::any_of(empty.begin(), empty.end(),
                            [](const Blocker &b) { return b.kind == BlockerKind::FieldInvalid && b.field == ProfileField::Name; }));

        // Typing is kept as a draft before anything is sent.
        QSignalSpy saved(&flow, &RegistrationFlow::profileDraftSaved);
        flow.editProfile(residentProfile(idNumber));
        QVERIFY(flow.hasUnsavedProfile());
        QVERIFY(saved.wait());
        QVERIFY(rig.store.loadDraft(rig.username, "profile")->has_value());
        QSignalSpy draftWrites(&flow, &RegistrationFlow::profileDraftSaved);
        QVERIFY(rig.run([&](auto done) { flow.saveProfile(done); }).ok());
        QVERIFY(!flow.hasUnsavedProfile());
        QCOMPARE(draftWrites.count(), 1); // one save writes the draft once
        // Gender derived from the number's 17th digit (odd: male).
        QCOMPARE(flow.registration()->profile.value(ProfileField::Gender),
                 idNumber.at(16).digitValue() % 2 ? QStringLiteral("male") : QStringLiteral("female"));
        QCOMPARE(flow.currentStep(), FlowStep::Subjects);
        QVERIFY(hasBlocker(flow.blockers(), BlockerKind::SiteMissing));
        QVERIFY(hasBlocker(flow.blockers(), BlockerKind::SubjectsMissing));

        const QString subject = firstSubject(rig, site);
        QVERIFY(rig.run([&](auto done) { flow.chooseSubjects(site, {subject}, done); }).ok());
        QVERIFY(flow.blockers().isEmpty());
        QCOMPARE(flow.registration()->siteId, site);

        // Without «我保证以上信息是真实和准确的» nothing is submitted.
        QCOMPARE(rig.run([&](auto done) { flow.submit(false, done); }).error().code, ErrorCode::ValidationFailed);
        QCOMPARE(*flow.state(), RegistrationState::Draft);
        QVERIFY(rig.run([&](auto done) { flow.submit(true, done); }).ok());
        QCOMPARE(flow.currentStep(), FlowStep::Photo);
        QVERIFY(hasBlocker(flow.blockers(), BlockerKind::PhotoMissing));

        QSignalSpy progress(&flow, &RegistrationFlow::photoUploadProgress);
        QSignalSpy documentProgress(&flow, &RegistrationFlow::documentProgress);
        QVERIFY(rig.run([&](auto done) { flow.uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
        // The upload's progress is the photo's: it reached the whole photo, and moved no document's bar.
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), qint64(PhotoFixtures::compliantJpeg().size()));
        QVERIFY(documentProgress.isEmpty());
        QCOMPARE(*flow.state(), RegistrationState::PhotoUploaded);
        QVERIFY(flow.registration()->photo.has_value());
        QCOMPARE(flow.queuedSubmissions(), 0);
    }

    // Form after payment; the ticket refused before its window, offered (with a reminder) once the clock is in it.
    void documents(FlowRig &rig, TestHttp &hooks)
    {
        RegistrationFlow &flow = *rig.flow;
        QCOMPARE(flow.currentStep(), FlowStep::Documents);
        QVERIFY(flow.can(RegistrationAction::DownloadForm));
        const QList<Blocker> before = flow.blockers();
        QVERIFY(hasBlocker(before, BlockerKind::TicketNotYetOpen));

        QSignalSpy photoProgress(&flow, &RegistrationFlow::photoUploadProgress);
        QSignalSpy documentProgress(&flow, &RegistrationFlow::documentProgress);
        const auto form = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::RegistrationForm, done); });
        QVERIFY2(form.ok(), qPrintable(form ? QString() : errorCodeName(form.error().code)));
        // A download's progress names the document, and never moves the photo page's bar.
        QVERIFY(!documentProgress.isEmpty());
        for (const auto &p : documentProgress) {
            QCOMPARE(p.at(0).value<DocumentKind>(), DocumentKind::RegistrationForm);
            QVERIFY(p.at(1).toLongLong() <= form->size());
        }
        QVERIFY(photoProgress.isEmpty());
        PdfDocument pdf;
        QCOMPARE(pdf.open(form.value()), PdfDocument::OpenResult::Opened);
        // Kept sealed in the store for exam day; nothing left in the download folder.
        QCOMPARE(flow.keptDocument(DocumentKind::RegistrationForm)->value(), form.value());
        QVERIFY(QDir(rig.dir.path()).entryList({"*.pdf", "*.part"}, QDir::Files).isEmpty());

        const auto early = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::AdmissionTicket, done); });
        QCOMPARE(early.error().code, ErrorCode::StateWindowClosed);

        // A month later, in two hops as a candidate who opens the app now and then (each start renews the session).
        const QDateTime opens = flow.exam()->ticketPrint.opens;
        QCOMPARE(hooks.post("/api/v1/test-hooks/clock", {{"now", opens.addDays(-10).toString(Qt::ISODate)}}).status, 200);
        QVERIFY(rig.run([&](auto done) { flow.refresh(done); }).ok());
        QSignalSpy reminders(&flow, &RegistrationFlow::reminderDue);
        QCOMPARE(hooks.post("/api/v1/test-hooks/clock", {{"now", opens.addSecs(3600).toString(Qt::ISODate)}}).status, 200);
        QVERIFY(rig.run([&](auto done) { flow.refresh(done); }).ok());
        QVERIFY(!hasBlocker(flow.blockers(), BlockerKind::TicketNotYetOpen));
        QVERIFY(std::any_of(reminders.begin(), reminders.end(), [](const QList<QVariant> &args) {
            return args.at(0).value<Reminder>().deadline.kind == DeadlineKind::TicketOpens;
        }));
        const auto ticket = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::AdmissionTicket, done); });
        QVERIFY(ticket.ok());
        QVERIFY(ticket->startsWith("%PDF-"));
        QVERIFY(flow.keptDocument(DocumentKind::AdmissionTicket)->has_value());
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup() { m_server.reset(); }

    void testReviewFreeSite()
    {
        TestHttp hooks(*m_server);
        FlowRig rig;
        rig.signUp(*m_server, hooks, "flow.free");
        if (QTest::currentTestFailed())
            return;
        fillIn(rig, "bj-buu", "11010519491231002X");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *rig.flow;
        QCOMPARE(flow.currentStep(), FlowStep::Payment);
        QVERIFY(!flow.can(RegistrationAction::RequestReview));

        // Before paying, the candidate is told what an open order locks.
        const LockPreview lock = flow.lockPreview(RegistrationAction::CreatePayment);
        QCOMPARE(lock.lockedNow, (QList<RegistrationAction>{RegistrationAction::EditProfile, RegistrationAction::EditSubjects,
                                                             RegistrationAction::UploadPhoto}));
        QVERIFY(!lock.unlockedOnRejection);

        const auto first = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
        QVERIFY(first.ok());
        QVERIFY(!first->reopened);
        QVERIFY(first->order.amountFen > 0);
        QVERIFY(!flow.can(RegistrationAction::EditProfile));
        // A second «pay» reopens the same order, never a second one, and says it was already open.
        const auto second = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
        QVERIFY(second.ok());
        QVERIFY(second->reopened);
        QVERIFY(!second->alreadyPaid);
        QCOMPARE(second->order.id, first->order.id);

        // Paid on the platform, but the notification never came: «我已支付，更新支付信息» asks the platform.
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + first->order.id + "/complete", {{"notify", "none"}}).status, 200);
        QVERIFY(rig.run([&](auto done) { flow.refreshPayment(done); }).ok());
        QCOMPARE(*flow.state(), RegistrationState::Paid);
        const QJsonObject stats = hooks.get("/api/v1/test-hooks/stats").json();
        QCOMPARE(stats.value("orders").toInt(), 1);
        QCOMPARE(stats.value("payments").toInt(), 1);
        documents(rig, hooks);
    }

    void testReviewSite()
    {
        TestHttp hooks(*m_server);
        FlowRig rig;
        rig.signUp(*m_server, hooks, "flow.review");
        if (QTest::currentTestFailed())
            return;
        fillIn(rig, "bj-bit", "440524188001010014");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *rig.flow;
        QCOMPARE(flow.currentStep(), FlowStep::Review);
        QVERIFY(flow.can(RegistrationAction::RequestReview));
        QVERIFY(!flow.can(RegistrationAction::CreatePayment));
        // Before asking, the candidate is told: nothing can change while the site reviews (a rejection reopens it),
        // and the approval locks it all for good.
        const QList<RegistrationAction> all = {RegistrationAction::EditProfile, RegistrationAction::EditSubjects,
                                               RegistrationAction::UploadPhoto};
        const LockPreview lock = flow.lockPreview(RegistrationAction::RequestReview);
        QCOMPARE(lock.lockedNow, all);
        QVERIFY(lock.unlockedOnRejection);
        QCOMPARE(lock.lockedOnApproval, all);

        QVERIFY(rig.run([&](auto done) { flow.requestReview(done); }).ok());
        QVERIFY(hasBlocker(flow.blockers(), BlockerKind::ReviewPending));

        // The site rejects through the staff API; the poller brings the news without the candidate doing anything.
        TestHttp staff(*m_server);
        staff.setToken(staff.logIn("staff.bit", "Staff-demo-1"));
        const QString id = flow.registration()->id;
        QSignalSpy changed(&flow, &RegistrationFlow::registrationChanged);
        QCOMPARE(staff.post("/api/v1/staff/registrations/" + id + "/decision",
                            {{"decision", "reject"}, {"reason", QString::fromUtf8("地址不完整")}}).status, 200);
        while (*flow.state() != RegistrationState::ReviewRejected)
            QVERIFY(changed.wait());
        const QList<Blocker> rejected = flow.blockers();
        QVERIFY(hasBlocker(rejected, BlockerKind::ReviewRejected));
        QCOMPARE(rejected.first().reason, QString::fromUtf8("地址不完整"));

        // The way back: fix the address, ask again.
        Profile fixed = flow.profile();
        fixed.setValue(ProfileField::Address, QString::fromUtf8("北京市海淀区中关村南大街5号"));
        flow.editProfile(fixed);
        QVERIFY(rig.run([&](auto done) { flow.saveProfile(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.requestReview(done); }).ok());
        QCOMPARE(staff.post("/api/v1/staff/registrations/" + id + "/decision", {{"decision", "approve"}}).status, 200);
        while (*flow.state() != RegistrationState::ReviewApproved)
            QVERIFY(changed.wait());
        QCOMPARE(flow.currentStep(), FlowStep::Payment);
        QVERIFY(!flow.can(RegistrationAction::EditProfile));

        // 24 hours to pay: the deadline is known, and a reminder comes an hour before it.
        const QList<Deadline> deadlines = flow.deadlines();
        const auto due = std::find_if(deadlines.begin(), deadlines.end(), [](const Deadline &d) { return d.kind == DeadlineKind::PaymentDue; });
        QVERIFY(due != deadlines.end());
        QVERIFY(qAbs(flow.serverNow().secsTo(due->at) - 24 * 3600) < 120);
        QSignalSpy reminders(&flow, &RegistrationFlow::reminderDue);
        QCOMPARE(hooks.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 23 * 3600 + 1800}}).status, 200);
        QVERIFY(rig.run([&](auto done) { flow.refresh(done); }).ok());
        QCOMPARE(reminders.size(), 1); // the most urgent only, though the 24-hour one is also past
        const Reminder r = reminders.first().at(0).value<Reminder>();
        QCOMPARE(r.deadline.kind, DeadlineKind::PaymentDue);
        QCOMPARE(r.leadSeconds, 3600);
        flow.checkReminders();
        QCOMPARE(reminders.size(), 1); // said once

        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
        QVERIFY(order.ok());
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "now"}}).status, 200);
        while (*flow.state() != RegistrationState::Paid)
            QVERIFY(changed.wait());
        documents(rig, hooks);
    }

    // A full site: watching it, the candidate hears when a seat comes back.
    // A number held by another account: the flow hears it is taken (by no one named), and the next new number goes
    // only with a captcha the candidate answers (the server's enumeration guard), which saveProfileWithCaptcha sends.
    void testTakenNumberThenCaptcha()
    {
        TestHttp hooks(*m_server);
        TestHttp owner(*m_server);
        owner.setToken(owner.registerAndLogIn("flow.owner"));
        const QString version = owner.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(owner.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        QJsonObject held = residentProfile("11010519491231002X").toJson();
        QCOMPARE(owner.put("/api/v1/registrations/current/profile", held).status, 200);

        FlowRig rig;
        rig.signUp(*m_server, hooks, "flow.second");
        RegistrationFlow &flow = *rig.flow;
        QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
        flow.editProfile(residentProfile("11010519491231002X"));
        QSignalSpy offlineRefusals(&flow, &RegistrationFlow::queuedSubmissionRefused);
        const auto taken = rig.run([&](auto done) { flow.saveProfile(done); });
        QCOMPARE(taken.error().code, ErrorCode::AccountDocumentTaken);
        QVERIFY(offlineRefusals.isEmpty()); // answered to the caller, not reported as an offline change refused
        flow.editProfile(residentProfile("440524188001010014"));
        const auto needsCaptcha = rig.run([&](auto done) { flow.saveProfile(done); });
        QCOMPARE(needsCaptcha.error().code, ErrorCode::AuthCaptcha);
        QCOMPARE(flow.queuedSubmissions(), 0); // refused, not kept to be replayed
        const auto captcha = waitFor<Result<Captcha, Problem>>([&](auto done) { rig.api.createCaptcha(done); });
        QVERIFY(captcha.ok());
        const auto saved = rig.run([&](auto done) {
            flow.saveProfileWithCaptcha(captcha->id, hooks.captchaAnswer(captcha->id), done);
        });
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : errorCodeName(saved.error().code)));
        QCOMPARE(flow.registration()->profile.value(ProfileField::DocumentNumber), QStringLiteral("440524188001010014"));
        QVERIFY(!flow.hasUnsavedProfile());
    }

    void testWatchingAFullSite()
    {
        TestHttp hooks(*m_server);
        // bj-80 has two seats per subject: two other candidates take them.
        std::vector<std::unique_ptr<TestHttp>> others;
        const QStringList ids = {"11010519491231002X", "440524188001010014"};
        for (int i = 0; i < 2; ++i) {
            auto other = std::make_unique<TestHttp>(*m_server);
            other->setToken(other->registerAndLogIn(QStringLiteral("seat.taker%1").arg(i)));
            other->put("/api/v1/registrations/current/agreement", {{"agreementVersion", "2027.1"}});
            QCOMPARE(other->put("/api/v1/registrations/current/subjects", {{"siteId", "bj-80"}, {"subjectIds", QJsonArray{"15"}}}).status, 200);
            others.push_back(std::move(other));
        }
        FlowRig rig;
        rig.signUp(*m_server, hooks, "flow.watcher");
        RegistrationFlow &flow = *rig.flow;
        QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
        QCOMPARE(rig.run([&](auto done) { flow.chooseSubjects("bj-80", {"15"}, done); }).error().code, ErrorCode::SubjectsFull);

        QSignalSpy freed(&flow, &RegistrationFlow::seatsFreed);
        flow.watchSite("bj-80");
        QVERIFY(rig.run([&](auto done) { flow.checkWatchedSites(done); }).ok());
        QCOMPARE(freed.size(), 0);
        // One of them changes their mind: the seat is released.
        QCOMPARE(others.front()->put("/api/v1/registrations/current/subjects", {{"siteId", "bj-80"}, {"subjectIds", QJsonArray{"66"}}}).status, 200);
        flow.setSeatWatchIntervalMs(50);
        flow.unwatchSite("bj-80");
        flow.watchSite("bj-80"); // restarts the timer at the new interval; what was seen is forgotten
        QVERIFY(rig.run([&](auto done) { flow.checkWatchedSites(done); }).ok());
        QCOMPARE(freed.size(), 0); // first look after re-watching: a seat is free, but nothing was full before
        QCOMPARE(others.front()->put("/api/v1/registrations/current/subjects", {{"siteId", "bj-80"}, {"subjectIds", QJsonArray{"15"}}}).status, 200);
        QVERIFY(rig.run([&](auto done) { flow.checkWatchedSites(done); }).ok());
        QCOMPARE(others.back()->put("/api/v1/registrations/current/subjects", {{"siteId", "bj-80"}, {"subjectIds", QJsonArray{"66"}}}).status, 200);
        QVERIFY(freed.wait()); // the timer's check finds it
        QCOMPARE(freed.first().at(0).toString(), QStringLiteral("bj-80"));
        QCOMPARE(freed.first().at(1).toString(), QStringLiteral("15"));
        QCOMPARE(freed.first().at(2).toInt(), 1);
        QVERIFY(rig.run([&](auto done) { flow.chooseSubjects("bj-80", {"15"}, done); }).ok());
    }
};

QTEST_GUILESS_MAIN(TestRegistrationFlow)
#include "TestRegistrationFlow.moc"
