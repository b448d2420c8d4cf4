#include "RegistrationFlow.h"

#include "Alive.h"
#include "PdfDocument.h"
#include "ProfileRules.h"
#include "WorkflowLogging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace ncre {

namespace {

constexpr int kTransferAttempts = 5;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool keepsInOutbox(const Problem &p)
{
    // What another attempt later may fix: no network, a busy server, or a session to renew. Anything else is the
    // server's answer to this request and will not change by sending it again.
    return Backoff::isRetryable(p.status) || p.status == 401;
}

QString documentPath(DocumentKind kind)
{
    return kind == DocumentKind::RegistrationForm ? QStringLiteral("/registrations/current/form.pdf")
                                                  : QStringLiteral("/registrations/current/ticket.pdf");
}

QString documentKey(DocumentKind kind)
{
    return kind == DocumentKind::RegistrationForm ? QStringLiteral("form") : QStringLiteral("ticket");
}

Problem toProblem(const Error &e)
{
    Problem p = Problem::fromError(e);
    // Transfer failures that are the network's carry status 0 so callers treat them like ApiClient's.
    if (e.code == ErrorCode::NetworkUnreachable || e.code == ErrorCode::NetworkTimeout || e.code == ErrorCode::NetworkTls)
        p.status = 0;
    return p;
}

const QList<RegistrationAction> kEdits = {RegistrationAction::EditProfile, RegistrationAction::EditSubjects,
                                          RegistrationAction::UploadPhoto};

} // namespace

QString flowStepName(FlowStep step)
{
    switch (step) {
    case FlowStep::Agreement: return QStringLiteral("agreement");
    case FlowStep::Profile: return QStringLiteral("profile");
    case FlowStep::Subjects: return QStringLiteral("subjects");
    case FlowStep::Photo: return QStringLiteral("photo");
    case FlowStep::Review: return QStringLiteral("review");
    case FlowStep::Payment: return QStringLiteral("payment");
    case FlowStep::Documents: return QStringLiteral("documents");
    case FlowStep::Closed: return QStringLiteral("closed");
    }
    return {};
}

QString blockerKindName(BlockerKind kind)
{
    switch (kind) {
    case BlockerKind::FieldInvalid: return QStringLiteral("fieldInvalid");
    case BlockerKind::SiteMissing: return QStringLiteral("siteMissing");
    case BlockerKind::SubjectsMissing: return QStringLiteral("subjectsMissing");
    case BlockerKind::PhotoMissing: return QStringLiteral("photoMissing");
    case BlockerKind::ReviewPending: return QStringLiteral("reviewPending");
    case BlockerKind::ReviewRejected: return QStringLiteral("reviewRejected");
    case BlockerKind::RegistrationClosed: return QStringLiteral("registrationClosed");
    case BlockerKind::PaymentDeadlinePassed: return QStringLiteral("paymentDeadlinePassed");
    case BlockerKind::TicketNotYetOpen: return QStringLiteral("ticketNotYetOpen");
    }
    return {};
}

RegistrationFlow::RegistrationFlow(ApiClient &api, AuthSession &auth, TransferEngine &transfers, LocalStore *store,
                                   QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_auth(auth)
    , m_transfers(transfers)
    , m_store(store)
    , m_poller(api)
    , m_downloadDir(QDir::tempPath())
{
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(300);
    connect(&m_draftTimer, &QTimer::timeout, this, &RegistrationFlow::flushProfileDraft);
    m_reminderTimer.setInterval(60'000);
    connect(&m_reminderTimer, &QTimer::timeout, this, &RegistrationFlow::checkReminders);
    m_seatTimer.setInterval(60'000);
    connect(&m_seatTimer, &QTimer::timeout, this, [this]() { checkWatchedSites([](const Result<void, Problem> &) {}); });

    connect(&m_poller, &RegistrationPoller::changed, this, [this](const Registration &r) {
        adopt(r);
        if (std::exchange(m_pollFailing, false))
            replayOutbox([](const Result<void, Problem> &) {});
    });
    connect(&m_poller, &RegistrationPoller::unchanged, this, [this]() {
        // The network is back: whatever waited for it goes out now.
        if (std::exchange(m_pollFailing, false))
            replayOutbox([](const Result<void, Problem> &) {});
    });
    connect(&m_poller, &RegistrationPoller::failed, this, [this](const Problem &p) {
        if (keepsInOutbox(p))
            m_pollFailing = true;
    });
    connect(&m_auth, &AuthSession::sessionEnded, this, &RegistrationFlow::sessionEnded);
}

RegistrationFlow::~RegistrationFlow()
{
    if (m_draftTimer.isActive())
        flushProfileDraft();
}

QString RegistrationFlow::account() const
{
    return m_auth.account().username;
}

void RegistrationFlow::fetchReference(const QString &path, std::function<void(Result<QByteArray, Problem>)> done)
{
    // Reference data is not personal: kept as served, with its ETag, so the next fetch is conditional and an
    // offline start still shows the exam, the sites and the announcements.
    std::optional<LocalStore::CachedResource> kept;
    if (m_store)
        if (auto c = m_store->cached(path); c && c->has_value())
            kept = c->value();
    ApiRequest request = ApiRequest::make("GET", path);
    if (kept)
        request.ifNoneMatch = kept->etag;
    m_api.send(request, alive(this, [this, path, kept, done](const Result<ApiReply, Problem> &r) {
        if (r && r->status == 304 && kept) {
            done(kept->body);
            return;
        }
        if (r) {
            if (m_store && !r->etag.isEmpty())
                if (const auto put = m_store->putCached(path, r->etag, r->body); !put)
                    qCWarning(lcWorkflow) << "reference data not cached:" << errorCodeName(put.error().code);
            done(r->body);
            return;
        }
        if (kept && keepsInOutbox(r.error())) {
            m_offline = true;
            done(kept->body);
            return;
        }
        done(r.error());
    }));
}

void RegistrationFlow::bulletins(BulletinKind kind, std::function<void(Result<QList<Bulletin>, Problem>)> done)
{
    fetchReference(kind == BulletinKind::Announcement ? QStringLiteral("/announcements") : QStringLiteral("/notices"),
                   [done](Result<QByteArray, Problem> body) {
                       if (!body) {
                           done(body.error());
                           return;
                       }
                       const auto json = JsonReader::parseObject(body.value());
                       if (!json) {
                           done(Problem::fromError(json.error()));
                           return;
                       }
                       JsonReader reader(*json, JsonStrictness::Lenient);
                       const QList<Bulletin> items = reader.nestedList<Bulletin>("items", 1000);
                       if (!reader.ok()) {
                           done(Problem::fromError(reader.error()));
                           return;
                       }
                       done(items);
                   });
}

void RegistrationFlow::start(Done done)
{
    m_offline = false;
    fetchReference(QStringLiteral("/exams/current"), [this, done](Result<QByteArray, Problem> body) {
        if (!body) {
            done(body.error());
            return;
        }
        const auto json = JsonReader::parseObject(body.value());
        auto exam = json ? Exam::fromJson(*json, JsonStrictness::Lenient) : Result<Exam>(json.error());
        if (!exam) {
            done(Problem::fromError(exam.error()));
            return;
        }
        m_exam = exam.value();
        const QString sitesPath = QStringLiteral("/exams/%1/sites").arg(QString::fromLatin1(QUrl::toPercentEncoding(m_exam->id)));
        fetchReference(sitesPath, [this, done](Result<QByteArray, Problem> sites) {
            if (sites) {
                if (const auto json = JsonReader::parseObject(sites.value())) {
                    JsonReader reader(*json, JsonStrictness::Lenient);
                    const QList<Site> list = reader.nestedList<Site>("sites", 10000);
                    if (reader.ok())
                        m_sites = list;
                }
            }
            refresh([this, done](const Result<void, Problem> &r) {
                if (!r && keepsInOutbox(r.error()))
                    restoreLastRegistration(); // offline: show what was last seen
                restoreDrafts();
                m_poller.start();
                m_reminderTimer.start();
                checkReminders();
                if (!r) {
                    done(r);
                    return;
                }
                replayOutbox([done](const Result<void, Problem> &) { done({}); });
            });
        });
    });
}

void RegistrationFlow::restoreLastRegistration()
{
    if (!m_store || account().isEmpty() || m_registration)
        return;
    const auto kept = m_store->loadDraft(account(), QStringLiteral("registration"));
    if (!kept || !kept->has_value())
        return;
    const auto json = JsonReader::parseObject(kept->value());
    if (!json)
        return;
    if (auto r = Registration::fromJson(*json, JsonStrictness::Lenient)) {
        m_offline = true;
        adopt(r.value(), false);
    }
}

void RegistrationFlow::forgetAccount(Done done)
{
    const QString who = account();
    stop();
    m_draftTimer.stop(); // nothing more is written for this account
    m_auth.logOut(alive(this, [this, who, done]() {
        Result<void, Problem> result;
        if (m_store && !who.isEmpty())
            if (const auto wiped = m_store->wipeAccount(who); !wiped)
                result = Problem::fromError(wiped.error());
        const QByteArray prefix = QCryptographicHash::hash(who.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
        const QDir downloads(m_downloadDir);
        for (const QString &f : downloads.entryList({QString::fromLatin1(prefix) + QStringLiteral("-*")}, QDir::Files))
            QFile::remove(downloads.filePath(f));
        m_registration.reset();
        m_profile = Profile();
        m_profileDirty = false;
        m_watched.clear();
        m_firedReminders.clear();
        done(result);
    }));
}

void RegistrationFlow::stop()
{
    m_poller.stop();
    m_reminderTimer.stop();
    m_seatTimer.stop();
    if (m_draftTimer.isActive()) {
        m_draftTimer.stop();
        flushProfileDraft();
    }
}

void RegistrationFlow::refresh(Done done)
{
    m_poller.userActivity();
    m_api.registration({}, alive(this, [this, done](Result<std::optional<Registration>, Problem> r, QByteArray) {
        if (!r) {
            if (r.error().code == ErrorCode::ResourceNotFound) {
                // No registration yet: the agreement creates it.
                m_registration.reset();
                done({});
                return;
            }
            done(r.error());
            return;
        }
        if (r.value())
            adopt(*r.value());
        done({});
    }));
}

std::optional<Site> RegistrationFlow::site(const QString &id) const
{
    for (const Site &s : m_sites)
        if (s.id == id)
            return s;
    return std::nullopt;
}

std::optional<RegistrationState> RegistrationFlow::state() const
{
    if (!m_registration)
        return std::nullopt;
    return m_registration->state;
}

TransitionContext RegistrationFlow::context() const
{
    TransitionContext c;
    if (!m_registration)
        return c;
    if (const auto s = site(m_registration->siteId))
        c.reviewRequired = s->reviewRequired;
    c.orderOpen = m_registration->payment && m_registration->payment->status == PaymentStatus::Open;
    return c;
}

void RegistrationFlow::adopt(const Registration &registration, bool fromServer)
{
    if (fromServer)
        m_offline = false;
    const bool changed = !m_registration || m_registration->version != registration.version
        || m_registration->state != registration.state;
    m_registration = registration;
    if (!m_profileDirty)
        m_profile = registration.profile;
    else if (m_profile == registration.profile)
        m_profileDirty = false;
    if (changed) {
        // The last registration seen, sealed (it holds the ID number), for an offline start.
        if (m_store && !account().isEmpty() && fromServer)
            if (const auto kept = m_store->saveDraft(account(), QStringLiteral("registration"), compact(registration.toJson())); !kept)
                qCWarning(lcWorkflow) << "registration not kept:" << errorCodeName(kept.error().code);
        emit registrationChanged(registration);
    }
    const FlowStep step = currentStep();
    if (step != m_step) {
        m_step = step;
        emit stepChanged(step);
    }
    checkReminders();
}

FlowStep RegistrationFlow::currentStep() const
{
    if (!m_registration)
        return FlowStep::Agreement;
    const Registration &r = *m_registration;
    switch (r.state) {
    case RegistrationState::Draft:
        if (r.agreementVersion.isEmpty())
            return FlowStep::Agreement;
        if (!ProfileRules::validate(r.profile, serverNow().date()).isEmpty())
            return FlowStep::Profile;
        return FlowStep::Subjects;
    case RegistrationState::Submitted:
        return FlowStep::Photo;
    case RegistrationState::PhotoUploaded:
        return context().reviewRequired ? FlowStep::Review : FlowStep::Payment;
    case RegistrationState::ReviewPending:
    case RegistrationState::ReviewRejected:
        return FlowStep::Review;
    case RegistrationState::ReviewApproved:
        return FlowStep::Payment;
    case RegistrationState::Paid:
    case RegistrationState::Confirmed:
        return FlowStep::Documents;
    case RegistrationState::Expired:
    case RegistrationState::Cancelled:
        return FlowStep::Closed;
    }
    return FlowStep::Closed;
}

QList<Blocker> RegistrationFlow::blockers() const
{
    QList<Blocker> out;
    const QDateTime now = serverNow();
    const FlowStep step = currentStep();
    if (step == FlowStep::Closed || step == FlowStep::Agreement)
        return out;
    const Registration &r = *m_registration;

    const auto closes = r.deadlines.registrationCloses ? r.deadlines.registrationCloses
                                                       : (m_exam ? std::optional<QDateTime>(m_exam->registration.closes) : std::nullopt);
    const bool stillOpenToChange = r.state == RegistrationState::Draft || r.state == RegistrationState::Submitted
        || r.state == RegistrationState::PhotoUploaded || r.state == RegistrationState::ReviewRejected;
    if (stillOpenToChange && closes && now >= *closes)
        out.append({BlockerKind::RegistrationClosed, ErrorCode::StateWindowClosed, std::nullopt, {}, {}});

    switch (step) {
    case FlowStep::Profile:
    case FlowStep::Subjects:
        for (const Error &e : ProfileRules::validate(m_profile, now.date()))
            out.append({BlockerKind::FieldInvalid, e.code, Profile::fieldFromKey(e.field), {}, {}});
        if (step == FlowStep::Subjects) {
            if (r.siteId.isEmpty())
                out.append({BlockerKind::SiteMissing, ErrorCode::ValidationFailed, std::nullopt, {}, {}});
            if (r.subjectIds.isEmpty())
                out.append({BlockerKind::SubjectsMissing, ErrorCode::ValidationFailed, std::nullopt, {}, {}});
        }
        break;
    case FlowStep::Photo:
        out.append({BlockerKind::PhotoMissing, ErrorCode::ValidationFailed, std::nullopt, {}, {}});
        break;
    case FlowStep::Review:
        if (r.state == RegistrationState::ReviewPending)
            out.append({BlockerKind::ReviewPending, ErrorCode::StateActionNotAllowed, std::nullopt, {}, {}});
        else if (r.state == RegistrationState::ReviewRejected)
            out.append({BlockerKind::ReviewRejected, ErrorCode::StateActionNotAllowed, std::nullopt, {},
                        r.review ? r.review->reason : QString()});
        break;
    case FlowStep::Payment:
        if (r.deadlines.paymentDue && now >= *r.deadlines.paymentDue)
            out.append({BlockerKind::PaymentDeadlinePassed, ErrorCode::StateWindowClosed, std::nullopt, {}, {}});
        break;
    case FlowStep::Documents: {
        const auto opens = r.deadlines.ticketOpens ? r.deadlines.ticketOpens
                                                   : (m_exam ? std::optional<QDateTime>(m_exam->ticketPrint.opens) : std::nullopt);
        if (opens && now < *opens)
            out.append({BlockerKind::TicketNotYetOpen, ErrorCode::StateWindowClosed, std::nullopt, *opens, {}});
        break;
    }
    case FlowStep::Agreement:
    case FlowStep::Closed:
        break;
    }
    return out;
}

QList<Deadline> RegistrationFlow::deadlines() const
{
    QList<Deadline> out;
    auto add = [&](DeadlineKind kind, const std::optional<QDateTime> &at) {
        if (at && at->isValid())
            out.append({kind, at->toUTC()});
    };
    const Deadlines d = m_registration ? m_registration->deadlines : Deadlines();
    add(DeadlineKind::RegistrationCloses,
        d.registrationCloses ? d.registrationCloses : (m_exam ? std::optional<QDateTime>(m_exam->registration.closes) : std::nullopt));
    add(DeadlineKind::PaymentDue, d.paymentDue);
    add(DeadlineKind::TicketOpens,
        d.ticketOpens ? d.ticketOpens : (m_exam ? std::optional<QDateTime>(m_exam->ticketPrint.opens) : std::nullopt));
    add(DeadlineKind::TicketCloses,
        d.ticketCloses ? d.ticketCloses : (m_exam ? std::optional<QDateTime>(m_exam->ticketPrint.closes) : std::nullopt));
    add(DeadlineKind::OnSiteConfirmation, d.onSiteConfirmationBy);
    std::stable_sort(out.begin(), out.end(), [](const Deadline &a, const Deadline &b) { return a.at < b.at; });
    return out;
}

bool RegistrationFlow::can(RegistrationAction action) const
{
    // The server computed these from the shared table; it is the authority.
    return m_registration && m_registration->allowedActions.contains(action);
}

LockPreview RegistrationFlow::lockPreview(RegistrationAction action) const
{
    LockPreview preview;
    if (!m_registration)
        return preview;
    const RegistrationState from = m_registration->state;
    const TransitionContext now = context();
    TransitionContext after = now;
    RegistrationState to = from;
    if (action == RegistrationAction::CreatePayment) {
        after.orderOpen = true; // an open order locks the information at review-free sites
    } else if (auto next = RegistrationMachine::apply(from, action, now)) {
        to = next.value();
    } else {
        return preview;
    }
    for (RegistrationAction edit : kEdits)
        if (RegistrationMachine::allows(from, edit, now) && !RegistrationMachine::allows(to, edit, after))
            preview.lockedNow.append(edit);
    if (auto rejected = RegistrationMachine::apply(to, RegistrationAction::Reject, after)) {
        preview.unlockedOnRejection = !preview.lockedNow.isEmpty()
            && std::all_of(preview.lockedNow.begin(), preview.lockedNow.end(),
                           [&](RegistrationAction edit) { return RegistrationMachine::allows(rejected.value(), edit, after); });
    }
    if (auto approved = RegistrationMachine::apply(to, RegistrationAction::Approve, after)) {
        for (RegistrationAction edit : kEdits)
            if (RegistrationMachine::allows(from, edit, now) && !RegistrationMachine::allows(approved.value(), edit, after))
                preview.lockedOnApproval.append(edit);
    }
    return preview;
}

ApiClient::Traffic RegistrationFlow::traffic() const
{
    ApiClient::Traffic t = m_api.traffic();
    t.requests += m_transferTraffic.requests;
    t.bytesSent += m_transferTraffic.bytesSent;
    t.bytesReceived += m_transferTraffic.bytesReceived;
    return t;
}

int RegistrationFlow::queuedSubmissions() const
{
    if (!m_store)
        return 0;
    const auto p = m_store->pending(account());
    return p ? int(p->size()) : 0;
}

// --- Drafts ---------------------------------------------------------------------------------------------------

void RegistrationFlow::editProfile(const Profile &profile)
{
    m_profile = profile;
    m_profileDirty = !m_registration || profile != m_registration->profile;
    m_draftTimer.start();
}

void RegistrationFlow::flushProfileDraft()
{
    m_draftTimer.stop();
    if (!m_store || account().isEmpty())
        return;
    if (const auto saved = m_store->saveDraft(account(), QStringLiteral("profile"), compact(m_profile.toJson())); !saved) {
        qCWarning(lcWorkflow) << "draft not saved:" << errorCodeName(saved.error().code);
        return;
    }
    emit profileDraftSaved();
}

void RegistrationFlow::restoreDrafts()
{
    if (!m_store || account().isEmpty())
        return;
    const auto draft = m_store->loadDraft(account(), QStringLiteral("profile"));
    if (!draft || !draft->has_value())
        return;
    const auto json = JsonReader::parseObject(draft->value());
    if (!json)
        return;
    const auto profile = Profile::fromJson(*json, JsonStrictness::Lenient);
    if (!profile)
        return;
    const bool locked = m_registration && !m_registration->allowedActions.contains(RegistrationAction::EditProfile)
        && m_registration->state != RegistrationState::Draft;
    if (locked || (m_registration && profile.value() == m_registration->profile))
        return;
    m_profile = profile.value();
    m_profileDirty = true;
    emit profileDraftRestored();
}

// --- Writes and the outbox ------------------------------------------------------------------------------------

void RegistrationFlow::write(const QByteArray &verb, const QString &path, const QByteArray &body, bool queueWhenOffline,
                             Done done)
{
    m_poller.userActivity();
    const QByteArray key = ApiClient::newIdempotencyKey();
    if (!m_store || !queueWhenOffline || account().isEmpty()) {
        m_api.sendWrite(verb, path, body, verb == "POST" ? key : QByteArray(), alive(this, [this, done](Result<Registration, Problem> r) {
            if (!r) {
                done(r.error());
                return;
            }
            adopt(r.value());
            done({});
        }));
        return;
    }
    // A newer PUT of the same resource replaces one still waiting: only the latest version should go out.
    if (verb == "PUT") {
        if (const auto waiting = m_store->pending(account()))
            for (const auto &w : waiting.value())
                if (w.verb == verb && w.path == path)
                    if (const auto dropped = m_store->dequeue(w.id); !dropped)
                        qCWarning(lcWorkflow) << "outbox entry not replaced:" << errorCodeName(dropped.error().code);
    }
    // Kept before the first attempt, with its key, so a crash or a lost answer can never send it twice.
    if (const auto queued = m_store->enqueue(account(), verb, path, body, key); !queued) {
        done(Problem::fromError(queued.error()));
        return;
    }
    emit queuedChanged(queuedSubmissions());
    replayOutbox(std::move(done));
}

void RegistrationFlow::replayOutbox(Done done)
{
    if (!m_store || account().isEmpty()) {
        done({});
        return;
    }
    m_replayWaiters.append(std::move(done));
    if (m_replaying)
        return; // the running replay picks them up when it ends
    runReplay();
}

void RegistrationFlow::runReplay()
{
    m_replaying = true;
    auto waiters = std::make_shared<QList<Done>>(std::exchange(m_replayWaiters, {}));
    const auto items = m_store->pending(account());
    if (!items) {
        finishReplay(*waiters, Problem::fromError(items.error()));
        return;
    }
    replayFrom(std::make_shared<QList<LocalStore::PendingSubmission>>(items.value()), 0, {}, waiters);
}

void RegistrationFlow::replayFrom(std::shared_ptr<QList<LocalStore::PendingSubmission>> items, int index,
                                  Result<void, Problem> last, std::shared_ptr<QList<Done>> waiters)
{
    if (index >= items->size()) {
        finishReplay(*waiters, last);
        return;
    }
    const LocalStore::PendingSubmission item = items->at(index);
    m_api.sendWrite(item.verb, item.path, item.body, item.verb == "POST" ? item.idempotencyKey : QByteArray(),
                    alive(this, [this, items, index, item, waiters](Result<Registration, Problem> r) {
                        if (!r && keepsInOutbox(r.error())) {
                            // Stays queued, with its key, for when the network or the session returns.
                            qCInfo(lcWorkflow) << "kept in the outbox:" << item.verb << item.path
                                               << errorCodeName(r.error().code);
                            finishReplay(*waiters, r.error());
                            return;
                        }
                        if (const auto dropped = m_store->dequeue(item.id); !dropped)
                            qCWarning(lcWorkflow) << "outbox entry not removed:" << errorCodeName(dropped.error().code);
                        emit queuedChanged(queuedSubmissions());
                        if (r) {
                            adopt(r.value());
                            replayFrom(items, index + 1, {}, waiters);
                            return;
                        }
                        qCInfo(lcWorkflow) << "refused:" << item.verb << item.path << errorCodeName(r.error().code);
                        emit queuedSubmissionRefused(item.path, r.error());
                        replayFrom(items, index + 1, r.error(), waiters);
                    }));
}

void RegistrationFlow::finishReplay(const QList<Done> &waiters, const Result<void, Problem> &result)
{
    m_replaying = false;
    for (const Done &w : waiters)
        w(result);
    if (!m_replayWaiters.isEmpty())
        runReplay();
}

// --- Steps ----------------------------------------------------------------------------------------------------

void RegistrationFlow::acceptAgreement(Done done)
{
    if (!m_exam) {
        done(Problem::fromError(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no exam loaded"))));
        return;
    }
    AgreementAcceptance a;
    a.agreementVersion = m_exam->agreementVersion;
    write("PUT", QStringLiteral("/registrations/current/agreement"), compact(a.toJson()), false, std::move(done));
}

void RegistrationFlow::saveProfile(Done done)
{
    flushProfileDraft();
    const Profile sent = m_profile;
    write("PUT", QStringLiteral("/registrations/current/profile"), compact(sent.toJson()), true,
          [this, done, sent](const Result<void, Problem> &r) {
              if (r && m_registration && m_profile == sent) {
                  // The server's copy is the canonical form of what was typed (trimmed, birth date and gender
                  // derived): adopt it, and keep it as the draft so a restart does not offer to restore the old one.
                  m_profile = m_registration->profile;
                  m_profileDirty = false;
                  flushProfileDraft();
              }
              done(r);
          });
}

void RegistrationFlow::chooseSubjects(const QString &siteId, const QStringList &subjectIds, Done done)
{
    SubjectChoice c;
    c.siteId = siteId;
    c.subjectIds = subjectIds;
    write("PUT", QStringLiteral("/registrations/current/subjects"), compact(c.toJson()), true, std::move(done));
}

void RegistrationFlow::submit(bool guarantee, Done done)
{
    if (!guarantee) {
        // The server would refuse it too; saying so here saves the candidate a round trip.
        Problem p = Problem::fromError(Error(ErrorCode::ValidationFailed, QStringLiteral("guarantee")));
        p.status = 422;
        done(p);
        return;
    }
    SubmitRequest s;
    s.guarantee = true;
    write("POST", QStringLiteral("/registrations/current/submit"), compact(s.toJson()), true, std::move(done));
}

void RegistrationFlow::requestReview(Done done)
{
    write("POST", QStringLiteral("/registrations/current/review-requests"), {}, true, std::move(done));
}

void RegistrationFlow::pay(std::function<void(Result<PaymentAttempt, Problem>)> done)
{
    m_poller.userActivity();
    m_api.createPayment(ApiClient::newIdempotencyKey(), alive(this, [this, done](Result<ApiClient::OpenedOrder, Problem> opened) {
        if (!opened) {
            done(opened.error());
            return;
        }
        PaymentAttempt attempt{opened->order, opened->reopened, false};
        if (!attempt.reopened) {
            refresh([done, attempt](const Result<void, Problem> &) { done(attempt); });
            return;
        }
        // The order was already open: the candidate may have paid it in another window. Ask the platform before
        // sending them to pay again.
        m_api.refreshPayment(attempt.order.id, ApiClient::newIdempotencyKey(),
                             alive(this, [this, done, attempt](Result<PaymentOrder, Problem> order) mutable {
                                 if (order) {
                                     attempt.order = order.value();
                                     attempt.alreadyPaid = order->status == PaymentStatus::Paid;
                                 }
                                 refresh([done, attempt](const Result<void, Problem> &) { done(attempt); });
                             }));
    }));
}

void RegistrationFlow::refreshPayment(Done done)
{
    if (!m_registration || !m_registration->payment) {
        done(Problem::fromError(Error(ErrorCode::StateActionNotAllowed, {}, QStringLiteral("no payment order"))));
        return;
    }
    m_api.refreshPayment(m_registration->payment->id, ApiClient::newIdempotencyKey(),
                         alive(this, [this, done](Result<PaymentOrder, Problem> order) {
                             if (!order) {
                                 done(order.error());
                                 return;
                             }
                             refresh(done);
                         }));
}

// --- Transfers ------------------------------------------------------------------------------------------------

void RegistrationFlow::transfer(TransferRequest request, bool retriedAuth, int attempt,
                                std::function<void(Result<TransferResult>)> done)
{
    request.headers.clear();
    request.headers.append({"Authorization", "Bearer " + m_api.accessToken().toLatin1()});
    const quint64 id = m_transfers.start(request);
    auto progress = std::make_shared<QMetaObject::Connection>();
    auto finished = std::make_shared<QMetaObject::Connection>();
    *progress = connect(&m_transfers, &TransferEngine::progress, this, [this, id](quint64 which, qint64 d, qint64 t) {
        if (which == id)
            emit transferProgress(d, t);
    });
    *finished = connect(&m_transfers, &TransferEngine::finished, this,
                        [=](quint64 which, const Result<TransferResult> &result) {
                            if (which != id)
                                return;
                            disconnect(*progress);
                            disconnect(*finished);
                            ++m_transferTraffic.requests;
                            if (result) {
                                m_transferTraffic.bytesSent += result->wireBytesSent;
                                m_transferTraffic.bytesReceived += result->wireBytesReceived;
                            }
                            if (!result) {
                                const ErrorCode code = result.error().code;
                                if ((code == ErrorCode::AuthRequired || code == ErrorCode::AuthTokenExpired) && !retriedAuth) {
                                    m_auth.refreshAccessToken(alive(this, [=](bool ok) {
                                        if (ok)
                                            transfer(request, true, attempt, done);
                                        else
                                            done(result);
                                    }));
                                    return;
                                }
                                const bool transient = code == ErrorCode::NetworkUnreachable || code == ErrorCode::NetworkTimeout
                                    || code == ErrorCode::ServerUnavailable || code == ErrorCode::ServerBusy;
                                if (transient && attempt < kTransferAttempts) {
                                    // A cut-off download keeps its part file: the next attempt resumes it.
                                    const int delay = int(QRandomGenerator::global()->bounded(200 << attempt));
                                    qCInfo(lcWorkflow) << "transfer failed, retrying in" << delay << "ms:" << errorCodeName(code);
                                    QTimer::singleShot(delay, this, [=]() { transfer(request, retriedAuth, attempt + 1, done); });
                                    return;
                                }
                            }
                            done(result);
                        });
}

void RegistrationFlow::uploadPhoto(const QByteArray &jpeg, Done done)
{
    m_poller.userActivity();
    TransferRequest request;
    request.kind = TransferRequest::Kind::Upload;
    request.url = m_api.urlFor(QStringLiteral("/registrations/current/photo"));
    request.uploadBody = jpeg;
    request.uploadContentType = "image/jpeg";
    request.uploadMethod = "PUT";
    transfer(request, false, 1, [this, done](const Result<TransferResult> &r) {
        if (!r) {
            done(toProblem(r.error()));
            return;
        }
        const auto json = JsonReader::parseObject(r->body);
        auto reg = json ? Registration::fromJson(*json, JsonStrictness::Lenient) : Result<Registration>(json.error());
        if (!reg) {
            done(Problem::fromError(reg.error()));
            return;
        }
        adopt(reg.value());
        done({});
    });
}

void RegistrationFlow::download(DocumentKind kind, std::function<void(Result<QByteArray, Problem>)> done)
{
    m_poller.userActivity();
    TransferRequest request;
    request.kind = TransferRequest::Kind::Download;
    request.url = m_api.urlFor(documentPath(kind));
    // Named after a hash of the account, so the download folder does not say whose documents it held.
    const QByteArray who = QCryptographicHash::hash(account().toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    request.destination = QDir(m_downloadDir).filePath(QString::fromLatin1(who) + QLatin1Char('-') + documentKey(kind)
                                                       + QStringLiteral(".pdf"));
    transfer(request, false, 1, [this, kind, done, destination = request.destination](const Result<TransferResult> &r) {
        if (!r) {
            done(toProblem(r.error()));
            return;
        }
        QFile file(destination);
        if (!file.open(QIODevice::ReadOnly)) {
            done(Problem::fromError(Error(ErrorCode::StoreWrite, {}, file.errorString())));
            return;
        }
        const QByteArray bytes = file.readAll();
        file.close();
        // Kept sealed in the store; the plain file goes, so nothing personal stays in the download folder.
        QFile::remove(destination);
        if (const auto ok = PdfDocument::verify(bytes, {}); !ok) {
            done(Problem::fromError(ok.error()));
            return;
        }
        if (m_store && !account().isEmpty()) {
            if (const auto kept = m_store->putDocument(account(), documentKey(kind), bytes, {}); !kept) {
                done(Problem::fromError(kept.error()));
                return;
            }
        }
        done(bytes);
    });
}

Result<std::optional<QByteArray>> RegistrationFlow::keptDocument(DocumentKind kind) const
{
    if (!m_store || account().isEmpty())
        return std::optional<QByteArray>();
    const auto d = m_store->document(account(), documentKey(kind));
    if (!d)
        return d.error();
    if (!d->has_value())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(d->value().bytes);
}

// --- Seats and reminders --------------------------------------------------------------------------------------

void RegistrationFlow::watchSite(const QString &siteId)
{
    if (!m_watched.contains(siteId))
        m_watched.insert(siteId, {});
    if (!m_seatTimer.isActive())
        m_seatTimer.start();
}

void RegistrationFlow::unwatchSite(const QString &siteId)
{
    m_watched.remove(siteId);
    if (m_watched.isEmpty())
        m_seatTimer.stop();
}

void RegistrationFlow::checkWatchedSites(Done done)
{
    if (!m_exam || m_watched.isEmpty()) {
        done({});
        return;
    }
    auto remaining = std::make_shared<int>(int(m_watched.size()));
    auto firstError = std::make_shared<Result<void, Problem>>();
    const QStringList siteIds = m_watched.keys();
    for (const QString &siteId : siteIds) {
        m_api.subjects(m_exam->id, siteId, alive(this, [this, siteId, remaining, firstError, done](Result<QList<Subject>, Problem> r) {
            if (!r) {
                if (*firstError)
                    *firstError = r.error();
            } else if (m_watched.contains(siteId)) {
                QHash<QString, int> &seen = m_watched[siteId];
                for (const Subject &s : r.value()) {
                    const int before = seen.value(s.id, -1);
                    seen.insert(s.id, s.seatsLeft);
                    if (before == 0 && s.seatsLeft > 0)
                        emit seatsFreed(siteId, s.id, s.seatsLeft);
                }
            }
            if (--*remaining == 0)
                done(*firstError);
        }));
    }
}

void RegistrationFlow::checkReminders()
{
    const QDateTime now = serverNow();
    for (const Deadline &d : deadlines()) {
        // Longest lead first; when several are due at once (the app was closed), only the most urgent is said.
        QList<qint64> leads = m_reminderLeads;
        if (d.kind == DeadlineKind::TicketOpens)
            leads = {0}; // «the ticket can be printed now», not a countdown
        std::sort(leads.begin(), leads.end(), std::greater<qint64>());
        std::optional<Reminder> due;
        for (qint64 lead : leads) {
            const QString key = QStringLiteral("%1/%2/%3").arg(int(d.kind)).arg(d.at.toSecsSinceEpoch()).arg(lead);
            if (m_firedReminders.contains(key))
                continue;
            const QDateTime moment = d.at.addSecs(-lead);
            const bool stillAhead = lead == 0 ? now < d.at.addDays(1) : now < d.at;
            if (moment <= now && stillAhead) {
                m_firedReminders.insert(key);
                due = Reminder{d, lead};
            }
        }
        if (due)
            emit reminderDue(*due);
    }
}

} // namespace ncre
