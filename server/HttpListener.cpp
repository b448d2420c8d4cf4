#include "HttpListener.h"

#include "Problem.h"
#include "ServerLogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>

#include <cerrno>
#include <unistd.h>

namespace ncre::server {

namespace {

// Room kept for the database, the log, and the turned-away sockets themselves.
constexpr int kReservedDescriptors = 64;

int descriptorRoom()
{
    struct rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return INT_MAX;
    return int(qMin<rlim_t>(limit.rlim_cur, rlim_t(INT_MAX))) - kReservedDescriptors;
}

// The peer of an accepted descriptor, IPv4-mapped IPv6 addresses as IPv4 (one client, one count).
QHostAddress peerOf(qintptr descriptor)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof(storage);
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : address;
}

} // namespace

HttpListener::HttpListener(const HttpLimits &limits, HttpConnection::BodyLimit bodyLimit, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_bodyLimit(std::move(bodyLimit))
    , m_budget(limits)
    , m_connectionLimit(qMax(1, qMin(limits.maxConnections, descriptorRoom())))
{
}

bool HttpListener::start(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    // QTcpServer's own accept loop cannot tell running out of descriptors from an empty backlog once it has seen
    // either: its socket engine keeps the first error it records (QNativeSocketEnginePrivate::setError), so after one
    // EAGAIN every later EMFILE reads as "temporary", is retried at once, and the loop spins at 100 % of a core.
    // This class therefore accepts itself and reads errno for each failure; QTcpServer only listens.
    pauseAccepting();
    m_acceptNotifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &HttpListener::acceptReady);
    return true;
}

void HttpListener::acceptReady()
{
    // A bounded batch per wake-up, so that a flood of connections cannot starve the requests already in.
    constexpr int kBatch = 64;
    for (int i = 0; i < kBatch; ++i) {
        const int descriptor = ::accept4(int(socketDescriptor()), nullptr, nullptr, SOCK_CLOEXEC);
        if (descriptor >= 0) {
            incomingConnection(descriptor);
            continue;
        }
        const int error = errno;
        if (error == EAGAIN || error == EWOULDBLOCK)
            return; // the backlog is empty
        if (error == EINTR || error == ECONNABORTED || error == EPROTO)
            continue; // that one connection went away (accept(2)); the next ones are unaffected
        // Out of descriptors (EMFILE, ENFILE) or kernel memory (ENOBUFS, ENOMEM): the pending connections wait in the
        // backlog while nothing here can take them; try again in a moment, when some may be free.
        qCWarning(lcServer).noquote() << "accept failed:" << qt_error_string(error) << "- pausing for"
                                      << m_limits.acceptPauseMs << "ms";
        m_acceptNotifier->setEnabled(false);
        QTimer::singleShot(m_limits.acceptPauseMs, m_acceptNotifier, [notifier = m_acceptNotifier]() { notifier->setEnabled(true); });
        return;
    }
}

void HttpListener::turnAway(qintptr descriptor)
{
    // One write and gone: a client over the limits learns when to come back; nothing of it is kept. The same
    // problem as every other 503 server.busy of the API, with the Date every answer carries.
    static const QByteArray body = []() {
        Problem p = Problem::fromError(Error(ErrorCode::ServerBusy, {}, QStringLiteral("too many connections")));
        p.status = 503; // as the status line says (server.busy is 429 where a client asked too much itself)
        p.retryAfterSeconds = 2;
        return QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact);
    }();
    const QByteArray date = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                .toLatin1();
    const QByteArray busy = "HTTP/1.1 503 Service Unavailable\r\nDate: " + date
        + "\r\nRetry-After: 2\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\n"
          "Connection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const ssize_t written = ::write(int(descriptor), busy.constData(), size_t(busy.size()));
    Q_UNUSED(written);
    ::close(int(descriptor));
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    const QString peer = clientBucket(peerOf(descriptor));
    if (m_open >= m_connectionLimit || (m_capPerAddress && m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress)) {
        qCInfo(lcServerAccess).noquote() << QStringLiteral("method=- path=- status=503 refused=\"too many connections\"");
        turnAway(descriptor);
        return;
    }
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    ++m_open;
    ++m_perAddress[peer];
    auto *connection = new HttpConnection(socket, m_limits, m_bodyLimit, &m_budget, this);
    connect(connection, &HttpConnection::closed, this, [this, peer]() {
        --m_open;
        if (--m_perAddress[peer] <= 0)
            m_perAddress.remove(peer);
    });
    emit connectionOpened(connection);
}

} // namespace ncre::server
