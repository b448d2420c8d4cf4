#include "DocumentNumber.h"
#include "FlowGuide.h"
#include "ServerProcess.h"
#include "photo/PhotoFixtureSet.h"

#include <QJsonArray>
#include <QTest>

using namespace ncre;

// Never stuck (issue 13): from every reachable state of a registration, once each deadline has passed on the server's
// clock (a payment order's expiry, the payment deadline after approval, the end of the registration window, the
// opening and the end of the ticket window), the candidate has a way forward — an action the server allows and the
// desk offers, or a wait with its reason (the site's review, the ticket window opening) — or the registration has
// reached a final state whose reason the desk shows. Never an empty way forward.
class TestNoDeadEnds : public QObject
{
    Q_OBJECT

private:
    // The states a candidate can bring a registration to, each by its own account.
    enum class Start {
        Agreed,            // draft: agreement accepted
        ProfileSaved,      // draft with basic information
        Submitted,
        PhotoUploaded,     // at a review-free site
        OrderOpen,         // review-free, a payment order open
        ReviewPending,
        ReviewRejected,
        ReviewApproved,
        ApprovedOrderOpen,
        Paid,
        Confirmed,         // paid and confirmed on site
    };

    static QString idNumber(int n)
    {
        // Valid resident ID numbers (GB 11643: region, birth date, sequence, ISO 7064 MOD 11-2 check), one each.
        const QString body = QStringLiteral("110105") + QDate(1990, 1, 1).addDays(n).toString(QStringLiteral("yyyyMMdd"))
            + QStringLiteral("123");
        return body + DocumentNumber::checkCharacter(body);
    }

    static QJsonObject profile(int n)
    {
        return {{"name", QString::fromUtf8("张三")}, {"documentType", "resident_id"}, {"documentNumber", idNumber(n)},
                {"ethnicity", "01"}, {"education", "bachelor"}, {"occupation", "student"}, {"mobile", "13812345678"},
                {"address", QString::fromUtf8("北京市朝阳区建国路1号")}, {"postalCode", "100020"}};
    }

    // Brings account `n` to `start`; false (and the test failed) if a step was refused.
    static bool bringTo(TestHttp &http, TestHttp &staff, Start start, int n)
    {
        auto ok = [](const HttpResult &r, int status = 200) {
            if (r.status == status || (status == 200 && r.status == 201))
                return true;
            qWarning("step answered %d: %s", r.status, r.body.constData());
            return false;
        };
        const bool reviewing = start >= Start::ReviewPending;
        const QString version = http.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        if (!ok(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}})))
            return false;
        if (start == Start::Agreed)
            return true;
        if (!ok(http.put("/api/v1/registrations/current/profile", profile(n))))
            return false;
        if (start == Start::ProfileSaved)
            return true;
        if (!ok(http.put("/api/v1/registrations/current/subjects",
                         {{"siteId", reviewing ? "bj-bit" : "bj-buu"}, {"subjectIds", QJsonArray{"15"}}})))
            return false;
        if (!ok(http.post("/api/v1/registrations/current/submit", {{"guarantee", true}})))
            return false;
        if (start == Start::Submitted)
            return true;
        static const QByteArray photo = PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90);
        const HttpResult uploaded = http.send("PUT", "/api/v1/registrations/current/photo", photo, "image/jpeg");
        if (!ok(uploaded))
            return false;
        const QString id = uploaded.json().value("id").toString();
        if (start == Start::PhotoUploaded)
            return true;
        if (start == Start::OrderOpen)
            return ok(http.post("/api/v1/registrations/current/payments"));
        if (!ok(http.post("/api/v1/registrations/current/review-requests")))
            return false;
        if (start == Start::ReviewPending)
            return true;
        if (start == Start::ReviewRejected)
            return ok(staff.post("/api/v1/staff/registrations/" + id + "/decision",
                                 {{"decision", "reject"}, {"reason", QString::fromUtf8("照片不清晰")}}));
        if (!ok(staff.post("/api/v1/staff/registrations/" + id + "/decision", {{"decision", "approve"}})))
            return false;
        if (start == Start::ReviewApproved)
            return true;
        const HttpResult order = http.post("/api/v1/registrations/current/payments");
        if (!ok(order))
            return false;
        if (start == Start::ApprovedOrderOpen)
            return true;
        if (!ok(http.post("/api/v1/test-hooks/payments/" + order.json().value("id").toString() + "/complete", {{"notify", "now"}})))
            return false;
        if (start == Start::Paid)
            return true;
        return ok(staff.post("/api/v1/staff/registrations/" + id + "/confirmation"));
    }

    static QDateTime at(const QJsonValue &v) { return QDateTime::fromString(v.toString(), Qt::ISODate); }

private slots:
    void testEveryStateHasAWayForwardAtEveryDeadline_data()
    {
        QTest::addColumn<QString>("deadline");
        for (const char *d : {"orderExpiry", "paymentDue", "registrationCloses", "ticketOpens", "ticketCloses"})
            QTest::newRow(d) << QString::fromLatin1(d);
    }
    void testEveryStateHasAWayForwardAtEveryDeadline()
    {
        QFETCH(QString, deadline);
        QVERIFY2(!PhotoFixtureSet::compliantImage().isNull(), "fixture photographs missing: run scripts/setup");
        ServerProcess server;
        QVERIFY2(server.waitReady(), server.stderrText().constData());
        TestHttp staff(server);
        staff.setToken(staff.logIn(QStringLiteral("staff.bit"), QStringLiteral("Staff-demo-1")));

        const QList<Start> starts = {Start::Agreed,         Start::ProfileSaved,  Start::Submitted, Start::PhotoUploaded,
                                     Start::OrderOpen,      Start::ReviewPending, Start::ReviewRejected,
                                     Start::ReviewApproved, Start::ApprovedOrderOpen, Start::Paid, Start::Confirmed};
        std::vector<std::unique_ptr<TestHttp>> candidates;
        QDateTime latestOrderExpiry, latestPaymentDue;
        for (int i = 0; i < starts.size(); ++i) {
            auto http = std::make_unique<TestHttp>(server);
            const QString user = QStringLiteral("dead%1end").arg(i);
            http->setToken(http->registerAndLogIn(user));
            QVERIFY2(bringTo(*http, staff, starts.at(i), i), qPrintable(QStringLiteral("start %1").arg(i)));
            const QJsonObject reg = http->get("/api/v1/registrations/current").json();
            if (const QDateTime e = at(reg.value("payment").toObject().value("expiresAt")); e.isValid())
                latestOrderExpiry = qMax(latestOrderExpiry, e);
            if (const QDateTime d = at(reg.value("deadlines").toObject().value("paymentDue")); d.isValid())
                latestPaymentDue = qMax(latestPaymentDue, d);
            candidates.push_back(std::move(http));
        }
        const QJsonObject examJson = candidates.front()->get("/api/v1/exams/current").json();
        QDateTime when;
        if (deadline == QLatin1String("orderExpiry"))
            when = latestOrderExpiry;
        else if (deadline == QLatin1String("paymentDue"))
            when = latestPaymentDue;
        else if (deadline == QLatin1String("registrationCloses"))
            when = at(examJson.value("registration").toObject().value("closes"));
        else if (deadline == QLatin1String("ticketOpens"))
            when = at(examJson.value("ticketPrint").toObject().value("opens"));
        else
            when = at(examJson.value("ticketPrint").toObject().value("closes"));
        QVERIFY2(when.isValid(), qPrintable(deadline));
        const QJsonObject moved = staff.post("/api/v1/test-hooks/clock", {{"now", when.addSecs(60).toString(Qt::ISODate)}}).json();
        const QDateTime now = at(moved.value("now"));

        const Exam exam = Exam::fromJson(examJson, JsonStrictness::Lenient).value();
        const QJsonArray siteArray = candidates.front()->get("/api/v1/exams/" + exam.id + "/sites").json().value("sites").toArray();
        QList<Site> sites;
        for (const QJsonValue &v : siteArray)
            sites.append(Site::fromJson(v.toObject(), JsonStrictness::Lenient).value());

        for (int i = 0; i < starts.size(); ++i) {
            TestHttp &http = *candidates.at(size_t(i));
            http.setToken(http.logIn(QStringLiteral("dead%1end").arg(i), QStringLiteral("Secret-pass-1")));
            const auto reg = Registration::fromJson(http.get("/api/v1/registrations/current").json(), JsonStrictness::Lenient);
            QVERIFY2(reg.ok(), qPrintable(QStringLiteral("start %1").arg(i)));
            const std::optional<Registration> registration = reg.value();
            const std::optional<Exam> examOpt = exam;
            const FlowFacts facts{registration, examOpt, sites, registration->profile, now};
            const QString where = QStringLiteral("start %1 (%2) after %3").arg(i).arg(registrationStateName(registration->state), deadline);

            // What the server allows, the desk offers.
            bool offered = false;
            for (RegistrationAction a : registration->allowedActions) {
                QVERIFY2(FlowGuide::can(facts, a), qPrintable(where + ": the desk does not offer " + registrationActionName(a)));
                offered = true;
            }
            const QList<Blocker> blockers = FlowGuide::blockers(facts);
            const bool waiting = std::any_of(blockers.begin(), blockers.end(), [](const Blocker &b) {
                return b.kind == BlockerKind::ReviewPending || (b.kind == BlockerKind::TicketNotYetOpen && b.until.isValid());
            });
            const bool finalWithReason = FlowGuide::currentStep(facts) == FlowStep::Closed
                ? std::any_of(blockers.begin(), blockers.end(), [](const Blocker &b) {
                      return b.kind == BlockerKind::PaymentDeadlinePassed || b.kind == BlockerKind::RegistrationClosed;
                  })
                : false;
            // Paid or confirmed after the ticket window: done, the documents kept offline.
            const bool done = (registration->state == RegistrationState::Paid || registration->state == RegistrationState::Confirmed)
                && std::any_of(blockers.begin(), blockers.end(), [](const Blocker &b) { return b.kind == BlockerKind::TicketWindowClosed; });
            QVERIFY2(offered || waiting || finalWithReason || done, qPrintable(where + ": no way forward"));
            // An offered payment leads somewhere: an order the platform can still charge.
            if (registration->allowedActions.contains(RegistrationAction::CreatePayment)) {
                const QJsonObject order = http.post("/api/v1/registrations/current/payments").json();
                QVERIFY2(order.value("status").toString() == QLatin1String("open") && at(order.value("expiresAt")) > now,
                         qPrintable(where + ": «pay» gives an order that cannot be paid"));
            }
        }
    }
};

QTEST_MAIN(TestNoDeadEnds)
#include "TestNoDeadEnds.moc"
