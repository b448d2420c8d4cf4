#include "ReferenceCache.h"

#include "Alive.h"
#include "Outbox.h"
#include "WorkflowLogging.h"

namespace ncre {

ReferenceCache::ReferenceCache(ApiClient &api, LocalStore *store, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_store(store)
{
}

void ReferenceCache::fetch(const QString &path, const std::function<void(Result<QByteArray, Problem>)> &done)
{
    std::optional<LocalStore::CachedResource> kept;
    if (m_store)
        if (auto c = m_store->cached(path); c && c->has_value())
            kept = c->value();
    ApiRequest request = ApiRequest::make("GET", path);
    if (kept)
        request.ifNoneMatch = kept->etag;
    m_api.send(request, alive(this, [this, path, kept, done](const Result<ApiReply, Problem> &r) {
        if (r && r->status == 304 && kept) {
            done(kept->body);
            return;
        }
        if (r) {
            if (m_store && !r->etag.isEmpty())
                if (const auto put = m_store->putCached(path, r->etag, r->body); !put)
                    qCWarning(lcWorkflow) << "reference data not cached:" << errorCodeName(put.error().code);
            done(r->body);
            return;
        }
        if (kept && Outbox::retryLater(r.error())) {
            emit servedOffline(path);
            done(kept->body);
            return;
        }
        done(r.error());
    }));
}

} // namespace ncre
