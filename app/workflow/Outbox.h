#pragma once

#include "ApiClient.h"
#include "LocalStore.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace ncre {

// The registration's writes that must be neither lost nor done twice. Each is kept in the local store with the
// Idempotency-Key of its first attempt before it is sent; one that cannot go now (no network, a busy server, a
// session to renew) stays and is sent again, oldest first, by replay(). A newer PUT of the same resource replaces
// one still waiting. Without a store (or an account) writes go straight out.
class Outbox : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<void, Problem>)>;

    Outbox(ApiClient &api, LocalStore *store, std::function<QString()> account, QObject *parent = nullptr);

    // Sends a write; with `keep`, it is kept first and then sent with whatever waited before it. `done` reports
    // this write's fate: a network-class problem means it is still kept.
    void write(const QByteArray &verb, const QString &path, const QByteArray &body, bool keep, Done done);
    // Sends what is kept, oldest first; stops at the first that cannot go yet.
    void replay(Done done);
    int count() const;

    // What another attempt later may fix; anything else is the server's answer and will not change.
    static bool retryLater(const Problem &problem);

signals:
    // Every registration the server answered a write with, in order.
    void answered(const ncre::Registration &registration);
    void countChanged(int count);
    // A kept write went out and the server refused it: the candidate must hear of it.
    void refused(const QString &path, const ncre::Problem &problem);

private:
    void runReplay();
    void replayFrom(std::shared_ptr<QList<LocalStore::PendingSubmission>> items, int index, const Result<void, Problem> &last,
                    std::shared_ptr<QList<Done>> waiters);
    void finishReplay(const QList<Done> &waiters, const Result<void, Problem> &result);

    ApiClient &m_api;
    LocalStore *m_store;
    std::function<QString()> m_account;
    bool m_replaying = false;
    QSet<QByteArray> m_callerWaiting; // keys of writes whose caller waits for their first answer
    QList<Done> m_waiters;
};

} // namespace ncre
