// A stand-in for QQ Connect's OAuth 2.0 endpoints (graph.qq.com/oauth2.0/authorize, /token, /me), as a process of its
// own on loopback, for ncre-server's real-provider path (tests/integration/TestQqProvider). It approves every
// authorization as the QQ user STANDIN_OPENID, for the app STANDIN_APP_ID whose secret is STANDIN_APP_SECRET (all
// from the environment), and answers like QQ Connect: 200 with {"error": ...} when it refuses.
// Prints "listening on PORT" once it accepts connections.
#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <cstdio>

namespace {

struct Grant
{
    QString redirectUri;
    bool used = false;
};

QByteArray answer(int status, const QByteArray &type, const QByteArray &body, const QByteArray &extra = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + (status == 302 ? " Found" : status == 200 ? " OK" : " Bad Request")
        + "\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra
        + "Connection: close\r\n\r\n" + body;
}

QByteArray json(const QJsonObject &o)
{
    return answer(200, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString appId = qEnvironmentVariable("STANDIN_APP_ID");
    const QString secret = qEnvironmentVariable("STANDIN_APP_SECRET");
    const QString openId = qEnvironmentVariable("STANDIN_OPENID");
    QHash<QString, Grant> codes;
    QHash<QString, bool> tokens;
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&]() {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, socket]() {
                QByteArray request = socket->property("request").toByteArray() + socket->readAll();
                socket->setProperty("request", request);
                if (!request.contains("\r\n\r\n"))
                    return;
                const QUrl target(QString::fromLatin1(request.left(request.indexOf("\r\n")).split(' ').value(1)));
                const QUrlQuery q(target);
                auto value = [&q](const char *name) { return q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
                QByteArray reply;
                if (target.path() == QLatin1String("/oauth2.0/authorize")) {
                    if (value("client_id") != appId || value("response_type") != QLatin1String("code")) {
                        reply = answer(400, "text/plain", "bad client");
                    } else {
                        const QString code = QUuid::createUuid().toString(QUuid::Id128);
                        codes.insert(code, Grant{value("redirect_uri")});
                        QUrl back(value("redirect_uri"));
                        QUrlQuery bq(back);
                        bq.addQueryItem(QStringLiteral("code"), code);
                        bq.addQueryItem(QStringLiteral("state"), value("state"));
                        back.setQuery(bq);
                        reply = answer(302, "text/plain", {}, "Location: " + back.toEncoded() + "\r\n");
                    }
                } else if (target.path() == QLatin1String("/oauth2.0/token")) {
                    auto grant = codes.find(value("code"));
                    if (value("client_id") != appId || value("client_secret") != secret || grant == codes.end()
                        || grant->used || grant->redirectUri != value("redirect_uri")) {
                        reply = json({{"error", 100019}, {"error_description", "code to access token error"}});
                    } else {
                        grant->used = true;
                        const QString token = QUuid::createUuid().toString(QUuid::Id128);
                        tokens.insert(token, true);
                        reply = json({{"access_token", token}, {"expires_in", "7776000"}, {"refresh_token", "r"}});
                    }
                } else if (target.path() == QLatin1String("/oauth2.0/me")) {
                    if (!tokens.contains(value("access_token")))
                        reply = json({{"error", 100016}, {"error_description", "access token check failed"}});
                    else
                        reply = json({{"client_id", appId}, {"openid", openId}});
                } else {
                    reply = answer(400, "text/plain", "unknown");
                }
                socket->write(reply);
                socket->disconnectFromHost();
            });
        }
    });
    std::printf("listening on %d\n", server.serverPort());
    std::fflush(stdout);
    return app.exec();
}
