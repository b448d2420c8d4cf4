#include "Keychain.h"

#include "SecretBox.h"
#include "StoreLogging.h"

#include <qt6keychain/keychain.h>

namespace ncre {

namespace {

Error keychainError(const QKeychain::Job *job)
{
    // The job's message names the key at most, never the secret.
    return Error(ErrorCode::StoreOpen, QStringLiteral("keychain"),
                 QStringLiteral("keychain error %1: %2").arg(int(job->error())).arg(job->errorString()));
}

} // namespace

Keychain::Keychain(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
    // Jobs are not children of this object: a job destroyed while the Secret Service still works on it is used
    // after it is freed when the answer comes (QtKeychain's libsecret backend). Each job deletes itself once
    // finished (autoDelete); its answer reaches only a Keychain that still exists (the connection's context).
}

void Keychain::write(const QString &key, const QByteArray &secret, const WriteCallback &done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service); // unparented: see Keychain::Keychain
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        done(j->error() == QKeychain::NoError ? Result<void>() : Result<void>(keychainError(j)));
    });
    job->start();
}

void Keychain::read(const QString &key, const ReadCallback &done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service); // unparented: see Keychain::Keychain
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (j->error() == QKeychain::EntryNotFound)
            done(std::optional<QByteArray>());
        else if (j->error() != QKeychain::NoError)
            done(keychainError(j));
        else
            done(std::optional<QByteArray>(read->binaryData()));
    });
    job->start();
}

void Keychain::remove(const QString &key, const WriteCallback &done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service); // unparented: see Keychain::Keychain
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        done(ok ? Result<void>() : Result<void>(keychainError(j)));
    });
    job->start();
}

void Keychain::storeKey(const std::function<void(Result<QByteArray>)> &done)
{
    const QString name = QStringLiteral("local-store-key");
    read(name, [this, name, done](Result<std::optional<QByteArray>> existing) {
        if (!existing) {
            done(existing.error());
            return;
        }
        if (existing->has_value() && existing->value().size() == SecretBox::kKeyBytes) {
            done(existing->value());
            return;
        }
        const QByteArray key = SecretBox::newKey();
        write(name, key, [done, key](const Result<void> &written) {
            if (!written)
                done(written.error());
            else
                done(key);
        });
        qCInfo(lcStore) << "created a new local store key in the keychain";
    });
}

} // namespace ncre
