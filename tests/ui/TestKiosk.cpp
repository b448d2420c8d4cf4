#include "AsyncWait.h"
#include "QrReader.h"
#include "KioskDriver.h"
#include "IdleOverlay.h"
#include "Kiosk.h"
#include "KioskSpace.h"
#include "KioskPrinter.h"
#include "KioskWindow.h"
#include "DocumentsPage.h"
#include "MainWindow.h"
#include "PaymentPage.h"
#include "PdfViewer.h"
#include "PhotoPage.h"
#include "kiosk/CameraDialog.h"
#include "FrameSequence.h"
#include "StaffPanel.h"
#include "LoginWindow.h"
#include "PinPad.h"
#include "SecretBox.h"
#include "Translations.h"
#include "WelcomePage.h"
#include "integration/FlowRig.h"
#include "integration/PhotoFixtures.h"
#include "integration/ServerProcess.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QListWidget>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QLayout>
#include <QTest>

using namespace ncre;
using namespace KioskDriver;

// Kiosk mode (issue 16), offscreen, against a real ncre-server --test-hooks on loopback: the window that cannot be
// closed, touch sizes and step hints, the language switch, no QQ login, the staff PIN gate, the idle countdown,
// and the wipe — after a walk-in candidate's session no byte of their name, ID number or photo is left in any file
// under the kiosk's data, cache, config and temporary folders.
class TestKiosk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_prints;
    std::unique_ptr<ServerProcess> m_server;
    Translations m_translations;
    const QString m_pin = QStringLiteral("480213");
    QByteArray m_pinHash;

    KioskConfig config() const
    {
        KioskConfig c;
        c.server = m_server->url("");
        c.site = QStringLiteral("bj-bit");
        c.printer = QStringLiteral("pdf:") + m_prints.path();
        c.staffPinHash = m_pinHash;
        c.language = QStringLiteral("en");
        return c;
    }

    std::unique_ptr<Kiosk> startKiosk(KioskConfig c)
    {
        QFile::remove(KioskSpace::pinStateFile()); // each test's terminal starts with no wrong PINs
        m_translations.install(c.language);
        auto kiosk = std::make_unique<Kiosk>(std::move(c), m_translations);
        const auto started = kiosk->start();
        if (!started)
            qWarning("kiosk did not start: %s", qPrintable(started.error().detail));
        return kiosk;
    }

    // Every file below `root` holding one of `needles`, with the needle's label.
    static QStringList filesHolding(const QString &root, const QList<QPair<QString, QByteArray>> &needles)
    {
        QStringList found;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            for (const auto &[label, needle] : needles) {
                if (bytes.contains(needle))
                    found << label + QStringLiteral(" in ") + path;
            }
        }
        return found;
    }

    void openStaffPanel(Kiosk &kiosk)
    {
        QTest::mouseClick(kiosk.window()->staffButton(), Qt::LeftButton);
        waitForScreen(kiosk, Kiosk::Screen::Pin);
        typePin(kiosk, m_pin);
        waitForScreen(kiosk, Kiosk::Screen::Staff);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid() && m_prints.isValid());
        // The kiosk's folders in a throw-away home: the wipe empties them, and the scan reads all of it.
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath("data")));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath("cache")));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath("config")));
        qputenv("XDG_STATE_HOME", QFile::encodeName(m_home.filePath("state")));
        QCoreApplication::setApplicationName(QStringLiteral("TestKiosk"));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->waitReady());
        m_pinHash = SecretBox::passwordVerifier(m_pin);
    }

    void testWindowCannotBeClosed()
    {
        auto kiosk = startKiosk(config());
        KioskWindow *window = kiosk->window();
        QVERIFY(window->isVisible());
        QVERIFY(window->windowState() & Qt::WindowFullScreen);
        QVERIFY(window->windowFlags() & Qt::FramelessWindowHint);
        QVERIFY(window->windowFlags() & Qt::WindowStaysOnTopHint);
        QVERIFY(!window->close());
        QTest::keyClick(window, Qt::Key_F4, Qt::AltModifier);
        QTest::keyClick(window, Qt::Key_Escape);
        QTest::keyClick(window, Qt::Key_Q, Qt::ControlModifier);
        QTest::keyClick(window, Qt::Key_W, Qt::ControlModifier);
        QCoreApplication::processEvents();
        QVERIFY(window->isVisible());
        QCOMPARE(kiosk->screen(), Kiosk::Screen::Welcome);
    }

    // Touch first: every button and field shown is at least 44 px high, and each screen says what to do.
    void testTouchSizesAndStepHints()
    {
        auto kiosk = startKiosk(config());
        TestHttp hooks(*m_server);
        auto check = [&](const char *screen) {
            QVERIFY2(!kiosk->window()->hint().isEmpty(), screen);
            for (QWidget *w : kiosk->window()->findChildren<QWidget *>()) {
                if (!w->isVisible() || !(qobject_cast<QPushButton *>(w) || qobject_cast<QLineEdit *>(w)))
                    continue;
                QVERIFY2(w->height() >= 44, qPrintable(QStringLiteral("%1: %2 is %3 px high").arg(screen, w->objectName()).arg(w->height())));
            }
        };
        check("welcome");
        QTest::mouseClick(find<QPushButton>(kiosk->window(), "welcomeLogIn"), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::LogIn);
        check("log in");
        // No QQ at a kiosk, and the screen says why.
        QVERIFY(!find<QPushButton>(kiosk->loginPage(), "qqLogIn")->isVisible());
        QVERIFY(!find<QPushButton>(kiosk->loginPage(), "keptDocuments")->isVisible());
        QVERIFY(find<QLabel>(kiosk->loginPage(), "kioskNoQq")->isVisible());
        QTest::mouseClick(kiosk->window()->staffButton(), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Pin);
        check("staff PIN");
        // «Back» returns to the login, as it was.
        QPointer<LoginWindow> login = kiosk->loginPage();
        QTest::mouseClick(find<QPushButton>(kiosk->pinPad(), "pinBack"), Qt::LeftButton);
        QCOMPARE(kiosk->screen(), Kiosk::Screen::LogIn);
        QCOMPARE(kiosk->loginPage(), login.data());
    }

    void testLanguageSwitchAndBack()
    {
        auto kiosk = startKiosk(config());
        QPushButton *toChinese = find<QPushButton>(kiosk->window(), "welcomeLanguage");
        QCOMPARE(toChinese->text(), QStringLiteral("中文"));
        QTest::mouseClick(toChinese, Qt::LeftButton);
        QCOMPARE(kiosk->language(), QStringLiteral("zh_CN"));
        QCOMPARE(find<QPushButton>(kiosk->window(), "welcomeLogIn")->text(), QStringLiteral("登录"));
        QCOMPARE(find<QPushButton>(kiosk->window(), "welcomeLanguage")->text(), QStringLiteral("English"));
        QVERIFY(kiosk->window()->hint().contains(QStringLiteral("注册新用户")));
        QSignalSpy wiped(kiosk.get(), &Kiosk::wiped);
        // «返回开始» from the login page is the same person going back: the language they chose stays.
        QTest::mouseClick(find<QPushButton>(kiosk->window(), "welcomeLogIn"), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::LogIn);
        QTest::mouseClick(find<QPushButton>(kiosk->window(), "kioskEnd"), Qt::LeftButton);
        QVERIFY(wiped.wait(20000));
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);
        QCOMPARE(kiosk->language(), QStringLiteral("zh_CN"));
        // So does a staff member's, who opened the panel from that screen.
        QTest::mouseClick(kiosk->window()->staffButton(), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Pin);
        typePin(*kiosk, m_pin);
        waitForScreen(*kiosk, Kiosk::Screen::Staff);
        QCOMPARE(kiosk->language(), QStringLiteral("zh_CN"));
        QCOMPARE(find<QPushButton>(kiosk->window(), "staffBack")->text(), QStringLiteral("返回欢迎页"));
        // The next candidate gets the terminal's language again.
        wiped.clear();
        kiosk->endSession();
        QVERIFY(wiped.count() || wiped.wait(20000));
        QCOMPARE(kiosk->language(), QStringLiteral("en"));
        QCOMPARE(find<QPushButton>(kiosk->window(), "welcomeLogIn")->text(), QStringLiteral("Log in"));
    }

    // The welcome screen says when the registration service cannot be reached, and «Log in» and «Register» wait
    // for it (disabled, saying why) instead of leading to a form that cannot work; once it answers, they are back.
    void testWelcomeSaysWhenTheServerIsAway()
    {
        TestHttp hooks(*m_server);
        QCOMPARE(hooks.injectFault("/meta", "unavailable", 1), 204);
        auto kiosk = startKiosk(config());
        kiosk->setServerCheckMs(200);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(kiosk->window(), "welcomeOffline")->isVisible(), 15000);
        auto *logIn = find<QPushButton>(kiosk->window(), "welcomeLogIn");
        QVERIFY(!logIn->isEnabled());
        QVERIFY(!logIn->toolTip().isEmpty());
        QVERIFY(!find<QPushButton>(kiosk->window(), "welcomeRegister")->isEnabled());
        QVERIFY2(!kiosk->window()->hint().contains("Log in"), qPrintable(kiosk->window()->hint()));

        // The screen keeps looking by itself; the server answers the next look, and the way in is open again.
        QTRY_VERIFY_WITH_TIMEOUT(logIn->isEnabled(), 15000);
        QVERIFY(!find<QLabel>(kiosk->window(), "welcomeOffline")->isVisible());
        QVERIFY(find<QPushButton>(kiosk->window(), "welcomeRegister")->isEnabled());
        QVERIFY2(kiosk->window()->hint().contains("Log in"), qPrintable(kiosk->window()->hint()));
        // «Log in»: the account field has the keyboard, ready for the first letter.
        QVERIFY(QTest::qWaitForWindowActive(kiosk->window()));
        QTest::mouseClick(logIn, Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::LogIn);
        QTRY_VERIFY(find<QLineEdit>(kiosk->loginPage(), "account")->hasFocus());
    }

    // A candidate leaves while the server is away: the terminal is wiped all the same, and the session, which the
    // server could not end then, is ended on the server as soon as it answers (its old token then gets 401).
    void testSessionLeftWhileTheServerIsAwayIsRevokedLater()
    {
        TestHttp hooks(*m_server);
        hooks.registerAndLogIn("kiosk.leaver");
        auto kiosk = startKiosk(config());
        kiosk->setServerCheckMs(200);
        logIn(*kiosk, hooks, "kiosk.leaver", "Secret-pass-1");
        if (QTest::currentTestFailed())
            return;
        const QString token = kiosk->api()->accessToken();
        TestHttp candidate(*m_server);
        candidate.setToken(token);
        // Before the agreement there is no registration (404): the token itself is accepted (no 401).
        QCOMPARE(candidate.get("/api/v1/registrations/current").status, 404);
        // Every session request fails for a while (the logout with all its retries, and the first later tries).
        QCOMPARE(hooks.injectFault("/sessions", "unavailable", 12), 204);
        QSignalSpy wiped(kiosk.get(), &Kiosk::wiped);
        kiosk->endSession();
        QVERIFY(wiped.count() || wiped.wait(20000));
        QVERIFY(wiped.first().at(0).toBool());
        QCOMPARE(kiosk->unrevokedSessions(), 1);
        QCOMPARE(candidate.get("/api/v1/registrations/current").status, 404); // still valid on the server
        QTRY_COMPARE_WITH_TIMEOUT(kiosk->unrevokedSessions(), 0, 30000);
        QCOMPARE(candidate.get("/api/v1/registrations/current").status, 401);
    }

    // Five wrong PINs lock the gate with a countdown on screen; the right PIN opens the staff panel.
    void testStaffPinGate()
    {
        auto kiosk = startKiosk(config());
        QVERIFY(QTest::qWaitForWindowActive(kiosk->window()));
        QTest::mouseClick(kiosk->window()->staffButton(), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Pin);
        // From the welcome screen too, the PIN field has the keyboard: a PIN typed on a keyboard is not lost.
        QTRY_VERIFY(find<QLineEdit>(kiosk->pinPad(), "staffPin")->hasFocus());
        QLabel *status = find<QLabel>(kiosk->pinPad(), "staffPinStatus");
        typePin(*kiosk, QStringLiteral("111111"));
        QVERIFY2(status->text().contains("4 tries left"), qPrintable(status->text()));
        QCOMPARE(find<QLineEdit>(kiosk->pinPad(), "staffPin")->text(), QString());
        typePin(*kiosk, m_pin);
        waitForScreen(*kiosk, Kiosk::Screen::Staff);
        QVERIFY(!kiosk->window()->hint().isEmpty());
        QTest::mouseClick(find<QPushButton>(kiosk->window(), "staffBack"), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);

        QTest::mouseClick(kiosk->window()->staffButton(), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Pin);
        for (int i = 0; i < PinGate::kAttempts; ++i)
            typePin(*kiosk, QStringLiteral("111111"));
        QVERIFY(kiosk->pinGate().isLocked());
        QVERIFY2(status->text().contains("5:00") || status->text().contains("4:59"), qPrintable(status->text()));
        QVERIFY(!find<QPushButton>(kiosk->pinPad(), "pinKey4")->isEnabled());
        QVERIFY(!find<QLineEdit>(kiosk->pinPad(), "staffPin")->isEnabled());
        // The countdown moves on screen.
        const QString before = status->text();
        QTRY_VERIFY_WITH_TIMEOUT(status->text() != before, 5000);
        // The right PIN typed on a keyboard does nothing while locked.
        QTest::keyClicks(find<QLineEdit>(kiosk->pinPad(), "staffPin"), m_pin);
        QTest::keyClick(find<QLineEdit>(kiosk->pinPad(), "staffPin"), Qt::Key_Return);
        QVERIFY(!kiosk->pinGate().isChecking());
        QCOMPARE(kiosk->screen(), Kiosk::Screen::Pin);
        // A restart (the service starts the kiosk again) keeps the lock.
        kiosk.reset();
        Kiosk again(config(), m_translations);
        QVERIFY(again.pinGate().isLocked());
    }

    // Idle: the countdown shows over the screen; a touch cancels it; at zero the session ends and is wiped.
    void testIdleCountdown()
    {
        KioskConfig c = config();
        c.idleSeconds = 1;
        c.countdownSeconds = 2;
        auto kiosk = startKiosk(c);
        QSignalSpy started(&kiosk->idle(), &IdleWatcher::countdownStarted);
        QSignalSpy expired(&kiosk->idle(), &IdleWatcher::expired);
        QSignalSpy wiped(kiosk.get(), &Kiosk::wiped);
        QTest::mouseClick(find<QPushButton>(kiosk->window(), "welcomeLogIn"), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::LogIn);
        QVERIFY(started.wait(10000));
        IdleOverlay *overlay = kiosk->window()->idleOverlay();
        QVERIFY(overlay->isVisible());
        QCOMPARE(overlay->shownSeconds(), 2);
        QVERIFY(find<QLabel>(overlay, "idleText")->text().contains("2 seconds"));
        // Any touch or key cancels it, and does nothing else: the key is not typed...
        QTest::keyClick(find<QLineEdit>(kiosk->loginPage(), "account"), Qt::Key_A);
        QVERIFY(!overlay->isVisible());
        QCOMPARE(kiosk->screen(), Kiosk::Screen::LogIn);
        QCOMPARE(find<QLineEdit>(kiosk->loginPage(), "account")->text(), QString());
        QTest::keyClick(find<QLineEdit>(kiosk->loginPage(), "account"), Qt::Key_A); // the next one is
        QCOMPARE(find<QLineEdit>(kiosk->loginPage(), "account")->text(), QStringLiteral("a"));
        // ...and a touch that lands on a button under the warning does not press it (it once opened a page, and
        // could have ended the session).
        started.clear();
        QVERIFY(started.wait(10000));
        QVERIFY(overlay->isVisible());
        QTest::mouseClick(find<QPushButton>(kiosk->window(), "kioskEnd"), Qt::LeftButton);
        QVERIFY(!overlay->isVisible());
        QCOMPARE(kiosk->screen(), Kiosk::Screen::LogIn);
        QCOMPARE(wiped.count(), 0);
        // Left alone: the countdown again, then the wipe and a fresh welcome.
        QVERIFY(started.wait(10000));
        QVERIFY(expired.wait(10000));
        QVERIFY(wiped.count() || wiped.wait(20000));
        QVERIFY(wiped.last().at(0).toBool());
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);
        QVERIFY(!overlay->isVisible());
        QVERIFY(!kiosk->loginPage());
    }

    // A walk-in pays by the QR code on screen (no browser): the page asks the platform by itself until the payment
    // arrives; then the registration form prints straight to the terminal's printer, no dialog.
    void testPayByQrCodeAndPrint()
    {
        TestHttp hooks(*m_server);
        hooks.registerAndLogIn("kiosk.payer");
        auto kiosk = startKiosk(config());
        kiosk->setPaymentPollMs(200);
        logIn(*kiosk, hooks, "kiosk.payer", "Secret-pass-1");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *kiosk->flow();
        auto run = [&](std::function<void(RegistrationFlow::Done)> call) { return waitFor<Result<void, Problem>>(std::move(call)); };
        QVERIFY(run([&](auto done) { flow.acceptAgreement(done); }).ok());
        flow.editProfile(residentProfile(QStringLiteral("110105199003078772")));
        QVERIFY(run([&](auto done) { flow.saveProfile(done); }).ok());
        const auto subjects = waitFor<Result<QList<Subject>, Problem>>([&](auto done) { flow.subjects("bj-buu", done); });
        QVERIFY(subjects.ok() && !subjects->isEmpty());
        QVERIFY(run([&](auto done) { flow.chooseSubjects("bj-buu", {subjects->first().id}, done); }).ok());
        QVERIFY(run([&](auto done) { flow.submit(true, done); }).ok());
        QVERIFY(run([&](auto done) { flow.uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());

        MainWindow *main = kiosk->registrationPage();
        QVERIFY(!find<QPushButton>(main, "changePassword")->isVisible()); // at home, not at a public terminal
        QVERIFY(!kiosk->loginPage() || !kiosk->loginPage()->findChild<QPushButton *>("changePassword")->isVisibleTo(kiosk->loginPage()));
        main->openStep(FlowStep::Payment);
        auto *payment = qobject_cast<PaymentPage *>(main->tabs()->currentWidget());
        QVERIFY(payment);
        QVERIFY2(kiosk->window()->hint().contains("QR code"), qPrintable(kiosk->window()->hint())); // the page shown
        // A page's focused button going disabled (as «Pay» does once pressed) hands the focus on, never to the
        // button that ends the session: a Space meant for the page must not log the candidate out.
        QVERIFY(QTest::qWaitForWindowActive(kiosk->window()));
        find<QPushButton>(payment, "pay")->setFocus();
        QTRY_VERIFY(find<QPushButton>(payment, "pay")->hasFocus());
        find<QPushButton>(payment, "pay")->setEnabled(false);
        QVERIFY(QApplication::focusWidget() != find<QPushButton>(kiosk->window(), "kioskEnd"));
        find<QPushButton>(payment, "pay")->setEnabled(true);
        QTest::mouseClick(find<QPushButton>(payment, "pay"), Qt::LeftButton);
        if (find<QWidget>(payment, "paymentConfirm")->isVisible())
            QTest::mouseClick(find<QPushButton>(payment, "paymentConfirmYes"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(payment, "payLink")->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(payment, "paymentStatus")->text().contains("Scan the code"), 20000);
        QVERIFY(!find<QPushButton>(payment, "copyPayUrl")->isVisible());
        // The open order's code is on the page: a second touch of «Pay» (a double tap) has nothing to reopen.
        QVERIFY(!find<QPushButton>(payment, "pay")->isVisible());
        QVERIFY(!find<QLabel>(payment, "paymentStatus")->text().contains("reopened"));
        const QString payUrl = flow.registration()->payment->payUrl;
        QCOMPARE(readQrCode(find<QLabel>(payment, "payQrCode")->pixmap()), payUrl);
        // Shown whole, at a size a phone reads from arm's length (at least 250 px), and nothing drawn over it.
        auto *qr = find<QLabel>(payment, "payQrCode");
        QCOMPARE(qr->size(), qr->pixmap().size());
        QVERIFY(qr->width() >= 250);
        QCOMPARE(readQrCode(qr->grab()), payUrl);
        for (auto *text : {find<QLabel>(payment, "payUrl"), find<QLabel>(payment, "paymentStatus")})
            QVERIFY(!QRect(qr->mapTo(payment, QPoint()), qr->size()).intersects(QRect(text->mapTo(payment, QPoint()), text->size())));
        // Paid on the phone; the platform tells nobody (notify none): the page's own polling finds it.
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + flow.registration()->payment->id + "/complete",
                            {{"notify", "none"}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(flow.state() && *flow.state() == RegistrationState::Paid, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(payment, "paymentStatus")->text().contains("Paid"), 20000);
        // The banner follows: no longer «scan the QR code», but where to go next.
        QTRY_VERIFY2(kiosk->window()->hint().contains("payment has arrived"), qPrintable(kiosk->window()->hint()));

        main->openStep(FlowStep::Documents);
        auto *documents = qobject_cast<DocumentsPage *>(main->tabs()->currentWidget());
        QVERIFY(documents);
        QVERIFY(!find<QPushButton>(documents, "pdfSaveAs")->isVisible()); // nothing is saved at a kiosk
        QVERIFY2(kiosk->window()->hint().contains("print your registration form"), qPrintable(kiosk->window()->hint()));
        QSignalSpy shown(documents, &DocumentsPage::pageShown);
        QTest::mouseClick(find<QPushButton>(documents, "fetchForm"), Qt::LeftButton);
        QVERIFY(shown.wait(20000));
        QSignalSpy printed(documents->viewer(), &PdfViewer::printFinished);
        // A double tap prints once: the second touch finds «Print» resting.
        QTest::mouseClick(find<QPushButton>(documents, "pdfPrint"), Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(documents, "pdfPrint"), Qt::LeftButton);
        QVERIFY(printed.count() || printed.wait(60000));
        QVERIFY(printed.last().at(0).toBool());
        QCOMPARE(printed.count(), 1);
        QVERIFY(find<QLabel>(documents, "documentsStatus")->text().contains("printer"));
        const QStringList prints = QDir(m_prints.path()).entryList({"*.pdf"}, QDir::Files);
        QCOMPARE(prints.size(), 1);
        QFile out(QDir(m_prints.path()).filePath(prints.first()));
        QVERIFY(out.open(QIODevice::ReadOnly));
        PdfDocument pdf;
        QCOMPARE(pdf.open(out.readAll()), PdfDocument::OpenResult::Opened);
        QCOMPARE(pdf.pageCount(), documents->pageCount());
        QFile::remove(out.fileName());

        // A printer that is gone: the candidate is told, in words, and nothing else happens.
        KioskConfig gone = config();
        gone.printer = QStringLiteral("no-such-queue");
        const auto refused = KioskPrinter(gone).print(pdf, QStringLiteral("form"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::PrintFailed);
    }

    // Staff behind the PIN: a staff account of another site is refused; the site's own reviews a candidate with the
    // photo checks run here, sees a decision made at another terminal, returns one with a reason, and confirms a
    // paid candidate on site, printing the slip. Another site's candidate cannot be found.
    void testStaffReviewAndOnSiteConfirmation()
    {
        TestHttp hooks(*m_server);
        TestHttp a(*m_server), b(*m_server), elsewhere(*m_server);
        const QString idA = candidateUpToReview(a, "kiosk.ra", "440106199001010013", "bj-bit");
        const QString idB = candidateUpToReview(b, "kiosk.rb", "440106199102020026", "bj-bit");
        candidateUpToReview(elsewhere, "kiosk.rc", "440106199203030039", "bj-buu", false);
        QVERIFY(!idA.isEmpty() && !idB.isEmpty());
        const QString order = elsewhere.post("/api/v1/registrations/current/payments").json().value("id").toString();
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + order + "/complete", {{"notify", "now"}}).status, 200);

        auto kiosk = startKiosk(config());
        openStaffPanel(*kiosk);
        StaffPanel *panel = kiosk->staffPanel();
        QVERIFY(panel);
        // Another site's staff: logged out again, with the reason.
        QSignalSpy refused(panel, &StaffPanel::loginRefused);
        staffLogIn(panel, hooks, "staff.cuc");
        QVERIFY(refused.wait(20000));
        // Named as staff know the sites, not by their codes.
        QTRY_VERIFY2(find<QLabel>(panel, "staffError")->text().contains(QString::fromUtf8("中国传媒大学考点")),
                     qPrintable(find<QLabel>(panel, "staffError")->text()));
        QVERIFY(!find<QLabel>(panel, "staffError")->text().contains("bj-cuc"));
        QTRY_VERIFY_WITH_TIMEOUT(!kiosk->auth()->isLoggedIn(), 20000);
        QSignalSpy jobs(panel, &StaffPanel::jobsShown);
        staffLogIn(panel, hooks, "staff.bit");
        QVERIFY(jobs.wait(20000));

        ReviewPanel *review = panel->reviewPanel();
        QListWidget *pending = find<QListWidget>(review, "reviewPending");
        QTRY_VERIFY_WITH_TIMEOUT(pending->count() >= 2, 20000);
        QStringList rows;
        for (int i = 0; i < pending->count(); ++i)
            rows << pending->item(i)->text();
        QVERIFY2(!rows.join('\n').contains("4401061990"), qPrintable(rows.join('\n')));       // masked...
        QVERIFY2(rows.join('\n').contains(QStringLiteral("*0013")), qPrintable(rows.join('\n'))); // ...but for the last 4
        QSignalSpy shown(review, &ReviewPanel::candidateShown);
        review->openCandidate(idA);
        QVERIFY(shown.wait(30000));
        QVERIFY(!find<QLabel>(review, "reviewPhoto")->pixmap().isNull());
        QVERIFY2(find<QLabel>(review, "reviewChecks")->text().contains("passes every check"),
                 qPrintable(find<QLabel>(review, "reviewChecks")->text()));
        QVERIFY(find<QLabel>(review, "reviewData")->text().contains(QStringLiteral("**************0013")));
        QVERIFY(!find<QLabel>(review, "reviewData")->text().contains(QStringLiteral("440106199001010013")));
        QVERIFY(find<QPushButton>(review, "reviewApprove")->isEnabled());

        // Another terminal approves A meanwhile: the queue, polled by itself, says who, and A is no longer decidable here.
        TestHttp other(*m_server);
        other.setToken(other.logIn("staff.bit", "Staff-demo-1"));
        QCOMPARE(other.post("/api/v1/staff/registrations/" + idA + "/decision", {{"decision", "approve"}}).status, 200);
        QListWidget *decided = find<QListWidget>(review, "reviewDecided");
        QTRY_VERIFY_WITH_TIMEOUT(decided->count() >= 1, 20000);
        QVERIFY(decided->item(0)->text().contains("staff.bit"));
        QVERIFY(find<QLabel>(review, "reviewStatus")->text().contains("meanwhile"));
        QVERIFY(!find<QPushButton>(review, "reviewApprove")->isEnabled());

        // B: returned, and a reason is required.
        review->openCandidate(idB);
        QVERIFY(shown.wait(30000));
        QSignalSpy decisions(review, &ReviewPanel::decided);
        QTest::mouseClick(find<QPushButton>(review, "reviewReject"), Qt::LeftButton);
        QVERIFY(find<QLabel>(review, "reviewStatus")->text().contains("reason"));
        QCOMPARE(decisions.count(), 0);
        QCOMPARE(find<QComboBox>(review, "reviewReason")->currentText(), QString()); // nothing picked yet
        find<QComboBox>(review, "reviewReason")->setCurrentIndex(1); // the head size
        QTest::mouseClick(find<QPushButton>(review, "reviewReject"), Qt::LeftButton);
        QVERIFY(decisions.wait(20000));
        QVERIFY(decisions.last().at(1).toBool());
        const QJsonObject rejected = b.get("/api/v1/registrations/current").json();
        QCOMPARE(rejected.value("state").toString(), QStringLiteral("review_rejected"));
        // A common reason reaches the candidate in both languages, whichever the staff member reads.
        const QString reason = rejected.value("review").toObject().value("reason").toString();
        QVERIFY2(reason.contains("head") && reason.contains(QString::fromUtf8("头部")), qPrintable(reason));

        // A pays; at the desk staff look A up by the number (a scanner types it and Enter), compare and confirm.
        const QString orderA = a.post("/api/v1/registrations/current/payments").json().value("id").toString();
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + orderA + "/complete", {{"notify", "now"}}).status, 200);
        panel->tabs()->setCurrentIndex(1);
        ConfirmationPanel *confirm = panel->confirmationPanel();
        // The number field has the keyboard as soon as the tab shows: a scanner's number lands in it.
        QVERIFY(QTest::qWaitForWindowActive(kiosk->window()));
        QTRY_VERIFY(find<QLineEdit>(confirm, "confirmNumber")->hasFocus());
        QSignalSpy found(confirm, &ConfirmationPanel::candidateShown);
        QTest::keyClicks(find<QLineEdit>(confirm, "confirmNumber"), "440106199203030039"); // bj-buu's candidate
        QTest::keyClick(find<QLineEdit>(confirm, "confirmNumber"), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(confirm, "confirmStatus")->text().contains("No registration"), 20000);
        QCOMPARE(found.count(), 0);
        QTest::keyClicks(find<QLineEdit>(confirm, "confirmNumber"), "440106199001010013");
        QTest::keyClick(find<QLineEdit>(confirm, "confirmNumber"), Qt::Key_Return);
        QVERIFY(found.wait(20000));
        QVERIFY(!find<QLabel>(confirm, "confirmPhoto")->pixmap().isNull());
        QVERIFY(find<QPushButton>(confirm, "confirmOnSite")->isEnabled());
        QSignalSpy confirmed(confirm, &ConfirmationPanel::confirmed);
        QTest::mouseClick(find<QPushButton>(confirm, "confirmOnSite"), Qt::LeftButton);
        QVERIFY(confirmed.wait(30000));
        QVERIFY(confirmed.last().at(1).toBool());
        QCOMPARE(a.get("/api/v1/registrations/current").json().value("state").toString(), QStringLiteral("confirmed"));
        const QStringList slips = QDir(m_prints.path()).entryList({"*.pdf"}, QDir::Files);
        QCOMPARE(slips.size(), 1);
        QFile slip(QDir(m_prints.path()).filePath(slips.first()));
        QVERIFY(slip.open(QIODevice::ReadOnly));
        PdfDocument pdf;
        QCOMPARE(pdf.open(slip.readAll()), PdfDocument::OpenResult::Opened);
        QCOMPARE(pdf.pageCount(), 1);
        QFile::remove(slip.fileName());

        // «退出自助终端模式» takes a second touch; one alone closes nothing.
        QSignalSpy quit(kiosk.get(), &Kiosk::quitRequested);
        QTest::mouseClick(find<QPushButton>(panel, "staffLeave"), Qt::LeftButton);
        QCOMPARE(kiosk->screen(), Kiosk::Screen::Staff);
        QCOMPARE(quit.count(), 0);
        // A double tap is one gesture: its second touch does not count as the second one.
        QTest::mouseClick(find<QPushButton>(panel, "staffLeave"), Qt::LeftButton);
        QCOMPARE(quit.count(), 0);
        // A reprint of the slip, for a printer that jammed.
        QTest::mouseClick(find<QPushButton>(confirm, "confirmReprint"), Qt::LeftButton);
        QTRY_COMPARE(QDir(m_prints.path()).entryList({"*.pdf"}, QDir::Files).size(), 1);
        for (const QString &name : QDir(m_prints.path()).entryList({"*.pdf"}, QDir::Files))
            QFile::remove(QDir(m_prints.path()).filePath(name));
        // «返回»: the staff session ends on the server and is wiped like a candidate's.
        const QString token = kiosk->api()->accessToken();
        QSignalSpy wiped(kiosk.get(), &Kiosk::wiped);
        QTest::mouseClick(find<QPushButton>(panel, "staffBack"), Qt::LeftButton);
        QVERIFY(wiped.wait(20000));
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);
        TestHttp stale(*m_server);
        stale.setToken(token);
        QCOMPARE(stale.get("/api/v1/staff/reviews").status, 401);
    }

    // The photo from the terminal's camera (frames fed through the camera interface) and from a USB stick (a folder
    // standing for the mounted volume): both go through the same photo pipeline and upload; without a camera the
    // dialog says so.
    void testPhotoFromCameraAndUsbStick()
    {
        TestHttp hooks(*m_server);
        hooks.registerAndLogIn("kiosk.photo");
        QTemporaryDir stick;
        const QByteArray compliant = PhotoFixtures::compliantJpeg();
        // A camera frame (4:3) whose composition frame holds the compliant portrait; the rest is the room.
        QImage frame(960, 720, QImage::Format_RGB32);
        frame.fill(QColor(90, 90, 96));
        {
            QPainter p(&frame);
            p.drawImage(CameraDialog::guide(frame.size()), QImage::fromData(compliant, "JPEG"));
        }
        QImage dark(960, 720, QImage::Format_RGB32);
        dark.fill(Qt::black);
        bool cameraMissing = false;
        auto kiosk = startKiosk(config());
        kiosk->setPhotoSources(
            [&](QObject *parent) -> FrameSource * {
                return new FrameSequence({dark, frame}, cameraMissing ? QStringLiteral("No camera is connected to this terminal.") : QString(), parent);
            },
            [&]() { return QStringList{stick.path()}; });
        logIn(*kiosk, hooks, "kiosk.photo", "Secret-pass-1");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *kiosk->flow();
        auto run = [&](std::function<void(RegistrationFlow::Done)> call) { return waitFor<Result<void, Problem>>(std::move(call)); };
        QVERIFY(run([&](auto done) { flow.acceptAgreement(done); }).ok());
        flow.editProfile(residentProfile(QStringLiteral("440106199304040041")));
        QVERIFY(run([&](auto done) { flow.saveProfile(done); }).ok());
        QVERIFY(run([&](auto done) { flow.chooseSubjects("bj-buu", {"15"}, done); }).ok());
        QVERIFY(run([&](auto done) { flow.submit(true, done); }).ok());

        MainWindow *main = kiosk->registrationPage();
        main->openStep(FlowStep::Photo);
        auto *photo = qobject_cast<PhotoPage *>(main->tabs()->currentWidget());
        QVERIFY(photo);
        QVERIFY(!find<QPushButton>(photo, "choosePhoto")->isVisible()); // no file dialog at a kiosk
        QPushButton *camera = find<QPushButton>(photo, "kioskCamera");
        QTRY_VERIFY_WITH_TIMEOUT(camera->isEnabled(), 20000);

        // The camera: the live preview, then the capture into the photo checks.
        QTest::mouseClick(camera, Qt::LeftButton);
        QPointer<QDialog> dialog = photo->cameraDialog();
        QVERIFY(dialog && dialog->isVisible());
        QLabel *preview = find<QLabel>(dialog, "cameraPreview");
        QTRY_VERIFY_WITH_TIMEOUT(!preview->pixmap().isNull(), 20000);
        QPushButton *capture = find<QPushButton>(dialog, "cameraCapture");
        QVERIFY(capture->isEnabled());
        // Capture the frame with the candidate in it (the sequence alternates with a dark one).
        auto *source = dialog->findChild<FrameSequence *>();
        QVERIFY(source);
        QSignalSpy frames(source, &FrameSource::frameReady);
        do {
            QVERIFY(frames.wait(5000));
        } while (frames.last().at(0).value<QImage>().pixel(10, 10) == dark.pixel(10, 10));
        QSignalSpy checked(photo, &PhotoPage::checked);
        QTest::mouseClick(capture, Qt::LeftButton);
        QVERIFY(checked.wait(30000));
        QTRY_VERIFY(!dialog); // closed (and deleted) with the capture
        QVERIFY2(photo->findings().isEmpty(), qPrintable(photo->findings().join(", ")));
        QVERIFY(!photo->preparedJpeg().isEmpty());

        // No camera: the page says so when it shows, and the camera button rests (no dialog with nothing in it).
        cameraMissing = true;
        main->openStep(FlowStep::Profile);
        main->openStep(FlowStep::Photo);
        QVERIFY(!camera->isEnabled());
        QVERIFY(find<QLabel>(photo, "kioskCameraNote")->isVisible());
        QVERIFY(find<QLabel>(photo, "kioskCameraNote")->text().contains("No camera"));
        // In the column beside the photo, one under the other, the note as wide as the column (it once stood
        // between the buttons in a column one character wide, and the buttons' texts were cut).
        QWidget *side = find<QWidget>(photo, "photoSide");
        for (QWidget *w : {static_cast<QWidget *>(camera), find<QWidget>(photo, "kioskCameraNote"), find<QWidget>(photo, "kioskMedia")})
            QVERIFY(side->isAncestorOf(w));
        photo->layout()->activate();
        QVERIFY(find<QLabel>(photo, "kioskCameraNote")->width() >= 200);
        // Plugged in again: the next time the page shows, the camera is offered again.
        cameraMissing = false;
        main->openStep(FlowStep::Profile);
        main->openStep(FlowStep::Photo);
        QVERIFY(camera->isEnabled());
        QVERIFY(!find<QLabel>(photo, "kioskCameraNote")->isVisible());
        // It stops working while in use: the dialog says so, and nothing can be captured.
        cameraMissing = true;
        QTest::mouseClick(camera, Qt::LeftButton);
        dialog = photo->cameraDialog();
        QVERIFY(dialog);
        QVERIFY(find<QLabel>(dialog, "cameraStatus")->text().contains("No camera"));
        QVERIFY(!find<QPushButton>(dialog, "cameraCapture")->isEnabled());
        QTest::mouseClick(find<QPushButton>(dialog, "cameraCancel"), Qt::LeftButton);
        QTRY_VERIFY(!dialog);

        // The USB stick: only its photos are offered; the chosen one goes through the same checks, and uploads.
        QFile jpeg(stick.filePath("DCIM/IMG_0001.JPG"));
        QDir().mkpath(stick.filePath("DCIM"));
        QVERIFY(jpeg.open(QIODevice::WriteOnly));
        jpeg.write(compliant);
        jpeg.close();
        QFile notes(stick.filePath("notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not a photo");
        notes.close();
        // A copy cut short (the stick pulled out while copying): listed by its name, but not offered for use.
        QFile cut(stick.filePath("DCIM/IMG_0002.JPG"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(compliant.left(compliant.size() / 2)); // an image reader shows it, half grey
        cut.close();
        QTest::mouseClick(find<QPushButton>(photo, "kioskMedia"), Qt::LeftButton);
        QPointer<QDialog> picker = photo->mediaDialog();
        QVERIFY(picker && picker->isVisible());
        QListWidget *list = find<QListWidget>(picker, "mediaImages");
        QCOMPARE(list->count(), 2);
        const int good = list->item(0)->text().contains("IMG_0001.JPG") ? 0 : 1;
        QVERIFY(list->item(good)->text().contains("IMG_0001.JPG"));
        list->setCurrentRow(1 - good);
        QVERIFY(!find<QPushButton>(picker, "mediaUse")->isEnabled());
        QVERIFY(find<QLabel>(picker, "mediaPreview")->text().contains("cannot be read"));
        list->setCurrentRow(good);
        QVERIFY(find<QPushButton>(picker, "mediaUse")->isEnabled());
        QVERIFY(!find<QLabel>(picker, "mediaPreview")->pixmap().isNull());
        QTest::mouseClick(find<QPushButton>(picker, "mediaUse"), Qt::LeftButton);
        QVERIFY(checked.wait(30000));
        QVERIFY2(photo->findings().isEmpty(), qPrintable(photo->findings().join(", ")));
        QSignalSpy uploaded(photo, &PhotoPage::uploaded);
        photo->upload();
        QVERIFY(uploaded.wait(30000));
        QVERIFY(flow.registration()->photo.has_value());
    }

    // Staff sessions time out too, sooner, with the same wipe and the server-side logout.
    void testStaffIdleEndsTheStaffSession()
    {
        KioskConfig c = config();
        c.idleSeconds = 60;
        c.staffIdleSeconds = 1;
        c.countdownSeconds = 2;
        auto kiosk = startKiosk(c);
        TestHttp hooks(*m_server);
        openStaffPanel(*kiosk);
        StaffPanel *panel = kiosk->staffPanel();
        QVERIFY(panel);
        QSignalSpy jobs(panel, &StaffPanel::jobsShown);
        staffLogIn(panel, hooks, "staff.bit");
        QVERIFY(jobs.wait(20000));
        const QString token = kiosk->api()->accessToken();
        QSignalSpy started(&kiosk->idle(), &IdleWatcher::countdownStarted);
        QSignalSpy wiped(kiosk.get(), &Kiosk::wiped);
        QVERIFY(started.wait(10000)); // after the staff idle time (1 s), not the candidates' (60 s)
        // In a staff member's words: their login ends, not "everything you entered".
        const QString warning = find<QLabel>(kiosk->window(), "idleText")->text();
        QVERIFY2(warning.contains("staff session") && !warning.contains("you entered"), qPrintable(warning));
        QVERIFY(wiped.wait(20000));
        QVERIFY(wiped.last().at(0).toBool());
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);
        TestHttp stale(*m_server);
        stale.setToken(token);
        QCOMPARE(stale.get("/api/v1/staff/reviews").status, 401);
        // And the candidates' idle time is back for the next one.
        QCOMPARE(kiosk->idle().idleMs(), 60 * 1000);
        QCOMPARE(kiosk->idle().countdownMs(), 2 * 1000);
    }

    // The walk-in candidate's whole visit, then the proof that nothing of theirs stays.
    void testNothingOfTheCandidateStays()
    {
        TestHttp hooks(*m_server);
        hooks.registerAndLogIn("kiosk.walkin");
        auto kiosk = startKiosk(config());
        logIn(*kiosk, hooks, "kiosk.walkin", "Secret-pass-1");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *kiosk->flow();
        auto run = [&](std::function<void(RegistrationFlow::Done)> call) { return waitFor<Result<void, Problem>>(std::move(call)); };
        const QString name = QString::fromUtf8("欧阳清扬");
        const QString idNumber = QStringLiteral("320102198806206411");
        QVERIFY(run([&](auto done) { flow.acceptAgreement(done); }).ok());
        Profile profile = residentProfile(idNumber);
        profile.setValue(ProfileField::Name, name);
        flow.editProfile(profile);
        QVERIFY(run([&](auto done) { flow.saveProfile(done); }).ok());
        const auto subjects = waitFor<Result<QList<Subject>, Problem>>([&](auto done) { flow.subjects("bj-bit", done); });
        QVERIFY(subjects.ok() && !subjects->isEmpty());
        QVERIFY(run([&](auto done) { flow.chooseSubjects("bj-bit", {subjects->first().id}, done); }).ok());
        QVERIFY(run([&](auto done) { flow.submit(true, done); }).ok());
        const QByteArray photo = PhotoFixtures::compliantJpeg();
        QVERIFY(run([&](auto done) { flow.uploadPhoto(photo, done); }).ok());
        // A draft typed and not yet saved (kept in the store), and what a camera, a print spool and a download leave.
        profile.setValue(ProfileField::Address, name + QStringLiteral(" 北京市海淀区学院路 37 号"));
        flow.editProfile(profile);
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        for (const auto &[path, bytes] : QList<QPair<QString, QByteArray>>{
                 {QDir::tempPath() + "/capture-0001.jpg", photo},
                 {QDir::tempPath() + "/print-spool.txt", name.toUtf8() + ' ' + idNumber.toUtf8()},
                 {data + "/downloads/form.part", QByteArray(reinterpret_cast<const char *>(name.utf16()), name.size() * 2)}}) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        QGuiApplication::clipboard()->setText(idNumber);
        const QString token = kiosk->api()->accessToken();
        QVERIFY(!token.isEmpty());

        QList<QPair<QString, QByteArray>> needles{
            {"name (UTF-8)", name.toUtf8()},
            {"name (UTF-16LE)", QByteArray(reinterpret_cast<const char *>(name.utf16()), name.size() * 2)},
            {"ID number (UTF-8)", idNumber.toUtf8()},
            {"ID number (UTF-16LE)", QByteArray(reinterpret_cast<const char *>(idNumber.utf16()), idNumber.size() * 2)},
            {"access token", token.toUtf8()},
        };
        QByteArray be;
        for (QChar c : name)
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
        needles.append({"name (UTF-16BE)", be});
        // Windows of the photo's entropy-coded data (not its headers, which every JPEG shares).
        for (int k = 2; k <= 6; ++k)
            needles.append({QStringLiteral("photo window %1").arg(k), photo.mid(photo.size() * k / 8, 32)});
        // The scan finds what is there: the planted files before the wipe.
        const QStringList before = filesHolding(m_home.path(), needles);
        QVERIFY2(before.size() >= 4, qPrintable(before.join('\n')));

        QSignalSpy wiped(kiosk.get(), &Kiosk::wiped);
        QTest::mouseClick(kiosk->window()->endButton(), Qt::LeftButton);
        QVERIFY(wiped.wait(20000));
        QVERIFY(wiped.last().at(0).toBool());
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);

        const QStringList after = filesHolding(m_home.path(), needles);
        QVERIFY2(after.isEmpty(), qPrintable(after.join('\n')));
        QVERIFY(!QFile::exists(Kiosk::storePath()));
        QVERIFY(!QFile::exists(Kiosk::storePath() + "-wal"));
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        QVERIFY(!kiosk->flow());
        QVERIFY(!kiosk->api());
        // The session ended on the server too.
        TestHttp stranger(*m_server);
        stranger.setToken(token);
        QCOMPARE(stranger.get("/api/v1/registrations/current").status, 401);
        // What the candidate saved on the server stays there.
        TestHttp owner(*m_server);
        owner.setToken(owner.logIn("kiosk.walkin", "Secret-pass-1"));
        QVERIFY(owner.get("/api/v1/registrations/current").json().value("profile").toObject().value("name").toString() == name);
    }
};

QTEST_MAIN(TestKiosk)
#include "TestKiosk.moc"
