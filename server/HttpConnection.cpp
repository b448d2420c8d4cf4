#include "HttpConnection.h"

#include "Problem.h"
#include "ServerLogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>
#include <string_view>

namespace ncre::server {

namespace {

HttpMethod toMethod(unsigned int method)
{
    switch (method) {
    case HTTP_GET: return HttpMethod::Get;
    case HTTP_HEAD: return HttpMethod::Head;
    case HTTP_POST: return HttpMethod::Post;
    case HTTP_PUT: return HttpMethod::Put;
    case HTTP_DELETE: return HttpMethod::Delete;
    case HTTP_OPTIONS: return HttpMethod::Options;
    case HTTP_PATCH: return HttpMethod::Patch;
    default: return HttpMethod::Other;
    }
}

// The path of a request target as sent, without its query: origin-form's, or absolute-form's after its authority.
// Empty when there is none, or no authority ("http:///x").
std::string_view rawPath(std::string_view target)
{
    if (!target.empty() && target.front() != '/') {
        const size_t authority = target.find("://");
        if (authority == std::string_view::npos)
            return {};
        const size_t slash = target.find('/', authority + 3);
        if (slash == std::string_view::npos || slash == authority + 3)
            return {};
        target.remove_prefix(slash);
    }
    return target.substr(0, target.find('?'));
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Why a path, spelled as it was sent, would be served as another spelling, or nullptr. A proxy's rules
// (haproxy.cfg's spends_secret, a site's own rules on /api/v1/staff/) see the path as sent; the server serves only
// that spelling: no "//" start (a parser reads an authority there), no slash sent encoded (RFC 3986 §2.2: data, but
// decoded it would route like a real one), and no letter, digit or -._~ sent encoded (§2.3: such a path is the
// same as the decoded one, which a rule naming the plain path would miss).
const char *otherSpelling(std::string_view path)
{
    if (path.substr(0, 2) == "//")
        return "a path that begins with //";
    for (size_t i = 0; i + 2 < path.size(); ++i) {
        if (path[i] != '%' || hexDigit(path[i + 1]) < 0 || hexDigit(path[i + 2]) < 0)
            continue;
        const char c = char(hexDigit(path[i + 1]) * 16 + hexDigit(path[i + 2]));
        if (c == '/')
            return "an encoded slash (%2F) in the path";
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
            || c == '_' || c == '~')
            return "a letter, digit or -._~ percent-encoded in the path";
    }
    return nullptr;
}

// A Host field's value as RFC 9112 §3.2 has it: uri-host [ ":" port ] (RFC 3986 §3.2.2), empty included. Only
// the characters are checked (reg-name, IP-literal brackets, the port's colon), which is what keeps a list
// ("a, b"), a path or spaces out.
bool isHostValue(const QByteArray &value)
{
    static constexpr std::string_view kAllowed = "-._~%!$&'()*+,;=:[]";
    return std::all_of(value.cbegin(), value.cend(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
               || kAllowed.find(ch) != std::string_view::npos;
    });
}

HttpConnection *self(http_parser *p)
{
    return static_cast<HttpConnection *>(p->data);
}

constexpr qint64 kReadChunk = 64 * 1024;
// After a closing answer: how long, and how much, of what the client still sends is read and dropped.
constexpr int kLingerMs = 2000;
constexpr qint64 kLingerBytes = 4 * 1024 * 1024;
// Answers not yet taken by the client beyond which no further request is read (pipelining backpressure).
constexpr qint64 kMaxUnsentBytes = 64 * 1024;
// Pipelined requests answered in one turn of the event loop (feed()).
constexpr int kPipelinedPerTurn = 16;
// An answer's body up to this size is written with its head, in one write.
constexpr qsizetype kOneWriteBytes = 16 * 1024;

} // namespace

QByteArray httpDate(qint64 secsSinceEpoch)
{
    return QLocale::c()
        .toString(QDateTime::fromSecsSinceEpoch(secsSinceEpoch, Qt::UTC), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

QByteArray methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get: return "GET";
    case HttpMethod::Head: return "HEAD";
    case HttpMethod::Post: return "POST";
    case HttpMethod::Put: return "PUT";
    case HttpMethod::Delete: return "DELETE";
    case HttpMethod::Options: return "OPTIONS";
    case HttpMethod::Patch: return "PATCH";
    case HttpMethod::Other: break;
    }
    return "OTHER";
}

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, BodyLimit bodyLimit, BodyBudget *budget,
                               QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_bodyLimit(std::move(bodyLimit))
    , m_budget(budget)
    , m_peer(socket->peerAddress())
{
    socket->setParent(this);
    // While a request is being answered nothing more is read: what the client sends meanwhile waits in a bounded
    // buffer, then in the kernel (TCP flow control), never in this process's memory.
    socket->setReadBufferSize(kReadChunk);
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &HttpConnection::onMessageBegin;
    m_settings.on_url = &HttpConnection::onUrl;
    m_settings.on_header_field = &HttpConnection::onHeaderField;
    m_settings.on_header_value = &HttpConnection::onHeaderValue;
    m_settings.on_headers_complete = &HttpConnection::onHeadersComplete;
    m_settings.on_body = &HttpConnection::onBody;
    m_settings.on_message_complete = &HttpConnection::onMessageComplete;
    m_timer.setSingleShot(true);
    m_age.start();
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::deadlineReached);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::readAvailable);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            finish();
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this]() {
        if (m_waitingForWrite && m_socket->bytesToWrite() <= kMaxUnsentBytes)
            resumeAfterWrite();
        if (m_socket->bytesToWrite() > 0) {
            setDeadline(m_limits.writeTimeoutMs); // progress: the client reads, give it more time
            return;
        }
        if (m_phase == Phase::Closing)
            lingerClose();
        else if (m_phase == Phase::Idle && m_pending.isEmpty())
            setDeadline(m_limits.idleTimeoutMs);
    });
    setDeadline(m_limits.idleTimeoutMs);
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readAvailable, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    // The socket, a child, is destroyed after this object's own destructor: its last signals (disconnected, from
    // its destructor) must not reach a connection half destroyed (found by UndefinedBehaviorSanitizer).
    m_socket->disconnect(this);
}

void HttpConnection::setDeadline(int ms)
{
    if (ms <= 0) {
        clearDeadline();
        return;
    }
    m_deadline = m_age.elapsed() + ms;
    if (!m_timer.isActive() || m_timerDue > m_deadline) {
        m_timer.start(ms);
        m_timerDue = m_deadline;
    }
}

void HttpConnection::deadlineReached()
{
    if (m_deadline < 0)
        return; // cleared since the timer was armed
    const qint64 left = m_deadline - m_age.elapsed();
    if (left > 0) { // moved later since the timer was armed
        m_timer.start(int(left));
        m_timerDue = m_deadline;
        return;
    }
    m_deadline = -1;
    timedOut();
}

void HttpConnection::releaseBody()
{
    if (m_budget && m_reserved > 0)
        m_budget->release(m_reservedFor, m_reserved);
    m_reserved = 0;
}

void HttpConnection::resumeAfterWrite()
{
    m_waitingForWrite = false;
    if (m_phase != Phase::Idle)
        return;
    QMetaObject::invokeMethod(this, [this]() {
        feed();
        if (m_socket->bytesAvailable() > 0)
            readAvailable();
    }, Qt::QueuedConnection);
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    releaseBody();
    clearDeadline();
    m_timer.stop();
    emit closed(this);
    deleteLater();
}

void HttpConnection::abort()
{
    m_phase = Phase::Closing;
    m_socket->abort();
    finish();
}

void HttpConnection::lingerClose()
{
    if (m_lingering)
        return;
    m_lingering = true;
    // Half-close: the answer is complete on the wire; what the client is still sending (the rest of a refused body)
    // is read and dropped for a moment, or closing with unread data would reset the connection and the client
    // would never see the answer (the "lingering close" of RFC 9112 §9.6).
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    setDeadline(kLingerMs);
    discard();
}

void HttpConnection::discard()
{
    while (m_socket->bytesAvailable() > 0) {
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        if (m_discarded > kLingerBytes) {
            m_socket->abort();
            finish();
            return;
        }
    }
}

void HttpConnection::readAvailable()
{
    if (m_phase == Phase::Closing) {
        if (m_lingering)
            discard();
        return;
    }
    if (m_phase == Phase::Handling || m_waitingForWrite)
        return; // read after the answer, once the client has taken it
    // What is there, up to a chunk (read(kReadChunk) would allocate the whole chunk for a 200-byte request).
    const qint64 available = qMin(m_socket->bytesAvailable(), kReadChunk);
    if (m_pending.isEmpty())
        m_pending = m_socket->read(available);
    else
        m_pending += m_socket->read(available);
    feed();
    // More may be buffered than one chunk: go on next turn of the event loop, so one client cannot hold it.
    if (m_socket->bytesAvailable() > 0 && m_phase != Phase::Handling && m_phase != Phase::Closing)
        QMetaObject::invokeMethod(this, &HttpConnection::readAvailable, Qt::QueuedConnection);
}

void HttpConnection::feed()
{
    // Requests already read behind one another (pipelined) are answered in this call, while each is answered at
    // once: a client that sends several and half-closes (printf ... | nc) gets every answer before Qt, on the event
    // loop's next turn, reads the end of its stream and closes the socket. Up to kPipelinedPerTurn, then the rest
    // on the next turn, so one client cannot hold the event loop.
    int answered = 0;
    while (!m_pending.isEmpty() && m_phase != Phase::Handling && m_phase != Phase::Closing && !m_waitingForWrite) {
        const size_t parsed = http_parser_execute(&m_parser, &m_settings, m_pending.constData(), size_t(m_pending.size()));
        const http_errno error = HTTP_PARSER_ERRNO(&m_parser);
        if (error == HPE_PAUSED) {
            // A whole request was read (onMessageComplete paused here); what follows waits for the answer.
            m_pending.remove(0, qsizetype(parsed));
            http_parser_pause(&m_parser, 0);
            m_parser.http_errno = HPE_OK;
            m_feeding = true;
            emit requestReady(this, m_request);
            m_feeding = false;
            if (m_finished || m_phase != Phase::Idle || m_waitingForWrite)
                return; // answered later (or the connection is gone, or the client is not reading)
            if (++answered >= kPipelinedPerTurn) {
                scheduleNext();
                return;
            }
            continue;
        }
        if (error != HPE_OK) {
            if (m_refusalStatus == 0) {
                // The parser's own verdicts: too many header bytes (431), anything else malformed (400).
                m_refusalStatus = error == HPE_HEADER_OVERFLOW ? 431 : 400;
                m_refusalDetail = http_errno_description(error);
            }
            sendRefusal();
            return;
        }
        m_pending.remove(0, qsizetype(parsed));
        if (m_parser.upgrade) {
            m_refusalStatus = 400;
            m_refusalDetail = "protocol upgrades are not offered";
            sendRefusal();
            return;
        }
    }
}

int HttpConnection::refuse(int status, const char *detail)
{
    if (m_refusalStatus == 0) {
        m_refusalStatus = status;
        m_refusalDetail = detail;
    }
    return -1; // stops the parser (from on_headers_complete, 1 would mean "no body" and 2 "upgrade")
}

bool HttpConnection::countHeaderBytes(size_t length)
{
    m_headerBytes += int(qMin<size_t>(length, size_t(INT_MAX / 2)));
    return m_headerBytes <= m_limits.maxHeaderBytes;
}

int HttpConnection::onMessageBegin(http_parser *p)
{
    HttpConnection *c = self(p);
    c->m_phase = Phase::Headers;
    c->m_request = HttpRequest();
    c->m_request.remoteAddress = c->m_peer;
    c->m_headRequest = false;
    c->m_target.clear();
    c->m_field.clear();
    c->m_value.clear();
    c->m_inValue = false;
    c->m_headerBytes = 0;
    c->setDeadline(c->m_limits.headerTimeoutMs); // the whole head must arrive in time, however slowly it trickles
    return 0;
}

int HttpConnection::onUrl(http_parser *p, const char *at, size_t length)
{
    HttpConnection *c = self(p);
    // Parsed before the target: a refusal of a HEAD, from here on, has no body either (RFC 9110 §9.3.2).
    c->m_headRequest = p->method == HTTP_HEAD;
    if (!c->countHeaderBytes(length))
        return c->refuse(431, "request headers too large");
    c->m_target.append(at, qsizetype(length));
    if (c->m_target.size() > c->m_limits.maxTargetBytes)
        return c->refuse(414, "request target too long");
    return 0;
}

int HttpConnection::onHeaderField(http_parser *p, const char *at, size_t length)
{
    HttpConnection *c = self(p);
    if (!c->countHeaderBytes(length))
        return c->refuse(431, "request headers too large");
    if (c->m_inValue) {
        c->m_request.headers.append({c->m_field, c->m_value.trimmed()});
        c->m_field.clear();
        c->m_value.clear();
        c->m_inValue = false;
        if (c->m_request.headers.size() >= c->m_limits.maxHeaderCount)
            return c->refuse(431, "too many request header fields");
    }
    c->m_field.append(at, qsizetype(length));
    // No whitespace inside a field name, nor between it and the colon: "Content-Length : 5" is refused, not read as
    // a length another party on the way may not see (RFC 9112 §5.1: MUST be rejected with 400; request smuggling).
    if (std::any_of(at, at + length, [](char ch) { return ch == ' ' || ch == '\t'; }))
        return c->refuse(400, "whitespace in a header field name");
    return 0;
}

int HttpConnection::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    HttpConnection *c = self(p);
    if (!c->countHeaderBytes(length))
        return c->refuse(431, "request headers too large");
    c->m_inValue = true;
    // A value continued on the next line (obs-fold) is refused (RFC 9112 §5.2 allows 400).
    if (std::any_of(at, at + length, [](char ch) { return ch == '\r' || ch == '\n'; }))
        return c->refuse(400, "a header field folded over lines");
    c->m_value.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeadersComplete(http_parser *p)
{
    HttpConnection *c = self(p);
    if (c->m_inValue)
        c->m_request.headers.append({c->m_field, c->m_value.trimmed()});
    if (c->m_request.headers.size() > c->m_limits.maxHeaderCount)
        return c->refuse(431, "too many request header fields");
    // Exactly one Host in HTTP/1.1, at most one before (RFC 9112 §3.2: otherwise 400).
    int hosts = 0;
    int authorizations = 0;
    for (const auto &[name, value] : c->m_request.headers) {
        hosts += name.compare("Host", Qt::CaseInsensitive) == 0 ? 1 : 0;
        authorizations += name.compare("Authorization", Qt::CaseInsensitive) == 0 ? 1 : 0;
    }
    // HTTP/1.x only: "HTTP/2.0" or "HTTP/0.9" in a request line is not answered as if it were 1.1. A later 1.x is
    // served as 1.1 (RFC 9112 §2.3: the highest minor version this server implements).
    if (p->http_major != 1)
        return c->refuse(505, "only HTTP/1.0 and HTTP/1.1 are served");
    if (hosts > 1 || (hosts == 0 && p->http_minor >= 1))
        return c->refuse(400, hosts > 1 ? "more than one Host" : "an HTTP/1.1 request needs Host");
    // Authorization is a single credential (RFC 9110 §11.6.2): which of two a server takes is not for it to guess.
    if (authorizations > 1)
        return c->refuse(400, "more than one Authorization");
    // And a Host that is a host[:port] (RFC 9112 §3.2: an invalid value is a 400): no space, no list, no path.
    for (const auto &[name, value] : c->m_request.headers)
        if (name.compare("Host", Qt::CaseInsensitive) == 0 && !isHostValue(value))
            return c->refuse(400, "the Host is not a host name and port");
    c->m_request.method = toMethod(p->method);
    // A fragment is no part of a request target (RFC 9112 §3.2); "/api/v1/sessions#x" must not be that path.
    if (c->m_target.contains('#'))
        return c->refuse(400, "a fragment in the request target");
    const std::string_view sentPath = rawPath(std::string_view(c->m_target.constData(), size_t(c->m_target.size())));
    if (sentPath.empty())
        return c->refuse(400, "the request target must be a path or an http URL");
    if (const char *other = otherSpelling(sentPath))
        return c->refuse(400, other);
    // Origin-form ("/path?query"), or absolute-form as sent through a proxy, which a server must accept too
    // (RFC 9112 §3.2.2): only its path and query are used.
    QUrl target = QUrl::fromEncoded(c->m_target);
    if (!c->m_target.startsWith('/')) {
        if (!target.isValid() || (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https")))
            return c->refuse(400, "the request target must be a path or an http URL");
        target = QUrl::fromEncoded(target.path(QUrl::FullyEncoded).toLatin1()
                                   + (target.hasQuery() ? "?" + target.query(QUrl::FullyEncoded).toLatin1() : QByteArray()));
    }
    if (!target.isValid() || !target.path().startsWith(QLatin1Char('/')))
        return c->refuse(400, "the request target must be a path");
    c->m_request.url = target;
    const bool hasLength = (p->flags & F_CONTENTLENGTH) != 0;
    const bool chunked = (p->flags & F_CHUNKED) != 0 || p->uses_transfer_encoding;
    // Request smuggling: a length and a transfer coding together are refused (RFC 9112 §6.1), and a body of
    // unknown length is not taken at all (RFC 9110 §15.5.12).
    if (hasLength && chunked)
        return c->refuse(400, "Content-Length together with Transfer-Encoding");
    if (chunked)
        return c->refuse(411, "a request body needs Content-Length");
    const bool hasBody = hasLength && p->content_length > 0;
    // Without a body there is nothing to allow (most requests: GET polls).
    const BodyAllowance allowance = !hasBody ? BodyAllowance{}
        : c->m_bodyLimit                     ? c->m_bodyLimit(c->m_request)
                                             : BodyAllowance{0, {}, 0, {}, {}};
    if (hasBody && allowance.refuseStatus != 0) {
        c->m_refusal = allowance;
        return c->refuse(allowance.refuseStatus, "refused before its body was read");
    }
    if (hasLength && qint64(p->content_length) > allowance.maxBytes)
        return c->refuse(413, "request body too large for this resource");
    c->m_bodyExpected = hasLength ? qint64(p->content_length) : 0;
    if (c->m_bodyExpected > 0 && c->m_budget) {
        const QString client = allowance.client.isEmpty() ? clientBucket(c->m_peer) : allowance.client;
        if (!c->m_budget->reserve(client, c->m_bodyExpected)) {
            c->m_refusal = BodyAllowance{0, {}, 503, {{"Retry-After", "5"}}, {}};
            return c->refuse(503, "too many request bodies in memory");
        }
        c->m_reserved = c->m_bodyExpected;
        c->m_reservedFor = client;
    }
    if (c->m_bodyExpected > 0) {
        // A client waiting to be told to send its body is told now that nothing above refused it (RFC 9110
        // §10.1.1: an origin server sends 100 or a final status, it does not keep it waiting). Earlier answers on
        // this connection are all written: a request is parsed only once the one before it is answered.
        if (p->http_major == 1 && p->http_minor >= 1
            && c->m_request.value(QByteArrayLiteral("Expect")).trimmed().compare("100-continue", Qt::CaseInsensitive) == 0)
            c->m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        c->m_phase = Phase::Body;
        c->m_request.body.reserve(qsizetype(c->m_bodyExpected));
        c->m_bodyStarted.start();
        // The body at the minimum rate after a grace, checked every second from then on (timedOut): a client that
        // announces megabytes and sends nothing, or trickles a byte now and then, is cut off within seconds.
        c->setDeadline(c->m_limits.bodyGraceMs);
    }
    return 0;
}

int HttpConnection::onBody(http_parser *p, const char *at, size_t length)
{
    HttpConnection *c = self(p);
    c->m_request.body.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onMessageComplete(http_parser *p)
{
    HttpConnection *c = self(p);
    c->m_keepAlive = http_should_keep_alive(p) != 0;
    c->m_phase = Phase::Handling;
    c->clearDeadline();
    http_parser_pause(p, 1);
    return 0;
}

void HttpConnection::timedOut()
{
    if (m_phase == Phase::Body) {
        const qint64 elapsed = m_bodyStarted.elapsed();
        const qint64 owed = (elapsed - m_limits.bodyGraceMs) * m_limits.bodyMinBytesPerSecond / 1000;
        if (elapsed >= m_limits.bodyGraceMs && m_request.body.size() >= owed) {
            setDeadline(1000); // keeping up: look again in a second
            return;
        }
    }
    switch (m_phase) {
    case Phase::Headers:
    case Phase::Body:
        m_refusalStatus = 408;
        m_refusalDetail = m_phase == Phase::Headers ? "request headers too slow" : "request body too slow";
        sendRefusal();
        return;
    case Phase::Handling:
        return; // the server's own time is not the client's fault
    case Phase::Idle:
    case Phase::Closing:
        // Idle too long between requests, or not reading what was written: let the connection go.
        m_socket->abort();
        finish();
        return;
    }
}

void HttpConnection::sendRefusal()
{
    const int status = m_refusalStatus;
    if (m_refusal.refuseStatus != 0 && !m_refusal.refuseBody.isEmpty()) {
        // The policy's own answer (e.g. the 401 problem a route would have given), then closed.
        qCInfo(lcServerAccess).noquote() << QStringLiteral("method=- path=- status=%1 refused=\"before the body\"").arg(status);
        m_keepAlive = false;
        m_pending.clear();
        const BodyAllowance refusal = std::exchange(m_refusal, BodyAllowance{});
        respond(refusal.refuseStatus, refusal.refuseHeaders, refusal.refuseBody, m_headRequest);
        return;
    }
    ErrorCode code = ErrorCode::RequestMalformed;
    if (status == 413 || status == 431 || status == 414)
        code = ErrorCode::RequestTooLarge;
    else if (status == 408)
        code = ErrorCode::RequestTimeout;
    else if (status == 503)
        code = ErrorCode::ServerBusy;
    Problem problem = Problem::fromError(Error(code, {}, QString::fromLatin1(m_refusalDetail)));
    problem.status = status;
    problem.title = QString::fromLatin1(http_status_str(http_status(status)));
    qCInfo(lcServerAccess).noquote() << QStringLiteral("method=- path=- status=%1 refused=\"%2\"")
                                            .arg(status)
                                            .arg(QString::fromLatin1(m_refusalDetail));
    m_keepAlive = false;
    m_pending.clear();
    // The headers every answer has (HttpServer::write): these refusals are made before a route is chosen.
    QList<QPair<QByteArray, QByteArray>> headers{
        {"Date", httpDate(QDateTime::currentSecsSinceEpoch())},
        {"Content-Type", "application/problem+json"},
        {"Cache-Control", "no-store"},
        {"X-Content-Type-Options", "nosniff"}};
    headers += std::exchange(m_refusal, BodyAllowance{}).refuseHeaders;
    respond(status, headers, QJsonDocument(problem.toJson()).toJson(QJsonDocument::Compact), m_headRequest);
}

void HttpConnection::respond(int status, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                             bool headOnly, qsizetype truncateTo)
{
    if (m_phase == Phase::Closing || m_finished)
        return;
    releaseBody(); // the request is answered: its body is no longer held for it
    const bool close = !m_keepAlive || truncateTo >= 0;
    const QByteArray sent = headOnly ? QByteArray() : truncateTo >= 0 ? body.left(truncateTo) : body;
    // The head and a small body in one write (one segment on the wire for most answers); a large body is written
    // as it is, not copied.
    const bool together = sent.size() <= kOneWriteBytes;
    qsizetype size = 64 + (together ? sent.size() : 0);
    for (const auto &[name, value] : headers)
        size += name.size() + value.size() + 4;
    QByteArray out;
    out.reserve(size);
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(http_status_str(http_status(status)));
    out.append("\r\n");
    for (const auto &[name, value] : headers)
        out.append(name).append(": ").append(value).append("\r\n");
    // Never on 1xx or 204 (RFC 9110 §8.6), nor on 304, where it could only repeat the length of the 200 not sent.
    if (status >= 200 && status != 204 && status != 304)
        out.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    if (close)
        out.append("Connection: close\r\n");
    out.append("\r\n");
    if (together)
        out.append(sent);
    m_socket->write(out);
    if (!together)
        m_socket->write(sent);
    if (close) {
        m_phase = Phase::Closing;
        m_pending.clear();
        m_socket->flush();
        if (m_socket->bytesToWrite() == 0)
            lingerClose();
        else
            setDeadline(m_limits.writeTimeoutMs);
        return;
    }
    m_phase = Phase::Idle;
    // Sent now rather than on the event loop's next turn (when the socket would say it can be written): most answers
    // leave in this one call. What the kernel does not take yet waits in the socket's buffer as before.
    m_socket->flush();
    if (m_finished)
        return; // the flush found the connection gone
    setDeadline(m_socket->bytesToWrite() > 0 ? m_limits.writeTimeoutMs : m_limits.idleTimeoutMs);
    // A client that does not take its answers gets no more of them: the next request waits until it reads (then
    // bytesWritten resumes), or the write timeout ends the connection.
    if (m_socket->bytesToWrite() > kMaxUnsentBytes) {
        m_waitingForWrite = true;
        return;
    }
    // The next request, if it came already (pipelined, or read behind this one): feed() goes on by itself when
    // this answer was given inside it.
    if (!m_feeding)
        scheduleNext();
}

void HttpConnection::scheduleNext()
{
    if (m_pending.isEmpty() && m_socket->bytesAvailable() == 0)
        return;
    QMetaObject::invokeMethod(this, [this]() {
        feed();
        if (m_socket->bytesAvailable() > 0)
            readAvailable();
    }, Qt::QueuedConnection);
}

} // namespace ncre::server
