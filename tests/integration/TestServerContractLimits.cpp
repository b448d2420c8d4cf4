#include "ServerProcess.h"

#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

// What a stranger can make the server keep is bounded (issue 14, item 7): every length the contract gives a query,
// path or header parameter (docs/openapi.yaml, read here) is enforced — a value one character longer is refused and
// nothing is stored — and captchas, QQ login starts and idempotency records expire and are deleted.
class TestServerContractLimits : public QObject
{
    Q_OBJECT

private:
    struct Limited
    {
        QString path;      // "/oauth/qq/start"
        QString method;    // "get"
        QString name;      // "redirect_uri"
        QString in;        // query | path | header
        int maxLength = 0;
    };

    // The parameters of docs/openapi.yaml with a maxLength: inline ones under each operation, and the shared ones
    // under components/parameters where an operation refers to them.
    static QList<Limited> readContract()
    {
        QFile file(QStringLiteral(NCRE_SOURCE_DIR "/docs/openapi.yaml"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        static const QRegularExpression pathLine(QStringLiteral("^  (/[^:]*):\\s*$"));
        static const QRegularExpression methodLine(QStringLiteral("^    (get|put|post|delete):\\s*$"));
        static const QRegularExpression nameLine(QStringLiteral("^\\s+- name: (\\S+)"));
        static const QRegularExpression inLine(QStringLiteral("^\\s+in: (\\w+)"));
        static const QRegularExpression maxLine(QStringLiteral("maxLength: (\\d+)"));
        static const QRegularExpression refLine(QStringLiteral("\\$ref: \"#/components/parameters/(\\w+)\""));
        static const QRegularExpression componentLine(QStringLiteral("^    (\\w+):\\s*$"));
        static const QRegularExpression componentName(QStringLiteral("^      name: (\\S+)"));
        // Shared parameters first.
        QHash<QString, Limited> shared;
        bool inComponents = false;
        QString component;
        for (const QString &line : lines) {
            if (line == QLatin1String("  parameters:"))
                inComponents = true;
            else if (inComponents && !line.startsWith(QLatin1String("    ")) && !line.trimmed().isEmpty())
                inComponents = false;
            if (!inComponents)
                continue;
            if (const auto m = componentLine.match(line); m.hasMatch())
                component = m.captured(1);
            else if (const auto m = componentName.match(line); m.hasMatch())
                shared[component].name = m.captured(1);
            else if (const auto m = inLine.match(line); m.hasMatch())
                shared[component].in = m.captured(1);
            if (const auto m = maxLine.match(line); m.hasMatch() && line.contains(QLatin1String("schema")))
                shared[component].maxLength = m.captured(1).toInt();
        }
        QList<Limited> found;
        QString path, method;
        Limited current;
        auto flush = [&]() {
            if (!current.name.isEmpty() && current.maxLength > 0)
                found << current;
            current = Limited();
        };
        for (const QString &line : lines) {
            if (const auto m = pathLine.match(line); m.hasMatch()) {
                flush();
                path = m.captured(1);
                method.clear();
            } else if (const auto m = methodLine.match(line); m.hasMatch()) {
                flush();
                method = m.captured(1);
            } else if (path.isEmpty() || method.isEmpty()) {
                continue;
            } else if (const auto m = nameLine.match(line); m.hasMatch()) {
                flush();
                current.path = path;
                current.method = method;
                current.name = m.captured(1);
            } else if (const auto m = refLine.match(line); m.hasMatch()) {
                flush();
                const Limited s = shared.value(m.captured(1));
                if (s.maxLength > 0)
                    found << Limited{path, method, s.name, s.in, s.maxLength};
            } else if (const auto m = inLine.match(line); m.hasMatch() && !current.name.isEmpty()) {
                current.in = m.captured(1);
            } else if (const auto m = maxLine.match(line); m.hasMatch() && !current.name.isEmpty()
                                                             && line.contains(QLatin1String("schema"))) {
                current.maxLength = m.captured(1).toInt();
            } else if (line.startsWith(QLatin1String("      responses:")) || line.startsWith(QLatin1String("      requestBody:"))) {
                flush();
            }
        }
        flush();
        return found;
    }

    static QJsonObject stats(TestHttp &hooks) { return hooks.get("/api/v1/test-hooks/stats").json(); }

private slots:
    void testEveryContractLengthIsEnforced()
    {
        const QList<Limited> limits = readContract();
        QVERIFY2(limits.size() >= 10, qPrintable(QStringLiteral("only %1 limited parameters read").arg(limits.size())));
        ServerProcess server;
        QVERIFY(server.waitReady());
        TestHttp hooks(server);
        TestHttp http(server);
        http.setDirect(true); // the point is the server's own checks, not Prism's
        http.setToken(http.registerAndLogIn("limits.user"));
        const QJsonObject before = stats(hooks);
        int checked = 0;
        for (const Limited &l : limits) {
            if (l.in != QLatin1String("query") && l.in != QLatin1String("path") && l.in != QLatin1String("header"))
                continue;
            const QString tooLong(l.maxLength + 1, QLatin1Char('a'));
            QString path = QStringLiteral("/api/v1") + l.path;
            QList<QPair<QByteArray, QByteArray>> headers;
            if (l.in == QLatin1String("path")) {
                path.replace(QStringLiteral("{") + l.name + QStringLiteral("}"), tooLong);
            } else if (l.in == QLatin1String("query") && l.path == QLatin1String("/oauth/qq/start")) {
                // Everything else valid, and the value under test well-formed but one character too long: only its
                // length can refuse it.
                QMap<QString, QString> q{{"redirect_uri", "http://127.0.0.1:5000/cb"},
                                         {"state", "state-of-the-client-0"},
                                         {"code_challenge", QString(43, QLatin1Char('A'))},
                                         {"code_challenge_method", "S256"}};
                q[l.name] = l.name == QLatin1String("redirect_uri")
                    ? QStringLiteral("http://127.0.0.1:5000/") + QString(l.maxLength + 1 - 22, QLatin1Char('a'))
                    : tooLong;
                QStringList items;
                for (auto it = q.cbegin(); it != q.cend(); ++it)
                    items << it.key() + '=' + QString::fromLatin1(QUrl::toPercentEncoding(it.value()));
                path += '?' + items.join('&');
            } else if (l.in == QLatin1String("query")) {
                path += QStringLiteral("?%1=%2").arg(l.name, tooLong);
            } else {
                headers.append({l.name.toLatin1(), tooLong.toLatin1()});
            }
            path.replace(QRegularExpression(QStringLiteral("\\{\\w+\\}")), QStringLiteral("x"));
            const QByteArray verb = l.method.toUpper().toLatin1();
            const HttpResult r = http.send(verb, path, verb == "GET" || verb == "DELETE" ? QByteArray() : QByteArray("{}"),
                                           "application/json", headers);
            const bool refused = r.status >= 400 || (l.in == QLatin1String("header") && r.status == 200);
            QVERIFY2(refused && r.status < 500,
                     qPrintable(QStringLiteral("%1 %2 with %3 (%4) of %5 characters: %6 %7")
                                    .arg(QString::fromLatin1(verb), l.path, l.name, l.in)
                                    .arg(l.maxLength + 1)
                                    .arg(r.status)
                                    .arg(QString::fromUtf8(r.body.left(200)))));
            ++checked;
        }
        QVERIFY(checked >= 10);
        const QJsonObject after = stats(hooks);
        for (const char *table : {"qqFlows", "idempotency", "registrations", "orders"})
            QVERIFY2(after.value(table).toInt() == before.value(table).toInt(), table);
    }

    // Formats the contract gives: an Idempotency-Key of other characters, a QQ redirect that already carries a code
    // or state; both refused, nothing stored.
    void testContractFormats()
    {
        ServerProcess server;
        QVERIFY(server.waitReady());
        TestHttp hooks(server);
        TestHttp http(server);
        http.setDirect(true);
        const HttpResult key = http.send("POST", "/api/v1/accounts", "{}", "application/json",
                                         {{"Idempotency-Key", "not a key: spaces & signs!"}});
        QCOMPARE(key.status, 400);
        const int flows = hooks.get("/api/v1/test-hooks/stats").json().value("qqFlows").toInt();
        const QString challenge(43, QLatin1Char('A'));
        for (const char *redirect : {"http://127.0.0.1:5000/cb?code=planted", "http://127.0.0.1:5000/cb?state=planted"}) {
            const HttpResult r = http.get(QStringLiteral("/api/v1/oauth/qq/start?redirect_uri=%1&state=state-of-the-client-0"
                                                         "&code_challenge=%2&code_challenge_method=S256")
                                              .arg(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(redirect))), challenge));
            QCOMPARE(r.status, 400);
        }
        QCOMPARE(hooks.get("/api/v1/test-hooks/stats").json().value("qqFlows").toInt(), flows);
    }

    // Captchas, QQ login starts and sessions that lapsed are deleted, not kept for ever.
    void testExpiredAnonymousDataIsDeleted()
    {
        ServerProcess server;
        QVERIFY(server.waitReady());
        TestHttp hooks(server);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(hooks.send("POST", "/api/v1/captcha").status, 201);
        const QString challenge(43, QLatin1Char('A'));
        for (int i = 0; i < 10; ++i)
            hooks.get(QStringLiteral("/api/v1/oauth/qq/start?redirect_uri=http://127.0.0.1:5000/cb&state=state-of-the-client-%1"
                                     "&code_challenge=%2&code_challenge_method=S256")
                          .arg(i)
                          .arg(challenge));
        const QJsonObject full = stats(hooks);
        QVERIFY(full.value("captchas").toInt() >= 30);
        QVERIFY(full.value("qqFlows").toInt() >= 10);
        QCOMPARE(hooks.post("/api/v1/test-hooks/clock", {{"advanceSeconds", 3600}}).status, 200);
        const QJsonObject swept = stats(hooks);
        QCOMPARE(swept.value("captchas").toInt(), 0);
        QCOMPARE(swept.value("qqFlows").toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerContractLimits)
#include "TestServerContractLimits.moc"
