#pragma once

#include "HttpLimits.h"
#include "HttpRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <http_parser.h>

#include <functional>

class QTcpSocket;

namespace ncre::server {

// RFC 9110 §5.6.7's IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") of a time in seconds since the epoch, for Date.
QByteArray httpDate(qint64 secsSinceEpoch);

// One client connection: reads HTTP/1.1 requests with the http-parser library under HttpLimits, one at a time
// (pipelined requests wait, unread, behind the one being answered, and behind an answer the client has not taken
// yet: a client that sends without reading stalls itself, not the server's memory), and writes the answers. Whatever breaks a
// limit is answered here, before any route sees it, with the status RFC 9110 gives it and a problem+json body:
// 400 malformed, 408 too slow, 411 no Content-Length, 413 body larger than the route allows, 414 target too long,
// 431 headers too large or too many; the connection is then closed.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    // What may be read of a request's body, decided from its head (method, target, headers) before any of it is read:
    // the most bytes the route takes (the default small limit when no route matches), or an answer that refuses it
    // at once (e.g. 401 for a route that needs a session: a stranger cannot make the server hold a large body).
    struct BodyAllowance
    {
        qint64 maxBytes = 1024;
        QString client;       // whom the body budget counts (clientBucket); empty: the peer
        int refuseStatus = 0; // 0: not refused
        QList<QPair<QByteArray, QByteArray>> refuseHeaders;
        QByteArray refuseBody;
    };
    using BodyLimit = std::function<BodyAllowance(const HttpRequest &head)>;

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, BodyLimit bodyLimit, BodyBudget *budget,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    QHostAddress peerAddress() const { return m_peer; }

    // Answers the request last announced by requestReady(); then the next one is read. Content-Length is added;
    // `headOnly` sends the headers of the answer without its body (HEAD). `truncateTo` >= 0 writes only that much
    // of the body and closes (fault injection: a connection lost mid-download).
    void respond(int status, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                 bool headOnly = false, qsizetype truncateTo = -1);
    // Drops the connection without an answer (fault injection).
    void abort();

signals:
    void requestReady(ncre::server::HttpConnection *connection, const ncre::server::HttpRequest &request);
    // The connection is gone; the object deletes itself after this.
    void closed(ncre::server::HttpConnection *connection);

private:
    enum class Phase { Idle, Headers, Body, Handling, Closing };

    static int onMessageBegin(http_parser *p);
    static int onUrl(http_parser *p, const char *at, size_t length);
    static int onHeaderField(http_parser *p, const char *at, size_t length);
    static int onHeaderValue(http_parser *p, const char *at, size_t length);
    static int onHeadersComplete(http_parser *p);
    static int onBody(http_parser *p, const char *at, size_t length);
    static int onMessageComplete(http_parser *p);

    void readAvailable();
    void feed();
    int refuse(int status, const char *detail);
    void sendRefusal();
    void timedOut();
    void deadlineReached();
    void setDeadline(int ms);
    void clearDeadline() { m_deadline = -1; }
    void finish();
    void lingerClose();
    void discard();
    bool countHeaderBytes(size_t length);
    void releaseBody();
    void resumeAfterWrite();
    void scheduleNext();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    BodyLimit m_bodyLimit;
    BodyBudget *m_budget;
    qint64 m_reserved = 0; // of m_budget, for the body being read or answered
    QString m_reservedFor; // the client it was reserved for
    BodyAllowance m_refusal; // a refusal decided by the body policy
    bool m_waitingForWrite = false;
    bool m_feeding = false; // inside feed()'s requestReady: an answer given now lets feed() go on
    QHostAddress m_peer;
    http_parser m_parser;
    http_parser_settings m_settings;
    Phase m_phase = Phase::Idle;
    QByteArray m_pending; // read from the socket, not yet parsed (behind a request being answered)
    HttpRequest m_request;
    QByteArray m_target;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    int m_headerBytes = 0;
    bool m_keepAlive = true;
    bool m_headRequest = false; // the request being read is a HEAD (its refusal is sent without a body)
    int m_refusalStatus = 0;
    QByteArray m_refusalDetail;
    // One deadline at a time (head, body, write, idle, linger), in ms of m_age: moving it costs a clock read; the
    // timer is armed again only when it fires early or the deadline comes nearer (a request per connection would
    // otherwise stop and start it three times).
    QTimer m_timer;
    QElapsedTimer m_age;
    qint64 m_deadline = -1; // -1: none
    qint64 m_timerDue = -1; // when m_timer fires, in ms of m_age
    QElapsedTimer m_bodyStarted;
    qint64 m_bodyExpected = 0;
    bool m_finished = false;
    bool m_lingering = false;
    qint64 m_discarded = 0;
};

} // namespace ncre::server
