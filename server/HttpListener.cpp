#include "HttpListener.h"

#include "ServerLogging.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>
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
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        // Out of descriptors or buffers: QTcpServer has paused accepting; resume in a moment, when some may be free.
        qCWarning(lcServer) << "accept failed:" << error << "- pausing for" << m_limits.acceptPauseMs << "ms";
        pauseAccepting();
        QTimer::singleShot(m_limits.acceptPauseMs, this, [this]() { resumeAccepting(); });
    });
}

void HttpListener::turnAway(qintptr descriptor)
{
    // One write and gone: a client over the limits learns when to come back; nothing of it is kept.
    static const QByteArray body = R"({"code":"server.busy","status":503,"title":"Too many connections","type":"about:blank"})";
    static const QByteArray busy = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Type: application/problem+json\r\n"
                                   "Connection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const ssize_t written = ::write(int(descriptor), busy.constData(), size_t(busy.size()));
    Q_UNUSED(written);
    ::close(int(descriptor));
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    const QString peer = clientBucket(peerOf(descriptor));
    if (m_open >= m_connectionLimit || m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
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
