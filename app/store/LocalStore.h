#pragma once

#include "Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

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
    // Removes every trace of the account: drafts, cached documents, queued submissions (logout-with-forget, kiosk).
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
