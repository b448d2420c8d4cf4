#pragma once

#include "TransferEngine.h"

#include <functional>

namespace ncre {

// What TransferEngine asks of its libcurl module (ncre-transfer-curl, app/transfer/TransferCurl.cpp). The callbacks
// run on the module's own thread.
class TransferBackend
{
public:
    struct Callbacks
    {
        std::function<void(quint64 id, qint64 done, qint64 total)> progress;
        std::function<void(quint64 id, const TransferOutcome &result)> finished;
    };
    virtual ~TransferBackend() = default;
    virtual void add(quint64 id, const TransferRequest &request) = 0;
    virtual void cancel(quint64 id) = 0;
};

using TransferBackendFactory = TransferBackend *(*)(const TransferBackend::Callbacks &callbacks);
inline constexpr char kTransferModule[] = "ncre-transfer-curl";
inline constexpr char kTransferFactory[] = "ncre_create_transfer_backend";

} // namespace ncre
