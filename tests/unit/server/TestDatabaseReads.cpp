#include "Database.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using ncre::server::Database;

// Database::firstRowCached(), the read every request makes (the bearer-token lookup) and every unchanged poll makes
// (the registration's ETag): on SQLite it steps the statement with SQLite's C API instead of QtSql (issue 17, the
// 304 polls). Whatever the path, it must answer exactly what QtSql answers for the same statement, leave no
// statement active (a read left open would pin the WAL and hold a snapshot across COMMIT), see the same
// transaction, and report a failure as QtSql's path does.
class TestDatabaseReads : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

    static int activeStatements(Database &db)
    {
        const QVariant handle = QSqlDatabase::database(db.connectionName(), false).driver()->handle();
        sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
        int busy = 0;
        for (sqlite3_stmt *s = sqlite3_next_stmt(connection, nullptr); s; s = sqlite3_next_stmt(connection, s))
            busy += sqlite3_stmt_busy(s) ? 1 : 0;
        return busy;
    }

    // The first row of `sql` as QtSql gives it.
    QVariantList viaQtSql(const QString &sql, const QVariantList &binds)
    {
        QSqlQuery q = m_db->run(sql, binds);
        QVariantList row;
        if (q.isActive() && q.next())
            for (int c = 0; c < q.record().count(); ++c)
                row.append(q.value(c));
        q.finish();
        return row;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<Database>();
        QVERIFY(m_db->open(m_dir.filePath(QStringLiteral("reads.sqlite"))).ok());
        // Debian's Qt runs on the system SQLite, so the direct path is taken here (and is what this test is about).
        QVERIFY(m_db->firstRowsDirect());
        QVERIFY(m_db->ok(m_db->run(QStringLiteral("CREATE TABLE kinds (id INTEGER PRIMARY KEY, n INTEGER, r REAL, "
                                                  "t TEXT, b BLOB, z TEXT)"))));
        QVERIFY(m_db->ok(m_db->run(QStringLiteral("INSERT INTO kinds (id, n, r, t, b, z) VALUES (?, ?, ?, ?, ?, NULL)"),
                                   {1, qlonglong(1) << 53, 2.5, QStringLiteral("张伟 O'Brien \u00e9"),
                                    QByteArray("\x00\xff\x10", 3)})));
        QVERIFY(m_db->ok(m_db->run(QStringLiteral("INSERT INTO kinds (id, n, r, t, b, z) VALUES (?, ?, ?, ?, ?, ?)"),
                                   {2, -7, -0.0, QString(), QByteArray(), QStringLiteral("x")})));
    }

    void testSameAnswersAsQtSql_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariantList>("binds");
        QTest::newRow("every type") << "SELECT id, n, r, t, b, z FROM kinds WHERE id = ?" << QVariantList{1};
        QTest::newRow("negatives, empty text and blob")
            << "SELECT id, n, r, t, b, z FROM kinds WHERE id = ?" << QVariantList{2};
        QTest::newRow("by text") << "SELECT id FROM kinds WHERE t = ?" << QVariantList{QStringLiteral("张伟 O'Brien \u00e9")};
        QTest::newRow("by blob") << "SELECT id FROM kinds WHERE b = ?" << QVariantList{QByteArray("\x00\xff\x10", 3)};
        QTest::newRow("by bool") << "SELECT id FROM kinds WHERE id = ?" << QVariantList{true};
        QTest::newRow("by 64-bit") << "SELECT id FROM kinds WHERE n = ?" << QVariantList{qlonglong(1) << 53};
        QTest::newRow("by double") << "SELECT id FROM kinds WHERE r = ?" << QVariantList{2.5};
        QTest::newRow("null bind") << "SELECT COUNT(*) FROM kinds WHERE z IS ?" << QVariantList{QVariant()};
        QTest::newRow("no row") << "SELECT id FROM kinds WHERE id = ?" << QVariantList{99};
        QTest::newRow("expression") << "SELECT ? || '-' || 3, 1.0 / 4" << QVariantList{QStringLiteral("v")};
    }
    void testSameAnswersAsQtSql()
    {
        QFETCH(QString, sql);
        QFETCH(QVariantList, binds);
        const QVariantList expected = viaQtSql(sql, binds);
        // Twice: the second run reuses the prepared statement with its bindings cleared and set again.
        for (int round = 0; round < 2; ++round) {
            const QVariantList direct = m_db->firstRowCached(sql, binds);
            QCOMPARE(direct.size(), expected.size());
            for (int c = 0; c < expected.size(); ++c) {
                QCOMPARE(direct.at(c).isNull(), expected.at(c).isNull());
                if (!expected.at(c).isNull())
                    QCOMPARE(direct.at(c), expected.at(c));
            }
            QCOMPARE(activeStatements(*m_db), 0);
        }
    }

    // The direct statement runs on QtSql's connection: it sees the open transaction's own writes, and not those
    // rolled back.
    void testSeesTheTransaction()
    {
        const QString sql = QStringLiteral("SELECT t FROM kinds WHERE id = ?");
        QVERIFY(m_db->begin());
        QVERIFY(m_db->ok(m_db->run(QStringLiteral("INSERT INTO kinds (id, t) VALUES (?, ?)"), {3, QStringLiteral("in tx")})));
        QCOMPARE(m_db->firstRowCached(sql, {3}).value(0).toString(), QStringLiteral("in tx"));
        m_db->rollback();
        QVERIFY(m_db->firstRowCached(sql, {3}).isEmpty());
        QCOMPARE(activeStatements(*m_db), 0);
    }

    // Another connection's commit is seen by the next read: no snapshot is held between reads.
    void testSeesOtherConnectionsCommits()
    {
        Database other;
        QVERIFY(other.open(m_dir.filePath(QStringLiteral("reads.sqlite"))).ok());
        const QString sql = QStringLiteral("SELECT t FROM kinds WHERE id = ?");
        QVERIFY(m_db->firstRowCached(sql, {4}).isEmpty());
        QVERIFY(other.ok(other.run(QStringLiteral("INSERT INTO kinds (id, t) VALUES (?, ?)"), {4, QStringLiteral("other")})));
        QCOMPARE(m_db->firstRowCached(sql, {4}).value(0).toString(), QStringLiteral("other"));
    }

    // A statement SQLite refuses, or a value it cannot bind, answers no row and leaves the connection usable.
    void testFailuresAnswerNoRow()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("exec failed:.*no such table")));
        QVERIFY(m_db->firstRowCached(QStringLiteral("SELECT x FROM missing WHERE id = ?"), {1}).isEmpty());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot bind a QDateTime")));
        QVERIFY(m_db->firstRowCached(QStringLiteral("SELECT id FROM kinds WHERE id = ?"), {QDateTime::currentDateTimeUtc()})
                    .isEmpty());
        QVERIFY(!m_db->takeStorageFailure()); // a mistake in a statement is not a storage failure
        QCOMPARE(m_db->firstRowCached(QStringLiteral("SELECT id FROM kinds WHERE id = ?"), {1}).value(0).toLongLong(), 1);
        QCOMPARE(activeStatements(*m_db), 0);
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(TestDatabaseReads)
#include "TestDatabaseReads.moc"
