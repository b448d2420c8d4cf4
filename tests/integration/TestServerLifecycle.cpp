#include "ServerProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

// ncre-server as an operator runs it (issue 15, from a new user's trial of the packages): `systemctl stop` (SIGTERM)
// ends it cleanly with exit 0; the reasons it cannot start name what is wrong — the database file and why, the port
// and why; a wrong argument gives that one line, not the whole help; the shipped configuration's documented
// defaults can be uncommented as they are.
class TestServerLifecycle : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(NCRE_SERVER_BINARY), args);
        p.waitForFinished(30000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private slots:
    void testStopsCleanlyOnSigterm_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addRow("SIGTERM") << SIGTERM;
        QTest::addRow("SIGINT") << SIGINT;
    }
    void testStopsCleanlyOnSigterm()
    {
        QFETCH(int, signal);
        QProcess p;
        p.start(QStringLiteral(NCRE_SERVER_BINARY), {"--listen", "127.0.0.1:0", "--db", m_dir.filePath("stop.sqlite")});
        QSignalSpy ready(&p, &QProcess::readyReadStandardOutput);
        QByteArray out;
        while (!out.contains("listening on")) {
            QVERIFY2(ready.wait(20000), out.constData());
            out += p.readAllStandardOutput();
        }
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("ncre-server stopped"));
    }

    // A PostgreSQL URL that cannot be used says why before anything connects: a password in it (the command line is
    // readable by every user of the machine), no user or database, an option libpq is not given, no server there.
    void testPostgresqlUrlsItRefuses_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::addRow("password in the URL") << "postgresql://ncre:secret@127.0.0.1:5432/ncre" << "password must not be in the URL";
        QTest::addRow("no user") << "postgresql://127.0.0.1:5432/ncre" << "expected postgresql://USER@HOST";
        QTest::addRow("no database") << "postgresql://ncre@127.0.0.1:5432/" << "expected postgresql://USER@HOST";
        QTest::addRow("unknown option") << "postgresql://ncre@127.0.0.1:5432/ncre?host=evil" << "unknown option host";
        QTest::addRow("nobody listening") << "postgresql://ncre@127.0.0.1:1/ncre" << "cannot connect to the database";
        QTest::addRow("password as an option") << "postgresql://ncre@127.0.0.1:5432/ncre?password=secret"
                                               << "no password in the URL, not even as password";
        QTest::addRow("TLS key password as an option") << "postgresql://ncre@127.0.0.1:5432/ncre?sslpassword=secret"
                                                       << "not even as sslpassword";
        QTest::addRow("password with an @, not a URL") << "postgresql://ncre:se@cret@127.0.0.1:5432/ncre"
                                                       << "postgresql://ncre:…@";
        QTest::addRow("upper-case scheme") << "POSTGRESQL://ncre:secret@127.0.0.1:5432/ncre" << "password must not be in the URL";
        QTest::addRow("fragment") << "postgresql://ncre@127.0.0.1:5432/ncre#secret" << "expected postgresql://USER@HOST";
        QTest::addRow("option value not repeated") << "postgresql://ncre@127.0.0.1:5432/ncre?options=secret"
                                                   << "?options=…: unknown option options";
    }
    void testPostgresqlUrlsItRefuses()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        const Run r = run({"--listen", "127.0.0.1:0", "--db", url});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(why.toUtf8()), r.err.constData());
        QVERIFY2(!r.err.contains("secret") && !r.err.contains("cret"), r.err.constData()); // no secret is repeated
    }

    void testReasonsItCannotStart()
    {
        const Run noFolder = run({"--listen", "127.0.0.1:0", "--db", "/nonexistent/folder/ncre.sqlite"});
        QCOMPARE(noFolder.code, 1);
        QVERIFY2(noFolder.err.contains("/nonexistent/folder/ncre.sqlite") && noFolder.err.contains("folder"), noFolder.err.constData());

        const QString notDb = m_dir.filePath("passwd");
        QFile f(notDb);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const Run wrongFile = run({"--listen", "127.0.0.1:0", "--db", notDb});
        QCOMPARE(wrongFile.code, 1);
        QVERIFY2(wrongFile.err.contains(notDb.toUtf8()) && wrongFile.err.contains("ncre-server database"), wrongFile.err.constData());

        // A file this user may only read: SQLite would open it read-only and every write would fail.
        const QString readOnly = m_dir.filePath("read-only.sqlite");
        {
            ServerProcess migrated({QStringLiteral("--db"), readOnly}); // a whole ncre-server database, then stopped
            QVERIFY(migrated.waitReady());
        }
        {
            // Permissions bind everyone but root (CI runs as root): there the server runs as nobody, on a copy
            // nobody owns, in a folder nobody may write.
            const bool root = ::geteuid() == 0;
            QTemporaryDir folder;
            QVERIFY(folder.isValid());
            const QString file = folder.filePath("ncre.sqlite");
            QVERIFY(QFile::copy(readOnly, file));
            QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
            QStringList command = {QStringLiteral(NCRE_SERVER_BINARY), "--listen", "127.0.0.1:0", "--db", file};
            if (root) {
                const passwd *nobody = ::getpwnam("nobody");
                QVERIFY(nobody);
                QVERIFY(::chown(qPrintable(file), nobody->pw_uid, nobody->pw_gid) == 0);
                QVERIFY(::chmod(qPrintable(folder.path()), 0755) == 0); // nobody may enter, not write
                command = QStringList{"runuser", "-u", "nobody", "--"} + command;
            }
            QProcess p;
            p.start(command.first(), command.mid(1));
            QVERIFY(p.waitForFinished(30000));
            const QByteArray err = p.readAllStandardError();
            QCOMPARE(p.exitCode(), 1);
            QVERIFY2(err.contains("is read-only for this user"), err.constData());
        }

        // Another program's SQLite database is not taken over (found by a trial: ncre-server's tables were added
        // beside its own); a new database file is made for this user alone (it will hold ID numbers).
        const QString foreign = m_dir.filePath("foreign.sqlite");
        {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"), {foreign, "CREATE TABLE t (x INTEGER);"});
            QVERIFY(sqlite.waitForFinished(10000) && sqlite.exitCode() == 0);
        }
        const Run other = run({"--listen", "127.0.0.1:0", "--db", foreign});
        QCOMPARE(other.code, 1);
        QVERIFY2(other.err.contains("is not an ncre-server database") && other.err.contains("(t)"), other.err.constData());
        const QString fresh = m_dir.filePath("fresh.sqlite");
        {
            ServerProcess made({QStringLiteral("--db"), fresh});
            QVERIFY(made.waitReady());
        }
        QCOMPARE(QFile::permissions(fresh) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                              | QFileDevice::WriteOther),
                 QFileDevice::Permissions());

        // libpq's keyword form is not a file name (found by a trial: a file named after it, password included).
        QDir::setCurrent(m_dir.path());
        const Run keywords = run({"--listen", "127.0.0.1:0", "--db", "host=127.0.0.1 dbname=ncre user=ncre password=secret"});
        QCOMPARE(keywords.code, 1);
        QVERIFY2(keywords.err.contains("libpq's keyword form") && !keywords.err.contains("secret"), keywords.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath("host=127.0.0.1 dbname=ncre user=ncre password=secret")));

        // An empty --db (an unset NCRE_DB in the unit's environment file) is not a throw-away database.
        const Run empty = run({"--listen", "127.0.0.1:0", "--db", ""});
        QCOMPARE(empty.code, 2);
        QVERIFY2(empty.err.contains("--db is empty"), empty.err.constData());

        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const Run inUse = run({"--listen", QStringLiteral("127.0.0.1:%1").arg(taken.serverPort())});
        QCOMPARE(inUse.code, 1);
        QVERIFY2(inUse.err.contains("in use"), inUse.err.constData());
    }

    void testUsageErrorIsOneLine()
    {
        const Run bad = run({"--listen", "nonsense"});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("--listen expects HOST:PORT"));
        QVERIFY2(!bad.err.contains("Options:"), bad.err.constData()); // not followed by the whole help
    }

    // Every commented default of the shipped configuration, uncommented, starts the server.
    void testShippedDefaultsUncommented()
    {
        QFile shipped(QStringLiteral(NCRE_SOURCE_DIR "/packaging/linux/ncre-server.ini"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QByteArray ini;
        for (const QByteArray &line : shipped.readAll().split('\n')) {
            // "; key=value" lines are defaults; other comments stay comments. URLs and files name the reader's own.
            static const QRegularExpression setting(QStringLiteral("^; ?([A-Za-z]+=\\S*)$"));
            const auto m = setting.match(QString::fromUtf8(line));
            if (m.hasMatch() && !line.contains("http") && !line.contains("File") && !line.contains("appId"))
                ini += m.captured(1).toUtf8() + '\n';
            else
                ini += line + '\n';
        }
        QFile out(m_dir.filePath("defaults.ini"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(ini);
        out.close();
        QProcess p;
        p.start(QStringLiteral(NCRE_SERVER_BINARY), {"--listen", "127.0.0.1:0", "--config", out.fileName()});
        QSignalSpy ready(&p, &QProcess::readyReadStandardOutput);
        QByteArray got;
        while (!got.contains("listening on")) {
            QVERIFY2(p.state() == QProcess::Running || p.waitForStarted(), "");
            if (!ready.wait(20000))
                QFAIL(qPrintable(QString::fromUtf8(p.readAllStandardError()) + QString::fromUtf8(ini)));
            got += p.readAllStandardOutput();
        }
        p.terminate();
        QVERIFY(p.waitForFinished(20000));
    }
};

QTEST_GUILESS_MAIN(TestServerLifecycle)
#include "TestServerLifecycle.moc"
