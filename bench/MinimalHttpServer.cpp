// The floor for ncre-server's poll benchmark: bare QtHttpServer answering a conditional GET with 304, no routing
// table, database, authentication or logging. ncre-server's 304 polls are compared against this in the same run.
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    const QByteArray etag = "\"v1\"";
    server.route(QStringLiteral("/poll"), [etag](const QHttpServerRequest &request) {
        if (request.value("If-None-Match") == etag) {
            QHttpServerResponse notModified(QHttpServerResponse::StatusCode::NotModified);
            notModified.setHeader("ETag", etag);
            return notModified;
        }
        QHttpServerResponse ok(QByteArray("application/json"), QByteArray("{\"state\":\"paid\"}"));
        ok.setHeader("ETag", etag);
        return ok;
    });
    const quint16 port = server.listen(QHostAddress(QHostAddress::LocalHost), 0);
    if (port == 0)
        return 1;
    std::printf("listening on http://127.0.0.1:%u\n", port);
    std::fflush(stdout);
    return app.exec();
}
