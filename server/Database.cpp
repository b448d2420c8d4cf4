#include "Database.h"

#include "ServerLogging.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>

namespace ncre::server {

namespace {

// Schema versions, applied in order; user_version records the last one applied.
const char *const kMigrations[] = {
    R"sql(
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('candidate', 'staff')),
        site_id TEXT,
        qq_number TEXT UNIQUE,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        access_hash BLOB NOT NULL UNIQUE,
        refresh_hash BLOB NOT NULL UNIQUE,
        access_expires INTEGER NOT NULL,
        refresh_expires INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE captchas (
        id TEXT PRIMARY KEY,
        answer TEXT NOT NULL,
        expires INTEGER NOT NULL
    );
    CREATE TABLE exams (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        exam_id TEXT NOT NULL REFERENCES exams(id),
        review_required INTEGER NOT NULL,
        json TEXT NOT NULL
    );
    CREATE TABLE subjects (
        site_id TEXT NOT NULL REFERENCES sites(id),
        id TEXT NOT NULL,
        fee_fen INTEGER NOT NULL,
        seats_total INTEGER NOT NULL,
        seats_left INTEGER NOT NULL CHECK (seats_left >= 0 AND seats_left <= seats_total),
        json TEXT NOT NULL,
        PRIMARY KEY (site_id, id)
    );
    CREATE TABLE bulletins (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        json TEXT NOT NULL
    );
    CREATE TABLE registrations (
        id TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL UNIQUE REFERENCES accounts(id),
        exam_id TEXT NOT NULL,
        state TEXT NOT NULL,
        agreement_version TEXT NOT NULL,
        profile_json TEXT NOT NULL DEFAULT '{}',
        document_key TEXT UNIQUE,
        site_id TEXT,
        subject_ids TEXT NOT NULL DEFAULT '',
        photo BLOB,
        photo_json TEXT,
        review_json TEXT,
        payment_due INTEGER,
        version INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX registrations_state ON registrations(state, payment_due);
    CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        registration_id TEXT NOT NULL REFERENCES registrations(id),
        status TEXT NOT NULL,
        amount_fen INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        paid_at INTEGER
    );
    CREATE UNIQUE INDEX one_open_order ON orders(registration_id) WHERE status = 'open';
    CREATE TABLE payments (
        order_id TEXT PRIMARY KEY REFERENCES orders(id),
        registration_id TEXT NOT NULL UNIQUE,
        trade_no TEXT NOT NULL,
        amount_fen INTEGER NOT NULL,
        paid_at INTEGER NOT NULL
    );
    CREATE TABLE qq_flows (
        id TEXT PRIMARY KEY,
        redirect_uri TEXT NOT NULL,
        client_state TEXT NOT NULL,
        code_challenge TEXT NOT NULL,
        upstream_code TEXT,
        qq_number TEXT,
        expires INTEGER NOT NULL
    );
    CREATE TABLE qq_codes (
        code BLOB PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        code_challenge TEXT NOT NULL,
        expires INTEGER NOT NULL
    );
    CREATE TABLE documents (
        registration_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        version INTEGER NOT NULL,
        pdf BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (registration_id, kind)
    );
    CREATE TABLE idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash BLOB NOT NULL,
        status INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        body BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
    );
    )sql",
    // 2: the document numbers each account and address tried (keyed, not stored), for the enumeration guard.
    R"sql(
    CREATE TABLE document_checks (
        account_id INTEGER NOT NULL,
        address TEXT NOT NULL,
        document_tag BLOB NOT NULL,
        conflict INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX document_checks_account ON document_checks(account_id, created_at);
    CREATE INDEX document_checks_address ON document_checks(address, created_at);
    )sql",
    // 3: wrong passwords per account name and per client address, decaying, for growing delays (no hard lock).
    R"sql(
    CREATE TABLE login_throttle (
        key TEXT PRIMARY KEY,
        failures REAL NOT NULL,
        last_at INTEGER NOT NULL
    );
    )sql",
    // 4: refresh rotation remembers its successor, so a reused (stolen) refresh token ends the whole chain.
    R"sql(
    ALTER TABLE sessions ADD COLUMN replaced_by INTEGER;
    ALTER TABLE sessions ADD COLUMN rotated_at INTEGER;
    )sql",
    // 5: the QQ broker's one-time code remembers the client's redirect, which the token request must repeat.
    R"sql(
    ALTER TABLE qq_codes ADD COLUMN redirect_uri TEXT;
    )sql",
    // 6: who asked for captchas and QQ login starts (per-address caps on what strangers make the server keep);
    // which client rotated a refresh token (a reuse from another client within the grace is theft); the client
    // addresses an account logged in from (wrong passwords from elsewhere never lock the owner out at home).
    R"sql(
    ALTER TABLE captchas ADD COLUMN client TEXT NOT NULL DEFAULT '';
    CREATE INDEX captchas_client ON captchas(client, expires);
    ALTER TABLE qq_flows ADD COLUMN client TEXT NOT NULL DEFAULT '';
    CREATE INDEX qq_flows_client ON qq_flows(client, expires);
    ALTER TABLE sessions ADD COLUMN rotated_by TEXT;
    CREATE TABLE known_logins (
        user_key TEXT NOT NULL,
        client TEXT NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (user_key, client)
    );
    )sql",
    // 7: a refresh-token family (the chain of rotations from one login), ended in one statement when a token is
    // reused and pruned as it grows; indexes for the sweeps, which delete in small batches.
    R"sql(
    ALTER TABLE sessions ADD COLUMN family_id INTEGER;
    UPDATE sessions SET family_id = id WHERE family_id IS NULL;
    CREATE INDEX sessions_family ON sessions(family_id, id);
    CREATE INDEX sessions_refresh_expires ON sessions(refresh_expires);
    CREATE INDEX idempotency_created ON idempotency(created_at);
    CREATE INDEX idempotency_scope_created ON idempotency(scope, created_at);
    CREATE INDEX captchas_expires ON captchas(expires);
    CREATE INDEX qq_flows_expires ON qq_flows(expires);
    CREATE INDEX qq_codes_expires ON qq_codes(expires);
    CREATE INDEX document_checks_created ON document_checks(created_at);
    CREATE INDEX login_throttle_last ON login_throttle(last_at);
    CREATE INDEX known_logins_last ON known_logins(last_at);
    )sql",
    // 8: who decided a review and when (the staff queue shows other terminals' decisions, issue 16).
    R"sql(
    ALTER TABLE registrations ADD COLUMN decided_by TEXT;
    ALTER TABLE registrations ADD COLUMN decided_at INTEGER;
    CREATE INDEX registrations_site_decided ON registrations(site_id, decided_at);
    )sql",
};

} // namespace

Database::Database()
    : m_name(QStringLiteral("ncre-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Database::~Database()
{
    m_prepared.clear(); // the statements go before their connection
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Result<void> Database::open(const QString &path)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("cannot open the database %1 (does its folder exist, and may this user write there?): %2")
                         .arg(path, m_db.driver()->lastError().driverText()));
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        QSqlQuery q = run(QString::fromLatin1(pragma));
        if (!ok(q))
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("the database %1 cannot be used (%2): is it an ncre-server database?")
                             .arg(path, q.lastError().databaseText()));
    }
    const QVariant check = scalar(QStringLiteral("PRAGMA quick_check"));
    if (check.toString() != QLatin1String("ok"))
        return Error(ErrorCode::ServerInternal, {}, QStringLiteral("database fails quick_check"));
    return migrate();
}

Result<void> Database::migrate()
{
    const int version = scalar(QStringLiteral("PRAGMA user_version")).toInt();
    const int target = int(sizeof(kMigrations) / sizeof(kMigrations[0]));
    for (int v = version; v < target; ++v) {
        Transaction tx(*this);
        const QStringList statements = QString::fromUtf8(kMigrations[v]).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString &sql : statements) {
            if (sql.trimmed().isEmpty())
                continue;
            QSqlQuery q = run(sql);
            if (!ok(q))
                return Error(ErrorCode::ServerInternal, {}, QStringLiteral("migration %1 failed").arg(v + 1));
        }
        run(QStringLiteral("PRAGMA user_version = %1").arg(v + 1));
        if (!tx.commit())
            return Error(ErrorCode::ServerInternal, {}, QStringLiteral("migration %1 not committed").arg(v + 1));
        qCInfo(lcServerDb) << "migrated to schema version" << v + 1;
    }
    return {};
}

QSqlQuery Database::run(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql)) {
        qCWarning(lcServerDb) << "prepare failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
        return q;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        qCWarning(lcServerDb) << "exec failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
        noteFailure(q.lastError());
    }
    return q;
}

void Database::noteFailure(const QSqlError &error)
{
    // SQLite's primary result codes (the low byte of an extended code): the storage ones, as opposed to a
    // constraint (19) a route answers itself, or a mistake in a statement.
    const int code = error.nativeErrorCode().toInt() & 0xff;
    static const QList<int> storage = {5 /*BUSY*/, 6 /*LOCKED*/, 8 /*READONLY*/, 10 /*IOERR*/, 11 /*CORRUPT*/,
                                       13 /*FULL*/, 14 /*CANTOPEN*/, 26 /*NOTADB*/};
    if (storage.contains(code) || error.text().contains(QLatin1String("disk is full")))
        m_storageFailed = true;
}

void Database::limitPages(int pages)
{
    const int used = scalar(QStringLiteral("PRAGMA page_count")).toInt();
    run(QStringLiteral("PRAGMA max_page_count = %1").arg(pages > 0 ? qMax(used, pages) : 1073741823));
}

QVariantList Database::firstRowCached(const QString &sql, const QVariantList &binds)
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            qCWarning(lcServerDb) << "prepare failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
            return {};
        }
        it = m_prepared.emplace(sql, Prepared{std::move(q), -1}).first;
    }
    QSqlQuery &q = it->second.query;
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    QVariantList row;
    if (!q.exec()) {
        qCWarning(lcServerDb) << "exec failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
        noteFailure(q.lastError());
    } else if (q.next()) {
        // The statement's columns do not change: counted once (QSqlQuery::record() builds a whole QSqlRecord).
        int &columns = it->second.columns;
        if (columns < 0)
            columns = q.record().count();
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(q.value(c));
    }
    q.finish();
    return row;
}

qint64 Database::rowCount(const QString &table)
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)).toLongLong();
}

QVariant Database::scalar(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q = run(sql, binds);
    if (q.isActive() && q.next())
        return q.value(0);
    return {};
}

bool Database::begin()
{
    if (m_depth > 0) {
        if (!ok(run(QStringLiteral("SAVEPOINT level%1").arg(m_depth))))
            return false;
        ++m_depth;
        return true;
    }
    // IMMEDIATE: the write lock at once, so a request never fails half-way for a lock another process holds.
    if (!ok(run(QStringLiteral("BEGIN IMMEDIATE"))))
        return false;
    m_depth = 1;
    return true;
}

bool Database::commit()
{
    if (m_depth <= 0)
        return false;
    --m_depth;
    const bool done = ok(run(m_depth > 0 ? QStringLiteral("RELEASE level%1").arg(m_depth) : QStringLiteral("COMMIT")));
    if (!done && m_depth == 0)
        run(QStringLiteral("ROLLBACK")); // a failed COMMIT leaves the transaction open: end it, nothing half-written
    return done;
}

void Database::rollback()
{
    if (m_depth <= 0)
        return;
    --m_depth;
    if (m_depth > 0) {
        run(QStringLiteral("ROLLBACK TO level%1").arg(m_depth));
        run(QStringLiteral("RELEASE level%1").arg(m_depth));
    } else {
        run(QStringLiteral("ROLLBACK"));
    }
}

} // namespace ncre::server
