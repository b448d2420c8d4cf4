#include "KeptDocuments.h"

#include "SecretBox.h"
#include "WorkflowLogging.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace ncre {

namespace {

// Runs `work` on the thread pool and `then` with its result on this object's thread, unless `context` is gone.
template<typename T>
void offThread(QObject *context, std::function<T()> work, std::function<void(T)> then)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, then]() {
        watcher->deleteLater();
        then(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace

KeptDocuments::KeptDocuments(LocalStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

QString KeptDocuments::storeKey(DocumentKind kind)
{
    return kind == DocumentKind::RegistrationForm ? QStringLiteral("form") : QStringLiteral("ticket");
}

void KeptDocuments::remember(const QString &account, const QString &password, const std::function<void(Result<void>)> &done)
{
    offThread<QByteArray>(
        this, [password]() { return SecretBox::passwordVerifier(password); },
        [this, account, done](const QByteArray &verifier) {
            Result<void> kept = verifier.isEmpty() ? Result<void>(Error(ErrorCode::StoreWrite, {}, QStringLiteral("hashing failed")))
                                                   : m_store.putUnlockVerifier(account, verifier);
            if (!kept)
                qCWarning(lcWorkflow) << "cannot keep the unlock verifier:" << errorCodeName(kept.error().code);
            if (done)
                done(kept);
        });
}

void KeptDocuments::unlock(const QString &account, const QString &password,
                           const std::function<void(Result<QList<DocumentKind>>)> &done)
{
    m_unlocked.clear();
    const auto verifier = m_store.unlockVerifier(account);
    if (!verifier) {
        done(verifier.error());
        return;
    }
    // No verifier is checked against a dummy all the same, so the answer takes as long either way.
    static const QByteArray dummy = SecretBox::passwordVerifier(QStringLiteral("no account kept here"));
    const QByteArray against = verifier->value_or(dummy);
    const bool known = verifier->has_value();
    offThread<bool>(
        this, [against, password]() { return SecretBox::verifyPassword(against, password); },
        [this, account, known, done](bool matches) {
            if (!known || !matches) {
                done(Error(ErrorCode::AuthInvalidCredentials, {}, QStringLiteral("offline unlock refused")));
                return;
            }
            const auto kinds = m_store.documentKinds(account);
            if (!kinds) {
                done(kinds.error());
                return;
            }
            QList<DocumentKind> kept;
            for (DocumentKind kind : {DocumentKind::RegistrationForm, DocumentKind::AdmissionTicket})
                if (kinds->contains(storeKey(kind)))
                    kept << kind;
            if (kept.isEmpty()) {
                done(Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("nothing kept")));
                return;
            }
            m_unlocked = account;
            done(kept);
        });
}

Result<std::optional<QByteArray>> KeptDocuments::document(DocumentKind kind) const
{
    if (m_unlocked.isEmpty())
        return Error(ErrorCode::AuthRequired, {}, QStringLiteral("locked"));
    return read(m_unlocked, kind);
}

Result<void> KeptDocuments::keep(const QString &account, DocumentKind kind, const QByteArray &pdf)
{
    return m_store.putDocument(account, storeKey(kind), pdf, {});
}

Result<std::optional<QByteArray>> KeptDocuments::read(const QString &account, DocumentKind kind) const
{
    const auto d = m_store.document(account, storeKey(kind));
    if (!d)
        return d.error();
    if (!d->has_value())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(d->value().bytes);
}

} // namespace ncre
