#pragma once

#include "Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

namespace ncre {

// The client's SQLite file (architecture §5): drafts per account, sealed with SecretBox so ID numbers and photos
// never sit in the file in the clear. WAL, synchronous=NORMAL, busy_timeout, quick_check on open and user_version
// migrations; a damaged file is moved aside (never deleted) and the app starts clean, saying so.
// The only owner of SQLite in app/.
class LocalStore
{
public:
    struct OpenReport
    {
        int migratedFrom = 0;  // user_version found on open
        QString movedAsideTo; // non-empty: the old file was damaged and now lives here
    };

    // `key`: 32 bytes from the OS keychain (SecretBox::kKeyBytes).
    explicit LocalStore(QByteArray key);
    ~LocalStore();
    LocalStore(const LocalStore &) = delete;
    LocalStore &operator=(const LocalStore &) = delete;

    Result<OpenReport> open(const QString &path);
    void close();

    // Saves the draft `kind` ("profile", "subjects", ...) of `account`, replacing the previous one; committed (and
    // so safe from a crash or power cut, WAL + synchronous=NORMAL) when this returns ok.
    Result<void> saveDraft(const QString &account, const QString &kind, const QByteArray &payload);
    // The draft, or nullopt if none was saved.
    Result<std::optional<QByteArray>> loadDraft(const QString &account, const QString &kind);
    // Reference data (exam, sites, subjects, bulletins) as last served, with its ETag, so a restart shows it offline
    // and the next fetch can be conditional. Not personal: stored as is.
    struct CachedResource
    {
        QByteArray etag;
        QByteArray body;
        qint64 fetchedAt = 0; // seconds since the epoch
    };
    Result<void> putCached(const QString &key, const QByteArray &etag, const QByteArray &body);
    Result<std::optional<CachedResource>> cached(const QString &key);

    // Submissions made while offline (or that failed on the way), kept with the Idempotency-Key of their first
    // attempt so replaying them can never do the same thing twice. The body is sealed (it may hold an ID number).
    struct PendingSubmission
    {
        qint64 id = 0;
        QByteArray verb;
        QString path;
        QByteArray body;
        QByteArray idempotencyKey;
    };
    Result<qint64> enqueue(const QString &account, const QByteArray &verb, const QString &path, const QByteArray &body,
                           const QByteArray &idempotencyKey);
    // Oldest first.
    Result<QList<PendingSubmission>> pending(const QString &account);
    Result<void> dequeue(qint64 id);

    // Downloaded documents ("form", "ticket"), sealed, per account: they open offline on exam day.
    struct StoredDocument
    {
        QByteArray bytes;
        QByteArray etag;
        qint64 storedAt = 0; // seconds since the epoch
    };
    Result<void> putDocument(const QString &account, const QString &kind, const QByteArray &bytes, const QByteArray &etag);
    Result<std::optional<StoredDocument>> document(const QString &account, const QString &kind);

    // The verifier of the account's password (SecretBox::passwordVerifier), so the kept documents open offline
    // after the password is checked here. Replaced at each password login and password change.
    Result<void> putUnlockVerifier(const QString &account, const QByteArray &verifier);
    Result<std::optional<QByteArray>> unlockVerifier(const QString &account);
    // The kinds of documents kept for `account` ("form", "ticket"), without opening them.
    Result<QStringList> documentKinds(const QString &account);

    // Removes every trace of the account: drafts, cached documents, queued submissions, the unlock verifier (logout-with-forget, kiosk).
    Result<void> wipeAccount(const QString &account);

    int schemaVersion();
    static int latestSchemaVersion();

    // Test-only: the n-th statement from now fails (0: none), to prove every failure path leaves no half-write.
    void failStatementAfter(int n) { m_failAfter = n; }

private:
    Result<void> openFile(const QString &path);
    Result<void> migrate();
    Result<void> exec(const QString &sql, const QVariantList &binds = {});
    static QString accountKey(const QString &account);

    QByteArray m_key;
    QString m_connection;
    QSqlDatabase m_db;
    int m_failAfter = 0;
};

} // namespace ncre
