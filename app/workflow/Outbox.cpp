#include "Outbox.h"

#include "Alive.h"
#include "WorkflowLogging.h"

namespace ncre {

Outbox::Outbox(ApiClient &api, LocalStore *store, std::function<QString()> account, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_store(store)
    , m_account(std::move(account))
{
}

bool Outbox::retryLater(const Problem &p)
{
    return Backoff::isRetryable(p.status) || p.status == 401;
}

int Outbox::count() const
{
    if (!m_store || m_account().isEmpty())
        return 0;
    const auto p = m_store->pending(m_account());
    return p ? int(p->size()) : 0;
}

void Outbox::write(const QByteArray &verb, const QString &path, const QByteArray &body, bool keep, Done done)
{
    const QByteArray key = ApiClient::newIdempotencyKey();
    const QString account = m_account();
    if (!m_store || !keep || account.isEmpty()) {
        m_api.sendWrite(verb, path, body, verb == "POST" ? key : QByteArray(), alive(this, [this, done](Result<Registration, Problem> r) {
            if (!r) {
                done(r.error());
                return;
            }
            emit answered(r.value());
            done({});
        }));
        return;
    }
    // A newer PUT of the same resource replaces one still waiting: only the latest version should go out.
    if (verb == "PUT") {
        if (const auto waiting = m_store->pending(account))
            for (const auto &w : waiting.value())
                if (w.verb == verb && w.path == path)
                    if (const auto dropped = m_store->dequeue(w.id); !dropped)
                        qCWarning(lcWorkflow) << "outbox entry not replaced:" << errorCodeName(dropped.error().code);
    }
    // Kept before the first attempt, with its key, so a crash or a lost answer can never send it twice.
    if (const auto queued = m_store->enqueue(account, verb, path, body, key); !queued) {
        done(Problem::fromError(queued.error()));
        return;
    }
    emit countChanged(count());
    m_callerWaiting.insert(key); // its first attempt is answered to the caller, not as refused(): they asked just now
    replay(std::move(done));
}

void Outbox::replay(Done done)
{
    if (!m_store || m_account().isEmpty()) {
        done({});
        return;
    }
    m_waiters.append(std::move(done));
    if (m_replaying)
        return; // the running replay picks them up when it ends
    runReplay();
}

void Outbox::runReplay()
{
    m_replaying = true;
    auto waiters = std::make_shared<QList<Done>>(std::exchange(m_waiters, {}));
    const auto items = m_store->pending(m_account());
    if (!items) {
        finishReplay(*waiters, Problem::fromError(items.error()));
        return;
    }
    replayFrom(std::make_shared<QList<LocalStore::PendingSubmission>>(items.value()), 0, {}, waiters);
}

void Outbox::replayFrom(std::shared_ptr<QList<LocalStore::PendingSubmission>> items, int index,
                        const Result<void, Problem> &last, std::shared_ptr<QList<Done>> waiters)
{
    if (index >= items->size()) {
        finishReplay(*waiters, last);
        return;
    }
    const LocalStore::PendingSubmission item = items->at(index);
    m_api.sendWrite(item.verb, item.path, item.body, item.verb == "POST" ? item.idempotencyKey : QByteArray(),
                    alive(this, [this, items, index, item, waiters](Result<Registration, Problem> r) {
                        const bool callerHears = m_callerWaiting.remove(item.idempotencyKey);
                        if (!r && retryLater(r.error())) {
                            // Stays kept, with its key, for when the network or the session returns.
                            qCInfo(lcWorkflow) << "kept in the outbox:" << item.verb << item.path
                                               << errorCodeName(r.error().code);
                            finishReplay(*waiters, r.error());
                            return;
                        }
                        if (const auto dropped = m_store->dequeue(item.id); !dropped)
                            qCWarning(lcWorkflow) << "outbox entry not removed:" << errorCodeName(dropped.error().code);
                        emit countChanged(count());
                        if (r) {
                            emit answered(r.value());
                            replayFrom(items, index + 1, {}, waiters);
                            return;
                        }
                        qCInfo(lcWorkflow) << "refused:" << item.verb << item.path << errorCodeName(r.error().code);
                        if (!callerHears)
                            emit refused(item.path, r.error());
                        replayFrom(items, index + 1, r.error(), waiters);
                    }));
}

void Outbox::finishReplay(const QList<Done> &waiters, const Result<void, Problem> &result)
{
    m_replaying = false;
    for (const Done &w : waiters)
        w(result);
    if (!m_waiters.isEmpty())
        runReplay();
}

} // namespace ncre
