#include "AsyncWait.h"
#include "Desk.h"
#include "ErrorText.h"
#include "KeptDocumentsWindow.h"
#include "LoginWindow.h"
#include "MainWindow.h"
#include "ProfilePage.h"
#include "SessionPrompt.h"
#include "UpdateBanner.h"
#include "integration/FlowRig.h"
#include "integration/PhotoFixtures.h"
#include "integration/ServerProcess.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QPointer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// The desk across restarts and lost sessions (issue 13, «a restart needs the server»), with the real windows,
// offscreen, a real ncre-server --test-hooks on loopback, and a real Secret Service (gnome-keyring in a private
// D-Bus session with a throw-away HOME, tests/keychain-session.sh):
// - the refresh token is kept in the keychain, rotated, resumed on the next start without the password, and
//   forgotten on logout;
// - a session ended from elsewhere is asked for again in place: the same main window, what was typed still there;
// - the documents kept for exam day open from the login window with the server stopped, after the account password
//   is checked on this computer, and not with a wrong one.
class TestDeskSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_dir;

    template<typename T>
    static T *find(QWidget *root, const char *name)
    {
        T *w = root ? root->findChild<T *>(QLatin1String(name)) : nullptr;
        if (!w)
            qWarning("no %s", name);
        return w;
    }

    // Types the account, password and captcha into the desk's login window and logs in.
    static void logIn(Desk &desk, TestHttp &hooks, const QString &account, const QString &password)
    {
        LoginWindow *login = desk.loginWindow();
        QVERIFY(login);
        if (login->captchaId().isEmpty()) {
            QSignalSpy captcha(login, &LoginWindow::captchaShown);
            QVERIFY(captcha.wait());
        }
        QSignalSpy shown(&desk, &Desk::mainShown);
        QSignalSpy remembered(&desk, &Desk::passwordRemembered);
        QTest::keyClicks(find<QLineEdit>(login, "account"), account);
        QTest::keyClicks(find<QLineEdit>(login, "password"), password);
        QTest::keyClicks(find<QLineEdit>(login, "captchaAnswer"), hooks.captchaAnswer(login->captchaId()));
        QTest::mouseClick(find<QPushButton>(login, "logIn"), Qt::LeftButton);
        QVERIFY(shown.wait(20000));
        QVERIFY(remembered.count() || remembered.wait(20000));
        QVERIFY(remembered.last().at(0).toBool());
    }

    static void flushKeychain(Desk &desk)
    {
        bool flushed = false;
        desk.sessionKeeper()->flush([&]() { flushed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(flushed, 20000);
    }

    static std::optional<QByteArray> keptToken(Desk &desk)
    {
        Keychain keychain;
        const auto token = waitFor<Result<std::optional<QByteArray>>>(
            [&](auto done) { keychain.read(desk.sessionKeeper()->entryName(), done); });
        return token ? token.value() : std::nullopt;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup() { m_server.reset(); }

    void testSessionKeptEndedAndResumed()
    {
        TestHttp hooks(*m_server);
        TestHttp elsewhere(*m_server);
        elsewhere.setToken(elsewhere.registerAndLogIn("desk.session"));

        QString firstToken;
        {
            Desk desk;
            QVERIFY(desk.setServer(m_server->url("")).ok());
            desk.start();
            logIn(desk, hooks, "desk.session", "Secret-pass-1");
            if (QTest::currentTestFailed())
                return;
            flushKeychain(desk);
            const auto kept = keptToken(desk);
            QVERIFY(kept && !kept->isEmpty()); // the refresh token, in the keychain
            firstToken = QString::fromLatin1(*kept);
            QVERIFY(!desk.loginWindow()->isVisible());
        }

        // Restart: the kept session is resumed; the main window opens without the password.
        Desk desk;
        QVERIFY(desk.setServer(m_server->url("")).ok());
        QSignalSpy shown(&desk, &Desk::mainShown);
        desk.start();
        QVERIFY(shown.wait(20000));
        MainWindow *main = desk.mainWindow();
        QVERIFY(main && main->isVisible());
        flushKeychain(desk);
        const auto rotated = keptToken(desk);
        QVERIFY(rotated && !rotated->isEmpty());
        QVERIFY(QString::fromLatin1(*rotated) != firstToken); // rotated, and the rotation kept

        // The candidate is typing in the basic information when the password is changed on another computer.
        const auto accepted = waitFor<Result<void, Problem>>([&](auto done) { desk.flow()->acceptAgreement(done); });
        QVERIFY(accepted.ok());
        main->openStep(FlowStep::Profile);
        auto *page = qobject_cast<ProfilePage *>(main->tabs()->currentWidget());
        QVERIFY(page);
        QLineEdit *name = page->findChild<QLineEdit *>("field-name");
        QVERIFY(name);
        QTest::keyClicks(name, QStringLiteral("Li Lei"));

        QCOMPARE(elsewhere.put("/api/v1/accounts/me/password",
                               {{"currentPassword", "Secret-pass-1"}, {"newPassword", "Other-pass-2"}}).status, 204);
        QSignalSpy prompted(&desk, &Desk::sessionPromptShown);
        desk.flow()->refresh([](const Result<void, Problem> &) {});
        QVERIFY(prompted.wait(20000));
        SessionPrompt *prompt = desk.sessionPrompt();
        QVERIFY(prompt && prompt->isVisible());
        QCOMPARE(desk.mainWindow(), main); // the same window, in place
        QCOMPARE(name->text(), QStringLiteral("Li Lei"));
        QCOMPARE(find<QLabel>(prompt, "sessionAccount")->text(), QStringLiteral("desk.session"));
        flushKeychain(desk);
        QVERIFY(!keptToken(desk)); // the dead session is forgotten

        // Esc does not leave a main window without a session behind.
        QTest::keyClick(prompt, Qt::Key_Escape);
        QVERIFY(prompt->isVisible());

        // The old password: said in words, and a new captcha comes.
        auto typeAndSubmit = [&](const QString &password) {
            if (prompt->captchaId().isEmpty()) {
                QSignalSpy captcha(prompt, &SessionPrompt::captchaShown);
                QVERIFY(captcha.wait());
            }
            QLineEdit *field = find<QLineEdit>(prompt, "sessionPassword");
            field->clear();
            QTest::keyClicks(field, password);
            QLineEdit *answer = find<QLineEdit>(prompt, "sessionCaptchaAnswer");
            answer->clear();
            QTest::keyClicks(answer, hooks.captchaAnswer(prompt->captchaId()));
            QSignalSpy captcha(prompt, &SessionPrompt::captchaShown);
            QTest::mouseClick(find<QPushButton>(prompt, "sessionLogIn"), Qt::LeftButton);
        };
        {
            QSignalSpy captcha(prompt, &SessionPrompt::captchaShown);
            typeAndSubmit("Secret-pass-1");
            QVERIFY(captcha.wait(20000));
            QCOMPARE(find<QLabel>(prompt, "sessionError")->text(), ErrorText::message(ErrorCode::AuthInvalidCredentials));
            QVERIFY(prompt->isVisible());
        }

        // The new password: the prompt goes, the same window goes on, with what was typed, and the session is kept.
        QSignalSpy remembered(&desk, &Desk::passwordRemembered);
        QPointer<SessionPrompt> gone(prompt);
        typeAndSubmit("Other-pass-2");
        QTRY_VERIFY_WITH_TIMEOUT(!gone, 20000);
        QVERIFY(remembered.count() || remembered.wait(20000));
        QCOMPARE(desk.mainWindow(), main);
        QCOMPARE(name->text(), QStringLiteral("Li Lei"));
        const auto refreshed = waitFor<Result<void, Problem>>([&](auto done) { desk.flow()->refresh(done); });
        QVERIFY(refreshed.ok());
        flushKeychain(desk);
        QVERIFY(keptToken(desk).has_value());

        // Logging out forgets the session on this computer.
        QSignalSpy loginShown(&desk, &Desk::loginShown);
        emit main->logOutRequested();
        QVERIFY(loginShown.wait(20000));
        flushKeychain(desk);
        QVERIFY(!keptToken(desk));
        QVERIFY(desk.loginWindow()->isVisible());
    }

    // The server is away when the desk starts: the main window opens all the same, on what this computer kept
    // (the kept session names the account), says it is offline, and renews the session once the server is back.
    void testStartWithoutTheServer()
    {
        m_server.reset();
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        const QString db = m_dir.filePath("away.sqlite");
        const QStringList args = {"--db", db, "--listen", QStringLiteral("127.0.0.1:%1").arg(port)};
        m_server = std::make_unique<ServerProcess>(args);
        QVERIFY(m_server->waitReady());
        TestHttp hooks(*m_server);
        TestHttp(*m_server).registerAndLogIn("desk.away");
        const QUrl url = m_server->url("");
        {
            Desk desk;
            QVERIFY(desk.setServer(url).ok());
            desk.start();
            logIn(desk, hooks, "desk.away", "Secret-pass-1");
            if (QTest::currentTestFailed())
                return;
            QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { desk.flow()->acceptAgreement(done); }).ok()));
            flushKeychain(desk);
        }
        m_server.reset();

        Desk desk;
        QVERIFY(desk.setServer(url).ok());
        QSignalSpy shown(&desk, &Desk::mainShown);
        desk.start();
        QVERIFY(shown.wait(20000));
        QVERIFY(desk.mainWindow()->isVisible());
        QVERIFY(desk.flow()->isShowingOfflineData());
        QVERIFY(desk.mainWindow()->findChild<QLabel *>("offlineBanner")->isVisible());
        QCOMPARE(desk.flow()->currentStep(), FlowStep::Profile); // what was last seen: the agreement accepted

        // The server comes back (same address, same data): the session is renewed, nothing asked.
        m_server = std::make_unique<ServerProcess>(args);
        QVERIFY(m_server->waitReady());
        const auto refreshed = waitFor<Result<void, Problem>>([&](auto done) { desk.flow()->refresh(done); });
        QVERIFY2(refreshed.ok(), qPrintable(refreshed ? QString() : errorCodeName(refreshed.error().code)));
        QVERIFY(!desk.flow()->isShowingOfflineData());
        QVERIFY(!desk.sessionPrompt());
        // The poller alone (a 304: nothing changed) takes the offline banner down once the server answers.
        QVERIFY(!desk.mainWindow()->findChild<QLabel *>("offlineBanner")->isVisible());
    }

    // The server publishes the desk versions it accepts (issue 15): a newer one is announced on the login window and
    // the main window with the download page; one that is no longer accepted says so before the candidate types
    // anything, and a login then answers why instead of failing silently.
    void testUpdateAnnounced()
    {
        const QString available = writeServerConfig(m_dir.path(), "available.ini",
                                                     "[clients]\nlatestVersion=99.0.0\ndownloadUrl=https://example.org/ncre\n");
        m_server = std::make_unique<ServerProcess>(QStringList{"--config", available});
        QVERIFY(m_server->waitReady());
        TestHttp hooks(*m_server);
        TestHttp(*m_server).registerAndLogIn("desk.update");
        {
            Desk desk;
            QVERIFY(desk.setServer(m_server->url("")).ok());
            desk.start();
            auto *banner = find<UpdateBanner>(desk.loginWindow(), "updateBanner");
            QVERIFY(banner);
            QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
            QCOMPARE(banner->need(), ClientVersions::Need::Available);
            QVERIFY(banner->text().contains("99.0.0"));
            QVERIFY(banner->text().contains("https://example.org/ncre"));
            logIn(desk, hooks, "desk.update", "Secret-pass-1");
            if (QTest::currentTestFailed())
                return;
            auto *mainBanner = find<UpdateBanner>(desk.mainWindow(), "updateBanner");
            QVERIFY(mainBanner && mainBanner->isVisible());
            QCOMPARE(mainBanner->need(), ClientVersions::Need::Available);
        }

        const QString required = writeServerConfig(m_dir.path(), "required.ini",
                                                    "[clients]\nminimumVersion=99.0.0\nlatestVersion=99.0.0\n");
        m_server = std::make_unique<ServerProcess>(QStringList{"--config", required});
        QVERIFY(m_server->waitReady());
        Desk desk;
        QVERIFY(desk.setServer(m_server->url("")).ok());
        desk.start();
        auto *banner = find<UpdateBanner>(desk.loginWindow(), "updateBanner");
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        QCOMPARE(banner->need(), ClientVersions::Need::Required);
        QVERIFY(banner->text().contains(deskVersion()));
        // The captcha itself is refused with the reason, shown on the login window (not "cannot be reached").
        auto *error = find<QLabel>(desk.loginWindow(), "serverStatus");
        QVERIFY(error);
        QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(ErrorText::message(ErrorCode::ClientUpdateRequired)), 20000);
    }

    // The form and the ticket, downloaded through the desk, open on exam day with the server stopped: from the login
    // window, with the account password checked on this computer.
    void testKeptDocumentsOpenOffline()
    {
        TestHttp hooks(*m_server);
        // Ticket printing opens at a midnight 30 days ahead, and a refresh token lives 30 days: logging in late in
        // the day keeps the session across the jump there, logging in just after midnight does not. Pin the server
        // clock to a day after registration opened so the outcome does not depend on when the suite runs.
        const QDateTime registrationOpens = QDateTime::fromString(
            hooks.get("/api/v1/exams/current").json().value("registration").toObject().value("opens").toString(), Qt::ISODate);
        QVERIFY(registrationOpens.isValid());
        QCOMPARE(hooks.post("/api/v1/test-hooks/clock",
                            {{"now", registrationOpens.addDays(3).addSecs(12 * 3600).toString(Qt::ISODate)}}).status, 200);
        TestHttp(*m_server).registerAndLogIn("desk.offline");
        {
            Desk desk;
            QVERIFY(desk.setServer(m_server->url("")).ok());
            desk.start();
            logIn(desk, hooks, "desk.offline", "Secret-pass-1");
            if (QTest::currentTestFailed())
                return;
            RegistrationFlow &flow = *desk.flow();
            auto run = [&](std::function<void(RegistrationFlow::Done)> call) {
                return waitFor<Result<void, Problem>>(std::move(call));
            };
            QVERIFY(run([&](auto done) { flow.acceptAgreement(done); }).ok());
            flow.editProfile(residentProfile("11010519491231002X"));
            QVERIFY(run([&](auto done) { flow.saveProfile(done); }).ok());
            const auto subjects = waitFor<Result<QList<Subject>, Problem>>(
                [&](auto done) { flow.subjects(QStringLiteral("bj-buu"), done); });
            QVERIFY(subjects.ok() && !subjects->isEmpty());
            QVERIFY(run([&](auto done) { flow.chooseSubjects("bj-buu", {subjects->first().id}, done); }).ok());
            QVERIFY(run([&](auto done) { flow.submit(true, done); }).ok());
            QVERIFY(run([&](auto done) { flow.uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
            const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
            QVERIFY(order.ok());
            QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "none"}}).status, 200);
            QVERIFY(run([&](auto done) { flow.refreshPayment(done); }).ok());
            const QDateTime opens = flow.exam()->ticketPrint.opens;
            QCOMPARE(hooks.post("/api/v1/test-hooks/clock", {{"now", opens.addSecs(3600).toString(Qt::ISODate)}}).status, 200);
            QVERIFY(run([&](auto done) { flow.refresh(done); }).ok());
            for (DocumentKind kind : {DocumentKind::RegistrationForm, DocumentKind::AdmissionTicket}) {
                const auto pdf = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(kind, done); });
                QVERIFY2(pdf.ok(), qPrintable(pdf ? QString() : errorCodeName(pdf.error().code)));
            }
        }

        // Exam day: no server.
        m_server.reset();
        Desk desk;
        QVERIFY(desk.setServer(QUrl("http://127.0.0.1:9")).ok());
        desk.start();
        LoginWindow *login = desk.loginWindow();
        QVERIFY(login && login->isVisible());
        QTest::keyClicks(find<QLineEdit>(login, "account"), "Desk.Offline"); // account names ignore case
        QSignalSpy opened(&desk, &Desk::keptDocumentsShown);
        QTest::mouseClick(find<QPushButton>(login, "keptDocuments"), Qt::LeftButton);
        QVERIFY(opened.count() || opened.wait(20000));
        KeptDocumentsWindow *kept = desk.keptDocumentsWindow();
        QVERIFY(kept && kept->isVisible());
        QCOMPARE(find<QLineEdit>(kept, "keptAccount")->text(), QStringLiteral("Desk.Offline"));

        // A wrong password opens nothing, and says so.
        QLabel *error = find<QLabel>(kept, "keptError");
        QTest::keyClicks(find<QLineEdit>(kept, "keptPassword"), "Wrong-pass-9");
        QTest::mouseClick(find<QPushButton>(kept, "keptOpen"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(error->text().contains("do not open"), 20000);
        QVERIFY(!find<QPushButton>(kept, "keptTicket")->isVisible());
        // An account that never logged in here: the same answer (nothing tells which accounts used this computer).
        find<QLineEdit>(kept, "keptAccount")->setText("someone.else");
        const QString wrongPassword = error->text();
        error->clear();
        QTest::keyClicks(find<QLineEdit>(kept, "keptPassword"), "Secret-pass-1");
        QTest::mouseClick(find<QPushButton>(kept, "keptOpen"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!error->text().isEmpty() && !error->text().startsWith("Checking"), 20000);
        QCOMPARE(error->text(), wrongPassword);

        // The right account and password: the ticket opens, and the form is there too.
        find<QLineEdit>(kept, "keptAccount")->setText("desk.offline");
        QSignalSpy page(kept, &KeptDocumentsWindow::pageShown);
        find<QLineEdit>(kept, "keptPassword")->clear();
        QTest::keyClicks(find<QLineEdit>(kept, "keptPassword"), "Secret-pass-1");
        QTest::keyClick(find<QLineEdit>(kept, "keptPassword"), Qt::Key_Return);
        QVERIFY(page.wait(20000));
        QVERIFY(find<QPushButton>(kept, "keptTicket")->isEnabled());
        QVERIFY(find<QPushButton>(kept, "keptForm")->isEnabled());
        QVERIFY(find<QLabel>(kept, "pdfPage")->pixmap().width() > 100);
        QTest::mouseClick(find<QPushButton>(kept, "keptForm"), Qt::LeftButton);
        QVERIFY(page.wait(20000));
    }
};

QTEST_MAIN(TestDeskSession)
#include "TestDeskSession.moc"
