#pragma once

#include "Meta.h"

#include "ApiClient.h"
#include "AuthSession.h"
#include "Keychain.h"
#include "KeptDocuments.h"
#include "LocalStore.h"
#include "RegistrationFlow.h"
#include "SessionKeeper.h"
#include "TransferEngine.h"

#include <QObject>
#include <QPointer>

#include "KeptDocumentsWindow.h"
#include "SessionPrompt.h"

#include <memory>

namespace ncre {

class LoginWindow;
class MainWindow;

// The desktop application's windows and what they share (ncre-desk without --kiosk): the login window, the main
// window over one RegistrationFlow, and the session kept across restarts.
//
// - start(): the login window shows at once; a session kept in the OS keychain (SessionKeeper) is resumed meanwhile
//   and, when the server takes it, the main window opens without asking for the password. Every token rotation is
//   written to the keychain; logging out removes it.
// - A session that ends while the main window is open (AuthSession::sessionEnded) is asked for again in place
//   (SessionPrompt): the main window, its pages and drafts stay as they are.
// - The documents kept for exam day open from the login window without the server (KeptDocumentsWindow): each
//   password login and password change keeps a verifier of the password in the local store.
// - The local store is sealed with a key from the keychain; without a keychain nothing personal is kept on disk
//   and the candidate is told so once.
class Desk : public QObject
{
    Q_OBJECT

public:
    explicit Desk(QObject *parent = nullptr);
    ~Desk() override;

    // The registration server (https, or http on loopback); `keychainName` files the kept session under another
    // name than the URL (the demo server's port changes from run to run). Errors as ApiClient::setBaseUrl.
    Result<void> setServer(const QUrl &url, const QString &keychainName = {});
    void start();

    ApiClient &api() { return m_api; }
    AuthSession &auth() { return m_auth; }
    SessionKeeper *sessionKeeper() const { return m_keeper.get(); }
    LoginWindow *loginWindow() const { return m_login.get(); }
    MainWindow *mainWindow() const { return m_main.get(); }
    RegistrationFlow *flow() const { return m_flow.get(); }
    SessionPrompt *sessionPrompt() const { return m_prompt; }
    KeptDocumentsWindow *keptDocumentsWindow() const { return m_keptWindow; }
    // What GET /meta said at start (desk versions, login providers); empty until it answered.
    const std::optional<Meta> &meta() const { return m_meta; }

signals:
    void loginShown();
    void mainShown();
    void sessionPromptShown();
    void keptDocumentsShown();
    // The password verifier for the offline documents was written (or could not be: `ok` false).
    void passwordRemembered(bool ok);

private:
    void showLogin();
    void logOut();
    void openStore(std::function<void()> then);
    void startFlow();
    void startFlowWithStore();
    void promptForSession();
    void openKeptDocuments();
    void rememberPassword(const QString &account, const QString &password);
    void tell(const QString &text);
    void applyMeta(const Meta &meta);

    ApiClient m_api;
    AuthSession m_auth{m_api};
    TransferEngine m_transfers;
    Keychain m_keychain;
    std::unique_ptr<SessionKeeper> m_keeper;
    std::unique_ptr<LocalStore> m_store;
    bool m_storeTried = false;
    QList<std::function<void()>> m_storeWaiters;
    std::unique_ptr<KeptDocuments> m_kept;
    std::unique_ptr<RegistrationFlow> m_flow;
    std::unique_ptr<LoginWindow> m_login;
    std::unique_ptr<MainWindow> m_main;
    QPointer<SessionPrompt> m_prompt;
    QPointer<KeptDocumentsWindow> m_keptWindow;
    std::optional<Meta> m_meta;
    bool m_starting = false;
    std::optional<RetryPolicy> m_offlineStartPolicy;
    bool m_keychainFailureTold = false;
};

} // namespace ncre
