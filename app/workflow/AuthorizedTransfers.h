#pragma once

#include "ApiClient.h"
#include "TransferEngine.h"

#include <QElapsedTimer>
#include <QObject>

namespace ncre {

// Uploads and downloads of the candidate's own resources through the libcurl engine, with the session's bearer
// token, under the API client's one HTTP policy (ApiClient::retryDelayMs, ApiClient::renewAccessToken): a 401
// renews the token once (shared with every request that meets a 401 at the same time) and tries again; a network
// failure or a busy server is tried again with the same jittered backoff, never before the server's Retry-After (a
// cut-off download keeps its part file, so the next attempt resumes it).
class AuthorizedTransfers : public QObject
{
    Q_OBJECT

public:
    AuthorizedTransfers(ApiClient &api, TransferEngine &engine, QObject *parent = nullptr);

    // Starts `request`; the id names it in progress() for as long as it runs, retries included.
    quint64 run(const TransferRequest &request, std::function<void(TransferOutcome)> done);
    // What the transfers sent and received (every attempt that completed).
    ApiClient::Traffic traffic() const { return m_traffic; }

signals:
    // Bytes of transfer `id` so far (`total` 0 while unknown).
    void progress(quint64 id, qint64 done, qint64 total);

private:
    struct Attempt
    {
        quint64 id = 0; // run()'s id
        TransferRequest request;
        bool renewedToken = false;
        int number = 1;
        QElapsedTimer started;
    };
    void attempt(Attempt a, const std::function<void(TransferOutcome)> &done);

    ApiClient &m_api;
    TransferEngine &m_engine;
    ApiClient::Traffic m_traffic;
    quint64 m_nextId = 1;
};

} // namespace ncre
