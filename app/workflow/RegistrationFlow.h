#pragma once

#include "ApiClient.h"
#include "AuthSession.h"
#include "AuthorizedTransfers.h"
#include "FlowGuide.h"
#include "KeptDocuments.h"
#include "LocalStore.h"
#include "Outbox.h"
#include "ProfileForm.h"
#include "ReferenceCache.h"
#include "RegistrationPoller.h"
#include "ReminderSchedule.h"
#include "SeatWatcher.h"
#include "TransferEngine.h"

#include <QDir>
#include <QObject>
#include <QTimer>

namespace ncre {

// The single object the UI binds to (architecture §2): it knows the registration's state, which step is open, what
// blocks the next one, the deadlines in server time, and offers the actions the state machine allows. The UI never
// decides these itself. Writes that fail for want of a network stay in the outbox with their Idempotency-Key and
// go out when the network returns; the basic information is kept as a draft from the first keystroke.
class RegistrationFlow : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<void, Problem>)>;

    // `store` may be null (nothing kept locally).
    RegistrationFlow(ApiClient &api, AuthSession &auth, TransferEngine &transfers, LocalStore *store,
                     QObject *parent = nullptr);
    ~RegistrationFlow() override;

    void setDownloadDirectory(const QString &dir) { m_downloadDir = dir; }
    // At a kiosk (issue 16) what this flow keeps locally lasts only until the candidate logs out: the pages say
    // "kept on this terminal until you log out", never "kept on this computer".
    void setKeptUntilLogOut(bool kept) { m_keptUntilLogOut = kept; }
    bool keptUntilLogOut() const { return m_keptUntilLogOut; }
    // Where downloads arrive unless set: the app's private data folder (downloads/, owner-only), never the shared
    // temporary folder. Files there are owner-only (0600), named unpredictably, and gone once kept sealed.
    static QString privateDownloadDirectory();
    void setPollIntervals(RegistrationPoller::Intervals intervals) { m_poller.setIntervals(intervals); }
    // Lead times of the reminders, in seconds before each deadline (default: one day and one hour).
    void setReminderLeads(QList<qint64> leadSeconds) { m_reminders.setLeads(std::move(leadSeconds)); }
    void setSeatWatchIntervalMs(int ms) { m_seats.setIntervalMs(ms); }
    RegistrationPoller &poller() { return m_poller; }

    // Loads the exam, its sites and the registration (none yet is fine), restores the drafts, replays the outbox
    // and starts polling. Call once logged in.
    void start(const Done &done);
    void stop();
    // True when what is shown came from the local store because the server could not be reached.
    bool isShowingOfflineData() const { return m_offline; }
    // The subjects of a site, with fees and seats left (fresh: seats change).
    void subjects(const QString &siteId, std::function<void(Result<QList<Subject>, Problem>)> done);
    // 网上报名公告 and 网上报名须知及流程, cached like the exam.
    void bulletins(BulletinKind kind, const std::function<void(Result<QList<Bulletin>, Problem>)> &done);

    // --- What the UI shows --------------------------------------------------------------------------------------
    const std::optional<Exam> &exam() const { return m_exam; }
    // The photo rules the server publishes (GET /meta, kept with its ETag for the next start and offline): the
    // built-in NCRE spec (PhotoSpec::ncreDefault) only before the first contact.
    const PhotoSpec &photoSpec() const { return m_photoSpec; }
    const QList<Site> &sites() const { return m_sites; }
    std::optional<Site> site(const QString &id) const;
    const std::optional<Registration> &registration() const { return m_registration; }
    std::optional<RegistrationState> state() const;
    FlowStep currentStep() const;
    QList<Blocker> blockers() const;
    QList<Deadline> deadlines() const; // upcoming and past, soonest first
    bool can(RegistrationAction action) const;
    // Why `action` cannot be taken now (FlowGuide::refusal): for the words that say what to do first.
    Error refusal(RegistrationAction action) const;
    LockPreview lockPreview(RegistrationAction action) const;
    QDateTime serverNow() const { return m_api.serverNow(); }
    // The basic information as the candidate last typed it (the draft), else as the server holds it.
    Profile profile() const { return m_form.values(); }
    // The same, as the form the profile page is a view of (touched fields, derived fields, errors). Edits made
    // through it are kept as the draft like editProfile()'s.
    ProfileForm &profileForm() { return m_form; }
    // Throws away what was restored from the draft (or typed and not saved): back to the basic information as the
    // server holds it, and the draft says so too, so the next start restores nothing.
    void discardProfileDraft();
    bool hasUnsavedProfile() const { return m_profileDirty; }
    int queuedSubmissions() const;
    // The API client's traffic plus that of the uploads and downloads this flow made.
    ApiClient::Traffic traffic() const;

    // --- What the candidate does -------------------------------------------------------------------------------
    void acceptAgreement(Done done);
    // Every keystroke: kept as a draft (debounced) so a crash or a lost network loses nothing.
    void editProfile(const Profile &profile);
    // Sends the draft: PUT /registrations/current/profile. Field errors come back in the Problem. After the server
    // found a document number taken, a new number needs a captcha (auth.captcha with field captchaAnswer): send it
    // again with the one the candidate answered (not kept in the outbox: a captcha answers one attempt only).
    void saveProfile(Done done);
    void saveProfileWithCaptcha(const QString &captchaId, const QString &captchaAnswer, Done done);
    // The API client, for what a page asks of the server itself (captcha pictures).
    ApiClient &api() { return m_api; }
    void chooseSubjects(const QString &siteId, const QStringList &subjectIds, Done done);
    // «我保证以上信息是真实和准确的» and «提交报考信息».
    void submit(bool guarantee, Done done);
    void uploadPhoto(const QByteArray &jpeg, const Done &done);
    // PUT /accounts/me/password: the server ends every other session of the account.
    void changePassword(const PasswordChange &change, Done done) { m_api.changePassword(change, std::move(done)); }
    // The photo the server holds (for the preview after upload).
    void serverPhoto(std::function<void(Result<QByteArray, Problem>)> done) { m_api.photo(std::move(done)); }
    void requestReview(Done done);

    // Opens the payment order, or the one already open: never a second. `reopened` tells the UI to warn that the
    // candidate may already have paid it; when the platform says it is paid, `alreadyPaid` is set and nothing is
    // to be opened.
    struct PaymentAttempt
    {
        PaymentOrder order;
        bool reopened = false;
        bool alreadyPaid = false;
    };
    void pay(const std::function<void(Result<PaymentAttempt, Problem>)> &done);
    // «我已支付，更新支付信息».
    void refreshPayment(const Done &done);

    // Downloads (resuming a cut-off download), verifies and keeps the document sealed in the local store.
    void download(DocumentKind kind, const std::function<void(Result<QByteArray, Problem>)> &done);
    // The kept copy, offline (KeptDocuments).
    Result<std::optional<QByteArray>> keptDocument(DocumentKind kind) const;
    // The kept documents and their offline unlock; null without a local store.
    KeptDocuments *keptDocuments() const { return m_kept.get(); }

    // Logs out and removes every trace of the account from this computer: drafts, kept documents, the last
    // registration, queued submissions (they are lost: the UI asks first when queuedSubmissions() > 0), the
    // download folder's partial files; the keychain entry goes with the logout (SessionKeeper). Kiosk mode does
    // this after each candidate.
    void forgetAccount(const Done &done);

    // Asks the server again now (the user pressed refresh or opened a page).
    void refresh(const Done &done);
    // Sends what the outbox holds, oldest first; stops at the first that cannot go yet.
    void replayOutbox(Done done);

    // Seats: watch a site whose subjects are full; seatsFreed fires when one has seats again.
    void watchSite(const QString &siteId);
    void unwatchSite(const QString &siteId);
    QStringList watchedSites() const { return m_seats.watched(); }
    void checkWatchedSites(Done done);

    // Emits reminderDue for every reminder whose moment passed since the last check (also run by a timer).
    void checkReminders();

signals:
    void registrationChanged(const ncre::Registration &registration);
    void photoSpecChanged(const ncre::PhotoSpec &spec);
    void stepChanged(ncre::FlowStep step);
    void profileDraftSaved();
    void profileDraftRestored();
    void queuedChanged(int count);
    // A queued submission went out and the server refused it (not a network problem): tell the candidate.
    void queuedSubmissionRefused(const QString &path, const ncre::Problem &problem);
    void reminderDue(const ncre::Reminder &reminder);
    void seatsFreed(const QString &siteId, const QString &subjectId, int seatsLeft);
    // Bytes of the photo upload, and of a document's download, so far (`total` 0 while unknown).
    void photoUploadProgress(qint64 done, qint64 total);
    void documentProgress(ncre::DocumentKind kind, qint64 done, qint64 total);
    // A request failed for want of the server and the client tries again at `retryAt` (server time): say why
    // (`reason`: server.busy / server.unavailable when it is overloaded, network.* when it cannot be reached) and
    // when, calmly. serverReachable() follows once a request gets through again.
    void serverBusy(const QDateTime &retryAt, ncre::ErrorCode reason);
    void serverReachable();
    // isShowingOfflineData() changed: true when what is shown came from this computer, false once the server
    // answered again.
    void offlineChanged(bool offline);

private:
    QString account() const;
    void adopt(const Registration &registration, bool fromServer = true);
    void setOffline(bool offline);
    void write(const QByteArray &verb, const QString &path, const QByteArray &body, bool keep, Done done);
    void sendProfile(const QList<QPair<QByteArray, QByteArray>> &captcha, const Done &done);
    void flushProfileDraft();
    void restoreLastRegistration();
    void restoreDrafts();
    FlowFacts facts() const;

    ApiClient &m_api;
    AuthSession &m_auth;
    LocalStore *m_store;
    bool m_keptUntilLogOut = false;
    std::unique_ptr<KeptDocuments> m_kept;
    RegistrationPoller m_poller;
    Outbox m_outbox;
    AuthorizedTransfers m_transfers;
    SeatWatcher m_seats;
    ReminderSchedule m_reminders;
    QTimer m_reminderTimer;
    QString m_downloadDir;
    quint64 m_photoTransfer = 0;
    QHash<quint64, DocumentKind> m_documentTransfers;

    std::optional<Exam> m_exam;
    PhotoSpec m_photoSpec = PhotoSpec::ncreDefault();
    QList<Site> m_sites;
    std::optional<Registration> m_registration;
    FlowStep m_step = FlowStep::Agreement;
    bool m_offline = false;
    bool m_pollFailing = false;
    bool m_serverTrouble = false;

    ProfileForm m_form;
    ReferenceCache m_reference;
    bool m_profileDirty = false;
    QTimer m_draftTimer;
};


} // namespace ncre

Q_DECLARE_METATYPE(ncre::Reminder)
