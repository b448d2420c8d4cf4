#include "AgreementPage.h"
#include "AsyncWait.h"
#include "QrReader.h"
#include "ErrorText.h"
#include "HomePage.h"
#include "LoginWindow.h"
#include "MainWindow.h"
#include "DocumentsPage.h"
#include "Notifier.h"
#include "NoticesPage.h"
#include "PasswordDialog.h"
#include "PaymentPage.h"
#include "PhotoCropper.h"
#include "ReviewPage.h"
#include "PhotoPage.h"
#include "ProfilePage.h"
#include "RegisterDialog.h"
#include "photo/PhotoFixtureSet.h"
#include "SubjectsPage.h"
#include "SecretBox.h"
#include "StepBar.h"
#include "integration/ServerProcess.h"

#include <QCheckBox>
#include <QDialog>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QClipboard>
#include <QProcess>
#include <QGuiApplication>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>
#include <QFile>
#include <QDropEvent>
#include <QMimeData>
#include <QStatusBar>
#include <QTextBrowser>
#include <QDBusConnection>
#include <QLayout>
#include <QScopeGuard>
#include <QToolButton>
#include <QTreeWidget>
#include <QListView>

using namespace ncre;

// The desktop's notification service (Desktop Notifications Specification), played by the test on its own
// connection to the private session bus the test runs in (dbus-run-session): what NCRE Desk sends arrives here
// through the bus daemon, as it would at a GNOME shell.
class FakeNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    QStringList summaries;

public slots:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &, const QStringList &,
                const QVariantMap &, int)
    {
        summaries << summary;
        return uint(summaries.size());
    }
};

// The windows, offscreen, clicked and typed through against a real ncre-server --test-hooks: log in (a wrong
// password first), the main window's home tab, the agreement page.
class TestDeskWindows : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    template<typename T>
    static T *find(QWidget *root, const char *name)
    {
        T *w = root->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no %s", name);
        return w;
    }

    // A new candidate account, logged in through `auth` (the way LoginWindow does, captcha included).
    bool logInNewCandidate(ApiClient &api, AuthSession &auth, TestHttp &hooks, const char *username)
    {
        TestHttp candidate(*m_server);
        candidate.registerAndLogIn(username);
        [&]() { QVERIFY(api.setBaseUrl(m_server->url("")).ok()); }();
        LoginRequest login;
        login.username = QString::fromLatin1(username);
        login.password = QStringLiteral("Secret-pass-1");
        const auto captcha = waitFor<Result<Captcha, Problem>>([&](auto done) { api.createCaptcha(done); });
        if (!captcha)
            return false;
        login.captchaId = captcha->id;
        login.captchaAnswer = hooks.captchaAnswer(captcha->id);
        const bool ok = waitFor<Result<Session, Problem>>([&](auto done) { auth.logIn(login, done); }).ok();
        [&]() { QVERIFY2(ok, username); }();
        return ok && !QTest::currentTestFailed();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup() { m_server.reset(); }

    void testLogInThenAgreement()
    {
        TestHttp hooks(*m_server);
        ApiClient api;
        QVERIFY(api.setBaseUrl(m_server->url("")).ok());
        AuthSession auth(api);
        LoginWindow login(api, auth);
        QSignalSpy captcha(&login, &LoginWindow::captchaShown);
        login.show();
        QVERIFY(captcha.wait());
        QVERIFY(find<QLabel>(&login, "serverStatus")->text().contains(QStringLiteral("Connected")));

        // A wrong password: said in words under the form, and a new captcha comes.
        QTest::keyClicks(find<QLineEdit>(&login, "account"), "demo");
        QTest::keyClicks(find<QLineEdit>(&login, "password"), "Wrong-pass-1");
        QTest::keyClicks(find<QLineEdit>(&login, "captchaAnswer"), hooks.captchaAnswer(login.captchaId()));
        QTest::mouseClick(find<QPushButton>(&login, "logIn"), Qt::LeftButton);
        QVERIFY(captcha.wait());
        QLabel *error = find<QLabel>(&login, "error");
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), ErrorText::message(ErrorCode::AuthInvalidCredentials));

        QSignalSpy loggedIn(&login, &LoginWindow::loggedIn);
        find<QLineEdit>(&login, "password")->clear();
        QTest::keyClicks(find<QLineEdit>(&login, "password"), "Demo-pass-1");
        QTest::keyClicks(find<QLineEdit>(&login, "captchaAnswer"), hooks.captchaAnswer(login.captchaId()));
        QTest::keyClick(find<QLineEdit>(&login, "captchaAnswer"), Qt::Key_Return); // Enter submits
        QVERIFY(loggedIn.wait());
        QVERIFY(find<QLineEdit>(&login, "password")->text().isEmpty());

        TransferEngine transfers;
        QTemporaryDir dir;
        LocalStore store(SecretBox::newKey());
        QVERIFY(store.open(dir.filePath("desk.sqlite")).ok());
        RegistrationFlow flow(api, auth, transfers, &store);
        const auto started = waitFor<Result<void, Problem>>([&](auto done) { flow.start(done); });
        QVERIFY(started.ok());
        MainWindow main(flow, auth.account().username);
        main.show();
        QVERIFY(QTest::qWaitForWindowExposed(&main));
        QCOMPARE(find<QLabel>(&main, "topUser")->text(), QStringLiteral("User: demo"));
        QVERIFY(find<QLabel>(&main, "topExam")->text().contains(flow.exam()->name));
        StepBar *steps = find<StepBar>(&main, "stepBar");
        QCOMPARE(steps->current(), FlowStep::Agreement);
        QVERIFY(steps->steps().contains(FlowStep::Review)); // no site chosen yet: review may come
        QCOMPARE(find<QLabel>(&main, "homeNext")->text(), main.home()->nextStepText());
        QVERIFY(!find<QLabel>(&main, "homeCountdown")->text().isEmpty()); // registration closes in some days

        // «<<» hides the navigation; «>>» brings it back.
        QTreeWidget *nav = find<QTreeWidget>(&main, "navigation");
        QVERIFY(nav->isVisible());
        QTest::mouseClick(find<QToolButton>(&main, "toggleNav"), Qt::LeftButton);
        QVERIFY(!nav->isVisible());
        QTest::mouseClick(find<QToolButton>(&main, "toggleNav"), Qt::LeftButton);
        QVERIFY(nav->isVisible());

        // Continue opens the agreement in a tab; Agree is enabled only once ticked; Disagree says what it means.
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        QTabWidget *tabs = main.tabs();
        QCOMPARE(tabs->count(), 2);
        auto *page = qobject_cast<AgreementPage *>(tabs->currentWidget());
        QVERIFY(page);
        QVERIFY(find<QTextBrowser>(page, "agreementText")->toPlainText().contains(QString::fromUtf8("报名协议")));
        // The English interface says the agreement is published in Chinese only (issue 13).
        QVERIFY(find<QTextBrowser>(page, "agreementText")->toPlainText().startsWith(QStringLiteral("The exam authority publishes")));
        // Saving the basic information before the agreement says why it cannot, and what to do first.
        main.openStep(FlowStep::Profile);
        auto *early = qobject_cast<ProfilePage *>(tabs->currentWidget());
        QVERIFY(early);
        QTest::mouseClick(find<QPushButton>(early, "profileSave"), Qt::LeftButton);
        QCOMPARE(find<QLabel>(early, "profileStatus")->text(), ErrorText::message(ErrorCode::StateAgreementRequired));
        emit tabs->tabCloseRequested(tabs->indexOf(early));
        tabs->setCurrentWidget(page);
        QPushButton *agree = find<QPushButton>(page, "agreementAccept");
        QVERIFY(!agree->isEnabled());
        QTest::mouseClick(find<QPushButton>(page, "agreementDecline"), Qt::LeftButton);
        QVERIFY(!find<QLabel>(page, "agreementStatus")->text().isEmpty());
        QCOMPARE(flow.currentStep(), FlowStep::Agreement);
        find<QCheckBox>(page, "agreementTick")->setChecked(true);
        QVERIFY(agree->isEnabled());
        QSignalSpy changed(&flow, &RegistrationFlow::stepChanged);
        QTest::mouseClick(agree, Qt::LeftButton);
        QVERIFY(changed.wait());
        QCOMPARE(flow.currentStep(), FlowStep::Profile);
        QCOMPARE(tabs->currentIndex(), 0); // back home
        QCOMPARE(steps->current(), FlowStep::Profile);
        // Opening the same page again brings its tab forward instead of a second one.
        main.openStep(FlowStep::Agreement);
        main.openStep(FlowStep::Agreement);
        QCOMPARE(tabs->count(), 2);
        // The home tab cannot be closed; others can.
        emit tabs->tabCloseRequested(0);
        emit tabs->tabCloseRequested(1);
        QCOMPARE(tabs->count(), 1);

        // Basic information: checked as typed, the message under the field; derived fields filled in.
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        auto *profile = qobject_cast<ProfilePage *>(tabs->currentWidget());
        QVERIFY(profile);
        auto line = [&](const char *key) { return find<QLineEdit>(profile, (QByteArray("field-") + key).constData()); };
        auto combo = [&](const char *key) { return find<QComboBox>(profile, (QByteArray("field-") + key).constData()); };
        auto choose = [&](const char *key, const QString &code) {
            QComboBox *box = combo(key);
            box->setCurrentIndex(box->findData(code));
            emit box->activated(box->currentIndex());
        };
        profile->layout()->activate();
        const int mobileTop = line("mobile")->mapTo(profile, QPoint(0, 0)).y();
        QTest::keyClicks(line("documentNumber"), "110105194912310021"); // wrong check character
        QVERIFY(!profile->errorText(ProfileField::DocumentNumber).isEmpty());
        // The message appears in the place kept for it: the fields below do not move.
        profile->layout()->activate();
        QCOMPARE(line("mobile")->mapTo(profile, QPoint(0, 0)).y(), mobileTop);
        QVERIFY(profile->errorText(ProfileField::Name).isEmpty()); // untouched fields stay quiet
        line("documentNumber")->clear();
        QTest::keyClicks(line("documentNumber"), "11010519491231002x"); // lower-case x is fine
        QVERIFY(profile->errorText(ProfileField::DocumentNumber).isEmpty());
        QCOMPARE(line("birthDate")->text(), QStringLiteral("1949-12-31"));
        QVERIFY(!line("birthDate")->isEnabled());
        QCOMPARE(combo("gender")->currentData().toString(), QStringLiteral("female"));
        QTest::keyClicks(line("mobile"), "1381234");
        QVERIFY(!profile->errorText(ProfileField::Mobile).isEmpty());
        QTest::keyClicks(line("mobile"), "5678");
        QVERIFY(profile->errorText(ProfileField::Mobile).isEmpty());
        line("name")->insert(QString::fromUtf8("张三")); // as an input method commits it (keyClicks is ASCII only)
        choose("ethnicity", "01");
        choose("education", "bachelor");
        choose("occupation", "student");
        line("address")->insert(QString::fromUtf8("北京市朝阳区建国路1号"));
        QSignalSpy draft(&flow, &RegistrationFlow::profileDraftSaved);
        QTest::keyClicks(line("postalCode"), "100020");
        QVERIFY(draft.wait()); // the draft line appears without pressing anything
        QVERIFY(!find<QLabel>(profile, "draftStatus")->text().isEmpty());
        QTest::mouseClick(find<QPushButton>(profile, "profileSave"), Qt::LeftButton);
        while (flow.currentStep() != FlowStep::Subjects)
            QVERIFY(changed.wait());
        QCOMPARE(flow.registration()->profile.value(ProfileField::DocumentNumber), QStringLiteral("11010519491231002X"));
        QCOMPARE(steps->current(), FlowStep::Subjects);

        // Site and subjects: search, pick, tick, guarantee, submit.
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        auto *subjects = qobject_cast<SubjectsPage *>(tabs->currentWidget());
        QVERIFY(subjects);
        // The navigation marks the page shown, however it was opened (here by «Continue» on the home page).
        QVERIFY(nav && nav->currentItem());
        QCOMPARE(nav->currentItem()->text(0), StepBar::label(FlowStep::Subjects));
        // A search that finds nothing says so beside the list, and the subjects' table keeps its width whatever
        // was typed (a long search once widened the list's column until the table collapsed).
        auto *table = find<QTableView>(subjects, "subjectTable");
        subjects->layout()->activate();
        const int tableWidth = table->width();
        QVERIFY(tableWidth > 0);
        find<QLineEdit>(subjects, "siteSearch")->setText(QString(500, QLatin1Char('x')));
        QVERIFY(find<QLabel>(subjects, "siteNoMatch")->isVisibleTo(subjects));
        subjects->layout()->activate();
        QCOMPARE(table->width(), tableWidth);
        find<QLineEdit>(subjects, "siteSearch")->clear();
        QTest::keyClicks(find<QLineEdit>(subjects, "siteSearch"), "buu");
        QListView *sites = find<QListView>(subjects, "siteList");
        QCOMPARE(sites->model()->rowCount(), 1);
        QSignalSpy loaded(&subjects->subjectModel(), &QAbstractItemModel::modelReset);
        sites->setCurrentIndex(sites->model()->index(0, 0));
        QVERIFY(loaded.wait());
        QVERIFY(find<QLabel>(subjects, "siteInfo")->text().contains(QStringLiteral("does not review")));
        SubjectListModel &model = subjects->subjectModel();
        QVERIFY(model.rowCount() > 0);
        QPushButton *submit = find<QPushButton>(subjects, "submitSubjects");
        QVERIFY(!submit->isEnabled()); // nothing ticked
        // A touch anywhere on a subject's row ticks it (on its name, past the box), and again unticks it.
        const QRect name = table->visualRect(model.index(0, SubjectListModel::NameColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, QPoint(name.right() - 20, name.center().y()));
        QCOMPARE(model.index(0, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        const QRect other = table->visualRect(model.index(0, SubjectListModel::NameColumn + 1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, other.center());
        QCOMPARE(model.index(0, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(model.setData(model.index(0, 0), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(find<QLabel>(subjects, "subjectSummary")->text().contains(QStringLiteral("total fee")));
        QVERIFY(!submit->isEnabled()); // the guarantee is not ticked
        find<QCheckBox>(subjects, "guarantee")->setChecked(true);
        QVERIFY(submit->isEnabled());
        QTest::mouseClick(submit, Qt::LeftButton);
        while (flow.currentStep() != FlowStep::Photo)
            QVERIFY(changed.wait());
        QCOMPARE(*flow.state(), RegistrationState::Submitted);
        QCOMPARE(flow.registration()->siteId, QStringLiteral("bj-buu"));
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(steps->current(), FlowStep::Photo);
        QVERIFY(!steps->steps().contains(FlowStep::Review)); // a review-free site: no review step shown

        // Photo: a 12 MP phone photo, turned by its EXIF tag, dropped on the page from a file manager; the frame
        // lands around the face and it complies.
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        auto *photo = qobject_cast<PhotoPage *>(tabs->currentWidget());
        QVERIFY(photo);
        // Nothing to turn yet: the turn buttons wait for a photo, and say so.
        QVERIFY(!find<QPushButton>(photo, "turnLeft")->isEnabled());
        QVERIFY(!find<QPushButton>(photo, "turnRight")->toolTip().isEmpty());
        QSignalSpy checked(photo, &PhotoPage::checked);
        QTemporaryDir photos;
        QFile phoneFile(photos.filePath(QStringLiteral("IMG_0001.JPG")));
        QVERIFY(phoneFile.open(QIODevice::WriteOnly));
        phoneFile.write(PhotoFixtureSet::phonePortrait12MP());
        phoneFile.close();
        QMimeData dragged;
        dragged.setUrls({QUrl::fromLocalFile(phoneFile.fileName())});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(photo, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(photo, &drop);
        QVERIFY(checked.wait());
        QVERIFY2(photo->findings().isEmpty(), qPrintable(photo->findings().join(',')));
        QVERIFY(find<QPushButton>(photo, "uploadPhoto")->isEnabled());
        QVERIFY(find<QPushButton>(photo, "turnLeft")->isEnabled());
        // Moved off the head, the frame is refused, in words; back, fine again.
        PhotoCropper *cropper = photo->cropper();
        const QRectF placed = cropper->crop();
        cropper->setCrop(placed.translated(0, placed.height() * 0.3));
        QVERIFY(checked.wait());
        QVERIFY(photo->findings().contains(QStringLiteral("photo.composition")));
        QVERIFY(!find<QPushButton>(photo, "uploadPhoto")->isEnabled());
        cropper->setCrop(placed);
        QVERIFY(checked.wait());
        QVERIFY(photo->findings().isEmpty());
        QTest::mouseClick(find<QPushButton>(photo, "uploadPhoto"), Qt::LeftButton);
        while (flow.currentStep() != FlowStep::Payment)
            QVERIFY(changed.wait());
        QCOMPARE(*flow.state(), RegistrationState::PhotoUploaded);
        QVERIFY(flow.registration()->photo.has_value());

        // Payment: the confirmation lists what an open order locks. This machine has no browser (the opener fails):
        // the page says so and shows the order's address with «copy» and a QR code a phone can scan.
        QList<QUrl> opened;
        main.setUrlOpener([&](const QUrl &url) { opened << url; return false; });
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        auto *payment = qobject_cast<PaymentPage *>(tabs->currentWidget());
        QVERIFY(payment);
        QTest::mouseClick(find<QPushButton>(payment, "pay"), Qt::LeftButton);
        QVERIFY(find<QWidget>(payment, "paymentConfirm")->isVisible());
        QVERIFY(find<QLabel>(payment, "paymentConfirmText")->text().contains(QStringLiteral("cannot change")));
        QSignalSpy regChanged(&flow, &RegistrationFlow::registrationChanged);
        QTest::mouseClick(find<QPushButton>(payment, "paymentConfirmYes"), Qt::LeftButton);
        while (opened.isEmpty())
            QVERIFY(regChanged.wait());
        QVERIFY(opened.first().path().startsWith(QStringLiteral("/api/v1/pay/")));
        QVERIFY(find<QLabel>(payment, "paymentAmount")->text().contains(QStringLiteral("¥")));
        const QString orderId = flow.registration()->payment->id;
        QVERIFY(find<QLabel>(payment, "paymentStatus")->text().contains(QStringLiteral("No browser")));
        QVERIFY(find<QWidget>(payment, "payLink")->isVisible());
        const QString payUrl = flow.registration()->payment->payUrl;
        QCOMPARE(find<QLabel>(payment, "payUrl")->text(), payUrl);
        QTest::mouseClick(find<QPushButton>(payment, "copyPayUrl"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), payUrl);
        // The QR code a phone scans is the order's address (decoded by zbarimg, an independent reader).
        QCOMPARE(readQrCode(find<QLabel>(payment, "payQrCode")->pixmap()), payUrl);
        QCOMPARE(hooks.post("/api/v1/test-hooks/payments/" + orderId + "/complete", {{"notify", "none"}}).status, 200);
        // «I have paid» appears where «Pay» was, resting a moment: a double tap on «Pay» does not press it.
        QPushButton *refresh = find<QPushButton>(payment, "paymentRefresh");
        QVERIFY(!refresh->isEnabled());
        QTRY_VERIFY(refresh->isEnabled());
        QTest::mouseClick(refresh, Qt::LeftButton); // «我已支付，更新支付信息»
        while (flow.currentStep() != FlowStep::Documents)
            QVERIFY(changed.wait());
        QCOMPARE(*flow.state(), RegistrationState::Paid);

        // Documents: the form downloads and shows; the ticket waits for its window.
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        auto *documents = qobject_cast<DocumentsPage *>(tabs->currentWidget());
        QVERIFY(documents);
        QVERIFY(!find<QPushButton>(documents, "fetchTicket")->isEnabled());
        QVERIFY(!find<QLabel>(documents, "ticketNote")->text().isEmpty());
        QSignalSpy shown(documents, &DocumentsPage::pageShown);
        QTest::mouseClick(find<QPushButton>(documents, "fetchForm"), Qt::LeftButton);
        QVERIFY(shown.wait(20000));
        QVERIFY(documents->pageCount() >= 1);
        QVERIFY(!find<QLabel>(documents, "pdfPage")->pixmap().isNull());
        QVERIFY(find<QPushButton>(documents, "pdfPrint")->isEnabled());
    }

    // «注册» with the rules shown as typed, then «QQ登录» through the server's broker (the browser played by a
    // QNetworkAccessManager following the redirects).
    void testRegisterAndQqLogIn()
    {
        TestHttp hooks(*m_server);
        ApiClient api;
        QVERIFY(api.setBaseUrl(m_server->url("")).ok());
        AuthSession auth(api);
        LoginWindow login(api, auth);
        QList<QUrl> browser;
        login.setUrlOpener([&](const QUrl &url) { browser << url; return true; });
        login.show();
        QTest::mouseClick(find<QPushButton>(&login, "register"), Qt::LeftButton);
        auto *dialog = login.findChild<RegisterDialog *>();
        QVERIFY(dialog);
        QSignalSpy captcha(dialog, &RegisterDialog::captchaShown);
        if (dialog->captchaId().isEmpty())
            QVERIFY(captcha.wait());
        QPushButton *ok = find<QPushButton>(dialog, "regSubmit");
        QTest::keyClicks(find<QLineEdit>(dialog, "regAccount"), "9x");
        QVERIFY(find<QLabel>(dialog, "regAccountHint")->styleSheet().contains("B00020")); // a letter must come first
        find<QLineEdit>(dialog, "regAccount")->clear();
        QTest::keyClicks(find<QLineEdit>(dialog, "regAccount"), "ui.newbie");
        QVERIFY(!find<QLabel>(dialog, "regAccountHint")->styleSheet().contains("B00020"));
        // The field below does not move as the two-line hint turns into a one-line error (clicks land where aimed).
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const int repeatY = find<QLineEdit>(dialog, "regRepeat")->mapTo(dialog, QPoint()).y();
        QTest::keyClicks(find<QLineEdit>(dialog, "regPassword"), "short");
        QVERIFY(find<QLabel>(dialog, "regPasswordHint")->styleSheet().contains("B00020"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(find<QLineEdit>(dialog, "regRepeat")->mapTo(dialog, QPoint()).y(), repeatY);
        QTest::keyClicks(find<QLineEdit>(dialog, "regPassword"), "-Pass-1");
        QTest::keyClicks(find<QLineEdit>(dialog, "regRepeat"), "short-Pass-2");
        QVERIFY(!find<QLabel>(dialog, "regRepeatHint")->text().isEmpty());
        QVERIFY(!ok->isEnabled());
        find<QLineEdit>(dialog, "regRepeat")->clear();
        QTest::keyClicks(find<QLineEdit>(dialog, "regRepeat"), "short-Pass-1");
        QVERIFY(ok->isEnabled());
        // An empty captcha is asked for here, not sent to be refused.
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(find<QLabel>(dialog, "regStatus")->text(), QStringLiteral("Enter the characters in the picture."));
        QTest::keyClicks(find<QLineEdit>(dialog, "regCaptcha"), hooks.captchaAnswer(dialog->captchaId()));
        QSignalSpy registered(dialog, &RegisterDialog::registered);
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(registered.wait());
        QCOMPARE(find<QLineEdit>(&login, "account")->text(), QStringLiteral("ui.newbie"));
        // The password just chosen is not asked a third time: only the new picture's characters are.
        QCOMPARE(find<QLineEdit>(&login, "password")->text(), QStringLiteral("short-Pass-1"));
        QCOMPARE(login.focusWidget(), find<QLineEdit>(&login, "captchaAnswer"));

        QSignalSpy loggedIn(&login, &LoginWindow::loggedIn);
        // No browser opens: a dialog says so and gives the whole address to open by hand, with «copy»; the login
        // form keeps its layout (no message squeezed into it).
        login.setUrlOpener([&](const QUrl &url) { browser << url; return false; });
        QTest::mouseClick(find<QPushButton>(&login, "qqLogIn"), Qt::LeftButton);
        QCOMPARE(browser.size(), 1);
        QVERIFY(!find<QLabel>(&login, "error")->isVisible());
        auto *addressDialog = login.findChild<QDialog *>("qqAddressDialog");
        QVERIFY(addressDialog && addressDialog->isVisible());
        QCOMPARE(find<QPlainTextEdit>(addressDialog, "qqAddress")->toPlainText(), QString::fromUtf8(browser.first().toEncoded()));
        QTest::mouseClick(find<QPushButton>(addressDialog, "qqCopyAddress"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(browser.first().toEncoded()));
        QPointer<QDialog> spent(addressDialog);
        QNetworkAccessManager nam;
        auto go = [&](const QByteArray &verb, const QUrl &url, const QByteArray &body = {}) {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
            if (!body.isEmpty())
                request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
            QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                done.wait(15000);
            reply->deleteLater();
            return QUrl(QString::fromLatin1(reply->rawHeader("Location")));
        };
        const QUrl provider = go("GET", browser.first());
        const QUrl callback = go("POST", provider, "flow=" + QUrlQuery(provider).queryItemValue("flow").toLatin1() + "&qqNumber=20002");
        const QUrl loopback = go("GET", callback);
        QCOMPARE(loopback.host(), QStringLiteral("127.0.0.1"));
        go("GET", loopback);
        QVERIFY(loggedIn.wait());
        QCOMPARE(auth.account().username, QStringLiteral("qq20002"));
        QVERIFY(!spent || !spent->isVisible()); // the spent address does not linger
    }

    // «Change password» on the login window: without the account, password and captcha it says what to enter;
    // with them it logs in, and the main window opens the password dialog first.
    void testChangePasswordFromTheLoginWindow()
    {
        TestHttp hooks(*m_server);
        TestHttp candidate(*m_server);
        candidate.registerAndLogIn("ui.pwlogin");
        ApiClient api;
        QVERIFY(api.setBaseUrl(m_server->url("")).ok());
        AuthSession auth(api);
        LoginWindow login(api, auth);
        QSignalSpy captcha(&login, &LoginWindow::captchaShown);
        QVERIFY(captcha.wait());
        QSignalSpy loggedIn(&login, &LoginWindow::loggedIn);
        QTest::mouseClick(find<QPushButton>(&login, "changePassword"), Qt::LeftButton);
        QVERIFY(find<QLabel>(&login, "error")->text().contains(QStringLiteral("current password")));
        QCOMPARE(loggedIn.size(), 0);

        QTest::keyClicks(find<QLineEdit>(&login, "account"), "ui.pwlogin");
        QTest::keyClicks(find<QLineEdit>(&login, "password"), "Secret-pass-1");
        QTest::keyClicks(find<QLineEdit>(&login, "captchaAnswer"), hooks.captchaAnswer(login.captchaId()));
        QTest::mouseClick(find<QPushButton>(&login, "changePassword"), Qt::LeftButton);
        QVERIFY(loggedIn.wait());
        QVERIFY(login.passwordChangeRequested());

        TransferEngine transfers;
        RegistrationFlow flow(api, auth, transfers, nullptr);
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.start(done); }).ok()));
        MainWindow main(flow, auth.account().username);
        main.show();
        main.changePassword(); // what ncre-desk does when passwordChangeRequested()
        auto *dialog = main.findChild<PasswordDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
    }

    // After a crash, what was typed and not saved comes back with a question: keep it (the default) or discard it
    // and go back to what the server holds; discarded, it does not come back at the next start.
    void testRestorePromptAfterACrash()
    {
        TestHttp hooks(*m_server);
        ApiClient api;
        AuthSession auth(api);
        if (!logInNewCandidate(api, auth, hooks, "ui.restore"))
            return;
        TransferEngine transfers;
        QTemporaryDir dir;
        LocalStore store(SecretBox::newKey());
        QVERIFY(store.open(dir.filePath("desk.sqlite")).ok());
        {
            RegistrationFlow before(api, auth, transfers, &store);
            QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { before.start(done); }).ok()));
            QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { before.acceptAgreement(done); }).ok()));
            Profile typed = before.profile();
            typed.setValue(ProfileField::Name, QString::fromUtf8("李四"));
            QSignalSpy saved(&before, &RegistrationFlow::profileDraftSaved);
            before.editProfile(typed);
            QVERIFY(saved.wait());
        } // the app goes away without saving

        RegistrationFlow flow(api, auth, transfers, &store);
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.start(done); }).ok()));
        ProfilePage page(flow);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        QVERIFY(find<QWidget>(&page, "restorePrompt")->isVisible());
        QCOMPARE(find<QLineEdit>(&page, "field-name")->text(), QString::fromUtf8("李四"));
        // The wheel over a choice the candidate has not focused scrolls the form; it does not change 民族.
        auto *ethnicity = find<QComboBox>(&page, "field-ethnicity");
        const int before = ethnicity->currentIndex();
        QWheelEvent wheel(QPointF(5, 5), ethnicity->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(ethnicity, &wheel);
        QCOMPARE(ethnicity->currentIndex(), before);
        QVERIFY(find<QPushButton>(&page, "restorePromptNo")->hasFocus()); // «Keep them» is where Enter goes
        QTest::mouseClick(find<QPushButton>(&page, "restorePromptYes"), Qt::LeftButton); // «Discard them»
        QVERIFY(!find<QWidget>(&page, "restorePrompt")->isVisible());
        QVERIFY(find<QLineEdit>(&page, "field-name")->text().isEmpty());
        QVERIFY(!flow.hasUnsavedProfile());

        RegistrationFlow after(api, auth, transfers, &store);
        QSignalSpy restored(&after, &RegistrationFlow::profileDraftRestored);
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { after.start(done); }).ok()));
        QCOMPARE(restored.size(), 0);
        QVERIFY(!after.hasUnsavedProfile());
    }

    // A site that reviews: ask (with the confirmation of what locks), rejected with a reason and the way back,
    // asked again, approved with the payment deadline; notices, a busy server, a password change; paid within the
    // window (found by polling) and the registration form shown.
    void testReviewPage()
    {
        // A private session bus (the test runs under dbus-run-session) with a notification service on it.
        QDBusConnection service = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notifications"));
        QVERIFY2(service.isConnected(), "no session bus: run under dbus-run-session");
        FakeNotificationService notifications;
        QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &notifications,
                                       QDBusConnection::ExportAllSlots));
        QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));
        auto unregister = qScopeGuard([&] {
            service.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
            QDBusConnection::disconnectFromBus(QStringLiteral("fake-notifications"));
        });

        TestHttp hooks(*m_server);
        ApiClient api;
        AuthSession auth(api);
        if (!logInNewCandidate(api, auth, hooks, "ui.review"))
            return;
        TransferEngine transfers;
        RegistrationFlow flow(api, auth, transfers, nullptr);
        flow.setPollIntervals({100, 400});
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.start(done); }).ok()));
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.acceptAgreement(done); }).ok()));
        flow.editProfile(Profile::fromJson(passportProfile(), JsonStrictness::Lenient).value());
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.saveProfile(done); }).ok()));
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.chooseSubjects("bj-bit", {"15"}, done); }).ok()));
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.submit(true, done); }).ok()));
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.uploadPhoto(PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage()), done); }).ok()));
        QCOMPARE(flow.currentStep(), FlowStep::Review);

        MainWindow main(flow, "ui.review");
        main.show();
        QVERIFY(QTest::qWaitForWindowActive(&main));
        QTest::mouseClick(find<QPushButton>(&main, "homeContinue"), Qt::LeftButton);
        auto *review = qobject_cast<ReviewPage *>(main.tabs()->currentWidget());
        QVERIFY(review);
        // Esc takes the question back: nothing is requested, nothing locks.
        QTest::mouseClick(find<QPushButton>(review, "requestReview"), Qt::LeftButton);
        QVERIFY(find<QWidget>(review, "reviewConfirm")->isVisible());
        QVERIFY(find<QPushButton>(review, "reviewConfirmNo")->hasFocus()); // the keyboard lands on the question
        QTest::keyClick(find<QPushButton>(review, "reviewConfirmNo"), Qt::Key_Escape);
        QVERIFY(!find<QWidget>(review, "reviewConfirm")->isVisible());
        QCOMPARE(flow.state(), RegistrationState::PhotoUploaded);
        QTest::mouseClick(find<QPushButton>(review, "requestReview"), Qt::LeftButton);
        const QString confirm = find<QLabel>(review, "reviewConfirmText")->text();
        QVERIFY(confirm.contains(QStringLiteral("While the site reviews")));
        QVERIFY(confirm.contains(QStringLiteral("locked for good")));
        QSignalSpy changed(&flow, &RegistrationFlow::registrationChanged);
        QTest::mouseClick(find<QPushButton>(review, "reviewConfirmYes"), Qt::LeftButton);
        while (flow.state() != RegistrationState::ReviewPending)
            QVERIFY(changed.wait());
        QVERIFY(find<QLabel>(review, "reviewState")->text().contains(QStringLiteral("Waiting")));
        // The profile is locked now, and looks it: its fields are read-only, not in the entry colour, and say why.
        main.openStep(FlowStep::Profile);
        auto *profilePage = main.findChild<QWidget *>("profilePage");
        QVERIFY(profilePage);
        auto *name = profilePage->findChild<QLineEdit *>(QStringLiteral("field-name"));
        QVERIFY(name);
        QVERIFY(name->isReadOnly());
        QVERIFY(name->palette().color(QPalette::Base) != profilePage->palette().color(QPalette::Base));
        QVERIFY(!name->toolTip().isEmpty());
        main.openStep(FlowStep::Review);

        TestHttp staff(*m_server);
        staff.setToken(staff.logIn("staff.bit", "Staff-demo-1"));
        const QString id = flow.registration()->id;
        QCOMPARE(staff.post("/api/v1/staff/registrations/" + id + "/decision",
                            {{"decision", "reject"}, {"reason", QString::fromUtf8("照片不清晰 <b>重拍</b>")}}).status, 200);
        while (flow.state() != RegistrationState::ReviewRejected)
            QVERIFY(changed.wait()); // found by polling
        QVERIFY(find<QLabel>(review, "reviewState")->text().contains(QString::fromUtf8("照片不清晰 <b>重拍</b>")));
        // The staff's words are shown as they typed them, never read as markup.
        QCOMPARE(find<QLabel>(review, "reviewState")->textFormat(), Qt::PlainText);
        QVERIFY(main.statusBar()->currentMessage().contains(QString::fromUtf8("照片不清晰"))); // notified
        // The home page says it too, with the reason, not the step's general "ask for review".
        QVERIFY2(main.home()->nextStepText().contains(QString::fromUtf8("照片不清晰 <b>重拍</b>")),
                 qPrintable(main.home()->nextStepText()));
        // Returned for corrections: the profile can be edited again, and looks it.
        QVERIFY(!name->isReadOnly());
        QCOMPARE(name->palette().color(QPalette::Base), profilePage->palette().color(QPalette::Base));
        QVERIFY(name->toolTip().isEmpty());
        QVERIFY(find<QPushButton>(review, "requestReview")->isVisible());

        QTest::mouseClick(find<QPushButton>(review, "requestReview"), Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(review, "reviewConfirmYes"), Qt::LeftButton);
        while (flow.state() != RegistrationState::ReviewPending)
            QVERIFY(changed.wait());
        QCOMPARE(staff.post("/api/v1/staff/registrations/" + id + "/decision", {{"decision", "approve"}}).status, 200);
        while (flow.state() != RegistrationState::ReviewApproved)
            QVERIFY(changed.wait());
        QVERIFY(find<QLabel>(review, "reviewState")->text().contains(QStringLiteral("Pay before")));
        QVERIFY(main.notifier()->history().join('\n').contains(QStringLiteral("approved")));
        // ... and the desktop's notification service got it over D-Bus (there is no tray here).
        QVERIFY(QTest::qWaitFor([&] { return notifications.summaries.contains(QStringLiteral("Review approved")); }, 10000));

        // The site's on-site confirmation notice.
        main.openNotices();
        auto *notices = qobject_cast<NoticesPage *>(main.tabs()->currentWidget());
        QVERIFY(notices);
        QVERIFY(!find<QLabel>(notices, "noticeSummary")->text().isEmpty());

        // A busy server is said calmly, with the time of the next try.
        QSignalSpy statusMessages(main.statusBar(), &QStatusBar::messageChanged);
        hooks.post("/api/v1/test-hooks/faults", {{"pathPrefix", "/api/v1/registrations"}, {"kind", "unavailable"}, {"count", 1}, {"retryAfter", 1}});
        QSignalSpy reachable(&flow, &RegistrationFlow::serverReachable);
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.refresh(done); }).ok()));
        QVERIFY(!statusMessages.isEmpty());
        QVERIFY(statusMessages.first().first().toString().contains(QStringLiteral("busy")));
        // ... and once the request got through, the message says so instead of lingering.
        QCOMPARE(reachable.size(), 1);
        QVERIFY(main.statusBar()->currentMessage().contains(QStringLiteral("again")));

        // Change password: the rules as typed; the session stays.
        QTest::mouseClick(find<QPushButton>(&main, "changePassword"), Qt::LeftButton);
        auto *dialog = main.findChild<PasswordDialog *>();
        QVERIFY(dialog);
        // A wrong current password: said as such, not as a vague "check the marked fields".
        QTest::keyClicks(find<QLineEdit>(dialog, "pwCurrent"), "Wrong-pass-9");
        QTest::keyClicks(find<QLineEdit>(dialog, "pwNew"), "Better-pass-2");
        QTest::keyClicks(find<QLineEdit>(dialog, "pwRepeat"), "Better-pass-2");
        QTest::mouseClick(find<QPushButton>(dialog, "pwSubmit"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>(dialog, "pwStatus")->text(), QStringLiteral("The current password is wrong."), 10000);
        for (const char *field : {"pwCurrent", "pwNew", "pwRepeat"})
            find<QLineEdit>(dialog, field)->clear();
        QTest::keyClicks(find<QLineEdit>(dialog, "pwCurrent"), "Secret-pass-1");
        QTest::keyClicks(find<QLineEdit>(dialog, "pwNew"), "weak");
        QVERIFY(!find<QPushButton>(dialog, "pwSubmit")->isEnabled());
        find<QLineEdit>(dialog, "pwNew")->clear();
        QTest::keyClicks(find<QLineEdit>(dialog, "pwNew"), "Better-pass-2");
        QTest::keyClicks(find<QLineEdit>(dialog, "pwRepeat"), "Better-pass-2");
        QSignalSpy pwChanged(dialog, &PasswordDialog::changed);
        QTest::mouseClick(find<QPushButton>(dialog, "pwSubmit"), Qt::LeftButton);
        QVERIFY(pwChanged.wait());
        QCOMPARE(main.statusBar()->currentMessage(), QStringLiteral("Password changed."));
        QVERIFY((waitFor<Result<void, Problem>>([&](auto done) { flow.refresh(done); }).ok()));
        QVERIFY(!hooks.logIn("ui.review", "Better-pass-2").isEmpty());

        // Pay within the 24 hours: the payment confirmed by the platform's notification, found by polling.
        QList<QUrl> opened;
        main.setUrlOpener([&](const QUrl &url) { opened << url; return true; });
        main.openStep(FlowStep::Payment);
        auto *payment = qobject_cast<PaymentPage *>(main.tabs()->currentWidget());
        QVERIFY(payment);
        QTRY_VERIFY(find<QPushButton>(payment, "pay")->isEnabled()); // as a candidate waits for it under load
        QTest::mouseClick(find<QPushButton>(payment, "pay"), Qt::LeftButton);
        if (find<QWidget>(payment, "paymentConfirm")->isVisible())
            QTest::mouseClick(find<QPushButton>(payment, "paymentConfirmYes"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 30000); // the order made, its page opened
        hooks.post("/api/v1/test-hooks/payments/" + flow.registration()->payment->id + "/complete", {{"notify", "now"}});
        while (flow.state() != RegistrationState::Paid)
            QVERIFY(changed.wait()); // nobody pressed anything
        QVERIFY(main.notifier()->history().join('\n').contains(QStringLiteral("payment is confirmed")));
        main.openStep(FlowStep::Documents);
        auto *documents = qobject_cast<DocumentsPage *>(main.tabs()->currentWidget());
        QVERIFY(documents);
        QSignalSpy shown(documents, &DocumentsPage::pageShown);
        QTest::mouseClick(find<QPushButton>(documents, "fetchForm"), Qt::LeftButton);
        QVERIFY(shown.wait(20000));
        QVERIFY(!find<QPushButton>(review, "requestReview")->isVisible());
    }
};

QTEST_MAIN(TestDeskWindows)
#include "TestDeskWindows.moc"
