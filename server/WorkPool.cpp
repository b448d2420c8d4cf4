#include "WorkPool.h"

#include <QElapsedTimer>
#include <QThread>

namespace ncre::server {

WorkPool::WorkPool(int workers, int queue, int perClient, QObject *parent)
    : QObject(parent)
    , m_perClient(qMax(1, perClient))
{
    const int threads = workers > 0 ? workers : qMax(1, QThread::idealThreadCount() - 1);
    m_pool.setMaxThreadCount(threads);
    m_capacity = threads + qMax(0, queue);
}

WorkPool::~WorkPool()
{
    m_pool.waitForDone();
}

int WorkPool::retryAfterSeconds() const
{
    const qint64 backlogMs = m_averageMs * m_inFlight / qMax(1, m_pool.maxThreadCount());
    return int(qMax<qint64>(1, (backlogMs + 999) / 1000));
}

bool WorkPool::submit(const QString &client, std::function<QVariant()> work, std::function<void(QVariant)> done)
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

} // namespace ncre::server
