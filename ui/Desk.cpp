#include "Desk.h"

#include <QLoggingCategory>

#include "Alive.h"
#include "KeptDocumentsWindow.h"
#include "LoginWindow.h"
#include "MainWindow.h"
#include "SessionPrompt.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcDesk, "ncre.desk", QtInfoMsg)

namespace ncre {

Desk::Desk(QObject *parent)
    : QObject(parent)
{
    connect(&m_auth, &AuthSession::sessionEnded, this, [this]() {
        if (m_main)
            promptForSession();
    });
}

Desk::~Desk()
{
    delete m_prompt;
    delete m_keptWindow;
    m_main.reset();
    m_flow.reset();
    m_login.reset();
}

Result<void> Desk::setServer(const QUrl &url, const QString &keychainName)
{
    if (Result<void> set = m_api.setBaseUrl(url); !set)
        return set;
    m_keeper = std::make_unique<SessionKeeper>(m_auth, m_keychain,
                                               keychainName.isEmpty() ? m_api.baseUrl() : QUrl(keychainName));
    connect(m_keeper.get(), &SessionKeeper::keychainFailed, this, [this](const Error &) {
        if (!std::exchange(m_keychainFailureTold, true))
            tell(tr("The system keychain did not take the session, so you will be asked to log in again next time "
                    "NCRE Desk starts."));
    });
    return {};
}

void Desk::start()
{
    showLogin();
    // The desk versions the server accepts and the ways to log in, before anything else: an outdated desk says so
    // at once (the server answers /meta to every version).
    m_api.meta(alive(this, [this](Result<Meta, Problem> meta) {
        if (meta)
            applyMeta(meta.value());
    }));
    if (!m_keeper)
        return;
    // Two tries: a server that is away must not hold the start up.
    m_keeper->resume(alive(this, [this](const Result<Session, Problem> &session) {
        // No kept session, or the server refused it (then it is forgotten): the login window stays. Away (a network
        // problem) with a kept session: the main window opens on what this computer kept, and the session is
        // renewed once the server answers.
        if (m_flow)
            return;
        if (session) {
            startFlow();
        } else if (session.error().status == 0 && m_auth.isLoggedIn()) {
            // What the flow fetches at start answers from what was kept at the first failure, not after minutes
            // of retries; the usual policy is back once the main window shows, and the poller brings the rest.
            m_offlineStartPolicy = m_api.retryPolicy();
            RetryPolicy once = *m_offlineStartPolicy;
            once.maxAttempts = 1;
            m_api.setRetryPolicy(once);
            startFlow();
        }
    }), 2);
}

void Desk::applyMeta(const Meta &meta)
{
    m_meta = meta;
    if (meta.client && meta.client->needFor(deskVersion()) != ClientVersions::Need::None)
        qCInfo(lcDesk).noquote() << "server publishes desk versions: minimum" << meta.client->minimum << "latest"
                                 << meta.client->latest << "(this is" << deskVersion() + QLatin1Char(')');
    if (m_login)
        m_login->applyMeta(meta);
    if (m_main && meta.client)
        m_main->setClientVersions(*meta.client);
}

void Desk::tell(const QString &text)
{
    // Not modal to the event loop: the network, the keychain and tests go on while it shows.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("NCRE Desk"), text, QMessageBox::Ok,
                                m_main ? static_cast<QWidget *>(m_main.get()) : m_login.get());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void Desk::showLogin()
{
    delete m_prompt;
    m_main.reset();
    m_flow.reset();
    m_starting = false;
    m_login = std::make_unique<LoginWindow>(m_api, m_auth);
    connect(m_login.get(), &LoginWindow::loggedIn, this, [this]() { startFlow(); });
    connect(m_login.get(), &LoginWindow::passwordAccepted, this, &Desk::rememberPassword);
    connect(m_login.get(), &LoginWindow::keptDocumentsRequested, this, &Desk::openKeptDocuments);
    if (m_meta)
        m_login->applyMeta(*m_meta);
    m_login->show();
    qCDebug(lcDesk) << "login window shown";
    emit loginShown();
}

void Desk::logOut()
{
    // AuthSession::logOut forgets the tokens whatever the server says; SessionKeeper removes the keychain entry.
    m_auth.logOut(alive(this, [this]() { QMetaObject::invokeMethod(this, &Desk::showLogin, Qt::QueuedConnection); }));
}

void Desk::openStore(std::function<void()> then)
{
    if (m_store || m_storeTried) {
        then();
        return;
    }
    // One keychain read for every caller: two at once would each create a key, and the store would be sealed with
    // the one the keychain then forgets.
    m_storeWaiters.append(std::move(then));
    if (m_storeWaiters.size() > 1)
        return;
    m_keychain.storeKey(alive(this, [this](Result<QByteArray> key) {
        m_storeTried = true;
        if (key) {
            const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
            QDir().mkpath(dir);
            auto opened = std::make_unique<LocalStore>(key.value());
            const auto report = opened->open(QDir(dir).filePath(QStringLiteral("ncre-desk.sqlite")));
            if (report) {
                m_store = std::move(opened);
                m_kept = std::make_unique<KeptDocuments>(*m_store);
                if (!report->movedAsideTo.isEmpty())
                    tell(tr("The local data file was damaged and has been set aside; NCRE Desk starts afresh. Your "
                            "registration on the server is not affected."));
            }
        } else {
            tell(tr("The system keychain is not available, so NCRE Desk cannot keep drafts on this computer. "
                    "Everything you save still goes to the server."));
        }
        for (const auto &waiter : std::exchange(m_storeWaiters, {}))
            waiter();
    }));
}

void Desk::rememberPassword(const QString &account, const QString &password)
{
    openStore([this, account, password]() {
        if (!m_kept) {
            emit passwordRemembered(false);
            return;
        }
        m_kept->remember(account, password, alive(this, [this](const Result<void> &r) { emit passwordRemembered(r.ok()); }));
    });
}

void Desk::startFlow()
{
    if (m_starting || m_flow)
        return;
    m_starting = true;
    openStore([this]() { startFlowWithStore(); });
}

void Desk::startFlowWithStore()
{
    m_flow = std::make_unique<RegistrationFlow>(m_api, m_auth, m_transfers, m_store.get());
    m_flow->start([this](const Result<void, Problem> &) {
        m_starting = false;
        if (m_offlineStartPolicy)
            m_api.setRetryPolicy(*std::exchange(m_offlineStartPolicy, std::nullopt));
        const bool changePassword = m_login && m_login->passwordChangeRequested();
        m_main = std::make_unique<MainWindow>(*m_flow, m_auth.account().username);
        if (m_meta && m_meta->client)
            m_main->setClientVersions(*m_meta->client);
        connect(m_main.get(), &MainWindow::logOutRequested, this, &Desk::logOut);
        connect(m_main.get(), &MainWindow::passwordChanged, this,
                [this](const QString &password) { rememberPassword(m_auth.account().username, password); });
        m_main->show();
        if (m_login)
            m_login->hide();
        delete m_keptWindow;
        emit mainShown();
        if (changePassword)
            m_main->changePassword();
    });
}

void Desk::promptForSession()
{
    if (m_prompt)
        return;
    m_prompt = new SessionPrompt(m_api, m_auth, m_auth.account().username, m_main.get());
    m_prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_prompt, &SessionPrompt::resumed, this,
            [this](const QString &password) {
                rememberPassword(m_auth.account().username, password);
                // What waited for the session goes now: the outbox, a fresh look at the registration.
                if (m_flow)
                    m_flow->refresh([](const Result<void, Problem> &) {});
            });
    connect(m_prompt, &SessionPrompt::logOutRequested, this, &Desk::logOut);
    m_prompt->open(); // window-modal over the main window, which stays as it is
    emit sessionPromptShown();
}

void Desk::openKeptDocuments()
{
    openStore([this]() {
        if (!m_kept) {
            tell(tr("Nothing can be kept on this computer without the system keychain, so there are no documents "
                    "to open here. Download them again once logged in."));
            return;
        }
        if (!m_keptWindow) {
            m_keptWindow = new KeptDocumentsWindow(*m_kept, m_login ? m_login->account() : QString(), m_login.get());
            m_keptWindow->setAttribute(Qt::WA_DeleteOnClose);
        }
        m_keptWindow->show();
        m_keptWindow->raise();
        emit keptDocumentsShown();
    });
}

} // namespace ncre
