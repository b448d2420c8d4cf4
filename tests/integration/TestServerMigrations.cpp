#include "ServerProcess.h"

#include <QTemporaryDir>
#include <QTest>

// The schema's migrations on the backend this run uses (issue 17): SQLite always, PostgreSQL under the pg label
// (NCRE_TEST_PG). From an empty database to the current version; from the previous version (8) to the current one
// with the data kept; and a database newer than the server is refused, not touched.
class TestServerMigrations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    static constexpr int kCurrent = 9;

    static bool postgres() { return qEnvironmentVariableIsSet("NCRE_TEST_PG"); }

    // Runs SQL on the database directly (sqlite3 or psql) and returns its output, trimmed.
    static QByteArray sql(const QString &database, const QString &statements)
    {
        QProcess p;
        if (postgres()) {
            const QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
            p.start(QStringLiteral("psql"), {"-h", url.host(), "-p", QString::number(url.port(5432)), "-U", url.userName(),
                                             "-d", database, "-v", "ON_ERROR_STOP=1", "-tA", "-c", statements});
        } else {
            p.start(QStringLiteral("sqlite3"), {database, statements});
        }
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning("sql failed: %s", p.readAllStandardError().constData());
            return "failed";
        }
        return p.readAllStandardOutput().trimmed();
    }

    static QByteArray version(const QString &database)
    {
        return sql(database, postgres() ? QStringLiteral("SELECT MAX(version) FROM ncre_schema")
                                        : QStringLiteral("PRAGMA user_version"));
    }

    // The first server: on a fresh PostgreSQL database of its own (dropped with it), or on a new SQLite file. Its
    // database's name for sql() and the --db argument for the servers after it.
    struct First
    {
        std::unique_ptr<ServerProcess> server;
        QString database;
        QString location;
    };
    First firstServer(const QString &name)
    {
        First f;
        if (postgres()) {
            f.server = std::make_unique<ServerProcess>();
            f.database = f.server->postgresDatabase();
            QUrl url(qEnvironmentVariable("NCRE_TEST_PG"));
            url.setPath(QLatin1Char('/') + f.database);
            f.location = url.toString();
        } else {
            f.database = m_dir.filePath(name);
            f.location = f.database;
            f.server = std::make_unique<ServerProcess>(QStringList{"--db", f.location});
        }
        return f;
    }

private slots:
    void testFromEmptyToCurrent()
    {
        First first = firstServer(QStringLiteral("empty.sqlite"));
        QVERIFY2(first.server->waitReady(), first.server->stderrText().constData());
        QCOMPARE(version(first.database), QByteArray::number(kCurrent));
        QCOMPARE(sql(first.database, QStringLiteral("SELECT COUNT(*) FROM server_secrets")), QByteArray("1"));
    }

    // A database as version 8 left it, with an account in it: the server brings it to the current version and the
    // account still logs in.
    void testFromThePreviousVersion()
    {
        First first = firstServer(QStringLiteral("previous.sqlite"));
        QVERIFY2(first.server->waitReady(), first.server->stderrText().constData());
        {
            TestHttp http(*first.server);
            QVERIFY(!http.registerAndLogIn("migrator").isEmpty());
        }
        first.server->process().kill();
        first.server->process().waitForFinished(5000);
        // Back to version 8: what migration 9 added is taken away again.
        const QByteArray undone = sql(first.database,
                                      postgres() ? QStringLiteral("DROP TABLE server_secrets; ALTER TABLE orders DROP "
                                                                  "COLUMN seq; UPDATE ncre_schema SET version = 8")
                                                 : QStringLiteral("DROP TABLE server_secrets; PRAGMA user_version = 8"));
        QVERIFY(undone != "failed");
        QCOMPARE(version(first.database), QByteArray("8"));

        ServerProcess again(QStringList{"--db", first.location});
        QVERIFY2(again.waitReady(), again.stderrText().constData());
        QCOMPARE(version(first.database), QByteArray::number(kCurrent));
        TestHttp http(again);
        const QString token = http.logIn("migrator", "Secret-pass-1");
        QVERIFY(!token.isEmpty());
        // And it works as a fresh one does: a registration is made and read back.
        http.setToken(token);
        const QString agreement = http.get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", agreement}}).status, 200);
        QCOMPARE(http.get("/api/v1/registrations/current").status, 200);
    }

    // A database a newer ncre-server migrated: this one stops with the reason and changes nothing.
    void testNewerSchemaIsRefused()
    {
        First first = firstServer(QStringLiteral("newer.sqlite"));
        QVERIFY2(first.server->waitReady(), first.server->stderrText().constData());
        first.server->process().kill();
        first.server->process().waitForFinished(5000);
        QVERIFY(sql(first.database, postgres() ? QStringLiteral("UPDATE ncre_schema SET version = 99")
                                               : QStringLiteral("PRAGMA user_version = 99"))
                != "failed");
        ServerProcess newer(QStringList{"--db", first.location});
        QVERIFY(!newer.waitReady());
        QVERIFY(newer.process().state() == QProcess::NotRunning || newer.process().waitForFinished(15000));
        QVERIFY(newer.process().exitCode() != 0);
        QVERIFY2(newer.stderrText().contains("newer than this ncre-server"), newer.stderrText().constData());
        QCOMPARE(version(first.database), QByteArray("99"));
    }
};

QTEST_GUILESS_MAIN(TestServerMigrations)
#include "TestServerMigrations.moc"
