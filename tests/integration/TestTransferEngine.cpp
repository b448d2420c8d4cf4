#include "PhotoFixtures.h"
#include "ServerProcess.h"
#include "TransferEngine.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// libcurl transfers against a real ncre-server: download with verification, resume after a connection cut mid-body,
// hash mismatch, upload, cancel, refused URLs.
class TestTransferEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;
    QByteArray m_form; // the form PDF as a plain GET returns it

    // Starts a transfer and waits on its finished signal (cancelling it first when asked).
    static TransferOutcome run(TransferEngine &engine, const TransferRequest &request, bool cancel = false)
    {
        std::optional<TransferOutcome> outcome;
        QEventLoop loop;
        quint64 id = 0;
        const auto c = QObject::connect(&engine, &TransferEngine::finished, &loop,
                                        [&](quint64 finishedId, const TransferOutcome &r) {
                                            if (finishedId != id)
                                                return;
                                            outcome.emplace(r);
                                            loop.quit();
                                        });
        id = engine.start(request);
        if (cancel)
            engine.cancel(id);
        if (!outcome)
            loop.exec();
        QObject::disconnect(c);
        return *outcome;
    }

    TransferRequest formDownload(const QString &destination)
    {
        TransferRequest r;
        r.url = m_server->url("/api/v1/registrations/current/form.pdf");
        r.destination = destination;
        r.headers = {{"Authorization", "Bearer " + m_token.toLatin1()}};
        return r;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
        TestHttp http(*m_server);
        m_token = http.registerAndLogIn("transfer1");
        http.setToken(m_token);
        http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", http.get("/api/v1/exams/current").json().value("agreementVersion")}});
        http.put("/api/v1/registrations/current/profile", passportProfile());
        http.put("/api/v1/registrations/current/subjects", {{"siteId", "bj-buu"}, {"subjectIds", QJsonArray{"15"}}});
        http.post("/api/v1/registrations/current/submit", {{"guarantee", true}});
        QCOMPARE(http.send("PUT", "/api/v1/registrations/current/photo", PhotoFixtures::compliantJpeg(), "image/jpeg").status, 200);
        const QString order = http.post("/api/v1/registrations/current/payments").json().value("id").toString();
        http.post("/api/v1/test-hooks/payments/" + order + "/complete", {{"notify", "now"}});
        const HttpResult form = http.get("/api/v1/registrations/current/form.pdf");
        QCOMPARE(form.status, 200);
        m_form = form.body;
    }
    void cleanupTestCase() { m_server.reset(); }

    void testDownloadVerifiedAndAtomic()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath("form.pdf");
        TransferEngine engine;
        QSignalSpy progress(&engine, &TransferEngine::progress);
        const auto r = run(engine, formDownload(dest));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : errorCodeName(r.error().code)));
        QCOMPARE(r->bytes, qint64(m_form.size()));
        QVERIFY(!r->resumed);
        QFile f(dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), m_form);
        QVERIFY(!QFile::exists(dest + ".part"));
        QVERIFY(!progress.isEmpty());
        // Personal: the owner's only (0600), whatever the umask.
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(f.permissions() & others, QFileDevice::Permissions());
    }

    // The proxy setting is honoured: through a relay that counts what passes, the download arrives; through a proxy
    // that is not there, it fails as a network error although the server itself is up.
    void testProxySetting()
    {
        QTcpServer relay;
        QVERIFY(relay.listen(QHostAddress::LocalHost, 0));
        QByteArray seen;
        QObject::connect(&relay, &QTcpServer::newConnection, &relay, [&]() {
            while (QTcpSocket *client = relay.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                upstream->connectToHost(QHostAddress::LocalHost, quint16(m_server->directUrl("").port()));
                QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream, &seen]() {
                    const QByteArray bytes = client->readAll();
                    seen += bytes;
                    upstream->write(bytes);
                });
                QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream]() { client->write(upstream->readAll()); });
                QObject::connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            }
        });
        QTemporaryDir dir;
        TransferEngine engine;
        TransferRequest viaRelay = formDownload(dir.filePath("via-proxy.pdf"));
        viaRelay.url = m_server->directUrl("/api/v1/registrations/current/form.pdf");
        viaRelay.proxy = QStringLiteral("http://127.0.0.1:%1").arg(relay.serverPort());
        const auto r = run(engine, viaRelay);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : errorCodeName(r.error().code)));
        QCOMPARE(r->bytes, qint64(m_form.size()));
        // A proxy sees the absolute URL in the request line.
        QVERIFY2(seen.startsWith("GET " + viaRelay.url.toEncoded() + " HTTP/1.1"), seen.left(200).constData());

        TransferRequest nowhere = formDownload(dir.filePath("nowhere.pdf"));
        nowhere.url = viaRelay.url;
        nowhere.proxy = QStringLiteral("http://127.0.0.1:1");
        const auto refused = run(engine, nowhere);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::NetworkUnreachable);
    }

    void testResumesAfterAConnectionCutMidBody()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath("form.pdf");
        TestHttp hooks(*m_server);
        hooks.post("/api/v1/test-hooks/faults", {{"pathPrefix", "/api/v1/registrations/current/form.pdf"}, {"kind", "truncate"}, {"count", 1}});
        TransferEngine engine;
        const auto cut = run(engine, formDownload(dest));
        QVERIFY(!cut.ok());
        QVERIFY(!QFile::exists(dest));
        const qint64 partial = QFile(dest + ".part").size();
        QVERIFY(partial > 0 && partial < m_form.size());

        const auto resumed = run(engine, formDownload(dest));
        QVERIFY2(resumed.ok(), qPrintable(resumed.ok() ? QString() : errorCodeName(resumed.error().code)));
        QVERIFY(resumed->resumed); // continued with Range, not restarted
        QCOMPARE(resumed->status, 206);
        QFile f(dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), m_form);
    }

    void testHashMismatchLeavesNothing()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath("form.pdf");
        TransferRequest request = formDownload(dest);
        request.expectedSha256Hex = QByteArray(64, 'a');
        TransferEngine engine;
        const auto r = run(engine, request);
        QCOMPARE(r.error().code, ErrorCode::TransferVerify);
        QVERIFY(!QFile::exists(dest));
        QVERIFY(!QFile::exists(dest + ".part"));
    }

    void testServerRefusalBecomesItsCode()
    {
        QTemporaryDir dir;
        TransferEngine engine;
        TransferRequest request = formDownload(dir.filePath("ticket.pdf"));
        request.url = m_server->url("/api/v1/registrations/current/ticket.pdf"); // outside the print window
        QCOMPARE(run(engine, request).error().code, ErrorCode::StateWindowClosed);
    }

    void testUpload()
    {
        TransferEngine engine;
        TransferRequest request;
        request.kind = TransferRequest::Kind::Upload;
        request.url = m_server->url("/api/v1/registrations/current/photo");
        request.uploadBody = PhotoFixtures::compliantJpeg();
        request.uploadContentType = "image/jpeg";
        request.headers = {{"Authorization", "Bearer " + m_token.toLatin1()}};
        const auto r = run(engine, request);
        // Paid: the photo is locked now, and the server says so.
        QCOMPARE(r.error().code, ErrorCode::StateLocked);
    }

    void testCancel()
    {
        QTemporaryDir dir;
        TestHttp hooks(*m_server);
        hooks.post("/api/v1/test-hooks/faults", {{"pathPrefix", "/api/v1/registrations/current/form.pdf"}, {"kind", "delay"}, {"count", 1}, {"delayMs", 5000}});
        TransferEngine engine;
        QCOMPARE(run(engine, formDownload(dir.filePath("form.pdf")), true).error().code, ErrorCode::TransferCancelled);
        hooks.send("DELETE", "/api/v1/test-hooks/faults");
    }

    void testRefusesUnsafeUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addRow("plain http") << "http://ncre.example.cn/form.pdf";
        QTest::addRow("ftp") << "ftp://127.0.0.1/form.pdf";
        QTest::addRow("file") << "file:///etc/passwd";
    }
    void testRefusesUnsafeUrls()
    {
        QFETCH(QString, url);
        QTemporaryDir dir;
        TransferEngine engine;
        TransferRequest request;
        request.url = QUrl(url);
        request.destination = dir.filePath("x");
        QCOMPARE(run(engine, request).error().code, ErrorCode::NetworkTls);
    }
};

QTEST_GUILESS_MAIN(TestTransferEngine)
#include "TestTransferEngine.moc"
