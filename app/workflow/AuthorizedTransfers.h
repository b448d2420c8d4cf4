#pragma once

#include "ApiClient.h"
#include "AuthSession.h"
#include "TransferEngine.h"

#include <QObject>

namespace ncre {

// Uploads and downloads of the candidate's own resources through the libcurl engine, with the session's bearer
// token: a 401 renews the token once and tries again; a network failure or a busy server is tried again a few
// times with growing, jittered waits (a cut-off download keeps its part file, so the next attempt resumes it).
class AuthorizedTransfers : public QObject
{
    Q_OBJECT

public:
    AuthorizedTransfers(ApiClient &api, AuthSession &auth, TransferEngine &engine, QObject *parent = nullptr);

    void run(const TransferRequest &request, std::function<void(Result<TransferResult>)> done);
    // What the transfers sent and received (every attempt that completed).
    ApiClient::Traffic traffic() const { return m_traffic; }

    static constexpr int kAttempts = 5;

signals:
    void progress(qint64 done, qint64 total);

private:
    void attempt(TransferRequest request, bool renewedToken, int attemptNumber,
                 std::function<void(Result<TransferResult>)> done);

    ApiClient &m_api;
    AuthSession &m_auth;
    TransferEngine &m_engine;
    ApiClient::Traffic m_traffic;
};

} // namespace ncre
