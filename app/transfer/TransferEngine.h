#pragma once

#include "Problem.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <memory>

namespace ncre {

struct TransferRequest
{
    enum class Kind { Download, Upload };
    Kind kind = Kind::Download;
    QUrl url;
    QString destination;           // downloads: the final file, written atomically (".part" until verified)
    QByteArray uploadBody;         // uploads
    QByteArray uploadContentType;  // uploads, e.g. "image/jpeg"
    QByteArray uploadMethod = "PUT";
    QList<QPair<QByteArray, QByteArray>> headers; // e.g. Authorization
    QByteArray expectedSha256Hex;  // downloads: checked when given, else against X-Content-SHA256 when sent
    QString proxy;                 // empty: libcurl's default (environment)
    int connectTimeoutSeconds = 15;
    int stallSeconds = 30;         // abort when fewer than 1 byte/s flows for this long
};

struct TransferResult
{
    int status = 0;
    qint64 bytes = 0;     // of the whole file (downloads) or the response body (uploads)
    bool resumed = false; // a download continued a partial file (HTTP 206)
    QByteArray body;      // uploads: the response body
    qint64 wireBytesSent = 0;     // this attempt's request, headers included
    qint64 wireBytesReceived = 0; // this attempt's response, headers included
};

// How a transfer ended: its result, or a Problem with the HTTP status (0: it never got an answer: network, TLS,
// timeout, refused locally), the server's problem+json when it sent one, and its Retry-After (delta-seconds).
using TransferOutcome = Result<TransferResult, Problem>;

// Photo uploads and PDF downloads on libcurl's multi interface, on a thread of its own (never the GUI thread;
// libcurl lives in a module loaded on the first transfer, so it costs nothing at start-up):
// progress, cancel, timeouts, proxy, resume of an interrupted download (Range + If-Range on the ETag), atomic write
// and verification of what arrived (length, SHA-256). TLS is always verified; plain http only to loopback.
class TransferEngine : public QObject
{
    Q_OBJECT

public:
    explicit TransferEngine(QObject *parent = nullptr);
    ~TransferEngine() override;

    // Starts a transfer; its id names it in the signals. Refused requests finish at once with an error.
    quint64 start(const TransferRequest &request);
    void cancel(quint64 id);

signals:
    void progress(quint64 id, qint64 done, qint64 total);
    void finished(quint64 id, const ncre::TransferOutcome &result);

private:
    class TransferBackend *backend(); // the libcurl module, loaded on first use

    std::unique_ptr<class TransferBackend> m_backend;
    QString m_backendError; // why the module could not be loaded (then every transfer fails with it)
    quint64 m_nextId = 1;
};

} // namespace ncre

Q_DECLARE_METATYPE(ncre::Result<ncre::TransferResult>)
