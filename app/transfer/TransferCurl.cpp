// The libcurl half of TransferEngine, built as a module (ncre-transfer-curl) that TransferEngine loads on the first
// transfer: libcurl and the score of libraries it links (TLS, Kerberos, LDAP, SSH, ...) are then never loaded at
// start-up, which they would otherwise slow by milliseconds (docs/benchmarks.md, ncre-desk start-up).
#include "TransferBackend.h"
#include "Meta.h"

#include "TransferLogging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <curl/curl.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace ncre {

namespace {

struct Transfer
{
    quint64 id = 0;
    TransferRequest request;
    CURL *easy = nullptr;
    curl_slist *headerList = nullptr;
    // Response being read (a redirect or 100-continue starts a new one).
    int status = 0;
    QByteArray etag;
    QByteArray announcedSha256;
    std::optional<int> retryAfterSeconds; // Retry-After, delta-seconds form
    qint64 contentRangeTotal = -1;
    // Downloads
    QFile part;
    bool partDecided = false;
    bool resumed = false;
    qint64 resumeFrom = 0;
    // Uploads, and error bodies of downloads
    QByteArray body;
    qsizetype uploadOffset = 0;
    bool cancelled = false;
};

QString partPath(const QString &destination)
{
    return destination + QStringLiteral(".part");
}

QString etagPath(const QString &destination)
{
    return destination + QStringLiteral(".part.etag");
}

size_t onHeader(char *data, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    if (line.startsWith("HTTP/")) {
        t->status = line.split(' ').value(1).toInt();
        t->etag.clear();
        t->announcedSha256.clear();
        t->contentRangeTotal = -1;
        t->retryAfterSeconds.reset();
    } else {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "etag")
                t->etag = value;
            else if (name == "x-content-sha256")
                t->announcedSha256 = value.toLower();
            else if (name == "retry-after") {
                bool ok = false;
                const int seconds = value.toInt(&ok);
                if (ok && seconds >= 0)
                    t->retryAfterSeconds = seconds;
            } else if (name == "content-range")
                t->contentRangeTotal = value.mid(value.lastIndexOf('/') + 1).toLongLong();
        }
    }
    return size * count;
}

size_t onWrite(char *data, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const auto n = qint64(size) * qint64(count);
    if (t->cancelled)
        return 0;
    const bool isDownload = t->request.kind == TransferRequest::Kind::Download;
    if (!isDownload || (t->status != 200 && t->status != 206)) {
        if (t->body.size() + n > 16 * 1024 * 1024)
            return 0; // an answer this large is not one we asked for
        t->body.append(data, n);
        return size_t(n);
    }
    if (!t->partDecided) {
        t->partDecided = true;
        // 206: the server continues the partial file; 200: it sent the whole (it changed, or ignores ranges).
        t->resumed = t->status == 206;
        t->part.setFileName(partPath(t->request.destination));
        if (!t->part.open(t->resumed ? QIODevice::Append : (QIODevice::WriteOnly | QIODevice::Truncate)))
            return 0;
        // A registration form or ticket is personal: readable by its owner only, from its first byte.
        t->part.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!t->etag.isEmpty()) {
            QFile tag(etagPath(t->request.destination));
            if (tag.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                tag.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
                tag.write(t->etag);
            }
        }
    }
    return t->part.write(data, n) == n ? size_t(n) : 0;
}

size_t onRead(char *buffer, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const qsizetype n = qMin<qsizetype>(qsizetype(size * count), t->request.uploadBody.size() - t->uploadOffset);
    memcpy(buffer, t->request.uploadBody.constData() + t->uploadOffset, size_t(n));
    t->uploadOffset += n;
    return size_t(n);
}

Error curlError(CURLcode code)
{
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return Error(ErrorCode::NetworkTimeout, {}, QString::fromLatin1(curl_easy_strerror(code)));
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
        return Error(ErrorCode::NetworkTls, {}, QString::fromLatin1(curl_easy_strerror(code)));
    default:
        return Error(ErrorCode::NetworkUnreachable, {}, QString::fromLatin1(curl_easy_strerror(code)));
    }
}

} // namespace

namespace {

// The libcurl multi loop, on its own thread. The GUI thread hands it work through a locked queue and
// curl_multi_wakeup; results go back through the engine's callbacks (which queue them to the engine's thread).
class CurlBackend final : public TransferBackend
{
public:
    explicit CurlBackend(Callbacks callbacks)
        : m_callbacks(std::move(callbacks))
    {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        m_multi = curl_multi_init();
        m_thread = std::thread([this] { run(); });
    }
    ~CurlBackend() override
    {
        m_stop = true;
        curl_multi_wakeup(m_multi);
        m_thread.join();
        for (auto &[id, t] : m_active)
            release(*t);
        curl_multi_cleanup(m_multi);
    }

    void add(quint64 id, const TransferRequest &request) override
    {
        auto t = std::make_unique<Transfer>();
        t->id = id;
        t->request = request;
        {
            std::lock_guard lock(m_mutex);
            m_incoming.push_back(std::move(t));
        }
        curl_multi_wakeup(m_multi);
    }
    void cancel(quint64 id) override
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancels.push_back(id);
        }
        curl_multi_wakeup(m_multi);
    }

private:
    void run()
    {
        while (!m_stop) {
            takeCommands();
            int running = 0;
            curl_multi_perform(m_multi, &running);
            int left = 0;
            while (CURLMsg *msg = curl_multi_info_read(m_multi, &left)) {
                if (msg->msg != CURLMSG_DONE)
                    continue;
                Transfer *raw = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
                complete(raw->id, msg->data.result);
            }
            reportProgress();
            curl_multi_poll(m_multi, nullptr, 0, 200, nullptr);
        }
    }

    void takeCommands()
    {
        std::vector<std::unique_ptr<Transfer>> incoming;
        std::vector<quint64> cancels;
        {
            std::lock_guard lock(m_mutex);
            incoming.swap(m_incoming);
            cancels.swap(m_cancels);
        }
        for (auto &t : incoming)
            begin(std::move(t));
        for (quint64 id : cancels) {
            auto it = m_active.find(id);
            if (it == m_active.end())
                continue;
            it->second->cancelled = true;
            complete(id, CURLE_ABORTED_BY_CALLBACK);
        }
    }

    void begin(std::unique_ptr<Transfer> t)
    {
        CURL *e = curl_easy_init();
        t->easy = e;
        const QByteArray url = t->request.url.toEncoded();
        curl_easy_setopt(e, CURLOPT_URL, url.constData());
        static const QByteArray userAgent = deskUserAgent();
        curl_easy_setopt(e, CURLOPT_USERAGENT, userAgent.constData());
        curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, long(t->request.connectTimeoutSeconds));
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, long(t->request.stallSeconds));
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, onWrite);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
        if (!t->request.proxy.isEmpty()) {
            const QByteArray proxy = t->request.proxy.toUtf8();
            curl_easy_setopt(e, CURLOPT_PROXY, proxy.constData()); // copied by libcurl
        }
        for (const auto &[name, value] : t->request.headers)
            t->headerList = curl_slist_append(t->headerList, (name + ": " + value).constData());
        if (t->request.kind == TransferRequest::Kind::Download) {
            QFile part(partPath(t->request.destination));
            QFile tag(etagPath(t->request.destination));
            if (part.exists() && part.size() > 0 && tag.open(QIODevice::ReadOnly)) {
                t->resumeFrom = part.size();
                t->headerList = curl_slist_append(t->headerList, ("Range: bytes=" + QByteArray::number(t->resumeFrom) + "-").constData());
                t->headerList = curl_slist_append(t->headerList, ("If-Range: " + tag.readAll().trimmed()).constData());
            }
        } else {
            t->headerList = curl_slist_append(t->headerList, ("Content-Type: " + t->request.uploadContentType).constData());
            curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, t->request.uploadMethod.constData());
            curl_easy_setopt(e, CURLOPT_READFUNCTION, onRead);
            curl_easy_setopt(e, CURLOPT_READDATA, t.get());
            curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, curl_off_t(t->request.uploadBody.size()));
            t->headerList = curl_slist_append(t->headerList, "Expect:"); // no 100-continue round trip
        }
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headerList);
        curl_multi_add_handle(m_multi, e);
        const quint64 id = t->id;
        m_active.emplace(id, std::move(t));
    }

    void reportProgress()
    {
        for (auto &[id, t] : m_active) {
            curl_off_t done = 0, total = 0;
            if (t->request.kind == TransferRequest::Kind::Download) {
                curl_easy_getinfo(t->easy, CURLINFO_SIZE_DOWNLOAD_T, &done);
                curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &total);
                done += t->resumed ? t->resumeFrom : 0;
                total += (t->resumed && total > 0) ? t->resumeFrom : 0;
            } else {
                curl_easy_getinfo(t->easy, CURLINFO_SIZE_UPLOAD_T, &done);
                total = curl_off_t(t->request.uploadBody.size());
            }
            m_callbacks.progress(id, qint64(done), qint64(total));
        }
    }

    static Result<TransferResult> finishDownload(Transfer &t)
    {
        t.part.close();
        QFile part(partPath(t.request.destination));
        const qint64 size = part.size();
        const qint64 expected = t.contentRangeTotal >= 0 ? t.contentRangeTotal : -1;
        if (expected >= 0 && size != expected)
            return Error(ErrorCode::TransferVerify, {}, QStringLiteral("length %1, expected %2").arg(size).arg(expected));
        const QByteArray wanted = !t.request.expectedSha256Hex.isEmpty() ? t.request.expectedSha256Hex.toLower()
                                                                         : t.announcedSha256;
        if (!wanted.isEmpty()) {
            if (!part.open(QIODevice::ReadOnly))
                return Error(ErrorCode::TransferVerify, {}, QStringLiteral("cannot read the download"));
            QCryptographicHash hash(QCryptographicHash::Sha256);
            hash.addData(&part);
            part.close();
            if (hash.result().toHex() != wanted) {
                // A corrupt partial file must not be resumed again.
                QFile::remove(partPath(t.request.destination));
                QFile::remove(etagPath(t.request.destination));
                return Error(ErrorCode::TransferVerify, {}, QStringLiteral("hash mismatch"));
            }
        }
        // Atomic: the destination is either the old file or the whole, verified new one.
        QFile::remove(t.request.destination);
        if (!QFile::rename(partPath(t.request.destination), t.request.destination))
            return Error(ErrorCode::StoreWrite, {}, QStringLiteral("cannot move the download into place"));
        QFile::remove(etagPath(t.request.destination));
        TransferResult r;
        r.status = t.status;
        r.bytes = size;
        r.resumed = t.resumed;
        return r;
    }

    void complete(quint64 id, CURLcode code)
    {
        auto it = m_active.find(id);
        if (it == m_active.end())
            return;
        Transfer &t = *it->second;
        // Failures without an answer from the server carry status 0, like ApiClient's network problems.
        auto local = [](const Error &e) {
            Problem p = Problem::fromError(e);
            p.status = 0;
            return p;
        };
        TransferOutcome result = local(Error(ErrorCode::ServerInternal));
        if (t.cancelled) {
            result = local(Error(ErrorCode::TransferCancelled));
        } else if (code != CURLE_OK) {
            result = local(curlError(code)); // a partial download stays, with its ETag, for the next attempt to resume
        } else if (t.status >= 400 || (t.request.kind == TransferRequest::Kind::Download && t.status != 200 && t.status != 206)) {
            // The server's problem+json when it sent one (code, field errors), else the status said plainly.
            const QJsonObject json = QJsonDocument::fromJson(t.body).object();
            const Result<Problem> decoded = json.contains(QLatin1String("code"))
                ? Problem::fromJson(json, JsonStrictness::Lenient)
                : Result<Problem>(Error(ErrorCode::JsonMissing));
            Problem p = decoded ? decoded.value()
                                : Problem::fromError(Error(t.status >= 500 ? ErrorCode::ServerUnavailable : ErrorCode::RequestMalformed,
                                                           {}, QStringLiteral("HTTP %1").arg(t.status)));
            p.status = t.status;
            if (t.retryAfterSeconds)
                p.retryAfterSeconds = t.retryAfterSeconds;
            result = p;
        } else if (t.request.kind == TransferRequest::Kind::Download) {
            const Result<TransferResult> finished = finishDownload(t);
            result = finished ? TransferOutcome(finished.value()) : TransferOutcome(local(finished.error()));
        } else {
            TransferResult r;
            r.status = t.status;
            r.body = t.body;
            r.bytes = t.body.size();
            result = r;
        }
        if (result) {
            // What went over the wire in this attempt, headers included (HTTP level, not TCP/IP).
            curl_off_t up = 0, down = 0;
            long requestHeaders = 0, responseHeaders = 0;
            curl_easy_getinfo(t.easy, CURLINFO_SIZE_UPLOAD_T, &up);
            curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &down);
            curl_easy_getinfo(t.easy, CURLINFO_REQUEST_SIZE, &requestHeaders);
            curl_easy_getinfo(t.easy, CURLINFO_HEADER_SIZE, &responseHeaders);
            result->wireBytesSent = qint64(up) + requestHeaders;
            result->wireBytesReceived = qint64(down) + responseHeaders;
        }
        if (t.part.isOpen())
            t.part.close();
        qCInfo(lcTransfer) << "transfer" << id << "finished:" << (result.ok() ? QStringLiteral("ok") : errorCodeName(result.error().code));
        release(t);
        m_active.erase(it);
        m_callbacks.finished(id, result);
    }

    void release(Transfer &t)
    {
        if (t.easy) {
            curl_multi_remove_handle(m_multi, t.easy);
            curl_easy_cleanup(t.easy);
            t.easy = nullptr;
        }
        curl_slist_free_all(t.headerList);
        t.headerList = nullptr;
    }

    Callbacks m_callbacks;
    CURLM *m_multi = nullptr;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Transfer>> m_incoming;
    std::vector<quint64> m_cancels;
    std::map<quint64, std::unique_ptr<Transfer>> m_active; // worker thread only
};

} // namespace

} // namespace ncre

// The module's one entry point (resolved by TransferEngine through ModuleLoader).
extern "C" Q_DECL_EXPORT ncre::TransferBackend *ncre_create_transfer_backend(const ncre::TransferBackend::Callbacks &callbacks)
{
    return new ncre::CurlBackend(callbacks);
}
