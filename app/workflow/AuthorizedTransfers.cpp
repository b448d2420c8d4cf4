#include "AuthorizedTransfers.h"

#include "Alive.h"
#include "WorkflowLogging.h"

#include <QTimer>

namespace ncre {

AuthorizedTransfers::AuthorizedTransfers(ApiClient &api, TransferEngine &engine, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_engine(engine)
{
}

quint64 AuthorizedTransfers::run(const TransferRequest &request, std::function<void(TransferOutcome)> done)
{
    Attempt a;
    a.id = m_nextId++;
    a.request = request;
    a.started.start();
    const quint64 id = a.id;
    attempt(std::move(a), done);
    return id;
}

void AuthorizedTransfers::attempt(Attempt a, const std::function<void(TransferOutcome)> &done)
{
    a.request.headers.clear();
    a.request.headers.append({"Authorization", "Bearer " + m_api.accessToken().toLatin1()});
    const quint64 engineId = m_engine.start(a.request);
    auto progressConnection = std::make_shared<QMetaObject::Connection>();
    auto finishedConnection = std::make_shared<QMetaObject::Connection>();
    *progressConnection = connect(&m_engine, &TransferEngine::progress, this,
                                  [this, engineId, id = a.id](quint64 which, qint64 d, qint64 t) {
                                      if (which == engineId)
                                          emit progress(id, d, t);
                                  });
    *finishedConnection = connect(&m_engine, &TransferEngine::finished, this, [=](quint64 which, const TransferOutcome &result) {
        if (which != engineId)
            return;
        disconnect(*progressConnection);
        disconnect(*finishedConnection);
        ++m_traffic.requests;
        if (result) {
            m_traffic.bytesSent += result->wireBytesSent;
            m_traffic.bytesReceived += result->wireBytesReceived;
            done(result);
            return;
        }
        const Problem &problem = result.error();
        if (problem.status == 401 && !a.renewedToken) {
            m_api.renewAccessToken(alive(this, [=](bool ok) {
                if (!ok) {
                    done(result);
                    return;
                }
                Attempt again = a;
                again.renewedToken = true;
                attempt(again, done);
            }));
            return;
        }
        const std::optional<qint64> retryAfter = problem.retryAfterSeconds
            ? std::optional<qint64>(qint64(*problem.retryAfterSeconds) * 1000)
            : std::nullopt;
        if (const auto delay = m_api.retryDelayMs(a.number, problem, retryAfter, a.started.elapsed())) {
            qCInfo(lcWorkflow) << "transfer failed, retrying in" << *delay << "ms:" << errorCodeName(problem.code);
            Attempt next = a;
            ++next.number;
            QTimer::singleShot(*delay, this, [=]() { attempt(next, done); });
            return;
        }
        done(result);
    });
}

} // namespace ncre
