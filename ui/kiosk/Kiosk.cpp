#include "Kiosk.h"

#include "Alive.h"
#include "KioskPrinter.h"
#include "KioskSpace.h"
#include "KioskWindow.h"
#include "QtCameraSource.h"
#include "RemovableMedia.h"
#include "ErrorText.h"
#include "IdleOverlay.h"
#include "LoginWindow.h"
#include "MainWindow.h"
#include "PinPad.h"
#include "SecretBox.h"
#include "ConfirmationSlip.h"
#include "StaffPanel.h"
#include "StepBar.h"
#include "Theme.h"
#include "Translations.h"
#include "WelcomePage.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProxyStyle>
#include <QPushButton>
#include <QScreen>
#include <QStyle>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcKiosk, "ncre.kiosk", QtInfoMsg)

namespace ncre {

namespace {
constexpr int kServerCheckMs = 15'000; // how often the welcome screen looks at the server
} // namespace

namespace {

// How long the server-side logout may hold the wipe up; past it the tokens are dropped here unrevoked (they lived
// only in this process's memory).
constexpr int kLogoutWaitMs = 5000;

} // namespace

Kiosk::Kiosk(KioskConfig config, Translations &translations, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_translations(translations)
    , m_language(m_config.language)
    , m_gate(m_config.staffPinHash, {}, KioskSpace::pinStateFile())
{
    m_idle.setTimeouts(m_config.idleSeconds * 1000, m_config.countdownSeconds * 1000);
    ErrorText::setKioskWording(true);
    if (!m_probe.setBaseUrl(m_config.server))
        qCWarning(lcKiosk) << "the configured server was refused by the API client";
    m_probeTimer.setInterval(kServerCheckMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &Kiosk::checkServer);
    m_revokeTimer.setInterval(kServerCheckMs);
    connect(&m_revokeTimer, &QTimer::timeout, this, &Kiosk::revokeLeftovers);
    m_window = std::make_unique<KioskWindow>();
    connect(m_window.get(), &KioskWindow::staffRequested, this, &Kiosk::showPin);
    connect(m_window.get(), &KioskWindow::endRequested, this, [this]() {
        // «Back to the start» before anyone logged in is the same person going back: their language stays.
        m_keepLanguage = m_screen == Screen::LogIn;
        endSession();
    });
    connect(m_window.get(), &KioskWindow::coversScreen, this, [this]() {
        qCInfo(lcKiosk).noquote() << QStringLiteral("kiosk window covers the screen (%1x%2, platform %3)")
                                         .arg(m_window->width())
                                         .arg(m_window->height())
                                         .arg(QGuiApplication::platformName());
    });
    IdleOverlay *overlay = m_window->idleOverlay();
    connect(&m_idle, &IdleWatcher::countdownStarted, this, [this, overlay](int seconds) {
        // A dialog open over the page would hide the warning: it steps aside (as it is) while the countdown shows.
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (top != m_window.get() && top->isVisible()) {
                m_setAside.append(top);
                top->hide();
            }
        }
        overlay->setStaffSession(m_screen == Screen::Staff);
        overlay->showCountdown(seconds);
        overlay->show();
        overlay->raise();
    });
    connect(&m_idle, &IdleWatcher::countdownTick, overlay, &IdleOverlay::showCountdown);
    connect(&m_idle, &IdleWatcher::countdownCancelled, this, [this, overlay]() {
        overlay->hide();
        for (const QPointer<QWidget> &dialog : std::exchange(m_setAside, {}))
            if (dialog)
                dialog->show();
    });
    connect(&m_idle, &IdleWatcher::expired, this, [this, overlay]() {
        overlay->hide();
        qCInfo(lcKiosk) << "idle countdown ended on screen" << m_screen << "- ending the session";
        endSession();
    });
    connect(&m_gate, &PinGate::accepted, this, [this]() {
        qCInfo(lcKiosk) << "staff PIN accepted";
        m_keepLanguage = true; // the staff member reads the panel in the language they chose on the welcome screen
        endSession([this]() { showStaff(); });
    });
    connect(&m_gate, &PinGate::lockedOut, this, [](int seconds) { qCWarning(lcKiosk) << "staff PIN locked for" << seconds << "s"; });
}

Kiosk::~Kiosk()
{
    m_idle.stop();
    delete m_main;
    delete m_login;
    m_flow.reset();
    m_store.reset();
}

StaffPanel *Kiosk::staffPanel() const
{
    return qobject_cast<StaffPanel *>(m_staff.data());
}

QString Kiosk::storePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/candidate.sqlite");
}

namespace {

// The platform's style, without the underlined shortcut letters («申请信息审核(A)»): a touch screen has no Alt key
// to press them with, and the letters crowd the buttons' texts.
class TouchStyle : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;
    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                  QStyleHintReturn *returnData) const override
    {
        if (hint == SH_UnderlineShortcut)
            return 0;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

} // namespace

Result<void> Kiosk::start()
{
    if (!dynamic_cast<TouchStyle *>(QApplication::style()))
        QApplication::setStyle(new TouchStyle(QApplication::style()->name()));
    if (Result<void> prepared = KioskSpace::prepare(); !prepared)
        return prepared;
    // Whatever a crash or power cut left behind is removed before the first candidate.
    if (Result<void> wiped = KioskSpace::wipe(); !wiped)
        return wiped;
    showWelcome();
    // Full screen is the compositor's to grant (cage does); without a window manager the window still covers the
    // screen, and follows it when the output changes size.
    // Fixed to the screen's size: a page that asks for more room is squeezed, never pushed off the screen.
    if (QScreen *screen = QGuiApplication::primaryScreen()) {
        m_window->setGeometry(screen->geometry());
        m_window->setFixedSize(screen->geometry().size());
        connect(screen, &QScreen::geometryChanged, m_window.get(), [this](const QRect &geometry) {
            m_window->setFixedSize(geometry.size());
            m_window->setGeometry(geometry);
            m_window->showFullScreen();
        });
    }
    m_window->showFullScreen();
    return {};
}

void Kiosk::connectFresh()
{
    m_connection = std::make_unique<Connection>();
    // Validated by KioskConfig with the same rule.
    if (!m_connection->api.setBaseUrl(m_config.server))
        qCWarning(lcKiosk) << "the configured server was refused by the API client";
}

void Kiosk::showScreen(Screen screen, QWidget *page, const QString &hint)
{
    m_screen = screen;
    m_window->showPage(page, hint);
    const bool candidate = screen == Screen::LogIn || screen == Screen::Registration;
    m_window->setEndButton(candidate ? (screen == Screen::LogIn ? tr("Back to the start") : tr("Log out and clear"))
                                     : QString());
    m_window->staffButton()->setVisible(screen != Screen::Pin && screen != Screen::Staff);
    emit screenChanged(screen);
}

void Kiosk::showWelcome()
{
    delete m_welcome;
    m_welcome = new WelcomePage(m_language);
    connect(m_welcome, &WelcomePage::logInRequested, this, [this]() { showLogIn(false); });
    connect(m_welcome, &WelcomePage::registerRequested, this, [this]() { showLogIn(true); });
    connect(m_welcome, &WelcomePage::languageRequested, this, &Kiosk::setLanguage);
    showScreen(Screen::Welcome, m_welcome, WelcomePage::hint());
    qCInfo(lcKiosk) << "welcome screen shown";
    checkServer();
    m_probeTimer.start();
    // An untouched welcome screen needs no countdown; one switched to the other language goes back after a while.
    if (m_language == m_config.language)
        m_idle.stop();
    else
        m_idle.start();
}

void Kiosk::checkServer()
{
    if (m_screen != Screen::Welcome || !m_welcome) {
        m_probeTimer.stop(); // only the welcome screen looks; the pages say for themselves when the server is away
        return;
    }
    if (std::exchange(m_probing, true))
        return; // the last look is not answered yet
    ApiRequest request = ApiRequest::make("GET", QStringLiteral("/meta"));
    request.maxAttempts = 1; // the timer is the retry
    // A server that accepts the connection and then says nothing (hung, overloaded) is as away as one that refuses
    // it: the welcome screen must not offer «Log in» for half a minute meanwhile.
    request.timeoutMs = 4000;
    m_probe.send(request, alive(this, [this](const Result<ApiReply, Problem> &reply) {
        m_probing = false;
        // Any answer at all is a server that is there; only no answer (status 0) or a 5xx is one that is not.
        const bool reachable = reply ? reply->status < 500 : (reply.error().status != 0 && reply.error().status < 500);
        if (m_welcome && reachable != m_welcome->serverReachable()) {
            qCInfo(lcKiosk) << (reachable ? "registration server reachable again" : "registration server not reachable");
            m_welcome->setServerReachable(reachable);
            // The hint says what can be done now: not «touch Log in» above a button that waits.
            m_window->setHint(reachable ? WelcomePage::hint()
                                        : tr("Please wait: the registration service cannot be reached at the moment. "
                                             "This screen tries again by itself."));
        }
    }));
}

void Kiosk::revokeLeftovers()
{
    if (m_unrevoked.isEmpty()) {
        m_revokeTimer.stop();
        return;
    }
    if (m_revoker)
        return; // the last try is not answered yet
    m_revoker = std::make_unique<Revoker>();
    if (!m_revoker->api.setBaseUrl(m_config.server)) // validated by KioskConfig with the same rule
        return;
    RetryPolicy once;
    once.maxAttempts = 1; // the timer is the retry
    m_revoker->api.setRetryPolicy(once);
    const QByteArray token = m_unrevoked.first();
    // Done with this try: the revoker goes once its own callback has returned.
    auto settle = [this](bool forgotten, const QByteArray &token) {
        if (forgotten)
            m_unrevoked.removeAll(token);
        QMetaObject::invokeMethod(this, [this]() { m_revoker.reset(); }, Qt::QueuedConnection);
    };
    m_revoker->auth.resume(token, alive(this, [this, token, settle](const Result<Session, Problem> &session) {
        if (!session) {
            // 401: the server no longer knows the session (revoked, expired): nothing is left to revoke.
            settle(session.error().status == 401, token);
            return;
        }
        m_revoker->auth.logOut(alive(this, [this, token, settle]() {
            const bool confirmed = m_revoker->auth.logOutConfirmed();
            if (confirmed)
                qCInfo(lcKiosk) << "a session the server had not logged out is revoked now";
            settle(confirmed, token);
        }));
    }), 1);
}

void Kiosk::setLanguage(const QString &language)
{
    dropPinPad(); // made again, in the new language, when next needed
    m_translations.install(language);
    theme::applyFont(language);
    m_language = language;
    m_window->retranslate();
    showWelcome();
}

void Kiosk::showLogIn(bool registerFirst)
{
    connectFresh();
    delete m_login;
    m_login = new LoginWindow(m_connection->api, m_connection->auth);
    m_login->setKioskMode();
    m_login->setUrlOpener([](const QUrl &) { return false; });
    connect(m_login, &LoginWindow::loggedIn, this, &Kiosk::startRegistration);
    connect(m_login, &LoginWindow::registrationOpen, this, [this](bool open) {
        if (m_screen == Screen::LogIn)
            m_window->setHint(open ? tr("Choose an account name and a password, type the characters in the picture, "
                                        "then touch «Register». Your account works at home too.")
                                   : logInHint());
    });
    showScreen(Screen::LogIn, m_login, logInHint());
    m_idle.start();
    if (registerFirst) {
        m_login->openRegistration();
    } else if (auto *account = m_login->findChild<QLineEdit *>(QStringLiteral("account"))) {
        account->setFocus(); // the first thing to type (the page's first focusable widget is a link above it)
    }
}

void Kiosk::startRegistration()
{
    if (m_flow || !m_connection)
        return;
    // Sealed with a key that only this process holds, for this candidate only: drafts survive a lost network, and
    // nothing in the file can be read once the key is gone.
    m_store = std::make_unique<LocalStore>(SecretBox::newKey());
    if (!m_store->open(storePath()))
        m_store.reset(); // the flow runs without local drafts
    m_flow = std::make_unique<RegistrationFlow>(m_connection->api, m_connection->auth, m_transfers, m_store.get());
    m_flow->setKeptUntilLogOut(true);
    m_flow->start(alive(this, [this](const Result<void, Problem> &) {
        if (!m_flow || !m_connection)
            return;
        m_main = new MainWindow(*m_flow, m_connection->auth.account().username);
        m_main->setWindowFlags(Qt::Widget); // a page of the kiosk window, not a window of its own
        m_main->setUrlOpener([](const QUrl &) { return false; }); // no browser at a kiosk: the payment shows its QR code
        MainWindow::KioskMode mode;
        mode.print = [printer = KioskPrinter(m_config)](const PdfDocument &pdf, const QString &title) {
            return printer.print(pdf, title);
        };
        mode.paymentPollMs = m_paymentPollMs;
        mode.camera = m_camera ? m_camera : [camera = m_config.camera](QObject *parent) -> FrameSource * {
            return new QtCameraSource(camera, parent);
        };
        mode.mediaRoots = m_mediaRoots ? m_mediaRoots : &RemovableMedia::mountedRemovableRoots;
        m_main->setKioskMode(mode);
        connect(m_main, &MainWindow::logOutRequested, this, [this]() { endSession(); });
        // The hint follows the registration too (a payment arriving while its page shows), not only the pages.
        const auto followHint = [this]() {
            if (m_screen == Screen::Registration)
                m_window->setHint(stepHint());
        };
        connect(m_flow.get(), &RegistrationFlow::stepChanged, this, followHint);
        connect(m_flow.get(), &RegistrationFlow::registrationChanged, this, followHint);
        connect(m_main->tabs(), &QTabWidget::currentChanged, this, [this]() {
            if (m_screen == Screen::Registration)
                m_window->setHint(stepHint());
        });
        showScreen(Screen::Registration, m_main, stepHint());
        if (m_login)
            m_login->hide();
    }));
}

QString Kiosk::logInHint()
{
    return tr("Enter your account, your password and the characters in the picture, then touch «Log in».");
}

QString Kiosk::stepHint() const
{
    if (!m_flow || !m_main)
        return {};
    const auto shown = m_main->shownStep();
    QString what;
    const auto state = m_flow->state();
    const bool paid = state == RegistrationState::Paid || state == RegistrationState::Confirmed;
    // What the page can do now: a step that is locked, waiting or done says so, never "do this" above a page that
    // says it cannot be done (the page's own words, ErrorText, say why).
    auto unless = [this](RegistrationAction action, const QString &doIt) {
        return m_flow->can(action) ? doIt : ErrorText::message(m_flow->refusal(action));
    };
    switch (shown.value_or(FlowStep::Closed)) {
    case FlowStep::Agreement: what = tr("read the agreement to the end, then accept it."); break;
    case FlowStep::Profile:
        what = unless(RegistrationAction::EditProfile, tr("fill in every field as your identity document shows it, then save."));
        break;
    case FlowStep::Subjects:
        what = unless(RegistrationAction::EditSubjects, tr("choose a test site and your subjects, then submit."));
        break;
    case FlowStep::Photo:
        what = unless(RegistrationAction::UploadPhoto,
                      tr("take your photo with the camera or pick one from a USB stick, check it, then upload it."));
        break;
    case FlowStep::Review:
        if (state == RegistrationState::ReviewPending)
            what = tr("your site is reviewing your registration; its decision shows when you next log in, here or at home.");
        else if (state == RegistrationState::ReviewRejected)
            what = tr("correct what the site asked for, then ask for review again.");
        else
            what = unless(RegistrationAction::RequestReview, tr("ask the test site to review your registration."));
        break;
    case FlowStep::Payment:
        what = paid
            ? tr("your payment has arrived. Open «%1» on the left to print your registration form.")
                  .arg(StepBar::label(FlowStep::Documents))
            : (m_flow->can(RegistrationAction::CreatePayment) || (m_flow->registration() && m_flow->registration()->payment)
                   ? tr("pay with your phone by scanning the QR code; this page updates by itself.")
                   : ErrorText::message(m_flow->refusal(RegistrationAction::CreatePayment)));
        break;
    case FlowStep::Documents:
        what = paid
            ? tr("print your registration form here; the admission ticket prints once ticket printing opens.")
            : tr("the registration form prints here once your payment has arrived.");
        break;
    default:
        return tr("Your next step is «%1»; open it from the list on the left. Touch «Log out and clear» when you are done.")
            .arg(StepBar::label(m_flow->currentStep()));
    }
    return tr("«%1»: %2 Touch «Log out and clear» when you are done.").arg(StepBar::label(*shown), what);
}

void Kiosk::dropPinPad()
{
    if (m_pinPad) {
        m_window->dropPage(m_pinPad);
        m_pinPad->deleteLater();
        m_pinPad = nullptr;
    }
}

void Kiosk::showPin()
{
    if (m_screen == Screen::Pin || m_screen == Screen::Staff)
        return;
    if (!m_pinPad) {
        m_pinPad = new PinPad(m_gate);
        connect(m_pinPad, &PinPad::cancelled, this, [this]() {
            // Back to where the candidate was, as it was.
            switch (m_beforePin) {
            case Screen::LogIn:
                if (m_login)
                    return showScreen(Screen::LogIn, m_login, logInHint());
                break;
            case Screen::Registration:
                if (m_main)
                    return showScreen(Screen::Registration, m_main, stepHint());
                break;
            case Screen::OutOfService:
                if (m_outOfService)
                    return showScreen(Screen::OutOfService, m_outOfService, {});
                break;
            default:
                break;
            }
            showWelcome();
        });
    }
    m_beforePin = m_screen;
    showScreen(Screen::Pin, m_pinPad, PinPad::hint());
    m_pinPad->reset(); // after it shows: a pad not yet on screen cannot take the focus, and a typed PIN was lost
    m_idle.start();
}

void Kiosk::showStaff()
{
    delete m_staff;
    connectFresh(); // the staff member's own session, ended (and wiped) like a candidate's
    auto *panel = new StaffPanel(m_connection->api, m_connection->auth, m_config,
                                 [printer = KioskPrinter(m_config)](const QByteArray &pdf) -> Result<void> {
                                     PdfDocument document;
                                     if (document.open(pdf) != PdfDocument::OpenResult::Opened)
                                         return Error(ErrorCode::PrintFailed, {}, QStringLiteral("slip not a PDF"));
                                     return printer.print(document, ConfirmationSlip::tr("On-site confirmation slip"));
                                 });
    m_staff = panel;
    connect(panel, &StaffPanel::backRequested, this, [this]() { endSession(); });
    connect(panel, &StaffPanel::jobsShown, this, [this]() {
        if (m_screen == Screen::Staff)
            m_window->setHint(StaffPanel::jobsHint());
    });
    connect(panel, &StaffPanel::leaveRequested, this, [this]() {
        endSession([this]() {
            qCInfo(lcKiosk) << "leaving kiosk mode";
            m_window->allowClose();
            m_window->close();
            emit quitRequested();
        });
    });
    showScreen(Screen::Staff, m_staff, StaffPanel::hint());
    m_idle.setTimeouts(m_config.staffIdleSeconds * 1000, m_config.countdownSeconds * 1000);
    m_idle.start();
}

void Kiosk::endSession(const std::function<void()> &then)
{
    if (m_ending) {
        // Already ending (a stop signal during the countdown's wipe): what was asked runs after it.
        if (then)
            m_afterWipe.append(then);
        return;
    }
    m_ending = true;
    m_idle.stop();
    m_window->idleOverlay()->hide();
    auto *clearing = new QLabel(tr("Clearing this terminal…"));
    clearing->setAlignment(Qt::AlignCenter);
    clearing->setObjectName(QStringLiteral("kioskClearing"));
    m_window->showPage(clearing, {});
    m_window->setEndButton({});
    auto finished = std::make_shared<bool>(false);
    const QByteArray refresh = m_connection ? m_connection->auth.refreshToken() : QByteArray();
    auto finish = [this, then, finished, clearing, refresh]() {
        if (std::exchange(*finished, true))
            return;
        // The server did not confirm the logout (away, or slower than kLogoutWaitMs): the session may still be
        // valid there. The wipe goes on; the session is revoked as soon as the server answers.
        if (!refresh.isEmpty() && !(m_connection && m_connection->auth.logOutConfirmed())) {
            qCWarning(lcKiosk) << "the server did not confirm the logout; the session is revoked when it answers";
            m_unrevoked.append(refresh);
            m_revokeTimer.start();
        }
        // Queued: the button or timer that started this is off the stack before its page is deleted.
        QMetaObject::invokeMethod(this, [this, then, clearing]() {
            finishWipe(then);
            m_window->dropPage(clearing);
            clearing->deleteLater();
        }, Qt::QueuedConnection);
    };
    if (m_connection && m_connection->auth.isLoggedIn()) {
        m_connection->auth.logOut(finish);
        QTimer::singleShot(kLogoutWaitMs, this, finish);
    } else {
        finish();
    }
}

void Kiosk::finishWipe(const std::function<void()> &then)
{
    // Everything that holds the candidate goes first: windows and dialogs, the flow (which saves its last draft),
    // then the store (rows deleted with secure_delete, the WAL truncated), the connection, the clipboard, the files.
    for (const QPointer<QWidget> &dialog : std::exchange(m_setAside, {}))
        if (dialog)
            dialog->close();
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (top != m_window.get() && top->isWindow() && top->isVisible())
            top->close();
    }
    for (QWidget *page : std::initializer_list<QWidget *>{m_main, m_login, m_staff, m_outOfService}) {
        if (page) {
            m_window->dropPage(page);
            delete page;
        }
    }
    const QString account = m_connection ? m_connection->auth.account().username : QString();
    m_flow.reset();
    bool complete = true;
    if (m_store) {
        if (!account.isEmpty() && !m_store->wipeAccount(account))
            complete = false;
        m_store->close();
        m_store.reset();
    }
    m_connection.reset();
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->clear(QClipboard::Clipboard);
    if (clipboard->supportsSelection())
        clipboard->clear(QClipboard::Selection);
    if (Result<void> files = KioskSpace::wipe(); !files) {
        qCWarning(lcKiosk) << "the wipe left something:" << files.error().detail;
        complete = false;
    }
    if (!KioskSpace::prepare())
        complete = false;
    m_idle.setTimeouts(m_config.idleSeconds * 1000, m_config.countdownSeconds * 1000);
    m_ending = false;
    // The next candidate starts in the terminal's language.
    if (!std::exchange(m_keepLanguage, false) && m_language != m_config.language) {
        dropPinPad();
        m_translations.install(m_config.language);
        theme::applyFont(m_config.language);
        m_language = m_config.language;
        m_window->retranslate();
    }
    qCInfo(lcKiosk) << "session wiped" << (complete ? "completely" : "INCOMPLETELY: out of service");
    emit wiped(complete);
    if (!m_afterWipe.isEmpty()) {
        for (const auto &next : std::exchange(m_afterWipe, {}))
            next();
        return;
    }
    if (!complete) {
        m_outOfService = new QLabel(tr("This terminal is out of service. Please ask a member of staff."));
        m_outOfService->setObjectName(QStringLiteral("kioskOutOfService"));
        static_cast<QLabel *>(m_outOfService.data())->setAlignment(Qt::AlignCenter);
        showScreen(Screen::OutOfService, m_outOfService, {});
        return;
    }
    if (then)
        then();
    else
        showWelcome();
}

} // namespace ncre
