#include "TransferEngine.h"

#include "ModuleLoader.h"
#include "TransferBackend.h"

#include <QHostAddress>
#include <QMetaObject>

#include <optional>

namespace ncre {

TransferEngine::TransferEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TransferOutcome>();
}

TransferEngine::~TransferEngine() = default;

quint64 TransferEngine::start(const TransferRequest &request)
{
    const quint64 id = m_nextId++;
    const QUrl &url = request.url;
    const bool https = url.scheme() == QLatin1String("https");
    const bool loopbackHttp = url.scheme() == QLatin1String("http") && QHostAddress(url.host()).isLoopback();
    std::optional<Error> refused;
    if (!url.isValid() || (!https && !loopbackHttp))
        refused = Error(ErrorCode::NetworkTls, {}, QStringLiteral("only https, or http to a loopback address"));
    else if (request.kind == TransferRequest::Kind::Download && request.destination.isEmpty())
        refused = Error(ErrorCode::StoreWrite, {}, QStringLiteral("no destination"));
    if (refused) {
        Problem problem = Problem::fromError(*refused);
        problem.status = 0; // no answer from a server
        const TransferOutcome result = problem;
        QMetaObject::invokeMethod(this, [this, id, result]() { emit finished(id, result); }, Qt::QueuedConnection);
        return id;
    }
    if (!backend()) {
        Problem problem = Problem::fromError(Error(ErrorCode::NetworkUnreachable, {}, m_backendError));
        problem.status = 0;
        const TransferOutcome result = problem;
        QMetaObject::invokeMethod(this, [this, id, result]() { emit finished(id, result); }, Qt::QueuedConnection);
        return id;
    }
    m_backend->add(id, request);
    return id;
}

void TransferEngine::cancel(quint64 id)
{
    if (m_backend)
        m_backend->cancel(id);
}

TransferBackend *TransferEngine::backend()
{
    if (m_backend || !m_backendError.isEmpty())
        return m_backend.get();
    const auto create = reinterpret_cast<TransferBackendFactory>(
        ModuleLoader::resolve(QString::fromLatin1(kTransferModule), kTransferFactory, &m_backendError));
    if (!create)
        return nullptr;
    // Called on the backend's thread: queued to this object's.
    TransferBackend::Callbacks callbacks;
    callbacks.progress = [this](quint64 id, qint64 done, qint64 total) {
        QMetaObject::invokeMethod(this, [this, id, done, total]() { emit progress(id, done, total); }, Qt::QueuedConnection);
    };
    callbacks.finished = [this](quint64 id, const TransferOutcome &result) {
        QMetaObject::invokeMethod(this, [this, id, result]() { emit finished(id, result); }, Qt::QueuedConnection);
    };
    m_backend.reset(create(callbacks));
    return m_backend.get();
}

} // namespace ncre
