#pragma once

#include "KioskConfig.h"

#include "ApiClient.h"
#include "AuthSession.h"
#include "FrameSource.h"
#include "IdleWatcher.h"
#include "LocalStore.h"
#include "PinGate.h"
#include "RegistrationFlow.h"
#include "TransferEngine.h"

#include "LoginWindow.h"
#include "MainWindow.h"
#include "kiosk/PinPad.h"
#include "kiosk/WelcomePage.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace ncre {

class KioskWindow;
class Translations;

// `ncre-desk --kiosk` (architecture §6, issue 16): one full-screen KioskWindow serving walk-in candidates one after
// another, and staff behind the PIN.
//
// - A candidate: welcome → log in or register (QQ is not offered: it needs a browser) → the desktop's registration
//   pages inside the kiosk window → «log out». Nothing personal is kept beyond the session: the local store is
//   sealed with a key that exists only in memory for this candidate, tokens are never written to a keychain, and
//   QSettings is not written.
// - The session ends at «log out», at the end of the idle countdown (IdleWatcher; the configured idle time, then
//   the countdown), and when staff open their panel. Ending it: a server-side logout (bounded wait), the pages and
//   the flow destroyed, the store's rows deleted (secure_delete) and its WAL truncated, the network's cookies and
//   connections dropped, the clipboard cleared, and every file in the kiosk's data, cache, config and temporary
//   folders overwritten and removed (KioskSpace). Then a fresh welcome screen in the configured language — or,
//   if something could not be removed, an «out of service» screen that only staff can clear.
// - The staff button opens the PIN pad (PinGate: five wrong PINs lock it for five minutes); the right PIN ends any
//   candidate session and opens the staff panel, from which the kiosk can be left.
class Kiosk : public QObject
{
    Q_OBJECT

public:
    enum class Screen { Welcome, LogIn, Registration, Pin, Staff, OutOfService };
    Q_ENUM(Screen)

    // `translations`: the application's, switched by the welcome screen's language button.
    Kiosk(KioskConfig config, Translations &translations, QObject *parent = nullptr);
    ~Kiosk() override;

    // Makes the kiosk's private folders, then shows the window full screen with the welcome screen.
    Result<void> start();
    // Ends the candidate's (or staff member's) session and wipes it; `then` runs once the welcome screen is back.
    void endSession(const std::function<void()> &then = {});

    Screen screen() const { return m_screen; }
    const KioskConfig &config() const { return m_config; }
    QString language() const { return m_language; }
    KioskWindow *window() const { return m_window.get(); }
    LoginWindow *loginPage() const { return m_login; }
    MainWindow *registrationPage() const { return m_main; }
    PinPad *pinPad() const { return m_pinPad; }
    class StaffPanel *staffPanel() const;
    RegistrationFlow *flow() const { return m_flow.get(); }
    // The candidate's (or staff member's) connection: a new ApiClient and AuthSession for each session, so no
    // token, cookie or open connection outlives it. Null on the welcome screen.
    ApiClient *api() const { return m_connection ? &m_connection->api : nullptr; }
    AuthSession *auth() const { return m_connection ? &m_connection->auth : nullptr; }
    IdleWatcher &idle() { return m_idle; }
    PinGate &pinGate() { return m_gate; }
    // The local store of the candidate in session (null before the registration pages show).
    LocalStore *store() const { return m_store.get(); }
    // How often the payment page asks the platform while an order is open (ms; tests shorten it).
    void setPaymentPollMs(int ms) { m_paymentPollMs = ms; }
    // How often the welcome screen looks whether the server answers (ms; default 15 s; tests shorten it).
    void setServerCheckMs(int ms)
    {
        m_probeTimer.setInterval(ms);
        m_revokeTimer.setInterval(ms);
    }
    // Sessions of candidates gone whose server-side logout is still to be done (the server was away).
    int unrevokedSessions() const { return int(m_unrevoked.size()); }
    // Where photos come from (tests: a sequence of still frames, a folder standing for a USB stick); unset: the
    // configured camera through Qt Multimedia, and the removable volumes mounted now.
    void setPhotoSources(std::function<FrameSource *(QObject *)> camera, std::function<QStringList()> mediaRoots)
    {
        m_camera = std::move(camera);
        m_mediaRoots = std::move(mediaRoots);
    }
    // Where the candidate's store file lives (inside KioskSpace's data location).
    static QString storePath();

signals:
    void screenChanged(ncre::Kiosk::Screen screen);
    // A session ended and its traces were removed (`complete` false: something was left; out of service).
    void wiped(bool complete);
    void quitRequested();

private:
    void showScreen(Screen screen, QWidget *page, const QString &hint);
    void showWelcome();
    void showLogIn(bool registerFirst);
    static QString logInHint();
    void startRegistration();
    void showPin();
    void dropPinPad();
    void showStaff();
    void setLanguage(const QString &language);
    void finishWipe(const std::function<void()> &then);
    QString stepHint() const;

    KioskConfig m_config;
    Translations &m_translations;
    QString m_language;
    struct Connection
    {
        ApiClient api;
        AuthSession auth{api};
    };
    void connectFresh();
    std::unique_ptr<Connection> m_connection;
    TransferEngine m_transfers;
    IdleWatcher m_idle;
    PinGate m_gate;
    std::unique_ptr<KioskWindow> m_window;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<RegistrationFlow> m_flow;
    QPointer<WelcomePage> m_welcome;
    QPointer<LoginWindow> m_login;
    QPointer<MainWindow> m_main;
    QPointer<PinPad> m_pinPad;
    QPointer<QWidget> m_staff;
    QPointer<QWidget> m_outOfService;
    Screen m_screen = Screen::Welcome;
    Screen m_beforePin = Screen::Welcome;
    bool m_ending = false;
    bool m_keepLanguage = false; // the wipe under way keeps the chosen language (same person, or staff)
    QList<std::function<void()>> m_afterWipe;
    QList<QPointer<QWidget>> m_setAside; // dialogs hidden while the idle countdown shows
    int m_paymentPollMs = 5000;
    std::function<FrameSource *(QObject *)> m_camera;
    std::function<QStringList()> m_mediaRoots;
    // The welcome screen's look at the server (GET /meta, one attempt): on showing it, then every
    // setServerCheckMs while it shows. Its own client: no candidate's token or cookie is ever on it.
    void checkServer();
    ApiClient m_probe;
    QTimer m_probeTimer;
    bool m_probing = false;
    // Sessions whose server-side logout was not confirmed (the server was away when the candidate left): their
    // refresh tokens, in memory only, revoked as soon as the server answers (renewed, then logged out), tried again
    // at every server check until then. Not one is written anywhere.
    void revokeLeftovers();
    QList<QByteArray> m_unrevoked;
    struct Revoker
    {
        ApiClient api;
        AuthSession auth{api};
    };
    std::unique_ptr<Revoker> m_revoker;
    QTimer m_revokeTimer;
};

} // namespace ncre
