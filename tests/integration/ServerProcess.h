#pragma once

#include <algorithm>

#include <QByteArray>
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QSignalSpy>
#include <QUrl>
#include <QUuid>

#include <memory>

// A valid GB 11643-1999 resident ID number of district 110105 (北京朝阳) born on `birth`, with sequence `sequence`
// (odd: male) and its ISO 7064 MOD 11-2 check character.
inline QString residentIdNumber(const QDate &birth, int sequence)
{
    const QString body = QStringLiteral("110105") + birth.toString(QStringLiteral("yyyyMMdd"))
        + QStringLiteral("%1").arg(sequence, 3, 10, QLatin1Char('0'));
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += body.at(i).digitValue() * weights[i];
    return body + QString::fromLatin1("10X98765432").at(sum % 11);
}

// A config file for ncre-server --config, written into `dir` (the test's temporary folder); empty when it cannot be.
inline QString writeServerConfig(const QString &dir, const QString &name, const QByteArray &text)
{
    QFile file(dir + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return file.fileName();
}

// The basic information of a resident-ID holder, as the API takes it (PUT /registrations/current/profile).
inline QJsonObject residentProfileJson(const QString &idNumber)
{
    return {{"name", QString::fromUtf8("张三")}, {"documentType", "resident_id"}, {"documentNumber", idNumber},
            {"ethnicity", "01"}, {"education", "bachelor"}, {"occupation", "student"}, {"mobile", "13812345678"},
            {"address", QString::fromUtf8("北京市朝阳区建国路1号")}, {"postalCode", "100020"}};
}

// A real ncre-server process on a free loopback port (--seed demo --test-hooks), for integration tests.
class ServerProcess
{
public:
    explicit ServerProcess(const QStringList &extraArgs = {})
        : ServerProcess(extraArgs, QProcessEnvironment::systemEnvironment(), true)
    {
    }
    // `testServer` false: no demo seed and no test hooks (as a production server starts), only `extraArgs`.
    ServerProcess(const QStringList &extraArgs, const QProcessEnvironment &environment, bool testServer)
    {
        m_process.setProgram(QStringLiteral(NCRE_SERVER_BINARY));
        const QStringList test = {"--seed", "demo", "--test-hooks"};
        QStringList database;
        if (!extraArgs.contains(QStringLiteral("--db")))
            database = freshPostgresDatabase();
        m_process.setArguments(QStringList{"--listen", "127.0.0.1:0", "--kdf", "minimal"} + (testServer ? test : QStringList())
                               + database + extraArgs);
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
    }
    ~ServerProcess()
    {
        m_prism.kill();
        m_prism.waitForFinished(5000);
        m_process.kill();
        m_process.waitForFinished(5000);
        if (!m_pgDatabase.isEmpty())
            postgresTool(QStringLiteral("dropdb"), {QStringLiteral("--force"), m_pgDatabase});
    }

    // Under the PostgreSQL label (tests/pg/private-postgres.sh sets NCRE_TEST_PG to the cluster's maintenance
    // database): a database of this server's own, made empty and dropped with it, as a SQLite run gets a fresh
    // in-memory one. Nothing otherwise.
    QStringList freshPostgresDatabase()
    {
        if (!qEnvironmentVariableIsSet("NCRE_TEST_PG"))
            return {};
        m_pgDatabase = QStringLiteral("ncre_") + QUuid::createUuid().toString(QUuid::Id128);
        if (!postgresTool(QStringLiteral("createdb"), {m_pgDatabase})) {
            qWarning("ServerProcess: createdb failed; the server will not start");
            return {QStringLiteral("--db"), QStringLiteral("postgresql://missing@127.0.0.1:1/none")};
        }
        QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
        url.setPath(QLatin1Char('/') + m_pgDatabase);
        return {QStringLiteral("--db"), url.toString()};
    }
    static bool postgresTool(const QString &tool, const QStringList &args)
    {
        const QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
        QProcess p;
        p.start(tool, QStringList{"-h", url.host(), "-p", QString::number(url.port(5432)), "-U", url.userName()} + args);
        return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }
    QString postgresDatabase() const { return m_pgDatabase; }

    // Waits for "ncre-server listening on <url>"; false if the server died or never said it.
    bool waitReady()
    {
        QSignalSpy ready(&m_process, &QProcess::readyReadStandardOutput);
        while (!m_stdout.contains('\n')) {
            if (m_process.state() == QProcess::NotRunning)
                return false;
            if (!m_process.bytesAvailable() && !ready.wait(15000))
                return false;
            m_stdout += m_process.readAllStandardOutput();
        }
        const QByteArray line = m_stdout.left(m_stdout.indexOf('\n'));
        const QByteArray marker = "listening on ";
        if (!line.contains(marker))
            return false;
        m_base = QUrl(QString::fromLatin1(line.mid(line.indexOf(marker) + marker.size()).trimmed()));
        if (!m_base.isValid())
            return false;
        return qEnvironmentVariableIsSet("NCRE_CONTRACT_PROXY") ? startContractProxy() : true;
    }

    // With NCRE_CONTRACT_PROXY=<prism>, API calls go through Prism's validating proxy (prism proxy --errors), so a
    // response that breaks docs/openapi.yaml fails the test. Test hooks are not part of the contract: they go direct.
    QUrl url(const QString &path) const
    {
        static const QString api = QStringLiteral("/api/v1");
        if (m_proxy.isValid() && path.startsWith(api + '/') && !path.startsWith(api + "/test-hooks/")
            && !path.endsWith(".pdf") && !path.startsWith(api + "/oauth/"))
            return QUrl(m_proxy.toString() + path.mid(api.size()));
        return QUrl(m_base.toString() + path);
    }

    // Bypasses the contract proxy: Prism 5.14 corrupts binary bodies (the JPEG upload, the PDFs) when it forwards
    // them, so those go straight to the server (the registration a photo upload returns is validated on the next
    // GET); so do the QQ broker's redirects, which Prism's proxy follows itself instead of returning the 302, and
    // requests a test makes malformed on purpose, which Prism would refuse before the server sees them.
    QUrl directUrl(const QString &path) const { return QUrl(m_base.toString() + path); }

    // What Prism reported as contract violations so far.
    QStringList contractViolations()
    {
        if (m_prism.isOpen())
            m_prismLog += m_prism.readAll();
        QStringList violations;
        for (const QByteArray &line : m_prismLog.split('\n')) {
            if (line.contains("Violation"))
                violations << QString::fromUtf8(line.trimmed());
        }
        return violations;
    }
    // The server's standard error, and Prism's output when the contract proxy did not start.
    QByteArray stderrText()
    {
        QByteArray text = m_process.readAllStandardError();
        if (!m_prismLog.isEmpty() && m_proxy.isEmpty())
            text += "\n[prism] " + m_prismLog;
        return text;
    }
    QProcess &process() { return m_process; }

private:
    QString m_pgDatabase; // under NCRE_TEST_PG: this server's own database
    bool startContractProxy()
    {
        // The free port is found, then let go for Prism to bind: another process may take it in between (seen
        // under a loaded CI run). Prism then exits, and is started again on another port.
        for (int attempt = 0; attempt < 3; ++attempt) {
            QTcpServer probe; // a free port for Prism
            if (!probe.listen(QHostAddress::LocalHost, 0))
                return false;
            const quint16 port = probe.serverPort();
            probe.close();
            m_prismLog.clear();
            m_prism.setProgram(qEnvironmentVariable("NCRE_CONTRACT_PROXY"));
            m_prism.setArguments({"proxy", "--errors", "-h", "127.0.0.1", "-p", QString::number(port),
                                  QStringLiteral(NCRE_SOURCE_DIR "/docs/openapi.yaml"), m_base.toString() + "/api/v1"});
            m_prism.setProcessChannelMode(QProcess::MergedChannels);
            m_prism.start();
            QSignalSpy output(&m_prism, &QProcess::readyRead);
            bool exited = false;
            while (!m_prismLog.contains("Prism is listening")) {
                if (m_prism.state() == QProcess::NotRunning) {
                    m_prismLog += m_prism.readAll();
                    exited = true;
                    break;
                }
                if (!m_prism.bytesAvailable() && !output.wait(60000))
                    return false;
                m_prismLog += m_prism.readAll();
            }
            if (exited) {
                m_prism.waitForFinished(5000);
                continue;
            }
            m_proxy = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
            return true;
        }
        return false;
    }

    QProcess m_process;
    QProcess m_prism;
    QByteArray m_stdout;
    QByteArray m_prismLog;
    QUrl m_base;
    QUrl m_proxy;
};

// One HTTP exchange, waited for on the reply's finished signal.
struct HttpResult
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString code() const { return json().value("code").toString(); }
    bool hasHeader(const QByteArray &name) const
    {
        return std::any_of(headers.cbegin(), headers.cend(),
                           [&name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
};

class TestHttp
{
public:
    explicit TestHttp(ServerProcess &server)
        : m_server(server)
    {
    }

    void setToken(const QString &token) { m_token = token; }
    // Skip the contract proxy (for requests that break the contract on purpose).
    void setDirect(bool direct) { m_direct = direct; }

    HttpResult send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                    const QByteArray &contentType = "application/json",
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(contentType == "image/jpeg" || m_direct ? m_server.directUrl(path) : m_server.url(path));
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
        for (const auto &[k, v] : headers)
            request.setRawHeader(k, v);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.error = reply->error();
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }

    HttpResult get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return send("GET", path, {}, {}, headers);
    }
    HttpResult put(const QString &path, const QJsonObject &json) { return send("PUT", path, toJson(json)); }
    // POST with a fresh Idempotency-Key unless one is given.
    // The server's fault injection (--test-hooks): the next `count` requests under `pathPrefix` (below /api/v1) meet
    // `kind` ("unavailable", "truncate", "drop", ...), with Retry-After `retryAfter` s where it applies. The status: 204.
    int injectFault(const QString &pathPrefix, const char *kind, int count, int retryAfter = 0)
    {
        return post(QStringLiteral("/api/v1/test-hooks/faults"), {{"pathPrefix", QStringLiteral("/api/v1") + pathPrefix},
                                                                  {"kind", kind}, {"count", count}, {"retryAfter", retryAfter}})
            .status;
    }

    HttpResult post(const QString &path, const QJsonObject &json = {}, QByteArray key = {})
    {
        if (key.isEmpty())
            key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        return send("POST", path, json.isEmpty() ? QByteArray() : toJson(json), "application/json",
                    {{"Idempotency-Key", key}});
    }

    static QByteArray toJson(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

    // Captcha, then account registration and login through the real endpoints; returns the access token.
    QString registerAndLogIn(const QString &username, const QString &password = "Secret-pass-1")
    {
        const QString captcha1 = newCaptcha();
        post("/api/v1/accounts", {{"username", username}, {"password", password}, {"captchaId", captcha1},
                                  {"captchaAnswer", captchaAnswer(captcha1)}});
        return logIn(username, password);
    }

    QString logIn(const QString &username, const QString &password)
    {
        const QString captcha = newCaptcha();
        const HttpResult r = send("POST", "/api/v1/sessions",
                                  toJson({{"username", username}, {"password", password}, {"captchaId", captcha},
                                          {"captchaAnswer", captchaAnswer(captcha)}}));
        m_lastRefresh = r.json().value("refreshToken").toString();
        return r.json().value("accessToken").toString();
    }

    QString newCaptcha() { return send("POST", "/api/v1/captcha").json().value("id").toString(); }
    QString captchaAnswer(const QString &id) { return get("/api/v1/test-hooks/captchas/" + id).json().value("answer").toString(); }
    QString lastRefreshToken() const { return m_lastRefresh; }

private:
    ServerProcess &m_server;
    QNetworkAccessManager m_nam;
    QString m_token;
    QString m_lastRefresh;
    bool m_direct = false;
};

// A complete, valid profile of a passport holder (birth date and gender typed, no ethnicity needed).
inline QJsonObject passportProfile()
{
    return {{"name", "Li Lei"}, {"documentType", "passport"}, {"documentNumber", "E12345678"}, {"gender", "male"},
            {"birthDate", "2001-02-03"}, {"education", "bachelor"}, {"occupation", "student"},
            {"mobile", "13812345678"}, {"address", "Room 1, Road 2, Beijing"}, {"postalCode", "100020"}};
}

// One request over a fresh connection from the loopback address `source` (127.0.0.x: all of 127/8 is this machine),
// for tests of per-address limits: the whole answer, parsed. Status 0 when the server did not answer.
inline HttpResult requestFrom(ServerProcess &server, const char *source, const QByteArray &verb, const QString &path,
                              const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    QTcpSocket socket;
    HttpResult r;
    if (!socket.bind(QHostAddress(QString::fromLatin1(source))))
        return r;
    socket.connectToHost(QHostAddress::LocalHost, quint16(server.directUrl("").port()));
    if (!socket.waitForConnected(5000))
        return r;
    QByteArray request = verb + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    for (const auto &[k, v] : headers)
        request += k + ": " + v + "\r\n";
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(30000))
        answer += socket.readAll();
    answer += socket.readAll();
    const qsizetype end = answer.indexOf("\r\n\r\n");
    if (!answer.startsWith("HTTP/1.1 ") || end < 0)
        return r;
    r.status = answer.mid(9, 3).toInt();
    r.body = answer.mid(end + 4);
    for (const QByteArray &line : answer.left(end).split('\n').mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return r;
}

