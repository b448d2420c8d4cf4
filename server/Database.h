#pragma once

#include "Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <unordered_map>

#include <utility>

namespace ncre::server {

// The server's SQLite file (WAL), through QtSql. Every statement goes through run(); a failed statement is logged
// with its SQL (never its values, which may be personal data) and reported as server.internal.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) and migrates the schema. ":memory:" for a throw-away database.
    Result<void> open(const QString &path);

    // Prepares, binds positionally and executes. On failure the query is inactive and lastError() says why.
    QSqlQuery run(const QString &sql, const QVariantList &binds = {});
    bool ok(const QSqlQuery &query) const { return query.isActive() || query.lastError().type() == QSqlError::NoError; }
    // The first row of a hot read-only query (the bearer-token lookup of every request), from a statement prepared
    // once and finished right after, so nothing stays active across a COMMIT. Empty: no row (or a failure, logged).
    QVariantList firstRowCached(const QString &sql, const QVariantList &binds);
    // The single value of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &binds = {});
    // The rows in `table` (a name of this schema, never user input).
    qint64 rowCount(const QString &table);

    // Transactions nest: the outermost is BEGIN IMMEDIATE ... COMMIT, inner ones are savepoints, so a request's
    // writes (HttpServer wraps each) and a route's own Transaction compose; a rollback undoes its level only.
    bool begin();
    bool commit();
    void rollback();

    // A statement failed for want of storage since the last call (SQLITE_FULL, IOERR, READONLY, CANTOPEN, CORRUPT,
    // NOTADB, BUSY/LOCKED past the busy timeout): the request is answered 503 server.storage, never with another
    // error's code and never as a success (issue 14). Resets the flag.
    bool takeStorageFailure() { return std::exchange(m_storageFailed, false); }
    // Whether a statement of this request failed for want of storage (HttpServer answers 503 server.storage).
    bool storageFailed() const { return m_storageFailed; }
    // Test hooks: at most this many pages in the file (PRAGMA max_page_count), 0 to lift it: a disk that is full.
    void limitPages(int pages);

    QString connectionName() const { return m_name; }

private:
    Result<void> migrate();
    void noteFailure(const QSqlError &error);

    QString m_name;
    QSqlDatabase m_db;
    struct Prepared
    {
        QSqlQuery query;
        int columns; // known after the first row; -1 before
    };
    std::unordered_map<QString, Prepared> m_prepared; // QSqlQuery moves, it does not copy

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
