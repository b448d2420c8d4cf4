#pragma once

#include "Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

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

    bool begin();
    bool commit();
    void rollback();

    QString connectionName() const { return m_name; }

private:
    Result<void> migrate();

    QString m_name;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_prepared;
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
