#include "LocalStore.h"

#include "SecretBox.h"
#include "StoreLogging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace ncre {

namespace {

// One entry per schema version; user_version records how many were applied. Append only.
const char *const kMigrations[] = {
    // 1: drafts, sealed.
    "CREATE TABLE drafts (account TEXT NOT NULL, kind TEXT NOT NULL, sealed BLOB NOT NULL, "
    "updated_at INTEGER NOT NULL, PRIMARY KEY (account, kind))",
    // 2: reference data cache with ETags, so a restart shows the exam offline.
    "CREATE TABLE reference_cache (key TEXT PRIMARY KEY, etag TEXT, body BLOB NOT NULL, fetched_at INTEGER NOT NULL)",
    // 3: outbox of submissions waiting for the network, with the idempotency key of their first attempt.
    "CREATE TABLE outbox (id INTEGER PRIMARY KEY, account TEXT NOT NULL, verb TEXT NOT NULL, path TEXT NOT NULL, "
    "sealed_body BLOB, idempotency_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL)",
    // 4: downloaded documents (registration form, admission ticket), sealed, so they open offline on exam day.
    "CREATE TABLE documents (account TEXT NOT NULL, kind TEXT NOT NULL, sealed BLOB NOT NULL, etag TEXT, "
    "sha256 TEXT NOT NULL, stored_at INTEGER NOT NULL, PRIMARY KEY (account, kind))",
    // 5: the password verifier that opens the kept documents offline (Argon2id string, not the password).
    "CREATE TABLE unlock (account TEXT PRIMARY KEY, verifier TEXT NOT NULL, updated_at INTEGER NOT NULL)",
};

} // namespace

LocalStore::LocalStore(QByteArray key)
    : m_key(std::move(key))
    , m_connection(QStringLiteral("ncre-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

LocalStore::~LocalStore()
{
    close();
}

void LocalStore::close()
{
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connection))
        QSqlDatabase::removeDatabase(m_connection);
}

int LocalStore::latestSchemaVersion()
{
    return int(sizeof(kMigrations) / sizeof(kMigrations[0]));
}

QString LocalStore::accountKey(const QString &account)
{
    // Drafts are filed under a hash, so the file does not list who used this computer. Account names are
    // case-insensitive (the server's accounts table: COLLATE NOCASE), so "Li.Lei" typed offline finds li.lei.
    return QString::fromLatin1(
        QCryptographicHash::hash(account.trimmed().toCaseFolded().toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<void> LocalStore::exec(const QString &sql, const QVariantList &binds)
{
    if (m_failAfter > 0 && --m_failAfter == 0)
        return Error(ErrorCode::StoreWrite, {}, QStringLiteral("injected failure"));
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        return Error(ErrorCode::StoreWrite, {}, q.lastError().text());
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        qCWarning(lcStore) << "statement failed:" << q.lastError().text();
        return Error(ErrorCode::StoreWrite, {}, q.lastError().text());
    }
    return {};
}

Result<void> LocalStore::openFile(const QString &path)
{
    close();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return Error(ErrorCode::StoreOpen, {}, m_db.lastError().text());
    QSqlQuery q(m_db);
    // A file that is not a database fails here, before any schema is touched.
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok"))
        return Error(ErrorCode::StoreCorrupt, {}, QStringLiteral("quick_check failed"));
    // WAL: a crash loses at most the transaction in flight; NORMAL: durable at each checkpoint, fast per commit;
    // secure_delete: deleted rows are overwritten with zeros, not left in free pages (the kiosk's wipe, issue 16).
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA secure_delete=ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    }
    return {};
}

Result<LocalStore::OpenReport> LocalStore::open(const QString &path)
{
    if (m_key.size() != SecretBox::kKeyBytes)
        return Error(ErrorCode::StoreOpen, {}, QStringLiteral("no encryption key"));
    OpenReport report;
    Result<void> opened = openFile(path);
    if (!opened && opened.error().code == ErrorCode::StoreCorrupt) {
        close();
        report.movedAsideTo = path + QStringLiteral(".damaged-")
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddhhmmss"));
        if (!QFile::rename(path, report.movedAsideTo))
            return Error(ErrorCode::StoreCorrupt, {}, QStringLiteral("cannot move the damaged file aside"));
        for (const char *suffix : {"-wal", "-shm"})
            QFile::rename(path + QLatin1String(suffix), report.movedAsideTo + QLatin1String(suffix));
        qCWarning(lcStore) << "damaged store moved aside";
        opened = openFile(path);
    }
    if (!opened)
        return opened.error();
    report.migratedFrom = schemaVersion();
    if (Result<void> migrated = migrate(); !migrated)
        return migrated.error();
    return report;
}

int LocalStore::schemaVersion()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : -1;
}

Result<void> LocalStore::migrate()
{
    const int from = schemaVersion();
    if (from > latestSchemaVersion())
        return Error(ErrorCode::StoreOpen, {}, QStringLiteral("store written by a newer NCRE Desk"));
    for (int v = from; v < latestSchemaVersion(); ++v) {
        if (!m_db.transaction())
            return Error(ErrorCode::StoreWrite, {}, m_db.lastError().text());
        Result<void> step = exec(QString::fromLatin1(kMigrations[v]));
        if (step)
            step = exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1));
        if (!step || !m_db.commit()) {
            m_db.rollback();
            return step ? Error(ErrorCode::StoreWrite, {}, QStringLiteral("migration not committed")) : step.error();
        }
        qCInfo(lcStore) << "store migrated to version" << v + 1;
    }
    return {};
}

Result<void> LocalStore::saveDraft(const QString &account, const QString &kind, const QByteArray &payload)
{
    const QByteArray sealed = SecretBox::seal(payload, m_key);
    if (sealed.isEmpty())
        return Error(ErrorCode::StoreWrite, {}, QStringLiteral("cannot seal"));
    return exec(QStringLiteral("INSERT INTO drafts (account, kind, sealed, updated_at) VALUES (?, ?, ?, ?) "
                               "ON CONFLICT (account, kind) DO UPDATE SET sealed = excluded.sealed, "
                               "updated_at = excluded.updated_at"),
                {accountKey(account), kind, sealed, QDateTime::currentSecsSinceEpoch()});
}

Result<std::optional<QByteArray>> LocalStore::loadDraft(const QString &account, const QString &kind)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT sealed FROM drafts WHERE account = ? AND kind = ?"));
    q.addBindValue(accountKey(account));
    q.addBindValue(kind);
    if (!q.exec())
        return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    if (!q.next())
        return std::optional<QByteArray>();
    Result<QByteArray> plain = SecretBox::open(q.value(0).toByteArray(), m_key);
    if (!plain)
        return plain.error();
    return std::optional<QByteArray>(std::move(plain).value());
}

Result<void> LocalStore::putCached(const QString &key, const QByteArray &etag, const QByteArray &body)
{
    return exec(QStringLiteral("INSERT INTO reference_cache (key, etag, body, fetched_at) VALUES (?, ?, ?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, body = excluded.body, "
                               "fetched_at = excluded.fetched_at"),
                {key, QString::fromLatin1(etag), body, QDateTime::currentSecsSinceEpoch()});
}

Result<std::optional<LocalStore::CachedResource>> LocalStore::cached(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT etag, body, fetched_at FROM reference_cache WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    if (!q.next())
        return std::optional<CachedResource>();
    return std::optional<CachedResource>(
        CachedResource{q.value(0).toByteArray(), q.value(1).toByteArray(), q.value(2).toLongLong()});
}

Result<qint64> LocalStore::enqueue(const QString &account, const QByteArray &verb, const QString &path,
                                   const QByteArray &body, const QByteArray &idempotencyKey)
{
    if (idempotencyKey.isEmpty())
        return Error(ErrorCode::IdempotencyKeyMissing, {}, QStringLiteral("queued submissions need their key"));
    const QByteArray sealed = body.isEmpty() ? QByteArray() : SecretBox::seal(body, m_key);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO outbox (account, verb, path, sealed_body, idempotency_key, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList{accountKey(account), QString::fromLatin1(verb), path,
                                          sealed.isEmpty() ? QVariant() : QVariant(sealed),
                                          QString::fromLatin1(idempotencyKey), QDateTime::currentSecsSinceEpoch()})
        q.addBindValue(v);
    if (m_failAfter > 0 && --m_failAfter == 0)
        return Error(ErrorCode::StoreWrite, {}, QStringLiteral("injected failure"));
    if (!q.exec())
        return Error(ErrorCode::StoreWrite, {}, q.lastError().text());
    return q.lastInsertId().toLongLong();
}

Result<QList<LocalStore::PendingSubmission>> LocalStore::pending(const QString &account)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, verb, path, sealed_body, idempotency_key FROM outbox WHERE account = ? "
                             "ORDER BY id"));
    q.addBindValue(accountKey(account));
    if (!q.exec())
        return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    QList<PendingSubmission> list;
    while (q.next()) {
        PendingSubmission p;
        p.id = q.value(0).toLongLong();
        p.verb = q.value(1).toByteArray();
        p.path = q.value(2).toString();
        if (!q.value(3).isNull()) {
            Result<QByteArray> body = SecretBox::open(q.value(3).toByteArray(), m_key);
            if (!body)
                return body.error();
            p.body = body.value();
        }
        p.idempotencyKey = q.value(4).toByteArray();
        list.append(p);
    }
    return list;
}

Result<void> LocalStore::dequeue(qint64 id)
{
    return exec(QStringLiteral("DELETE FROM outbox WHERE id = ?"), {id});
}

Result<void> LocalStore::wipeAccount(const QString &account)
{
    if (!m_db.transaction())
        return Error(ErrorCode::StoreWrite, {}, m_db.lastError().text());
    const QString key = accountKey(account);
    for (const char *sql : {"DELETE FROM drafts WHERE account = ?", "DELETE FROM outbox WHERE account = ?",
                            "DELETE FROM documents WHERE account = ?", "DELETE FROM unlock WHERE account = ?"}) {
        if (Result<void> r = exec(QString::fromLatin1(sql), {key}); !r) {
            m_db.rollback();
            return r;
        }
    }
    if (!m_db.commit())
        return Error(ErrorCode::StoreWrite, {}, m_db.lastError().text());
    // Deleted rows may linger in free pages and the WAL: checkpoint and vacuum so nothing is left to recover.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    q.exec(QStringLiteral("VACUUM"));
    return {};
}

Result<void> LocalStore::putDocument(const QString &account, const QString &kind, const QByteArray &bytes,
                                     const QByteArray &etag)
{
    const QByteArray sealed = SecretBox::seal(bytes, m_key);
    if (sealed.isEmpty())
        return Error(ErrorCode::StoreWrite, {}, QStringLiteral("cannot seal"));
    const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    return exec(QStringLiteral("INSERT INTO documents (account, kind, sealed, etag, sha256, stored_at) VALUES (?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (account, kind) DO UPDATE SET sealed = excluded.sealed, etag = excluded.etag, "
                               "sha256 = excluded.sha256, stored_at = excluded.stored_at"),
                {accountKey(account), kind, sealed, QString::fromLatin1(etag), QString::fromLatin1(sha),
                 QDateTime::currentSecsSinceEpoch()});
}

Result<std::optional<LocalStore::StoredDocument>> LocalStore::document(const QString &account, const QString &kind)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT sealed, etag, sha256, stored_at FROM documents WHERE account = ? AND kind = ?"));
    q.addBindValue(accountKey(account));
    q.addBindValue(kind);
    if (!q.exec())
        return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    if (!q.next())
        return std::optional<StoredDocument>();
    Result<QByteArray> plain = SecretBox::open(q.value(0).toByteArray(), m_key);
    if (!plain)
        return plain.error();
    StoredDocument d;
    d.bytes = std::move(plain).value();
    d.etag = q.value(1).toString().toLatin1();
    // The seal authenticates, but a document is what people print for the exam: check it is the one stored.
    if (QCryptographicHash::hash(d.bytes, QCryptographicHash::Sha256).toHex() != q.value(2).toString().toLatin1())
        return Error(ErrorCode::StoreCorrupt, {}, QStringLiteral("document hash mismatch"));
    d.storedAt = q.value(3).toLongLong();
    return std::optional<StoredDocument>(std::move(d));
}

Result<void> LocalStore::putUnlockVerifier(const QString &account, const QByteArray &verifier)
{
    if (verifier.isEmpty())
        return Error(ErrorCode::StoreWrite, {}, QStringLiteral("empty verifier"));
    return exec(QStringLiteral("INSERT INTO unlock (account, verifier, updated_at) VALUES (?, ?, ?) "
                               "ON CONFLICT (account) DO UPDATE SET verifier = excluded.verifier, "
                               "updated_at = excluded.updated_at"),
                {accountKey(account), QString::fromLatin1(verifier), QDateTime::currentSecsSinceEpoch()});
}

Result<std::optional<QByteArray>> LocalStore::unlockVerifier(const QString &account)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT verifier FROM unlock WHERE account = ?"));
    q.addBindValue(accountKey(account));
    if (!q.exec())
        return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    if (!q.next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(q.value(0).toString().toLatin1());
}

Result<QStringList> LocalStore::documentKinds(const QString &account)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT kind FROM documents WHERE account = ? ORDER BY kind"));
    q.addBindValue(accountKey(account));
    if (!q.exec())
        return Error(ErrorCode::StoreOpen, {}, q.lastError().text());
    QStringList kinds;
    while (q.next())
        kinds << q.value(0).toString();
    return kinds;
}

} // namespace ncre
