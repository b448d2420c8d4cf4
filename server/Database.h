#pragma once

#include "Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUrl>
#include <QVariantList>

#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace ncre::server {

// The server's database, through QtSql: an SQLite file (WAL; the embedded default) or a PostgreSQL database
// (QPSQL, for several instances behind a load balancer, issue 17). The stores write one SQL for both; what differs
// between the two (schema types, transaction start, row identity, error classes) is here and nowhere else. Every
// statement goes through run(); a failed statement is logged with its SQL (never its values, which may be personal
// data) and reported as server.internal.
class Database
{
public:
    enum class Backend { SQLite, PostgreSQL };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens and migrates the schema. `location` is an SQLite file path (created if needed), ":memory:" for a
    // throw-away database, or postgresql://USER@HOST[:PORT]/DB[?sslmode=...&connect_timeout=...] (also postgres://).
    // A PostgreSQL password is never taken from the URL (it would show in the process list): libpq reads it from
    // PGPASSWORD or the password file (PGPASSFILE, default ~/.pgpass). Errors: server.internal with what to fix.
    Result<void> open(const QString &location);
    Backend backend() const { return m_backend; }
    // The database answers a statement now (the readiness check, GET /api/v1/ready). A lost connection is noted
    // (and opened again on the next statement).
    bool answers();

    // Prepares, binds positionally and executes. On failure the query is inactive and lastError() says why.
    QSqlQuery run(const QString &sql, const QVariantList &binds = {});
    bool ok(const QSqlQuery &query) const { return query.isActive() || query.lastError().type() == QSqlError::NoError; }
    // The first row of a hot read-only query (the bearer-token lookup of every request), from a statement prepared
    // once and finished right after, so nothing stays active across a COMMIT. Empty: no row (or a failure, logged).
    // Values as run() gives them: integers as qlonglong, text as QString, blobs as QByteArray, reals as double,
    // NULL as a null QVariant. Binds: null, bool, integers, double, QString, QByteArray.
    // On SQLite the statement is stepped with SQLite's own C API on QtSql's connection (same transaction): QtSql's
    // SQLite driver builds the result's column record again on every exec (names, table names and declared types,
    // each converted to UTF-16), which cost an unchanged poll (304) more than the lookup itself (issue 17,
    // docs/benchmarks.md). Used only when QtSql's driver runs on this process's libsqlite3 (checked at open).
    QVariantList firstRowCached(const QString &sql, const QVariantList &binds);
    // Whether firstRowCached() takes the SQLite C API path (for tests).
    bool firstRowsDirect() const { return m_sqlite != nullptr; }
    // The single value of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &binds = {});
    // The rows in `table` (a name of this schema, never user input).
    qint64 rowCount(const QString &table);

    // Runs a statement that may fail on purpose (a UNIQUE constraint deciding a race) inside a savepoint, so that its
    // failure leaves the enclosing transaction usable: PostgreSQL aborts a whole transaction on any error. Outside a
    // transaction the savepoint is a transaction of its own. True when the statement ran and its level committed.
    bool attempt(const QString &sql, const QVariantList &binds = {});

    // Transactions nest: the outermost is BEGIN IMMEDIATE (SQLite: the write lock at once) or BEGIN ISOLATION LEVEL
    // SERIALIZABLE (PostgreSQL: any interleaving of instances is refused as a conflict) ... COMMIT, inner ones are
    // savepoints, so a request's writes (HttpServer wraps each) and a route's own Transaction compose; a rollback
    // undoes its level only.
    bool begin();
    bool commit();
    void rollback();
    int depth() const { return m_depth; }

    // A statement or COMMIT was refused because another instance's transaction conflicted with this one (PostgreSQL
    // SQLSTATE 40001 serialization_failure, 40P01 deadlock_detected) since the last call: the whole request may be
    // run again from the start, or answered 503 with Retry-After. Never set on SQLite. Resets the flag.
    bool takeConflict() { return std::exchange(m_conflict, false); }

    // The connection to the database was lost by a statement since the last call (PostgreSQL restarted, a network
    // cut): nothing of the statement's transaction was committed, and the next statement outside a transaction
    // opens a new connection, so a request that found it lost may run again. Resets the flag.
    bool takeLostConnection() { return std::exchange(m_lostInRequest, false); }
    // The connection is known lost and not yet opened again (the next statement outside a transaction does).
    bool connectionLost() const { return m_connectionLost; }
    // Runs `work` while no other instance runs its own setup: on PostgreSQL under a session advisory lock (the one
    // the migrations take), so that instances started together on an empty database seed it once. SQLite: as is.
    Result<void> underSetupLock(const std::function<Result<void>()> &work);
    // A database location for messages: no password (in the user part) and no option values.
    static QString shownLocation(const QString &location);

    // The SQL that differs between the backends, for the few statements that need it.
    // Insertion order of `orders` rows (SQLite's rowid; PostgreSQL's seq identity column, migration 9).
    QString orderInsertionColumn() const;
    // A physical row locator for batched deletes from tables without a key (rowid; ctid).
    QString rowLocator() const;

    // A statement failed for want of storage since the last call (SQLITE_FULL, IOERR, READONLY, CANTOPEN, CORRUPT,
    // NOTADB, BUSY/LOCKED past the busy timeout): the request is answered 503 server.storage, never with another
    // error's code and never as a success (issue 14). Resets the flag.
    bool takeStorageFailure() { return std::exchange(m_storageFailed, false); }
    // Whether a statement of this request failed for want of storage (HttpServer answers 503 server.storage).
    bool storageFailed() const { return m_storageFailed; }
    // Test hooks: at most this many pages in the file (PRAGMA max_page_count), 0 to lift it: a disk that is full.
    // SQLite only; false on PostgreSQL.
    bool limitPages(int pages);

    QString connectionName() const { return m_name; }

private:
    Result<void> openSqlite(const QString &path);
    Result<void> openPostgresql(const QString &location);
    Result<void> migrate();
    Result<void> migrateLocked();
    void configureSession();
    int schemaVersion();
    void noteFailure(const QSqlError &error);
    void reconnectIfLost();

    QString m_name;
    Backend m_backend = Backend::SQLite;
    bool m_conflict = false;
    bool m_connectionLost = false;
    bool m_lostInRequest = false; // takeLostConnection()
    bool m_timeoutsSet = false;   // PostgreSQL: statement and lock timeouts apply (after the migrations)
    int m_abortedDepth = 0; // PostgreSQL: the transaction level at which a statement failed (0: none)
    QSqlDatabase m_db;
    struct Prepared
    {
        QSqlQuery query;
        int columns; // known after the first row; -1 before
    };
    std::unordered_map<QString, Prepared> m_prepared; // QSqlQuery moves, it does not copy
    struct FinalizeStatement
    {
        void operator()(sqlite3_stmt *statement) const;
    };
    using SqliteStatement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;
    sqlite3 *m_sqlite = nullptr; // QtSql's SQLite connection, when firstRowCached() may step statements itself
    std::unordered_map<QString, SqliteStatement> m_sqliteRows; // firstRowCached()'s statements on m_sqlite
    QVariantList firstRowSqlite(const QString &sql, const QVariantList &binds);
    void dropPrepared();
    void useSqliteHandle();
    std::unordered_map<QString, QSqlQuery> m_statements; // run()'s prepared statements, by their SQL
    void finishStatements();

    int m_depth = 0;
    bool m_storageFailed = false;
};

// Rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(Database &db)
        : m_db(db)
        , m_open(db.begin())
    {
    }
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    bool isOpen() const { return m_open; }
    bool commit()
    {
        m_open = false;
        return m_db.commit();
    }

private:
    Database &m_db;
    bool m_open;
};

} // namespace ncre::server
