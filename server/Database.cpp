#include "Database.h"

#include "ServerLogging.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QUrlQuery>
#include <QUuid>

#include <sqlite3.h>

namespace ncre::server {

namespace {

// Schema versions, applied in order, the same on both backends: SQLite records the last one applied in
// PRAGMA user_version, PostgreSQL in the table ncre_schema. Each is written in SQLite's types and runs on PostgreSQL
// through postgresqlDdl() (the type names, identity keys and the case-insensitive collation), after its
// `postgresqlFirst` statements, which only PostgreSQL needs.
struct Migration
{
    const char *sql;
    const char *postgresqlFirst = nullptr;
};

const Migration kMigrations[] = {
    {R"sql(
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
     // Account names compare without case (SQLite's NOCASE): an ICU collation at strength 2, which a UNIQUE
     // constraint honours.
     R"sql(
    CREATE COLLATION IF NOT EXISTS ncre_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
    )sql"},
    // 2: the document numbers each account and address tried (keyed, not stored), for the enumeration guard.
    {R"sql(
    CREATE TABLE document_checks (
        account_id INTEGER NOT NULL,
        address TEXT NOT NULL,
        document_tag BLOB NOT NULL,
        conflict INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX document_checks_account ON document_checks(account_id, created_at);
    CREATE INDEX document_checks_address ON document_checks(address, created_at);
    )sql"},
    // 3: wrong passwords per account name and per client address, decaying, for growing delays (no hard lock).
    {R"sql(
    CREATE TABLE login_throttle (
        key TEXT PRIMARY KEY,
        failures REAL NOT NULL,
        last_at INTEGER NOT NULL
    );
    )sql"},
    // 4: refresh rotation remembers its successor, so a reused (stolen) refresh token ends the whole chain.
    {R"sql(
    ALTER TABLE sessions ADD COLUMN replaced_by INTEGER;
    ALTER TABLE sessions ADD COLUMN rotated_at INTEGER;
    )sql"},
    // 5: the QQ broker's one-time code remembers the client's redirect, which the token request must repeat.
    {R"sql(
    ALTER TABLE qq_codes ADD COLUMN redirect_uri TEXT;
    )sql"},
    // 6: who asked for captchas and QQ login starts (per-address caps on what strangers make the server keep);
    // which client rotated a refresh token (a reuse from another client within the grace is theft); the client
    // addresses an account logged in from (wrong passwords from elsewhere never lock the owner out at home).
    {R"sql(
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
    )sql"},
    // 7: a refresh-token family (the chain of rotations from one login), ended in one statement when a token is
    // reused and pruned as it grows; indexes for the sweeps, which delete in small batches.
    {R"sql(
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
    )sql"},
    // 8: who decided a review and when (the staff queue shows other terminals' decisions, issue 16).
    {R"sql(
    ALTER TABLE registrations ADD COLUMN decided_by TEXT;
    ALTER TABLE registrations ADD COLUMN decided_at INTEGER;
    CREATE INDEX registrations_site_decided ON registrations(site_id, decided_at);
    )sql"},
    // 9 (issue 17): secrets every instance shares (the document-check key, the emulated payment platform's key), and
    // on PostgreSQL the insertion order of orders, which SQLite has as rowid.
    {R"sql(
    CREATE TABLE server_secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    )sql",
     R"sql(
    ALTER TABLE orders ADD COLUMN seq BIGINT GENERATED BY DEFAULT AS IDENTITY;
    )sql"},
};

} // namespace

Database::Database()
    : m_name(QStringLiteral("ncre-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Database::~Database()
{
    dropPrepared(); // the statements go before their connection
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

namespace {

// A migration's SQLite DDL in PostgreSQL's words: 64-bit integers (SQLite's INTEGER is 64-bit; epoch seconds outlive
// PostgreSQL's 32-bit integer in 2038), identity keys for INTEGER PRIMARY KEY (SQLite's rowid alias), bytea for
// BLOB, double precision for REAL, and the ncre_nocase collation for NOCASE.
QString postgresqlDdl(QString sql)
{
    static const QList<QPair<QRegularExpression, QString>> words = {
        {QRegularExpression(QStringLiteral("\\bINTEGER PRIMARY KEY\\b")),
         QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")},
        {QRegularExpression(QStringLiteral("\\bINTEGER\\b")), QStringLiteral("BIGINT")},
        {QRegularExpression(QStringLiteral("\\bBLOB\\b")), QStringLiteral("BYTEA")},
        {QRegularExpression(QStringLiteral("\\bREAL\\b")), QStringLiteral("DOUBLE PRECISION")},
        {QRegularExpression(QStringLiteral("\\bCOLLATE NOCASE\\b")), QStringLiteral("COLLATE ncre_nocase")},
    };
    for (const auto &[pattern, replacement] : words)
        sql.replace(pattern, replacement);
    return sql;
}

QStringList statementsOf(const char *text)
{
    QStringList out;
    for (const QString &sql : QString::fromUtf8(text).split(QLatin1Char(';'), Qt::SkipEmptyParts))
        if (!sql.trimmed().isEmpty())
            out.append(sql);
    return out;
}

// Any instance migrating takes this lock first, so instances started together migrate once (pg_advisory_lock).
constexpr qint64 kMigrationLock = 0x6e637265; // "ncre"
// PostgreSQL: the longest a statement may run, and wait for a lock, once the server is serving (ms).
constexpr int kStatementTimeoutMs = 10000;
constexpr int kLockTimeoutMs = 5000;

} // namespace

Result<void> Database::open(const QString &location)
{
    if (location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive))
        return openPostgresql(location);
    // libpq's keyword form ("host=... dbname=... password=..."), or another scheme, is not a file name: refused
    // before SQLite would make a file of that name (its password in the name, readable by anyone).
    static const QRegularExpression keywords(QStringLiteral("(^|\\s)(host|hostaddr|dbname|user|password|port)\\s*="));
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    if (location.contains(keywords) || location.contains(scheme))
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("--db %1: expected an SQLite file or postgresql://USER@HOST[:PORT]/DATABASE "
                                    "(libpq's keyword form and other schemes are not taken)")
                         .arg(shownLocation(location)));
    return openSqlite(location);
}

Result<void> Database::openSqlite(const QString &path)
{
    m_backend = Backend::SQLite;
    // A new database file is this user's alone (it will hold ID numbers and photos): made 0600 before SQLite opens
    // it, whatever the umask. SQLite gives its -wal and -shm files the main file's permissions.
    if (path != QLatin1String(":memory:") && !QFileInfo::exists(path)) {
        QFile made(path);
        if (made.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            made.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("cannot open the database %1 (does its folder exist, and may this user write there?): %2")
                         .arg(path, m_db.driver()->lastError().driverText()));
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        QSqlQuery q = run(QString::fromLatin1(pragma));
        if (!ok(q) && (q.lastError().nativeErrorCode().toInt() & 0xff) == SQLITE_READONLY)
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("the database %1 is read-only for this user: ncre-server must be able to write "
                                        "the file and its folder (SQLite keeps its -wal and -shm files beside it)")
                             .arg(path));
        if (!ok(q))
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("the database %1 cannot be used (%2): is it an ncre-server database?")
                             .arg(path, q.lastError().databaseText()));
    }
    const QVariant check = scalar(QStringLiteral("PRAGMA quick_check"));
    if (check.toString() != QLatin1String("ok"))
        return Error(ErrorCode::ServerInternal, {}, QStringLiteral("database fails quick_check"));
    // Another program's database (tables, and no schema version of ours) is not taken over with ours beside them.
    if (scalar(QStringLiteral("PRAGMA user_version")).toInt() == 0) {
        QStringList tables;
        QSqlQuery q = run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                         "ORDER BY name LIMIT 5"));
        while (q.next())
            tables << q.value(0).toString();
        if (!tables.isEmpty())
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("the database %1 is not an ncre-server database: it holds tables of its own (%2) "
                                        "and no ncre-server schema version; give a new file or one ncre-server made")
                             .arg(path, tables.join(QStringLiteral(", "))));
    }
    useSqliteHandle();
    // A file this user may only read is opened read-only by SQLite (and every write of every request would fail):
    // refused at start, not found by the first candidate.
    const bool readOnly = m_sqlite ? sqlite3_db_readonly(m_sqlite, "main") == 1
                                   : (path != QLatin1String(":memory:") && !QFileInfo(path).isWritable());
    if (readOnly)
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("the database %1 is read-only for this user: ncre-server must be able to write the "
                                    "file and its folder (SQLite keeps its -wal and -shm files beside it)")
                         .arg(path));
    return migrate();
}

void Database::useSqliteHandle()
{
    m_sqlite = nullptr;
    // QSqlDriver::handle() is QtSql's sqlite3* (the documented way to reach it). It is only used when QtSql's driver
    // runs on the libsqlite3 this program links (Debian's Qt uses the system SQLite; a Qt with SQLite built into its
    // plugin has a library of its own, whose connections this one must not touch): both must report the same source.
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    const QString theirs = scalar(QStringLiteral("SELECT sqlite_source_id()")).toString();
    if (theirs != QLatin1String(sqlite3_sourceid())) {
        qCInfo(lcServerDb) << "QtSql's SQLite is not this program's: hot reads go through QtSql";
        return;
    }
    m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
}

void Database::FinalizeStatement::operator()(sqlite3_stmt *statement) const
{
    sqlite3_finalize(statement);
}

void Database::dropPrepared()
{
    m_prepared.clear();
    m_statements.clear();
    m_sqliteRows.clear();
    m_sqlite = nullptr;
}

QVariantList Database::firstRowSqlite(const QString &sql, const QVariantList &binds)
{
    // A failure is reported as QtSql would (logged with its SQL, never its values; storage failures noted by their
    // SQLite result code), so the caller cannot tell the paths apart.
    auto fail = [&](int code) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_sqlite));
        qCWarning(lcServerDb) << "exec failed:" << message << "in" << sql.simplified().left(120);
        noteFailure(QSqlError(message, message, QSqlError::StatementError, QString::number(code)));
        return QVariantList();
    };
    auto it = m_sqliteRows.find(sql);
    if (it == m_sqliteRows.end()) {
        const QByteArray text = sql.toUtf8();
        sqlite3_stmt *statement = nullptr;
        const int code = sqlite3_prepare_v3(m_sqlite, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT,
                                            &statement, nullptr);
        if (code != SQLITE_OK) {
            sqlite3_finalize(statement);
            return fail(sqlite3_extended_errcode(m_sqlite));
        }
        it = m_sqliteRows.emplace(sql, SqliteStatement(statement)).first;
    }
    sqlite3_stmt *statement = it->second.get();
    // Reset and unbound on every way out: nothing stays active across a COMMIT, nothing points into `binds`.
    const auto done = qScopeGuard([statement]() {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
    });
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &value = binds.at(i);
        int code = SQLITE_OK;
        switch (value.isNull() ? QMetaType::UnknownType : value.typeId()) {
        case QMetaType::UnknownType:
            code = sqlite3_bind_null(statement, i + 1);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            code = sqlite3_bind_int64(statement, i + 1, value.toLongLong());
            break;
        case QMetaType::Double:
            code = sqlite3_bind_double(statement, i + 1, value.toDouble());
            break;
        case QMetaType::QString: {
            const QString &text = *static_cast<const QString *>(value.constData());
            code = sqlite3_bind_text16(statement, i + 1, text.utf16(), int(text.size() * sizeof(QChar)), SQLITE_STATIC);
            break;
        }
        case QMetaType::QByteArray: {
            const QByteArray &bytes = *static_cast<const QByteArray *>(value.constData());
            code = sqlite3_bind_blob(statement, i + 1, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
            break;
        }
        default:
            qCWarning(lcServerDb) << "firstRowCached: cannot bind a" << value.typeName() << "in" << sql.simplified().left(120);
            return {};
        }
        if (code != SQLITE_OK)
            return fail(code);
    }
    const int step = sqlite3_step(statement);
    if (step == SQLITE_DONE)
        return {};
    if (step != SQLITE_ROW)
        return fail(sqlite3_extended_errcode(m_sqlite));
    const int columns = sqlite3_column_count(statement);
    QVariantList row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(statement, c)) {
        case SQLITE_INTEGER:
            row.append(qlonglong(sqlite3_column_int64(statement, c)));
            break;
        case SQLITE_FLOAT:
            row.append(sqlite3_column_double(statement, c));
            break;
        case SQLITE_TEXT: {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, c));
            row.append(QString::fromUtf8(text, sqlite3_column_bytes(statement, c)));
            break;
        }
        case SQLITE_BLOB: {
            const auto *bytes = static_cast<const char *>(sqlite3_column_blob(statement, c));
            row.append(QByteArray(bytes, sqlite3_column_bytes(statement, c)));
            break;
        }
        default:
            row.append(QVariant());
            break;
        }
    }
    return row;
}

Result<void> Database::openPostgresql(const QString &location)
{
    m_backend = Backend::PostgreSQL;
    const QUrl url(location);
    const QString shown = shownLocation(location);
    if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2 || url.userName().isEmpty() || url.hasFragment())
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("--db %1: expected postgresql://USER@HOST[:PORT]/DATABASE").arg(shown));
    if (!url.password().isEmpty())
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("--db %1: the password must not be in the URL (anyone can read a command line); "
                                    "put it in PGPASSWORD or a password file (PGPASSFILE, default ~/.pgpass)")
                         .arg(shown));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("--db %1: Qt's PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)")
                         .arg(shown));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_db.setHostName(url.host());
    m_db.setPort(url.port(5432));
    m_db.setUserName(url.userName());
    m_db.setDatabaseName(url.path().mid(1));
    // The libpq options a site may need (TLS to a remote database, how long to wait), from the URL's query.
    static const QStringList passed = {QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                                       QStringLiteral("connect_timeout"), QStringLiteral("application_name")};
    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key.contains(QLatin1String("password")) || key == QLatin1String("passfile"))
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("--db %1: no password in the URL, not even as %2 (anyone can read a command "
                                        "line); put it in PGPASSWORD or a password file (PGPASSFILE, default ~/.pgpass)")
                             .arg(shown, key));
        if (!passed.contains(key))
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("--db %1: unknown option %2 (known: %3)").arg(shown, key, passed.join(u", ")));
        options << key + QLatin1Char('=') + value;
    }
    if (!query.hasQueryItem(QStringLiteral("connect_timeout")))
        options << QStringLiteral("connect_timeout=10");
    if (!query.hasQueryItem(QStringLiteral("application_name")))
        options << QStringLiteral("application_name=ncre-server");
    m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_db.open())
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("cannot connect to the database %1: %2").arg(shown, m_db.lastError().text().simplified()));
    configureSession();
    if (Result<void> migrated = migrate(); !migrated)
        return migrated;
    // After the migrations, which may take long on a large database: from now on a statement or a lock that waits
    // too long is cancelled, and its request answered 503 (noteFailure), rather than stopping this instance, which
    // serves one request at a time, for as long as another session holds a lock.
    run(QStringLiteral("SET statement_timeout = %1").arg(kStatementTimeoutMs));
    run(QStringLiteral("SET lock_timeout = %1").arg(kLockTimeoutMs));
    m_timeoutsSet = true;
    return {};
}

void Database::configureSession()
{
    if (m_backend != Backend::PostgreSQL)
        return;
    run(QStringLiteral("SET client_min_messages = warning")); // no NOTICE lines on stderr ("already exists, skipping")
    if (m_timeoutsSet) {
        run(QStringLiteral("SET statement_timeout = %1").arg(kStatementTimeoutMs));
        run(QStringLiteral("SET lock_timeout = %1").arg(kLockTimeoutMs));
    }
}

QString Database::shownLocation(const QString &location)
{
    // For messages: the location without a password in its user part and without its options' values (either may
    // hold a secret), also when it is not a valid URL.
    static const QRegularExpression userPassword(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*://[^/@?#]*?):[^/?#]*@"));
    static const QRegularExpression keywordPassword(QStringLiteral("((^|\\s)\\w*pass\\w*\\s*=\\s*)(\\S+)"));
    QString shown = location.section(QLatin1Char('#'), 0, 0); // a fragment is nothing libpq takes
    shown.replace(userPassword, QStringLiteral("\\1:…@"));
    shown.replace(keywordPassword, QStringLiteral("\\1…"));
    const qsizetype query = shown.indexOf(QLatin1Char('?'));
    if (query < 0)
        return shown;
    QStringList keys;
    for (const QString &item : shown.mid(query + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts))
        keys << item.section(QLatin1Char('='), 0, 0) + QStringLiteral("=…");
    return shown.left(query + 1) + keys.join(QLatin1Char('&'));
}

int Database::schemaVersion()
{
    if (m_backend == Backend::SQLite)
        return scalar(QStringLiteral("PRAGMA user_version")).toInt();
    run(QStringLiteral("CREATE TABLE IF NOT EXISTS ncre_schema (version BIGINT NOT NULL)"));
    return scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM ncre_schema")).toInt();
}

Result<void> Database::underSetupLock(const std::function<Result<void>()> &work)
{
    // Held across `work`, and taken before any transaction begins: a SERIALIZABLE snapshot taken before the lock
    // was granted would not see what another instance committed meanwhile.
    const bool postgresql = m_backend == Backend::PostgreSQL;
    if (postgresql)
        run(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLock));
    const auto unlock = qScopeGuard([this, postgresql]() {
        if (postgresql)
            run(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock));
    });
    return work();
}

Result<void> Database::migrate()
{
    return underSetupLock([this]() { return migrateLocked(); });
}

Result<void> Database::migrateLocked()
{
    const int target = int(sizeof(kMigrations) / sizeof(kMigrations[0]));
    const bool postgresql = m_backend == Backend::PostgreSQL;
    for (;;) {
        Transaction tx(*this);
        const int version = schemaVersion();
        if (version > target)
            return Error(ErrorCode::ServerInternal, {},
                         QStringLiteral("the database's schema is version %1, newer than this ncre-server knows (%2): "
                                        "run the newer ncre-server")
                             .arg(version)
                             .arg(target));
        if (version == target)
            return {};
        const Migration &m = kMigrations[version];
        QStringList statements;
        if (postgresql) {
            if (m.postgresqlFirst)
                statements += statementsOf(m.postgresqlFirst);
            for (const QString &sql : statementsOf(m.sql))
                statements += postgresqlDdl(sql);
        } else {
            statements = statementsOf(m.sql);
        }
        for (const QString &sql : statements) {
            if (!ok(run(sql)))
                return Error(ErrorCode::ServerInternal, {}, QStringLiteral("migration %1 failed").arg(version + 1));
        }
        if (postgresql) {
            run(QStringLiteral("DELETE FROM ncre_schema"));
            run(QStringLiteral("INSERT INTO ncre_schema (version) VALUES (?)"), {version + 1});
        } else {
            run(QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        }
        if (!tx.commit())
            return Error(ErrorCode::ServerInternal, {}, QStringLiteral("migration %1 not committed").arg(version + 1));
        qCInfo(lcServerDb) << "migrated to schema version" << version + 1;
    }
}

bool Database::answers()
{
    if (scalar(QStringLiteral("SELECT 1")).toInt() == 1)
        return true;
    if (!m_connectionLost || m_depth > 0)
        return false;
    // The connection was lost (the database restarted): a fresh one is opened at once, so the check says whether
    // the database answers now, not whether this instance's old connection did.
    if (scalar(QStringLiteral("SELECT 1")).toInt() != 1)
        return false;
    m_storageFailed = false;
    m_lostInRequest = false;
    return true;
}

QString Database::orderInsertionColumn() const
{
    return m_backend == Backend::SQLite ? QStringLiteral("rowid") : QStringLiteral("seq");
}

QString Database::rowLocator() const
{
    return m_backend == Backend::SQLite ? QStringLiteral("rowid") : QStringLiteral("ctid");
}

bool Database::attempt(const QString &sql, const QVariantList &binds)
{
    Transaction savepoint(*this);
    if (!savepoint.isOpen() || !ok(run(sql, binds)))
        return false; // the savepoint is rolled back, and the enclosing transaction goes on
    // Outside a transaction this is its own, and its COMMIT may be refused (a conflict): not done, then.
    return savepoint.commit();
}

QSqlQuery Database::run(const QString &sql, const QVariantList &binds)
{
    reconnectIfLost();
    QSqlQuery q(m_db);
    if (binds.isEmpty()) {
        // Nothing to bind: executed as it is (PostgreSQL cannot PREPARE a BEGIN, a SAVEPOINT or DDL).
        if (!q.exec(sql)) {
            qCWarning(lcServerDb) << "exec failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
            noteFailure(q.lastError());
        }
        return q;
    }
    // Prepared once per connection and kept: PostgreSQL then runs each statement in one round trip (EXECUTE)
    // instead of three (PREPARE, EXECUTE, DEALLOCATE), and SQLite skips compiling it again. A statement with binds
    // is one of the program's own texts, so the cache is bounded by the code. The caller's copy shares the
    // statement: it is read before the same statement runs again (nothing here nests a statement in itself).
    auto cached = m_statements.find(sql);
    if (cached == m_statements.end()) {
        if (!q.prepare(sql)) {
            qCWarning(lcServerDb) << "prepare failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
            noteFailure(q.lastError());
            return q;
        }
        // A copy shares the prepared statement (Qt 6.2 deprecates copying for that reason; here it is the point).
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_DEPRECATED
        cached = m_statements.emplace(sql, q).first;
    } else {
        q = cached->second;
        QT_WARNING_POP
        q.finish(); // whatever its last caller left unread
    }
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec()) {
        qCWarning(lcServerDb) << "exec failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
        noteFailure(q.lastError());
    }
    return q;
}

void Database::noteFailure(const QSqlError &error)
{
    if (m_backend == Backend::PostgreSQL) {
        if (m_depth > 0 && m_abortedDepth == 0)
            m_abortedDepth = m_depth; // PostgreSQL refuses every further statement of this transaction
        // SQLSTATE classes (PostgreSQL manual, appendix A): 40001/40P01 another transaction won; 08 the connection,
        // 53 resources (53100 disk full), 57P0x the server shutting down, 58 the system, 25006 read-only, XX internal.
        const QString state = error.nativeErrorCode();
        if (state == QLatin1String("40001") || state == QLatin1String("40P01")) {
            m_conflict = true;
            return;
        }
        if (state == QLatin1String("25P02"))
            return; // "in failed transaction": the statement that failed first was noted
        // statement_timeout (57014 query_canceled) or lock_timeout (55P03 lock_not_available): the database is
        // too busy or another session holds a lock; 503 with Retry-After.
        if (state == QLatin1String("57014") || state == QLatin1String("55P03")) {
            m_storageFailed = true;
            return;
        }
        const bool connection = state.isEmpty() || state.startsWith(QLatin1String("08"))
            || state.startsWith(QLatin1String("57P"));
        if (connection) {
            m_connectionLost = true;
            m_lostInRequest = true;
        }
        if (connection || state.startsWith(QLatin1String("53")) || state.startsWith(QLatin1String("58"))
            || state == QLatin1String("25006") || state.startsWith(QLatin1String("XX")))
            m_storageFailed = true;
        return;
    }
    // SQLite's primary result codes (the low byte of an extended code): the storage ones, as opposed to a
    // constraint (19) a route answers itself, or a mistake in a statement.
    const int code = error.nativeErrorCode().toInt() & 0xff;
    static const QList<int> storage = {5 /*BUSY*/, 6 /*LOCKED*/, 8 /*READONLY*/, 10 /*IOERR*/, 11 /*CORRUPT*/,
                                       13 /*FULL*/, 14 /*CANTOPEN*/, 26 /*NOTADB*/};
    if (storage.contains(code) || error.text().contains(QLatin1String("disk is full")))
        m_storageFailed = true;
}

void Database::reconnectIfLost()
{
    // A connection lost (the database restarted, a network cut) is opened again between transactions: the request
    // that found it lost was answered 503; the next one gets a fresh connection.
    if (!m_connectionLost || m_depth > 0)
        return;
    m_connectionLost = false;
    dropPrepared();
    m_db.close();
    if (m_db.open()) {
        qCInfo(lcServerDb) << "database connection opened again";
        configureSession();
    }
    else
        qCWarning(lcServerDb) << "database connection still lost:" << m_db.lastError().text().simplified();
}

bool Database::limitPages(int pages)
{
    if (m_backend != Backend::SQLite)
        return false;
    const int used = scalar(QStringLiteral("PRAGMA page_count")).toInt();
    run(QStringLiteral("PRAGMA max_page_count = %1").arg(pages > 0 ? qMax(used, pages) : 1073741823));
    return true;
}

QVariantList Database::firstRowCached(const QString &sql, const QVariantList &binds)
{
    reconnectIfLost();
    if (m_sqlite)
        return firstRowSqlite(sql, binds);
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            qCWarning(lcServerDb) << "prepare failed:" << q.lastError().text() << "in" << sql.simplified().left(120);
            noteFailure(q.lastError());
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
    // SQLite, IMMEDIATE: the write lock at once, so a request never fails half-way for a lock another process holds.
    // PostgreSQL, SERIALIZABLE: instances run side by side, and an interleaving that no serial order could produce
    // (two takers of the last seat) is refused to all but one, as a conflict the request is run again for.
    reconnectIfLost();
    if (!ok(run(m_backend == Backend::SQLite ? QStringLiteral("BEGIN IMMEDIATE")
                                             : QStringLiteral("BEGIN ISOLATION LEVEL SERIALIZABLE"))))
        return false;
    m_depth = 1;
    return true;
}

void Database::finishStatements()
{
    for (auto &[sql, query] : m_statements)
        if (query.isActive())
            query.finish();
}

bool Database::commit()
{
    if (m_depth <= 0)
        return false;
    finishStatements();
    const int level = m_depth--;
    // PostgreSQL ends a transaction in which a statement failed with ROLLBACK whatever it is asked, and a COMMIT
    // there "succeeds": a level (or one inside it) that failed and was not rolled back to its savepoint commits
    // nothing, and says so.
    if (m_abortedDepth > 0 && m_abortedDepth >= level) {
        if (m_depth == 0) {
            run(QStringLiteral("ROLLBACK"));
            m_abortedDepth = 0;
        }
        return false;
    }
    const bool done = ok(run(m_depth > 0 ? QStringLiteral("RELEASE level%1").arg(m_depth) : QStringLiteral("COMMIT")));
    if (!done && m_depth == 0)
        run(QStringLiteral("ROLLBACK")); // a failed COMMIT leaves the transaction open: end it, nothing half-written
    if (m_depth == 0)
        m_abortedDepth = 0;
    return done;
}

void Database::rollback()
{
    if (m_depth <= 0)
        return;
    finishStatements();
    --m_depth;
    if (m_depth > 0) {
        run(QStringLiteral("ROLLBACK TO level%1").arg(m_depth));
        run(QStringLiteral("RELEASE level%1").arg(m_depth));
        if (m_abortedDepth > m_depth)
            m_abortedDepth = 0; // back before the failure: the transaction goes on
    } else {
        run(QStringLiteral("ROLLBACK"));
        m_abortedDepth = 0;
    }
}

} // namespace ncre::server
