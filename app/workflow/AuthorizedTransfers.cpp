#include "AuthorizedTransfers.h"

#include "Alive.h"
#include "WorkflowLogging.h"

#include <QRandomGenerator>
#include <QTimer>

namespace ncre {

AuthorizedTransfers::AuthorizedTransfers(ApiClient &api, AuthSession &auth, TransferEngine &engine, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_auth(auth)
    , m_engine(engine)
{
}

void AuthorizedTransfers::run(const TransferRequest &request, std::function<void(Result<TransferResult>)> done)
{
    attempt(request, false, 1, std::move(done));
}

void AuthorizedTransfers::attempt(TransferRequest request, bool renewedToken, int attemptNumber,
                                  std::function<void(Result<TransferResult>)> done)
{
    request.headers.clear();
    request.headers.append({"Authorization", "Bearer " + m_api.accessToken().toLatin1()});
    const quint64 id = m_engine.start(request);
    auto progressConnection = std::make_shared<QMetaObject::Connection>();
    auto finishedConnection = std::make_shared<QMetaObject::Connection>();
    *progressConnection = connect(&m_engine, &TransferEngine::progress, this, [this, id](quint64 which, qint64 d, qint64 t) {
        if (which == id)
            emit progress(d, t);
    });
    *finishedConnection = connect(&m_engine, &TransferEngine::finished, this, [=](quint64 which, const Result<TransferResult> &result) {
        if (which != id)
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
        const ErrorCode code = result.error().code;
        if ((code == ErrorCode::AuthRequired || code == ErrorCode::AuthTokenExpired) && !renewedToken) {
            m_auth.refreshAccessToken(alive(this, [=](bool ok) {
                if (ok)
                    attempt(request, true, attemptNumber, done);
                else
                    done(result);
            }));
            return;
        }
        const bool transient = code == ErrorCode::NetworkUnreachable || code == ErrorCode::NetworkTimeout
            || code == ErrorCode::ServerUnavailable || code == ErrorCode::ServerBusy;
        if (transient && attemptNumber < kAttempts) {
            const int delay = int(QRandomGenerator::global()->bounded(200 << attemptNumber));
            qCInfo(lcWorkflow) << "transfer failed, retrying in" << delay << "ms:" << errorCodeName(code);
            QTimer::singleShot(delay, this, [=]() { attempt(request, renewedToken, attemptNumber + 1, done); });
            return;
        }
        done(result);
    });
}

} // namespace ncre
