#include "PasswordHasher.h"

#include <QVariant>

namespace ncre::server {

PasswordHasher::PasswordHasher(int workers, int queue, Credentials::KdfProfile kdf, int perClient, QObject *parent)
    : QObject(parent)
    , m_kdf(kdf)
    , m_dummy(Credentials::hashPassword(QString::fromLatin1(Credentials::randomToken(16)), kdf))
    , m_pool(workers, queue, perClient)
{
}

PasswordHasher::~PasswordHasher() = default;

bool PasswordHasher::hash(const QString &client, const QString &password, std::function<void(QString)> done)
{
    const Credentials::KdfProfile kdf = m_kdf;
    return m_pool.submit(client, [password, kdf]() { return QVariant(Credentials::hashPassword(password, kdf)); },
                         [done = std::move(done)](const QVariant &v) { done(v.toString()); });
}

bool PasswordHasher::verify(const QString &client, const QString &hash, const QString &password, std::function<void(bool)> done)
{
    // Not a hash of ours (no account, a QQ-only account): the same work against the dummy, and no match.
    const bool usable = hash.startsWith(QLatin1String("$argon2id$"));
    const QString against = usable ? hash : m_dummy;
    return m_pool.submit(client, [against, password, usable]() { return QVariant(Credentials::verifyPassword(against, password) && usable); },
                         [done = std::move(done)](const QVariant &v) { done(v.toBool()); });
}

} // namespace ncre::server
