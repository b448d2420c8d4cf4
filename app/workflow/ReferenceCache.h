#pragma once

#include "ApiClient.h"
#include "LocalStore.h"

#include <QObject>

namespace ncre {

// Reference data (the exam, its sites, the bulletins, the photo rules: nothing personal) as last served, kept with
// its ETag in the LocalStore, so that each fetch is conditional (If-None-Match; a 304 answers with the kept copy)
// and a start without the server still shows the exam, the sites and the announcements.
class ReferenceCache : public QObject
{
    Q_OBJECT

public:
    // `store` may be null: then every fetch goes to the server and nothing answers offline.
    ReferenceCache(ApiClient &api, LocalStore *store, QObject *parent = nullptr);

    // GET `path` (below /api/v1). The body as served, or as kept when the server answers 304 or cannot be reached
    // (network, or busy past the client's retries: servedOffline() then). Otherwise the server's problem.
    void fetch(const QString &path, const std::function<void(Result<QByteArray, Problem>)> &done);

signals:
    // `path` was answered from the kept copy because the server could not be reached.
    void servedOffline(const QString &path);

private:
    ApiClient &m_api;
    LocalStore *m_store;
};

} // namespace ncre
