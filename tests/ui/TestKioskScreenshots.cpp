#include "AsyncWait.h"
#include "FrameSequence.h"
#include "IdleOverlay.h"
#include "KioskDriver.h"
#include "MainWindow.h"
#include "PaymentPage.h"
#include "PhotoPage.h"
#include "SecretBox.h"
#include "Translations.h"
#include "integration/FlowRig.h"
#include "kiosk/CameraDialog.h"

#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QListWidget>
#include <QPainter>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace ncre;
using namespace KioskDriver;

// Every kiosk screen in Chinese and English, against a real server: the pictures of docs/kiosk.md. With
// NCRE_SCREENSHOTS_DIR set they are written there (scripts/screenshots does). Always: each is a real picture (not
// one colour), and the Chinese one differs from the English one.
class TestKioskScreenshots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_prints;
    QTemporaryDir m_stick;
    std::unique_ptr<ServerProcess> m_server;
    Translations m_translations;
    QString m_dir;
    QHash<QString, QImage> m_shots;
    int m_accounts = 0;

    void shoot(QWidget *w, const QString &name)
    {
        QVERIFY(w);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
        const QImage image = w->grab().toImage();
        QVERIFY2(!image.isNull(), qPrintable(name));
        // Not blank: more than one colour in a coarse sample.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 16)
            for (int x = 0; x < image.width(); x += 16)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 3, qPrintable(name + QStringLiteral(" is blank")));
        m_shots.insert(name, image);
        if (!m_dir.isEmpty())
            QVERIFY(image.save(QDir(m_dir).filePath(name + QStringLiteral(".png"))));
    }

    std::unique_ptr<Kiosk> start(const QString &language)
    {
        KioskConfig c;
        c.server = m_server->url(QString());
        c.site = QStringLiteral("bj-bit");
        c.printer = QStringLiteral("pdf:") + m_prints.path();
        c.staffPinHash = SecretBox::passwordVerifier(QStringLiteral("480213"));
        c.language = language;
        m_translations.install(language);
        auto kiosk = std::make_unique<Kiosk>(c, m_translations);
        if (!kiosk->start())
            return {};
        kiosk->window()->setFixedSize(1280, 800); // a terminal's screen, whatever the offscreen one is
        return kiosk;
    }

    static QString idNumber(int n)
    {
        // A valid resident ID (ISO 7064 MOD 11-2) per account.
        const QString first17 = QStringLiteral("4401061985%1%2%3")
                                    .arg(1 + n % 12, 2, 10, QLatin1Char('0'))
                                    .arg(1 + n % 28, 2, 10, QLatin1Char('0'))
                                    .arg(100 + n % 900, 3, 10, QLatin1Char('0'));
        static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; ++i)
            sum += first17.at(i).digitValue() * weights[i];
        return first17 + QStringLiteral("10X98765432").at(sum % 11);
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath("data")));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath("cache")));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath("config")));
        qputenv("XDG_STATE_HOME", QFile::encodeName(m_home.filePath("state")));
        QCoreApplication::setApplicationName(QStringLiteral("TestKioskScreenshots"));
        m_dir = qEnvironmentVariable("NCRE_SCREENSHOTS_DIR");
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->waitReady());
        QDir().mkpath(m_stick.filePath("DCIM"));
        QFile photo(m_stick.filePath("DCIM/IMG_0001.JPG"));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        photo.write(PhotoFixtures::compliantJpeg());
    }

    void testScreens_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addRow("zh") << "zh_CN";
        QTest::addRow("en") << "en";
    }
    void testScreens()
    {
        QFETCH(QString, language);
        const QString tag = language == QLatin1String("zh_CN") ? QStringLiteral("zh") : QStringLiteral("en");
        TestHttp hooks(*m_server);
        const QString account = QStringLiteral("kiosk.shot%1").arg(++m_accounts);
        hooks.registerAndLogIn(account);
        auto kiosk = start(language);
        QVERIFY(kiosk);
        QImage frame(960, 720, QImage::Format_RGB32);
        frame.fill(QColor(120, 124, 130));
        {
            QPainter p(&frame);
            p.drawImage(CameraDialog::guide(frame.size()), QImage::fromData(PhotoFixtures::compliantJpeg(), "JPEG"));
        }
        kiosk->setPhotoSources([frame](QObject *parent) -> FrameSource * { return new FrameSequence({frame}, {}, parent); },
                               [this]() { return QStringList{m_stick.path()}; });
        kiosk->setPaymentPollMs(60000);
        shoot(kiosk->window(), "kiosk-welcome-" + tag);

        // The countdown over the screen.
        IdleOverlay *overlay = kiosk->window()->idleOverlay();
        overlay->setGeometry(kiosk->window()->rect());
        overlay->showCountdown(27);
        overlay->show();
        overlay->raise();
        shoot(kiosk->window(), "kiosk-countdown-" + tag);
        overlay->hide();

        QTest::mouseClick(find<QPushButton>(kiosk->window(), "welcomeLogIn"), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::LogIn);
        QTRY_VERIFY_WITH_TIMEOUT(!kiosk->loginPage()->captchaId().isEmpty(), 20000);
        shoot(kiosk->window(), "kiosk-login-" + tag);
        QTest::mouseClick(kiosk->window()->endButton(), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Welcome);

        logIn(*kiosk, hooks, account, "Secret-pass-1");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *kiosk->flow();
        auto run = [&](std::function<void(RegistrationFlow::Done)> call) { return waitFor<Result<void, Problem>>(std::move(call)); };
        QVERIFY(run([&](auto done) { flow.acceptAgreement(done); }).ok());
        Profile profile = residentProfile(idNumber(m_accounts));
        profile.setValue(ProfileField::Name, language == QLatin1String("zh_CN") ? QString::fromUtf8("李明") : QString::fromUtf8("王芳"));
        flow.editProfile(profile);
        QVERIFY(run([&](auto done) { flow.saveProfile(done); }).ok());
        QVERIFY(run([&](auto done) { flow.chooseSubjects("bj-buu", {"15"}, done); }).ok());
        QVERIFY(run([&](auto done) { flow.submit(true, done); }).ok());
        shoot(kiosk->window(), "kiosk-registration-" + tag);

        MainWindow *main = kiosk->registrationPage();
        main->openStep(FlowStep::Photo);
        auto *photo = qobject_cast<PhotoPage *>(main->tabs()->currentWidget());
        QVERIFY(photo);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>(photo, "kioskCamera")->isEnabled(), 20000);
        QTest::mouseClick(find<QPushButton>(photo, "kioskCamera"), Qt::LeftButton);
        QDialog *camera = photo->cameraDialog();
        QVERIFY(camera);
        camera->resize(760, 700);
        QTRY_VERIFY_WITH_TIMEOUT(!find<QLabel>(camera, "cameraPreview")->pixmap().isNull(), 20000);
        shoot(camera, "kiosk-camera-" + tag);
        camera->reject();
        QTest::mouseClick(find<QPushButton>(photo, "kioskMedia"), Qt::LeftButton);
        QDialog *picker = photo->mediaDialog();
        QVERIFY(picker);
        picker->resize(900, 560);
        find<QListWidget>(picker, "mediaImages")->setCurrentRow(0);
        shoot(picker, "kiosk-usb-" + tag);
        QSignalSpy checked(photo, &PhotoPage::checked);
        QTest::mouseClick(find<QPushButton>(picker, "mediaUse"), Qt::LeftButton);
        QVERIFY(checked.wait(30000));
        QSignalSpy uploaded(photo, &PhotoPage::uploaded);
        photo->upload();
        QVERIFY(uploaded.wait(30000));

        main->openStep(FlowStep::Payment);
        auto *payment = qobject_cast<PaymentPage *>(main->tabs()->currentWidget());
        QVERIFY(payment);
        QTest::mouseClick(find<QPushButton>(payment, "pay"), Qt::LeftButton);
        if (find<QWidget>(payment, "paymentConfirm")->isVisible())
            QTest::mouseClick(find<QPushButton>(payment, "paymentConfirmYes"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(payment, "payLink")->isVisible(), 20000);
        shoot(kiosk->window(), "kiosk-payment-" + tag);
        const QString paidOrder = flow.registration()->payment->id;

        // Staff: the PIN pad, then the panel with a review and an on-site confirmation.
        TestHttp waiting(*m_server);
        const QString waitingId = candidateUpToReview(waiting, account + QStringLiteral(".r"), idNumber(100 + m_accounts), "bj-bit");
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + paidOrder + "/complete", {{"notify", "now"}}).status, 200);
        QTest::mouseClick(kiosk->window()->staffButton(), Qt::LeftButton);
        waitForScreen(*kiosk, Kiosk::Screen::Pin);
        shoot(kiosk->window(), "kiosk-pin-" + tag);
        typePin(*kiosk, QStringLiteral("480213"));
        waitForScreen(*kiosk, Kiosk::Screen::Staff);
        StaffPanel *panel = kiosk->staffPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->login()->captchaId().isEmpty(), 20000);
        shoot(kiosk->window(), "kiosk-staff-login-" + tag);
        QSignalSpy jobs(panel, &StaffPanel::jobsShown);
        staffLogIn(panel, hooks, "staff.bit");
        QVERIFY(jobs.wait(20000));
        ReviewPanel *review = panel->reviewPanel();
        QListWidget *pending = find<QListWidget>(review, "reviewPending");
        QTRY_VERIFY_WITH_TIMEOUT(pending->count() >= 1 && pending->item(0)->data(Qt::UserRole).isValid(), 20000);
        QSignalSpy shown(review, &ReviewPanel::candidateShown);
        review->openCandidate(pending->item(pending->count() - 1)->data(Qt::UserRole).toString());
        QVERIFY(shown.wait(30000));
        shoot(kiosk->window(), "kiosk-review-" + tag);
        // Approved and paid meanwhile: on-site confirmation finds them.
        TestHttp staff(*m_server);
        staff.setToken(staff.logIn("staff.bit", "Staff-demo-1"));
        QCOMPARE(staff.post("/api/v1/staff/registrations/" + waitingId + "/decision", {{"decision", "approve"}}).status, 200);
        const QString order = waiting.post("/api/v1/registrations/current/payments").json().value("id").toString();
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + order + "/complete", {{"notify", "now"}}).status, 200);
        panel->tabs()->setCurrentIndex(1);
        ConfirmationPanel *confirm = panel->confirmationPanel();
        QSignalSpy found(confirm, &ConfirmationPanel::candidateShown);
        find<QLineEdit>(confirm, "confirmNumber")->setText(idNumber(100 + m_accounts));
        confirm->lookUp();
        QVERIFY(found.wait(20000));
        shoot(kiosk->window(), "kiosk-confirm-" + tag);
    }

    void testChineseDiffersFromEnglish()
    {
        for (const char *shot : {"kiosk-welcome", "kiosk-login", "kiosk-review", "kiosk-pin"}) {
            const QString name = QString::fromLatin1(shot);
            const QImage zh = m_shots.value(name + QStringLiteral("-zh"));
            const QImage en = m_shots.value(name + QStringLiteral("-en"));
            QVERIFY2(!zh.isNull() && !en.isNull(), qPrintable(name));
            QVERIFY2(zh != en, qPrintable(name + QStringLiteral(": the Chinese picture is the English one")));
        }
    }
};

QTEST_MAIN(TestKioskScreenshots)
#include "TestKioskScreenshots.moc"
