#pragma once

#include "Credentials.h"

#include "WorkPool.h"

#include <QObject>

#include <functional>

namespace ncre::server {

// Argon2id off the event loop (issue 14): hashing and verifying run on a pool of `workers` threads, at most
// `workers + queue` at a time; beyond that the caller is refused at once (answer 503 server.busy with
// retryAfterSeconds()), so a flood of password guesses or sign-ups can neither stall other requests nor pile up
// unbounded work. Results are delivered on the thread that owns this object.
//
// No one client takes the pool: each client (clientBucket: an address, an IPv6 /64) may have at most
// `perClient` hashes in flight; beyond that it is refused too, while others still get theirs.
//
// verify() against an account that does not exist (or has no usable hash, e.g. a QQ-only account) checks a dummy
// hash of the same cost, so the answer takes as long either way and accounts cannot be told apart by time.
class PasswordHasher : public QObject
{
    Q_OBJECT

public:
    // `workers` 0: one fewer than the cores, at least one.
    PasswordHasher(int workers, int queue, Credentials::KdfProfile kdf, int perClient = 2, QObject *parent = nullptr);
    ~PasswordHasher() override;

    // False (and `done` is never called) when too many hashes are already waiting, in all or for `client`.
    bool hash(const QString &client, const QString &password, std::function<void(QString hash)> done);
    bool verify(const QString &client, const QString &hash, const QString &password, std::function<void(bool matches)> done);

    // A fair wait for a refused caller: the backlog's hashes spread over the workers, at least a second.
    int retryAfterSeconds() const { return m_pool.retryAfterSeconds(); }

private:
    Credentials::KdfProfile m_kdf;
    QString m_dummy;
    WorkPool m_pool; // the bounded threads, the queue and each client's share
};

} // namespace ncre::server
