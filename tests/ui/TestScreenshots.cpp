#include "AgreementPage.h"
#include "AsyncWait.h"
#include "LoginWindow.h"
#include "MainWindow.h"
#include "Theme.h"
#include "PasswordDialog.h"
#include "RegisterDialog.h"
#include "SubjectsPage.h"
#include "PhotoPage.h"
#include "DocumentsPage.h"
#include "KeptDocumentsWindow.h"
#include "SecretBox.h"
#include "SessionPrompt.h"
#include "photo/PhotoFixtureSet.h"
#include "integration/ServerProcess.h"

#include <QDir>
#include <QIcon>
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QKeySequence>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QTranslator>

using namespace ncre;

// Renders every page there is, in English and in Chinese, against a real server: the pictures of the user guide
// (docs/user-guide.md). With NCRE_SCREENSHOTS_DIR set they are written there (scripts/screenshots does); always,
// each must be a real picture (not blank) and the Chinese one must differ from the English one.
class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    QString m_dir;

    QImage shoot(QWidget &w, const QString &name)
    {
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return {};
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the layout the next frame shows
        const QImage image = w.grab().toImage();
        const QStringList unnamed = unnamedControls(&w);
        if (!unnamed.isEmpty())
            QTest::qFail(qPrintable(name + QStringLiteral(": controls without a name: ") + unnamed.join(QStringLiteral(", "))), __FILE__, __LINE__);
        const QStringList order = tabOrderProblems(&w);
        if (!order.isEmpty())
            QTest::qFail(qPrintable(name + QStringLiteral(": Tab out of reading order: ") + order.join(QStringLiteral("; "))), __FILE__, __LINE__);
        const QStringList mnemonics = mnemonicProblems(&w);
        if (!mnemonics.isEmpty())
            QTest::qFail(qPrintable(name + QStringLiteral(": mnemonics: ") + mnemonics.join(QStringLiteral("; "))), __FILE__, __LINE__);
        if (!m_dir.isEmpty())
            image.save(QDir(m_dir).filePath(name + QStringLiteral(".png")));
        return image;
    }

    // Every control a keyboard or screen-reader user meets has a name: its own accessible name, its text, or a
    // label that is its buddy.
    static QStringList unnamedControls(QWidget *root)
    {
        QSet<QWidget *> buddied;
        for (QLabel *label : root->findChildren<QLabel *>())
            if (label->buddy())
                buddied.insert(label->buddy());
        QStringList unnamed;
        for (QWidget *w : root->findChildren<QWidget *>()) {
            if (!w->isVisibleTo(root) || w->focusPolicy() == Qt::NoFocus)
                continue;
            if (!isControl(w))
                continue;
            const auto *button = qobject_cast<QAbstractButton *>(w);
            if (!w->accessibleName().isEmpty() || buddied.contains(w) || (button && !button->text().isEmpty()))
                continue;
            unnamed << describe(w);
        }
        return unnamed;
    }

    static bool isControl(QWidget *w)
    {
        const bool control = qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractButton *>(w)
            || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QAbstractSpinBox *>(w);
        return control && !qobject_cast<QAbstractSpinBox *>(w->parentWidget()) && !qobject_cast<QComboBox *>(w->parentWidget());
    }

    static QString describe(QWidget *w)
    {
        const auto *button = qobject_cast<QAbstractButton *>(w);
        const QString name = !w->objectName().isEmpty() ? w->objectName() : button ? button->text() : QString();
        return QStringLiteral("%1 (%2)").arg(name, QString::fromLatin1(w->metaObject()->className()));
    }

    // Keyboard users go through the controls in reading order: within each container, Tab visits its controls
    // row by row, left to right.
    static QStringList tabOrderProblems(QWidget *root)
    {
        QList<QWidget *> chain;
        QWidget *w = root;
        do {
            w = w->nextInFocusChain();
            if (w->isVisibleTo(root) && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) && isControl(w))
                chain << w;
        } while (w != root && chain.size() < 2000);
        QStringList problems;
        QHash<QWidget *, QList<QWidget *>> byParent;
        for (QWidget *c : chain)
            byParent[c->parentWidget()] << c;
        for (auto it = byParent.cbegin(); it != byParent.cend(); ++it) {
            const QList<QWidget *> &controls = it.value();
            for (int i = 1; i < controls.size(); ++i) {
                const QRect a(controls[i - 1]->mapTo(root, QPoint(0, 0)), controls[i - 1]->size());
                const QRect b(controls[i]->mapTo(root, QPoint(0, 0)), controls[i]->size());
                const bool sameRow = qAbs(a.center().y() - b.center().y()) < qMin(a.height(), b.height()) / 2 + 2;
                const bool inOrder = sameRow ? b.left() >= a.left() : b.center().y() > a.center().y();
                if (!inOrder)
                    problems << QStringLiteral("%1 before %2").arg(describe(controls[i - 1]), describe(controls[i]));
            }
        }
        return problems;
    }

    // Alt+letter reaches each button and labelled field; no two in one window share a letter.
    static QStringList mnemonicProblems(QWidget *root)
    {
        QHash<QKeySequence, QStringList> owners;
        QStringList problems;
        auto note = [&](QWidget *w, const QString &text) {
            const QKeySequence key = QKeySequence::mnemonic(text);
            if (!key.isEmpty())
                owners[key] << describe(w);
            else if (qobject_cast<QPushButton *>(w) && !qobject_cast<QDialogButtonBox *>(w->parentWidget()))
                problems << QStringLiteral("no mnemonic: %1").arg(describe(w)); // a dialog's OK/Cancel: Enter/Esc
        };
        for (QAbstractButton *b : root->findChildren<QAbstractButton *>())
            if (b->isVisibleTo(root) && !b->text().isEmpty())
                note(b, b->text());
        for (QLabel *l : root->findChildren<QLabel *>())
            if (l->isVisibleTo(root) && l->buddy())
                note(l, l->text());
        for (auto it = owners.cbegin(); it != owners.cend(); ++it)
            if (it.value().size() > 1)
                problems << QStringLiteral("%1 shared by %2").arg(it.key().toString(), it.value().join(QStringLiteral(", ")));
        return problems;
    }

    static int colours(const QImage &image)
    {
        QSet<QRgb> seen;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                seen.insert(image.pixel(x, y));
        return int(seen.size());
    }

private slots:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("NCRE_SCREENSHOTS_DIR");
        if (!m_dir.isEmpty())
            QDir().mkpath(m_dir);
    }

    // The app icon is SVG: sharp at any size (needs Qt's SVG icon engine, installed with qt6-svg).
    void testAppIconRendersAtAnySize()
    {
        const QIcon icon(QStringLiteral(":/ncre/icons/ncre-desk.svg"));
        QVERIFY(!icon.isNull());
        for (int size : {16, 64, 256}) {
            const QImage image = icon.pixmap(size, size).toImage();
            QCOMPARE(image.width(), size);
            QVERIFY(colours(image) > 3);
        }
    }

    // Every interface icon is SVG and renders at any size, with its strokes and its accent visible (not blank, not
    // a single colour); the navigation and the tabs show them.
    void testInterfaceIconsRenderAtAnySize()
    {
        for (const QString &name : theme::iconNames()) {
            const QIcon icon = theme::icon(name);
            QVERIFY2(!icon.isNull(), qPrintable(name));
            for (int size : {16, 24, 48}) {
                QImage image = icon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32);
                QCOMPARE(image.width(), size);
                int inked = 0;
                bool accent = false;
                for (int y = 0; y < size; ++y)
                    for (int x = 0; x < size; ++x) {
                        const QRgb p = image.pixel(x, y);
                        inked += qAlpha(p) > 128;
                        accent = accent || (qAlpha(p) > 200 && qBlue(p) > 150 && qRed(p) < 80);
                    }
                QVERIFY2(inked > size * size / 20 && inked < size * size * 3 / 4, qPrintable(QStringLiteral("%1 at %2: %3 pixels inked").arg(name).arg(size).arg(inked)));
                QVERIFY2(accent || size < 24, qPrintable(name + QStringLiteral(": no accent")));
            }
        }
    }

    void testEveryPageInBothLanguages_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }
    void testEveryPageInBothLanguages()
    {
        QFETCH(QString, language);
        QTranslator translator;
        if (language == QLatin1String("zh_CN")) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/ncre_zh_CN.qm")));
            QCoreApplication::installTranslator(&translator);
            QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        } else {
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        }
        ServerProcess server;
        QVERIFY(server.waitReady());
        TestHttp hooks(server);
        ApiClient api;
        QVERIFY(api.setBaseUrl(server.url("")).ok());
        AuthSession auth(api);
        LoginWindow login(api, auth);
        QSignalSpy captcha(&login, &LoginWindow::captchaShown);
        QVERIFY(captcha.wait());
        login.findChild<QLineEdit *>(QStringLiteral("account"))->setText(QStringLiteral("demo"));
        login.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("Demo-pass-1"));
        login.findChild<QLineEdit *>(QStringLiteral("captchaAnswer"))->setText(hooks.captchaAnswer(login.captchaId()));
        const QImage loginShot = shoot(login, QStringLiteral("login-") + language);
        QVERIFY(colours(loginShot) > 20);
        if (language == QLatin1String("zh_CN"))
            QVERIFY(login.windowTitle().contains(QString::fromUtf8("登录")));

        {
            RegisterDialog dialog(api, &login);
            QVERIFY(colours(shoot(dialog, QStringLiteral("register-") + language)) > 20);
        }

        QSignalSpy loggedIn(&login, &LoginWindow::loggedIn);
        login.logIn();
        QVERIFY(loggedIn.wait());
        TransferEngine transfers;
        RegistrationFlow flow(api, auth, transfers, nullptr);
        const auto started = waitFor<Result<void, Problem>>([&](auto done) { flow.start(done); });
        QVERIFY(started.ok());
        MainWindow main(flow, auth.account().username);
        QVERIFY(colours(shoot(main, QStringLiteral("home-") + language)) > 20);
        QVERIFY(!main.tabs()->tabIcon(0).isNull());
        for (QTreeWidgetItemIterator it(main.findChild<QTreeWidget *>(QStringLiteral("navigation")), QTreeWidgetItemIterator::NoChildren); *it; ++it)
            QVERIFY2(!(*it)->icon(0).isNull(), qPrintable((*it)->text(0)));
        {
            PasswordDialog dialog(flow, auth.account().username, &main);
            QVERIFY(colours(shoot(dialog, QStringLiteral("password-") + language)) > 20);
        }
        main.openStep(FlowStep::Agreement);
        QVERIFY(colours(shoot(main, QStringLiteral("agreement-") + language)) > 20);
        const auto accepted = waitFor<Result<void, Problem>>([&](auto done) { flow.acceptAgreement(done); });
        QVERIFY(accepted.ok());
        main.openStep(FlowStep::Profile);
        auto *number = main.findChild<QLineEdit *>(QStringLiteral("field-documentNumber"));
        number->insert(QStringLiteral("11010519491231002")); // one character short: the message under the field
        auto *name = main.findChild<QLineEdit *>(QStringLiteral("field-name"));
        name->insert(language == QLatin1String("zh_CN") ? QString::fromUtf8("张三") : QStringLiteral("Zhang San"));
        QVERIFY(colours(shoot(main, QStringLiteral("profile-") + language)) > 20);
        flow.editProfile(Profile::fromJson(passportProfile(), JsonStrictness::Lenient).value());
        const auto saved = waitFor<Result<void, Problem>>([&](auto done) { flow.saveProfile(done); });
        QVERIFY(saved.ok());
        main.openStep(FlowStep::Subjects);
        auto *page = main.findChild<SubjectsPage *>();
        QSignalSpy loaded(&page->subjectModel(), &QAbstractItemModel::modelReset);
        page->chooseSite(QStringLiteral("bj-bit"));
        QVERIFY(loaded.wait());
        page->subjectModel().setData(page->subjectModel().index(0, 0), Qt::Checked, Qt::CheckStateRole);
        page->subjectModel().setData(page->subjectModel().index(2, 0), Qt::Checked, Qt::CheckStateRole);
        QVERIFY(colours(shoot(main, QStringLiteral("subjects-") + language)) > 20);
        QVERIFY(waitFor<bool>([&](auto done) { flow.chooseSubjects(QStringLiteral("bj-bit"), {QStringLiteral("15")}, [done](auto r) { done(r.ok()); }); }));
        QVERIFY(waitFor<bool>([&](auto done) { flow.submit(true, [done](auto r) { done(r.ok()); }); }));
        main.openStep(FlowStep::Photo);
        auto *photo = main.findChild<PhotoPage *>();
        QSignalSpy checked(photo, &PhotoPage::checked);
        // A photo lying on its side first: the page says which way to turn it.
        photo->openBytes(PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage().transformed(QTransform().rotate(90)), 92));
        QVERIFY(checked.wait());
        QVERIFY(photo->findings().contains(QStringLiteral("photo.orientation")));
        QVERIFY(colours(shoot(main, QStringLiteral("photo-turned-") + language)) > 20);
        photo->openBytes(PhotoFixtureSet::phonePortrait12MP());
        QVERIFY(checked.wait());
        QVERIFY2(photo->findings().isEmpty(), qPrintable(photo->findings().join(',')));
        QVERIFY(colours(shoot(main, QStringLiteral("photo-") + language)) > 20);
        QVERIFY(waitFor<bool>([&](auto done) { flow.uploadPhoto(photo->preparedJpeg(), [done](auto r) { done(r.ok()); }); }));
        main.openStep(FlowStep::Review);
        QVERIFY(colours(shoot(main, QStringLiteral("review-") + language)) > 20);
        QVERIFY(waitFor<bool>([&](auto done) { flow.requestReview([done](auto r) { done(r.ok()); }); }));
        TestHttp staff(server);
        staff.setToken(staff.logIn(QStringLiteral("staff.bit"), QStringLiteral("Staff-demo-1")));
        staff.post("/api/v1/staff/registrations/" + flow.registration()->id + "/decision", {{"decision", "approve"}});
        QVERIFY(waitFor<bool>([&](auto done) { flow.refresh([done](auto r) { done(r.ok()); }); }));
        main.setUrlOpener([](const QUrl &) { return true; });
        main.openStep(FlowStep::Payment);
        QVERIFY(waitFor<bool>([&](auto done) { flow.pay([done](auto r) { done(r.ok()); }); }));
        QVERIFY(colours(shoot(main, QStringLiteral("payment-") + language)) > 20);
        hooks.post("/api/v1/test-hooks/payments/" + flow.registration()->payment->id + "/complete", {{"notify", "now"}});
        QVERIFY(waitFor<bool>([&](auto done) { flow.refresh([done](auto r) { done(r.ok()); }); }));
        main.openStep(FlowStep::Documents);
        auto *documents = main.findChild<DocumentsPage *>();
        QSignalSpy shown(documents, &DocumentsPage::pageShown);
        documents->fetch(DocumentKind::RegistrationForm);
        QVERIFY(shown.wait(20000));
        QVERIFY(colours(shoot(main, QStringLiteral("documents-") + language)) > 20);
        main.openNotices();
        QVERIFY(colours(shoot(main, QStringLiteral("notices-") + language)) > 20);

        // The session ended mid-work: the password asked again over the main window.
        {
            SessionPrompt prompt(api, auth, auth.account().username, &main);
            QSignalSpy promptCaptcha(&prompt, &SessionPrompt::captchaShown);
            QVERIFY(promptCaptcha.wait());
            QVERIFY(colours(shoot(prompt, QStringLiteral("session-") + language)) > 20);
        }
        // The documents kept on this computer, opened from the login window without the server.
        {
            QTemporaryDir dir;
            LocalStore store(SecretBox::newKey());
            QVERIFY(store.open(dir.filePath("kept.sqlite")).ok());
            KeptDocuments kept(store);
            hooks.setToken(api.accessToken());
            QVERIFY(kept.keep(QStringLiteral("demo"), DocumentKind::RegistrationForm,
                              hooks.get("/api/v1/registrations/current/form.pdf").body).ok());
            QVERIFY(waitFor<bool>([&](auto done) { kept.remember(QStringLiteral("demo"), QStringLiteral("Demo-pass-1"), [done](auto r) { done(r.ok()); }); }));
            KeptDocumentsWindow window(kept, QStringLiteral("demo"), &login);
            window.findChild<QLineEdit *>(QStringLiteral("keptPassword"))->setText(QStringLiteral("Demo-pass-1"));
            QVERIFY(colours(shoot(window, QStringLiteral("kept-ask-") + language)) > 20);
            QSignalSpy page(&window, &KeptDocumentsWindow::pageShown);
            window.unlock();
            QVERIFY(page.wait(20000));
            QVERIFY(colours(shoot(window, QStringLiteral("kept-open-") + language)) > 20);
        }
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(TestScreenshots)
#include "TestScreenshots.moc"
