#include "ApiClient.h"
#include "ClientFixtures.h"
#include "PhotoFixtures.h"
#include "ServerProcess.h"

#include "AsyncWait.h"

#include <QImage>
#include <QJsonArray>
#include <QTest>

using namespace ncre;

// app/net's ApiClient against a real ncre-server on loopback.
class TestApiClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    void connectClient(ApiClient &client)
    {
        QVERIFY(client.setBaseUrl(m_server->url("")).ok());
        RetryPolicy fast;
        fast.baseDelayMs = 20;
        fast.maxDelayMs = 200;
        fast.deadlineMs = 20000;
        client.setRetryPolicy(fast);
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup() { m_server.reset(); }

    void testTypedReadsAndServerClock()
    {
        ApiClient client;
        connectClient(client);
        // Move the server an hour ahead: the client must follow the server's clock, not the PC's.
        TestHttp(*m_server).post("/api/v1/test-hooks/clock", {{"advanceSeconds", 3600}});
        const auto meta = waitFor<Result<Meta, Problem>>([&](auto cb) { client.meta(cb); });
        QVERIFY(meta.ok());
        QCOMPARE(meta.value().photoSpec.minHeight, 192);
        QVERIFY(qAbs(client.serverOffsetMs() - 3600 * 1000) < 3000);
        QVERIFY(qAbs(client.serverNow().secsTo(meta.value().serverTime)) < 3);

        const auto exam = waitFor<Result<Exam, Problem>>([&](auto cb) { client.currentExam(cb); });
        QVERIFY(exam.ok());
        QCOMPARE(exam.value().limits.maxSubjectsPerCandidate, 3);
        const auto sites = waitFor<Result<QList<Site>, Problem>>([&](auto cb) { client.sites(exam.value().id, cb); });
        QVERIFY(sites.ok());
        QCOMPARE(sites.value().size(), 4);
        const auto subjects
            = waitFor<Result<QList<Subject>, Problem>>([&](auto cb) { client.subjects(exam.value().id, "bj-bit", cb); });
        QVERIFY(subjects.ok());
        QCOMPARE(subjects.value().first().id, QStringLiteral("15"));
        const auto missing
            = waitFor<Result<QList<Subject>, Problem>>([&](auto cb) { client.subjects(exam.value().id, "nowhere", cb); });
        QCOMPARE(missing.error().code, ErrorCode::ResourceNotFound);
    }

    void testLogInAndPollWithEtag()
    {
        ApiClient client;
        connectClient(client);
        TestHttp hooks(*m_server);
        const LoginRequest wrong = passwordLogin(client, hooks, "demo", "Wrong-pass-1");
        QVERIFY(!wrong.captchaId.isEmpty());
        const auto refused = waitFor<Result<Session, Problem>>([&](auto cb) { client.logIn(wrong, cb); });
        QCOMPARE(refused.error().code, ErrorCode::AuthInvalidCredentials);

        const LoginRequest login = passwordLogin(client, hooks, "demo", "Demo-pass-1");
        const auto session = waitFor<Result<Session, Problem>>([&](auto cb) { client.logIn(login, cb); });
        QVERIFY(session.ok());

        hooks.setToken(session.value().accessToken);
        hooks.put("/api/v1/registrations/current/agreement",
                  {{"agreementVersion", hooks.get("/api/v1/exams/current").json().value("agreementVersion")}});
        using Polled = std::pair<Result<std::optional<Registration>, Problem>, QByteArray>;
        auto poll = [&](const QByteArray &etag) {
            return waitFor<Polled>([&](auto cb) {
                client.registration(etag, [cb](auto result, QByteArray tag) { cb(Polled(std::move(result), tag)); });
            });
        };
        const auto first = poll({});
        QVERIFY(first.first.ok() && first.first.value().has_value());
        QCOMPARE(first.first.value()->state, RegistrationState::Draft);
        const auto unchanged = poll(first.second);
        QVERIFY(unchanged.first.ok());
        QVERIFY(!unchanged.first.value().has_value()); // 304
        QCOMPARE(unchanged.second, first.second);
    }

    void testRegisterAndChangePassword()
    {
        ApiClient client;
        connectClient(client);
        TestHttp hooks(*m_server);
        const auto captcha = waitFor<Result<Captcha, Problem>>([&](auto cb) { client.createCaptcha(cb); });
        AccountRegistration account;
        account.username = "apiclient1";
        account.password = "First-pass-1";
        account.captchaId = captcha.value().id;
        account.captchaAnswer = hooks.captchaAnswer(captcha.value().id);
        const auto created = waitFor<Result<AccountInfo, Problem>>([&](auto cb) { client.registerAccount(account, cb); });
        QVERIFY(created.ok());
        QCOMPARE(created.value().username, QStringLiteral("apiclient1"));

        const LoginRequest login = passwordLogin(client, hooks, "apiclient1", "First-pass-1");
        const auto session = waitFor<Result<Session, Problem>>([&](auto cb) { client.logIn(login, cb); });
        QVERIFY(session.ok());

        PasswordChange weak{"First-pass-1", "weak"};
        const auto refused = waitFor<Result<void, Problem>>([&](auto cb) { client.changePassword(weak, cb); });
        QCOMPARE(refused.error().code, ErrorCode::ValidationFailed);
        QCOMPARE(refused.error().errors.first().field, QStringLiteral("newPassword"));
        PasswordChange change{"First-pass-1", "Second-pass-2"};
        const auto changed = waitFor<Result<void, Problem>>([&](auto cb) { client.changePassword(change, cb); });
        QVERIFY(changed.ok());
    }

    // The kiosk's calls: a site's staff see their own queue, decide, and confirm on site; another site's staff
    // cannot even see the registration.
    void testStaffCallsAndCandidatePhoto()
    {
        using RegR = Result<Registration, Problem>;
        using BytesR = Result<QByteArray, Problem>;
        using SessionR = Result<Session, Problem>;
        using QueueR = Result<std::optional<ReviewQueue>, Problem>;
        TestHttp candidate(*m_server);
        candidate.setToken(candidate.registerAndLogIn("staff.subject"));
        candidate.put("/api/v1/registrations/current/agreement", {{"agreementVersion", "2027.1"}});
        QCOMPARE(candidate.put("/api/v1/registrations/current/profile", passportProfile()).status, 200);
        QCOMPARE(candidate.put("/api/v1/registrations/current/subjects", {{"siteId", "bj-bit"}, {"subjectIds", QJsonArray{"15"}}}).status, 200);
        QCOMPARE(candidate.post("/api/v1/registrations/current/submit", {{"guarantee", true}}).status, 200);
        const QByteArray jpeg = PhotoFixtures::compliantJpeg();
        QCOMPARE(candidate.send("PUT", "/api/v1/registrations/current/photo", jpeg, "image/jpeg").status, 200);
        const QString id = candidate.post("/api/v1/registrations/current/review-requests").json().value("id").toString();
        QVERIFY(!id.isEmpty());

        ApiClient own;
        connectClient(own);
        own.setAccessToken(candidate.logIn("staff.subject", "Secret-pass-1"));
        const auto held = waitFor<BytesR>([&](auto cb) { own.photo(cb); });
        // The server keeps the picture encoded again (no metadata), at the size uploaded.
        QVERIFY(held.value().startsWith("\xFF\xD8\xFF\xE0"));
        QCOMPARE(QImage::fromData(held.value(), "JPEG").size(), QImage::fromData(jpeg, "JPEG").size());

        ApiClient staff;
        connectClient(staff);
        TestHttp hooks(*m_server);
        const auto session = waitFor<SessionR>([&](auto cb) { staff.logIn(passwordLogin(staff, hooks, "staff.bit", "Staff-demo-1"), cb); });
        QVERIFY(session.ok());
        QByteArray etag;
        auto fetchQueue = [&](ApiClient &client) -> QueueR {
            std::optional<QueueR> got;
            client.reviewQueue(etag, [&](QueueR q, QByteArray e) {
                got.emplace(std::move(q));
                etag = e;
            });
            while (!got) // no timer: a call that never answers is ctest's timeout
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            return std::move(*got);
        };
        const auto queue = fetchQueue(staff);
        QVERIFY(queue.ok() && queue->has_value());
        QCOMPARE((*queue)->items.size(), 1);
        QCOMPARE((*queue)->items.first().registrationId, id);
        QVERIFY((*queue)->decided.isEmpty());
        QVERIFY(!(*queue)->items.first().documentNumberMasked.contains("E1234"));
        QVERIFY((*queue)->items.first().documentNumberMasked.endsWith("5678"));
        // Unchanged: 304, the copy held stays.
        QVERIFY(!etag.isEmpty());
        const auto again = fetchQueue(staff);
        QVERIFY(again.ok() && !again->has_value());
        const auto reg = waitFor<RegR>([&](auto cb) { staff.staffRegistration(id, cb); });
        QCOMPARE(reg->state, RegistrationState::ReviewPending);
        QCOMPARE(waitFor<BytesR>([&](auto cb) { staff.staffPhoto(id, cb); }).value(), held.value()); // what staff see

        ApiClient other;
        connectClient(other);
        QVERIFY(waitFor<SessionR>([&](auto cb) { other.logIn(passwordLogin(other, hooks, "staff.cuc", "Staff-demo-1"), cb); }).ok());
        QCOMPARE(waitFor<RegR>([&](auto cb) { other.staffRegistration(id, cb); }).error().status, 404);
        // The candidate cannot use staff calls.
        etag.clear();
        QCOMPARE(fetchQueue(own).error().status, 403);

        ReviewDecision reject;
        reject.decision = ReviewDecisionKind::Reject; // without a reason: refused, naming the field
        const auto refused = waitFor<RegR>([&](auto cb) { staff.decideReview(id, reject, {}, cb); });
        QCOMPARE(refused.error().status, 422);
        ReviewDecision approve;
        const auto approved = waitFor<RegR>([&](auto cb) { staff.decideReview(id, approve, {}, cb); });
        QCOMPARE(approved->state, RegistrationState::ReviewApproved);
        // The queue says who decided, for the other terminals; another site's staff see none of it.
        etag.clear();
        const auto after = fetchQueue(staff);
        QVERIFY(after.ok() && after->has_value());
        QVERIFY((*after)->items.isEmpty());
        QCOMPARE((*after)->decided.size(), 1);
        QCOMPARE((*after)->decided.first().registrationId, id);
        QCOMPARE((*after)->decided.first().decidedBy, QStringLiteral("staff.bit"));
        QCOMPARE((*after)->decided.first().decision, ReviewDecisionKind::Approve);
        // A second decision on it is refused (another terminal decided first).
        QCOMPARE(waitFor<RegR>([&](auto cb) { staff.decideReview(id, approve, {}, cb); }).error().status, 409);
        etag.clear();
        const auto elsewhere = fetchQueue(other);
        QVERIFY(elsewhere.ok() && elsewhere->has_value());
        QVERIFY((*elsewhere)->decided.isEmpty() && (*elsewhere)->items.isEmpty());

        const QString order = candidate.post("/api/v1/registrations/current/payments").json().value("id").toString();
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + order + "/complete", {{"notify", "now"}}).status, 200);
        DocumentLookup lookup;
        lookup.documentType = "passport";
        lookup.documentNumber = "e12345678"; // typed in lower case at the desk: normalised
        const auto found = waitFor<RegR>([&](auto cb) { staff.lookUpByDocument(lookup, cb); });
        QVERIFY(found.ok());
        QCOMPARE(found->id, id);
        const auto confirmed = waitFor<RegR>([&](auto cb) { staff.confirmOnSite(id, {}, cb); });
        QCOMPARE(confirmed->state, RegistrationState::Confirmed);
    }

    void testRetriesA503StormHonouringRetryAfter()
    {
        ApiClient client;
        connectClient(client);
        TestHttp hooks(*m_server);
        hooks.post("/api/v1/test-hooks/faults", {{"pathPrefix", "/api/v1/meta"}, {"kind", "unavailable"}, {"count", 2}, {"retryAfter", 1}});
        QSignalSpy retries(&client, &ApiClient::retryScheduled);
        const auto meta = waitFor<Result<Meta, Problem>>([&](auto cb) { client.meta(cb); });
        QVERIFY(meta.ok());
        QCOMPARE(retries.size(), 2);
        for (const auto &r : retries) {
            QVERIFY(r.at(1).toLongLong() >= 1000); // never before Retry-After
            QCOMPARE(r.at(2).value<ErrorCode>(), ErrorCode::ServerUnavailable);
        }
    }

    void testResponseCutOffMidBodyIsRetriedNotDecoded()
    {
        ApiClient client;
        connectClient(client);
        TestHttp hooks(*m_server);
        // The server answers 200 with a Content-Length, sends half the body and closes: a transport failure even
        // though a status line arrived.
        hooks.post("/api/v1/test-hooks/faults", {{"pathPrefix", "/api/v1/announcements"}, {"kind", "truncate"}, {"count", 1}});
        QSignalSpy retries(&client, &ApiClient::retryScheduled);
        const auto items = waitFor<Result<QList<Bulletin>, Problem>>([&](auto cb) { client.bulletins(BulletinKind::Announcement, cb); });
        QVERIFY2(items.ok(), qPrintable(items ? QString() : items.error().detail));
        QVERIFY(!items.value().isEmpty());
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).value<ErrorCode>(), ErrorCode::NetworkUnreachable);
        const auto notices = waitFor<Result<QList<Bulletin>, Problem>>([&](auto cb) { client.bulletins(BulletinKind::Notice, cb); });
        QVERIFY(notices.ok());
        QCOMPARE(notices.value().first().kind, BulletinKind::Notice);
    }

    void testDoesNotRetryWhatRetryingCannotFix()
    {
        ApiClient client;
        connectClient(client);
        QSignalSpy retries(&client, &ApiClient::retryScheduled);
        AccountRegistration account;
        account.username = "x";
        account.password = "weak";
        account.captchaId = "nope";
        account.captchaAnswer = "nope";
        const auto r = waitFor<Result<AccountInfo, Problem>>([&](auto cb) { client.registerAccount(account, cb); });
        QCOMPARE(r.error().code, ErrorCode::AuthCaptcha);
        QCOMPARE(r.error().status, 422);
        QCOMPARE(retries.size(), 0);
    }

    void testUnreachableServerGivesANetworkProblem()
    {
        ApiClient client;
        QVERIFY(client.setBaseUrl(QUrl("http://127.0.0.1:1")).ok());
        RetryPolicy quick;
        quick.maxAttempts = 2;
        quick.baseDelayMs = 10;
        client.setRetryPolicy(quick);
        QSignalSpy retries(&client, &ApiClient::retryScheduled);
        const auto meta = waitFor<Result<Meta, Problem>>([&](auto cb) { client.meta(cb); });
        QCOMPARE(meta.error().code, ErrorCode::NetworkUnreachable);
        QCOMPARE(meta.error().status, 0);
        QCOMPARE(retries.size(), 1);
    }

    void testOnlyHttpsOrLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("https") << "https://ncre.example.cn" << true;
        QTest::addRow("loopback http") << "http://127.0.0.1:8080" << true;
        QTest::addRow("ipv6 loopback") << "http://[::1]:8080" << true;
        QTest::addRow("plain http") << "http://ncre.example.cn" << false;
        QTest::addRow("lan http") << "http://192.168.0.10:8080" << false;
        QTest::addRow("ftp") << "ftp://ncre.example.cn" << false;
        QTest::addRow("garbage") << "::" << false;
    }
    void testOnlyHttpsOrLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        ApiClient client;
        const Result<void> r = client.setBaseUrl(QUrl(url));
        QCOMPARE(r.ok(), accepted);
        if (!accepted)
            QCOMPARE(r.error().code, ErrorCode::NetworkTls);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "TestApiClient.moc"
