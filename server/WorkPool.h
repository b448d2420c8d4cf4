#pragma once

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QVariant>

#include <functional>

namespace ncre::server {

// Work that would stall the event loop (decoding and checking an uploaded photo), run on a pool of `workers` threads,
// at most `workers + queue` at a time and `perClient` for one client (clientBucket); beyond, submit() refuses at
// once and the route answers 429 server.busy with retryAfterSeconds(). Results arrive on the owner's thread.
class WorkPool : public QObject
{
    Q_OBJECT

public:
    WorkPool(int workers, int queue, int perClient, QObject *parent = nullptr);
    ~WorkPool() override;

    // False (and `done` is never called) when the pool, or `client`'s share of it, is full.
    bool submit(const QString &client, std::function<QVariant()> work, std::function<void(QVariant)> done);
    // A fair wait for a refused caller: the backlog spread over the workers, at least a second.
    int retryAfterSeconds() const;
    int inFlight() const { return m_inFlight; }

private:
    QThreadPool m_pool;
    int m_capacity;
    int m_perClient;
    int m_inFlight = 0;
    qint64 m_averageMs = 200;
    QHash<QString, int> m_byClient;
};

} // namespace ncre::server
