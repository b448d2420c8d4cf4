#include "RegistrationFlow.h"

#include "Alive.h"
#include "PdfDocument.h"
#include "ProfileRules.h"
#include "WorkflowLogging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace ncre {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString documentPath(DocumentKind kind)
{
    return kind == DocumentKind::RegistrationForm ? QStringLiteral("/registrations/current/form.pdf")
                                                  : QStringLiteral("/registrations/current/ticket.pdf");
}


} // namespace

RegistrationFlow::RegistrationFlow(ApiClient &api, AuthSession &auth, TransferEngine &transfers, LocalStore *store,
                                   QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_auth(auth)
    , m_store(store)
    , m_poller(api)
    , m_outbox(api, store, [this]() { return account(); })
    , m_transfers(api, transfers)
    , m_seats(api)
    , m_downloadDir(privateDownloadDirectory())
    , m_form([this] { return serverNow().date(); })
    , m_reference(api, store)
{
    connect(&m_reference, &ReferenceCache::servedOffline, this, [this]() { setOffline(true); });
    // What the candidate types into the form is kept as the draft (debounced), like editProfile().
    connect(&m_form, &ProfileForm::edited, this, [this]() {
        m_profileDirty = !m_registration || m_form.values() != m_registration->profile;
        m_draftTimer.start();
    });
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(300);
    if (m_store)
        m_kept = std::make_unique<KeptDocuments>(*m_store);
    connect(&m_draftTimer, &QTimer::timeout, this, &RegistrationFlow::flushProfileDraft);
    m_reminderTimer.setInterval(60'000);
    connect(&m_reminderTimer, &QTimer::timeout, this, &RegistrationFlow::checkReminders);
    connect(&m_outbox, &Outbox::answered, this, [this](const Registration &r) { adopt(r); });
    connect(&m_outbox, &Outbox::countChanged, this, &RegistrationFlow::queuedChanged);
    connect(&m_outbox, &Outbox::refused, this, &RegistrationFlow::queuedSubmissionRefused);
    // Each transfer's progress goes to the signal of what it is, so a download never moves the photo page's bar.
    connect(&m_transfers, &AuthorizedTransfers::progress, this, [this](quint64 id, qint64 done, qint64 total) {
        if (id == m_photoTransfer)
            emit photoUploadProgress(done, total);
        else if (const auto kind = m_documentTransfers.constFind(id); kind != m_documentTransfers.cend())
            emit documentProgress(*kind, done, total);
    });
    connect(&m_seats, &SeatWatcher::seatsFreed, this, &RegistrationFlow::seatsFreed);

    // Whatever gets an answer from the server ends the trouble the desk reported.
    auto reached = [this]() {
        setOffline(false); // what is shown is the server's again
        if (std::exchange(m_serverTrouble, false))
            emit serverReachable();
    };
    connect(&m_poller, &RegistrationPoller::changed, this, reached);
    connect(&m_poller, &RegistrationPoller::unchanged, this, reached);
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
        if (Outbox::retryLater(p))
            m_pollFailing = true;
    });
    connect(&m_api, &ApiClient::retryScheduled, this,
            [this](int, qint64 delayMs, ErrorCode reason) {
                m_serverTrouble = true;
                emit serverBusy(m_api.serverNow().addMSecs(delayMs), reason);
            });
}

QString RegistrationFlow::privateDownloadDirectory()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/downloads");
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return dir;
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

void RegistrationFlow::bulletins(BulletinKind kind, const std::function<void(Result<QList<Bulletin>, Problem>)> &done)
{
    m_reference.fetch(kind == BulletinKind::Announcement ? QStringLiteral("/announcements") : QStringLiteral("/notices"),
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

void RegistrationFlow::subjects(const QString &siteId, std::function<void(Result<QList<Subject>, Problem>)> done)
{
    if (!m_exam) {
        done(Problem::fromError(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no exam loaded"))));
        return;
    }
    m_api.subjects(m_exam->id, siteId, done);
}

void RegistrationFlow::start(const Done &done)
{
    setOffline(false);
    // The photo rules first (the photo page checks against them); without them the built-in spec stays.
    m_reference.fetch(QStringLiteral("/meta"), [this](Result<QByteArray, Problem> body) {
        const auto json = body ? JsonReader::parseObject(body.value()) : Result<QJsonObject>(Error(ErrorCode::NetworkUnreachable));
        const auto meta = json ? Meta::fromJson(*json, JsonStrictness::Lenient) : Result<Meta>(json.error());
        if (!meta) {
            qCInfo(lcWorkflow) << "photo rules not received; keeping the ones in use";
            return;
        }
        if (meta->photoSpec.toJson() != m_photoSpec.toJson()) {
            m_photoSpec = meta->photoSpec;
            emit photoSpecChanged(m_photoSpec);
        }
    });
    m_reference.fetch(QStringLiteral("/exams/current"), [this, done](Result<QByteArray, Problem> body) {
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
        m_seats.setExam(m_exam->id);
        const QString sitesPath = QStringLiteral("/exams/%1/sites").arg(QString::fromLatin1(QUrl::toPercentEncoding(m_exam->id)));
        m_reference.fetch(sitesPath, [this, done](Result<QByteArray, Problem> sites) {
            if (sites) {
                if (const auto json = JsonReader::parseObject(sites.value())) {
                    JsonReader reader(*json, JsonStrictness::Lenient);
                    const QList<Site> list = reader.nestedList<Site>("sites", 10000);
                    if (reader.ok())
                        m_sites = list;
                }
            }
            refresh([this, done](const Result<void, Problem> &r) {
                if (!r && Outbox::retryLater(r.error()))
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
        setOffline(true);
        adopt(r.value(), false);
    }
}

void RegistrationFlow::forgetAccount(const Done &done)
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
        m_form.load(Profile());
        m_profileDirty = false;
        m_seats.clear();
        m_reminders.clear();
        done(result);
    }));
}

void RegistrationFlow::stop()
{
    m_poller.stop();
    m_reminderTimer.stop();
    m_seats.clear();
    if (m_draftTimer.isActive()) {
        m_draftTimer.stop();
        flushProfileDraft();
    }
}

void RegistrationFlow::refresh(const Done &done)
{
    m_poller.userActivity();
    m_api.registration({}, alive(this, [this, done](Result<std::optional<Registration>, Problem> r, const QByteArray&) {
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
        if (std::exchange(m_serverTrouble, false))
            emit serverReachable();
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

FlowFacts RegistrationFlow::facts() const
{
    return FlowFacts{m_registration, m_exam, m_sites, m_form.values(), serverNow()};
}

void RegistrationFlow::setOffline(bool offline)
{
    if (std::exchange(m_offline, offline) != offline)
        emit offlineChanged(offline);
}

void RegistrationFlow::adopt(const Registration &registration, bool fromServer)
{
    if (fromServer)
        setOffline(false);
    const bool changed = !m_registration || m_registration->version != registration.version
        || m_registration->state != registration.state;
    m_registration = registration;
    if (!m_profileDirty)
        m_form.load(registration.profile);
    else if (m_form.values() == registration.profile)
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
    return FlowGuide::currentStep(facts());
}

QList<Blocker> RegistrationFlow::blockers() const
{
    return FlowGuide::blockers(facts());
}

QList<Deadline> RegistrationFlow::deadlines() const
{
    return FlowGuide::deadlines(facts());
}

bool RegistrationFlow::can(RegistrationAction action) const
{
    return FlowGuide::can(facts(), action);
}

Error RegistrationFlow::refusal(RegistrationAction action) const
{
    return FlowGuide::refusal(facts(), action);
}

LockPreview RegistrationFlow::lockPreview(RegistrationAction action) const
{
    return FlowGuide::lockPreview(facts(), action);
}

ApiClient::Traffic RegistrationFlow::traffic() const
{
    ApiClient::Traffic t = m_api.traffic();
    const ApiClient::Traffic transfers = m_transfers.traffic();
    t.requests += transfers.requests;
    t.bytesSent += transfers.bytesSent;
    t.bytesReceived += transfers.bytesReceived;
    return t;
}

int RegistrationFlow::queuedSubmissions() const
{
    return m_outbox.count();
}

// --- Drafts ---------------------------------------------------------------------------------------------------

void RegistrationFlow::editProfile(const Profile &profile)
{
    m_form.load(profile);
    m_profileDirty = !m_registration || profile != m_registration->profile;
    m_draftTimer.start();
}

void RegistrationFlow::discardProfileDraft()
{
    editProfile(m_registration ? m_registration->profile : Profile());
    flushProfileDraft();
}

void RegistrationFlow::flushProfileDraft()
{
    m_draftTimer.stop();
    if (!m_store || account().isEmpty())
        return;
    if (const auto saved = m_store->saveDraft(account(), QStringLiteral("profile"), compact(m_form.values().toJson())); !saved) {
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
    m_form.load(profile.value());
    m_profileDirty = true;
    emit profileDraftRestored();
}

// --- Writes ---------------------------------------------------------------------------------------------------

void RegistrationFlow::write(const QByteArray &verb, const QString &path, const QByteArray &body, bool keep, Done done)
{
    m_poller.userActivity();
    m_outbox.write(verb, path, body, keep, std::move(done));
}

void RegistrationFlow::replayOutbox(Done done)
{
    m_outbox.replay(std::move(done));
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
    sendProfile({}, done);
}

void RegistrationFlow::saveProfileWithCaptcha(const QString &captchaId, const QString &captchaAnswer, Done done)
{
    sendProfile({{"NCRE-Captcha-Id", captchaId.toUtf8()}, {"NCRE-Captcha-Answer", captchaAnswer.toUtf8()}}, done);
}

void RegistrationFlow::sendProfile(const QList<QPair<QByteArray, QByteArray>> &captcha, const Done &done)
{
    // Until the server answers, the outbox keeps what is sent (sealed, with its Idempotency-Key): the draft is
    // written once, with the outcome.
    m_draftTimer.stop();
    const Profile sent = m_form.values();
    auto finish = [this, done, sent](const Result<void, Problem> &r) {
        if (r && m_registration && m_form.values() == sent) {
            // The server's copy is the canonical form of what was typed (trimmed, birth date and gender derived):
            // adopt it, and keep it as the draft so a restart does not offer to restore the old one.
            m_form.load(m_registration->profile);
            m_profileDirty = false;
        }
        flushProfileDraft(); // the saved copy, or what was typed when the server refused or was away
        done(r);
    };
    const QString path = QStringLiteral("/registrations/current/profile");
    if (captcha.isEmpty()) {
        write("PUT", path, compact(sent.toJson()), true, std::move(finish));
        return;
    }
    m_poller.userActivity();
    m_api.sendWrite("PUT", path, compact(sent.toJson()), {}, alive(this, [this, finish](Result<Registration, Problem> r) {
        if (r)
            adopt(r.value());
        finish(r ? Result<void, Problem>() : Result<void, Problem>(r.error()));
    }), captcha);
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

void RegistrationFlow::pay(const std::function<void(Result<PaymentAttempt, Problem>)> &done)
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

void RegistrationFlow::refreshPayment(const Done &done)
{
    if (!m_registration || !m_registration->payment) {
        done(Problem::fromError(Error(ErrorCode::StateActionNotAllowed, {}, QStringLiteral("no payment order"))));
        return;
    }
    m_api.refreshPayment(m_registration->payment->id, ApiClient::newIdempotencyKey(),
                         alive(this, [this, done](const Result<PaymentOrder, Problem> &order) {
                             if (!order) {
                                 done(order.error());
                                 return;
                             }
                             refresh(done);
                         }));
}

// --- Transfers ------------------------------------------------------------------------------------------------

void RegistrationFlow::uploadPhoto(const QByteArray &jpeg, const Done &done)
{
    m_poller.userActivity();
    TransferRequest request;
    request.kind = TransferRequest::Kind::Upload;
    request.url = m_api.urlFor(QStringLiteral("/registrations/current/photo"));
    request.uploadBody = jpeg;
    request.uploadContentType = "image/jpeg";
    request.uploadMethod = "PUT";
    m_photoTransfer = m_transfers.run(request, [this, done](const TransferOutcome &r) {
        if (!r) {
            done(r.error());
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

void RegistrationFlow::download(DocumentKind kind, const std::function<void(Result<QByteArray, Problem>)> &done)
{
    m_poller.userActivity();
    TransferRequest request;
    request.kind = TransferRequest::Kind::Download;
    request.url = m_api.urlFor(documentPath(kind));
    // Named after a hash of the account, so the download folder does not say whose documents it held.
    // ... and a random part, so no other program can guess it and plant or read the file there.
    const QByteArray who = QCryptographicHash::hash(account().toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    QByteArray nonce(8, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), nonce.size() / 4);
    request.destination = QDir(m_downloadDir).filePath(QString::fromLatin1(who) + QLatin1Char('-') + KeptDocuments::storeKey(kind)
                                                       + QLatin1Char('-') + QString::fromLatin1(nonce.toHex())
                                                       + QStringLiteral(".pdf"));
    auto transfer = std::make_shared<quint64>(0);
    *transfer = m_transfers.run(request, [this, kind, done, transfer, destination = request.destination](const TransferOutcome &r) {
        m_documentTransfers.remove(*transfer);
        if (!r) {
            // Nothing half-downloaded stays behind (the next attempt starts afresh under another name).
            for (const QString &suffix : {QStringLiteral(".part"), QStringLiteral(".part.etag"), QString()})
                QFile::remove(destination + suffix);
            done(r.error());
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
        if (m_kept && !account().isEmpty()) {
            if (const auto kept = m_kept->keep(account(), kind, bytes); !kept) {
                done(Problem::fromError(kept.error()));
                return;
            }
        }
        done(bytes);
    });
    m_documentTransfers.insert(*transfer, kind);
}

Result<std::optional<QByteArray>> RegistrationFlow::keptDocument(DocumentKind kind) const
{
    if (!m_kept || account().isEmpty())
        return std::optional<QByteArray>();
    return m_kept->read(account(), kind);
}

// --- Seats and reminders --------------------------------------------------------------------------------------

void RegistrationFlow::watchSite(const QString &siteId)
{
    m_seats.watch(siteId);
}

void RegistrationFlow::unwatchSite(const QString &siteId)
{
    m_seats.unwatch(siteId);
}

void RegistrationFlow::checkWatchedSites(Done done)
{
    m_seats.check(done);
}

void RegistrationFlow::checkReminders()
{
    for (const Reminder &r : m_reminders.due(deadlines(), serverNow()))
        emit reminderDue(r);
}

} // namespace ncre
