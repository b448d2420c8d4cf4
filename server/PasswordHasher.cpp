#include "PasswordHasher.h"

#include <QElapsedTimer>
#include <QThread>
#include <QVariant>

namespace ncre::server {

PasswordHasher::PasswordHasher(int workers, int queue, Credentials::KdfProfile kdf, int perClient, QObject *parent)
    : QObject(parent)
    , m_kdf(kdf)
    , m_dummy(Credentials::hashPassword(QString::fromLatin1(Credentials::randomToken(16)), kdf))
    , m_perClient(qMax(1, perClient))
{
    const int threads = workers > 0 ? workers : qMax(1, QThread::idealThreadCount() - 1);
    m_pool.setMaxThreadCount(threads);
    m_capacity = threads + qMax(0, queue);
}

PasswordHasher::~PasswordHasher()
{
    m_pool.waitForDone();
}

int PasswordHasher::retryAfterSeconds() const
{
    const qint64 backlogMs = m_averageMs * m_inFlight / qMax(1, m_pool.maxThreadCount());
    return int(qMax<qint64>(1, (backlogMs + 999) / 1000));
}

bool PasswordHasher::submit(const QString &client, std::function<QVariant()> work, std::function<void(QVariant)> done)
{
    if (m_inFlight >= m_capacity || m_byClient.value(client) >= m_perClient)
        return false;
    ++m_inFlight;
    ++m_byClient[client];
    m_pool.start([this, client, work = std::move(work), done = std::move(done)]() {
        QElapsedTimer timer;
        timer.start();
        QVariant result = work();
        const qint64 ms = timer.elapsed();
        QMetaObject::invokeMethod(this, [this, client, result, done, ms]() {
            --m_inFlight;
            if (--m_byClient[client] <= 0)
                m_byClient.remove(client);
            m_averageMs = (m_averageMs * 7 + ms) / 8;
            done(result);
        }, Qt::QueuedConnection);
    });
    return true;
}

bool PasswordHasher::hash(const QString &client, const QString &password, std::function<void(QString)> done)
{
    const Credentials::KdfProfile kdf = m_kdf;
    return submit(client, [password, kdf]() { return QVariant(Credentials::hashPassword(password, kdf)); },
                  [done = std::move(done)](const QVariant &v) { done(v.toString()); });
}

bool PasswordHasher::verify(const QString &client, const QString &hash, const QString &password, std::function<void(bool)> done)
{
    // Not a hash of ours (no account, a QQ-only account): the same work against the dummy, and no match.
    const bool usable = hash.startsWith(QLatin1String("$argon2id$"));
    const QString against = usable ? hash : m_dummy;
    return submit(client, [against, password, usable]() { return QVariant(Credentials::verifyPassword(against, password) && usable); },
                  [done = std::move(done)](const QVariant &v) { done(v.toBool()); });
}

} // namespace ncre::server
